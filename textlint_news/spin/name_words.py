"""The words of spun names: which capitalised words belong to names, which read as a
spinner's swap, and the language model's say on a name with one word swapped (`spin.name`).

A spinner with a dictionary the detector does not have ("Pits Fargo" for "Wells Fargo")
leaves no thesaurus trail, but its word is one that clean news seldom capitalises
(`rules/data/spin_name_case.tsv`, counted on the training split of ../shared/data), rarer
than the name's word, and one the 3-gram language model has not seen beside the name's
other words, where it expects the real one.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Sequence

from .lexicon import lemmas, zipf
from .settings import NameSettings


class NameWords:
    """Word tests on the shipped word lists and the capitalisation table (parsed by the caller)."""

    def __init__(self, settings: NameSettings, function_words: frozenset[str], capitalised: frozenset[str],
                 titles: frozenset[str], contrast: dict[str, set[int]], case: dict[str, tuple[int, int]]) -> None:
        self.settings = settings
        self.function_words = function_words
        self.capitalised = capitalised
        self.titles = titles
        self.contrast = contrast
        self._zipf = zipf
        self.case = case  # word -> (capitalised, lower-case) counts (`settings.case`)

    @lru_cache(maxsize=65536)
    def entity_word(self, word: str) -> bool:
        """Whether a name's word is an English word a spinner would swap: common (wordfreq),
        a dictionary word or one news writes in lower case too ("Valley", not "Beckham")."""
        lower = word.lower()
        if word in self.titles:
            return True  # "Mr Blair" spun "Plebeian Blair"
        if lower in self.function_words or not lower.isalpha() or len(lower) < 3:
            return False
        return self._zipf(lower) >= self.settings.min_word_zipf and bool(
            lemmas(lower) or self.name_share(lower) <= self.settings.max_entity_share)

    def given(self, word: str) -> bool:
        """Whether a word before a surname makes a person's name: a title ("Mr") or a word
        that is only a name ("Kate", "Liam": capitalised, no dictionary word)."""
        lower = word.lower()
        return word in self.titles or (not lemmas(lower) and (
            lower in self.capitalised or self.name_share(lower) >= self.settings.max_name_share))

    def own_word(self, word: str) -> bool:
        """Whether a word belongs to names only: news capitalises it (`max_name_share`) and
        it is no dictionary word ("Fargo", "York"; not "League")."""
        return self.name_share(word) >= self.settings.max_name_share and not lemmas(word.lower())

    def name_share(self, word: str) -> float:
        """The share of its uses inside a sentence that clean news writes `word` capitalised
        (training split of ../shared/data): high for a name's own word ("Tory", "Valley")."""
        upper, lower = self.case.get(word.lower(), (0, 0))
        return upper / (upper + lower + 1)

    @lru_cache(maxsize=65536)
    def lookalike_word(self, slot: str) -> bool:
        """Whether a capitalised word could be a spinner's swap from a thesaurus the detector
        does not read: an English word (wordfreq) that names seldom hold ("Centrality")."""
        lower = slot.lower()
        if not slot[1:].islower() or (lower in self.function_words or not lower.isalpha() or len(lower) < 3
                                      or self._zipf(lower) < self.settings.min_lookalike_zipf):
            return False
        if not lemmas(lower) and (self._zipf(lower) < self.settings.min_plain_zipf or lower in self.capitalised):
            return False  # not a dictionary word ("Sheff", "Doris"): no thesaurus offers it
        return self.name_share(lower) <= self.settings.max_lookalike_share

    @lru_cache(maxsize=65536)
    def lookalike(self, slot: str, word: str) -> bool:
        """Whether `slot` could be a spinner's swap for the name's `word`: a `lookalike_word`,
        less often a name's word than `word` and rarer, neither a spelling of it nor of its kind."""
        lower, other = slot.lower(), word.lower()
        if not self.lookalike_word(slot) or self.name_share(lower) >= self.name_share(other):
            return False
        if self._zipf(lower) >= self._zipf(other):
            return False  # a spinner reaches for the rarer word ("Pits" for "Wells")
        if stems(lower) & stems(other) or variant(lower, other):
            return False
        return not self.contrast.get(lower, set()) & self.contrast.get(other, set())


def association(words: Sequence[str], s: int, before: int, end: int) -> float:
    """How strongly the language model links words[s] with the name's words beside it,
    words[s - before:end] (the larger of the two sides present, in nats): a spinner's swap
    makes a pairing English has not seen ("Pits Fargo"), a real name seldom does."""
    from .lm import language_model

    left, right = words[s - before:s], words[s + 1:end]
    into, out = language_model().association(left, [words[s]], right)
    return max([into] * bool(left) + [out] * bool(right) or [0.0])


def model_gain(words: Sequence[str], first: int, s: int, end: int, word: str) -> float:
    """How much better the language model finds the run words[first:end] with `word` in
    the place of words[s], between the two words before and after it (lower case)."""
    from .lm import language_model

    spun = words[first:end]
    real = [*words[first:s], word, *words[s + 1:end]]
    return language_model().gain(words[max(0, first - 2):first], spun, real, words[end:end + 2])


def stems(phrase: str) -> set[str]:
    """A word's lemmas and the word itself (for a phrase: its last word's)."""
    word = phrase.split()[-1]
    return {word, *(lemma for lemma, _, _ in lemmas(word))}


def variant(slot: str, word: str) -> bool:
    """Whether two words are spellings or shortenings of one ("theater"/"theatre",
    "lab"/"laboratory", "electronics"/"electronic"): a shared start of four letters or more,
    or one word starting the other."""
    return any(len(os.path.commonprefix([a, b])) >= min(4, len(a), len(b))
               for a in stems(slot) for b in stems(word))
