"""Fill the blank: the word a language model of English expects where a word fits poorly.

A swap from a dictionary we do not have ("an online browser", "the prime
executive") has no thesaurus entry to undo.  The 3-gram model (`spin.lm`) still
knows which words go between the word before and the word after: every word v
seen after the one and before the other (`spin.lm_index`), ranked by

    log P(v | before) + log P(after | v)

and the best `candidates` of them re-scored with the whole window, two words
either side (`LanguageModel.gains`).  The best v is the likely original.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from .lm import START, context_window, language_model
from .lm_index import bigram_index

MIN_LENGTH = 3  # shorter fillers are never suggested ("an", "of" are function words anyway)


def fill_blank(tokens: Sequence[tuple[int, int, str]], i: int, function_words: frozenset[str],
               candidates: int = 15) -> tuple[str, float] | None:
    """(the best content word for token i's place, its gain in nats over the text's word), or
    None when a neighbour is unknown (a name, a number) or no word is seen between them.

    `tokens` are `spin.rarity.context_tokens` (lower case, "<s>" at sentence starts)."""
    if i == 0 or tokens[i - 1][2] == START:
        return None
    left, right, at_start = context_window(tokens, i, i + 1)
    return _fill(tuple(left), tokens[i][2], tuple(right), at_start, function_words, candidates)


@lru_cache(maxsize=65_536)
def _fill(left: tuple[str, ...], word: str, right: tuple[str, ...], at_start: bool,
          function_words: frozenset[str], candidates: int) -> tuple[str, float] | None:
    """`fill_blank` of one window (two words either side), cached: wire copy repeats itself."""
    index = bigram_index()
    before = index.id(left[-1])
    after = index.id(right[0])
    if before is None or after is None:
        return None
    found = index.between(before, after, candidates * 3)
    if not found:
        return None
    words = index.words
    options: list[str] = []
    for k in found:
        option = words[k]
        if len(option) >= MIN_LENGTH and option.isalpha() and option not in function_words and option != word:
            options.append(option)
            if len(options) == candidates:
                break
    if not options:
        return None
    gains = language_model().gains(left, [word], [[o] for o in options], right, at_start)
    best = max(range(len(options)), key=gains.__getitem__)
    return options[best], gains[best]
