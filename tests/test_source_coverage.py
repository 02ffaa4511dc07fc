"""benchmarks/source_coverage.py: reading a bilingual dictionary's glosses as synonym groups,
and the reverse look-up of a swap's original through the detector's morphology, on entries
and pairs written by hand."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import source_coverage as sc  # noqa: E402

# Two entries in the layout of FreeDict's jpn-eng (JMdict) and one of epo-eng (ESPDIC).
JMDICT_COURT = """ [news1]  裁判所 /x/, さいばんしょ /y/
(noun (common) (futsuumeishi))
court, courthouse
"""
JMDICT_COME = """ [ichi1]  来る /x/
1. (Kuru verb - special class)
 (intransitive verb)
to come (spatially or temporally), to approach, to arrive
2. {行って来る}to come back
3. to come to be, to become, to get
"""
ESPDIC_HELP = """helpi /hˈelpi/ <v>
help, aid, assist, support
"""

# A hand-made source: (spun word as a spinner writes it, its original), and the groups that hold them.
GROUPS = [[("arrive", "v"), ("come", "v"), ("approach", "v")],
          [("court", "n"), ("courthouse", "n"), ("courtroom", "n")],
          [("get here", "v"), ("come", "v")],
          [("strong", "a"), ("powerful", "a")]]
PAIRS = [("arrived", "came"), ("arrives", "comes"), ("arriving", "coming"), ("courtrooms", "courts"),
         ("got here", "came"), ("courthouse", "court")]


def test_jmdict_senses_become_groups_with_their_part_of_speech():
    groups = list(sc.jmdict_groups(JMDICT_COURT))
    assert groups == [[("court", "n"), ("courthouse", "n")]]
    come = list(sc.jmdict_groups(JMDICT_COME))
    # the note in brackets is dropped, "to X" is a verb; a one-gloss sense is no group
    assert come[0] == [("come", "v"), ("approach", "v"), ("arrive", "v")]
    assert [("become", "v"), ("get", "v")] == [g for g in come[1] if g[0] in ("become", "get")]
    assert len(come) == 2


def test_espdic_part_of_speech_from_the_esperanto_ending():
    assert list(sc.espdic_groups("helpi", ESPDIC_HELP)) == [[("help", "v"), ("aid", "v"), ("assist", "v"),
                                                            ("support", "v")]]
    assert list(sc.espdic_groups("forto", "forto /x/\nforce, strength\n")) == [[("force", "n"), ("strength", "n")]]


def test_reverse_look_up_finds_each_original_in_the_spun_words_inflection():
    table = sc.table_of(GROUPS)
    for spun, original in PAIRS:
        assert original in sc.originals(spun, table), (spun, original)


def test_reverse_look_up_keeps_parts_of_speech_apart_and_never_offers_the_word_itself():
    table = sc.table_of(GROUPS)
    assert sc.originals("powerful", table) == {"strong"}
    assert "arrived" not in sc.originals("arrived", table)
    assert sc.originals("courthouses", table) >= {"courts", "courtrooms"}
    assert not any(o.startswith("strong") for o in sc.originals("arrived", table))
    assert sc.originals("unrelated", table) == set()


def test_options_follow_the_language_model_stage_filters():
    lim = sc.limits()
    found = {"came", "approached", "xyzzyq"}
    asked = sc.options("arrived", found, lim)
    assert "came" in asked and "xyzzyq" not in asked  # an unseen word is no option
    assert sc.options("got here", found, lim) == ()  # a phrase is not asked one word at a time
    assert sc.options("the", found, lim) == ()


def test_swap_row_scores_a_hand_spun_sentence():
    text = "The judge said the courtroom would hear the case next week."
    view = sc.TextView(text)
    at = text.index("courtroom")
    table = sc.table_of(GROUPS)
    row = sc.swap_row(view, at, at + len("courtroom"), "courtroom", "court",
                      {"hand": lambda w: sc.originals(w, table), "none": lambda w: set()}, sc.limits())
    assert row["one_token"] and row["hand"]["knows"] and not row["none"]["knows"]
    assert row["gain"] is not None
