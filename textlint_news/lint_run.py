"""The `lint` command's run: lint → baseline → fix → format → exit status (docs/cli.md).

`prepare` turns the options into a configuration and a linter; `lint_inputs` lints
standard input and the paths; each result then passes `drop_accepted` (the baseline),
`fix` (--fix, --diff), `Tally.add` (errors and warnings shown, failing severities
counted) and `Report.add` (the formatter, --statistics or the baseline being written);
`exit_status` gives the code.  `run` wires the steps, each of which a test can call alone.
"""
from __future__ import annotations

import io
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import click

from .api import collect_targets, lint_document, lint_paths
from .baseline import load as load_baseline, new_issues, write as write_baseline
from .config import Config, ConfigError
from .document import Document
from .engine import Linter
from .file_fixes import FileFix, FileFixer
from .issue import severity_rank
from .lint_options import EXIT_CLEAN, EXIT_ERROR, EXIT_ISSUES, LintOptions, configure, load_config
from .loader import InputError, decode_document
from .results import FileResult
from .rulepack import PackError
from .writing import write_atomic

PROGRESS_MIN_FILES = 20


class UsageError(Exception):
    """The run cannot start (options, configuration, rule pack or baseline): exit 2."""


@dataclass
class Setup:
    """What every step reads: the configuration with the options applied, the linter and
    the baseline's accepted fingerprints (None: no baseline)."""

    config: Config
    linter: Linter
    accepted: Counter | None = None


def prepare(options: LintOptions) -> Setup:
    """Configuration, linter and baseline for `options`; `UsageError` when they are bad."""
    problem = options.usage_error()
    if problem:
        raise UsageError(problem)
    try:
        config = configure(load_config(options.config_path, options.isolated), options)
        linter = Linter(config)
        accepted = (load_baseline(Path(config.baseline))
                    if config.baseline and not options.write_baseline else None)
    except (ConfigError, PackError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    return Setup(config, linter, accepted)


@dataclass
class Inputs:
    """The lint step's results: standard input's (linted at once) and the files' (linted
    as they are read); `total` files, 0 when records are read (counted only as read)."""

    stdin: FileResult | None
    stdin_doc: Document | None
    files: Iterator[FileResult]
    total: int


def lint_inputs(options: LintOptions, setup: Setup, stdin: bytes | None = None) -> Inputs:
    """The lint step: lint standard input (`stdin`, read when None and '-' is a path)
    and the paths; `UsageError` when --fix or --diff would meet records."""
    config, files = setup.config, options.files
    targets = collect_targets(files, config) if files else []
    records = _has_records(targets, config)
    if records and options.fixing:
        raise UsageError("--fix and --diff rewrite text files; records (JSONL, Parquet) are not fixed")
    result = doc = None
    if options.reads_stdin:
        name = options.stdin_filename or "-"
        try:
            doc = decode_document(sys.stdin.buffer.read() if stdin is None else stdin, name, config.max_file_size)
            result = lint_document(setup.linter, doc)
        except InputError as exc:
            result = FileResult(name, errors=[str(exc)])
    linted = lint_paths(files, config, linter=setup.linter) if files else iter(())
    return Inputs(result, doc, linted, 0 if records else len(targets))


def _has_records(targets: list, config: Config) -> bool:
    """Whether JSONL or Parquet files (records, `textlint_news.records`) are among the targets."""
    from .records import record_format

    return any(t.path is not None and record_format(t.path, config.input_format) != "text" for t in targets)


def drop_accepted(result: FileResult, accepted: Counter | None) -> None:
    """The baseline step: keep only the issues (and their fingerprints) the baseline does not
    accept; consumes `accepted` counts."""
    if accepted is None:
        return
    kept = new_issues(result.issues, result.fingerprints, accepted)
    keep_ids = {id(i) for i in kept}
    result.fingerprints = [f for i, f in zip(result.issues, result.fingerprints) if id(i) in keep_ids]
    result.issues = kept


def fix(result: FileResult, fixer: FileFixer, stdin_doc: Document | None = None) -> FileFix:
    """The fix step: apply the result's confident fixes to its file, or to the text read from
    standard input (`stdin_doc`); `result` keeps the issues left and any error."""
    if stdin_doc is None:
        return fixer.fix(result)
    return fixer.fix(result, stdin_doc.text, stdin_doc.encoding)


@dataclass
class Tally:
    """What the results so far call for: errors, failing issues and fixes; each warning is
    shown once."""

    fail_level: str = "warning"
    errors: int = 0
    failing: bool = False
    fixed_issues: int = 0
    fixed_files: int = 0
    shown_warnings: set[str] = field(default_factory=set)

    def add_fix(self, done: FileFix) -> None:
        if done.fixed:
            self.fixed_issues += done.fixed
            self.fixed_files += 1

    def add(self, result: FileResult) -> None:
        """Count the result and show its errors and new warnings on stderr."""
        for message in result.errors:
            self.errors += 1
            click.echo(message, err=True)
        for message in result.warnings:
            if message not in self.shown_warnings:
                self.shown_warnings.add(message)
                click.echo(f"textlint-news: warning: {message}", err=True)
        level = severity_rank(self.fail_level)
        self.failing = self.failing or any(severity_rank(i.severity) >= level for i in result.issues)


class Report:
    """The format step: results go to the formatter (and --statistics), or their fingerprints
    to the baseline being written (--write-baseline); `close` writes what is left.

    The report goes to stdout, to stderr when stdout carries standard input's fixed text,
    and is kept in memory when it goes to -o, is replaced by --statistics or by --diff.
    """

    def __init__(self, options: LintOptions, setup: Setup) -> None:
        from .formatters import formatter
        from .formatters.statistics import Statistics

        self.options = options
        self.buffer = io.StringIO() if options.output or options.diff or options.statistics else None
        stream = self.buffer or (sys.stderr if options.fixes_stdin else sys.stdout)
        self.formatter = formatter(options.fmt, stream, setup.linter.known_rules,
                                   color=not options.output and stream.isatty(),
                                   fail_level=setup.config.fail_level)
        self.statistics = Statistics() if options.statistics else None
        self.fingerprints: list[str] = []

    def add(self, result: FileResult) -> None:
        if self.options.write_baseline:
            self.fingerprints.extend(result.fingerprints)
            return
        self.formatter.add(result)
        if self.statistics:
            self.statistics.add(result)

    def close(self, tally: Tally) -> None:
        """Write the baseline, or end the report, write -o and the statistics; then the
        line that sums up the fixes."""
        options = self.options
        if options.write_baseline:
            count = write_baseline(Path(options.write_baseline), self.fingerprints)
            click.echo(f"Wrote baseline {options.write_baseline} accepting {count} "
                       f"issue{'s' * (count != 1)}.", err=True)
            return
        self.formatter.close()
        if options.output:
            write_atomic(Path(options.output), self.buffer.getvalue())
        if self.statistics:
            self.statistics.write(sys.stderr if options.fixes_stdin else sys.stdout, as_json=options.fmt == "json")
        if options.fixing:
            verb = "Fixed" if options.fix else "Would fix"
            click.echo(f"{verb} {tally.fixed_issues} issue{'s' * (tally.fixed_issues != 1)} in "
                       f"{tally.fixed_files} file{'s' * (tally.fixed_files != 1)}.", err=True)


def exit_status(tally: Tally, options: LintOptions) -> int:
    """2 when a file could not be linted (or fixed); else 0 after --write-baseline; else,
    with --diff, 1 when a fix would change a file; else 1 when an issue reaches the fail level."""
    if tally.errors:
        return EXIT_ERROR
    if options.write_baseline:
        return EXIT_CLEAN
    if options.diff:
        return EXIT_ISSUES if tally.fixed_files else EXIT_CLEAN
    return EXIT_ISSUES if tally.failing else EXIT_CLEAN


def run(options: LintOptions) -> int:
    """Lint as `options` say and report; the exit status.  `UsageError` before anything is
    linted when the options, configuration, rule packs or baseline are bad."""
    setup = prepare(options)
    inputs = lint_inputs(options, setup)
    fixer = (FileFixer(setup.config.fix_min_confidence, setup.config.unfixable, setup.config.max_file_size,
                       write=options.fix) if options.fixing else None)
    report = Report(options, setup)
    tally = Tally(setup.config.fail_level)

    def one(result: FileResult, stdin_doc: Document | None = None) -> None:
        drop_accepted(result, setup.accepted)
        if fixer is not None:
            done = fix(result, fixer, stdin_doc)
            tally.add_fix(done)
            _show_fix(done, options, result is inputs.stdin, stdin_doc)
        tally.add(result)
        report.add(result)

    if inputs.stdin is not None:
        one(inputs.stdin, inputs.stdin_doc)
    with _progress(inputs, options, report) as results:
        for result in results:
            one(result)
    report.close(tally)
    return exit_status(tally, options)


def _show_fix(done: FileFix, options: LintOptions, from_stdin: bool, stdin_doc: Document | None) -> None:
    """Print the fix's diff (--diff), and standard input's text, fixed or not (--fix on '-')."""
    if options.diff and done.fixed:
        click.echo(done.diff, nl=False)
    if options.fix and from_stdin:
        text = done.text if done.text is not None else stdin_doc.text if stdin_doc else ""
        click.echo(text, nl=False)


@contextmanager
def _progress(inputs: Inputs, options: LintOptions, report: Report) -> Iterator[Iterable[FileResult]]:
    """The files' results, behind a progress bar on a terminal for a long run of a
    human-readable format."""
    if (options.no_progress or report.formatter.machine or inputs.total < PROGRESS_MIN_FILES
            or not sys.stderr.isatty()):
        yield inputs.files
        return
    with click.progressbar(inputs.files, length=inputs.total, label="Linting", file=sys.stderr) as bar:
        yield bar
