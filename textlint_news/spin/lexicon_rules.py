"""Run the spinner-lexicon pack rules (rules/spin*.yml, `feeds: spin`) as signals."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..check import RuleInfo
from ..document import Document
from ..kinds import PackRule
from ..patterns import PatternFilter
from .signals import CHECK, DetectorContext, Signal

if TYPE_CHECKING:
    from ..check import Context

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
        entry = _SCREENS[id(rules)] = (rules, PatternFilter([rule.screen_pattern for rule in rules],
                                                            phrases=_phrases(rules)))
    return entry[1]


def _phrases(rules: tuple[PackRule, ...]) -> list[tuple[str, ...]] | None:
    """Each rule's phrases when every rule is made of phrases alone and reports only where one
    matches (substitution, existence of tokens), else None: the screen's literal test."""
    if all(rule.kind == "substitution" or (rule.kind == "existence" and not getattr(rule, "patterns", ()))
           for rule in rules):
        return [rule.phrases() for rule in rules]
    return None


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

    def fill(self, doc: "Document", ctx: "Context", signals: list[Signal]) -> None:
        pass  # nothing is left unasked


DETECTOR = LexiconDetector()
