"""What every check is: rule metadata, the check interface and the context it runs in."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping

from .document import Document
from .issue import Issue


@dataclass(frozen=True)
class RuleInfo:
    """Metadata of one rule id, for `textlint-news rules`, `explain` and SARIF."""

    id: str
    category: str
    severity: str
    description: str
    explain: str = ""
    source: str = "builtin"



class CheckFailure(Exception):
    """A check could not run on a document (a required backend is down, say); the engine
    reports it as the file's error and keeps the other checks' issues."""


def resolve_rule(rules: Mapping[str, RuleInfo], rule_id: str) -> RuleInfo | None:
    """The metadata of a rule id, or of its longest known dotted prefix (a rule family
    such as `grammar.lt` for `grammar.lt.HE_VERB_AGR`)."""
    parts = rule_id.split(".")
    for cut in range(len(parts), 0, -1):
        info = rules.get(".".join(parts[:cut]))
        if info is not None:
            return info
    return None


@dataclass
class Context:
    """What a check may read besides the document: settings and sister copies.

    `settings` maps a check name to its typed settings (its `settings_type`, filled
    from `rules/settings/<name>.yml`, then the user's config).  `corpus` maps a check
    name to the observations it made on every other document linted together.
    `scores` holds document-level scores a check reports besides its issues (the spin
    classifier's document probability), for per-document verdicts.
    """

    settings: Mapping[str, Any] = field(default_factory=dict)
    corpus: Mapping[str, list[Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    fed: Mapping[str, tuple] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)

    def settings_for(self, check: str, default: type | None = None) -> Any:
        """The typed settings of a check; when this context has none, `default()` (the
        settings type's defaults), or None without a `default`."""
        found = self.settings.get(check)
        return default() if found is None and default is not None else found

    def observations(self, check: str) -> list[Any]:
        return self.corpus.get(check, [])

    def fed_rules(self, check: str) -> tuple:
        """Pack rules declared `feeds: <check>`: evidence for that check, not issues."""
        return self.fed.get(check, ())

    def warn(self, message: str) -> None:
        """A warning the CLI shows once per run (a backend that is down, say)."""
        if message not in self.warnings:
            self.warnings.append(message)


class Check:
    """A check: `check(doc, ctx)` yields issues; pure, no I/O, no globals.

    Subclasses set `name` (settings key), `rules` (every rule id they emit),
    `settings_type` (the frozen dataclass of their settings, see `textlint_news.settings`) and,
    when sister copies help them, `observe(doc, ctx)` returning a small,
    picklable summary that the engine hands to the other documents' runs.
    """

    name: str = ""
    rules: tuple[RuleInfo, ...] = ()
    enabled_by_default: bool = True
    settings_type: type | None = None

    @classmethod
    def settings_in(cls, ctx: Context) -> Any:
        """This check's typed settings in `ctx`; the defaults when `ctx` holds none."""
        return ctx.settings_for(cls.name, cls.settings_type)

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        raise NotImplementedError

    def observe(self, doc: Document, ctx: Context) -> Any:
        return None

    def preload(self, ctx: Context) -> None:
        """Load now the tables and models the check would load on first use.

        Called before worker processes fork, so that they share one loaded copy
        instead of each loading its own; a check with nothing to load keeps this.
        """

    def background_loads(self, ctx: Context) -> list[Callable[[], Any]]:
        """Loads that `Linter.preload` may run in a thread beside the other preloads: ones
        that wait outside the interpreter (decompression) and share no cache with them."""
        return []

    def rule(self, rule_id: str) -> RuleInfo:
        for info in self.rules:
            if info.id == rule_id:
                return info
        raise KeyError(rule_id)

    def emit(
        self,
        doc: Document,
        rule_id: str,
        start: int,
        end: int,
        message: str,
        suggestions: tuple[str, ...] | list[str] = (),
        confidence: float = 1.0,
        severity: str | None = None,
    ) -> Issue:
        """An issue for one of this check's rules, category and severity from its metadata."""
        info = self.rule(rule_id)
        return doc.issue(
            rule=rule_id, category=info.category, severity=severity or info.severity,
            message=message, start=start, end=end, suggestions=suggestions,
            confidence=confidence,
        )
