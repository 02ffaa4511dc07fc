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
    from textlint_news.spin.lexicon import lemmas

    first = words[i].group()
    if not (first.islower() or first.istitle()):
        return []
    for expression in expressions().get(first.lower(), ()):
        run = words[i:i + len(expression)]
        if len(run) < len(expression) or any(text[a.end():b.start()] != " " for a, b in zip(run, run[1:])):
            continue
        if any(w.group() != e for w, e in zip(run[1:-1], expression[1:-1])):
            continue
        last = run[-1].group()
        if last == expression[-1] or any(pos == "n" and form == "plural" and lemma == expression[-1]
                                         for lemma, pos, form in lemmas(last)):
            return run
    return []


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
