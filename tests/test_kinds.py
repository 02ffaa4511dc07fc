"""Rule kinds: the registry, the message renderer, `occurrence` and `repetition`, the
shipped doubled-word rule on real text, and the one-line errors of a bad user pack."""
import textwrap

import pytest
from click.testing import CliRunner

from textlint_news.cli import main
from textlint_news.config import Config
from textlint_news.engine import Linter
from textlint_news.kinds import KINDS, render_message
from textlint_news.kinds.base import COMMON_FIELDS
from textlint_news.rulepack import PackError, load_pack


def _write(tmp_path, body: str):
    path = tmp_path / "pack.yml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def pack_linter(tmp_path, body: str) -> Linter:
    return Linter(Config(rules=[str(_write(tmp_path, body))], select=["test"]), checks=[])


def test_registry_names_each_kind_by_its_own_name():
    assert sorted(KINDS) == ["existence", "occurrence", "repetition", "substitution"]
    for name, kind in KINDS.items():
        assert kind.kind == name and not kind.FIELDS & COMMON_FIELDS


def test_renderer_fills_known_fields_and_leaves_the_rest():
    message = render_message("'{match}' -> '{suggestion}' ({suggestions}); {count} {other} {", "a\n  b",
                             ("c", "d"), count=3)
    assert message == "'a b' -> 'c' ('c', 'd'); 3 {other} {"


OCCURRENCE = """
rules:
  - id: test.share
    kind: occurrence
    category: boilerplate
    ignorecase: false
    tokens: [Share, Email this link]
    max: 2
    message: "{count} share labels, first '{match}' (at most {max})"
"""


def test_occurrence_reports_more_than_max_from_first_to_last_match(tmp_path):
    linter = pack_linter(tmp_path, OCCURRENCE)
    text = "Town fair opens. Share Email this link Share on a page.\nShareholders met."
    issues = linter.lint(text)
    assert [(text[i.start:i.end], i.message) for i in issues] == [
        ("Share Email this link Share", "3 share labels, first 'Share' (at most 2)"),
    ]


def test_occurrence_stays_quiet_up_to_max(tmp_path):
    linter = pack_linter(tmp_path, OCCURRENCE)
    assert linter.lint("Share prices rose. Shareholders cheered. Share buybacks were announced.") == []


def test_occurrence_min_reports_a_text_without_enough_matches(tmp_path):
    linter = pack_linter(tmp_path, """
        rules:
          - id: test.dateline
            kind: occurrence
            category: metadata
            patterns: ['\\d{4}']
            min: 1
            message: "No year in the text ({count} found)"
    """)
    text = "The council met on Tuesday."
    issues = linter.lint(text)
    assert [(i.start, i.end, i.message) for i in issues] == [(0, len(text), "No year in the text (0 found)")]
    assert linter.lint("The council met on Tuesday, 4 March 2025.") == []


REPETITION = """
rules:
  - id: test.twice
    kind: repetition
    category: layout
    tokens: [the, to, "no"]
    exceptions: ["no"]
    message: "'{match}': '{suggestion}' {count} times"
  - id: test.byline
    kind: repetition
    category: duplicate
    scope: line
    patterns: ['[A-Z][a-z]+ [A-Z][a-z]+']
    ignorecase: false
"""


def test_repetition_finds_a_doubled_word_and_keeps_one_copy(tmp_path):
    linter = pack_linter(tmp_path, REPETITION)
    text = "The the mayor went to  to  TO the market; No no no, she said."
    issues = linter.lint(text)
    assert [(text[i.start:i.end], i.suggestions, i.message) for i in issues] == [
        ("The the", ("The",), "'The the': 'The' 2 times"),
        ("to  to  TO", ("to",), "'to to TO': 'to' 3 times"),
    ]


def test_repetition_of_whole_lines_across_blank_lines(tmp_path):
    linter = pack_linter(tmp_path, REPETITION)
    text = "The end of the story.\n\nJane Okafor\n\nJane Okafor\n\nJane Okafor writes on farming."
    issues = linter.lint(text)
    assert [(i.rule, i.line, i.end_line, i.suggestions) for i in issues] == [
        ("test.byline", 3, 5, ("Jane Okafor",)),
    ]


def test_repetition_stays_quiet_on_clean_text(tmp_path):
    """Words apart, a repeat across a line break (a title's last word, the body's first),
    a prefix of a longer word and different lines stay quiet."""
    linter = pack_linter(tmp_path, REPETITION)
    text = ("Farmers to march to the capital\n\nThe march starts at the theatre.\n"
            "Jane Okafor\nJohn Okafor\n")
    assert linter.lint(text) == []


def test_repetition_screen_wakes_only_where_a_token_repeats(tmp_path):
    """The one-pass screen runs a token rule only where a token stands twice in a row, not on
    every text holding two listed words ("to the") or a token before a word it begins."""
    from textlint_news.patterns import PatternFilter

    (rule, _) = load_pack(_write(tmp_path, REPETITION))
    screen = PatternFilter([rule.screen_pattern])
    assert screen.matching("They went to the theatre to talk to Tom tomorrow.") == []
    assert screen.matching("They went to\u00a0TO the theatre.") == [0]


@pytest.fixture(scope="module")
def doubled_words():
    from textlint_news.resources import rules_dir

    (rule,) = load_pack(rules_dir() / "doubled-words.yml")
    return rule


def test_shipped_doubled_word_rule_finds_real_slips(doubled_words, data_dir):
    """The BBC and ReCOVery copies keep a few real slips ("the the", "to to"); each hit is
    two copies of a listed word with only white space between."""
    hits = []
    for path in sorted(data_dir.rglob("*.txt")):
        from textlint_news.inputs import read_document

        doc = read_document(path, 10_000_000)
        hits += [doc.text[h.start:h.end] for h in doubled_words.matches(doc)]
    assert len(hits) >= 20
    for hit in hits:
        first, *rest = hit.lower().split()
        assert rest and set(rest) == {first} and first in doubled_words.tokens


def test_shipped_doubled_word_rule_stays_quiet_on_the_seeds_and_legitimate_doubles(doubled_words, seeds_dir):
    from textlint_news.document import Document
    from textlint_news.inputs import read_document

    for path in sorted(seeds_dir.glob("*.txt")):
        assert list(doubled_words.matches(read_document(path, 10_000_000))) == []
    clean = Document("She had had enough. He said that that was fine, grew up in in-law housing "
                     "and hummed Duran Duran songs. Give her her coat.\n\nTo the end.")
    assert list(doubled_words.matches(clean)) == []


@pytest.mark.parametrize("rule, reason", [
    ("{id: house.x, kind: magic, category: spin, tokens: [x]}",
     "rule house.x: 'kind' must be one of existence, substitution, occurrence, repetition"),
    ("{id: house.x, kind: occurrence, category: spin, tokens: [x]}",
     "rule house.x: an occurrence rule needs 'max' or 'min'"),
    ("{id: house.x, kind: occurrence, category: spin, tokens: [x], max: many}",
     "rule house.x: 'max' must be a whole number from 0 up"),
    ("{id: house.x, kind: repetition, category: spin, patterns: 3}",
     "rule house.x: 'patterns' must be a string or a list of strings"),
    ("{id: house.x, kind: repetition, category: spin, tokens: [x], max: 2}",
     "rule house.x: unknown field(s) for kind repetition: max"),
    ("{id: house.x, kind: existence, category: spin, tokens: [x], case: upper}",
     "rule house.x: 'case' must be 'preserve' or 'as-is'"),
])
def test_a_bad_user_pack_is_one_line_naming_file_and_rule_and_exit_2(tmp_path, rule, reason):
    pack = tmp_path / "house.yml"
    pack.write_text(f"rules:\n  - {rule}\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("Some text.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--rules", str(pack), str(text)])
    assert result.exit_code == 2
    assert result.stderr == f"textlint-news: error: {pack}:2: {reason}\n"
    with pytest.raises(PackError):
        load_pack(pack)


def test_rules_command_lists_every_reported_pack_rule():
    """Every rule of a shipped pack is listed, but those fed to a check as evidence."""
    from textlint_news.resources import builtin_packs

    listed = {line.split()[0] for line in CliRunner().invoke(main, ["rules"]).stdout.splitlines()[1:]}
    shipped = {rule.id for pack in builtin_packs() for rule in load_pack(pack) if not rule.feeds}
    assert "layout.repeated-word" in shipped and shipped <= listed


def test_every_example_in_the_rule_pack_docs_loads(tmp_path):
    import re
    from pathlib import Path

    page = (Path(__file__).resolve().parents[1] / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    examples = re.findall(r"```yaml\n(.*?)```", page, flags=re.S)
    assert len(examples) == 4
    for number, example in enumerate(examples):
        path = tmp_path / f"example{number}.yml"
        path.write_text(example, encoding="utf-8")
        assert load_pack(path)


GUARDED_SWAPS = r"""
rules:
  - id: test.swap
    kind: substitution
    category: spin
    message: "'{match}' for '{suggestion}'"
    swap:
      central financial institution governor: {to: central bank governor, after: '\s+said'}
      central financial institution: {to: central bank}
      the inventory: {to: the stock, after: '\s+(?:rose|fell)'}
      inventory market: {to: stock market}
"""


def test_a_refused_phrase_hides_no_phrase_starting_inside_it(tmp_path):
    linter = pack_linter(tmp_path, GUARDED_SWAPS)
    text = ("The central financial institution governor resigned. "
            "Shares on the inventory market fell.")
    found = [(text[i.start:i.end], i.suggestions) for i in linter.lint(text)]
    # the longest key fails its guard: the shorter key at its start, and the key starting inside it
    assert found == [("central financial institution", ("central bank",)),
                     ("inventory market", ("stock market",))]


def test_an_accepted_phrase_still_wins_over_the_phrases_inside_it(tmp_path):
    linter = pack_linter(tmp_path, GUARDED_SWAPS)
    text = "The central financial institution governor said prices rose. The inventory fell."
    found = [text[i.start:i.end] for i in linter.lint(text)]
    assert found == ["central financial institution governor", "The inventory"]
    assert linter.lint("The central bank governor said the stock market fell.") == []


def test_existence_tokens_refused_by_a_guard_hide_no_later_token(tmp_path):
    linter = pack_linter(tmp_path, r"""
rules:
  - id: test.cta
    kind: existence
    category: boilerplate
    tokens: [sign up for our newsletter, our newsletter today]
    not_before: 'to\s+$'
    message: "call to action '{match}'"
""")
    text = "Remember to sign up for our newsletter today."
    assert [text[i.start:i.end] for i in linter.lint(text)] == ["our newsletter today"]


CASED_SWAP = """
rules:
  - id: test.cased
    kind: substitution
    category: spin
    ignorecase: false
    message: "'{match}' -> '{suggestion}'"
    swap:
      He stated: {to: He said}
      Labour social gathering: Labour Party
"""


def test_substitution_with_ignorecase_false_finds_only_the_case_the_pack_writes(tmp_path):
    linter = pack_linter(tmp_path, CASED_SWAP)
    text = "He stated it. he stated it. HE STATED it. The Labour social gathering met; the labour social gathering too."
    assert [(text[i.start:i.end], i.suggestions) for i in linter.lint(text)] == [
        ("He stated", ("He said",)), ("Labour social gathering", ("Labour Party",)),
    ]
