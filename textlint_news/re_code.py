"""The compiled code of this package's module-level patterns, kept in the model cache.

`re.compile` parses a pattern and works out its code in Python at every start: no .pyc keeps
it.  The ~90 patterns the package's modules compile at import took ~0.017 s of a cold start.
`prefill()`, called by `import textlint_news` before any of its modules, reads a table of
their codes (marshal, in the model cache, one per interpreter release, `re` engine and
install) and puts the patterns made from them into `re`'s own cache, where `re.compile`
finds them; a pattern missing from the table is compiled as usual.  At exit, the module-level patterns of the
package's modules that the table lacks are added (atomically); in the command's own process
(`keep_every_pattern`), every pattern `re` compiled in it: the standard library's and click's
at import (platform, gettext, string, json...) and the package's inside functions took another
5-7 ms, and the package builds no pattern from its input (RE2 runs those).  A pattern made from the
table is the pattern `re.compile` makes (`tests/test_re_code.py` compares their code); any
other layout of `re`'s internals than the one this was written for leaves `re` untouched.
"""
from __future__ import annotations

import os
import re
import sys

import _sre
from typing import Any

PACKAGE = __name__.rpartition(".")[0]
#: most entries a table keeps (the package's ~100): then it starts afresh
MAX_ENTRIES = 1024

_known: set[tuple[Any, int]] = set()  # (pattern, flags) of the table read or written
_state = {"filled": False, "every": False}


def keep_every_pattern() -> None:
    """Add every pattern this process compiles to the table at exit, not only the package's
    module-level ones (the command's own process: no caller's patterns to pile up)."""
    _state["every"] = True


def table_path() -> "os.PathLike[str] | None":
    """Where the table is kept (None when the model cache is off)."""
    from .dataclass_code import _install
    from .model_cache import model_cache_dir

    folder = model_cache_dir()
    return folder / f"{_prefix()}{_install()}.marshal" if folder else None


def _prefix() -> str:
    """One table per interpreter release and `_sre` engine (a bug-fix release may compile a
    pattern otherwise)."""
    return f"re-code-{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-"


def _usable() -> bool:
    """Whether `re` keeps its cache and compiles as this module expects (CPython 3.11-3.13)."""
    cache = getattr(re, "_cache", None)
    compiler = getattr(re, "_compiler", None)
    return (type(cache) is dict and hasattr(compiler, "_code") and hasattr(getattr(re, "_parser", None), "parse")
            and hasattr(_sre, "compile"))


def prefill() -> None:
    """Put the table's patterns into `re`'s cache (once per process; nothing without a table)."""
    import atexit

    if _state["filled"] or not _usable():
        return
    _state["filled"] = True
    try:
        from .model_cache import read_marshalled

        table = read_marshalled(table_path())
    except (OSError, RuntimeError, KeyError):  # no cache folder to find (no home folder)
        return
    atexit.register(save)
    made = {}
    try:
        for (pattern, flags), entry in table.items():
            made[type(pattern), pattern, flags] = _pattern(pattern, entry)
    except (TypeError, ValueError):  # another engine's codes: nothing is used
        return
    for key, pattern in made.items():
        re._cache.setdefault(key, pattern)  # type: ignore[attr-defined]
    _known.update(table)


def _pattern(pattern: Any, entry: tuple[int, list[int], int, dict[str, int]]) -> re.Pattern:
    """The pattern `re._compiler.compile` makes from the entry's parts."""
    flags, code, groups, groupindex = entry
    indexgroup: list[str | None] = [None] * (groups + 1)
    for name, index in groupindex.items():
        indexgroup[index] = name
    return _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))


def entry_of(pattern: Any, flags: int) -> tuple[int, list[int], int, dict[str, int]]:
    """What `re._compiler.compile(pattern, flags)` passes to `_sre.compile`, besides the pattern."""
    parsed = re._parser.parse(pattern, flags)  # type: ignore[attr-defined]
    code = re._compiler._code(parsed, flags)  # type: ignore[attr-defined]
    return (int(flags | parsed.state.flags), [int(op) for op in code], parsed.state.groups - 1,
            dict(parsed.state.groupdict))  # plain ints: `re`'s opcodes are an int subclass


def module_patterns() -> list[re.Pattern]:
    """The compiled patterns the package's modules hold at module level (in a tuple, list or
    dict there too)."""
    found = []
    for name, module in list(sys.modules.items()):
        if name != PACKAGE and not name.startswith(PACKAGE + "."):
            continue
        for value in list(vars(module).values()):
            values = value.values() if isinstance(value, dict) else value \
                if isinstance(value, (tuple, list, frozenset)) else (value,)
            found.extend(v for v in values if isinstance(v, re.Pattern))
    return found


def save() -> None:
    """Add the module-level patterns the table lacks (merged with the copy there, atomically);
    nothing when none is missing or the cache is off or not writable."""
    from .model_cache import merge_marshalled

    unknown = [(pattern, flags, compiled) for (_, pattern, flags), compiled in list(re._cache.items())  # type: ignore[attr-defined]
               if (pattern, flags) not in _known]
    if unknown and not _state["every"]:  # only the package's module-level patterns (a 3 ms scan)
        ours = {id(p) for p in module_patterns()}
        unknown = [item for item in unknown if id(item[2]) in ours]
    missing = [(pattern, flags) for pattern, flags, _ in unknown]
    if not missing:
        return
    try:
        path = table_path()
    except (OSError, RuntimeError, KeyError):
        return
    if path is not None and merge_marshalled(path, {key: entry_of(*key) for key in missing}, _prefix(), MAX_ENTRIES):
        _known.update(missing)
