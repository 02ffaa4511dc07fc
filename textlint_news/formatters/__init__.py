"""Output formats: each formatter takes file results one at a time, in input order."""
from __future__ import annotations

from typing import IO, Sequence

from ..check import RuleInfo
from ..results import FileResult


class Formatter:
    """Writes results to a stream: `add(result)` per file, then `close()`."""

    machine = True

    def __init__(self, stream: IO[str], rules: Sequence[RuleInfo], color: bool = False,
                 fail_level: str = "warning") -> None:
        self.stream = stream
        self.rules = {r.id: r for r in rules}
        self.color = color
        self.fail_level = fail_level

    def add(self, result: FileResult) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Write whatever a format emits once at the end."""


def formatter(name: str, stream: IO[str], rules: Sequence[RuleInfo], color: bool = False,
              fail_level: str = "warning") -> Formatter:
    """The formatter called `name` (one of `FORMATS`); `fail_level` decides a verdict.
    Only its own module is imported (the HTML report's took 0.02 s of every start)."""
    import importlib

    module, cls = _CLASSES[name]
    return getattr(importlib.import_module(f".{module}", __name__), cls)(stream, rules, color, fail_level)


_CLASSES = {
    "text": ("text", "TextFormatter"), "json": ("json_formats", "JsonFormatter"),
    "jsonl": ("json_formats", "JsonLinesFormatter"), "sarif": ("sarif", "SarifFormatter"),
    "github": ("github", "GithubFormatter"), "verdicts": ("verdicts", "VerdictFormatter"),
    "html": ("html", "HtmlFormatter"),
}


FORMATS = ("text", "json", "jsonl", "sarif", "github", "verdicts", "html")
