"""The datatrove filter, run by datatrove's own executor on real records."""
import gzip
import json
from collections import defaultdict

import pytest
from click.testing import CliRunner

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from textlint_news.cli import main  # noqa: E402
from textlint_news.integrations.datatrove import TextlintFilter  # noqa: E402
from textlint_news.issue import severity_rank  # noqa: E402


def issues_by_id(issues, prefix=""):
    """{record id: sorted issue tuples}, paths left out (the CLI's are FILE#ID)."""
    found = defaultdict(list)
    for issue in issues:
        found[issue["path"][len(prefix):]].append(
            tuple(json.dumps(v) for k, v in issue.items() if k != "path"))
    return {key: sorted(value) for key, value in found.items()}


def read_output(folder):
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl*"))
            for line in gzip.open(path, "rt", encoding="utf-8")]


def test_pipeline_keeps_issues_and_drops_damaged_copies(tmp_path, news_records):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / news_records.name).write_bytes(news_records.read_bytes())
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            TextlintFilter(drop_level="warning", exclusion_writer=JsonlWriter(str(tmp_path / "dropped"))),
            JsonlWriter(str(tmp_path / "kept")),
        ],
        tasks=2, workers=1, logging_dir=str(tmp_path / "logs"),
    ).run()
    kept, dropped = read_output(tmp_path / "kept"), read_output(tmp_path / "dropped")
    records = [json.loads(line) for line in news_records.read_text(encoding="utf-8").splitlines()]
    assert sorted(d["id"] for d in kept + dropped) == sorted(r["id"] for r in records)
    # the dropped documents are those with a warning or an error; the reason is datatrove's
    for doc in dropped:
        worst = max(doc["metadata"]["textlint_issues"], key=lambda i: severity_rank(i["severity"]))
        assert severity_rank(worst["severity"]) >= severity_rank("warning")
        assert doc["metadata"]["filter_reason"].startswith("textlint_")
        assert doc["metadata"]["textlint_verdict"]["verdict"] == "drop"
    assert all(i["severity"] == "info" for d in kept for i in d["metadata"]["textlint_issues"])
    assert {d["id"] for d in dropped} >= {"004_0d7fbbd2cf61d000", "002_988906a3363b15a3"}
    assert len(kept) > 20  # most edited news passes
    # the same issues as the command line on the same records (story grouping included)
    cli = CliRunner().invoke(main, ["lint", "--isolated", "--format", "json", str(news_records)])
    expected = issues_by_id(json.loads(cli.stdout), f"{news_records}#")
    found = issues_by_id([i for d in kept + dropped for i in d["metadata"]["textlint_issues"]])
    assert found == expected
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    filter_stats = next(s for s in stats if "textlint" in s["name"])["stats"]
    assert (filter_stats["dropped"], filter_stats["forwarded"]) == (len(dropped), len(kept))


def test_categories_and_drop_level_narrow_what_is_dropped(news_records):
    from datatrove.data import Document

    docs = [Document(text=r["text"], id=r["id"]) for r in map(json.loads, news_records.read_text().splitlines()[:5])]
    spin_only = TextlintFilter(drop_level="warning", categories=["spin"], batch_size=5)
    decisions = dict(zip((d.id for d in docs), spin_only.filter_batch(docs)))
    assert decisions["004_0d7fbbd2cf61d000"] == (False, "textlint_spin")
    assert [d for key, d in decisions.items() if key != "004_0d7fbbd2cf61d000"] == [True] * 4
    blank = Document(text=" \n ", id="blank")
    assert TextlintFilter().filter(blank) is True  # kept: nothing to judge, counted as an error
    assert blank.metadata["textlint_verdict"]["verdict"] == "error"
    assert blank.metadata["textlint_verdict"]["errors"] == ["blank: 'text' is only white space"]
    with pytest.raises(ValueError, match="drop_level must be one of"):
        TextlintFilter(drop_level="fatal")
