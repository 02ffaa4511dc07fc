"""wordfreq's English table (word -> frequency), mapped from the model cache.

wordfreq parses its whole English table (321,000 words, a msgpack file) into a dict on
first use: 0.25 s and ~40 MB at every start, for the few hundred look-ups a lint of one
article makes.  The first load writes the same table to the model cache
(`textlint_news.mapped`), later ones map it; `zipf_frequency` is wordfreq's function of the
same name for English, the same arithmetic over the mapped table, so its values are
identical.  The checks read the table through this module, never through wordfreq.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Mapping

_PLAIN = re.compile(r"[a-z]+(?:[ -][a-z]+)*")  # lower-case ASCII words, phrases, hyphenations
_BREAK = re.compile(r"[ -]")
_MINIMUM = 1e-9  # wordfreq's `zipf_to_freq(0.0)`: the frequency of an unknown word


@lru_cache(maxsize=None)
def wordfreq_lists(wordlist: str) -> dict[str, str]:
    """wordfreq's `available_languages(wordlist)` ("small" or "large": language -> file),
    found in its data folder without importing it (0.3 s of imports)."""
    from importlib.util import find_spec

    spec = find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return {}
    found = {}
    for path in (Path(spec.origin).parent / "data").glob("*.msgpack.gz"):
        if not path.name.startswith("_"):
            name, lang = path.name.split(".")[0].split("_")
            if name == wordlist:
                found[lang] = str(path)
    return found


def sources() -> list[Path]:
    """wordfreq's English list ("best": the large one if any) and its module (its version)."""
    path = Path(wordfreq_lists("large").get("en") or wordfreq_lists("small")["en"])
    return [path, path.parent.parent / "__init__.py"]


def full_table() -> dict[str, float]:
    """wordfreq's English table as it parses it (a dict: 0.25 s; for building derived tables)."""
    from wordfreq import get_frequency_dict

    return dict(get_frequency_dict("en", "best"))  # the key zipf_frequency uses


@lru_cache(maxsize=1)
def frequencies() -> Mapping[str, float]:
    """wordfreq's English table: `get`, `in` and `len` as a dict's (mapped when the cache is on)."""
    from .mapped import mapped_table

    return mapped_table("wordfreq-en", sources(), full_table)


def word_frequency(word: str) -> float:
    """wordfreq's `word_frequency(word, "en", minimum=1e-9)` over the mapped table."""
    if _PLAIN.fullmatch(word):
        tokens = _BREAK.split(word)  # what wordfreq's tokenizer makes of it: spares importing it
    else:
        from wordfreq.tokens import lossy_tokenize

        tokens = lossy_tokenize(word, "en")
    if not tokens:
        return _MINIMUM
    table = frequencies()
    one_over_result = 0.0
    for token in tokens:
        freq = table.get(_smash(token))
        if freq is None:
            return _MINIMUM
        if _smash(token) != token:
            from wordfreq.numbers import digit_freq

            freq *= digit_freq(token)
        one_over_result += 1.0 / freq
    unrounded = max(1.0 / one_over_result, _MINIMUM)
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return round(unrounded, leading_zeroes + 3)


def _smash(token: str) -> str:
    if not any(c.isdigit() for c in token):
        return token
    from wordfreq.numbers import smash_numbers

    return smash_numbers(token)


@lru_cache(maxsize=65536)
def zipf_frequency(word: str) -> float:
    """wordfreq's `zipf_frequency(word, "en")`, the same value."""
    return round(math.log(word_frequency(word), 10) + 9, 2)


@lru_cache(maxsize=4)
def top_words(n: int) -> frozenset[str]:
    """wordfreq's `top_n_list("en", n)` as a set (worked out once, then read from the user cache)."""
    from .mapped import cached_value

    def build() -> frozenset[str]:
        from wordfreq import top_n_list

        return frozenset(top_n_list("en", n))

    return cached_value(f"wordfreq-en-top-{n}", [*sources(), Path(__file__)], build)
