"""The other documents linted together: which are sister copies, and what they write.

Sister copies are documents that write a good part of this document's names
between the same words (copies of one story share sentences; articles on the
same topic share names, not slots); their spellings are strong evidence.  The
rest of the corpus only tells which spellings are in common use.

When many files are linted together every document receives every other
document's inventory; `corpus_view` indexes them once per process and reuses the
index for each document (the cache only holds the inventories it was given, so
results never depend on it).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from .gazetteer import fold, titles
from .mentions import NameInventory


class _Index:
    """Postings (form -> positions of the inventories that write it) over inventories."""

    def __init__(self, inventories: Sequence[NameInventory]) -> None:
        self.inventories = list(inventories)
        self.ids = {id(inv): n for n, inv in enumerate(self.inventories)}
        self.postings: dict[str, list[int]] = {}
        for n, inv in enumerate(self.inventories):
            for form in inv.forms:
                self.postings.setdefault(form, []).append(n)
        self.slot_counts = []
        self.slot_postings: dict[tuple[str, str], list[int]] = {}
        for n, inv in enumerate(self.inventories):
            slots = _slots(inv)
            self.slot_counts.append(len(slots))
            for slot in slots:
                self.slot_postings.setdefault(slot, []).append(n)
        self.by_fold: dict[str, list[str]] = {}
        for form in self.postings:
            self.by_fold.setdefault(fold(form), []).append(form)


@dataclass
class Sisters:
    """What the sister copies of a document write (names and capitalised openers)."""

    copies: int = 0
    forms: Counter = field(default_factory=Counter)
    docs: Counter = field(default_factory=Counter)
    firsts: dict[str, set[str]] = field(default_factory=dict)
    contexts: dict[str, set[str]] = field(default_factory=dict)


class CorpusView:
    """The other documents of a run, as seen from one document."""

    def __init__(self, index: _Index, members: set[int]) -> None:
        self._index = index
        self._members = members

    def __len__(self) -> int:
        return len(self._members)

    def documents_with(self, form: str) -> int:
        """How many of the other documents write this form."""
        return sum(1 for n in self._index.postings.get(form, ()) if n in self._members)

    def spellings(self, folded: str) -> list[str]:
        """The forms other documents write that fold to `folded` ('hegseth' -> ['Hegseth'])."""
        return [form for form in self._index.by_fold.get(folded, ()) if self.documents_with(form)]

    def folded_spellings(self, folded: set[str]) -> set[str]:
        """Those of the `folded` spellings that some other document writes (in any case)."""
        return {key for key in folded & self._index.by_fold.keys() if self.spellings(key)}

    def sisters(self, own: NameInventory, min_shared: int, min_overlap: float) -> Sisters:
        """Copies sharing `min_overlap` of the smaller slot set and `min_shared` slots (or half
        of a short text's slots, at least two)."""
        mine = _slots(own)
        shared: Counter = Counter()
        for slot in mine:
            for n in self._index.slot_postings.get(slot, ()):
                if n in self._members:
                    shared[n] += 1
        found = Sisters()
        for n, common in shared.items():
            inv = self._index.inventories[n]
            smaller = min(len(mine), self._index.slot_counts[n])
            if common < min_overlap * smaller or not (common >= min_shared or 2 <= common >= smaller / 2):
                continue  # a short text needs half its slots shared (at least two)
            found.copies += 1
            written = inv.written()
            found.forms.update(written)
            found.docs.update(written.keys())
            for form, names in inv.firsts.items():
                found.firsts.setdefault(form, set()).update(names)
            for form, keys in inv.contexts.items():
                found.contexts.setdefault(form, set()).update(keys)
        return found


def _slots(inv: NameInventory) -> set[tuple[str, str]]:
    """(name, surrounding words) pairs, titles left out ('Mr' sits everywhere)."""
    skip = titles()
    return {(form, key) for form, keys in inv.contexts.items() if form.lower() not in skip for key in keys}


_cache: list[_Index] = []


def corpus_view(observations: Sequence[object]) -> CorpusView:
    """A view of the other documents' inventories, indexed once for a whole run."""
    inventories = [o for o in observations if isinstance(o, NameInventory)]
    wanted = {id(inv) for inv in inventories}
    index = _cache[0] if _cache else None
    if index is None or not wanted <= index.ids.keys():
        known = index.inventories if index is not None and len(wanted & index.ids.keys()) * 2 >= len(wanted) else []
        merged = {id(inv): inv for inv in [*known, *inventories]}
        index = _Index(list(merged.values()))
        _cache[:] = [index]
    return CorpusView(index, {index.ids[i] for i in wanted})
