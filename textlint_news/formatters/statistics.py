"""`--statistics`: how many issues each rule and each category found, most first (as ruff's)."""
from __future__ import annotations

import json
from collections import Counter
from typing import IO

from ..results import FileResult


class Statistics:
    """Counts issues per rule and per category over a run's results."""

    def __init__(self) -> None:
        self.rules: Counter = Counter()
        self.fixable: Counter = Counter()
        self.categories: Counter = Counter()
        self.category_of: dict[str, str] = {}
        self.files = self.files_with_issues = 0

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.files_with_issues += bool(result.issues)
        for issue in result.issues:
            self.rules[issue.rule] += 1
            self.fixable[issue.rule] += bool(issue.suggestions)
            self.categories[issue.category] += 1
            self.category_of[issue.rule] = issue.category

    def _sorted(self, counts: Counter) -> list[tuple[str, int]]:
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def write(self, stream: IO[str], as_json: bool = False) -> None:
        """The counts as a table, or as one JSON object (`as_json`)."""
        if as_json:
            json.dump({
                "rules": [{"rule": r, "category": self.category_of[r], "count": n,
                           "with_suggestion": self.fixable[r]} for r, n in self._sorted(self.rules)],
                "categories": [{"category": c, "count": n} for c, n in self._sorted(self.categories)],
                "issues": sum(self.rules.values()), "files": self.files,
                "files_with_issues": self.files_with_issues,
            }, stream, indent=2)
            stream.write("\n")
            return
        total = sum(self.rules.values())
        if not total:
            stream.write(f"No issues in {self.files} file{'s' * (self.files != 1)}.\n")
            return
        digits = len(str(total))
        rule_width = max(len(r) for r in self.rules)
        category_width = max(len(c) for c in self.categories)
        stream.write(f"{'':>{digits}}  {'rule':<{rule_width}}  {'category':<{category_width}}  with a fix\n")
        for rule, n in self._sorted(self.rules):
            stream.write(f"{n:>{digits}}  {rule:<{rule_width}}  {self.category_of[rule]:<{category_width}}"
                         f"  {self.fixable[rule]}\n")
        stream.write(f"\n{'':>{digits}}  category\n")
        for category, n in self._sorted(self.categories):
            stream.write(f"{n:>{digits}}  {category}\n")
        stream.write(f"\n{total:>{digits}}  issues in {self.files_with_issues} of {self.files} "
                     f"file{'s' * (self.files != 1)}\n")
