"""A per-document verdict for pipelines: keep or drop by a severity level, with counts."""
from __future__ import annotations

from typing import Any, Collection

from .issue import CATEGORIES, severity_rank
from .results import FileResult

VERDICTS = ("keep", "drop", "error")


def verdict(result: FileResult, level: str = "warning", categories: Collection[str] | None = None) -> dict[str, Any]:
    """What a pipeline needs of one document's result.

    `verdict` is "drop" when an issue is at or above `level` (of `categories` only,
    when given), "error" when the document could not be (fully) linted (`errors`
    says why), else "keep".  `spin_probability` is the spin classifier's document
    probability, None when the text gave it nothing to weigh.  `counts` has every
    category, 0 included, so rows of a table share one shape.
    """
    counts = dict.fromkeys(CATEGORIES, 0)
    for issue in result.issues:
        counts[issue.category] += 1
    failing = any(severity_rank(i.severity) >= severity_rank(level)
                  and (categories is None or i.category in categories) for i in result.issues)
    return {
        "path": result.path,
        "id": result.record_id if result.record_id is not None else result.path,
        "verdict": "drop" if failing else "error" if result.errors else "keep",
        "spin_probability": result.scores.get("spin"),
        "issues": len(result.issues),
        "counts": counts,
        "errors": list(result.errors),
    }
