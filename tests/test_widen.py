"""A relaxed screen's letter and number classes, widened (`patterns.widen`): it still wakes every
rule the exact screen wakes, and RE2 compiles no Unicode letter table for it."""
import pytest

from textlint_news.engine import Linter
from textlint_news.patterns import PatternFilter, compile_pattern, relax, widen

# ASCII, Latin-1, the case-folding oddities ("ſ", the Kelvin sign, "ẞ"), and a spread of
# code points over every plane in use (letters, digits and marks of many scripts)
CHARACTERS = ([chr(c) for c in range(0x250)] + ["\u017f", "\u212a", "\u1e9e", "\u0660", "\u2167"]
              + [chr(c) for c in range(0x250, 0x30000, 97) if not 0xD800 <= c < 0xE000])


def test_widen_rewrites_only_letter_and_number_properties():
    assert widen(r"[\pL ]{2,}\s+x") == r"[a-zA-Z\x{80}-\x{10FFFF} ]{2,}\s+x"
    assert widen(r"(?:\A|[^\pL\pN])the") == r"(?:\A|[^a-zA-Z0-9])the"
    assert widen(r"\pL+\p{N}") == r"[a-zA-Z\x{80}-\x{10FFFF}]+[0-9\x{80}-\x{10FFFF}]"
    assert widen(r"[\pL.-]+") == r"[a-zA-Z\x{80}-\x{10FFFF}.-]+"
    for kept in (r"\p{Greek}+", r"\PL", r"[\p{Lu}x]", r"[\t \p{Z}]+", r"\\pL", r"\Q\pL\E", r"[]a]\pZ"):
        assert widen(kept) == kept


@pytest.mark.parametrize("exact", [r"[\pL ]{2,}", r"[^\pL\pN]", r"\pL", r"[\pL-]", r"\pN", r"[^\pL]"])
@pytest.mark.parametrize("ignorecase", [False, True])
def test_a_widened_class_matches_every_character_the_exact_one_does(exact, ignorecase):
    wide_source, exact_source = f"^(?:{widen(exact)})$", f"^(?:{exact})$"
    wide, narrow = compile_pattern(wide_source, ignorecase), compile_pattern(exact_source, ignorecase)
    matched = 0
    for char in CHARACTERS:
        text = char * 2 if "{2," in exact else char
        if narrow.search(text):
            matched += 1
            assert wide.search(text), (exact, hex(ord(char)))
    assert matched > 20


def test_the_relaxed_screen_wakes_every_rule_the_exact_one_wakes(seeds_dir):
    patterns = [check.screen.patterns for check in Linter().checks if check.name == "packs"][0]
    assert any(r"\pL" in p for p in patterns)  # the shipped packs have letter classes to widen
    exact, relaxed = PatternFilter(list(patterns)), PatternFilter(list(patterns), relaxed=True)
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]
    texts += ["Read more stories from Zürich and Łódź", "Support our indépendant journalism",
              "Contact our Ελληνικά news desk", "the the", "Ünd ünd", "SIGN UP for our daily newsletter",
              "To view this video please enable JavaScript, and consider upgrading to a web "
              "browser that supports HTML5 video"]
    woken = 0
    for text in texts:
        found = exact.matching(text)
        woken += len(found)
        assert set(found) <= set(relaxed.matching(text)), text
    assert woken >= 4


def test_the_pack_screen_compiles_no_letter_property(monkeypatch):
    import textlint_news.patterns as patterns_module

    compiled: list[tuple[str, ...]] = []
    real = patterns_module._compile_set
    monkeypatch.setattr(patterns_module, "_compile_set", lambda found: compiled.append(found) or real(found))
    patterns = [check.screen.patterns for check in Linter().checks if check.name == "packs"][0]
    screen = PatternFilter(list(patterns), relaxed=True)
    assert screen.matching("Read more stories from Zürich\n" + "x" * 30_000)  # past any literal screen
    assert compiled == [tuple(widen(relax(p)) for p in patterns)]
    assert not any(r"\pL" in p or r"\pN" in p for p in compiled[0])
