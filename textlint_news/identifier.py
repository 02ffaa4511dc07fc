"""py3langid's language identifier, loaded from a decompressed copy kept in the user cache.

py3langid ships its model LZMA-compressed (4 MB holding 68 MB of arrays), and
decompressing it costs 0.5-0.8 s of every start.  The first load writes the
arrays uncompressed to `model_cache_dir()`; later loads memory-map them (about
0.05 s), and forked workers share those pages.  A copy is keyed by the model
file's path, size and modification time.  Any problem with the cache (off,
unwritable, damaged, or a copy that classifies a probe differently) only costs
speed: py3langid's own loader is used and the copy is written again.  Writing a
copy removes those of other py3langid models.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model_cache import model_cache_dir, write_folder

logger = logging.getLogger(__name__)

COPY_PREFIX = "py3langid-"  # a copy's folder: this and the model's key
_ARRAYS = ("nb_ptc", "nb_pc", "tk_nextmove", "tk_row", "tk_output")
_SMALL_ARRAYS = ("nb_pc", "tk_row", "tk_output")
# Sentences whose verdicts a cached copy must reproduce exactly, in several scripts.
_PROBES = ("Ceci est une phrase en français pour vérifier le modèle.",
           "The minister said the talks would resume next week.",
           "این یک جمله فارسی برای آزمایش است.")




def cached_copy(folder: Path) -> bool:
    """Whether `folder` holds a copy of the identifier (of any py3langid model)."""
    return folder.is_dir() and any(folder.glob(COPY_PREFIX + "*"))


@lru_cache(maxsize=1)
def identifier() -> Any:
    """py3langid's `LanguageIdentifier` with normalised probabilities, loaded once per process."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = Path(MODEL_FILE) if Path(MODEL_FILE).is_absolute() else Path(MODEL_DIR) / MODEL_FILE
    folder = model_cache_dir()
    copy = folder / f"{COPY_PREFIX}{_key(model)}" if folder else None
    if copy is not None:
        cached = _read_copy(copy, LanguageIdentifier)
        if cached is not None:
            return cached
    loaded = LanguageIdentifier.from_model_file(model, norm_probs=True)
    if copy is not None:
        _write_copy(copy, loaded)
    return loaded


def _key(model: Path) -> str:
    """The model file's path, size and modification time, hashed: another py3langid release or
    model gets another key (and the probe verdicts catch what the key would miss)."""
    import hashlib

    found = model.stat()
    return hashlib.sha256(f"{model}\0{found.st_size}\0{found.st_mtime_ns}".encode()).hexdigest()[:32]


def _verdicts(found: Any) -> list[list[Any]]:
    return [list(found.classify(text)) for text in _PROBES]


def _read_copy(copy: Path, identifier_class: type) -> Any:
    """The identifier built from a cached copy, or None when there is none or it is unusable."""
    import numpy as np

    if not copy.is_dir():
        return None
    try:
        meta = json.loads((copy / "meta.json").read_text(encoding="utf-8"))
        # The two big tables (67 MB) are read entry by entry and row by row when first used
        # (`_Transitions`, `_Rows`): mapped, the pages a few lines touch were tens of MB of
        # the process's memory.  The small ones are plain read-only views of the mapped files.
        arrays = {name: np.asarray(np.load(copy / f"{name}.npy", mmap_mode="r")) for name in _SMALL_ARRAYS}
        found = identifier_class(
            _Rows(copy / "nb_ptc.npy"), arrays["nb_pc"], meta["classes"],
            _Transitions(copy / "tk_nextmove.npy"), arrays["tk_output"].tolist(), norm_probs=True,
            tk_row=_view(arrays["tk_row"]))
        if _verdicts(found) == meta["verdicts"]:
            return found
    except Exception:  # noqa: BLE001  (a damaged, partial or foreign copy: load the model instead)
        logger.debug("model cache %s unusable", copy, exc_info=True)
    shutil.rmtree(copy, ignore_errors=True)
    return None


def _write_copy(copy: Path, found: Any) -> None:
    """Write the identifier's arrays under `copy`; copies of other py3langid models go."""
    import numpy as np

    def fill(staging: Path) -> None:
        for name in _ARRAYS:
            np.save(staging / f"{name}.npy", np.asarray(getattr(found, name)))
        meta = {"classes": list(found.nb_classes), "verdicts": _verdicts(found)}
        (staging / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    write_folder(copy, fill, COPY_PREFIX)

def _view(values: Any) -> memoryview:
    """An unsigned integer array as a memoryview whose items index as py3langid's stdlib arrays
    do (Python ints)."""
    return memoryview(values).cast("B").cast(values.dtype.char)


def _open_array(path: Path) -> tuple[int, int, Any, tuple[int, ...]]:
    """(file descriptor, data offset, dtype, shape) of a C-ordered `.npy` file."""
    import numpy as np

    header = np.load(path, mmap_mode="r")
    offset, dtype, shape = header.offset, header.dtype, header.shape
    if not header.flags.c_contiguous:
        raise ValueError(f"{path} is not C-ordered")
    del header
    return os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)), offset, dtype, shape


class _Transitions(dict):
    """The tokenizer's transition table (`tk_nextmove`, 39 MB) as py3langid's walk indexes it:
    an entry is read from the file (`os.pread`) the first time the walk takes it, then kept
    (a dict look-up is as fast as a memoryview's)."""

    __slots__ = ("_fd", "_offset", "_width", "_order", "_signed", "_size")

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._fd, self._offset, dtype, (self._size,) = _open_array(path)
        if dtype.kind not in "iu":
            raise ValueError(f"{path} does not hold integers")
        self._width, self._signed = dtype.itemsize, dtype.kind == "i"
        self._order = {">": "big", "<": "little"}.get(dtype.byteorder, sys.byteorder)

    def __missing__(self, index: int) -> int:
        if not 0 <= index < self._size:
            raise IndexError(index)
        value = self[index] = int.from_bytes(
            os.pread(self._fd, self._width, self._offset + index * self._width), self._order, signed=self._signed)
        return value


class _Rows:
    """The feature-by-language table (`nb_ptc`, 28 MB): `table[indexes]` as numpy's for an
    array of row numbers.  A row is read from the file (`os.pread`) when first asked and
    kept in a compact array that grows as needed; which slot holds a row is itself an array,
    so that a look-up of rows already read is numpy's indexing."""

    def __init__(self, path: Path) -> None:
        import numpy as np

        self._fd, self._offset, self.dtype, self.shape = _open_array(path)
        self._width = self.dtype.itemsize * self.shape[1]
        self._slot = np.full(self.shape[0], -1, dtype=np.int32)  # row -> its slot in `_kept`
        self._kept = np.empty((64, self.shape[1]), dtype=self.dtype)
        self._count = 0

    def __getitem__(self, indexes: Any) -> Any:
        import numpy as np

        indexes = np.asarray(indexes)
        slots = self._slot[indexes]  # (an index out of range raises IndexError here)
        if (slots < 0).any():
            for row in np.unique(indexes[slots < 0]).tolist():
                self._keep(row)
            slots = self._slot[indexes]
        return self._kept[slots]

    def _keep(self, row: int) -> None:
        import numpy as np

        if self._count == len(self._kept):
            grown = np.empty((2 * len(self._kept), self.shape[1]), dtype=self.dtype)
            grown[:self._count] = self._kept
            self._kept = grown
        self._kept[self._count] = np.frombuffer(
            os.pread(self._fd, self._width, self._offset + row * self._width), self.dtype)
        self._slot[row] = self._count
        self._count += 1
