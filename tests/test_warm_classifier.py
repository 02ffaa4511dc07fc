"""The rare-synonym detector's and the classifier's fast paths give what their reference paths
give, bit for bit, on real text: the inlined run-time judge, the pair scan, the word rows' pair
look-ups and the trees' walk on the span rows of real documents."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from textlint_news.check import Context
from textlint_news.document import Document
from textlint_news.spin import rarity
from textlint_news.spin.rarity import OwnCounts

_LOOKAHEAD_PAIR = re.compile(r"(?=\b([a-z]+ [a-z]+)\b)")  # what `rarity._PAIR` was: a try per character


def _texts(seeds_dir, data_dir, step: int = 60) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    news = [p.read_text(encoding="utf-8") for p in sorted(data_dir.rglob("*.txt"))[::step]]
    return seeds + news


@pytest.fixture(scope="module")
def ctx(linter) -> Context:
    return Context(settings=linter.settings, fed=linter.fed)


@pytest.fixture(scope="module")
def scorer(ctx):
    from textlint_news.spin.detector_settings import detector_settings

    limits = detector_settings(ctx).rare_synonym
    return rarity.scorer(limits.collocations, limits)


def test_the_pair_scan_finds_every_pair_the_lookahead_finds(seeds_dir, data_dir):
    edges = ["a b c", "x-ray machine", "the cat's hat", "caté noir", "5the cat", "a  b", "ab cD ef",
             "é ab cd", "ab cd_ ef gh", "ab cd5 ef gh", "one two\nthree four", ""]
    texts = [text.lower() for text in _texts(seeds_dir, data_dir, 10)] + edges
    found = 0
    for text in texts:
        pairs = rarity._PAIR.findall(text)
        assert pairs == _LOOKAHEAD_PAIR.findall(text)
        found += len(pairs)
    assert found > 100_000


def test_the_run_time_judge_gives_the_signals_of_the_counted_path(scorer, seeds_dir, data_dir):
    """`_best` (run time, terms inlined) against `_lm` with nothing left out (training's path)."""
    nothing = OwnCounts(Counter(), Counter())
    signals = 0
    for text in _texts(seeds_dir, data_dir):
        fast = scorer.find(text)
        assert fast == scorer.find(text, nothing)  # every field: spans, messages, features' bits
        signals += len(fast)
    assert signals > 50


def test_the_judge_is_the_same_with_its_memos_emptied(scorer, seed_text):
    text = seed_text(4)
    before = scorer.find(text)
    scorer._masses.clear()
    scorer._counts.clear()
    scorer._familiarities.clear()
    assert scorer.find(text) == before and before


def test_word_rows_ask_pair_counts_as_a_dict_of_them(ctx, seeds_dir, data_dir):
    from textlint_news.resources import rules_dir
    from textlint_news.spin.detector_settings import detector_settings
    from textlint_news.spin.detectors import find_signals
    from textlint_news.spin.features import UNSEEN_SIDES, word_rows

    path = detector_settings(ctx).rare_synonym.collocations
    shipped = rarity.load_collocations(path)
    words, pairs = rarity._read_collocations(rules_dir() / path)
    as_dict = rarity.Collocations(words, pairs, shipped.total)
    unseen = 0
    for text in _texts(seeds_dir, data_dir, 150):
        doc = Document(text)
        signals = find_signals(doc, ctx)
        rows = word_rows(doc, signals, shipped)
        assert [(r.start, r.end, r.values) for r in rows] == [
            (r.start, r.end, r.values) for r in word_rows(doc, signals, as_dict)]
        unseen += sum(r.values[UNSEEN_SIDES] == 2 for r in rows)
    assert unseen > 20


def test_trees_on_real_span_rows_equal_their_per_node_walk(linter, ctx, seeds_dir, data_dir):
    """The span stage's walk (one child array) on the rows the classifier builds for real texts."""
    from test_spin_fast_paths import per_node_probabilities

    from textlint_news.checks.spin import analysis
    from textlint_news.spin.classifier import load_model

    model = load_model()
    captured: list[dict] = []
    real = type(model.span).probabilities

    def keep(self, rows):
        captured.extend(rows)
        return real(self, rows)

    try:
        type(model.span).probabilities = keep
        for text in _texts(seeds_dir, data_dir, 100):
            analysis(Document(text), ctx)
    finally:
        type(model.span).probabilities = real
    assert len(captured) > 300
    assert model.span.probabilities(captured) == per_node_probabilities(model.span, captured)


def test_deferred_general_features_are_those_found_at_once(ctx, seeds_dir, data_dir):
    from textlint_news.spin.detectors import find_signals

    deferred = 0
    for text in _texts(seeds_dir, data_dir, 100):
        direct = find_signals(Document(text), ctx)
        doc = Document(text)
        screened = find_signals(doc, ctx, filled=False)
        deferred += sum(s.features.get("general_gain") is rarity.UNASKED for s in screened)
        assert find_signals(doc, ctx) is screened
        assert screened == direct and rarity.GENERAL_UNASKED not in doc.memo
        # the same features in the same order: a training row lists them as the detector made them
        assert [list(s.features) for s in screened] == [list(s.features) for s in direct]
        assert not any(value is rarity.UNASKED for s in screened for value in s.features.values())
    assert deferred > 20


def test_a_quiet_text_asks_no_general_english(linter, data_dir, monkeypatch):
    from textlint_news.checks.spin import SpinCheck

    asked = []
    real = rarity.RareSynonymScorer._general

    def counting(self, word, *args):
        if " " not in word:  # a phrase's are zeros, asked of no table
            asked.append(word)
        return real(self, word, *args)

    monkeypatch.setattr(rarity.RareSynonymScorer, "_general", counting)
    check = next(c for c in linter.checks if isinstance(c, SpinCheck))
    quiet = 0
    for path in sorted(data_dir.rglob("*.txt"))[:40]:
        doc = Document(path.read_text(encoding="utf-8"))
        before = len(asked)
        list(check.check(doc, Context(settings=linter.settings, fed=linter.fed)))
        if "spin.analysis" not in doc.memo:  # the screen stopped it
            quiet += 1
            assert len(asked) == before
    assert quiet > 10 and asked  # quiet texts were seen, and loud ones did ask


def test_document_fit_with_its_pair_memo_equals_asking_the_index(ctx, seeds_dir, data_dir, monkeypatch):
    from textlint_news.spin import context_fit
    from textlint_news.spin.features import document_fit

    docs = [Document(text) for text in _texts(seeds_dir, data_dir, 120)]
    for doc in docs:
        from textlint_news.spin.detectors import find_signals

        find_signals(doc, ctx)  # the language model's fits, as the classifier finds them
    memoised = [document_fit(doc) for doc in docs]
    again = [document_fit(doc) for doc in docs]  # answered from the memo
    assert context_fit._seen.cache_info().hits > 1000
    monkeypatch.setattr(context_fit, "_seen", lambda index, first, second: index.seen(first, second))
    assert memoised == again == [document_fit(doc) for doc in docs]
    assert sum(fit["lm_unseen_share"] > 0 for fit in memoised) > 10


def test_sentence_token_features_equal_those_of_each_sentences_tokens(ctx, seeds_dir, data_dir):
    """`sentence_rows` counts a sentence's tokens and function words from running counts; the
    features equal those of the sentence's own token list, as it was built."""
    import math

    from textlint_news.spin.detectors import find_signals
    from textlint_news.spin.features import sentence_rows, word_rows
    from textlint_news.spin.lexicon import function_words
    from textlint_news.spin.rarity import document_tokens

    checked = 0
    for text in _texts(seeds_dir, data_dir, 150):
        doc = Document(text)
        signals = find_signals(doc, ctx)
        words = word_rows(doc, signals)
        rows = sentence_rows(doc, signals, words, [0.5] * len(words))
        tokens = [t for t in document_tokens(doc) if t[2] != "<s>"]
        for row in rows:
            own = [t[2] for t in tokens if row.span.start <= t[0] < row.span.end]
            assert row.features["log_tokens"] == math.log1p(len(own))
            share = sum(map(function_words().__contains__, own)) / len(own) if own else 0.0
            assert row.features["function_word_share"] == share
            checked += 1
    assert checked > 300
