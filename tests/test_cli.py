"""The command line: formats, exit codes, stdin, parallel order, output file, baseline, rules."""
import json
import re

import pytest
from click.testing import CliRunner

import textlint_news
import textlint_news.config
from textlint_news.cli import main
from textlint_news.issue import JSON_KEYS

DAMAGED = "Title\r\n\r\nAdvertisement\r\n\r\nBody 😀 text.\r\n\r\nAdvertisement\r\n"
CLEAN = "Title\n\nThe council met on Tuesday and approved the budget.\n"
SELECT = ["--isolated", "--select", "boilerplate.ad-slot"]


@pytest.fixture
def files(tmp_path):
    (tmp_path / "damaged.txt").write_bytes(DAMAGED.encode("utf-8"))
    (tmp_path / "clean.txt").write_text(CLEAN)
    return tmp_path


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_json_matches_the_contract(files):
    result = run("lint", *SELECT, "--format", "json", str(files / "damaged.txt"), str(files / "clean.txt"))
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    assert [tuple(i) for i in issues] == [JSON_KEYS, JSON_KEYS]
    text = DAMAGED
    assert [text[i["start"]:i["end"]] for i in issues] == ["Advertisement", "Advertisement"]
    assert [(i["line"], i["column"], i["end_line"], i["end_column"]) for i in issues] == [(3, 1, 3, 14), (7, 1, 7, 14)]
    assert issues[0]["suggestions"] == [""] and issues[0]["path"].endswith("damaged.txt")


def test_jsonl_is_one_object_per_line(files):
    lines = run("lint", *SELECT, "--format", "jsonl", str(files / "damaged.txt")).stdout.splitlines()
    assert [json.loads(line)["rule"] for line in lines] == ["boilerplate.ad-slot"] * 2


def test_sarif_is_well_formed(files):
    log = json.loads(run("lint", *SELECT, "--format", "sarif", str(files / "damaged.txt")).stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["boilerplate.ad-slot"]
    assert rules[0]["defaultConfiguration"]["level"] == "warning"
    first, second = run_["results"]
    assert first["ruleId"] == "boilerplate.ad-slot" and first["ruleIndex"] == 0 and first["level"] == "warning"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 14, "charOffset": 9, "charLength": 13,
    }
    assert first["partialFingerprints"]["textlintNews/v1"] == second["partialFingerprints"]["textlintNews/v1"]
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": ""}


def test_sarif_locations_are_relative_to_a_declared_base_or_absolute(files, tmp_path, monkeypatch):
    """A path given as '../x' made a relative URI with '..' and no base: viewers could not
    place it."""
    work = tmp_path / "work folder"
    work.mkdir()
    (work / "inside.txt").write_text(DAMAGED)
    monkeypatch.chdir(work)
    log = json.loads(run("lint", *SELECT, "--format", "sarif", "inside.txt", "../damaged.txt").stdout)
    run_ = log["runs"][0]
    assert run_["originalUriBaseIds"] == {"SRCROOT": {"uri": work.as_uri() + "/"}}
    where = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run_["results"]]
    assert where[0] == {"uri": "inside.txt", "uriBaseId": "SRCROOT"}
    assert where[-1] == {"uri": (tmp_path / "damaged.txt").as_uri()}
    assert all(".." not in w["uri"] for w in where)


def test_github_annotations(files):
    out = run("lint", *SELECT, "--format", "github", str(files / "damaged.txt")).stdout.splitlines()
    assert len(out) == 2
    assert re.fullmatch(
        r"::warning file=.*damaged\.txt,line=3,col=1,endLine=3,endColumn=14,title=boilerplate\.ad-slot::.+", out[0]
    )


def test_github_annotation_says_delete_for_a_deletion(files):
    out = run("lint", *SELECT, "--format", "github", str(files / "damaged.txt")).stdout
    assert out.splitlines()[0].endswith("; delete it (suggestion: delete)"), out
    assert "(suggestion: '')" not in out


@pytest.mark.parametrize("bad, cause", [
    ("missing.txt", None), ("empty.txt", b""), ("binary.txt", b"\x00\x01binary\x00"),
])
def test_a_file_that_could_not_be_linted_is_not_summarised_as_clean(files, bad, cause):
    if cause is not None:
        (files / bad).write_bytes(cause)
    alone = run("lint", *SELECT, str(files / bad))
    assert alone.exit_code == 2 and alone.stdout == "No issues in 0 files; 1 file could not be linted (errors above).\n"
    both = run("lint", *SELECT, str(files / bad), str(files / "damaged.txt"))
    assert both.exit_code == 2
    assert both.stdout.splitlines()[-1] == (
        "Found 2 issues (2 warnings) in 1 of 2 files; 1 file could not be linted (errors above).")


def test_text_output_and_summary(files):
    result = run("lint", *SELECT, str(files / "damaged.txt"), str(files / "clean.txt"))
    lines = result.stdout.splitlines()
    assert lines[0].endswith("damaged.txt:3:1: warning boilerplate.ad-slot: Ad-slot placeholder "
                             "'Advertisement' left by the page template; delete it [fix: delete] (0.97)")
    assert lines[-1] == "Found 2 issues (2 warnings) in 1 of 2 files."


@pytest.mark.parametrize("args, code", [
    (["clean.txt"], 0), (["damaged.txt"], 1), (["--fail-level", "error", "damaged.txt"], 0),
    (["--severity-typo", "damaged.txt"], 2), (["missing.txt", "damaged.txt"], 2),
])
def test_exit_codes(files, monkeypatch, args, code):
    monkeypatch.chdir(files)
    assert run("lint", *SELECT, *args).exit_code == code


def test_stdin_with_stdin_filename(files):
    result = run("lint", *SELECT, "--format", "json", "--stdin-filename", "feed/item.txt", "-", input=DAMAGED.encode())
    assert result.exit_code == 1
    assert {i["path"] for i in json.loads(result.stdout)} == {"feed/item.txt"}


def test_parallel_output_is_in_input_order(tmp_path):
    for n in range(12):
        (tmp_path / f"f{n:02d}.txt").write_text(("Advertisement\n\n" * (n % 3 + 1)) + "Body text here.\n")
    config = tmp_path / "pool.toml"  # tiny files: a pool only when every file is worth one
    config.write_text("min-bytes-per-job = 1\n", encoding="utf-8")
    serial = run("lint", *SELECT, "--format", "jsonl", str(tmp_path)).stdout
    parallel = run("lint", *SELECT, "--config", str(config), "--format", "jsonl", "--jobs", "2", str(tmp_path)).stdout
    assert serial == parallel and serial.count("\n") == 24


def test_output_file_and_no_progress_bar_in_machine_formats(files):
    report = files / "report.json"
    result = run("lint", *SELECT, "--format", "json", "-o", str(report), str(files / "damaged.txt"))
    assert result.stdout == "" and len(json.loads(report.read_text())) == 2
    assert "Linting" not in result.stderr


def test_include_and_exclude_globs(tmp_path):
    (tmp_path / "a.txt").write_text(DAMAGED)
    (tmp_path / "b.text").write_text(DAMAGED)
    (tmp_path / "skip").mkdir()
    (tmp_path / "skip" / "c.txt").write_text(DAMAGED)
    result = run("lint", *SELECT, "--format", "jsonl", "--include", "*.txt,*.text", "--exclude", "skip/*", str(tmp_path))
    assert sorted({json.loads(line)["path"].rsplit("/", 1)[-1] for line in result.stdout.splitlines()}) == ["a.txt", "b.text"]


def test_baseline_accepts_known_issues_and_fails_on_new_ones(files):
    baseline = files / "baseline.json"
    written = run("lint", *SELECT, "--write-baseline", str(baseline), str(files / "damaged.txt"))
    assert written.exit_code == 0 and "accepting 2 issues" in written.stderr
    assert run("lint", *SELECT, "--baseline", str(baseline), str(files / "damaged.txt")).exit_code == 0
    (files / "damaged.txt").write_text(DAMAGED + "\nMore.\n\nAdvertisement\n")
    again = run("lint", *SELECT, "--format", "json", "--baseline", str(baseline), str(files / "damaged.txt"))
    assert again.exit_code == 1 and len(json.loads(again.stdout)) == 1


def test_rules_table_and_explain():
    table = run("rules").stdout.splitlines()
    assert table[0].split() == ["RULE", "CATEGORY", "SEVERITY", "DESCRIPTION"]
    assert any(line.startswith("boilerplate.ad-slot ") for line in table)
    explained = run("explain", "boilerplate.ad-slot")
    assert explained.exit_code == 0 and "[boilerplate, default severity warning]" in explained.stdout
    unknown = run("explain", "boilerplate.nope")
    assert unknown.exit_code == 2 and "unknown rule 'boilerplate.nope'" in unknown.stderr


@pytest.mark.parametrize("option", ["--select", "--ignore", "--unfixable"])
def test_a_selector_that_matches_no_rule_is_a_usage_error(files, option):
    """`--select spni` used to warn, lint nothing and exit 0 (as a clean run does)."""
    result = run("lint", "--isolated", option, "boilerplate.ad-slot,spni", str(files / "damaged.txt"))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"textlint-news: error: unknown rule selector 'spni' in {option} or ")


def test_a_selector_in_the_config_file_that_matches_no_rule_is_a_usage_error(files, tmp_path):
    config = tmp_path / "textlint-news.toml"
    config.write_text('ignore = ["boilerplate.ad-slots"]\n[per-path-ignores]\n"*.txt" = ["spin"]\n')
    result = run("lint", "--config", str(config), str(files / "damaged.txt"))
    assert result.exit_code == 2 and "unknown rule selector 'boilerplate.ad-slots'" in result.stderr
    with pytest.raises(textlint_news.config.ConfigError, match="'severity'"):
        textlint_news.Linter(textlint_news.Config(severity={"spin.lexicn": "error"}))


def test_rule_families_resolve(files):
    assert run("lint", "--isolated", "--select", "grammar.lt.HE_VERB_AGR", str(files / "clean.txt")).exit_code == 0
    explained = run("explain", "grammar.lt.HE_VERB_AGR")
    assert explained.exit_code == 0 and "(rule family grammar.lt)" in explained.stdout
    assert "(off by default)" in run("rules").stdout
