"""A 3-gram language model of general English: how well a wording fits its sentence.

The model is the one PocketSphinx ships for English dictation
(`pocketsphinx/model/en-us/en-us.lm.bin`: 72.5k lower-case words, 2.05M bigrams,
1.67M trigrams, BSD-2), read once per process in about 0.05 s and 33 MB; the
spin check loads it before worker processes fork (`Check.preload`), so they all
share one copy.

`LanguageModel.logprob(words)` is the natural-log probability of the words as one
running sequence; `LanguageModel.gain(left, old, new, right)` is how much better
`new` fits between `left` and `right` than `old` does.  Words are lower-cased
inside.  A word the model does not know (a rare name, "covid", a number in
digits) is scored at a fixed `UNKNOWN_LOGPROB` and cuts the history, so the words
after it are scored without it: names and numbers weigh the same in both sides of
a gain and never dominate it.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Sequence

START = "<s>"
UNKNOWN_LOGPROB = math.log(1e-6)  # a word outside the vocabulary: about the rarest words it knows
_TO_NATS = math.log(1.0001)  # PocketSphinx scores are logs in base 1.0001
_ABSENT = -536870912  # the score PocketSphinx gives a word it does not know
_MODEL = "en-us/en-us.lm.bin"
_CACHE_LIMIT = 500_000  # vocabulary look-ups kept before the cache starts afresh


class LanguageModel:
    """Scores word sequences with PocketSphinx's English 3-gram model."""

    def __init__(self, path: str | None = None) -> None:
        from pocketsphinx import NGramModel, get_model_path

        self._model = NGramModel.readfile(path or get_model_path(_MODEL))
        self._prob = self._model.prob
        self._known: dict[str, bool] = {}

    def known(self, word: str) -> bool:
        """Whether the model's vocabulary holds the (lower-case) word."""
        found = self._known.get(word)
        if found is None:
            if len(self._known) >= _CACHE_LIMIT:
                self._known.clear()
            found = self._known[word] = self._prob([word]) > _ABSENT
        return found

    def logprob(self, words: Sequence[str], start: bool = False) -> float:
        """Natural-log probability of `words` as one running sequence (after `<s>` when `start`)."""
        return self._score(_normalise(words), [START] if start else [])

    def gain(self, left: Sequence[str], old: Sequence[str], new: Sequence[str],
             right: Sequence[str], start: bool = False) -> float:
        """log P(left + new + right) - log P(left + old + right): positive when `new` fits better.

        Only what differs is scored: the words of `left` are the history (their own
        probability is the same on both sides), and `right` is scored up to the
        point where neither wording is in its history any more.
        """
        history = ([START] if start else []) + _normalise(left)[-2:]
        tail = _normalise(right)[:2]  # a trigram sees at most two words back
        return (self._score(_normalise(new) + tail, history)
                - self._score(_normalise(old) + tail, history))

    def _score(self, words: list[str], history: list[str]) -> float:
        """Sum of log P(word | the two words before it), the first ones after `history`."""
        context = _known_tail(self, history[-2:])
        total = 0
        unknown = 0
        for word in words:
            if not self.known(word):
                unknown += 1
                context = []
                continue
            total += self._prob([word, *reversed(context)])
            context = [context[-1], word] if context else [word]
        return total * _TO_NATS + unknown * UNKNOWN_LOGPROB


def _known_tail(lm: LanguageModel, context: list[str]) -> list[str]:
    """The end of a history after its last unknown word (a history never spans one)."""
    for i in range(len(context) - 1, -1, -1):
        if not lm.known(context[i]):
            return context[i + 1:]
    return context


def _normalise(words: Sequence[str]) -> list[str]:
    """Lower case, typographic apostrophes made plain, empty words dropped."""
    return [w.lower().replace("\u2019", "'") for w in words if w]


@lru_cache(maxsize=1)
def language_model() -> LanguageModel:
    """The shared model, loaded on first use (the spin check preloads it before forking)."""
    return LanguageModel()
