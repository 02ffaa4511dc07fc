"""The `thesaurus` family: rarer one-word synonyms from Roget's Thesaurus (1911), not WordNet.

A content word is looked up in Roget's groups (`tables.roget_synonyms`) under
its own part of speech, read and re-inflected with the detector's morphology
("reported" -> report, verb, past -> "announced"); a synonym that the
detector's table (rules/data/synonyms.tsv) lists for the word is never used,
so every pair is one the detector has not seen. Like commercial spinners it
prefers the rarer synonyms (weight exp(-rarity_bias x Zipf)).
"""
from __future__ import annotations

import math
import random
import re
from typing import Iterator

from .base import FamilySpinner
from .tables import ROGET, roget_synonyms

MIN_CONTENT_ZIPF = 3.0    # words a thesaurus knows well are the ones swapped
MIN_SYNONYM_ZIPF = 2.0    # odd words, but not nonsense
RARITY_BIAS = 0.8


def unseen_synonyms(word: str, phrases: bool = False) -> list[str]:
    """Roget synonyms of a word form, inflected like it, that the detector's table does not list.

    The form is read with the detector's morphology (its parts of speech and inflections;
    a word it does not know is read as a base form of any part of speech Roget gives it).

    `phrases`: multi-word synonyms only (else one-word ones only).
    """
    from textlint_news.spin.lexicon import inflect, lemmas, synonyms

    lower = word.lower()
    table = roget_synonyms()
    readings = list(lemmas(lower)) or [(lower, pos, "base") for pos in table.get(lower, {})]
    known = set(synonyms(lower))
    out: dict[str, None] = {}
    for lemma, pos, form in readings:
        for other in table.get(lemma, {}).get(pos, ()):
            if (" " in other) != phrases or "-" in other:
                continue
            new = inflect(other, pos, form)  # "more tainted" for "worse": no longer one word
            if new != lower and new not in known and (" " in new) == phrases:
                out[new] = None
    return list(out)


def pick_rarer(options: list[str], rng: random.Random, bias: float = RARITY_BIAS,
               min_zipf: float = MIN_SYNONYM_ZIPF) -> str | None:
    """One of `options`, the rarer (by wordfreq) the likelier; None when none is common enough."""
    from textlint_news.spin.lexicon import zipf

    weights = {o: math.exp(-bias * zipf(o)) for o in sorted(options) if zipf(o) >= min_zipf}
    if not weights:
        return None
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class ThesaurusSpinner(FamilySpinner):
    """Swaps about `rate` of the content words for Roget synonyms the detector does not list."""

    name = "thesaurus"
    kind = "synonym"
    data = (ROGET,)

    def proposals(self, text: str, words: list[re.Match], content: list[re.Match],
                  rng: random.Random) -> Iterator[tuple[int, int, str]]:
        from textlint_news.spin.lexicon import zipf

        order = list(content)
        rng.shuffle(order)
        for m in order:
            lower = m.group().lower()
            if zipf(lower) < MIN_CONTENT_ZIPF:
                continue
            choice = pick_rarer([s for s in unseen_synonyms(lower) if s not in self.exclude], rng)
            if choice:
                yield m.start(), m.end(), choice
