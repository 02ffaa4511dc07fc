"""Grammar, typography and style through a LanguageTool server (off unless one is configured)."""
from __future__ import annotations

from typing import Iterator

from ..check import Check, CheckFailure, Context, RuleInfo
from ..document import Document
from ..issue import Issue
from ..languagetool import GrammarSettings, LTMatch, document_result

RULE_PREFIX = "grammar.lt"

_EXPLAIN = """\
Each LanguageTool match becomes an issue `grammar.lt.<RULE_ID>` (for example
`grammar.lt.HE_VERB_AGR`), with LanguageTool's message and up to a few of its
replacements as suggestions.  Severity follows LanguageTool's issue type
(rules/settings/grammar.yml `severity_by_issue_type`: grammar, misspelling and
duplication are warnings, typography and style are info).

Off by default.  Turn it on with `--languagetool URL` (a running LanguageTool
server, e.g. http://localhost:8081), `--languagetool local` (language-tool-python
starts its own server: needs Java 17+ and an installed LanguageTool, found via
LTP_JAR_DIR_PATH or under LTP_PATH), or `url = ...` in
[tool.textlint-news.languagetool].  Spelling (category TYPOS) is off by default:
names are the names check's job.  Choose rules with languagetool.enabled-rules /
disabled-rules / enabled-categories / disabled-categories.

When the server cannot be reached or is too slow, the run warns once and every
other check still reports; --require-languagetool makes that an error (exit 2).
Answers are cached by text hash, language and rule settings (languagetool.cache-dir,
default ~/.cache/textlint-news/languagetool), so re-linting is cheap.

Silence one LanguageTool rule with `--ignore grammar.lt.<RULE_ID>` or, better,
languagetool.disabled-rules (then LanguageTool does not run it at all)."""


class GrammarCheck(Check):
    """Reports LanguageTool's matches as `grammar.lt.<RULE_ID>` issues."""

    name = "grammar"
    settings_type = GrammarSettings
    rules = (
        RuleInfo(
            RULE_PREFIX, "grammar", "warning",
            "A LanguageTool grammar, typography or style match (rule id grammar.lt.<LanguageTool rule>)",
            _EXPLAIN,
        ),
    )

    def active(self, settings: GrammarSettings) -> bool:
        """On only when a LanguageTool server (or `local`) is configured."""
        return bool(settings.languagetool.url)

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        settings = self.settings_in(ctx)
        result = document_result(doc, settings)
        if result is None:
            return
        if result.matches is None:
            if settings.languagetool.require:
                raise CheckFailure(f"{result.error} and --require-languagetool is set")
            ctx.warn(f"{result.error}; grammar checks are skipped, every other check still runs "
                     "(--require-languagetool makes this an error)")
            return
        for match in result.matches:
            yield self._issue(doc, match, settings)

    def _issue(self, doc: Document, match: LTMatch, settings: GrammarSettings) -> Issue:
        return doc.issue(
            rule=f"{RULE_PREFIX}.{match.rule_id}",
            category="grammar",
            severity=severity_for(match.issue_type, settings),
            message=f"{match.message.rstrip()} (LanguageTool {match.rule_id}, {match.category.lower()})",
            start=match.start,
            end=match.end,
            suggestions=suggestions_for(match, doc.text, settings.max_suggestions),
            confidence=settings.confidence,
        )


def severity_for(issue_type: str, settings: GrammarSettings) -> str:
    """The configured severity of a LanguageTool issue type (`default_severity` for another)."""
    return settings.severity_by_issue_type.get(issue_type, settings.default_severity)


def suggestions_for(match: LTMatch, text: str, limit: int) -> tuple[str, ...]:
    """LanguageTool's replacements, best first, without repeats or no-op ones, at most `limit`."""
    current = text[match.start:match.end]
    kept: list[str] = []
    for replacement in match.replacements:
        if replacement != current and replacement not in kept:
            kept.append(replacement)
        if len(kept) >= limit:
            break
    return tuple(kept)


CHECKS = [GrammarCheck()]
