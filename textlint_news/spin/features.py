"""Readable features of sentences, documents and signals for the spin classifier.

Each feature is a named number: the model file lists the names it was trained
on, and a name missing at run time (LanguageTool not configured, say) is filled
with its training mean, so every feature is optional.  The same functions build
the training rows and the run-time rows, so the two cannot drift apart.
"""
from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from ..document import Document, Span
from .signals import Signal

RARE_GAP = 1.0          # a word whose best synonym is 10x commoner (1 zipf unit) is a "rare swap"
ECHO_GAP = 0.5          # a synonym this much commoner that occurs elsewhere in the text is an "echo"
MIN_CONTENT_LENGTH = 3  # shorter words are never content words here
SIGNAL_KINDS = ("lexicon", "rare-synonym", "artifact")


@dataclass
class SentenceRow:
    """One sentence: its span, the signals inside it and its features."""

    span: Span
    signals: list[Signal]
    features: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The shipped function-word list (rules/data/function_words.txt)."""
    from ..resources import load_data

    return frozenset(load_data("data/function_words.txt"))


@lru_cache(maxsize=262_144)
def zipf(word: str) -> float:
    """Zipf frequency (log10 per billion words) of a lower-case word or phrase; 0 if unknown."""
    if " " in word or "-" in word:
        from wordfreq import zipf_frequency

        return zipf_frequency(word, "en")
    freq = _frequencies().get(word, 0.0)
    return math.log10(freq) + 9 if freq > 0 else 0.0


@lru_cache(maxsize=262_144)
def rarity_gap(word: str) -> float:
    """How much commoner (zipf units) the word's commonest synonym is; 0 if none is commoner."""
    from .lexicon import synonyms

    best = max((zipf(s) for s in synonyms(word)), default=0.0)
    return max(0.0, best - zipf(word))


@lru_cache(maxsize=262_144)
def commoner_synonyms(word: str) -> tuple[str, ...]:
    """Single-word synonyms at least ECHO_GAP zipf units commoner than the word."""
    from .lexicon import synonyms

    floor = zipf(word) + ECHO_GAP
    return tuple(s for s in synonyms(word) if " " not in s and zipf(s) >= floor)


def is_content_word(word: str) -> bool:
    """A lower-case alphabetic word that is not a function word."""
    return (len(word) >= MIN_CONTENT_LENGTH and word.isalpha() and word.islower()
            and word not in function_words())


def sentence_rows(
    doc: Document, signals: Sequence[Signal], grammar_offsets: Sequence[int] | None = None
) -> list[SentenceRow]:
    """Every sentence of the document with its features.

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
    token_starts = [t.start for t in doc.tokens]
    counts = word_counts(doc)
    grammar = sorted(grammar_offsets) if grammar_offsets is not None else None
    for row in rows:
        lo = bisect.bisect_left(token_starts, row.span.start)
        hi = bisect.bisect_left(token_starts, row.span.end)
        words = [t.text for t in doc.tokens[lo:hi]]
        row.features = _sentence_features(words, row.signals, counts)
        if grammar is not None:
            row.features["languagetool_matches"] = float(
                bisect.bisect_left(grammar, row.span.end) - bisect.bisect_left(grammar, row.span.start))
    return rows


def _sentence_features(words: list[str], signals: list[Signal], counts: Mapping[str, int]) -> dict[str, float]:
    lower = [w.lower() for w in words]
    content = [w for w in words if is_content_word(w)]
    gaps = [rarity_gap(w) for w in content]
    lone = sum(g >= RARE_GAP and counts.get(w, 0) <= 1 for w, g in zip(content, gaps))
    echoes = sum(any(counts.get(s, 0) for s in commoner_synonyms(w)) for w in content)
    zipfs = [zipf(w) for w in content]
    counts = {kind: 0 for kind in SIGNAL_KINDS}
    best_rare = 0.0
    for signal in signals:
        counts[signal.kind] = counts.get(signal.kind, 0) + 1
        if signal.kind == "rare-synonym":
            best_rare = max(best_rare, signal.score)
    return {
        "log_tokens": math.log1p(len(words)),
        "lexicon_hits": float(counts["lexicon"]),
        "rare_synonym_hits": float(counts["rare-synonym"]),
        "rare_synonym_best_score": best_rare,
        "artifact_hits": float(counts["artifact"]),
        "signal_score_sum": sum(s.score for s in signals),
        "rarity_gap_max": max(gaps, default=0.0),
        "rarity_gap_mean": sum(gaps) / len(gaps) if gaps else 0.0,
        "rare_swap_share": sum(g >= RARE_GAP for g in gaps) / len(gaps) if gaps else 0.0,
        "lone_rare_share": lone / len(gaps) if gaps else 0.0,
        "echo_share": echoes / len(gaps) if gaps else 0.0,
        "content_zipf_min": min(zipfs, default=7.0),
        "content_zipf_mean": sum(zipfs) / len(zipfs) if zipfs else 7.0,
        "function_word_share": sum(w in function_words() for w in lower) / len(lower) if lower else 0.0,
    }


def document_features(n_tokens: int, rows: Sequence[SentenceRow], probabilities: Sequence[float]) -> dict[str, float]:
    """Whole-text features: how spun its sentences look, and signal densities."""
    tokens = max(1, n_tokens)
    signals = [s for row in rows for s in row.signals]
    per_100 = 100.0 / tokens
    probs = sorted(probabilities, reverse=True)
    top = probs[:max(1, len(probs) // 5)] if probs else [0.0]
    weights = [math.expm1(row.features.get("log_tokens", 0.0)) for row in rows]
    total_weight = sum(weights) or 1.0
    return {
        "log_tokens": math.log1p(tokens),
        "sentence_probability_mean": sum(p * w for p, w in zip(probabilities, weights)) / total_weight,
        "sentence_probability_top_fifth": sum(top) / len(top),
        "sentences_spun_share": sum(p >= 0.5 for p in probs) / len(probs) if probs else 0.0,
        "signals_per_100_tokens": len(signals) * per_100,
        "lexicon_per_100_tokens": sum(s.kind == "lexicon" for s in signals) * per_100,
        "rare_synonym_per_100_tokens": sum(s.kind == "rare-synonym" for s in signals) * per_100,
        "artifacts_per_100_tokens": sum(s.kind == "artifact" for s in signals) * per_100,
        "rare_swap_share": _weighted(rows, "rare_swap_share", weights),
        "rarity_gap_mean": _weighted(rows, "rarity_gap_mean", weights),
        "lone_rare_share": _weighted(rows, "lone_rare_share", weights),
        "echo_share": _weighted(rows, "echo_share", weights),
    }


def _weighted(rows: Sequence[SentenceRow], name: str, weights: Sequence[float]) -> float:
    total = sum(weights) or 1.0
    return sum(row.features.get(name, 0.0) * w for row, w in zip(rows, weights)) / total


def word_counts(doc: Document) -> Counter:
    """How often each lower-case word occurs in the document."""
    return Counter(t.text.lower() for t in doc.tokens)


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


def span_features(own: Mapping[str, float], row: SentenceRow | None, sentence_p: float,
                  document_p: float, document: Mapping[str, float]) -> dict[str, float]:
    """A signal in its context: its own evidence, its sentence's and its document's."""
    return {
        **own,
        "sentence_logit": _logit(sentence_p),
        "document_logit": _logit(document_p),
        "other_signals_in_sentence": float(len(row.signals) - 1) if row else 0.0,
        "document_signals_per_100_tokens": document.get("signals_per_100_tokens", 0.0),
    }


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def languagetool_offsets(doc: Document, settings: Mapping[str, Any]) -> list[int] | None:
    """Start offsets of LanguageTool's matches on the document, or None when it is not set up."""
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
