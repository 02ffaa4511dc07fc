"""Capitalised ordinary words: a spinner's swap inside a name, found without a gazetteer.

A spinner blind to names keeps a swapped name's word capitalised: "the Gradient of
England", "Devoured chair", "on Gopher" (for "Friday").  No gazetteer knows most of
the names a spinner touches, but the word it leaves is one that clean news hardly
ever writes capitalised inside a sentence.  A word counts when it is

- capitalised (not all capitals) and not a sentence's or a line's first word, nor the
  first after a colon, a dash or a bullet;
- a dictionary word (the lemma table) of Zipf `MIN_ZIPF` to `MAX_ZIPF`: a thesaurus's
  rarer word ("Gradient", "Clergy"), not a name's everyday word ("Company", "People");
- no function word, title or word of the name lists (`names_capitalised.txt`: "Will",
  "Mark"), and clean news capitalises it inside a sentence at most `MAX_SHARE` of the
  time (`spin_name_case.tsv`, training split of ../shared/data);
- one the 3-gram language model has not seen beside its neighbours (association at
  most `MAX_ASSOCIATION` nats): "Royal Mail" or "Arcade Fire" are pairs it knows;
- on a line that is not in Title Case (a headline: half its longer words capitalised).

While training, the text's own counts are taken out of the case table first (the table was
learnt from the training split, which would otherwise know every training article's names:
0.15 such words per clean training article against 0.39 per held-out one).

Clean news still has such words (band, brand and product names: "Sable", "Lime"), so
they are evidence for the classifier (`features.sentence_rows`, `document_features`),
never a warning alone: on the held-out split, 0.39 per clean article against 4.6 per
article spun by the `names` family (docs/spin-names.md).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .lexicon import function_words, lemmas, zipf

if TYPE_CHECKING:
    from ..document import Document

MIN_ZIPF = 2.5         # an English word a thesaurus offers (wordfreq Zipf) ...
MAX_ZIPF = 4.0         # ... rarer than a name's everyday words ("Company", "National")
MAX_SHARE = 0.05       # clean news capitalises it inside a sentence at most this often
MAX_ASSOCIATION = 1.0  # nats: the language model has not seen it beside its neighbours
MAX_TITLE_CASE = 0.5   # a line with more of its longer words capitalised is a headline
_TITLE_WORD_LENGTH = 4
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_CAPITALISED = re.compile(r"[A-Z][a-z]{2,}")
_OPENER = re.compile(r"(?:^|[.!?:;—–\-|•*#>/\n][\"'“‘’”)]*)\s*[\"'“‘(]*$")
_CASE_WORD = re.compile(r"[A-Za-z]+")
_CASE_OPENERS = '.!?"“‘\'('  # `corpora.spinner.sentence_start`, as the case table was counted
MIN_CAPITALISED = 2  # the case table lists a word capitalised this often (corpora/build_name_case.py)
MEMO = "spin.name_capitals"


class _Tables:
    """The word lists the test reads, loaded once."""

    def __init__(self) -> None:
        from ..resources import load_data

        self.function_words = function_words()
        self.names = word_list("data/names_capitalised.txt")
        self.titles = frozenset(w.lower() for w in load_data("data/names_titles.txt"))
        self.case = case_table("data/spin_name_case.tsv")

    @lru_cache(maxsize=65536)
    def ordinary(self, lower: str) -> bool:
        """Whether a lower-cased word is an ordinary dictionary word of the right rarity."""
        return (lower not in self.function_words and lower not in self.names and lower not in self.titles
                and MIN_ZIPF <= zipf(lower) < MAX_ZIPF and bool(lemmas(lower)))

    def plain(self, lower: str, own: tuple[Counter[str], Counter[str]] | None = None) -> bool:
        """Whether a lower-cased word is an ordinary word names seldom hold; `own` are the
        text's own (capitalised, lower-case) counts, taken out of the table first."""
        if not self.ordinary(lower):
            return False
        upper, plain = self.case.get(lower, (0, 0))
        if own is not None:
            upper, plain = upper - own[0][lower], plain - own[1][lower]
        return upper < MIN_CAPITALISED or upper / (upper + plain + 1) <= MAX_SHARE


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables()


@lru_cache(maxsize=8)
def word_list(relative: str) -> frozenset[str]:
    """A word list under rules/ as a set, kept in the model cache (`mapped.cached_value`):
    this test and the spun-names detector share one copy of the names' 13,000 words."""
    from ..mapped import cached_value
    from ..resources import load_data, rules_dir

    return cached_value(f"words-{relative.replace('/', '-')}", [rules_dir() / relative, Path(__file__)],
                        lambda: frozenset(load_data(relative)))


@lru_cache(maxsize=8)
def case_table(relative: str) -> dict[str, tuple[int, int]]:
    """A name-case table under rules/ (word, then how often clean news writes it capitalised
    inside a sentence and in lower case), kept in the model cache and shared as `word_list`."""
    from ..mapped import cached_value
    from ..resources import load_data, rules_dir

    def parse() -> dict[str, tuple[int, int]]:
        case = {}
        for line in load_data(relative):
            word, upper, lower = line.split("\t")
            case[word] = (int(upper), int(lower))
        return case

    return cached_value(f"name-case-{relative.replace('/', '-')}", [rules_dir() / relative, Path(__file__)], parse)


def load_tables() -> None:
    """Load the word lists now (before lint workers fork)."""
    _tables()


def odd_capitals(doc: "Document") -> list[tuple[int, int]]:
    """The (start, end) of each capitalised ordinary word of the document (cached in `doc.memo`)."""
    from .signals import LEAVE_OUT

    found = doc.memo.get(MEMO)
    if found is None:
        found = doc.memo[MEMO] = find_odd_capitals(doc.text, leave_out=LEAVE_OUT in doc.memo)
    return found


def find_odd_capitals(text: str, leave_out: bool = False) -> list[tuple[int, int]]:
    """The (start, end) of each capitalised word inside a sentence that reads as an ordinary
    word a spinner swapped into a name (see the module doc); `leave_out` for a text of the
    split the case table was learnt from (training)."""
    tables = _tables()
    own = own_case(text) if leave_out else None
    tokens = list(_WORD.finditer(text))
    found = []
    for i, m in enumerate(tokens):
        word = m.group()
        if word[-2:] in ("'s", "’s"):
            word = word[:-2]  # "Gradient's"
        if not _CAPITALISED.fullmatch(word) or not tables.plain(word.lower(), own):
            continue
        start = m.start()
        if _OPENER.search(text, max(0, start - 6), start) or _title_case(text, start):
            continue
        if _association(tokens, i) > MAX_ASSOCIATION:
            continue
        found.append((start, start + len(word)))
    return found


def own_case(text: str) -> tuple[Counter[str], Counter[str]]:
    """A text's (capitalised inside a sentence, lower-case) word counts, as the case table
    counts them (corpora/build_name_case.py)."""
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for m in _CASE_WORD.finditer(text):
        word = m.group()
        if word.islower():
            lower[word] += 1
        elif word[0].isupper() and word[1:].islower():
            at = m.start() - 1
            while at >= 0 and text[at].isspace():
                at -= 1
            if at >= 0 and text[at] not in _CASE_OPENERS and text[m.start() - 1] != "\n":
                upper[word.lower()] += 1
    return upper, lower


def _title_case(text: str, offset: int) -> bool:
    """Whether the line around `offset` is a headline: most of its longer words capitalised."""
    first = text.rfind("\n", 0, offset) + 1
    last = text.find("\n", offset)
    words = [w for w in _WORD.findall(text, first, len(text) if last < 0 else last)
             if len(w) >= _TITLE_WORD_LENGTH]
    return not words or sum(w[0].isupper() for w in words) > MAX_TITLE_CASE * len(words)


def _association(tokens: list[re.Match], i: int) -> float:
    """How strongly the language model ties the word to the two words on either side (nats)."""
    from .lm import language_model

    left = [t.group().lower() for t in tokens[max(0, i - 2):i]]
    right = [t.group().lower() for t in tokens[i + 1:i + 3]]
    word = tokens[i].group().lower()
    into, out = language_model().association(left, [word[:-2] if word[-2:] in ("'s", "’s") else word], right)
    return max(into, out)
