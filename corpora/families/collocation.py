"""The `collocation` family: fixed expressions broken by an equally common synonym.

A fixed expression of the text ("climate change", "high school", "take place",
"rule of thumb"; `tables.expressions`, its last word possibly plural) gets one
of its content words swapped for a Roget synonym whose wordfreq Zipf frequency
is within `EQUAL_ZIPF` of it ("high school" -> "tall school"): each word alone
reads as ordinary English, only the expression is wrong. Synonyms the
detector's table lists are never used.
"""
from __future__ import annotations

import random
import re
from typing import Iterator

from .base import FamilySpinner
from .tables import EXPRESSIONS, ROGET, expressions
from .thesaurus import unseen_synonyms

EQUAL_ZIPF = 0.6   # the replacement is about as common as the word it replaces


def expression_at(text: str, words: list[re.Match], i: int) -> list[re.Match]:
    """The words of the longest fixed expression starting at `words[i]` (one space apart), or []."""
    first = words[i].group()
    if i + 1 >= len(words) or not (first.islower() or first.istitle()) \
            or text[words[i].end():words[i + 1].start()] != " ":
        return []
    second = words[i + 1].group()
    found = list(expressions().get((first.lower(), second), ()))
    for singular in _singulars(second):  # "call centres": the second word ends a plural compound
        found += [e for e in expressions().get((first.lower(), singular), ()) if len(e) == 2]
    for expression in sorted(found, key=len, reverse=True):
        if len(expression) == 2:
            return words[i:i + 2]
        run = words[i:i + len(expression)]
        if (len(run) == len(expression) and text[run[1].end():run[2].start()] == " "
                and (run[2].group() == expression[2] or expression[2] in _singulars(run[2].group()))):
            return run
    return []


def _singulars(word: str) -> list[str]:
    from textlint_news.spin.lexicon import lemmas

    return [lemma for lemma, pos, form in lemmas(word) if pos == "n" and form == "plural"]


def equal_synonyms(word: str) -> list[str]:
    """One-word Roget synonyms of `word` within EQUAL_ZIPF of its frequency."""
    from textlint_news.spin.lexicon import zipf

    z = zipf(word)
    return [s for s in unseen_synonyms(word) if abs(zipf(s) - z) <= EQUAL_ZIPF]


class CollocationSpinner(FamilySpinner):
    """Breaks about `rate` of the content words' worth of fixed expressions (as many as the text has)."""

    name = "collocation"
    kind = "collocation"
    data = (ROGET, EXPRESSIONS)

    def proposals(self, text: str, words: list[re.Match], content: list[re.Match],
                  rng: random.Random) -> Iterator[tuple[int, int, str]]:
        from corpora.spinner import sentence_start
        from textlint_news.spin.features import function_words

        sites = []
        i = 0
        while i < len(words):
            run = expression_at(text, words, i)
            if run and (run[0].group().islower() or sentence_start(text, run[0].start())):
                sites.append(run)
                i += len(run)
            else:
                i += 1
        rng.shuffle(sites)
        for run in sites:
            for m in rng.sample(run, len(run)):
                lower = m.group().lower()
                if lower in function_words():
                    continue
                options = [o for o in equal_synonyms(lower) if o not in self.exclude]
                if options:
                    yield m.start(), m.end(), rng.choice(options)
                    break
