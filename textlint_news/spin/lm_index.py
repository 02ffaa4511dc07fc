"""The language model's bigrams as arrays: which words follow and precede a word, and how likely.

`LanguageModel` (`spin.lm`) answers "how probable is this wording"; filling a
blank ("the ___ browser") needs the other direction: every word the model has
seen after the word before the blank and before the word after it.  PocketSphinx
offers no way to list them (its ARPA writer aborts on the shipped model, whose
header counts six bigrams more than its trie holds), so this module reads the
bigram level of `en-us.lm.bin` itself: the trie format of `lm_trie.c` (unigrams
as float records, bigrams bit-packed under the word they predict, probabilities
quantised to 16 bits).

The arrays (2.05M bigrams both ways, 33 MB) are written once to the model cache
(`model_cache.model_cache_dir()`, a folder made whole or not at all, keyed by the
model file's path, size and modification time); later loads read the two pointer
arrays and the vocabulary's ids (a `mapped.MappedTable`, 2.3 MB where a dict took
10 MB) whole, the words by id only to fill a blank, and a word's row of the other
arrays when asked (`os.pread`, as
`mapped.NpyArray`: mapped, each row touched pulled a large folio of the page cache
into the process, 22 MB for one article).  With the cache off they are built in
memory (about 1 s).  Nothing is read at import: `bigram_index()` loads on first use.
"""
from __future__ import annotations

import json
import logging
import math
import sys
from array import array
from bisect import bisect_left
from functools import cached_property, lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any, Mapping, NamedTuple

from ..model_cache import model_cache_dir, write_folder

logger = logging.getLogger(__name__)

MODEL = "en-us/en-us.lm.bin"  # the model `spin.lm` reads
COPY_PREFIX = "lm-bigrams-"
FORMAT = 3  # 2: the vocabulary's ids as a mapped table; 3: in its one-file form (`mapped.COPY_FORMAT` 2)
_HEADER = b"Trie Language Model"
QUANT_VALUES = 65536  # 16-bit quantisation: one table of this many floats per value kind
_TO_NATS = math.log(1.0001)  # the model keeps logs in base 1.0001
_ARRAYS = ("succ_ptr", "succ_word", "succ_logp", "pred_ptr", "pred_word", "pred_logp")
_ROWS_KEPT = 1_000_000  # successors `seen` keeps (4 MB) before it starts afresh
_IDS_AS_DICT = 20_000  # `id` look-ups after which the vocabulary's ids become a dict (10 MB, 0.02 s)
_PLAIN_BETWEEN = 64  # `between` calls answered without numpy before it is imported (one article's)


class BigramIndex:
    """Successors and predecessors of every word of the model, with bigram log-probabilities.

    `successors(a)` are the words b with a bigram "a b" in the model and log P(b | a)
    in nats; `predecessors(b)` the words a of the bigrams "a b", with the same
    log P(b | a).  Both as (word ids, log-probabilities) arrays; `id(word)` and
    `word(id)` convert (lower case, as the model).
    """

    def __init__(self, words: list[str] | Path, arrays: dict[str, Any], ids: Mapping[str, int] | None = None) -> None:
        self._words = words
        self._ids = ids if ids is not None else {w: i for i, w in enumerate(words)}
        for name in _ARRAYS:
            setattr(self, name, arrays[name])
        self._rows: dict[int, memoryview] = {}  # successor rows `seen` has read
        self._kept = 0  # the word ids they hold
        self._asked: int | None = 0  # `id` look-ups of a mapped vocabulary so far (None: a dict now)
        self._plain = 0  # `between` calls answered without numpy
        if isinstance(self._ids, dict):
            self._asked = None
            self.id = self._ids.get  # type: ignore[method-assign]

    @cached_property
    def words(self) -> list[str]:
        """The vocabulary by id (a copy's words.txt read when first asked: filling a blank)."""
        if isinstance(self._words, Path):
            return self._words.read_text(encoding="utf-8").split("\n")
        return self._words

    def id(self, word: str) -> int | None:
        """The word's id, None outside the vocabulary.  A mapped vocabulary asked often (a
        folder's texts, not one article's) is made a dict once: a look-up is then one `dict.get`."""
        if self._asked is not None:
            self._asked += 1
            if self._asked >= _IDS_AS_DICT:  # once: a caller may hold this bound method
                self._asked = None
                self._ids = {w: i for i, w in enumerate(self.words)}
                self.id = self._ids.get  # type: ignore[method-assign]
        return self._ids.get(word)

    def successors(self, word_id: int) -> tuple[Any, Any]:
        lo, hi = int(self.succ_ptr[word_id]), int(self.succ_ptr[word_id + 1])
        return self.succ_word[lo:hi], self.succ_logp[lo:hi]

    def predecessors(self, word_id: int) -> tuple[Any, Any]:
        lo, hi = int(self.pred_ptr[word_id]), int(self.pred_ptr[word_id + 1])
        return self.pred_word[lo:hi], self.pred_logp[lo:hi]

    def between(self, before: int, after: int, limit: int) -> list[int]:
        """The ids of at most `limit` words seen after `before` and before `after`, best first by
        log P(v | before) + log P(after | v) (float32 sums, ties in id order).

        numpy intersects long lists faster, but its import costs a cold start 0.1 s and 15 MB:
        the first `_PLAIN_BETWEEN` calls of a process (one article's) are answered by bisection
        unless numpy is in already; both ways give the same list."""
        followers, follow_p = self.successors(before)
        leaders, lead_p = self.predecessors(after)
        if len(followers) > len(leaders):  # look the shorter list up in the longer one (both sorted)
            big, big_p, small, small_p = followers, follow_p, leaders, lead_p
        else:
            big, big_p, small, small_p = leaders, lead_p, followers, follow_p
        if not len(big) or not len(small):
            return []
        if "numpy" in sys.modules or self._plain >= _PLAIN_BETWEEN:
            return _between_numpy(big, big_p, small, small_p, limit)
        self._plain += 1
        size = len(big)
        hits = [(k, j) for k, j in enumerate(map(bisect_left, repeat(big), small))
                if j < size and big[j] == small[k]]
        scores = array("f", [small_p[k] + big_p[j] for k, j in hits])  # a double sum rounded: numpy's float32 sum
        best = sorted(range(len(hits)), key=lambda h: -scores[h])[:limit]  # stable, as numpy's argsort
        return [small[hits[h][0]] for h in best]

    def seen(self, first: int, second: int) -> bool:
        """Whether the model holds the bigram "first second" (a bisection of the successors
        through a memoryview of the row, kept: numpy's per-call overhead was most of the time)."""
        followers = self._rows.get(first)
        if followers is None:
            if self._kept > _ROWS_KEPT:
                self._rows.clear()
                self._kept = 0
            row = self.successors(first)[0]
            followers = self._rows[first] = memoryview(row.tobytes()).cast("i")
            self._kept += len(row)
        k = bisect_left(followers, second)
        return k < len(followers) and followers[k] == second


def _between_numpy(big: Any, big_p: Any, small: Any, small_p: Any, limit: int) -> list[int]:
    """`BigramIndex.between` of two non-empty sorted lists (numpy arrays or memoryviews), by numpy."""
    import numpy as np

    big, big_p, small, small_p = map(np.asarray, (big, big_p, small, small_p))
    at = np.searchsorted(big, small)
    at[at >= len(big)] = 0
    hit = big[at] == small
    found, scores = small[hit], small_p[hit] + big_p[at[hit]]
    return found[np.argsort(-scores, kind="stable")[:limit]].tolist()


class TrieSections(NamedTuple):
    """The parts of a PocketSphinx trie model (`.lm.bin`, 3-gram), as numpy views of its bytes."""

    words: list[str]  # the vocabulary, in id order
    tables: Any  # float32: bigram probabilities, bigram backoffs, trigram probabilities (QUANT_VALUES each)
    unigrams: Any  # records of (prob, bo, next): each word's bigrams are next[w]..next[w + 1]
    middle: Any  # bit-packed bigrams: word before, backoff code, probability code, trigram pointer
    longest: Any  # bit-packed trigrams: word two before, probability code
    word_bits: int
    next_bits: int


def read_sections(path: str | Path) -> TrieSections:
    """The sections of the trie model at `path`; ValueError when it is not a 3-gram trie model."""
    import numpy as np

    raw = Path(path).read_bytes()
    if not raw.startswith(_HEADER):
        raise ValueError(f"{path}: not a PocketSphinx trie language model")
    pos = len(_HEADER)
    order = raw[pos]
    pos += 1
    if order != 3:
        raise ValueError(f"{path}: a {order}-gram model (expected 3)")
    counts = [int(c) for c in np.frombuffer(raw, "<u4", order, pos)]
    pos += 4 * order + 4  # the counts, then an unused int
    tables = np.frombuffer(raw, "<f4", 3 * QUANT_VALUES, pos)
    pos += tables.nbytes
    unigrams = np.frombuffer(raw, np.dtype([("prob", "<f4"), ("bo", "<f4"), ("next", "<u4")]), counts[0] + 1, pos)
    pos += unigrams.nbytes
    word_bits, next_bits = counts[0].bit_length(), counts[2].bit_length()
    middle = np.frombuffer(raw, np.uint8, ((1 + counts[1]) * (word_bits + 32 + next_bits) + 7) // 8 + 8, pos)
    pos += middle.size
    longest = np.frombuffer(raw, np.uint8, ((1 + counts[2]) * (word_bits + 16) + 7) // 8 + 8, pos)
    pos += longest.size
    size = int(np.frombuffer(raw, "<u4", 1, pos)[0])
    words = raw[pos + 4:pos + 4 + size].decode("utf-8", "replace").split("\0")[:-1]
    if len(words) != counts[0]:
        raise ValueError(f"{path}: {len(words)} word strings for {counts[0]} unigrams")
    return TrieSections(words, tables, unigrams, middle, longest, word_bits, next_bits)


def read_bigrams(path: str | Path) -> tuple[list[str], dict[str, Any]]:
    """The vocabulary and the bigram arrays of a PocketSphinx trie model (`.lm.bin`)."""
    import numpy as np

    trie = read_sections(path)
    word_bits, vocab = trie.word_bits, len(trie.words)
    width = word_bits + 32 + trie.next_bits
    ends = trie.unigrams["next"].astype(np.int64)
    n = int(ends[-1])  # the bigrams the trie holds (the header may count more)
    # The trie keeps each bigram under the word it predicts; the stored word is the one before.
    predicted = np.repeat(np.arange(vocab, dtype=np.int32), np.diff(ends))
    history = bit_field(trie.middle, n, width, 0, word_bits).astype(np.int32)
    prob_table = trie.tables[:QUANT_VALUES]  # the bigrams' probabilities (log base 1.0001)
    logp = (prob_table[bit_field(trie.middle, n, width, word_bits + 16, 16)] * _TO_NATS).astype(np.float32)
    by_history = np.lexsort((predicted, history))
    by_predicted = np.lexsort((history, predicted))
    arrays = {
        "succ_ptr": _pointers(history[by_history], vocab),
        "succ_word": predicted[by_history], "succ_logp": logp[by_history],
        "pred_ptr": _pointers(predicted[by_predicted], vocab),
        "pred_word": history[by_predicted], "pred_logp": logp[by_predicted],
    }
    return trie.words, arrays


def bit_field(memory: Any, n: int, width: int, offset: int, bits: int) -> Any:
    """Field `offset`..`offset+bits` of n bit-packed little-endian records of `width` bits
    (`bitarr_read_int25`: four bytes from the field's byte, shifted)."""
    import numpy as np

    at = np.arange(n, dtype=np.int64) * width + offset
    byte = at >> 3
    value = np.zeros(n, dtype=np.uint64)
    for k in range(4):
        value |= memory[byte + k].astype(np.uint64) << np.uint64(8 * k)
    return ((value >> (at & 7).astype(np.uint64)) & np.uint64((1 << bits) - 1)).astype(np.uint32)


def _pointers(sorted_keys: Any, n_words: int) -> Any:
    import numpy as np

    return np.searchsorted(sorted_keys, np.arange(n_words + 1)).astype(np.int64)


@lru_cache(maxsize=1)
def bigram_index() -> BigramIndex:
    """The bigram index of the shipped English model, from the model cache when possible."""
    model = model_path()
    folder = model_cache_dir()
    copy = folder / f"{COPY_PREFIX}{_key(model)}" if folder else None
    if copy is not None:
        found = _read_copy(copy)
        if found is not None:
            return found
    words, arrays = read_bigrams(model)
    if copy is not None:
        _write_copy(copy, words, arrays)
    return BigramIndex(words, arrays)


def model_path() -> Path:
    """The shipped model's file as `pocketsphinx.get_model_path` finds it ($POCKETSPHINX_PATH,
    else the package's model folder), without importing pocketsphinx (0.015 s and its C library)."""
    import importlib.util
    import os

    folder = os.environ.get("POCKETSPHINX_PATH")
    if not folder:
        spec = importlib.util.find_spec("pocketsphinx")  # finds, does not import
        if spec is not None and spec.submodule_search_locations:
            folder = os.path.join(spec.submodule_search_locations[0], "model")
    if folder and os.path.isfile(os.path.join(folder, MODEL)):
        return Path(folder) / MODEL
    from pocketsphinx import get_model_path  # an install laid out otherwise

    return Path(get_model_path(MODEL))


def _key(model: Path) -> str:
    """The model file's path, size and modification time, hashed (another pocketsphinx install
    is another path or time; its version, from `importlib.metadata`, cost 0.03 s to ask)."""
    from ..model_cache import sha256

    found = model.stat()
    text = f"{FORMAT}\0{model}\0{found.st_size}\0{found.st_mtime_ns}"
    return sha256(text.encode()).hexdigest()[:32]


def _read_copy(copy: Path) -> BigramIndex | None:
    """The index of a cached copy (no numpy: the pointers are read whole as memoryviews,
    the other arrays by row), or None when there is none or it is unusable."""
    from ..mapped import MappedTable, NpyArray

    if not copy.is_dir():
        return None
    try:
        meta = json.loads((copy / "meta.json").read_text(encoding="utf-8"))
        ids = MappedTable(copy / "ids", whole=True)
        arrays = {name: _whole(NpyArray(copy / f"{name}.npy", whole=True)) if name.endswith("_ptr")
                  else _Rows(copy / f"{name}.npy") for name in _ARRAYS}
        if meta.get("format") == FORMAT and meta["words"] + 1 == len(arrays["succ_ptr"]) \
                and int(arrays["succ_ptr"][-1]) == len(arrays["succ_word"]) == meta["bigrams"]:
            return BigramIndex(copy / "words.txt", arrays, ids)
    except Exception:  # noqa: BLE001  (a damaged or partial copy: build the index instead)
        logger.debug("bigram cache %s unusable", copy, exc_info=True)
    import shutil  # here, not at import: 3 ms of a cold start
    shutil.rmtree(copy, ignore_errors=True)
    return None


def _whole(stored: Any) -> memoryview:
    """A `mapped.NpyArray` read whole, as a memoryview of its items."""
    return stored.items(0, len(stored))


class _Rows:
    """A large array of a copy, read a slice at a time (`os.pread`): `rows[lo:hi]` is a
    read-only memoryview of the items, as `tolist()`, `len()` and indexes read a slice of
    the built array."""

    def __init__(self, path: Path) -> None:
        from ..mapped import NpyArray

        self._stored = NpyArray(path)

    def __len__(self) -> int:
        return len(self._stored)

    def __getitem__(self, part: slice) -> memoryview:
        lo, hi, _ = part.indices(len(self._stored))
        return self._stored.items(lo, max(0, hi - lo))


def _write_copy(copy: Path, words: list[str], arrays: dict[str, Any]) -> None:
    """Write the index under `copy`; copies made from other models go."""
    import numpy as np

    from ..mapped import write_table

    def fill(staging: Path) -> None:
        for name in _ARRAYS:
            np.save(staging / f"{name}.npy", arrays[name])
        (staging / "words.txt").write_text("\n".join(words), encoding="utf-8")
        (staging / "ids").mkdir()
        write_table(staging / "ids", {w: i for i, w in enumerate(words)}, {})
        meta = {"format": FORMAT, "bigrams": len(arrays["succ_word"]), "words": len(words)}
        (staging / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    write_folder(copy, fill, COPY_PREFIX)