"""The `random` family: content words replaced by unrelated words of about the same frequency.

No thesaurus at all: the replacement is drawn from wordfreq's English list among
the words within `zipf_window` of the original's Zipf frequency that have the
same word class where the ending tells it (-ly adverbs, -ing and -ed forms,
plural -s, noun and adjective suffixes). A detector that knows synonyms cannot
recognise these pairs; what betrays them is only that the word does not fit its
sentence (or, across copies, that another copy has a different word there).
"""
from __future__ import annotations

import bisect
import random
import re
from functools import lru_cache
from typing import Iterator

from .base import FamilySpinner

MIN_ZIPF = 2.5        # words rarer than this are neither swapped nor used
ZIPF_WINDOW = 0.2     # a replacement's Zipf frequency is within this of the original's
MIN_OPTIONS = 8       # fewer words in the window: widen it (twice at most)

_CLASSES = (  # (class, endings): the first that fits names a word's class
    ("adverb", ("ly",)),
    ("ing", ("ing",)),
    ("past", ("ed",)),
    ("noun", ("tion", "sion", "ment", "ness", "ity", "ship", "ance", "ence", "ism", "ist", "er", "or")),
    ("nouns", ("tions", "sions", "ments", "nesses", "ities", "ships", "ances", "ences", "isms", "ists",
               "ers", "ors")),
    ("adjective", ("ous", "ful", "ive", "able", "ible", "al", "ic", "less", "ish")),
    ("plural", ("s",)),
)
_PLAIN = re.compile(r"[a-z]{3,}")


def word_class(word: str) -> str:
    """A rough word class from the ending ("other" when it tells nothing)."""
    best = ("other", 0)
    for name, endings in _CLASSES:
        for ending in endings:
            if word.endswith(ending) and len(word) > len(ending) + 2 and len(ending) > best[1]:
                best = (name, len(ending))
    if best[0] == "plural" and word.endswith(("ss", "us", "is")):
        return "other"
    return best[0]


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, tuple[list[float], list[str]]]:
    """Per word class, wordfreq's plain words of Zipf >= MIN_ZIPF sorted by Zipf (and the Zipfs)."""
    from textlint_news.spin.features import function_words
    from textlint_news.spin.lexicon import word_frequencies, zipf

    stop = function_words()
    by_class: dict[str, list[tuple[float, str]]] = {}
    for word in word_frequencies():
        if _PLAIN.fullmatch(word) and word not in stop:
            z = zipf(word)
            if z >= MIN_ZIPF:
                by_class.setdefault(word_class(word), []).append((z, word))
    return {name: ([z for z, _ in sorted(pairs)], [w for _, w in sorted(pairs)])
            for name, pairs in by_class.items()}


def similar_words(word: str, window: float = ZIPF_WINDOW) -> list[str]:
    """Words of `word`'s class within `window` of its Zipf frequency (wider when few), not its kin."""
    from textlint_news.spin.lexicon import zipf

    z = zipf(word)
    zipfs, words = vocabulary().get(word_class(word), ([], []))
    options: list[str] = []
    for width in (window, 2 * window, 4 * window):
        lo, hi = bisect.bisect_left(zipfs, z - width), bisect.bisect_right(zipfs, z + width)
        options = [w for w in words[lo:hi] if w[:4] != word[:4]]
        if len(options) >= MIN_OPTIONS:
            break
    return options


class RandomWordSpinner(FamilySpinner):
    """Replaces about `rate` of the content words with words of similar frequency and class."""

    name = "random"
    kind = "random"

    def proposals(self, text: str, words: list[re.Match], content: list[re.Match],
                  rng: random.Random) -> Iterator[tuple[int, int, str]]:
        from textlint_news.spin.lexicon import zipf

        order = list(content)
        rng.shuffle(order)
        for m in order:
            lower = m.group().lower()
            if not _PLAIN.fullmatch(lower) or zipf(lower) < MIN_ZIPF:
                continue
            options = similar_words(lower)
            if options:
                yield m.start(), m.end(), rng.choice(options)
