"""The public issue contract: keys, vocabularies, offsets and line/column positions."""
import json

import pytest

from textlint_news import CATEGORIES, SEVERITIES, Issue
from textlint_news.document import Document
from textlint_news.issue import JSON_KEYS


def test_json_keys_are_exactly_the_contract():
    issue = Document("Hello world").issue("x.y", "spin", "warning", "m", 0, 5, ("Hi",), 0.5)
    assert tuple(issue.to_dict()) == (
        "path", "rule", "category", "severity", "message", "start", "end",
        "line", "column", "end_line", "end_column", "suggestions", "confidence",
    ) == JSON_KEYS
    assert json.loads(json.dumps(issue.to_dict()))["suggestions"] == ["Hi"]


def test_vocabularies():
    assert set(CATEGORIES) == {
        "spin", "name-typo", "foreign-wrapper", "boilerplate", "duplicate", "metadata",
        "embed", "encoding", "grammar", "layout", "consistency",
    }
    assert SEVERITIES == ("info", "warning", "error")


@pytest.mark.parametrize("field, value", [("category", "typo"), ("severity", "fatal"),
                                          ("confidence", 1.5), ("end", -1)])
def test_invalid_issues_are_refused(field, value):
    kwargs = dict(path="p", rule="r", category="spin", severity="info", message="m", start=0,
                  end=1, line=1, column=1, end_line=1, end_column=2)
    kwargs[field] = value
    with pytest.raises(ValueError):
        Issue(**kwargs)


def _position_of(doc: Document, needle: str):
    start = doc.text.index(needle)
    issue = doc.issue("t.r", "layout", "info", "m", start, start + len(needle))
    return issue.line, issue.column, issue.end_line, issue.end_column


def test_positions_with_crlf_tabs_and_astral_characters():
    doc = Document("ab\r\n\tx😀yz\r\nlast 🇺🇦 word\rold-mac")
    assert _position_of(doc, "ab") == (1, 1, 1, 3)
    assert _position_of(doc, "x") == (2, 2, 2, 3)      # a tab is one column
    assert _position_of(doc, "yz") == (2, 4, 2, 6)     # the emoji is one code point
    assert _position_of(doc, "word") == (3, 9, 3, 13)  # a flag is two code points
    assert _position_of(doc, "old") == (4, 1, 4, 4)    # a lone CR ends a line too
    assert doc.text[doc.text.index("yz"):][:2] == "yz"


def test_span_over_a_crlf_line_break():
    doc = Document("one\r\ntwo")
    issue = doc.issue("t.r", "layout", "info", "m", 0, len(doc.text))
    assert (issue.line, issue.column, issue.end_line, issue.end_column) == (1, 1, 2, 4)


def test_offsets_slice_the_decoded_text_of_a_crlf_file(tmp_path):
    from textlint_news.api import lint_file

    path = tmp_path / "crlf.txt"
    path.write_bytes("Título 😀\r\n\r\nAdvertisement\r\n\r\nThe body.\r\n".encode("utf-8"))
    issues = [i for i in lint_file(path) if i.rule == "boilerplate.ad-slot"]
    text = path.read_bytes().decode("utf-8")
    assert [text[i.start:i.end] for i in issues] == ["Advertisement"]
    assert (issues[0].line, issues[0].column) == (3, 1)
