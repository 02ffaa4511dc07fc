"""The language identifier's decompressed copy in the user cache (textlint_news.identifier)."""
from __future__ import annotations

import json
import lzma
import os
from functools import lru_cache

import pytest

from textlint_news import identifier as module
from textlint_news.identifier import identifier
from textlint_news import model_cache
from textlint_news.model_cache import CACHE_ENV, KEEP_COPIES

LINES = ["Das Parlament hat am Dienstag über den Haushalt abgestimmt.",
         "El gobierno anunció nuevas medidas para la economía del país.",
         "The minister said the talks would resume next week.",
         "وزیر امور خارجه روز سه‌شنبه با همتای خود دیدار کرد.",
         "Пресс-служба сообщила о новых переговорах в столице."]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A cache folder of its own and no identifier loaded yet in this process."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "models"))
    identifier.cache_clear()
    yield tmp_path / "models"
    identifier.cache_clear()


@lru_cache(maxsize=1)
def reference() -> list[tuple[str, float]]:
    """py3langid's own verdicts on LINES, from its own loader."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return [model.classify(line) for line in LINES]


def copies(folder):
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def test_the_first_load_writes_a_copy_the_next_maps_without_decompressing(fresh, monkeypatch):
    expected = reference()
    first = identifier()
    assert [first.classify(line) for line in LINES] == expected
    (copy,) = copies(fresh)
    assert {p.name for p in copy.iterdir()} == {"meta.json", "nb_ptc.npy", "nb_pc.npy", "tk_nextmove.npy",
                                                 "tk_row.npy", "tk_output.npy"}
    identifier.cache_clear()

    def no_decompression(*args, **kwargs):
        raise AssertionError("the cached copy should have been used")

    monkeypatch.setattr(lzma, "open", no_decompression)
    second = identifier()
    assert [second.classify(line) for line in LINES] == expected
    assert [second.rank(line) for line in LINES] == [first.rank(line) for line in LINES]
    # of the two large tables only the rows these lines reached were read
    assert 0 < len(second.tk_nextmove._rows) < len(second.tk_nextmove) // 256 // 20
    assert 0 < len(second.nb_ptc._rows) < len(second.nb_ptc) // 20


def test_cache_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    identifier.cache_clear()
    try:
        assert [identifier().classify(line) for line in LINES] == reference()
    finally:
        identifier.cache_clear()
    assert model_cache.model_cache_dir() is None and not any(tmp_path.iterdir())


def test_default_folder_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert model_cache.model_cache_dir() == tmp_path / "textlint-news" / "models"


def test_a_damaged_copy_is_replaced(fresh):
    identifier()
    (copy,) = copies(fresh)
    size = (copy / "tk_nextmove.npy").stat().st_size
    with open(copy / "tk_nextmove.npy", "r+b") as handle:
        handle.truncate(size // 2)  # found short by its header: no row past the end is read
    identifier.cache_clear()
    assert [identifier().classify(line) for line in LINES] == reference()
    assert (copies(fresh)[0] / "tk_nextmove.npy").stat().st_size == size


def test_a_copy_missing_a_file_is_replaced(fresh):
    identifier()
    (copy,) = copies(fresh)
    (copy / "tk_row.npy").unlink()
    identifier.cache_clear()
    assert [identifier().classify(line) for line in LINES] == reference()
    assert (copies(fresh)[0] / "tk_row.npy").is_file()


def test_a_copy_that_classifies_otherwise_is_not_used(fresh):
    identifier()
    (copy,) = copies(fresh)
    meta = json.loads((copy / "meta.json").read_text())
    meta["verdicts"][0] = ["xx", 1.0]
    (copy / "meta.json").write_text(json.dumps(meta))
    identifier.cache_clear()
    assert [identifier().classify(line) for line in LINES] == reference()
    assert json.loads((copies(fresh)[0] / "meta.json").read_text())["verdicts"][0][0] == "fr"


def test_an_unwritable_cache_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "models"))
    identifier.cache_clear()
    try:
        assert [identifier().classify(line) for line in LINES] == reference()
    finally:
        identifier.cache_clear()
    assert blocker.read_text() == "not a folder"


def test_a_new_copy_replaces_the_oldest_of_other_models(fresh):
    others = []
    for n in range(KEEP_COPIES):  # copies of other models (other installs), the first the oldest
        other = fresh / (module.COPY_PREFIX + f"{n:016x}")
        other.mkdir(parents=True)
        (other / "meta.json").write_text("{}")
        os.utime(other, (1_000_000 + n, 1_000_000 + n))
        others.append(other)
    (fresh / "notes.txt").write_text("not ours")
    identifier()
    kept = [p for p in copies(fresh) if p.is_dir()]
    assert len(kept) == KEEP_COPIES and not others[0].exists() and all(o.exists() for o in others[1:])
    (current,) = set(kept) - set(others)
    assert current.name.startswith("py3langid-")
    assert (fresh / "notes.txt").read_text() == "not ours"
