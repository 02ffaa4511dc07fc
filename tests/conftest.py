"""Shared fixtures: the outside test material in ../shared, skipped cleanly when absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from textlint_news.model_cache import CACHE_ENV

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"


@pytest.fixture(autouse=True, scope="session")
def _model_cache(tmp_path_factory) -> None:
    """The tests (and the commands they run) keep decompressed models in a folder of their
    own, never in the user's cache."""
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("model-cache"))


def _require(folder: Path) -> Path:
    if not folder.is_dir():
        pytest.skip(f"{folder} is not present (outside test material)")
    return folder


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _require(SEEDS)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return _require(DATA)


@pytest.fixture(scope="session")
def seed_path(seeds_dir):
    """`seed_path(4)` is the path of seed 004."""

    def find(number: int) -> Path:
        matches = sorted(seeds_dir.glob(f"{number:03d}_*.txt"))
        if not matches:
            pytest.skip(f"seed {number:03d} is not present")
        return matches[0]

    return find


@pytest.fixture(scope="session")
def seed_text(seed_path):
    """`seed_text(4)` is the decoded text of seed 004."""
    return lambda number: seed_path(number).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def linter():
    """One default `Linter`, loaded once for the session."""
    from textlint_news.engine import Linter

    return Linter()


def write_records(path: Path, files: list[Path]) -> Path:
    """A JSONL file of records (`id`: the file's stem, `text`: its decoded text) made from
    `files` read in place; tests keep it in a tmp folder, never in the project."""
    import json

    from textlint_news.inputs import read_document

    with path.open("w", encoding="utf-8") as out:
        for file in files:
            record = {"id": file.stem, "text": read_document(file, 10 * 1024**2).text, "source": file.parent.name}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="session")
def news_records(tmp_path_factory, seeds_dir, data_dir) -> Path:
    """Records of the five seeds (one story) and 40 articles spread over ../shared/data."""
    articles = sorted(data_dir.rglob("*.txt"))[::59][:40]
    files = sorted(seeds_dir.glob("*.txt")) + articles
    return write_records(tmp_path_factory.mktemp("records") / "news.jsonl", files)
