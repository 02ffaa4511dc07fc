"""Layout: broken lines, glued words and misplaced spaces, with their fixes."""
from __future__ import annotations

import pytest

CLEAN = (
    "The museum reopened on Saturday after a £3.5m refit paid for by the council.\n\n"
    "Visitors can book by e-mail, and the shop now sells iPod speakers, eBay vouchers and "
    "McDonald family histories, according to I.B.M. records the curator found.\n\n"
    "“It will be a fine summer,” the director said. ‘We hope so,’ added her deputy.\n"
)


@pytest.fixture(scope="module")
def linter():
    """This category's rules only: the detector's own findings, including those inside a span
    another check deletes (a full report leaves those out, see test_engine)."""
    from textlint_news.config import Config
    from textlint_news.engine import Linter

    return Linter(Config(select=["layout"]))


def layout(linter, text, level=None):
    found = [i for i in linter.lint(text) if i.category == "layout"]
    return [i for i in found if level is None or i.severity == level]


def apply(text, issue):
    return text[:issue.start] + issue.suggestions[0] + text[issue.end:]


def test_clean_text_is_quiet(linter):
    assert layout(linter, CLEAN) == []


def test_broken_line_joined_with_space(linter):
    text = "The council agreed to spend the money on\nrepairs to the old harbour wall.\n"
    found = layout(linter, text)
    assert [i.rule for i in found] == ["layout.broken-line"]
    assert apply(text, found[0]) == text.replace("on\nrepairs", "on repairs")


def test_line_ending_on_function_word_before_capital(linter):
    text = "Officials said the\nCouncil would meet again.\n"
    assert [i.rule for i in layout(linter, text)] == ["layout.broken-line"]


@pytest.mark.parametrize("text", [
    "First line ends here.\nsecond starts lower after a full stop.\n",
    "A heading without a stop\nThe paragraph that follows it.\n",
    "Items we need:\n- bread\n- milk\n",
    "12 May 2024\nby Anna Rivers\n",
])
def test_legitimate_line_breaks_are_quiet(linter, text):
    assert [i for i in layout(linter, text) if i.rule == "layout.broken-line"] == []


@pytest.mark.parametrize("word, fix", [
    ("quarantineThe", "quarantine The"),
    ("reportedThis", "reported This"),
    ("endof", "end of"),
    ("hesaid", "he said"),
])
def test_glued_words_get_the_space_back(linter, word, fix):
    text = f"The officials had said that the {word} rules would change soon.\n"
    found = [i for i in layout(linter, text) if i.rule == "layout.glued-words"]
    assert len(found) == 1 and text[found[0].start:found[0].end] == word
    assert found[0].suggestions[0] == fix


@pytest.mark.parametrize("word", [
    "iPod", "eBay", "McDonald", "YouTube", "iTunes", "deVries", "overbooking", "touchless",
    "undercount", "outspent", "asbestosis", "inflames",
])
def test_brands_names_and_compounds_are_not_glue(linter, word):
    text = f"The report mentioned {word} twice in its summary.\n"
    assert layout(linter, text) == []


def test_glue_inside_addresses_is_ignored(linter):
    text = "Read it at www.theatlantic.com/news or write to hesaid@example.org today.\n"
    assert [i for i in layout(linter, text) if i.rule == "layout.glued-words"] == []


def test_space_inside_quotes(linter):
    text = "She insisted that there ‘ will be no talks ’ without them, and said “ never ” again.\n"
    found = [i for i in layout(linter, text) if i.rule == "layout.space-in-quotes"]
    assert len(found) == 4
    fixed = text
    for issue in sorted(found, key=lambda i: -i.start):
        fixed = apply(fixed, issue)
    assert fixed == "She insisted that there ‘will be no talks’ without them, and said “never” again.\n"


@pytest.mark.parametrize("text", [
    "“They never said ‘we are closing,’ “ says Mara Lind, who runs the bakery.\n",
    "The baker thanked the crowd. ” We will open again in May, she said.\n",
])
def test_quote_marks_typed_the_wrong_way_are_not_spaces_inside_quotes(linter, text):
    assert [i for i in layout(linter, text) if i.rule == "layout.space-in-quotes"] == []


def test_space_before_punctuation_and_space_runs_are_info(linter):
    text = "The plan was late , costly  and unpopular ; few backed it .\n"
    found = layout(linter, text)
    assert {i.rule for i in found} == {"layout.space-before-punctuation", "layout.space-run"}
    assert all(i.severity == "info" for i in found)
    assert len([i for i in found if i.rule == "layout.space-before-punctuation"]) == 3


def test_ellipsis_and_dashes_are_not_space_before_punctuation(linter):
    text = "He paused ... then spoke - briefly - about the vote.\n"
    assert layout(linter, text) == []


def test_stray_punctuation_line(linter):
    text = "The talks ended without a deal\n.\nBoth sides will meet again.\n"
    found = [i for i in layout(linter, text) if i.rule == "layout.stray-punctuation"]
    assert len(found) == 1 and found[0].suggestions == ("",)


def test_section_break_markers_are_quiet(linter):
    text = "The first part ends here.\n\n* * *\n\nThe second part starts here.\n"
    assert layout(linter, text) == []


# -- the seeds ---------------------------------------------------------------------

def test_seed_004_player_notice_breaks_and_quote_space(linter, seed_text):
    text = seed_text(4)
    found = layout(linter, text)
    breaks = [i for i in found if i.rule == "layout.broken-line"]
    assert len(breaks) == 3 and all(i.suggestions == (" ",) for i in breaks)
    notice = text.index("To view this video")
    assert all(notice < i.start < text.index("Recapping") for i in breaks)
    quote = [i for i in found if i.rule == "layout.space-in-quotes"]
    assert len(quote) == 1 and text[quote[0].start:quote[0].end] == "‘ "
    assert text[quote[0].end:quote[0].end + 4] == "will"
    assert len(found) == 4


def test_other_seeds_have_no_layout_warnings(linter, seed_text):
    for number in (0, 1, 2, 3):
        assert layout(linter, seed_text(number), "warning") == [], number
