"""docs/rules.md is what `textlint-news rules --format markdown` prints now: the reference and
the CLI read the same `RuleInfo` metadata, and the page cannot fall behind a new rule."""
import json
from pathlib import Path

from click.testing import CliRunner

from textlint_news.cli import main
from textlint_news.rules_reference import REGENERATE

ROOT = Path(__file__).resolve().parents[1]


def rules(*args: str) -> str:
    done = CliRunner().invoke(main, ["rules", "--isolated", *args])
    assert done.exit_code == 0, done.output
    return done.output


def test_docs_rules_md_is_current():
    shipped = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert shipped == rules("--format", "markdown"), f"docs/rules.md is out of date: run `{REGENERATE}`"


def test_every_listed_rule_has_its_entry_and_summary_row():
    page = rules("--format", "markdown")
    listed = json.loads(rules("--format", "json"))
    assert len(listed) > 40
    for rule in listed:
        assert f"\n### `{rule['id']}`\n\n*{rule['category']}, default severity {rule['severity']};" in page
        assert f"| [`{rule['id']}`](#" in page
    # GitHub's heading anchor drops the dots: `spin.copy` -> #spincopy
    assert "[`spin.copy`](#spincopy)" in page
    # a shipped pack is named relative to the package, without a line number that churns
    assert "rule pack `rules/boilerplate.yml`*" in page
    # '<...>' outside code would vanish as an HTML tag on GitHub
    assert "grammar.lt.&lt;LanguageTool rule&gt;" in page and "`grammar.lt.<RULE_ID>`" in page


def test_a_users_pack_is_listed_with_its_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "house.yml").write_text(
        "rules:\n  - id: house.promo\n    kind: existence\n    category: boilerplate\n"
        "    tokens: ['Sponsored | paid']\n    message: Promotional line\n"
        "    description: A promotional line | a sponsor's note.\n"
    )
    (tmp_path / "house.toml").write_text('rules = ["house.yml"]\n')
    done = CliRunner().invoke(main, ["rules", "--config", "house.toml", "--format", "markdown"])
    assert done.exit_code == 0, done.output
    assert "rule pack `house.yml`*" in done.output
    assert "| boilerplate | warning | A promotional line \\| a sponsor's note. |" in done.output
