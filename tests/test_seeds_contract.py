"""End to end on the real seed copies: the CLI's JSON matches the issue contract."""
import json
import subprocess
import sys

import pytest

from textlint_news.issue import CATEGORIES, JSON_KEYS, SEVERITIES

pytestmark = pytest.mark.slow


def test_json_on_the_seeds_matches_the_contract(seeds_dir):
    paths = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    done = subprocess.run([sys.executable, "-m", "textlint_news", "lint", "--isolated", "--format", "json", *paths],
                          capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    issues = json.loads(done.stdout)
    assert issues and {i["path"] for i in issues} <= set(paths)
    texts = {p: open(p, encoding="utf-8", newline="").read() for p in paths}
    for issue in issues:
        assert tuple(issue) == JSON_KEYS
        assert issue["category"] in CATEGORIES and issue["severity"] in SEVERITIES
        assert 0 <= issue["confidence"] <= 1
        text = texts[issue["path"]]
        assert 0 <= issue["start"] <= issue["end"] <= len(text)
        line_start = text.rfind("\n", 0, issue["start"]) + 1
        assert issue["line"] == text.count("\n", 0, issue["start"]) + 1
        assert issue["column"] == issue["start"] - line_start + 1
        assert issue["end_line"] == text.count("\n", 0, issue["end"]) + 1
    assert done.stderr == ""
