"""GitHub Actions workflow commands: annotations on the lines of the files."""
from __future__ import annotations

from . import Formatter

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    """`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=rule::message`."""

    def add(self, result) -> None:
        for i in result.issues:
            props = ",".join(
                f"{k}={_escape_property(str(v))}" for k, v in (
                    ("file", i.path), ("line", i.line), ("col", i.column),
                    ("endLine", i.end_line), ("endColumn", i.end_column), ("title", i.rule),
                )
            )
            message = i.message + _suggestion(i.suggestions)
            self.stream.write(f"::{_LEVELS[i.severity]} {props}::{_escape_data(message)}\n")


def _suggestion(suggestions: tuple[str, ...]) -> str:
    if not suggestions:
        return ""
    return " (suggestion: delete)" if suggestions[0] == "" else f" (suggestion: {suggestions[0]!r})"
