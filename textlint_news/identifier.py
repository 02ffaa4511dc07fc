"""py3langid's language identifier, loaded from a decompressed copy kept in the user cache.

py3langid ships its model LZMA-compressed (4 MB holding 68 MB of arrays), and
decompressing it costs 0.5-0.8 s of every start.  The first load writes the
arrays uncompressed to `model_cache_dir()`; later loads read the small ones and,
of the two large ones (the tokenizer's states, 39 MB, and the features' rows,
28 MB), only the rows a text reaches, with `os.pread`, when it reaches them
(about 0.02 s).  Mapped instead, each row touched mapped a whole large folio of
the page cache into the process: 60 MB of resident memory for one short line.
A copy is keyed by the model
file's path, size and modification time.  Any problem with the cache (off,
unwritable, damaged, or a copy that classifies a probe differently) only costs
speed: py3langid's own loader is used and the copy is written again.  Writing a
copy removes those of other py3langid models.
"""
from __future__ import annotations

import json
import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model_cache import model_cache_dir, write_folder

logger = logging.getLogger(__name__)

COPY_PREFIX = "py3langid-"  # a copy's folder: this and the model's key
_ARRAYS = ("nb_ptc", "nb_pc", "tk_nextmove", "tk_row", "tk_output")
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
    loaded._rowbase = _shifted(loaded.tk_row)
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
    if not copy.is_dir():
        return None
    try:
        meta = json.loads((copy / "meta.json").read_text(encoding="utf-8"))
        small = {name: _read_whole(copy / f"{name}.npy") for name in ("nb_pc", "tk_row", "tk_output")}
        found = identifier_class(
            _Features(copy / "nb_ptc.npy"), small["nb_pc"], meta["classes"], _States(copy / "tk_nextmove.npy"),
            _view(small["tk_output"]), norm_probs=True, tk_row=_view(small["tk_row"]))
        found._rowbase = _shifted(small["tk_row"])
        if _verdicts(found) == meta["verdicts"]:
            return found
    except Exception:  # noqa: BLE001  (a damaged, partial or foreign copy: load the model instead)
        logger.debug("model cache %s unusable", copy, exc_info=True)
    import shutil  # here, not at import: 3 ms of a cold start
    shutil.rmtree(copy, ignore_errors=True)
    return None


def _header(handle: Any) -> tuple[Any, tuple[int, ...], int]:
    """An open .npy file's dtype, shape and where its data starts; raises ValueError for a
    file of another layout or one shorter than its header says."""
    from numpy.lib import format as npy

    version = npy.read_magic(handle)
    if version not in ((1, 0), (2, 0)):
        raise ValueError(f"{handle.name}: .npy version {version}")
    read = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
    shape, fortran, dtype = read(handle)
    start = handle.tell()
    size = dtype.itemsize
    for extent in shape:
        size *= extent
    if fortran or not dtype.isnative or dtype.hasobject or os.fstat(handle.fileno()).st_size != start + size:
        raise ValueError(f"{handle.name}: not a whole native C-ordered array")
    return dtype, shape, start


def _read_whole(path: Path) -> Any:
    """A small .npy file's array, read (not mapped)."""
    import numpy as np

    with open(path, "rb") as handle:
        dtype, shape, _ = _header(handle)
        return np.fromfile(handle, dtype=dtype).reshape(shape)


class _Stored:
    """A large .npy array whose rows of `width` entries are read when first asked
    (`os.pread`) and kept."""

    def __init__(self, path: Path, width: int) -> None:
        with open(path, "rb") as handle:
            self.dtype, self.shape, self._start = _header(handle)
        self._fd = os.open(path, os.O_RDONLY)  # a copy is replaced whole, never changed in place
        self._width = width
        self._bytes = width * self.dtype.itemsize
        self._rows: dict[int, Any] = {}

    def _read(self, row: int) -> bytes:
        data = os.pread(self._fd, self._bytes, self._start + row * self._bytes)
        if len(data) != self._bytes or row < 0:
            raise IndexError(row)
        return data

    def __len__(self) -> int:
        return self.shape[0]

    def __del__(self) -> None:
        try:
            os.close(self._fd)
        except (OSError, AttributeError):
            pass


class _States(_Stored):
    """The tokenizer's flat state table (`states[i]` a Python int, as the memoryview py3langid
    indexes gives it), read a state's 256 entries at a time."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, 256)

    def __getitem__(self, index: int) -> int:
        row, column = divmod(index, 256)
        found = self._rows.get(row)
        if found is None:
            found = self._rows[row] = memoryview(self._read(row)).cast(self.dtype.char)
        return found[column]


class _Features(_Stored):
    """The features' class weights: `features[indexes]` is the rows' array, as py3langid's
    scorer takes it from the whole table."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as handle:
            _, shape, _ = _header(handle)
        super().__init__(path, shape[1])

    def __getitem__(self, indexes: Any) -> Any:
        import numpy as np

        rows = self._rows
        data = b"".join([rows.get(i) or rows.setdefault(i, self._read(i)) for i in map(int, indexes)])
        return np.frombuffer(data, dtype=self.dtype).reshape(len(indexes), self._width)


def _write_copy(copy: Path, found: Any) -> None:
    """Write the identifier's arrays under `copy`; copies of other py3langid models go."""
    import numpy as np

    def fill(staging: Path) -> None:
        for name in _ARRAYS:
            np.save(staging / f"{name}.npy", np.asarray(getattr(found, name)))
        meta = {"classes": list(found.nb_classes), "verdicts": _verdicts(found)}
        (staging / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    write_folder(copy, fill, COPY_PREFIX)

def _shifted(rows: Any) -> memoryview:
    """The tokenizer's row offsets shifted by 8 bits, as py3langid's `_rowbase` (a list of
    100,000 Python ints, 4.1 MB) indexes them: 32-bit items of one array, 0.4 MB."""
    import numpy as np

    return _view(np.asarray(rows, dtype=np.int32) << 8)


def _view(values: Any) -> memoryview:
    """An integer array as a memoryview whose items index as py3langid's stdlib arrays and
    lists do (Python ints), without a Python int object per item."""
    return memoryview(values).cast("B").cast(values.dtype.char)
