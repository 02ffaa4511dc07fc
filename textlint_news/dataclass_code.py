"""The compiled methods of this package's dataclasses, kept in the model cache.

`dataclasses` writes the source of each class's `__init__`, `__repr__`, `__eq__`,
`__hash__` (and, frozen, `__setattr__`/`__delattr__`) and compiles it at every import: no
.pyc keeps it.  For the package's ~70 classes that compiling took 0.05-0.08 s of a cold
start.  `install()` gives `dataclasses` an `exec` that, for a class of this package's
modules, looks the source text up in a table of code objects (marshal, in the model cache,
one per bytecode version) and compiles only a text that is missing, as `exec` compiles it
(file "<string>", no inherited flags); the function is then made from that code by the same
`exec`.  The table is written (atomically, merged with the copy there) at exit when a text was
missing.  Every other call goes to the builtin `exec` unchanged.

No `from __future__` import here: a string `exec`'d from this module inherits this module's
compiler flags, as `dataclasses`' own call inherits none.
"""
import builtins
import os
import sys
from typing import Any

PACKAGE = __name__.rpartition(".")[0]
#: most entries a table keeps (the package's ~450): an edited class adds its new texts, the old
#: ones stay until this, then the table starts afresh
MAX_ENTRIES = 2048

_table: "dict[str, Any] | None" = None  # source text -> code object, loaded at the first look-up
_missing: "dict[str, Any]" = {}  # compiled in this process, not in the table read


def install() -> None:
    """Make `dataclasses` look this package's generated methods up (once per process)."""
    import dataclasses

    if getattr(dataclasses, "exec", None) is not _exec:
        dataclasses.exec = _exec  # type: ignore[attr-defined]


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """`exec(source, globals, locals)`; a source text `dataclasses` wrote for a class of
    this package runs from its cached code."""
    if (type(source) is str and type(globals) is dict
            and str(globals.get("__name__", "")).startswith(PACKAGE + ".")):
        source = code_of(source)
    builtins.exec(source, globals, locals)


def code_of(source: str) -> Any:
    """The code object `exec(source)` compiles, from the table when it holds it."""
    table = _table if _table is not None else _load()
    code = table.get(source)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)
        if not _missing:
            import atexit

            atexit.register(save)
        table[source] = _missing[source] = code
    return code


def table_path() -> "os.PathLike[str] | None":
    """Where the table is kept (None when the model cache is off): one per bytecode version
    and install (the package's folder and version), so that the texts of other installs'
    classes do not grow it; the `KEEP_COPIES` newest tables stay (`model_cache.prune`)."""
    from .model_cache import model_cache_dir

    folder = model_cache_dir()
    return folder / f"{_prefix()}{_install()}.marshal" if folder else None


def _prefix() -> str:
    from importlib.util import MAGIC_NUMBER

    return f"dataclass-code-{sys.implementation.cache_tag}-{MAGIC_NUMBER.hex()}-"


def _install() -> str:
    import zlib

    from . import __version__

    return f"{zlib.crc32(f'{os.path.dirname(__file__)}|{__version__}'.encode()):08x}"


def _load() -> "dict[str, Any]":
    from .model_cache import read_marshalled

    global _table
    _table = read_marshalled(_usable_path())
    return _table


def _usable_path() -> "os.PathLike[str] | None":
    """`table_path()`, or None when there is no cache folder to find (no home folder): the
    package still imports, its methods compiled as without a table."""
    try:
        return table_path()
    except (OSError, RuntimeError, KeyError):
        return None


def save() -> None:
    """Write the texts compiled in this process into the table (merged with the copy there,
    atomically); nothing when none was missing or the cache is off or not writable."""
    from .model_cache import merge_marshalled

    path = _usable_path()
    if _missing and path is not None and merge_marshalled(path, _missing, _prefix(), MAX_ENTRIES):
        _missing.clear()
