"""Every kind of bad input: one clear line naming the file and cause, others still linted, exit 2."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from textlint_news.cli import main

GOOD = "A headline\n\nAdvertisement\n\nThe minister spoke on Monday about the budget.\n"


def make_missing(tmp: Path):
    return tmp / "missing.txt", "missing.txt: no such file or directory"


def make_empty_dir(tmp: Path):
    folder = tmp / "empty"
    folder.mkdir()
    (folder / "notes.md").write_text("not a .txt file")
    return folder, "empty: no files matching *.txt"


def make_binary(tmp: Path):
    path = tmp / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return path, "image.txt: binary file (NUL bytes), not text"


def make_undecodable(tmp: Path):
    path = tmp / "noise.txt"
    path.write_bytes(b"plain start " + bytes([0xFF, 0xFE, 0x81, 0x8D, 0x90]) * 60)
    return path, "noise.txt: not UTF-8 (invalid byte at 12) and its encoding cannot be detected reliably"


def make_empty(tmp: Path):
    path = tmp / "empty.txt"
    path.write_bytes(b"")
    return path, "empty.txt: empty file"


def make_blank(tmp: Path):
    path = tmp / "blank.txt"
    path.write_text(" \n\t\n")
    return path, "blank.txt: file holds only white space"


def make_too_large(tmp: Path):
    path = tmp / "huge.txt"
    path.write_text("word " * 300)
    return path, "huge.txt: file too large (1,500 bytes; max-file-size is 1,000)"


def make_unreadable(tmp: Path):
    path = tmp / "secret.txt"
    path.write_text(GOOD)
    path.chmod(0)
    return path, "secret.txt: permission denied"


def make_bad_bom(tmp: Path):
    path = tmp / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfok \xff\xfe broken")
    return path, "bom.txt: not valid utf-8-sig despite its byte-order mark"


def make_dangling_link_in_folder(tmp: Path):
    folder = tmp / "feeds"
    folder.mkdir()
    (folder / "gone.txt").symlink_to(tmp / "deleted.txt")
    return folder, "feeds/gone.txt: broken symbolic link (its target does not exist)"


def make_link_loop_in_folder(tmp: Path):
    folder = tmp / "feeds"
    folder.mkdir()
    (folder / "loop.txt").symlink_to("loop.txt")
    return folder, "feeds/loop.txt: symbolic link loop"


def make_fifo_in_folder(tmp: Path):
    folder = tmp / "feeds"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    return folder, "feeds/pipe.txt: not a regular file (a FIFO, socket or device)"


CASES = [make_missing, make_empty_dir, make_binary, make_undecodable, make_empty, make_blank,
         make_too_large, make_unreadable, make_bad_bom, make_dangling_link_in_folder,
         make_link_loop_in_folder, make_fifo_in_folder]


@pytest.mark.parametrize("make", CASES, ids=[c.__name__[5:] for c in CASES])
def test_bad_input_is_one_line_and_the_rest_is_linted(tmp_path, monkeypatch, make):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    bad, expected = make(tmp_path)
    if make is make_unreadable and os.geteuid() == 0:  # root reads anything: simulate the OS refusal
        real = Path.read_bytes
        monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(PermissionError(13, "denied"))
                            if self.name == "secret.txt" else real(self))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "--isolated", "--max-file-size", "1000",
                                       "--select", "boilerplate", bad.name, "good.txt"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [expected]
    assert "Traceback" not in result.output
    assert "good.txt:3:1: warning boilerplate.ad-slot" in result.stdout


def test_legacy_encoding_is_detected_and_linted(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café était très animé.\n\nAdvertisement\n\nUn été à Zürich, naïve idée.\n".encode("cp1252"))
    result = CliRunner().invoke(main, ["lint", "--isolated", "--select", "boilerplate", "--format", "json", str(path)])
    assert result.exit_code == 1, result.output
    assert '"start": 27' in result.stdout and result.stderr == ""


def test_bad_config_and_bad_pack_are_exit_2(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text('fail-level = "loud"\n')
    (tmp_path / "a.txt").write_text(GOOD)
    result = CliRunner().invoke(main, ["lint", "--config", str(config), str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert result.stderr == f"textlint-news: error: {config}: 'fail-level': must be one of info, warning, error\n"
    pack = tmp_path / "pack.yml"
    pack.write_text("rules:\n  - {id: x.y, kind: existence, category: spin}\n")
    result = CliRunner().invoke(main, ["lint", "--isolated", "--rules", str(pack), str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"textlint-news: error: {pack}:2: rule x.y: an existence rule needs 'tokens' or 'patterns'"


def test_a_fifo_on_the_command_line_is_skipped_not_waited_on(tmp_path):
    """Reading a FIFO waits for a writer: the run hung."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    done = subprocess.run([sys.executable, "-m", "textlint_news", "lint", "--isolated", "--select", "boilerplate",
                           "pipe.txt", "good.txt"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["pipe.txt: not a regular file (a FIFO, socket or device)"]
    assert "good.txt:3:1: warning boilerplate.ad-slot" in done.stdout
