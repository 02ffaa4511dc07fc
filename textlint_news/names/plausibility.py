"""How word-like a spelling looks: a letter-trigram model of wordfreq's English vocabulary.

Used only to break ties: when two copies of one sentence spell a name two ways
with equal support, the slip is usually the spelling with rarer letter
sequences ('Pecrhesk' against 'Perchesk').
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from .gazetteer import _frequencies, fold

_VOCABULARY = 60000


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], dict[str, float]]:
    words = sorted(_frequencies().items(), key=lambda item: -item[1])[:_VOCABULARY]
    trigrams: Counter = Counter()
    bigrams: Counter = Counter()
    for word, _ in words:
        if word.isalpha():
            padded = f"^^{word}$"
            for i in range(len(padded) - 2):
                trigrams[padded[i:i + 3]] += 1
                bigrams[padded[i:i + 2]] += 1
    return dict(trigrams), dict(bigrams)


@lru_cache(maxsize=16384)
def plausibility(word: str) -> float:
    """Mean log-probability of the spelling's letter trigrams (higher: more word-like)."""
    trigrams, bigrams = _model()
    padded = f"^^{fold(word)}$"
    scores = [
        math.log((trigrams.get(padded[i:i + 3], 0) + 0.1) / (bigrams.get(padded[i:i + 2], 0) + 2.7))
        for i in range(len(padded) - 2)
    ]
    return sum(scores) / len(scores)
