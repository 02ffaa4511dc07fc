"""Rule kinds: how `existence` and `substitution` pack rules find their matches."""
from __future__ import annotations

from functools import cached_property
from typing import Iterator

from .check import Check, Context, RuleInfo
from .document import Document
from .issue import Issue
from .patterns import PatternFilter, check_pattern, compile_pattern, is_word_bounded, normalise, phrase_pattern
from .rulepack import PackRule


def match_case(template: str, replacement: str) -> str:
    """Give `replacement` the case shape of `template` (UPPER, Title or as is)."""
    if not replacement or not any(c.isalpha() for c in template):
        return replacement
    if template.isupper() and len(template) > 1:
        return replacement.upper()
    if template[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


class PackRuleMatcher:
    """One compiled pack rule: yields `(start, end, suggestions, confidence, message)`."""

    def __init__(self, rule: PackRule) -> None:
        self.rule = rule
        # RE2 takes the first alternative that matches: longer phrases go first so that
        # "fourth yr" cannot hide "fourth yrs".
        phrases = sorted(rule.swaps if rule.kind == "substitution" else rule.tokens, key=len, reverse=True)
        alternatives = [phrase_pattern(p) for p in phrases] + list(rule.patterns)
        body = "|".join(f"(?:{a})" for a in alternatives)
        if rule.scope == "line":
            self._body = rf"\A\s*(?:{body})\s*\z"
            #: what a `PatternFilter` screens for: the text holds this at a line start when a
            #: line of it matches (anchored there, a screen follows few partial matches)
            self.screen_pattern = check_pattern(rf"(?:\A|[\r\n])\s*(?:{body})", rule.ignorecase)
            check_pattern(self._body, rule.ignorecase)
        else:
            self._body = body
            self.screen_pattern = check_pattern(body, rule.ignorecase)

    @cached_property
    def regex(self) -> "re2._Regexp":
        """The rule's compiled pattern: compiled on first use, as most rules never match a text."""
        return compile_pattern(self._body, self.rule.ignorecase)

    def matches(self, doc: Document) -> Iterator[tuple[int, int, tuple[str, ...], float, str]]:
        rule, text = self.rule, doc.text
        if rule.scope == "line":
            candidates = (
                (line.start + len(line.text) - len(line.text.lstrip()),
                 line.start + len(line.text.rstrip()))
                for line in doc.lines if line.text.strip() and self.regex.search(line.text)
            )
        else:
            candidates = ((m.start(), m.end()) for m in self.regex.finditer(text) if m.end() > m.start())
        for start, end in candidates:
            if rule.tokens or rule.swaps:
                if not is_word_bounded(text, start, end):
                    continue
            yield from self._judge(doc, start, end)

    def _judge(self, doc: Document, start: int, end: int):
        rule, text = self.rule, doc.text
        matched = text[start:end]
        if rule.kind == "substitution":
            swap = rule.swaps.get(normalise(matched))
            if swap is None or not swap.guards.allow(text, start, end):
                return
            suggestions = tuple(match_case(matched, s) if rule.preserve_case else s for s in swap.to)
            yield start, end, suggestions, swap.confidence, swap.message or rule.message
            return
        if not rule.guards.allow(text, start, end):
            return
        if rule.extend_to_line:
            line = doc.lines[doc.line_index(start)]
            start = line.start + len(line.text) - len(line.text.lstrip())
            end = max(end, line.start + len(line.text.rstrip()))
        yield start, end, rule.suggest, rule.confidence, rule.message


class PackCheck(Check):
    """Runs the pattern rules of every loaded pack.

    One pass over the text (`PatternFilter`) says which rules can match at all;
    only those run.  The screened patterns and those found are left in
    `doc.memo["packs.screened"]` for checks that screen the same patterns.
    """

    name = "packs"

    def __init__(self, rules: list[PackRule]) -> None:
        self.matchers = [PackRuleMatcher(rule) for rule in rules]
        self.screen = PatternFilter([m.screen_pattern for m in self.matchers])
        self.rules = tuple(
            RuleInfo(r.id, r.category, r.severity, r.description, r.explain, f"{r.source}:{r.line}")
            for r in rules
        )

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        hits = self.screen.matching(doc.text)
        doc.memo["packs.screened"] = (self.screen.patterns, {self.screen.patterns[i] for i in hits})
        for matcher in map(self.matchers.__getitem__, hits):
            rule = matcher.rule
            for start, end, suggestions, confidence, template in matcher.matches(doc):
                matched = doc.text[start:end]
                message = template.format_map(_Fields(
                    match=" ".join(matched.split()),
                    suggestion=suggestions[0] if suggestions else "",
                    suggestions=", ".join(repr(s) for s in suggestions),
                ))
                yield doc.issue(rule.id, rule.category, rule.severity, message, start, end,
                                suggestions, confidence)


class _Fields(dict):
    """Template fields; an unknown `{name}` is left as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
