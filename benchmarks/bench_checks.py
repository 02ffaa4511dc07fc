"""Time each check separately over a folder, one document at a time, in one process.

    python benchmarks/bench_checks.py [FOLDER] [--limit N] [--passes 2]

Times are CPU seconds of this process (steady on a shared machine; one
process, so wall time is the same on an idle one).  Documents are read once;
every check then runs over all of them (its lazily loaded models are warmed on
the first 100 documents and not counted).  The share
column is each check's time over the total of all checks, and `issue 3` sums
the scraping-noise checks against everything else; the last line times the
whole engine with and without them (shared document memo), the figure issue 3's
"adds no more than 25%" is measured with.  Everything runs with the garbage
collector relaxed as `lint_paths` relaxes it (`textlint_news.api.relaxed_gc`).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SCRAPING_NOISE = {"wrapper", "boilerplate", "duplicate", "metadata", "embed", "encoding", "layout"}
CATEGORIES_OF_NOISE = {"foreign-wrapper", "boilerplate", "duplicate", "metadata", "embed", "encoding", "layout"}


def read_documents(folder: Path, limit: int):
    from textlint_news.inputs import read_document

    paths = sorted(p for p in folder.rglob("*.txt"))[: limit or None]
    return [read_document(p, 10_000_000) for p in paths]


def time_checks(docs, passes: int) -> dict[str, float]:
    """Best-of-`passes` CPU seconds per check over all documents (fresh Document memo each pass)."""
    from textlint_news.check import Context
    from textlint_news.document import Document
    from textlint_news.engine import Linter

    linter = Linter()
    ctx = Context(settings=linter.settings, fed=linter.fed)
    for check in linter.checks:  # warm lazily loaded models
        for doc in docs[:100]:
            list(check.check(Document(doc.text, path=doc.path), ctx))
    seconds: dict[str, float] = {}
    for check in linter.checks:
        best = float("inf")
        for _ in range(passes):
            fresh = [Document(d.text, path=d.path) for d in docs]
            start = time.process_time()
            for doc in fresh:
                list(check.check(doc, ctx))
            best = min(best, time.process_time() - start)
        seconds[check.name] = best
    return seconds


def time_lint(docs, ignore: list[str], passes: int = 2) -> float:
    """CPU seconds for the whole engine (shared document memo) over all documents,
    best of `passes`; lazily loaded models are warmed on the first 100 documents first."""
    from textlint_news.config import Config
    from textlint_news.document import Document
    from textlint_news.engine import Linter

    linter = Linter(Config(ignore=ignore))
    for doc in docs[:100]:
        linter.lint_document(Document(doc.text, path=doc.path))
    best = float("inf")
    for _ in range(passes):
        fresh = [Document(d.text, path=d.path) for d in docs]
        start = time.process_time()
        for doc in fresh:
            linter.lint_document(doc)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--passes", type=int, default=1, help="best of N passes per check")
    args = parser.parse_args()

    from textlint_news.api import relaxed_gc

    docs = read_documents(Path(args.folder), args.limit)
    megabytes = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    with relaxed_gc():  # as `lint_paths` runs the checks
        seconds = time_checks(docs, args.passes)
        full = time_lint(docs, [])
        without = time_lint(docs, sorted(CATEGORIES_OF_NOISE))
    total = sum(seconds.values())
    print(f"{len(docs)} documents, {megabytes:.2f} MB; all checks {total:.2f} s = {megabytes / total:.2f} MB/s")
    for name, secs in sorted(seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {name:12} {secs:7.2f} s  {megabytes / secs:8.2f} MB/s  {100 * secs / total:5.1f}%")
    noise = sum(s for n, s in seconds.items() if n in SCRAPING_NOISE)
    print(f"issue 3 checks alone {noise:.2f} s = +{100 * noise / (total - noise):.0f}% over the other checks")
    print(f"whole lint (best of 2, warm) {full:.2f} s = {megabytes / full:.2f} MB/s; without the issue 3 checks {without:.2f} s; "
          f"they add {100 * (full - without) / without:.0f}%")


if __name__ == "__main__":
    main()
