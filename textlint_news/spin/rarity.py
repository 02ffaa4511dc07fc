"""Rare-synonym scoring: a rare word sitting where a much commoner synonym belongs.

A sense-blind spinner swaps common words for thesaurus synonyms ("remains" ->
"stays", "long" -> "protracted").  Every content word that has a synonym
(WordNet, same part of speech and inflection) far more frequent in general
English (wordfreq) is a candidate.  A smoothed bigram model of clean news
(the counts of `rules/data/collocations.tsv`) then asks which of the two
words the neighbours on both sides expect:

    LM(x) = log P(x | left) + log P(right | x),
    P(x | left) = (c(left, x) + mu * p(x)) / (c(left) + mu)    (Dirichlet smoothing)

and the candidate's `gain` is LM(synonym) - LM(word) for the best synonym, the
likely original.  A candidate becomes a signal when the gain clears
`min_gain`; its evidence (gain, rarity gap, how familiar each side's pair is)
goes to the classifier, which weighs it against how spun the whole text reads.
"""
from __future__ import annotations

import math
import re
import string
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Mapping

from ..check import RuleInfo
from .candidates import load_table
from .detector_settings import detector_settings
from .general import general_bigrams
from .lexicon import phrase_forms, synonyms, zipf
from .settings import RarityThresholds
from .signals import LEAVE_OUT, DetectorContext, Signal

if TYPE_CHECKING:
    from ..check import Context
    from ..document import Document
    from .candidates import CandidateTable
    from .general import GeneralBigrams

# Letters (group 1), digits (group 2) or a sentence starter.
_TOKEN = re.compile(r"([A-Za-z]+(?:['’][A-Za-z]+)*)|(\d+(?:[.,:]\d+)*)|[.!?;:\n]|[“\"‘(\[—–]")
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
    append = out.append
    at_start = True
    for match in _TOKEN.finditer(text):
        word = match[1]
        if word is not None:  # letters: a name inside a sentence, else the word in lower case
            if not at_start and word[0].isupper() and word != "I":
                append((match.start(), match.end(), NAME))
            else:
                append((match.start(), match.end(), word.lower().replace("’", "'")))
            at_start = False
        elif match.lastindex:  # digits
            append((match.start(), match.end(), NUMBER))
            at_start = False
        elif not at_start:  # a sentence starter
            append((match.start(), match.start(), START))
            at_start = True
    return out


def document_tokens(doc: "Document") -> list[tuple[int, int, str]]:
    """`context_tokens` of a document, shared through `doc.memo` (the language model's and the
    classifier's word features read the same tokens)."""
    tokens = doc.memo.get("spin.context_tokens")
    if tokens is None:
        tokens = doc.memo["spin.context_tokens"] = context_tokens(doc.text)
    return tokens


@dataclass(frozen=True)
class Collocations:
    """Word counts and word-pair counts learnt from clean news."""

    words: Mapping[str, int]
    pairs: "Mapping[tuple[str, str], int] | PairCounts"
    total: int = 1

    def pair(self, left: str, right: str) -> int:
        return self.pairs.get((left, right), 0)

    def count(self, word: str) -> int:
        return self.words.get(word, 0)


class PairCounts:
    """Word-pair counts asked as a dict of (left, right) pairs is (`get`, `in`), kept under
    "left<TAB>right" keys in a table of `textlint_news.mapped` (or a dict).  Asked
    `_PAIRS_AS_DICT` times (a folder's texts, not one article's), a mapped table gives way to
    `whole()`, the same counts parsed into a dict of pairs (0.1 s, 11 MB): a look-up is then one
    `dict.get`, where a pair the memo of the mapped table had lost cost a search.  A long
    text keeps the dict: a window of 256 KiB asks more than 30,000 pairs, and mapped look-ups
    alone cost it 20-35% more CPU (a 1.5 MB text: 29-34 against 24.5 CPU s) for 18 MB."""

    def __init__(self, table: Mapping[str, int],
                 whole: "Callable[[], Mapping[tuple[str, str], int]] | None" = None) -> None:
        self._get = table.get
        self._whole = whole
        self._asked = 0

    def get(self, pair: tuple[str, str], default: int | None = None) -> int | None:
        if self._whole is not None:
            self._asked += 1
            if self._asked >= _PAIRS_AS_DICT:
                pairs = self._whole()
                self._whole = None
                self.get = pairs.get  # type: ignore[method-assign]
                return pairs.get(pair, default)
        return self._get(f"{pair[0]}\t{pair[1]}", default)

    def __contains__(self, pair: tuple[str, str]) -> bool:
        return self.get(pair) is not None


@lru_cache(maxsize=4)
def load_collocations(relative: str) -> Collocations:
    """The collocation table shipped under `rules/` (cached per path; parsed once, then read
    from the user cache as `textlint_news.mapped` tables, 3.5 MB instead of 20 MB of dicts)."""
    from ..mapped import MappedTable, mapped_table
    from ..resources import rules_dir

    path = rules_dir() / relative
    sources = [path, Path(__file__)]
    parsed = lru_cache(maxsize=1)(lambda: _read_collocations(path))  # one parse for both tables
    words = mapped_table(f"collocations-words-{path.stem}", sources, lambda: parsed()[0],
                         lambda table: {"total": sum(table.values())}, whole=True)
    pairs = mapped_table(f"collocations-pairs-{path.stem}", sources,
                         lambda: {f"{left}\t{right}": n for (left, right), n in parsed()[1].items()}, whole=True)
    total = words.meta["total"] if isinstance(words, MappedTable) else sum(words.values())
    # parsed afresh, not through `parsed`'s cache, which would keep the words' dict too
    whole = (lambda: _read_collocations(path)[1]) if isinstance(pairs, MappedTable) else None
    return Collocations(words, PairCounts(pairs, whole), max(1, total))


def _read_collocations(path: Path) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """The word counts and the pair counts; a word is one string in every pair it is in
    (the pairs' dict is 11 MB, not 19 MB with a string per pair and side)."""
    words: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    one: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            left, right, count = line.rstrip("\n").split("\t")
            if left == "=":
                words[right] = int(count)
            else:
                pairs[(one.setdefault(left, left), one.setdefault(right, right))] = int(count)
    return words, pairs


@dataclass(frozen=True)
class OwnCounts:
    """The word and pair counts one text contributed to the collocation table.

    Training texts were counted into the table: subtracting their own counts
    (`leave-one-out`) makes them read as new text, as at run time.
    """

    words: Counter
    pairs: Counter

    @classmethod
    def of(cls, text: str) -> "OwnCounts":
        tokens = [t[2] for t in context_tokens(text)]
        return cls(Counter(tokens), Counter(zip(tokens, tokens[1:])))


_LN10 = math.log(10)
_GENERAL = ("general_gain", "general_word_pairs", "general_synonym_pairs")  # `_general`'s features
# A general feature not asked yet (`find`'s `deferred`): this very object, until `fill` asks it.
UNASKED = float("nan")
# `doc.memo[GENERAL_UNASKED]`: (start, end) -> (word, synonym, left, right) of the signals whose
# general-English features the detector left unasked (`DetectorContext.defer_fills`).
GENERAL_UNASKED = "spin.rare-synonym.general"
_SEEN_PAIR = 2  # a pair clean news "knows" (the collocation table keeps pairs seen this often)
_CACHE_LIMIT = 400_000  # cached tokens before the cache starts afresh
_PAIRS_AS_DICT = 30_000  # pair look-ups after which the collocation pairs become a dict (about 120 texts)


def _prior(token: str, colloc: Collocations) -> float:
    """The unigram probability of a normalised token (wordfreq; corpus share for markers)."""
    if token[0] == "<":
        return max(1, colloc.count(token)) / colloc.total
    return 10 ** (zipf(token) - 9) or 1e-9


_LONG_WORD = re.compile(r"(?<![A-Za-z'’])[a-z]{4,}(?![A-Za-z'’])")
# Every pair of adjacent lower-case words (group 1): the pair is read ahead, its first word and
# the space consumed (no pair starts inside them), so the scan resumes at the second word instead
# of trying every character (`(?=\b([a-z]+ [a-z]+)\b)` alone finds the same, 40% slower).
_PAIR = re.compile(r"(?=\b([a-z]+ [a-z]+)\b)[a-z]+ ")
_PLAIN_PAIR = re.compile(r"[a-z]+ [a-z]+")
_TOKEN_AT = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*")


_TOKEN_CHARS = frozenset(string.ascii_letters + string.digits)  # what `_TOKEN_AT` tokens are made of
_WORD_CHARS = frozenset(string.ascii_letters + "'’")  # what may not touch a phrase's ends
_RUN_JOINERS = frozenset("'’.,:")  # inside a run of tokens ("U.S.", "3.5", "don't")


def _whole_words(lowered: str, word: str) -> Iterator[int]:
    """Where `_LONG_WORD` finds `word` (a run of four or more of a-z) in the lower-cased text:
    found with `str.find`, kept where no letter or apostrophe touches it."""
    position = lowered.find(word)
    while position >= 0:
        end = position + len(word)
        if not (position and lowered[position - 1] in _WORD_CHARS) and not (
                end < len(lowered) and lowered[end] in _WORD_CHARS):
            yield position
        position = lowered.find(word, end)  # whole words never overlap


def _at_start(text: str, position: int) -> bool:
    """Whether a token at `position` starts a sentence, as `context_tokens` decides it."""
    i = position - 1
    while i >= 0:
        char = text[i]
        if char in _STARTERS:
            return True
        if char in _TOKEN_CHARS:
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
    """The normalised token before `start`, as `context_tokens` reads it."""
    i = start - 1
    while i >= 0 and text[i] not in _TOKEN_CHARS:
        i -= 1
    if i < 0:
        return START
    first = i
    while first > 0:
        char = text[first - 1]
        if not (char in _TOKEN_CHARS or (char in _RUN_JOINERS and first > 1 and text[first - 2] in _TOKEN_CHARS)):
            break
        first -= 1
    # Re-tokenise from the run's start exactly as `context_tokens` would, keep the last token.
    last = None
    for last in _TOKEN_AT.finditer(text, first, i + 1):
        pass
    if last is None:
        return START
    token = last.group()
    if token[0].isupper() and token != "I":  # a name unless it starts a sentence
        return token.lower().replace("’", "'") if _at_start(text, last.start()) else NAME
    return _normalise(token, False)


def _right_context(text: str, end: int) -> str:
    i, n = end, len(text)
    while i < n and text[i] not in _TOKEN_CHARS:
        if text[i] in _STARTERS:
            return START
        i += 1
    match = _TOKEN_AT.match(text, i)
    return _normalise(match.group(), False) if match else START


class RareSynonymScorer:
    """The detector for one set of thresholds and one collocation table (lookups cached)."""

    def __init__(self, colloc: Collocations, limits: RarityThresholds, shipped: bool = True) -> None:
        self.colloc = colloc
        self.limits = limits
        self._candidates: dict[str, tuple[tuple[str, float], ...]] = {}
        self._priors: dict[str, float] = {}
        self._known: set[str] = set()      # words looked up so far ...
        self._eligible: set[str] = set()   # ... of which these have candidates
        self._table: CandidateTable | None = None
        if shipped:  # the shipped candidates (`spin.candidates`), when built for these limits
            self._table = load_table(limits)
            if self._table is not None:
                self._eligible.update(word for word in self._table.lines if " " not in word)
        # the smoothed bigram model's parts of a token, each worked out when first needed (a left
        # neighbour needs only its count, a right one only its prior: a wordfreq look-up)
        self._masses: dict[str, float] = {}  # token -> mu * p(token)
        self._counts: dict[str, float] = {}  # token -> c(token) + mu
        self._familiarities: dict[str, bool] = {}  # synonym -> `_familiar` at run time

    @cached_property
    def general(self) -> "GeneralBigrams | None":
        """General-English pair counts (symspellpy's), or None when switched off."""
        if not self.limits.general:
            return None
        return general_bigrams()

    def candidates(self, word: str) -> tuple[tuple[str, float], ...]:
        """The word's much commoner one-word synonyms with their Zipf gap (cached)."""
        found = self._candidates.get(word)
        if found is None:
            if self._table is not None:
                found = self._table.get(word)
            if found is None:
                found = _candidates(word, self.limits, self.word_zipf)
            self._candidates[word] = found
        return found

    def word_zipf(self, word: str) -> float:
        """wordfreq's Zipf frequency; for a two-word phrase the lower of that and general
        English's pair count (wordfreq's phrase estimate assumes its words independent,
        which makes "executive director" nearly as common as "executive")."""
        own = zipf(word)
        if " " in word and self.general is not None:
            first = word.split(" ", 1)[0]
            estimate = self.general.phrase_zipf(word, zipf(first))
            if estimate is not None:
                own = min(own, estimate)
        return own

    def prior(self, token: str) -> float:
        p = self._priors.get(token)
        if p is None:
            p = self._priors[token] = _prior(token, self.colloc)
        return p

    def find(self, text: str, own: OwnCounts | None = None,
             deferred: "list[tuple[int, int, str, str, str, str]] | None" = None) -> list[Signal]:
        """Signals for rare words whose commoner synonym their neighbours expect.

        Only the candidates' neighbours are read (as `context_tokens` would read
        them), so prose without candidates costs one regex pass.  `own` are the
        text's own counts to leave out (training on texts the table was learnt from).
        `deferred` (run time only): a list to which each signal's general-English question
        (start, end, word, synonym, left, right) is added instead of being asked; its
        features then hold `UNASKED` there until the detector's `fill` asks them.
        """
        lowered = text.lower()
        words = set(_LONG_WORD.findall(lowered))
        for word in words.difference(self._known):  # set operations keep the common path in C
            self._known.add(word)
            if self.candidates(word):
                self._eligible.add(word)
        found = []
        for word in sorted(self._eligible.intersection(words)):  # `_strongest` puts them in text order
            for start in _whole_words(lowered, word):
                signal = self._judge_at(text, word, start, start + len(word), own, deferred)
                if signal is not None:
                    found.append(signal)
        phrases = self._phrases_in(lowered)
        if not phrases:
            return found
        for phrase in phrases:
            position = lowered.find(phrase)
            while position >= 0:
                end = position + len(phrase)
                if not (position and lowered[position - 1] in _WORD_CHARS) and not (
                        end < len(text) and lowered[end] in _WORD_CHARS):
                    signal = self._judge_at(text, phrase, position, end, own, deferred)
                    if signal is not None:
                        found.append(signal)
                position = lowered.find(phrase, end)
        return _strongest(found)

    def _phrases_in(self, lowered: str) -> list[str]:
        """The two-word phrase forms with candidates that `_PAIR` finds in the (lower-cased)
        text, in order.  With the shipped table, those of its phrases `_PAIR` can find: an RE2
        set of them screened an article 0.1 ms faster but cost a cold start 0.04 s to build."""
        forms = phrase_forms() if self._table is None else self._plain_pairs
        return sorted(p for p in forms.intersection(_PAIR.findall(lowered)) if self.candidates(p))

    @cached_property
    def _plain_pairs(self) -> frozenset[str]:
        """The shipped table's phrases that `_PAIR` can find ("laying out", not "lay-off")."""
        if self._table is None:
            return frozenset()
        return frozenset(p for p in self._table.lines if " " in p and _PLAIN_PAIR.fullmatch(p))

    def _judge_at(self, text: str, word: str, start: int, end: int, own: OwnCounts | None,
                  deferred: "list[tuple[int, int, str, str, str, str]] | None" = None) -> Signal | None:
        right = _right_context(text, end)
        at_start = _at_start(text, start)
        if text[start].isupper() and (not at_start or right == NAME):
            return None  # a name ("Allied Domecq", "Enduring Love")
        left = START if at_start else _left_context(text, start)
        return self._judge(text, word, self._candidates[word], left, right, start, end, own, deferred)

    def news_count(self, x: str, own: OwnCounts | None) -> int:
        """How often clean news uses `x` (leaving out `own`)."""
        count = self.colloc.count(x)
        return max(0, count - own.words[x]) if own is not None else count

    def _familiar(self, synonym: str, own: OwnCounts | None) -> bool:
        """Whether clean news writes `synonym` in lower case often enough to be the original
        (`min_synonym_familiarity`; cached at run time)."""
        floor = self.limits.min_synonym_familiarity
        if own is not None:
            return self.familiarity(self.news_count(synonym, own), synonym) >= floor
        found = self._familiarities.get(synonym)
        if found is None:
            found = self._familiarities[synonym] = self.familiarity(self.colloc.count(synonym), synonym) >= floor
        return found

    def familiarity(self, news_count: int, x: str) -> float:
        """log(news count / the count wordfreq predicts): how much commoner clean news writes `x`
        in lower case than general English would (topical words high, words common as names low)."""
        return math.log((news_count + 0.5) / (self.colloc.total * self.prior(x) + 0.5))

    def _lm(self, x: str, left: str, right: str, own: OwnCounts | None) -> tuple[float, float, int, int]:
        """log P(x | left), log P(right | x) and the two pair counts (the same arithmetic with
        `own` left out, or from per-token terms at run time: bit-exact, as the trees need)."""
        if own is not None:
            before, after = self._log_before(x, left, own), self._log_after(x, right, own)
            return before[0], after[0], before[1], after[1]
        masses, counts = self._masses, self._counts
        pairs = self.colloc.pairs
        before_pair = pairs.get((left, x), 0)
        after_pair = pairs.get((x, right), 0)
        before = math.log((before_pair + (masses.get(x) or self._mass(x))) / (counts.get(left) or self._count(left)))
        after = math.log((after_pair + (masses.get(right) or self._mass(right))) / (counts.get(x) or self._count(x)))
        return before, after, before_pair, after_pair

    def _mass(self, token: str) -> float:
        """mu * p(token): the token's prior mass in the smoothed bigram model (cached)."""
        if len(self._masses) > _CACHE_LIMIT:
            self._masses.clear()
        mass = self._masses[token] = self.limits.smoothing * self.prior(token)
        return mass

    def _count(self, token: str) -> float:
        """c(token) + mu: the token's smoothed count in the bigram model (cached)."""
        if len(self._counts) > _CACHE_LIMIT:
            self._counts.clear()
        count = self._counts[token] = self.colloc.count(token) + self.limits.smoothing
        return count

    def _log_before(self, x: str, left: str, own: OwnCounts) -> tuple[float, int]:
        """log P(x | left) and the pair count, leaving out `own` (training)."""
        pair = max(0, self.colloc.pair(left, x) - own.pairs[(left, x)])
        c_left = max(0, self.colloc.count(left) - own.words[left])
        mu = self.limits.smoothing
        return math.log((pair + mu * self.prior(x)) / (c_left + mu)), pair

    def _log_after(self, x: str, right: str, own: OwnCounts) -> tuple[float, int]:
        """log P(right | x) and the pair count, leaving out `own` (training)."""
        pair = max(0, self.colloc.pair(x, right) - own.pairs[(x, right)])
        c_x = max(0, self.colloc.count(x) - own.words[x])
        mu = self.limits.smoothing
        return math.log((pair + mu * self.prior(right)) / (c_x + mu)), pair

    def _judge(self, text: str, word: str, options: tuple[tuple[str, float], ...], left: str, right: str,
               start: int, end: int, own: OwnCounts | None,
               deferred: "list[tuple[int, int, str, str, str, str]] | None" = None) -> Signal | None:
        limits = self.limits
        if own is None and " " not in word:
            best = self._best(word, options, left, right)
            if best is None:
                return None
            synonym, gain, gap, left_gain, right_gain, s_left_pair, s_right_pair, w_left_pair, w_right_pair = best
            if gain < limits.min_gain:
                return None
            news_count = self.colloc.count(word)
        else:
            if " " in word:  # a two-word phrase: P(first | left) P(second | first) P(right | second)
                first, second = word.split(" ")
                before, inner, first_pair, inner_pair = self._lm(first, left, second, own)
                _, w_right, _, w_right_pair = self._lm(second, first, right, own)
                w_left, w_left_pair = before + inner, min(first_pair, inner_pair)
                news_count = max(0, self.colloc.pair(first, second) - (own.pairs[(first, second)] if own else 0))
            else:
                w_left, w_right, w_left_pair, w_right_pair = self._lm(word, left, right, own)
                news_count = self.news_count(word, own)
            if w_left_pair >= _SEEN_PAIR and w_right_pair >= _SEEN_PAIR:
                return None  # clean news itself puts this wording between these neighbours
            found = None
            for synonym, gap in options:
                if not self._familiar(synonym, own):
                    continue  # common mostly as a name ("Pacific", "March"), not as the plain word
                s_left, s_right, s_left_pair, s_right_pair = self._lm(synonym, left, right, own)
                gain = s_left + s_right - w_left - w_right
                if found is None or gain > found[1]:
                    found = (synonym, gain, gap, s_left - w_left, s_right - w_right, s_left_pair, s_right_pair)
            if found is None:
                return None
            synonym, gain, gap, left_gain, right_gain, s_left_pair, s_right_pair = found
            if gain < limits.min_gain:
                return None
        # The part of the gain the neighbours add beyond the synonym simply being commoner.
        context_gain = gain - gap * _LN10
        score = limits.max_score * (1 - math.exp(-gain / limits.gain_scale))
        original = text[start:end]
        suggestion = synonym[0].upper() + synonym[1:] if original[0].isupper() else synonym
        if deferred is not None and own is None and self.limits.general and " " not in word:
            general = dict.fromkeys(_GENERAL, UNASKED)  # asked by the detector's `fill` if ever read
            deferred.append((start, end, word, synonym, left, right))
        else:
            general = self._general(word, synonym, left, right)
        seen = [f"'{n}' before it" for n, c in ((left, s_left_pair),) if c and n[0] != "<"]
        seen += [f"'{n}' after it" for n, c in ((right, s_right_pair),) if c and n[0] != "<"]
        evidence = (f"clean news pairs '{synonym}' with {' and '.join(seen)}" if seen
                    else f"its neighbours fit '{synonym}' better")
        return Signal(
            start, end, "rare-synonym", "spin.rare-synonym",
            f"'{original}' is a rare synonym of '{synonym}' ({gap:.1f} Zipf points rarer) and "
            f"{evidence}: a spinner's swap? Restore '{synonym}'.",
            (suggestion,), score, {
                "zipf_gap": gap, "gain": gain, "context_gain": context_gain,
                "left_gain": left_gain, "right_gain": right_gain,
                "word_pairs_seen": float((w_left_pair > 0) + (w_right_pair > 0)),
                # Topical vocabulary is commoner in news than in general English; a swap is not.
                "word_news_familiarity": self.familiarity(news_count, word),
                "phrase": float(" " in word),
                "synonym_news_count": math.log1p(self.news_count(synonym, own)),
                "synonym_pairs_seen": float((s_left_pair > 0) + (s_right_pair > 0)),
                **general,
            },
        )

    def _best(self, word: str, options: tuple[tuple[str, float], ...], left: str,
              right: str) -> tuple[str, float, float, float, float, int, int, int, int] | None:
        """A one-word candidate's best synonym at run time: `_judge`'s loop with `_lm` inlined (the
        same arithmetic in the same order, so the same bits): (synonym, gain, gap, left gain,
        right gain, the synonym's two pair counts, the word's two pair counts), or None when clean
        news knows both of the word's pairs or no synonym is familiar."""
        masses, counts, familiarities = self._masses, self._counts, self._familiarities
        get = self.colloc.pairs.get
        w_left_pair = get((left, word), 0)
        w_right_pair = get((word, right), 0)
        if w_left_pair >= _SEEN_PAIR and w_right_pair >= _SEEN_PAIR:
            return None  # clean news itself puts this wording between these neighbours
        left_count = counts.get(left) or self._count(left)
        right_mass = masses.get(right) or self._mass(right)
        w_left = math.log((w_left_pair + (masses.get(word) or self._mass(word))) / left_count)
        w_right = math.log((w_right_pair + right_mass) / (counts.get(word) or self._count(word)))
        best = None
        best_gain = 0.0
        for synonym, gap in options:
            familiar = familiarities.get(synonym)
            if familiar is None:
                familiar = self._familiar(synonym, None)
            if not familiar:
                continue  # common mostly as a name ("Pacific", "March"), not as the plain word
            s_left_pair = get((left, synonym), 0)
            s_right_pair = get((synonym, right), 0)
            s_left = math.log((s_left_pair + (masses.get(synonym) or self._mass(synonym))) / left_count)
            s_right = math.log((s_right_pair + right_mass) / (counts.get(synonym) or self._count(synonym)))
            gain = s_left + s_right - w_left - w_right
            if best is None or gain > best_gain:
                best_gain = gain
                best = (synonym, gain, gap, s_left - w_left, s_right - w_right, s_left_pair, s_right_pair,
                        w_left_pair, w_right_pair)
        return best

    def _general(self, word: str, synonym: str, left: str, right: str) -> dict[str, float]:
        """What general English says of the swap: the synonym's bigram gain over the word
        and how many of each one's two pairs are common (zero for phrases, or when off)."""
        bigrams = self.general
        if bigrams is None or " " in word:
            return dict.fromkeys(_GENERAL, 0.0)
        mu = self.limits.general_smoothing
        w_value, w_seen = bigrams.score(word, left, right, mu)
        s_value, s_seen = bigrams.score(synonym, left, right, mu)
        return {"general_gain": s_value - w_value, "general_word_pairs": float(w_seen),
                "general_synonym_pairs": float(s_seen)}


def _strongest(signals: list[Signal]) -> list[Signal]:
    """Text order; of overlapping word and phrase signals only the one with the larger gain."""
    kept: list[Signal] = []
    for signal in sorted(signals, key=lambda s: (s.start, s.end)):
        if kept and signal.start < kept[-1].end:
            if signal.features["gain"] > kept[-1].features["gain"]:
                kept[-1] = signal
            continue
        kept.append(signal)
    return kept


@lru_cache(maxsize=4)
def scorer(collocations: str, limits: RarityThresholds) -> RareSynonymScorer:
    """The cached scorer for a collocation table (path under `rules/`) and thresholds."""
    return RareSynonymScorer(load_collocations(collocations), limits)


def _candidates(word: str, limits: RarityThresholds,
                frequency: Callable[[str], float]) -> tuple[tuple[str, float], ...]:
    """Synonyms of `word` commoner by `min_zipf_gap` than its Zipf `frequency`, with the gap."""
    if len(word) < limits.min_word_length or word in _FUNCTION_WORDS or not (
            word.isalpha() or word.replace(" ", "").isalpha()):
        return ()
    own = frequency(word)  # only for words that pass the cheap tests (a phrase's needs general English)
    if own > limits.max_word_zipf:
        return ()
    out = []
    for synonym in synonyms(word):
        if not synonym.isalpha() or synonym in _FUNCTION_WORDS:
            continue
        common = zipf(synonym)
        if (common - own >= limits.min_zipf_gap
                and limits.min_synonym_zipf <= common <= limits.max_synonym_zipf):
            out.append((synonym, common - own))
    return tuple(out)


RULES = (
    RuleInfo(
        "spin.rare-synonym", "spin", "warning", "A rare synonym where clean news uses a much commoner word.",
        "A content word whose WordNet synonym (same part of speech and inflection) is far "
        "more frequent in English (wordfreq), where a bigram model of clean news expects the "
        "commoner word between these neighbours ('refused to satisfy Putin' for 'meet'). "
        "Every such word is a candidate; the classifier makes it a warning only in a text "
        "that reads as spun as a whole (classifier.rare-synonym-warning and "
        "rare-synonym-document), else it stays info or silent. Thresholds: "
        "rules/settings/spin.yml, detectors.rare_synonym."),
)


class RareSynonymDetector:
    """The `Detector` of rare synonyms (settings: `detectors.rare_synonym`)."""

    name = "rare_synonym"
    kind = "rare-synonym"
    rules = RULES
    stage = 1  # after the lexicon and the artifacts: a candidate they cover is theirs

    def enabled(self, ctx: "Context") -> bool:
        return detector_settings(ctx).rare_synonym.enabled

    def preload(self, ctx: "Context") -> None:
        """The phrase forms, general English's pairs and the scorer with its shipped candidates."""
        limits = detector_settings(ctx).rare_synonym
        if limits.enabled:
            phrase_forms()
            if limits.general:
                general_bigrams()
            scorer(limits.collocations, limits)  # with the shipped candidates

    def signals(self, doc: "Document", context: DetectorContext) -> list[Signal]:
        """The rare-synonym signals; with `context.defer_fills` (the spin check's screen reads only
        spans, kinds and scores) their general-English features are left to `fill`:
        symspell's pair look-ups on first sight, a fifth of the detector's time."""
        limits = detector_settings(context.lint).rare_synonym
        own = doc.memo.get(LEAVE_OUT)
        if not context.defer_fills or own is not None:
            return scorer(limits.collocations, limits).find(doc.text, own)
        deferred: list[tuple[int, int, str, str, str, str]] = []
        found = scorer(limits.collocations, limits).find(doc.text, None, deferred)
        if deferred:
            doc.memo[GENERAL_UNASKED] = {(start, end): rest for start, end, *rest in deferred}
        return found


    def fill(self, doc: "Document", ctx: "Context", signals: list[Signal]) -> None:
        """Ask, in place, the general-English features `signals` left unasked: the same values
        `find` gives at once, in the same places of each signal's features (the language
        model's revision copies them, `UNASKED` and all)."""
        deferred = doc.memo.pop(GENERAL_UNASKED, None)
        if not deferred:
            return
        limits = detector_settings(ctx).rare_synonym
        judge = scorer(limits.collocations, limits)
        for signal in signals:
            features = signal.features
            if features.get("general_gain") is UNASKED:
                features.update(judge._general(*deferred[(signal.start, signal.end)]))

DETECTOR = RareSynonymDetector()
