"""Corpus mode: group the copies of one story before the cross-copy checks see each other.

Copies of one story from different outlets (rewritten, spun, wrapped in another
language) share few word sequences but many distinctive words and names, while
two unrelated articles share almost none.  Each document gets a `Sketch`: two
MinHash signatures, one of its distinctive words (wordfreq Zipf below
`word-max-zipf`, any case) and one of its capitalised names.  Candidate pairs
come from LSH banding of the name signatures; a pair is one story when both
estimated Jaccard similarities reach their thresholds (`rules/checks/stories.yml`),
and union-find joins such pairs into groups.  A document then sees only the
observations of its own group.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, Sequence

from .settings import typed_settings

_WORD = re.compile(r"[^\W\d_]{3,}")
_PRIME = (1 << 31) - 1  # hashes, factors and products stay far below 2**64


@dataclass(frozen=True)
class StorySettings:
    """The grouping thresholds (rules/checks/stories.yml, `[tool.textlint-news.settings.stories]`)."""

    num_perm: int = 128
    word_max_zipf: float = 5.0
    min_words: float = 0.12
    min_names: float = 0.3
    rows_per_band: int = 2

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> "StorySettings":
        """Typed settings from a mapping with dashed keys; ValueError on a bad value."""
        found = typed_settings(cls, settings, "stories")
        if found.num_perm < 1 or not 1 <= found.rows_per_band <= found.num_perm:
            raise ValueError("settings stories.num-perm and stories.rows-per-band: need 1 <= rows <= perms")
        return found


@dataclass(frozen=True)
class Sketch:
    """MinHash signatures of a document's distinctive words and of its capitalised names."""

    words: tuple[int, ...]
    names: tuple[int, ...]


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[Any, Any]:
    import numpy as np

    rng = np.random.RandomState(20250212)  # fixed: sketches made in different processes compare
    return (rng.randint(1, _PRIME, num_perm, dtype=np.uint64),
            rng.randint(0, _PRIME, num_perm, dtype=np.uint64))


def _minhash(features: set[str], num_perm: int) -> tuple[int, ...]:
    """The MinHash signature of a set of strings (empty set: an empty signature)."""
    if not features:
        return ()
    import numpy as np

    a, b = _permutations(num_perm)
    hashes = np.fromiter((zlib.crc32(f.encode("utf-8")) % _PRIME for f in features),
                         dtype=np.uint64, count=len(features))
    return tuple((((np.outer(a, hashes) + b[:, None]) % _PRIME).min(axis=1)).tolist())


def sketch(text: str, settings: StorySettings) -> Sketch:
    """The story sketch of a text."""
    from .names.gazetteer import frequencies

    known, ceiling = frequencies().get, 10 ** (settings.word_max_zipf - 9)  # Zipf = log10(frequency) + 9
    lowered = {(w, w.lower()) for w in set(_WORD.findall(text))}
    rare = [(w, low) for w, low in lowered if known(low, 0.0) < ceiling]
    distinctive = {low for _, low in rare}
    names = {w for w, _ in rare if w[0].isupper() and not w.isupper()}
    return Sketch(_minhash(distinctive, settings.num_perm), _minhash(names, settings.num_perm))


def similarity(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two signatures (0.0 when either set was empty)."""
    if not first or not second:
        return 0.0
    return sum(x == y for x, y in zip(first, second)) / len(first)


def same_story(first: Sketch, second: Sketch, settings: StorySettings) -> bool:
    """True when two sketches share enough distinctive words and enough names."""
    return (similarity(first.names, second.names) >= settings.min_names
            and similarity(first.words, second.words) >= settings.min_words)


def group(sketches: Sequence[Sketch | None], settings: StorySettings) -> list[int]:
    """A group number for each sketch (the smallest member index); `None` stays alone."""
    parent = list(range(len(sketches)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    rows = settings.rows_per_band
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = {}
    for n, found in enumerate(sketches):
        if found is None or not found.names:
            continue
        for band in range(0, len(found.names) - rows + 1, rows):
            buckets.setdefault((band, found.names[band:band + rows]), []).append(n)
    compared: set[tuple[int, int]] = set()
    for members in buckets.values():
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                if (first, second) in compared or root(first) == root(second):
                    continue
                compared.add((first, second))
                if same_story(sketches[first], sketches[second], settings):
                    parent[max(root(first), root(second))] = min(root(first), root(second))
    return [root(n) for n in range(len(sketches))]
