"""Atomic file writes: a temporary file beside the target, then one rename."""
from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, text: str, encoding: str = "utf-8", newline: str = "") -> None:
    """Replace `path` with `text` so a reader sees the old file or the new one, never half."""
    import tempfile  # (and random, which it imports) only when a file is written

    path = Path(path)
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
