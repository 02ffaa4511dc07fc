"""Word tables mapped from the user cache instead of parsed into dicts at every start.

A table a run needs only a few look-ups of (symspellpy's 242,000 word pairs, wordfreq's
lists of other languages) cost a second of parsing and tens of MB as a dict.  The first
load writes it to `model_cache.model_cache_dir()` as arrays: the keys' 64-bit hashes,
sorted, their values, and the keys themselves (UTF-8, one blob) to confirm a match, so a
look-up is exact.  Later loads map the files (a few ms); only the pages a look-up
touches are read, and forked workers share them.  A copy is keyed by its name, the
package version and the sources' paths, sizes and modification times, and written
whole or not at all; without a usable cache the table is built as a dict.
"""
from __future__ import annotations

import hashlib
import json
import logging
import mmap
import os
import shutil
from bisect import bisect_left
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .model_cache import model_cache_dir, prune, write_folder

logger = logging.getLogger(__name__)

COPY_PREFIX = "table-"
_MEMO_LIMIT = 50_000  # look-ups a table remembers before it starts afresh
_MISSING = object()


def _hash(key: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little")


class MappedTable:
    """A read-only str -> number table over mapped files (`get`, `in`, `len` as a dict's)."""

    def __init__(self, folder: Path) -> None:
        import numpy as np

        # memoryviews of the mapped arrays: indexing one gives a Python number, 20x faster than numpy's
        self._hashes, self._values, self._offsets = (
            memoryview(np.asarray(np.load(folder / f"{name}.npy", mmap_mode="r")))
            for name in ("hashes", "values", "offsets"))
        with open(folder / "keys.bin", "rb") as handle:
            self._keys = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if os.fstat(
                handle.fileno()).st_size else b""
        self.meta: dict[str, Any] = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self._size = len(self._hashes)
        self._memo: dict[str, Any] = {}  # keys looked up, their values (None: absent)

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[str]:
        offsets, keys = self._offsets, self._keys
        return (bytes(keys[offsets[i]:offsets[i + 1]]).decode("utf-8", "surrogatepass") for i in range(self._size))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def get(self, key: str, default: Any = None) -> Any:
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[key] = self._find(key)
        return default if found is None else found

    def _find(self, key: str) -> Any:
        encoded = key.encode("utf-8", "surrogatepass")
        wanted = _hash(encoded)
        hashes, offsets = self._hashes, self._offsets
        i = bisect_left(hashes, wanted)
        while i < self._size and hashes[i] == wanted:
            if self._keys[offsets[i]:offsets[i + 1]] == encoded:
                return self._values[i]
            i += 1
        return None


def mapped_table(name: str, sources: Iterable[Path], build: Callable[[], dict[str, Any]],
                 meta: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> Any:
    """The table `build()` makes (str -> int or float), mapped from the cache when a copy is
    there (else written there), or the built dict itself when the cache is off or unusable.
    `meta(table)` gives figures of the whole table to keep beside it (`MappedTable.meta`);
    a dict that is returned instead carries none: call `meta` on it."""
    folder = model_cache_dir()
    copy = folder / f"{COPY_PREFIX}{name}-{_key(name, sources)}" if folder else None
    if copy is not None and copy.is_dir():
        try:
            return MappedTable(copy)
        except Exception:  # noqa: BLE001  (damaged or partial: build it again)
            logger.debug("table %s unusable", copy, exc_info=True)
            shutil.rmtree(copy, ignore_errors=True)
    table = build()
    if copy is None or not _write(copy, table, meta(table) if meta else {}):
        return table
    try:
        return MappedTable(copy)
    except Exception:  # noqa: BLE001
        return table


def cached_value(name: str, sources: Iterable[Path], build: Callable[[], Any]) -> Any:
    """`build()`'s value (of types `marshal` writes: sets, dicts, strings, numbers) read back
    from the cache when a copy is there, else built and written there (or only built, without
    a usable cache).  `sources` are every file the value is worked out from, code included."""
    import marshal

    folder = model_cache_dir()
    copy = folder / f"{COPY_PREFIX}{name}-{_key(name, sources)}.marshal" if folder else None
    if copy is not None and copy.is_file():
        try:
            return marshal.loads(copy.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            logger.debug("value %s unusable", copy, exc_info=True)
    value = build()
    if copy is not None:
        try:
            copy.parent.mkdir(parents=True, exist_ok=True)
            staging = copy.with_name(f".{copy.name}.{os.getpid()}")
            staging.write_bytes(marshal.dumps(value))
            os.replace(staging, copy)  # atomic
            prune(copy, f"{COPY_PREFIX}{name}-*.marshal")
        except OSError:
            logger.debug("value %s not written", copy, exc_info=True)
    return value


def _key(name: str, sources: Iterable[Path]) -> str:
    from . import __version__

    parts = [name, __version__]
    for source in sources:
        found = source.stat()
        parts += [str(source), str(found.st_size), str(found.st_mtime_ns)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def _write(copy: Path, table: dict[str, Any], meta: dict[str, Any]) -> bool:
    """Write `table` under `copy`, whole or not at all; old copies of the same name go (`prune`)."""
    import numpy as np

    def fill(staging: Path) -> None:
        encoded = [(_hash(k.encode("utf-8", "surrogatepass")), k.encode("utf-8", "surrogatepass"), v)
                   for k, v in table.items()]
        encoded.sort(key=lambda item: item[0])
        is_int = all(isinstance(v, int) for _, _, v in encoded)
        np.save(staging / "hashes.npy", np.array([h for h, _, _ in encoded], dtype=np.uint64))
        np.save(staging / "values.npy", np.array([v for _, _, v in encoded],
                                                 dtype=np.int64 if is_int else np.float64))
        lengths = np.array([len(k) for _, k, _ in encoded], dtype=np.int64)
        np.save(staging / "offsets.npy", np.concatenate(([0], np.cumsum(lengths))).astype(np.int64))
        (staging / "keys.bin").write_bytes(b"".join(k for _, k, _ in encoded))
        (staging / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    return write_folder(copy, fill, copy.name.rsplit("-", 1)[0] + "-")
