"""Glued bylines: "byKatharine Jackson", the byline field with its space lost.

The byline itself is legitimate article information (copies keep it as
"By Jane Doe"), so the first suggestion repairs the glue and keeps the credit;
deleting the line is offered second for users who want the body alone.  A
lower-case "by" fused to a capitalised name never occurs in edited prose.
The other leaked fields are patterns: see rules/metadata.yml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..check import Check, Context, RuleInfo
from ..document import Document
from ..issue import Issue
from ..lazy_re import lazy

_NAME_WORD = r"[A-Z][\w'’.-]*"
_CONNECTOR = r"(?:and|&|de|da|del|van|von|der|al|bin|le|la)"
_GLUED_BYLINE = lazy(
    rf"(?<![\w@#./\\-])([Bb]y)(?P<name>{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|{_CONNECTOR}(?=[ \t]+[A-Z])))*)"
)
# What every glued byline holds; a plain search for it is many times cheaper than the pattern.
_BY_CAPITAL = re.compile(r"[Bb]y[A-Z]")


@dataclass(frozen=True)
class MetadataSettings:
    """Limits and confidences of a glued byline (rules/settings/metadata.yml)."""

    max_name_words: int = 8
    confidence_alone: float = 0.95
    confidence_inline: float = 0.8


class MetadataCheck(Check):
    """Bylines whose "by" is fused to the author's name."""

    name = "metadata"
    settings_type = MetadataSettings
    rules = (
        RuleInfo(
            "metadata.glued-byline", "metadata", "warning",
            'A byline with its space lost ("byKatharine Jackson").',
            "The page's byline field was glued to its label when the page was flattened. "
            "The fix keeps the credit with the space restored ('By Katharine Jackson'); "
            "delete it instead when you keep only the body.",
        ),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        if not _BY_CAPITAL.search(doc.text):
            return
        settings = self.settings_in(ctx)
        max_words = settings.max_name_words
        edges: dict[int, tuple[int, int]] = {}  # line index -> its first and last non-space offsets
        for match in _GLUED_BYLINE.finditer(doc.text):
            name = match.group("name").rstrip(".")
            words = name.split()
            if len(words) > max_words or not _looks_like_name(words):
                continue
            start, end = match.start(), match.start("name") + len(name)
            index = doc.line_index(start)
            if index not in edges:
                line = doc.lines[index]
                edges[index] = (line.end - len(line.text.lstrip()), line.start + len(line.text.rstrip()))
            first, last = edges[index]
            alone = start <= first and end >= last
            fix = f"By {name}"
            suggestions = (fix, "") if alone else (fix,)
            confidence = settings.confidence_alone if alone \
                else settings.confidence_inline
            message = (f"Glued byline '{doc.text[start:end]}': the byline lost its space; "
                       f"write '{fix}'" + (" or delete the line" if alone else ""))
            yield self.emit(doc, "metadata.glued-byline", start, end, message, suggestions, confidence)


def _looks_like_name(words: list[str]) -> bool:
    """At least one capitalised word that is not all capitals (skips codes like 'byUSD')."""
    capitalised = [w for w in words if w[0].isupper()]
    return bool(capitalised) and any(not w.isupper() for w in capitalised) and len(capitalised[0]) > 1


CHECKS = [MetadataCheck()]
