"""PocketSphinx's 3-gram trie as mapped arrays: a cold run's scores without loading PocketSphinx.

`en-us.lm.bin` is the trie of PocketSphinx's `lm_trie.c`: unigram records (probability
and backoff as floats, a pointer to the word's bigrams), then the bigrams bit-packed under
the word they predict (the word before, 16-bit codes of probability and backoff, a pointer
to the trigrams), then the trigrams under their bigram (the word two before, a 16-bit
probability code); the codes index tables of 65,536 floats, all logs in base 1.0001.
`read_trie` reads it into flat arrays (numpy, once), a bigram and a trigram found by one
bisection each over sorted keys: (predicted word, word before) for the bigrams
(`compact_keys`: uint32), (bigram's place, word two before) for the trigrams; within a
node the trie keeps the words sorted (but in two nodes: `reachable`).

`trie_scores()` maps them from the model cache (one file, 35 MB, written whole or not at
all the first time it is asked; no numpy, no PocketSphinx): `TrieScores.one(word, last,
older)` is `NGramModel.prob([word, last, older])` for word ids (-1 for no word), the very
integer PocketSphinx returns: the probability of the longest n-gram found, backed off as
`lm_trie_score` does (float32 sums in the same order), truncated toward zero.  A look-up
costs 4-5 µs in Python against PocketSphinx's 1.2-2.6 µs in C, but nothing is loaded:
`spin.lm` answers a process's first scores from here (`LanguageModel`).
"""
from __future__ import annotations

import json
import logging
import os
import struct
import sys
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from ..model_cache import model_cache_dir, sha256, write_folder
from .lm_index import QUANT_VALUES, bit_field, read_sections

logger = logging.getLogger(__name__)

COPY_PREFIX = "lm-trie-"
FORMAT = 1  # the copy's layout (`_write_copy`), part of its key
_F32 = struct.Struct("f")
#: the arrays `TrieScores` reads and their item types (`struct`/`memoryview.cast` codes)
ARRAYS = {"uni_prob": "f", "uni_bo": "f", "uni_next": "q", "bi_key": "I", "bi_prob": "H", "bi_bo": "H",
          "tri_key": "q", "tri_prob": "H", "bi_values": "f", "bo_values": "f", "tri_values": "f"}
_NUMPY_TYPES = {"f": "<f4", "q": "<i8", "I": "<u4", "H": "<u2"}
_DATA = "trie.bin"


def read_trie(path: str | Path) -> tuple[list[str], dict[str, Any]]:
    """The vocabulary and the trie arrays (numpy, `ARRAYS`) of a PocketSphinx trie model
    (`.lm.bin`, 3-gram): `uni_next` (each word's bigrams are uni_next[w]..uni_next[w + 1]),
    `bi_key` as `compact_keys` makes it, `tri_key` (bigram's place * vocab + word two before)."""
    import numpy as np

    trie = read_sections(path)
    words, tables, unigrams, middle, longest = trie.words, trie.tables, trie.unigrams, trie.middle, trie.longest
    vocab, word_bits, next_bits = len(words), trie.word_bits, trie.next_bits
    width = word_bits + 32 + next_bits  # word before, backoff code, probability code, trigram pointer
    long_width = word_bits + 16  # word two before, probability code

    uni_next = unigrams["next"].astype(np.int64)
    n_bi = int(uni_next[-1])  # the bigrams the trie holds (the header may count more)
    bi_word = bit_field(middle, n_bi, width, 0, word_bits).astype(np.int64)
    predicted = np.repeat(np.arange(vocab, dtype=np.int64), np.diff(uni_next[:vocab + 1]))
    bi_next = bit_field(middle, n_bi + 1, width, word_bits + 32, next_bits).astype(np.int64)
    n_tri = int(bi_next[-1])
    tri_word = bit_field(longest, n_tri, long_width, 0, word_bits).astype(np.int64)
    tri_bigram = np.repeat(np.arange(n_bi, dtype=np.int64), np.diff(bi_next))
    arrays = {
        "uni_prob": np.array(unigrams["prob"][:vocab]), "uni_bo": np.array(unigrams["bo"][:vocab]),
        "uni_next": uni_next,
        "bi_key": predicted * vocab + bi_word,
        "bi_bo": bit_field(middle, n_bi, width, word_bits, 16).astype(np.uint16),
        "bi_prob": bit_field(middle, n_bi, width, word_bits + 16, 16).astype(np.uint16),
        "tri_key": tri_bigram * vocab + tri_word,
        "tri_prob": bit_field(longest, n_tri, long_width, word_bits, 16).astype(np.uint16),
        "bi_values": np.array(tables[:QUANT_VALUES]),
        "bo_values": np.array(tables[QUANT_VALUES:2 * QUANT_VALUES]),
        "tri_values": np.array(tables[2 * QUANT_VALUES:]),
    }
    if max(int(np.diff(uni_next).max()), int(np.diff(bi_next).max())) * vocab >= 1 << 32:
        raise ValueError(f"{path}: nodes too large for this reader (PocketSphinx's search overflows)")
    if reachable(arrays["bi_key"], vocab) is not None:  # the trigrams' keys hold the bigrams' places
        raise ValueError(f"{path}: bigrams out of order (not read here)")
    kept = reachable(arrays["tri_key"], vocab)
    if kept is not None:
        arrays["tri_key"], arrays["tri_prob"] = arrays["tri_key"][kept], arrays["tri_prob"][kept]
    arrays["bi_key"] = compact_keys(arrays["bi_key"], uni_next, vocab)
    return words, arrays


def compact_keys(keys: Any, uni_next: Any, vocab: int) -> Any:
    """The bigram keys (predicted * vocab + before, sorted) as uint32, half the bytes: the
    keys of the words from vocab // 2 on less (vocab // 2) * vocab, each half sorted on its own."""
    import numpy as np

    half = vocab // 2
    if (vocab - half) * vocab >= 1 << 32:
        raise ValueError(f"a vocabulary of {vocab} words: bigram keys beyond 32 bits")
    out = keys.copy()
    out[int(uni_next[half]):] -= half * vocab
    return out.astype(np.uint32)


def reachable(keys: Any, vocab: int) -> Any:
    """None when every node's words are sorted (`keys` strictly increasing), else the
    places of the entries PocketSphinx's search reaches, each node's in order of its words.

    `uniform_find` (an interpolation search) assumes sorted words; in a node that is not
    (the shipped model has two, of two trigrams each) it misses some, which the model then
    scores by backing off: so do we, without them."""
    import numpy as np

    unsorted = np.flatnonzero(np.diff(keys) <= 0)
    if not unsorted.size:
        return None
    nodes = keys // vocab
    order = np.arange(len(keys))
    kept = np.ones(len(keys), dtype=bool)
    for node in np.unique(nodes[unsorted]):
        lo, hi = (int(x) for x in np.searchsorted(nodes, [node, node + 1]))
        found = [int(w) for w in keys[lo:hi] % vocab]
        reached = sorted({at for at in (uniform_find(found, w, vocab) for w in found) if at is not None},
                         key=found.__getitem__)
        order[lo:lo + len(reached)] = [lo + at for at in reached]
        kept[lo + len(reached):hi] = False
    return order[kept]


def uniform_find(words: list[int], key: int, max_vocab: int) -> int | None:
    """The place of `key` among a node's `words` as `lm_trie.c`'s `uniform_find` finds it
    (None when it does not), bounds exclusive, the first after 0 and before `max_vocab`."""
    if key > max_vocab:
        return None
    before_it, before_v, after_it, after_v = -1, 0, len(words), max_vocab
    while after_it - before_it > 1:
        pivot = before_it + 1 + (key - before_v) * (after_it - before_it - 1) // (after_v - before_v + 1)
        mid = words[pivot]
        if mid < key:
            before_it, before_v = pivot, mid
        elif mid > key:
            after_it, after_v = pivot, mid
        else:
            return pivot
    return None


class TrieScores:
    """PocketSphinx's raw scores from the trie's arrays (memoryviews, or anything indexable
    and searchable by `bisect` in the `ARRAYS` types)."""

    def __init__(self, arrays: dict[str, Any]) -> None:
        self.arrays = arrays
        self.vocab = len(arrays["uni_prob"])
        self._uni_prob = arrays["uni_prob"]
        #: `NGramModel.prob` of one n-gram of known word ids, `one(word, last=-1, older=-1)`
        self.one: Callable[..., int] = _scalar(arrays, self.vocab)

    def unigram(self, word: int) -> int:
        """The raw score of the word alone (`NGramModel.prob([word])`)."""
        return int(self._uni_prob[word])


def _scalar(arrays: dict[str, Any], vocab: int) -> Callable[..., int]:
    """`TrieScores.one` over the arrays (an item is a Python number, `bisect` searches them
    in C; a bigram's search kept within its word's node)."""
    uni_prob, uni_bo, uni_next, bi_key, bi_prob, bi_bo, tri_key, tri_prob, bi_values, bo_values, tri_values = (
        arrays[name] for name in ARRAYS)
    half = vocab // 2
    base = half * vocab  # `compact_keys`' halves
    n_tri = len(tri_key)
    pack, unpack = _F32.pack, _F32.unpack

    def one(word: int, last: int = -1, older: int = -1) -> int:
        prob = uni_prob[word]
        if last < 0:
            return int(prob)
        key = word * vocab + last - (base if word >= half else 0)
        end = uni_next[word + 1]
        place = bisect_left(bi_key, key, uni_next[word], end)
        found = place < end and bi_key[place] == key
        if found:
            prob = bi_values[bi_prob[place]]
        else:  # a float32 sum: made in double precision and rounded once, it is C's `float` sum
            prob = unpack(pack(prob + uni_bo[last]))[0]
        if older < 0:
            return int(prob)
        if found:
            key = place * vocab + older
            at = bisect_left(tri_key, key)
            if at < n_tri and tri_key[at] == key:
                return int(tri_values[tri_prob[at]])
        key = last * vocab + older - (base if last >= half else 0)
        end = uni_next[last + 1]
        at = bisect_left(bi_key, key, uni_next[last], end)
        if at < end and bi_key[at] == key:
            prob = unpack(pack(prob + bo_values[bi_bo[at]]))[0]
        return int(prob)

    return one


@lru_cache(maxsize=1)
def trie_scores() -> TrieScores | None:
    """The shipped model's scores mapped from the model cache, the copy written first when
    there is none (or it is damaged or stale); None when it cannot be made (no cache, a model
    this reader refuses): PocketSphinx then answers."""
    from .lm_index import model_path

    folder = model_cache_dir()
    if folder is None or sys.byteorder != "little":
        return None
    try:
        model = model_path()
        copy = folder / f"{COPY_PREFIX}{_key(model)}"
        found = _read_copy(copy)
        if found is None and _write_copy(copy, model):
            found = _read_copy(copy)
        return found
    except Exception:  # noqa: BLE001  (PocketSphinx reads the model as it always did)
        logger.debug("language model trie not made", exc_info=True)
        return None


def _key(model: Path) -> str:
    """The copy's format and the model file's path, size and modification time, hashed."""
    found = model.stat()
    text = f"{FORMAT}\0{model}\0{found.st_size}\0{found.st_mtime_ns}"
    return sha256(text.encode()).hexdigest()[:32]


def _read_copy(copy: Path) -> TrieScores | None:
    """The scores of a cached copy (its one file mapped, each array a memoryview of it), or
    None when there is none or it is unusable (then removed)."""
    if not copy.is_dir():
        return None
    try:
        meta = json.loads((copy / "meta.json").read_text(encoding="utf-8"))
        arrays = _mapped_arrays(copy / _DATA, meta)
        vocab = meta["words"]
        if meta["format"] == FORMAT and len(arrays["uni_prob"]) == len(arrays["uni_bo"]) == vocab \
                and len(arrays["uni_next"]) == vocab + 1 \
                and arrays["uni_next"][vocab] == len(arrays["bi_key"]) == len(arrays["bi_prob"]) == len(arrays["bi_bo"]) \
                and len(arrays["tri_key"]) == len(arrays["tri_prob"]) \
                and all(len(arrays[name]) == QUANT_VALUES for name in ("bi_values", "bo_values", "tri_values")):
            return TrieScores(arrays)
    except Exception:  # noqa: BLE001  (a damaged or partial copy: made again)
        logger.debug("language model trie %s unusable", copy, exc_info=True)
    import shutil  # here, not at import: 3 ms of a cold start

    shutil.rmtree(copy, ignore_errors=True)
    return None


def _mapped_arrays(path: Path, meta: dict[str, Any]) -> dict[str, memoryview]:
    """The arrays of the copy's file as `meta["arrays"]` places them (name: [type, start,
    length]), mapped read-only; the file must end where the last one does."""
    import mmap

    with open(path, "rb") as stored:
        size = os.fstat(stored.fileno()).st_size
        data = mmap.mmap(stored.fileno(), size, access=mmap.ACCESS_READ)
    data.madvise(mmap.MADV_RANDOM)  # a cold run touches a few thousand scattered entries
    view = memoryview(data)
    arrays, end = {}, 0
    for name, kind in ARRAYS.items():
        stored_kind, start, length = meta["arrays"][name]
        if stored_kind != kind:
            raise ValueError(f"{path}: {name} stored as {stored_kind}")
        end = start + length * struct.calcsize(kind)
        arrays[name] = view[start:end].cast(kind)
    if end != size:
        raise ValueError(f"{path}: {size} bytes, {end} expected")
    return arrays


def _write_copy(copy: Path, model: Path) -> bool:
    """Read the model's trie and write its arrays under `copy` (one file, each array 8-byte
    aligned, and where in meta.json); copies made from other models or formats go.  Whether
    the copy is there now (the trie is not read when the cache cannot be written)."""
    def fill(staging: Path) -> None:
        _, arrays = read_trie(model)
        places: dict[str, list[Any]] = {}
        at = 0
        with open(staging / _DATA, "wb") as out:
            for name, kind in ARRAYS.items():
                data = arrays[name].astype(_NUMPY_TYPES[kind]).tobytes()
                out.write(b"\0" * (-at % 8))
                at += -at % 8
                places[name] = [kind, at, len(arrays[name])]
                out.write(data)
                at += len(data)
        meta = {"format": FORMAT, "words": len(arrays["uni_prob"]), "arrays": places}
        (staging / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    return write_folder(copy, fill, COPY_PREFIX)
