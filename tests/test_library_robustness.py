"""The library on any `str`: no check fails, and one that does is never silent."""
import random
import warnings

import pytest

import textlint_news
from textlint_news.check import Check, RuleInfo
from textlint_news.document import Document
from textlint_news.engine import CheckFailedWarning, Linter

# Our own invented prose, plus the seeds when present: the fuzz splices hostile characters in.
PROSE = (
    "Advertisement\n\n"
    "The harbour board met on Tuesday. Its chair, Ada Okonkwo, said the 3 ferries would resume "
    "service next week.\n"
    "Mr. Okonkwo told reporters: “We got here as a team.” Read more: www.example.org/harbour\n\n"
    "Follow us on Twitter @harbourboard pic.twitter.com/abc123\n"
)
HOSTILE = {
    "surrogate": [chr(c) for c in (0xD800, 0xDBFF, 0xDC80, 0xDCFF, 0xDFFF)],
    "control": [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x9F)],
    "combining": ["\u0301", "\u0308", "\u0336", "\u20dd", "\u0651", "\u05b4", "\ufe0f"],
    "bidi": ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
             "\u2068", "\u2069", "\u061c"],
    "invisible": ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"],
    "separator": ["\u2028", "\u2029", "\r", "\r\n", "\u00a0", "\u3000"],
    "odd": ["\ufffd", "\uffff", "\ue000", "\U0001f600", "\U0001d400", "\U000e0041"],
}


def fuzzed(rng: random.Random, base: str) -> str:
    """`base` with 1-40 hostile characters put in at random places (runs of them too)."""
    chars = list(base)
    for _ in range(rng.randint(1, 40)):
        family = rng.choice(sorted(HOSTILE))
        insert = rng.choice(HOSTILE[family]) * rng.choice((1, 1, 1, 3, 20))
        chars.insert(rng.randint(0, len(chars)), insert)
    return "".join(chars)


@pytest.fixture(scope="module")
def bases(request) -> list[str]:
    texts = [PROSE, "".join(c for family in HOSTILE.values() for c in family)]
    try:
        seeds = request.getfixturevalue("seeds_dir")
    except pytest.skip.Exception:
        return texts
    return texts + [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]


def test_no_check_fails_on_hostile_characters(linter, bases):
    """A bounded, seeded fuzz: 60 texts, every check, not one failure; every span in range."""
    rng = random.Random(20261206)
    for n in range(60):
        text = fuzzed(rng, bases[n % len(bases)])
        result = linter.lint_document(Document(text))
        assert result.failures == [], (n, result.failures)
        for issue in result.issues:
            assert 0 <= issue.start <= issue.end <= len(text), (n, issue)


def test_a_lone_surrogate_hides_no_issue(linter, seed_text):
    """errors="surrogateescape" leaves lone surrogates: every check still runs (73 issues on
    seed 004 before, 5 when three checks failed on the surrogate), plus the encoding note."""
    text = seed_text(4)
    damaged = text[:100] + "\udcff" + text[100:]
    with warnings.catch_warnings():
        warnings.simplefilter("error", CheckFailedWarning)
        clean, broken = linter.lint(text), linter.lint(damaged)
    assert len(broken) == len(clean) + 1
    assert {i.rule for i in broken} - {i.rule for i in clean} == {"encoding.replacement-char"}


class _Broken(Check):
    name = "broken"
    rules = (RuleInfo("broken.rule", "layout", "warning", "never reported"),)

    def check(self, doc, ctx):
        raise RuntimeError("boom")


def test_a_failed_check_warns_in_the_library():
    linter = Linter(checks=[_Broken()])
    with pytest.warns(CheckFailedWarning, match="internal error in check 'broken': RuntimeError: boom"):
        assert linter.lint("Advertisement\n\nThe mayor spoke.") != []  # the packs' issues stay


def test_bytes_are_refused_with_a_clear_type_error():
    with pytest.raises(TypeError, match="takes a str, not bytes"):
        textlint_news.lint(b"Advertisement\n\nThe mayor spoke.")
