"""Time the scraping-noise checks (issue 3) alone: first pass, warm pass and one-off loads.

    python benchmarks/bench_noise.py [FOLDER] [--limit N]

`bench_checks.py` warms each check on the first 100 documents, so a model or
word list that a check loads only for a rarer text (py3langid, another
language's word list) can still be paid inside its timed pass.  Here each check runs
twice over all documents (fresh Document objects each time): the first pass is
what a one-process run pays, the second what the check costs per document once
everything is loaded.  CPU seconds (process time); on a shared machine compare
runs through the `reference` line, a fixed pure-Python workload timed alongside.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench_checks import DEFAULT_DATA, SCRAPING_NOISE, read_documents


def reference_seconds() -> float:
    """CPU seconds of a fixed workload: how fast this machine runs Python right now."""
    start = time.process_time()
    sum(i * i for i in range(3_000_000))
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    args = parser.parse_args()

    from textlint_news.check import Context
    from textlint_news.document import Document
    from textlint_news.engine import Linter

    docs = read_documents(Path(args.folder), args.limit)
    linter = Linter()
    ctx = Context(settings=linter.settings, fed=linter.fed)
    for check in linter.checks:  # as bench_checks.py: warm on the first document
        list(check.check(docs[0], ctx))
    rows = []
    reference = reference_seconds()
    for check in linter.checks:
        if check.name not in SCRAPING_NOISE:
            continue
        passes = []
        for _ in range(2):
            fresh = [Document(d.text, path=d.path) for d in docs]
            start = time.process_time()
            for doc in fresh:
                list(check.check(doc, ctx))
            passes.append(time.process_time() - start)
        rows.append((check.name, *passes))
    reference = min(reference, reference_seconds())
    print(f"{len(docs)} documents; CPU seconds per check (reference workload {reference:.3f} s)")
    print(f"  {'check':12} {'first':>7} {'warm':>7}")
    for name, first, warm in sorted(rows, key=lambda r: -r[1]):
        print(f"  {name:12} {first:7.2f} {warm:7.2f}")
    print(f"  {'total':12} {sum(r[1] for r in rows):7.2f} {sum(r[2] for r in rows):7.2f}")


if __name__ == "__main__":
    main()
