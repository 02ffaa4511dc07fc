"""`existence`: report every match of literal tokens or RE2 patterns."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from ..document import Document
from .base import Fail, Hit, PackRule, render_message, scoped_body, strings


@dataclass(frozen=True, kw_only=True)
class Existence(PackRule):
    """Each match is an issue, with the rule's fixed suggestions (`suggest: delete`
    deletes it); `extend: line` widens the issue to the match's whole line."""

    kind = "existence"
    FIELDS = frozenset({"tokens", "patterns", "suggest", "extend"})

    tokens: tuple[str, ...]
    patterns: tuple[str, ...]
    suggest: tuple[str, ...]
    extend_to_line: bool

    @classmethod
    def parse(cls, raw: dict, common: dict[str, Any], fail: Fail) -> "Existence":
        tokens = strings(raw.get("tokens", []), "tokens", fail)
        patterns = strings(raw.get("patterns", []), "patterns", fail)
        if not tokens and not patterns:
            raise fail("an existence rule needs 'tokens' or 'patterns'")
        suggest = raw.get("suggest", [])
        suggest = ("",) if suggest == "delete" else strings(suggest, "suggest", fail)
        extend = raw.get("extend", "match")
        if extend not in ("match", "line"):
            raise fail("'extend' must be 'match' or 'line'")
        return cls(**common, **scoped_body(tokens, patterns, common["scope"], common["ignorecase"]),
                   tokens=tokens, patterns=patterns, suggest=suggest, extend_to_line=extend == "line")

    def phrases(self) -> tuple[str, ...]:
        return self.tokens

    def matches(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for start, end in self.found(doc):
            if self.extend_to_line:
                line = doc.lines[doc.line_index(start)]
                start = line.start + len(line.text) - len(line.text.lstrip())
                end = max(end, line.start + len(line.text.rstrip()))
            yield Hit(start, end, self.suggest, self.confidence,
                      render_message(self.message, text[start:end], self.suggest))
