"""`repetition`: the same token written twice or more in a row ("the the", a byline
line repeated after a blank line)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from ..document import Document
from ..patterns import check_pattern, is_word_bounded, normalise, phrase_pattern
from .base import Fail, Hit, PackRule, render_message, scoped_body, strings

# White space inside a line, as a pattern: everything `str.isspace` takes but line breaks.
_INLINE_SPACE = r"[\t\v\f \x{1c}-\x{1f}\x{85}\p{Z}]"


def _pairs(tokens: tuple[str, ...], patterns: tuple[str, ...], body: str) -> str:
    """What a text holds wherever a repeat stands: a token, spaces and the same token (a
    screen that wakes the rule only there, not on every "of the"); with patterns, any two
    matches a space apart."""
    if patterns:
        return f"(?:{body}){_INLINE_SPACE}+(?:{body})"
    pairs = "|".join(f"(?:{p}){_INLINE_SPACE}+(?:{p})" for p in map(phrase_pattern, tokens))
    return rf"(?:\A|[^\pL\pN])(?:{pairs})(?:[^\pL\pN]|\z)"  # word-bounded, as tokens are


@dataclass(frozen=True, kw_only=True)
class Repetition(PackRule):
    """Consecutive matches that are the same (white space folded; any case when
    `ignorecase`) make one issue whose fix keeps the first copy.  With `scope: text`
    the copies stand on one line with only spaces between; with `scope: line` each is a
    whole line, with only blank lines between.  `exceptions` may repeat."""

    kind = "repetition"
    FIELDS = frozenset({"tokens", "patterns", "exceptions"})

    tokens: tuple[str, ...]
    patterns: tuple[str, ...]
    exceptions: frozenset[str]

    @classmethod
    def parse(cls, raw: dict, common: dict[str, Any], fail: Fail) -> "Repetition":
        tokens = strings(raw.get("tokens", []), "tokens", fail)
        patterns = strings(raw.get("patterns", []), "patterns", fail)
        if not tokens and not patterns:
            raise fail("a repetition rule needs 'tokens' or 'patterns'")
        exceptions = frozenset(map(normalise, strings(raw.get("exceptions", []), "exceptions", fail)))
        compiled = scoped_body(tokens, patterns, common["scope"], common["ignorecase"])
        if common["scope"] == "text":
            compiled["screen_pattern"] = check_pattern(_pairs(tokens, patterns, compiled["body"]),
                                                       common["ignorecase"])
        return cls(**common, **compiled, tokens=tokens, patterns=patterns, exceptions=exceptions)

    def phrases(self) -> tuple[str, ...]:
        return self.tokens

    def matches(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        run: list[tuple[int, int]] = []
        for start, end in self.candidates(doc):
            if self.tokens and not is_word_bounded(text, start, end):
                continue
            if run and self._repeats(text, run[-1], (start, end), text[run[0][0]:run[0][1]]):
                run.append((start, end))
                continue
            yield from self._report(doc, run)
            run = [(start, end)]
        yield from self._report(doc, run)

    def _repeats(self, text: str, last: tuple[int, int], span: tuple[int, int], first: str) -> bool:
        gap = text[last[1]:span[0]]
        if not gap.isspace() or (self.scope == "text" and ("\n" in gap or "\r" in gap)):
            return False
        copy = text[span[0]:span[1]]
        return normalise(copy) == normalise(first) if self.ignorecase else copy.split() == first.split()

    def _report(self, doc: Document, run: list[tuple[int, int]]) -> Iterator[Hit]:
        if len(run) < 2:
            return
        start, end = run[0][0], run[-1][1]
        first = doc.text[start:run[0][1]]
        if normalise(first) in self.exceptions or not self.guards.allow(doc.text, start, end):
            return
        yield Hit(start, end, (first,), self.confidence,
                  render_message(self.message, doc.text[start:end], (first,), count=len(run)))
