"""Records in, records out: JSONL and Parquet rows linted as documents named FILE#ID."""
import json

import pytest
from click.testing import CliRunner

from conftest import write_records
from textlint_news.cli import main
from textlint_news.issue import CATEGORIES

DAMAGED = "Advertisement\n\nThe council met on Tuesday and approved the budget.\n\nAdvertisement\n"
CLEAN = "The council met on Tuesday and approved the budget for the coming year.\n"


def run(*args):
    return CliRunner().invoke(main, list(args))


def without_path(issues):
    """The issues as comparable tuples, their paths left out."""
    return sorted(tuple((k, json.dumps(v)) for k, v in i.items() if k != "path") for i in issues)


def test_seed_records_give_the_issues_of_the_seed_files(tmp_path, seeds_dir):
    seeds = sorted(seeds_dir.glob("*.txt"))
    records = write_records(tmp_path / "seeds.jsonl", seeds)
    from_records = run("lint", "--isolated", "--format", "json", str(records))
    from_files = run("lint", "--isolated", "--format", "json", *map(str, seeds))
    assert from_records.exit_code == from_files.exit_code == 1
    record_issues, file_issues = json.loads(from_records.stdout), json.loads(from_files.stdout)
    assert len(file_issues) > 50  # seed 004 alone is spun throughout
    assert without_path(record_issues) == without_path(file_issues)
    assert {i["path"] for i in record_issues} == {f"{records}#{p.stem}" for p in seeds}
    # story grouping across records: seed 001's name typo is judged against its sister copies
    assert [i for i in record_issues if i["rule"] == "names.typo"] != []


def test_bad_records_are_reported_and_skipped(tmp_path):
    records = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a", "text": DAMAGED}),
        "not json at all",
        json.dumps({"id": "b", "body": DAMAGED}),
        json.dumps({"id": "c", "text": 42}),
        json.dumps(["a", "list"]),
        "",  # a blank line is no record
        json.dumps({"id": "d", "text": "  \n "}),
        json.dumps({"id": "e", "text": DAMAGED}),
    ]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("lint", "--isolated", "--format", "jsonl", str(records))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{records}:2: not JSON (Expecting value at column 1)",
        f"{records}:3: no 'text' field",
        f"{records}:4: 'text' is a number, not a string",
        f"{records}:5: not a JSON object but an array",
        f"{records}:7: 'text' is only white space",
    ]
    issues = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(i["path"], i["rule"], i["line"]) for i in issues] == [
        (f"{records}#a", "boilerplate.ad-slot", 1), (f"{records}#a", "boilerplate.ad-slot", 5),
        (f"{records}#e", "boilerplate.ad-slot", 1), (f"{records}#e", "boilerplate.ad-slot", 5),
    ]


def test_fields_ids_and_formats_are_chosen(tmp_path):
    records = tmp_path / "feed.data"  # no records extension: --input-format decides
    rows = [{"body": DAMAGED, "key": 7}, {"body": CLEAN}, {"body": DAMAGED, "key": 7}]
    records.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = run("lint", "--isolated", "--select", "boilerplate", "--format", "verdicts",
                 "--input-format", "jsonl", "--text-field", "body", "--id-field", "key", str(records))
    assert result.exit_code == 1, result.output
    verdicts = [json.loads(line) for line in result.stdout.splitlines()]
    # an id that is not a string is written as JSON; a missing one is the line number; a
    # repeated one gets @n
    assert [(v["path"], v["id"], v["verdict"]) for v in verdicts] == [
        (f"{records}#7", "7", "drop"), (f"{records}#2", "2", "keep"), (f"{records}#7@2", "7", "drop")]
    assert verdicts[0]["counts"] == {**dict.fromkeys(CATEGORIES, 0), "boilerplate": 2}
    as_text = run("lint", "--isolated", "--format", "json", str(records))
    assert as_text.stderr == "" and {i["path"] for i in json.loads(as_text.stdout)} == {str(records)}
    records.write_text(json.dumps({"key": "k9", "body": 5}) + "\n", encoding="utf-8")
    bad = run("lint", "--isolated", "--format", "verdicts", "--input-format", "jsonl", "--text-field", "body",
              "--id-field", "key", str(records))
    assert json.loads(bad.stdout) == {
        "path": f"{records}:1", "id": "k9", "verdict": "error", "spin_probability": None, "issues": 0,
        "counts": dict.fromkeys(CATEGORIES, 0), "errors": [f"{records}:1: 'body' is a number, not a string"]}


def test_verdicts_follow_the_fail_level(tmp_path):
    records = tmp_path / "feed.jsonl"
    records.write_text(json.dumps({"id": "x", "text": DAMAGED}) + "\n", encoding="utf-8")
    args = ["lint", "--isolated", "--format", "verdicts", str(records)]
    warned = json.loads(run(*args).stdout)
    assert (warned["verdict"], warned["issues"], warned["errors"]) == ("drop", 2, [])
    assert json.loads(run(*args, "--fail-level", "error").stdout)["verdict"] == "keep"


def test_spin_probability_is_the_classifiers(tmp_path, seed_path):
    records = write_records(tmp_path / "spun.jsonl", [seed_path(4)])
    verdict = json.loads(run("lint", "--isolated", "--format", "verdicts", str(records)).stdout)
    assert verdict["verdict"] == "drop" and verdict["spin_probability"] >= 0.99
    assert verdict["counts"]["spin"] > 20


def test_gzip_records_and_fix_refused(tmp_path):
    import gzip

    records = tmp_path / "feed.jsonl.gz"
    with gzip.open(records, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"id": "z", "text": DAMAGED}) + "\n")
    result = run("lint", "--isolated", "--format", "jsonl", str(records))
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == [f"{records}#z"] * 2
    refused = run("lint", "--isolated", "--fix", str(records))
    assert refused.exit_code == 2 and "records (JSONL, Parquet) are not fixed" in refused.stderr
    (tmp_path / "cut.jsonl.gz").write_bytes(records.read_bytes()[:-8])
    cut = run("lint", "--isolated", str(tmp_path / "cut.jsonl.gz"))
    assert cut.exit_code == 2 and cut.stderr.startswith(f"{tmp_path / 'cut.jsonl.gz'}: cannot read:")


def test_parquet_rows_are_records(tmp_path, seeds_dir):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    seeds = sorted(seeds_dir.glob("*.txt"))
    jsonl = write_records(tmp_path / "seeds.jsonl", seeds)
    rows = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    table = pa.table({"text": [r["text"] for r in rows] + [None], "id": [r["id"] for r in rows] + ["n"]})
    pq.write_table(table, tmp_path / "seeds.parquet", row_group_size=2)
    from_parquet = run("lint", "--isolated", "--format", "json", str(tmp_path / "seeds.parquet"))
    from_jsonl = run("lint", "--isolated", "--format", "json", str(jsonl))
    assert from_parquet.exit_code == 2 and from_parquet.stderr == f"{tmp_path / 'seeds.parquet'}:6: 'text' is null, not a string\n"
    assert without_path(json.loads(from_parquet.stdout)) == without_path(json.loads(from_jsonl.stdout))
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "other.parquet")
    missing = run("lint", "--isolated", str(tmp_path / "other.parquet"))
    assert missing.exit_code == 2 and missing.stderr == f"{tmp_path / 'other.parquet'}: no 'text' column\n"


def test_records_config_keys(tmp_path):
    from textlint_news.config import ConfigError, from_mapping

    config = from_mapping({"input-format": "jsonl", "text-field": "body", "id-field": "key"})
    assert (config.input_format, config.text_field, config.id_field) == ("jsonl", "body", "key")
    with pytest.raises(ConfigError, match="'input-format': must be one of auto, text, jsonl, parquet"):
        from_mapping({"input-format": "csv"})
