"""The document model: lines, paragraphs, sentences and tokens with their offsets."""
from textlint_news.document import Document


def _texts(spans):
    return [s.text for s in spans]


def test_units_slice_the_text():
    doc = Document("Title line\n\nFirst para. Second sentence!\nSame para.\n\n\n  Last one.  ")
    for unit in (doc.lines, doc.paragraphs, doc.sentences, doc.tokens):
        assert all(doc.text[s.start:s.end] == s.text for s in unit)
    assert _texts(doc.paragraphs) == ["Title line", "First para. Second sentence!\nSame para.", "Last one."]
    assert len(doc.lines) == 7


def test_sentences_keep_abbreviations_and_initials():
    doc = Document("Mr. Smith met Dr. Jones in the U.S. on Monday. J. R. Doe left No. 10 at 9 a.m. He said “No.” Then he went.")
    assert _texts(doc.sentences) == [
        "Mr. Smith met Dr. Jones in the U.S. on Monday.", "J. R. Doe left No. 10 at 9 a.m.", "He said “No.”", "Then he went.",
    ]


def test_tokens_keep_inner_apostrophes_and_hyphens():
    doc = Document("Ukraine’s pre-2014 borders, don't—stop")
    assert _texts(doc.tokens) == ["Ukraine’s", "pre-2014", "borders", "don't", "stop"]


def test_units_are_computed_once():
    doc = Document("a b c")
    assert doc.tokens is doc.tokens
