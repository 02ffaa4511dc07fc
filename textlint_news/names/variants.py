"""How two spellings of a name relate: a small edit (a typo), or real variation.

Real variation is never a typo: case variants (NATO / Nato), diacritics
(Sébastien / Sebastien), inflections (Putin / Putins, Russia / Russian),
transliterations (Zelensky / Zelenskyy / Zelenskiy, Khodorkovsky / Hodorkovsky, shipped
groups such as Kyiv / Kiev).  A small edit is measured with the optimal-string-alignment
distance, so an adjacent transposition costs one edit like a dropped, doubled
or substituted letter.
"""
from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from .gazetteer import fold, same_known_group, zipf

INFLECTION_SUFFIXES = ("s", "es", "n", "an", "i")

# Romanisation choices that differ between outlets, applied to folded spellings
# (kept narrow: a broader rule would also hide doubled or dropped letters).
_TRANSLITERATION = (
    (re.compile(r"(?<=[sc]k)(?:yy|iy|ii|ij|yj|yi|i)$"), "y"),
    (re.compile(r"dzh|dj"), "j"),
    (re.compile(r"tch"), "ch"),
    (re.compile(r"tre$"), "ter"),  # British and American spelling: Centre / Center
)
# 'kh' is written 'h' (Khodorkovsky / Hodorkovsky) or 'k' (Mukherjee / Mukerjee).
_KH = re.compile(r"kh")


class Relation(Enum):
    """What a spelling is to another, from the point of view of a possible typo."""

    CASE = "case"
    INFLECTION = "inflection"
    TRANSLITERATION = "transliteration"
    EDIT = "edit"
    UNRELATED = "unrelated"


@lru_cache(maxsize=16384)
def romanised(word: str) -> frozenset[str]:
    """Folded spellings with common romanisation choices merged ('Zelenskyy' -> {'zelensky'})."""
    text = fold(word)
    for pattern, replacement in _TRANSLITERATION:
        text = pattern.sub(replacement, text)
    return frozenset((_KH.sub("h", text), _KH.sub("k", text)))


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment (restricted Damerau) distance of two folded spellings."""
    from rapidfuzz.distance import OSA

    return OSA.distance(fold(a), fold(b))


def max_edits(word: str, long_name: int) -> int:
    """Edits tolerated between spellings: one, two for names of `long_name` letters or more."""
    return 2 if len(word) >= long_name else 1


def relation(suspect: str, other: str, long_name: int, distance: int | None = None) -> Relation:
    """How `suspect` relates to `other`, the spelling it may be a typo of (`distance`: their
    folded edit distance, when the caller has it)."""
    a, b = fold(suspect), fold(other)
    if a == b:  # (spellings equal but for case fold alike)
        return Relation.CASE if suspect.lower() == other.lower() else Relation.TRANSLITERATION
    if _inflected(a, b):
        return Relation.INFLECTION
    if _inflected(b, a) and zipf(suspect) > 0:
        return Relation.INFLECTION  # both real words: Russia / Russian
    if romanised(suspect) & romanised(other) or same_known_group(suspect, other):
        return Relation.TRANSLITERATION
    if (edit_distance(a, b) if distance is None else distance) <= max_edits(min(a, b, key=len), long_name):
        return Relation.EDIT
    return Relation.UNRELATED


def _inflected(longer: str, shorter: str) -> bool:
    """True when `longer` is `shorter` plus an inflection suffix (not a doubled last letter)."""
    if not longer.startswith(shorter):
        return False
    suffix = longer[len(shorter):]
    return suffix in INFLECTION_SUFFIXES and not shorter.endswith(suffix)


_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _keyboard_neighbours() -> dict[str, frozenset[str]]:
    """QWERTY keys that touch each letter key (rows are staggered to the right)."""
    position = {c: (r, i) for r, row in enumerate(_KEYBOARD_ROWS) for i, c in enumerate(row)}
    touching = {(0, -1), (0, 1), (-1, 0), (-1, 1), (1, -1), (1, 0)}
    return {
        c: frozenset(d for d, (r2, i2) in position.items() if (r2 - r, i2 - i) in touching)
        for c, (r, i) in position.items()
    }


KEYBOARD_NEIGHBOURS: dict[str, frozenset[str]] = _keyboard_neighbours()


def edit_kind(suspect: str, other: str) -> str | None:
    """Name the single typing slip that turns `other` into `suspect`, or None.

    'swapped letters', 'dropped letter', 'doubled letter', 'extra letter',
    'keyboard slip' (a neighbouring key) or 'changed letter'.
    """
    a, b = fold(suspect), fold(other)
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(diff) == 1:
            i = diff[0]
            return "keyboard slip" if b[i] in KEYBOARD_NEIGHBOURS.get(a[i], ()) else "changed letter"
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return "swapped letters"
        return None
    if len(a) == len(b) + 1:
        for i in range(len(a)):
            if a[:i] + a[i + 1:] == b:
                doubled = (i > 0 and a[i - 1] == a[i]) or (i + 1 < len(a) and a[i + 1] == a[i])
                return "doubled letter" if doubled else "extra letter"
        return None
    if len(b) == len(a) + 1 and edit_kind(other, suspect) is not None:
        return "dropped letter"
    return None


def slip_corrections(word: str, keep_first: bool = False, among: frozenset[str] | None = None) -> set[str]:
    """Folded spellings one typing slip away from `word`: what it may be a typo of.

    Inverts a swap of adjacent letters, a dropped letter, a doubled letter and a
    neighbouring-key substitution (the slips that typists make, unlike the
    random letter changes that separate two real names).  With `keep_first`, only
    the spellings that start with the same letter; with `among`, only those in it
    (faster than intersecting the whole answer with it).
    """
    text = fold(word)
    start = 1 if keep_first else 0
    found = [text[:i] + text[i + 1] + text[i] + text[i + 2:] if text[i] != text[i + 1]
             else text[:i] + text[i + 1:] for i in range(start, len(text) - 1)]
    if keep_first and len(text) > 1 and text[0] == text[1]:
        found.append(text[1:])
    for i in range(start, len(text) + 1):
        head, tail = text[:i], text[i:]
        found += [f"{head}{letter}{tail}" for letter in _LETTERS]
        if tail:
            rest = tail[1:]
            found += [f"{head}{near}{rest}" for near in KEYBOARD_NEIGHBOURS.get(tail[0], ())]
    out = set(found) if among is None else set(among.intersection(found))
    out.discard(text)
    return out
