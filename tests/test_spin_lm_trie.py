"""The 3-gram trie mapped from the model cache (spin.lm_trie): the very scores PocketSphinx gives,
a cold run's first look-ups answered from it, PocketSphinx's from then on."""
from __future__ import annotations

from pathlib import Path

import pytest

from textlint_news.config import Config
from textlint_news.engine import Linter
from textlint_news.spin import lm_trie
from textlint_news.spin.lm import START, LanguageModel, language_model, token_steps
from textlint_news.spin.lm_index import bigram_index, model_path
from textlint_news.spin.lm_trie import trie_scores, uniform_find
from textlint_news.spin.rarity import context_tokens

pocketsphinx = pytest.importorskip("pocketsphinx")
np = pytest.importorskip("numpy")
LOG_ZERO = -536870912  # NGramModel.prob of a word outside the vocabulary


@pytest.fixture(scope="module")
def model():
    return pocketsphinx.NGramModel.readfile(pocketsphinx.get_model_path("en-us/en-us.lm.bin"))


@pytest.fixture(scope="module")
def trie():
    found = trie_scores()
    assert found is not None  # the tests' model cache is writable: the copy is made
    return found


def reference_steps(model, words: list[str]) -> list[int | None]:
    """`LanguageModel.text_steps` asked of PocketSphinx one n-gram at a time: each word after
    the known words before it in its sentence, an unknown word cutting the history."""
    out: list[int | None] = [None] * (len(words) + 1)
    history, count = [START], 0
    for k, word in enumerate([*words, START]):
        ending = word == START
        if ending and not count:
            continue
        word = "</s>" if ending else word
        if model.prob([word]) == LOG_ZERO:
            history = []
        else:
            out[k] = model.prob([word, *history[::-1][:2]])
            history.append(word)
        history, count = ([START], 0) if ending else (history, count + 1)
    return out


def bigram_keys(trie):
    """The bigrams' keys, predicted * vocabulary + before, as int64 (stored in two uint32 halves)."""
    keys = np.frombuffer(trie.arrays["bi_key"], dtype=np.uint32).astype(np.int64)
    split = trie.arrays["uni_next"][trie.vocab // 2]
    keys[split:] += (trie.vocab // 2) * trie.vocab
    assert (np.diff(keys) > 0).all()
    return keys


def test_the_copy_is_read_from_the_same_model_file_pocketsphinx_reads():
    assert model_path() == Path(pocketsphinx.get_model_path("en-us/en-us.lm.bin"))


def test_raw_scores_equal_pocketsphinx_on_a_large_sample(model, trie):
    """Seen and unseen unigrams, bigrams and trigrams (every backoff path), drawn from the trie."""
    words = bigram_index().words
    vocab = len(words)
    assert vocab == trie.vocab
    rng = np.random.default_rng(18)
    n = 2000
    keys = bigram_keys(trie)
    tri_key = np.frombuffer(trie.arrays["tri_key"], dtype=np.int64)
    bigram = keys[rng.integers(0, len(keys), n)]
    trigram = tri_key[rng.integers(0, len(tri_key), n)]
    ctx = keys[trigram // vocab]
    rand = rng.integers(0, vocab, (3, n))
    none = np.full(n, -1)
    queries = [
        (rand[0], none, none),                                  # unigrams
        (bigram // vocab, bigram % vocab, none),               # seen bigrams
        (rand[0], rand[1], none),                              # mostly unseen bigrams
        (ctx // vocab, ctx % vocab, trigram % vocab),          # seen trigrams
        (bigram // vocab, bigram % vocab, rand[2]),            # seen bigram, unseen trigram
        (rand[0], bigram // vocab, bigram % vocab),            # unseen bigram, seen context
        (rand[0], rand[1], rand[2]),                           # all unseen
    ]
    for word, last, older in queries:
        got = [trie.one(*q) for q in zip(word.tolist(), last.tolist(), older.tolist())]
        want = [model.prob([words[w]] + [words[h] for h in (l, o) if h >= 0])
                for w, l, o in zip(word.tolist(), last.tolist(), older.tolist())]
        assert got == want


def test_a_trigram_pocketsphinx_cannot_reach_is_backed_off(model, trie):
    """Two trigram nodes of the shipped model are out of order; its interpolation search misses
    "whips and bullhorns", so the score backs off from the bigram, as here."""
    assert uniform_find([70733, 64488], 70733, 72547) is None
    assert uniform_find([70733, 64488], 64488, 72547) == 1
    lm = LanguageModel(cold_scores=10**9)
    assert not lm.warmed
    for older in ("whips", "teased", "<s>", "coach"):
        for words in ([older, "and", "bullhorns"], [older, "and", "jerri"]):
            assert lm.steps(words)[2] == model.prob(words[::-1])
    assert not lm.warmed


def _texts(seeds_dir: Path, data_dir: Path | None) -> list[Path]:
    paths = sorted(seeds_dir.glob("*.txt"))
    if data_dir is not None:
        paths += [sorted((data_dir / kind).rglob("*.txt"))[k] for kind in ("bbc", "recovery") for k in (3, 250)]
    return paths


def test_text_steps_from_the_trie_equal_pocketsphinx_on_real_text(model, seeds_dir, data_dir):
    """Every word of the seeds and of news articles after its sentence's words (<s>, </s>,
    unknown names and numbers cutting the history): the trie's, PocketSphinx's one at a time,
    and the model's once it has switched."""
    cold, warm = LanguageModel(cold_scores=10**9), LanguageModel(cold_scores=0)
    assert warm.warmed
    for path in _texts(seeds_dir, data_dir):
        tokens = context_tokens(path.read_text(encoding="utf-8"))
        words = [t[2] for t in tokens]
        steps = token_steps(cold, tokens)
        assert steps == reference_steps(model, words) == token_steps(warm, tokens), path
        assert sum(raw is None for raw in steps) < len(steps) / 2
    assert not cold.warmed


def test_the_model_switches_to_pocketsphinx_past_its_cold_scores(seeds_dir):
    tokens = context_tokens(sorted(seeds_dir.glob("*.txt"))[4].read_text(encoding="utf-8"))
    lm = LanguageModel(cold_scores=50)
    first = [t[2] for t in tokens[:10]]
    assert lm.steps(first) and not lm.warmed  # a few look-ups: the trie's
    steps = token_steps(lm, tokens)  # hundreds: PocketSphinx's past the 50th
    assert lm.warmed
    assert steps == token_steps(LanguageModel(cold_scores=0), tokens)


def test_odd_words_score_as_pocketsphinx_reads_them(model):
    lm = LanguageModel(cold_scores=10**9)
    for word in ("<s>", "</s>", "The", "", "the\0end", "zelenskyy", "2021", "café", "<unk>"):
        raw = lm.steps([word])[0]
        assert (LOG_ZERO if raw is None else raw) == model.prob([word])
    assert not lm.warmed


def test_the_lint_is_the_same_from_the_trie_and_from_pocketsphinx(seeds_dir, data_dir):
    """Every issue of the seeds and of news articles, the spin check's language model read
    from the trie throughout and from PocketSphinx throughout."""
    paths = _texts(seeds_dir, data_dir)

    def issues(cold_scores: int) -> list[tuple]:
        language_model.cache_clear()
        config = Config(settings={"spin": {"detectors": {"language_model": {"cold_scores": cold_scores}}}})
        linter = Linter(config)
        found = [(i.rule, repr(i)) for p in paths for i in linter.lint(p.read_text(encoding="utf-8"), path=str(p))]
        assert language_model().warmed == (cold_scores == 0)
        return found

    try:
        from_trie, from_pocketsphinx = issues(10**9), issues(0)
    finally:
        language_model.cache_clear()
    assert from_trie == from_pocketsphinx
    assert any(rule.startswith("spin") for rule, _ in from_trie)


def test_a_damaged_or_stale_copy_is_made_again(tmp_path, monkeypatch, trie):
    monkeypatch.setenv("TEXTLINT_NEWS_MODEL_CACHE", str(tmp_path))
    try:
        trie_scores.cache_clear()
        assert trie_scores() is not None
        [copy] = tmp_path.glob("lm-trie-*")
        data = copy / "trie.bin"
        with open(data, "r+b") as stored:
            stored.truncate(data.stat().st_size - 8)  # cut short
        trie_scores.cache_clear()
        made = trie_scores()
        assert made is not None and made.one(5, 7, 9) == trie.one(5, 7, 9)
        assert data.stat().st_size == copy.joinpath("trie.bin").stat().st_size
        (copy / "meta.json").write_text("{", encoding="utf-8")  # damaged
        trie_scores.cache_clear()
        assert trie_scores() is not None and (copy / "meta.json").read_text(encoding="utf-8").startswith('{"')
        monkeypatch.setattr(lm_trie, "FORMAT", lm_trie.FORMAT + 1)  # another layout: another copy
        trie_scores.cache_clear()
        assert trie_scores() is not None
        assert len(list(tmp_path.glob("lm-trie-*"))) == 2
    finally:
        trie_scores.cache_clear()


def test_without_a_model_cache_pocketsphinx_answers_at_once(monkeypatch):
    monkeypatch.setenv("TEXTLINT_NEWS_MODEL_CACHE", "off")
    try:
        trie_scores.cache_clear()
        assert trie_scores() is None
        lm = LanguageModel(cold_scores=5000)
        assert lm.warmed and lm.steps(["the", "plan"])[1] is not None
    finally:
        trie_scores.cache_clear()


def test_an_unwritable_model_cache_leaves_the_model_unread(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("TEXTLINT_NEWS_MODEL_CACHE", str(blocked / "models"))  # under a file: no folder
    monkeypatch.setattr(lm_trie, "read_trie", lambda path: pytest.fail("read without a place to keep it"))
    try:
        trie_scores.cache_clear()
        assert trie_scores() is None
    finally:
        trie_scores.cache_clear()
