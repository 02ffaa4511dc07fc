"""What linting one file gives (`FileResult`): shared by the API, the formatters and the CLI."""
from __future__ import annotations

from dataclasses import dataclass, field

from .issue import Issue


@dataclass
class FileResult:
    """What linting one file gave: issues, or the one-line errors that stopped it."""

    path: str
    issues: list[Issue] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fingerprints: list[str] = field(default_factory=list)
    #: document-level scores of the checks, e.g. "spin": the classifier's probability (when it ran)
    scores: dict[str, float] = field(default_factory=dict)
    #: the record's id when the document is a JSONL or Parquet record (`textlint_news.records`)
    record_id: str | None = None
    #: the decoded text the issues' offsets refer to (None when it was not read)
    text: str | None = None
