"""Rare-synonym scoring: a rare word sitting where a much commoner synonym belongs.

A sense-blind spinner swaps common words for thesaurus synonyms ("remains" ->
"stays", "long" -> "protracted").  For each content word we look up its
synonyms (WordNet), keep those far more frequent in general English
(wordfreq), and ask the collocation counts learnt from clean news
(`rules/data/collocations.tsv`): is the commoner synonym what edited news puts
between these neighbours, while the word itself is never seen there?
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

from .lexicon import synonyms, zipf
from .signals import Signal

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*|[.!?;:\n]|[“\"‘(\[—–]")
_STARTERS = frozenset(".!?;:\n“\"‘([—–")
START, NUMBER, NAME = "<s>", "<num>", "<cap>"
# Never proposed as the original: too general to be evidence of a swap.
_FUNCTION_WORDS = frozenset(
    "a an the and or but if of in on at to for from by with as into onto over under "
    "about after before up down out off than then so not no be is are was were been "
    "being am do does did done doing have has had having get gets got getting go goes "
    "went gone going make makes made making take takes took taken put set one some any "
    "i you he she it we they me him her us them my your his its our their this that "
    "these those there here what which who whom whose when where why how all each "
    "every both either neither much many more most less least own same such can could "
    "will would shall should may might must also just only even still very too".split())


def context_tokens(text: str) -> list[tuple[int, int, str]]:
    """Normalised word tokens `(start, end, token)` with "<s>" at each sentence start.

    Lower case; numbers become "<num>"; a capitalised word inside a sentence
    becomes "<cap>" (a name).  Punctuation is dropped after marking starts.
    Shared by the detector and by corpora/build_collocations.py.
    """
    out: list[tuple[int, int, str]] = [(0, 0, START)]
    at_start = True
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first in _STARTERS:
            if not at_start:
                out.append((match.start(), match.start(), START))
                at_start = True
            continue
        if first.isdigit():
            norm = NUMBER
        elif first.isupper() and not at_start and token != "I":
            norm = NAME
        else:
            norm = token.lower().replace("’", "'")
        out.append((match.start(), match.end(), norm))
        at_start = False
    return out


@dataclass(frozen=True)
class Collocations:
    """Word counts and word-pair counts learnt from clean news."""

    words: Mapping[str, int]
    pairs: Mapping[tuple[str, str], int]

    def pair(self, left: str, right: str) -> int:
        return self.pairs.get((left, right), 0)

    def count(self, word: str) -> int:
        return self.words.get(word, 0)


@lru_cache(maxsize=4)
def load_collocations(relative: str) -> Collocations:
    """The collocation table shipped under `rules/` (cached per path)."""
    from ..resources import rules_dir

    words: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    with open(rules_dir() / relative, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            left, right, count = line.rstrip("\n").split("\t")
            if left == "=":
                words[right] = int(count)
            else:
                pairs[(left, right)] = int(count)
    return Collocations(words, pairs)


@dataclass(frozen=True)
class RarityThresholds:
    """The detector's thresholds (rules/checks/spin.yml, `detectors.rare_synonym`)."""

    max_word_zipf: float = 4.3
    min_word_length: int = 4
    min_zipf_gap: float = 1.0
    min_synonym_zipf: float = 4.5
    max_synonym_zipf: float = 6.3
    min_support: int = 3
    min_share: float = 0.02
    both_sides: bool = True
    strong_support: int = 30
    strong_share: float = 0.08
    common_in_news: float = 5.0
    max_score: float = 0.8
    min_score: float = 0.35

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> "RarityThresholds":
        known = {k: settings[k] for k in cls.__dataclass_fields__ if k in settings}
        return cls(**known)


def find_rare_synonyms(text: str, tokens: list[tuple[int, int, str]], colloc: Collocations,
                       limits: RarityThresholds) -> list[Signal]:
    """Signals for rare words whose commoner synonym fits the slot and they do not."""
    found = []
    for i in range(1, len(tokens) - 1):
        start, end, word = tokens[i]
        if len(word) < limits.min_word_length or word[0] == "<" or not word.isalpha():
            continue
        best = _judge(word, tokens[i - 1][2], tokens[i + 1][2], colloc, limits)
        if best is None:
            continue
        synonym, score, features = best
        original = text[start:end]
        suggestion = synonym[0].upper() + synonym[1:] if original[0].isupper() else synonym
        found.append(Signal(
            start, end, "rare-synonym", "spin.rare-synonym",
            f"'{original}' is a rare synonym of '{synonym}' "
            f"({features['zipf_gap']:.1f} Zipf points rarer), and clean news puts "
            f"'{synonym}' between these neighbours ({int(features['support'])} times) "
            f"but never '{word}': a spinner's swap? Restore '{synonym}'.",
            (suggestion,), score, features,
        ))
    return found


@lru_cache(maxsize=65536)
def _candidates(word: str, limits: RarityThresholds) -> tuple[tuple[str, float], ...]:
    own = zipf(word)
    if own > limits.max_word_zipf:
        return ()
    out = []
    for synonym in synonyms(word):
        if " " in synonym or "-" in synonym or synonym in _FUNCTION_WORDS:
            continue
        common = zipf(synonym)
        if (common - own >= limits.min_zipf_gap
                and limits.min_synonym_zipf <= common <= limits.max_synonym_zipf):
            out.append((synonym, common - own))
    return tuple(out)


def _judge(word: str, left: str, right: str, colloc: Collocations,
           limits: RarityThresholds) -> tuple[str, float, dict[str, float]] | None:
    candidates = _candidates(word, limits)
    if not candidates:
        return None
    seen_left, seen_right = colloc.pair(left, word), colloc.pair(word, right)
    if seen_left and seen_right:
        return None
    best = None
    for synonym, gap in candidates:
        total = colloc.count(synonym)
        if not total:
            continue
        evidence = 0.0
        support = sides = strong = 0
        for side_seen, side_count in ((seen_left, colloc.pair(left, synonym)),
                                      (seen_right, colloc.pair(synonym, right))):
            share = side_count / total
            if side_seen or side_count < limits.min_support or share < limits.min_share:
                continue
            sides += 1
            support += side_count
            strong += side_count >= limits.strong_support and share >= limits.strong_share
            evidence += math.log1p(side_count) * share ** 0.5
        if not evidence or (limits.both_sides and sides < 2 and not strong):
            continue
        own_total = colloc.count(word)
        # A word that clean news itself uses often is ordinary vocabulary, not a swap.
        familiarity = 1 / (1 + own_total / limits.common_in_news)
        score = limits.max_score * (1 - math.exp(-evidence * gap / 2)) * familiarity
        if best is None or score > best[1]:
            best = (synonym, score, {
                "zipf_gap": gap, "support": float(support), "evidence": evidence,
                "word_count": float(own_total), "synonym_count": float(total),
            })
    if best is None or best[1] < limits.min_score:
        return None
    return best
