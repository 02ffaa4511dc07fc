"""A copy in the model cache is written whole or not at all, and replaces the oldest copies."""
from __future__ import annotations

import os
from pathlib import Path

from textlint_news.model_cache import KEEP_COPIES, write_folder


def _fill(text: str):
    def fill(staging: Path) -> None:
        (staging / "a.txt").write_text(text, encoding="utf-8")
        (staging / "b.txt").write_text(text * 2, encoding="utf-8")
    return fill


def test_a_copy_is_written_whole_and_the_oldest_copies_go(tmp_path):
    olds = []
    for n in range(KEEP_COPIES):  # copies from other sources (other installs, older versions)
        old = tmp_path / f"lm-bigrams-old{n}"
        assert write_folder(old, _fill("old"), "lm-bigrams-")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))  # the first the oldest
        olds.append(old.name)
    other = tmp_path / "table-words-1"
    assert write_folder(other, _fill("other"), "table-words-")
    new = tmp_path / "lm-bigrams-new"
    assert write_folder(new, _fill("new"), "lm-bigrams-")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*olds[1:], "lm-bigrams-new", "table-words-1"])
    assert (new / "b.txt").read_text(encoding="utf-8") == "newnew"


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    def failing(staging: Path) -> None:
        (staging / "a.txt").write_text("half", encoding="utf-8")
        raise OSError("disk full")

    assert not write_folder(tmp_path / "table-x-1", failing, "table-x-")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert not write_folder(blocker / "models" / "table-x-1", _fill("x"), "table-x-")


def test_a_copy_another_process_wrote_first_counts(tmp_path):
    copy = tmp_path / "py3langid-k"
    assert write_folder(copy, _fill("first"), "py3langid-")
    assert write_folder(copy, _fill("second"), "py3langid-")  # the rename fails: the copy is there
    assert (copy / "a.txt").read_text(encoding="utf-8") == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["py3langid-k"]


def test_a_table_whose_name_extends_another_is_not_pruned_with_it(tmp_path):
    # "wordfreq-en" and "wordfreq-en-top-20000": the first's copies must leave the second's alone
    longer = [tmp_path / f"table-wordfreq-en-top-20000-k{n}.marshal" for n in range(2)]
    for path in longer:
        path.write_bytes(b"x")
        os.utime(path, (500_000, 500_000))  # older than every copy below
    for n in range(KEEP_COPIES + 1):
        copy = tmp_path / f"table-wordfreq-en-k{n}"
        assert write_folder(copy, _fill("x"), "table-wordfreq-en-")
        os.utime(copy, (1_000_000 + n, 1_000_000 + n))
    assert all(path.exists() for path in longer)
    assert len(list(tmp_path.glob("table-wordfreq-en-k*"))) == KEEP_COPIES
