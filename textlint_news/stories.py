"""Corpus mode: group the copies of one story before the cross-copy checks see each other.

Copies of one story from different outlets (rewritten, spun, wrapped in another
language) share few word sequences but many distinctive words and names, while
two unrelated articles share almost none.  Each document gets a `Sketch`: two
MinHash signatures, one of its distinctive words (wordfreq Zipf below
`word-max-zipf`, any case) and one of its capitalised names, each kept as the
bytes of an array of 32-bit values (512 bytes at 128 permutations, where a tuple
of Python ints took about 4.6 KB).  Candidate pairs come from LSH banding of the
name signatures, sorted into buckets all at once with numpy; a pair is one story
when both estimated Jaccard similarities reach their thresholds
(`rules/settings/stories.yml`), and the groups are the connected parts of such
pairs.  A bucket larger than `max-bucket` (a popular name's band, shared by many
stories) is compared one file per story found in the smaller buckets, so the
pairs grow with the files, not with their square.  A document then sees only
the observations of its own group.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence


_WORD = re.compile(r"[^\W\d_]{3,}")
_OTHER_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")  # a character beyond ASCII that _WORD matches
_ASCII_WORD = re.compile(r"[A-Za-z]{3,}")  # finds what _WORD does in a text without one, faster
_PRIME = (1 << 31) - 1  # hashes, factors and products stay far below 2**64
_SIGNATURE = "<u4"  # a signature's values are below _PRIME: 32 bits, little-endian on every machine


@dataclass(frozen=True)
class StorySettings:
    """The grouping thresholds (rules/settings/stories.yml, `[tool.textlint-news.settings.stories]`)."""

    num_perm: int = 128
    word_max_zipf: float = 5.0
    min_words: float = 0.12
    min_names: float = 0.3
    rows_per_band: int = 2
    max_bucket: int = 64

    def __post_init__(self) -> None:
        if self.num_perm < 1 or not 1 <= self.rows_per_band <= self.num_perm:
            raise ValueError("num-perm and rows-per-band: need 1 <= rows-per-band <= num-perm")
        if self.max_bucket < 2:
            raise ValueError("max-bucket: need at least 2")


@dataclass(frozen=True)
class Sketch:
    """MinHash signatures of a document's distinctive words and of its capitalised names:
    the bytes of uint32 arrays (`signature` reads one), empty for an empty set."""

    words: bytes
    names: bytes


def signature(values: bytes) -> Any:
    """A signature's values as a read-only numpy uint32 array (no copy)."""
    import numpy as np

    return np.frombuffer(values, dtype=_SIGNATURE)


def sketch_of(words: Sequence[int], names: Sequence[int]) -> Sketch:
    """A sketch from its signatures' values (as `signature(...).tolist()` gives them)."""
    import numpy as np

    return Sketch(np.asarray(words, dtype=_SIGNATURE).tobytes(), np.asarray(names, dtype=_SIGNATURE).tobytes())


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[Any, Any]:
    import numpy as np

    rng = np.random.RandomState(20250212)  # fixed: sketches made in different processes compare
    return (rng.randint(1, _PRIME, num_perm, dtype=np.uint64),
            rng.randint(0, _PRIME, num_perm, dtype=np.uint64))


def _minhash(features: set[str], num_perm: int) -> bytes:
    """The MinHash signature of a set of strings, as `Sketch` keeps it (empty set: b"").

    Each permutation is (a * hash + b) mod P, P = 2**31 - 1, reduced without
    numpy's slow uint64 `%`: the Mersenne fold (x & P) + (x >> 31) leaves a
    congruent value below 2 * P, and `minimum(x, x - P)` takes P off where x >= P
    (below P, the unsigned subtraction wraps to a larger number).
    """
    if not features:
        return b""
    import numpy as np

    a, b = _permutations(num_perm)
    prime = np.uint64(_PRIME)
    hashes = np.fromiter(map(zlib.crc32, map(str.encode, features)), dtype=np.uint64, count=len(features))
    hashes %= prime
    values = np.multiply.outer(a, hashes)  # below 2**62: no overflow
    values += b[:, None]
    high = values >> np.uint64(31)
    values &= prime
    values += high  # congruent, below 2 * P
    np.subtract(values, prime, out=high)
    np.minimum(values, high, out=values)
    return values.min(axis=1).astype(_SIGNATURE).tobytes()


def preload(settings: StorySettings) -> None:
    """Load the common-word table the sketches read now (before worker processes fork)."""
    from .names.gazetteer import common_words

    common_words(settings.word_max_zipf)


def sketch(text: str, settings: StorySettings) -> Sketch:
    """The story sketch of a text."""
    from .names.gazetteer import common_words

    words = set((_WORD if _OTHER_LETTER.search(text) else _ASCII_WORD).findall(text))
    distinctive = set(map(str.lower, words)) - common_words(settings.word_max_zipf)
    names = {w for w in words if w[0].isupper() and not w.isupper() and w.lower() in distinctive}
    return Sketch(_minhash(distinctive, settings.num_perm), _minhash(names, settings.num_perm))


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (0.0 when either set was empty)."""
    if not first or not second:
        return 0.0
    import numpy as np

    return int(np.count_nonzero(signature(first) == signature(second))) / len(signature(first))


def group(sketches: Sequence[Sketch | None], settings: StorySettings) -> list[int]:
    """A group number for each sketch (the smallest member index); `None`, and a sketch
    without names, stays alone.  The sketches are made with `settings` (one signature length).

    Two sketches are one story when both estimated similarities reach their thresholds;
    only pairs that share a band of their name signatures are compared (LSH), all at
    once with numpy, and the groups are the connected parts of the pairs found.  A band
    bucket of more than `max-bucket` files (a popular name's: many stories in it) is
    compared one file per story found so far (`_story_of_rows`).
    """
    numbers = list(range(len(sketches)))
    named = [n for n, found in enumerate(sketches) if found is not None and found.names]
    if len(named) > 1:
        names = _rows([sketches[n].names for n in named])
        words = _rows([sketches[n].words for n in named])
        for n, first in zip(named, _story_of_rows(names, words, settings).tolist()):
            numbers[n] = named[first]
    return numbers


def _rows(signatures: list[bytes]) -> Any:
    """Signatures of one length as the rows of one uint32 array."""
    return signature(b"".join(signatures)).reshape(len(signatures), -1)


def _story_of_rows(names: Any, words: Any, settings: StorySettings) -> Any:
    """For each row, the first row of its story: the connected parts of the pairs whose
    name and word similarities both reach their thresholds.

    First the pairs of every bucket of at most `max-bucket` rows; then, in a larger bucket,
    only the first row of each story those pairs make (a story's copies share most of
    their bands, so most of its bands' buckets are small): the pairs of such a bucket grow
    with the square of the stories in it, not of the copies.
    """
    import numpy as np

    buckets = _buckets(names, settings.rows_per_band)
    small = _verified(names, words, _bucket_pairs(*buckets, settings.max_bucket, None), settings)
    stories = _components(np.arange(names.shape[0]), small)
    if buckets[2].max(initial=0) > settings.max_bucket:
        large = _verified(names, words, _bucket_pairs(*buckets, settings.max_bucket, stories), settings)
        stories = _components(stories, large)
    return stories


def _verified(names: Any, words: Any, pairs: Any, settings: StorySettings) -> Any:
    """The candidate pairs (rows) whose name and word similarities both reach their thresholds."""
    import numpy as np

    kept = [np.empty((0, 2), dtype=np.int64)]
    for start in range(0, len(pairs), _PAIRS_PER_BLOCK):  # bounded memory for big runs
        block = pairs[start:start + _PAIRS_PER_BLOCK]
        block = block[_similarities(names, block) >= settings.min_names]
        kept.append(block[_similarities(words, block) >= settings.min_words])
    return np.concatenate(kept)


def _similarities(signatures: Any, pairs: Any) -> Any:
    """The estimated Jaccard similarity of each pair of rows (as `similarity` computes it)."""
    import numpy as np

    same = signatures[pairs[:, 0]] == signatures[pairs[:, 1]]
    return np.count_nonzero(same, axis=1) / signatures.shape[1]


def _components(label: Any, pairs: Any) -> Any:
    """Join the pairs (rows) into the groups of `label` (each row's smallest row of its group):
    the smallest row of each connected part, found by propagating the smaller label across
    each pair and jumping to the label's label, until nothing changes."""
    import numpy as np

    first, second = pairs[:, 0], pairs[:, 1]
    while True:
        low = np.minimum(label[first], label[second])
        changed = label.copy()
        np.minimum.at(changed, first, low)
        np.minimum.at(changed, second, low)
        changed = changed[changed]
        if np.array_equal(changed, label):
            return label
        label = changed


_PAIRS_PER_BLOCK = 8192
_PAIRS_PER_MERGE = 1 << 22  # band pairs gathered before their duplicates are dropped


def _buckets(names: Any, rows: int) -> tuple[Any, Any, Any]:
    """The LSH buckets of the rows of `names` (bands of `rows` columns): the rows sorted by
    bucket (and by row inside one), each entry's bucket number, and each bucket's size."""
    import numpy as np

    count, bands = names.shape[0], names.shape[1] // rows
    members = np.repeat(np.arange(count), bands)
    # one column per band entry: the band number, then its `rows` values
    table = np.concatenate((np.tile(np.arange(bands, dtype=np.uint64), count)[None, :],
                            names[:, :bands * rows].reshape(count * bands, rows).T))
    order = np.lexsort((members, *table[::-1]))  # by band, values, then member
    table, members = table[:, order], members[order]
    first = np.concatenate(([True], (table[:, 1:] != table[:, :-1]).any(axis=0)))  # each bucket's first entry
    bucket = np.cumsum(first) - 1
    return members, bucket, np.bincount(bucket)


def _bucket_pairs(members: Any, bucket: Any, sizes: Any, most: int, found: Any) -> Any:
    """Every pair (i < j, once) of rows in one bucket: of the buckets of at most `most` rows
    when `found` is None, else of the larger ones, one row (the first) of each group of
    `found` (a group number per row) in them."""
    import numpy as np

    large = sizes[bucket] > most
    if found is None:
        members, bucket = members[~large], bucket[~large]
    else:
        members, bucket = members[large], bucket[large]
        story = found[members]
        order = np.lexsort((members, story, bucket))
        members, bucket, story = members[order], bucket[order], story[order]
        first = np.concatenate(([True], (bucket[1:] != bucket[:-1]) | (story[1:] != story[:-1])))
        members, bucket = members[first], bucket[first]
    starts = np.flatnonzero(np.concatenate(([True], bucket[1:] != bucket[:-1]))) if len(bucket) else bucket
    sizes = np.diff(np.append(starts, len(members)))
    # how many members follow each entry in its bucket (a member is in a bucket once)
    later = np.repeat(starts + sizes, sizes) - np.arange(len(members)) - 1
    live = np.flatnonzero(later > 0)
    count = int(members.max(initial=0)) + 1
    found_pairs: list[Any] = [np.empty(0, dtype=np.int64)]  # pairs as low * count + high
    pending = 0
    for step in range(1, int(sizes.max(initial=0))):  # members `step` apart in one bucket
        live = live[later[live] >= step]  # only the entries that still have one: each pair costs once
        first, second = members[live].astype(np.int64), members[live + step].astype(np.int64)
        found_pairs.append(np.minimum(first, second) * count + np.maximum(first, second))
        pending += len(live)
        if pending > _PAIRS_PER_MERGE:  # a story's pairs repeat in most bands: kept once, the memory that of the pairs
            found_pairs, pending = [_distinct(np.concatenate(found_pairs))], 0
    codes = _distinct(np.concatenate(found_pairs))
    return np.stack((codes // count, codes % count), axis=1)


def _distinct(values: Any) -> Any:
    """The distinct values of an int64 array, sorted (a sort: numpy's hashing `unique` is
    several times slower on millions of pairs)."""
    import numpy as np

    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values
