"""Run the spinner-lexicon pack rules (rules/spin*.yml, `feeds: spin`) as signals."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from ..check import RuleInfo
from ..document import Document
from ..kinds import PackRuleMatcher
from ..patterns import PatternFilter
from ..rulepack import PackRule
from .signals import CHECK, DetectorContext, Signal

if TYPE_CHECKING:
    from ..check import Context

# Compiled matchers, keyed by rule object identity (the rule is kept to guard against reuse
# of an id after a rule is freed).  Compiling is pure, so sharing it between documents is safe.
_MATCHERS: dict[int, tuple[PackRule, PackRuleMatcher]] = {}


def _matcher(rule: PackRule) -> PackRuleMatcher:
    entry = _MATCHERS.get(id(rule))
    if entry is None or entry[0] is not rule:
        # RE2 alternation is leftmost-first: put longer phrases first so that
        # "decision between" is tried before "decision" and "yrs" before "yr".
        longest_first = dict(sorted(rule.swaps.items(), key=lambda item: -len(item[0])))
        entry = _MATCHERS[id(rule)] = (rule, PackRuleMatcher(replace(rule, swaps=longest_first)))
    return entry[1]


# One screen per tuple of fed rules (a linter keeps its tuple), kept with the tuple as above;
# a few at most, so that callers passing new sequences every time do not pile them up.
_SCREENS: dict[int, tuple[tuple[PackRule, ...], PatternFilter]] = {}
_MAX_SCREENS = 8


def _screen(rules: tuple[PackRule, ...]) -> PatternFilter:
    """The rules' patterns in one `PatternFilter`: one pass says which rules can match."""
    entry = _SCREENS.get(id(rules))
    if entry is None or entry[0] is not rules:
        matchers = [_matcher(rule) for rule in rules]
        if len(_SCREENS) >= _MAX_SCREENS:
            _SCREENS.clear()
        entry = _SCREENS[id(rules)] = (rules, PatternFilter([m.screen_pattern for m in matchers]))
    return entry[1]


def find_lexicon(doc: Document, rules: Iterable[PackRule]) -> list[Signal]:
    """A `spin.lexicon` signal for every match of a fed lexicon rule (only the rules
    whose pattern occurs in the text run)."""
    rules = tuple(rules)
    found: list[Signal] = []
    for rule in (rules[i] for i in _screen(rules).matching(doc.text)):
        for start, end, suggestions, confidence, template in _matcher(rule).matches(doc):
            matched = " ".join(doc.text[start:end].split())
            suggestion = suggestions[0] if suggestions else ""
            message = template.replace("{match}", matched).replace("{suggestion}", suggestion)
            found.append(Signal(
                start, end, "lexicon", "spin.lexicon",
                f"{message}: a sense-blind synonym swap ({rule.id}); restore the original wording.",
                tuple(suggestions), confidence, {"pack_confidence": confidence},
            ))
    return found


RULES = (
    RuleInfo(
        "spin.lexicon", "spin", "warning", "Wording that synonym spinners produce and edited news avoids.",
        "Spinners replace words and phrases with thesaurus entries regardless of sense "
        "('got here as' for 'came as', 'affix NATO' for 'join NATO', 'fourth yr'). The "
        "entries live in rules/spin*.yml (packs with `feeds: spin`), each with context "
        "guards so ordinary uses ('how we got here', 'primary school') stay quiet. The "
        "suggestion is the likely original wording."),
)


class LexiconDetector:
    """The `Detector` of the spinner lexicon: the pack rules fed to the spin check."""

    name = "lexicon"
    kind = "lexicon"
    rules = RULES
    stage = 0

    def enabled(self, ctx: "Context") -> bool:
        return True

    def preload(self, ctx: "Context") -> None:
        pass  # the pack rules are compiled by the engine; their matchers are cheap

    def signals(self, doc: Document, context: DetectorContext) -> list[Signal]:
        return find_lexicon(doc, context.lint.fed_rules(CHECK))


DETECTOR = LexiconDetector()
