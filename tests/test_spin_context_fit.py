"""Evidence of spin that needs no thesaurus: the language model's bigram lists, filling a
blank, and how well a whole text's words fit their neighbours."""
from __future__ import annotations

import random

import pytest

from textlint_news.document import Document
from textlint_news.spin.context_fit import FEATURES
from textlint_news.spin.features import document_fit, function_words, lm_fits
from textlint_news.spin.lm import language_model
from textlint_news.spin.lm_fill import fill_blank
from textlint_news.spin.lm_index import bigram_index, read_bigrams
from textlint_news.spin.lm_swaps import LmThresholds, find_misfits
from textlint_news.spin.rarity import context_tokens


@pytest.fixture(scope="module")
def index():
    return bigram_index()


def test_the_bigram_lists_agree_with_the_language_model(index):
    lm = language_model()
    web, browser, online = index.id("web"), index.id("browser"), index.id("online")
    assert index.seen(web, browser) and not index.seen(online, browser)
    words, logp = index.successors(web)
    found = dict(zip(words.tolist(), logp.tolist()))
    expected = lm.logprob(["web", "browser"]) - lm.logprob(["web"])
    assert found[browser] == pytest.approx(expected, abs=0.01)  # 16-bit quantised
    leaders, lead_p = index.predecessors(browser)
    assert dict(zip(leaders.tolist(), lead_p.tolist()))[web] == pytest.approx(found[browser])
    assert list(words) == sorted(words) and list(leaders) == sorted(leaders)
    assert index.succ_ptr[-1] == index.pred_ptr[-1] == len(index.succ_word) > 2_000_000


def test_the_cached_copy_is_the_same_index(tmp_path, monkeypatch):
    from pocketsphinx import get_model_path

    from textlint_news.model_cache import CACHE_ENV
    from textlint_news.spin import lm_index

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    lm_index.bigram_index.cache_clear()
    try:
        built = lm_index.bigram_index()  # written to tmp_path
        copies = list(tmp_path.glob(lm_index.COPY_PREFIX + "*"))
        assert len(copies) == 1 and (copies[0] / "meta.json").is_file()
        lm_index.bigram_index.cache_clear()
        mapped = lm_index.bigram_index()  # read back
    finally:
        lm_index.bigram_index.cache_clear()
    words, arrays = read_bigrams(get_model_path(lm_index.MODEL))
    assert mapped.words == built.words == words
    assert all(mapped.id(w) == built.id(w) is not None for w in words[::97]) and mapped.id("zzqxw") is None
    for name, values in arrays.items():  # the copy's arrays are read as memoryviews, without numpy
        assert getattr(mapped, name)[:].tolist() == values.tolist()


@pytest.mark.parametrize("text, swapped, original", [
    ("She opened the page in her online browser and read it.", "online", "web"),
    ("The prime executive of the company resigned on Monday.", "prime", "chief"),
    ("The government said it would rise taxes next year.", "rise", "raise"),
])
def test_a_blank_is_filled_with_the_original(text, swapped, original):
    tokens = context_tokens(text)
    i = next(i for i, t in enumerate(tokens) if t[2] == swapped)
    best, gain = fill_blank(tokens, i, function_words())
    assert best == original and gain > 4


def misfits(text: str):
    doc = Document(text)
    return {text[s.start:s.end]: s for s in find_misfits(context_tokens(text), text, lm_fits(doc),
                                                          LmThresholds(), function_words())}


def test_a_misfit_from_an_unknown_dictionary_gets_the_expected_word():
    found = misfits("She opened the page in her online browser and read it.")
    assert found["online"].suggestions == ("web",)
    assert found["online"].features["lm_fill_gain"] > 4
    assert misfits("She opened the page in her web browser and read it.") == {}


def clean_articles(data_dir, n: int) -> list[str]:
    from textlint_news.inputs import read_document

    paths = sorted((data_dir / "bbc").rglob("*.txt"))[::37][:n]
    return [read_document(p, 10 * 1024**2).text for p in paths]


def spin_randomly(text: str, rate: float, seed: int) -> str:
    """Swap `rate` of the longer lower-case words for others of the same text's vocabulary
    taken from far away in it: words of the right kind in the wrong place."""
    tokens = context_tokens(text)
    words = [t for t in tokens if len(t[2]) >= 5 and t[2].isalpha() and text[t[0]].islower()]
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(words)), max(1, int(len(words) * rate))))
    out, last = [], 0
    for k in chosen:
        start, end, _ = words[k]
        out += [text[last:start], words[(k + len(words) // 2) % len(words)][2]]
        last = end
    return "".join(out) + text[last:]


def test_spun_texts_fit_worse_than_clean_news(data_dir):
    texts = clean_articles(data_dir, 20)
    clean = [document_fit(Document(t)) for t in texts]
    spun = [document_fit(Document(spin_randomly(t, 0.1, k))) for k, t in enumerate(texts)]
    assert set(clean[0]) == set(FEATURES)
    for name, least in (("lm_misfit_share", 18), ("lm_unseen_share", 16)):
        worse = sum(s[name] > c[name] for s, c in zip(spun, clean))
        assert worse >= least, name
    assert sum(s["lm_association_mean"] < c["lm_association_mean"] for s, c in zip(spun, clean)) >= 18


def test_clean_news_gets_few_filled_misfits(data_dir):
    texts = clean_articles(data_dir, 20)
    words = sum(len(t.split()) for t in texts)
    suggested = sum(bool(s.suggestions) for t in texts for s in misfits(t).values())
    spun = sum(bool(s.suggestions) for k, t in enumerate(texts) for s in misfits(spin_randomly(t, 0.1, k)).values())
    assert suggested * 100 / words < 1.5  # candidates for the classifier, not warnings
    assert spun > 1.5 * suggested  # 10 % of the longer words swapped: many more
