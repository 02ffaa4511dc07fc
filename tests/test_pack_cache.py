"""A rule pack's parsed rules kept in the model cache: the same rules, rebuilt when stale or damaged."""
from __future__ import annotations

from pathlib import Path

import pytest

from textlint_news import rulepack
from textlint_news.document import Document
from textlint_news.mapped import COPY_PREFIX
from textlint_news.model_cache import CACHE_ENV
from textlint_news.resources import rules_dir

PACK = """\
rules:
  - id: test.swap
    kind: substitution
    category: spin
    message: "'{match}': say {suggestion}"
    not_after: ' of'
    swap:
      financial institution: bank
      {extra}
"""


@pytest.fixture()
def fresh(tmp_path, monkeypatch):
    """A model cache of the test's own, and no pack kept in this process."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    rulepack._load_pack.cache_clear()
    yield tmp_path / "cache"
    rulepack._load_pack.cache_clear()


def _reload(path: Path) -> list:
    rulepack._load_pack.cache_clear()  # as a new process would
    return rulepack.load_pack(path)


def _copies(cache: Path, name: str) -> list[Path]:
    return sorted(cache.glob(f"{COPY_PREFIX}rules-{name}-*.pickle"))


def test_cached_rules_find_what_parsed_rules_find(fresh, data_dir):
    pack = rules_dir() / "spin.yml"
    parsed = _reload(pack)
    assert len(_copies(fresh, "spin.yml")) == 1
    cached = _reload(pack)
    assert cached is not parsed and [r.id for r in cached] == [r.id for r in parsed]
    for mine, theirs in zip(cached, parsed):
        assert (mine.body, mine.screen_pattern, mine.guards.window, mine.feeds) == \
            (theirs.body, theirs.screen_pattern, theirs.guards.window, theirs.feeds)
        assert getattr(mine, "swaps", {}).keys() == getattr(theirs, "swaps", {}).keys()
    spun = "The central financial institution raised rates. It was the worst yr since 1990, he mentioned."
    texts = [spun] + [p.read_text(encoding="utf-8") for p in sorted((data_dir / "bbc" / "business").glob("*.txt"))[:20]]
    for text in texts:
        found = [(r.id, list(r.matches(Document(text)))) for r in cached]
        assert found == [(r.id, list(r.matches(Document(text)))) for r in parsed]
    assert any(hits for _, hits in ((r.id, list(r.matches(Document(spun)))) for r in cached))


def test_a_changed_pack_is_parsed_again(fresh, tmp_path):
    path = tmp_path / "mine.yml"
    path.write_text(PACK.replace("{extra}", ""), encoding="utf-8")
    first = _reload(path)
    assert list(first[0].swaps) == ["financial institution"]
    path.write_text(PACK.replace("{extra}", "central financial institution: central bank"), encoding="utf-8")
    again = _reload(path)
    assert sorted(again[0].swaps) == ["central financial institution", "financial institution"]
    assert len(_copies(fresh, "mine.yml")) == 2  # the old copy is pruned later, never read


def test_a_damaged_copy_is_parsed_again_without_error(fresh, tmp_path):
    path = tmp_path / "mine.yml"
    path.write_text(PACK.replace("{extra}", ""), encoding="utf-8")
    _reload(path)
    (copy,) = _copies(fresh, "mine.yml")
    for damage in (b"", b"not a pickle", copy.read_bytes()[:40]):
        copy.write_bytes(damage)
        rules = _reload(path)
        assert [r.id for r in rules] == ["test.swap"] and list(rules[0].swaps) == ["financial institution"]
        assert copy.read_bytes() != damage  # written again, whole
    assert [r.id for r in _reload(path)] == ["test.swap"]


def test_a_bad_pack_fails_every_time_and_is_not_kept(fresh, tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text(PACK.replace("{extra}", "'bad(': x").replace("kind: substitution\n",
                                                               "kind: substitution\n    after: '('\n"),
                    encoding="utf-8")
    for _ in range(2):
        with pytest.raises(rulepack.PackError, match="bad.yml"):
            _reload(path)
    assert not _copies(fresh, "bad.yml")
