"""The spin lexicon's screen answers a process's first texts by finding its phrases: the same
rules as the RE2 set wakes, without compiling the set."""
from __future__ import annotations

import sys

import pytest
import re2

from textlint_news import patterns
from textlint_news.engine import Linter
from textlint_news.kinds.base import scoped_body
from textlint_news.patterns import PatternFilter
from textlint_news.spin.lexicon_rules import _phrases


@pytest.fixture(scope="module")
def lexicon():
    linter = Linter()
    return tuple(linter.fed["spin"])


def _filters(rules) -> tuple[PatternFilter, PatternFilter]:
    literal = PatternFilter([r.screen_pattern for r in rules], phrases=_phrases(rules))
    literal._literal_texts = 10**9  # every text by the phrases
    return literal, PatternFilter([r.screen_pattern for r in rules])


def test_the_phrases_wake_the_rules_the_set_wakes(lexicon, seeds_dir, data_dir, monkeypatch):
    monkeypatch.setattr(patterns, "LITERAL_CHARS", 10**9)  # long texts by the phrases too
    literal, compiled = _filters(lexicon)
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(data_dir.rglob("*.txt"))[::10]]
    woken = [literal.matching(text) for text in texts]
    assert woken == [compiled.matching(text) for text in texts]
    assert sum(map(len, woken)) > 20  # the seeds' spun copy and others wake rules
    # case, white space and RE2's folds ('ſ' is an s): at least the set's rules; more only
    # for a case-sensitive rule ('He mentioned:'), which then finds nothing
    for text in ("The central FINANCIAL\n\tInstitution said.", "He  MENTIONED:\r\n no", "ſhortly earlier than"):
        assert set(compiled.matching(text)) <= set(literal.matching(text)) != set()
    assert literal._set is None  # never compiled


def test_case_folding_finds_every_spelling_re2_matches(lexicon):
    # The literal test folds case with str.casefold; RE2's (?i) must match no character whose
    # fold differs from the phrase character's, or a phrase RE2 finds could be missed.
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    characters = {c for rule in lexicon for phrase in rule.phrases() for c in phrase if not c.isspace()}
    assert len(characters) > 26
    for char in sorted(characters):
        found = re2.compile(f"(?i:{re2.escape(char)})", options=patterns._OPTIONS).findall(everything)
        assert {c.casefold() for c in found} == {char.casefold()}, char


def test_rules_that_are_not_phrases_alone_keep_the_set():
    body = scoped_body(("spoke",), (r"said\b",), "text", True)
    assert _phrases(()) == [] and _phrases((type("Rule", (), {"kind": "occurrence"})(),)) is None
    assert _phrases((type("Rule", (), {"kind": "existence", "patterns": (body["body"],)})(),)) is None


def test_the_set_takes_over_after_the_first_texts_and_for_long_ones(lexicon, monkeypatch):
    monkeypatch.setattr(patterns, "LITERAL_TEXTS", 2)
    screen = PatternFilter([r.screen_pattern for r in lexicon], phrases=_phrases(lexicon))
    text = "The central financial institution said it would act."
    first = screen.matching(text)
    assert screen._set is None and first
    assert screen.matching("x" * (patterns.LITERAL_CHARS + 1) + " " + text) == first
    assert screen._set is not None  # a long text compiled the set
    assert screen.matching(text) == first
