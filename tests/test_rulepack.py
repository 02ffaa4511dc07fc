"""Rule packs: the two kinds, context guards, case handling, validation and ReDoS safety."""
import subprocess
import sys
import textwrap

import pytest

from textlint_news.config import Config
from textlint_news.engine import Linter
from textlint_news.rulepack import PackError, load_pack


def pack_linter(tmp_path, body: str) -> Linter:
    path = tmp_path / "pack.yml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return Linter(Config(rules=[str(path)], select=["test"]), checks=[])


SPIN_PACK = """
rules:
  - id: test.swap
    kind: substitution
    category: spin
    message: "'{match}' looks spun; the original was likely '{suggestion}'"
    swap:
      got here as:
        to: came as
        not_before: "(?:how|why|what)\\\\s+(?:\\\\w+\\\\s+)?$"
      fourth yr: fourth year
      primary conversation:
        to: [first conversation, first call]
        not_after: "\\\\s+school"
"""


def test_substitution_with_guards_and_case(tmp_path):
    linter = pack_linter(tmp_path, SPIN_PACK)
    text = "Got here as the war nears its fourth  yr. This is how we got here as a country."
    issues = linter.lint(text)
    assert [(text[i.start:i.end], i.suggestions) for i in issues] == [
        ("Got here as", ("Came as",)), ("fourth  yr", ("fourth year",)),
    ]
    assert issues[0].message == "'Got here as' looks spun; the original was likely 'Came as'"
    assert issues[0].category == "spin" and issues[0].severity == "warning"


def test_substitution_stays_quiet_on_clean_text(tmp_path):
    linter = pack_linter(tmp_path, SPIN_PACK)
    assert linter.lint("That is how we got here as a nation. She was in her fourth year.") == []


def test_matches_respect_word_boundaries(tmp_path):
    linter = pack_linter(tmp_path, SPIN_PACK)
    assert linter.lint("The fourth yrs and fourth yrly report.") == []


EXISTENCE_PACK = """
rules:
  - id: test.slot
    kind: existence
    category: boilerplate
    severity: error
    scope: line
    tokens: [Advertisement]
    suggest: delete
  - id: test.more
    kind: existence
    category: boilerplate
    patterns: ["(?m)^MORE: "]
    ignorecase: false
    extend: line
    suggest: delete
"""


def test_existence_line_scope_and_extend(tmp_path):
    linter = pack_linter(tmp_path, EXISTENCE_PACK)
    text = "Body.\n  Advertisement \nAdvertisement inside a sentence.\nMORE: A promo headline here\nNo MORE: here"
    issues = linter.lint(text)
    assert [(i.rule, text[i.start:i.end], i.suggestions, i.severity) for i in issues] == [
        ("test.slot", "Advertisement", ("",), "error"),
        ("test.more", "MORE: A promo headline here", ("",), "warning"),
    ]


@pytest.mark.parametrize("body, reason", [
    ("rules: [", "invalid YAML"),
    ("rules: {}", "a mapping with a 'rules:' list"),
    ("rules:\n  - {id: a.b, kind: magic, category: spin}", "'kind' must be one of"),
    ("rules:\n  - {id: a.b, kind: existence, category: typo, tokens: [x]}", "'category' must be one of"),
    ("rules:\n  - {id: a.b, kind: existence, category: spin}", "needs 'tokens' or 'patterns'"),
    ("rules:\n  - {id: a.b, kind: existence, category: spin, tokens: [x], colour: red}", "unknown field"),
    ("rules:\n  - {id: a.b, kind: existence, category: spin, patterns: ['(?<=a)b']}", "invalid pattern"),
    ("rules:\n  - {id: a.b, kind: existence, category: spin, patterns: ['(a)\\1']}", "invalid pattern"),
    ("rules:\n  - {id: a.b, kind: substitution, category: spin, swap: {}}", "non-empty 'swap'"),
    ("rules:\n  - {id: a.b, kind: existence, category: spin, tokens: [x], severity: fatal}", "'severity'"),
    ("rules:\n  - {id: a.b, kind: existence, category: spin, tokens: [x], confidence: 3}", "'confidence'"),
    ("rules:\n  - {id: a.b, kind: existence, category: spin, tokens: [x], before: [1]}", "'before'"),
])
def test_bad_packs_name_file_line_rule_and_reason(tmp_path, body, reason):
    path = tmp_path / "bad.yml"
    path.write_text("# a bad pack\n" + body, encoding="utf-8")
    with pytest.raises(PackError) as error:
        load_pack(path)
    message = str(error.value)
    assert message.startswith(str(path)) and reason in message
    if "rules:\n  -" in body:
        assert ":3: rule a.b:" in message


def test_duplicate_rule_ids_across_packs_are_refused(tmp_path):
    body = "rules:\n  - {id: test.x, kind: existence, category: spin, tokens: [x]}\n"
    (tmp_path / "a.yml").write_text(body)
    (tmp_path / "b.yml").write_text(body)
    with pytest.raises(PackError, match="already defined"):
        Linter(Config(rules=[str(tmp_path)]), checks=[])


def test_hostile_five_megabyte_line_is_linear(tmp_path):
    """A pattern that backtracks catastrophically on `re` finishes at once on RE2."""
    pack = tmp_path / "hostile.yml"
    pack.write_text(textwrap.dedent("""
        rules:
          - id: test.hostile
            kind: existence
            category: layout
            patterns: ["(a+)+$", "(\\\\w+\\\\s?)*!"]
    """))
    script = textwrap.dedent(f"""
        from textlint_news.config import Config
        from textlint_news.engine import Linter
        linter = Linter(Config(rules=[{str(pack)!r}], select=["test"]), checks=[])
        print(len(linter.lint("a" * 5_000_000 + "b" + " word" * 10)))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"


def test_a_longer_phrase_is_not_hidden_by_its_prefix(tmp_path):
    linter = pack_linter(tmp_path, """
        rules:
          - id: test.prefix
            kind: substitution
            category: spin
            swap:
              yr: year
              yr olds: year-olds
    """)
    text = "Two yr olds and a yr."
    assert [(text[i.start:i.end], i.suggestions[0]) for i in linter.lint(text)] == [
        ("yr olds", "year-olds"), ("yr", "year"),
    ]


def test_pattern_filter_wakes_only_rules_whose_pattern_occurs():
    from textlint_news.patterns import PatternFilter, compile_pattern

    regexes = [compile_pattern(p, ignorecase=True) for p in (r"advertisement", r"read\s+more", r"\d+ comments")]
    screen = PatternFilter(regexes)
    assert screen.matching("Council approves budget.") == []
    assert screen.matching("READ  MORE: council news. 12 comments") == [1, 2]
    assert screen.matching("Advertisement\ud800") == [0, 1, 2]  # not UTF-8: every rule runs
    assert PatternFilter(regexes, max_chars=10).matching("x" * 11) == [0, 1, 2]


def test_a_relaxed_screen_wakes_every_rule_the_exact_one_wakes(seeds_dir):
    """The pack check screens relaxed patterns (`{m,n}` opened to `{m,}`, 6x cheaper to
    compile): on the seed copies and on lines built to hit the shipped rules, each rule the
    exact screen wakes is woken too; braces inside a class or escaped are left alone."""
    from textlint_news.patterns import PatternFilter, compile_pattern, relax

    assert relax(r"[\pL ]{2,40}\s+x{3}") == r"[\pL ]{2,}\s+x{3}"
    assert relax(r"[{2,3}]\{1,2\}\x{1c}") == r"[{2,3}]\{1,2\}\x{1c}"
    assert compile_pattern(relax("[{2,3}]")).search("3")  # still the class of "{", "2", ",", "3", "}"
    patterns = [check.screen.patterns for check in Linter().checks if check.name == "packs"][0]
    exact, relaxed = PatternFilter(list(patterns)), PatternFilter(list(patterns), relaxed=True)
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]
    texts += ["Read more stories from the BBC News team", "Hide caption " + "x" * 200, "Monday, 3rd June 2024"]
    woken = 0
    for text in texts:
        found = exact.matching(text)
        woken += len(found)
        assert set(found) <= set(relaxed.matching(text))
    assert woken > 0
