"""Spinner families on real clean news: rate, exact spans, case, reproducibility, isolation."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpora.build import articles  # noqa: E402
from corpora.families import FAMILIES, OWN, make, outside_families  # noqa: E402
from corpora.families.random_words import similar_words, word_class  # noqa: E402

# The share of its budget (rate x content words) a family fills on ordinary news at least:
# proper names and fixed expressions are rarer than content words, so `names` and `collocation`
# fill less.
MIN_FILL = {"names": 0.3, "collocation": 0.3}


@pytest.fixture(scope="module")
def news(data_dir) -> list[tuple[str, str]]:
    """Thirty clean articles of ../shared/data, read in place."""
    return [item for _, item in zip(range(30), articles(data_dir))]


def spinner(name: str, rate: float = 0.10, seed: int = 3):
    try:
        return make(name, rate=rate, seed=seed)
    except FileNotFoundError as exc:  # a family whose built data is absent
        pytest.skip(str(exc))


def unspin(result) -> str:
    text = result.text
    for span in sorted(result.spans, key=lambda s: -s.start):
        assert text[span.start:span.end] == span.replacement
        text = text[:span.start] + span.original + text[span.end:]
    return text


@pytest.mark.parametrize("name", list(FAMILIES))
def test_family_swaps_about_rate_of_content_words(name, news):
    family = spinner(name, rate=0.10)
    swaps = budget = 0
    for key, text in news:
        result = family.spin(text, key=key)
        # own also adds digit and each artifacts and name swaps beyond its budget
        extra = ("digit", "each", "name") if name == "own" else ("digit", "each")
        swaps += sum(s.kind not in extra for s in result.spans)
        budget += round(0.10 * result.content_words)
    assert MIN_FILL.get(name, 0.8) * budget <= swaps <= budget


@pytest.mark.parametrize("name", list(FAMILIES))
def test_family_spans_are_exact_and_keep_case(name, news):
    family = spinner(name, rate=0.2)
    seen = 0
    for key, text in news:
        result = family.spin(text, key=key)
        assert unspin(result) == text
        for span in result.spans:
            seen += 1
            assert span.original != span.replacement
            if span.kind not in ("digit",):
                assert span.original[0].isupper() == span.replacement[0].isupper(), span
                assert (span.original.isupper() and len(span.original) > 1) <= span.replacement.isupper()
    assert seen


@pytest.mark.parametrize("name", list(FAMILIES))
def test_family_is_reproducible_with_a_seed(name, news):
    key, text = news[0]
    first = spinner(name, seed=5).spin(text, key=key)
    assert first == spinner(name, seed=5).spin(text, key=key)
    assert first.spans
    others = [spinner(name, seed=6).spin(text, key=key), spinner(name, seed=5).spin(text, key=key + "x")]
    assert all(o.text != first.text for o in others)


@pytest.mark.parametrize("name", list(FAMILIES))
def test_family_never_produces_an_excluded_replacement(name, news):
    def produced(family) -> set[str]:  # the replacements, without an a/an left unrepaired before them
        return {s.replacement.lower().split(" ", 1)[-1] if s.article_error else s.replacement.lower()
                for key, text in news[:10] for s in family.spin(text, key).spans}

    first = produced(spinner(name))
    excluded = sorted(first)[: len(first) // 2]
    again = produced(make(name, rate=0.10, seed=3, exclude=excluded))
    assert again and not again & set(excluded)


def test_a_family_without_its_built_data_says_how_to_build_it(tmp_path, monkeypatch):
    from corpora.families.thesaurus import ThesaurusSpinner

    monkeypatch.setattr(ThesaurusSpinner, "data", (tmp_path / "roget.tsv",))
    with pytest.raises(FileNotFoundError, match="roget.tsv not found: build it with python corpora/build_families.py"):
        make("thesaurus")


def test_unknown_family_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown spinner family 'nope'"):
        make("nope")


def test_reported_families_leave_out_own():
    assert OWN in FAMILIES and OWN not in outside_families()
    assert "random" in outside_families()


def test_random_replacements_are_of_similar_frequency_and_class(news):
    from textlint_news.spin.lexicon import zipf

    spans = [s for key, text in news for s in spinner("random").spin(text, key).spans]
    gaps = sorted(abs(zipf(s.replacement.lower()) - zipf(s.original.lower())) for s in spans)
    assert gaps[len(gaps) // 2] <= 0.2 and gaps[-1] <= 0.8
    assert all(word_class(s.replacement.lower()) == word_class(s.original.lower()) for s in spans)
    assert word_class("quickly") == "adverb" and word_class("reported") == "past"
    assert "officials" not in similar_words("officials")


def spans_of(name: str, news, rate: float = 0.10):
    """(spun text, span) of every swap the family makes in `news`."""
    family = spinner(name, rate=rate)
    return [(result.text, s) for key, text in news for result in [family.spin(text, key)] for s in result.spans]


def test_thesaurus_swaps_are_never_pairs_of_the_detector_table(news):
    from textlint_news.spin.lexicon import synonyms, zipf

    spans = [s for _, s in spans_of("thesaurus", news) if not s.article_error]
    assert spans
    for span in spans:
        assert " " not in span.replacement
        assert span.replacement.lower() not in synonyms(span.original.lower())
    rarer = sum(zipf(s.replacement.lower()) < zipf(s.original.lower()) for s in spans)
    assert rarer / len(spans) > 0.7  # spinners prefer the rarer synonyms


def test_phrase_swaps_words_for_phrases_and_back(news):
    spans = [s for _, s in spans_of("phrase", news) if not s.article_error]
    to_phrase = [s for s in spans if " " not in s.original and " " in s.replacement]
    to_word = [s for s in spans if " " in s.original and " " not in s.replacement]
    assert len(to_phrase) + len(to_word) == len(spans)
    assert to_phrase and to_word


def test_collocation_breaks_a_fixed_expression_with_an_equally_common_word(news):
    from corpora.families.collocation import EQUAL_ZIPF
    from corpora.families.tables import expressions
    from textlint_news.spin.lexicon import zipf

    spans = [(t, s) for t, s in spans_of("collocation", news) if not s.article_error]
    assert spans
    known = {" ".join(e) for es in expressions().values() for e in es}
    for spun, span in spans:
        assert abs(zipf(span.replacement.lower()) - zipf(span.original.lower())) <= EQUAL_ZIPF
    # the swapped word sits inside a fixed expression of the original text: put it back and look
    inside = 0
    for spun, span in spans:
        before = spun[:span.start].split()[-2:]
        after = spun[span.end:].split()[:2]
        words = [w.lower().strip(".,;:\"'") for w in before + [span.original] + after]
        grams = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 2, i + 4)}
        inside += bool(grams & known) or any(g.rstrip("s") in known for g in grams)
    assert inside / len(spans) > 0.9


def test_names_swaps_only_capitalised_words_inside_names(news):
    from corpora.families.names import name_runs
    from corpora.spinner import WORD

    text = "Shares in Home Depot rose, the Bank of England said on Tuesday. The Federal Reserve waited."
    runs = [" ".join(m.group() for m in run) for run in name_runs(text, list(WORD.finditer(text)))]
    assert runs == ["Home Depot", "Bank England", "Tuesday", "Federal Reserve"]
    spans = [s for _, s in spans_of("names", news)]
    assert spans and all(s.original.istitle() and s.replacement[0].isupper() for s in spans)


def test_no_detector_module_names_the_family_data():
    """Only the train/eval commands (textlint_news/spin/commands.py and the family evaluation)
    may name corpora.families: no check, detector or feature module does."""
    allowed = {"spin/commands.py", "spin/family_evaluation.py"}
    pattern = re.compile(r"corpora[./]families|families[./]data")
    for path in sorted((ROOT / "textlint_news").rglob("*.py")):
        relative = path.relative_to(ROOT / "textlint_news").as_posix()
        if relative not in allowed:
            assert not pattern.search(path.read_text(encoding="utf-8")), relative


def test_linting_opens_no_family_data(news, tmp_path):
    """Lint news with every check in a fresh process that records each file it opens:
    the detector loads its tables, and none of them is under corpora/families."""
    import json
    import subprocess

    files = []
    for i, (_, text) in enumerate(news[:5]):
        files.append(tmp_path / f"{i}.txt")
        files[-1].write_text(text, encoding="utf-8")
    script = (
        "import json, sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == 'open' else None)\n"
        "from textlint_news.api import lint_file\n"
        "for path in sys.argv[1:]:\n"
        "    lint_file(path)\n"
        "print(json.dumps(opened))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, *map(str, files)], capture_output=True, text=True,
                          check=True, cwd=tmp_path)
    opened = json.loads(done.stdout.strip().splitlines()[-1])
    assert any(p.endswith("synonyms.tsv") for p in opened), "the detector's own tables were not seen loading"
    assert not [p for p in opened if "families" in Path(p).parts]
