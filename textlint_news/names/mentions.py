"""Proper-name mentions of a document, with offsets, and its compact name inventory.

A mention is one capitalised word part of a name ("Hegseth" in "Pete Hegseth’s";
"Rees" and "Mogg" in "Rees-Mogg"): possessives are cut off and hyphenated
compounds split, so every spelling is compared word by word.  A capitalised word
that opens a sentence counts as a name only when the text also capitalises it
mid-sentence, or never writes it in lower case and wordfreq does not know it as
a common word; in a Title Case line (a headline, a list of names) only the
very common words are taken for common words.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Iterable, ItemsView, Iterator, Mapping, NamedTuple

from ..document import ABBREVIATIONS, Document, abbreviation_stop, word_before
from .gazetteer import titles, zipf

# Letters are `[^\W\d_]` (str.isalnum() minus decimal digits), as in the document's tokens.
_LETTER = r"[^\W\d_]"
_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")  # the document's token pattern
_POSSESSIVE = re.compile(r"['’][sS]$")
_PART = re.compile(rf"{_LETTER}+(?:['’]{_LETTER}+)*")
_ANY_LETTER = re.compile(_LETTER)
_JOINERS = "'’-"  # join two runs of letters and digits into one token
_PART_END = r"(?![^\W\d_'’])"
# A word part of four lower-case ASCII letters or more, not a small word: counted to rule out
# Title Case quickly (a part that touches an apostrophe is left out, never counted twice).
_LONG_LOWER_PART = re.compile(
    rf"[a-z](?<!{_LETTER}[a-z])(?<!f(?=rom{_PART_END}))(?<!i(?=nto{_PART_END}))(?<!w(?=ith{_PART_END}))"
    rf"[a-z]{{3,}}{_PART_END}"
)
_OPENERS = "\"'“‘([«—–-•*"
# White space (not a line break: each line has its own entry) and openers before a sentence's
# first word; crossing line breaks, a run of blank lines was read again from each of them.
_OPENING = re.compile(rf"(?:[^\S\r\n]|[{re.escape(_OPENERS)}])*")
_SPACE = re.compile(r"\s*")
# `document.sentence_ends` in one pattern (a run of end marks and closing quotes that a
# sentence's start follows; the run read from its first mark only, so linear), with the
# offset past the white space and openers after it (group 1's end, as `_OPENING` reads it).
_SENTENCE_END = re.compile(
    r"(?<![.!?…])[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-ÖØ-ÞА-Я])"
    rf"(?=((?:[^\S\r\n]|[{re.escape(_OPENERS)}])*))"
)
# A word before a full stop this long (as `word_before` reads it) is no abbreviation, 'no' or initial.
_STEM_LIMIT = max(map(len, ABBREVIATIONS)) + 1
_LONG_STEM = re.compile(rf"[\w.]{{{_STEM_LIMIT}}}")
_TITLE_CASE_SMALL = frozenset(
    "a an and as at but by for from in into is nor of on or the to vs via with".split()
)


class Mention(NamedTuple):
    """One capitalised word of a name, its offsets and the given name written before it
    (a named tuple: a long article has thousands)."""

    start: int
    end: int
    form: str
    first: str | None = None
    compound: bool = False


@dataclass(frozen=True)
class NameInventory:
    """What one document says about names.

    How often each form occurs, with which first names, between which words
    ('defence|secretary': a copy of the same sentence shares it; slots between
    two of the commonest words, like 'the|of', are left out), and which
    capitalised sentence openers it writes that may be names too ('Japan has').

    Small and picklable: the engine hands it to the runs of sister copies.
    """

    forms: Counter = field(default_factory=Counter)
    firsts: dict[str, frozenset[str]] = field(default_factory=dict)
    contexts: Mapping[str, frozenset[str]] = field(default_factory=dict)
    openers: Counter = field(default_factory=Counter)

    def written(self) -> Counter:
        """Every capitalised spelling with its count: names plus common-looking sentence openers
        that the text never writes in lower case (evidence for a spelling, never suspects)."""
        return merged(self.forms, self.openers)


def merged(first: Counter, second: Counter) -> Counter:
    """The sum of two counters of positive counts (faster than `+`, which also drops zeros)."""
    if not second:
        return Counter(first)
    out = Counter(first)
    for key, count in second.items():
        out[key] += count
    return out


def mentions(doc: Document, common_zipf: float, headline_zipf: float) -> list[Mention]:
    """Every proper-name mention of the document, in text order (cached per document)."""
    return _extracted(doc, common_zipf, headline_zipf)[0]


def _extracted(doc: Document, common_zipf: float,
               headline_zipf: float) -> tuple[list[Mention], Counter, dict[str, set[str]]]:
    key = f"names.mentions:{common_zipf}:{headline_zipf}"
    if key not in doc.memo:
        doc.memo[key] = _extract(doc, common_zipf, headline_zipf)
    return doc.memo[key]


def inventory(doc: Document, common_zipf: float, headline_zipf: float) -> NameInventory:
    """The document's name forms with counts, the first names seen before each form, and the
    words around each mention (cached per document)."""
    key = f"names.inventory:{common_zipf}:{headline_zipf}"
    if key not in doc.memo:
        doc.memo[key] = _inventory(doc, *_extracted(doc, common_zipf, headline_zipf))
    return doc.memo[key]


def _inventory(doc: Document, found: list[Mention], openers: Counter, firsts: dict[str, set[str]]) -> NameInventory:
    return NameInventory(
        Counter(map(itemgetter(2), found)),
        {form: frozenset(names) for form, names in firsts.items()},
        _Slots(doc.text, found),
        openers,
    )


class _Slots(Mapping):
    """Form -> the 'before|after' word pairs around its mentions (pairs of two of the
    commonest words left out; forms without a pair absent).

    Computed form by form on first use, since a file linted alone asks about a few
    forms only; iterating or pickling (for the sister copies) computes them all.
    """

    def __init__(self, text: str, found: list[Mention]) -> None:
        self._text = text
        self._neighbours: _Neighbours | None = None
        self._found = found
        self._done: dict[str, frozenset[str]] = {}
        self._complete: dict[str, frozenset[str]] | None = None  # the forms with a pair, once all are done
        self._by_form: dict[str, list[Mention]] | None = None  # grouped on the second form asked

    def _keys(self, form: str) -> frozenset[str]:
        keys = self._done.get(form)
        if keys is None:
            if self._complete is not None:
                return frozenset()
            keys = self._done[form] = _slot_keys(self._around(), self._mentions_of(form))
        return keys

    def _mentions_of(self, form: str) -> list[Mention]:
        """The mentions of one form: a scan for the first form asked (a file linted alone asks
        about a few), then a grouping of all (a scan per form was quadratic in a long text)."""
        if self._by_form is None:
            if not self._done:
                return [m for m in self._found if m.form == form]
            self._by_form = {}
            for mention in self._found:
                self._by_form.setdefault(mention.form, []).append(mention)
        return self._by_form.get(form, [])

    def __getitem__(self, form: str) -> frozenset[str]:
        keys = self._keys(form)
        if not keys:
            raise KeyError(form)
        return keys

    def get(self, form: str, default: frozenset[str] | None = None) -> frozenset[str] | None:
        return self._keys(form) or default

    def _all(self) -> dict[str, frozenset[str]]:
        if self._complete is None:
            by_form: dict[str, list[Mention]] = {}
            for mention in self._found:
                if mention.form not in self._done:
                    by_form.setdefault(mention.form, []).append(mention)
            for form, found in by_form.items():
                self._done[form] = _slot_keys(self._around(), found)
            self._complete = {form: keys for form, keys in self._done.items() if keys}
        return self._complete

    def items(self) -> ItemsView[str, frozenset[str]]:
        return self._all().items()

    def _around(self) -> "_Neighbours":
        if self._neighbours is None:
            self._neighbours = _Neighbours(self._text)
        return self._neighbours

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __reduce__(self) -> tuple:
        return dict, (self._all(),)


def _slot_keys(neighbours: "_Neighbours", found: Iterable[Mention]) -> frozenset[str]:
    """The 'before|after' lower-case tokens around each mention, unless both are among the
    commonest words."""
    text = neighbours.text
    size = len(text)
    keys = set()
    for start, end, *_ in found:
        if (start and (text[start - 1].isalnum() or text[start - 1] in _JOINERS)) or (
                end < size and (text[end].isalnum() or text[end] in _JOINERS)):
            start, end = neighbours.token(start)  # 'Rees-Mogg', 'Vexmire’s': the whole token
        previous, following = _TOKEN.search(neighbours.reversed, size - start), _TOKEN.search(text, end)
        before = text[size - previous.end():size - previous.start()].lower() if previous else ""
        after = following.group().lower() if following else ""
        if zipf(before) < _GENERIC_ZIPF or zipf(after) < _GENERIC_ZIPF:
            keys.add(f"{before}|{after}")
    return frozenset(keys)


def compound_forms(doc: Document, common_zipf: float, headline_zipf: float) -> frozenset[str]:
    """Forms that the document writes only inside hyphenated names ('Mogg' in 'Rees-Mogg')."""
    found = mentions(doc, common_zipf, headline_zipf)
    inside = {m.form for m in found if m.compound}
    if not inside:
        return frozenset()
    return frozenset(inside - {m.form for m in found if not m.compound})


class LowercaseWords:
    """Does the document write a word in lower case (as a whole word part, possessive cut off)?

    A word is searched for in the text (`str.find`, in C) and each hit's edges checked; after
    `_SEARCH_BUDGET` calls of `find`, a word of letters only is looked up instead in the set
    of the text's whole letter runs (one regex pass: it costs more than a few searches of a
    short text, but keeps a long one linear).  Answers are cached.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._answers: dict[str, bool] = {}
        self._parts: frozenset[str] | None = None
        self._searches = 0

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        answer = self._answers.get(word)
        if answer is None:
            answer = self._answers[word] = word.islower() and self._written(word)
        return answer

    def _written(self, word: str) -> bool:
        if self._searches >= _SEARCH_BUDGET and _LETTERS.fullmatch(word):
            if self._parts is None:
                text = self._text
                self._parts = frozenset(m.group() for m in _LETTERS.finditer(text)
                                        if _part_starts(text, m.start()) and _part_ends(text, m.end()))
            return word in self._parts  # a letter word part is a whole letter run
        text, size = self._text, len(word)
        at = text.find(word)
        self._searches += 1
        while at >= 0:
            if _part_starts(text, at) and _part_ends(text, at + size):
                return True
            at = text.find(word, at + 1)
            self._searches += 1
        return False


# Calls of `str.find` a text's `LowercaseWords` makes before it builds its set of letter runs.
_SEARCH_BUDGET = 256
_LETTERS = re.compile(r"[^\W\d_]+")  # runs of `_is_letter` characters (alphanumeric, not decimal)


def lowercase_words(doc: Document) -> LowercaseWords:
    """The words the document writes in lower case (common words, not names), as a
    membership test (cached per document)."""
    if "names.lowercase" not in doc.memo:
        doc.memo["names.lowercase"] = LowercaseWords(doc.text)
    return doc.memo["names.lowercase"]


def _is_letter(char: str) -> bool:
    return char.isalnum() and not char.isdecimal()


def _part_starts(text: str, at: int) -> bool:
    """True when a word part starts at `at` (no letter before it, nor a letter and an apostrophe)."""
    if at == 0:
        return True
    before = text[at - 1]
    return not (_is_letter(before) or (before in "'’" and at >= 2 and _is_letter(text[at - 2])))


def _part_ends(text: str, at: int) -> bool:
    """True when a word part ends at `at`: no letter follows, nor an apostrophe and a letter
    (except a possessive 's that ends the token)."""
    if at >= len(text):
        return True
    after = text[at]
    if _is_letter(after):
        return False
    if after in "'’" and at + 1 < len(text) and _is_letter(text[at + 1]):
        return text[at + 1] in "sS" and _token_ends(text, at + 2)
    return True


def _token_ends(text: str, at: int) -> bool:
    """True when no token character continues the token at `at`."""
    if at >= len(text):
        return True
    after = text[at]
    return not (after.isalnum() or (after in "'’-" and at + 1 < len(text) and text[at + 1].isalnum()))


# A word part that may start with a capital letter (possessive 's left out), in one scan: the
# scan stops at A-Z and at any letter beyond ASCII (Python's `re` has no \p{Lu}; the caller
# keeps the parts whose first letter is a capital), not in the General Punctuation block
# (U+2000-206F: curly quotes, dashes, ellipses; no letter).  A part starts where no letter,
# nor a letter and an apostrophe, stands before it.  The first class is A-Z, U+00C0-1FFF and
# U+2070-10FFFF written as its complement: `re` compiled the ranges in 10-18 ms of every start.
_CAPITALISED_PART = re.compile(
    rf"[^\x00-@\[-\xbf\u2000-\u206f](?<={_LETTER})(?<!{_LETTER}.)(?<!{_LETTER}['’].)"
    rf"{_LETTER}*(?:['’](?![sS](?![^\W_])(?!['’\-][^\W_])){_LETTER}+)*",
    re.DOTALL,
)


class _Neighbours:
    """Token boundaries around a position, found forwards and (in the reversed text)
    backwards: the document's token pattern reads the same both ways."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.reversed = text[::-1]

    def token(self, at: int) -> tuple[int, int]:
        """Start and end of the token holding the letter at `at`."""
        size = len(self.text)
        start = size - _TOKEN.match(self.reversed, size - 1 - at).end()
        return start, _TOKEN.match(self.text, at).end()


def _candidates(doc: Document) -> tuple[list[tuple[int, int, str, bool]], list[int]]:
    """Capitalised word parts (not acronyms), possessive cut off, hyphenated parts split; and
    the start of every capitalised part that may count in a Title Case line (acronyms too,
    small words like 'The' left out unless an apostrophe follows)."""
    text = doc.text
    size = len(text)
    neighbours = None  # made for the first part inside a longer token (it reverses the text)
    out = []
    starts = []
    small = _TITLE_CASE_SMALL
    for match in _CAPITALISED_PART.finditer(text):
        word = match.group()
        if not word[0].isupper():
            continue
        start, end = match.span()
        if word.lower() not in small or (end < size and text[end] in "'’"):
            starts.append(start)
        letters = word.replace("'", "").replace("’", "") if "'" in word or "’" in word else word
        if len(letters) < 2 or letters.isupper():
            continue
        if (start and (text[start - 1].isalnum() or text[start - 1] in _JOINERS)) or (
                end < size and (text[end].isalnum() or text[end] in _JOINERS)):
            if neighbours is None:
                neighbours = _Neighbours(text)
            out.append((start, end, word, _compound(text, neighbours, start, end)))
        else:
            out.append((start, end, word, False))
    return out, starts


def _compound(text: str, neighbours: _Neighbours, start: int, end: int) -> bool:
    """True when the token of the part, which goes on past the part, has other letters
    ('Rees-Mogg', 'ex-Minister')."""
    first, last = neighbours.token(start)
    possessive = _POSSESSIVE.search(text, first, last)
    if possessive:
        last = possessive.start()
    return bool(_ANY_LETTER.search(text, first, start) or _ANY_LETTER.search(text, end, last))


def _ambiguous_starts(doc: Document, capital_starts: list[int]) -> tuple[set[int], set[int]]:
    """Offsets where capitalisation says little: sentence openings, and words of Title Case lines."""
    openers = _sentence_openers(doc)
    headline: set[int] = set()
    for line in doc.lines:
        capitals = bisect.bisect_left(capital_starts, line.end) - bisect.bisect_left(capital_starts, line.start)
        if capitals < 3 or _too_lower(line.text, capitals):
            continue
        words = [m for m in _PART.finditer(line.text) if m.group().lower() not in _TITLE_CASE_SMALL]
        if len(words) >= 3 and sum(w.group()[0].isupper() for w in words) >= 0.7 * len(words):
            headline.update(line.start + w.start() for w in words)
    return openers, headline - openers


def _sentence_openers(doc: Document) -> set[int]:
    """Where the sentences of `doc.sentences` start past their opening quotes, dashes and
    bullets, found without building the sentences (names are their only user in most texts).

    One scan of the whole text finds the same sentence ends as the document's line-by-line
    split, plus ends before a line break, which only lead to a line's first word; skipping
    white space and openers from a line start or a sentence end can only stop at a sentence's
    first word (or past a sentence that is all openers, at no word: offsets that no word
    starts at are never asked about).
    """
    text = doc.text
    openers = {_OPENING.match(text, line.start).end() for line in doc.lines}
    floor = 0  # (a previous sentence end or line break always ends the word before a '.')
    for found in _SENTENCE_END.finditer(text):
        start, end = found.span()
        if text[start] == "." and not _LONG_STEM.match(text, max(floor, start - _STEM_LIMIT), start):
            after = _SPACE.match(text, end).end()  # as in `split_sentences`
            if abbreviation_stop(word_before(text, floor, start), text[after:after + 1]):
                continue
        openers.add(found.end(1))
        floor = end
    return openers


def _too_lower(line: str, capitals: int) -> bool:
    """True when a line with `capitals` capitalised parts cannot be Title Case: 70% of the
    words other than small ones are capitalised there, so the capitalised parts are at least
    7/3 of the long lower-case parts.  The count stops as soon as it rules the line out."""
    count = 0
    for _ in _LONG_LOWER_PART.finditer(line):
        count += 1
        if capitals < 7 / 3 * count:
            return True
    return False


# A given name is never one of the most frequent words ('The', 'And' before a name),
# and a slot between two such words ('the|of') says nothing about the name in it.
_FIRST_NAME_MAX_ZIPF = 6.0
_GENERIC_ZIPF = 6.0


def _extract(doc: Document, common_zipf: float,
             headline_zipf: float) -> tuple[list[Mention], Counter, dict[str, set[str]]]:
    """The name mentions, the capitalised openers that may be names, and the first names
    written before each form."""
    candidates, capital_starts = _candidates(doc)
    openers, headline = _ambiguous_starts(doc, capital_starts)
    lower = lowercase_words(doc)
    ambiguous = openers | headline
    mid_sentence = {word for start, _, word, _ in candidates if start not in ambiguous}
    text, skip, new = doc.text, titles(), tuple.__new__
    found: list[Mention] = []
    common_openers: Counter = Counter()
    firsts: dict[str, set[str]] = {}
    before, before_end = None, 0  # the name (or maybe-name opener) just before, and its end
    for start, end, word, compound in candidates:
        if start in ambiguous and word not in mid_sentence:
            threshold = common_zipf if start in openers else headline_zipf
            written_lower = word.lower() in lower
            if written_lower or zipf(word) >= threshold:
                before, before_end = None, end
                if not written_lower:  # maybe a name after all: evidence, and a first name
                    common_openers[word] += 1
                    before = word
                continue
        first = None
        if before is not None and start - before_end == 1 and text[start - 1] == " " \
                and before.lower() not in skip and zipf(before) < _FIRST_NAME_MAX_ZIPF:
            first = before
            firsts.setdefault(word, set()).add(first)
        found.append(new(Mention, (start, end, word, first, compound)))  # skips the Python-level __new__
        before, before_end = word, end
    return found, common_openers, firsts
