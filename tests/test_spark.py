"""The Spark job, run by the real pyspark in local mode on real records."""
import json
import os
import shutil
import sys

import pytest
from click.testing import CliRunner

pytest.importorskip("pyspark")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java (.ci/run installs it)", allow_module_level=True)

from textlint_news.cli import main  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[1]").appName("textlint-news-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .getOrCreate())
    yield session
    session.stop()


def test_lint_dataframe_matches_the_command_line(spark, news_records, tmp_path):
    from textlint_news.integrations.spark import lint_dataframe

    # the five seeds (one story) and 10 articles, written to a JSONL file that Spark reads
    # into 3 partitions, so that the seeds are spread over them
    records = [json.loads(line) for line in news_records.read_text(encoding="utf-8").splitlines()[:15]]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    df = spark.read.json(str(tmp_path / "in.jsonl")).repartition(3)
    rows = lint_dataframe(df).collect()
    assert sorted(r.id for r in rows) == sorted(r["id"] for r in records)
    assert rows[0].source in {r["source"] for r in records}  # the input columns are kept
    found = {r.id: sorted(tuple(json.dumps(v) for k, v in i.asDict(recursive=True).items() if k != "path")
                          for i in r.issues) for r in rows if r.issues}
    cli = CliRunner().invoke(main, ["lint", "--isolated", "--format", "json", str(tmp_path / "in.jsonl")])
    expected = {}
    for issue in json.loads(cli.stdout):
        key = issue.pop("path")[len(f"{tmp_path / 'in.jsonl'}#"):]
        expected.setdefault(key, []).append(tuple(json.dumps(v) for v in issue.values()))
    assert found == {key: sorted(value) for key, value in expected.items()}
    verdicts = {r.id: r.verdict for r in rows}
    assert verdicts["004_0d7fbbd2cf61d000"].verdict == "drop"
    assert verdicts["004_0d7fbbd2cf61d000"].spin_probability >= 0.99
    assert verdicts["004_0d7fbbd2cf61d000"].counts["spin"] > 20
    assert sum(v.verdict == "keep" for v in verdicts.values()) >= 8
