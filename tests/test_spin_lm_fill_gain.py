"""Every one-word candidate of the language-model stage carries the gain of the word the model
fills in its place (`lm_swaps.with_fill_gain`): table-free evidence the classifier weighs."""
from __future__ import annotations

import pytest

from textlint_news.document import Document
from textlint_news.spin.lexicon import function_words
from textlint_news.spin.lm_swaps import LmThresholds, with_fill_gain
from textlint_news.spin.rarity import context_tokens
from textlint_news.spin.signals import Signal


def fill_gain(text: str, word: str, limits: LmThresholds = LmThresholds()) -> float | None:
    start = text.index(word)
    signal = Signal(start, start + len(word), "rare-synonym", "spin.rare-synonym", "", (), 0.5, {})
    found = with_fill_gain(context_tokens(text), [signal], limits, function_words())
    return found[0].features.get("lm_fill_gain")


@pytest.mark.parametrize("spun, clean, swapped, original", [
    ("The home workforce scored twice in the second half and won the game easily.",
     "The home team scored twice in the second half and won the game easily.", "workforce", "team"),
    ("The judge told the courtroom that the law had been broken by the company.",
     "The judge told the court that the law had been broken by the company.", "courtroom", "court"),
])
def test_the_slot_of_a_common_word_swap_wants_another_word(spun, clean, swapped, original):
    assert fill_gain(spun, swapped) > 8  # neither pair is in WordNet's synonyms of the other word
    assert fill_gain(clean, original) < 4


def test_words_that_fit_their_place_get_a_low_gain():
    text = "Shares in the company rose sharply after it reported strong sales."
    assert fill_gain(text, "sharply") < 4 and fill_gain(text, "sales") < 4


def test_no_fill_no_feature_and_a_name_is_left_alone():
    text = "The home workforce scored twice in the second half."
    assert fill_gain(text, "workforce", LmThresholds(fill_candidates=0)) is None
    text = "Smith scored twice for Arsenal in the second half."
    assert fill_gain(text, "Arsenal") is None  # a name is no token of its own ("<cap>")


def signals(text: str, fill: bool):
    from textlint_news.check import Context
    from textlint_news.config import Config
    from textlint_news.engine import Linter
    from textlint_news.spin.detectors import find_signals

    off = {"spin": {"detectors": {"language_model": {"fill_candidates": 0}}}}
    linter = Linter(Config(settings={} if fill else off))
    return find_signals(Document(text), Context(settings=linter.settings, fed=linter.fed))


def test_the_gain_is_a_feature_and_adds_no_candidate():
    spun = "The home workforce scored twice in the second half and won the recreation easily."
    with_fill, without = signals(spun, True), signals(spun, False)
    assert [(s.start, s.end, s.rule) for s in with_fill] == [(s.start, s.end, s.rule) for s in without]
    found = {spun[s.start:s.end]: s for s in with_fill}
    assert found["workforce"].features["lm_fill_gain"] > 8


def test_clean_news_gets_no_new_candidate(data_dir):
    from textlint_news.inputs import read_document

    for path in sorted((data_dir / "bbc").rglob("*.txt"))[::197][:6]:
        text = read_document(path, 10 * 1024**2).text
        assert ([(s.start, s.end, s.rule) for s in signals(text, True)]
                == [(s.start, s.end, s.rule) for s in signals(text, False)])
