"""Word frequencies in other languages than English: wordfreq's small lists (the words above
Zipf 3, a tenth of the full lists' loading time), read as dicts.  English comes from the full
table that the other checks share (`names.gazetteer.zipf`)."""
from __future__ import annotations

import math
from functools import lru_cache

# wordfreq's code where it differs from the identifier's (ISO 639-1).
_WORDFREQ_CODES = {"tl": "fil"}


@lru_cache(maxsize=65536)
def zipf_in(word: str, code: str) -> float:
    """The Zipf frequency of a lower-case word in language `code` (0 when unknown, or when
    wordfreq has no list of the language)."""
    if code == "en":
        from .names.gazetteer import zipf

        return zipf(word)
    frequency = _small_list(code).get(word)
    return round(math.log10(frequency) + 9, 2) if frequency else 0.0


@lru_cache(maxsize=None)
def has_list(code: str) -> bool:
    """True when wordfreq has a small list of the language (its answer reads the disk)."""
    from wordfreq import available_languages

    return _WORDFREQ_CODES.get(code, code) in available_languages("small")


@lru_cache(maxsize=None)
def _small_list(code: str) -> dict[str, float]:
    """wordfreq's small list of a language as a dict (a lookup is a hundred times faster than
    `zipf_frequency`, which tokenises its word); empty when wordfreq has none."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict(_WORDFREQ_CODES.get(code, code), "small") if has_list(code) else {}
