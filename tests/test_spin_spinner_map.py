"""The spinner's word map (`spin.spinner_map`): lexicon pairs found in contexts the lexicon never
listed, judged by the 3-gram language model.

Spun sentences are written for these tests (a word-by-word spinner's swaps of plain news
sentences, none of them a lexicon key in its context); their clean twins and held-out
articles of ../shared/data stay quiet.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from textlint_news.check import Context
from textlint_news.document import Document
from textlint_news.spin.lexicon import function_words
from textlint_news.spin.lexicon_rules import find_lexicon
from textlint_news.spin.lm import language_model
from textlint_news.spin.settings import SpinnerMapSettings
from textlint_news.spin.spinner_map import find_swaps, load_map

LIMITS = SpinnerMapSettings()

# (spun sentence, its clean twin, spun fragment, original) strong enough to stand alone
ALONE = [
    ("She was found responsible of fraud at the crown court.",
     "She was found guilty of fraud at the crown court.", "responsible", "guilty"),
    ("He died of most cancers at the age of 72.", "He died of cancer at the age of 72.", "most cancers", "cancer"),
]
# ... and ones that stand only in a text with other evidence of spinning
TOGETHER = [
    ("The keeper is out for a month with a wrist harm.",
     "The keeper is out for a month with a wrist injury.", "harm", "injury"),
    ("The health secretary said the nationwide health service needed more money.",
     "The health secretary said the national health service needed more money.", "nationwide", "national"),
    ("The deal was signed at the white home on Monday.",
     "The deal was signed at the white house on Monday.", "home", "house"),
]


def swaps(text: str) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.suggestions[0])
            for s in find_swaps(text, load_map(LIMITS.table), LIMITS, language_model(), function_words())]


@pytest.fixture(scope="module")
def fed(linter) -> tuple:
    return Context(settings=linter.settings, fed=linter.fed).fed_rules("spin")


def test_the_sentences_are_no_lexicon_keys(fed):
    for spun, _, _, _ in ALONE + TOGETHER:
        assert not find_lexicon(Document(spun), fed), spun


@pytest.mark.parametrize("spun, clean, fragment, original", ALONE)
def test_a_strong_swap_alone_is_found_with_its_original(spun, clean, fragment, original):
    assert swaps(spun) == [(fragment, original)]
    assert swaps(clean) == []


def test_weaker_swaps_stand_together_not_alone():
    for spun, _, _, _ in TOGETHER:
        assert swaps(spun) == [], spun
    text = " ".join(spun for spun, _, _, _ in TOGETHER)
    assert swaps(text) == [(fragment, original) for _, _, fragment, original in TOGETHER]
    assert swaps(" ".join(clean for _, clean, _, _ in ALONE + TOGETHER)) == []


def test_the_fix_keeps_the_case_and_names_compounds_and_repeats_are_left_alone():
    spun = " ".join(spun for spun, _, _, _ in TOGETHER)
    assert ("Responsible", "Guilty") in swaps(f"{spun} Responsible of fraud, he was jailed for six years.")
    assert swaps("She was found Responsible of fraud.") == []  # capitalised inside a sentence: a name's word
    assert swaps("She was found responsible-of-fraud.") == []  # hyphened: a compound the model cannot read
    # one odd word repeated is an author's topical word, no spinner's three swaps
    assert swaps(" ".join([TOGETHER[0][0]] * 3)) == []


def test_the_detector_runs_in_the_check_and_the_lexicon_wins_its_own_spans(linter):
    text = " ".join(spun for spun, _, _, _ in TOGETHER) + " Leeds are now three factors clear at the top."
    issues = [i for i in linter.lint(text) if i.rule.startswith("spin.")]
    found = {(text[i.start:i.end], i.suggestions[0]) for i in issues if i.rule == "spin.spinner-map"}
    assert found == {(fragment, original) for _, _, fragment, original in TOGETHER}
    assert any(i.rule == "spin.lexicon" and "factors" in text[i.start:i.end] for i in issues)


def test_clean_held_out_articles_are_quiet(data_dir):
    from corpora.build import articles

    texts = [text for _, text in articles(data_dir, "heldout")]
    assert len(texts) > 100
    assert [found for found in map(swaps, texts) if found] == []


def test_the_shipped_map_is_what_the_builder_derives_from_the_lexicon():
    from corpora.build_spinner_map import OUTPUT, build, lexicon_entries

    shipped = Path(OUTPUT).read_text(encoding="utf-8").splitlines()
    assert shipped == build(lexicon_entries())
    assert "financial institution\tbank\t3\tmarkets" in shipped
