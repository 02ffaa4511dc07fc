"""spin.name on a person's title swapped before a surname ("Plebeian Blair" for "Mr Blair")."""
from __future__ import annotations

import re

import pytest

from textlint_news.spin.spun_names import NameSettings, find_spun_names

SETTINGS = NameSettings()


def spun(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[s.start:s.end], s.suggestions) for s in find_spun_names(text, [], SETTINGS)]


@pytest.mark.parametrize("text, word, title", [
    ("Mr Gammell spoke first. The rights came from oil giant Shell, said Commoner Gammell on Monday.",
     "Commoner", "Mr"),
    ("Dr Greenspan was invited to speak. Pedagogue Greenspan said rates would rise.", "Pedagogue", "Dr"),
    ("The talks went on, and President Yushchenko left. Later Plebeian Yushchenko spoke.", "Plebeian",
     "President"),
])
def test_a_swapped_title_is_found_with_the_title_the_text_writes(text, word, title):
    found = find_spun_names(text, [], SETTINGS)
    assert [(text[s.start:s.end], s.suggestions) for s in found] == [(word, (title,))]
    assert f"Write '{title} " in found[0].message


@pytest.mark.parametrize("text, word, fix", [
    # a first name between: the title is known from 'President Trump'
    ("President Trump spoke on Monday, and later Protector Donald Trump posed for photos.", "Protector",
     "Write 'President Donald Trump'."),
    # US style keeps the title's full stop, and so does the spinner
    ("Dr. Ali said the trial went well. The drug was approved shortly after Pedagogue. Ali left.",
     "Pedagogue", "Write 'Dr. Ali'."),
])
def test_a_swapped_title_before_a_first_name_or_a_full_stop_is_found(text, word, fix):
    found = find_spun_names(text, [], SETTINGS)
    assert [text[s.start:s.end] for s in found] == [word]
    assert found[0].message.endswith(fix)


def test_a_surname_after_a_first_name_is_evidence_too():
    """'Tony Gammell' makes 'Gammell' a person's surname; the title is not known, so there is no fix."""
    text = "Chief executive Tony Gammell was upbeat. The find was welcomed, said Commoner Gammell."
    assert spun(text) == [("Commoner", ())]


@pytest.mark.parametrize("text", [
    # a first name, not a title: "Will" is a dictionary word news capitalises in names
    "Mr Young sang first, and then Will Young sang again.",
    # the surname never follows a title or a first name in the text: no evidence of a person
    "Blair spoke. Later Commoner Blair spoke again.",
    # after a first name only, a common word is no surname: company suffixes, places
    "Walmart Inc, IBM Corp and Workday Inc joined the group.",
    "Tests are in Huntington Beach, Seal Beach and Costa Mesa.",
    # a headline's first word before a name the text writes after a first name
    "Actor Foxx sees Globe nomination\n\nJamie Foxx has been nominated.",
    # a sentence's role before a first name and a surname the text writes after a title
    "Mr Blake was charged. Actor Robert Blake had denied it.",
    # a full stop ends a sentence where the text never writes the title with one (BBC style)
    "Ms Tautou starred. She stood on the Podium. Tautou will compete again.",
    # a first name after a title-like word, inside a sentence, with no title evidence
    "Lang Syne sang, and they all sang Auld Lang Syne at midnight.",
    # a word that may be a verb, with a first name only
    "Mozilla Firefox fans joined the Spread Firefox campaign.",
    # a sentence's first word that may be a verb or a preposition
    "Professor Smith spoke. Like Professor Smith, we agree. Given Smith's view, fine.",
    # part of a longer capitalised run
    "Mr Silva arrived, and Carlos Baez Silva said the deal was done.",
])
def test_words_before_names_that_are_no_swapped_title_stay_quiet(text):
    assert spun(text) == []


@pytest.mark.slow
def test_a_title_swapped_in_real_news_is_found(data_dir):
    """Held-out articles that write 'Mr X' two or more times: one of them swapped for
    'Plebeian X' (inside a sentence), as a spinner blind to names does; the swap is found
    with 'Mr' as the fix, and the real article is quiet."""
    from corpora.build import articles

    tried = found = 0
    for _, text in articles(data_dir, "heldout"):
        places = [m for m in re.finditer(r"(?<=[a-z,] )Mr ([A-Z][a-z]+)\b", text)]
        repeated = [m for m in places if len(re.findall(rf"\bMr {m.group(1)}\b", text)) >= 2]
        if not repeated:
            continue
        assert spun(text) == []
        at = repeated[0].start()
        swapped = text[:at] + "Plebeian" + text[at + 2:]
        result = spun(swapped)
        assert all(word != "Plebeian" or fix == ("Mr",) for word, fix in result)
        found += ("Plebeian", ("Mr",)) in result
        tried += 1
    assert tried >= 10 and found >= tried * 0.8
