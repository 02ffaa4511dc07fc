"""What every rule kind shares: the common fields, context guards, where a rule's pattern
may match (its scope) and the one message renderer."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Callable, ClassVar, Iterable, Iterator, NamedTuple

from ..document import Document
from ..patterns import PatternError, check_pattern, compile_pattern, is_word_bounded, phrase_pattern

#: Fields every kind accepts (the kind's own are `PackRule.FIELDS`).
COMMON_FIELDS = frozenset({
    "id", "kind", "category", "severity", "message", "description", "explain",
    "ignorecase", "case", "scope", "confidence", "before", "not_before", "after",
    "not_after", "window",
})
SCOPES = ("text", "line")
GUARD_FIELDS = ("before", "not_before", "after", "not_after", "window")

#: Builds the error a bad field raises; the message names the file, line and rule.
Fail = Callable[[str], Exception]


class Hit(NamedTuple):
    """One finding of a rule: its span, fixes, confidence and rendered message."""

    start: int
    end: int
    suggestions: tuple[str, ...]
    confidence: float
    message: str


_FIELD = re.compile(r"\{(\w+)\}")


def render_message(template: str, match: str, suggestions: tuple[str, ...] = (), **extra: Any) -> str:
    """Fill a message template: `{match}` (white space folded), `{suggestion}`,
    `{suggestions}` and a kind's own fields (`{count}`); an unknown `{name}` stays as written."""
    fields = {
        "match": " ".join(match.split()),
        "suggestion": suggestions[0] if suggestions else "",
        "suggestions": ", ".join(repr(s) for s in suggestions),
        **{key: str(value) for key, value in extra.items()},
    }
    return _FIELD.sub(lambda m: fields.get(m.group(1), m.group(0)), template)


def match_case(template: str, replacement: str) -> str:
    """Give `replacement` the case shape of `template` (UPPER, Title or as is)."""
    if not replacement or not any(c.isalpha() for c in template):
        return replacement
    if template.isupper() and len(template) > 1:
        return replacement.upper()
    if template[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


@dataclass(frozen=True)
class Guards:
    """Context guards: patterns that must / must not stand right before or after."""

    before: tuple = ()
    not_before: tuple = ()
    after: tuple = ()
    not_after: tuple = ()
    window: int = 60

    def allow(self, text: str, start: int, end: int) -> bool:
        left = text[max(0, start - self.window):start]
        right = text[end:end + self.window]
        return (
            all(p.search(left) for p in self.before)
            and not any(p.search(left) for p in self.not_before)
            and all(p.search(right) for p in self.after)
            and not any(p.search(right) for p in self.not_after)
        )


@dataclass(frozen=True, kw_only=True)
class PackRule:
    """A validated pattern rule: the fields every kind has.

    A kind subclasses it with its own fields (`FIELDS`), a `parse` that validates
    them and a `matches` that finds its hits.  `body` is the pattern the rule
    searches; `screen_pattern` what a `PatternFilter` screens for: a text holds it
    whenever the rule can report there.
    """

    kind: ClassVar[str]
    FIELDS: ClassVar[frozenset[str]]

    id: str
    category: str
    severity: str
    message: str
    description: str
    explain: str
    source: str
    line: int
    ignorecase: bool
    preserve_case: bool
    scope: str
    confidence: float
    guards: Guards
    body: str
    screen_pattern: str
    feeds: str | None = None

    @classmethod
    def parse(cls, raw: dict, common: dict[str, Any], fail: Fail) -> "PackRule":
        """The rule from its YAML mapping `raw` and the parsed common fields; a bad
        field raises `fail(reason)` (or `PatternError`)."""
        raise NotImplementedError

    def matches(self, doc: Document) -> Iterator[Hit]:
        """Every hit of the rule in the document."""
        raise NotImplementedError

    def phrases(self) -> tuple[str, ...]:
        """The literal phrases the rule looks for (its tokens, or its swap keys)."""
        return ()

    @cached_property
    def regex(self) -> "re2._Regexp":
        """The compiled `body`: compiled on first use, as most rules never match a text."""
        return compile_pattern(self.body, self.ignorecase)

    def candidates(self, doc: Document) -> Iterator[tuple[int, int]]:
        """Spans the body matches: a whole line (white space trimmed) for `scope: line`,
        else each non-empty match in the text."""
        if self.scope == "line":
            for line in doc.lines:
                if line.text.strip() and self.regex.search(line.text):
                    yield (line.start + len(line.text) - len(line.text.lstrip()),
                           line.start + len(line.text.rstrip()))
        else:
            yield from ((m.start(), m.end()) for m in self.regex.finditer(doc.text) if m.end() > m.start())

    def accepted(self, doc: Document, accept: Callable[[int, int], bool]) -> Iterator[tuple[int, int]]:
        """The candidate spans `accept` takes (a word boundary, the guards), without overlap.

        A rule of literal phrases is one alternation, longest first, matched without overlap,
        so a match `accept` refuses would hide every phrase starting inside it: a shorter
        phrase at its start ("fourth yr" in "fourth yrs"), or one after ("financial
        institution" inside a refused "central financial institution").  Those are looked for
        in a slice reaching `_reach` characters past the refused match (linear time: google-re2
        encodes the whole text on each call, so only `finditer` sees all of it).
        """
        if self.scope == "line" or not self._reach:
            yield from (span for span in self.candidates(doc) if accept(*span))
            return
        text = doc.text
        resume = 0  # accepted spans do not overlap
        for match in self.regex.finditer(text):
            start, end = match.span()
            if start < resume or end <= start:
                continue
            if accept(start, end):
                yield start, end
                resume = end
                continue
            for span in self._inside(text, start, end, accept):
                yield span
                resume = span[1]

    def _inside(self, text: str, start: int, end: int,
                accept: Callable[[int, int], bool]) -> Iterator[tuple[int, int]]:
        """The accepted spans starting within the refused match `start`-`end`, shortest
        alternatives at one start tried in turn (longest first)."""
        regex = self.regex
        window = text[start:end + self._reach]
        first, last, refused = 0, end - start, True
        while True:
            while last > first and (refused or not accept(start + first, start + last)):
                shorter = regex.match(window, first, last - 1)
                last, refused = (shorter.end() if shorter is not None else first), False
            pos = last if last > first else first + 1
            if last > first:
                yield start + first, start + last
            match = regex.search(window, pos)
            if match is None or match.start() >= end - start:
                return
            (first, last), refused = match.span(), False

    def found(self, doc: Document) -> Iterator[tuple[int, int]]:
        """`accepted` spans of a rule of tokens or patterns: a token's match word-bounded,
        every match allowed by the rule's guards."""
        text, bounded = doc.text, bool(self.phrases())
        return self.accepted(doc, lambda start, end: (
            (not bounded or is_word_bounded(text, start, end)) and self.guards.allow(text, start, end)))

    @cached_property
    def _reach(self) -> int:
        """How far past a refused match a phrase starting inside it may end (twice the longest
        phrase, for runs of white space); 0 for a rule with RE2 patterns, whose anchors and
        word boundaries a slice would change."""
        phrases = self.phrases()
        if not phrases or getattr(self, "patterns", ()):
            return 0
        return 2 * max(map(len, phrases)) + 16


def scoped_body(phrases: Iterable[str], patterns: Iterable[str], scope: str,
                ignorecase: bool) -> dict[str, str]:
    """`body` and `screen_pattern` of a rule matching literal `phrases` (longest first: RE2
    takes the first alternative that matches, and "fourth yr" must not hide "fourth
    yrs") or RE2 `patterns`; RE2 has parsed both (`PatternError` if it cannot)."""
    alternatives = [phrase_pattern(p) for p in sorted(phrases, key=len, reverse=True)] + list(patterns)
    body = "|".join(f"(?:{a})" for a in alternatives)
    if scope != "line":
        return {"body": body, "screen_pattern": check_pattern(body, ignorecase)}
    line_body = rf"\A\s*(?:{body})\s*\z"
    check_pattern(line_body, ignorecase)
    # anchored at line starts, a screen follows few partial matches through prose
    return {"body": line_body, "screen_pattern": check_pattern(rf"(?:\A|[\r\n])\s*(?:{body})", ignorecase)}


class GuardPattern:
    """A guard's pattern, parsed by RE2 when its pack loads and compiled at its first search:
    most guards of the spin lexicon's 2,000 swaps never run on a text (0.05 s of a cold start)."""

    __slots__ = ("pattern", "ignorecase", "_regex")

    def __init__(self, pattern: str, ignorecase: bool) -> None:
        self.pattern, self.ignorecase, self._regex = pattern, ignorecase, None

    def search(self, text: str) -> Any:
        regex = self._regex
        if regex is None:
            regex = self._regex = compile_pattern(self.pattern, self.ignorecase)
        return regex.search(text)


@lru_cache(maxsize=None)
def guard_pattern(pattern: str, ignorecase: bool) -> GuardPattern:
    """One `GuardPattern` per pattern (swaps share their rule's guards); `PatternError` if bad."""
    check_pattern(pattern, ignorecase)
    return GuardPattern(pattern, ignorecase)


def guards(raw: dict, ignorecase: bool) -> Guards:
    """The context guards of a rule (or of one swap entry); `PatternError` if bad."""
    def patterns(key: str, anchor: str) -> tuple:
        values = raw.get(key, [])
        values = [values] if isinstance(values, str) else values
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise PatternError(f"'{key}' must be a pattern or a list of patterns")
        wrap = (lambda v: f"(?:{v})\\z") if anchor == "end" else (lambda v: f"\\A(?:{v})")
        return tuple(guard_pattern(wrap(v), ignorecase) for v in values)

    window = raw.get("window", 60)
    if not isinstance(window, int) or not 1 <= window <= 1000:
        raise PatternError("'window' must be a whole number from 1 to 1000")
    return Guards(
        before=patterns("before", "end"), not_before=patterns("not_before", "end"),
        after=patterns("after", "start"), not_after=patterns("not_after", "start"),
        window=window,
    )


def strings(value: Any, name: str, fail: Fail) -> tuple[str, ...]:
    """A string or a list of strings, as a tuple."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f"'{name}' must be a string or a list of strings")
    return tuple(value)


def text(value: Any, name: str, fail: Fail) -> str:
    """A string, stripped."""
    if not isinstance(value, str):
        raise fail(f"'{name}' must be a string")
    return value.strip()


def boolean(value: Any, name: str, fail: Fail) -> bool:
    """`true` or `false`."""
    if not isinstance(value, bool):
        raise fail(f"'{name}' must be true or false")
    return value


def confidence(value: Any, fail: Fail) -> float:
    """A number from 0 to 1."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
        raise fail("'confidence' must be a number from 0 to 1")
    return float(value)


def count(value: Any, name: str, fail: Fail) -> int:
    """A whole number from 0 up."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise fail(f"'{name}' must be a whole number from 0 up")
    return value
