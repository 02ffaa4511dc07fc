"""The synonym table (WordNet 3.0, `rules/data/synonyms.tsv`) with light morphology.

`synonyms("affixed")` lemmatises the form ("affix", verb, past), looks the lemma
up and returns its synonyms inflected the same way ("appended", ...).  Data is
loaded on first use and cached; the table is built by corpora/build_synonyms.py.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..mapped import FirstLookups, cached_value, first_lookups, loaded
from ..resources import rules_dir

POS_TAGS = ("n", "v", "a", "r")
_VOWELS = set("aeiou")

# (suffix, replacement, pos, form kind): WordNet's morphy detachment rules,
# with the form each rule undoes so that synonyms can be inflected back.
_DETACH = (
    ("ies", "y", "n", "plural"), ("ches", "ch", "n", "plural"), ("shes", "sh", "n", "plural"),
    ("ses", "s", "n", "plural"), ("xes", "x", "n", "plural"), ("zes", "z", "n", "plural"),
    ("men", "man", "n", "plural"), ("s", "", "n", "plural"),
    ("ies", "y", "v", "3sg"), ("es", "e", "v", "3sg"), ("es", "", "v", "3sg"), ("s", "", "v", "3sg"),
    ("ed", "e", "v", "past"), ("ed", "", "v", "past"), ("ied", "y", "v", "past"),
    ("ing", "e", "v", "ing"), ("ing", "", "v", "ing"),
    ("ier", "y", "a", "comparative"), ("er", "", "a", "comparative"), ("er", "e", "a", "comparative"),
    ("iest", "y", "a", "superlative"), ("est", "", "a", "superlative"), ("est", "e", "a", "superlative"),
)

# The rules by their suffix's last letter, in their order: a word is tried only against its own.
_DETACH_BY_LAST: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    last: tuple(rule for rule in _DETACH if rule[0].endswith(last)) for last in {r[0][-1] for r in _DETACH}
}


class SynonymTable:
    """The synonym table, headword -> {pos: synonyms}, read from the shipped file: an entry is
    parsed when first asked, found by its line offset (a mapped table: `textlint_news.mapped`).
    Parsing all 52,000 lines at each start cost 0.15-0.25 s for the few hundred entries a lint
    of one article asks."""

    def __init__(self, path: Path) -> None:
        from ..mapped import FileLines, mapped_table

        self._lines = FileLines(path)  # read where an entry is asked, not whole (2.4 MB)
        self._offsets = mapped_table("synonym-offsets", [path, Path(__file__)], self._line_offsets)
        self._entries: dict[str, dict[str, tuple[str, ...]] | None] = {}

    def clear_memos(self) -> None:
        """Forget the entries parsed so far (read again when asked)."""
        self._entries.clear()

    def _line_offsets(self) -> dict[str, int]:
        offsets: dict[str, int] = {}
        at = 0
        for line in self._lines.whole().split(b"\n"):
            if line.strip() and not line.startswith(b"#"):
                offsets.setdefault(line.split(b"\t", 1)[0].decode("utf-8"), at)
            at += len(line) + 1
        return offsets

    def get(self, word: str, default: Any = None) -> Any:
        if word not in self._entries:
            at = self._offsets.get(word)
            self._entries[word] = None if at is None else self._parse(word, at)
        entry = self._entries[word]
        return default if entry is None else entry

    def _parse(self, word: str, at: int) -> dict[str, tuple[str, ...]]:
        entry: dict[str, tuple[str, ...]] = {}
        lines = self._lines
        while at < lines.size:
            raw = lines.line(at)
            line = raw.decode("utf-8")
            at += len(raw) + 1
            if not line.strip() or line.startswith("#"):
                continue
            headword, pos, synonyms = line.split("\t")
            if headword != word:
                break
            entry[pos] = tuple(synonyms.split("|"))
        return entry

    def __getitem__(self, word: str) -> dict[str, tuple[str, ...]]:
        entry = self.get(word)
        if entry is None:
            raise KeyError(word)
        return entry

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def items(self) -> Iterator[tuple[str, dict[str, tuple[str, ...]]]]:
        """Every entry, in the file's order (parses the whole file)."""
        table: dict[str, dict[str, tuple[str, ...]]] = {}
        for line in self._lines.whole().decode("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                word, pos, synonyms = line.split("\t")
                table.setdefault(word, {})[pos] = tuple(synonyms.split("|"))
        return iter(table.items())


@lru_cache(maxsize=1)
def _table() -> SynonymTable:
    return SynonymTable(rules_dir() / "data" / "synonyms.tsv")


def clear_memos() -> None:
    """Forget the synonym entries parsed so far, if the table is loaded."""
    if _table.cache_info().currsize:
        _table().clear_memos()


@lru_cache(maxsize=1)
def _irregular() -> tuple[dict[str, tuple[tuple[str, str], ...]], dict[tuple[str, str], tuple[str, ...]]]:
    """form -> ((lemma, pos), ...) and (lemma, pos) -> irregular forms."""
    from ..resources import load_data

    forms: dict[str, list[tuple[str, str]]] = {}
    of_lemma: dict[tuple[str, str], list[str]] = {}
    for line in load_data("data/inflections.tsv"):
        form, pos, lemma = line.split("\t")
        forms.setdefault(form, []).append((lemma, pos))
        of_lemma.setdefault((lemma, pos), []).append(form)
    return ({k: tuple(v) for k, v in forms.items()},
            {k: tuple(v) for k, v in of_lemma.items()})


def in_table(word: str, pos: str | None = None) -> bool:
    """True when `word` (a lemma or phrase, lower case) is a headword of the table."""
    entry = _table().get(word)
    return bool(entry) and (pos is None or pos in entry)


@lru_cache(maxsize=65536)
def lemmas(word: str) -> tuple[tuple[str, str, str], ...]:
    """Possible `(lemma, pos, form)` readings of a word form or phrase; form is "base",
    "plural", "3sg", "past", "ing", "comparative" or "superlative".

    A phrase inflects its head: the last word of a noun ("grocery stores"), the
    first of a verb ("brought out" -> "bring out", past).
    """
    word = word.lower()
    table = _table()
    found = [(word, pos, "base") for pos in table.get(word, {})]
    found += [(lemma, pos, kind) for lemma, pos, kind in _readings(word) if pos in table.get(lemma, {})]
    head, space, rest = word.partition(" ")
    if space:
        found += [(f"{lemma} {rest}", "v", kind) for lemma, pos, kind in _readings(head)
                  if pos == "v" and "v" in table.get(f"{lemma} {rest}", {})]
    return tuple(dict.fromkeys(found))


def _readings(word: str) -> list[tuple[str, str, str]]:
    """`(lemma, pos, form)` a form could be an inflection of (irregular forms, then
    WordNet's detachment rules), whether or not the table knows the lemma."""
    out: list[tuple[str, str, str]] = []
    for lemma, pos in _irregular()[0].get(word, ()):
        kind = {"n": "plural", "v": "past", "a": "comparative", "r": "comparative"}[pos]
        if pos == "v" and word.endswith("ing"):
            kind = "ing"
        elif pos in "ar" and word.endswith("st"):
            kind = "superlative"
        out.append((lemma, pos, kind))
    for suffix, replacement, pos, kind in _DETACH_BY_LAST.get(word[-1:], ()):
        if len(word) > len(suffix) + 1 and word.endswith(suffix):
            stem = word[: -len(suffix)] + replacement
            out.append((stem, pos, kind))
            if replacement == "" and len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
                out.append((stem[:-1], pos, kind))  # stopped -> stop, bigger -> big
    return out


def inflect(lemma: str, pos: str, form: str) -> str:
    """`lemma` put in `form` (see `lemmas`); a phrase inflects its head word."""
    if form == "base":
        return lemma
    if " " in lemma:
        words = lemma.split(" ")
        head = 0 if pos == "v" else len(words) - 1
        words[head] = inflect(words[head], pos, form)
        return " ".join(words)
    irregular = _irregular()[1].get((lemma, pos), ())
    fitting = [f for f in irregular if (form == "ing") == f.endswith("ing")
               and (form != "3sg" or f.endswith("s"))  # "shoots", never the past "shot"
               and (pos not in "ar" or (form == "superlative") == f.endswith("st"))]  # "lost" is a past
    if fitting:
        return max(fitting, key=zipf)  # "went" before "gone", "fell" before "fallen"
    if form in ("plural", "3sg"):
        if lemma.endswith(("s", "x", "z", "ch", "sh")) or (form == "3sg" and lemma.endswith("o")):
            return lemma + "es"
        if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
            return lemma[:-1] + "ies"
        return lemma + "s"
    if form in ("past", "ing", "comparative", "superlative"):
        suffix = {"past": "ed", "ing": "ing", "comparative": "er", "superlative": "est"}[form]
        if form in ("comparative", "superlative") and len(lemma) > 6 and not lemma.endswith("y"):
            return ("more " if form == "comparative" else "most ") + lemma
        if lemma.endswith("ee") and form == "ing":
            return lemma + suffix
        if lemma.endswith("e"):
            return lemma[:-1] + suffix
        if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS and form != "ing":
            return lemma[:-1] + ("ied" if form == "past" else "i" + suffix)
        if (len(lemma) >= 3 and lemma[-1] not in _VOWELS | {"w", "x", "y"}
                and lemma[-2] in _VOWELS and lemma[-3] not in _VOWELS and len(lemma) <= 4
                and "-" not in lemma):
            return lemma + lemma[-1] + suffix  # stop -> stopped (short words only)
        return lemma + suffix
    return lemma


def word_frequencies() -> Mapping[str, float]:
    """wordfreq's English table (word -> frequency), mapped (`textlint_news.english`)."""
    from ..english import frequencies

    return frequencies()


def load_tables() -> None:
    """Load the synonym and inflection tables, the phrase forms' set and wordfreq's now
    (before workers fork)."""
    _table()
    _irregular()
    loaded(phrase_forms())
    word_frequencies()


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The shipped function-word list (rules/data/function_words.txt)."""
    from ..resources import load_data

    return frozenset(load_data("data/function_words.txt"))


#: look-ups of the phrase forms answered by their mapped copy before the set (38,000
#: phrases, 0.013 s to read) is read: an article asks 100-200
PHRASE_FORM_LOOKUPS = 2000


@lru_cache(maxsize=1)
def phrase_forms() -> FirstLookups | frozenset[str]:
    """Two-word headwords of the synonym table, with noun plurals and verb forms: spinners' phrase
    swaps (worked out once, then kept in the user cache: `textlint_news.mapped`).  A set's
    `in`, iteration and length; the first `PHRASE_FORM_LOOKUPS` look-ups are mapped."""
    sources = [rules_dir() / "data" / "synonyms.tsv", rules_dir() / "data" / "inflections.tsv", Path(__file__)]
    return first_lookups("phrase-forms", sources, lambda: cached_value("phrase-forms", sources, _phrase_forms),
                         PHRASE_FORM_LOOKUPS)


def _phrase_forms() -> frozenset[str]:
    forms = set()
    for headword, entry in _table().items():
        parts = headword.split(" ")
        if len(parts) == 2 and parts[0].isalpha() and parts[1].isalpha():
            forms.add(headword)
            if "n" in entry:
                forms.add(inflect(headword, "n", "plural"))
            if "v" in entry:  # "brought out", "points out", "beefing up"
                forms.update(inflect(headword, "v", form) for form in ("3sg", "past", "ing"))
    return frozenset(forms)


@lru_cache(maxsize=262144)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of an English word or phrase (cached, 0 when unseen)."""
    frequency = word_frequencies().get(word)
    if frequency is not None:
        return round(math.log10(frequency * 1e9), 2)
    if word.isalpha():
        return 0.0
    from ..english import zipf_frequency  # phrases and hyphenated words: wordfreq's estimate

    return zipf_frequency(word)


@lru_cache(maxsize=65536)
def synonyms(word: str, pos: str | None = None) -> tuple[str, ...]:
    """Synonyms of a word or phrase, in the same inflection, most frequent sense first.

    `pos` ("n", "v", "a", "r") restricts the reading; an unknown word gives `()`.
    """
    out: list[str] = []
    for lemma, lemma_pos, form in lemmas(word):
        if pos is not None and lemma_pos != pos:
            continue
        for synonym in _table()[lemma][lemma_pos]:
            out.append(inflect(synonym, lemma_pos, form))
    lowered = word.lower()
    return tuple(s for s in dict.fromkeys(out) if s != lowered)
