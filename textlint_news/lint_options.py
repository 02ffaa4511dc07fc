"""The `lint` command's options: one frozen dataclass that click fills (`click_options`),
and the one place they override the configuration (`configure`).

Each field that is a command-line option says how click reads it (`_option`); a field
that overrides a `Config` field names it (`config`, dotted for `languagetool.url`) and
how the command line's value joins the file's (`merge`: replace it by default).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable

import click

from .config import INPUT_FORMATS, Config, discover, load, parse_size
from .issue import SEVERITIES

#: the exit statuses: nothing at the fail level, issues at it, a file or a usage error
EXIT_CLEAN, EXIT_ISSUES, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "jsonl", "sarif", "github", "verdicts", "html")

Merge = Callable[[Any, Any], Any]


def _split(values: tuple[str, ...]) -> list[str]:
    """Comma-separated values of a repeatable option, as one list."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _replace(current: Any, value: Any) -> Any:
    return value


def _listed(current: list[str], values: tuple[str, ...]) -> list[str]:
    return _split(values)


def _added(current: list[str], values: tuple[str, ...]) -> list[str]:
    return current + _split(values)


def _added_paths(current: list[str], values: tuple[str, ...]) -> list[str]:
    return current + [str(Path(p)) for p in values]


def _size(current: int, value: str) -> int:
    return parse_size(value, "--max-file-size")


def _option(*decls: str, config: str | None = None, merge: Merge = _replace, **attrs: Any) -> Any:
    """A field filled by the click option `decls` (click's `attrs`); not given, it holds
    None, () for a repeatable option or False for a flag; `config` names the `Config`
    field it overrides and `merge` how."""
    default = () if attrs.get("multiple") else False if attrs.get("is_flag") else attrs.get("default")
    return field(default=default, metadata={"click": (decls, attrs), "config": config, "merge": merge})


@dataclass(frozen=True)
class LintOptions:
    """Everything `textlint-news lint` was asked, as typed values."""

    paths: tuple[str, ...]
    fmt: str = _option("--format", type=click.Choice(FORMATS), default="text", show_default=True,
                       help="Output format.")
    output: str | None = _option("-o", "--output", type=click.Path(dir_okay=False),
                                 help="Write the report to FILE (atomically).")
    config_path: str | None = _option("--config", type=click.Path(dir_okay=False), help="Use this config file.")
    isolated: bool = _option("--isolated", is_flag=True, help="Ignore every config file.")
    select: tuple[str, ...] = _option("--select", multiple=True, config="select", merge=_listed,
                                      help="Only these rule id prefixes or categories (comma-separated).")
    ignore: tuple[str, ...] = _option("--ignore", multiple=True, config="ignore", merge=_added,
                                      help="Skip these rule id prefixes or categories (comma-separated).")
    rule_paths: tuple[str, ...] = _option("--rules", multiple=True, type=click.Path(), config="rules",
                                          merge=_added_paths, help="Extra rule pack file or folder.")
    fail_level: str | None = _option("--fail-level", type=click.Choice(SEVERITIES), config="fail_level",
                                     help="Lowest severity that makes the exit code 1.")
    min_confidence: float | None = _option("--min-confidence", type=click.FloatRange(0, 1),
                                           config="min_confidence", help="Drop issues below this confidence.")
    include: tuple[str, ...] = _option("--include", multiple=True, config="include", merge=_listed,
                                       help="File-name globs to lint in folders (default *.txt).")
    exclude: tuple[str, ...] = _option("--exclude", multiple=True, config="exclude", merge=_added,
                                       help="Globs of paths to skip in folders.")
    max_file_size: str | None = _option("--max-file-size", config="max_file_size", merge=_size,
                                        help="Skip larger files with an error (e.g. 10MB).")
    jobs: int | None = _option("-j", "--jobs", type=click.IntRange(0), config="jobs",
                               help="Lint in N processes (default 0: one per core; small runs use fewer).")
    corpus: str | None = _option("--corpus", type=click.Path(exists=True, file_okay=False), config="corpus",
                                 help="Folder of sister copies read for context.")
    stdin_filename: str | None = _option("--stdin-filename", help="Path to report for input read from '-'.")
    input_format: str | None = _option(
        "--input-format", type=click.Choice(INPUT_FORMATS), config="input_format",
        help="Read files as text or as records (default auto: .jsonl, .jsonl.gz, .parquet are records).")
    text_field: str | None = _option("--text-field", config="text_field",
                                     help="The records' text field (default text).")
    id_field: str | None = _option("--id-field", config="id_field",
                                   help="The records' id field (default id; missing: the line or row number).")
    baseline: str | None = _option("--baseline", type=click.Path(dir_okay=False), config="baseline",
                                   help="Report only issues not in this baseline.")
    write_baseline: str | None = _option("--write-baseline", type=click.Path(dir_okay=False),
                                         help="Write every issue found to a baseline and exit 0.")
    languagetool: str | None = _option(
        "--languagetool", config="languagetool.url",
        help="LanguageTool server URL, or 'local' for language-tool-python's own server.")
    require_languagetool: bool = _option("--require-languagetool", is_flag=True, config="languagetool.require",
                                         help="Exit 2 when LanguageTool cannot be reached.")
    no_progress: bool = _option("--no-progress", is_flag=True, help="Never show a progress bar.")
    fix: bool = _option("--fix", is_flag=True,
                        help="Apply confident suggestions in place (atomically); report what is left.")
    diff: bool = _option("--diff", is_flag=True,
                         help="Print the fixes --fix would make as a unified diff; change nothing.")
    fix_min_confidence: float | None = _option("--fix-min-confidence", type=click.FloatRange(0, 1),
                                               config="fix_min_confidence",
                                               help="Lowest confidence --fix applies (default 0.8).")
    unfixable: tuple[str, ...] = _option("--unfixable", multiple=True, config="unfixable", merge=_added,
                                         help="Rule id prefixes or categories --fix leaves alone.")
    statistics: bool = _option("--statistics", is_flag=True,
                               help="Print counts per rule and category on stdout instead of the issues "
                                    "(with -o, after writing the report).")

    @property
    def files(self) -> list[str]:
        """The paths to lint, without '-' (standard input)."""
        return [p for p in self.paths if p != "-"]

    @property
    def reads_stdin(self) -> bool:
        return "-" in self.paths

    @property
    def fixing(self) -> bool:
        """--fix or --diff: the fix step runs."""
        return self.fix or self.diff

    @property
    def fixes_stdin(self) -> bool:
        """--fix on standard input: the fixed text goes to stdout, the report to stderr."""
        return self.fix and self.reads_stdin

    def usage_error(self) -> str | None:
        """Why these options cannot go together, or None."""
        if self.fix and self.diff:
            return "use --fix or --diff, not both"
        if self.fixing and self.write_baseline:
            return "--write-baseline records issues; it cannot be combined with --fix or --diff"
        return None


def click_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a click command with an option per `LintOptions` field, in field order."""
    for spec in reversed(fields(LintOptions)):
        if "click" in spec.metadata:
            decls, attrs = spec.metadata["click"]
            command = click.option(*decls, spec.name, **attrs)(command)
    return command


def _given(value: Any) -> bool:
    return value is not None and value is not False and value != ()


def configure(config: Config, options: LintOptions) -> Config:
    """`config` with every option given on the command line applied; `ConfigError` for a
    bad value (`--max-file-size`)."""
    for spec in fields(options):
        target, value = spec.metadata.get("config"), getattr(options, spec.name)
        if target is None or not _given(value):
            continue
        merge = spec.metadata["merge"]
        outer, _, inner = target.partition(".")
        if inner:  # a field of a nested settings object (languagetool.url)
            nested = getattr(config, outer)
            config = replace(config, **{outer: replace(nested, **{inner: merge(getattr(nested, inner), value)})})
        else:
            config = replace(config, **{outer: merge(getattr(config, outer), value)})
    return config


def load_config(config_path: str | None, isolated: bool) -> Config:
    """The configuration file given (--config), or the one found from here upwards, or
    the defaults (--isolated, or no file found)."""
    if isolated:
        return Config()
    return load(Path(config_path) if config_path else discover())
