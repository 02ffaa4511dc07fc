"""Clean news the spin check once flagged: a respelling and a lone rare word are no spin,
while the same articles spun at test time still warn."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from textlint_news.config import Config
from textlint_news.engine import Linter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from corpora.build import spinner_for  # noqa: E402


@pytest.fixture(scope="module")
def linter():
    return Linter(Config(select=["spin"]))


def warnings(linter, text, path):
    return [i for i in linter.lint(text, path) if i.category == "spin" and i.severity != "info"]


def spun_twin(text: str, key: str) -> str:
    spun = spinner_for("heldout", 0.2, 7, "own").spin(text, key=key)
    assert spun.spans
    return spun.text


def test_a_respelling_is_no_swap():
    from textlint_news.checks.spin import respelt
    from textlint_news.spin.settings import SpinSettings

    settings = SpinSettings()
    assert respelt("spoilt", ("spoiled",), settings)
    assert respelt("Colour", ("color",), settings)
    assert not respelt("endeavour", ("try",), settings)
    assert not respelt("spoilt", (), settings)


def test_a_british_spelling_in_a_review_is_not_a_warning(linter, data_dir):
    """bbc/tech/288 writes 'spoilt for choice'; the detector offers 'spoiled'."""
    path = data_dir / "bbc" / "tech" / "288.txt"
    text = path.read_text(encoding="utf-8")
    assert "spoilt" in text
    issues = [i for i in linter.lint(text, str(path)) if i.category == "spin"]
    assert not [i for i in issues if text[i.start:i.end] == "spoilt" and i.severity != "info"]
    assert len(warnings(linter, spun_twin(text, "bbc/tech/288.txt"), "spun.txt")) >= 3


def test_a_lone_rare_word_is_not_a_warning(linter, data_dir):
    """recovery/1081's one rare word ('quizzed'): a warning only when the gate is off."""
    path = data_dir / "recovery" / "1081.txt"
    text = path.read_text(encoding="utf-8")
    assert not warnings(linter, text, str(path))
    ungated = Linter(Config(select=["spin"], settings={"spin": {"classifier": {"min-span-warnings": 1}}}))
    assert [text[i.start:i.end] for i in warnings(ungated, text, str(path))] == ["quizzed"]
    spun = warnings(linter, spun_twin(text, "recovery/1081.txt"), "spun.txt")
    assert len([i for i in spun if i.rule == "spin.rare-synonym"]) >= 2


def test_an_article_typo_alone_is_a_typo_not_spin(data_dir):
    """bbc/business/343 writes 'in an bid': a typo with its fix, and no spin warning."""
    linter = Linter(Config(select=["spin", "grammar.article"]))
    path = data_dir / "bbc" / "business" / "343.txt"
    text = path.read_text(encoding="utf-8")
    issues = [i for i in linter.lint(text, str(path)) if i.severity != "info"]
    assert [(i.rule, text[i.start:i.end], i.suggestions) for i in issues] == [
        ("grammar.article", "an bid", ("a bid",))]
    spun = spun_twin(text, "bbc/business/343.txt")
    assert "an bid" in spun
    found = [(i.rule, i.severity) for i in linter.lint(spun, "spun.txt") if spun[i.start:i.end] == "an bid"]
    assert found == [("spin.artifact.article", "warning")]  # beside other spin evidence: spin


def test_articles_that_fit_are_no_typo(data_dir):
    """Quiet on clean articles: 'an hour', 'a one-off', 'a university', 'an honest'."""
    linter = Linter(Config(select=["grammar.article"]))
    text = ("It took an hour to agree a one-off payment. A university spokesman gave an honest "
            "account of an unusual year, a European first.")
    assert linter.lint(text) == []
    path = data_dir / "recovery" / "1081.txt"
    assert linter.lint(path.read_text(encoding="utf-8"), str(path)) == []


def test_a_florid_review_is_no_spin_while_its_spun_twin_is(linter, data_dir):
    """bbc/tech/218, a game review ('bellicose', 'commences'): its rare words fit their
    neighbours as edited prose does, so they stay info; without the misfit gate they warn."""
    path = data_dir / "bbc" / "tech" / "218.txt"
    text = path.read_text(encoding="utf-8")
    assert not warnings(linter, text, str(path))
    ungated = Linter(Config(select=["spin"], settings={"spin": {"classifier": {"rare-synonym-misfit-share": 0.0}}}))
    assert "bellicose" in [text[i.start:i.end] for i in warnings(ungated, text, str(path))]
    assert len(warnings(linter, spun_twin(text, "bbc/tech/218.txt"), "spun.txt")) >= 3


def test_lexicon_evidence_lets_rare_synonyms_warn_whatever_the_fit():
    """A text with spin evidence of another kind ('got here as', 'affix NATO') needs no misfit
    share for its rare-synonym warnings (seed 004 fits its neighbours as edited prose does)."""
    from textlint_news.checks.spin import rare_words_corroborated
    from textlint_news.spin.settings import ClassifierSettings
    from textlint_news.spin.signals import Signal

    class Result:
        document_features = {"lm_misfit_share": 0.03}

    options = ClassifierSettings()
    rare = (Signal(0, 5, "rare-synonym", "spin.rare-synonym", ""), 0.9, True, False)
    lexicon = (Signal(10, 20, "lexicon", "spin.lexicon", ""), 0.9, True, False)
    article = (Signal(30, 35, "artifact", "spin.artifact.article", ""), 0.9, True, False)
    assert not rare_words_corroborated(Result(), [rare, rare], 1000, options)
    assert rare_words_corroborated(Result(), [rare, lexicon], 1000, options)
    assert not rare_words_corroborated(Result(), [rare, article], 1000, options)  # a typo corroborates nothing
    assert rare_words_corroborated(Result(), [rare] * 20, 1000, options)  # many warnings: 2 per 100 words
    Result.document_features = {"lm_misfit_share": 0.1}
    assert rare_words_corroborated(Result(), [rare, rare], 1000, options)
