"""Typed check settings: a frozen dataclass of thresholds filled from a settings mapping."""
from __future__ import annotations

from dataclasses import fields
from typing import Any, Mapping, TypeVar

T = TypeVar("T")


def typed_settings(cls: type[T], settings: Mapping[str, Any], section: str) -> T:
    """`cls` with the values `settings` gives for its fields (keys dashed or underscored),
    each converted to the type of the field's default; the other fields keep their defaults.

    Raises ValueError naming `section.key` for a value of the wrong kind (a float for a
    whole number, a string for a switch, text for a number).
    """
    values = {}
    for spec in fields(cls):
        dashed = spec.name.replace("_", "-")
        key = dashed if dashed in settings else spec.name if spec.name in settings else None
        if key is None:
            continue
        values[spec.name] = _convert(settings[key], type(spec.default), f"{section}.{dashed}")
    return cls(**values)


def _convert(raw: Any, kind: type, where: str) -> Any:
    if kind is str and raw is None:
        return ""
    wrong = (
        (kind is bool and not isinstance(raw, bool))
        or (kind in (int, float) and (isinstance(raw, bool) or not isinstance(raw, (int, float))))
        or (kind is int and isinstance(raw, float) and not raw.is_integer())
        or (kind is str and not isinstance(raw, str))
    )
    if wrong:
        raise ValueError(f"setting {where}: expected {_NAMES.get(kind, kind.__name__)}, got {raw!r}")
    return kind(raw)


_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}
