"""Typed check settings: dashed or underscored keys, conversion, one clear error per bad value."""
from dataclasses import dataclass

import pytest

from textlint_news.settings import typed_settings


@dataclass(frozen=True)
class Limits:
    min_length: int = 6
    max_zipf: float = 5.0
    enabled: bool = True
    names_file: str = ""


def test_dashed_and_underscored_keys_fill_fields_and_others_keep_defaults():
    limits = typed_settings(Limits, {"min-length": 4, "max_zipf": 3, "unrelated": "x"}, "demo")
    assert limits == Limits(min_length=4, max_zipf=3.0, enabled=True, names_file="")
    assert isinstance(limits.max_zipf, float)
    assert typed_settings(Limits, {"names-file": None}, "demo").names_file == ""


@pytest.mark.parametrize("settings, message", [
    ({"min-length": 4.5}, "setting demo.min-length: expected a whole number, got 4.5"),
    ({"min-length": "6"}, "setting demo.min-length: expected a whole number, got '6'"),
    ({"max-zipf": True}, "setting demo.max-zipf: expected a number, got True"),
    ({"enabled": "false"}, "setting demo.enabled: expected true or false, got 'false'"),
    ({"names_file": 3}, "setting demo.names-file: expected a string, got 3"),
])
def test_a_value_of_the_wrong_kind_names_section_and_key(settings, message):
    with pytest.raises(ValueError) as error:
        typed_settings(Limits, settings, "demo")
    assert str(error.value) == message
