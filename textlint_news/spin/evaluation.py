"""Scoring the spin check on labelled texts: span precision/recall, suggestions, document AUC."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from .features import overlaps

REPORTED = ("warning", "error")  # what counts as "reported": the severities that fail a lint


@dataclass
class Outcome:
    """What the spin check said about one labelled text (small, picklable)."""

    key: str
    label: int
    spans: list[tuple[int, int, str]]       # labelled (start, end, original)
    issues: list[tuple[int, int, str, tuple[str, ...], str]] = field(default_factory=list)
    # (start, end, severity, suggestions, rule) of span issues
    document_probability: float = 0.0
    document_issue: bool = False


def score(outcomes: Sequence[Outcome], severities: Iterable[str] = REPORTED) -> dict[str, Any]:
    """Span precision and recall, suggestion accuracy, document AUC and false alarms."""
    severities = tuple(severities)
    reported = tp = 0
    reported_spun = tp_spun = 0
    labelled = found = suggested = 0
    for o in outcomes:
        issues = [i for i in o.issues if i[2] in severities]
        truth = [(s, e) for s, e, _ in o.spans]
        hits = sum(overlaps(s, e, truth) for s, e, *_ in issues)
        reported += len(issues)
        tp += hits
        if o.label:
            reported_spun += len(issues)
            tp_spun += hits
        for start, end, original in o.spans:
            labelled += 1
            covering = [i for i in issues if i[0] < end and start < i[1]]
            if covering:
                found += 1
                want = " ".join(original.lower().split())
                if any(want == " ".join(s.lower().split()) for i in covering for s in i[3]):
                    suggested += 1
    clean = [o for o in outcomes if not o.label]
    spun = [o for o in outcomes if o.label]
    return {
        "texts": {"clean": len(clean), "spun": len(spun)},
        "span_precision": _ratio(tp, reported),
        "span_precision_spun_texts": _ratio(tp_spun, reported_spun),
        "span_recall": _ratio(found, labelled),
        "suggestion_hit_rate": _ratio(suggested, found),
        "labelled_spans": labelled,
        "reported_spans": reported,
        "clean_text_reports_per_10": 10 * _ratio(reported - reported_spun, len(clean)),
        "document_roc_auc": roc_auc([o.document_probability for o in outcomes], [o.label for o in outcomes]),
        "document_issue_rate_spun": _ratio(sum(o.document_issue for o in spun), len(spun)),
        "document_issue_rate_clean": _ratio(sum(o.document_issue for o in clean), len(clean)),
        "document_brier": _ratio(sum((o.document_probability - o.label) ** 2 for o in outcomes), len(outcomes)),
    }


def roc_auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Area under the ROC curve (the probability a spun text outscores a clean one; ties count half)."""
    pairs = sorted(zip(scores, labels))
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return float("nan")
    rank_sum, i = 0.0, 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        mid_rank = (i + j + 1) / 2  # 1-based average rank of the tie block
        rank_sum += mid_rank * sum(label for _, label in pairs[i:j])
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0
