"""The other documents linted together: which are sister copies, and what they write.

Sister copies are documents that share a good part of this document's names
(copies of one story); their spellings are strong evidence.  The rest of the
corpus only tells which spellings are in common use.

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
        self.by_fold: dict[str, list[str]] = {}
        for form in self.postings:
            self.by_fold.setdefault(fold(form), []).append(form)


@dataclass
class Sisters:
    """What the sister copies of a document write."""

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

    def sisters(self, own: NameInventory, min_shared: int, min_overlap: float) -> Sisters:
        """The copies sharing at least `min_shared` names and `min_overlap` of the smaller name set."""
        skip = titles()
        mine = {form for form in own.forms if form.lower() not in skip}
        shared: Counter = Counter()
        for form in mine:
            for n in self._index.postings.get(form, ()):
                if n in self._members:
                    shared[n] += 1
        found = Sisters()
        for n, count in shared.items():
            inv = self._index.inventories[n]
            size = min(len(mine), sum(1 for f in inv.forms if f.lower() not in skip))
            if count >= min_shared and count >= min_overlap * size:
                found.copies += 1
                found.forms.update(inv.forms)
                found.docs.update(inv.forms.keys())
                for form, names in inv.firsts.items():
                    found.firsts.setdefault(form, set()).update(names)
                for form, keys in inv.contexts.items():
                    found.contexts.setdefault(form, set()).update(keys)
        return found


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
