"""The spin classifier: features, JSON models, pure-Python inference, training, commands."""
from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpora.spinner import Spinner  # noqa: E402
from textlint_news.document import Document  # noqa: E402
from textlint_news.spin.classifier import LinearModel, SpinModel, analyse, load_model  # noqa: E402
from textlint_news.spin.evaluation import Outcome, roc_auc, score  # noqa: E402
from textlint_news.spin.features import (  # noqa: E402
    is_content_word, rarity_gap, sentence_rows, signal_features, word_counts, word_rows,
)
from textlint_news.spin.signals import Signal  # noqa: E402
from textlint_news.spin.training import LabelledText, extract, fit  # noqa: E402
from textlint_news.spin.trees import TreeModel  # noqa: E402

ARTICLES = [
    "The city council approved a new budget on Tuesday after a long debate about rising costs. "
    "Officials said the plan would help families pay for heating and protect local services. "
    "Critics argued that the changes were rushed and that residents had little time to respond.",
    "A local football club has signed a young striker from a rival team for an undisclosed fee. "
    "The manager said the player would bring speed and energy to the attack this season. "
    "Supporters gathered outside the ground to welcome him before the first training session.",
    "Heavy rain caused flooding across the region overnight, closing several roads and schools. "
    "Emergency crews worked through the night to pump water from homes near the river. "
    "Forecasters warned that more storms could arrive later in the week.",
    "The company reported higher profits for the third quarter as sales of its phones grew strongly. "
    "Its chief executive said demand had been strong in Asia and that prices would stay the same. "
    "Shares rose sharply in early trading after the results were published.",
    "Scientists have found a new species of frog in a remote forest in the south of the country. "
    "The small green animal lives high in the trees and sings loudly at night. "
    "Researchers said the discovery showed how much remains unknown about the area.",
    "The government plans to build thousands of new homes over the next ten years. "
    "Ministers said the scheme would help young people buy their first house. "
    "Opposition leaders said the promise was not new and questioned how it would be paid for.",
    "A famous singer announced a world tour that will begin in the spring with concerts in Europe. "
    "Tickets will go on sale next week and are expected to sell out quickly. "
    "The star said she wanted to thank her fans for their support over many years.",
    "Hospital staff held a strike on Monday over pay and working conditions. "
    "Union leaders said nurses were tired after months of long shifts and little rest. "
    "Health officials urged both sides to return to talks and reach a fair deal.",
]


def rare_word_finder(doc: Document) -> list[Signal]:
    """A stand-in detector for pipeline tests: every content word with a much commoner synonym."""
    return [
        Signal(t.start, t.end, "rare-synonym", "spin.rare-synonym", "rare", (), min(1.0, rarity_gap(t.text) / 3))
        for t in doc.tokens if is_content_word(t.text) and rarity_gap(t.text) >= 1.0
    ]


def labelled_texts() -> list[LabelledText]:
    out = []
    for i, text in enumerate(ARTICLES):
        spun = Spinner(rate=0.3, seed=0, artifact_rate=0.5).spin(text, key=str(i))
        out.append(LabelledText(f"a{i}", text, 0))
        out.append(LabelledText(f"a{i}", spun.text, 1, tuple((s.start, s.end) for s in spun.spans)))
    return out


@pytest.fixture(scope="module")
def tiny_model() -> SpinModel:
    rows = [extract(t, rare_word_finder) for t in labelled_texts()]
    return fit(rows, {"command": "test"})


def test_rarity_gap_is_large_for_spinner_synonyms_and_zero_for_plain_words():
    assert rarity_gap("protracted") >= 1.0
    assert rarity_gap("long") == 0.0
    assert is_content_word("budget") and not is_content_word("would") and not is_content_word("Paris")


def test_word_and_sentence_features_and_missing_languagetool_is_left_out():
    doc = Document("The plan was protracted. Officials agreed on Monday.")
    signals = rare_word_finder(doc)
    words = word_rows(doc, signals)
    assert [doc.text[w.start:w.end] for w in words] == ["plan", "protracted", "Officials", "agreed"]
    protracted = words[1].features()
    assert protracted["rarity_gap"] >= 1.0 and protracted["lone"] == 1.0 and protracted["signal_score"] > 0
    assert "unseen_sides" not in protracted  # no collocation counts given
    rows = sentence_rows(doc, signals, words, [0.1, 0.9, 0.2, 0.1])
    assert [r.features["rare_synonym_hits"] for r in rows] == [1.0, 0.0]
    assert rows[0].features["word_probability_max"] == 0.9
    assert "languagetool_matches" not in rows[0].features
    with_lt = sentence_rows(doc, signals, words, [0.0] * 4, grammar_offsets=[2, 30, 31])
    assert [r.features["languagetool_matches"] for r in with_lt] == [1.0, 2.0]


def test_unseen_word_pairs_with_and_without_the_text_itself():
    from textlint_news.spin.rarity import Collocations

    doc = Document("They chose to satisfy the envoy.")
    counts = Collocations({}, {("to", "satisfy"): 5, ("satisfy", "the"): 2})
    values = {doc.text[w.start:w.end]: w.features()["unseen_sides"] for w in word_rows(doc, [], counts)}
    assert values["satisfy"] == 0.0 and values["chose"] == 2.0
    left_out = {doc.text[w.start:w.end]: w.features()["unseen_sides"]
                for w in word_rows(doc, [], counts, leave_out=True)}
    assert left_out["satisfy"] == 1.0  # "satisfy the" was seen only here and once elsewhere


def test_signal_features_see_repeats_and_the_original_elsewhere():
    doc = Document("The talks were protracted. The long talks ended. Protracted talks again.")
    signal = Signal(15, 25, "rare-synonym", "spin.rare-synonym", "m", ("long",), 0.7, {"zipf_gap": 1.2})
    own = signal_features(doc, signal, word_counts(doc))
    assert own["suggestion_in_text"] == 1.0
    assert own["word_repeats"] == pytest.approx(math.log(2))
    assert own["signal_zipf_gap"] == 1.2 and own["kind_rare_synonym"] == 1.0


def test_linear_model_probability_calibration_and_missing_features():
    model = LinearModel(("a", "b"), (1.0, 0.0), (2.0, 1.0), (1.0, -2.0), 0.5, platt_a=2.0, platt_b=-1.0)
    assert model.score({"a": 3.0, "b": 1.0}) == pytest.approx(0.5 + 1.0 - 2.0)
    assert model.score({}) == 0.5  # every missing feature counts as its training mean
    assert model.probability({"a": 3.0, "b": 1.0}) == pytest.approx(1 / (1 + math.exp(-(2 * -0.5 - 1))))
    assert model.contributions({"a": 3.0, "b": 1.0})[0] == ("a", 1.0)


def test_tiny_model_learns_and_ranks_spun_above_clean(tiny_model):
    clean, spun = [], []
    for text in labelled_texts():
        doc = Document(text.text)
        p = analyse(doc, rare_word_finder(doc), tiny_model).document_probability
        (spun if text.label else clean).append(p)
    assert roc_auc(clean + spun, [0] * len(clean) + [1] * len(spun)) > 0.8
    assert set(tiny_model.meta["rows"]) == {"word", "sentence", "document", "span"}


def test_json_round_trip_is_exact_and_training_is_deterministic(tiny_model, tmp_path):
    text = tiny_model.dumps()
    again = SpinModel.from_dict(json.loads(text))
    assert again.dumps() == text
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    assert SpinModel.load(path) == again
    rows = [extract(t, rare_word_finder) for t in labelled_texts()]
    assert fit(rows, {"command": "test"}).dumps() == text


def test_unknown_model_format_is_refused(tiny_model):
    data = tiny_model.to_dict()
    data["format"] = 99
    with pytest.raises(ValueError, match="format"):
        SpinModel.from_dict(data)


def test_shipped_model_loads_without_sklearn_and_has_every_stage():
    model = load_model()
    experts = [m for _, m in model.document.experts]
    for stage in (model.word, model.sentence, *experts, model.document.combiner):
        assert stage.features and len(stage.coef) == len(stage.features)
    assert isinstance(model.span, TreeModel) and len(model.span.roots) > 10
    assert {"signal_gain", "document_logit"} <= set(model.span.features)
    assert model.meta["command"].startswith("textlint-news train")
    import subprocess

    code = ("import sys; from textlint_news.spin.classifier import load_model; load_model(); "
            "assert 'sklearn' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_roc_auc_and_span_scores():
    assert roc_auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) == pytest.approx(0.75)
    assert roc_auc([0.5, 0.5], [0, 1]) == pytest.approx(0.5)
    outcomes = [
        Outcome("a", 1, [(0, 5, "long"), (10, 14, "meet")],
                [(0, 5, "warning", ("long",), "spin.rare-synonym"), (20, 24, "warning", (), "spin.lexicon")],
                0.9, True),
        Outcome("b", 0, [], [(3, 6, "info", (), "spin.rare-synonym")], 0.1, False),
    ]
    m = score(outcomes)
    assert m["span_precision"] == 0.5 and m["span_recall"] == 0.5
    assert m["suggestion_hit_rate"] == 1.0 and m["document_roc_auc"] == 1.0
    assert m["document_issue_rate_clean"] == 0.0 and m["document_issue_rate_spun"] == 1.0
    assert score(outcomes, ("info", "warning"))["reported_spans"] == 3


def test_languagetool_feature_is_optional_at_run_time(tiny_model):
    from dataclasses import replace

    stage = tiny_model.sentence
    with_lt = replace(stage, features=stage.features + ("languagetool_matches",), mean=stage.mean + (0.5,),
                      scale=stage.scale + (1.0,), coef=stage.coef + (2.0,))
    model = replace(tiny_model, sentence=with_lt)
    doc = Document(ARTICLES[0])
    signals = rare_word_finder(doc)
    absent = analyse(doc, signals, model)  # LanguageTool not configured: the mean stands in
    baseline = analyse(doc, signals, tiny_model)
    assert absent.sentence_probabilities == pytest.approx(
        [tiny_model.sentence.probability({**r.features, "languagetool_matches": 0.5}) for r in baseline.rows])
    noisy = analyse(doc, signals, model, grammar_offsets=[0, 1, 2, 3])
    assert noisy.sentence_probabilities[0] > absent.sentence_probabilities[0]


def test_boosted_trees_read_out_of_sklearn_give_its_probabilities():
    """The span stage's trees, exported to plain JSON, score rows as scikit-learn does."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    from textlint_news.spin.training import SPAN_TREES, _fit_trees

    rng = random.Random(3)
    rows = [{"gain": rng.uniform(0, 10), "seen": float(rng.randint(0, 2)), "doc": rng.random()} for _ in range(600)]
    labels = [int(r["gain"] * r["doc"] > 3 - r["seen"]) for r in rows]  # an interaction no linear model has
    trees = _fit_trees(rows, labels)
    again = TreeModel.from_dict(json.loads(json.dumps(trees.to_dict())))
    assert again == trees
    x = np.array([[r[n] for n in trees.features] for r in rows])
    sklearn = HistGradientBoostingClassifier(**SPAN_TREES, early_stopping=False, random_state=0).fit(x, labels)
    assert np.allclose(trees.probabilities(rows), sklearn.predict_proba(x)[:, 1], atol=1e-4)
    assert trees.probability({"gain": 9.0, "seen": 2.0, "doc": 0.9}) > 0.9
    assert trees.probability({"gain": 0.5, "seen": 0.0, "doc": 0.1}) < 0.1
    # A missing feature counts as its training mean.
    mean_doc = dict(zip(trees.features, trees.mean))["doc"]
    assert trees.probability({"gain": 5.0, "seen": 1.0}) == trees.probability({"gain": 5.0, "seen": 1.0, "doc": mean_doc})
    assert trees.importances()[0][1] > 0 and trees.probabilities([]) == []
