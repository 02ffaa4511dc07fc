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


# --- the detector: language-model swaps and misfits ----------------------------------

from textlint_news.check import Context  # noqa: E402
from textlint_news.document import Document  # noqa: E402
from textlint_news.spin.detectors import find_signals  # noqa: E402
from textlint_news.spin.features import function_words, lm_fits  # noqa: E402
from textlint_news.spin.lexicon import inflect, synonyms  # noqa: E402
from textlint_news.spin.lm_swaps import LmThresholds, find_lm_swaps  # noqa: E402
from textlint_news.spin.rarity import context_tokens  # noqa: E402


@pytest.fixture(scope="module")
def ctx(linter) -> Context:
    return Context(settings=linter.settings, fed=linter.fed)


def suggestions(text: str, ctx: Context) -> dict[str, tuple[str, ...]]:
    return {text[s.start:s.end]: s.suggestions for s in find_signals(Document(text), ctx)}


def lm_swaps(text: str) -> list[tuple[str, tuple[str, ...]]]:
    doc = Document(text)
    _, found = find_lm_swaps(context_tokens(text), text, [], lm_fits(doc), LmThresholds(), function_words())
    return [(text[s.start:s.end], s.suggestions) for s in found]


def test_a_swap_outside_the_rare_synonym_table_gets_its_original():
    # "stays" is under the rare-synonym detector's Zipf gap from "remains": the language model sees it.
    assert ("stays", ("remains",)) in lm_swaps("The outcome of the talks stays unclear, officials said.")


def test_a_phrase_spun_for_one_word_is_a_candidate():
    assert ("computer virus", ("virus",)) in lm_swaps("Doctors said the flu computer virus spread quickly.")


def test_clean_wording_is_no_swap():
    assert lm_swaps("The outcome of the talks remains unclear, officials said.") == []
    assert lm_swaps("Doctors said the flu virus spread quickly.") == []


def test_a_swapped_word_fits_its_neighbours_worse_than_the_original():
    clean = Document("The minister said prices would remain high for the rest of the year.")
    spun = Document("The minister said prices would remain towering for the rest of the year.")
    def fit(doc, word):
        index = next(i for i, t in enumerate(context_tokens(doc.text)) if t[2] == word)
        return sum(lm_fits(doc)[index])
    assert fit(spun, "towering") < fit(clean, "high") - 3


# --- part of speech and inflection are kept ------------------------------------------

def test_a_verb_third_person_is_never_given_a_past_form():
    assert inflect("shoot", "v", "3sg") == "shoots"
    assert inflect("go", "v", "3sg") == "goes"
    assert "shot" not in synonyms("blasts") and "shoots" in synonyms("blasts")


@pytest.mark.parametrize("text, word, wrong", [
    ("Grimes blasts Musk over the deal.", "blasts", {"shot", "shots", "bangs", "gusts", "eruptions"}),
    ("This is why truth matters in the newsroom.", "matters",
     {"things", "issues", "affairs", "topics", "subjects"}),
    ("Critics say this is why truth matters.", "matters", {"things", "issues", "affairs", "topics", "subjects"}),
])
def test_suggestions_keep_the_part_of_speech(ctx, text, word, wrong):
    offered = {s.lower() for s in suggestions(text, ctx).get(word, ())}
    assert not offered & wrong
