"""Word tables mapped from the user cache instead of parsed into dicts at every start.

A table a run needs only a few look-ups of (symspellpy's 242,000 word pairs, wordfreq's
lists of other languages) cost a second of parsing and tens of MB as a dict.  The first
load writes it to `model_cache.model_cache_dir()` as one file of hash buckets: each key's
64-bit hash picks its bucket, which holds about 32 keys' hashes (sorted), values and the
keys themselves (UTF-8) to confirm a match, so a look-up is exact and costs one read
(`os.pread`, a few µs, remembered).  Mapped instead, a look-up mapped a whole large folio
of the page cache into the process: the tables cost their full size in resident memory;
a small table asked thousands of times a text is mapped whole (`whole`).  A copy is keyed
by its name, the package version, the copy format and the sources' paths, sizes and
modification times, and written whole or not at all; without a usable cache the table is
built as a dict.
"""
from __future__ import annotations

import ast
import json
import logging
import os
import struct
import weakref
from bisect import bisect_left
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .model_cache import blake2b, model_cache_dir, prune, sha256, write_folder

logger = logging.getLogger(__name__)

COPY_PREFIX = "table-"
_MEMO_LIMIT = 50_000  # look-ups a table remembers before it starts afresh
# After this many searches (a folder's texts: one article asks a few hundred) a table of at
# most _WHOLE_KEYS keys is read whole into its memo: each search cost 10-20 µs on first sight.
# Never after `clear_memo` (a long text's windows): its memory stays bounded.
_SEARCHES_BEFORE_WHOLE = 10_000
_WHOLE_KEYS = 100_000
_MISSING = object()


def _hash(key: bytes) -> int:
    return int.from_bytes(blake2b(key, digest_size=8).digest(), "little")


class MappedTable:
    """A read-only str -> number table over a copy in the cache (`get`, `in`, `len` as a dict's)."""

    def __init__(self, folder: Path, whole: bool = False) -> None:
        self._fd = os.open(folder / TABLE_FILE, os.O_RDONLY)  # a copy is replaced whole, never changed in place
        try:
            file_size = os.fstat(self._fd).st_size
            self._data = _mapped(self._fd, 0, file_size) if whole else None
            magic, self._size, self._buckets, kind, meta_size = _HEAD.unpack(self._read(0, _HEAD.size))
            if magic != _MAGIC or kind not in _VALUE_TYPES or not self._buckets:
                raise ValueError(f"{folder}: not a table of this format")
            self._kind = _VALUE_TYPES[kind]
            self.meta: dict[str, Any] = json.loads(bytes(self._read(_HEAD.size, meta_size)))
            at = _HEAD.size + _padded(meta_size)
            self._directory = memoryview(self._read(at, 8 * (self._buckets + 1))).cast("Q")
            if self._directory[0] != at + 8 * (self._buckets + 1) or self._directory[-1] != file_size:
                raise ValueError(f"{folder}: cut short")
        except BaseException:
            os.close(self._fd)
            raise
        self._whole = self._data  # read whole: the mapping, searched in place
        self._memo: dict[str, Any] = {}  # keys looked up, their values (None: absent)
        # searches left before the table is read whole (None: never, too large or windowed)
        self._searches_left = _SEARCHES_BEFORE_WHOLE if self._size <= _WHOLE_KEYS else None
        self._complete = False  # the memo holds every key (`_read_whole`)
        _OPEN.add(self)

    def __len__(self) -> int:
        return self._size

    def __del__(self) -> None:
        try:
            os.close(self._fd)
        except (OSError, AttributeError):
            pass

    def clear_memo(self) -> None:
        """Forget the look-ups so far (they are read again when asked): a long text's windows
        would fill the memo to its limit.  The table is not read whole after that."""
        self._memo.clear()
        self._searches_left, self._complete = None, False

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._items())

    def _items(self) -> Iterator[tuple[str, Any]]:
        """Every key and its value, bucket by bucket (in hash order)."""
        for number in range(self._buckets):
            hashes, values, ends, keys = self._bucket(number)
            for i in range(len(hashes)):
                yield bytes(keys[ends[i]:ends[i + 1]]).decode("utf-8", "surrogatepass"), values[i]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def get(self, key: str, default: Any = None) -> Any:
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            if self._complete:
                return default
            if self._searches_left is not None:
                self._searches_left -= 1
                if self._searches_left <= 0:
                    self._read_whole()
                    return self.get(key, default)
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[key] = self._find(key)
        return default if found is None else found

    def _read_whole(self) -> None:
        """Every key and value into the memo (a dict as the table was built), searched no more
        until `clear_memo`."""
        self._memo = dict(self._items())
        self._complete = True

    def _find(self, key: str) -> Any:
        encoded = key.encode("utf-8", "surrogatepass")
        wanted = _hash(encoded)
        hashes, values, ends, keys = self._bucket((wanted * self._buckets) >> 64)
        i = bisect_left(hashes, wanted)
        size = len(hashes)
        while i < size and hashes[i] == wanted:
            if keys[ends[i]:ends[i + 1]] == encoded:
                return values[i]
            i += 1
        return None

    def _bucket(self, number: int) -> tuple[memoryview, memoryview, memoryview, memoryview]:
        """A bucket's hashes (sorted), values, key ends and key bytes: one read (a slice of the
        mapping when read whole)."""
        start = self._directory[number]
        data = memoryview(self._read(start, self._directory[number + 1] - start))
        count = _COUNT.unpack_from(data)[0]
        values = _COUNT.size + 8 * count
        ends = values + 8 * count
        keys = ends + 4 * (count + 1)
        return (data[_COUNT.size:values].cast("Q"), data[values:ends].cast(self._kind),
                data[ends:keys].cast("I"), data[keys:])

    def _read(self, at: int, size: int) -> "bytes | memoryview":
        data = self._data[at:at + size] if self._data is not None else os.pread(self._fd, size, at)
        if len(data) != size:
            raise ValueError(f"table cut short at {at}")
        return data


#: A copy is one file: a head (`_HEAD`: magic, keys, buckets, value type, length of the meta's
#: JSON), the meta (padded to 8 bytes), the buckets' offsets (buckets + 1, 64-bit), then the
#: buckets.  A key's bucket is its hash's place among them (`hash * buckets >> 64`); a bucket
#: holds its count (`_COUNT`), its hashes (sorted, 64-bit), values (64-bit int or float), the
#: ends of its keys in its key bytes (32-bit, from 0), then those bytes (UTF-8).  One read
#: answers a look-up; the arrays of the first format took four, and five files to open.
TABLE_FILE = "table.bin"
COPY_FORMAT = 2
_MAGIC = b"TLNTAB02"
_HEAD = struct.Struct("<8sQQQQ")
_COUNT = struct.Struct("<Q")
_VALUE_TYPES = {0: "q", 1: "d"}
_BUCKET_KEYS = 32  # keys a bucket holds on average (~0.6 KB read a look-up)


def _padded(size: int) -> int:
    return -(-size // 8) * 8


#: every `MappedTable` of the process, for `clear_memos`
_OPEN: "weakref.WeakSet[MappedTable]" = weakref.WeakSet()


def clear_memos() -> None:
    """Empty every mapped table's look-up memo (`MappedTable.clear_memo`)."""
    for table in list(_OPEN):
        table.clear_memo()


#: the item types of the arrays a copy holds (as `np.save` writes them), as `memoryview.cast` names them
_TYPES = {"<u8": "Q", "<i8": "q", "<f8": "d", "<i4": "i", "<f4": "f"}
_ONE = {kind: struct.Struct(f"<{kind}") for kind in _TYPES.values()}
_TWO = {kind: struct.Struct(f"<2{kind}") for kind in _TYPES.values()}


class NpyArray:
    """A 1-d array of a copy's .npy file (or the bytes of another file), read by `os.pread`,
    or `whole`: mapped at once and sliced (a small table asked often: a slice costs less than a
    call).  Mapped, its pages are the page cache's; read into memory, the 6.5 MB of a cold
    article's whole tables took 1,700 page faults of fresh memory (~4 ms)."""

    def __init__(self, path: Path, whole: bool = False) -> None:
        self._fd = os.open(path, os.O_RDONLY)  # a copy is replaced whole, never changed in place
        try:
            self._start, self._type = (_npy_header(self._fd) if path.suffix == ".npy" else (0, "B"))
            self._width = struct.calcsize("<" + self._type)
            length, extra = divmod(os.fstat(self._fd).st_size - self._start, self._width)
            if extra:
                raise ValueError(f"{path}: cut short")
            self._length = length
            self._data = _mapped(self._fd, self._start, length * self._width) if whole else None
        except BaseException:
            os.close(self._fd)
            raise

    def __len__(self) -> int:
        return self._length

    @property
    def type(self) -> str:
        """The items' type as `struct` and `memoryview.cast` name it ("B" for a plain file)."""
        return self._type

    def read(self, at: int, count: int) -> "bytes | memoryview":
        """`count` items' bytes from item `at` on (a view of them when read whole)."""
        if self._data is not None:
            data = self._data[at * self._width:(at + count) * self._width]
        else:
            data = os.pread(self._fd, count * self._width, self._start + at * self._width)
        if len(data) != count * self._width or at < 0:
            raise IndexError(at)
        return data

    def items(self, at: int, count: int) -> memoryview:
        return memoryview(self.read(at, count)).cast(self._type)

    def item(self, at: int) -> Any:
        return _ONE[self._type].unpack(self.read(at, 1))[0]

    def pair(self, at: int) -> tuple[Any, Any]:
        """Items `at` and `at + 1`, in one read (a key's offsets)."""
        return _TWO[self._type].unpack(self.read(at, 2))

    def whole(self) -> memoryview:
        if self._data is not None:  # no copy
            return memoryview(self._data).cast(self._type)
        return self.items(0, self._length)

    @property
    def data(self) -> "bytes | memoryview":
        """All the items' bytes (read now, unless read `whole` already: a view of them)."""
        return self._data if self._data is not None else self.read(0, self._length)

    def __del__(self) -> None:
        try:
            os.close(self._fd)
        except (OSError, AttributeError):
            pass


def _mapped(fd: int, start: int, size: int) -> "bytes | memoryview":
    """The `size` bytes of the file from `start` on, mapped read-only (a copy is replaced whole,
    never changed in place, and a mapping outlives the file's removal)."""
    if not size:
        return b""
    import mmap

    return memoryview(mmap.mmap(fd, start + size, access=mmap.ACCESS_READ))[start:]


def _npy_header(fd: int) -> tuple[int, str]:
    """Where a .npy file's data starts and its item type; ValueError for another layout than
    the 1-d little-endian arrays `_write` saves."""
    lead = os.pread(fd, 10, 0)
    if lead[:8] != b"\x93NUMPY\x01\x00":
        raise ValueError("not a version 1.0 .npy file")
    size = int.from_bytes(lead[8:10], "little")
    header = _npy_dict(os.pread(fd, size, 10).decode("latin-1"))
    if header.get("fortran_order") or len(header.get("shape", ())) != 1 or header.get("descr") not in _TYPES:
        raise ValueError(f"not a 1-d array of {sorted(_TYPES)}: {header}")
    return 10 + size, _TYPES[header["descr"]]


#: the header `np.save` writes for a 1-d array (then spaces and a line break), around its
#: item type and length
_SAVED = ("{'descr': '", "', 'fortran_order': False, 'shape': (", ",), }")


def _npy_dict(text: str) -> dict[str, Any]:
    """A .npy header's dict: the usual header of a 1-d array read as text (`ast.literal_eval`
    costs 40 µs a file, and a cold run opens ~80), any other by `ast.literal_eval`."""
    opening, middle, closing = _SAVED
    if text.startswith(opening):
        descr, found, rest = text[len(opening):].partition(middle)
        length, found_too, tail = rest.partition(closing)
        if found and found_too and length.isdigit() and not tail.strip() and "'" not in descr:
            return {"descr": descr, "fortran_order": False, "shape": (int(length),)}
    return ast.literal_eval(text)


class FileLines:
    """A text file's lines read where asked (`os.pread`), for a table whose index (a mapped
    table) gives where each entry's line starts: the whole file is read only to build it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_RDONLY)
        self.size = os.fstat(self._fd).st_size

    def line(self, at: int) -> bytes:
        """The bytes from `at` to the next line break (or the file's end), without it."""
        pieces = []
        while at < self.size:
            piece = os.pread(self._fd, _LINE_READ, at)
            end = piece.find(b"\n")
            if end >= 0 or not piece:
                pieces.append(piece[:end] if end >= 0 else piece)
                break
            pieces.append(piece)
            at += len(piece)
        return b"".join(pieces)

    def whole(self) -> bytes:
        return os.pread(self._fd, self.size, 0)

    def __del__(self) -> None:
        try:
            os.close(self._fd)
        except (OSError, AttributeError):
            pass


_LINE_READ = 4096  # bytes read at a time for a line (a table's lines are shorter)


def mapped_table(name: str, sources: Iterable[Path], build: Callable[[], dict[str, Any]],
                 meta: Callable[[dict[str, Any]], dict[str, Any]] | None = None, whole: bool = False) -> Any:
    """The table `build()` makes (str -> int or float), mapped from the cache when a copy is
    there (else written there), or the built dict itself when the cache is off or unusable.
    `meta(table)` gives figures of the whole table to keep beside it (`MappedTable.meta`);
    a dict that is returned instead carries none: call `meta` on it.  `whole`: the copy's
    arrays are read at once (a few MB asked thousands of times a text), not a look-up at a time."""
    folder = model_cache_dir()
    copy = folder / f"{COPY_PREFIX}{name}-{_key(name, sources)}" if folder else None
    if copy is not None and copy.is_dir():
        try:
            return MappedTable(copy, whole)
        except Exception:  # noqa: BLE001  (damaged or partial: build it again)
            logger.debug("table %s unusable", copy, exc_info=True)
            import shutil  # here, not at import: 3 ms of a cold start
            shutil.rmtree(copy, ignore_errors=True)
    table = build()
    if copy is None or not _write(copy, table, meta(table) if meta else {}):
        return table
    try:
        return MappedTable(copy, whole)
    except Exception:  # noqa: BLE001
        return table


def cached_value(name: str, sources: Iterable[Path], build: Callable[[], Any]) -> Any:
    """`build()`'s value (of types `marshal` writes: sets, dicts, strings, numbers) read back
    from the cache when a copy is there, else built and written there (or only built, without
    a usable cache).  `sources` are every file the value is worked out from, code included."""
    import marshal

    return _cached(name, sources, build, ".marshal", marshal.dumps, marshal.loads,
                   (OSError, EOFError, ValueError, TypeError))


class FirstLookups:
    """A set of strings asked a few hundred times a text: its first `limit` look-ups (`in`)
    are answered by a mapped copy (`mapped_table`: a few µs each, nothing parsed), the
    later ones, its iteration and length by the set itself, read then (`load`): a single
    file's run never pays for parsing the set, a folder's pays once."""

    def __init__(self, mapped: Any, load: Callable[[], frozenset[str]], limit: int) -> None:
        self._mapped, self._load, self._left = mapped, load, limit
        self._set: frozenset[str] | None = None

    def __contains__(self, key: object) -> bool:
        if self._set is None:
            if self._left > 0:
                self._left -= 1
                return key in self._mapped
            self.load()
        return key in self._set  # type: ignore[operator]

    def load(self) -> frozenset[str]:
        """The set itself (read now if it was not yet)."""
        if self._set is None:
            self._set = self._load()
            self._mapped = None
        return self._set

    @property
    def loaded(self) -> bool:
        """Whether the set itself was read."""
        return self._set is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.load())

    def __len__(self) -> int:
        return len(self.load())

    def intersection(self, *others: Iterable[Any]) -> frozenset[str]:
        return self.load().intersection(*others)


def first_lookups(name: str, sources: Iterable[Path], load: Callable[[], frozenset[str]],
                  limit: int) -> "FirstLookups | frozenset[str]":
    """The set `load()` gives (itself kept in the cache, `cached_value`), as a `FirstLookups`
    over a mapped copy of it (kept as `mapped_table` keeps one, values 1, keyed by `name` and
    `sources`) that answers the first `limit` look-ups; `load()` itself when the cache is off
    or unusable."""
    mapped = mapped_table(f"{name}-keys", sources, lambda: dict.fromkeys(load(), 1))
    if not isinstance(mapped, MappedTable):
        return load()
    return FirstLookups(mapped, load, limit)


def loaded(found: "FirstLookups | frozenset[str]") -> frozenset[str]:
    """The set itself of what `first_lookups` gave (read now: before workers fork)."""
    return found.load() if isinstance(found, FirstLookups) else found


def cached_object(name: str, sources: Iterable[Path], build: Callable[[], Any]) -> Any:
    """`cached_value` for objects only `pickle` writes (a rule pack's parsed rules): read back
    when a copy is there, else built and written.  A copy that does not load (damaged, or of
    classes since changed) is built again; `sources` must hold the code of those classes."""
    import pickle

    return _cached(name, sources, build, ".pickle",
                   lambda value: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), pickle.loads,
                   (Exception,))


def _cached(name: str, sources: Iterable[Path], build: Callable[[], Any], suffix: str,
            dumps: Callable[[Any], bytes], loads: Callable[[bytes], Any],
            unusable: tuple[type[BaseException], ...]) -> Any:
    folder = model_cache_dir()
    copy = folder / f"{COPY_PREFIX}{name}-{_key(name, sources)}{suffix}" if folder else None
    if copy is not None:
        try:
            with open(copy, "rb") as stream:
                data = stream.read()
        except OSError:  # not there yet (or not readable): built below
            data = None
        if data is not None:
            try:
                return loads(data)
            except unusable:
                logger.debug("value %s unusable", copy, exc_info=True)
    value = build()
    if copy is not None:
        try:
            data = dumps(value)
            copy.parent.mkdir(parents=True, exist_ok=True)
            staging = copy.with_name(f".{copy.name}.{os.getpid()}")
            staging.write_bytes(data)
            os.replace(staging, copy)  # atomic
            prune(copy, f"{COPY_PREFIX}{name}-", suffix)
        except Exception:  # noqa: BLE001  (not writable, or a value the codec cannot write: a YAML date)
            logger.debug("value %s not written", copy, exc_info=True)
    return value


def _key(name: str, sources: Iterable[Path]) -> str:
    from . import __version__

    parts = [name, __version__, str(COPY_FORMAT)]
    for source in sources:
        found = source.stat()
        parts += [str(source), str(found.st_size), str(found.st_mtime_ns)]
    return sha256("\0".join(parts).encode()).hexdigest()[:24]


def _write(copy: Path, table: dict[str, Any], meta: dict[str, Any]) -> bool:
    """Write `table` under `copy`, whole or not at all; old copies of the same name go (`prune`)."""
    return write_folder(copy, lambda staging: write_table(staging, table, meta), copy.name.rsplit("-", 1)[0] + "-")


def write_table(folder: Path, table: dict[str, Any], meta: dict[str, Any]) -> None:
    """The file of a `MappedTable` of `table` into `folder` (a staging folder, made whole)."""
    from array import array

    encoded = sorted((_hash(k.encode("utf-8", "surrogatepass")), k.encode("utf-8", "surrogatepass"), v)
                     for k, v in table.items())
    is_int = all(isinstance(v, int) for _, _, v in encoded)
    buckets = max(1, -(-len(encoded) // _BUCKET_KEYS))
    grouped: list[list[tuple[int, bytes, Any]]] = [[] for _ in range(buckets)]
    for item in encoded:
        grouped[(item[0] * buckets) >> 64].append(item)
    meta_text = json.dumps(meta).encode("utf-8")
    blobs, offsets = [], array("Q", [_HEAD.size + _padded(len(meta_text)) + 8 * (buckets + 1)])
    for group in grouped:
        ends = array("I", [0])
        for _, key, _ in group:
            ends.append(ends[-1] + len(key))
        blobs.append(b"".join((_COUNT.pack(len(group)), array("Q", [h for h, _, _ in group]).tobytes(),
                               array("q" if is_int else "d", [v for _, _, v in group]).tobytes(),
                               ends.tobytes(), *(k for _, k, _ in group))))
        offsets.append(offsets[-1] + len(blobs[-1]))
    with open(folder / TABLE_FILE, "wb") as out:
        out.write(_HEAD.pack(_MAGIC, len(encoded), buckets, 0 if is_int else 1, len(meta_text)))
        out.write(meta_text.ljust(_padded(len(meta_text)), b" "))
        out.write(offsets.tobytes())
        out.writelines(blobs)
