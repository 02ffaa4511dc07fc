"""The engine: selection, severity overrides, confidence floor, de-duplication, ordering."""
import pytest

from textlint_news.check import Check, RuleInfo
from textlint_news.config import Config, ConfigError
from textlint_news.document import Document
from textlint_news.engine import Linter


class Finder(Check):
    """Reports every occurrence of fixed words, for engine tests."""

    name = "finder"
    rules = (
        RuleInfo("spin.word", "spin", "warning", "a spun word"),
        RuleInfo("spin.phrase", "spin", "info", "a spun phrase"),
        RuleInfo("spin.document", "spin", "warning", "the whole text"),
        RuleInfo("layout.gap", "layout", "info", "a gap"),
        RuleInfo("names.typo", "name-typo", "error", "a typo"),
    )

    def check(self, doc, ctx):
        text = doc.text
        for word, rule, confidence in (("facility", "spin.word", 0.9), ("the facility of", "spin.phrase", 0.6),
                                       ("Hesgeth", "names.typo", 0.8), ("  ", "layout.gap", 0.5)):
            start = text.find(word)
            if start >= 0:
                yield self.emit(doc, rule, start, start + len(word), f"found {word!r}", confidence=confidence)
        yield self.emit(doc, "spin.document", 0, len(text), "spun", confidence=0.7)


class Broken(Check):
    name = "broken"
    rules = (RuleInfo("names.broken", "name-typo", "warning", "never emitted"),)

    def check(self, doc, ctx):
        raise RuntimeError("boom")


TEXT = "Hesgeth spoke of the facility of the Dollar.  Then he left."


def rules_of(config: Config, checks=(Finder(),)):
    return [i.rule for i in Linter(config, checks=list(checks)).lint(TEXT)]


def test_overlapping_reports_in_one_category_keep_the_strongest():
    assert rules_of(Config(select=["spin", "names", "layout"])) == [
        "names.typo", "spin.document", "spin.word", "layout.gap",
    ]


def test_issues_are_sorted_by_position_then_rule():
    issues = Linter(Config(select=["spin", "names"]), checks=[Finder()]).lint(TEXT)
    assert [i.start for i in issues] == sorted(i.start for i in issues)


def test_select_and_ignore_by_prefix_and_category():
    assert rules_of(Config(select=["spin.word", "layout"])) == ["spin.word", "layout.gap"]
    assert rules_of(Config(select=["spin"], ignore=["spin.document"])) == ["spin.word"]
    assert rules_of(Config(select=["name-typo"])) == ["names.typo"]
    with pytest.raises(ConfigError, match="'spin.wor'"):  # a prefix ends at a dot: it matches no rule
        rules_of(Config(select=["spin.wor"]))


def test_severity_overrides_longest_prefix_wins():
    config = Config(select=["spin", "names"], severity={"spin": "info", "spin.word": "error", "name-typo": "info"})
    issues = Linter(config, checks=[Finder()]).lint(TEXT)
    assert {i.rule: i.severity for i in issues} == {
        "spin.document": "info", "spin.word": "error", "names.typo": "info",
    }


def test_confidence_floor_and_per_path_ignores():
    assert rules_of(Config(select=["spin", "layout"], min_confidence=0.65)) == ["spin.document", "spin.word"]
    config = Config(select=["spin", "names"], per_path_ignores={"*.txt": ["names"]})
    issues = Linter(config, checks=[Finder()]).lint(TEXT, path="copy.txt")
    assert "names.typo" not in [i.rule for i in issues]


def test_a_failing_check_is_reported_and_others_still_run():
    result = Linter(Config(select=["names"]), checks=[Broken(), Finder()]).lint_document(
        __import__("textlint_news.document", fromlist=["Document"]).Document(TEXT)
    )
    assert [i.rule for i in result.issues] == ["names.typo"]
    assert result.failures == ["internal error in check 'broken': RuntimeError: boom"]


def test_deselected_checks_do_not_run():
    linter = Linter(Config(select=["layout"]), checks=[Broken(), Finder()])
    assert [c.name for c in linter.checks] == ["packs", "finder"]
    assert Linter(Config(ignore=["names"]), checks=[Broken()]).checks[1:] == []


class BrokenObserver(Finder):
    name = "observer"

    def observe(self, doc, ctx):
        raise ValueError("bad settings")


def test_a_failing_observe_does_not_stop_a_run():
    linter = Linter(Config(select=["names"]), checks=[BrokenObserver()])
    from textlint_news.document import Document

    assert linter.observe(Document(TEXT)) == {"observer": None}
    assert [i.rule for i in linter.lint(TEXT)] == ["names.typo"]


def test_background_loads_run_beside_the_preloads_and_end_with_them():
    import threading

    started = threading.Event()
    order = []

    class Background(Finder):
        def background_loads(self, ctx):
            def load():
                started.set()
                order.append(("background", threading.current_thread() is not threading.main_thread()))
            return [load, self.broken_load]

        def broken_load(self):
            raise OSError("model missing")  # left to the check to report when it runs

        def preload(self, ctx):
            started.wait(5)  # the background load runs while the preloads do
            order.append(("preload", True))

    before = threading.active_count()
    linter = Linter(Config(), checks=[Background()])
    linter.preload()
    assert order == [("background", True), ("preload", True)]
    assert threading.active_count() == before  # joined: nothing runs on into a fork
    assert linter.lint(TEXT)


def test_a_failing_preload_leaves_the_others_and_the_check_reports_it_when_it_runs():
    class LoadsBroken(Broken):
        def preload(self, ctx):
            raise FileNotFoundError("table missing")

    loaded = []

    class Loads(Finder):
        def preload(self, ctx):
            loaded.append(ctx.settings_for(self.name))

    linter = Linter(Config(), checks=[LoadsBroken(), Loads()])
    linter.preload()
    assert loaded == [None]  # a check without a settings dataclass has no settings
    result = linter.lint_document(Document(TEXT))
    assert any("boom" in f for f in result.failures) and result.issues


class Deleter(Check):
    """Flags the notice line for deletion, and a spun word and a broken line inside it."""

    name = "deleter"
    rules = (
        RuleInfo("boilerplate.notice", "boilerplate", "warning", "a notice"),
        RuleInfo("spin.word", "spin", "warning", "a spun word"),
        RuleInfo("layout.break", "layout", "warning", "a broken line"),
    )

    def __init__(self, confidence: float) -> None:
        self.confidence = confidence

    def check(self, doc, ctx):
        text = doc.text
        notice = text.index("To view this video")
        yield self.emit(doc, "boilerplate.notice", notice, text.index("video.", notice) + 6, "notice",
                        ("",), self.confidence)
        word = text.index("online\nbrowser")
        yield self.emit(doc, "spin.word", word, word + 14, "spun", ("web browser",), 0.95)
        yield self.emit(doc, "layout.break", word + 6, word + 7, "broken", (" ",), 0.9)
        after = text.index("uses a facility")
        yield self.emit(doc, "spin.word", after + 7, after + 15, "spun", ("power",), 0.9)


NOTICE_TEXT = ("The mayor spoke.\n\nTo view this video, upgrade to an online\nbrowser that supports HTML5 video.\n\n"
               "The plant uses a facility of wind.\n")


def test_issues_inside_a_span_fix_deletes_are_dropped():
    """The report showed a spin and a layout warning inside the notice that --fix deletes."""
    issues = Linter(Config(), checks=[Deleter(0.95)]).lint(NOTICE_TEXT)
    assert [(i.rule, NOTICE_TEXT[i.start:i.end]) for i in issues] == [
        ("boilerplate.notice", "To view this video, upgrade to an online\nbrowser that supports HTML5 video."),
        ("spin.word", "facility"),
    ]


def test_issues_inside_a_deletion_fix_would_not_apply_stay():
    weak = Linter(Config(), checks=[Deleter(0.6)]).lint(NOTICE_TEXT)
    assert len(weak) == 4
    unfixable = Linter(Config(unfixable=["boilerplate"]), checks=[Deleter(0.95)]).lint(NOTICE_TEXT)
    assert len(unfixable) == 4
