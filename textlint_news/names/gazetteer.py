"""What is known about a spelling: wordfreq frequency, a user's names file, shipped name data.

wordfreq's English table (~320k words) is mapped on first use (`textlint_news.english`)
and every look-up is memoised, so the checks can ask about every name cheaply.
"""
from __future__ import annotations

import math
import os
import unicodedata
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from ..resources import load_data


def frequencies() -> Mapping[str, float]:
    """wordfreq's English word frequencies (lower case), mapped (`textlint_news.english`)."""
    from ..english import frequencies as english

    return english()


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq Zipf frequency of a word (any case; 0.0 when wordfreq does not know it)."""
    freq = (_table if _table is not None else _frequencies_now()).get(word.lower().replace("’", "'"))
    return round(math.log10(freq) + 9, 2) if freq else 0.0


_table: Mapping[str, float] | None = None  # `frequencies()`, kept once `zipf` first asks


def _frequencies_now() -> Mapping[str, float]:
    global _table
    _table = frequencies()
    return _table


def known_at(words: Iterable[str], min_zipf: float) -> frozenset[str]:
    """The words that wordfreq knows as written at Zipf `min_zipf` or more: `words &
    common_words(min_zipf)`, by look-ups in the mapped table for the first
    `_LOOKUPS_BEFORE_SIEVE` words of a process (a lint of a few files asks about a few
    thousand), then sifted by `_common_sieve` first (most words asked are a name's
    misspellings, no word at all) and the few that pass looked up."""
    global _lookups
    floor, table = 10 ** (min_zipf - 9), frequencies()
    if _lookups >= _LOOKUPS_BEFORE_SIEVE:
        sieve, crc32 = _common_sieve(min_zipf), zlib.crc32
        passed = []
        for word in words:
            bit = crc32(word.encode("utf-8", "surrogatepass")) & _SIEVE_MASK
            if sieve[bit >> 3] >> (bit & 7) & 1:
                passed.append(word)
        words = passed
    else:
        words = list(words)
        _lookups += len(words)
    return frozenset(word for word in words if table.get(word, 0.0) >= floor)


# Words `known_at` looks up in the mapped table (about 10 µs each, the first time) before it
# sifts them by `_common_sieve` (2 MB from the user cache, ~0.3 µs a word; the set of the
# 170,000 words at Zipf 1.5 it replaces held 18 MB).
_LOOKUPS_BEFORE_SIEVE = 10_000
_lookups = 0
_SIEVE_MASK = (1 << 24) - 1  # bits of the sieve, less one: ~1% of other words pass it


@lru_cache(maxsize=4)
def _common_sieve(min_zipf: float) -> bytes:
    """A bit for each `common_words(min_zipf)` word's CRC-32 (its low 24 bits), set: a word
    whose bit is not set is not common (one whose bit is set may be: `known_at` looks it up)."""
    from ..english import sources
    from ..mapped import cached_value

    def build() -> bytes:
        bits = bytearray((_SIEVE_MASK + 1) // 8)
        for word in common_words.__wrapped__(min_zipf):  # not kept: the sieve replaces it
            bit = zlib.crc32(word.encode("utf-8", "surrogatepass")) & _SIEVE_MASK
            bits[bit >> 3] |= 1 << (bit & 7)
        return bytes(bits)

    return cached_value(f"wordfreq-en-common-sieve-{min_zipf!r}", [*sources(), Path(__file__)], build)


@lru_cache(maxsize=4)
def common_words(min_zipf: float) -> frozenset[str]:
    """The lower-case words wordfreq knows at Zipf `min_zipf` or more (a set: intersecting
    it is several times faster than looking words up in the frequency table; worked out
    once, then read from the user cache)."""
    from ..english import full_table, sources
    from ..mapped import cached_value

    floor = 10 ** (min_zipf - 9)
    return cached_value(f"wordfreq-en-common-{min_zipf!r}", [*sources(), Path(__file__)],
                        lambda: frozenset(word for word, freq in full_table().items() if freq >= floor))


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lowercase without diacritics: 'Sébastien' -> 'sebastien'."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Words that stand before a name without being a first name (Mr, President, ...)."""
    return frozenset(word.lower() for word in load_data("data/names_titles.txt"))


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    return frozenset(load_data("data/names_capitalised.txt"))


def name_word(word: str) -> bool:
    """True when WordNet writes the word capitalised ('paris', 'april', 'union', 'world' in
    'World Bank'): a word that names are made of, unlike 'pairs' or 'pain' (shipped list,
    built by corpora/build_names_trigrams.py)."""
    return fold(word) in _name_words()


@lru_cache(maxsize=1)
def _name_pairs() -> frozenset[tuple[str, str]]:
    return frozenset(tuple(line.split(" ", 1)) for line in load_data("data/names_pairs.txt"))


def name_pair(first: str, second: str) -> bool:
    """True when the two words stand side by side in a WordNet multi-word name ('Wall Street',
    'Saudi Arabia'; any case; shipped list, built by corpora/build_names_trigrams.py)."""
    return (fold(first), fold(second)) in _name_pairs()


@lru_cache(maxsize=1)
def variant_groups() -> dict[str, int]:
    """Folded spelling -> group number, for known variant spellings of one name."""
    groups: dict[str, int] = {}
    for number, group in enumerate(load_data("data/names_variants.yml")["groups"]):
        for spelling in group:
            groups[fold(spelling)] = number
    return groups


def same_known_group(a: str, b: str) -> bool:
    """True when both spellings belong to one shipped variant group (Kyiv, Kiev)."""
    groups = variant_groups()
    first, second = groups.get(fold(a)), groups.get(fold(b))
    return first is not None and first == second


def known_variant(word: str) -> bool:
    """True when the spelling is listed in a shipped variant group."""
    return fold(word) in variant_groups()


def load_tables() -> None:
    """Map wordfreq's table and load the shipped name lists now."""
    frequencies()
    titles()
    _name_words()
    _name_pairs()
    variant_groups()


def names_file(setting: object) -> frozenset[str]:
    """The folded names of the user's names file (`names-file`; relative to the cwd).

    Raises `OSError` when the file cannot be read; the caller reports it.
    """
    if not setting:
        return frozenset()
    path = Path(os.path.expanduser(str(setting)))
    if not path.is_absolute():
        path = Path.cwd() / path
    stat = path.stat()
    return _read_names(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _read_names(path: str, mtime_ns: int, size: int) -> frozenset[str]:
    text = Path(path).read_text(encoding="utf-8-sig")
    names = set()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            for word in line.replace("-", " ").split():
                names.add(fold(word))
            names.add(fold(line))
    return frozenset(names)
