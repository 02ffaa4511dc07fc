"""Words of a foreign-language name: 'Fondation' in 'Fondation pour l'Enfance', 'Clinica' in
'Nuestra Clinica del Valle', which an English check would take for slips of 'Foundation'
and 'Clinical'.

A word belongs to a language when wordfreq's small list of it (the words above Zipf 3)
knows it clearly better than the English table does; a name word is foreign when it and a
word beside it belong to the same language.  The lists load on first use, which only a
name about to be reported asks for.
"""
from __future__ import annotations

from typing import Iterable

from ..languages import zipf_in as _zipf


def languages_of(word: str, languages: Iterable[str], min_zipf: float, margin: float) -> set[str]:
    """The languages whose common words include `word` (Zipf `min_zipf` or more) at least
    `margin` more often than English."""
    english = _zipf(word, "en")
    return {code for code in languages
            if (score := _zipf(word, code)) >= min_zipf and score >= english + margin}


def foreign_phrase(word: str, slots: Iterable[str], languages: Iterable[str], min_zipf: float,
                   margin: float) -> str | None:
    """The language of a name word that stands beside a word of the same language, by the
    'before|after' words around its mentions; None when it is English or alone."""
    codes = tuple(languages)
    own = languages_of(word.lower(), codes, min_zipf, margin)
    if not own:
        return None
    for slot in slots:
        for neighbour in slot.split("|"):
            if neighbour and (shared := own & languages_of(neighbour, codes, min_zipf, margin)):
                return min(shared)
    return None
