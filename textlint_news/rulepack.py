"""Rule packs: YAML files of pattern rules, loaded and validated once.

A pack is a mapping with a `rules:` list and, optionally, `feeds: <check>`: such
a pack's matches are not reported directly but handed to that Python check as
evidence (the spin lexicon feeds the spin classifier).  Each rule has an `id`, a `kind`
(`existence` or `substitution`), a `category` and the fields of its kind; see
README "Rule packs" for the schema.  A bad pack raises `PackError` naming the
file, the line, the rule and the reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .issue import CATEGORIES, SEVERITIES
from .patterns import PatternError, check_pattern, compile_pattern
from .resources import SAFE_LOADER

KINDS = ("existence", "substitution")
SCOPES = ("text", "line")
_COMMON = {
    "id", "kind", "category", "severity", "message", "description", "explain",
    "ignorecase", "case", "scope", "confidence", "before", "not_before", "after",
    "not_after", "window",
}
_FIELDS = {
    "existence": _COMMON | {"tokens", "patterns", "suggest", "extend"},
    "substitution": _COMMON | {"swap"},
}
_SWAP_FIELDS = {"to", "before", "not_before", "after", "not_after", "confidence", "message"}


class PackError(ValueError):
    """A rule pack that cannot be used; the message names file, line, rule and reason."""


class _LineLoader(SAFE_LOADER):
    """A safe loader that records each mapping's line number under `__line__`."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


@dataclass(frozen=True)
class Guards:
    """Context guards: patterns that must / must not stand right before or after."""

    before: tuple = ()
    not_before: tuple = ()
    after: tuple = ()
    not_after: tuple = ()
    window: int = 60

    def allow(self, text: str, start: int, end: int) -> bool:
        left = text[max(0, start - self.window):start]
        right = text[end:end + self.window]
        return (
            all(p.search(left) for p in self.before)
            and not any(p.search(left) for p in self.not_before)
            and all(p.search(right) for p in self.after)
            and not any(p.search(right) for p in self.not_after)
        )


@dataclass(frozen=True)
class Swap:
    """One substitution entry: what to suggest, with its own guards and confidence."""

    to: tuple[str, ...]
    guards: Guards
    confidence: float
    message: str | None = None


@dataclass(frozen=True)
class PackRule:
    """A validated pattern rule."""

    id: str
    kind: str
    category: str
    severity: str
    message: str
    description: str
    explain: str
    source: str
    line: int
    ignorecase: bool
    preserve_case: bool
    scope: str
    confidence: float
    guards: Guards
    tokens: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    suggest: tuple[str, ...] = ()
    extend_to_line: bool = False
    swaps: dict[str, Swap] = field(default_factory=dict)
    feeds: str | None = None


def load_pack(path: Path) -> list[PackRule]:
    """Load and validate every rule of one pack file."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise PackError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise PackError(f"{path}: a rule pack is a mapping with a 'rules:' list")
    unknown = set(data) - {"rules", "feeds", "description", "__line__"}
    if unknown:
        raise PackError(f"{path}: unknown top-level key(s): {', '.join(sorted(unknown))}")
    feeds = data.get("feeds")
    if feeds is not None and not isinstance(feeds, str):
        raise PackError(f"{path}: 'feeds' must name a check")
    return [replace(_parse_rule(raw, path), feeds=feeds) for raw in data["rules"]]


def _parse_rule(raw: Any, path: Path) -> PackRule:
    if not isinstance(raw, dict):
        raise PackError(f"{path}: each entry of 'rules:' must be a mapping")
    line = raw.pop("__line__", 0)
    rule_id = raw.get("id")

    def fail(reason: str) -> PackError:
        return PackError(f"{path}:{line}: rule {rule_id or '?'}: {reason}")

    if not isinstance(rule_id, str) or not rule_id or " " in rule_id:
        raise fail("'id' must be a dotted name without spaces")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise fail(f"'kind' must be one of {', '.join(KINDS)}")
    unknown = set(raw) - _FIELDS[kind]
    if unknown:
        raise fail(f"unknown field(s) for kind {kind}: {', '.join(sorted(unknown))}")
    category = raw.get("category")
    if category not in CATEGORIES:
        raise fail(f"'category' must be one of {', '.join(CATEGORIES)}")
    severity = raw.get("severity", "warning")
    if severity not in SEVERITIES:
        raise fail(f"'severity' must be one of {', '.join(SEVERITIES)}")
    scope = raw.get("scope", "text")
    if scope not in SCOPES:
        raise fail(f"'scope' must be one of {', '.join(SCOPES)}")
    ignorecase = _bool(raw.get("ignorecase", True), "ignorecase", fail)
    confidence = _confidence(raw.get("confidence", 0.8), fail)
    try:
        guards = _guards(raw, ignorecase)
        rule = PackRule(
            id=rule_id, kind=kind, category=category, severity=severity,
            message=_text(raw.get("message", "'{match}'"), "message", fail),
            description=_text(raw.get("description", ""), "description", fail),
            explain=_text(raw.get("explain", ""), "explain", fail),
            source=str(path), line=line, ignorecase=ignorecase,
            preserve_case=raw.get("case", "preserve") == "preserve",
            scope=scope, confidence=confidence, guards=guards,
        )
        if kind == "existence":
            return _existence(rule, raw, fail)
        return _substitution(rule, raw, fail)
    except PatternError as exc:
        raise fail(str(exc)) from None


def _existence(rule: PackRule, raw: dict, fail) -> PackRule:
    tokens = _strings(raw.get("tokens", []), "tokens", fail)
    patterns = _strings(raw.get("patterns", []), "patterns", fail)
    if not tokens and not patterns:
        raise fail("an existence rule needs 'tokens' or 'patterns'")
    for pattern in patterns:
        check_pattern(pattern, rule.ignorecase)
    suggest = raw.get("suggest", [])
    suggest = ("",) if suggest == "delete" else _strings(suggest, "suggest", fail)
    extend = raw.get("extend", "match")
    if extend not in ("match", "line"):
        raise fail("'extend' must be 'match' or 'line'")
    return replace(rule, tokens=tokens, patterns=patterns, suggest=suggest,
                    extend_to_line=extend == "line")


def _substitution(rule: PackRule, raw: dict, fail) -> PackRule:
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
            guards = _guards({**_guard_fields(raw), **target}, rule.ignorecase)
            to = target.get("to")
            confidence = _confidence(target.get("confidence", rule.confidence), fail)
            message = target.get("message")
        else:
            to, guards, confidence, message = target, rule.guards, rule.confidence, None
        swaps[" ".join(phrase.lower().split())] = Swap(
            to=_strings([to] if isinstance(to, str) else to, f"swap {phrase!r}", fail),
            guards=guards, confidence=confidence, message=message,
        )
    return replace(rule, swaps=swaps)


def _guard_fields(raw: dict) -> dict:
    return {k: raw[k] for k in ("before", "not_before", "after", "not_after", "window") if k in raw}


def _guards(raw: dict, ignorecase: bool) -> Guards:
    def patterns(key: str, anchor: str) -> tuple:
        values = raw.get(key, [])
        values = [values] if isinstance(values, str) else values
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise PatternError(f"'{key}' must be a pattern or a list of patterns")
        wrap = (lambda v: f"(?:{v})\\z") if anchor == "end" else (lambda v: f"\\A(?:{v})")
        return tuple(compile_pattern(wrap(v), ignorecase) for v in values)

    window = raw.get("window", 60)
    if not isinstance(window, int) or not 1 <= window <= 1000:
        raise PatternError("'window' must be a whole number from 1 to 1000")
    return Guards(
        before=patterns("before", "end"), not_before=patterns("not_before", "end"),
        after=patterns("after", "start"), not_after=patterns("not_after", "start"),
        window=window,
    )


def _strings(value: Any, name: str, fail) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f"'{name}' must be a string or a list of strings")
    return tuple(value)


def _text(value: Any, name: str, fail) -> str:
    if not isinstance(value, str):
        raise fail(f"'{name}' must be a string")
    return value.strip()


def _bool(value: Any, name: str, fail) -> bool:
    if not isinstance(value, bool):
        raise fail(f"'{name}' must be true or false")
    return value


def _confidence(value: Any, fail) -> float:
    if not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise fail("'confidence' must be a number from 0 to 1")
    return float(value)
