"""A long text linted in windows: exact offsets, lines and columns, and the windows' own issues."""
from pathlib import Path

import pytest

from textlint_news.config import Config
from textlint_news.document import Document
from textlint_news.engine import Linter
from textlint_news.windows import windows

WINDOW = 20_000


def articles(data_dir: Path, count: int) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(data_dir.rglob("*.txt"))[:count]]


@pytest.fixture(scope="module")
def windowed() -> Linter:
    # the duplicate check sees the whole text: left out, every issue is a window's own (the
    # pack rules see the whole text too, and match nothing across these cuts)
    return Linter(Config(window_size=WINDOW, ignore=["duplicate"]))


@pytest.fixture(scope="module")
def unwindowed() -> Linter:
    return Linter(Config(window_size=0, ignore=["duplicate"]))


def test_windows_cover_the_text_at_paragraphs_lines_sentences_and_spaces():
    paragraphs = "A first line.\nA second one here.\n\n" * 400
    line = "It rained. " * 2000
    crlf = "Some words on a line\r\n" * 1000
    for text in (paragraphs, line, crlf, "x" * 5000):
        cuts = list(windows(text, 1000))
        assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:]))
        assert all(0 < end - start <= 1000 for start, end in cuts)
        inner = [start for start, _ in cuts[1:]]
        if text is paragraphs:
            assert all(text[start - 2:start] == "\n\n" for start in inner)
        elif text is line:
            assert all(text[start - 1:start + 4] == ". It " for start in inner)
        elif text is crlf:
            assert all(text[start - 2:start] == "\r\n" for start in inner)
        else:
            assert inner == [1000, 2000, 3000, 4000]
    assert list(windows("short", 1000)) == [(0, 5)]


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["paragraphs", "crlf", "one line"])
def test_windowed_issues_are_each_windows_own_at_exact_positions(data_dir, windowed, unwindowed, shape):
    texts = articles(data_dir, 50)
    if shape == "crlf":
        text = "\r\n\r\n".join(t.replace("\n", "\r\n") for t in texts)
    elif shape == "one line":
        text = " ".join(" ".join(t.split()) for t in texts)
    else:
        text = "\n\n".join(texts)
    assert len(text) > 3 * WINDOW
    found = windowed.lint(text)
    whole = Document(text)
    for issue in found:  # lines and columns are those of the whole text
        assert (issue.line, issue.column) == whole.position(issue.start)
        assert (issue.end_line, issue.end_column) == whole.position(issue.end)
    expected = []  # each window linted alone, its issues moved to the window's offset
    for start, end in windows(text, WINDOW):
        for issue in unwindowed.lint(text[start:end]):
            expected.append((issue.rule, issue.start + start, issue.end + start, issue.message))
    assert sorted((i.rule, i.start, i.end, i.message) for i in found) == sorted(expected)
    assert any(i.start > WINDOW for i in found)  # issues past the first window were found


def test_a_text_within_one_window_is_linted_whole(data_dir, windowed, unwindowed):
    text = "\n\n".join(articles(data_dir, 5))[:WINDOW]
    assert windowed.lint(text) == unwindowed.lint(text)


def test_the_window_size_is_a_config_key():
    from textlint_news.config import from_mapping

    assert from_mapping({"window-size": "64KiB"}).window_size == 65536
    assert from_mapping({"window-size": 0}).window_size == 0  # never windowed
    assert Config().window_size == 256 * 1024
