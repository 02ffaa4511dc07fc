"""The language-model detector's cheaper paths answer as the direct definitions do, on the
seeds' real sentences: `LanguageModel.alone` against `_score` without history, and the swap
options of a phrase (its synonyms read before its Zipf estimate) against the order that read
the Zipf estimate first."""
from __future__ import annotations

from dataclasses import replace

from textlint_news.spin.lexicon import function_words, synonyms, zipf
from textlint_news.spin.lm import END, START, language_model
from textlint_news.spin.lm_swaps import _options
from textlint_news.spin.rarity import context_tokens
from textlint_news.spin.settings import LmThresholds


def seed_tokens(seeds_dir):
    return [context_tokens(path.read_text(encoding="utf-8")) for path in sorted(seeds_dir.glob("*.txt"))]


def test_alone_is_the_score_without_history_memo_empty_and_full(seeds_dir):
    lm = language_model()
    tails = set()
    for tokens in seed_tokens(seeds_dir):
        words = [t[2] for t in tokens]
        for i, word in enumerate(words):
            if word == START:
                continue
            after = words[i + 1] if i + 1 < len(words) and words[i + 1] != START else END
            tails.update([(word,), (word, after)])
    tails = sorted(tails)
    assert len(tails) > 1000
    expected = [lm._score(list(tail), []) for tail in tails]
    lm.clear_memos()
    assert [lm.alone(*tail) for tail in tails] == expected  # every look-up new
    assert [lm.alone(*tail) for tail in tails] == expected  # every look-up remembered


def zipf_first_options(phrase: str, limits: LmThresholds, function_words: frozenset[str]) -> tuple[str, ...]:
    """`_options` of a phrase as it was written: the phrase's Zipf estimate looked up first."""
    own = zipf(phrase)
    if own > limits.max_word_zipf:
        return ()
    floor = max(limits.min_synonym_zipf, own + limits.min_zipf_gap)
    found = sorted((z, s) for z, s in ((zipf(s), s) for s in synonyms(phrase) if s.isalpha())
                   if z >= floor and s not in function_words)[::-1]
    return tuple(s for _, s in found[:limits.max_synonyms])


def test_phrase_options_equal_the_zipf_first_order(seeds_dir):
    """Every two-word run of the seeds; with `min_zipf_gap` below 0, every content word too
    (it then reads all its WordNet synonyms, as a phrase does)."""
    words = function_words()
    tokens = [t[2] for text in seed_tokens(seeds_dir) for t in text]
    phrases = {f"{a} {b}" for a, b in zip(tokens, tokens[1:]) if a[0] != "<" and b[0] != "<"}
    phrases.update(["computer virus", "brought out", "grocery stores", "make up"])
    singles = {w for w in tokens if len(w) >= 4 and w.isalpha() and w not in words}
    base = LmThresholds()
    for limits, asked in ((base, phrases), (replace(base, max_word_zipf=4.5, min_synonym_zipf=2.5), phrases),
                          (replace(base, min_zipf_gap=-1.0), phrases | singles)):
        found = {phrase: _options(phrase, limits, words) for phrase in sorted(asked)}
        assert found == {phrase: zipf_first_options(phrase, limits, words) for phrase in found}
        assert sum(1 for options in found.values() if options) >= 3  # not all empties
