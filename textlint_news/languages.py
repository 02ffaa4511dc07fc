"""Word frequencies in other languages than English: wordfreq's small lists (the words above
Zipf 3, a tenth of the full lists' loading time), mapped from the user cache.  English comes
from the full table that the other checks share (`names.gazetteer.zipf`)."""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Mapping

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
    return _list_file(code) is not None


@lru_cache(maxsize=None)
def _list_file(code: str) -> str | None:
    from .english import wordfreq_lists

    return wordfreq_lists("small").get(_WORDFREQ_CODES.get(code, code))


@lru_cache(maxsize=None)
def _small_list(code: str) -> Mapping[str, float]:
    """wordfreq's small list of a language, mapped from the user cache after its first load
    (`textlint_news.mapped`; a look-up is a hundred times faster than `zipf_frequency`, which
    tokenises its word); empty when wordfreq has none."""
    path = _list_file(code)
    if path is None:
        return {}
    from .mapped import mapped_table

    def build() -> dict[str, float]:
        from wordfreq import get_frequency_dict  # 0.2 s of imports: only when no copy is cached

        return get_frequency_dict(_WORDFREQ_CODES.get(code, code), "small")

    return mapped_table(f"wordfreq-small-{code}", [Path(path)], build)
