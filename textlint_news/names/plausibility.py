"""How word-like a spelling looks: a letter-trigram model of wordfreq's English vocabulary.

Used to break ties: when two copies of one sentence spell a name two ways with
equal support, the slip is usually the spelling with rarer letter sequences
('Pecrhesk' against 'Perchesk'); and a lone name is taken for a neighbouring-key
or doubled-letter slip only when it is less word-like than the intended name.
The counts are shipped data (rules/data/names_trigrams.json).
"""
from __future__ import annotations

import math
from functools import lru_cache

from ..resources import load_data
from .gazetteer import fold


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, int], dict[str, int]]:
    """Trigram and bigram counts of the 60,000 commonest words (built by
    corpora/build_names_trigrams.py)."""
    data = load_data("data/names_trigrams.json")
    return data["trigrams"], data["bigrams"]


def load_model() -> None:
    """Load the trigram model now."""
    _model()


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
