"""Leaked metadata: glued fields, timestamps, field lines, glued bylines; datelines are info."""
from __future__ import annotations

import pytest

from textlint_news.api import lint

BODY = "The council approved the budget on Tuesday after a long debate.\n"


def metadata(text: str):
    return [i for i in lint(text) if i.category == "metadata"]


def spans(text: str, issues):
    return [(i.rule, text[i.start:i.end], i.suggestions, i.severity) for i in issues]


def test_fires_on_date_field_glued_before_first_sentence_and_delete_restores_it():
    text = " date 2024-05-06 The council approved the budget on Tuesday.\n"
    issues = metadata(text)
    assert len(issues) == 1
    issue = issues[0]
    assert issue.rule == "metadata.date-field" and issue.severity == "warning"
    assert issue.suggestions == ("",)
    fixed = text[:issue.start] + text[issue.end:]
    assert fixed == "The council approved the budget on Tuesday.\n"


@pytest.mark.parametrize("text, rule, covered", [
    ("Published: 2024-05-06\n" + BODY, "metadata.date-field", "Published: 2024-05-06"),
    ("updated_at=2024-05-06T10:15:00Z The mayor spoke.", "metadata.date-field",
     "updated_at=2024-05-06T10:15:00Z "),
    ("The mayor spoke 2024-05-06T10:15:00+02:00 at noon.", "metadata.timestamp",
     "2024-05-06T10:15:00+02:00 "),
    ("Reporting from Madrid2024-05-06 on the vote.", "metadata.glued-date", "2024-05-06"),
    ("2024-05-06The mayor spoke.", "metadata.glued-date-after", "2024-05-06"),
    ("Tags: budget, council, schools\n" + BODY, "metadata.field-line", "Tags: budget, council, schools"),
    (BODY + "author: Sam Lee\n", "metadata.field-line", "author: Sam Lee"),
])
def test_fires_on_leaked_fields(text, rule, covered):
    issues = [i for i in metadata(text) if i.severity != "info"]
    assert [(i.rule, text[i.start:i.end]) for i in issues] == [(rule, covered)]
    assert issues[0].suggestions == ("",)


def test_fires_on_glued_byline_alone_with_spacing_fix_then_delete():
    text = "Council passes budget\nbyJana Novák\n" + BODY
    issues = metadata(text)
    assert spans(text, issues) == [
        ("metadata.glued-byline", "byJana Novák", ("By Jana Novák", ""), "warning")]


def test_glued_byline_with_two_authors_inside_a_line():
    text = "Council passes budget | byJana Novák and Sam Lee\n" + BODY
    issues = metadata(text)
    assert spans(text, issues) == [
        ("metadata.glued-byline", "byJana Novák and Sam Lee", ("By Jana Novák and Sam Lee",), "warning")]


@pytest.mark.parametrize("line", [
    "12 March 2024 - 09:45",
    "March 12, 2024",
    "Tuesday, 12 March 2024 | 9.45 GMT",
    "Updated at 9:20 p.m. ET",
])
def test_dateline_on_its_own_line_is_info(line):
    text = "Council passes budget\n" + line + "\n" + BODY
    issues = metadata(text)
    assert [(i.rule, i.severity, text[i.start:i.end]) for i in issues] == [
        ("metadata.dateline", "info", line)]


@pytest.mark.parametrize("text", [
    "The report, dated 2024-05-06, was published by the council.",
    "Written by Jana Novák, edited by Sam Lee.",
    "The standbyMode flag and the hobbyShop domain are not bylines.",
    "Sales rose by 5% in March 12, 2024 figures, officials said.",
    "The date was set: the vote was updated on Tuesday.",
    "Source: Reuters",
    "The author, Sam Lee, said tags were not needed.",
])
def test_quiet_on_clean_text(text):
    assert [i for i in metadata(text + "\n") if i.severity != "info"] == []


@pytest.mark.slow
def test_seed_001_leaked_date_field(seed_text, linter):
    text = seed_text(1)
    issues = [i for i in linter.lint(text) if i.category == "metadata" and i.severity != "info"]
    assert len(issues) == 1
    issue = issues[0]
    assert issue.rule == "metadata.date-field" and issue.suggestions == ("",) and issue.start == 0
    assert "2025-02-12" in text[issue.start:issue.end]
    assert (text[:issue.start] + text[issue.end:]).startswith("Donald Trump")


@pytest.mark.slow
def test_seed_002_glued_byline_and_dateline(seed_text, linter):
    text = seed_text(2)
    issues = [i for i in linter.lint(text) if i.category == "metadata"]
    byline = [i for i in issues if i.rule == "metadata.glued-byline"]
    assert len(byline) == 1
    assert text[byline[0].start:byline[0].end] == text.splitlines()[3].strip()
    assert byline[0].suggestions[0].startswith("By ") and "" in byline[0].suggestions
    datelines = [i for i in issues if i.rule == "metadata.dateline"]
    assert len(datelines) == 1 and datelines[0].severity == "info"
    assert [i for i in issues if i.severity != "info"] == byline


@pytest.mark.slow
@pytest.mark.parametrize("number", [0, 3, 4])
def test_other_seeds_have_no_leaked_metadata(seed_text, linter, number):
    issues = [i for i in linter.lint(seed_text(number)) if i.category == "metadata"]
    assert [i for i in issues if i.severity != "info"] == []
