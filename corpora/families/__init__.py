"""Spinner families: spinners whose swaps come from sources no detector reads.

    from corpora.families import FAMILIES, make
    spinner = make("random", rate=0.10, seed=1)
    result = spinner.spin(text, key="bbc/tech/001.txt")   # a corpora.spinner.SpinResult

Each factory takes `(rate, seed, exclude)` and returns an object whose
`spin(text, key)` gives a `SpinResult` with labelled `SpunSpan`s, like
`corpora.spinner.Spinner`. `own` is that spinner (the detector's own thesaurus):
for training only, never a generalisation figure.
"""
from __future__ import annotations

from typing import Callable, Iterable, Protocol

from corpora.spinner import SpinResult, Spinner

from .collocation import CollocationSpinner
from .names import NameSpinner
from .phrase import PhraseSpinner
from .random_words import RandomWordSpinner
from .thesaurus import ThesaurusSpinner


class FamilySpinnerLike(Protocol):
    def spin(self, text: str, key: str = "") -> SpinResult: ...


Factory = Callable[[float, int, Iterable[str]], FamilySpinnerLike]


def _own(rate: float, seed: int, exclude: Iterable[str] = ()) -> Spinner:
    return Spinner(rate=rate, seed=seed, exclude=exclude)


FAMILIES: dict[str, Factory] = {
    "own": _own,
    "thesaurus": ThesaurusSpinner,
    "phrase": PhraseSpinner,
    "collocation": CollocationSpinner,
    "names": NameSpinner,
    "random": RandomWordSpinner,
}
OWN = "own"  # the detector's own thesaurus: trained on, never reported as generalisation
# Where each family's substitutions come from.  Families of one source share its vocabulary,
# so a model trained on one of them has seen the others' swaps: a left-out figure leaves out
# the whole source (`collocation` finds its fixed expressions in mythes-en-us, WordNet-derived,
# but every word it puts in comes from Roget).
SOURCES: dict[str, str] = {
    "own": "wordnet",
    "thesaurus": "roget",
    "phrase": "roget",
    "collocation": "roget",
    "names": "roget",
    "random": "wordfreq",
}


def make(name: str, rate: float = 0.10, seed: int = 0, exclude: Iterable[str] = ()) -> FamilySpinnerLike:
    """The spinner of family `name` (a key of FAMILIES)."""
    try:
        factory = FAMILIES[name]
    except KeyError:
        raise ValueError(f"unknown spinner family {name!r} (known: {', '.join(FAMILIES)})") from None
    return factory(rate, seed, exclude)


def source_of(name: str) -> str:
    """The source of family `name`'s swaps (SOURCES); a family not listed is its own source."""
    return SOURCES.get(name, name)


def outside_families() -> list[str]:
    """Every family but `own`: the ones a generalisation figure is reported on."""
    return [name for name in FAMILIES if name != OWN]
