"""scikit-learn is the `[train]` extra: linting never imports it, training says how to get it."""
import configparser
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from textlint_news.cli import main

ROOT = Path(__file__).resolve().parents[1]
ADVICE = "textlint-news: error: training needs scikit-learn: pip install 'textlint-news[train]'\n"


def test_linting_a_seed_never_imports_scikit_learn(seed_path):
    probe = ("import sys\nfrom textlint_news.cli import main\n"
             f"code = main(['lint', '--isolated', '--format', 'jsonl', {str(seed_path(1))!r}], standalone_mode=False)\n"
             "print('exit', code, 'sklearn' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    *issues, last = done.stdout.splitlines()
    assert issues and last == "exit 1 False"  # issues found, and no scikit-learn


def test_train_without_scikit_learn_names_the_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "sklearn", None)  # what `import sklearn` meets when it is not installed
    for args in (["train", "--data", str(tmp_path), "-o", str(tmp_path / "m.json")],
                 ["eval", "--data", str(tmp_path), "--leave-one-out"]):
        result = CliRunner().invoke(main, args)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", ADVICE)
    assert list(tmp_path.iterdir()) == []


def test_scikit_learn_is_an_extra_for_training_and_tests_only():
    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg")
    required = parser["options"]["install_requires"]
    extras = parser["options.extras_require"]
    assert "scikit-learn" not in required
    assert "scikit-learn" in extras["train"] and "scikit-learn" in extras["test"]
