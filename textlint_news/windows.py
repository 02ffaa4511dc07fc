"""A long text cut into windows that are linted one at a time, their issues moved back.

A check's work and memory grow with its document (tokens, sentences, memo tables, and a few
passes that are more than linear), so a text longer than `Config.window_size` characters is
linted window by window: each window is a `Document` of its own, freed before the next, and
its issues are moved to the whole text's offsets, lines and columns.  Windows end at a blank
line where one is near (a paragraph boundary), else at a line break, a sentence end or a
space, so a 5 MB single line is cut too.
"""
from __future__ import annotations

import functools
import re
import sys
from dataclasses import replace
from typing import Iterator

from .document import sentence_ends
from .issue import Issue

_BLANK_RUN = re.compile(r"(?:[ \t\f\v\u00a0]*(?:\r\n|\r|\n)){2,}")


def windows(text: str, size: int) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive windows covering `text`, each at most `size` characters
    and, but where no boundary is found at all, at least half of it."""
    start, length = 0, len(text)
    while length - start > size:
        end = _boundary(text, start + size // 2, start + size)
        yield start, end
        start = end
    yield start, length


def _boundary(text: str, low: int, high: int) -> int:
    """The best cut in `text[low:high]`: after the last blank line, else after the last
    line break, else after the last sentence end, else after the last space, else `high`
    (never between the two characters of a `\r\n`)."""
    cut = _cut(text, low, high)
    return cut + 1 if text[cut - 1:cut + 1] == "\r\n" else cut


def _cut(text: str, low: int, high: int) -> int:
    last = None
    for last in _BLANK_RUN.finditer(text, low, high):
        pass
    if last is not None:
        return last.end()
    brk = max(text.rfind("\n", low, high), text.rfind("\r", low, high - 1))
    if brk >= 0:
        return brk + 1
    end = None
    for _, end in sentence_ends(text, low, high):
        pass
    if end is not None:
        return end
    space = text.rfind(" ", low, high)
    return space + 1 if space >= 0 else high


class Shift:
    """Moves issues of a window starting at `start` to the whole text's positions."""

    def __init__(self, text: str, start: int, line: int) -> None:
        self.start = start
        self.line = line  # 0-based line of the whole text that the window starts on
        # 0-based column of the window's start on that line (not 0 when a line is cut)
        self.column = start - max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) - 1

    def __call__(self, issue: Issue) -> Issue:
        line, end_line = issue.line, issue.end_line
        return replace(
            issue, start=issue.start + self.start, end=issue.end + self.start,
            line=line + self.line, column=issue.column + (self.column if line == 1 else 0),
            end_line=end_line + self.line, end_column=issue.end_column + (self.column if end_line == 1 else 0))


def line_breaks(text: str, start: int, end: int) -> int:
    """How many line breaks (`\\n`, `\\r\\n` or `\\r`) `text[start:end]` holds."""
    return text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)


#: a bounded `lru_cache` this large memoises words or phrases; unbounded ones hold loaded
#: tables, settings and compiled patterns (`resources.load_data`, `patterns.compile_pattern`)
_WORD_MEMO_SIZE = 1024


def release_memos(package: str = "textlint_news") -> None:
    """Empty the package's word memos (module-level and class-level `lru_cache`s of at least
    `_WORD_MEMO_SIZE` entries): a long text's windows would fill every one of them to its limit
    (hundreds of MB over a 10 MB text), where one window fills a few percent.  They memoise pure
    functions, so what a window finds does not change; loaders (smaller or unbounded caches)
    stay: emptied, each window would read its tables again.  The mapped tables' look-up
    memos and blocks read go too (`mapped.clear_memos`)."""
    from .mapped import clear_memos

    clear_memos()
    for name, module in list(sys.modules.items()):
        if module is None or not (name == package or name.startswith(package + ".")):
            continue
        for value in list(vars(module).values()):
            for found in (vars(value).values() if isinstance(value, type) else (value,)):
                if isinstance(found, functools._lru_cache_wrapper):
                    size = found.cache_parameters()["maxsize"]
                    if size is not None and size >= _WORD_MEMO_SIZE:
                        found.cache_clear()
