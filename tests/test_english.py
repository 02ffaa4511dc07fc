"""`textlint_news.english`: wordfreq's English table mapped, with wordfreq's own values."""
import wordfreq

from textlint_news import english
from textlint_news.resources import rules_dir


def _phrases(limit: int) -> list[str]:
    """Multi-word and hyphenated entries of the shipped synonym table (real phrases)."""
    found = []
    for line in (rules_dir() / "data" / "synonyms.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            headword, _, synonyms = line.split("\t")
            found += [w for w in (headword, *synonyms.split("|")) if " " in w or "-" in w]
    return found[:limit]


def test_zipf_frequency_is_wordfreqs_on_words_phrases_and_odd_forms():
    table = wordfreq.get_frequency_dict("en", "best")
    words = list(table)[::40] + [w.title() for w in list(table)[::4000]] + _phrases(3000)
    words += ["don’t", "co-operate", "covid-19", "1990s", "café", "£5", "", "the  the", "x"]
    assert [english.zipf_frequency(w) for w in words] == [wordfreq.zipf_frequency(w, "en") for w in words]


def test_the_table_holds_wordfreqs_frequencies():
    table, mapped = wordfreq.get_frequency_dict("en", "best"), english.frequencies()
    assert len(mapped) == len(table)
    sample = list(table)[::100]
    assert [mapped.get(w) for w in sample] == [table[w] for w in sample]
    assert all(w in mapped for w in sample) and "qzxwvjk" not in mapped and mapped.get("qzxwvjk") is None


def test_top_words_are_wordfreqs_top_list():
    assert english.top_words(2000) == frozenset(wordfreq.top_n_list("en", 2000))


def test_lists_are_found_as_wordfreq_finds_them():
    assert english.wordfreq_lists("small") == wordfreq.available_languages("small")
    assert english.wordfreq_lists("large") == wordfreq.available_languages("large")
