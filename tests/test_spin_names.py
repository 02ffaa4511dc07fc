"""spin.name: known names with a word swapped for a synonym, and silence on real names."""
from __future__ import annotations

import re

import pytest

from textlint_news.config import Config
from textlint_news.engine import Linter
from textlint_news.spin.spun_names import NameSettings, find_spun_names

SETTINGS = NameSettings()


def spun(text: str, others: tuple[str, ...] = ()) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[s.start:s.end], s.suggestions) for s in find_spun_names(text, list(others), SETTINGS)]


@pytest.mark.parametrize("text, span, word, name", [
    ("Shares in Residence Depot rose 3% after the results.", "Residence", "Home", "Home Depot"),
    ("Rates were held by the Financial institution of England on Thursday.",
     "Financial institution", "Bank", "Bank of England"),
    ("Profits at Texas Devices fell, and Texas Instruments cut its forecast.", "Devices", "Instruments",
     "Texas Instruments"),
    ("The publisher Digital Arts, known as Electronic Arts, sold more games.", "Digital", "Electronic",
     "Electronic Arts"),
])
def test_a_spun_name_is_found_with_the_real_name(text, span, word, name):
    found = find_spun_names(text, [], SETTINGS)
    assert [(text[s.start:s.end], s.suggestions) for s in found] == [(span, (word,))]
    assert f"Write '{name}'" in found[0].message


def test_a_sister_copy_supplies_the_real_name():
    text = "Sales at Texas Devices fell in the last quarter."
    assert spun(text) == []  # GloVe alone relates 'Devices' and 'Instruments': not enough on its own
    sister = "Sales at Texas Instruments fell in the last quarter."
    assert spun(text, (sister,)) == [("Devices", ("Instruments",))]


@pytest.mark.parametrize("text", [
    "Voters in New Hampshire and New Jersey went to the polls.",
    "The Home Office and the Foreign Office issued a joint statement.",
    "North Korea fired a missile towards South Korea.",
    "The Prime Minister met the First Minister in Edinburgh.",
    "The Home Secretary said the Home Office would review the case.",
    "Simple Labs, also called Simple Laboratories, opened a test site.",
    "Jessica Menton reported; follow Jessica on Twitter. Susan Tompor edits.",
    "The National Safety Council and the UN Security Council met.",
    "Ocean's Twelve followed Ocean's Eleven at the box office.",
])
def test_real_names_that_resemble_others_stay_quiet(text):
    assert spun(text) == []


def test_a_name_that_a_sister_copy_also_writes_stays_quiet():
    text = "The Financial institution of England met."
    assert spun(text, ("Later the Financial institution of England said so.",)) == []


def test_the_linter_reports_spin_name_as_evidence_of_spin():
    issues = [i for i in Linter().lint("Shares in Residence Depot rose after strong sales in the spring.")
              if i.rule == "spin.name"]
    assert [(i.severity, i.suggestions) for i in issues] == [("warning", ("Home",))]
    assert "spin.name" in {r.id for r in Linter().rules}


def test_the_detector_can_be_switched_off():
    off = Linter(Config(settings={"spin": {"detectors": {"names": {"enabled": False}}}}))
    assert not [i for i in off.lint("Shares in Residence Depot rose.") if i.rule == "spin.name"]


@pytest.mark.slow
def test_a_name_spun_in_real_news_is_found(data_dir):
    """Real articles that write 'Bank of England': one occurrence swapped as a spinner would
    ('Financial institution of England'), the rest kept; the swap is found, and the real
    article is quiet."""
    tested = 0
    for path in sorted((data_dir / "bbc" / "business").glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        at = text.find(" Bank of England")
        if at < 0:
            continue
        assert spun(text) == [], path
        swapped = text[:at] + " Financial institution of England" + text[at + len(" Bank of England"):]
        found = spun(swapped)
        assert ("Financial institution", ("Bank",)) in found, path
        tested += 1
    assert tested >= 5


@pytest.mark.slow
def test_quiet_on_all_clean_news(data_dir):
    """No spin.name on clean news (BBC and US outlets: companies, parties, agencies, places,
    people), each article alone and with the articles that share its folder's names."""
    found, articles = [], 0
    for folder in sorted(p for p in data_dir.rglob("*") if p.is_dir() and any(p.glob("*.txt"))):
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]
        for i, text in enumerate(texts):
            neighbours = tuple(texts[max(0, i - 2):i] + texts[i + 1:i + 3])
            found += [(folder.name, i, name) for name in spun(text, neighbours)]
            articles += 1
    assert articles >= 1000
    assert not found, found


def test_gazetteer_holds_multi_word_names_only():
    from textlint_news.resources import load_data

    names = load_data("data/spin_names.txt")
    assert {"Home Depot", "Texas Instruments", "Electronic Arts", "Bank of England"} <= set(names)
    assert all(re.search(r"\S \S", n) for n in names)


def test_a_name_word_is_never_a_swap():
    """'Tory' is a synonym of 'Conservative', but news writes it capitalised: 'Tory Party'
    is another name for the Conservative Party, not a spinner's swap."""
    from textlint_news.spin.spun_names import _tables

    tables = _tables(SETTINGS)
    assert tables.words.name_share("Tory") >= SETTINGS.max_name_share
    assert tables.related("Tory", "Conservative") == ""
    assert tables.related("Residence", "Home") != ""
    assert spun("The Tory Party and the Conservative Party are one party.") == []


@pytest.mark.slow
def test_a_name_spun_from_another_thesaurus_is_found(data_dir):
    """Held-out articles that write 'Wells Fargo' (the training split's names are a table of
    the detector; these are not): each occurrence in turn swapped for 'Pits Fargo', a word no
    table of the detector relates to 'Wells', as a spinner with another dictionary does.
    The language model restores 'Wells' where the name stands alone (not inside a longer
    run: 'Pits Fargo Bank'); the real articles are quiet."""
    import re

    from corpora.build import articles

    found = tried = 0
    for _, text in articles(data_dir, "heldout"):
        places = [m.start() for m in re.finditer(r"(?<= )Wells Fargo\b", text)]
        if places:
            assert spun(text) == []
        for at in places:
            swapped = text[:at] + "Pits" + text[at + len("Wells"):]
            result = spun(swapped)
            assert all(word == ("Wells",) for _, word in result)
            found += ("Pits", ("Wells",)) in result
            tried += 1
    assert tried >= 3 and found >= tried / 4


def test_name_tables_read_back_from_the_model_cache_equal_the_parsed(tmp_path, monkeypatch):
    """The spun-name tables are parsed and indexed once, then read from the model cache: the
    copy read back holds the same indexes, word tables and vector rows as a fresh parse."""
    from textlint_news.model_cache import CACHE_ENV
    from textlint_news.spin.spun_names import _Tables

    monkeypatch.setenv(CACHE_ENV, "off")
    parsed = _Tables(SETTINGS)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    _Tables(SETTINGS)  # writes the copy
    assert len(list(tmp_path.glob("table-spun-names-*.marshal"))) == 1
    cached = _Tables(SETTINGS)
    assert len(parsed.index.keys) > 100 and len(parsed.lookalikes.keys) > 1000
    for index in ("index", "lookalikes"):
        assert getattr(cached, index).keys == getattr(parsed, index).keys
        assert getattr(cached, index).names == getattr(parsed, index).names
    assert cached.words.case == parsed.words.case and cached.contrast == parsed.contrast
    assert cached.rows == parsed.rows and cached.capitalised == parsed.capitalised
    assert cached.related("Residence", "Home") == parsed.related("Residence", "Home") != ""
