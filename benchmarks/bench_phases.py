"""Where a folder run's CPU goes, phase by phase: one `textlint-news lint` run in this process.

    python benchmarks/bench_phases.py [FOLDER] [--jobs 1|2] [--parts]

The `lint` command runs as the CLI runs it (jsonl to /dev/null); the package's phases are
wrapped in `time.process_time` timers (this process) and `resource.getrusage` (worker
processes, which end with their phase: the corpus workers before the lint phase, the lint
workers at the end).  With `--jobs 1` every phase is timed in this process, each check
separately (the spin check split into its detectors, the screen and the classifier); with
more jobs, this process's own phases and the workers' CPU.  The tables a check loads on its
first document count in that check.  CPU seconds; timers cost ~1 µs a call.  Run it with
`PYTHONPATH=TREE` to measure another tree (the timers wrap names both trees share).
With `--parts` (and `--jobs 1`), the spun names, the spinner map and the names check are
split further (`PARTS`: tokens, titles, best match, scores, mentions, judging); a part a
tree lacks is left out.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SPENT: Counter = Counter()
_active: list[str] = []


def timed(owner, name: str, label: str) -> None:
    """Wrap `owner.name` so its CPU (minus that of timed calls inside it) adds to `label`."""
    real = getattr(owner, name)

    def wrapper(*args, **kwargs):
        begin = time.process_time()
        _active.append(label)
        try:
            return real(*args, **kwargs)
        finally:
            spent = time.process_time() - begin
            _active.pop()
            SPENT[label] += spent
            if _active:
                SPENT[_active[-1]] -= spent  # an outer timer counts only its own part

    setattr(owner, name, wrapper)


# (module, attribute, label) of the parts `--parts` times inside three phases.
PARTS = [
    ("textlint_news.spin.spun_names", "_Tokens", "spin: names: tokens"),
    ("textlint_news.spin.spun_names", "text_names", "spin: names: the text's names"),
    ("textlint_news.spin.spun_names", "find_spun_titles", "spin: names: titles"),
    ("textlint_news.spin.spun_names", "_best_match", "spin: names: best match"),
    ("textlint_news.spin.spinner_map", "tokens", "spin: spinner map: tokens"),
    ("textlint_news.spin.spinner_map", "_columns", "spin: spinner map: tokens"),
    ("textlint_news.spin.spinner_map", "_score", "spin: spinner map: LM scores"),
    ("textlint_news.names.mentions", "_extract", "check names: mentions"),
    ("textlint_news.names.mentions", "_inventory", "check names: inventory"),
    ("textlint_news.checks.names", "judge", "check names: judging"),
    ("textlint_news.names.typos", "_within_two_edits", "check names: near spellings"),
    ("textlint_news.names.typos", "_unknown", "check names: lone names"),
    ("textlint_news.checks.names", "corpus_view", "check names: corpus and sisters"),
]


def time_parts() -> None:
    """Wrap the `PARTS` this tree has."""
    import importlib

    for module, name, label in PARTS:
        owner = importlib.import_module(module)
        if hasattr(owner, name):
            timed(owner, name, label)


def children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--parts", action="store_true", help="split the names and map phases (--jobs 1)")
    args = parser.parse_args()
    from textlint_news import cli

    SPENT["process start and imports (cli)"] = time.process_time()  # from the interpreter's start
    from textlint_news import api, engine, lint_run, stories
    from textlint_news.checks import spin as spin_check
    from textlint_news.spin import detectors

    timed(lint_run, "prepare", "Linter() and configuration")
    if args.jobs == 1:  # the pool pickles the functions it maps (by name): only in this process
        timed(api, "_sketch", "story: sketches (MinHash)")
        timed(api, "_observe", "story: observations (reading the copies)")
    timed(api, "group", "story: grouping")
    timed(api, "_document", "reading and decoding files")
    timed(api, "fingerprint", "fingerprints")
    timed(engine.Linter, "finish", "engine: filter, de-duplicate, sort")
    timed(engine.Linter, "preload", "tables preloaded (parent, before fork)")
    timed(lint_run.Report, "add", "formatting and writing")
    timed(lint_run.Tally, "add", "formatting and writing")
    for detector in detectors.DETECTORS:
        timed(detector, "signals", f"spin: detector {detector.name}")
    timed(spin_check, "analysis", "spin: classifier (features, trees)")
    if args.parts and args.jobs == 1:
        time_parts()
    timed(spin_check, "copy_verdict", "spin: copies' alignment")
    lint_phase_children = {}
    real_warm = api._Pool.warm

    def warm(self):  # the corpus phase's workers end here (reaped: their CPU counts)
        real_warm(self)
        lint_phase_children["corpus"] = children()

    api._Pool.warm = warm
    real_run = engine._run

    def run(checks, doc, ctx, found, failures):
        for check in checks:
            label = f"check {check.name}" if check.name != "spin" else "spin: check's own (screen, issues)"
            begin = time.process_time()
            _active.append(label)
            try:
                real_run([check], doc, ctx, found, failures)
            finally:
                spent = time.process_time() - begin
                _active.pop()
                SPENT[label] += spent

    engine._run = run
    before = children()
    out = open(os.devnull, "w")
    sys.stdout = out
    try:
        cli.main(["lint", "--format", "jsonl", "--no-progress", "--jobs", str(args.jobs), args.folder],
                 standalone_mode=False)
    finally:
        sys.stdout = sys.__stdout__
    total_self = time.process_time()
    workers = children() - before
    corpus = lint_phase_children.get("corpus", before) - before
    timed_sum = sum(SPENT.values())
    print(f"jobs {args.jobs}; load {os.getloadavg()[0]:.1f}; this process {total_self:.2f} CPU s, "
          f"worker processes {workers:.2f} (corpus phase {corpus:.2f}, lint phase {workers - corpus:.2f})")
    for label, spent in sorted(SPENT.items(), key=lambda item: -item[1]):
        print(f"  {spent:8.2f}  {label}")
    print(f"  {total_self - timed_sum:8.2f}  the rest of this process")


if __name__ == "__main__":
    main()
