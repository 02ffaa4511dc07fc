"""The shipped rare-synonym candidates: a faithful, current copy of what the detector works out."""
from __future__ import annotations

import pytest

from textlint_news.resources import rules_dir
from textlint_news.spin import candidates as shipped
from textlint_news.spin.rarity import RarityThresholds, RareSynonymScorer, load_collocations

WORDS = ["stays", "affixed", "facility", "satisfy", "primary", "protracted", "brought out",
         "calendar month", "government", "zebra", "said", "xqzvwk", "unaffixable"]


def scorers(limits: RarityThresholds = RarityThresholds()) -> tuple[RareSynonymScorer, RareSynonymScorer]:
    table = load_collocations("data/collocations.tsv")
    return RareSynonymScorer(table, limits), RareSynonymScorer(table, limits, shipped=False)


def test_the_shipped_table_is_a_rebuild():
    from corpora.build_candidates import build

    text = (rules_dir() / shipped.TABLE).read_text(encoding="utf-8")
    assert build() == text, "rules/data/rare_candidates.tsv is stale: run python corpora/build_candidates.py"


def test_shipped_candidates_are_the_worked_out_ones():
    with_table, without = scorers()
    assert with_table._table is not None
    for word in WORDS:
        assert with_table.candidates(word) == without.candidates(word), word
    assert with_table.candidates("satisfy") and with_table.candidates("government") == ()
    assert with_table._table.covers("government") and not with_table._table.covers("xqzvwk")  # worked out


def test_the_table_answers_only_for_its_own_thresholds():
    assert shipped.load_table(RarityThresholds()) is not None
    other = RarityThresholds(min_zipf_gap=0.8)
    assert shipped.load_table(other) is None
    with_table, without = scorers(other)
    assert with_table._table is None
    assert with_table.candidates("stays") == without.candidates("stays")
    assert shipped.load_table(RarityThresholds(max_word_zipf=5.0)) is None
    assert shipped.load_table(RarityThresholds(min_gain=1.0)) is not None  # context thresholds do not count


def test_a_missing_or_unfingerprinted_table_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setattr(shipped, "TABLE", "data/no_such_table.tsv")
    assert shipped.load_table(RarityThresholds()) is None
    fake = tmp_path / "rules"
    (fake / "data").mkdir(parents=True)
    for name in ("synonyms.tsv", "inflections.tsv"):
        (fake / "data" / name).write_bytes((rules_dir() / "data" / name).read_bytes())
    table = fake / "data" / "no_such_table.tsv"
    table.write_text("stays\tremains:1.0\n", encoding="utf-8")
    monkeypatch.setattr("textlint_news.resources.rules_dir", lambda: fake)
    assert shipped.load_table(RarityThresholds()) is None
    fitting = "# fingerprint: " + shipped.fingerprint(RarityThresholds()) + "\n"
    table.write_text(fitting + "stays\tremains:1.0\n", encoding="utf-8")
    assert shipped.load_table(RarityThresholds()).get("stays") == (("remains", 1.0),)
    table.write_text(fitting + "stays remains:1.0\n", encoding="utf-8")  # damaged
    assert shipped.load_table(RarityThresholds()) is None


@pytest.mark.parametrize("text", [
    "The deal stays on course after the ministers refused to satisfy the protesters.",
    "Officials brought out a protracted plan to affix the region to the bloc this calendar month.",
])
def test_the_detector_finds_the_same_with_and_without_the_table(text):
    with_table, without = scorers()
    assert with_table.find(text) == without.find(text)


def test_the_table_s_phrases_are_found_as_the_pair_scan_finds_them():
    # With the table its plain phrases meet the text's word pairs; without, the thesaurus's
    # phrase forms do. Word boundaries as Python's \b: any script's letters, digits, "_".
    text = ("they were laying out the plan; xlaying out; laying out9 and laying_out, élaying out, "
            "firms lay off workers (lay off) lay off!  lay\noff, calendar month, calendar months")
    with_table, without = scorers()
    assert with_table._table is not None and without._table is None
    assert "laying out" in with_table._plain_pairs and not without._plain_pairs
    found = with_table._phrases_in(text)
    assert found == without._phrases_in(text)
    assert {"laying out", "lay off", "calendar month"} <= set(found)
    assert with_table._phrases_in("xlaying out, élaying out and laying out9 or laying_out") == []


def test_the_shipped_commoner_synonyms_are_a_rebuild():
    from corpora.build_candidates import build_commoner

    text = (rules_dir() / shipped.COMMONER_TABLE).read_text(encoding="utf-8")
    assert build_commoner() == text, \
        "rules/data/commoner_synonyms.tsv is stale: run python corpora/build_candidates.py"


def test_shipped_commoner_synonyms_are_the_worked_out_ones():
    from textlint_news.spin.candidates import commoner_single_synonyms
    from textlint_news.spin.features import commoner_synonyms, rarity_gap

    table = shipped.load_commoner_table()
    assert table is not None
    for word in ["facility", "satisfy", "protracted", "stays", "long", "government", "zebra", "said"]:
        assert table.get(word) == commoner_single_synonyms(word), word
    assert table.get("protracted") and table.get("long") == ()  # "long" is commoner than its synonyms
    assert table.get("xqzvwk") is None and table.get("Facility") is None  # not covered: worked out
    assert rarity_gap("protracted") >= 1.0 and "long" in commoner_synonyms("protracted")


def test_a_commoner_table_from_other_sources_is_not_used(tmp_path, monkeypatch):
    fake = tmp_path / "rules"
    (fake / "data").mkdir(parents=True)
    for name in ("synonyms.tsv", "inflections.tsv"):
        (fake / "data" / name).write_bytes((rules_dir() / "data" / name).read_bytes())
    monkeypatch.setattr("textlint_news.resources.rules_dir", lambda: fake)
    assert shipped.load_commoner_table() is None  # missing
    table = fake / shipped.COMMONER_TABLE
    table.write_text("# fingerprint: " + shipped.fingerprint(RarityThresholds()) + "\nstays\tremains\n",
                     encoding="utf-8")
    assert shipped.load_commoner_table() is None  # the candidate table's fingerprint
    table.write_text("# fingerprint: " + shipped.fingerprint(None) + "\nstays\tremains\n", encoding="utf-8")
    assert shipped.load_commoner_table().get("stays") == ("remains",)
    (fake / "data" / "synonyms.tsv").write_text("other\n", encoding="utf-8")
    assert shipped.load_commoner_table() is None  # built from another synonym table
