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
import shutil
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
        # Plain read-only views of the mapped files (a memmap subclass is slower to index); the
        # tokenizer's tables as memoryviews, which it indexes as fast as the stdlib arrays it
        # loads itself, without copying 39 MB into each process.
        arrays = {name: np.asarray(np.load(copy / f"{name}.npy", mmap_mode="r")) for name in _ARRAYS}
        found = identifier_class(
            arrays["nb_ptc"], arrays["nb_pc"], meta["classes"], _view(arrays["tk_nextmove"]),
            arrays["tk_output"].tolist(), norm_probs=True, tk_row=_view(arrays["tk_row"]))
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
