"""Grammar through LanguageTool: offsets, suggestions, severities, splitting, cache, outages, CLI.

Every server here is `tests/lt_server.py` on 127.0.0.1 (or a closed local port);
`TEXTLINT_NEWS_LT_URL` adds a run against a real LanguageTool server.
"""
from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import replace

import pytest
from click.testing import CliRunner
from lt_server import FakeLanguageTool, build_local_install

from textlint_news import languagetool
from textlint_news.checks.grammar import GrammarCheck, severity_for, suggestions_for
from textlint_news.cli import main
from textlint_news.config import Config, ConfigError, LanguageToolConfig
from textlint_news.document import Document
from textlint_news.engine import Linter
from textlint_news.languagetool import (GrammarSettings, LTMatch, OffsetMap, document_matches, split_text,
                                        utf16_length)

CLEAN = "The council approved the budget on Tuesday.\nIts members said the vote was close.\n"
DAMAGED = "Advertisement\n\nThe mayor said he have a plan for the the harbour.\n"


@pytest.fixture(autouse=True)
def fresh_state(tmp_path, monkeypatch):
    """No client or circuit breaker leaks between tests; no cache outside tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    languagetool.reset()
    yield
    languagetool.reset()


@pytest.fixture
def fake():
    with FakeLanguageTool() as server:
        yield server


def make_linter(url: str, tmp_path, **options) -> Linter:
    options.setdefault("cache_dir", str(tmp_path / "lt-cache"))
    options.setdefault("timeout", 2.0)
    return Linter(Config(languagetool=LanguageToolConfig(url=url, **options)))


def grammar(issues):
    return [i for i in issues if i.category == "grammar"]


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


# --- pure helpers ---------------------------------------------------------------------------

def test_offset_map_counts_astral_characters_twice():
    text = "a😀b🎉🎉c"
    offsets = OffsetMap(text)
    # UTF-16: a=0, 😀=1-2, b=3, 🎉=4-5, 🎉=6-7, c=8
    assert [offsets.to_index(u) for u in (0, 1, 3, 4, 6, 8, 9)] == [0, 1, 2, 3, 4, 5, 6]
    assert utf16_length(text) == 9
    assert OffsetMap("plain text").to_index(4) == 4
    assert split_text("😀" * 10, 5) == [(0, 2), (2, 4), (4, 6), (6, 8), (8, 10)]


def test_split_text_keeps_short_texts_whole():
    assert split_text("One line.\nTwo lines.\n", 20000) == [(0, 21)]
    assert split_text("x" * 50, 0) == [(0, 50)]


def test_split_text_cuts_at_line_breaks_within_the_limit():
    lines = [f"Paragraph number {n} says something modest.\r\n" for n in range(30)]
    text = "".join(lines)
    pieces = split_text(text, 200)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))  # contiguous cover
    assert all(utf16_length(text[s:e]) <= 200 for s, e in pieces)
    assert all(text[s:e].endswith("\r\n") for s, e in pieces)  # never inside a line


def test_split_text_prefers_paragraph_gaps_to_line_breaks():
    paragraph = "A line of a paragraph.\nAnother line of it.\n"  # 43 characters
    text = (paragraph + "\n") * 6
    pieces = split_text(text, 100)
    assert all(text[s:e].endswith("\n\n") for s, e in pieces[:-1])
    assert [e - s for s, e in pieces] == [88, 88, 88]


def test_split_text_splits_one_long_line_at_sentences_counting_utf16():
    text = " ".join(f"Sentence {n} ends here 😀." for n in range(40))
    pieces = split_text(text, 100)
    assert len(pieces) > 1
    assert all(utf16_length(text[s:e]) <= 100 for s, e in pieces)
    assert all(text[s:e].rstrip().endswith(".") for s, e in pieces[:-1])


def test_options_merge_default_disabled_rules_and_let_enabled_rules_win():
    server = LanguageToolConfig(url="http://example.invalid", disabled_rules=["C_RULE"], enabled_rules=["B_RULE"],
                                disabled_categories=["TYPOS", "STYLE"], enabled_categories=["STYLE"])
    options = languagetool.LTOptions.from_settings(
        GrammarSettings(default_disabled_rules=("A_RULE", "B_RULE"), languagetool=server))
    assert options.disabled_rules == ("A_RULE", "C_RULE")
    assert options.disabled_categories == ("TYPOS",)
    assert languagetool.LTOptions.from_settings(GrammarSettings()) is None


def test_severity_and_suggestion_helpers():
    settings = GrammarSettings(severity_by_issue_type={"grammar": "warning", "style": "info"},
                               default_severity="info")
    assert severity_for("grammar", settings) == "warning"
    assert severity_for("whitespace", settings) == "info"
    with pytest.raises(ConfigError, match=r"\[settings.grammar\]: severity_by_issue_type.odd: 'loud' is not a severity"):
        Linter(Config(settings={"grammar": {"severity_by_issue_type": {"odd": "loud"}}}))
    match = LTMatch(4, 7, "X", "TYPOS", "misspelling", "m", ("teh", "the", "the", "ten", "tea", "tee"))
    assert suggestions_for(match, "See teh end", 3) == ("the", "ten", "tea")


def test_check_is_off_by_default():
    assert not GrammarCheck().active(GrammarSettings())
    assert GrammarCheck().active(GrammarSettings(languagetool=LanguageToolConfig(url="http://127.0.0.1:8081")))
    assert "grammar" not in {c.name for c in Linter().checks}


# --- against the local test server --------------------------------------------------------

def test_matches_become_issues_with_spans_suggestions_and_severities(fake, tmp_path):
    linter = make_linter(fake.url, tmp_path)
    issues = linter.lint(DAMAGED)
    found = {i.rule: i for i in grammar(issues)}
    assert set(found) == {"grammar.lt.HE_VERB_AGR"}  # "the the" is layout.repeated-word's (below)
    verb = found["grammar.lt.HE_VERB_AGR"]
    assert DAMAGED[verb.start:verb.end] == "have"
    assert (verb.severity, verb.suggestions, verb.line, verb.column) == ("warning", ("has",), 3, 19)
    assert "HE_VERB_AGR" in verb.message and "do not agree" in verb.message
    [repeat] = [i for i in issues if i.rule == "layout.repeated-word"]
    assert DAMAGED[repeat.start:repeat.end] == "the the" and repeat.suggestions == ("the",)
    assert "ENGLISH_WORD_REPEAT_RULE" in fake.checks[0]["disabledRules"]  # reported once, not twice
    assert any(i.rule.startswith("boilerplate.") for i in issues)  # the other checks still report


def test_clean_text_gets_no_grammar_issue(fake, tmp_path):
    assert grammar(make_linter(fake.url, tmp_path).lint(CLEAN)) == []
    assert len(fake.checks) == 1


def test_offsets_stay_exact_after_emoji(fake, tmp_path):
    text = "Fans cheered 🎉🎉 and 👍 because she have won.\n"
    [issue] = grammar(make_linter(fake.url, tmp_path).lint(text))
    assert text[issue.start:issue.end] == "have"
    assert issue.column == text.index("have") + 1


def test_offsets_stay_exact_with_crlf_line_breaks(fake, tmp_path):
    text = "The harbour opened.\r\nit have new cranes  and a  crew.\r\nThe end 😀 came and and went.\r\n"
    issues = grammar(make_linter(fake.url, tmp_path).lint(text))
    spans = {i.rule.rsplit(".", 1)[1]: (text[i.start:i.end], i.line, i.column, i.severity) for i in issues}
    assert spans["UPPERCASE_SENTENCE_START"] == ("it", 2, 1, "info")
    assert spans["HE_VERB_AGR"] == ("have", 2, 4, "warning")
    assert "ENGLISH_WORD_REPEAT_RULE" not in spans  # disabled by default: layout.repeated-word reports it
    assert [i for i in issues if i.rule.endswith("WHITESPACE_RULE")][0].suggestions == (" ",)


def test_request_carries_language_and_rule_configuration(fake, tmp_path):
    linter = make_linter(fake.url, tmp_path, language="en-GB", enabled_rules=["EN_QUOTES"],
                         disabled_rules=["WHITESPACE_RULE"])
    issues = grammar(linter.lint('He said "good morning" as she have gone to the  crowd, teh end.\n'))
    params = fake.checks[0]
    assert params["language"] == "en-GB"
    assert params["disabledCategories"] == "TYPOS"  # spelling of names is the names check's job
    assert set(params["disabledRules"].split(",")) == {
        "PUNCTUATION_PARAGRAPH_END", "EN_UNPAIRED_BRACKETS", "ENGLISH_WORD_REPEAT_RULE", "WHITESPACE_RULE"}
    assert params["enabledRules"] == "EN_QUOTES"
    assert sorted(i.rule for i in issues) == ["grammar.lt.EN_QUOTES", "grammar.lt.HE_VERB_AGR"]


def test_enabled_spelling_caps_suggestions(fake, tmp_path):
    linter = make_linter(fake.url, tmp_path, disabled_categories=[])
    [issue] = grammar(linter.lint("We will recieve it.\n"))
    assert issue.rule == "grammar.lt.MORFOLOGIK_RULE_EN_US"
    assert issue.suggestions == ("receive", "Tee", "ten") and issue.severity == "warning"


def test_long_text_is_split_within_the_server_limit(tmp_path):
    block = "The ferry left at noon and the crew waved.\n" * 12
    text = block + "Later it have docked 😀 at the the pier.\n" + block
    with FakeLanguageTool(max_length=300) as server:
        issues = grammar(make_linter(server.url, tmp_path, max_chars=300,
                                     enabled_rules=["ENGLISH_WORD_REPEAT_RULE"]).lint(text))
        assert len(server.checks) > 1
        assert all(utf16_length(p["text"]) <= 300 for p in server.checks)
    assert sorted(text[i.start:i.end] for i in issues) == ["have", "the the"]


def test_second_run_is_served_from_the_disk_cache(fake, tmp_path):
    first = make_linter(fake.url, tmp_path).lint(DAMAGED)
    assert len(fake.checks) == 1
    languagetool.reset()  # a new process: no client, no memo
    second = make_linter(fake.url, tmp_path).lint(DAMAGED)
    assert len(fake.checks) == 1 and fake.language_requests == 1  # no request at all
    assert grammar(first) == grammar(second)
    assert list((tmp_path / "lt-cache").rglob("*.json"))
    make_linter(fake.url, tmp_path, disabled_rules=["HE_VERB_AGR"]).lint(DAMAGED)
    assert len(fake.checks) == 2  # other rule settings, other cache key


def test_default_cache_dir_follows_xdg_cache_home(fake, tmp_path):
    Linter(Config(languagetool=LanguageToolConfig(url=fake.url))).lint(DAMAGED)
    assert list((tmp_path / "xdg" / "textlint-news" / "languagetool").rglob("*.json"))


def test_document_matches_are_shared_through_the_memo(fake, tmp_path):
    settings = make_linter(fake.url, tmp_path).settings["grammar"]
    doc = Document(DAMAGED)
    matches = document_matches(doc, settings)
    assert [m.rule_id for m in matches] == ["HE_VERB_AGR"]  # "the the": disabled, layout's
    assert matches[0].issue_type == "grammar" and matches[0].category == "GRAMMAR"
    assert document_matches(doc, settings) == matches and len(fake.checks) == 1
    assert document_matches(doc, GrammarSettings()) is None


def test_server_error_warns_once_and_the_circuit_stays_open(tmp_path):
    with FakeLanguageTool(status=500) as server:
        linter = make_linter(server.url, tmp_path, retries=1)
        linter.settings["grammar"] = replace(linter.settings["grammar"], retry_backoff=0.01)
        first = linter.lint_document(Document(DAMAGED, path="a.txt"))
        second = linter.lint_document(Document(CLEAN + "More text.\n", path="b.txt"))
        assert len(server.checks) == 2  # one retry of the 500, then nothing for b.txt
    assert first.failures == [] and grammar(first.issues) == []
    assert any(i.rule.startswith("boilerplate.") for i in first.issues)
    assert first.warnings == second.warnings and len(first.warnings) == 1
    assert "HTTP 500" in first.warnings[0] and "grammar checks are skipped" in first.warnings[0]
    assert document_matches(Document("x"), linter.settings["grammar"]) is None


def test_slow_server_times_out_without_retry(tmp_path):
    with FakeLanguageTool(delay=1.5) as server:
        linter = make_linter(server.url, tmp_path, timeout=0.3, retries=2)
        started = time.monotonic()
        result = linter.lint_document(Document(DAMAGED))
        assert time.monotonic() - started < 1.2
        assert len(server.checks) == 1
    assert "no reply within 0.3 s" in result.warnings[0]
    assert [i.rule for i in result.issues] == ["boilerplate.ad-slot", "layout.repeated-word"]


def test_unreachable_server_is_a_failure_only_when_required(tmp_path):
    url = closed_port_url()
    relaxed = make_linter(url, tmp_path, retries=0).lint_document(Document(DAMAGED))
    assert relaxed.failures == [] and "cannot connect" in relaxed.warnings[0]
    languagetool.reset()
    strict = make_linter(url, tmp_path, retries=0, require=True).lint_document(Document(DAMAGED))
    assert len(strict.failures) == 1 and "--require-languagetool" in strict.failures[0]
    assert any(i.rule == "boilerplate.ad-slot" for i in strict.issues)


def test_unknown_language_is_reported_once(fake, tmp_path):
    result = make_linter(fake.url, tmp_path, language="xx-YY").lint_document(Document(DAMAGED))
    assert "language 'xx-YY'" in result.warnings[0] and fake.checks == []


def test_rejected_request_is_not_retried(tmp_path):
    text = "A sentence that is far too long for this tiny server limit.\n"
    with FakeLanguageTool(max_length=10) as server:
        result = make_linter(server.url, tmp_path, max_chars=0, retries=3).lint_document(Document(text))
        assert len(server.checks) == 1
    assert "HTTP 413" in result.warnings[0] and "max-chars" in result.warnings[0]


def test_local_mode_without_an_install_explains_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "no-languagetool-here"))
    result = make_linter("local", tmp_path).lint_document(Document(DAMAGED))
    assert "the local LanguageTool server is unavailable" in result.warnings[0]
    assert "no LanguageTool install found" in result.warnings[0] and "LTP_PATH" in result.warnings[0]


@pytest.mark.slow
def test_local_mode_starts_language_tool_pythons_own_server(tmp_path, monkeypatch):
    install = build_local_install(tmp_path / "stub")
    if install is None:
        pytest.skip("needs a JDK (java, javac, jar) to build the local LanguageTool stand-in")
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    monkeypatch.setenv("LTP_PATH", str(install))
    text = "Fans 🎉 said he have won.\r\nNext line.\r\n"
    result = make_linter("local", tmp_path, timeout=10.0).lint_document(Document(text))
    assert result.warnings == []
    [issue] = grammar(result.issues)
    assert (issue.rule, text[issue.start:issue.end], issue.column) == ("grammar.lt.HE_VERB_AGR", "have", 16)
    languagetool.reset()  # stops the Java server


def test_explain_documents_the_generic_rule():
    info = GrammarCheck().rule("grammar.lt")
    assert info.category == "grammar" and "--languagetool" in info.explain


# --- the command line -----------------------------------------------------------------------

def run_cli(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["lint", "--isolated", "--format", "json", *args], env=env)


def test_cli_reports_grammar_beside_the_other_checks(fake, seed_path, tmp_path):
    seed = str(seed_path(4))
    env = {"XDG_CACHE_HOME": str(tmp_path / "cli-cache")}
    result = run_cli("--languagetool", fake.url, seed, env=env)
    rules = {issue["rule"] for issue in json.loads(result.stdout)}
    # (its lower-case line start, 'browser that...', is inside the video notice --fix deletes)
    assert "grammar.lt.EN_A_VS_AN" in rules and "grammar.lt.UPPERCASE_SENTENCE_START" not in rules
    assert any(not r.startswith("grammar.") for r in rules)
    assert result.exit_code == 1 and "LanguageTool" not in result.stderr


def test_cli_without_a_server_warns_once_and_reports_everything_else(seed_path, tmp_path):
    seeds = [str(seed_path(4)), str(seed_path(1))]
    env = {"XDG_CACHE_HOME": str(tmp_path / "cli-cache")}
    plain = run_cli(*seeds, env=env)
    down = run_cli("--languagetool", closed_port_url(), *seeds, env=env)
    assert down.stdout == plain.stdout and down.exit_code == plain.exit_code
    assert down.stderr.count("warning: LanguageTool at") == 1
    languagetool.reset()
    required = run_cli("--languagetool", closed_port_url(), "--require-languagetool", *seeds, env=env)
    assert required.exit_code == 2 and "--require-languagetool is set" in required.stderr


# --- a real LanguageTool server, when one is named -----------------------------------------

@pytest.mark.skipif(not os.environ.get("TEXTLINT_NEWS_LT_URL"), reason="set TEXTLINT_NEWS_LT_URL to a LanguageTool server")
def test_real_languagetool_server(tmp_path):
    text = "Fans 🎉 said he have a apple.\r\nThe vote was was close.\r\n"
    linter = make_linter(os.environ["TEXTLINT_NEWS_LT_URL"], tmp_path, timeout=30.0)
    issues = grammar(linter.lint(text))
    assert issues, "a real LanguageTool flags these sentences"
    for issue in issues:
        assert issue.rule.startswith("grammar.lt.") and 0 <= issue.start <= issue.end <= len(text)
    underlined = {text[i.start:i.end] for i in issues}
    assert underlined & {"have", "a", "was was", "he have"}
    assert grammar(make_linter(os.environ["TEXTLINT_NEWS_LT_URL"], tmp_path).lint(CLEAN)) == []
