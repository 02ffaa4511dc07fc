"""The document stage as experts: the detectors' expert learns `own`, the fit expert every family."""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpora.families import make  # noqa: E402
from corpora.spinner import Spinner  # noqa: E402
from textlint_news.document import Document  # noqa: E402
from textlint_news.spin.classifier import DocumentExperts, LinearModel, SpinModel, analyse, logit  # noqa: E402
from textlint_news.spin.evaluation import roc_auc  # noqa: E402
from textlint_news.spin.training import FIT_FEATURES, LabelledText, extract, fit  # noqa: E402

from test_spin_classifier import ARTICLES, rare_word_finder  # noqa: E402


def corpus() -> tuple[list[LabelledText], list[str]]:
    """Each article clean, spun by `own` and spun by `random` (a spinner with no thesaurus)."""
    texts, families = [], []
    for i, text in enumerate(ARTICLES):
        own = Spinner(rate=0.3, seed=0, artifact_rate=0.5).spin(text, key=str(i))
        other = make("random", rate=0.3, seed=i).spin(text, key=str(i))
        texts += [LabelledText(f"a{i}", text, 0),
                  LabelledText(f"a{i}", own.text, 1, tuple((s.start, s.end) for s in own.spans), text),
                  LabelledText(f"a{i}", other.text, 1, tuple((s.start, s.end) for s in other.spans), text)]
        families += ["", "own", "random"]
    return texts, families


@pytest.fixture(scope="module")
def trained() -> tuple[SpinModel, SpinModel, list[LabelledText], list[str]]:
    texts, families = corpus()
    weights = [1.0 if not f else 0.5 for f in families]
    experts = fit([extract(t, rare_word_finder) for t in texts], {"command": "test"}, weights, families)
    staged = [t for t, f in zip(texts, families) if f != "random"]
    alone = fit([extract(t, rare_word_finder) for t in staged], {"command": "test"})
    return experts, alone, texts, families


def test_the_detectors_expert_is_the_model_own_alone_trains(trained):
    experts, alone, _, _ = trained
    assert isinstance(experts.document, DocumentExperts) and isinstance(alone.document, LinearModel)
    named = dict(experts.document.experts)
    assert named["detectors"] == alone.document  # other families do not move it
    assert experts.word == alone.word and experts.sentence == alone.sentence
    assert set(named["fit"].features) <= set(FIT_FEATURES)
    assert experts.meta["rows"]["document_fit"] == 3 * len(ARTICLES) > experts.meta["rows"]["document"]


def test_a_text_the_detectors_expert_finds_spun_keeps_its_probability(trained):
    experts, alone, texts, _ = trained
    for text in texts:
        doc = Document(text.text)
        signals = rare_word_finder(doc)
        combined = analyse(doc, signals, experts)
        named = dict(experts.document.experts)
        detectors = named["detectors"].probability(combined.document_features)
        fitted = named["fit"].probability(combined.document_features)
        both = experts.document.combiner.probability({"detectors_logit": logit(detectors), "fit_logit": logit(fitted)})
        assert combined.document_probability == max(detectors, both)
        assert combined.document_probability >= analyse(doc, signals, alone).document_probability


def test_the_fit_expert_ranks_text_spun_without_a_thesaurus_above_clean(trained):
    experts, _, texts, families = trained
    fitted = dict(experts.document.experts)["fit"]
    clean, spun = [], []
    for text, family in zip(texts, families):
        if family != "own":
            doc = Document(text.text)
            p = fitted.probability(analyse(doc, rare_word_finder(doc), experts).document_features)
            (spun if family else clean).append(p)
    assert roc_auc(clean + spun, [0] * len(clean) + [1] * len(spun)) > 0.7


def test_experts_round_trip_and_retrain_to_the_same_bytes(trained, tmp_path):
    experts, _, _, _ = trained
    text = experts.dumps()
    data = json.loads(text)
    assert data["document"]["kind"] == "experts" and list(data["document"]["experts"]) == ["detectors", "fit"]
    assert set(data["document"]["combiner"]["features"]) == {"detectors_logit", "fit_logit"}
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    assert SpinModel.load(path) == experts and SpinModel.load(path).dumps() == text
    texts, families = corpus()
    weights = [1.0 if not f else 0.5 for f in families]
    assert fit([extract(t, rare_word_finder) for t in texts], {"command": "test"}, weights, families).dumps() == text


def test_one_family_or_no_own_trains_one_document_model(trained):
    texts, families = corpus()
    own_only = [(t, f) for t, f in zip(texts, families) if f != "random"]
    model = fit([extract(t, rare_word_finder) for t, _ in own_only], {"command": "test"}, None,
                [f for _, f in own_only])
    assert isinstance(model.document, LinearModel)
    assert replace(model, meta={}) == replace(trained[1], meta={})
