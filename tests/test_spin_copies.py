"""spin.copy: swaps a copy made, shown by aligning it with the other copies of its story."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from textlint_news.cli import main
from textlint_news.config import Config, ConfigError
from textlint_news.engine import Linter
from textlint_news.spin.copies import CopySettings, SisterCopy, compare_copies

ORIGINAL = (
    "The minister said investors rushed to buy the currency and bonds after the vote.\n"
    "Both leaders agreed to meet in Geneva next month, officials said on Tuesday.\n"
    "The summit will begin with a long session on security in the region.\n"
    "Analysts expect the talks to last three days and to end with a joint statement.\n"
    "The central bank raised interest rates twice last year to slow rising prices.\n"
    "Opposition parties have called for a new election before the end of the year.\n"
)
# swaps from no thesaurus: "purchase", but also unrelated words of about the same frequency
SPUN = (
    "The minister said investors rushed to purchase the currency and bonds after the vote.\n"
    "Both leaders agreed to satisfy in Geneva next month, officials said on Tuesday.\n"
    "The summit will begin with a long garden on security in the region.\n"
    "Analysts expect the talks to last three days and to end with a joint kitchen.\n"
    "The central bank raised interest rates twice last year to slow rising potatoes.\n"
    "Opposition parties have called for a fresh election before the end of the year.\n"
)
SWAPS = [("purchase", ("buy",)), ("satisfy", ("meet",)), ("garden", ("session",)), ("kitchen", ("statement",)),
         ("potatoes", ("prices",)), ("fresh", ("new",))]


LOOSE = {"min_swaps": 1, "min_sentences": 1, "min_share": 0, "whole_copy_min_swaps": 1, "whole_copy_min_sentences": 1}


def swaps(text: str, *others: str, **settings) -> list[tuple[str, tuple[str, ...]]]:
    sisters = [SisterCopy(f"copy{n}.txt", other) for n, other in enumerate(others)]
    found = compare_copies(text, sisters, CopySettings(**settings)).swaps
    return [(text[s.start:s.end], s.suggestions) for s in found]


def test_a_spun_copy_is_shown_its_swaps_whatever_the_words():
    assert swaps(SPUN, ORIGINAL) == SWAPS


def test_the_original_is_never_flagged():
    assert swaps(ORIGINAL, SPUN) == []
    verdict = compare_copies(ORIGINAL, [SisterCopy("spun.txt", SPUN)], CopySettings())
    assert verdict.original and verdict.spun_against is None
    assert verdict.vouches(0, len(ORIGINAL.splitlines()[0])) and not verdict.vouches(0, len(ORIGINAL))


def test_with_three_copies_the_majority_wording_wins():
    edited = ORIGINAL.replace("said on Tuesday", "told reporters on Tuesday").replace("Both", "The two")
    assert swaps(SPUN, ORIGINAL, edited) == SWAPS
    assert swaps(ORIGINAL, SPUN, edited) == []
    assert swaps(edited, SPUN, ORIGINAL) == []


def test_a_few_differences_are_an_editors_not_a_spinners():
    one_swap = ORIGINAL.replace("to buy the", "to purchase the")
    assert swaps(one_swap, ORIGINAL) == []
    assert swaps(one_swap, ORIGINAL, **LOOSE) == [("purchase", ("buy",))]


def test_a_whole_copy_needs_fewer_swaps_than_one_that_shares_a_few_sentences():
    three = "\n".join(SPUN.splitlines()[:3] + ORIGINAL.splitlines()[3:]) + "\n"
    assert [s for s, _ in swaps(three, ORIGINAL)] == ["purchase", "satisfy", "garden"]
    rewritten = "\n".join(SPUN.splitlines()[:3]) + "\nA different ending from another outlet.\n" * 4
    assert swaps(rewritten, ORIGINAL) == []  # the same three swaps where only half the sentences align


def test_editors_changes_are_never_swaps():
    british = ("Officials said the defence ministry would organise talks with Mr Zelensky in Kyiv. "
               "The defence ministry said 12 people were hurt and two were missing.")
    american = ("Officials told reporters the defense ministry would organize talks with Zelenskyy in Kyiv. "
                "The defense ministry says 15 people were hurt and 2 were missing.")
    assert swaps(american, british, **LOOSE) == [("2", ("two",))]  # a spinner's digit
    assert swaps(british, american, **LOOSE) == []
    moved = "\n".join(reversed(ORIGINAL.splitlines())) + "\nA new closing sentence from another outlet.\n"
    assert swaps(moved, ORIGINAL, min_swaps=1) == [] and swaps(ORIGINAL, moved, min_swaps=1) == []


def test_a_wording_another_version_writes_too_is_no_warning(linter):
    from textlint_news.document import Document

    text = ORIGINAL.replace("a long session", "a essential session")  # an artifact, in both versions
    version = text.replace("Opposition parties have called", "The opposition has called")
    alone = [i for i in linter.lint(text) if i.rule == "spin.artifact.article"]
    assert [i.severity for i in alone] == ["warning"]
    together = linter.lint_document(Document(text), {"spin": [SisterCopy("version.txt", version)]}).issues
    assert [i.severity for i in together if i.rule == "spin.artifact.article"] == ["info"]
    duplicate = linter.lint_document(Document(text), {"spin": [SisterCopy("copy.txt", text)]}).issues
    assert [i.severity for i in duplicate if i.rule == "spin.artifact.article"] == ["warning"]


def test_one_document_linted_against_other_sisters_gets_their_verdict(linter):
    """The verdict a copy's sisters give is kept with the document only for those sisters."""
    from textlint_news.document import Document

    doc = Document(SPUN)
    copies = {"spin": [SisterCopy("original.txt", ORIGINAL)]}
    swapped = [i for i in linter.lint_document(doc, copies).issues if i.rule == "spin.copy"]
    assert [SPUN[i.start:i.end] for i in swapped] == [w for w, _ in SWAPS]
    alone = linter.lint_document(doc, {"spin": [SisterCopy("same.txt", SPUN)]}).issues
    assert [i for i in alone if i.rule == "spin.copy"] == []


def test_duplicates_and_switched_off():
    assert swaps(SPUN, SPUN) == []
    assert swaps(SPUN, ORIGINAL, enabled=False) == []
    assert swaps(SPUN) == []


def test_copies_linted_together_on_the_command_line(tmp_path):
    (tmp_path / "original.txt").write_text(ORIGINAL, encoding="utf-8")
    (tmp_path / "spun.txt").write_text(SPUN, encoding="utf-8")
    runner = CliRunner()
    together = runner.invoke(main, ["lint", "--isolated", "--select", "spin", str(tmp_path)])
    assert together.exit_code == 1, together.output
    assert "spun.txt" in together.output and "spin.copy" in together.output
    assert not [line for line in together.output.splitlines() if line.startswith(str(tmp_path / "original.txt"))]
    document = [line for line in together.output.splitlines() if "spin.document" in line]
    assert len(document) == 1 and "original.txt" in document[0] and "6 of the 6 sentences" in document[0]
    alone = runner.invoke(main, ["lint", "--isolated", "--select", "spin.copy", str(tmp_path / "spun.txt")])
    assert alone.exit_code == 0 and "spin.copy" not in alone.output


def test_bad_settings_are_a_clear_error():
    for bad in ({"max-swap-words": 0}, {"min-similarity": 0}):
        with pytest.raises(ConfigError, match=r"\[settings.spin.copies\]: max-swap-words and min-similarity"):
            Linter(Config(settings={"spin": {"copies": bad}}))
    assert Linter(Config(settings={"spin": {"copies": {"min-swaps": 2}}})).settings["spin"].copies.min_swaps == 2


@pytest.mark.slow
def test_four_outlets_copies_linted_together_stay_quiet_and_the_spun_seed_gains(seed_path):
    import json
    from pathlib import Path

    from textlint_news.api import lint_paths

    edited = [str(seed_path(n)) for n in range(4)]
    spun = str(seed_path(4))
    together = {r.path: r.issues for r in lint_paths(edited + [spun], {"select": ["spin"]}, jobs=1)}
    for path in edited:
        assert not [i for i in together[path] if i.severity != "info"], path
    alone = {r.path: r.issues for r in lint_paths([spun], {"select": ["spin"]}, jobs=1)}[spun]
    labels = json.loads((Path(__file__).parent / "data" / "seed004_spans.json").read_text())["spans"]

    def found(issues) -> tuple[int, int, int]:
        spans = [i for i in issues if i.rule != "spin.document" and i.severity != "info"]
        covered = [[i for i in spans if i.start < s["end"] and s["start"] < i.end] for s in labels]
        right = sum(any(x.lower() == s["original"].lower() for i in c for x in i.suggestions)
                    for s, c in zip(labels, covered))
        wrong = sum(not any(i.start < s["end"] and s["start"] < i.end for s in labels) for i in spans)
        return sum(map(bool, covered)), right, -wrong

    assert found(together[spun]) >= found(alone)
    copy_swaps = {(i.start, i.suggestions) for i in together[spun] if i.rule == "spin.copy"}
    assert all(any(s["start"] <= start < s["end"] and s["original"].lower() == fix[0].lower()
                                  for s in labels) for start, fix in copy_swaps)
