"""The `phrase` family: a word for a phrase and a phrase for a word, from Roget's Thesaurus.

Roget's groups mix single words and phrases ("instead", "in lieu", "in place";
"try", "make an attempt"): a content word becomes one of its group's phrases
(inflected at its head: "tried" -> "made an attempt"), and a phrase of the text
that Roget lists becomes one of its group's single words. Pairs that the
spinner's own phrase swaps (corpora/phrase_swaps.yml) or the detector's table
list are never used; the held-out split also excludes the lexicon's phrases.
"""
from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import Iterator

from .base import FamilySpinner
from .tables import ROGET, roget_synonyms
from .thesaurus import MIN_CONTENT_ZIPF, unseen_synonyms

MIN_PHRASE_WORD_ZIPF = 3.0   # every word of a phrase swapped in is common (no Latin tags)
MAX_PHRASE_WORDS = 4


def common_phrase(phrase: str) -> bool:
    """2-MAX_PHRASE_WORDS plain words of two letters or more, each at least MIN_PHRASE_WORD_ZIPF."""
    from textlint_news.spin.lexicon import zipf

    words = phrase.split(" ")
    return (2 <= len(words) <= MAX_PHRASE_WORDS and "etc" not in words
            and all(len(w) > 1 and zipf(w) >= MIN_PHRASE_WORD_ZIPF for w in words))


def fits_inflection(word: str, phrase: str) -> bool:
    """A plural noun takes only phrases of content words ("moot points", not "thing to dos")."""
    from textlint_news.spin.features import function_words
    from textlint_news.spin.lexicon import lemmas

    plural = any(pos == "n" and form == "plural" for _, pos, form in lemmas(word))
    return not plural or not any(w in function_words() for w in phrase.split(" "))


@lru_cache(maxsize=1)
def _phrases_by_first_words() -> dict[tuple[str, str], tuple[tuple[str, ...], ...]]:
    """Roget's common phrases that have a one-word synonym, by their first two words, longest first."""
    index: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for entry, by_pos in roget_synonyms().items():
        if " " in entry and common_phrase(entry) and any(" " not in o for os in by_pos.values() for o in os):
            words = tuple(entry.split(" "))
            index.setdefault(words[:2], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


@lru_cache(maxsize=1)
def _own_pairs() -> frozenset[tuple[str, str]]:
    """(original, replacement) pairs of corpora/phrase_swaps.yml, both directions."""
    from corpora.spinner import load_phrase_swaps

    pairs = {(k, v.lower()) for k, vs in load_phrase_swaps().items() for v in vs}
    return frozenset(pairs | {(b, a) for a, b in pairs})


class PhraseSpinner(FamilySpinner):
    """Swaps about `rate` of the content words' worth of words for phrases and phrases for words."""

    name = "phrase"
    kind = "phrase"
    data = (ROGET,)

    def proposals(self, text: str, words: list[re.Match], content: list[re.Match],
                  rng: random.Random) -> Iterator[tuple[int, int, str]]:
        own = _own_pairs()
        sites: list[tuple[int, int, list[str]]] = []
        from textlint_news.spin.lexicon import zipf

        for m in content:
            lower = m.group().lower()
            if zipf(lower) >= MIN_CONTENT_ZIPF:
                options = [p for p in unseen_synonyms(lower, phrases=True)
                           if common_phrase(p) and fits_inflection(lower, p) and (lower, p) not in own]
                if options:
                    sites.append((m.start(), m.end(), options))
        sites += self._phrase_sites(text, words, own)
        rng.shuffle(sites)
        for start, end, options in sites:
            yield start, end, rng.choice(options)

    @staticmethod
    def _phrase_sites(text: str, words: list[re.Match], own: frozenset) -> list[tuple[int, int, list[str]]]:
        """Roget phrases written in the text (words one space apart), with their one-word synonyms."""
        from textlint_news.spin.lexicon import synonyms

        index = _phrases_by_first_words()
        table = roget_synonyms()
        sites = []
        for i, (m, after) in enumerate(zip(words, words[1:])):
            for phrase in index.get((m.group().lower(), after.group().lower()), ()):
                run = words[i:i + len(phrase)]
                if (len(run) == len(phrase) and all(text[a.end():b.start()] == " " for a, b in zip(run, run[1:]))
                        and tuple(w.group().lower() for w in run) == phrase):
                    entry = " ".join(phrase)
                    known = set(synonyms(entry))
                    options = sorted({o for os in table[entry].values() for o in os
                                      if " " not in o and "-" not in o and o not in known and (entry, o) not in own})
                    if options:
                        sites.append((run[0].start(), run[-1].end(), options))
                        break
        return sites
