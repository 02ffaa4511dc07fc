"""Cross-copy evidence: a word or phrase that the story's other copies write otherwise.

Copies of one story share most of their wording: a wire text, a quoted
statement.  When a copy has "the facility of the Dollar" where another copy,
between the same two words on each side, writes "the power of the Dollar",
and the two wordings are thesaurus synonyms, the rarer one is a spinner's swap
of the commoner one.  Editors paraphrase too, so only synonym pairs count, the
other copy's wording must be at least as common (a spinner picks rarer words,
so an edited copy is never judged against a spun one), and no other copy may
write this copy's wording in that slot.

The engine hands each copy's text to the other copies' runs; each is read
once per process into its lower-case words and its slots (the `context` words
on each side of a run of one to `max_phrase_words` words), so two copies are
compared only where their slots coincide.  Function words, numbers and spelling variants ("defence" /
"defense") are never swaps.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, count
from typing import Any, Iterable, Mapping, Sequence

from .features import function_words
from .lexicon import synonyms, zipf
from .signals import Signal

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")


@dataclass(frozen=True)
class CopySettings:
    """Thresholds of the cross-copy comparison (rules/checks/spin.yml, `copies`)."""

    enabled: bool = True
    context: int = 2
    max_phrase_words: int = 3
    min_zipf_gap: float = 0.3
    max_similarity: float = 75.0
    min_swaps: int = 2
    dominance: float = 3.0
    confidence: float = 0.9

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> "CopySettings":
        from ..settings import typed_settings

        found = typed_settings(cls, settings, "spin.copies")
        if found.context < 0 or found.max_phrase_words < 1:
            raise ValueError("settings spin.copies.context and max-phrase-words: need context >= 0 "
                             f"and max-phrase-words >= 1, got {found.context} and {found.max_phrase_words}")
        return found


def copy_words(text: str) -> tuple[str, ...]:
    """The lower-case words of a copy."""
    return tuple(" ".join(_WORD.findall(text)).lower().replace("’", "'").split())  # no word holds a space


class Slots:
    """A copy's words and the runs of one to `longest` words written in each of its slots.

    A slot is the `context` words before and after a run, as one string
    ("before|after").  `at` holds the run written in each slot as one number,
    position * `stride` + length (cheaper to build than a tuple), and `more`
    every (position, length), in order, of the slots written more than once.
    """

    def __init__(self, text: str, context: int, longest: int) -> None:
        self.words = words = copy_words(text)
        self.context, self.stride = context, longest + 1
        self.sides = sides = [" ".join(words[j:j + context]) for j in range(len(words) - context + 1)]
        # rows[n - 1][i - context]: the slot of the run of n words at i (its right side starts at i + n)
        rows = [list(map("|".join, zip(sides, sides[context + n:]))) for n in range(1, longest + 1)]
        self.at: dict[str, int] = {}
        for length, row in enumerate(rows, 1):
            self.at.update(zip(row, count(context * self.stride + length, self.stride)))
        self.more = _repeats(rows, context) if len(self.at) < sum(map(len, rows)) else {}

    def slot(self, i: int, length: int) -> str:
        """The slot of the run of `length` words at `i`."""
        return f"{self.sides[i - self.context]}|{self.sides[i + length]}"

    def positions(self, slot: str) -> list[tuple[int, int]]:
        """The (position, length) of the runs written in `slot`, in order."""
        if slot in self.more:
            return self.more[slot]
        return [divmod(self.at[slot], self.stride)] if slot in self.at else []

    def runs(self, slot: str) -> set[tuple[str, ...]]:
        return {self.words[i:i + length] for i, length in self.positions(slot)}

    def agrees(self, other: "Slots", slot: str) -> bool:
        """Whether this copy writes one run in a shared slot, and `other` the same
        (as its last, if it writes several): a quick test before `runs`."""
        if slot in self.more:
            return False
        i, length = divmod(self.at[slot], self.stride)
        j, theirs = divmod(other.at[slot], other.stride)
        return length == theirs and self.words[i:i + length] == other.words[j:j + theirs]


def _repeats(rows: list[list[str]], context: int) -> dict[str, list[tuple[int, int]]]:
    """Every (position, length), in order, of each slot written more than once
    (`rows` as `Slots` makes them)."""
    repeated = {slot for slot, times in Counter(chain.from_iterable(rows)).items() if times > 1}
    more: dict[str, list[tuple[int, int]]] = {}
    for length, row in enumerate(rows, 1):
        for i in compress(count(context), map(repeated.__contains__, row)):
            more.setdefault(row[i - context], []).append((i, length))
    for positions in more.values():
        positions.sort()
    return more


@lru_cache(maxsize=64)
def _slots(text: str, context: int, longest: int) -> Slots:
    return Slots(text, context, longest)


def find_copy_swaps(text: str, others: Sequence[str], limits: CopySettings) -> list[Signal]:
    """Signals for runs of `text` that other copies (their texts) write as a commoner synonym.

    Two copies that differ by synonyms could each be the spun one: a copy is
    judged against another only when it holds the rarer wording in at least
    `min_swaps` slots and `dominance` times as many as the other copy does.
    """
    if not others or not limits.enabled:
        return []
    shape = (limits.context, limits.max_phrase_words)
    mine = _slots(text, *shape)
    theirs = [_slots(other, *shape) for other in others]
    votes: dict[tuple[int, int], dict[str, int]] = {}  # (position, length) -> wording -> copies
    for other in theirs:
        if other.words == mine.words:
            continue  # a duplicate writes nothing otherwise
        shared = mine.at.keys() & other.at.keys()
        ahead = _swaps(mine, other, shared, limits)
        if len(ahead) < limits.min_swaps or len(ahead) < limits.dominance * len(_swaps(other, mine, shared, limits)):
            continue
        for (i, length), better in ahead.items():
            wordings = votes.setdefault((i, length), {})
            wordings[better] = wordings.get(better, 0) + 1
    words = mine.words
    matches = list(_WORD.finditer(text)) if votes else []
    found: list[Signal] = []
    taken = -1
    for (i, length), wordings in sorted(votes.items()):
        if i <= taken or any(_writes(other, mine, i, length) for other in theirs):
            continue
        better, copies = max(wordings.items(), key=lambda item: (item[1], zipf(item[0])))
        start, end = matches[i].start(), matches[i + length - 1].end()
        original = text[start:end]
        suggestion = better[0].upper() + better[1:] if original[0].isupper() else better
        before = " ".join(words[i - limits.context:i])
        after = " ".join(words[i + length:i + length + limits.context])
        found.append(Signal(
            start, end, "copy", "spin.copy",
            f"'{original}' stands where {_copies(copies)} '{better}' "
            f"('{before} … {after}'): a spinner's synonym swap? Restore '{better}'.",
            (suggestion,), limits.confidence, {"copies": float(copies)}))
        taken = i + length - 1
    return found


def _writes(other: Slots, mine: Slots, i: int, length: int) -> bool:
    """Whether `other` writes the run of `mine` at `i` between the same words."""
    return mine.words[i:i + length] in other.runs(mine.slot(i, length))


def _swaps(mine: Slots, other: Slots, shared: Iterable[str],
           limits: CopySettings) -> dict[tuple[int, int], str]:
    """(position, length) -> other's wording, for each position of `mine` where `other`
    writes a clearly commoner synonym in a shared slot (the shortest fitting run)."""
    found: dict[int, tuple[int, str]] = {}
    for slot in shared:
        if mine.agrees(other, slot):
            continue
        runs = other.runs(slot)
        for i, length in mine.positions(slot):
            run = mine.words[i:i + length]
            if run in runs or (i in found and found[i][0] <= length):
                continue
            better = _best_replacement(" ".join(run), runs, limits)
            if better is not None:
                found[i] = (length, better)
    return {(i, length): better for i, (length, better) in found.items()}


def _synonymous(mine: str, theirs: str) -> bool:
    return theirs in synonyms(mine) or mine in synonyms(theirs)


def _best_replacement(mine: str, runs: set[tuple[str, ...]], limits: CopySettings) -> str | None:
    """The commonest of `runs` that is a clearly commoner synonym of `mine` and no
    spelling variant of it (frequencies are asked only of synonyms: few runs are)."""
    if any(c.isdigit() for c in mine) or mine in function_words():
        return None
    candidates = [w for w in (" ".join(run) for run in runs)
                  if w not in function_words() and _synonymous(mine, w)]
    if not candidates:
        return None
    from rapidfuzz.fuzz import ratio

    floor = zipf(mine) + limits.min_zipf_gap
    options = [w for w in candidates if zipf(w) >= floor
               and ratio(mine, w) <= limits.max_similarity]  # "defence"/"defense" is spelling
    return max(options, key=zipf) if options else None


def _copies(count: int) -> str:
    return ("another copy of this story writes" if count == 1
            else f"{count} other copies of this story write")
