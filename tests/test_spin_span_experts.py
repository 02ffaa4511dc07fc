"""The span stage as experts: the detectors' trees learn `own`, the fit expert every family."""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textlint_news.document import Document  # noqa: E402
from textlint_news.spin.classifier import SpanExperts, SpinModel, analyse  # noqa: E402
from textlint_news.spin.trees import TreeModel  # noqa: E402
from textlint_news.spin.training import SPAN_FIT_FEATURES, extract, fit  # noqa: E402

from test_spin_classifier import rare_word_finder  # noqa: E402
from test_spin_document_experts import corpus  # noqa: E402


@pytest.fixture(scope="module")
def trained() -> tuple[SpinModel, SpinModel]:
    texts, families = corpus()
    weights = [1.0 if not f else 0.5 for f in families]
    experts = fit([extract(t, rare_word_finder) for t in texts], {"command": "test"}, weights, families)
    staged = [t for t, f in zip(texts, families) if f != "random"]
    alone = fit([extract(t, rare_word_finder) for t in staged], {"command": "test"})
    return experts, alone


def test_the_detectors_trees_learn_own_and_the_fit_expert_every_family(trained):
    experts, alone = trained
    assert isinstance(experts.span, SpanExperts) and isinstance(alone.span, TreeModel)
    named = dict(experts.span.experts)
    assert named["detectors"].features == alone.span.features
    assert experts.meta["rows"]["span"] == alone.meta["rows"]["span"]  # own's signals only
    assert set(named["fit"].features) <= set(SPAN_FIT_FEATURES)
    assert "document_fit_logit" in named["fit"].features
    assert experts.meta["rows"]["span_fit"] > experts.meta["rows"]["span"]


def test_a_signal_gets_the_larger_expert_probability(trained):
    experts, _ = trained
    named = dict(experts.span.experts)
    texts, _ = corpus()
    checked = 0
    for text in texts:
        doc = Document(text.text)
        signals = rare_word_finder(doc)
        both = analyse(doc, signals, experts).span_probabilities
        each = [analyse(doc, signals, replace(experts, span=named[name])).span_probabilities
                for name in ("detectors", "fit")]
        assert both == [max(a, b) for a, b in zip(*each)]
        checked += len(both)
    assert checked > 20


def test_span_experts_round_trip(trained, tmp_path):
    experts, _ = trained
    text = experts.dumps()
    data = json.loads(text)
    assert data["span"]["kind"] == "span-experts" and list(data["span"]["experts"]) == ["detectors", "fit"]
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    assert SpinModel.load(path) == experts and SpinModel.load(path).dumps() == text
