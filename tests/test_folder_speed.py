"""Work the spin check defers or shares gives what it computed itself: the misfits'
fill-the-blank answers asked only for a text that reaches the classifier."""
from __future__ import annotations

import pytest

from textlint_news.check import Context
from textlint_news.document import Document
from textlint_news.spin.detectors import find_signals
from textlint_news.spin.lm_swaps import MISFIT_RULE, UNFILLED


@pytest.fixture(scope="module")
def ctx(linter) -> Context:
    return Context(settings=linter.settings, fed=linter.fed)


def _texts(seeds_dir, data_dir) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    news = [p.read_text(encoding="utf-8") for p in sorted(data_dir.rglob("*.txt"))[::150]]
    return seeds + news


def test_deferred_fills_give_the_signals_found_at_once(ctx, seeds_dir, data_dir):
    misfits = suggested = 0
    for text in _texts(seeds_dir, data_dir):
        direct = find_signals(Document(text), ctx)
        doc = Document(text)
        screened = find_signals(doc, ctx, filled=False)
        # what the quiet-prose screen reads is there before any fill is asked
        assert [(s.start, s.end, s.kind, s.rule, s.score) for s in screened] == [
            (s.start, s.end, s.kind, s.rule, s.score) for s in direct]
        assert find_signals(doc, ctx) is screened  # one list, filled in place
        assert screened == direct and UNFILLED not in doc.memo
        misfits += sum(s.rule == MISFIT_RULE for s in direct)
        suggested += sum(s.rule == MISFIT_RULE and bool(s.suggestions) for s in direct)
    assert misfits > 20 and suggested > 3  # the fills did run, and some gave a suggestion


def test_a_quiet_text_never_asks_for_a_fill(linter, data_dir, monkeypatch):
    from textlint_news.checks import spin as spin_check
    from textlint_news.spin import lm_swaps

    asked = []
    real = lm_swaps.fill_blank
    monkeypatch.setattr(lm_swaps, "fill_blank", lambda *a, **k: asked.append(a[1]) or real(*a, **k))
    quiet = loud = 0
    for path in sorted(data_dir.rglob("*.txt"))[::60]:
        doc = Document(path.read_text(encoding="utf-8"))
        asked.clear()
        list(linter.lint_document(doc).issues)
        pending = doc.memo.get(UNFILLED)
        if spin_check.MEMO_KEY in doc.memo:  # the classifier ran: every misfit was filled
            loud += 1
            assert pending is None
        elif pending:
            quiet += 1
            assert asked == []
    assert quiet > 5 and loud > 2


def test_a_table_read_whole_after_many_searches_answers_as_the_dict(tmp_path, monkeypatch):
    from textlint_news import mapped
    from textlint_news.model_cache import CACHE_ENV

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(mapped, "_SEARCHES_BEFORE_WHOLE", 50)
    source = tmp_path / "source.txt"
    source.write_text("one\n", encoding="utf-8")
    values = {f"w{n}": n * 7 for n in range(300)} | {"naïve": 0, "日本 語": 3}
    floats = {f"f{n}": 1 / (n + 3) for n in range(300)}
    for built in (values, floats):
        mapped.mapped_table(f"t{len(built)}", [source], lambda: built)
        table = mapped.mapped_table(f"t{len(built)}", [source], lambda: built)
        assert isinstance(table, mapped.MappedTable)
        asked = [*built][:40] + [f"absent{n}" for n in range(40)]
        first = [table.get(k, -1) for k in asked]  # searched: 80 first sights, whole after 50
        assert table._complete
        assert first == [built.get(k, -1) for k in asked]
        assert all(table.get(k) == v and type(table.get(k)) is type(v) for k, v in built.items())
        assert table.get("absent") is None and "absent" not in table and len(table) == len(built)
        table.clear_memo()  # a long text's windows: searched again, never read whole (memory bounded)
        asked = [*built] + [f"absent{n}" for n in range(40)]
        assert [table.get(k, -1) for k in asked] == [built.get(k, -1) for k in asked]
        assert not table._complete
