"""The user's model cache: tables worked out once and kept for later runs to map.

`$TEXTLINT_NEWS_MODEL_CACHE` names the folder (or "off"), else it is
`$XDG_CACHE_HOME/textlint-news/models`.  Each copy is a folder keyed by what it was made
from, written by `write_folder` whole or not at all: the language identifier's arrays
(`identifier`), the language model's word pairs (`spin.lm_index`) and mapped word tables
(`mapped`).
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import logging

try:  # hashlib's own blake2b and sha256 without hashlib, whose OpenSSL module costs a cold start 4-8 ms
    from _blake2 import blake2b
    from _sha256 import sha256
except ImportError:  # another build, or Python 3.12+ (`_sha2`)
    from hashlib import blake2b, sha256


def _logger() -> "logging.Logger":
    """This module's logger (`logging` is not imported before `re_code` has filled `re`'s cache:
    its patterns come from the table too)."""
    import logging

    return logging.getLogger(__name__)


CACHE_ENV = "TEXTLINT_NEWS_MODEL_CACHE"  # a folder, or "off"


def model_cache_dir() -> Path | None:
    """Where copies are kept: `$TEXTLINT_NEWS_MODEL_CACHE`, else
    `$XDG_CACHE_HOME/textlint-news/models` (default ~/.cache/...); None when the variable is "off"."""
    environ = os.environ
    return _cache_dir(environ.get(CACHE_ENV), environ.get("XDG_CACHE_HOME"), environ.get("HOME"))


@lru_cache(maxsize=8)
def _cache_dir(chosen: str | None, xdg: str | None, home: str | None) -> Path | None:
    """`model_cache_dir()` for these variables (a cold run asks ~65 times: 20 µs each of paths)."""
    from .resources import user_cache_dir

    if chosen:
        return None if chosen.lower() == "off" else Path(chosen).expanduser()
    return user_cache_dir() / "models"


def write_folder(copy: Path, fill: Callable[[Path], None], stale: str) -> bool:
    """Make the folder `copy` whole or not at all: `fill(staging)` writes its files into a
    staging folder beside it, which is then renamed into place (atomic).  Of the other folders
    beside it whose names start with `stale` (copies made from other sources) the oldest go
    (`prune`).
    True when `copy` is there afterwards, written now or first by another process."""
    import tempfile

    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{copy.name}.", dir=copy.parent))
    except OSError:
        _logger().debug("model cache folder %s is not writable", copy.parent, exc_info=True)
        return False
    try:
        fill(staging)
        os.rename(staging, copy)  # atomic; fails when another process wrote it first
    except OSError:
        _logger().debug("model cache copy %s not written", copy, exc_info=True)
        return copy.is_dir()
    finally:
        import shutil  # here, not at import: 3 ms of a cold start
        shutil.rmtree(staging, ignore_errors=True)
    prune(copy, stale)
    return True


#: copies of one table kept side by side: the newest, and those of a few other installs or
#: versions in use (one copy each made them rebuild the table by turns, a second each run)
KEEP_COPIES = 6


def prune(copy: Path, prefix: str, suffix: str = "") -> None:
    """Remove the copies beside `copy` named `prefix`, a key and `suffix` (other sources of
    the same table) but the `KEEP_COPIES` newest, `copy` always kept.  A key is letters and
    digits: "table-wordfreq-en-" does not reach "table-wordfreq-en-top-20000-KEY.marshal"
    (pruning another table's copies made it rebuild them by turns)."""
    def age(path: Path) -> float:
        try:
            return -path.stat().st_mtime
        except OSError:
            return 0.0

    def same_table(name: str) -> bool:
        key = name[len(prefix):len(name) - len(suffix)]
        return name.startswith(prefix) and name.endswith(suffix) and key.isalnum()

    others = sorted((p for p in copy.parent.iterdir() if p != copy and same_table(p.name)), key=age)
    for other in others[KEEP_COPIES - 1:]:
        if other.is_dir():
            import shutil  # here, not at import: 3 ms of a cold start
            shutil.rmtree(other, ignore_errors=True)
        else:
            other.unlink(missing_ok=True)


def read_marshalled(path: os.PathLike[str] | None) -> dict:
    """The dict marshalled at `path` ({} when there is none, or it is unreadable or not a dict)."""
    import marshal

    if path is None:
        return {}
    try:
        with open(path, "rb") as stream:
            table = marshal.loads(stream.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return table if type(table) is dict else {}


def merge_marshalled(path: os.PathLike[str], entries: dict, prefix: str, max_entries: int) -> bool:
    """Add `entries` to the dict marshalled at `path` (started afresh past `max_entries`),
    written atomically, and prune the other copies named `prefix`; False when it cannot be
    written (the cache is not writable)."""
    import marshal

    table = read_marshalled(path)
    if len(table) + len(entries) > max_entries:
        table = {}
    table.update(entries)
    staging = f"{path}.{os.getpid()}"
    try:
        os.makedirs(os.path.dirname(staging), exist_ok=True)
        with open(staging, "wb") as stream:
            stream.write(marshal.dumps(table))
        os.replace(staging, path)  # atomic
    except (OSError, ValueError):
        try:
            os.remove(staging)
        except OSError:
            pass
        return False
    try:
        prune(Path(path), prefix, ".marshal")
    except OSError:
        pass
    return True
