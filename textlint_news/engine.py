"""The engine: loads packs and checks once, runs them, then filters, de-duplicates and sorts."""
from __future__ import annotations

import bisect
import threading
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Collection, Iterable

from .check import Check, CheckFailure, Context, RuleInfo
from .config import Config, check_selectors
from .document import Document
from .text_fixes import is_fixable
from .issue import Issue, severity_rank
from .pack_check import PackCheck
from .rulepack import PackError, load_pack
from .resources import builtin_packs
from .settings import resolve_settings
from .windows import Shift, line_breaks, release_memos, windows

#: checks that see the whole of a text linted in windows: a repeat may lie far from its
#: original, and a pack rule's pattern (RE2: linear) may be anchored at the text's end
WHOLE_TEXT_CHECKS = frozenset({"packs", "duplicate"})


class CheckFailedWarning(RuntimeWarning):
    """`lint()` returned without the issues of a check that failed (the message says
    which and why); `warnings.simplefilter("error", CheckFailedWarning)` makes it raise."""


class Linter:
    """Loads rule packs and checks once; lints any number of documents.

    >>> Linter().lint("Advertisement\\n\\nThe minister spoke on Monday.")[0].rule
    'boilerplate.ad-slot'
    """

    def __init__(self, config: Config | None = None, checks: Iterable[Check] | None = None) -> None:
        """Raises `PackError` for a bad rule pack, `ConfigError` for a selector that
        matches no rule or a settings table that does not fit its check (`SettingsError`)."""
        self.config = config or Config()
        pack_rules = [rule for path in self._pack_paths() for rule in load_pack(path)]
        _reject_duplicate_ids(pack_rules)
        if checks is None:
            from .checks import discover

            checks = discover()
        from .stories import StorySettings

        #: each check's typed settings (and `stories`: corpus mode's grouping), validated once
        self.settings: dict[str, Any] = resolve_settings(
            {"stories": StorySettings, **{c.name: c.settings_type for c in checks}}, self.config)
        self.fed: dict[str, tuple] = {}
        for rule in pack_rules:
            if rule.feeds:
                self.fed[rule.feeds] = (*self.fed.get(rule.feeds, ()), rule)
        direct = [rule for rule in pack_rules if not rule.feeds and self._wanted(rule.id, rule.category)]
        self.checks: list[Check] = [PackCheck(direct)] + [
            c for c in checks
            if _active(c, self.settings.get(c.name)) and any(self._wanted(r.id, r.category) for r in c.rules)
        ]
        self.rules: list[RuleInfo] = sorted(
            (info for check in self.checks for info in check.rules), key=lambda r: r.id
        )
        inactive = [c for c in checks if c not in self.checks]
        #: every rule, including those of checks that are off (`rules`, `explain`)
        self.known_rules: list[RuleInfo] = sorted(
            self.rules + [replace(i, description=f"{i.description} (off by default)")
                          for c in inactive for i in c.rules],
            key=lambda r: r.id,
        )
        self._observers = [c for c in self.checks if type(c).observe is not Check.observe]
        check_selectors(self.config, {r.id for r in pack_rules} | {i.id for c in checks for i in c.rules})

    def preload(self) -> None:
        """Load every active check's tables and models now (`Check.preload`).

        A table that fails to load is left alone here: the check reports the
        failure when it runs, as it would without preloading.
        """
        ctx = Context(settings=self.settings, fed=self.fed)
        background = [threading.Thread(target=_quietly, args=(load,), daemon=True)
                      for check in self.checks for load in _quietly(check.background_loads, ctx) or ()]
        for thread in background:  # e.g. an LZMA-compressed model: it decompresses beside the rest
            thread.start()
        for check in self.checks:
            _quietly(check.preload, ctx)
        for thread in background:  # joined before returning: no thread may outlive a preload into a fork
            thread.join()

    def _wanted(self, rule_id: str, category: str) -> bool:
        """True when `select`/`ignore` keep this rule (or a rule of this family): else
        its check is not run at all, so `--select` also makes a run faster."""
        cfg = self.config
        if cfg.select and not any(
            cfg.rule_selected(rule_id, category) or s.startswith(rule_id + ".") for s in cfg.select
        ):
            return False
        return not any(s in ("ALL", category) or rule_id == s or rule_id.startswith(s + ".")
                       for s in cfg.ignore)

    def _pack_paths(self) -> list[Path]:
        paths = builtin_packs()
        for entry in self.config.rules:
            path = Path(entry)
            if path.is_dir():
                paths.extend(sorted(path.glob("*.yml")) + sorted(path.glob("*.yaml")))
            elif path.is_file():
                paths.append(path)
            else:
                raise PackError(f"{entry}: rule pack not found")
        return paths

    @property
    def needs_corpus(self) -> bool:
        """True when a check learns from sister copies (`observe`)."""
        return bool(self._observers)

    def observe(self, doc: Document) -> dict[str, Any]:
        """Each observing check's summary of one document, for its sister copies."""
        ctx = Context(settings=self.settings, fed=self.fed)
        observed = {}
        for check in self._observers:
            try:
                observed[check.name] = check.observe(doc, ctx)
            except Exception:  # the same check's `check()` will report the failure for this file
                observed[check.name] = None
        return observed

    def lint(self, text: str, path: str = "<text>") -> list[Issue]:
        """Lint one text; the issues, filtered and sorted.  A check that fails gives a
        `CheckFailedWarning`; the other checks' issues are still returned."""
        if not isinstance(text, str):
            raise TypeError(f"lint() takes a str, not {type(text).__name__}: decode it first, "
                            "or use lint_file() for a file")
        return self.lint_document(Document(text, path=path)).issues_or_warn(stacklevel=2)

    def lint_document(self, doc: Document, corpus: dict[str, list[Any]] | None = None) -> "DocumentResult":
        """Run every active check on a document; failures are reported, never raised.

        A text longer than `Config.window_size` characters is linted in windows (see
        `textlint_news.windows`); the checks of `WHOLE_TEXT_CHECKS` still see all of it."""
        size = self.config.window_size
        if size and len(doc.text) > size:
            return self._lint_windows(doc, corpus or {}, size)
        ctx = Context(settings=self.settings, corpus=corpus or {}, fed=self.fed)
        found: list[Issue] = []
        failures: list[str] = []
        _run(self.checks, doc, ctx, found, failures)
        return DocumentResult(self.finish(found, len(doc.text)), failures, ctx.warnings, ctx.scores)

    def _lint_windows(self, doc: Document, corpus: dict[str, list[Any]], size: int) -> "DocumentResult":
        """`lint_document` of a long text, window by window: a window's issues that span all
        of it are document-level issues of that window (they suppress no span issue).  The
        whole-text checks run last, on the memory the windows' work freed (their lines and
        units of the whole text would otherwise lie under every window's), their issues,
        failures and warnings put first as when they ran first."""
        ctx = Context(settings=self.settings, corpus=corpus, fed=self.fed)
        found: list[Issue] = []
        failures: list[str] = []
        windowed = [c for c in self.checks if c.name not in WHOLE_TEXT_CHECKS]
        releases = [c.release for c in windowed if callable(getattr(c, "release", None))]
        text, wholes, line, last = doc.text, set(), 0, 0
        for start, end in windows(text, size):
            line += line_breaks(text, last, start)
            last = start
            part = Document(text[start:end], path=doc.path, encoding=doc.encoding)
            own: list[Issue] = []
            window_ctx = Context(settings=self.settings, corpus=corpus, fed=self.fed)
            _run(windowed, part, window_ctx, own, failures)
            shift = Shift(text, start, line)
            for issue in own:
                if issue.start == 0 and issue.end >= end - start:
                    wholes.add((start, end))
                found.append(shift(issue))
            ctx.warnings.extend(w for w in window_ctx.warnings if w not in ctx.warnings)
            for name, score in window_ctx.scores.items():  # the text is as spun as its most spun window
                ctx.scores[name] = max(score, ctx.scores.get(name, score))
            del part, own, window_ctx
            release_memos()  # what one window memoised is not kept for the next (pure memos)
            for release in releases:
                release()
        whole_ctx = Context(settings=self.settings, corpus=corpus, fed=self.fed)
        whole_found: list[Issue] = []
        whole_failures: list[str] = []
        _run([c for c in self.checks if c.name in WHOLE_TEXT_CHECKS], doc, whole_ctx, whole_found, whole_failures)
        doc.release()
        warnings = whole_ctx.warnings + [w for w in ctx.warnings if w not in whole_ctx.warnings]
        scores = dict(whole_ctx.scores)
        for name, score in ctx.scores.items():
            scores[name] = max(score, scores.get(name, score))
        return DocumentResult(self.finish(whole_found + found, len(text), wholes),
                              list(dict.fromkeys(whole_failures + failures)), warnings, scores)

    def finish(self, issues: Iterable[Issue], text_length: int,
               wholes: Collection[tuple[int, int]] = ()) -> list[Issue]:
        """Select/ignore, severity overrides, confidence floor, de-duplication, issues inside
        a span a fix deletes, stable order.  `wholes`: spans of windows whose issues spanning
        all of them are document-level issues, as those spanning the text are."""
        cfg = self.config
        kept = []
        for issue in issues:
            if not cfg.rule_selected(issue.rule, issue.category):
                continue
            if cfg.ignored_for_path(issue.path, issue.rule, issue.category):
                continue
            if issue.confidence < cfg.min_confidence:
                continue
            severity = cfg.severity_for(issue.rule, issue.category, issue.severity)
            if severity != issue.severity:
                issue = replace(issue, severity=severity)
            kept.append(issue)
        kept = outside_deletions(deduplicate(kept, text_length, wholes), text_length, cfg, wholes)
        return sorted(kept, key=lambda i: i.sort_key)


class DocumentResult:
    """Issues of one document, plus the checks that failed, warnings to show once and the
    checks' document-level scores (`Context.scores`)."""

    def __init__(self, issues: list[Issue], failures: list[str], warnings: list[str],
                 scores: dict[str, float] | None = None) -> None:
        self.issues = issues
        self.failures = failures
        self.warnings = warnings
        self.scores = scores or {}

    def issues_or_warn(self, stacklevel: int = 2) -> list[Issue]:
        """The issues, after a `CheckFailedWarning` for each check that failed (`stacklevel`
        as the caller would give it to `warnings.warn`)."""
        for failure in self.failures:
            warnings.warn(failure, CheckFailedWarning, stacklevel=stacklevel + 1)
        return self.issues


def _run(checks: Iterable[Check], doc: Document, ctx: Context, found: list[Issue], failures: list[str]) -> None:
    """Run checks on a document, adding their issues to `found` and their failures to `failures`."""
    for check in checks:
        try:
            found.extend(check.check(doc, ctx))
        except CheckFailure as exc:
            failures.append(str(exc))
        except Exception as exc:  # a bug in one check must not hide the others' findings
            failures.append(f"internal error in check '{check.name}': {type(exc).__name__}: {exc}")


def _whole(issue: Issue, text_length: int, wholes: Collection[tuple[int, int]]) -> bool:
    """Whether an issue spans the whole text (or a whole window of it: `wholes`)."""
    return (issue.start == 0 and issue.end >= text_length) or (issue.start, issue.end) in wholes


def deduplicate(issues: list[Issue], text_length: int, wholes: Collection[tuple[int, int]] = ()) -> list[Issue]:
    """Drop repeats and, within one category, spans that overlap a stronger report.

    Strength is severity, then confidence, then span length.  Whole-document
    issues (such as `spin.document`) never suppress span issues.
    """
    unique = {(i.rule, i.start, i.end): i for i in issues}.values()
    ranked = sorted(
        unique,
        key=lambda i: (-severity_rank(i.severity), -i.confidence, -(i.end - i.start), i.sort_key),
    )
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    kept: list[Issue] = []
    for issue in ranked:
        if _whole(issue, text_length, wholes):
            kept.append(issue)
            continue
        same = spans.setdefault((issue.path, issue.category), [])
        if not _overlaps(same, issue.start, issue.end):
            bisect.insort(same, (issue.start, issue.end))
            kept.append(issue)
    return kept


def outside_deletions(issues: list[Issue], text_length: int, config: Config,
                      wholes: Collection[tuple[int, int]] = ()) -> list[Issue]:
    """Drop the issues inside a span that `--fix` deletes (a layout or spin warning inside a
    video-player notice, a wrapper note inside a deleted tweet): the deletion resolves them,
    so the report shows what `--fix` does."""
    deleted = sorted({(i.start, i.end) for i in issues
                      if i.suggestions[:1] == ("",) and not _whole(i, text_length, wholes)
                      and is_fixable(i, config.fix_min_confidence, config.unfixable)},
                     key=lambda span: (span[0], -span[1]))
    widest: list[tuple[int, int]] = []  # the deleted spans inside no other, by start
    for span in deleted:
        if not widest or span[1] > widest[-1][1]:
            widest.append(span)
    if not widest:
        return issues
    starts = [start for start, _ in widest]

    def inside(issue: Issue) -> bool:
        before = bisect.bisect_right(starts, issue.start)
        if not before:
            return False
        start, end = widest[before - 1]
        return (issue.end <= end
                and ((issue.start, issue.end) != (start, end) or issue.suggestions[:1] != ("",)))

    return [i for i in issues if not inside(i)]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether `[start, end)` overlaps one of `spans`: sorted spans that overlap no other, so
    their ends rise with their starts and only the last span starting before `end` can
    reach past `start` (a bisection, not a scan: a text with 30,000 issues of one category
    took seconds)."""
    before_end = bisect.bisect_left(spans, (end,))
    return before_end > 0 and spans[before_end - 1][1] > start


def _active(check: Check, settings: Any) -> bool:
    active = getattr(check, "active", None)
    return active(settings) if callable(active) else check.enabled_by_default


def _reject_duplicate_ids(rules) -> None:
    seen: dict[str, str] = {}
    for rule in rules:
        where = f"{rule.source}:{rule.line}"
        if rule.id in seen:
            raise PackError(f"{where}: rule {rule.id}: id already defined at {seen[rule.id]}")
        seen[rule.id] = where


def _quietly(load: Callable[..., Any], *args: Any) -> Any:
    """`load(*args)`, or None when it fails: a check reports its own load failure when it runs."""
    try:
        return load(*args)
    except Exception:  # noqa: BLE001
        return None
