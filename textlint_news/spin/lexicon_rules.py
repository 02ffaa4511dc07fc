"""Run the spinner-lexicon pack rules (rules/spin*.yml, `feeds: spin`) as signals."""
from __future__ import annotations

from typing import Iterable

from ..document import Document
from ..kinds import PackRule
from ..patterns import PatternFilter
from .signals import Signal

# One screen per tuple of fed rules (a linter keeps its tuple), kept with the tuple (the
# rules are kept to guard against reuse of an id after a tuple is freed); a few at most,
# so that callers passing new sequences every time do not pile them up.
_SCREENS: dict[int, tuple[tuple[PackRule, ...], PatternFilter]] = {}
_MAX_SCREENS = 8


def _screen(rules: tuple[PackRule, ...]) -> PatternFilter:
    """The rules' patterns in one `PatternFilter`: one pass says which rules can match."""
    entry = _SCREENS.get(id(rules))
    if entry is None or entry[0] is not rules:
        if len(_SCREENS) >= _MAX_SCREENS:
            _SCREENS.clear()
        entry = _SCREENS[id(rules)] = (rules, PatternFilter([rule.screen_pattern for rule in rules]))
    return entry[1]


def find_lexicon(doc: Document, rules: Iterable[PackRule]) -> list[Signal]:
    """A `spin.lexicon` signal for every match of a fed lexicon rule (only the rules
    whose pattern occurs in the text run)."""
    rules = tuple(rules)
    found: list[Signal] = []
    for rule in (rules[i] for i in _screen(rules).matching(doc.text)):
        for hit in rule.matches(doc):
            found.append(Signal(
                hit.start, hit.end, "lexicon", "spin.lexicon",
                f"{hit.message}: a sense-blind synonym swap ({rule.id}); restore the original wording.",
                hit.suggestions, hit.confidence, {"pack_confidence": hit.confidence},
            ))
    return found
