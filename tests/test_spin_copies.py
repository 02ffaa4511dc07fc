"""spin.copy: synonym swaps shown by the other copies of a story linted together."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from textlint_news.cli import main
from textlint_news.spin.copies import CopySettings, find_copy_swaps

EDITED = (
    "The minister said investors rushed to buy the currency and bonds after the vote. "
    "Both leaders agreed to meet in Geneva next month, officials said on Tuesday. "
    "The summit will begin with a long session on security in the region."
)
SPUN = (
    "The minister said investors rushed to purchase the currency and bonds after the vote. "
    "Both leaders agreed to satisfy in Geneva next month, officials said on Tuesday. "
    "The summit will commence with a long session on security in the region."
)


def swaps(text: str, *others: str, **settings) -> list[tuple[str, tuple[str, ...]]]:
    found = find_copy_swaps(text, list(others), CopySettings(**settings))
    return [(text[s.start:s.end], s.suggestions) for s in found]


def test_a_spun_copy_is_shown_its_swaps_by_an_edited_copy():
    found = swaps(SPUN, EDITED)
    assert ("purchase", ("buy",)) in found
    assert ("satisfy", ("meet",)) in found
    assert ("commence", ("begin",)) in found
    signal = find_copy_swaps(SPUN, [EDITED], CopySettings())[0]
    assert signal.rule == "spin.copy" and "another copy of this story writes 'buy'" in signal.message


def test_the_edited_copy_is_not_judged_against_the_spun_one():
    assert swaps(EDITED, SPUN) == []


def test_a_lone_difference_is_an_editors_choice():
    one_swap = EDITED.replace("to buy the", "to purchase the")
    assert swaps(one_swap, EDITED) == []
    assert swaps(one_swap, EDITED, min_swaps=1) == [("purchase", ("buy",))]


def test_spelling_variants_function_words_and_numbers_are_not_swaps():
    british = ("Officials said the defence ministry would organise around a dozen talks on the "
               "two plans. The defence ministry will organise the first round.")
    american = ("Officials said the defense ministry would organize about a dozen talks on the "
                "2 plans. The defense ministry will organize the first round.")
    assert swaps(british, american, min_swaps=1) == []
    assert swaps(american, british, min_swaps=1) == []


def test_no_swap_where_another_copy_writes_the_same_wording():
    assert swaps(SPUN, EDITED, SPUN) == []  # another copy agrees with this one: quiet
    assert swaps(SPUN, EDITED, enabled=False) == []
    assert swaps(SPUN) == []


def test_a_slot_written_twice_is_compared_run_by_run():
    spun = ("Investors rushed to purchase the currency on Monday. "
            "Traders rushed to buy the currency on Tuesday.")
    edited = "Investors rushed to buy the currency on Monday."
    assert swaps(spun, edited, min_swaps=1) == [("purchase", ("buy",))]
    assert swaps(edited, spun, min_swaps=1) == []
    assert swaps(spun, spun, min_swaps=1) == []  # a duplicate shows nothing


def test_wider_context_and_longer_runs():
    assert ("purchase", ("buy",)) in swaps(SPUN, EDITED, context=3, max_phrase_words=4)


def test_copies_linted_together_on_the_command_line(tmp_path):
    (tmp_path / "edited.txt").write_text(EDITED + "\n", encoding="utf-8")
    (tmp_path / "spun.txt").write_text(SPUN + "\n", encoding="utf-8")
    runner = CliRunner()
    together = runner.invoke(main, ["lint", "--isolated", "--select", "spin.copy", str(tmp_path)])
    assert together.exit_code == 1, together.output
    assert "spun.txt" in together.output and "spin.copy" in together.output
    assert "edited.txt" not in together.output
    alone = runner.invoke(main, ["lint", "--isolated", "--select", "spin.copy", str(tmp_path / "spun.txt")])
    assert alone.exit_code == 0 and "spin.copy" not in alone.output


def test_a_negative_context_or_no_phrase_words_is_a_clear_settings_error():
    for bad in ({"context": -1}, {"max-phrase-words": 0}):
        with pytest.raises(ValueError, match="spin.copies.context and max-phrase-words"):
            CopySettings.from_settings(bad)
    assert CopySettings.from_settings({"context": 0}).context == 0
