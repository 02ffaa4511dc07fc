"""Fitting the spin classifier with scikit-learn (training time only).

`extract` turns a labelled text into feature rows by running the real detectors
(`find_signals`) and the real feature code; `fit` trains the four stages in
order (word, sentence, document, span), each on out-of-fold probabilities of the
stages before it (folds grouped by article, so a clean text and its spun twin
never sit on both sides), and calibrates each with Platt scaling on its own
out-of-fold scores.  Everything is deterministic: no shuffling, single-threaded
BLAS, numbers rounded to six significant digits, so retraining from the
repository gives the same bytes.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from ..document import Document
from .rarity import OwnCounts
from .signals import LEAVE_OUT
from .classifier import Z_CLIP, DocumentExperts, LinearModel, SpinModel, _round, _sigmoid, logit
from .trees import TreeModel
from .features import (WORD_FEATURES, SentenceRow, document_features, document_fit, overlaps, sentence_rows,
                       set_word_probabilities, signal_features, span_features, token_count, word_counts, word_rows)

FOLDS = 5
REGULARISATION = {"word": 1.0, "sentence": 1.0, "document": 0.1, "combiner": 1.0}  # sklearn's C per linear model
# The span stage's boosted trees (HistGradientBoostingClassifier): measured on the held-out
# split, 200 trees of 31 leaves find ~4 points more spans than the linear model at precision 0.8.
SPAN_TREES = {"max_iter": 200, "max_leaf_nodes": 31, "max_depth": 8, "learning_rate": 0.1}
OWN = "own"  # the detector's own spinner family (corpora/build.py)
# The fit expert's document features: evidence the synonym tables do not make (the language
# model's fit of the content words, word pairs clean news never writes, capitalised ordinary
# words), the echo of a commoner synonym elsewhere in the text, and the text's length.
FIT_FEATURES = ("lm_misfit_share", "lm_strong_misfit_share", "lm_association_mean", "lm_unseen_share",
                "unseen_pair_share", "odd_capitals_per_100_tokens", "log_odd_capitals",
                "spun_names_per_100_tokens", "echo_share", "log_sentences")


@dataclass
class LabelledText:
    """A text to learn from: `label` 1 when spun, `spans` the spun (start, end) spans.

    `source` is the clean article the text was made from (itself when clean):
    its counts are left out of the collocation table while learning from it.
    """

    key: str
    text: str
    label: int
    spans: tuple[tuple[int, int], ...] = ()
    source: str | None = None


@dataclass
class ExampleRows:
    """One labelled text reduced to what the models see.

    `word_ranges[i]` / `signal_words[i][j]` index `words` for sentence i and its
    signal j, so later stages can be fed out-of-fold word probabilities.
    """

    key: str
    label: int
    n_tokens: int
    words: list[tuple[float, ...]]
    word_labels: list[int]
    rows: list[SentenceRow]
    word_ranges: list[tuple[int, int]]
    sentence_labels: list[int]
    signal_labels: list[list[int]]
    signal_own: list[list[dict[str, float]]]
    signal_words: list[list[tuple[int, int]]]
    fit: dict[str, float]


SignalFinder = Callable[[Document], list]


def extract(example: LabelledText, find: SignalFinder,
            grammar: Callable[[Document], Sequence[int] | None] | None = None,
            collocations: Any = None, leave_out: bool = True) -> ExampleRows:
    """Run the detectors and the feature code on one labelled text.

    `leave_out`: the collocation counts were learnt from this text's source
    article, so the article's own counts are subtracted (as if it were new text).
    """
    doc = Document(example.text, path=example.key)
    if leave_out:
        doc.memo[LEAVE_OUT] = OwnCounts.of(example.source if example.source is not None else example.text)
    signals = find(doc)
    words = word_rows(doc, signals, collocations, leave_out=leave_out)
    rows = sentence_rows(doc, signals, words, [0.0] * len(words), grammar(doc) if grammar else None)
    spans = example.spans
    counts = word_counts(doc)
    starts = [w.start for w in words]

    def word_range(start: int, end: int) -> tuple[int, int]:
        return bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)

    for row in rows:
        row.words = []  # kept once, in `words`
    return ExampleRows(
        key=example.key,
        label=example.label,
        n_tokens=token_count(doc),
        words=[w.values for w in words],
        word_labels=[int(overlaps(w.start, w.end, spans)) for w in words],
        rows=rows,
        word_ranges=[word_range(r.span.start, r.span.end) for r in rows],
        sentence_labels=[int(overlaps(r.span.start, r.span.end, spans)) for r in rows],
        signal_labels=[[int(overlaps(s.start, s.end, spans)) for s in r.signals] for r in rows],
        signal_own=[[signal_features(doc, s, counts) for s in r.signals] for r in rows],
        signal_words=[[word_range(s.start, s.end) for s in r.signals] for r in rows],
        fit=document_fit(doc),
    )


def fit(examples: Sequence[ExampleRows], meta: Mapping[str, Any] | None = None,
        weights: Sequence[float] | None = None, families: Sequence[str] | None = None) -> SpinModel:
    """Train the word, sentence, document and span stages; returns the calibrated model.

    `weights`: one per example, given to each of its rows at every stage (None: all 1), so
    that a spinner family counts as much as the training procedure wants whatever its rows.
    `families`: each example's spinner family ("" when clean).  With `own` and others, the
    stages learn from the clean texts and `own`'s twins alone (weight 1: the model `own`
    trains), and the document stage gets a second expert, on `FIT_FEATURES` only, and a
    combiner of both experts' logits, which learn from every twin with `weights`
    (`DocumentExperts`).
    """
    import numpy as np
    from threadpoolctl import threadpool_limits

    weights = [1.0] * len(examples) if weights is None else list(weights)
    every, every_weights = list(examples), weights
    experts = families is not None and OWN in families and any(f not in ("", OWN) for f in families)
    if experts:
        examples = [e for e, f in zip(every, families) if f in ("", OWN)]
        weights = [1.0] * len(examples)
    with threadpool_limits(limits=1):
        group_of = {key: i for i, key in enumerate(dict.fromkeys(e.key for e in examples))}
        width = max((len(v) for e in examples for v in e.words), default=len(WORD_FEATURES))
        word_names = list(WORD_FEATURES[:width])
        word_x = np.array([v for e in examples for v in e.words], dtype=float).reshape(-1, width)
        word_y = [y for e in examples for y in e.word_labels]
        word_g = [group_of[e.key] for e in examples for _ in e.words]
        word_w = [w for e, w in zip(examples, weights) for _ in e.words]
        word, word_oof = _fit_matrix(word_x, word_names, word_y, word_g, REGULARISATION["word"], clip=0.0,
                                     weights=word_w)

        at = 0
        word_p_of: list[list[float]] = []
        for e in examples:
            word_p_of.append(word_oof[at:at + len(e.words)])
            at += len(e.words)
        for e, probs in zip(examples, word_p_of):
            for row, (lo, hi) in zip(e.rows, e.word_ranges):
                set_word_probabilities(row.features, probs[lo:hi])

        sentence_x = [row.features for e in examples for row in e.rows]
        sentence_y = [y for e in examples for y in e.sentence_labels]
        sentence_g = [group_of[e.key] for e in examples for _ in e.rows]
        sentence_w = [w for e, w in zip(examples, weights) for _ in e.rows]
        sentence, sentence_oof = _fit_rows(sentence_x, sentence_y, sentence_g, REGULARISATION["sentence"],
                                           sentence_w)

        doc_x, doc_y, doc_g, sentence_p_of = [], [], [], []
        at = 0
        for e, word_p in zip(examples, word_p_of):
            probs = sentence_oof[at:at + len(e.rows)]
            at += len(e.rows)
            sentence_p_of.append(probs)
            doc_x.append(document_features(e.n_tokens, e.rows, probs, word_p, e.fit))
            doc_y.append(e.label)
            doc_g.append(group_of[e.key])
        document, document_oof = _fit_rows(doc_x, doc_y, doc_g, REGULARISATION["document"], weights)
        fit_rows = 0
        if experts:
            document, document_oof, fit_rows = _fit_expert(
                document, document_oof, examples, doc_x, every, every_weights, word, sentence, word_names)

        span_x, span_y, span_w = [], [], []
        for e, w, word_p, probs, doc_p, doc_f in zip(examples, weights, word_p_of, sentence_p_of, document_oof,
                                                     doc_x):
            for row, p, labels, owns, ranges in zip(e.rows, probs, e.signal_labels, e.signal_own, e.signal_words):
                for own, label, (lo, hi) in zip(owns, labels, ranges):
                    inner = max(word_p[lo:hi], default=0.0)
                    span_x.append(span_features(own, row, inner, p, doc_p, doc_f))
                    span_y.append(label)
                    span_w.append(w)
        span = _fit_trees(span_x, span_y, span_w)

    info = dict(meta or {})
    info.update(rows={"word": len(word_y), "sentence": len(sentence_x), "document": len(doc_x),
                      **({"document_fit": fit_rows} if experts else {}), "span": len(span_x)})
    return SpinModel(word, sentence, document, span, info)


def _fit_expert(detectors: LinearModel, detectors_oof: Sequence[float], staged: Sequence[ExampleRows],
                staged_x: Sequence[Mapping[str, float]], every: Sequence[ExampleRows], weights: Sequence[float],
                word: LinearModel, sentence: LinearModel, word_names: Sequence[str]
                ) -> tuple[DocumentExperts, list[float], int]:
    """The fit expert on `FIT_FEATURES` and the combiner of both experts' logits, trained on
    every example (those the stages did not learn from read by the fitted word and sentence
    models and the detectors' expert; the others by their out-of-fold probabilities).
    Returns the document stage, its out-of-fold probabilities on `staged` and the rows."""
    row_of = {id(e): x for e, x in zip(staged, staged_x)}
    detectors_of = {id(e): p for e, p in zip(staged, detectors_oof)}
    word_model = word.value_scorer(word_names)
    rows, detectors_p = [], []
    for e in every:
        x = row_of.get(id(e))
        if x is None:
            word_p = [word_model(v) for v in e.words]
            for row, (lo, hi) in zip(e.rows, e.word_ranges):
                set_word_probabilities(row.features, word_p[lo:hi])
            x = document_features(e.n_tokens, e.rows, [sentence.probability(r.features) for r in e.rows],
                                  word_p, e.fit)
        rows.append({name: x[name] for name in FIT_FEATURES if name in x})
        detectors_p.append(detectors_of[id(e)] if id(e) in detectors_of else detectors.probability(x))
    labels = [e.label for e in every]
    group_of = {key: i for i, key in enumerate(dict.fromkeys(e.key for e in every))}
    groups = [group_of[e.key] for e in every]
    expert, expert_oof = _fit_rows(rows, labels, groups, REGULARISATION["document"], weights)
    logits = [{"detectors_logit": logit(a), "fit_logit": logit(b)} for a, b in zip(detectors_p, expert_oof)]
    combiner, combined_oof = _fit_rows(logits, labels, groups, REGULARISATION["combiner"], weights)
    combined_of = {id(e): p for e, p in zip(every, combined_oof)}
    combined = [max(p, combined_of[id(e)]) for e, p in zip(staged, detectors_oof)]
    return DocumentExperts((("detectors", detectors), ("fit", expert)), combiner), combined, len(rows)


def _fit_rows(rows: Sequence[Mapping[str, float]], labels: Sequence[int], groups: Sequence[int],
              c: float, weights: Sequence[float] | None = None) -> tuple[LinearModel, list[float]]:
    """`_fit_matrix` on feature dicts; a feature missing from a row takes its mean."""
    import numpy as np

    names = sorted({name for row in rows for name in row})
    raw = np.array([[row.get(n, math.nan) for n in names] for row in rows], dtype=float)
    return _fit_matrix(raw, names, labels, groups, c, weights=weights)


def _constant_logit(y: Any) -> float:
    """The log-odds of the labels' rate (kept within 2-98%): the model of a one-class corpus."""
    rate = min(0.98, max(0.02, float(y.mean()) if len(y) else 0.5))
    return math.log(rate / (1 - rate))


def _fit_trees(rows: Sequence[Mapping[str, float]], labels: Sequence[int],
               weights: Sequence[float] | None = None) -> TreeModel:
    """Boosted trees on feature dicts (a missing feature takes its mean), read out as a
    `TreeModel`; their probabilities are the boosting's own (log-loss trained).

    The trees are read from the estimator's fitted predictors (`_predictors`, their `nodes`
    arrays, `_baseline_prediction`); tests check the export against `predict_proba`.
    """
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    names = sorted({name for row in rows for name in row})
    raw = np.array([[row.get(n, math.nan) for n in names] for row in rows], dtype=float)
    mean = np.array([_round(m) for m in np.nanmean(raw, axis=0)]) if len(raw) else np.zeros(len(names))
    x = np.where(np.isnan(raw), mean, raw)
    y = np.asarray(labels, dtype=int)
    if len(set(labels)) < 2:  # a tiny corpus: the constant
        return TreeModel(tuple(names), tuple(float(m) for m in mean), _round(_constant_logit(y)),
                         (), (), (), (), (), (), 0)
    boosted = HistGradientBoostingClassifier(**SPAN_TREES, early_stopping=False, random_state=0).fit(
        x, y, sample_weight=_weights(weights, len(y)))
    roots, feature, threshold, left, right, value = [], [], [], [], [], []
    for (tree,) in boosted._predictors:
        offset = len(feature)
        roots.append(offset)
        for node in tree.nodes:
            leaf = bool(node["is_leaf"])
            feature.append(-1 if leaf else int(node["feature_idx"]))
            threshold.append(0.0 if leaf else float(node["num_threshold"]))  # exact: a rounded split moves rows
            left.append(-1 if leaf else offset + int(node["left"]))
            right.append(-1 if leaf else offset + int(node["right"]))
            value.append(_round(float(node["value"])) if leaf else 0.0)
    depth = max(int(tree.nodes["depth"].max()) for (tree,) in boosted._predictors)
    return TreeModel(tuple(names), tuple(float(m) for m in mean),
                     _round(float(np.ravel(boosted._baseline_prediction)[0])), tuple(roots), tuple(feature),
                     tuple(threshold), tuple(left), tuple(right), tuple(value), depth)


def _weights(weights: Sequence[float] | None, n: int) -> Any:
    """Sample weights for scikit-learn: None when every row weighs 1 (the unweighted fit, same bytes)."""
    import numpy as np

    if weights is None or all(w == 1.0 for w in weights):
        return None
    return np.asarray(weights, dtype=float).reshape(n)


def _fit_matrix(raw: Any, names: Sequence[str], labels: Sequence[int], groups: Sequence[int],
                c: float, clip: float = Z_CLIP, weights: Sequence[float] | None = None
                ) -> tuple[LinearModel, list[float]]:
    """A standardised logistic model, its Platt calibration and its out-of-fold probabilities.

    Standardised values are clipped to +-`clip` (0: not at all), as at run time; `weights`
    weigh the rows in the fits (not in the standardisation).
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    y = np.asarray(labels, dtype=int)
    if len(set(labels)) < 2:  # a tiny corpus: nothing to separate, learn the constant
        constant = _constant_logit(y)
        return LinearModel((), (), (), (), _round(constant), z_clip=clip), [_sigmoid(constant)] * len(y)
    mean = np.nanmean(raw, axis=0)
    raw = np.where(np.isnan(raw), mean, raw)
    scale = raw.std(axis=0)
    scale[scale < 1e-9] = 1.0
    mean, scale = np.array([_round(m) for m in mean]), np.array([_round(s) for s in scale])
    x = (raw - mean) / scale
    if clip:
        x = np.clip(x, -clip, clip)

    def model() -> LogisticRegression:
        return LogisticRegression(C=c, max_iter=5000)

    w = _weights(weights, len(y))
    oof = np.zeros(len(y))
    folds = min(FOLDS, len(set(groups)))
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        if len(set(y[train])) < 2:
            continue
        oof[test] = model().fit(x[train], y[train], None if w is None else w[train]).decision_function(x[test])
    platt = LogisticRegression(C=1e6, max_iter=5000).fit(oof.reshape(-1, 1), y, w)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    final = model().fit(x, y, w)
    linear = LinearModel(
        features=tuple(names), mean=tuple(float(m) for m in mean), scale=tuple(float(s) for s in scale),
        coef=tuple(_round(float(v)) for v in final.coef_[0]), intercept=_round(float(final.intercept_[0])),
        platt_a=_round(a), platt_b=_round(b), z_clip=clip,
    )
    oof_p = [_sigmoid(a * s + b) for s in oof]
    return linear, oof_p
