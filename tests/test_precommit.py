"""The real pre-commit framework runs our hook: a damaged file is blocked, a clean one passes."""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ["setup.cfg", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "textlint_news", "rules"]
FIXED_DATE = "2025-01-01T00:00:00+00:00"

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True, scope="module")
def _pre_commit_home() -> Iterator[Path]:
    """pre-commit's hook environments (400+ MB: scikit-learn, numpy...) go to a temporary
    folder removed after these tests, never to ~/.cache/pre-commit; the git hooks the tests
    run inherit the variable."""
    with tempfile.TemporaryDirectory(prefix="textlint-news-pre-commit-") as home:
        before = os.environ.get("PRE_COMMIT_HOME")
        os.environ["PRE_COMMIT_HOME"] = home
        try:
            yield Path(home)
        finally:
            if before is None:
                del os.environ["PRE_COMMIT_HOME"]
            else:
                os.environ["PRE_COMMIT_HOME"] = before


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "GIT_AUTHOR_DATE": FIXED_DATE, "GIT_COMMITTER_DATE": FIXED_DATE}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    return done.stdout + done.stderr if done.returncode == 0 else f"EXIT {done.returncode}\n{done.stdout}{done.stderr}"


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A snapshot of this working tree as a git repo (same tree, same date: same commit, cached env)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("hook") / "textlint-news"
    repo.mkdir()
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "snapshot")
    return repo, git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def project(tmp_path, hook_repo) -> Path:
    repo, rev = hook_repo
    work = tmp_path / "pipeline"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: textlint-news\n"
        "        args: [--select, boilerplate.ad-slot]\n"
    )
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=work,
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    git(work, "add", ".pre-commit-config.yaml")
    return work


def commit(work: Path, name: str, text: str) -> str:
    (work / name).write_text(text)
    git(work, "add", name)
    return git(work, "commit", "-m", f"add {name}")


def test_damaged_file_is_blocked_and_clean_file_passes(project):
    blocked = commit(project, "copy.txt", "Headline\n\nAdvertisement\n\nThe mayor spoke on Monday.\n")
    assert blocked.startswith("EXIT 1"), blocked
    assert "textlint-news" in blocked and "Failed" in blocked
    assert "copy.txt:3:1: warning boilerplate.ad-slot" in blocked
    assert git(project, "log", "--oneline").startswith("EXIT")  # nothing was committed
    (project / "copy.txt").unlink()
    git(project, "rm", "-q", "--cached", "copy.txt")
    passed = commit(project, "clean.txt", "Headline\n\nThe mayor spoke on Monday about the harbour.\n")
    assert not passed.startswith("EXIT"), passed
    assert "Passed" in passed


def _user_cache_repos() -> set[str]:
    """The repositories ~/.cache/pre-commit holds environments for (its own database)."""
    db = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pre-commit" / "db.db"
    if not db.is_file():
        return set()
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
        return {repo for (repo,) in connection.execute("SELECT repo FROM repos")}


def test_hook_environments_stay_out_of_the_users_cache(project, hook_repo, _pre_commit_home):
    """Every run used to add a 419 MB environment to ~/.cache/pre-commit (a new repo each time)."""
    commit(project, "copy.txt", "Headline\n\nAdvertisement\n\nThe mayor spoke on Monday.\n")
    assert any(_pre_commit_home.glob("repo*")), "pre-commit did not build its environment there"
    assert str(hook_repo[0]) not in _user_cache_repos()


def readme_block(heading: str, language: str) -> str:
    """The first fenced `language` block under the README's `heading`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(f"\n{heading}\n"):]
    return section.split(f"```{language}\n", 1)[1].split("```", 1)[0]


def test_the_readme_snippet_works_as_written(tmp_path, monkeypatch):
    """The README's `rev: v0.1.0` named a tag that did not exist; its snippet, exactly as
    written, now blocks a damaged copy and lets a clean one through (with the set-up's
    venv active, as the README says)."""
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    work = tmp_path / "news"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    (work / ".pre-commit-config.yaml").write_text(readme_block("## pre-commit", "yaml"))
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=work,
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    git(work, "add", ".pre-commit-config.yaml")
    blocked = commit(work, "copy.txt", "Harbour talks resume\n\nAdvertisement\n\nThe mayor spoke on Monday.\n")
    assert blocked.startswith("EXIT 1") and "copy.txt:3:1: warning boilerplate.ad-slot" in blocked, blocked
    (work / "copy.txt").unlink()
    git(work, "rm", "-q", "--cached", "copy.txt")
    passed = commit(work, "clean.txt", "Harbour talks resume\n\nThe mayor spoke on Monday about the harbour. "
                                       "Ferries will run again next week, she said.\n")
    assert not passed.startswith("EXIT") and "Passed" in passed, passed
