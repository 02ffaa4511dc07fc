"""`occurrence`: a token or pattern found more than `max` or fewer than `min` times."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from ..document import Document
from ..patterns import check_pattern
from .base import Fail, Hit, PackRule, count, render_message, scoped_body, strings


@dataclass(frozen=True, kw_only=True)
class Occurrence(PackRule):
    """Counts the matches in the text (with `scope: line`, the lines that match whole);
    past a limit, one issue spans the first to the last match (the whole text when
    there is none)."""

    kind = "occurrence"
    FIELDS = frozenset({"tokens", "patterns", "max", "min"})

    tokens: tuple[str, ...]
    patterns: tuple[str, ...]
    max: int | None
    min: int | None

    @classmethod
    def parse(cls, raw: dict, common: dict[str, Any], fail: Fail) -> "Occurrence":
        tokens = strings(raw.get("tokens", []), "tokens", fail)
        patterns = strings(raw.get("patterns", []), "patterns", fail)
        if not tokens and not patterns:
            raise fail("an occurrence rule needs 'tokens' or 'patterns'")
        most = count(raw["max"], "max", fail) if "max" in raw else None
        least = count(raw["min"], "min", fail) if "min" in raw else None
        if most is None and least is None:
            raise fail("an occurrence rule needs 'max' or 'min'")
        if most is not None and least is not None and least > most:
            raise fail("'min' must not be above 'max'")
        compiled = scoped_body(tokens, patterns, common["scope"], common["ignorecase"])
        if least:  # too few matches is a finding even where the pattern never occurs
            compiled["screen_pattern"] = check_pattern(r"\A")
        return cls(**common, **compiled, tokens=tokens, patterns=patterns, max=most, min=least)

    def phrases(self) -> tuple[str, ...]:
        return self.tokens

    def matches(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        found = list(self.found(doc))
        if self.max is not None and len(found) > self.max or self.min is not None and len(found) < self.min:
            start, end = (found[0][0], found[-1][1]) if found else (0, len(text))
            first = text[found[0][0]:found[0][1]] if found else ""
            yield Hit(start, end, (), self.confidence, render_message(
                self.message, first, count=len(found), max=self.max, min=self.min))
