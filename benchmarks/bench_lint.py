"""Whole-CLI speed and memory, paired with a reference release in one run (issue 18's rows).

    python benchmarks/bench_lint.py [FOLDER] [--reference SRC] [--rows cold,folder,big,line]
                                    [--repeat N] [--jobs N] [--select PREFIXES]

Every figure is one `textlint-news lint` process, as a user runs it: CPU seconds
(user + system, its worker processes included), wall seconds and peak RSS (of the
largest single process: `wait4`).  With `--reference SRC` (a source tree of the
previous release, e.g. `git worktree add ../ref-139baca 139baca`) every row also
runs that tree's CLI, with this interpreter and `PYTHONPATH=SRC`, in turns with
this one (A B A B ...), and the medians are printed side by side.

Rows: `cold` lints one article (`--cli-file`, default the folder's first `.txt`);
`folder` lints FOLDER (default ../shared/data) and gives MB/s per core of CPU time;
`big` lints one 10 MB file of the folder's articles, `line` one 5 MB line of them
(both made once in a temporary folder).  CPU time is the figure to compare on a
shared machine: wall time also counts waiting for cores that other jobs hold.
Each tree runs once before the first row, untimed: its bytecode (kept in a temporary
folder) and its tables in the model cache are written then, as after any first run.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
HERE = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float


def run_cli(tree: Path | None, args: list[str], pycache: Path) -> Run:
    """One `textlint-news lint ARGS` process of `tree` (None: this tree); its output is dropped.
    Bytecode is kept under `pycache` (as an installed package has it), whatever
    PYTHONDONTWRITEBYTECODE says: compiling every module costs a cold start 0.3 s or more."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree or HERE)  # before the installed (editable) package
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache / ("reference" if tree else "this"))
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "textlint_news", "lint", "--no-progress", *args],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                             cwd=pycache)  # not a tree: `-m` puts the working folder first on the path
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"lint {' '.join(args)} failed with exit code {child.returncode}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def make_inputs(folder: Path, where: Path) -> tuple[Path, Path]:
    """A 10 MB file of the folder's articles (blank lines between them) and a 5 MB line of them."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*.txt"))]
    big, line = where / "big.txt", where / "line.txt"
    for path, target, joiner in ((big, 10_000_000, "\n\n"), (line, 5_000_000, " ")):
        parts, size, n = [], 0, 0
        while size < target:
            text = texts[n % len(texts)] if joiner == "\n\n" else " ".join(texts[n % len(texts)].split())
            parts.append(text)
            size += len(text.encode("utf-8")) + len(joiner)
            n += 1
        path.write_text(joiner.join(parts)[:target] + "\n", encoding="utf-8")
    return big, line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--reference", help="source tree of the release to compare with")
    parser.add_argument("--rows", default="cold,folder,big,line")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each row per tree (cold: 3x this)")
    parser.add_argument("--cli-file", help="the article of the cold row (default: the folder's first)")
    parser.add_argument("--jobs", type=int, help="--jobs for the folder row (default: the configuration's)")
    parser.add_argument("--select", default="", help="rule prefixes or categories, comma-separated")
    args = parser.parse_args()
    folder = Path(args.folder).resolve()
    article = Path(args.cli_file).resolve() if args.cli_file else sorted(folder.rglob("*.txt"))[0]
    megabytes = sum(p.stat().st_size for p in folder.rglob("*.txt")) / 1e6
    extra = (["--select", args.select] if args.select else []) + (
        ["--jobs", str(args.jobs)] if args.jobs is not None else [])
    trees: dict[str, Path | None] = {"this": None}
    if args.reference:
        trees["reference"] = Path(args.reference).resolve()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
          f"trees: {', '.join(f'{k}={v or HERE}' for k, v in trees.items())}")
    with tempfile.TemporaryDirectory() as scratch:
        rows = args.rows.split(",")
        big, line = make_inputs(folder, Path(scratch)) if {"big", "line"} & set(rows) else (None, None)
        work = {"cold": ([str(article)], 3 * args.repeat, article.stat().st_size / 1e6),
                "folder": ([*extra, "--format", "jsonl", str(folder)], args.repeat, megabytes),
                "big": ([*extra, str(big)], args.repeat, 10.0),
                "line": ([*extra, str(line)], args.repeat, 5.0)}
        for row in rows:
            cli_args, repeat, size = work[row]
            runs: dict[str, list[Run]] = {name: [] for name in trees}
            if row == rows[0]:  # one run each first: bytecode and model caches written, not timed
                for tree in trees.values():
                    run_cli(tree, cli_args, Path(scratch))
            for _ in range(repeat):
                for name, tree in trees.items():  # in turns: both see the same load
                    runs[name].append(run_cli(tree, cli_args, Path(scratch)))
            for name, found in runs.items():
                cpu = statistics.median(r.cpu for r in found)
                wall = statistics.median(r.wall for r in found)
                peak = max(r.peak_mb for r in found)
                rate = "" if row == "cold" else f" = {size / cpu:5.2f} MB/s per core"
                print(f"{row:6} {name:9} {size:7.3f} MB: CPU {cpu:6.2f} s{rate}; "
                      f"wall {wall:6.2f} s; peak RSS {peak:5.0f} MB  (median of {repeat}; load "
                      f"{os.getloadavg()[0]:.1f})", flush=True)


if __name__ == "__main__":
    main()
