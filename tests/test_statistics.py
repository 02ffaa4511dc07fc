"""`lint --statistics`: counts per rule and category, most first, instead of the issues."""
import json
import re
from collections import Counter

import pytest
from click.testing import CliRunner

from textlint_news.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.mark.slow
def test_statistics_count_the_seeds_issues(seeds_dir, tmp_path):
    issues = json.loads(run("lint", "--format", "json", str(seeds_dir)).stdout)
    rules = Counter(i["rule"] for i in issues)
    categories = Counter(i["category"] for i in issues)

    as_json = run("lint", "--statistics", "--format", "json", str(seeds_dir))
    assert as_json.exit_code == 1
    stats = json.loads(as_json.stdout)
    assert {r["rule"]: r["count"] for r in stats["rules"]} == rules
    assert {c["category"]: c["count"] for c in stats["categories"]} == categories
    assert [r["count"] for r in stats["rules"]] == sorted(rules.values(), reverse=True)
    assert stats["issues"] == len(issues) and stats["files"] == 5
    spin = next(r for r in stats["rules"] if r["rule"] == "spin.lexicon")
    assert spin["category"] == "spin" and spin["with_suggestion"] == spin["count"] > 0

    report = tmp_path / "report.html"
    text = run("lint", "--statistics", "--format", "html", "-o", str(report), str(seeds_dir))
    assert text.exit_code == 1
    lines = text.stdout.splitlines()
    assert not any(":1:1:" in line for line in lines)  # the counts replace the issues
    rows = [re.match(r"\s*(\d+)  (\S+)\s+(\S+)\s+(\d+)$", line) for line in lines[1:len(rules) + 1]]
    assert [(int(m[1]), m[2], m[3]) for m in rows] == sorted(
        ((n, r, next(i["category"] for i in issues if i["rule"] == r)) for r, n in rules.items()),
        key=lambda row: (-row[0], row[1]))
    blocks = text.stdout.split("\n\n")
    assert [line.split() for line in blocks[1].splitlines()[1:]] == [
        [str(n), c] for c, n in sorted(categories.items(), key=lambda item: (-item[1], item[0]))]
    assert blocks[2].split() == [str(len(issues)), "issues", "in", "5", "of", "5", "files"]
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")  # -o still gets the report


def test_statistics_of_a_clean_run(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The council met on Tuesday and approved the budget for next year.\n")
    result = run("lint", "--isolated", "--statistics", str(clean))
    assert result.exit_code == 0 and result.stdout == "No issues in 1 file.\n"


def test_statistics_keep_out_of_a_fixed_text_on_stdout():
    damaged = "Title\n\nAdvertisement\n\nThe council met on Tuesday and approved the budget.\n"
    result = CliRunner().invoke(main, ["lint", "--isolated", "--select", "boilerplate", "--fix", "--statistics", "-"],
                                input=damaged)
    assert result.stdout == "Title\n\nThe council met on Tuesday and approved the budget.\n"
    assert "issues in" not in result.stdout
