"""The `lint` command's run, step by step: options → Config, lint, baseline, fix, format, exit status."""
import json
import re
import shutil
from collections import Counter
from dataclasses import fields

import pytest

from textlint_news.baseline import write as write_baseline
from textlint_news.cli import lint as lint_command
from textlint_news.config import Config, ConfigError, LanguageToolConfig
from textlint_news.file_fixes import FileFixer
from textlint_news.lint_options import EXIT_CLEAN, EXIT_ERROR, EXIT_ISSUES, LintOptions, configure
from textlint_news.lint_run import (Report, Tally, UsageError, drop_accepted, exit_status, fix, lint_inputs,
                                    prepare, run)
from textlint_news.results import FileResult
from textlint_news.text_fixes import is_fixable

CLEAN_ARTICLE = "bbc/business/001.txt"  # a clean BBC article: no issue of any severity


def options(*args: str) -> LintOptions:
    """The options click makes of a `textlint-news lint` command line."""
    context = lint_command.make_context("lint", list(args))
    return LintOptions(**context.params)


def linted(path, *args: str) -> FileResult:
    """The one result of linting `path` alone (no config file)."""
    opts = options("--isolated", *args, str(path))
    inputs = lint_inputs(opts, prepare(opts))
    (result,) = list(inputs.files)
    return result


# options -> Config

def test_click_fills_typed_options():
    opts = options("--select", "spin,names", "--select", "wrapper", "-j", "0", "--min-confidence", "0",
                   "--fix", "a.txt", "-")
    assert opts.select == ("spin,names", "wrapper") and opts.ignore == ()
    assert opts.jobs == 0 and opts.min_confidence == 0.0 and opts.fix is True and opts.diff is False
    assert opts.fmt == "text" and opts.baseline is None
    assert opts.files == ["a.txt"] and opts.reads_stdin and opts.fixes_stdin
    with pytest.raises(AttributeError):
        opts.fix = False  # frozen: a step cannot change what was asked


def test_every_option_of_the_command_is_a_field_and_back():
    params = {p.name for p in lint_command.params}
    assert params == {f.name for f in fields(LintOptions)}


def test_no_option_given_leaves_the_config_as_it_was():
    config = Config(select=["spin"], ignore=["names"], jobs=3, min_confidence=0.4,
                    languagetool=LanguageToolConfig(url="http://lt", require=True))
    assert configure(config, options("x.txt")) == config


def test_options_replace_or_extend_the_config_as_documented(tmp_path):
    config = Config(select=["spin"], ignore=["names"], exclude=["old/*"], unfixable=["layout"],
                    rules=["packs/a.yml"], include=["*.md"], jobs=3, min_confidence=0.4,
                    languagetool=LanguageToolConfig(url="http://lt", timeout=3.0))
    got = configure(config, options(
        "--select", "wrapper,boilerplate", "--ignore", "layout", "--exclude", "new/*", "--unfixable", "names",
        "--rules", "packs//b.yml", "--include", "*.txt", "-j", "0", "--min-confidence", "0",
        "--fail-level", "error", "--max-file-size", "2KiB", "--fix-min-confidence", "0.9",
        "--input-format", "jsonl", "--text-field", "body", "--id-field", "key", "--baseline", "b.json",
        "--require-languagetool", "x.txt"))
    assert got.select == ["wrapper", "boilerplate"] and got.include == ["*.txt"]  # replaced
    assert got.ignore == ["names", "layout"] and got.exclude == ["old/*", "new/*"]  # extended
    assert got.unfixable == ["layout", "names"] and got.rules == ["packs/a.yml", "packs/b.yml"]
    assert (got.jobs, got.min_confidence, got.fail_level, got.max_file_size) == (0, 0.0, "error", 2048)
    assert (got.fix_min_confidence, got.input_format, got.text_field, got.id_field) == (0.9, "jsonl", "body", "key")
    assert got.baseline == "b.json"
    assert got.languagetool == LanguageToolConfig(url="http://lt", timeout=3.0, require=True)
    assert config.select == ["spin"] and config.languagetool.require is False  # the loaded config is kept
    assert configure(Config(), options("--languagetool", "local", "x.txt")).languagetool.url == "local"


def test_a_bad_size_is_a_config_error():
    with pytest.raises(ConfigError, match="'--max-file-size': must be a size"):
        configure(Config(), options("--max-file-size", "big", "x.txt"))


# prepare

@pytest.mark.parametrize("args, message", [
    (["--fix", "--diff"], "use --fix or --diff, not both"),
    (["--diff", "--write-baseline", "b.json"], "--write-baseline records issues"),
    (["--select", "spni"], "unknown rule selector 'spni'"),
    (["--max-file-size", "0"], "'--max-file-size'"),
])
def test_prepare_refuses_bad_options(args, message):
    with pytest.raises(UsageError, match=re.escape(message)):
        prepare(options("--isolated", *args, "x.txt"))


def test_prepare_reads_the_baseline_unless_one_is_being_written(tmp_path):
    baseline = tmp_path / "b.json"
    write_baseline(baseline, ["f1", "f1", "f2"])
    assert prepare(options("--isolated", "--baseline", str(baseline), "x.txt")).accepted == Counter(f1=2, f2=1)
    assert prepare(options("--isolated", "--baseline", str(baseline), "--write-baseline", str(baseline),
                           "x.txt")).accepted is None
    baseline.write_text("{}", encoding="utf-8")
    with pytest.raises(UsageError, match="not a textlint-news baseline"):
        prepare(options("--isolated", "--baseline", str(baseline), "x.txt"))


# lint

def test_lint_step_gives_stdin_first_then_the_files_in_order(seeds_dir, seed_path):
    opts = options("--isolated", "--stdin-filename", "feed/item.txt", "-", str(seeds_dir))
    inputs = lint_inputs(opts, prepare(opts), seed_path(1).read_bytes())
    assert inputs.stdin.path == "feed/item.txt" and inputs.stdin.issues
    assert inputs.stdin_doc.text == seed_path(1).read_text(encoding="utf-8")
    files = list(inputs.files)
    assert inputs.total == len(files) == 5
    assert [r.path for r in files] == sorted(str(p) for p in seeds_dir.glob("*.txt"))


def test_lint_step_reports_undecodable_stdin_as_an_error():
    opts = options("--isolated", "-")
    inputs = lint_inputs(opts, prepare(opts), b"\x00\x01binary\x00")
    assert inputs.stdin.errors and not inputs.stdin.issues and inputs.stdin_doc is None


def test_lint_step_refuses_to_fix_records(tmp_path, seed_path):
    records = tmp_path / "copies.jsonl"
    records.write_text(json.dumps({"id": "a", "text": seed_path(1).read_text(encoding="utf-8")}) + "\n")
    opts = options("--isolated", "--diff", str(records))
    with pytest.raises(UsageError, match="records"):
        lint_inputs(opts, prepare(opts))
    plain = options("--isolated", str(records))
    assert lint_inputs(plain, prepare(plain)).total == 0  # records are counted only as read


# baseline

def test_baseline_step_drops_accepted_issues_and_their_fingerprints(seed_path):
    result = linted(seed_path(1))
    assert len(result.issues) >= 2
    first, rest = result.fingerprints[0], result.fingerprints[1:]
    accepted = Counter([first])
    drop_accepted(result, accepted)
    assert result.fingerprints == rest and len(result.issues) == len(rest)
    assert accepted[first] == 0  # consumed: a second copy of the issue would be new
    before = list(result.issues)
    drop_accepted(result, None)
    assert result.issues == before


# fix

def test_fix_step_fixes_a_copy_of_a_seed_or_only_shows_the_diff(seed_path, tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copyfile(seed_path(1), copy)
    original = copy.read_text(encoding="utf-8")
    result = linted(copy)
    fixable = [i for i in result.issues if is_fixable(i, 0.8)]
    assert fixable
    shown = fix(result, FileFixer(0.8, [], 10**7, write=False))
    assert shown.fixed == len(fixable) and shown.diff.startswith(f"--- a/{copy}\n+++ b/{copy}\n")
    assert copy.read_text(encoding="utf-8") == original
    assert not any(is_fixable(i, 0.8) for i in result.issues)  # what is left is reported

    result = linted(copy)
    done = fix(result, FileFixer(0.8, [], 10**7, write=True))
    assert copy.read_text(encoding="utf-8") == done.text == shown.text != original


def test_fix_step_on_stdin_returns_the_text_and_writes_no_file(seed_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    opts = options("--isolated", "--fix", "--stdin-filename", "feed.txt", "-")
    inputs = lint_inputs(opts, prepare(opts), seed_path(1).read_bytes())
    done = fix(inputs.stdin, FileFixer(0.8, [], 10**7, write=True), inputs.stdin_doc)
    assert done.fixed and done.text != inputs.stdin_doc.text
    assert list(tmp_path.iterdir()) == []


# tally and report

def test_tally_counts_errors_shows_each_warning_once_and_knows_the_fail_level(seed_path, capsys):
    result = linted(seed_path(1))
    severities = {i.severity for i in result.issues}
    assert "error" in severities
    tally = Tally(fail_level="error")
    tally.add(result)
    tally.add(FileResult("a.txt", errors=["a.txt: unreadable"], warnings=["slow"]))
    tally.add(FileResult("b.txt", warnings=["slow"]))
    assert tally.failing and tally.errors == 1
    assert capsys.readouterr().err == "a.txt: unreadable\ntextlint-news: warning: slow\n"


def test_tally_of_a_clean_article_is_not_failing(data_dir, capsys):
    result = linted(data_dir / CLEAN_ARTICLE)
    tally = Tally(fail_level="info")
    tally.add(result)
    assert result.issues == [] and not tally.failing and tally.errors == 0
    assert capsys.readouterr().err == ""


def test_report_writes_the_format_to_a_file_and_statistics_to_stdout(seed_path, tmp_path, capsys):
    out = tmp_path / "report.json"
    opts = options("--isolated", "--format", "json", "--statistics", "-o", str(out), str(seed_path(1)))
    setup = prepare(opts)
    result = next(lint_inputs(opts, setup).files)
    report = Report(opts, setup)
    report.add(result)
    report.close(Tally())
    assert [i["rule"] for i in json.loads(out.read_text())] == [i.rule for i in result.issues]
    stats = json.loads(capsys.readouterr().out)
    assert stats["issues"] == len(result.issues) and stats["files"] == 1


def test_report_collects_fingerprints_for_a_baseline(seed_path, tmp_path, capsys):
    target = tmp_path / "b.json"
    opts = options("--isolated", "--write-baseline", str(target), str(seed_path(1)))
    setup = prepare(opts)
    result = next(lint_inputs(opts, setup).files)
    report = Report(opts, setup)
    report.add(result)
    report.close(Tally())
    assert capsys.readouterr() == ("", f"Wrote baseline {target} accepting {len(result.issues)} issues.\n")
    assert prepare(options("--isolated", "--baseline", str(target), "x")).accepted == Counter(result.fingerprints)


# exit status

@pytest.mark.parametrize("tally, args, code", [
    (Tally(), [], EXIT_CLEAN),
    (Tally(failing=True), [], EXIT_ISSUES),
    (Tally(failing=True, errors=1), [], EXIT_ERROR),
    (Tally(failing=True), ["--diff"], EXIT_CLEAN),  # --diff: only a change fails
    (Tally(fixed_files=1), ["--diff"], EXIT_ISSUES),
    (Tally(failing=True), ["--write-baseline", "b.json"], EXIT_CLEAN),
    (Tally(errors=2), ["--write-baseline", "b.json"], EXIT_ERROR),
    (Tally(failing=True, fixed_files=1), ["--fix"], EXIT_ISSUES),  # issues left after fixing
])
def test_exit_status(tally, args, code):
    assert exit_status(tally, options(*args, "x.txt")) == code


def test_the_whole_run_on_the_seeds_and_on_a_clean_article(seeds_dir, data_dir, capsys):
    assert run(options("--isolated", "--format", "jsonl", str(seeds_dir))) == EXIT_ISSUES
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {f["path"] for f in found} <= {str(p) for p in seeds_dir.glob("*.txt")} and len(found) > 10
    assert run(options("--isolated", "--fail-level", "info", str(data_dir / CLEAN_ARTICLE))) == EXIT_CLEAN
    assert capsys.readouterr().out == "No issues in 1 file.\n"
