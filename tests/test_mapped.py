"""Tables mapped from the user cache: exact look-ups, written once, rebuilt when damaged."""
from __future__ import annotations

from pathlib import Path

import pytest

from textlint_news.model_cache import CACHE_ENV
from textlint_news.mapped import COPY_PREFIX, TABLE_FILE, MappedTable, cached_value, mapped_table


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source.txt"
    path.write_text("one\n", encoding="utf-8")
    return path


TABLE = {"the": 5, "of the": 3, "naïve": 2, "日本": 1, "": 7}


def test_a_mapped_table_answers_as_the_dict(tmp_path, source, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    built = []

    def build() -> dict[str, int]:
        built.append(1)
        return dict(TABLE)

    first = mapped_table("words", [source], build, lambda t: {"total": sum(t.values())})
    again = mapped_table("words", [source], build)
    assert isinstance(first, MappedTable) and isinstance(again, MappedTable)
    assert len(built) == 1  # the second load maps the copy the first one wrote
    for key, value in TABLE.items():
        assert again.get(key) == value and type(again.get(key)) is int
    assert again.get("them") is None and again.get("of", 0) == 0 and len(again) == len(TABLE)
    assert again.meta == {"total": 18}


def test_float_values_round_trip_exactly(tmp_path, source, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    values = {f"w{n}": 1 / (n + 3) for n in range(1000)}
    table = mapped_table("floats", [source], lambda: values)
    table = mapped_table("floats", [source], lambda: values)
    assert isinstance(table, MappedTable)
    assert all(table.get(k) == v for k, v in values.items())


def test_a_changed_source_or_a_damaged_copy_is_built_again(tmp_path, source, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    mapped_table("words", [source], lambda: dict(TABLE))
    source.write_text("changed source\n", encoding="utf-8")
    assert mapped_table("words", [source], lambda: {"new": 1}).get("new") == 1
    copies = list((tmp_path / "cache").glob(COPY_PREFIX + "words-*"))
    assert len(copies) == 2  # the other source's copy is kept beside it (a few are: `prune`)
    for copy in copies:
        (copy / TABLE_FILE).write_bytes(b"damaged")
    assert mapped_table("words", [source], lambda: {"again": 2}).get("again") == 2
    for copy in (tmp_path / "cache").glob(COPY_PREFIX + "words-*"):  # cut short: built again too
        data = (copy / TABLE_FILE).read_bytes()
        (copy / TABLE_FILE).write_bytes(data[:-3])
    assert mapped_table("words", [source], lambda: {"third": 3}).get("third") == 3


def test_a_copy_of_the_first_format_is_not_read(tmp_path, source, monkeypatch):
    """The copy format is part of a copy's key: copies of the first format's .npy arrays
    (an older release's, sharing the cache) are never opened as this one, nor rebuilt."""
    from textlint_news import mapped

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    mapped_table("words", [source], lambda: dict(TABLE))
    monkeypatch.setattr(mapped, "COPY_FORMAT", 1)
    older = mapped_table("words", [source], lambda: {"older": 1})
    assert older.get("older") == 1 and older.get("the") is None
    assert len(list((tmp_path / "cache").glob(COPY_PREFIX + "words-*"))) == 2


def test_without_a_cache_the_dict_itself_is_used(tmp_path, source, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "off")
    assert mapped_table("words", [source], lambda: dict(TABLE)) == TABLE
    assert cached_value("set", [source], lambda: frozenset({"a b"})) == frozenset({"a b"})


def test_a_cached_value_is_read_back(tmp_path, source, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    built = []

    def build() -> frozenset[str]:
        built.append(1)
        return frozenset({"brought out", "points out"})

    assert cached_value("forms", [source], build) == cached_value("forms", [source], build)
    assert len(built) == 1
    copy = next((tmp_path / "cache").glob(COPY_PREFIX + "forms-*"))
    copy.write_bytes(b"\x00damaged")
    assert cached_value("forms", [source], build) == frozenset({"brought out", "points out"})
    assert len(built) == 2


def test_shipped_tables_read_the_same_from_a_copy(tmp_path, monkeypatch):
    """symspellpy's pair counts and a wordfreq list give the same answers mapped as parsed."""
    from textlint_news import languages
    from textlint_news.spin import general

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    folder = general._package_folder("symspellpy")
    parsed = general._read_pairs(folder / general.PAIRS_FILE)
    general.general_bigrams.cache_clear()
    languages._small_list.cache_clear()
    try:
        general.general_bigrams()
        general.general_bigrams.cache_clear()
        mapped = general.general_bigrams()  # from the copy the first call wrote
        assert isinstance(mapped.pairs, MappedTable)
        assert mapped.rarest_pair == min(parsed.values())
        for key in list(parsed)[::997]:
            assert mapped.pairs.get(key) == parsed[key]
        import wordfreq

        languages._small_list("de")
        languages._small_list.cache_clear()
        german = languages._small_list("de")
        assert isinstance(german, MappedTable)
        expected = wordfreq.get_frequency_dict("de", "small")
        assert all(german.get(k) == v for k, v in list(expected.items())[::101])
    finally:
        general.general_bigrams.cache_clear()
        languages._small_list.cache_clear()


def test_the_collocations_read_the_same_from_a_copy(tmp_path, monkeypatch):
    """The clean-news counts give the same answers from the cache (read whole) as parsed and
    as built without a cache, for pairs present and absent."""
    from textlint_news.resources import rules_dir
    from textlint_news.spin import rarity

    words, pairs = rarity._read_collocations(rules_dir() / "data" / "collocations.tsv")
    rarity.load_collocations.cache_clear()
    try:
        monkeypatch.setenv(CACHE_ENV, "off")
        built = rarity.load_collocations("data/collocations.tsv")  # dicts
        rarity.load_collocations.cache_clear()
        monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
        rarity.load_collocations("data/collocations.tsv")  # writes the copies
        rarity.load_collocations.cache_clear()
        read = rarity.load_collocations("data/collocations.tsv")
        assert isinstance(read.words, MappedTable) and not isinstance(built.words, MappedTable)
        for table in (built, read):
            assert table.total == sum(words.values())
            for (left, right), count in list(pairs.items())[::97]:
                assert table.pair(left, right) == count and (left, right) in table.pairs
                assert table.pair(right, left) == pairs.get((right, left), 0)
            assert table.pair("the", "zzqx") == 0 and ("the", "zzqx") not in table.pairs
            assert all(table.count(w) == n for w, n in list(words.items())[::31])
    finally:
        rarity.load_collocations.cache_clear()


def test_a_value_marshal_cannot_write_is_returned_unkept(tmp_path, source, monkeypatch):
    import datetime

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    assert cached_value("dated", [source], lambda: {"on": datetime.date(2024, 5, 1)}) == {
        "on": datetime.date(2024, 5, 1)}
    assert not list((tmp_path / "cache").glob(COPY_PREFIX + "dated-*"))


def test_shipped_yaml_and_packs_read_the_same_from_the_cache(tmp_path, monkeypatch):
    """A settings file and a rule pack give the same value and rules from the cache as parsed."""
    import yaml

    from textlint_news import resources, rulepack

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    path = resources.rules_dir() / "settings" / "wrapper.yml"
    parsed = yaml.safe_load(path.read_text(encoding="utf-8"))
    pack = resources.builtin_packs()[0]
    resources.load_data.cache_clear()
    rulepack._load_pack.cache_clear()
    try:
        assert resources.load_data("settings/wrapper.yml") == parsed
        first = rulepack.load_pack(pack)
        resources.load_data.cache_clear()
        rulepack._load_pack.cache_clear()
        assert len(list((tmp_path / "cache").glob(COPY_PREFIX + "*.marshal"))) == 2
        assert resources.load_data("settings/wrapper.yml") == parsed  # read back
        again = rulepack.load_pack(pack)
        assert [(r.id, r.line) for r in again] == [(r.id, r.line) for r in first] and len(first) > 3
    finally:
        resources.load_data.cache_clear()
        rulepack._load_pack.cache_clear()


def test_look_ups_are_exact_across_buckets_and_hash_collisions(tmp_path, source, monkeypatch):
    """A look-up reads the one bucket its hash picks; runs of equal hashes (forced here:
    seven hash values for 2,100 keys) fill a bucket each and are all checked."""
    import zlib

    from textlint_news import mapped

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(mapped, "_hash", lambda key: (zlib.crc32(key) % 7) << 61)
    values = {f"key-{n}": n for n in range(2100)}
    table = mapped_table("collide", [source], lambda: values)
    assert isinstance(table, MappedTable) and table._buckets > 7
    assert all(table.get(k) == v for k, v in values.items()) and table.get("key-x") is None
    whole = mapped_table("collide", [source], lambda: {}, whole=True)  # the same copy, read whole
    assert isinstance(whole, MappedTable) and whole._whole is not None
    assert all(whole.get(k) == v for k, v in values.items()) and whole.get("key-x") is None
    assert dict(zip(table, (table.get(k) for k in table))) == values


def test_every_key_lies_in_the_bucket_its_hash_picks(tmp_path, source, monkeypatch):
    from textlint_news import mapped

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    values = {f"w{n}": n / 7 for n in range(5000)}
    mapped_table("buckets", [source], lambda: values)
    table = mapped_table("buckets", [source], lambda: {})
    assert table._buckets == -(-5000 // mapped._BUCKET_KEYS)
    seen = 0
    for number in range(table._buckets):
        hashes, found, ends, keys = table._bucket(number)
        assert list(hashes) == sorted(hashes) and len(found) == len(hashes) == len(ends) - 1
        for i, h in enumerate(hashes):
            key = bytes(keys[ends[i]:ends[i + 1]])
            assert h == mapped._hash(key) and (h * table._buckets) >> 64 == number
            assert found[i] == values[key.decode()]
        seen += len(hashes)
    assert seen == len(table) == 5000


def test_file_lines_are_read_where_asked(tmp_path):
    from textlint_news.mapped import FileLines

    long = "x" * 10_000  # longer than one read
    path = tmp_path / "table.tsv"
    path.write_bytes(f"# head\nword\tvalue\n{long}\tend\nlast\tno break".encode())
    lines = FileLines(path)
    text = path.read_bytes()
    for at in (0, text.index(b"word"), text.index(b"value"), text.index(b"x"), text.index(b"last")):
        assert lines.line(at) == text[at:].split(b"\n", 1)[0]
    assert lines.line(len(text)) == b"" and lines.whole() == text


def test_npy_headers_read_as_literal_eval_reads_them():
    """The usual 1-d header is read as text; any other by `ast.literal_eval`, as before."""
    import ast
    import io

    np = pytest.importorskip("numpy")
    from textlint_news.mapped import _npy_dict

    for array in (np.zeros(5, np.uint64), np.zeros(0, np.int64), np.arange(123_456, dtype=np.float64),
                  np.zeros(3, np.int32), np.zeros((2, 3)), np.zeros(3, ">u8"), np.zeros(4, order="F")):
        saved = io.BytesIO()
        np.save(saved, array)
        raw = saved.getvalue()
        text = raw[10:10 + int.from_bytes(raw[8:10], "little")].decode("latin-1")
        assert _npy_dict(text) == ast.literal_eval(text)
    assert _npy_dict("{'descr': '<u8', 'fortran_order': True, 'shape': (5,), }")["fortran_order"] is True


def test_a_table_read_whole_is_mapped_and_answers_as_the_dict_after_its_copy_goes(tmp_path, source, monkeypatch):
    import shutil

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    values = {f"w{n}": n * 7 for n in range(3000)} | TABLE
    mapped_table("whole", [source], lambda: values, whole=True)
    table = mapped_table("whole", [source], lambda: pytest.fail("built again"), whole=True)
    assert isinstance(table, MappedTable)
    assert isinstance(table._whole, memoryview)
    for copy in (tmp_path / "cache").glob(COPY_PREFIX + "whole-*"):
        shutil.rmtree(copy)  # a newer copy replacing it, a prune: the mapping stays readable
    assert all(table.get(k) == v for k, v in values.items()) and table.get("w3000") is None
    assert sorted(table) == sorted(values)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    mapped_table("none", [tmp_path / "empty.txt"], lambda: {}, whole=True)
    empty = mapped_table("none", [tmp_path / "empty.txt"], lambda: {}, whole=True)
    assert isinstance(empty, MappedTable) and len(empty) == 0 and empty.get("x") is None
