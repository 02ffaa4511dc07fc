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

# The spin messages that judge a copy against a sister name it thus (a path in the run
# is found even when the wording changes; this finds one outside it, e.g. in --corpus).
SISTER_NAMED = re.compile(r"sister copy (\S*[^\s:;,])[:;,]?(?:\s|$)")
SISTER_RULES = ("spin.copy", "spin.document")


def sister_paths(issues: Iterable[Issue], known: Sequence[str]) -> list[str]:
    """The sister copies named by a copy's cross-copy spin issues: paths of this run
    first (longest first, so a path is not taken for its prefix), then named others."""
    messages = [i.message for i in issues if i.rule in SISTER_RULES]
    found: list[str] = []
    for message in messages:
        for path in sorted(known, key=len, reverse=True):
            if path in message and path not in found:
                found.append(path)
                message = message.replace(path, "")
        found.extend(m for m in SISTER_NAMED.findall(message) if m not in found)
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
