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
    articles = [(i.rule, i.severity) for i in linter.lint(text) if i.rule.endswith(".article")]
    assert articles == [("grammar.article", "warning")]  # alone, with no other spin evidence: a typo
    together = linter.lint_document(Document(text), {"spin": [SisterCopy("version.txt", version)]}).issues
    assert [(i.rule, i.severity) for i in together if i.rule.endswith(".article")] == articles  # no swap
    duplicate = linter.lint_document(Document(text), {"spin": [SisterCopy("copy.txt", text)]}).issues
    assert [(i.rule, i.severity) for i in duplicate if i.rule.endswith(".article")] == articles


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


def test_titles_pronouns_and_names_editors_change_are_not_swaps():
    text = ("Mr Hegseth told the UK parliament on Monday that the plan was ready. "
            "He said the Home Office would publish it in Kyiv.")
    edited = ("President Hegseth told the Britain parliament on Monday that the plan was ready. "
              "Hegseth said the Home Office would publish it in Kiev.")
    assert swaps(edited, text, **LOOSE) == [] and swaps(text, edited, **LOOSE) == []
    first_name = text.replace("Mr Hegseth", "Pete Hegseth")
    assert swaps(first_name, text, **LOOSE) == []
    telling = text.replace("told the UK parliament", "spoke, telling the UK parliament")
    assert swaps(telling, text.replace("told the UK", "spoke to the UK"), **LOOSE) == []


def test_ordinary_words_a_spinner_puts_into_names_and_titles_are_swaps():
    original = ORIGINAL + "Mr Ortega met the European Commission on Friday.\n"
    spun = (original.replace("Mr Ortega", "Commoner Ortega").replace("European Commission", "European Errand")
            .replace("on Friday", "on Gopher"))
    assert swaps(spun, original, **LOOSE) == [("Commoner", ("Mr",)), ("Errand", ("Commission",)),
                                             ("Gopher", ("Friday",))]
    assert swaps(original, spun, **LOOSE) == []


def test_function_words_a_spinner_adds_beside_a_word_go_with_that_word():
    spun = SPUN.replace("have called for", "have called upon for")  # a spinner's "called upon" for "called"
    assert swaps(spun, ORIGINAL) == [*SWAPS[:5], ("called upon", ("called",)), SWAPS[5]]
    assert swaps(ORIGINAL.replace("have called for", "have called upon for"), ORIGINAL, **LOOSE) == []  # weak alone


def _names_twins(data_dir, count: int):
    """Real articles of ../shared/data and their twins spun by the `names` family."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from corpora.build import articles
    from corpora.families import make

    spinner = make("names", rate=0.10, seed=1)
    twins = []
    for key, text in articles(data_dir):
        spun = spinner.spin(text, key=key)
        if len(spun.spans) >= 4:
            twins.append((key, text, spun))
        if len(twins) == count:
            return twins
    return twins


def test_swaps_inside_names_of_real_news_are_found_and_the_original_stays_quiet(data_dir, linter):
    from textlint_news.document import Document

    labelled = found = restored = 0
    for key, text, spun in _names_twins(data_dir, 12):
        issues = linter.lint_document(Document(spun.text), {"spin": [SisterCopy(key, text)]}).issues
        warnings = [i for i in issues if i.severity != "info"]
        for span in spun.spans:
            covering = [i for i in warnings if i.start < span.end and span.start < i.end]
            labelled += 1
            found += bool(covering)
            restored += any(span.original.lower() in (s.lower() for s in i.suggestions) for i in covering)
        original = linter.lint_document(Document(text), {"spin": [SisterCopy("spun.txt", spun.text)]}).issues
        assert not [i for i in original if i.rule.startswith("spin") and i.severity != "info"], key
    assert labelled >= 60 and found >= 0.9 * labelled and restored >= 0.9 * found


def test_a_name_a_spun_sister_writes_is_no_known_name_for_its_original(data_dir, linter):
    """spin.name reads the sisters' names as known names; the copy a sister was spun from
    is vouched for, so its own name stays `info` ("Screen Actors Guild Awards" beside the
    spun "Screen Actors Guild Gives")."""
    from textlint_news.document import Document
    from textlint_news.spin.spun_names import NameSettings, find_spun_names

    checked = 0
    for key, text, spun in _names_twins(data_dir, 400):
        if not find_spun_names(text, [spun.text], NameSettings()):
            continue  # the detector alone finds nothing on the original here
        checked += 1
        issues = linter.lint_document(Document(text), {"spin": [SisterCopy("spun.txt", spun.text)]}).issues
        names = [i for i in issues if i.rule == "spin.name"]
        assert names and all(i.severity == "info" for i in names), key
    assert checked >= 2


def _edited(text: str, outlet: int) -> str:
    """`text` as another outlet edits wire copy: a paragraph cut and two swapped, "Mr"
    dropped, American spellings, "told reporters" for "said", a figure updated."""
    import random
    import re

    rng = random.Random(outlet)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    if len(body) > 3:
        body.pop(rng.randrange(len(body)))
        i = rng.randrange(len(body) - 1)
        body[i], body[i + 1] = body[i + 1], body[i]
    copy = "\n\n".join(head + body)
    copy = re.sub(r"\bMr ", "", copy) if outlet % 2 else copy
    for british, american in (("defence", "defense"), ("organis", "organiz"), ("colour", "color"),
                              ("centre", "center"), ("labour", "labor"), ("programme", "program")):
        copy = copy.replace(british, american)
    copy = copy.replace(" said.", " told reporters.", 1)
    return re.sub(r"\b(\d+)\b", lambda m: str(int(m.group()) + 1), copy, count=2)


def test_edited_copies_of_real_news_stay_quiet(data_dir, linter):
    """Three outlets' copies of each of a dozen real articles, linted together."""
    import sys
    from pathlib import Path

    from textlint_news.document import Document

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from corpora.build import articles

    for n, (key, text) in zip(range(12), articles(data_dir)):
        copies = {"wire.txt": text, "a.txt": _edited(text, 2 * n), "b.txt": _edited(text, 2 * n + 1)}
        for path, copy in copies.items():
            sisters = [SisterCopy(other, body) for other, body in copies.items() if other != path]
            issues = linter.lint_document(Document(copy, path=path), {"spin": sisters}).issues
            assert not [i for i in issues if i.rule in ("spin.copy", "spin.document", "spin.name")
                        and i.severity != "info"], (key, path)


def test_the_copies_evaluation_counts_an_original_without_a_twin_apart(data_dir):
    """`eval --copies`: an original the family found nothing to spin in is linted alone (a
    single file: no copy evidence either way); it is counted apart, with what a lone lint
    of it reports, and the family's metrics are those of the originals beside their twin."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from corpora.build import Example, articles
    from corpora.families import make
    from textlint_news.spin import commands
    from textlint_news.spin.family_evaluation import format_table, score_families

    spinner = make("names", rate=0.10, seed=1)
    spun = unspun = None
    for key, text in articles(data_dir):
        result = spinner.spin(text, key=key)
        if result.spans and spun is None:
            spun = [Example(key, text, 0, 0.1), Example(key, result.text, 1, 0.1, tuple(result.spans), "names")]
        elif not result.spans and unspun is None:
            unspun = Example(key, text, 0, 0.1)
        if spun and unspun:
            break
    outcomes = lambda items: commands._map(commands._evaluate, items, 1, commands._init_eval,  # noqa: E731
                                           (None, None, str(commands.DEFAULT_MODEL)))
    alone = outcomes([(unspun, None)])[0]
    metrics = score_families({"names": [*spun, unspun]}, outcomes, copies=True)["names"]
    assert metrics["texts"] == {"spun": 1, "clean": 1}  # the twinned original only
    reported = sum(i[2] in ("warning", "error") for i in alone.issues)
    assert metrics["alone"]["texts"] == 1 and metrics["alone"]["span_warnings"] == reported
    assert metrics["alone"]["keys"] == ([unspun.key] if reported or alone.document_issue else [])
    table = format_table({"names": metrics}, {"rate": 0.1, "model": "m"})
    assert "nothing to spin, linted alone" in table and f"names 1 ({reported} span warnings" in table
