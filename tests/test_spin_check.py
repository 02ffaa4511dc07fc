"""The spin check end to end: span issues weighed by the classifier, spin.document, settings, commands."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from textlint_news.config import Config
from textlint_news.engine import Linter

SPUN = (
    "The mayor got here as the council prepared to enter its fourth yr of talks over the new bridge.\n"
    "Each officials refused to satisfy the builders, and a essential question stays open within the close to future.\n"
    "Critics said the plan was a protracted affair and that the brand new design will probably be costlier.\n"
    "Residents want the bridge finished earlier than later, in regards to the delays they have seen.\n"
    "The 2 engineers said they hope to affix the project team and assist it obtain its targets.\n"
    "Officials stated that the works will now not be delayed and can as an alternative begin next month.\n"
)
CLEAN = (
    "The mayor arrived as the council prepared to enter its fourth year of talks over the new bridge.\n"
    "Both officials refused to meet the builders, and a central question remains open in the near future.\n"
    "Critics said the plan was a long affair and that the new design would be more expensive.\n"
    "Residents want the bridge finished sooner rather than later, given the delays they have seen.\n"
    "The two engineers said they hope to join the project team and help it reach its targets.\n"
    "Officials said that the works will no longer be delayed and will instead begin next month.\n"
)


@pytest.fixture(scope="module")
def linter():
    """The spin rules only: the detector's own findings, including those inside a span another
    check deletes (a full report leaves those out, see test_engine)."""
    return Linter(Config(select=["spin"]))


def spin_issues(linter, text, path="<text>"):
    return [i for i in linter.lint(text, path) if i.category == "spin"]


def test_spun_text_gets_span_warnings_with_originals_and_a_document_issue(linter):
    issues = spin_issues(linter, SPUN)
    spans = [i for i in issues if i.rule != "spin.document"]
    warned = [i for i in spans if i.severity != "info"]
    assert len(warned) >= 8
    flagged = {SPUN[i.start:i.end].lower() for i in warned}
    assert {"got here", "yr"} <= flagged
    assert any("came" in i.suggestions for i in warned)
    assert all(0 < i.confidence <= 1 and "spin probability" in i.message for i in spans)
    (document,) = [i for i in issues if i.rule == "spin.document"]
    assert document.start == 0 and document.end == len(SPUN)
    assert document.severity in ("warning", "error") and "reads as machine-spun" in document.message


def test_clean_twin_stays_quiet(linter):
    issues = spin_issues(linter, CLEAN)
    assert not [i for i in issues if i.severity != "info"]
    assert not [i for i in issues if i.rule == "spin.document"]


def test_a_single_rare_word_in_clean_prose_is_not_a_spun_document(linter):
    text = CLEAN + "One resident called the old crossing a protracted embarrassment for the town.\n"
    assert not [i for i in spin_issues(linter, text) if i.rule == "spin.document"]


def test_thresholds_come_from_settings():
    strict = Linter(Config(settings={"spin": {"classifier": {
        "span-warning": 1.0, "rare-synonym-warning": 1.0, "document-warning": 1.0}}}))
    issues = spin_issues(strict, SPUN)
    assert issues and all(i.severity == "info" for i in issues)
    silent = Linter(Config(settings={"spin": {"classifier": {"span-report": 1.0, "document-warning": 1.0}}}))
    assert spin_issues(silent, SPUN) == []


def test_missing_model_is_a_check_failure_not_a_crash():
    broken = Linter(Config(settings={"spin": {"classifier": {"model": "/nonexistent/spin.json"}}}))
    from textlint_news.document import Document

    result = broken.lint_document(Document(SPUN))
    assert any("cannot load the classifier" in f for f in result.failures)


def test_rules_are_listed(linter):
    ids = {r.id for r in linter.rules}
    assert {"spin.document", "spin.rare-synonym", "spin.lexicon"} <= ids


@pytest.mark.slow
def test_seed_004_spun_spans_reported_with_originals(linter, seed_path, seed_text):
    spans = json.loads((Path(__file__).parent / "data" / "seed004_spans.json").read_text())["spans"]
    text = seed_text(4)
    issues = spin_issues(linter, text, str(seed_path(4)))
    assert [i for i in issues if i.rule == "spin.document"]
    reported = [i for i in issues if i.rule != "spin.document" and i.severity != "info"]
    found = suggested = 0
    for span in spans:
        covering = [i for i in reported if i.start < span["end"] and span["start"] < i.end]
        if covering:
            found += 1
            want = span["original"].lower()
            suggested += any(s.lower() == want for i in covering for s in i.suggestions)
    assert found >= 0.8 * len(spans)
    assert suggested >= 0.5 * found


@pytest.mark.slow
@pytest.mark.parametrize("number", [0, 1, 2, 3])
def test_edited_seeds_have_no_spin_warning(linter, seed_path, seed_text, number):
    issues = spin_issues(linter, seed_text(number), str(seed_path(number)))
    assert not [i for i in issues if i.severity != "info"]


ARTICLE = (
    "The {place} council approved a new budget on {day} after a long debate about rising costs. "
    "Officials said the plan would help families pay for heating and protect local services. "
    "Critics argued that the changes were rushed and that residents had little time to respond. "
    "The mayor said the city would review the figures again next year and publish a report.\n"
)


def test_train_and_eval_commands_on_a_tiny_corpus(tmp_path):
    from textlint_news.spin.classifier import SpinModel
    from textlint_news.spin.commands import evaluate, train

    data = tmp_path / "data"
    data.mkdir()
    places = ["north", "south", "east", "west", "river", "hill", "harbour", "valley", "lake", "forest"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday"]
    for i in range(24):
        (data / f"{i:03d}.txt").write_text(ARTICLE.format(place=places[i % 10], day=days[i % 4]) * 2
                                           + f"Report {i}.\n", encoding="utf-8")
    model = tmp_path / "spin.json"
    runner = CliRunner()
    result = runner.invoke(train, ["--data", str(data), "-o", str(model), "-j", "1"])
    assert result.exit_code == 0, result.output
    loaded = SpinModel.load(model)
    assert loaded.meta["command"] == "textlint-news train" and loaded.meta["data"]["articles"] > 10
    again = tmp_path / "again.json"
    runner.invoke(train, ["--data", str(data), "-o", str(again), "-j", "1"])
    assert again.read_text() == model.read_text()  # retraining reproduces the model exactly
    result = runner.invoke(evaluate, ["--data", str(data), "--model", str(model), "-j", "1", "--format", "json",
                                      "--family", "own"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    metrics = report["families"]["own"]
    assert metrics["texts"]["spun"] >= 1 and 0 <= metrics["span_precision"] <= 1
    assert report["setup"]["command"].startswith("textlint-news eval") and "--family own" in report["setup"]["command"]
    text = runner.invoke(evaluate, ["--data", str(data), "--model", str(model), "-j", "1", "--family", "own"])
    assert "family: own" in text.output and "span precision" in text.output and "document ROC AUC" in text.output
    every = runner.invoke(evaluate, ["--data", str(data), "--model", str(model), "-j", "1", "--format", "json"])
    families = json.loads(every.output)["families"]
    assert "own" not in families and {"thesaurus", "phrase", "collocation", "names", "random"} <= set(families)
    clean = {name: m["texts"]["clean"] for name, m in families.items()}
    assert len(set(clean.values())) == 1 and min(clean.values()) >= 1  # the same clean texts for every family
    table = runner.invoke(evaluate, ["--data", str(data), "--model", str(model), "-j", "1"]).output
    assert all(line.split()[0] in table for line in ("thesaurus", "random")) and "AUC" in table


def test_train_on_chosen_families_records_them(tmp_path):
    from textlint_news.spin.classifier import SpinModel
    from textlint_news.spin.commands import evaluate, train

    data = tmp_path / "data"
    data.mkdir()
    for i in range(24):
        (data / f"{i:03d}.txt").write_text(ARTICLE.format(place=f"town {i}", day="Monday") * 2, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(train, ["--data", str(data), "-o", str(tmp_path / "m.json"), "-j", "1",
                                   "--families", "random,thesaurus"])
    assert result.exit_code == 0, result.output
    meta = SpinModel.load(tmp_path / "m.json").meta
    assert meta["spinner"]["families"] == ["random", "thesaurus"] and "--families random,thesaurus" in meta["command"]
    bad = runner.invoke(train, ["--data", str(data), "-o", str(tmp_path / "x.json"), "--families", "own,nope"])
    assert bad.exit_code == 2 and "unknown spinner family 'nope'" in bad.output
    loo = runner.invoke(evaluate, ["--data", str(data), "-j", "1", "--family", "random", "--leave-one-out",
                                   "--format", "json"])
    assert loo.exit_code == 0, loo.output
    report = json.loads(loo.stdout)
    assert list(report["families"]) == ["random"] and report["setup"]["leave_one_out"]
    assert "random" not in report["families"]["random"]["trained_on"]
    assert "own" in report["families"]["random"]["trained_on"]
    assert not (tmp_path / "x.json").exists()
    source = runner.invoke(evaluate, ["--data", str(data), "-j", "1", "--family", "names", "--leave-one-source-out",
                                      "--format", "json"])
    assert source.exit_code == 0, source.output
    report = json.loads(source.stdout)
    assert report["setup"]["leave_one_source_out"] and "--leave-one-source-out" in report["setup"]["command"]
    assert report["families"]["names"]["trained_on"] == ["own", "random"]  # no Roget family


def test_train_refuses_an_empty_folder(tmp_path):
    from textlint_news.spin.commands import train

    result = CliRunner().invoke(train, ["--data", str(tmp_path), "-o", str(tmp_path / "m.json"), "-j", "1"])
    assert result.exit_code != 0 and "no training articles" in result.output


def test_rare_synonym_warnings_need_a_text_that_reads_as_spun():
    issues = spin_issues(Linter(), SPUN)
    assert any(i.rule == "spin.rare-synonym" and i.severity == "warning" for i in issues)
    sceptical = Linter(Config(settings={"spin": {"classifier": {"rare-synonym-document": 1.01}}}))
    rare = [i for i in spin_issues(sceptical, SPUN) if i.rule == "spin.rare-synonym"]
    assert rare and all(i.severity == "info" for i in rare)
    assert any(i.rule == "spin.lexicon" and i.severity == "warning" for i in spin_issues(sceptical, SPUN))


def test_spun_document_on_rare_synonym_evidence_alone():
    def documents(**classifier):
        linter = Linter(Config(settings={"spin": {"classifier": {
            "document-min-sentences": 99, **classifier}}}))  # lexicon and artifacts cannot suffice
        return [i for i in spin_issues(linter, SPUN) if i.rule == "spin.document"]

    assert documents(**{"document-rare-synonym": 0.0, "document-rare-sentences": 1})
    assert not documents(**{"document-rare-synonym": 0.0, "document-rare-sentences": 99})
    assert not documents(**{"document-rare-synonym": 1.01, "document-rare-sentences": 1})


def test_fast_path_leaves_prose_with_a_few_weak_candidates_silent():
    from textlint_news.checks.spin import quiet_prose
    from textlint_news.document import Document
    from textlint_news.spin.signals import Signal

    doc = Document(CLEAN)
    weak = [Signal(0, 4, "rare-synonym", "spin.rare-synonym", "", ("x",), 0.3)]
    assert quiet_prose(doc, weak, 1.5)
    assert not quiet_prose(doc, weak * 20, 1.5)  # dense candidates: classify
    lexicon = [Signal(5, 9, "lexicon", "spin.lexicon", "", ("x",), 0.9)]
    assert not quiet_prose(doc, weak + lexicon, 1.5)  # specific evidence: always classify


def test_eval_refuses_a_bad_config_at_once(tmp_path):
    """A bad --config is one clear error, not worker processes failing (and restarting) on it."""
    from textlint_news.spin.commands import evaluate

    bad = tmp_path / "bad.toml"
    bad.write_text("[tool.textlint-news.settings.spin.classifier]\nspan-warning = 0.7\n", encoding="utf-8")
    result = CliRunner().invoke(evaluate, ["--data", str(tmp_path), "--config", str(bad), "-j", "2"])
    assert result.exit_code == 1 and "bad.toml" in result.output and "unknown setting" in result.output


@pytest.mark.slow
def test_a_digit_alone_never_warns_in_clean_news(linter, data_dir):
    """US copy writes '7 a.m.', '5 years old' in digits: the digit artifact may raise a
    sentence's probability, but in a text that does not read as spun it stays info."""
    from textlint_news.spin.artifacts import ArtifactThresholds, find_artifacts

    texts = []
    for path in sorted((data_dir / "recovery").glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if any(s.rule == "spin.artifact.digit" for s in find_artifacts(text, ArtifactThresholds())):
            texts.append((path, text))
    assert len(texts) >= 5
    from textlint_news.check import Context
    from textlint_news.checks.spin import analysis
    from textlint_news.document import Document

    ctx = Context(settings=linter.settings, fed=linter.fed)
    for path, text in texts:
        issues = spin_issues(linter, text, str(path))
        digits = [i for i in issues if i.rule == "spin.artifact.digit"]
        if not [i for i in issues if i.rule == "spin.document"]:
            assert all(i.severity == "info" for i in digits), path
        # the signal still reaches the classifier, which weighs it
        assert any(s.rule == "spin.artifact.digit" for s in analysis(Document(text, path=str(path)), ctx).signals)
