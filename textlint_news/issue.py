"""The public issue contract: one finding, its vocabularies and its ordering."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CATEGORIES: tuple[str, ...] = (
    "spin",
    "name-typo",
    "foreign-wrapper",
    "boilerplate",
    "duplicate",
    "metadata",
    "embed",
    "encoding",
    "grammar",
    "layout",
    "consistency",
)

SEVERITIES: tuple[str, ...] = ("info", "warning", "error")

JSON_KEYS: tuple[str, ...] = (
    "path", "rule", "category", "severity", "message", "start", "end",
    "line", "column", "end_line", "end_column", "suggestions", "confidence",
)


def severity_rank(severity: str) -> int:
    """Order severities: info < warning < error."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Issue:
    """One finding with its exact character span in the decoded text.

    `start`/`end` are Python `str` offsets (end exclusive); `line`/`column` and
    `end_line`/`end_column` are 1-based and count code points, the end being the
    position just after the last character.  `suggestions` are replacement
    strings, best first; `""` means delete the span.
    """

    path: str
    rule: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    suggestions: tuple[str, ...] = field(default_factory=tuple)
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r} for rule {self.rule}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r} for rule {self.rule}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end} for rule {self.rule}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside [0, 1] for rule {self.rule}")

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, with exactly the keys of `JSON_KEYS`."""
        data = asdict(self)
        data["suggestions"] = list(self.suggestions)
        data["confidence"] = round(self.confidence, 4)
        return {key: data[key] for key in JSON_KEYS}

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.start, self.end, self.rule, self.message)
