"""The spin check's fast paths give the same answers, bit for bit, as the definitions they
replace: a text's words scored once (`LanguageModel.steps`, `spin.lm.token_steps`) against every
window scored on its own, and the rare-synonym detector's word search against its regex."""
from __future__ import annotations

import re

import pytest

from textlint_news.spin import lm_index
from textlint_news.spin.lexicon import function_words
from textlint_news.spin.lm import END, START, context_window, language_model, nats, token_steps
from textlint_news.spin.lm_swaps import _window, word_fits
from textlint_news.spin.rarity import _LONG_WORD, _STARTERS, _whole_words, context_tokens

# Names, numbers, a quote, a question, an unknown word and a one-word sentence: every way a
# window's history is cut or a sentence ends.
NEWS = ("The minister said prices would remain towering for the rest of the year. "
        "Acme sold 3 plants in 2021, and \u201cfrankly the zelenskyy covid protracted talks\u201d stay unclear? "
        "Yes. Officials in Leeds declined to comment on the computer virus.")


def per_window_fits(tokens):
    """`word_fits` as it was defined: the association of each content word, window by window."""
    lm, words = language_model(), function_words()
    fits = {}
    for i, (_, _, word) in enumerate(tokens):
        if len(word) < 3 or word[0] == "<" or word in words or not word.isalpha():
            continue
        left, right, at_start = context_window(tokens, i, i + 1)
        fits[i] = lm.plain_association(left, [word], right, at_start)
    return fits


def per_sentence_steps(lm, tokens):
    """`token_steps` as it was defined: `LanguageModel.steps` of each sentence on its own."""
    out = [None] * (len(tokens) + 1)
    begin = 0
    for k in range(len(tokens) + 1):
        if k == len(tokens) or tokens[k][2] == START:
            if k > begin:
                raws = lm.steps([START, *(t[2] for t in tokens[begin:k]), END])
                out[begin:k] = raws[1:-1]
                out[k] = raws[-1]
            begin = k + 1
    return out


_ANY_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*|[.!?;:\n]|[“\"‘(\[—–]")


def per_match_tokens(text):
    """`context_tokens` as it was defined: each match's kind read from its first character."""
    out = [(0, 0, START)]
    at_start = True
    for match in _ANY_TOKEN.finditer(text):
        token = match.group()
        if token[0] in _STARTERS:
            if not at_start:
                out.append((match.start(), match.start(), START))
                at_start = True
            continue
        if token[0].isdigit():
            norm = "<num>"
        elif token[0].isupper() and not at_start and token != "I":
            norm = "<cap>"
        else:
            norm = token.lower().replace("’", "'")
        out.append((match.start(), match.end(), norm))
        at_start = False
    return out


def texts(seeds_dir):
    return [NEWS] + [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]


def test_word_fits_equal_the_per_window_association_on_news():
    tokens = context_tokens(NEWS)
    fits = word_fits(tokens, function_words())
    assert fits == per_window_fits(tokens)  # exact: the classifier's trees split on these values
    assert len(fits) > 20 and any(left + right < -1.5 for left, right in fits.values())


def test_word_fits_equal_the_per_window_association_on_the_seeds(seeds_dir):
    for text in texts(seeds_dir)[1:]:
        tokens = context_tokens(text)
        assert word_fits(tokens, function_words()) == per_window_fits(tokens)


def test_a_slice_of_steps_is_the_windows_score():
    lm, tokens = language_model(), context_tokens(NEWS)
    steps = token_steps(lm, tokens)
    assert len(steps) == len(tokens) + 1
    for i in range(len(tokens)):
        if tokens[i][2] == START:
            continue
        for width in (1, 2):
            if any(t[2] == START for t in tokens[i:i + width]) or i + width > len(tokens):
                continue
            left, right, at_start = context_window(tokens, i, i + width)
            history = [START, *left] if at_start else left
            words = [t[2] for t in tokens[i:i + width]]
            assert nats(steps[i:i + width + len(right)]) == lm._score(words + right, history)


def test_swap_gains_equal_the_models_gains():
    lm, tokens = language_model(), context_tokens(NEWS)
    steps = token_steps(lm, tokens)
    options = ("high", "tall", "computer", "remain", "covid")
    checked = 0
    for i, (_, _, word) in enumerate(tokens):
        if word[0] == "<":
            continue
        left, right, at_start = context_window(tokens, i, i + 1)
        expected = lm.gains(left, [word], [o.split() for o in options], right, at_start)
        window, base = _window(tokens, steps, i, i + 1, options)  # as `find_lm_swaps` asks
        assert [score - base for score in lm.window_scores([window])[0]] == expected
        checked += 1
    assert checked > 30


@pytest.mark.parametrize("text", ["", "Hello", ". . .", "Zelenskyy 2021"])
def test_short_and_empty_texts(text):
    tokens = context_tokens(text)
    assert word_fits(tokens, function_words()) == per_window_fits(tokens)


@pytest.mark.parametrize("word", ["said", "talks", "abab", "cafe", "dont"])
def test_whole_words_are_where_the_regex_finds_them(word):
    text = ("Abab ababab abab's abab. 'abab' x-abab abab2 \u00e9abab abab\u00e9 said, unsaid; said's "
            "saidsaid Talks talks: cafe caf\u00e9 cafe\u2019s dont don't dont").lower()
    expected = [m.start() for m in _LONG_WORD.finditer(text) if m.group() == word]
    assert list(_whole_words(text, word)) == expected
    assert expected  # each word stands whole somewhere in the sample, and inside others elsewhere


def test_whole_words_on_the_seeds(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        lowered = path.read_text(encoding="utf-8").lower()
        found = {}
        for match in _LONG_WORD.finditer(lowered):
            found.setdefault(match.group(), []).append(match.start())
        for word, starts in found.items():
            assert list(_whole_words(lowered, word)) == starts


@pytest.mark.parametrize("text", [NEWS, "", "Hello", ". . .", "Zelenskyy 2021", "I said: I. \u0663\u0664 sold"])
def test_token_steps_equal_the_sentences_steps(text):
    lm, tokens = language_model(), context_tokens(text)
    assert token_steps(lm, tokens) == per_sentence_steps(lm, tokens)
    assert token_steps(lm, tokens[1:]) == per_sentence_steps(lm, tokens[1:])  # no "<s>" first
    assert context_tokens(text) == per_match_tokens(text)


def test_token_steps_and_tokens_on_the_seeds(seeds_dir):
    lm = language_model()
    for text in texts(seeds_dir)[1:]:
        tokens = context_tokens(text)
        assert tokens == per_match_tokens(text)
        steps = token_steps(lm, tokens)
        assert steps == per_sentence_steps(lm, tokens)
        assert sum(raw is None for raw in steps) < len(steps) / 2


def test_ids_made_a_dict_answer_as_the_mapped_table(monkeypatch):
    index = lm_index.bigram_index()
    words = ["the", "minister", "zelenskyy", "<s>", "</s>", "browser", "", "The"]
    before = [index.id(w) for w in words]
    assert before[0] is not None and before[2] is None
    monkeypatch.setattr(lm_index, "_IDS_AS_DICT", 0)
    fresh = lm_index.BigramIndex(index._words, {name: getattr(index, name) for name in lm_index._ARRAYS}, index._ids)
    held = fresh.id  # as `context_fit` holds it over a text
    assert [held(w) for w in words] == before  # the first look-up makes the dict, once
    made = fresh._ids
    assert isinstance(made, dict) and [held(w) for w in words] == before and fresh._ids is made
    assert [fresh.id(w) for w in words] == before
    assert all(fresh.id(word) == i for i, word in enumerate(fresh.words[:5000]))


def test_pair_counts_made_a_dict_answer_as_the_mapped_table(monkeypatch, seeds_dir):
    from textlint_news.spin import rarity

    fresh = rarity.load_collocations.__wrapped__("data/collocations.tsv")  # not the shared copy
    words = [t[2] for text in texts(seeds_dir) for t in context_tokens(text)]
    pairs = list(zip(words, words[1:])) + [("no-such", "pair")]
    before = [fresh.pairs.get(pair, 0) for pair in pairs]
    known = [pair in fresh.pairs for pair in pairs]
    assert sum(n > 0 for n in before) > 100 and any(known) and not all(known)
    monkeypatch.setattr(rarity, "_PAIRS_AS_DICT", 0)
    assert [fresh.pairs.get(pair, 0) for pair in pairs] == before
    assert isinstance(fresh.pairs.get.__self__, dict) or fresh.pairs._whole is None
    assert [pair in fresh.pairs for pair in pairs] == known


def per_node_probabilities(model, rows):
    """`TreeModel.probabilities` as it was defined: leaves tested at every level."""
    import math

    import numpy as np

    x = np.array([[row.get(name, mean) for name, mean in zip(model.features, model.mean)] for row in rows],
                 dtype=float).reshape(len(rows), len(model.features))
    feature, threshold = np.array(model.feature), np.array(model.threshold, dtype=float)
    left, right, value = np.array(model.left), np.array(model.right), np.array(model.value, dtype=float)
    node = np.broadcast_to(np.array(model.roots), (len(rows), len(model.roots))).copy()
    which = np.arange(len(rows))[:, None]
    for _ in range(model.depth):
        inner = feature[node] >= 0
        if not inner.any():
            break
        goes_left = x[which, np.where(inner, feature[node], 0)] <= threshold[node]
        node = np.where(inner, np.where(goes_left, left[node], right[node]), node)
    raw = model.baseline + value[node].sum(axis=1)
    return [1.0 / (1.0 + math.exp(-r)) if r >= -700 else 0.0 for r in raw.tolist()]


def test_trees_equal_their_per_node_walk():
    import random

    from textlint_news.spin.classifier import load_model
    from textlint_news.spin.trees import TreeModel

    model = load_model().span
    assert isinstance(model, TreeModel)
    rng = random.Random(7)
    rows = []
    for _ in range(300):
        row = {name: rng.choice([mean, mean * rng.uniform(-3, 3), rng.gauss(0, 5), 0.0, float("nan")])
               for name, mean in zip(model.features, model.mean) if rng.random() < 0.8}
        rows.append(row)
    found = model.probabilities(rows)
    assert found == per_node_probabilities(model, rows)  # exact: the same leaves, summed alike
    assert min(found) < 0.2 and max(found) > 0.8
    assert model.probabilities(rows[:1]) == found[:1] and model.probabilities([]) == []


def per_word_score(lm, history, words):
    """`LanguageModel._score` as the running sequence defines it: `steps` of history and words
    together, the words' part summed (only the last two history words, or an unknown one,
    shape a trigram's state)."""
    return nats(lm.steps([*history, *words])[len(history):])


def test_window_scores_equal_each_window_scored_on_its_own(seeds_dir):
    lm = language_model()
    options = [("high",), ("tall",), ("computer", "virus"), ("zelenskyy",), ("covid",), ()]
    windows = []
    for text in texts(seeds_dir):
        tokens = context_tokens(text)
        for i in range(1, len(tokens) - 1):
            if tokens[i][2] == START:
                continue
            left, right, at_start = context_window(tokens, i, i + 1)
            history = ([START] if at_start else []) + left
            windows.append((tuple(history), [(tokens[i][2],), *options], tuple(right)))
    assert len(windows) > 1000
    found = lm.window_scores(windows)
    assert len(found) == len(windows)
    for (history, wordings, tail), scores in zip(windows, found):
        assert scores == [per_word_score(lm, history, [*w, *tail]) for w in wordings]
    assert lm.window_scores(windows[:50]) == found[:50]  # memos filled: the same scores
    lm.clear_memos()
    assert lm.window_scores(windows[-50:]) == found[-50:]
    assert lm.window_scores([]) == []


def test_misfits_clear_of_taken_signals_are_the_ones_outside_them(seeds_dir):
    from textlint_news.spin.lm_swaps import LmThresholds, find_misfits
    from textlint_news.spin.signals import Signal, outside

    limits = LmThresholds()
    checked = 0
    for text in texts(seeds_dir):
        tokens = context_tokens(text)
        fits = word_fits(tokens, function_words())
        every = find_misfits(tokens, text, fits, limits, function_words())
        # Signals over every other misfit, and one over the text's first 200 characters.
        taken = [Signal(s.start - 1, s.end, "rare-synonym", "spin.rare-synonym", "", (), 0.5, {}) for s in every[::2]]
        taken.append(Signal(0, 200, "rare-synonym", "spin.rare-synonym", "", (), 0.5, {}))
        kept = find_misfits(tokens, text, fits, limits, function_words(), taken)
        assert kept == outside(every, taken)
        checked += len(every) - len(kept)
    assert checked > 5


def test_phrase_firsts_from_the_cache_are_the_phrases_first_words():
    from textlint_news.spin.lexicon import phrase_forms
    from textlint_news.spin.lm_swaps import _phrase_firsts

    firsts = _phrase_firsts()
    assert firsts == frozenset(phrase.split(" ", 1)[0] for phrase in phrase_forms())
    assert "computer" in firsts and "give" in firsts and "zelenskyy" not in firsts and "said" not in firsts
