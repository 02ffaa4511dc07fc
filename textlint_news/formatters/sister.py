"""A copy beside the sister copy it was judged against: sentences in rows, swapped words aligned.

The alignment is `textlint_news.spin.alignment.align_copies`; which copy is the
sister comes from the copy's `spin.copy` and `spin.document` messages, which name
its path.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from .highlight import escape_text
from ..issue import Issue

# A spin message that judges a copy against a sister copy names it so (spin.document's
# "... reads as machine-spun against its sister copy PATH: ...").
SISTER_NAMED = re.compile(r"\bsister copy (\S(?:.*?\S)?): ")
SISTER_RULES = ("spin.copy", "spin.document")


def sister_paths(issues: Iterable[Issue]) -> list[str]:
    """The sister copies a copy's cross-copy spin issues name, in order."""
    found: list[str] = []
    for issue in issues:
        if issue.rule in SISTER_RULES:
            found.extend(p for p in SISTER_NAMED.findall(issue.message) if p not in found)
    return found


def side_by_side(text: str, sister: str, flagged: Sequence[tuple[int, int]], key: str) -> str:
    """Rows of aligned sentences (this copy | the sister), each word run that differs
    marked by its kind and linked to its counterpart by `data-op`; a run of this copy
    that overlaps a flagged span (its spin issues), and its counterpart, are `flagged`."""
    from ..spin.alignment import align_copies

    rows = []
    for n, pair in enumerate(align_copies(text, sister)):
        hits = {k for k, op in enumerate(pair.ops)
                if any(op.a_start < e and s < op.a_end for s, e in flagged)}
        mine = _side(text, pair.a_start, pair.a_end, [(op.kind, op.a_start, op.a_end) for op in pair.ops],
                     f"{key}-{n}", hits)
        theirs = _side(sister, pair.b_start, pair.b_end, [(op.kind, op.b_start, op.b_end) for op in pair.ops],
                       f"{key}-{n}", hits)
        rows.append(f"<tr><td{_gap(pair.a_start, pair.a_end)}>{mine}</td>"
                    f"<td{_gap(pair.b_start, pair.b_end)}>{theirs}</td></tr>")
    return "\n".join(rows)


def _gap(start: int, end: int) -> str:
    return ' class="gap"' if start == end else ""


def _side(text: str, start: int, end: int, ops: list[tuple[str, int, int]], key: str,
          flagged: set[int]) -> str:
    """One side of a sentence pair with its changed runs marked by kind (the side without
    words for an `insert` or `delete` gets an empty marker where they would stand)."""
    parts, pos = [], start
    for n, (kind, a, b) in enumerate(ops):
        if kind == "equal":
            continue
        parts.append(escape_text(text[pos:a]))
        focus = ' tabindex="0"' if kind == "replace" else ""
        parts.append(f'<span class="{kind}{" flagged" * (n in flagged)}" data-op="{key}-{n}"{focus}>'
                     f"{escape_text(text[a:b])}</span>")
        pos = b
    parts.append(escape_text(text[pos:end]))
    return "".join(parts)
