"""Lint speed and memory: files/s, MB/s and peak RSS, cold (first pass) and warm.

    python benchmarks/bench_lint.py [FOLDER] [--jobs N] [--select PREFIXES] [--cli-file FILE]

`--jobs` defaults to the configuration's (0: one process per core), as the CLI.
Cold is a new process's first pass (rule packs, checks and their lazily loaded
models included); warm is a second pass in the same process.  The language
identifier loads from its decompressed copy in the model cache once a run has
written it (`textlint_news.identifier`); the first line says which: set
TEXTLINT_NEWS_MODEL_CACHE to an empty folder to time a first run ever. `--cli-file` also
times the cold start of `textlint-news lint FILE` as a user runs it.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def lint_pass(folder: str, jobs: int | None, select: list[str]) -> tuple[int, int, int, float]:
    from textlint_news.api import lint_paths
    from textlint_news.config import Config

    files = size = issues = 0
    start = time.perf_counter()
    for result in lint_paths([folder], Config(select=select), jobs=jobs):
        files += 1
        issues += len(result.issues)
        size += Path(result.path).stat().st_size
    return files, size, issues, time.perf_counter() - start


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def model_cache_state() -> str:
    from textlint_news.identifier import cached_copy, model_cache_dir

    folder = model_cache_dir()
    if folder is None:
        return "model cache off"
    return f"model cache {folder}: {'holds the identifier' if cached_copy(folder) else 'empty (this run writes it)'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--jobs", type=int, help="processes (default: the configuration's, one per core)")
    parser.add_argument("--select", default="", help="rule prefixes or categories, comma-separated")
    parser.add_argument("--cli-file", help="also time a cold `textlint-news lint FILE`")
    args = parser.parse_args()
    select = [s for s in args.select.split(",") if s]

    start = time.perf_counter()
    import textlint_news  # noqa: F401  (import time is part of the cold figure)

    import_time = time.perf_counter() - start
    print(f"import textlint_news: {import_time * 1000:.0f} ms; {model_cache_state()}")
    jobs_label = args.jobs if args.jobs is not None else f"default ({os.cpu_count()} cores)"
    for label in ("cold", "warm"):
        files, size, issues, seconds = lint_pass(args.folder, args.jobs, select)
        print(f"{label}: {files} files, {size / 1e6:.2f} MB, {issues} issues in {seconds:.2f} s = "
              f"{files / seconds:.0f} files/s, {size / 1e6 / seconds:.2f} MB/s, jobs={jobs_label}, "
              f"peak RSS {peak_rss_mb():.0f} MB")
    if args.cli_file:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "textlint_news", "lint", args.cli_file],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"cold `textlint-news lint {Path(args.cli_file).name}`: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
