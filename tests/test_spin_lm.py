"""The 3-gram language model (textlint_news.spin.lm): which wording fits its sentence."""
from __future__ import annotations

import math

import pytest

from textlint_news.spin.lm import UNKNOWN_LOGPROB, language_model


@pytest.fixture(scope="module")
def lm():
    return language_model()


def test_shared_instance():
    assert language_model() is language_model()


@pytest.mark.parametrize("left, spun, original, right", [
    ("the", "facility", "power", "of the Dollar"),
    ("the", "online", "web", "browser"),
    ("decided to", "affix", "join", "NATO"),
    ("the risk", "stays", "remains", "unclear"),
    ("in the", "protracted", "long", "term"),
    ("she", "got here", "came", "to the"),
])
def test_gain_prefers_the_original_wording(lm, left, spun, original, right):
    gain = lm.gain(left.split(), spun.split(), original.split(), right.split())
    assert gain > 1.0
    assert lm.gain(left.split(), original.split(), spun.split(), right.split()) == pytest.approx(-gain)


def test_gain_is_the_difference_of_the_whole_sequences(lm):
    left, old, new, right = ["he", "said", "the"], ["facility"], ["power"], ["of", "the", "state", "grew"]
    whole = lm.logprob(left + new + right) - lm.logprob(left + old + right)
    assert lm.gain(left, old, new, right) == pytest.approx(whole, abs=1e-6)


def test_logprob_is_natural_log_and_case_blind(lm):
    assert lm.logprob([]) == 0.0
    one = lm.logprob(["the"])
    assert -10 < one < 0  # "the" is a few percent of English: log about -3
    assert lm.logprob(["The", "Power"]) == lm.logprob(["the", "power"])
    assert lm.logprob(["the"], start=True) > lm.logprob(["of"], start=True)


def test_unknown_words_and_numbers_cost_a_fixed_price_and_cut_the_history(lm):
    assert not lm.known("zelenskyy") and not lm.known("2021") and lm.known("power")
    assert lm.logprob(["zelenskyy"]) == pytest.approx(UNKNOWN_LOGPROB)
    assert lm.logprob(["2021", "the"]) == pytest.approx(UNKNOWN_LOGPROB + lm.logprob(["the"]))
    # A name beside the slot weighs the same on both sides: the gain stays the slot's.
    named = lm.gain(["Zelenskyy", "will"], ["affix"], ["join"], ["NATO"])
    assert named == pytest.approx(lm.gain(["will"], ["affix"], ["join"], ["NATO"]), abs=1e-6)
    assert math.isfinite(lm.gain([], ["covid"], ["virus"], ["cases"]))
