"""`verdicts`: one JSON object per document (keep, drop or error), for pipelines."""
from __future__ import annotations

import json

from . import Formatter
from ..verdict import verdict


class VerdictFormatter(Formatter):
    """One line per file or record, streamed: `textlint_news.verdict.verdict` by the fail level."""

    def add(self, result) -> None:
        self.stream.write(json.dumps(verdict(result, self.fail_level), ensure_ascii=False) + "\n")
