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
