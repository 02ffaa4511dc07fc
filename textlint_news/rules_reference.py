"""The rules reference, docs/rules.md: every rule's `RuleInfo` as Markdown.

`textlint-news rules --format markdown` prints it, so the reference and `textlint-news rules`
read the same metadata; tests/test_rules_reference.py checks that docs/rules.md is current.
"""
from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path
from typing import Sequence

from .check import RuleInfo
from .resources import rules_dir

#: the one command that rewrites docs/rules.md (run from the repository root)
REGENERATE = "textlint-news rules --isolated --format markdown > docs/rules.md"

_CODE_SPAN = re.compile(r"(`[^`]*`)")


def render_markdown(rules: Sequence[RuleInfo]) -> str:
    """The reference page: a summary table, then one section per rule family (`spin`, ...)."""
    ordered = sorted(rules, key=lambda r: r.id)
    families = [(family, list(group)) for family, group in groupby(ordered, key=_family)]
    categories = {r.category for r in ordered}
    lines = [
        "# Rules reference",
        "",
        f"<!-- Generated from the rules' metadata: {REGENERATE} -->",
        "",
        f"Every rule textlint-news ships: {len(ordered)} rules in {len(families)} families and "
        f"{len(categories)} categories, as `textlint-news rules` lists them; `textlint-news explain "
        "RULE` prints one entry. Silence a rule with `--ignore RULE` (or `ignore = [\"RULE\"]` in "
        "the config), change its severity under `[tool.textlint-news.severity]`. A rule prefix "
        "(`spin`, `boilerplate.ad-slot`) or a category selects several. This page is generated; "
        f"to update it, run `{REGENERATE}`.",
        "",
        "| rule | category | severity | description |",
        "|---|---|---|---|",
    ]
    lines += [f"| [`{r.id}`](#{_anchor(r.id)}) | {r.category} | {r.severity} | "
              f"{_escape(r.description).replace('|', chr(92) + '|')} |" for r in ordered]
    for family, members in families:
        lines += ["", f"## {family}"]
        for rule in members:
            lines += ["", f"### `{rule.id}`", "",
                      f"*{rule.category}, default severity {rule.severity}; {_source(rule.source)}*",
                      "", _escape(rule.description)]
            if rule.explain:
                lines += ["", _escape(rule.explain.strip())]
    return "\n".join(lines) + "\n"


def _family(rule: RuleInfo) -> str:
    return rule.id.split(".", 1)[0]


def _anchor(rule_id: str) -> str:
    """GitHub's anchor of the heading `` `rule_id` ``: lower case, punctuation but '-' dropped."""
    return re.sub(r"[^\w\- ]", "", rule_id.lower()).replace(" ", "-")


def _source(source: str) -> str:
    """Where a rule is defined: a shipped pack file without its line number (so the page does
    not change when a pack grows), a user's pack as given, or a built-in check."""
    if source == "builtin":
        return "built-in check"
    path = Path(source.rsplit(":", 1)[0] if re.search(r":\d+$", source) else source)
    try:
        return f"rule pack `rules/{path.resolve().relative_to(rules_dir()).as_posix()}`"
    except ValueError:
        return f"rule pack `{path}`"


def _escape(text: str) -> str:
    """Keep `<...>` outside code spans from reading as HTML."""
    parts = _CODE_SPAN.split(text)
    return "".join(part if part.startswith("`") else part.replace("<", "&lt;").replace(">", "&gt;")
                   for part in parts)
