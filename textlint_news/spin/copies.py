"""Cross-copy evidence: a word or phrase that the story's other copies write otherwise.

Copies of one story share most of their wording: a wire text, a quoted
statement.  When a copy has "the facility of the Dollar" where another copy,
between the same two words on each side, writes "the power of the Dollar",
and the two wordings are thesaurus synonyms, the rarer one is a spinner's swap
of the commoner one.  Editors paraphrase too, so only synonym pairs count, the
other copy's wording must be at least as common (a spinner picks rarer words,
so an edited copy is never judged against a spun one), and no other copy may
write this copy's wording in that slot.

Each copy is reduced to its lower-case words (`copy_words`, the observation
the engine hands to the other copies' runs); a slot is the `context` words on
each side of a run of one to `max_phrase_words` words.  Function words, numbers and spelling variants
("defence" / "defense") are never swaps.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator, Mapping, Sequence

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
    """The lower-case words of a copy, its observation for the other copies."""
    return tuple(m.group().lower().replace("’", "'") for m in _WORD.finditer(text))


def _slots(words: Sequence[str], context: int, longest: int) -> dict[tuple, set[tuple[str, ...]]]:
    """For each context (the words before and after a run), the runs found between them."""
    slots: dict[tuple, set[tuple[str, ...]]] = {}
    n = len(words)
    for i in range(context, n - context):
        left = tuple(words[i - context:i])
        for length in range(1, longest + 1):
            if i + length + context > n:
                break
            right = tuple(words[i + length:i + length + context])
            slots.setdefault((left, right), set()).add(tuple(words[i:i + length]))
    return slots


def _written_elsewhere(words: Sequence[str], i: int, length: int,
                       written: Mapping[tuple, set[tuple[str, ...]]], context: int) -> bool:
    """Whether some other copy writes this run between the same words."""
    slot = (tuple(words[i - context:i]), tuple(words[i + length:i + length + context]))
    return tuple(words[i:i + length]) in written.get(slot, ())


def _counted(slot_sets: Sequence[dict[tuple, set[tuple[str, ...]]]]) -> dict[tuple, dict[tuple[str, ...], int]]:
    """Slot -> run -> how many of the copies write that run there."""
    counted: dict[tuple, dict[tuple[str, ...], int]] = {}
    for slots in slot_sets:
        for slot, runs in slots.items():
            counts = counted.setdefault(slot, {})
            for run in runs:
                counts[run] = counts.get(run, 0) + 1
    return counted


def _synonymous(mine: str, theirs: str) -> bool:
    return theirs in synonyms(mine) or mine in synonyms(theirs)


def find_copy_swaps(text: str, others: Sequence[Sequence[str]], limits: CopySettings) -> list[Signal]:
    """Signals for runs of `text` that other copies write as a commoner synonym.

    Two copies that differ by synonyms could each be the spun one: a copy is
    judged against another only when it holds the rarer wording in at least
    `min_swaps` slots and `dominance` times as many as the other copy does.
    """
    if not others or not limits.enabled:
        return []
    words = copy_words(text)
    mine = _counted([_slots(words, limits.context, limits.max_phrase_words)])
    agreeing = []  # the slots of every copy this one is judged against
    written: dict[tuple, set[tuple[str, ...]]] = {}  # every copy's runs by slot
    for other in others:
        slots = _slots(other, limits.context, limits.max_phrase_words)
        for slot, runs in slots.items():
            written.setdefault(slot, set()).update(runs)
        ahead = sum(1 for _ in _swaps(words, _counted([slots]), limits))
        behind = sum(1 for _ in _swaps(other, mine, limits))
        if ahead >= limits.min_swaps and ahead >= limits.dominance * behind:
            agreeing.append(slots)
    if not agreeing:
        return []
    theirs = _counted(agreeing)
    matches = list(_WORD.finditer(text))
    found: list[Signal] = []
    taken = -1
    for i, length, run, (better, copies) in _swaps(words, theirs, limits):
        if i <= taken or _written_elsewhere(words, i, length, written, limits.context):
            continue
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


def _swaps(words: Sequence[str], theirs: Mapping[tuple, Mapping[tuple[str, ...], int]],
           limits: CopySettings) -> Iterator[tuple[int, int, str, tuple[str, int]]]:
    context, n = limits.context, len(words)
    for i in range(context, n - context):
        left = tuple(words[i - context:i])
        for length in range(1, limits.max_phrase_words + 1):
            if i + length + context > n:
                break
            slot = (left, tuple(words[i + length:i + length + context]))
            runs = theirs.get(slot)
            mine = tuple(words[i:i + length])
            if not runs or mine in runs:
                continue
            best = _best_replacement(" ".join(mine), runs, limits)
            if best is not None:
                yield i, length, " ".join(mine), best
                break


def _best_replacement(mine: str, runs: Mapping[tuple[str, ...], int],
                      limits: CopySettings) -> tuple[str, int] | None:
    """The other copies' commonest wording of the slot that is a clearly commoner
    synonym of `mine` and no spelling variant of it, with how many copies write it."""
    if any(c.isdigit() for c in mine) or mine in function_words():
        return None
    from rapidfuzz.fuzz import ratio

    floor = zipf(mine) + limits.min_zipf_gap
    options = [(" ".join(run), count) for run, count in runs.items()]
    options = [(w, c) for w, c in options
               if zipf(w) >= floor and w not in function_words() and _synonymous(mine, w)
               and ratio(mine, w) <= limits.max_similarity]  # "defence"/"defense" is spelling
    if not options:
        return None
    return max(options, key=lambda option: (option[1], zipf(option[0])))


def _copies(count: int) -> str:
    return ("another copy of this story writes" if count == 1
            else f"{count} other copies of this story write")
