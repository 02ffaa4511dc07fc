"""Cross-copy evidence: the words a copy swapped, found by aligning it with its sister copies.

Copies of one story keep most of their sentences, and a spinner changes a
tenth or more of the content words of every sentence it keeps.  Each copy is
aligned with each sister copy (`alignment.align_copies`); inside aligned
sentences, a run of one to `max-swap-words` words that the sister writes with
other words (few for few) is a swap, whatever the relation between the two
wordings, unless an editor's change explains it: a spelling variant
(defence / defense, Zelensky / Zelenskyy), a title added or dropped ("Mr"), a
figure updated, a name, a reporting verb ("said" / "told"), or function words
only.  Editors change a few sentences; a spinner most of them, so a sister
counts only when swaps stand in at least `min-share` of the shared sentences
(and at least `min-swaps` swaps): only then is one of the two copies spun.

Which one: with three or more copies, the others vote at each swap (a copy
whose alignment keeps one wording, or writes the other), and the minority
wording is the swap.  Where no other copy votes, the direction of the whole
pair decides: a spinner picks rarer words (wordfreq) that fit their
neighbours worse (the 3-gram language model, `lm.py`), so the copy whose
wordings are mostly rarer and less probable is the spun one.  The original is
never flagged: its swaps lose every vote.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator, Mapping, NamedTuple, Sequence

from .alignment import WORD, Sentence, SentencePair, WordOp, align_copies, sentences
from .signals import Signal

_PLAIN = re.compile(r"[^a-z0-9]")
_DIGITS = re.compile(r"\d+")
_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
            "seven": "7", "eight": "8", "nine": "9", "ten": "10"}


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
    whole_copy_min_swaps: int = 3
    whole_copy_min_sentences: int = 2
    rarity_weight: float = 1.0
    min_direction: float = 0.6
    document_share: float = 0.3
    document_min_sentences: int = 3
    confidence: float = 0.8
    known_word_zipf: float = 3.0
    titles: str = "mr mrs ms miss dr sir prof"
    editing_words: str = "said says told tells added adds"
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


@dataclass(frozen=True)
class Swap:
    """A run of this copy's words that a sister copy writes otherwise."""

    start: int
    end: int
    wording: str                 # the sister's wording, as it writes it
    mine: tuple[str, ...]        # lower-case words of both wordings, and the words around
    theirs: tuple[str, ...]
    left: tuple[str, ...]
    right: tuple[str, ...]
    sentence: int                # index of this copy's sentence
    weak: bool = False           # tells little: flagged only where the pair is decided, never counted
    evidence: float = 0.0        # how much better the sister's wording fits (`_evidence`)


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
    """What the sister copies show about a copy."""

    swaps: list[Signal]
    spun_against: Relation | None = None  # the sister the copy reads as spun against, if any
    settled: tuple[tuple[int, int], ...] = ()  # sentences aligned with a sister in a decided pair
    original: bool = False  # a sister reads as spun from this copy, and this copy against none


def compare_copies(text: str, sisters: Sequence[SisterCopy], limits: CopySettings) -> CopyVerdict:
    """The swaps of `text` that its sister copies show, and whether it reads as spun."""
    if not sisters or not limits.enabled:
        return CopyVerdict([])
    mine = sentences(text)
    starts = [s.start for s in mine]
    distinct = {sister.text: sister for sister in reversed(sisters) if sister.text != text}  # a duplicate votes once
    relations = [_relation(text, mine, starts, sister, limits) for sister in reversed(distinct.values())]
    if not any(r.swaps for r in relations):
        return CopyVerdict([])
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
    signals = [_signal(text, start, end, wordings, len(sisters), limits)
               for (start, end), wordings in sorted(flagged.items())]
    decided = [r for r in relations if r.spun or r.source]
    settled = tuple((p.a_start, p.a_end) for r in decided for p in r.pairs if p.aligned)
    against = max((r for r in relations if r.spun), key=lambda r: (r.share, r.aligned), default=None)
    original = against is None and any(r.source for r in relations)
    return CopyVerdict(_disjoint(signals), against, settled, original)


def _relation(text: str, mine: tuple[Sentence, ...], starts: list[int], sister: SisterCopy,
              limits: CopySettings) -> Relation:
    """This copy aligned with `sister`; its swaps only when they stand in enough sentences."""
    relation = Relation(sister, align_copies(text, sister.text, limits.min_similarity))
    swaps: list[Swap] = []
    for pair in relation.pairs:
        if pair.aligned:
            relation.aligned += 1
            sentence = bisect.bisect_right(starts, pair.a_start) - 1
            swaps.extend(_swaps(text, sister.text, pair, mine[sentence], sentence, limits))
    strong = [s for s in swaps if not s.weak]
    swapped = len({s.sentence for s in strong})
    whole = relation.aligned >= limits.whole_copy * min(len(mine), len(sentences(sister.text)))
    least, sentences_least = ((limits.whole_copy_min_swaps, limits.whole_copy_min_sentences) if whole
                              else (limits.min_swaps, limits.min_sentences))
    if len(strong) >= least and swapped >= max(sentences_least, limits.min_share * relation.aligned):
        lean = sum(s.evidence > 0 for s in strong) / len(strong)
        total = sum(s.evidence for s in strong)
        if (lean >= limits.min_direction and total > 0) or (1 - lean >= limits.min_direction and total < 0):
            relation.lean = lean  # one copy's wordings fit worse throughout: a spinner's, not an editor's
            relation.swaps = swaps
    return relation


def _swaps(text: str, theirs: str, pair: SentencePair, sentence: Sentence, index: int,
           limits: CopySettings) -> Iterator[Swap]:
    """The swaps of one aligned sentence: each replaced run that no editor's change explains.

    A run of content words replacing as many content words, or of words apart
    (a comma between them), is taken word by word: a spinner swaps one word at a
    time.  An "a"/"an" before a swap goes with it when it fits only one of the two
    wordings (a spinner leaves it), and an "'s" both copies write stays out of it.
    """
    their_words = WORD.findall(theirs, pair.b_start, pair.b_end)
    their_starts = [m.start() for m in WORD.finditer(theirs, pair.b_start, pair.b_end)]
    for start, end, b_start, b_end, added in _candidates(text, theirs, pair.ops, limits):
        if text[end - 2:end].lower().replace("’", "'") == theirs[b_end - 2:b_end].lower().replace("’", "'") == "'s":
            end, b_end = end - 2, b_end - 2
        at = bisect.bisect_left(sentence.spans, (start, start))
        b_at = bisect.bisect_left(their_starts, b_start)
        if (at and b_at and sentence.words[at - 1] in ("a", "an") and their_words[b_at - 1].lower() in ("a", "an")
                and _article_differs(text[start:end], theirs[b_start:b_end])):
            at, b_at = at - 1, b_at - 1
            start, b_start = sentence.spans[at][0], their_starts[b_at]
        words, wording = _lower(text, start, end), _lower(theirs, b_start, b_end)
        named = (_named(text, start, end, pair.a_start), _named(theirs, b_start, b_end, pair.b_start))
        after = bisect.bisect_left(sentence.spans, (end, end))
        b_after = bisect.bisect_left(their_starts, b_end)
        kind = _kind(words, wording, named, limits)
        if kind == "swap" and all(named) and not _word_in_name(text, sentence, at, after, their_words, b_at, b_after):
            kind = "weak"  # one name for another: an editor's as often as a spinner's
        if kind != "edit":
            left, right = sentence.words[max(0, at - 2):at], sentence.words[after:after + 2]
            evidence = _evidence(left, words, wording, right or ("</s>",), at == 0, limits)
            yield Swap(start, end, theirs[b_start:b_end], words, wording, left, right, index,
                       kind == "weak" or added, evidence)


def _candidates(text: str, theirs: str, ops: tuple[WordOp, ...],
                limits: CopySettings) -> Iterator[tuple[int, int, int, int, bool]]:
    """(start, end, sister's start, sister's end, words added or dropped) of each changed run.

    Words one copy has and the other lacks ("time to spare" for "time", "success
    story" for "success") are taken with the content word beside them that both
    copies write (the one before, else the one after), so the suggestion is the
    other copy's wording of that word.
    """
    for k, op in enumerate(ops):
        if op.kind == "replace":
            for (start, end), (b_start, b_end) in _pieces(text, theirs, op):
                yield start, end, b_start, b_end, False
        elif op.kind != "equal":
            extra = (WORD.findall(text, op.a_start, op.a_end) if op.kind == "delete"
                     else WORD.findall(theirs, op.b_start, op.b_end))
            grammar, titles = function_words(), set(limits.titles.split())
            if len(extra) >= limits.max_swap_words or all(w.lower() in grammar | titles for w in extra):
                continue
            before = ops[k - 1] if k and ops[k - 1].kind == "equal" else None
            after = ops[k + 1] if k + 1 < len(ops) and ops[k + 1].kind == "equal" else None
            if before is not None and _content(_last_word(text, before.a_start, before.a_end)[2]):
                (start, end, _), (b_start, b_end, _) = (_last_word(text, before.a_start, before.a_end),
                                                        _last_word(theirs, before.b_start, before.b_end))
                if op.kind == "delete":
                    yield start, op.a_end, b_start, b_end, True
                else:
                    yield start, end, b_start, op.b_end, True
            elif after is not None and _content(_first_word(text, after.a_start, after.a_end)[2]):
                (start, end, _), (b_start, b_end, _) = (_first_word(text, after.a_start, after.a_end),
                                                        _first_word(theirs, after.b_start, after.b_end))
                if op.kind == "delete":
                    yield op.a_start, end, b_start, b_end, True
                else:
                    yield start, end, op.b_start, b_end, True


def _last_word(text: str, start: int, end: int) -> tuple[int, int, str]:
    match = list(WORD.finditer(text, start, end))[-1]
    return match.start(), match.end(), match.group()


def _first_word(text: str, start: int, end: int) -> tuple[int, int, str]:
    match = WORD.search(text, start, end)
    return match.start(), match.end(), match.group()


def _content(word: str) -> bool:
    return word.lower() not in function_words() and not any(c.isdigit() for c in word)


def _article_differs(mine: str, theirs: str) -> bool:
    """Whether "a" fits before one wording and "an" before the other."""
    from .artifacts import vowel_sound

    return vowel_sound(mine.lower()) != vowel_sound(theirs.lower())


def _pieces(text: str, theirs: str, op: Any) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The (this copy's, the sister's) character spans of a replaced run, word by word when
    it replaces as many content words or words apart, else whole."""
    mine = [m.span() for m in WORD.finditer(text, op.a_start, op.a_end)]
    other = [m.span() for m in WORD.finditer(theirs, op.b_start, op.b_end)]
    if len(mine) == len(other) > 1:
        grammar = function_words()
        content = not any(w.lower() in grammar for w in WORD.findall(text, op.a_start, op.a_end)
                          + WORD.findall(theirs, op.b_start, op.b_end))
        apart = any(not text[a:b].isspace() for (_, a), (b, _) in zip(mine, mine[1:]))
        if content or apart:
            return list(zip(mine, other))
    return [((mine[0][0], mine[-1][1]), (other[0][0], other[-1][1]))]


def _lower(text: str, start: int, end: int) -> tuple[str, ...]:
    """The lower-case words of `text[start:end]`."""
    return tuple(w.lower().replace("’", "'") for w in WORD.findall(text, start, end))


def _word_in_name(text: str, sentence: Sentence, at: int, after: int, their_words: list[str], b_at: int,
                  b_after: int) -> bool:
    """Whether a swapped capitalised word is an ordinary English word inside a name both copies
    otherwise write alike ("Residence Depot" for "Home Depot"): a spinner's, not an editor's."""
    from .lexicon import zipf

    mine, theirs = text[sentence.spans[at][0]:sentence.spans[after - 1][1]], their_words[b_at:b_after]
    if after - at != 1 or len(theirs) != 1 or min(zipf(mine.lower()), zipf(theirs[0].lower())) < 3.5:
        return False
    before = at > 0 and b_at > 0 and _same_name_word(text[slice(*sentence.spans[at - 1])], their_words[b_at - 1])
    behind = (after < len(sentence.spans) and b_after < len(their_words)
              and _same_name_word(text[slice(*sentence.spans[after])], their_words[b_after]))
    return before or behind


def _same_name_word(mine: str, theirs: str) -> bool:
    return mine == theirs and mine[:1].isupper()


def _named(text: str, start: int, end: int, sentence_start: int) -> bool:
    """Whether `text[start:end]` holds a capitalised word that does not open its sentence."""
    return any(m.start() != sentence_start and m.group()[0].isupper() for m in WORD.finditer(text, start, end))


def _kind(mine: tuple[str, ...], theirs: tuple[str, ...], named: tuple[bool, bool], limits: CopySettings) -> str:
    """What two wordings of one slot are: "edit" when an editor's change explains them; "weak"
    when it may be a spinner's but tells little (function words only, a spinner's "within the"
    for "on the" and an editor's "that" for "which"; a name for a name; a run of words for
    another: an editor's rewording more often than a spinner's); else "swap"."""
    if not mine or not theirs or len(mine) > limits.max_swap_words or len(theirs) > limits.max_swap_words:
        return "edit"
    titles = set(limits.titles.split())
    mine_core = [w for w in mine if w not in titles]
    their_core = [w for w in theirs if w not in titles]
    if not mine_core or not their_core:
        return "edit"  # "Mr" added or dropped
    if (_figures_updated(mine_core, their_core, limits) or _spelling_variants(mine_core, their_core, limits)):
        return "edit"
    grammar = function_words()
    editing = set(limits.editing_words.split())
    if all(w in grammar or w in editing for w in mine_core + their_core):
        return "weak" if all(w in grammar for w in mine_core + their_core) else "edit"
    if (named[0] and all(w in grammar for w in their_core)) or (named[1] and all(w in grammar for w in mine_core)):
        return "edit"  # a name for "he" or "it", or back
    if min(len(mine), len(theirs)) > 1:
        return "weak"
    return "swap"


def _figures_updated(mine: list[str], theirs: list[str], limits: CopySettings) -> bool:
    """Figures or dates on both sides (or a figure for another number's word): an update,
    not a swap; "2" for "two" is a spinner's artifact."""
    dates = set(limits.figure_words.split())

    def figures(words: list[str]) -> list[str]:
        return [f for w in words for f in ([_NUMBERS.get(w, w)] if w in _NUMBERS or w in dates else _DIGITS.findall(w))]

    mine_figures, their_figures = figures(mine), figures(theirs)
    return bool(mine_figures and their_figures) and mine_figures != their_figures


def _spelling_variants(mine: list[str], theirs: list[str], limits: CopySettings) -> bool:
    """defence / defense, U.S. / US, Zelensky / Zelenskyy, organised / organized, a typo."""
    plain_mine, plain_theirs = _PLAIN.sub("", "".join(mine)), _PLAIN.sub("", "".join(theirs))
    if plain_mine == plain_theirs:
        return True
    if len(mine) == len(theirs) and all(_variant(a, b, limits) for a, b in zip(mine, theirs)):
        return True
    return False


def _variant(a: str, b: str, limits: CopySettings) -> bool:
    """Two spellings of one word: the same after a British / American spelling change, two
    forms of one lemma, or much alike where one is no English word wordfreq knows (a name's
    transliteration, a typo)."""
    if a == b:
        return True
    for british, american in _spelling_changes(limits.spelling_changes):
        if a.replace(british, american) == b or b.replace(british, american) == a:
            return True
    from rapidfuzz.fuzz import ratio

    from .lexicon import lemmas, zipf

    if ratio(a, b) >= limits.max_spelling_similarity and min(zipf(a), zipf(b)) < limits.known_word_zipf:
        return True
    return bool({lemma for lemma, _, _ in lemmas(a)} & {lemma for lemma, _, _ in lemmas(b)})


@lru_cache(maxsize=4)
def _spelling_changes(changes: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(change.split(":", 1)) for change in changes.split())  # type: ignore[misc]


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    from .features import function_words as shipped

    return shipped()


class _OpIndex:
    """This copy's word operations against one sister, found by offset."""

    def __init__(self, pairs: list[SentencePair]) -> None:
        self.ops = sorted((op for p in pairs for op in p.ops), key=lambda op: op.a_start)
        self.starts = [op.a_start for op in self.ops]

    def wording_at(self, start: int, end: int) -> str | None:
        """"=" when the sister writes this copy's words `start:end` too, its own words
        (lower case) when it replaces exactly them, None when it does not tell."""
        n = bisect.bisect_right(self.starts, start) - 1
        if n < 0:
            return None
        op = self.ops[n]
        if op.a_end < end:
            return None
        if op.kind == "equal":
            return "="
        return "replace" if op.kind == "replace" else None


def _votes(swap: Swap, others: list[_OpIndex]) -> int:
    """How many other copies side with the sister's wording, less those that keep this copy's."""
    votes = 0
    for index in others:
        said = index.wording_at(swap.start, swap.end)
        if said == "=":
            votes -= 1
        elif said == "replace":
            votes += 1
    return votes


def _judge(relation: Relation, votes: list[int], limits: CopySettings) -> bool:
    """Whether this copy is the spun one of the pair (and mark the sister spun when it is)."""
    decided = [v for v, s in zip(votes, relation.swaps) if v and not s.weak]
    against = sum(v > 0 for v in decided) / len(decided) if decided else relation.lean
    relation.spun = against >= limits.min_direction
    relation.source = 1 - against >= limits.min_direction
    return relation.spun


def _evidence(left: tuple[str, ...], mine: tuple[str, ...], theirs: tuple[str, ...], right: tuple[str, ...],
              start: bool, limits: CopySettings) -> float:
    """How much better the sister's wording fits: the language model's gain (nats; `start`:
    at the sentence's start) plus `rarity-weight` times how much commoner it is (Zipf);
    positive when this copy's is the swap."""
    from .lexicon import zipf
    from .lm import language_model

    gain = language_model().gain(left, mine, theirs, right, start=start)
    return gain + limits.rarity_weight * (zipf(" ".join(theirs)) - zipf(" ".join(mine)))


def _signal(text: str, start: int, end: int, wordings: dict[str, list[float]], sisters: int,
            limits: CopySettings) -> Signal:
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
