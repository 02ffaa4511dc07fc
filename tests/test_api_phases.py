"""lint_paths phases: only story groups are observed, one pool serves a run, jobs do not change issues."""
from __future__ import annotations

from pathlib import Path

import pytest

from textlint_news import api
from textlint_news.config import Config
from textlint_news.engine import Linter

from test_stories import REWRITTEN, SPUN, STORY, UNRELATED

TYPO = STORY.replace("Vexmire said", "Vemxire said")
CONFIG = Config(select=["names"])


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


def test_one_pool_serves_every_phase(tmp_path, monkeypatch):
    started: list[int] = []

    class Counted(api.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            started.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(api, "ProcessPoolExecutor", Counted)
    paths = _write(tmp_path, {"a.txt": TYPO, "b.txt": REWRITTEN, "c.txt": UNRELATED})
    assert len(list(api.lint_paths(paths, CONFIG, jobs=2))) == 3
    assert started == [1]


def test_issues_do_not_depend_on_the_number_of_jobs(tmp_path):
    files = {"a.txt": TYPO, "b.txt": REWRITTEN, "c.txt": SPUN, "d.txt": UNRELATED,
             "e.txt": "Advertisement\n\n" + UNRELATED}
    paths = _write(tmp_path, files) + [str(tmp_path / "missing.txt")]

    def run(jobs: int) -> list[tuple]:
        return [(r.path, r.issues, r.errors) for r in api.lint_paths(paths, jobs=jobs)]

    serial = run(1)
    assert any(issues for _, issues, _ in serial) and serial[-1][2]
    assert run(2) == serial
