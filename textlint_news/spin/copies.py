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
from typing import TYPE_CHECKING, NamedTuple, Sequence

from ..check import RuleInfo
from .alignment import Sentence, SentencePair, align_copies, sentences
from .lexicon import synonyms
from .lm import language_model
from .detector_settings import spin_settings
from .settings import CopySettings
from .signals import CHECK, DetectorContext, Signal
from .swaps import Swap, sentence_swaps

if TYPE_CHECKING:
    from ..check import Context
    from ..document import Document

class SisterCopy(NamedTuple):
    """What a copy shows its sister copies: its path and its text."""

    path: str
    text: str


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
    mine, theirs = mine.lower(), theirs.lower()
    return theirs in synonyms(mine) or mine in synonyms(theirs)


def _disjoint(signals: list[Signal]) -> list[Signal]:
    """Signals that do not overlap an earlier one (in text order)."""
    kept: list[Signal] = []
    for signal in signals:
        if not kept or signal.start >= kept[-1].end:
            kept.append(signal)
    return kept


RULES = (
    RuleInfo(
        "spin.copy", "spin", "warning", "A word swap that the story's other copies, linted together, show.",
        "When copies of one story are linted together (several files, or --corpus), each "
        "is aligned with its sister copies, sentence by sentence and word by word. Inside "
        "shared sentences, a word or short phrase that a sister writes otherwise ('the "
        "garden of the dollar' where it writes 'the power of the dollar') is a spinner's "
        "swap, whatever the two wordings, once such swaps stand in enough of the shared "
        "sentences (copies.min-swaps, min-sentences, min-share; fewer for whole copies) "
        "and one copy's wordings fit their sentences worse (3-gram language model and "
        "wordfreq). With three or more copies the majority wording wins; the original is "
        "never flagged. Editors' changes stay quiet: spelling variants, titles, figures "
        "and dates, reporting verbs, sentences added, cut or moved. The suggestion is the "
        "sister's wording. See docs/copies.md."),
)


class CopyDetector:
    """The `Detector` of the swaps a story's sister copies show (settings: `copies`); its
    signals are reported as found, the verdict's other parts decide `spin.document`."""

    name = "copies"
    kind = "copy"
    rules = RULES
    stage = None

    def enabled(self, ctx: "Context") -> bool:
        return copy_settings(ctx).enabled

    def preload(self, ctx: "Context") -> None:
        if self.enabled(ctx):
            language_model().warm()  # the copies' direction: one copy shared by the forked workers

    def signals(self, doc: "Document", context: DetectorContext) -> list[Signal]:
        return copy_verdict(doc, context.lint).swaps

    def fill(self, doc: "Document", ctx: "Context", signals: list[Signal]) -> None:
        pass  # nothing is left unasked


def copy_verdict(doc: "Document", ctx: "Context") -> CopyVerdict:
    """What the story's other copies, aligned with this one, show: its swaps, and the
    sister it reads as spun against (kept in `doc.memo` for these sisters)."""
    sisters = [o for o in ctx.observations(CHECK) if isinstance(o, SisterCopy)]
    kept = doc.memo.get("spin.copy_verdict")
    if kept is not None and kept[0] == sisters:
        return kept[1]
    verdict = compare_copies(doc.text, sisters, copy_settings(ctx)) if sisters else CopyVerdict([])
    doc.memo["spin.copy_verdict"] = (sisters, verdict)
    return verdict


def copy_settings(ctx: "Context") -> CopySettings:
    """The `copies:` settings of the spin check."""
    return spin_settings(ctx).copies


DETECTOR = CopyDetector()
