"""Encoding check: mojibake located by span with ftfy's repair; clean Unicode stays quiet."""
from __future__ import annotations

import pytest

from textlint_news.check import Context
from textlint_news.checks.encoding import EncodingCheck
from textlint_news.document import Document


def run(text: str):
    return list(EncodingCheck().check(Document(text), Context()))


@pytest.mark.parametrize("text, bad, repair", [
    ("The ministerâ\x80\x99s plan was approved.", "â\x80\x99", "’"),
    ("The ministerâ€™s plan was approved.", "â€™", "’"),
    ("She ordered a cafÃ© au lait.", "Ã©", "é"),
    ("A summer Ã©tÃ© festival opened.", "Ã©tÃ©", "été"),
    ("Tickets cost Â£20 each.", "Â", ""),
    ("He said â€œnoâ€\x9d twice.", "â€œnoâ€\x9d", "“no”"),
])
def test_fires_on_mojibake_with_ftfy_repair(text, bad, repair):
    issues = [i for i in run(text) if i.rule == "encoding.mojibake"]
    assert issues, text
    first = issues[0]
    assert text[first.start:first.end] == bad
    assert first.suggestions == (repair,)
    assert first.category == "encoding" and first.severity == "warning"


def test_every_stretch_of_a_line_is_reported_once():
    text = "Itâ€™s the mayorâ€™s cafÃ©."
    issues = run(text)
    assert [text[i.start:i.end] for i in issues] == ["â€™", "â€™", "Ã©"]


def test_fires_on_unrepairable_mojibake_without_suggestion():
    text = "They donâ€t agree."
    issues = run(text)
    assert len(issues) == 1 and issues[0].suggestions == ()
    assert issues[0].confidence < 0.9


def test_fires_on_replacement_characters():
    text = "The town of Cap\ufffd\ufffd was flooded."
    issues = run(text)
    assert [(i.rule, text[i.start:i.end]) for i in issues] == [("encoding.replacement-char", "\ufffd\ufffd")]


def test_fires_on_stray_c1_controls():
    text = "Wait\x85 then go\x81 home."
    issues = run(text)
    assert [(i.rule, i.suggestions) for i in issues] == [
        ("encoding.control-char", ("…",)), ("encoding.control-char", ("",))]


@pytest.mark.parametrize("text", [
    "Café owners in São Paulo and Zürich were naïve about the “new” rules — she said.",
    "Prices rose 5% to £1,200 (€1,400) in Málaga’s old town…",
    "The vote, reported by Олена Петренко and 東京 correspondents, was close 😷👍",
    "Ångström, Øresund and Æsir are fine; so is résumé’s accent.",
    "Plain ASCII text only.",
])
def test_quiet_on_clean_unicode(text):
    assert run(text) == []


@pytest.mark.slow
def test_real_instance_in_shared_data(data_dir, linter):
    path = data_dir / "recovery" / "1326.txt"
    if not path.is_file():
        pytest.skip("recovery/1326.txt is not present")
    text = path.read_text(encoding="utf-8")
    issues = [i for i in linter.lint(text) if i.category == "encoding"]
    assert len(issues) == 1
    assert text[issues[0].start:issues[0].end] == "â\x80\x99"
    assert issues[0].suggestions == ("’",)


@pytest.mark.slow
@pytest.mark.parametrize("number", range(5))
def test_seeds_have_no_encoding_damage(seed_text, linter, number):
    assert [i for i in linter.lint(seed_text(number)) if i.category == "encoding"] == []


@pytest.mark.parametrize("text", [
    "Café prices rose", "It’s “fine” – really…", "Ã©t\u00e9", "â€™s", "a\u0080b", "lost \ufffd byte",
    "Ã", "naïve ô", "plain ascii", "",
])
def test_suspect_start_is_in_every_suspect_match(text):
    """The cheap class search never skips a text the suspect pattern would match."""
    from textlint_news.checks.encoding import _SUSPECT, _SUSPECT_START

    assert bool(_SUSPECT_START.search(text)) >= bool(_SUSPECT.search(text))
