"""The `textlint-news` command line."""
from __future__ import annotations

import io
import sys
from dataclasses import replace
from pathlib import Path

import click

from . import __version__
from .config import INPUT_FORMATS, Config, ConfigError, discover, load, parse_size
from .issue import SEVERITIES, severity_rank

EXIT_CLEAN, EXIT_ISSUES, EXIT_ERROR = 0, 1, 2
PROGRESS_MIN_FILES = 20


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"textlint-news: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _load_config(config_path: str | None, isolated: bool) -> Config:
    if isolated:
        return Config()
    path = Path(config_path) if config_path else discover()
    return load(path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="textlint-news")
def main() -> None:
    """Find spin, name typos, foreign wrappers and scraping damage in news copies."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "sarif", "github", "verdicts", "html"]),
              default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE (atomically).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--select", multiple=True, help="Only these rule id prefixes or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule id prefixes or categories (comma-separated).")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(), help="Extra rule pack file or folder.")
@click.option("--fail-level", type=click.Choice(SEVERITIES), help="Lowest severity that makes the exit code 1.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Drop issues below this confidence.")
@click.option("--include", multiple=True, help="File-name globs to lint in folders (default *.txt).")
@click.option("--exclude", multiple=True, help="Globs of paths to skip in folders.")
@click.option("--max-file-size", help="Skip larger files with an error (e.g. 10MB).")
@click.option("-j", "--jobs", type=click.IntRange(0), help="Lint in N processes (default 0: one per core; small runs use fewer).")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False), help="Folder of sister copies read for context.")
@click.option("--stdin-filename", help="Path to report for input read from '-'.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS),
              help="Read files as text or as records (default auto: .jsonl, .jsonl.gz, .parquet are records).")
@click.option("--text-field", help="The records' text field (default text).")
@click.option("--id-field", help="The records' id field (default id; missing: the line or row number).")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only issues not in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Write every issue found to a baseline and exit 0.")
@click.option("--languagetool", help="LanguageTool server URL, or 'local' for language-tool-python's own server.")
@click.option("--require-languagetool", is_flag=True, help="Exit 2 when LanguageTool cannot be reached.")
@click.option("--no-progress", is_flag=True, help="Never show a progress bar.")
@click.option("--fix", is_flag=True, help="Apply confident suggestions in place (atomically); report what is left.")
@click.option("--diff", is_flag=True, help="Print the fixes --fix would make as a unified diff; change nothing.")
@click.option("--fix-min-confidence", type=click.FloatRange(0, 1), help="Lowest confidence --fix applies (default 0.8).")
@click.option("--unfixable", multiple=True, help="Rule id prefixes or categories --fix leaves alone.")
@click.option("--statistics", is_flag=True, help="Print counts per rule and category on stdout instead of the issues (with -o, after writing the report).")
def lint(paths, fmt, output, config_path, isolated, select, ignore, rule_paths, fail_level,
         min_confidence, include, exclude, max_file_size, jobs, corpus, stdin_filename, input_format,
         text_field, id_field, baseline, write_baseline, languagetool, require_languagetool,
         no_progress, fix, diff, fix_min_confidence, unfixable, statistics) -> None:
    """Lint files, folders (recursively) or '-' for standard input."""
    from .api import FileResult, collect_targets, lint_document, lint_paths
    from .baseline import load as load_baseline, new_issues, write as write_baseline_file
    from .engine import Linter
    from .fixer import FileFixer
    from .inputs import InputError, decode_document
    from .rulepack import PackError

    if fix and diff:
        raise _fail("use --fix or --diff, not both")
    if (fix or diff) and write_baseline:
        raise _fail("--write-baseline records issues; it cannot be combined with --fix or --diff")
    try:
        config = _load_config(config_path, isolated)
        config = _apply_options(config, select, ignore, rule_paths, fail_level, min_confidence,
                                include, exclude, max_file_size, jobs, corpus, baseline,
                                languagetool, require_languagetool)
        if fix_min_confidence is not None:
            config = replace(config, fix_min_confidence=fix_min_confidence)
        if unfixable:
            config = replace(config, unfixable=config.unfixable + _split(unfixable))
        config = _apply_record_options(config, input_format, text_field, id_field)
        linter = Linter(config)
        accepted = load_baseline(Path(config.baseline)) if config.baseline and not write_baseline else None
    except (ConfigError, PackError, ValueError) as exc:
        raise _fail(str(exc))

    file_paths = [p for p in paths if p != "-"]
    fixer = FileFixer(config.fix_min_confidence, config.unfixable, config.max_file_size,
                      write=fix) if fix or diff else None
    fixed_stdin = fix and "-" in paths  # the fixed text goes to stdout, the report elsewhere
    stream = io.StringIO() if output or diff or statistics else sys.stderr if fixed_stdin else sys.stdout
    from .formatters import formatter
    from .formatters.statistics import Statistics

    out = formatter(fmt, stream, linter.known_rules, color=not output and stream.isatty(),
                    fail_level=config.fail_level)
    stats = Statistics() if statistics else None
    results: list[FileResult] = []
    stdin_doc = None
    if "-" in paths:
        name = stdin_filename or "-"
        try:
            stdin_doc = decode_document(sys.stdin.buffer.read(), name, config.max_file_size)
            results.append(lint_document(linter, stdin_doc))
        except InputError as exc:
            results.append(FileResult(name, errors=[str(exc)]))
    stream_results = lint_paths(file_paths, config, linter=linter) if file_paths else iter(())
    targets = collect_targets(file_paths, config) if file_paths else []
    if _has_records(targets, config):
        if fixer is not None:
            raise _fail("--fix and --diff rewrite text files; records (JSONL, Parquet) are not fixed")
        total = 0  # records are counted only as they are read: no progress bar
    else:
        total = len(targets)
    show_progress = (not no_progress and not out.machine and total >= PROGRESS_MIN_FILES
                     and sys.stderr.isatty())

    errors = 0
    shown_warnings: set[str] = set()
    failing = changed = False
    fingerprints: list[str] = []
    fixed_issues = fixed_files = 0

    def handle(result: FileResult, stdin: bool = False) -> None:
        nonlocal errors, failing, changed, fixed_issues, fixed_files
        if accepted is not None:
            kept = new_issues(result.issues, result.fingerprints, accepted)
            keep_ids = {id(i) for i in kept}
            result.fingerprints = [f for i, f in zip(result.issues, result.fingerprints) if id(i) in keep_ids]
            result.issues = kept
        if fixer is not None:
            text = stdin_doc.text if stdin and stdin_doc else None
            done = fixer.fix(result, text, stdin_doc.encoding if text is not None else "utf-8")
            if done.fixed:
                changed = True
                fixed_issues += done.fixed
                fixed_files += 1
                if diff:
                    click.echo(done.diff, nl=False)
            if fixed_stdin and stdin:
                click.echo(done.text if done.text is not None else stdin_doc.text if stdin_doc else "", nl=False)
        for message in result.errors:
            errors += 1
            click.echo(message, err=True)
        for message in result.warnings:
            if message not in shown_warnings:
                shown_warnings.add(message)
                click.echo(f"textlint-news: warning: {message}", err=True)
        fingerprints.extend(result.fingerprints)
        if any(severity_rank(i.severity) >= severity_rank(config.fail_level) for i in result.issues):
            failing = True
        if not write_baseline:
            out.add(result)
            if stats:
                stats.add(result)

    for result in results:
        handle(result, stdin=True)
    if show_progress:
        with click.progressbar(stream_results, length=total, label="Linting", file=sys.stderr) as bar:
            for result in bar:
                handle(result)
    else:
        for result in stream_results:
            handle(result)

    if write_baseline:
        count = write_baseline_file(Path(write_baseline), fingerprints)
        click.echo(f"Wrote baseline {write_baseline} accepting {count} issue{'s' * (count != 1)}.", err=True)
        raise click.exceptions.Exit(EXIT_ERROR if errors else EXIT_CLEAN)
    out.close()
    if output:
        from .writing import write_atomic

        write_atomic(Path(output), stream.getvalue())
    if stats:
        stats.write(sys.stderr if fixed_stdin else sys.stdout, as_json=fmt == "json")
    if fix or diff:
        verb = "Fixed" if fix else "Would fix"
        click.echo(f"{verb} {fixed_issues} issue{'s' * (fixed_issues != 1)} in {fixed_files} "
                   f"file{'s' * (fixed_files != 1)}.", err=True)
    if errors:
        raise click.exceptions.Exit(EXIT_ERROR)
    if diff:
        raise click.exceptions.Exit(EXIT_ISSUES if changed else EXIT_CLEAN)
    raise click.exceptions.Exit(EXIT_ISSUES if failing else EXIT_CLEAN)


def _apply_options(config: Config, select, ignore, rule_paths, fail_level, min_confidence, include,
                   exclude, max_file_size, jobs, corpus, baseline, languagetool,
                   require_languagetool) -> Config:
    changes: dict = {}
    if select:
        changes["select"] = _split(select)
    if ignore:
        changes["ignore"] = config.ignore + _split(ignore)
    if rule_paths:
        changes["rules"] = config.rules + [str(Path(p)) for p in rule_paths]
    if fail_level:
        changes["fail_level"] = fail_level
    if min_confidence is not None:
        changes["min_confidence"] = min_confidence
    if include:
        changes["include"] = _split(include)
    if exclude:
        changes["exclude"] = config.exclude + _split(exclude)
    if max_file_size:
        changes["max_file_size"] = parse_size(max_file_size, "--max-file-size")
    if jobs is not None:
        changes["jobs"] = jobs
    if corpus:
        changes["corpus"] = corpus
    if baseline:
        changes["baseline"] = baseline
    if languagetool or require_languagetool:
        lt = config.languagetool
        changes["languagetool"] = replace(lt, url=languagetool or lt.url,
                                          require=require_languagetool or lt.require)
    return replace(config, **changes)


def _apply_record_options(config: Config, input_format: str | None, text_field: str | None,
                          id_field: str | None) -> Config:
    """The config with the record options given on the command line."""
    changes = {"input_format": input_format, "text_field": text_field, "id_field": id_field}
    return replace(config, **{k: v for k, v in changes.items() if v is not None})


def _has_records(targets: list, config: Config) -> bool:
    """Whether JSONL or Parquet files (records, `textlint_news.records`) are among the targets."""
    from .records import record_format

    return any(t.path is not None and record_format(t.path, config.input_format) != "text" for t in targets)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
def rules_command(fmt, config_path, isolated) -> None:
    """List every rule: id, category, default severity, description."""
    import json

    from .engine import Linter
    from .rulepack import PackError

    try:
        linter = Linter(_load_config(config_path, isolated))
    except (ConfigError, PackError) as exc:
        raise _fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "category": r.category, "severity": r.severity,
                                "description": r.description} for r in linter.known_rules], indent=2))
        return
    width = max(len(r.id) for r in linter.known_rules)
    click.echo(f"{'RULE':<{width}}  {'CATEGORY':<15}  {'SEVERITY':<8}  DESCRIPTION")
    for r in linter.known_rules:
        click.echo(f"{r.id:<{width}}  {r.category:<15}  {r.severity:<8}  {r.description}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain one rule: what it finds, why, and how to fix or silence it."""
    from .check import resolve_rule
    from .engine import Linter

    linter = Linter(Config())
    info = resolve_rule({r.id: r for r in linter.known_rules}, rule)
    if info is None:
        close = [r.id for r in linter.known_rules if r.id.startswith(rule.split(".")[0])]
        hint = f" (rules in that family: {', '.join(close)})" if close else ""
        raise _fail(f"unknown rule {rule!r}{hint}; `textlint-news rules` lists them all")
    family = f" (rule family {info.id})" if info.id != rule else ""
    click.echo(f"{rule}{family}  [{info.category}, default severity {info.severity}]\n")
    click.echo(info.description)
    if info.explain:
        click.echo(f"\n{info.explain}")
    click.echo(f"\nDefined in: {info.source}")
    click.echo(f"Silence it: --ignore {info.id}  or  ignore = [\"{info.id}\"] in [tool.textlint-news]")


def _register_spin_commands() -> None:
    from .spin.commands import evaluate, train

    main.add_command(train)
    main.add_command(evaluate)


_register_spin_commands()
