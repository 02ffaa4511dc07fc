"""The registry of the spin detectors: the one list the spin check and the classifier iterate.

Each detector is one module behind the `signals.Detector` protocol; how to write
one and add it here: docs/spin-detectors.md.
"""
from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Iterable

from . import artifacts, copies, lexicon_rules, lm_swaps, rarity, spinner_map, spun_names
from .signals import Detector, DetectorContext, Signal, outside

if TYPE_CHECKING:
    from ..check import Context
    from ..document import Document

# In the order of their rules; the classifier's detectors run by `stage`.
DETECTORS: tuple[Detector, ...] = (
    lexicon_rules.DETECTOR, spinner_map.DETECTOR, rarity.DETECTOR, lm_swaps.DETECTOR, copies.DETECTOR,
    spun_names.DETECTOR, artifacts.DETECTOR,
)
SIGNAL_RULES = tuple(rule for detector in DETECTORS for rule in detector.rules)


def preload_detectors(ctx: "Context") -> None:
    """Load the tables and models the detectors would load on first use (`Check.preload`)."""
    for detector in DETECTORS:
        detector.preload(ctx)


def find_signals(doc: "Document", ctx: "Context", filled: bool = True) -> list[Signal]:
    """The signals the classifier weighs, in text order; cached in `doc.memo` (one list).

    Lexicon rules come from `ctx.fed_rules("spin")`, thresholds from
    the spin check's typed `detectors` settings (rules/settings/spin.yml).
    `filled` False: detectors may leave costly parts of their signals unasked (the misfits'
    fill-the-blank answers, the rare synonyms' general-English features), for a caller that
    reads only the signals' spans, kinds and scores; a later call with `filled` asks them
    through each detector's `fill` (the spin check's quiet texts, two thirds of edited news,
    never do).
    """
    signals = doc.memo.get("spin.signals")
    if signals is None:
        signals = sorted(run_detectors(doc, ctx, DETECTORS, defer_fills=not filled),
                         key=lambda s: (s.start, s.end, s.rule))
        doc.memo["spin.signals"] = signals
    if filled:
        for detector in DETECTORS:
            detector.fill(doc, ctx, signals)
    return signals


def run_detectors(doc: "Document", ctx: "Context", detectors: Iterable[Detector],
                  defer_fills: bool = False) -> list[Signal]:
    """The signals of the switched-on detectors that have a stage, stage by stage: a signal
    that overlaps one of an earlier stage is dropped; a detector may revise the earlier
    stages' signals (`DetectorContext.found`).  `defer_fills`: see `find_signals`."""
    staged = sorted((d for d in detectors if d.stage is not None), key=lambda d: d.stage)
    found: list[Signal] = []
    for _, stage in groupby(staged, key=lambda d: d.stage):
        new: list[Signal] = []
        for detector in stage:
            if detector.enabled(ctx):
                context = DetectorContext(ctx, found, defer_fills)
                fresh = list(detector.signals(doc, context))
                found = context.found
                new += outside(fresh, found)
        found = found + new
    return found


def direct_signals(doc: "Document", ctx: "Context") -> list[Signal]:
    """The signals reported as found, without the classifier (detectors without a stage:
    the sister copies' swaps, spun names), detector by detector."""
    context = DetectorContext(ctx)
    return [signal for detector in DETECTORS if detector.stage is None and detector.enabled(ctx)
            for signal in detector.signals(doc, context)]
