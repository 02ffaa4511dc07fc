"""The README's set-up commands: CI runs exactly them, and the second works in a new shell."""
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("\n## Set up\n"):].split("```sh\n", 1)[1].split("```", 1)[0]
    return block.strip().splitlines()


def test_ci_runs_the_readmes_two_commands_verbatim():
    commands = setup_commands()
    assert len(commands) == 2
    script = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if not line.startswith("#")]
    for command in commands:
        assert any(line == command or line.startswith(command + " ||") for line in script), command


@pytest.mark.slow
def test_the_test_command_works_in_a_new_shell(tmp_path):
    """`python -m pytest` alone, in a new shell, ran whatever `python` was first on PATH:
    'No module named re2'. The command now activates the venv itself."""
    venv = ROOT / ".venv"
    if not (venv / "bin" / "activate").is_file():
        pytest.skip("no .venv beside the README (set-up command 1 makes it)")
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep)
                           if Path(p).resolve() != (venv / "bin").resolve() and "/.venv" not in p)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = path
    command = setup_commands()[1] + " -q -p no:cacheprovider tests/test_rulepack.py"
    done = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert " passed" in done.stdout
