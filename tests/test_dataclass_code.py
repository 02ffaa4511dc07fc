"""The dataclasses' generated methods, run from code kept in the model cache, are those
`dataclasses` compiles itself, and classes outside the package are left alone."""
import builtins
import dataclasses
import os
import subprocess
import sys
import types

import pytest

from textlint_news import dataclass_code

PROBE = '''
from __future__ import annotations
from dataclasses import dataclass, field

@dataclass(frozen=True)
class Thresholds:
    """A settings table's form: frozen, defaults, a nested table, a tuple."""
    enabled: bool = True
    min_gain: float = 4.0
    words: tuple[str, ...] = ("a", "b")

@dataclass(frozen=True)
class Settings:
    thresholds: Thresholds = field(default_factory=Thresholds)
    name: str = "x"

@dataclass
class Row:
    start: int
    end: int
    rule: str = ""
'''


def _module(name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    sys.modules[name] = module
    try:
        exec(compile(PROBE, f"<{name}>", "exec"), module.__dict__)
    finally:
        del sys.modules[name]
    return module


def _methods(module: types.ModuleType) -> dict[str, types.CodeType]:
    return {f"{cls}.{name}": getattr(getattr(getattr(module, cls), name), "__wrapped__",
                                     getattr(getattr(module, cls), name)).__code__
            for cls in ("Thresholds", "Settings", "Row")
            for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
            if isinstance(getattr(getattr(module, cls), name, None), types.FunctionType)}


def test_cached_methods_are_the_ones_dataclasses_compiles(monkeypatch):
    dataclass_code.install()
    ours = _module("textlint_news._probe_cached")
    monkeypatch.setattr(dataclasses, "exec", builtins.exec, raising=False)
    plain = _module("textlint_news._probe_plain")
    assert len(_methods(ours)) == 15  # frozen: all six; plain: __init__, __repr__, __eq__
    assert _methods(ours) == _methods(plain)  # code objects: bytecode, constants, names, lines
    for cls in ("Thresholds", "Settings", "Row"):
        assert (getattr(ours, cls).__init__.__annotations__.keys()
                == getattr(plain, cls).__init__.__annotations__.keys())
    settings = ours.Settings()
    assert settings == ours.Settings() and hash(settings) == hash(ours.Settings())
    assert repr(settings) == "Settings(thresholds=Thresholds(enabled=True, min_gain=4.0, words=('a', 'b')), name='x')"
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.name = "y"  # type: ignore[misc]


def test_classes_of_other_modules_go_to_exec(monkeypatch):
    dataclass_code.install()
    monkeypatch.setattr(dataclass_code, "_missing", {})
    monkeypatch.setattr(dataclass_code, "_table", {})
    _module("elsewhere_probe")
    assert dataclass_code._table == {} and dataclass_code._missing == {}
    _module("textlint_news._probe_counted")
    assert len(dataclass_code._missing) == 15 and set(dataclass_code._table) == set(dataclass_code._missing)


IMPORT_ALL = (
    "import marshal\n"
    "from textlint_news.engine import Linter\n"
    "from textlint_news import dataclass_code\n"
    "linter = Linter()\n"
    "import textlint_news.spin.settings as s\n"
    "print(len(dataclass_code._missing))\n"
    "print(marshal.dumps(s.SpinSettings.__init__.__code__).hex(), s.SpinSettings() == s.SpinSettings())\n")


def _fresh(cache: str) -> list[str]:
    env = {**os.environ, "TEXTLINT_NEWS_MODEL_CACHE": cache}
    done = subprocess.run([sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n")


def test_the_table_is_written_once_then_read(tmp_path):
    first = _fresh(str(tmp_path))
    (table,) = tmp_path.glob("dataclass-code-*.marshal")
    assert int(first[0]) > 40  # the package's classes, compiled and written at exit
    again = _fresh(str(tmp_path))
    assert again[0] == "0"  # every method's code came from the table
    assert again[1] == first[1] and first[1].endswith(" True")
    table.write_bytes(b"damaged")
    assert _fresh(str(tmp_path))[1:] == first[1:]  # a damaged table: compiled again
    assert _fresh("off")[1:] == first[1:]  # no cache: compiled every time


def test_no_cache_folder_to_find_leaves_the_methods_compiled(monkeypatch):
    def no_home() -> None:
        raise RuntimeError("Could not determine home directory")

    monkeypatch.setattr(dataclass_code, "table_path", no_home)
    monkeypatch.setattr(dataclass_code, "_table", None)
    monkeypatch.setattr(dataclass_code, "_missing", {})
    dataclass_code.install()
    probe = _module("textlint_news._probe_homeless")
    assert probe.Settings() == probe.Settings() and len(dataclass_code._missing) == 15
    dataclass_code.save()  # nothing written, no error
    assert len(dataclass_code._missing) == 15
