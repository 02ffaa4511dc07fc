"""Time the spin check's per-document work, detector by detector, and pair it with another checkout.

    python benchmarks/bench_spin.py [FOLDER] [--limit 400] [--passes 3]
    python benchmarks/bench_spin.py [FOLDER] --against /path/to/other/checkout [--rounds 3]

CPU seconds of one process (models warmed on the first 100 documents, not
counted; best of `--passes` over fresh documents), split into the detectors'
`signals` and the classifier's `analysis`.  The best pass finds the per-process memos
(n-grams, synonym options, fill-the-blank windows) holding what an earlier pass asked;
`first` is the first pass alone, where all but the warm-up's documents are new, as in a
folder's run.  With `--against`, this checkout and
the other (a worktree of the previous release, say) are timed in turn, each in
a fresh process, `--rounds` times: on a shared machine the CPU time of one run
swings by a quarter, so the table gives the median and the best of the rounds
for both, and the ratio of the medians.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
DEFAULT_DATA = HERE.parents[2] / "shared" / "data"


def measure(folder: Path, limit: int, passes: int) -> dict:
    """{"spin": CPU s, "parts": {part: CPU s}, "mb": MB of text} for the best pass."""
    sys.path.insert(0, str(HERE.parent))
    from bench_checks import read_documents

    import textlint_news.checks.spin as spin_check
    from textlint_news.check import Context
    from textlint_news.document import Document
    from textlint_news.engine import Linter
    from textlint_news.spin.detectors import DETECTORS

    docs = read_documents(folder, limit)
    linter = Linter()
    ctx = Context(settings=linter.settings, fed=linter.fed)
    check = next(c for c in linter.checks if c.name == "spin")
    for doc in docs[:100]:
        list(check.check(Document(doc.text, path=doc.path), ctx))
    parts: dict[str, float] = {}

    def timed(name, function):
        def run(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                parts[name] = parts.get(name, 0.0) + time.process_time() - start
        return run

    for detector in DETECTORS:
        detector.signals = timed(detector.name, detector.signals)
    spin_check.analysis = timed("analysis", spin_check.analysis)
    best = first = None
    for _ in range(passes):
        parts.clear()
        fresh = [Document(d.text, path=d.path) for d in docs]
        start = time.process_time()
        for doc in fresh:
            list(check.check(doc, ctx))
        seconds = time.process_time() - start
        if first is None:
            first = seconds
        if best is None or seconds < best["spin"]:
            best = {"spin": seconds, "parts": dict(parts)}
    best["first"] = first
    best["mb"] = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    return best


def paired(folder: Path, limit: int, passes: int, other: Path, rounds: int) -> None:
    trees = {"this": HERE.parents[1], "other": other.resolve()}
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    for _ in range(rounds):
        for name, tree in trees.items():
            env = {**os.environ, "PYTHONPATH": str(tree)}
            out = subprocess.run([sys.executable, str(HERE), str(folder), "--limit", str(limit),
                                  "--passes", str(passes), "--json"],
                                 env=env, cwd=tree, check=True, capture_output=True, text=True).stdout
            runs[name].append(json.loads(out.strip().splitlines()[-1]))
    mb = runs["this"][0]["mb"]
    print(f"{limit or 'all'} documents of {folder} ({mb:.2f} MB), {rounds} rounds, best of {passes} passes each")
    print(f"{'tree':6} {'median CPU s':>12} {'best':>6} {'MB/s':>6}  path")
    medians = {}
    for name, tree in trees.items():
        seconds = [r["spin"] for r in runs[name]]
        medians[name] = statistics.median(seconds)
        print(f"{name:6} {medians[name]:12.2f} {min(seconds):6.2f} {mb / medians[name]:6.3f}  {tree}")
    print(f"this / other: {medians['this'] / medians['other']:.2f}")
    firsts = {name: statistics.median(r["first"] for r in runs[name]) for name in trees}
    print(f"first pass, median CPU s: this {firsts['this']:.2f}, other {firsts['other']:.2f}, "
          f"this / other {firsts['this'] / firsts['other']:.2f}")
    print("median CPU s by part (this, other):")
    for part in runs["this"][0]["parts"]:
        values = [statistics.median(r["parts"].get(part, 0.0) for r in runs[name]) for name in trees]
        print(f"  {part:16} {values[0]:6.2f} {values[1]:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--limit", type=int, default=400, help="the first N files (0: all)")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout to pair with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = Path(args.folder)
    if args.against is not None:
        paired(folder, args.limit, args.passes, args.against, args.rounds)
        return
    result = measure(folder, args.limit, args.passes)
    if args.json:
        print(json.dumps(result))
        return
    print(f"spin: {result['spin']:.2f} CPU s, {result['mb'] / result['spin']:.3f} MB/s over {result['mb']:.2f} MB"
          f" (first pass {result['first']:.2f})")
    for part, seconds in sorted(result["parts"].items(), key=lambda item: -item[1]):
        print(f"  {part:16} {seconds:6.2f}")


if __name__ == "__main__":
    main()
