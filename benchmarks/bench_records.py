"""Records throughput: documents/s and MB/s of the CLI on JSONL, the datatrove step and Spark.

    python benchmarks/bench_records.py [FOLDER] [--only cli,datatrove,spark]

The records are built in a temporary folder from the text files of FOLDER (default
../shared/data), read in place, and deleted at the end.  Each runner lints the same
records at warning level and writes a verdict per document:
- cli: `textlint-news lint --format verdicts records.jsonl` (one process per core);
- datatrove: JsonlReader -> TextlintFilter -> JsonlWriter, 2 tasks in 2 workers
  (the records split into 2 files, so both tasks work);
- spark: `lint_dataframe` on local[2], reading the JSONL and writing Parquet; the
  session's start is timed apart.
MB are the UTF-8 bytes of the texts.  CPU is the CPU time of this process and all its
descendants (the CLI, datatrove's workers, Spark's JVM and Python workers; Linux /proc):
on a shared machine it is steadier than the wall time.  Issues and drops are printed so
that the runners can be compared: the CLI and Spark group stories over all records,
datatrove within a batch of one task's file.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def tree_cpu_seconds() -> float:
    """CPU seconds of this process and its live descendants, each with its ended, waited-for
    children (so every process of the tree is counted once)."""
    parent, cpu = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        parent[int(entry)], cpu[int(entry)] = int(fields[1]), sum(map(int, fields[11:15]))
    tree, frontier = {os.getpid()}, [os.getpid()]
    while frontier:
        found = [pid for pid, ppid in parent.items() if ppid in frontier and pid not in tree]
        tree.update(found)
        frontier = found
    return sum(cpu.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


def build_records(folder: Path, out: Path, parts: int = 2) -> tuple[int, int]:
    """`records.jsonl` and `part-N/records.jsonl` (the same records split); count and bytes."""
    from textlint_news.inputs import InputError, read_document

    lines = []
    size = 0
    for path in sorted(folder.rglob("*.txt")):
        try:
            text = read_document(path, 10 * 1024**2).text
        except InputError:
            continue
        size += len(text.encode("utf-8"))
        lines.append(json.dumps({"id": str(path.relative_to(folder)), "text": text}, ensure_ascii=False) + "\n")
    (out / "records.jsonl").write_text("".join(lines), encoding="utf-8")
    for part in range(parts):
        (out / f"part-{part}").mkdir()
        (out / f"part-{part}" / "records.jsonl").write_text("".join(lines[part::parts]), encoding="utf-8")
    return len(lines), size


def run_cli(work: Path) -> dict:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "textlint_news", "lint", "--isolated", "--no-progress",
                    "--format", "verdicts", "-o", str(work / "cli.jsonl"), str(work / "records.jsonl")],
                   check=False)
    seconds = time.perf_counter() - start
    verdicts = [json.loads(line) for line in (work / "cli.jsonl").read_text(encoding="utf-8").splitlines()]
    return {"seconds": seconds, "documents": len(verdicts), "issues": sum(v["issues"] for v in verdicts),
            "dropped": sum(v["verdict"] == "drop" for v in verdicts)}


def run_datatrove(work: Path) -> dict:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from textlint_news.integrations.datatrove import TextlintFilter

    start = time.perf_counter()
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(work), glob_pattern="part-*/*.jsonl"),
                  TextlintFilter(drop_level="warning", exclusion_writer=JsonlWriter(str(work / "dt-dropped"))),
                  JsonlWriter(str(work / "dt-kept"))],
        tasks=2, workers=2, logging_dir=str(work / "dt-logs"),
    ).run()
    seconds = time.perf_counter() - start
    stats = json.loads((work / "dt-logs" / "stats.json").read_text())
    found = next(s for s in stats if "textlint" in s["name"])["stats"]
    issues = sum(v["total"] if isinstance(v, dict) else v for k, v in found.items() if k.startswith("issues_"))
    return {"seconds": seconds, "documents": found["total"], "issues": issues, "dropped": found["dropped"]}


def run_spark(work: Path) -> dict:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from textlint_news.integrations.spark import lint_dataframe

    started = time.perf_counter()
    spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "4").getOrCreate())
    session = time.perf_counter() - started
    start = time.perf_counter()
    df = spark.read.json(str(work / "records.jsonl"))
    lint_dataframe(df, config={"fail-level": "warning"}).write.parquet(str(work / "spark-out"))
    seconds = time.perf_counter() - start
    out = spark.read.parquet(str(work / "spark-out"))
    summary = out.select(F.count("*").alias("n"), F.sum(F.col("verdict.issues")).alias("issues"),
                         F.sum((F.col("verdict.verdict") == "drop").cast("int")).alias("dropped")).first()
    cpu = tree_cpu_seconds()  # before the JVM and its workers end
    spark.stop()
    return {"seconds": seconds, "session_seconds": session, "cpu_end": cpu, "documents": summary.n,
            "issues": summary.issues, "dropped": summary.dropped}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--only", default="cli,datatrove,spark", help="runners, comma-separated")
    args = parser.parse_args()
    runners = {"cli": run_cli, "datatrove": run_datatrove, "spark": run_spark}
    with tempfile.TemporaryDirectory(prefix="bench-records-") as tmp:
        work = Path(tmp)
        count, size = build_records(Path(args.folder), work)
        print(f"{count} records, {size / 1e6:.2f} MB of text, {os.cpu_count()} cores")
        for name in args.only.split(","):
            before = tree_cpu_seconds()
            found = runners[name](work)
            cpu = found.get("cpu_end", tree_cpu_seconds()) - before
            extra = f" (+ {found['session_seconds']:.1f} s session start)" if "session_seconds" in found else ""
            print(f"{name:<10} {found['seconds']:7.1f} s{extra}  {found['documents'] / found['seconds']:6.1f} docs/s  "
                  f"{size / 1e6 / found['seconds']:5.2f} MB/s  CPU {cpu:.0f} s ({found['documents'] / cpu:.1f} docs "
                  f"per CPU-s)  {found['documents']} documents, {found['issues']} issues, "
                  f"{found['dropped']} dropped  [load {os.getloadavg()[0]:.1f}]", flush=True)


if __name__ == "__main__":
    main()
