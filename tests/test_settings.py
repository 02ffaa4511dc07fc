"""Check settings: one frozen dataclass per check, validated once (shipped table, then the
user's); dashed or underscored keys; one clear error naming file, table, key and reason."""
from __future__ import annotations

from dataclasses import dataclass, field, is_dataclass
from typing import get_type_hints

import pytest
from click.testing import CliRunner

import textlint_news
from textlint_news.checks import discover
from textlint_news.cli import main
from textlint_news.config import Config, ConfigError, load
from textlint_news.engine import Linter
from textlint_news.resources import check_settings, rules_dir, settings_path
from textlint_news.settings import SettingsError, parse_settings, setting_keys, shipped_settings
from textlint_news.stories import StorySettings

# A text whose repeated line the duplicate check reports with its shipped settings
# (min_line_chars 40) and no longer with min_line_chars 200.
REPEATED = ("The council approved the new budget for the coming year on Tuesday evening.\n\n"
            "Other business was postponed until the next meeting of the full council.\n\n"
            "The council approved the new budget for the coming year on Tuesday evening.\n")
WRONG_TYPE = "[settings.duplicate]\nmin_line_chars = \"ten\"\n"
MISSPELT = "[settings.names]\nmin-lenght = 4\n"


@dataclass(frozen=True)
class Inner:
    enabled: bool = True
    words: tuple[str, ...] = ("a", "b")


@dataclass(frozen=True)
class Limits:
    min_length: int = 6
    max_zipf: float = 5.0
    names_file: str = ""
    inner: Inner = field(default_factory=Inner)

    def __post_init__(self) -> None:
        if self.min_length < 1:
            raise ValueError("min-length: must be at least 1")


def parse(table, base=None):
    return parse_settings(Limits, table, "proj/.textlint-news.toml", "settings.demo", base)


def test_dashed_and_underscored_keys_fill_fields_and_the_others_keep_the_base():
    limits = parse({"min-length": 4, "max_zipf": 3, "inner": {"words": ["x"]}})
    assert limits == Limits(min_length=4, max_zipf=3.0, inner=Inner(words=("x",)))
    assert isinstance(limits.max_zipf, float)
    assert parse({"names-file": None}).names_file == ""
    assert parse({"inner": {"enabled": False}}, base=limits).inner == Inner(enabled=False, words=("x",))


@pytest.mark.parametrize("table, message", [
    ({"min-length": 4.5}, "[settings.demo] min-length: expected a whole number, got 4.5"),
    ({"min_length": "6"}, "[settings.demo] min_length: expected a whole number, got '6'"),
    ({"max-zipf": True}, "[settings.demo] max-zipf: expected a number, got True"),
    ({"inner": {"enabled": "false"}}, "[settings.demo.inner] enabled: expected true or false, got 'false'"),
    ({"inner": {"words": "x y"}}, "[settings.demo.inner] words: expected a list of strings, got 'x y'"),
    ({"inner": 3}, "[settings.demo.inner]: expected a table, got 3"),
    ({"names_file": 3}, "[settings.demo] names_file: expected a string, got 3"),
    ({"min-lenght": 4}, "[settings.demo] min-lenght: unknown key (did you mean 'min-length'?)"),
    ({"colour": 4}, "[settings.demo] colour: unknown key (known keys: min-length, max-zipf, names-file, inner)"),
    ({"min-length": 0}, "[settings.demo]: min-length: must be at least 1"),
    ({"min-length": 4, "min_length": 5}, "[settings.demo] min_length: given twice (also as min-length)"),
])
def test_a_bad_key_or_value_names_file_table_key_and_reason(table, message):
    with pytest.raises(SettingsError) as error:
        parse(table)
    assert str(error.value) == f"proj/.textlint-news.toml: {message}"
    assert isinstance(error.value, ConfigError)


CLASSES = {"stories": StorySettings, **{c.name: c.settings_type for c in discover()}}


def test_every_check_declares_a_frozen_settings_dataclass_and_ships_its_table():
    for name, cls in CLASSES.items():
        assert is_dataclass(cls) and cls.__dataclass_params__.frozen, name
        assert settings_path(name).is_file(), name
    assert sorted(p.stem for p in (rules_dir() / "settings").glob("*.yml")) == sorted(CLASSES)


def _same_keys(cls, table, where):
    """Assert that the shipped table and the dataclass name the same keys, nested tables too."""
    shipped = {str(k).replace("-", "_"): v for k, v in table.items()}
    assert set(shipped) == set(setting_keys(cls)), where
    for key, kind in get_type_hints(cls).items():
        if is_dataclass(kind) and key in shipped:
            _same_keys(kind, shipped[key], f"{where}.{key}")


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_the_shipped_table_holds_every_key_and_equals_the_dataclass_defaults(name):
    cls = CLASSES[name]
    table = check_settings(name)
    _same_keys(cls, table, name)
    assert shipped_settings(name, cls) == cls()
    assert parse_settings(cls, table, "shipped", "settings") == cls()


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_every_shipped_key_has_a_comment(name):
    """Each key's line, a comment block above it (up to a blank line) or its table's header
    explains it; list items need none."""
    documented = False
    for line in settings_path(name).read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped:
            documented = False
        elif stripped.startswith("#"):
            documented = True
        elif stripped.split("#")[0].rstrip().endswith(":"):
            # a nested table's header: its comment, or the one above it, explains its keys
            documented = line.startswith(" ") and (documented or "#" in stripped)
        elif line.startswith(" ") and not stripped.startswith("- "):
            assert "#" in stripped or documented, f"{name}: {line!r} has no comment"


def test_a_user_table_overrides_the_shipped_one_with_dashed_or_underscored_keys():
    for key in ("min_line_chars", "min-line-chars"):
        linter = Linter(Config(select=["duplicate"], settings={"duplicate": {key: 200}}))
        assert linter.settings["duplicate"].min_line_chars == 200
        assert linter.settings["duplicate"].min_block_lines == 3  # the shipped value
        assert linter.lint(REPEATED) == []
    assert [i.rule for i in Linter(Config(select=["duplicate"])).lint(REPEATED)] == ["duplicate.line"]
    nested = Linter(Config(settings={"spin": {"classifier": {"span_warning": 0.7}}})).settings["spin"]
    assert nested.classifier.span_warning == 0.7 and nested.classifier.span_report == 0.2


@pytest.mark.parametrize("toml, message", [
    (WRONG_TYPE, "[settings.duplicate] min_line_chars: expected a whole number, got 'ten'"),
    (MISSPELT, "[settings.names] min-lenght: unknown key (did you mean 'min-length'?)"),
    ("[settings.duplicat]\nmax-gap = 1\n", "[settings.duplicat]: no check has these settings (known: "),
    ("[settings.grammar]\nlanguagetool = {url = \"x\"}\n", "[settings.grammar] languagetool: unknown key"),
    ("[settings.spin.classifier]\nspan-warning = \"high\"\n",
     "[settings.spin.classifier] span-warning: expected a number, got 'high'"),
    ("[settings.stories]\nrows-per-band = 0\n", "[settings.stories]: num-perm and rows-per-band"),
])
def test_the_cli_exits_2_with_one_line_naming_file_table_and_key(tmp_path, toml, message):
    config = tmp_path / ".textlint-news.toml"
    config.write_text(toml, encoding="utf-8")
    (tmp_path / "a.txt").write_text(REPEATED, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--config", str(config), str(tmp_path / "a.txt")])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"textlint-news: error: {config}: {message}")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("toml, table, key", [(WRONG_TYPE, "duplicate", "min_line_chars"),
                                              (MISSPELT, "names", "min-lenght")])
def test_the_library_raises_a_settings_error_naming_the_key(tmp_path, toml, table, key):
    path = tmp_path / ".textlint-news.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(SettingsError) as error:
        Linter(load(path))
    assert (error.value.source, error.value.table, error.value.key) == (str(path), f"settings.{table}", key)
    with pytest.raises(ConfigError, match=f"<mapping>: \\[settings.{table}\\] {key}: "):
        textlint_news.lint(REPEATED, config={"settings": {table: {key: "ten"}}})


def test_the_message_names_the_table_as_the_file_writes_it(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.textlint-news.settings.names]\nmin-lenght = 4\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"pyproject.toml: \[tool.textlint-news.settings.names\] min-lenght: "):
        Linter(load(pyproject))
    setup_cfg = tmp_path / "setup.cfg"
    setup_cfg.write_text("[textlint-news]\n[textlint-news.settings.duplicate]\nmax-gap = two\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"setup.cfg: \[textlint-news.settings.duplicate\] max-gap: "
                                            r"expected a whole number, got 'two'"):
        Linter(load(setup_cfg))


def test_a_settings_table_is_read_once_per_linter_not_per_document():
    linter = Linter(Config(select=["duplicate"], settings={"duplicate": {"min-line-chars": 200}}))
    first = linter.settings["duplicate"]
    linter.lint(REPEATED)
    assert linter.settings["duplicate"] is first
