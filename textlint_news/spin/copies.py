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
from dataclasses import dataclass
from functools import lru_cache
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

        return typed_settings(cls, settings, "spin.copies")


def copy_words(text: str) -> tuple[str, ...]:
    """The lower-case words of a copy."""
    return tuple(m.group().lower().replace("’", "'") for m in _WORD.finditer(text))


class Slots:
    """A copy's words, and for each slot (the `context` words before and after a run) the
    (position, length) of the runs of up to `longest` words written there."""

    def __init__(self, text: str, context: int, longest: int) -> None:
        self.words = words = copy_words(text)
        self.at: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        n = len(words)
        before = [words[max(0, j - context):j] for j in range(n + 1)]  # the words before position j
        at = self.at
        for i in range(context, n - context):
            left = before[i]
            for length in range(1, min(longest, n - context - i) + 1):
                key = left + before[i + length + context]  # the right side ends at i + length + context
                positions = at.get(key)
                if positions is None:
                    at[key] = [(i, length)]
                else:
                    positions.append((i, length))

    def runs(self, slot: tuple[str, ...]) -> set[tuple[str, ...]]:
        return {self.words[i:i + length] for i, length in self.at.get(slot, ())}


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
        if i <= taken or any(_writes(other, words, i, length, limits.context) for other in theirs):
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


def _writes(other: Slots, words: tuple[str, ...], i: int, length: int, context: int) -> bool:
    """Whether `other` writes the run `words[i:i + length]` between the same words."""
    slot = words[i - context:i] + words[i + length:i + length + context]
    return words[i:i + length] in other.runs(slot)


def _swaps(mine: Slots, other: Slots, shared: Iterable[tuple[str, ...]],
           limits: CopySettings) -> dict[tuple[int, int], str]:
    """(position, length) -> other's wording, for each position of `mine` where `other`
    writes a clearly commoner synonym in a shared slot (the shortest fitting run)."""
    found: dict[int, tuple[int, str]] = {}
    for slot in shared:
        runs = other.runs(slot)
        for i, length in mine.at[slot]:
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
    spelling variant of it."""
    if any(c.isdigit() for c in mine) or mine in function_words():
        return None
    from rapidfuzz.fuzz import ratio

    floor = zipf(mine) + limits.min_zipf_gap
    options = [w for w in (" ".join(run) for run in runs)
               if zipf(w) >= floor and w not in function_words() and _synonymous(mine, w)
               and ratio(mine, w) <= limits.max_similarity]  # "defence"/"defense" is spelling
    return max(options, key=zipf) if options else None


def _copies(count: int) -> str:
    return ("another copy of this story writes" if count == 1
            else f"{count} other copies of this story write")
