"""A datatrove filter: lint each batch of documents, keep the issues, drop the damaged ones.

    from textlint_news.integrations.datatrove import TextlintFilter
    pipeline = [JsonlReader("in/"), TextlintFilter(drop_level="error",
                exclusion_writer=JsonlWriter("dropped/")), JsonlWriter("kept/")]

Needs `pip install 'textlint-news[datatrove]'`.  The documents of one batch are linted
together, so the copies of a story that fall in one batch are sister copies.
"""
from __future__ import annotations

from typing import Any, Collection, Mapping

from datatrove.data import Document as DatatroveDocument
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.writers.disk_base import DiskWriter

from ..config import Config
from ..issue import SEVERITIES, severity_rank

#: the document metadata keys the filter fills
ISSUES_KEY, VERDICT_KEY = "textlint_issues", "textlint_verdict"


class TextlintFilter(BaseFilter):
    """Drops a document with an issue at or above `drop_level` (of `categories` only, when
    given); the reason is `textlint_<category>` of its most severe issue.  Every document's
    issues (the contract's keys, `path` the document id) and verdict
    (`textlint_news.verdict`) are kept in `doc.metadata` under `textlint_issues` and
    `textlint_verdict`.  A document that cannot be linted (blank text, say) is kept and
    counted as `textlint_errors`.  One `Linter` per task process, loaded at the first batch.
    """

    name = "📰 textlint-news"

    def __init__(
        self,
        config: Config | Mapping[str, Any] | None = None,
        drop_level: str = "error",
        categories: Collection[str] | None = None,
        exclusion_writer: DiskWriter | None = None,
        batch_size: int = 1000,
    ) -> None:
        super().__init__(exclusion_writer, batch_size)
        if drop_level not in SEVERITIES:
            raise ValueError(f"drop_level must be one of {', '.join(SEVERITIES)}, not {drop_level!r}")
        self.config = config
        self.drop_level = drop_level
        self.categories = frozenset(categories) if categories is not None else None
        self._linter = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_linter": None}  # each task process loads its own

    @property
    def linter(self):
        if self._linter is None:
            from ..api import as_config
            from ..engine import Linter

            self._linter = Linter(as_config(self.config))
        return self._linter

    def filter(self, doc: DatatroveDocument) -> bool | tuple[bool, str]:
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[DatatroveDocument]) -> list[bool | tuple[bool, str]]:
        from ..records import lint_records
        from ..verdict import verdict

        results = lint_records([(doc.id, doc.text) for doc in batch], self.linter)
        decisions: list[bool | tuple[bool, str]] = []
        for doc, result in zip(batch, results):
            found = verdict(result, self.drop_level, self.categories)
            doc.metadata[ISSUES_KEY] = [issue.to_dict() for issue in result.issues]
            doc.metadata[VERDICT_KEY] = found
            for category, count in found["counts"].items():
                if count:
                    self.stat_update(f"issues_{category}", value=count)
            if result.errors:
                self.stat_update("textlint_errors")
            decisions.append((False, f"textlint_{self._reason(result.issues)}") if found["verdict"] == "drop" else True)
        return decisions

    def _reason(self, issues) -> str:
        """The category of the most severe, most confident issue that drops the document."""
        failing = [i for i in issues if severity_rank(i.severity) >= severity_rank(self.drop_level)
                   and (self.categories is None or i.category in self.categories)]
        return max(failing, key=lambda i: (severity_rank(i.severity), i.confidence)).category
