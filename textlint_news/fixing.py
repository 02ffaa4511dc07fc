"""`--fix`: choose the confident suggestions, apply them, tidy what deletions leave.

A fix is the single suggestion of a warning or error whose confidence reaches
`fix-min-confidence` and whose rule is not `unfixable`.  Overlapping fixes are
settled deletions first (longest first: deleting a block makes the fixes inside
it moot), then by confidence.  A deletion that empties whole lines takes their
line breaks with it, and never leaves a run of blank lines, or blank lines at the
start or end of the text, where there was none.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from .document import Document
from .issue import Issue, severity_rank

_FIXED_SEVERITY = severity_rank("warning")


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
    for issue in ranked:
        if not any(issue.start < e.end and e.start < issue.end for e in kept):
            kept.append(Edit(issue.start, issue.end, issue.suggestions[0], (issue,)))
        else:
            kept = [_absorb(e, issue) for e in kept]
    return sorted(kept, key=lambda e: e.start)


def _absorb(edit: Edit, issue: Issue) -> Edit:
    """A deletion resolves the issues it swallows whole."""
    inside = edit.replacement == "" and edit.start <= issue.start and issue.end <= edit.end
    return replace(edit, issues=edit.issues + (issue,)) if inside else edit


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
    """Widen deletions that empty whole lines so no stray blank lines are left."""
    return [_widen(text, e) if e.replacement == "" else e for e in edits]


def _widen(text: str, edit: Edit) -> Edit:
    start, end = edit.start, edit.end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = _line_end(text, end)
    ending = _final_break(text)
    if text[line_start:start].strip(" \t") or text[end:line_end].strip(" \t\r"):
        # part of a line: delete just the span, never the text's final line break
        return replace(edit, end=min(end, max(start, len(text) - len(ending))))
    start, end = line_start, _after_break(text, line_end)
    blank_before = start == 0 or text[:start].endswith(("\n\n", "\n\r\n"))
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
    return offset < len(text) and not text[offset:_line_end(text, offset)].strip()


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
    moved = []
    for issue in issues:
        if _whole(issue, old):
            start, end = 0, len(new)
        elif any(issue.start < e.end and e.start < issue.end for e in edits):
            continue  # its text was rewritten or deleted
        else:
            start, end = _shift(issue.start, edits), _shift(issue.end, edits)
        (line, column), (end_line, end_column) = doc.position(start), doc.position(end)
        moved.append(replace(issue, start=start, end=end, line=line, column=column,
                             end_line=end_line, end_column=end_column))
    return moved


def _shift(offset: int, edits: list[Edit]) -> int:
    return offset + sum(len(e.replacement) - (e.end - e.start) for e in edits if e.end <= offset)
