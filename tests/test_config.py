"""Configuration discovery and validation."""
import textwrap

import pytest

from textlint_news.config import Config, ConfigError, discover, from_mapping, load, parse_size


def write(path, text):
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_pyproject_table(tmp_path):
    write(tmp_path / "pyproject.toml", """
        [tool.textlint-news]
        select = ["spin", "names"]
        fail-level = "error"
        max-file-size = "2MB"
        [tool.textlint-news.severity]
        "spin.lexicon" = "info"
        [tool.textlint-news.settings.names]
        names-file = "names.txt"
        [tool.textlint-news.languagetool]
        url = "http://127.0.0.1:8081"
        disabled-rules = ["WHITESPACE_RULE"]
    """)
    config = load(discover(tmp_path / "sub" if (tmp_path / "sub").mkdir() is None else tmp_path))
    assert config.select == ["spin", "names"] and config.fail_level == "error"
    assert config.max_file_size == 2_000_000
    assert config.severity == {"spin.lexicon": "info"}
    assert config.settings == {"names": {"names-file": "names.txt"}}
    assert config.languagetool.url == "http://127.0.0.1:8081"
    assert config.languagetool.disabled_rules == ["WHITESPACE_RULE"]


def test_pyproject_without_our_table_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.black]\nline-length = 90\n")
    write(tmp_path / "setup.cfg", """
        [textlint-news]
        ignore = boilerplate, layout
        min-confidence = 0.5
        fix-min-confidence = 0.9
        unfixable = spin, name-typo
        [textlint-news.per-path-ignores]
        archive/*.txt = duplicate
    """)
    config = load(discover(tmp_path))
    assert config.ignore == ["boilerplate", "layout"] and config.min_confidence == 0.5
    assert config.unfixable == ["spin", "name-typo"] and config.fix_min_confidence == 0.9
    assert config.per_path_ignores == {"archive/*.txt": ["duplicate"]}


def test_dot_file_wins_and_paths_are_relative_to_it(tmp_path):
    write(tmp_path / ".textlint-news.toml", 'rules = ["house.yml"]\nbaseline = "base.json"\n')
    write(tmp_path / "pyproject.toml", '[tool.textlint-news]\nselect = ["spin"]\n')
    config = load(discover(tmp_path))
    assert config.rules == [str(tmp_path / "house.yml")]
    assert config.baseline == str(tmp_path / "base.json")
    assert config.select == []


def test_no_config_gives_defaults(tmp_path):
    assert discover(tmp_path) is None or discover(tmp_path).parent != tmp_path
    assert load(None) == Config()


@pytest.mark.parametrize("table, key", [
    ({"colour": "red"}, "'colour': unknown setting"),
    ({"fail-level": "fatal"}, "'fail-level': must be one of"),
    ({"select": 3}, "'select': must be a list of strings"),
    ({"max-file-size": "lots"}, "'max-file-size': must be a size"),
    ({"severity": {"spin": "loud"}}, "'severity.spin'"),
    ({"languagetool": {"timeout": -1}}, "'languagetool.timeout'"),
    ({"languagetool": {"speed": 1}}, "'languagetool.speed': unknown setting"),
    ({"fix-min-confidence": 1.5}, "'fix-min-confidence': must be a number from 0 to 1"),
    ({"fix-min-confidence": True}, "'fix-min-confidence': must be a number from 0 to 1"),
    ({"unfixable": [1]}, "'unfixable': must be a list of strings"),
])
def test_bad_settings_name_file_and_key(table, key):
    with pytest.raises(ConfigError) as error:
        from_mapping(table, source="proj/pyproject.toml")
    assert str(error.value).startswith("proj/pyproject.toml: ") and key in str(error.value)


def test_invalid_toml_is_reported(tmp_path):
    path = write(tmp_path / ".textlint-news.toml", "select = [\n")
    with pytest.raises(ConfigError, match="invalid config"):
        load(path)


@pytest.mark.parametrize("value, size", [(10, 10), ("10MB", 10_000_000), ("512 KiB", 524288), ("1.5kb", 1500)])
def test_sizes(value, size):
    assert parse_size(value) == size
