"""`json` (one array of every issue) and `jsonl` (one issue object per line)."""
from __future__ import annotations

import json

from . import Formatter


class JsonFormatter(Formatter):
    """A JSON array of issue objects with exactly the contract's keys."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.issues: list[dict] = []

    def add(self, result) -> None:
        self.issues.extend(issue.to_dict() for issue in result.issues)

    def close(self) -> None:
        json.dump(self.issues, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


class JsonLinesFormatter(Formatter):
    """One JSON object per issue per line, streamed as files finish."""

    def add(self, result) -> None:
        for issue in result.issues:
            self.stream.write(json.dumps(issue.to_dict(), ensure_ascii=False) + "\n")
