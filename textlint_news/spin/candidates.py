"""The shipped rare-synonym candidates: every plain word's and phrase form's, worked out once.

A word's candidates (lemmatise it, inflect its WordNet synonyms, keep those much
commoner in wordfreq) take ~15 µs to work out, and every lint process used to
work them out again for the ~25,000 words of a news collection: about 0.5 s of
each worker's first pass.  `rules/data/rare_candidates.tsv` holds them for every
plain lower-case word of four letters or more that wordfreq knows and for every
two-word phrase form of the synonym table; a word of that vocabulary missing
from the file has none.

The table holds for one set of thresholds and one set of sources.  Its
fingerprint covers the thresholds the candidates depend on, the synonym and
inflection tables, and the versions of wordfreq and symspellpy; a scorer whose
fingerprint differs (other thresholds, other data) works its candidates out
itself, with the same result.  Rebuilt by `python corpora/build_candidates.py`;
a test compares the shipped file with a rebuild.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

if TYPE_CHECKING:
    from .rarity import RarityThresholds

TABLE = "data/rare_candidates.tsv"
FORMAT = 1
_FINGERPRINT = "# fingerprint: "
# The thresholds a word's candidates depend on (the others weigh its context).
_CANDIDATE_LIMITS = ("min_word_length", "max_word_zipf", "min_zipf_gap", "min_synonym_zipf",
                     "max_synonym_zipf", "general")

Candidates = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class CandidateTable:
    """The shipped candidates of the words and phrases that have some (parsed when asked)."""

    lines: dict[str, str]  # word -> "synonym:gap|synonym:gap"
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


def _plain(word: str) -> bool:
    """A lower-case ASCII word of four letters or more: what the detector's word scan finds."""
    return len(word) >= 4 and word.isascii() and word.isalpha() and word.islower()


def fingerprint(limits: "RarityThresholds") -> str:
    """What a table of candidates for `limits` is derived from, hashed."""
    from ..resources import rules_dir

    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in _CANDIDATE_LIMITS:
        digest.update(f"{name}={getattr(limits, name)!r}\n".encode())
    for data in ("data/synonyms.tsv", "data/inflections.tsv"):
        digest.update((rules_dir() / data).read_bytes())
    for package in ("wordfreq", "symspellpy"):
        try:
            digest.update(f"{package} {version(package)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{package} missing\n".encode())
    return digest.hexdigest()


def vocabulary() -> Iterable[str]:
    """The words and phrases a table covers: wordfreq's plain words and the two-word phrase forms."""
    from .lexicon import word_frequencies
    from .rarity import phrase_forms

    yield from (w for w in word_frequencies() if _plain(w))
    yield from phrase_forms()


def table_text(limits: "RarityThresholds", compute: Callable[[str], Candidates]) -> str:
    """The table file for `limits`, with every covered word's `compute`d candidates."""
    lines = [
        "# Rare-synonym candidates (textlint_news.spin.candidates): word<TAB>synonym:zipf-gap|...",
        "# Built by corpora/build_candidates.py from rules/data/synonyms.tsv, wordfreq and symspellpy.",
        _FINGERPRINT + fingerprint(limits),
    ]
    for word in sorted(set(vocabulary())):
        found = compute(word)
        if found:
            lines.append(word + "\t" + "|".join(f"{synonym}:{gap!r}" for synonym, gap in found))
    return "\n".join(lines) + "\n"


def load_table(limits: "RarityThresholds") -> CandidateTable | None:
    """The shipped table when it was built for `limits` and these sources, else None."""
    from ..resources import rules_dir

    path = rules_dir() / TABLE
    try:
        handle = open(path, encoding="utf-8")
    except OSError:
        return None
    lines: dict[str, str] = {}
    fitting = False
    with handle:
        for line in handle:
            if line.startswith("#"):
                if line.startswith(_FINGERPRINT):
                    fitting = line[len(_FINGERPRINT):].strip() == fingerprint(limits)
                    if not fitting:
                        return None
                continue
            word, tab, found = line.rstrip("\n").partition("\t")
            if not (tab and found):
                return None  # damaged: the detector works its candidates out instead
            lines[word] = found
    if not fitting:
        return None
    from .lexicon import word_frequencies
    from .rarity import phrase_forms

    return CandidateTable(lines, word_frequencies(), phrase_forms())
