"""Reading input files and bytes into documents: size cap, binary detection, decoding,
and one clear error per bad file."""
from __future__ import annotations

import codecs
import errno
import stat
from pathlib import Path

from .document import Document

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
NOT_REGULAR = "not a regular file (a FIFO, socket or device)"
#: Highest charset-normalizer "chaos" accepted when guessing a legacy encoding.
MAX_CHAOS = 0.1
#: Single-byte Latin code pages that short texts cannot tell apart; Windows-1252
#: (the legacy encoding of English-language web text) is taken when it fits.
_LATIN_CODE_PAGES = {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_15", "iso8859_2",
                     "iso8859_9", "iso8859_13", "mac_roman", "cp850"}


class InputError(Exception):
    """A file that cannot be linted; `str()` is the one-line cause."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


def read_document(path: Path, max_size: int, display: str | None = None) -> Document:
    """Read and decode one file, or raise `InputError` naming the cause."""
    name = display or str(path)
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise InputError(name, "is a directory")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(name, NOT_REGULAR)  # reading a FIFO would wait for a writer
        size = status.st_size
        if size > max_size:
            raise InputError(name, f"file too large ({size:,} bytes; max-file-size is {max_size:,})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, _os_cause(exc)) from None
    return decode_document(data, name, max_size)


def entry_error(path: Path) -> str | None:
    """Why a file a folder walk found cannot be linted (a broken or looping symbolic link,
    a FIFO), as a one-line error; None for a regular file."""
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        return f"{path}: broken symbolic link (its target does not exist)"
    except OSError as exc:
        return f"{path}: {_os_cause(exc)}"
    return None if regular else f"{path}: {NOT_REGULAR}"


def _os_cause(exc: OSError) -> str:
    return "symbolic link loop" if exc.errno == errno.ELOOP else f"cannot read: {exc.strerror or exc}"


def decode_document(data: bytes, name: str, max_size: int) -> Document:
    """Decode bytes into a `Document`, or raise `InputError`."""
    if len(data) > max_size:
        raise InputError(name, f"input too large ({len(data):,} bytes; max-file-size is {max_size:,})")
    text, encoding = decode(data, name)
    if not text.strip():
        raise InputError(name, "empty file" if not text else "file holds only white space")
    return Document(text, path=name, encoding=encoding)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Text and encoding name: a BOM, else UTF-8, else a confident legacy guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding
            except UnicodeDecodeError:
                raise InputError(name, f"not valid {encoding} despite its byte-order mark") from None
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise InputError(
            name,
            f"not UTF-8 (invalid byte at {utf8_error.start}) and its encoding cannot be detected reliably",
        )
    if best.encoding in _LATIN_CODE_PAGES:
        western = _western(data)
        if western is not None:
            return western, "cp1252"
    return str(best), best.encoding


def _western(data: bytes) -> str | None:
    """Windows-1252 text when every non-ASCII letter it gives is a Western European one."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if all(ord(c) < 0x250 for c in text if c.isalpha()) else None
