"""The command line: formats, exit codes, stdin, parallel order, output file, baseline, rules."""
import json
import re

import pytest
from click.testing import CliRunner

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


def test_github_annotations(files):
    out = run("lint", *SELECT, "--format", "github", str(files / "damaged.txt")).stdout.splitlines()
    assert len(out) == 2
    assert re.fullmatch(
        r"::warning file=.*damaged\.txt,line=3,col=1,endLine=3,endColumn=14,title=boilerplate\.ad-slot::.+", out[0]
    )


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


def test_unknown_selector_warns_and_rule_families_resolve(files):
    result = run("lint", "--isolated", "--select", "boilerplate.ad-slot,spn", str(files / "clean.txt"))
    assert result.stderr == "textlint-news: warning: 'spn' matches no rule id or category\n"
    explained = run("explain", "grammar.lt.HE_VERB_AGR")
    assert explained.exit_code == 0 and "(rule family grammar.lt)" in explained.stdout
    assert "(off by default)" in run("rules").stdout
