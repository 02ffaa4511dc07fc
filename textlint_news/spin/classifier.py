"""The spin classifier at run time: three calibrated linear models read from plain JSON.

`rules/models/spin.json` holds, for the sentence, document and span models, the
feature names, their training means and scales, the coefficients, the
intercept and a Platt calibration (`a`, `b`).  A probability is

    p = 1 / (1 + exp(-(a * (intercept + sum(coef_i * (x_i - mean_i) / scale_i)) + b)))

computed here in pure Python: scikit-learn is needed to train (`training.py`),
never to lint.  `analyse` runs the three models on one document:

1. each sentence gets P(spun) from its features (`features.sentence_rows`);
2. the document gets P(spun as a whole) from its sentences' probabilities and
   signal densities;
3. each detector signal gets P(true spin) from its own evidence plus 1 and 2.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..document import Document
from .features import SentenceRow, document_features, sentence_rows, signal_features, span_features, word_counts
from .signals import Signal

MODEL_FILE = "models/spin.json"
FORMAT = 1
STAGES = ("sentence", "document", "span")


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

    def score(self, row: Mapping[str, float]) -> float:
        """The raw linear score; a feature missing from `row` counts as its training mean."""
        total = self.intercept
        for name, mean, scale, coef in zip(self.features, self.mean, self.scale, self.coef):
            value = row.get(name)
            if value is not None:
                total += coef * (value - mean) / scale
        return total

    def probability(self, row: Mapping[str, float]) -> float:
        """The calibrated probability of the positive class."""
        return _sigmoid(self.platt_a * self.score(row) + self.platt_b)

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
        )


@dataclass(frozen=True)
class SpinModel:
    """The three stages and how they were trained (`meta`: command, data, seed)."""

    sentence: LinearModel
    document: LinearModel
    span: LinearModel
    meta: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "meta": dict(self.meta),
                **{stage: getattr(self, stage).to_dict() for stage in STAGES}}

    def dumps(self) -> str:
        """Stable JSON text: the same model always gives the same bytes."""
        return json.dumps(self.to_dict(), indent=1, sort_keys=False) + "\n"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "SpinModel":
        if data.get("format") != FORMAT:
            raise ValueError(f"unsupported spin model format {data.get('format')!r} (expected {FORMAT})")
        return cls(*(LinearModel.from_dict(data[stage]) for stage in STAGES), meta=data.get("meta", {}))

    @classmethod
    def load(cls, path: str | Path) -> "SpinModel":
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=4)
def load_model(path: str = MODEL_FILE) -> SpinModel:
    """A model by path: relative paths are under the shipped rules/ folder (cached)."""
    from ..resources import load_data, rules_dir

    if (rules_dir() / path).is_file():
        return SpinModel.from_dict(load_data(path))
    if not Path(path).is_file():
        raise FileNotFoundError(f"spin model {path} not found (setting spin.classifier.model)")
    return SpinModel.load(path)


@dataclass
class Analysis:
    """The classifier's view of one document."""

    rows: list[SentenceRow]
    sentence_probabilities: list[float]
    document_features: dict[str, float]
    document_probability: float
    signals: list[Signal]
    span_probabilities: list[float]


def analyse(doc: Document, signals: Sequence[Signal], model: SpinModel,
            grammar_offsets: Sequence[int] | None = None) -> Analysis:
    """Run the sentence, document and span models on one document."""
    rows = sentence_rows(doc, signals, grammar_offsets)
    sentence_p = [model.sentence.probability(row.features) for row in rows]
    doc_features = document_features(len(doc.tokens), rows, sentence_p)
    doc_p = model.document.probability(doc_features)
    row_of = {id(s): (row, p) for row, p in zip(rows, sentence_p) for s in row.signals}
    counts = word_counts(doc) if signals else {}
    span_p = []
    for signal in signals:
        row, p = row_of.get(id(signal), (None, 0.0))
        own = signal_features(doc, signal, counts)
        span_p.append(model.span.probability(span_features(own, row, p, doc_p, doc_features)))
    return Analysis(rows, sentence_p, doc_features, doc_p, list(signals), span_p)


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def _round(x: float) -> float:
    """Six significant digits: stable across BLAS builds, exact in JSON."""
    return float(f"{x:.6g}")
