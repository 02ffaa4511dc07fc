"""General-English word-pair counts: a second opinion for the rare-synonym detector.

The news collocations (`rules/data/collocations.tsv`) are learnt from a small
collection, so many ordinary pairs are unseen there.  symspellpy ships the
242,000 commonest English word pairs and 82,000 words of the Google Books
n-grams with their counts; a pair missing from that list is rarer than about
6.4 million occurrences, which is evidence too.  The same Dirichlet-smoothed
bigram model as the news one asks whether the neighbours expect the synonym:

    G(x) = log P(x | left) + log P(right | x),   P(x | left) = (c(left, x) + mu p(x)) / (c(left) + mu)

Read from symspellpy's package folder without importing it (nothing else of
the package is used).  Loaded once, on the first rare-synonym candidate.
"""
from __future__ import annotations

import importlib.util
import math
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Mapping

PAIRS_FILE = "frequency_bigramdictionary_en_243_342.txt"
WORDS_FILE = "frequency_dictionary_en_82_765.txt"


class GeneralBigrams:
    """Counts of common English words and word pairs (`"left right"` keys)."""

    def __init__(self, words: Mapping[str, int], pairs: Mapping[str, int], total: int | None = None,
                 rarest_pair: int | None = None) -> None:
        """`total` and `rarest_pair` are worked out from the tables when not given (dicts)."""
        self.words = words
        self.pairs = pairs
        self.total = max(1, sum(words.values())) if total is None else total
        if rarest_pair is not None:
            self.rarest_pair = rarest_pair

    def phrase_zipf(self, phrase: str, first_zipf: float) -> float | None:
        """A two-word phrase's Zipf frequency: its first word's (`first_zipf`) times the
        share of that word's occurrences the pair makes up (an unlisted pair counts as
        the list's rarest); None when the first word is not listed."""
        first_count = self.words.get(phrase.split(" ", 1)[0])
        if not first_count:
            return None
        pair = self.pairs.get(phrase) or self.rarest_pair
        return first_zipf + math.log10(min(1.0, pair / first_count))

    @cached_property
    def rarest_pair(self) -> int:
        return min(self.pairs.values(), default=1)

    def score(self, x: str, left: str, right: str, smoothing: float) -> tuple[float, int]:
        """G(x) between `left` and `right` (markers such as "<s>" count as unknown
        context), and how many of its two pairs the list holds."""
        words, pairs, total = self.words, self.pairs, self.total
        p_x = (words.get(x, 0) + 1) / total
        seen = 0
        if left[0] == "<":
            value = math.log(p_x)
        else:
            pair = pairs.get(f"{left} {x}", 0)
            seen += pair > 0
            value = math.log((pair + smoothing * p_x) / (words.get(left, 0) + smoothing))
        if right[0] != "<":
            pair = pairs.get(f"{x} {right}", 0)
            seen += pair > 0
            value += math.log((pair + smoothing * (words.get(right, 0) + 1) / total)
                              / (words.get(x, 0) + smoothing))
        return value, seen


def _package_folder(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the package {name} is not installed (pip install {name})")
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=1)
def general_bigrams() -> GeneralBigrams:
    """symspellpy's English word and word-pair counts (cached; mapped from the user cache
    after the first run, `textlint_news.mapped`)."""
    from ..mapped import MappedTable, mapped_table

    folder = _package_folder("symspellpy")
    words = mapped_table("symspell-words", [folder / WORDS_FILE], lambda: _read_words(folder / WORDS_FILE),
                         lambda table: {"total": max(1, sum(table.values()))})
    pairs = mapped_table("symspell-pairs", [folder / PAIRS_FILE], lambda: _read_pairs(folder / PAIRS_FILE),
                         lambda table: {"rarest": min(table.values(), default=1)})
    if isinstance(words, MappedTable) and isinstance(pairs, MappedTable):
        return GeneralBigrams(words, pairs, words.meta["total"], pairs.meta["rarest"])
    return GeneralBigrams(words, pairs)


def _read_words(path: Path) -> dict[str, int]:
    words: dict[str, int] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            word, count = line.split()
            words[word] = int(count)
    return words


def _read_pairs(path: Path) -> dict[str, int]:
    pairs: dict[str, int] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            key, _, count = line.rstrip().rpartition(" ")
            pairs[key] = int(count)
    return pairs
