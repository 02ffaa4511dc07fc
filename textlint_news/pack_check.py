"""The check that runs the pattern rules of every loaded pack."""
from __future__ import annotations

from typing import Iterator

from .check import Check, Context, RuleInfo
from .document import Document
from .issue import Issue
from .kinds import PackRule
from .patterns import PatternFilter


class PackCheck(Check):
    """Runs the pattern rules of every loaded pack.

    One pass over the text (`PatternFilter`, relaxed) says which rules can match at all;
    only those run.  The screened patterns and those found are left in
    `doc.memo["packs.screened"]` for checks that screen the same patterns.
    """

    name = "packs"

    def __init__(self, rules: list[PackRule]) -> None:
        self.pack_rules = rules
        self.screen = PatternFilter([rule.screen_pattern for rule in rules], relaxed=True)  # the rules found run
        self.rules = tuple(
            RuleInfo(r.id, r.category, r.severity, r.description, r.explain, f"{r.source}:{r.line}")
            for r in rules
        )

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        hits = self.screen.matching(doc.text)
        doc.memo["packs.screened"] = (self.screen.patterns, {self.screen.patterns[i] for i in hits})
        for rule in map(self.pack_rules.__getitem__, hits):
            for hit in rule.matches(doc):
                yield doc.issue(rule.id, rule.category, rule.severity, hit.message, hit.start, hit.end,
                                hit.suggestions, hit.confidence)
