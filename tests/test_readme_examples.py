"""What the README shows works as shown: its sample output, its library snippet, its commands."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from textlint_news.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "corpora/sample_damaged.txt"


def readme_block(heading: str, language: str) -> str:
    """The first fenced `language` block under the README's `heading`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(f"\n{heading}\n"):]
    return section.split(f"```{language}\n", 1)[1].split("```", 1)[0]


def test_the_sample_output_is_what_the_linter_prints(monkeypatch):
    monkeypatch.chdir(ROOT)
    block = readme_block("## What it finds", "text").splitlines()
    assert block[0] == f"$ textlint-news lint {SAMPLE}"
    shown = [line for line in block[1:] if line != "..."]
    done = CliRunner().invoke(main, ["lint", "--isolated", SAMPLE])
    assert done.exit_code == 1
    printed = done.output.splitlines()
    missing = [line for line in shown if line not in printed]
    assert not missing, (f"the README's example output is out of date: run `textlint-news lint {SAMPLE}` "
                         f"and copy its lines; not printed now: {missing}")
    assert len(shown) >= 4


def test_the_library_snippet_runs_as_written(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    exec(compile(readme_block("## Library", "python"), "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert re.match(r"corpora/sample_damaged\.txt \d+ \[\]\n", printed), printed[:200]
    assert "\nnames.typo Okonkow ('Okonkwo',)\n" in printed


@pytest.mark.slow
def test_the_command_line_examples_run(tmp_path):
    """Each example command, in a folder holding the `copies/` and `copy.txt` it names, lints
    (exit 0 or 1, never a usage error) and prints what its comment says."""
    copies = tmp_path / "copies"
    copies.mkdir()
    sample = (ROOT / SAMPLE).read_text(encoding="utf-8")
    (copies / "a.txt").write_text(sample, encoding="utf-8")
    (copies / "b.txt").write_text(sample.replace("Okonkow", "Okonkwo"), encoding="utf-8")
    (tmp_path / "copy.txt").write_text(sample, encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "NO_COLOR": "1"}
    commands = [line.split("  #")[0].strip() for line in readme_block("## Command line", "sh").splitlines()]
    assert len(commands) >= 5 and shutil.which("textlint-news", path=env["PATH"])
    outputs = {}
    for command in commands:
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode in (0, 1), (command, done.stderr[-2000:])
        outputs[command] = done.stdout
    by_flag = {flag: out for command, out in outputs.items()
               for flag in ("--diff", "--select", "explain", "--stdin-filename") if flag in command}
    assert "+++ b/copies/a.txt" in by_flag["--diff"] and "-Advertisement" in by_flag["--diff"]
    assert "names.typo" in by_flag["--select"] and "boilerplate" not in by_flag["--select"]
    assert by_flag["explain"].startswith("names.typo")
    assert "<html" in (tmp_path / "report.html").read_text(encoding="utf-8").lower()
    assert "copy.txt:3:1: warning boilerplate.ad-slot" in by_flag["--stdin-filename"]
