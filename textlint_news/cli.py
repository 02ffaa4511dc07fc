"""The `textlint-news` command line (the `lint` run: `textlint_news.lint_run`)."""
from __future__ import annotations

import atexit
import gc
import os
import stat
from typing import Any, Sequence

import click

from . import __version__
from .config import Config, ConfigError
from .lint_options import EXIT_ERROR, LintOptions, click_options, load_config


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"textlint-news: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="textlint-news")
def main() -> None:
    """Find spin, name typos, foreign wrappers and scraping damage in news copies."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click_options
def lint(**values: Any) -> None:
    """Lint files, folders (recursively) or '-' for standard input."""
    from .lint_run import UsageError, run

    # At exit, the interpreter's last collections would scan every table the run loaded
    # (0.05-0.09 CPU s of a one-file run); frozen, they are freed without that scan.
    atexit.register(gc.freeze)
    # One small file makes little cyclic garbage, while every collection of the young generation
    # would scan the tables it loads once more (0.02-0.04 CPU s): the collector stays off for it.
    paused = gc.isenabled() and _one_small_file(values["paths"])
    if paused:
        gc.disable()
    try:
        status = run(LintOptions(**values))
    except UsageError as exc:
        raise _fail(str(exc))
    finally:
        if paused:  # frozen first: what the run allocated is not scanned once it is back on
            gc.freeze()
            gc.enable()
    raise click.exceptions.Exit(status)


#: the largest single file linted with the collector off
ONE_FILE_NO_GC_BYTES = 1 << 20


def _one_small_file(paths: Sequence[str]) -> bool:
    """Whether `paths` is one regular file of at most `ONE_FILE_NO_GC_BYTES`."""
    if len(paths) != 1 or paths[0] == "-":
        return False
    try:
        found = os.stat(paths[0])
    except OSError:
        return False
    return stat.S_ISREG(found.st_mode) and found.st_size <= ONE_FILE_NO_GC_BYTES


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown: the rules reference, docs/rules.md.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
def rules_command(fmt, config_path, isolated) -> None:
    """List every rule: id, category, default severity, description."""
    import json

    from .engine import Linter
    from .rulepack import PackError

    try:
        linter = Linter(load_config(config_path, isolated))
    except (ConfigError, PackError) as exc:
        raise _fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "category": r.category, "severity": r.severity,
                                "description": r.description} for r in linter.known_rules], indent=2))
        return
    if fmt == "markdown":
        from .rules_reference import render_markdown

        click.echo(render_markdown(linter.known_rules), nl=False)
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


class _LazyCommand(click.Command):
    """A command whose module is imported only when it runs or its help is shown: `train` and
    `eval` (textlint_news/spin/commands.py) stay out of a lint's imports."""

    def __init__(self, name: str, target: str) -> None:
        super().__init__(name)
        self._target = target  # "module:attribute"

    def _command(self) -> click.Command:
        import importlib

        module, _, attribute = self._target.partition(":")
        return getattr(importlib.import_module(module), attribute)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: object) -> click.Context:
        return self._command().make_context(info_name, args, parent, **extra)

    def get_short_help_str(self, limit: int = 45) -> str:
        return self._command().get_short_help_str(limit)


def _register_spin_commands() -> None:
    main.add_command(_LazyCommand("train", "textlint_news.spin.commands:train"))
    main.add_command(_LazyCommand("eval", "textlint_news.spin.commands:evaluate"))


_register_spin_commands()
