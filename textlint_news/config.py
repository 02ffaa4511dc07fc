"""Configuration: discovery (like ruff and black), parsing and validation.

Looked for from the working directory upwards, first found wins:
`.textlint-news.toml` (top level), `pyproject.toml` (`[tool.textlint-news]`),
`setup.cfg` (`[textlint-news]` plus `[textlint-news.<table>]` sections).
"""
from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .issue import CATEGORIES, SEVERITIES

INPUT_FORMATS = ("auto", "text", "jsonl", "parquet")
CONFIG_FILES = (".textlint-news.toml", "pyproject.toml", "setup.cfg")
_SIZE_UNITS = {"": 1, "b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3,
               "kib": 1024, "mib": 1024**2, "gib": 1024**3}


class ConfigError(ValueError):
    """A configuration that cannot be used; the message names the file and key."""


@dataclass
class LanguageToolConfig:
    """The optional grammar backend (see docs/grammar.md)."""

    url: str | None = None
    language: str = "en-US"
    timeout: float = 10.0
    retries: int = 1
    max_chars: int = 20000
    enabled_rules: list[str] = field(default_factory=list)
    disabled_rules: list[str] = field(default_factory=list)
    enabled_categories: list[str] = field(default_factory=list)
    disabled_categories: list[str] = field(default_factory=lambda: ["TYPOS"])
    cache_dir: str | None = None
    require: bool = False


@dataclass
class Config:
    """Every setting, with its default; see docs/usage.md ("Config file keys") for each key."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_level: str = "warning"
    min_confidence: float = 0.0
    fix_min_confidence: float = 0.8
    unfixable: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: ["*.txt"])
    exclude: list[str] = field(default_factory=list)
    max_file_size: int = 10 * 1024**2
    #: a text of more characters is linted in windows of at most this many (0: never)
    window_size: int = 256 * 1024
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    baseline: str | None = None
    corpus: str | None = None
    jobs: int = 0  # processes; 0: one per core (small runs use fewer, see min_bytes_per_job)
    #: a run of fewer bytes per job uses fewer processes (below twice this: one, no pool)
    min_bytes_per_job: int = 256 * 1024
    #: how files are read: "auto" (by extension: .jsonl, .jsonl.gz, .ndjson, .parquet are
    #: records), "text", "jsonl" or "parquet"; a record's text and id fields
    input_format: str = "auto"
    text_field: str = "text"
    id_field: str = "id"
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    languagetool: LanguageToolConfig = field(default_factory=LanguageToolConfig)
    source: str | None = None

    def rule_selected(self, rule: str, category: str) -> bool:
        """Apply `select` (empty: everything) then `ignore`, by id prefix or category."""
        if self.select and not any(_matches(rule, category, s) for s in self.select):
            return False
        return not any(_matches(rule, category, s) for s in self.ignore)

    def severity_for(self, rule: str, category: str, default: str) -> str:
        """The configured severity of a rule: the longest matching prefix wins."""
        best, best_len = default, -1
        for key, level in self.severity.items():
            if _matches(rule, category, key) and len(key) > best_len:
                best, best_len = level, len(key)
        return best

    def ignored_for_path(self, path: str, rule: str, category: str) -> bool:
        """True when `per-path-ignores` silences this rule for this path."""
        return any(
            fnmatch.fnmatch(path, pattern) and any(_matches(rule, category, s) for s in selectors)
            for pattern, selectors in self.per_path_ignores.items()
        )


def _matches(rule: str, category: str, selector: str) -> bool:
    return selector in ("ALL", category) or rule == selector or rule.startswith(selector + ".")


def discover(start: Path | None = None) -> Path | None:
    """The nearest config file holding textlint-news settings, from `start` upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and _raw_table(candidate) is not None:
                return candidate
    return None


def load(path: Path | None) -> Config:
    """Parse and validate a config file; `None` gives the defaults."""
    if path is None:
        return Config()
    table = _raw_table(path)
    if table is None:
        raise ConfigError(f"{path}: no textlint-news settings in this file")
    return from_mapping(table, source=str(path), base=path.parent)


def _toml() -> Any:
    """tomllib (tomli before Python 3.11), imported when a config file is read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def _raw_table(path: Path) -> dict[str, Any] | None:
    if path.suffix == ".cfg":  # configparser is imported only for these
        import configparser

        try:
            return _ini_table(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read config: {exc}") from None
        except configparser.Error as exc:
            raise ConfigError(f"{path}: invalid config: {exc}") from None
    tomllib = _toml()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid config: {exc}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("textlint-news")
    return data


def _ini_table(path: Path) -> dict[str, Any] | None:
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keep key case: rule ids and globs are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    if not parser.has_section("textlint-news"):
        return None
    table: dict[str, Any] = {}
    for section in parser.sections():
        if section != "textlint-news" and not section.startswith("textlint-news."):
            continue
        target = table
        for part in section.split(".")[1:]:
            target = target.setdefault(part, {})
        for key, value in parser.items(section):
            target[key] = _ini_value(value)
    return table


def _ini_value(value: str) -> Any:
    tomllib = _toml()
    try:
        return tomllib.loads(f"v = {value.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        items = [v.strip() for v in value.replace("\n", ",").split(",") if v.strip()]
        return items if "\n" in value.strip() or "," in value else value.strip()


def from_mapping(table: Mapping[str, Any], source: str = "<config>", base: Path | None = None) -> Config:
    """Validate a settings table (kebab-case keys, as in the files) into a `Config`."""
    config = Config(source=source)
    base = base or Path.cwd()

    def fail(key: str, reason: str) -> ConfigError:
        return ConfigError(f"{source}: '{key}': {reason}")

    for key, value in table.items():
        attr = key.replace("-", "_")
        if attr in ("select", "ignore", "include", "exclude", "unfixable"):
            setattr(config, attr, _string_list(value, key, fail))
        elif attr == "rules":
            config.rules = [str(base / p) for p in _string_list(value, key, fail)]
        elif attr in ("text_field", "id_field"):
            setattr(config, attr, _string(value, key, fail))
        elif attr == "input_format":
            if value not in INPUT_FORMATS:
                raise fail(key, f"must be one of {', '.join(INPUT_FORMATS)}")
            config.input_format = value
        elif attr in ("baseline", "corpus"):
            setattr(config, attr, str(base / _string(value, key, fail)))
        elif attr == "fail_level":
            config.fail_level = _level(value, key, fail)
        elif attr == "severity":
            config.severity = {k: _level(v, f"severity.{k}", fail) for k, v in _table(value, key, fail).items()}
        elif attr in ("min_confidence", "fix_min_confidence"):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise fail(key, "must be a number from 0 to 1")
            setattr(config, attr, float(value))
        elif attr == "window_size" and value == 0 and not isinstance(value, bool):
            config.window_size = 0
        elif attr in ("max_file_size", "min_bytes_per_job", "window_size"):
            setattr(config, attr, parse_size(value, key, fail))
        elif attr == "jobs":
            if not isinstance(value, int) or value < 0:
                raise fail(key, "must be a whole number (0: one per core)")
            config.jobs = value
        elif attr == "per_path_ignores":
            config.per_path_ignores = {
                k: _string_list(v, f"{key}.{k}", fail) for k, v in _table(value, key, fail).items()
            }
        elif attr == "settings":
            config.settings = {k: dict(_table(v, f"settings.{k}", fail)) for k, v in _table(value, key, fail).items()}
        elif attr == "languagetool":
            config.languagetool = _languagetool(_table(value, key, fail), fail)
        else:
            raise fail(key, "unknown setting (see docs/usage.md, 'Config file keys')")
    return config


def _languagetool(table: Mapping[str, Any], fail) -> LanguageToolConfig:
    lt = LanguageToolConfig()
    for key, value in table.items():
        attr, name = key.replace("-", "_"), f"languagetool.{key}"
        if attr in ("url", "language", "cache_dir"):
            setattr(lt, attr, _string(value, name, fail))
        elif attr in ("timeout",):
            if not isinstance(value, (int, float)) or value <= 0:
                raise fail(name, "must be a positive number of seconds")
            lt.timeout = float(value)
        elif attr in ("retries", "max_chars"):
            if not isinstance(value, int) or value < 0:
                raise fail(name, "must be a whole number")
            setattr(lt, attr, value)
        elif attr in ("enabled_rules", "disabled_rules", "enabled_categories", "disabled_categories"):
            setattr(lt, attr, _string_list(value, name, fail))
        elif attr == "require":
            if not isinstance(value, bool):
                raise fail(name, "must be true or false")
            lt.require = value
        else:
            raise fail(name, "unknown setting")
    return lt


def parse_size(value: Any, key: str = "max-file-size", fail=None) -> int:
    """Bytes from an integer or a string such as "10MB" or "512 KiB"."""
    if isinstance(value, int) and value > 0:
        return value
    if isinstance(value, str):
        number = value.strip().rstrip("BbIiKkMmGg ")
        unit = value.strip()[len(number):].strip().lower()
        try:
            if unit in _SIZE_UNITS and float(number) > 0:
                return int(float(number) * _SIZE_UNITS[unit])
        except ValueError:
            pass
    reason = "must be a size such as 10MB, 512KiB or a number of bytes"
    raise (fail(key, reason) if fail else ConfigError(f"'{key}': {reason}"))


def _string(value: Any, key: str, fail) -> str:
    if not isinstance(value, str):
        raise fail(key, "must be a string")
    return value


def _string_list(value: Any, key: str, fail) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(key, "must be a list of strings")
    return list(value)


def _table(value: Any, key: str, fail) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise fail(key, "must be a table")
    return value


def _level(value: Any, key: str, fail) -> str:
    if value not in SEVERITIES:
        raise fail(key, f"must be one of {', '.join(SEVERITIES)}")
    return value


def check_selectors(config: Config, known_rules: set[str]) -> None:
    """Raise `ConfigError` for a selector (select, ignore, unfixable, severity,
    per-path-ignores) that matches no category and no known rule id: a typo would
    otherwise select nothing, or ignore nothing, without a word (as in ruff)."""
    fields = {"select": config.select, "ignore": config.ignore, "unfixable": config.unfixable,
              "severity": list(config.severity),
              "per-path-ignores": [s for v in config.per_path_ignores.values() for s in v]}
    for key, selectors in fields.items():
        for s in selectors:
            if s != "ALL" and s not in CATEGORIES and not any(
                    r == s or r.startswith(s + ".") or s.startswith(r + ".") for r in known_rules):
                option = f"--{key} or " if key in ("select", "ignore", "unfixable") else ""
                raise ConfigError(f"unknown rule selector {s!r} in {option}'{key}': it matches no rule id "
                                  "or category (`textlint-news rules` lists them)")
