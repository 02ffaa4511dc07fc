"""Readable features of words, sentences, documents and signals for the spin classifier.

Each feature is a named number: the model file lists the names it was trained
on, and a name missing at run time (LanguageTool not configured, say) is filled
with its training mean, so every optional feature is absent-safe.  The same
functions build the training rows and the run-time rows, so the two cannot
drift apart.

Words are the content words of the text (lower case, not function words), read
through the rare-synonym detector's tokens (`spin.rarity.context_tokens`) so
that their neighbours are the ones its collocation counts know.
"""
from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from ..document import Document, Span
from .candidates import MIN_CONTENT_LENGTH, commoner_table, single_synonyms
from .context_fit import document_fit as context_fit
from .detectors import DETECTORS
from .lexicon import function_words, zipf
from .lm_swaps import lm_fits
from .name_capitals import load_tables as load_name_tables, odd_capitals
from .rarity import document_tokens as context_tokens
from .signals import LEAVE_OUT, Signal
from .spun_names import lone_names

RARE_GAP = 1.0          # a word whose best synonym is 10x commoner (1 zipf unit) is a "rare swap"
ECHO_GAP = 0.5          # a synonym this much commoner that occurs elsewhere in the text is an "echo"
STRONG_GAIN = 8.0       # a rare-synonym candidate whose neighbours prefer its synonym by this many nats
SEEN_PAIR = 2           # clean news "knows" a word pair seen this often (the collocation table's floor)
# The kinds of signal the classifier counts: its detectors' (`spin.detectors`), in registry order.
SIGNAL_KINDS = tuple(dict.fromkeys(d.kind for d in DETECTORS if d.stage is not None))
WORD_FEATURES = ("zipf", "rarity_gap", "lone", "echo", "signal_score", "lm_left_association",
                 "lm_right_association", "unseen_sides")
ZIPF, RARITY_GAP, LONE, ECHO, SIGNAL_SCORE, LM_LEFT, LM_RIGHT, UNSEEN_SIDES = range(len(WORD_FEATURES))


@dataclass(slots=True)
class WordRow:
    """One content word: its span and its feature values (in WORD_FEATURES order)."""

    start: int
    end: int
    values: list[float]

    def features(self) -> dict[str, float]:
        return dict(zip(WORD_FEATURES, self.values))


@dataclass
class SentenceRow:
    """One sentence: its span, the signals and content words inside it, and its features."""

    span: Span
    signals: list[Signal]
    words: list[WordRow] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    n_words: int = 0
    spun_names: int = 0  # `spin.name` finds on the text alone (`spun_names.lone_names`) inside it


def load_tables() -> None:
    """Load the function words and the shipped commoner synonyms now (before workers fork)."""
    function_words()
    commoner_table()
    load_name_tables()


@lru_cache(maxsize=262_144)
def rarity_gap(word: str) -> float:
    """How much commoner (zipf units) the word's commonest one-word synonym is; 0 if none is."""
    best = max((z for _, z in single_synonyms(word)), default=0.0)
    return max(0.0, best - zipf(word))


@lru_cache(maxsize=262_144)
def commoner_synonyms(word: str) -> tuple[str, ...]:
    """One-word synonyms at least ECHO_GAP zipf units commoner than the word."""
    floor = zipf(word) + ECHO_GAP
    return tuple(s for s, z in single_synonyms(word) if z >= floor)


def is_content_word(word: str) -> bool:
    """A lower-case alphabetic word that is not a function word."""
    return (len(word) >= MIN_CONTENT_LENGTH and word.isalpha() and word.islower()
            and word not in function_words())


@lru_cache(maxsize=262_144)
def _content_word(word: str) -> tuple[float, float, tuple[str, ...]] | None:
    """(zipf, rarity gap, commoner synonyms) of a content word; None for other tokens."""
    if not is_content_word(word):
        return None
    return zipf(word), rarity_gap(word), commoner_synonyms(word)


def token_count(doc: Document) -> int:
    """Word and number tokens of the document (the detector's tokenisation)."""
    return sum(1 for t in context_tokens(doc) if t[2] != "<s>")


def word_rows(doc: Document, signals: Sequence[Signal], collocations: Any = None,
              leave_out: bool = False) -> list[WordRow]:
    """Every content word with its features.

    `collocations` are the clean-news word-pair counts (`spin.rarity.Collocations`)
    or None (then `unseen_sides` is left out).  `leave_out` subtracts the source
    article's own pairs first (`doc.memo[signals.LEAVE_OUT]`, else the text's):
    for training on texts the counts were learnt from.
    """
    tokens = context_tokens(doc)
    words = [t[2] for t in tokens]
    counts = Counter(words)
    pairs = collocations.pairs if collocations is not None else None
    own = None
    if leave_out and pairs is not None:
        source = doc.memo.get(LEAVE_OUT)
        own = source.pairs if source is not None else Counter(zip(words, words[1:]))
    # The features that depend on the word alone, once per distinct content word.
    base: dict[str, tuple[float, float, float, float, float]] = {}
    for word, n in counts.items():
        info = _content_word(word)
        if info is not None:
            word_zipf, gap, commoner = info
            echo = 1.0 if any(synonym in counts for synonym in commoner) else 0.0
            base[word] = (word_zipf, gap, 1.0 if n == 1 else 0.0, echo, 0.0)
    last = len(words) - 1
    fits = lm_fits(doc).get
    unfit = (0.0, 0.0)
    # membership as `get(pair) is None` (a count is never None): `in` on `PairCounts` is a call more
    pair = pairs.get if pairs is not None else None
    rows = []
    append = rows.append
    for i in [i for i, word in enumerate(words) if word in base]:
        if not i:
            continue
        word = words[i]
        values = [*base[word], *fits(i, unfit)]
        if pair is not None and own is None:  # membership only
            right = words[i + 1] if i < last else "<s>"
            values.append(float((pair((words[i - 1], word)) is None) + (pair((word, right)) is None)))
        elif pairs is not None:
            left, right = (words[i - 1], word), (word, words[i + 1] if i < last else "<s>")
            values.append(float((pairs.get(left, 0) - own[left] < SEEN_PAIR)
                                + (pairs.get(right, 0) - own[right] < SEEN_PAIR)))
        token = tokens[i]
        append(WordRow(token[0], token[1], values))
    if signals and rows:
        starts = [r.start for r in rows]
        for signal in signals:
            k = max(0, bisect.bisect_right(starts, signal.start) - 1)
            while k < len(rows) and rows[k].start < signal.end:
                if rows[k].end > signal.start and signal.score > rows[k].values[SIGNAL_SCORE]:
                    rows[k].values[SIGNAL_SCORE] = signal.score
                k += 1
    return rows


def sentence_rows(doc: Document, signals: Sequence[Signal], words: Sequence[WordRow],
                  word_probabilities: Sequence[float],
                  grammar_offsets: Sequence[int] | None = None) -> list[SentenceRow]:
    """Every sentence with its features: signals, word statistics and word-model probabilities.

    `grammar_offsets` are the start offsets of LanguageTool matches, or None when
    LanguageTool is not configured (the feature is then left out).
    """
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    rows = [SentenceRow(s, []) for s in sentences]
    for signal in signals:
        index = bisect.bisect_right(starts, signal.start) - 1
        if index >= 0:
            rows[index].signals.append(signal)
    probs_of: dict[int, list[float]] = {}
    for word, p in zip(words, word_probabilities):
        index = bisect.bisect_right(starts, word.start) - 1
        if index >= 0:
            rows[index].words.append(word)
            probs_of.setdefault(index, []).append(p)
    # the words' starts and a running count of function words, once per text: a sentence's
    # tokens and function words are then two differences (its token list was built per sentence)
    function = function_words()
    token_starts = []
    running = [0]
    count = 0
    for start, _, token in context_tokens(doc):
        if token != "<s>":
            token_starts.append(start)
            count += token in function
            running.append(count)
    grammar = sorted(grammar_offsets) if grammar_offsets is not None else None
    capitals = [start for start, _ in odd_capitals(doc)]
    names = sorted(signal.start for signal in lone_names(doc))
    for index, row in enumerate(rows):
        lo = bisect.bisect_left(token_starts, row.span.start)
        hi = bisect.bisect_left(token_starts, row.span.end)
        row.n_words = len(row.words)
        row.features = _sentence_features(hi - lo, running[hi] - running[lo], row.signals, row.words)
        set_word_probabilities(row.features, probs_of.get(index, []))
        row.features["odd_capitals"] = float(
            bisect.bisect_left(capitals, row.span.end) - bisect.bisect_left(capitals, row.span.start))
        row.spun_names = bisect.bisect_left(names, row.span.end) - bisect.bisect_left(names, row.span.start)
        if grammar is not None:
            row.features["languagetool_matches"] = float(
                bisect.bisect_left(grammar, row.span.end) - bisect.bisect_left(grammar, row.span.start))
    return rows


def set_word_probabilities(features: dict[str, float], probs: Sequence[float]) -> None:
    """Add the word model's verdicts on a sentence's words to its features."""
    features["word_probability_max"] = max(probs, default=0.0)
    features["word_probability_sum"] = sum(probs)


def _sentence_features(n_tokens: int, n_function: int, signals: list[Signal],
                       words: list[WordRow]) -> dict[str, float]:
    """A sentence's features from its token count, how many of them are function words, its
    signals and its content words' rows."""
    counts = {kind: 0 for kind in SIGNAL_KINDS}
    best_rare = 0.0
    for signal in signals:
        counts[signal.kind] = counts.get(signal.kind, 0) + 1
        if signal.kind == "rare-synonym":
            best_rare = max(best_rare, signal.score)
    n = len(words)
    gap_sum = gap_max = echo_sum = 0.0
    rare = lone_rare = unseen_both = 0
    zipf_min = math.inf
    for w in words:  # one pass: this runs for every sentence of every text
        values = w.values
        gap = values[RARITY_GAP]
        gap_sum += gap
        if gap > gap_max:
            gap_max = gap
        if gap >= RARE_GAP:
            rare += 1
            if values[LONE]:
                lone_rare += 1
        echo_sum += values[ECHO]
        if values[ZIPF] < zipf_min:
            zipf_min = values[ZIPF]
        if len(values) > UNSEEN_SIDES and values[UNSEEN_SIDES] == 2:
            unseen_both += 1
    features = {
        "log_tokens": math.log1p(n_tokens),
        "lexicon_hits": float(counts["lexicon"]),
        "rare_synonym_hits": float(counts["rare-synonym"]),
        "rare_synonym_best_score": best_rare,
        "artifact_hits": float(counts["artifact"]),
        "signal_score_sum": sum(s.score for s in signals),
        "function_word_share": n_function / n_tokens if n_tokens else 0.0,
        "rarity_gap_max": gap_max,
        "rarity_gap_mean": gap_sum / n if n else 0.0,
        "rare_swap_share": rare / n if n else 0.0,
        "lone_rare_share": lone_rare / n if n else 0.0,
        "echo_share": echo_sum / n if n else 0.0,
        "content_zipf_min": zipf_min if words else 7.0,
    }
    if not words or len(words[0].values) > UNSEEN_SIDES:
        features["unseen_pair_share"] = unseen_both / n if n else 0.0
    return features


def document_features(n_tokens: int, rows: Sequence[SentenceRow], probabilities: Sequence[float],
                      word_probabilities: Sequence[float], fit: Mapping[str, float] | None = None) -> dict[str, float]:
    """Whole-text features: how spun its words and sentences look, and signal densities;
    `fit` adds how well its words fit their neighbours (`document_fit`)."""
    tokens = max(1, n_tokens)
    signals = [s for row in rows for s in row.signals]
    per_100 = 100.0 / tokens
    probs = list(probabilities)
    word_probs = list(word_probabilities)
    weights = [row.n_words for row in rows]
    kinds = Counter(s.kind for s in signals)
    features = {
        "sentence_probability_mean": sum(p * w for p, w in zip(probabilities, weights)) / (sum(weights) or 1),
        "sentences_spun_share": sum(p >= 0.5 for p in probs) / len(probs) if probs else 0.0,
        "log_sentences": math.log1p(len(rows)),
        "log_spun_sentences": math.log1p(sum(p >= 0.5 for p in probs)),
        "sentences_with_signals_share": sum(bool(r.signals) for r in rows) / len(rows) if rows else 0.0,
        "word_probability_mean": sum(word_probs) / len(word_probs) if word_probs else 0.0,
        "signals_per_100_tokens": len(signals) * per_100,
        "log_signals": math.log1p(len(signals)),
        **{f"log_{kind.replace('-', '_')}_signals": math.log1p(kinds.get(kind, 0)) for kind in SIGNAL_KINDS},
        # Rare-synonym candidates weighted by their evidence: clean prose has many weak ones.
        "rare_synonym_score_per_100_tokens": per_100 * sum(
            s.score for s in signals if s.kind == "rare-synonym"),
        "strong_rare_synonyms_per_100_tokens": per_100 * sum(
            1 for s in signals if s.kind == "rare-synonym" and s.features.get("gain", 0.0) >= STRONG_GAIN),
    }
    # Spun names: capitalised ordinary words (`spin.name_capitals`) and `spin.name` finds.
    capitals = sum(row.features.get("odd_capitals", 0.0) for row in rows)
    features["odd_capitals_per_100_tokens"] = per_100 * capitals
    features["log_odd_capitals"] = math.log1p(capitals)
    features["spun_names_per_100_tokens"] = per_100 * sum(row.spun_names for row in rows)
    for name in ("rare_swap_share", "lone_rare_share", "echo_share", "unseen_pair_share"):
        if rows and name in rows[0].features:
            features[name] = _weighted(rows, name, weights)
    if fit:
        features.update(fit)
    return features


def document_fit(doc: Document) -> dict[str, float]:
    """How well the text's content words fit their neighbours (`spin.context_fit`)."""
    return context_fit(context_tokens(doc), lm_fits(doc))


def _weighted(rows: Sequence[SentenceRow], name: str, weights: Sequence[float]) -> float:
    total = sum(weights) or 1.0
    return sum(row.features.get(name, 0.0) * w for row, w in zip(rows, weights)) / total


def word_counts(doc: Document) -> Counter:
    """How often each (normalised, lower-case) word occurs in the document."""
    return Counter(t[2] for t in context_tokens(doc))


def signal_features(doc: Document, signal: Signal, counts: Mapping[str, int]) -> dict[str, float]:
    """A signal's own evidence: detector score and kind, how rare the word is, whether
    it repeats and whether the suggested original appears elsewhere in the text.

    A topical rare word ("chloroquine") repeats through an article; a spinner's
    swap usually stands alone while the word it replaced appears elsewhere.
    """
    matched = " ".join(doc.text[signal.start:signal.end].lower().split())
    word_zipf = zipf(matched) if matched else 0.0
    suggestions = [" ".join(s.lower().split()) for s in signal.suggestions if s.strip()]
    best = max((zipf(s) for s in suggestions), default=word_zipf)
    features = {
        "signal_score": signal.score,
        "kind_lexicon": float(signal.kind == "lexicon"),
        "kind_rare_synonym": float(signal.kind == "rare-synonym"),
        "kind_artifact": float(signal.kind == "artifact"),
        "has_suggestion": float(bool(suggestions)),
        "word_zipf": word_zipf,
        "word_repeats": math.log1p(max(0, counts.get(matched, 1) - 1)) if " " not in matched else 0.0,
        "suggestion_in_text": float(any(counts.get(s, 0) for s in suggestions)),
        "suggestion_zipf_gain": best - word_zipf,
    }
    for name, value in signal.features.items():
        if isinstance(value, (int, float)) and math.isfinite(value):
            features[f"signal_{name}"] = float(value)
    return features


def span_features(own: Mapping[str, float], row: SentenceRow | None, word_p: float, sentence_p: float,
                  document_p: float, document: Mapping[str, float]) -> dict[str, float]:
    """A signal in its context: its own evidence, its words', its sentence's and its document's.

    The `*_if_spun` products let the linear model trust moderate evidence more in a
    text that reads as spun as a whole than in one that reads as clean.
    """
    return {
        **own,
        "signal_score_if_spun": own.get("signal_score", 0.0) * document_p,
        "signal_gain_if_spun": own.get("signal_gain", 0.0) * document_p,
        "sentence_logit_if_spun": logit(sentence_p) * document_p,
        "word_logit": logit(word_p),
        "sentence_logit": logit(sentence_p),
        "document_logit": logit(document_p),
        "other_signals_in_sentence": float(len(row.signals) - 1) if row else 0.0,
        "document_signals_per_100_tokens": document.get("signals_per_100_tokens", 0.0),
    }


def logit(p: float, floor: float = 1e-4) -> float:
    """log(p / (1 - p)), p kept within `floor` of 0 and 1."""
    p = min(max(p, floor), 1 - floor)
    return math.log(p / (1 - p))


def languagetool_offsets(doc: Document, settings: Any) -> list[int] | None:
    """Start offsets of LanguageTool's matches on the document, or None when it is not set up
    (`settings`: the grammar check's `GrammarSettings`, None without one)."""
    if settings is None:
        return None
    try:
        from ..languagetool import document_matches
    except ImportError:
        return None
    matches = document_matches(doc, settings)
    if matches is None:
        return None
    return [_offset(m) for m in matches]


def _offset(match: Any) -> int:
    if isinstance(match, Mapping):
        return int(match.get("offset", match.get("start", 0)))
    for name in ("offset", "start"):
        if hasattr(match, name):
            return int(getattr(match, name))
    return 0


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """True when [start, end) overlaps any of the spans."""
    return any(start < e and s < end for s, e in spans)
