"""What a cold run loads: only what the text needs, and the lighter forms give the same answers."""
import subprocess
import sys
from pathlib import Path

import pytest

from textlint_news.kinds.base import GuardPattern
from textlint_news.mapped import FirstLookups
from textlint_news.patterns import compile_pattern
from textlint_news.rulepack import PackError, load_pack


def _fresh(code: str) -> str:
    """stdout of `code` run in a fresh interpreter (nothing imported yet)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_names_check_runs_without_numpy(data_dir):
    # held-out articles with several people named: the check asks the distance of every
    # spelling to every other, which took numpy's matrix before
    paths = sorted((data_dir / "bbc" / "politics").glob("*.txt"))[-5:]
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from textlint_news.config import Config\n"
        "from textlint_news.engine import Linter\n"
        "linter = Linter(Config(select=['names']))\n"
        f"for p in {[str(p) for p in paths]!r}:\n"
        "    linter.lint(Path(p).read_text(encoding='utf-8'))\n"
        "print(sorted(c.name for c in linter.checks), 'numpy' in sys.modules)\n")
    _fresh(code)  # the model cache's tables are written (with numpy) by the first run
    out = _fresh(code)
    assert out.split() == ["['names',", "'packs']", "False"], out


@pytest.mark.parametrize("cells", [0, 10**12])  # one matrix (a long text), a call per row (an article)
def test_near_spellings_match_the_pairwise_distances(data_dir, monkeypatch, cells):
    from rapidfuzz.distance import OSA

    from textlint_news.names import typos
    from textlint_news.names.typos import _within_two_edits, fold

    monkeypatch.setattr(typos, "_MATRIX_CELLS", cells)

    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((data_dir / "bbc" / "sport").glob("*.txt"))[-20:])
    keys = sorted({w.strip(".,;:'\"()") for w in text.split() if w[:1].isupper()} - {""})
    rows = list(range(0, len(keys), 3))
    found = _within_two_edits(rows, keys)
    folded = [fold(k) for k in keys]
    expected = {}
    for row in rows:
        near = sorted((OSA.distance(folded[row], folded[c]), c) for c in range(len(keys))
                      if c != row and OSA.distance(folded[row], folded[c]) <= 2)
        if near:
            expected[row] = [(keys[c], d) for d, c in near]
    assert found == expected
    assert len(found) > 10  # the test asks real near spellings ("Wales"/"Walsh", plurals)


def test_guard_patterns_are_compiled_at_their_first_search():
    # a fresh process: in this one other tests' texts have run guards already
    out = _fresh(
        "from textlint_news.resources import rules_dir\n"
        "from textlint_news.rulepack import load_pack\n"
        "rules = load_pack(rules_dir() / 'spin.yml')\n"
        "guards = {p for r in rules for s in getattr(r, 'swaps', {}).values()\n"
        "          for p in (*s.guards.before, *s.guards.not_before, *s.guards.after, *s.guards.not_after)}\n"
        "print(len(guards), sum(p._regex is not None for p in guards))\n")
    count, compiled = map(int, out.split())
    assert count > 50 and compiled == 0, out


def test_a_guard_pattern_finds_what_its_compiled_pattern_finds():
    pattern = GuardPattern("(?:the court)\\z", True)
    for probe in ("said on Monday that The Court", "the court said", ""):
        assert bool(pattern.search(probe)) == bool(compile_pattern(pattern.pattern, True).search(probe))
    assert pattern._regex is compile_pattern(pattern.pattern, True)


def test_a_bad_guard_is_still_refused_when_its_pack_loads(tmp_path):
    pack = tmp_path / "bad.yml"
    pack.write_text("rules:\n"
                    "  - id: x.swap\n    kind: substitution\n    category: spin\n"
                    "    swap:\n      utilise:\n        to: use\n        before: '(?<=a)b'\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"bad\.yml:\d+: rule x\.swap: invalid pattern"):
        load_pack(pack)


def test_the_collocation_pairs_share_one_string_per_word():
    from textlint_news.resources import rules_dir
    from textlint_news.spin.rarity import _read_collocations

    words, pairs = _read_collocations(rules_dir() / "data" / "collocations.tsv")
    strings = {id(s) for pair in pairs for s in pair}
    distinct = {s for pair in pairs for s in pair}
    assert len(pairs) > 50_000
    assert len(strings) == len(distinct)


def test_the_identifier_keeps_its_row_offsets_in_one_array():
    from textlint_news.identifier import identifier

    found = identifier()
    assert isinstance(found._rowbase, memoryview)
    assert list(found._rowbase) == [r << 8 for r in found.tk_row]
    assert found.classify("Le ministre a parlé lundi de la situation économique du pays.")[0] == "fr"


@pytest.mark.parametrize("name", ["001.txt", "006.txt"])
def test_a_clean_article_is_linted_without_numpy(data_dir, name):
    # every default check on: fill-the-blank and the span trees run without numpy, and an
    # English headline ("Ad sales boost Time Warner profit", 001) no longer asks the
    # language identifier (py3langid imports numpy)
    path = data_dir / "bbc" / "business" / name
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from textlint_news.engine import Linter\n"
        "linter = Linter()\n"
        f"issues = linter.lint(Path({str(path)!r}).read_text(encoding='utf-8'))\n"
        "from textlint_news.spin import lexicon, lm_fill, trees\n"
        "print(lm_fill._fill.cache_info().misses > 0, trees._plain_rows[0] > 0,\n"
        "      'numpy' in sys.modules, 'py3langid' in sys.modules,\n"
        "      lexicon.phrase_forms()._left < lexicon.PHRASE_FORM_LOOKUPS, lexicon.phrase_forms().loaded)\n"
        "from textlint_news.checks.wrapper import ENGLISH_LOOKUPS, _english_vocabulary\n"
        "print(_english_vocabulary(20000)._left < ENGLISH_LOOKUPS, _english_vocabulary(20000).loaded)\n")
    _fresh(code)  # the model cache's tables are written (with numpy) by the first run
    # ... and the phrase forms and the wrapper's English words were asked, of their mapped
    # copies: their sets were not read
    assert _fresh(code).split() == ["True", "True", "False", "False", "True", "False", "True", "False"]


def test_a_cold_article_is_scored_from_the_trie_without_loading_pocketsphinx(data_dir, tmp_path):
    # the `lint` command on one article: its language model's look-ups (about 1,500, fewer
    # than `cold_scores`) are all read from the trie mapped from the model cache
    path = data_dir / "bbc" / "business" / "001.txt"
    code = (
        "import sys\n"
        "from textlint_news.cli import main\n"
        f"sys.argv = ['textlint-news', 'lint', {str(path)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "from textlint_news.spin.lm import language_model\n"
        "lm = language_model()\n"
        "print(sorted(m for m in sys.modules if 'pocketsphinx' in m), lm.warmed,\n"
        "      0 < lm._cold_asked <= lm.cold_scores, 'lm-trie-' in open('/proc/self/maps').read())\n"
        "lm.warm()  # as past `cold_scores`: PocketSphinx loaded, the trie's mapping let go\n"
        "print(lm.warmed, 'lm-trie-' in open('/proc/self/maps').read())\n")
    if not Path("/proc/self/maps").exists():
        pytest.skip("no /proc/self/maps")
    _fresh(code)  # the model cache's copies are written by the first run
    assert _fresh(code).split()[-6:] == ["[]", "False", "True", "True", "True", "False"]


def test_a_clean_article_is_linted_without_hashlib(data_dir):
    # the cache's keys and the mapped tables' hashes come from hashlib's own blake2b and
    # sha256 modules: hashlib itself loads OpenSSL (4-8 ms of a cold start)
    pytest.importorskip("_sha256")
    pytest.importorskip("_blake2")
    import hashlib

    from textlint_news import model_cache

    assert model_cache.sha256(b"x\0y").hexdigest() == hashlib.sha256(b"x\0y").hexdigest()
    assert model_cache.blake2b(b"word", digest_size=8).digest() == hashlib.blake2b(b"word", digest_size=8).digest()
    path = data_dir / "bbc" / "business" / "001.txt"
    code = (
        "import sys\n"
        "from textlint_news.__main__ import run\n"
        f"sys.argv = ['textlint-news', 'lint', '--no-progress', {str(path)!r}]\n"
        "try:\n"
        "    run()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('hashlib' in sys.modules, file=sys.stderr)\n")
    _fresh(code)  # the model cache's tables are written by the first run
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.stderr.split()[-1] == "False", done.stderr


def test_the_wrapper_s_english_words_answer_as_their_set(data_dir, monkeypatch):
    from textlint_news.checks import wrapper
    from textlint_news.english import top_words

    whole = top_words(20000)
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((data_dir / "recovery").glob("*.txt"))[:30])
    asked = sorted(set(text.lower().split())) + sorted(whole)[::5]
    monkeypatch.setattr(wrapper, "ENGLISH_LOOKUPS", len(asked))
    fresh = wrapper._english_vocabulary.__wrapped__(20000)
    assert isinstance(fresh, FirstLookups) and not fresh.loaded
    assert [a in fresh for a in asked] == [a in whole for a in asked] and not fresh.loaded
    assert [a in fresh for a in asked] == [a in whole for a in asked] and fresh.loaded
    assert sum(a in whole for a in asked) > 4000


def test_the_phrase_forms_answer_as_their_set_before_and_after_it_is_read(data_dir, monkeypatch):
    import re

    from textlint_news.spin import lexicon

    whole = lexicon._phrase_forms()
    text = " ".join(p.read_text(encoding="utf-8").lower()
                    for p in sorted((data_dir / "bbc" / "business").glob("*.txt"))[:40])
    words = re.findall(r"[a-z]+", text)
    asked = [f"{a} {b}" for a, b in zip(words, words[1:])] + sorted(whole)[::7] + ["", "out", "x y z"]
    monkeypatch.setattr(lexicon, "PHRASE_FORM_LOOKUPS", len(asked))
    fresh = lexicon.phrase_forms.__wrapped__()  # not the process's (a preload may have read its set)
    assert isinstance(fresh, FirstLookups) and not fresh.loaded
    assert [a in fresh for a in asked] == [a in whole for a in asked]  # every one mapped ...
    assert not fresh.loaded and sum(a in whole for a in asked) > 5000
    assert [a in fresh for a in asked] == [a in whole for a in asked]  # ... then from the set
    assert fresh.loaded and set(fresh) == whole and len(fresh) == len(whole)
    assert fresh.intersection(asked) == whole.intersection(asked)


def test_an_edge_line_with_more_english_than_native_words_does_not_ask_the_identifier(monkeypatch):
    from textlint_news import edge_lines
    from textlint_news.edge_lines import EdgeLimits, edge_languages

    asked = []
    real = edge_lines._probabilities
    monkeypatch.setattr(edge_lines, "_probabilities", lambda text, codes: asked.append(text) or real(text, codes))
    limits = EdgeLimits()
    assert edge_languages(["Ad sales boost Time Warner profit"], limits) == [None]
    assert asked == []  # 'sales', 'boost' English in every language's eyes: no verdict possible
    found = edge_languages(["Fuente: Reuters | Versión para imprimir"], limits)
    assert found[0] is not None and found[0][0] == "es" and asked  # a native line still asks it


def test_fill_the_blank_lists_the_same_words_with_and_without_numpy(monkeypatch):
    pytest.importorskip("pocketsphinx")
    import numpy as np  # noqa: F401  (the numpy way runs once it is imported)

    from textlint_news.spin import lm_index

    index = lm_index.bigram_index()
    pairs = [("the", "of"), ("an", "browser"), ("prime", "said"), ("web", "is"), ("of", "the"),
             ("said", "would"), ("zzqxw", "the")]
    ids = [(index.id(a), index.id(b)) for a, b in pairs]
    with_numpy = [index.between(a, b, 45) for a, b in ids if a is not None and b is not None]
    monkeypatch.delitem(sys.modules, "numpy")
    monkeypatch.setattr(index, "_plain", 0)
    plain = [index.between(a, b, 45) for a, b in ids if a is not None and b is not None]
    assert plain == with_numpy
    assert len(with_numpy) == 6 and all(len(found) == 45 for found in with_numpy[:1] + with_numpy[4:5])


def test_the_span_trees_score_the_same_with_and_without_numpy(monkeypatch):
    import random

    from textlint_news.spin import trees
    from textlint_news.spin.classifier import load_model

    model = load_model().span
    assert isinstance(model, trees.TreeModel)
    rng = random.Random(18)
    rows = [{name: rng.choice([mean, mean * rng.uniform(0, 3), 0.0, rng.uniform(-5, 5)])
             for name, mean in zip(model.features, model.mean) if rng.random() < 0.9} for _ in range(300)]
    import numpy as np

    with_numpy = model.probabilities(rows)
    monkeypatch.delitem(sys.modules, "numpy")
    monkeypatch.setattr(trees, "_plain_rows", [0])
    plain = model.probabilities(rows[:200]) + model.probabilities(rows[200:256])
    assert trees._plain_rows[0] == 256 and plain == with_numpy[:256]
    sums = np.array([[rng.gauss(0, 1) * 10 ** rng.randint(-6, 2) for _ in range(n)] for n in (1, 7, 9, 129, 300)
                     for _ in range(1)], dtype=object)
    for row in sums:  # numpy's pairwise order, bit for bit, on lengths either side of its blocks
        assert trees._pairwise_sum(list(row)) == np.array(row, dtype=float).sum()


def test_the_spinner_map_reads_back_from_the_cache_as_parsed(tmp_path, monkeypatch):
    from textlint_news.model_cache import CACHE_ENV
    from textlint_news.resources import load_data
    from textlint_news.spin.spinner_map import load_map, parse_map

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    parsed = parse_map(load_data("data/spinner_map.tsv"))
    load_map.cache_clear()
    try:
        first = load_map("data/spinner_map.tsv")  # written
        (copy,) = tmp_path.glob("table-spinner-map-*.pickle")
        load_map.cache_clear()
        assert load_map("data/spinner_map.tsv") == first == parsed and len(parsed) > 500
        copy.write_bytes(copy.read_bytes()[:100])  # damaged: parsed again, no error
        load_map.cache_clear()
        assert load_map("data/spinner_map.tsv") == parsed
    finally:
        load_map.cache_clear()


def test_the_capitalised_part_class_is_the_ranges_it_replaces():
    # written as a complement, which `re` compiles in 0.6 ms, not 10-18
    import re

    from textlint_news.names.mentions import _CAPITALISED_PART

    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    first = re.compile(_CAPITALISED_PART.pattern.split("(?<=", 1)[0], re.DOTALL)
    assert first.findall(everything) == re.findall(r"[A-Z\u00c0-\u1fff\u2070-\U0010ffff]", everything)


def _lazy_patterns() -> dict[str, object]:
    import importlib

    from textlint_news.lazy_re import LazyPattern

    found = {}
    for name in ("boilerplate", "duplicate", "embed", "encoding", "layout", "metadata", "wrapper"):
        module = importlib.import_module(f"textlint_news.checks.{name}")
        found.update({f"{name}.{attr}": value for attr, value in vars(module).items()
                      if isinstance(value, LazyPattern)})
    return found


def test_a_lazy_pattern_is_the_pattern_it_stands_for(seeds_dir):
    import re

    from textlint_news.lazy_re import LazyPattern

    patterns = _lazy_patterns()
    assert len(patterns) >= 10
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt")))
    text += "\nByJohn Smith said — Jane (@jane) July 1, 2020\nÃ©tÃ© \u0080 Привет мир , “ quoted ” by Reuters"
    for name, lazy in patterns.items():
        eager = re.compile(*lazy.source)
        fresh = LazyPattern(*lazy.source)
        assert [m.span() for m in fresh.finditer(text)] == [m.span() for m in eager.finditer(text)], name
        assert fresh.compiled and fresh.search is not None and not isinstance(fresh.search, LazyPattern)
        assert (fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex) == \
            (eager.pattern, eager.flags, eager.groups, eager.groupindex), name
        assert fresh.sub("", text) == eager.sub("", text) and fresh.split(text) == eager.split(text)
    with pytest.raises(AttributeError):
        LazyPattern("a").scanner  # noqa: B018  (only the listed attributes)


def test_a_clean_article_compiles_none_of_the_lazy_patterns_of_rarer_damage(data_dir):
    path = data_dir / "bbc" / "business" / "001.txt"
    code = (
        "from pathlib import Path\n"
        "from textlint_news.engine import Linter\n"
        "from textlint_news.lazy_re import LazyPattern\n"
        "import textlint_news.checks as checks, sys\n"
        f"Linter().lint(Path({str(path)!r}).read_text(encoding='utf-8'))\n"
        "lazy = [v for name, m in sys.modules.items() if name.startswith('textlint_news.checks.')\n"
        "        for v in vars(m).values() if isinstance(v, LazyPattern)]\n"
        "print(len(lazy), sum(v.compiled for v in lazy))\n")
    total, compiled = map(int, _fresh(code).split())
    assert total >= 10 and compiled == 0, (total, compiled)


def test_the_name_tables_are_read_once_and_as_their_files_say():
    from textlint_news.resources import load_data
    from textlint_news.spin import name_capitals, spun_names
    from textlint_news.spin.settings import NameSettings

    case = {}
    for line in load_data("data/spin_name_case.tsv"):
        word, upper, lower = line.split("\t")
        case[word] = (int(upper), int(lower))
    names = frozenset(load_data("data/names_capitalised.txt"))
    assert name_capitals.case_table("data/spin_name_case.tsv") == case and len(case) > 5000
    assert name_capitals.word_list("data/names_capitalised.txt") == names and len(names) > 10000
    capitals = name_capitals._tables()
    spun = spun_names._tables(NameSettings())
    assert capitals.case is spun.words.case and capitals.names is spun.capitalised  # one copy of each


@pytest.mark.parametrize("case", ["one small file", "two files", "one large file", "a folder"])
def test_one_small_file_is_linted_with_the_collector_off(tmp_path, monkeypatch, case):
    import gc

    from click.testing import CliRunner

    from textlint_news import cli, lint_run

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("The council met on Tuesday and approved the budget.\n")
    paths = {"one small file": ["a.txt"], "two files": ["a.txt", "b.txt"], "one large file": ["a.txt"],
             "a folder": ["."]}[case]
    if case == "one large file":
        monkeypatch.setattr(cli, "ONE_FILE_NO_GC_BYTES", 10)
    seen = []
    monkeypatch.setattr(lint_run, "run", lambda options: seen.append(gc.isenabled()) or 0)
    monkeypatch.chdir(tmp_path)
    assert gc.isenabled()
    try:
        result = CliRunner().invoke(cli.main, ["lint", *paths])
        assert result.exit_code == 0, result.output
        assert seen == [case != "one small file"] and gc.isenabled()  # on again after the run
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_stop_word_index_answers_as_each_language_s_set(tmp_path, monkeypatch):
    import stopwordsiso

    from textlint_news import edge_lines
    from textlint_news.mapped import MappedTable
    from textlint_news.model_cache import CACHE_ENV

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    codes = sorted(stopwordsiso.langs())
    words = sorted(set().union(*(stopwordsiso.stopwords(code) for code in codes)))
    words += ["druckversion", "the", "", "Und", "zzz"]
    for _ in ("the copy written", "the copy read back"):
        edge_lines._stop_word_index.cache_clear()
        table, _ = edge_lines._stop_word_index()
        assert isinstance(table, MappedTable)
        for code in (*codes, "xx", "DE"):
            expected = edge_lines._package_stop_words(code.lower())
            assert [w for w in words if edge_lines._is_stop_word(w, code)] == [w for w in words if w in expected]
    edge_lines._stop_word_index.cache_clear()


def test_the_command_imports_its_modules_with_the_collector_off_and_turns_it_back_on():
    code = (
        "import gc, sys\n"
        "seen = []\n"
        "gc.callbacks.append(lambda phase, info: phase == 'start' and seen.append(info['generation']))\n"
        "import textlint_news\n"
        "before = len(seen)\n"
        "sys.argv = ['textlint-news', '--version']\n"
        "from textlint_news.__main__ import run\n"
        "try:\n"
        "    run()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(len(seen) - before, gc.isenabled(), gc.get_freeze_count() > 0, 'click' in sys.modules)\n")
    # importing the CLI (click and the rest) ran no collection; frozen and back on after
    assert _fresh(code).split()[-4:] == ["0", "True", "True", "True"]


def test_shipped_settings_read_back_from_the_cache_as_parsed_and_a_changed_table_is_parsed_again(
        tmp_path, monkeypatch):
    from textlint_news import resources, settings
    from textlint_news.checks.duplicate import DuplicateSettings
    from textlint_news.settings import parse_settings, shipped_settings
    from textlint_news.spin.settings import SpinSettings

    monkeypatch.setenv("TEXTLINT_NEWS_MODEL_CACHE", str(tmp_path / "cache"))
    for name, cls in (("spin", SpinSettings), ("duplicate", DuplicateSettings)):  # nested tables, flat
        parsed = parse_settings(cls, resources.check_settings(name), "shipped", "settings")
        shipped_settings.cache_clear()
        assert shipped_settings(name, cls) == parsed  # parsed, then written
        shipped_settings.cache_clear()
        monkeypatch.setattr(settings, "parse_settings", lambda *args: pytest.fail("parsed again"))
        assert shipped_settings(name, cls) == parsed  # read back
        monkeypatch.undo()
        monkeypatch.setenv("TEXTLINT_NEWS_MODEL_CACHE", str(tmp_path / "cache"))
    assert len(list((tmp_path / "cache").glob("table-settings-*.pickle"))) == 2
    # a table changed since its copy was written is parsed again, not read back stale
    table = tmp_path / "duplicate.yml"
    table.write_text(resources.settings_path("duplicate").read_text(encoding="utf-8")
                     .replace("min_block_lines: 3", "min_block_lines: 4"), encoding="utf-8")
    monkeypatch.setattr(resources, "settings_path", lambda name: table)
    monkeypatch.setattr(resources, "check_settings", lambda name: {"min_block_lines": 4})
    shipped_settings.cache_clear()
    assert shipped_settings("duplicate", DuplicateSettings).min_block_lines == 4
    table.write_text("settings:\n  min_block_lines: 5\n", encoding="utf-8")
    monkeypatch.setattr(resources, "check_settings", lambda name: {"min_block_lines": 5})
    shipped_settings.cache_clear()
    assert shipped_settings("duplicate", DuplicateSettings).min_block_lines == 5
    shipped_settings.cache_clear()


def test_the_spin_model_reads_back_from_the_cache_as_parsed(tmp_path, monkeypatch):
    from textlint_news.resources import load_data
    from textlint_news.spin.classifier import MODEL_FILE, SpinModel, load_model

    monkeypatch.setenv("TEXTLINT_NEWS_MODEL_CACHE", str(tmp_path))
    parsed = SpinModel.from_dict(load_data(MODEL_FILE))
    load_model.cache_clear()
    assert load_model() == parsed  # parsed, then written
    load_model.cache_clear()
    monkeypatch.setattr(SpinModel, "from_dict", classmethod(lambda cls, data: pytest.fail("parsed again")))
    model = load_model()  # read back
    load_model.cache_clear()
    assert model == parsed and model.span.threshold == parsed.span.threshold
    assert [type(v) for v in model.span.threshold[:50]] == [float] * 50
    assert len(list(tmp_path.glob("table-spin-model-*.pickle"))) == 1
