"""Rule packs: YAML files of pattern rules, loaded and validated once.

A pack is a mapping with a `rules:` list and, optionally, `feeds: <check>`: such
a pack's matches are not reported directly but handed to that Python check as
evidence (the spin lexicon feeds the spin classifier).  Each rule has an `id`, a `kind`
(a name in `kinds.KINDS`), a `category` and the fields of its kind; see
docs/rule-packs.md.  A bad pack raises `PackError` naming the file, the line, the
rule and the reason.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .issue import CATEGORIES, SEVERITIES
from .kinds import KINDS, PackRule
from .kinds.base import COMMON_FIELDS, SCOPES, boolean, confidence, guards, text
from .patterns import PatternError


class PackError(ValueError):
    """A rule pack that cannot be used; the message names file, line, rule and reason."""


@lru_cache(maxsize=1)
def _line_loader() -> Any:
    """A safe loader that records each mapping's line number under `__line__`."""
    from .resources import safe_loader

    class LineLoader(safe_loader()):  # type: ignore[misc]
        def construct_mapping(self, node, deep=False):  # type: ignore[override]
            mapping = super().construct_mapping(node, deep=deep)
            mapping["__line__"] = node.start_mark.line + 1
            return mapping

    return LineLoader


def load_pack(path: Path) -> list[PackRule]:
    """Load and validate every rule of one pack file (kept while the file is unchanged: the
    linter and the boilerplate check read the shipped boilerplate pack both)."""
    try:
        found = path.stat()
    except OSError as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc}") from None
    return list(_load_pack(path, found.st_mtime_ns, found.st_size, found.st_ino))


@lru_cache(maxsize=32)
def _load_pack(path: Path, mtime_ns: int, size: int, inode: int) -> tuple[PackRule, ...]:
    """The rules of `path` as it was at (`mtime_ns`, `size`, `inode`): parsed and validated
    once, then read from the model cache (`mapped.cached_object`, 0.01 s for the spin
    lexicon's 2,100 swaps where validating them took 0.05); a pack that fails raises
    `PackError` every time and is never cached."""
    from .mapped import cached_object

    return cached_object(f"rules-{path.name}", _rule_sources(path), lambda: _parse_pack(path))


def _rule_sources(path: Path) -> list[Path]:
    """The pack file and every module its rules are parsed and validated by (RE2's included:
    another release may accept other patterns)."""
    import re2

    from . import issue, patterns, resources
    from .kinds import base

    kinds = sorted(Path(base.__file__).parent.glob("*.py"))
    return [path, Path(__file__), Path(resources.__file__), Path(issue.__file__), Path(patterns.__file__),
            *kinds, Path(re2.__file__), Path(re2._re2.__file__)]


def _parse_pack(path: Path) -> tuple[PackRule, ...]:
    """The rules of `path`, its YAML read from the model cache (`mapped.cached_value`)."""
    from . import resources
    from .mapped import cached_value

    sources = [path, Path(__file__), Path(resources.__file__)]  # the file and the code that parses it
    data = cached_value(f"pack-{path.name}", sources, lambda: _parse_yaml(path))
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise PackError(f"{path}: a rule pack is a mapping with a 'rules:' list")
    unknown = set(data) - {"rules", "feeds", "description", "__line__"}
    if unknown:
        raise PackError(f"{path}: unknown top-level key(s): {', '.join(sorted(unknown))}")
    feeds = data.get("feeds")
    if feeds is not None and not isinstance(feeds, str):
        raise PackError(f"{path}: 'feeds' must name a check")
    return tuple(replace(_parse_rule(raw, path), feeds=feeds) for raw in data["rules"])


def _parse_yaml(path: Path) -> Any:
    """A pack file's YAML, each mapping with its line under `__line__`."""
    import yaml

    from .resources import parse_data

    try:
        return parse_data(path, _line_loader())
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise PackError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None


def _parse_rule(raw: Any, path: Path) -> PackRule:
    if not isinstance(raw, dict):
        raise PackError(f"{path}: each entry of 'rules:' must be a mapping")
    line = raw.pop("__line__", 0)
    rule_id = raw.get("id")

    def fail(reason: str) -> PackError:
        return PackError(f"{path}:{line}: rule {rule_id or '?'}: {reason}")

    if not isinstance(rule_id, str) or not rule_id or " " in rule_id:
        raise fail("'id' must be a dotted name without spaces")
    kind = KINDS.get(raw.get("kind"))  # type: ignore[arg-type]
    if kind is None:
        raise fail(f"'kind' must be one of {', '.join(KINDS)}")
    unknown = set(raw) - COMMON_FIELDS - kind.FIELDS
    if unknown:
        raise fail(f"unknown field(s) for kind {kind.kind}: {', '.join(sorted(unknown))}")
    category = raw.get("category")
    if category not in CATEGORIES:
        raise fail(f"'category' must be one of {', '.join(CATEGORIES)}")
    severity = raw.get("severity", "warning")
    if severity not in SEVERITIES:
        raise fail(f"'severity' must be one of {', '.join(SEVERITIES)}")
    scope = raw.get("scope", "text")
    if scope not in SCOPES:
        raise fail(f"'scope' must be one of {', '.join(SCOPES)}")
    ignorecase = boolean(raw.get("ignorecase", True), "ignorecase", fail)
    case = raw.get("case", "preserve")
    if case not in ("preserve", "as-is"):
        raise fail("'case' must be 'preserve' or 'as-is'")
    try:
        common = dict(
            id=rule_id, category=category, severity=severity,
            message=text(raw.get("message", "'{match}'"), "message", fail),
            description=text(raw.get("description", ""), "description", fail),
            explain=text(raw.get("explain", ""), "explain", fail),
            source=str(path), line=line, ignorecase=ignorecase,
            preserve_case=case == "preserve",
            scope=scope, confidence=confidence(raw.get("confidence", 0.8), fail),
            guards=guards(raw, ignorecase),
        )
        return kind.parse(raw, common, fail)
    except PatternError as exc:
        raise fail(str(exc)) from None
