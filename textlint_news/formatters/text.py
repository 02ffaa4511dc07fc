"""Human-readable output: one line per issue, then a summary."""
from __future__ import annotations

from collections import Counter

import click

from . import Formatter

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


class TextFormatter(Formatter):
    """`path:line:col: severity rule message [fix: '…'] (confidence)` and a closing count."""

    machine = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.counts: Counter = Counter()
        self.files = self.files_with_issues = self.files_failed = 0

    def add(self, result) -> None:
        self.files += 1
        self.files_with_issues += bool(result.issues)
        self.files_failed += bool(result.errors)
        for i in result.issues:
            self.counts[i.severity] += 1
            where = click.style(f"{i.path}:{i.line}:{i.column}:", bold=True) if self.color else f"{i.path}:{i.line}:{i.column}:"
            level = click.style(i.severity, fg=_COLORS[i.severity]) if self.color else i.severity
            fix = ""
            if i.suggestions:
                fix = " [fix: delete]" if i.suggestions[0] == "" else f" [fix: {i.suggestions[0]!r}]"
            self.stream.write(f"{where} {level} {i.rule}: {i.message}{fix} ({i.confidence:.2f})\n")

    def close(self) -> None:
        total = sum(self.counts.values())
        if total:
            parts = ", ".join(f"{self.counts[s]} {s}{'s' * (s != 'info' and self.counts[s] != 1)}"
                              for s in ("error", "warning", "info") if self.counts[s])
            summary = (f"Found {total} issue{'s' * (total != 1)} ({parts}) in {self.files_with_issues} "
                       f"of {_files(self.files)}")
        else:
            summary = f"No issues in {_files(self.files - self.files_failed)}"
        if self.files_failed:  # a file that could not be read, or a check that failed on it
            summary += f"; {_files(self.files_failed)} could not be linted (errors above)"
        self.stream.write(f"{summary}.\n")


def _files(count: int) -> str:
    return f"{count} file{'s' * (count != 1)}"
