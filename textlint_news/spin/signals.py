"""Span-level evidence of spinning, shared by the spin check and the classifier."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Signal:
    """One piece of span-level evidence that a text was run through a spinner.

    `kind` is "lexicon", "rare-synonym" or "artifact"; `rule` the rule id an issue
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
