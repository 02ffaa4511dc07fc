"""A long text linted in windows holds what one window needs, not what its length would."""
import tracemalloc

import pytest

from textlint_news.config import Config
from textlint_news.engine import Linter

WINDOW = 6_000


def traced_peak(linter: Linter, text: str) -> int:
    """The most memory (bytes, traced by Python) that linting `text` held at once."""
    tracemalloc.start()
    try:
        linter.lint(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_of_a_windowed_text_does_not_grow_with_its_length(data_dir):
    # articles no table of the checks was made from: the folder's last, held out of
    # test_windows.py (its first 50) as well
    paths = sorted((data_dir / "bbc").rglob("*.txt"))[-3:]
    unit = "\n\n".join(p.read_text(encoding="utf-8") for p in paths)
    linter = Linter(Config(window_size=WINDOW))
    for _ in range(3):  # every table these texts reach is loaded (some after a count of look-ups)
        linter.lint("\n\n".join([unit] * 2))
    short = traced_peak(linter, "\n\n".join([unit] * 2))
    long = traced_peak(linter, "\n\n".join([unit] * 4))
    # twice the text (and twice the windows): the whole text, its issues and the whole-text
    # checks' lines grow with it; the windows' tokens, analyses and memos must not
    assert long < 1.4 * short, (short, long)


@pytest.mark.slow
def test_a_windowed_text_leaves_no_look_ups_in_the_mapped_tables(data_dir):
    from textlint_news import mapped

    paths = sorted((data_dir / "bbc").rglob("*.txt"))[-3:]
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in paths)
    linter = Linter(Config(window_size=WINDOW))
    linter.lint(text[:WINDOW // 2])  # one window: its look-ups are kept, as for any short text
    assert any(table._memo for table in mapped._OPEN)
    linter.lint(text)  # in windows: each window's look-ups go with it
    assert mapped._OPEN and not any(table._memo for table in mapped._OPEN)
