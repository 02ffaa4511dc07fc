"""The corpus phase at scale: story grouping and the observations copies share, timed.

    python benchmarks/bench_stories.py [--stories 500] [--copies 20] [--jobs 2] [--lint] [--corpus-only]
                                       [--scaling 2500,5000,10000,20000]
                                       [--baseline REV [--baseline-timeout 900]]

Writes `--stories` x `--copies` files into a temporary folder (deleted after the
run; nothing generated is kept): each story is an article of ../shared/data
(read in place) as `--copies` outlets would carry it, one copy verbatim, one
spun by the `random` family of corpora/families, the others edited (a byline
of their own, paragraphs cut or moved, "Mr" dropped, British spellings made
American, "said" made "told reporters").  Then, each in a fresh process, it
times the story phase of one run over that folder (sketch every file, group by
story, observe the files whose story holds another: `api._story_observations`)
and of `lint SEEDS --corpus ../shared/data` (the reference folder indexed once),
with its CPU time (the machine may be shared) and the peak resident memory of
the process and of its worker processes.  `--lint` also times the whole
`--select spin.copy` run over the folder and counts its issues on copies that
are not the spun one (c01).  `--baseline REV` also runs each measurement with
the package as it was at git revision REV (exported into a temporary folder),
right before the current one: a paired before/after on the same files and load.
`sketch_kb` is the memory one file's sketch holds in the parent (Python objects,
the mean over the first 100 files).  The grouping's quality is counted against
the article each copy was made from: `same_story_pairs` (pairs of copies of one
article that share a story, of `possible_pairs`) and `cross_article_pairs` (pairs
of copies of different articles grouped together: follow-ups of one story, or
chains).  `--scaling N,N,...` instead times `stories.group` alone (one core, the
sketches made beforehand) on the first N files of the largest folder, with the
same counts: the growth of the grouping with the number of files.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT.parent / "shared" / "seeds"
_SPELLINGS = (("defence", "defense"), ("organis", "organiz"), ("colour", "color"), ("favour", "favor"),
              ("centre", "center"), ("labour", "labor"), ("programme", "program"))


def outlet_copy(text: str, story: int, outlet: int) -> str:
    """The story as outlet `outlet` carries it (edited, never spun)."""
    rng = random.Random(f"{story}:{outlet}")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    body = [p for p in body if rng.random() > 0.1] or body[:1]
    if len(body) > 2 and rng.random() < 0.3:
        i = rng.randrange(len(body) - 1)
        body[i], body[i + 1] = body[i + 1], body[i]
    copy = "\n\n".join(head + [f"By staff writer {outlet}"] + body)
    if rng.random() < 0.5:
        copy = re.sub(r"\bMr ", "", copy)
    if rng.random() < 0.5:
        for british, american in _SPELLINGS:
            copy = copy.replace(british, american)
    if rng.random() < 0.3:
        copy = copy.replace(" said.", " told reporters.")
    return copy + "\n"


def generate(folder: Path, stories: int, copies: int) -> int:
    """Write the stories' copies into `folder`; the number of files written."""
    sys.path.insert(0, str(ROOT))
    from corpora.build import articles
    from corpora.families import make

    spinner = make("random", 0.10, 0)
    written = 0
    for story, (key, text) in enumerate(articles(DATA)):
        if story == stories:
            break
        for outlet in range(copies):
            if outlet == 0:
                copy = text
            elif outlet == 1:
                copy = spinner.spin(text, key=key).text
            else:
                copy = outlet_copy(text, story, outlet)
            (folder / f"s{story:04d}_c{outlet:02d}.txt").write_text(copy, encoding="utf-8")
            written += 1
    return written


def phase(paths: list[str], corpus: str | None, jobs: int, lint: bool) -> dict:
    """Time the story phase (and with `lint` the whole run) in this process."""
    from textlint_news.api import _Pool, _story_observations, collect_targets, lint_paths
    from textlint_news.config import Config
    from textlint_news.engine import Linter

    config = Config(select=["spin.copy"], corpus=corpus)
    linter = Linter(config)
    started, cpu = time.perf_counter(), cpu_seconds()
    readable = [t for t in collect_targets(paths, config) if t.error is None]
    context = [t for t in collect_targets([corpus], config) if t.error is None] if corpus else []
    stories = linter.settings["stories"]
    with _Pool(config, linter, jobs, stories) as pool:
        grouped = _story_observations(pool, readable, context, stories)
    import textlint_news

    result = {"package": str(Path(textlint_news.__file__).parent),
              "files": len(readable), "context": len(context), "story_phase_s": time.perf_counter() - started,
              "story_phase_cpu_s": cpu_seconds() - cpu, "with_sisters": sum(1 for v in grouped.values() if v),
              "story_phase_peak_rss_mb": peak_mb(resource.RUSAGE_SELF),
              "story_phase_peak_worker_rss_mb": peak_mb(resource.RUSAGE_CHILDREN),
              "sketch_kb": sketch_kb(readable[:100], stories),
              **quality({t.display: set(grouped.get(t.display) or ()) for t in readable})}
    if lint:
        started, cpu = time.perf_counter(), cpu_seconds()
        flagged = [r.path for r in lint_paths(paths, config, jobs=jobs) for _ in r.issues]
        result["lint_s"], result["lint_cpu_s"] = time.perf_counter() - started, cpu_seconds() - cpu
        result["spin_copy_issues"] = len(flagged)
        result["issues_on_unspun_copies"] = sum(not path.endswith("_c01.txt") for path in flagged)
        result["peak_rss_mb"], result["peak_worker_rss_mb"] = peak_mb(resource.RUSAGE_SELF), peak_mb(resource.RUSAGE_CHILDREN)
    return result


def quality(sisters: dict[str, set[str]]) -> dict:
    """The grouping against the article each generated copy was made from (its file name
    `sNNNN_cNN.txt`); empty for other files."""
    article = {path: m.group(1) for path in sisters if (m := re.search(r"s(\d{4})_c\d{2}\.txt$", path))}
    if not article:
        return {}
    counts: dict[str, int] = {}
    for value in article.values():
        counts[value] = counts.get(value, 0) + 1
    same = sum(article.get(other) == article[path] for path in article for other in sisters[path]) // 2
    cross = sum(article.get(other) != article[path] for path in article for other in sisters[path]) // 2
    return {"same_story_pairs": same, "possible_pairs": sum(n * (n - 1) // 2 for n in counts.values()),
            "cross_article_pairs": cross}


def scaling(paths: list[str], sizes: list[int]) -> dict:
    """`stories.group` alone on the first `size` files, for each size: CPU seconds and quality."""
    from textlint_news.stories import StorySettings, group, sketch

    settings = StorySettings()
    files = sorted(Path(paths[0]).glob("*.txt"))
    made = [sketch(f.read_text(encoding="utf-8"), settings) for f in files[:max(sizes)]]
    result = {}
    for size in sizes:
        cpu = time.process_time()
        numbers = group(made[:size], settings)
        seconds = time.process_time() - cpu
        members: dict[int, set[str]] = {}
        for f, number in zip(files, numbers):
            members.setdefault(number, set()).add(str(f))
        sisters = {str(f): members[number] - {str(f)} for f, number in zip(files, numbers)}
        result[size] = {"group_cpu_s": round(seconds, 3), "groups": sum(len(m) > 1 for m in members.values()),
                        **quality(sisters)}
    return result


def sketch_kb(targets: list, stories) -> float:
    """The mean memory of a file's sketch as the parent holds it: the object, its two
    signatures and (a tuple's) values."""
    from textlint_news.stories import sketch

    def size(value) -> int:
        return sys.getsizeof(value) + (sum(map(sys.getsizeof, value)) if isinstance(value, tuple) else 0)

    made = [sketch(t.path.read_text(encoding="utf-8"), stories) for t in targets]
    return sum(sys.getsizeof(m) + size(m.words) + size(m.names) for m in made) / max(1, len(made)) / 1024


def peak_mb(who: int) -> float:
    """Peak resident memory so far of this process (or of its largest finished worker), MB."""
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def fresh(paths: list[str], corpus: str | None, jobs: int, lint: bool, tree: Path | None = None,
          timeout: float | None = None, scale: list[int] | None = None) -> dict:
    """`phase` in a new Python process (its own peak memory); with `tree`, the package of
    that source tree; a run longer than `timeout` seconds is stopped and reported so."""
    request = json.dumps({"paths": paths, "corpus": corpus, "jobs": jobs, "lint": lint, "scaling": scale})
    env = {**os.environ, "PYTHONPATH": str(tree)} if tree else None
    with subprocess.Popen([sys.executable, __file__, "--phase", request], stdout=subprocess.PIPE, text=True,
                          env=env, start_new_session=True) as process:
        try:
            out, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGTERM)  # the phase and its workers
            process.communicate()
            return {"stopped_after_s": timeout}
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, "bench_stories.py --phase")
    return json.loads(out.splitlines()[-1])


def measure(paths: list[str], corpus: str | None, args: argparse.Namespace, baseline: Path | None) -> None:
    """Print the phase's figures: the baseline's first (when given), then the current tree's."""
    scale = [int(n) for n in args.scaling.split(",")] if args.scaling and corpus is None else None
    if baseline:
        before = fresh(paths, corpus, args.jobs, args.lint, baseline, args.baseline_timeout, scale)
        print(f"  before ({args.baseline}):", json.dumps(before))
    print("  now:" if baseline else "", json.dumps(fresh(paths, corpus, args.jobs, args.lint, scale=scale)))


def export(revision: str, folder: Path) -> Path:
    """The source tree of git `revision` written into `folder`."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--lint", action="store_true", help="also time the whole spin.copy run")
    parser.add_argument("--corpus-only", action="store_true", help="only the --corpus ../shared/data figure")
    parser.add_argument("--scaling", metavar="N,N,...", help="time stories.group alone on the first N files")
    parser.add_argument("--baseline", metavar="REV", help="also measure the package at this git revision")
    parser.add_argument("--baseline-timeout", type=float, default=900, help="stop a baseline run after this (s)")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        request = json.loads(args.phase)
        if request["scaling"]:
            print(json.dumps(scaling(request["paths"], request["scaling"])))
        else:
            print(json.dumps(phase(request["paths"], request["corpus"], request["jobs"], request["lint"])))
        return
    with tempfile.TemporaryDirectory(prefix="textlint-baseline-") as tree:
        baseline = export(args.baseline, Path(tree)) if args.baseline else None
        if not args.corpus_only:
            folder = Path(tempfile.mkdtemp(prefix="textlint-stories-"))
            stories = max(args.stories, -(-max(map(int, args.scaling.split(","))) // args.copies)) if args.scaling \
                else args.stories
            try:
                files = generate(folder, stories, args.copies)
                print(f"{files} files in {stories} stories of {args.copies} copies ({folder}):")
                measure([str(folder)], None, args, baseline)
            finally:
                shutil.rmtree(folder)
        seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
        print(f"{len(seeds)} seeds with --corpus {DATA}:")
        measure(seeds, str(DATA), args, baseline)


if __name__ == "__main__":
    main()
