"""lint_paths phases: only story groups are observed, one pool serves a run, small runs need none,
jobs do not change issues."""
from __future__ import annotations

import concurrent.futures
import multiprocessing
from pathlib import Path

import pytest

from textlint_news import api
from textlint_news.check import Check, RuleInfo
from textlint_news.config import Config
from textlint_news.engine import Linter

from test_stories import REWRITTEN, SPUN, STORY, UNRELATED

TYPO = STORY.replace("Vexmire said", "Vemxire said")
CONFIG = Config(select=["names"])
POOLED = Config(select=["names"], min_bytes_per_job=1)  # a pool even for tiny files


def _write(folder: Path, files: dict[str, str]) -> list[str]:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name) for name in files]


@pytest.fixture
def observed(monkeypatch) -> list[str]:
    """The names of the files the linter observes (in-process runs)."""
    seen: list[str] = []
    original = Linter.observe

    def spy(self, doc):
        seen.append(Path(doc.path).name)
        return original(self, doc)

    monkeypatch.setattr(Linter, "observe", spy)
    return seen


def test_only_files_with_sister_copies_are_observed(tmp_path, observed):
    paths = _write(tmp_path, {"a.txt": TYPO, "b.txt": REWRITTEN, "c.txt": SPUN, "d.txt": UNRELATED})
    results = {Path(r.path).name: r.issues for r in api.lint_paths(paths, CONFIG, jobs=1)}
    assert sorted(observed) == ["a.txt", "b.txt", "c.txt"]
    assert [i.suggestions for i in results["a.txt"]] == [("Vexmire",)]


def test_context_copies_are_observed_only_for_the_stories_linted(tmp_path, observed):
    corpus = tmp_path / "corpus"
    _write(corpus, {"rewritten.txt": REWRITTEN, "spun.txt": SPUN, "unrelated.txt": UNRELATED})
    paths = _write(tmp_path / "lint", {"a.txt": TYPO})
    results = list(api.lint_paths(paths, Config(select=["names"], corpus=str(corpus)), jobs=1))
    assert sorted(observed) == ["rewritten.txt", "spun.txt"]  # not a.txt: no other file is linted
    assert [i.suggestions for i in results[0].issues] == [("Vexmire",)]


@pytest.fixture
def pools(monkeypatch) -> list[int]:
    """The number of workers of each process pool started."""
    started: list[int] = []

    class Counted(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, workers, *args, **kwargs):
            started.append(workers)
            super().__init__(workers, *args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counted)
    return started


FORKED = multiprocessing.get_start_method() == "fork"
# Pools of a run with a corpus phase: with fork, the lint phase's workers are forked anew
# from the parent once it has loaded the tables; a spawned pool serves every phase.
PHASE_POOLS = 2 if FORKED else 1


def test_the_corpus_phase_pool_hands_over_to_workers_forked_after_the_preload(tmp_path, pools, monkeypatch):
    preloads: list[int] = []
    monkeypatch.setattr(Linter, "preload", lambda self: preloads.append(len(pools)))
    paths = _write(tmp_path, {"a.txt": TYPO, "b.txt": REWRITTEN, "c.txt": UNRELATED})
    assert len(list(api.lint_paths(paths, POOLED, jobs=2))) == 3
    assert pools == [2] * PHASE_POOLS
    assert preloads == ([1] if FORKED else [])  # once, in this process, after the first pool started


def test_without_a_corpus_phase_the_parent_preloads_before_forking(tmp_path, pools, monkeypatch):
    preloads: list[int] = []
    monkeypatch.setattr(Linter, "preload", lambda self: preloads.append(len(pools)))
    paths = _write(tmp_path, {"a.txt": TYPO, "b.txt": UNRELATED})
    config = Config(select=["boilerplate"], min_bytes_per_job=1)  # no check observes
    assert len(list(api.lint_paths(paths, config, jobs=2))) == 2
    assert pools == [2]
    assert preloads == ([0] if FORKED else [])


@pytest.mark.skipif(not FORKED, reason="forked workers only")
def test_the_lint_workers_fork_with_the_loaded_tables_frozen_and_the_run_thaws_them(tmp_path, monkeypatch):
    import gc

    frozen_at_fork: list[int] = []
    original = api._Pool.map

    def spy(self, func, items):
        if func is api._lint:
            frozen_at_fork.append(gc.get_freeze_count())
        return original(self, func, items)

    monkeypatch.setattr(api._Pool, "map", spy)
    paths = _write(tmp_path, {"a.txt": TYPO, "b.txt": REWRITTEN, "c.txt": UNRELATED})
    assert gc.get_freeze_count() == 0
    assert len(list(api.lint_paths(paths, POOLED, jobs=2))) == 3
    assert frozen_at_fork and frozen_at_fork[0] > 0
    assert gc.get_freeze_count() == 0  # a caller's later garbage is collected as usual


@pytest.mark.skipif(not FORKED, reason="forked workers only")
def test_the_corpus_workers_yield_the_cores_to_the_preload_and_the_lint_workers_do_not(tmp_path, pools, monkeypatch):
    import os

    log = tmp_path / "niceness.log"
    original = api._init_worker

    def recording(*args):
        original(*args)
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.nice(0)}\n")

    sketch_tables: list[int] = []
    monkeypatch.setattr(api, "_init_worker", recording)
    monkeypatch.setattr(api, "preload_sketches", lambda stories: sketch_tables.append(len(pools)))
    paths = _write(tmp_path, {"a.txt": TYPO, "b.txt": REWRITTEN, "c.txt": UNRELATED})
    assert len(list(api.lint_paths(paths, POOLED, jobs=2))) == 3
    base = os.nice(0)
    lowered = min(19, base + api.CORPUS_NICENESS)
    assert sorted(map(int, log.read_text().split())) == sorted([lowered, lowered, base, base])
    assert sketch_tables == [0]  # loaded here before the corpus workers fork, not in each of them


def test_a_small_run_needs_no_pool(tmp_path, pools):
    paths = _write(tmp_path, {"a.txt": TYPO, "b.txt": REWRITTEN, "c.txt": UNRELATED})
    size = sum(Path(p).stat().st_size for p in paths)
    assert len(list(api.lint_paths(paths, CONFIG, jobs=2))) == 3  # a few KB: under the default
    assert len(list(api.lint_paths(paths, Config(select=["names"], min_bytes_per_job=size // 2), jobs=0))) == 3
    assert pools == [2] * PHASE_POOLS  # 0 (one per core) is capped by the bytes: two here


@pytest.mark.skipif(not FORKED, reason="forked workers only")
def test_forked_workers_use_the_callers_linter(tmp_path):
    """A linter with a check of its own lints in the workers too (inherited, not rebuilt)."""

    class Shout(Check):
        name = "shout"
        rules = (RuleInfo("shout.caps", "layout", "info", "A line in capitals."),)

        def check(self, doc, ctx):
            for line in doc.lines:
                if line.text.isupper():
                    yield self.emit(doc, "shout.caps", line.start, line.end, "capitals")

    paths = _write(tmp_path, {"a.txt": "LOUD\nquiet\n", "b.txt": "quiet\n", "c.txt": "LOUDER\n"})
    config = Config(min_bytes_per_job=1)
    results = list(api.lint_paths(paths, config, jobs=2, linter=Linter(config, checks=[Shout()])))
    assert [[i.rule for i in r.issues] for r in results] == [["shout.caps"], [], ["shout.caps"]]


def test_issues_do_not_depend_on_the_number_of_jobs(tmp_path):
    files = {"a.txt": TYPO, "b.txt": REWRITTEN, "c.txt": SPUN, "d.txt": UNRELATED,
             "e.txt": "Advertisement\n\n" + UNRELATED}
    paths = _write(tmp_path, files) + [str(tmp_path / "missing.txt")]

    def run(jobs: int) -> list[tuple]:
        return [(r.path, r.issues, r.errors) for r in api.lint_paths(paths, {"min-bytes-per-job": 1}, jobs=jobs)]

    serial = run(1)
    assert any(issues for _, issues, _ in serial) and serial[-1][2]
    assert run(2) == serial


def test_min_bytes_per_job_is_a_size_setting():
    from textlint_news.config import ConfigError, from_mapping

    assert from_mapping({"min-bytes-per-job": "1MB"}).min_bytes_per_job == 1_000_000
    with pytest.raises(ConfigError, match="'min-bytes-per-job': must be a size"):
        from_mapping({"min-bytes-per-job": 0})


def test_by_default_a_large_run_uses_every_core_and_a_small_one_no_pool(tmp_path, pools, monkeypatch):
    """jobs defaults to one process per core (as flake8's --jobs=auto); pre-commit-sized runs stay in-process."""
    monkeypatch.setattr(api.os, "cpu_count", lambda: 2)
    paths = _write(tmp_path, {"a.txt": TYPO, "b.txt": REWRITTEN, "c.txt": UNRELATED})
    assert Config().jobs == 0
    list(api.lint_paths(paths, CONFIG))
    assert pools == []
    size = sum(Path(p).stat().st_size for p in paths)
    list(api.lint_paths(paths, Config(select=["names"], min_bytes_per_job=size // 3)))
    assert pools == [2] * PHASE_POOLS


def test_automatic_jobs_mean_one_process_with_a_local_languagetool():
    """Every process would start its own Java server: `jobs = 0` lints in one; an explicit N is kept."""
    from textlint_news.config import LanguageToolConfig

    local = Config(languagetool=LanguageToolConfig(url="local"))
    assert api._requested_jobs(None, local) == 1
    assert api._requested_jobs(3, local) == 3
    remote = Config(languagetool=LanguageToolConfig(url="http://127.0.0.1:8081"))
    assert api._requested_jobs(None, remote) == 0 and api._requested_jobs(None, Config()) == 0
