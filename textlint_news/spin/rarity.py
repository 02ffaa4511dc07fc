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
    max_score: float = 0.45
    min_score: float = 0.3

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> "RarityThresholds":
        known = {k: settings[k] for k in cls.__dataclass_fields__ if k in settings}
        return cls(**known)


_LONG_WORD = re.compile(r"(?<![A-Za-z'’])[a-z]{4,}(?![A-Za-z'’])")
_TOKEN_AT = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*")


def _word_char(char: str) -> bool:
    return char.isascii() and char.isalpha() or char in "'’"


def _token_char(char: str) -> bool:
    return char.isascii() and char.isalnum()




def _at_start(text: str, position: int) -> bool:
    """Whether a token at `position` starts a sentence, as `context_tokens` decides it."""
    i = position - 1
    while i >= 0:
        char = text[i]
        if char in _STARTERS:
            return True
        if char.isascii() and char.isalnum():
            return False
        i -= 1
    return True


def _normalise(token: str, at_start: bool) -> str:
    if token[0].isdigit():
        return NUMBER
    if token[0].isupper() and not at_start and token != "I":
        return NAME
    return token.lower().replace("’", "'")


def _left_context(text: str, start: int) -> str:
    i = start - 1
    while i >= 0 and not _token_char(text[i]):
        i -= 1
    if i < 0:
        return START
    first = i
    while first > 0 and (_token_char(text[first - 1]) or (
            text[first - 1] in "'’.,:" and first > 1 and _token_char(text[first - 2]))):
        first -= 1
    # Re-tokenise from the run's start exactly as `context_tokens` would, keep the last token.
    last = None
    for last in _TOKEN_AT.finditer(text, first, i + 1):
        pass
    if last is None:
        return START
    return _normalise(last.group(), _at_start(text, last.start()))


def _right_context(text: str, end: int) -> str:
    i, n = end, len(text)
    while i < n and not _token_char(text[i]):
        if text[i] in _STARTERS:
            return START
        i += 1
    match = _TOKEN_AT.match(text, i)
    return _normalise(match.group(), False) if match else START


class RareSynonymScorer:
    """The detector for one set of thresholds and one collocation table (candidates cached)."""

    def __init__(self, colloc: Collocations, limits: RarityThresholds) -> None:
        self.colloc = colloc
        self.limits = limits
        self._candidates: dict[str, tuple[tuple[str, float], ...]] = {}
        self._known: set[str] = set()      # words looked up so far
        self._eligible: set[str] = set()   # ... of which these have candidates

    def candidates(self, word: str) -> tuple[tuple[str, float], ...]:
        found = self._candidates.get(word)
        if found is None:
            # A synonym that clean news uses too rarely can never gather support: drop it.
            found = self._candidates[word] = tuple(
                (synonym, gap) for synonym, gap in _candidates(word, self.limits)
                if self.colloc.count(synonym) >= self.limits.min_support)
        return found

    def find(self, text: str) -> list[Signal]:
        """Signals for rare words whose commoner synonym fits the slot and they do not."""
        lowered = text.lower()
        words = set(_LONG_WORD.findall(lowered))
        for word in words - self._known:  # set operations keep the common path in C
            self._known.add(word)
            if self.candidates(word):
                self._eligible.add(word)
        hits = words & self._eligible
        if not hits:
            return []
        found = []
        for word in sorted(hits):
            position = lowered.find(word)
            while position >= 0:
                end = position + len(word)
                if not (position and _word_char(lowered[position - 1])) and not (
                        end < len(text) and _word_char(lowered[end])):
                    signal = self._judge_at(text, word, position, end)
                    if signal is not None:
                        found.append(signal)
                position = lowered.find(word, end)
        return sorted(found, key=lambda signal: signal.start)

    def _judge_at(self, text: str, word: str, start: int, end: int) -> Signal | None:
        original = text[start:end]
        right = _right_context(text, end)
        at_start = _at_start(text, start)
        if original[0].isupper() and (not at_start or right == NAME):
            return None  # a name ("Allied Domecq", "Enduring Love")
        left = START if at_start else _left_context(text, start)
        best = _judge(word, self.candidates(word), left, right, self.colloc, self.limits)
        if best is None:
            return None
        synonym, score, features = best
        suggestion = synonym[0].upper() + synonym[1:] if original[0].isupper() else synonym
        return Signal(
            start, end, "rare-synonym", "spin.rare-synonym",
            f"'{original}' is a rare synonym of '{synonym}' "
            f"({features['zipf_gap']:.1f} Zipf points rarer), and clean news puts "
            f"'{synonym}' between these neighbours ({int(features['support'])} times) "
            f"but never '{word}': a spinner's swap? Restore '{synonym}'.",
            (suggestion,), score, features,
        )


@lru_cache(maxsize=4)
def scorer(collocations: str, limits: RarityThresholds) -> RareSynonymScorer:
    """The cached scorer for a collocation table (path under `rules/`) and thresholds."""
    return RareSynonymScorer(load_collocations(collocations), limits)


def _candidates(word: str, limits: RarityThresholds) -> tuple[tuple[str, float], ...]:
    if not word.isalpha():
        return ()
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


def _judge(word: str, candidates: tuple[tuple[str, float], ...], left: str, right: str,
           colloc: Collocations, limits: RarityThresholds) -> tuple[str, float, dict[str, float]] | None:
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
