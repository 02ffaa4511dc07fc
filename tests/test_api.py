"""The library API: lint, lint_file, lint_paths, a reusable Linter, and a light import."""
import subprocess
import sys

import pytest

import textlint_news
from textlint_news import InputError, Issue, Linter, lint, lint_file, lint_paths

TEXT = "Headline\n\nAdvertisement\n\nThe mayor opened the bridge on Friday.\n"


def test_lint_returns_issues_with_spans():
    issues = lint(TEXT, config={"select": ["boilerplate.ad-slot"]})
    assert [(type(i), TEXT[i.start:i.end]) for i in issues] == [(Issue, "Advertisement")]
    assert issues[0].path == "<text>"


def test_lint_file_and_its_errors(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    assert [i.rule for i in lint_file(path, {"select": ["boilerplate.ad-slot"]})] == ["boilerplate.ad-slot"]
    with pytest.raises(InputError, match="no such file"):
        lint_file(tmp_path / "missing.txt")


def test_lint_paths_yields_one_result_per_file_in_order(tmp_path):
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(TEXT)
    results = list(lint_paths([str(tmp_path / "b.txt"), str(tmp_path), str(tmp_path / "nope.txt")],
                              {"select": ["boilerplate"]}))
    assert [r.path.rsplit("/", 1)[-1] for r in results] == ["b.txt", "a.txt", "b.txt", "nope.txt"]
    assert results[-1].errors == [f"{tmp_path / 'nope.txt'}: no such file or directory"]
    assert all(len(r.fingerprints) == len(r.issues) for r in results)


def test_a_linter_is_reusable():
    linter = Linter(textlint_news.Config(select=["boilerplate.ad-slot"]))
    assert linter.lint(TEXT) == linter.lint(TEXT)
    assert linter.lint("The mayor opened the bridge on Friday.") == []


def test_import_is_light():
    probe = ("import sys, textlint_news; heavy = {'sklearn', 'numpy', 'wordfreq', 'py3langid', 'ftfy', "
             "'language_tool_python', 're2', 'yaml', 'click', 'rapidfuzz'}; "
             "print(sorted(heavy & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_lint_paths_relaxes_the_garbage_collector_only_while_it_runs(tmp_path):
    import gc

    from textlint_news.api import BATCH_GC_THRESHOLDS

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("The council met on Monday to discuss the budget.\n", encoding="utf-8")
    before = gc.get_threshold()
    results = textlint_news.lint_paths([str(tmp_path)])
    next(results)
    assert gc.get_threshold() == BATCH_GC_THRESHOLDS
    assert [r.path for r in results]  # the rest, then the generator ends
    assert gc.get_threshold() == before
    abandoned = textlint_news.lint_paths([str(tmp_path)])
    next(abandoned)
    abandoned.close()  # a consumer that stops early gets the old thresholds back too
    assert gc.get_threshold() == before
