"""The spin detectors' shipped word tables: candidates and synonyms worked out once.

A word's candidates (lemmatise it, inflect its WordNet synonyms, keep those much
commoner in wordfreq) take ~15 µs to work out, and every lint process used to
work them out again for the ~25,000 words of a news collection: about 0.5 s of
each worker's first pass.  `rules/data/rare_candidates.tsv` holds them for every
plain lower-case word of four letters or more that wordfreq knows and for every
two-word phrase form of the synonym table; a word of that vocabulary missing
from the file has none.  `rules/data/commoner_synonyms.tsv` does the same for
the classifier's word features (`spin.features`): every plain word of three
letters or more with its one-word synonyms that are commoner than itself.

A table holds for one set of sources, and the candidates for one set of
thresholds.  Its fingerprint covers the thresholds the candidates depend on,
the synonym and inflection tables, and the versions of wordfreq and symspellpy;
a table whose fingerprint differs (other thresholds, other data) is not used
and the words are worked out as before, with the same result.  Rebuilt by
`python corpora/build_candidates.py`; a test compares each file with a rebuild.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping

from ..model_cache import sha256  # hashlib's, without loading OpenSSL
from .lexicon import phrase_forms, synonyms, word_frequencies, zipf

if TYPE_CHECKING:
    from ..mapped import FileLines
    from .rarity import RarityThresholds

MIN_CONTENT_LENGTH = 3  # shorter words are never content words here (`spin.features`)
TABLE = "data/rare_candidates.tsv"
COMMONER_TABLE = "data/commoner_synonyms.tsv"
FORMAT = 1
_FINGERPRINT = "# fingerprint: "
# The thresholds a word's candidates depend on (the others weigh its context).
_CANDIDATE_LIMITS = ("min_word_length", "max_word_zipf", "min_zipf_gap", "min_synonym_zipf",
                     "max_synonym_zipf", "general")
_FINGERPRINTED = ("data/synonyms.tsv", "data/inflections.tsv")  # the data a table is worked out from
_PACKAGES = ("wordfreq", "symspellpy")  # ... and the packages

Candidates = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class CandidateTable:
    """The shipped candidates of the words and phrases that have some (parsed when asked)."""

    lines: Mapping[str, str]  # word -> "synonym:gap|synonym:gap"
    words: Mapping[str, float]  # wordfreq's table: its plain words are covered ...
    phrases: frozenset[str]  # ... and so are the phrase forms

    def get(self, word: str) -> Candidates | None:
        """`word`'s candidates: () for a covered word without any, None for a word not covered."""
        found = self.lines.get(word)
        if found is not None:
            return tuple((s, float(g)) for s, _, g in (item.rpartition(":") for item in found.split("|")))
        return () if self.covers(word) else None

    def covers(self, word: str) -> bool:
        """Whether the table answers for `word` (see `vocabulary`)."""
        if " " in word:
            return word in self.phrases
        return _plain(word) and word in self.words


@dataclass(frozen=True)
class CommonerTable:
    """The shipped one-word synonyms commoner than their word, of the words that have some."""

    lines: Mapping[str, str]  # word -> "synonym|synonym", in the synonym table's order
    words: Mapping[str, float]  # wordfreq's table: its plain words of 3+ letters are covered

    def get(self, word: str) -> tuple[str, ...] | None:
        """`word`'s commoner synonyms: () for a covered word without any, None for a word not covered."""
        found = self.lines.get(word)
        if found is not None:
            return tuple(found.split("|"))
        return () if _plain(word, MIN_CONTENT_LENGTH) and word in self.words else None


def _plain(word: str, min_length: int = 4) -> bool:
    """A lower-case ASCII word of `min_length` letters or more (four: what the detector's
    word scan finds)."""
    return len(word) >= min_length and word.isascii() and word.isalpha() and word.islower()


def fingerprint(limits: "RarityThresholds | None") -> str:
    """What a table of candidates for `limits` (None: the commoner-synonym table) is derived
    from, hashed.  Kept in the model cache (`mapped.cached_value`), keyed by the data files and
    the packages' own files: hashing the synonym table and asking the packages' versions
    (importlib.metadata) took 0.04 s of each start."""
    from importlib.util import find_spec

    from ..resources import rules_dir

    sources = [rules_dir() / data for data in _FINGERPRINTED] + [Path(__file__)]
    for package in _PACKAGES:
        spec = find_spec(package)
        if spec is None or spec.origin is None:
            return _fingerprint(limits)  # a package missing: worked out each time, as it says so
        sources.append(Path(spec.origin))
    from ..mapped import cached_value

    kind = sha256(_limits_text(limits).encode()).hexdigest()[:12]
    return cached_value(f"candidates-fingerprint-{kind}", sources, lambda: _fingerprint(limits))


def _limits_text(limits: "RarityThresholds | None") -> str:
    if limits is None:
        return f"commoner synonyms, {MIN_CONTENT_LENGTH}+ letters\n"
    return "".join(f"{name}={getattr(limits, name)!r}\n" for name in _CANDIDATE_LIMITS)


def _fingerprint(limits: "RarityThresholds | None") -> str:
    from importlib.metadata import PackageNotFoundError, version  # 20 ms to import: only when asked

    from ..resources import rules_dir

    digest = sha256(f"format {FORMAT}\n".encode())
    digest.update(_limits_text(limits).encode())
    for data in _FINGERPRINTED:
        digest.update((rules_dir() / data).read_bytes())
    for package in _PACKAGES:
        try:
            digest.update(f"{package} {version(package)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{package} missing\n".encode())
    return digest.hexdigest()


def vocabulary() -> Iterable[str]:
    """The words and phrases a table covers: wordfreq's plain words and the two-word phrase forms."""
    yield from (w for w in word_frequencies() if _plain(w))
    yield from phrase_forms()


def commoner_vocabulary() -> Iterable[str]:
    """The words the commoner-synonym table covers: wordfreq's plain words of 3+ letters."""
    return (w for w in word_frequencies() if _plain(w, MIN_CONTENT_LENGTH))


def table_text(limits: "RarityThresholds", compute: Callable[[str], Candidates]) -> str:
    """The table file for `limits`, with every covered word's `compute`d candidates."""
    header = [
        "# Rare-synonym candidates (textlint_news.spin.candidates): word<TAB>synonym:zipf-gap|...",
        "# Built by corpora/build_candidates.py from rules/data/synonyms.tsv, wordfreq and symspellpy.",
        _FINGERPRINT + fingerprint(limits),
    ]
    rows = ((word, compute(word)) for word in sorted(set(vocabulary())))
    return _text(header, (word + "\t" + "|".join(f"{synonym}:{gap!r}" for synonym, gap in found)
                          for word, found in rows if found))


def commoner_table_text(compute: Callable[[str], tuple[str, ...]]) -> str:
    """The commoner-synonym table file, with every covered word's `compute`d synonyms."""
    header = [
        "# One-word synonyms commoner than their word (textlint_news.spin.candidates): word<TAB>synonym|...",
        "# Built by corpora/build_candidates.py from rules/data/synonyms.tsv and wordfreq.",
        _FINGERPRINT + fingerprint(None),
    ]
    rows = ((word, compute(word)) for word in sorted(set(commoner_vocabulary())))
    return _text(header, (word + "\t" + "|".join(found) for word, found in rows if found))


def _text(header: list[str], lines: Iterable[str]) -> str:
    return "\n".join([*header, *lines]) + "\n"


def load_table(limits: "RarityThresholds") -> CandidateTable | None:
    """The shipped candidate table when it was built for `limits` and these sources, else None."""
    lines = _read(TABLE, fingerprint(limits))
    if lines is None:
        return None
    return CandidateTable(lines, word_frequencies(), phrase_forms())


def load_commoner_table() -> CommonerTable | None:
    """The shipped commoner-synonym table when it was built from these sources, else None."""
    lines = _read(COMMONER_TABLE, fingerprint(None))
    if lines is None:
        return None
    return CommonerTable(lines, word_frequencies())


@lru_cache(maxsize=1)
def commoner_table() -> "CommonerTable | None":
    """The shipped commoner-synonym table, or None when it does not fit."""
    return load_commoner_table()


def commoner_single_synonyms(word: str) -> tuple[str, ...]:
    """The word's one-word synonyms commoner than itself, worked out from the synonym table
    (the only synonyms the word features read)."""
    own = zipf(word)
    return tuple(s for s in synonyms(word) if s.isalpha() and zipf(s) > own)


@lru_cache(maxsize=262_144)
def single_synonyms(word: str) -> tuple[tuple[str, float], ...]:
    """`commoner_single_synonyms` with their Zipf frequencies (from the shipped table when
    it covers the word)."""
    table = commoner_table()
    found = table.get(word) if table is not None else None
    if found is None:
        found = commoner_single_synonyms(word)
    return tuple((s, zipf(s)) for s in found)


def _read(relative: str, expected: str) -> Mapping[str, str] | None:
    """A table's word -> value lines, or None when it is missing, damaged (a line without a
    tab or a value) or has another fingerprint than `expected`.  The file is checked whole once,
    when the offsets of its values are mapped (`_Lines`); a value is read when asked."""
    from ..mapped import FileLines, cached_value, mapped_table
    from ..resources import rules_dir

    path = rules_dir() / relative
    try:
        lines = FileLines(path)
    except OSError:
        return None
    name = f"{relative.rsplit('/', 1)[-1]}-{sha256(expected.encode()).hexdigest()[:16]}"
    try:
        offsets = mapped_table(name, [path, Path(__file__)], lambda: _value_offsets(lines.whole(), expected))
    except _CarriageReturns:  # other line ends than the builder writes: read as text, as ever
        return _parse(io.StringIO(lines.whole().decode("utf-8"), newline=None), expected)
    except _Unfit:
        return None
    sources = [path, Path(__file__)]
    return _Lines(lines, offsets, lambda: cached_value(f"{name}-words", sources, lambda: _words(lines.whole())))


class _Unfit(Exception):
    """A table file that is damaged or made for other sources."""


class _CarriageReturns(Exception):
    """A table file with other line ends than the builder writes."""


def _value_offsets(data: bytes, expected: str) -> dict[str, int]:
    """word -> where its value starts in `data`; raises `_Unfit` when `_parse` would give None,
    `_CarriageReturns` for a file to read as text."""
    if b"\r" in data:
        raise _CarriageReturns
    text = data.decode("utf-8")
    if _parse(io.StringIO(text, newline="\n"), expected) is None:  # lines end at "\n" only
        raise _Unfit
    offsets: dict[str, int] = {}
    at = 0
    for line in data.split(b"\n"):
        if line and not line.startswith(b"#"):
            word, _, _ = line.partition(b"\t")
            offsets[word.decode("utf-8")] = at + len(word) + 1
        at += len(line) + 1
    return offsets


class _Lines(Mapping[str, str]):
    """word -> value of a checked table file, each value read from the file when asked."""

    def __init__(self, lines: "FileLines", offsets: Mapping[str, int],
                 words: Callable[[], tuple[str, ...]] | None = None) -> None:
        self._lines, self._offsets = lines, offsets
        self._words = words or (lambda: _words(lines.whole()))
        self._listed: tuple[str, ...] | None = None

    def get(self, word: str, default: str | None = None) -> str | None:  # type: ignore[override]
        at = self._offsets.get(word)
        if at is None:
            return default
        return self._lines.line(at).decode("utf-8")

    def __getitem__(self, word: str) -> str:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __len__(self) -> int:
        return len(self._offsets)

    def __iter__(self) -> Iterator[str]:
        """The words, in the file's order (as a dict of its lines gives them)."""
        if self._listed is None:
            self._listed = self._words()
        return iter(self._listed)


def _words(data: bytes) -> tuple[str, ...]:
    """A table file's words, in its order, each once (a dict of its lines' keys)."""
    words = (line.partition(b"\t")[0].decode("utf-8") for line in data.split(b"\n")
             if line and not line.startswith(b"#"))
    return tuple(dict.fromkeys(words))


def _parse(lines: Iterable[str], expected: str) -> dict[str, str] | None:
    """word -> value of a table's lines, or None when damaged or made for other sources."""
    parsed: dict[str, str] = {}
    fitting = False
    for line in lines:
        if line.startswith("#"):
            if line.startswith(_FINGERPRINT):
                fitting = line[len(_FINGERPRINT):].strip() == expected
                if not fitting:
                    return None
            continue
        word, tab, found = line.rstrip("\n").partition("\t")
        if not (tab and found):
            return None  # damaged: the words are worked out instead
        parsed[word] = found
    return parsed if fitting else None
