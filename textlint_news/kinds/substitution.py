"""`substitution`: phrases to replace, each with its replacements and its own guards."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from ..document import Document
from ..patterns import is_word_bounded, normalise
from .base import (
    GUARD_FIELDS, Fail, Guards, Hit, PackRule, confidence, guards, match_case, render_message,
    scoped_body, strings, text,
)

_SWAP_FIELDS = {"to", "before", "not_before", "after", "not_after", "confidence", "message"}


@dataclass(frozen=True)
class Swap:
    """One substitution entry: what to suggest, with its own guards and confidence."""

    to: tuple[str, ...]
    guards: Guards
    confidence: float
    message: str | None = None


@dataclass(frozen=True, kw_only=True)
class Substitution(PackRule):
    """Each phrase of `swap` found (word-bounded, any white space) is an issue suggesting
    its replacements, in the match's case unless `case: as-is`."""

    kind = "substitution"
    FIELDS = frozenset({"swap"})

    #: phrase, white space folded (and lower-cased when `ignorecase`: `key`) -> its entry
    swaps: dict[str, Swap]

    @classmethod
    def parse(cls, raw: dict, common: dict[str, Any], fail: Fail) -> "Substitution":
        swap = raw.get("swap")
        if not isinstance(swap, dict) or not [k for k in swap if k != "__line__"]:
            raise fail("a substitution rule needs a non-empty 'swap' mapping")
        swap.pop("__line__", None)
        swaps: dict[str, Swap] = {}
        for phrase, target in swap.items():
            if not isinstance(phrase, str) or not phrase.strip():
                raise fail("swap keys must be non-empty phrases")
            if isinstance(target, dict):
                target.pop("__line__", None)
                unknown = set(target) - _SWAP_FIELDS
                if unknown:
                    raise fail(f"swap {phrase!r}: unknown field(s) {', '.join(sorted(unknown))}")
                if any(k in target for k in GUARD_FIELDS):
                    rule_guards = {k: raw[k] for k in GUARD_FIELDS if k in raw}
                    entry_guards = guards({**rule_guards, **target}, common["ignorecase"])
                else:  # the rule's own: most of the spin lexicon's 2,000 entries
                    entry_guards = common["guards"]
                to = target.get("to")
                entry_confidence = confidence(target.get("confidence", common["confidence"]), fail)
                message = text(target["message"], f"swap {phrase!r}: message", fail) if "message" in target else None
            else:
                to, entry_guards, entry_confidence, message = target, common["guards"], common["confidence"], None
            swaps[key(phrase, common["ignorecase"])] = Swap(
                to=strings([to] if isinstance(to, str) else to, f"swap {phrase!r}", fail),
                guards=entry_guards, confidence=entry_confidence, message=message,
            )
        return cls(**common, **scoped_body(swaps, (), common["scope"], common["ignorecase"]), swaps=swaps)

    def phrases(self) -> tuple[str, ...]:
        return tuple(self.swaps)

    def matches(self, doc: Document) -> Iterator[Hit]:
        text = doc.text

        def accept(start: int, end: int) -> bool:
            swap = self.swaps.get(key(text[start:end], self.ignorecase))
            return (swap is not None and is_word_bounded(text, start, end)
                    and swap.guards.allow(text, start, end))

        for start, end in self.accepted(doc, accept):
            matched = text[start:end]
            swap = self.swaps[key(matched, self.ignorecase)]
            suggestions = tuple(match_case(matched, s) if self.preserve_case else s for s in swap.to)
            yield Hit(start, end, suggestions, swap.confidence,
                      render_message(swap.message or self.message, matched, suggestions))


def key(phrase: str, ignorecase: bool) -> str:
    """A swap's key: white space folded, lower-cased when the rule ignores case (then any
    case of the phrase finds it; else only the case the pack writes)."""
    return normalise(phrase) if ignorecase else " ".join(phrase.split())
