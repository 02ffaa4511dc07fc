"""Check settings: each check's frozen dataclass, filled from its shipped table
(`rules/settings/<name>.yml`) and then from the user's `[settings.<name>]` table.

The dataclass is the one source of the key names and types: a key may be written
dashed or underscored, an unknown key or a value of the wrong type is a
`SettingsError` naming the file, the table, the key and the reason.  A nested
dataclass is a nested table (spin's `classifier`, `detectors.rare_synonym`).  A
field whose metadata names `config` is no key of the table: the engine fills it
from that attribute of the `Config` (grammar's `languagetool` server table).
"""
from __future__ import annotations

import sys
from dataclasses import fields, is_dataclass, replace
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any, Mapping, TypeVar, get_args, get_origin, get_type_hints

from .config import ConfigError

T = TypeVar("T")


class SettingsError(ConfigError):
    """A settings table that does not fit its check's dataclass."""

    def __init__(self, source: str, table: str, key: str | None, reason: str) -> None:
        self.source, self.table, self.key, self.reason = source, table, key, reason
        where = f"{source}: [{table}]" + (f" {key}" if key else "")
        super().__init__(f"{where}: {reason}")


def parse_settings(cls: type[T], table: Any, source: str, name: str, base: T | None = None) -> T:
    """`base` (default: `cls()`) with the values `table` gives, each checked against the
    type of its field; `name` is the table's dotted name for messages (`settings.names`).

    Raises `SettingsError` for a key `cls` does not have, a key given twice (dashed and
    underscored), a value of the wrong type, or a combination the dataclass's
    `__post_init__` rejects (a `ValueError`).
    """
    base = cls() if base is None else base
    if not isinstance(table, Mapping):
        raise SettingsError(source, name, None, f"expected a table, got {table!r}")
    keys = _keys(cls)
    hints = _hints(cls) if table else {}  # an empty table (most users' tables) needs no types
    values: dict[str, Any] = {}
    written: dict[str, str] = {}
    for key, raw in table.items():
        attr = str(key).replace("-", "_")
        if attr not in keys:
            raise SettingsError(source, name, str(key), _unknown(str(key), keys))
        if attr in written:
            raise SettingsError(source, name, str(key), f"given twice (also as {written[attr]})")
        written[attr] = str(key)
        kind = hints[attr]
        if is_dataclass(kind):
            values[attr] = parse_settings(kind, raw, source, f"{name}.{key}", getattr(base, attr))
        else:
            values[attr] = _convert(raw, kind, source, name, str(key))
    try:
        return replace(base, **values)
    except ValueError as exc:
        raise SettingsError(source, name, None, str(exc)) from None


def setting_keys(cls: type) -> list[str]:
    """The table keys of a settings dataclass, underscored, in field order."""
    return list(_keys(cls))


@lru_cache(maxsize=None)
def _keys(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if "config" not in f.metadata)


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _unknown(key: str, keys: tuple[str, ...]) -> str:
    import difflib  # here, not at import: only a mistyped key needs it

    dashed = [k.replace("_", "-") for k in keys]
    close = difflib.get_close_matches(key.replace("_", "-"), dashed, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(dashed)})"
    return f"unknown key{hint}"


def _convert(raw: Any, kind: Any, source: str, name: str, key: str) -> Any:
    origin = get_origin(kind)
    if origin is tuple:
        if isinstance(raw, str) or not isinstance(raw, (list, tuple)) \
                or not all(isinstance(v, str) for v in raw):
            raise SettingsError(source, name, key, f"expected a list of strings, got {raw!r}")
        return tuple(raw)
    if origin is dict:
        value_kind = get_args(kind)[1]
        if not isinstance(raw, Mapping):
            raise SettingsError(source, name, key, f"expected a table, got {raw!r}")
        return {str(k): _convert(v, value_kind, source, f"{name}.{key}", str(k)) for k, v in raw.items()}
    if kind is str and raw is None:
        return ""
    wrong = (
        (kind is bool and not isinstance(raw, bool))
        or (kind in (int, float) and (isinstance(raw, bool) or not isinstance(raw, (int, float))))
        or (kind is int and isinstance(raw, float) and not raw.is_integer())
        or (kind is str and not isinstance(raw, str))
    )
    if wrong:
        raise SettingsError(source, name, key, f"expected {_NAMES.get(kind, kind)}, got {raw!r}")
    return kind(raw)


_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}
_TABLE_PREFIXES = {"pyproject.toml": "tool.textlint-news.", "setup.cfg": "textlint-news."}


def resolve_settings(classes: Mapping[str, type | None], config: Any) -> dict[str, Any]:
    """Each name's settings object: its shipped table, then the user's `config.settings`
    table over it, then the fields filled from `config` itself.  Raises `SettingsError` for
    a user table that no check reads, or for anything `parse_settings` rejects."""
    for name in config.settings:
        if classes.get(name) is None:
            known = ", ".join(sorted(n for n, cls in classes.items() if cls is not None))
            source, table = _where(config, name)
            raise SettingsError(source, table, None, f"no check has these settings (known: {known})")
    return {name: settings_of(name, cls, config) for name, cls in classes.items() if cls is not None}


def settings_of(name: str, cls: type[T], config: Any) -> T:
    """One table's settings: shipped, then `config.settings[name]` over them, then the fields
    filled from `config` itself; `SettingsError` for anything `parse_settings` rejects."""
    source, table = _where(config, name)
    found = parse_settings(cls, config.settings.get(name, {}), source, table, shipped_settings(name, cls))
    filled = {f.name: getattr(config, f.metadata["config"]) for f in fields(cls) if "config" in f.metadata}
    return replace(found, **filled) if filled else found


def _where(config: Any, name: str) -> tuple[str, str]:
    """The config's file and the table `settings.<name>` as that file writes it."""
    source = config.source or "<config>"
    return source, f"{_TABLE_PREFIXES.get(PurePath(source).name, '')}settings.{name}"


@lru_cache(maxsize=None)
def shipped_settings(name: str, cls: type[T]) -> T:
    """The settings shipped in `rules/settings/<name>.yml` (the dataclass defaults without one),
    parsed once and then read from the model cache (`mapped.cached_object`: 11 tables took a
    cold start 6-10 ms to parse, most of it their type hints), keyed by the file and the
    code of every settings class they hold."""
    from . import resources
    from .mapped import cached_object

    path = resources.settings_path(name)
    sources = [path] if path.is_file() else []
    sources += [Path(__file__), Path(resources.__file__), *_class_files(cls())]
    return cached_object(f"settings-{name}", sources,
                         lambda: parse_settings(cls, resources.check_settings(name), str(path), "settings"))


def _class_files(value: Any) -> list[Path]:
    """The source files of `value`'s settings class and of each settings class nested in it."""
    found = {Path(sys.modules[type(value).__module__].__file__)}
    for f in fields(value):
        nested = getattr(value, f.name)
        if is_dataclass(nested) and not isinstance(nested, type):
            found.update(_class_files(nested))
    return sorted(found)
