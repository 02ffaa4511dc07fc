"""`--fix`: choose the confident suggestions, apply them, tidy what deletions leave.

A fix is the single suggestion of a warning or error whose confidence reaches
`fix-min-confidence` and whose rule is not `unfixable`.  Overlapping fixes are
settled deletions first (longest first: deleting a block makes the fixes inside
it moot), then by confidence.  A deletion that empties whole lines takes their
line breaks with it, and never leaves a run of blank lines, or blank lines at the
start or end of the text, where there was none.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Iterable, Sequence

from .document import Document
from .issue import Issue, severity_rank

_FIXED_SEVERITY = severity_rank("warning")
_LINE_TAIL = re.compile(r"[ \t\r]*")  # what may follow a deleted span to the end of its line
_BLANK = re.compile(r"[^\S\n]*")  # a blank line's content


@dataclass(frozen=True)
class Edit:
    """Replace `text[start:end]` with `replacement`, on behalf of `issues`."""

    start: int
    end: int
    replacement: str
    issues: tuple[Issue, ...]


@dataclass(frozen=True)
class Fixed:
    """The fixed text, the issues the fixes resolved, and the others moved to the new text."""

    text: str
    applied: list[Issue]
    remaining: list[Issue]


def is_fixable(issue: Issue, min_confidence: float, unfixable: Sequence[str] = ()) -> bool:
    """True when `--fix` may apply this issue's suggestion unattended."""
    return (
        len(issue.suggestions) == 1
        and severity_rank(issue.severity) >= _FIXED_SEVERITY
        and issue.confidence >= min_confidence
        and not any(s in ("ALL", issue.category) or issue.rule == s or issue.rule.startswith(s + ".")
                    for s in unfixable)
    )


def fix_text(text: str, issues: Iterable[Issue], min_confidence: float = 0.8,
             unfixable: Sequence[str] = ()) -> Fixed:
    """Apply the fixable issues' suggestions to `text`."""
    issues = list(issues)
    chosen = _choose([i for i in issues if is_fixable(i, min_confidence, unfixable)
                      and not _whole(i, text) and (i.end > i.start or i.suggestions[0])])
    edits = _tidy(text, _merge_deletions(text, chosen))
    new_text = _apply(text, edits)
    applied = {id(i) for e in edits for i in e.issues}
    moved = _move(text, new_text, [i for i in issues if id(i) not in applied], edits)
    return Fixed(new_text, [i for i in issues if id(i) in applied], moved)


def _whole(issue: Issue, text: str) -> bool:
    return issue.start == 0 and issue.end >= len(text)


def _choose(candidates: list[Issue]) -> list[Edit]:
    """Non-overlapping edits: deletions first, longest first; then by confidence."""
    ranked = sorted(candidates, key=lambda i: (
        i.suggestions[0] != "", -(i.end - i.start) if i.suggestions[0] == "" else 0, -i.confidence, i.start,
    ))
    kept: list[Edit] = []
    spans: list[tuple[int, int, int]] = []  # (start, end, index in kept), sorted
    for issue in ranked:
        if not _overlapping(spans, issue.start, issue.end):
            bisect.insort(spans, (issue.start, issue.end, len(kept)))
            kept.append(Edit(issue.start, issue.end, issue.suggestions[0], (issue,)))
            continue
        # a deletion resolves the issues it swallows whole; kept edits overlap no other, so
        # only the last one starting at or before the issue can hold it
        at = spans[bisect.bisect_right(spans, (issue.start, math.inf)) - 1][2]
        edit = kept[at]
        if edit.replacement == "" and edit.start <= issue.start and issue.end <= edit.end:
            kept[at] = replace(edit, issues=edit.issues + (issue,))
    return sorted(kept, key=lambda e: e.start)


def _overlapping(spans: list[tuple[int, ...]], start: int, end: int) -> bool:
    """Whether `[start, end)` overlaps one of `spans`: sorted spans that overlap no other, so
    their ends rise with their starts and only the last one starting before `end` can reach
    past `start` (a bisection: a scan of every kept edit made --fix quadratic)."""
    before = bisect.bisect_left(spans, (end,))
    return before > 0 and spans[before - 1][1] > start


def _merge_deletions(text: str, edits: list[Edit]) -> list[Edit]:
    """Join deletions separated only by white space (the lines of one boilerplate block)."""
    merged: list[Edit] = []
    for edit in edits:
        last = merged[-1] if merged else None
        if (last and last.replacement == "" and edit.replacement == ""
                and not text[last.end:edit.start].strip()):
            merged[-1] = Edit(last.start, edit.end, "", last.issues + edit.issues)
        else:
            merged.append(edit)
    return merged


def _tidy(text: str, edits: list[Edit]) -> list[Edit]:
    """Widen deletions that empty whole lines so no stray blank lines are left; a widened
    deletion stops at the edits beside it (the edits stay apart)."""
    tidied: list[Edit] = []
    for edit in edits:
        if edit.replacement == "":
            edit = _widen(text, edit)
            if tidied and edit.start < tidied[-1].end:
                edit = replace(edit, start=tidied[-1].end)
        elif tidied and tidied[-1].replacement == "" and tidied[-1].end > edit.start:
            tidied[-1] = replace(tidied[-1], end=edit.start)
        tidied.append(edit)
    return tidied


def _widen(text: str, edit: Edit) -> Edit:
    start, end = edit.start, edit.end
    line_start = start  # read outwards from the span, not from the line's ends: a long line
    while line_start > 0 and text[line_start - 1] in " \t":  # with many fixes was read once each
        line_start -= 1
    line_end = _LINE_TAIL.match(text, end).end()
    ending = _final_break(text)
    if (line_start and text[line_start - 1] != "\n") or (line_end < len(text) and text[line_end] != "\n"):
        # part of a line: delete just the span, never the text's final line break
        return replace(edit, end=min(end, max(start, len(text) - len(ending))))
    start, end = line_start, _after_break(text, line_end)
    blank_before = start == 0 or text.endswith(("\n\n", "\n\r\n"), 0, start)
    if blank_before:  # the lines above already end a paragraph: take the blank lines below
        while _blank_line_at(text, end):
            end = _after_break(text, _line_end(text, end))
    if end >= len(text) and start > 0:  # deleted the tail: the text ends where its body ends
        body_end = len(text[:start].rstrip())
        gap = text[body_end:start]
        start = body_end + (len(ending) if ending and gap.startswith(ending) else 0)  # the file's own ending
    return replace(edit, start=start, end=end)


def _final_break(text: str) -> str:
    """The line break the text ends with (`\r\n`, `\n`), or ""."""
    return "\r\n" if text.endswith("\r\n") else "\n" if text.endswith("\n") else ""


def _line_end(text: str, offset: int) -> int:
    found = text.find("\n", offset)
    return len(text) if found < 0 else found


def _after_break(text: str, line_end: int) -> int:
    return min(len(text), line_end + 1)


def _blank_line_at(text: str, offset: int) -> bool:
    blank_end = _BLANK.match(text, offset).end()
    return offset < len(text) and (blank_end == len(text) or text[blank_end] == "\n")


def _apply(text: str, edits: list[Edit]) -> str:
    parts, cursor = [], 0
    for edit in edits:
        parts += [text[cursor:edit.start], edit.replacement]
        cursor = edit.end
    parts.append(text[cursor:])
    return "".join(parts)


def _move(old: str, new: str, issues: list[Issue], edits: list[Edit]) -> list[Issue]:
    """Issues untouched by the edits, with offsets and positions in the new text."""
    doc = Document(new)
    spans = sorted((e.start, e.end) for e in edits)  # edits overlap no other
    by_end = sorted(edits, key=lambda e: e.end)
    ends = [e.end for e in by_end]
    shifts = list(accumulate((len(e.replacement) - (e.end - e.start) for e in by_end), initial=0))
    moved = []
    for issue in issues:
        if _whole(issue, old):
            start, end = 0, len(new)
        elif _overlapping(spans, issue.start, issue.end):
            continue  # its text was rewritten or deleted
        else:
            start = issue.start + shifts[bisect.bisect_right(ends, issue.start)]
            end = issue.end + shifts[bisect.bisect_right(ends, issue.end)]
        (line, column), (end_line, end_column) = doc.position(start), doc.position(end)
        moved.append(replace(issue, start=start, end=end, line=line, column=column,
                             end_line=end_line, end_column=end_column))
    return moved
