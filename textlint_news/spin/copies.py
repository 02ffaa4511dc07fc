"""Cross-copy evidence: the words a copy swapped, found by aligning it with its sister copies.

Copies of one story keep most of their sentences, and a spinner changes a
tenth or more of the content words of every sentence it keeps.  Each copy is
aligned with each sister copy (`alignment.align_copies`) and the differences
inside aligned sentences are sorted into swaps and editors' changes
(`swaps.py`).  Editors reword a sentence or two; a sister counts only when its
swaps stand in enough of the shared sentences (`min-swaps`, `min-sentences`,
`min-share`; fewer for two copies aligned throughout, `whole-copy`), and when
one copy's wordings fit worse throughout (`min-direction`, `min-evidence`):
then one of the two is spun.

Which one: with three or more copies, the others vote at each swap (a copy
whose alignment keeps one wording, or writes another), and the majority
wording wins; identical copies vote once.  Where no other copy votes, the copy
whose wordings fit worse (3-gram language model and wordfreq) is the spun one.
The original is never flagged.  A wording that another version of the story
writes too is vouched for (`CopyVerdict.vouched`): the other detectors do not
warn about it.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Mapping, NamedTuple, Sequence

from .alignment import Sentence, SentencePair, align_copies, sentences
from .signals import Signal
from .swaps import Swap, sentence_swaps

class SisterCopy(NamedTuple):
    """What a copy shows its sister copies: its path and its text."""

    path: str
    text: str


@dataclass(frozen=True)
class CopySettings:
    """Thresholds of the cross-copy comparison (rules/checks/spin.yml, `copies`)."""

    enabled: bool = True
    min_similarity: float = 0.5
    max_swap_words: int = 4
    max_spelling_similarity: float = 75.0
    min_swaps: int = 5
    min_sentences: int = 3
    min_share: float = 0.25
    whole_copy: float = 0.9
    whole_copy_min_swaps: int = 2
    whole_copy_min_sentences: int = 2
    rarity_weight: float = 1.0
    min_direction: float = 0.6
    min_evidence: float = 2.0
    document_share: float = 0.3
    document_min_sentences: int = 3
    confidence: float = 0.8
    known_word_zipf: float = 3.0
    titles: str = "mr mrs ms miss dr sir prof"
    pronouns: str = "he she it they him her them his hers its their theirs"
    editing_words: str = "said says saying told tells telling added adds adding"
    figure_words: str = ("first second third fourth fifth sixth seventh eighth ninth tenth monday tuesday "
                         "wednesday thursday friday saturday sunday january february march april may june "
                         "july august september october november december")
    spelling_changes: str = "our:or ise:ize isa:iza yse:yze ence:ense tre:ter ogue:og ll:l ae:e oe:e mme:m"

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> "CopySettings":
        from ..settings import typed_settings

        found = typed_settings(cls, settings, "spin.copies")
        if found.max_swap_words < 1 or not 0 < found.min_similarity <= 1:
            raise ValueError("settings spin.copies.max-swap-words and min-similarity: need max-swap-words "
                             f">= 1 and 0 < min-similarity <= 1, got {found.max_swap_words} and "
                             f"{found.min_similarity}")
        return found


@dataclass
class Relation:
    """This copy against one sister copy: their aligned sentences and swaps."""

    sister: SisterCopy
    pairs: list[SentencePair]
    swaps: list[Swap] = field(default_factory=list)
    aligned: int = 0
    lean: float = 0.5            # share of the swaps where the sister's wording fits better
    spun: bool = False           # this copy is the spun one of the two
    source: bool = False         # the sister is the spun one

    @property
    def swapped_sentences(self) -> int:
        return len({s.sentence for s in self.swaps if not s.weak})

    @property
    def share(self) -> float:
        return self.swapped_sentences / self.aligned if self.aligned else 0.0


@dataclass(frozen=True)
class CopyVerdict:
    """What the sister copies show about a copy.

    `vouched` holds the spans whose wording a sister copy vouches for, merged and
    in order: the runs of words that a sister which words other sentences otherwise
    (a version of its own, not a duplicate) writes the same way, and every aligned
    sentence of a copy that a spun sister was spun from.  Two versions that agree
    on a word did not both swap it.
    """

    swaps: list[Signal]
    spun_against: Relation | None = None  # the sister the copy reads as spun against, if any
    original: bool = False  # a sister reads as spun from this copy, and this copy against none
    vouched: tuple[tuple[int, int], ...] = ()

    def vouches(self, start: int, end: int) -> bool:
        """Whether a sister copy vouches for the wording of `start:end`."""
        n = bisect.bisect_right(self.vouched, (start, float("inf"))) - 1
        return n >= 0 and self.vouched[n][1] >= end


def compare_copies(text: str, sisters: Sequence[SisterCopy], limits: CopySettings) -> CopyVerdict:
    """The swaps of `text` that its sister copies show, and whether it reads as spun."""
    if not sisters or not limits.enabled:
        return CopyVerdict([])
    mine = sentences(text)
    starts = [s.start for s in mine]
    distinct = {sister.text: sister for sister in reversed(sisters) if sister.text != text}  # a duplicate votes once
    relations = [_relation(text, mine, starts, sister, limits) for sister in reversed(distinct.values())]
    indexes = [_OpIndex(r.pairs) for r in relations]
    flagged: dict[tuple[int, int], dict[str, list[float]]] = {}
    for n, relation in enumerate(relations):
        if not relation.swaps:
            continue
        votes = [_votes(swap, [index for m, index in enumerate(indexes) if m != n]) for swap in relation.swaps]
        if not _judge(relation, votes, limits):
            continue  # only a copy that reads as spun against this sister has swaps from it
        for swap, vote in zip(relation.swaps, votes):
            if vote < 0 or (swap.weak and vote == 0 and swap.evidence <= 0):
                continue  # other copies write it so too; a weak swap that fits no worse
            flagged.setdefault((swap.start, swap.end), {}).setdefault(swap.wording, []).append(swap.evidence)
    signals = [_signal(text, start, end, wordings, limits) for (start, end), wordings in sorted(flagged.items())]
    against = max((r for r in relations if r.spun), key=lambda r: (r.share, r.aligned), default=None)
    original = against is None and any(r.source for r in relations)
    return CopyVerdict(_disjoint(signals), against, original, _vouched(relations))


def _vouched(relations: list[Relation]) -> tuple[tuple[int, int], ...]:
    """The spans a sister vouches for (see `CopyVerdict`), merged and in order."""
    spans = []
    for relation in relations:
        aligned = [p for p in relation.pairs if p.aligned]
        if relation.source:
            spans.extend((p.a_start, p.a_end) for p in aligned)
        elif any(op.kind != "equal" for p in aligned for op in p.ops):
            spans.extend((op.a_start, op.a_end) for p in aligned for op in p.ops if op.kind == "equal")
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _relation(text: str, mine: tuple[Sentence, ...], starts: list[int], sister: SisterCopy,
              limits: CopySettings) -> Relation:
    """This copy aligned with `sister`; its swaps only when they stand in enough sentences."""
    relation = Relation(sister, align_copies(text, sister.text, limits.min_similarity))
    swaps: list[Swap] = []
    for pair in relation.pairs:
        if pair.aligned:
            relation.aligned += 1
            sentence = bisect.bisect_right(starts, pair.a_start) - 1
            if len(pair.ops) > 1:  # one op: the sentence is the same in both
                swaps.extend(sentence_swaps(text, sister.text, pair, mine[sentence], sentence, limits))
    strong = [s for s in swaps if not s.weak]
    swapped = len({s.sentence for s in strong})
    whole = relation.aligned >= limits.whole_copy * min(len(mine), len(sentences(sister.text)))
    least, sentences_least = ((limits.whole_copy_min_swaps, limits.whole_copy_min_sentences) if whole
                              else (limits.min_swaps, max(limits.min_sentences, limits.min_share * relation.aligned)))
    if len(strong) >= least and swapped >= sentences_least:
        lean = sum(s.evidence > 0 for s in swaps) / len(swaps)
        mean = sum(s.evidence for s in swaps) / len(swaps)
        if ((lean >= limits.min_direction and mean >= limits.min_evidence)
                or (1 - lean >= limits.min_direction and mean <= -limits.min_evidence)):
            relation.lean = lean  # one copy's wordings fit worse throughout: a spinner's, not an editor's
            relation.swaps = swaps
    return relation


class _OpIndex:
    """This copy's word operations against one sister, found by offset."""

    def __init__(self, pairs: list[SentencePair]) -> None:
        self.ops = sorted((op for p in pairs for op in p.ops), key=lambda op: op.a_start)
        self.starts = [op.a_start for op in self.ops]

    def vote(self, start: int, end: int) -> int:
        """-1 when the sister writes this copy's words `start:end` too, 1 when it replaces
        them with words of its own, 0 when it does not tell."""
        n = bisect.bisect_right(self.starts, start) - 1
        if n < 0 or self.ops[n].a_end < end:
            return 0
        return {"equal": -1, "replace": 1}.get(self.ops[n].kind, 0)


def _votes(swap: Swap, others: list[_OpIndex]) -> int:
    """How many other copies write this copy's wording otherwise, less those that keep it."""
    return sum(index.vote(swap.start, swap.end) for index in others)


def _judge(relation: Relation, votes: list[int], limits: CopySettings) -> bool:
    """Whether this copy is the spun one of the pair (and mark the sister spun when it is)."""
    decided = [v for v, s in zip(votes, relation.swaps) if v and not s.weak]
    against = sum(v > 0 for v in decided) / len(decided) if decided else relation.lean
    relation.spun = against >= limits.min_direction
    relation.source = 1 - against >= limits.min_direction
    return relation.spun


def _signal(text: str, start: int, end: int, wordings: dict[str, list[float]], limits: CopySettings) -> Signal:
    wording, evidence = max(wordings.items(), key=lambda item: (len(item[1]), sum(item[1])))
    original = text[start:end]
    suggestion = wording[0].upper() + wording[1:] if original[0].isupper() and wording[0].islower() else wording
    copies = ("another copy of this story writes" if len(evidence) == 1
              else f"{len(evidence)} other copies of this story write")
    confidence = limits.confidence + (1 - limits.confidence) * (0.5 * (max(evidence) > 0) + 0.5 * _thesaurus(original, wording))
    return Signal(start, end, "copy", "spin.copy",
                  f"'{original}' stands where {copies} '{wording}', in a sentence the copies share: "
                  f"a spinner's swap? Restore '{wording}'.",
                  (suggestion,), confidence, {"copies": float(len(evidence))})


def _thesaurus(mine: str, theirs: str) -> bool:
    """Whether the thesaurus calls the two wordings synonyms (more confidence, never needed)."""
    from .lexicon import synonyms

    mine, theirs = mine.lower(), theirs.lower()
    return theirs in synonyms(mine) or mine in synonyms(theirs)


def _disjoint(signals: list[Signal]) -> list[Signal]:
    """Signals that do not overlap an earlier one (in text order)."""
    kept: list[Signal] = []
    for signal in signals:
        if not kept or signal.start >= kept[-1].end:
            kept.append(signal)
    return kept
