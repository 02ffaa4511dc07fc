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

from ..document import Document
from .gazetteer import titles, zipf

_POSSESSIVE = re.compile(r"['’][sS]$")
_PART = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_OPENERS = "\"'“‘([«—–-•*"
_TITLE_CASE_SMALL = frozenset(
    "a an and as at but by for from in into is nor of on or the to vs via with".split()
)


@dataclass(frozen=True)
class Mention:
    """One capitalised word of a name, its offsets and the given name written before it."""

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
    contexts: dict[str, frozenset[str]] = field(default_factory=dict)
    openers: Counter = field(default_factory=Counter)

    def written(self) -> Counter:
        """Every capitalised spelling with its count: names plus common-looking sentence openers
        that the text never writes in lower case (evidence for a spelling, never suspects)."""
        return self.forms + self.openers


def mentions(doc: Document, common_zipf: float, headline_zipf: float) -> list[Mention]:
    """Every proper-name mention of the document, in text order (cached per document)."""
    return _extracted(doc, common_zipf, headline_zipf)[0]


def _extracted(doc: Document, common_zipf: float, headline_zipf: float) -> tuple[list[Mention], Counter]:
    key = f"names.mentions:{common_zipf}:{headline_zipf}"
    if key not in doc.memo:
        doc.memo[key] = _extract(doc, common_zipf, headline_zipf)
    return doc.memo[key]


def inventory(doc: Document, common_zipf: float, headline_zipf: float) -> NameInventory:
    """The document's name forms with counts, and the first names seen before each form."""
    found, openers = _extracted(doc, common_zipf, headline_zipf)
    firsts: dict[str, set[str]] = {}
    contexts: dict[str, set[str]] = {}
    starts = [token.start for token in doc.tokens]
    for mention in found:
        if mention.first:
            firsts.setdefault(mention.form, set()).add(mention.first)
        index = bisect.bisect_right(starts, mention.start) - 1
        before = doc.tokens[index - 1].text.lower() if index > 0 else ""
        after = doc.tokens[index + 1].text.lower() if index + 1 < len(doc.tokens) else ""
        if zipf(before) < _GENERIC_ZIPF or zipf(after) < _GENERIC_ZIPF:
            contexts.setdefault(mention.form, set()).add(f"{before}|{after}")
    return NameInventory(
        Counter(m.form for m in found),
        {form: frozenset(names) for form, names in firsts.items()},
        {form: frozenset(keys) for form, keys in contexts.items()},
        openers,
    )


def compound_forms(doc: Document, common_zipf: float, headline_zipf: float) -> frozenset[str]:
    """Forms that the document writes only inside hyphenated names ('Mogg' in 'Rees-Mogg')."""
    found = mentions(doc, common_zipf, headline_zipf)
    alone = {m.form for m in found if not m.compound}
    return frozenset(m.form for m in found if m.compound and m.form not in alone)


def lowercase_words(doc: Document) -> frozenset[str]:
    """Words the document writes in lower case (common words, not names)."""
    if "names.lowercase" not in doc.memo:
        doc.memo["names.lowercase"] = frozenset(
            part for token in doc.tokens for part in _parts_text(token.text) if part.islower()
        )
    return doc.memo["names.lowercase"]


def _parts_text(token: str) -> list[str]:
    return [m.group() for m in _PART.finditer(_POSSESSIVE.sub("", token))]


def _candidates(doc: Document) -> list[tuple[int, int, str, bool]]:
    """Capitalised word parts (not acronyms), possessive cut off, hyphenated parts split."""
    out = []
    for token in doc.tokens:
        text = _POSSESSIVE.sub("", token.text)
        parts = list(_PART.finditer(text))
        for part in parts:
            word = part.group()
            letters = word.replace("'", "").replace("’", "")
            if len(letters) < 2 or not word[0].isupper() or letters.isupper():
                continue
            out.append((token.start + part.start(), token.start + part.end(), word, len(parts) > 1))
    return out


def _ambiguous_starts(doc: Document) -> tuple[set[int], set[int]]:
    """Offsets where capitalisation says little: sentence openings, and words of Title Case lines."""
    openers: set[int] = set()
    for sentence in doc.sentences:
        offset = sentence.start
        while offset < sentence.end and (doc.text[offset] in _OPENERS or doc.text[offset].isspace()):
            offset += 1
        openers.add(offset)
    headline: set[int] = set()
    for line in doc.lines:
        words = [m for m in _PART.finditer(line.text) if m.group().lower() not in _TITLE_CASE_SMALL]
        if len(words) >= 3 and sum(w.group()[0].isupper() for w in words) >= 0.7 * len(words):
            headline.update(line.start + w.start() for w in words)
    return openers, headline - openers


# A given name is never one of the most frequent words ('The', 'And' before a name),
# and a slot between two such words ('the|of') says nothing about the name in it.
_FIRST_NAME_MAX_ZIPF = 6.0
_GENERIC_ZIPF = 6.0


def _extract(doc: Document, common_zipf: float, headline_zipf: float) -> tuple[list[Mention], Counter]:
    candidates = _candidates(doc)
    openers, headline = _ambiguous_starts(doc)
    lower = lowercase_words(doc)
    mid_sentence = {word for start, _, word, _ in candidates if start not in openers and start not in headline}
    found: list[Mention] = []
    common_openers: Counter = Counter()
    previous: Mention | None = None
    for start, end, word, compound in candidates:
        if word not in mid_sentence and (start in openers or start in headline):
            threshold = common_zipf if start in openers else headline_zipf
            if word.lower() in lower or zipf(word) >= threshold:
                previous = None
                if word.lower() not in lower:  # maybe a name after all: evidence, and a first name
                    common_openers[word] += 1
                    previous = Mention(start, end, word)
                continue
        first = None
        if previous is not None and doc.text[previous.end:start] == " " \
                and previous.form.lower() not in titles() and zipf(previous.form) < _FIRST_NAME_MAX_ZIPF:
            first = previous.form
        mention = Mention(start, end, word, first, compound)
        found.append(mention)
        previous = mention
    return found, common_openers
