"""Span-level evidence of spinning, and the protocol of the detectors that find it.

A leaf module: it imports nothing of the package at run time, so that every
detector, the registry (`spin.detectors`) and the classifier can import it.
How to write and register a detector: docs/spin-detectors.md.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Protocol

if TYPE_CHECKING:
    from ..check import Context, RuleInfo
    from ..document import Document

CHECK = "spin"  # the check the detectors feed: its settings and its sister-copy observations


@dataclass(frozen=True)
class Signal:
    """One piece of span-level evidence that a text was run through a spinner.

    `kind` is "lexicon", "rare-synonym", "artifact" or "copy"; `rule` the rule id an issue
    for it would carry (e.g. "spin.lexicon", "spin.rare-synonym",
    "spin.artifact.article"); `score` the detector's own strength in [0, 1];
    `suggestions` the likely original wording, best first; `features` extra
    numbers for the classifier (e.g. {"rarity_ratio": 35.0}).
    """

    start: int
    end: int
    kind: str
    rule: str
    message: str
    suggestions: tuple[str, ...] = ()
    score: float = 0.5
    features: dict[str, float] = field(default_factory=dict)


# `doc.memo[LEAVE_OUT]`: the `rarity.OwnCounts` of the article a training text comes from.
# Set only by training, whose texts the collocation table was learnt from; the
# detectors and word features then subtract them, so that the text reads as new.
LEAVE_OUT = "spin.leave_out"


@dataclass
class DetectorContext:
    """What a detector reads besides the document.

    `lint` is the lint's `Context` (settings, fed rules, sister copies); `found` the
    signals the detectors of earlier stages kept, in order.  A detector that revises
    earlier evidence assigns a new list to `found` (the language model re-ranks the
    rare-synonym detector's suggestions and drops the candidates it prefers as written).
    `defer_fills`: a detector may leave costly parts of its signals (the misfits' fill-the-blank
    answers, the rare synonyms' general-English features) to its `fill`, for a text that may
    never show them (`detectors.find_signals`).
    """

    lint: "Context"
    found: list[Signal] = field(default_factory=list)
    defer_fills: bool = False


class Detector(Protocol):
    """One detector of the spin check (listed in `spin.detectors.DETECTORS`).

    `rules` are the rules its signals carry, declared here once; `kind` the
    `Signal.kind` the classifier counts them as.  `stage` orders the detectors whose
    signals the classifier weighs: a signal that overlaps one of an earlier stage is
    dropped, those of one stage all stand.  `stage` None: the signals are reported as
    found, without the classifier (the sister copies' swaps, spun names).
    """

    name: str
    kind: str
    rules: tuple["RuleInfo", ...]
    stage: int | None

    def enabled(self, ctx: "Context") -> bool:
        """Whether the spin check's settings switch the detector on."""
        ...

    def preload(self, ctx: "Context") -> None:
        """Load what the detector would load on first use (before lint workers fork)."""
        ...

    def signals(self, doc: "Document", context: DetectorContext) -> Iterable[Signal]:
        """The detector's signals for a document."""
        ...

    def fill(self, doc: "Document", ctx: "Context", signals: list[Signal]) -> None:
        """Ask, in place in `signals`, what its `signals` left unasked under `defer_fills`."""
        ...


def outside(found: list[Signal], taken: list[Signal]) -> list[Signal]:
    """The signals of `found` that overlap none of `taken`, in n log n (comparing every pair was
    quadratic: 1 MB of spun prose on one line spent 10 CPU s here)."""
    covered: list[list[int]] = []  # `taken`'s spans, those that overlap merged: sorted, disjoint
    for start, end in sorted((o.start, o.end) for o in taken):
        if covered and start < covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], end)
        else:
            covered.append([start, end])
    starts = [start for start, _ in covered]
    kept = []
    for signal in found:
        last = bisect_left(starts, signal.end) - 1  # the last span that starts before it ends
        if last < 0 or covered[last][1] <= signal.start:
            kept.append(signal)
    return kept
