"""Capitalised ordinary words (`spin.name_capitals`): a spun name's evidence without a gazetteer,
the own spinner's name swaps that teach it, and the classifier features that carry it."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpora.build import articles  # noqa: E402
from corpora.spinner import Spinner  # noqa: E402
from textlint_news.document import Document  # noqa: E402
from textlint_news.spin.features import document_features, sentence_rows, token_count  # noqa: E402
from textlint_news.spin.name_capitals import find_odd_capitals  # noqa: E402

SPUN = ("Rates were left on hold by the Depository of England on Thursday, as economists had "
        "expected after the latest figures on prices and wages.")
CLEAN = [
    "Rates were left on hold by the Bank of England on Thursday, as economists had expected "
    "after the latest figures on prices and wages.",
    "Letters were delayed by Royal Mail over the holiday, and the band Arcade Fire played to a "
    "crowd of thousands in the park on Friday night.",
    "Shell and Apple reported strong profits, while Orange said its customers in France would "
    "see their bills rise over the coming year.",
    "Depository Rules Shake Up Markets As Investors Flee\n",  # a headline in Title Case
    "The report said: Depository rules would change next year, according to the regulator.",
]


def words(text: str) -> list[str]:
    return [text[a:b] for a, b in find_odd_capitals(text)]


def test_a_thesaurus_word_kept_capitalised_in_a_name_is_found():
    assert words(SPUN) == ["Depository"]


def test_real_names_headlines_and_sentence_openers_stay_quiet():
    for text in CLEAN:
        assert words(text) == [], text


def test_clean_news_seldom_has_one(data_dir):
    texts = [text for _, text in articles(data_dir / "bbc")][:300]
    found = sum(len(find_odd_capitals(text)) for text in texts)
    assert found < 0.3 * len(texts)  # 0.14 per BBC article; a names-spun article has about 4


def features(text: str) -> dict[str, float]:
    doc = Document(text, path="a")
    rows = sentence_rows(doc, [], [], [])
    return document_features(token_count(doc), rows, [0.0] * len(rows), [])


def test_the_document_features_count_them():
    spun, clean = features(SPUN), features(CLEAN[0])
    assert spun["odd_capitals_per_100_tokens"] > 0 == clean["odd_capitals_per_100_tokens"]
    assert spun["log_odd_capitals"] > 0 == clean["log_odd_capitals"]
    assert clean["spun_names_per_100_tokens"] == 0
    assert features("Shares in Residence Depot rose 3% after the results.")["spun_names_per_100_tokens"] > 0


def test_the_own_spinner_swaps_name_words_from_its_own_stream(data_dir):
    texts = [(key, text) for key, text in articles(data_dir / "bbc")][:40]
    swapped = 0
    for key, text in texts:
        plain = Spinner(rate=0.1, seed=3, name_rate=0.0).spin(text, key=key)
        named = Spinner(rate=0.1, seed=3).spin(text, key=key)
        names = [s for s in named.spans if s.kind == "name"]
        swapped += len(names)
        for span in names:
            assert span.replacement[0].isupper() and span.original[0].isupper()
            assert span.replacement.lower() != span.original.lower()
        # the other swaps are the ones a spinner without name swaps makes
        others = [(s.original, s.replacement, s.kind) for s in named.spans if s.kind != "name"]
        assert others == [(s.original, s.replacement, s.kind) for s in plain.spans]
    assert swapped >= 10
