"""Escaped HTML of a text with marked spans: nested spans nest, crossing spans are split.

Spans that nest become nested elements; a span that crosses another's end is closed
there and reopened after it, so every span is one or more fragments carrying its
key, and the fragments of a span hold exactly its characters.  An empty span is an
empty element at its offset.  Every character of the text is escaped.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Iterable, Union

# Deeper nesting than this is drawn like this depth (the underlines' spacing).
MAX_DEPTH = 4


@dataclass(frozen=True)
class Mark:
    """A span to mark: `start`/`end` offsets, a `key` naming it, and its element's
    opening attributes (`attrs`, already escaped) and text after it (`tail` attributes
    for the last fragment only)."""

    start: int
    end: int
    key: str
    attrs: str
    tail: str = ""


@dataclass
class _Node:
    mark: Mark
    first: bool
    last: bool = False
    children: list[Union["_Node", str]] = field(default_factory=list)

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children if isinstance(c, _Node)), default=0)


def escape_text(text: str) -> str:
    """`text` as HTML character data; a carriage return stays one (the parser would
    turn it into a line feed)."""
    return html.escape(text, quote=False).replace("\r", "&#13;")


def highlight(text: str, marks: Iterable[Mark], id_prefix: str = "m") -> str:
    """The escaped `text` with every mark as `<mark>` elements (see the module doc).

    A mark's first fragment gets `id="{id_prefix}{key}"`; every element gets `data-i`
    (its key) and `data-h` (1-4: how many levels of marks it holds, itself included,
    so that nested underlines can be drawn apart).
    """
    root: list[Union[_Node, str]] = []
    ordered = sorted(marks, key=lambda m: (m.start, -m.end, m.key))
    stack: list[_Node] = []
    bounds = sorted({0, len(text), *(m.start for m in ordered), *(m.end for m in ordered)})
    next_mark = 0

    def container() -> list:
        return stack[-1].children if stack else root

    for pos, following in zip(bounds, [*bounds[1:], None]):
        ending = [n for n in stack if n.mark.end <= pos]
        if ending:
            lowest = min(stack.index(n) for n in ending)
            reopen = [n.mark for n in stack[lowest:] if n.mark.end > pos]
            for node in stack[lowest:]:
                node.last = node.mark.end <= pos
            del stack[lowest:]
            for mark in reopen:
                node = _Node(mark, first=False)
                container().append(node)
                stack.append(node)
        while next_mark < len(ordered) and ordered[next_mark].start <= pos:
            mark = ordered[next_mark]
            next_mark += 1
            node = _Node(mark, first=True, last=mark.end <= pos)
            container().append(node)
            if mark.end > pos:
                stack.append(node)
        if following is not None and following > pos:
            container().append(text[pos:following])
    return "".join(_render(part, id_prefix) for part in root)


def _render(part: Union[_Node, str], id_prefix: str) -> str:
    if isinstance(part, str):
        return escape_text(part)
    mark = part.mark
    ident = f' id="{id_prefix}{mark.key}"' if part.first else ""
    tail = f" {mark.tail}" if part.last and mark.tail else ""
    depth = min(part.depth(), MAX_DEPTH)
    inner = "".join(_render(child, id_prefix) for child in part.children)
    attrs = f" {mark.attrs}" if mark.attrs else ""
    return f'<mark{ident} data-i="{mark.key}"{attrs} data-h="{depth}"{tail}>{inner}</mark>'
