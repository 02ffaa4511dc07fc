"""The `names` family: ordinary words inside proper names swapped for Roget synonyms.

Spinners do not know names: "Home Depot" becomes "Residence Depot", "Texas
Instruments" "Texas Devices", "Gordon Brown" "Gordon Tan". A name here is a run
of capitalised words (with "of", "and", "for", "the", "&" between them), of two
words or more, or one word inside a sentence; a word of it is swapped when it
is also a common English word (`MIN_WORD_ZIPF` in lower case) with a Roget
synonym the detector's table does not list, kept capitalised.
"""
from __future__ import annotations

import random
import re
from typing import Iterator

from .base import FamilySpinner
from .tables import ROGET
from .thesaurus import pick_rarer, unseen_synonyms

MIN_WORD_ZIPF = 3.5
_CONNECTORS = frozenset({"of", "and", "for", "the", "&"})
_TITLE = re.compile(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*")


def name_runs(text: str, words: list[re.Match]) -> list[list[re.Match]]:
    """The capitalised words of each proper name of the text (see the module doc)."""
    from corpora.spinner import sentence_start
    from textlint_news.spin.features import function_words

    runs: list[list[re.Match]] = []
    current: list[re.Match] = []
    previous_end = -1
    for m in words:
        word = m.group()
        joined = bool(current) and text[previous_end:m.start()] in (" ", " & ")
        if _TITLE.fullmatch(word):
            if current and not joined:
                runs.append(current)
                current = []
            current.append(m)
        elif not (joined and word.lower() in _CONNECTORS):  # "Bank of England" goes on
            if current:
                runs.append(current)
            current = []
        previous_end = m.end()
    if current:
        runs.append(current)
    names = []
    for run in runs:
        if sentence_start(text, run[0].start()) and run[0].group().lower() in function_words():
            run = run[1:]  # "The Federal Reserve" at a sentence start
        if len(run) >= 2 or (run and not sentence_start(text, run[0].start())):
            names.append(run)
    return names


class NameSpinner(FamilySpinner):
    """Swaps ordinary words inside names, up to about `rate` of the content words' worth."""

    name = "names"
    kind = "name"
    data = (ROGET,)

    def proposals(self, text: str, words: list[re.Match], content: list[re.Match],
                  rng: random.Random) -> Iterator[tuple[int, int, str]]:
        from textlint_news.spin.lexicon import zipf

        candidates = [m for run in name_runs(text, words) for m in run]
        rng.shuffle(candidates)
        for m in candidates:
            lower = m.group().lower()
            if zipf(lower) < MIN_WORD_ZIPF:
                continue
            choice = pick_rarer([s for s in unseen_synonyms(lower) if s not in self.exclude], rng)
            if choice:
                yield m.start(), m.end(), choice
