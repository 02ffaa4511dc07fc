"""The spin classifier at run time: three calibrated linear models and boosted trees, from plain JSON.

`rules/models/spin.json` holds, for the word, sentence and document models, the
feature names, their training means and scales, the coefficients, the
intercept and a Platt calibration (`a`, `b`).  A probability is

    p = 1 / (1 + exp(-(a * (intercept + sum(coef_i * clip((x_i - mean_i) / scale_i))) + b)))

computed here in pure Python; the span model is gradient-boosted trees (`trees.py`).
scikit-learn is needed to train (`training.py`), never to lint.  `analyse` runs
the four models on one document:

1. each content word gets P(swapped) from its rarity, its synonyms, its
   neighbours and the detectors' signals on it (`features.word_rows`);
2. each sentence gets P(spun) from its signals and its words (`sentence_rows`);
3. the document gets P(spun as a whole) from 1, 2 and signal densities, or, in a model
   trained on several spinner families, from two experts and their combiner
   (`DocumentExperts`: the detectors' evidence, and the words' fit without a thesaurus);
4. each detector signal gets P(true spin) from its own evidence plus 1-3.
"""
from __future__ import annotations

import bisect
import json
import math
import operator
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from ..document import Document
from .features import (WORD_FEATURES, SentenceRow, WordRow, document_features, document_fit, sentence_rows,
                       signal_features, span_features, token_count, word_counts, word_rows)
from .features import logit as features_logit
from .signals import Signal
from .trees import KIND as TREES, TreeModel

MODEL_FILE = "models/spin.json"
FORMAT = 1
STAGES = ("word", "sentence", "document", "span")
_NUMBER = r"-?\d[\d.eE+-]*"
_NUMBER_LIST = re.compile(rf"\[\s*((?:{_NUMBER},\s*)*{_NUMBER})\s*\]")
FIT_FEATURE = "lm_misfit_share"  # a model trained with `features.document_fit`'s features has it
Z_CLIP = 4.0  # standardised feature values are clipped to +-this many standard deviations


@dataclass(frozen=True)
class LinearModel:
    """A standardised logistic model with Platt calibration, readable as JSON."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    platt_a: float = 1.0
    platt_b: float = 0.0
    z_clip: float = Z_CLIP

    def score(self, row: Mapping[str, float]) -> float:
        """The raw linear score; a feature missing from `row` counts as its training mean.

        Standardised values are clipped to +-`z_clip` (0: no clipping): one rare
        event (a single artifact in a short text) must not outweigh everything else.
        """
        total = self.intercept
        clip = self.z_clip or math.inf
        low = -clip
        get = row.get
        for name, mean, scale, coef in self._terms:
            value = get(name)
            if value is not None:
                z = (value - mean) / scale
                total += coef * (clip if z > clip else low if z < low else z)
        return total

    @cached_property
    def _terms(self) -> tuple[tuple[str, float, float, float], ...]:
        return tuple(zip(self.features, self.mean, self.scale, self.coef))

    def probability(self, row: Mapping[str, float]) -> float:
        """The calibrated probability of the positive class."""
        return _sigmoid(self.platt_a * self.score(row) + self.platt_b)

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> list[float]:
        """`probability` of each row."""
        return [self.probability(row) for row in rows]

    def value_scorer(self, names: Sequence[str]) -> Callable[[Sequence[float]], float]:
        """A fast probability function for value tuples in `names` order (missing: the mean).

        For stages trained without clipping (`z_clip` 0: the word stage).
        """
        if self.z_clip:
            raise ValueError("value_scorer needs a model trained without clipping")
        index = {name: i for i, name in enumerate(names)}
        weights = [0.0] * len(names)
        bias = self.intercept
        for name, mean, scale, coef in zip(self.features, self.mean, self.scale, self.coef):
            if name in index:
                weights[index[name]] = coef / scale
                bias -= coef * mean / scale
        a, b = self.platt_a, self.platt_b

        def probability(values: Sequence[float]) -> float:
            return _sigmoid(a * (bias + sum(map(operator.mul, weights, values))) + b)

        return probability

    def contributions(self, row: Mapping[str, float]) -> list[tuple[str, float]]:
        """Each feature's share of the score, largest push towards "spun" first."""
        parts = [
            (name, coef * (row[name] - mean) / scale)
            for name, mean, scale, coef in zip(self.features, self.mean, self.scale, self.coef)
            if name in row
        ]
        return sorted(parts, key=lambda item: -item[1])

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": {
                name: {"mean": _round(m), "scale": _round(s), "coef": _round(c)}
                for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef)
            },
            "intercept": _round(self.intercept),
            "z_clip": self.z_clip,
            "calibration": {"a": _round(self.platt_a), "b": _round(self.platt_b)},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "LinearModel":
        features = data["features"]
        names = tuple(features)
        return cls(
            features=names,
            mean=tuple(float(features[n]["mean"]) for n in names),
            scale=tuple(float(features[n]["scale"]) or 1.0 for n in names),
            coef=tuple(float(features[n]["coef"]) for n in names),
            intercept=float(data["intercept"]),
            platt_a=float(data.get("calibration", {}).get("a", 1.0)),
            platt_b=float(data.get("calibration", {}).get("b", 0.0)),
            z_clip=float(data.get("z_clip", Z_CLIP)),
        )


EXPERTS = "experts"  # the `kind` of a document stage made of experts


@dataclass(frozen=True)
class DocumentExperts:
    """A document stage of calibrated experts, one per kind of evidence, and a combiner.

    Each expert is a `LinearModel` on its own features (`training.fit`: the detectors'
    expert on everything the detectors and the earlier stages say, learnt from the
    detector's own spinner; the fit expert on evidence that needs no thesaurus, learnt
    from every spinner family).  The combiner is a calibrated logistic model of their
    logits (features `<name>_logit`), learnt from every family.  The probability is the
    larger of the first expert's and the combiner's: a text the detectors' expert finds
    spun keeps that probability, however little the fit expert sees, while a text with
    no lexicon or rarity evidence but a broken fit can still rank high.
    """

    experts: tuple[tuple[str, LinearModel], ...]
    combiner: LinearModel

    @cached_property
    def features(self) -> tuple[str, ...]:
        """Every expert's features, once each."""
        return tuple(dict.fromkeys(name for _, model in self.experts for name in model.features))

    def probability(self, row: Mapping[str, float]) -> float:
        """max(first expert's probability, the combiner's on every expert's logit)."""
        ps = [model.probability(row) for _, model in self.experts]
        return max(ps[0], self.combiner.probability(
            {f"{name}_logit": logit(p) for (name, _), p in zip(self.experts, ps)}))

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> list[float]:
        """`probability` of each row."""
        return [self.probability(row) for row in rows]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": EXPERTS, "experts": {name: m.to_dict() for name, m in self.experts},
                "combiner": self.combiner.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "DocumentExperts":
        return cls(tuple((name, LinearModel.from_dict(m)) for name, m in data["experts"].items()),
                   LinearModel.from_dict(data["combiner"]))


@dataclass(frozen=True)
class SpinModel:
    """The four stages and how they were trained (`meta`: command, data, seed)."""

    word: LinearModel
    sentence: LinearModel
    document: LinearModel | DocumentExperts
    span: LinearModel | TreeModel
    meta: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "meta": dict(self.meta),
                **{stage: getattr(self, stage).to_dict() for stage in STAGES}}

    def dumps(self) -> str:
        """Stable JSON text: the same model always gives the same bytes.  Lists of numbers
        (the trees' node arrays) are written on one line each, everything else indented."""
        text = json.dumps(self.to_dict(), indent=1, sort_keys=False)
        return _NUMBER_LIST.sub(lambda m: "[" + ", ".join(re.split(r",\s*", m.group(1))) + "]", text) + "\n"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "SpinModel":
        if data.get("format") != FORMAT:
            raise ValueError(f"unsupported spin model format {data.get('format')!r} (expected {FORMAT})")
        return cls(*(_stage(data[stage]) for stage in STAGES), meta=data.get("meta", {}))

    @classmethod
    def load(cls, path: str | Path) -> "SpinModel":
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def _stage(data: Mapping[str, Any]) -> LinearModel | DocumentExperts | TreeModel:
    kind = data.get("kind")
    if kind == TREES:
        return TreeModel.from_dict(data)
    return DocumentExperts.from_dict(data) if kind == EXPERTS else LinearModel.from_dict(data)


@lru_cache(maxsize=4)
def load_model(path: str = MODEL_FILE) -> SpinModel:
    """A model by path: relative paths are under the shipped rules/ folder (cached)."""
    from ..resources import load_data, rules_dir

    if (rules_dir() / path).is_file():  # the model as parsed, kept in the cache: reading the JSON's
        # copy and converting the trees' 61,000 numbers took 7-10 ms of a cold start, this 2.5-3.5
        from .. import resources
        from ..mapped import cached_object
        from . import trees

        sources = [rules_dir() / path, Path(__file__), Path(trees.__file__), Path(resources.__file__)]
        return cached_object(f"spin-model-{path.replace('/', '-')}", sources,
                             lambda: SpinModel.from_dict(load_data(path)))
    if not Path(path).is_file():
        raise FileNotFoundError(f"spin model {path} not found (setting spin.classifier.model)")
    return SpinModel.load(path)


@dataclass
class Analysis:
    """The classifier's view of one document."""

    words: list[WordRow]
    word_probabilities: list[float]
    rows: list[SentenceRow]
    sentence_probabilities: list[float]
    document_features: dict[str, float]
    document_probability: float
    signals: list[Signal]
    span_probabilities: list[float]


def analyse(doc: Document, signals: Sequence[Signal], model: SpinModel,
            grammar_offsets: Sequence[int] | None = None, collocations: Any = None) -> Analysis:
    """Run the word, sentence, document and span models on one document."""
    words = word_rows(doc, signals, collocations)
    word_model = _word_scorer(model.word)
    word_p = [word_model(w.values) for w in words]
    rows = sentence_rows(doc, signals, words, word_p, grammar_offsets)
    sentence_p = [model.sentence.probability(row.features) for row in rows]
    fit = document_fit(doc) if FIT_FEATURE in model.document.features else None
    doc_features = document_features(token_count(doc), rows, sentence_p, word_p, fit)
    doc_p = model.document.probability(doc_features)
    span_p = []
    if signals:
        row_of = {id(s): (row, p) for row, p in zip(rows, sentence_p) for s in row.signals}
        counts = word_counts(doc)
        word_starts = [w.start for w in words]
        span_rows = []
        for signal in signals:
            row, p = row_of.get(id(signal), (None, 0.0))
            own = signal_features(doc, signal, counts)
            lo = bisect.bisect_left(word_starts, signal.start)
            hi = bisect.bisect_left(word_starts, signal.end)
            inner = max(word_p[lo:hi], default=0.0)
            span_rows.append(span_features(own, row, inner, p, doc_p, doc_features))
        span_p = model.span.probabilities(span_rows)
    return Analysis(words, word_p, rows, sentence_p, doc_features, doc_p, list(signals), span_p)


@lru_cache(maxsize=4)
def _word_scorer(model: LinearModel) -> Callable[[Sequence[float]], float]:
    """The word stage's `value_scorer` over `WORD_FEATURES`, made once per model (not per text)."""
    return model.value_scorer(WORD_FEATURES)


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def logit(p: float) -> float:
    """The experts' logit for the combiner: `features.logit` with p kept within 1e-6 of 0 and 1."""
    return features_logit(p, 1e-6)


def _round(x: float) -> float:
    """Six significant digits: stable across BLAS builds, exact in JSON."""
    return float(f"{x:.6g}")
