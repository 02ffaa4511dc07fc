"""The real pre-commit framework runs our hook: a damaged file is blocked, a clean one passes."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ["setup.cfg", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "textlint_news", "rules"]
FIXED_DATE = "2025-01-01T00:00:00+00:00"

pytestmark = pytest.mark.slow


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
