"""Fitting the spin classifier with scikit-learn (training time only).

`extract` turns labelled texts into feature rows by running the real detectors
(`find_signals`) and the real feature code; `fit` trains the three stages in
order, each on out-of-fold probabilities of the stage before it (folds grouped
by article, so a clean text and its spun twin never sit on both sides), and
calibrates each with Platt scaling on its own out-of-fold scores.  Everything is
deterministic: no shuffling, single-threaded BLAS, coefficients rounded to six
significant digits, so retraining from the repository gives the same bytes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from ..document import Document
from .classifier import LinearModel, SpinModel, _round
from .features import (SentenceRow, document_features, overlaps, sentence_rows, signal_features,
                       span_features, word_counts)

FOLDS = 5
REGULARISATION = {"sentence": 1.0, "document": 0.3, "span": 1.0}  # sklearn's C per stage


@dataclass
class LabelledText:
    """A text to learn from: `label` 1 when spun, `spans` the spun (start, end) spans."""

    key: str
    text: str
    label: int
    spans: tuple[tuple[int, int], ...] = ()


@dataclass
class ExampleRows:
    """One labelled text reduced to what the models see."""

    key: str
    label: int
    n_tokens: int
    rows: list[SentenceRow]
    sentence_labels: list[int]
    signal_labels: list[list[int]]
    signal_own: list[list[dict[str, float]]]


SignalFinder = Callable[[Document], list]


def extract(example: LabelledText, find: SignalFinder,
            grammar: Callable[[Document], Sequence[int] | None] | None = None) -> ExampleRows:
    """Run the detectors and the feature code on one labelled text."""
    doc = Document(example.text, path=example.key)
    signals = find(doc)
    rows = sentence_rows(doc, signals, grammar(doc) if grammar else None)
    spans = example.spans
    counts = word_counts(doc)
    return ExampleRows(
        key=example.key,
        label=example.label,
        n_tokens=len(doc.tokens),
        rows=rows,
        sentence_labels=[int(overlaps(r.span.start, r.span.end, spans)) for r in rows],
        signal_labels=[[int(overlaps(s.start, s.end, spans)) for s in r.signals] for r in rows],
        signal_own=[[signal_features(doc, s, counts) for s in r.signals] for r in rows],
    )


def fit(examples: Sequence[ExampleRows], meta: Mapping[str, Any] | None = None) -> SpinModel:
    """Train the sentence, document and span stages; returns the calibrated model."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        groups_by_key = {key: i for i, key in enumerate(dict.fromkeys(e.key for e in examples))}

        sentence_x = [row.features for e in examples for row in e.rows]
        sentence_y = [y for e in examples for y in e.sentence_labels]
        sentence_g = [groups_by_key[e.key] for e in examples for _ in e.rows]
        sentence, sentence_oof = _fit_stage(sentence_x, sentence_y, sentence_g, REGULARISATION["sentence"])

        doc_x, doc_y, doc_g = [], [], []
        at = 0
        per_example_p: list[list[float]] = []
        for e in examples:
            probs = sentence_oof[at:at + len(e.rows)]
            at += len(e.rows)
            per_example_p.append(probs)
            doc_x.append(document_features(e.n_tokens, e.rows, probs))
            doc_y.append(e.label)
            doc_g.append(groups_by_key[e.key])
        document, document_oof = _fit_stage(doc_x, doc_y, doc_g, REGULARISATION["document"])

        span_x, span_y, span_g = [], [], []
        for e, probs, doc_p, doc_f in zip(examples, per_example_p, document_oof, doc_x):
            for row, p, labels, owns in zip(e.rows, probs, e.signal_labels, e.signal_own):
                for own, label in zip(owns, labels):
                    span_x.append(span_features(own, row, p, doc_p, doc_f))
                    span_y.append(label)
                    span_g.append(groups_by_key[e.key])
        span, _ = _fit_stage(span_x, span_y, span_g, REGULARISATION["span"])

    info = dict(meta or {})
    info.update(rows={"sentence": len(sentence_x), "document": len(doc_x), "span": len(span_x)})
    return SpinModel(sentence, document, span, info)


def _fit_stage(rows: Sequence[Mapping[str, float]], labels: Sequence[int], groups: Sequence[int],
               c: float) -> tuple[LinearModel, list[float]]:
    """A standardised logistic model, its Platt calibration and its out-of-fold probabilities."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    y = np.asarray(labels, dtype=int)
    if len(set(labels)) < 2:
        raise ValueError("a spin model stage needs both spun and clean examples to learn from")
    names = sorted({name for row in rows for name in row})
    raw = np.array([[row.get(n, math.nan) for n in names] for row in rows], dtype=float)
    mean = np.nanmean(raw, axis=0)
    raw = np.where(np.isnan(raw), mean, raw)
    scale = raw.std(axis=0)
    scale[scale < 1e-9] = 1.0
    mean, scale = np.array([_round(m) for m in mean]), np.array([_round(s) for s in scale])
    x = (raw - mean) / scale

    def model() -> LogisticRegression:
        return LogisticRegression(C=c, max_iter=5000)

    oof = np.zeros(len(y))
    folds = min(FOLDS, len(set(groups)))
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        if len(set(y[train])) < 2:
            oof[test] = 0.0
            continue
        oof[test] = model().fit(x[train], y[train]).decision_function(x[test])
    platt = LogisticRegression(C=1e6, max_iter=5000).fit(oof.reshape(-1, 1), y)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    final = model().fit(x, y)
    linear = LinearModel(
        features=tuple(names), mean=tuple(float(m) for m in mean), scale=tuple(float(s) for s in scale),
        coef=tuple(_round(float(c)) for c in final.coef_[0]), intercept=_round(float(final.intercept_[0])),
        platt_a=_round(a), platt_b=_round(b),
    )
    oof_p = [1.0 / (1.0 + math.exp(-(a * s + b))) for s in oof]
    return linear, oof_p


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of at most `size` items."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
