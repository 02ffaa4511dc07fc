"""The corpus spinner: reproducible, labelled, rate-controlled, with spinner artifacts."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpora.build import articles, build, split_of  # noqa: E402
from corpora.spinner import Spinner, needs_an  # noqa: E402

TEXT = (
    "The council approved a new budget on Tuesday after a long debate about rising costs.\n\n"
    "Officials said the plan would help families pay for heating and protect local services. "
    "Critics argued that the changes were rushed and that residents had little time to respond.\n\n"
    "Both parties expect further talks next month, when two committees will review the figures "
    "and publish a short report for the public."
)


def unspin(result) -> str:
    """Put every original back: the spans must describe the edit exactly."""
    text = result.text
    for span in sorted(result.spans, key=lambda s: -s.start):
        assert text[span.start:span.end] == span.replacement
        text = text[:span.start] + span.original + text[span.end:]
    return text


def test_same_seed_and_key_give_the_same_spin():
    first = Spinner(rate=0.3, seed=4).spin(TEXT, key="a.txt")
    again = Spinner(rate=0.3, seed=4).spin(TEXT, key="a.txt")
    other = Spinner(rate=0.3, seed=4).spin(TEXT, key="b.txt")
    assert first == again
    assert first.text != TEXT
    assert other.text != first.text


def test_spans_record_the_originals_exactly():
    result = Spinner(rate=0.5, seed=1, artifact_rate=1.0).spin(TEXT, key="x")
    assert result.spans
    assert unspin(result) == TEXT
    assert all(s.original != s.replacement for s in result.spans)


def test_rate_controls_how_many_content_words_are_swapped():
    light = Spinner(rate=0.05, seed=2, artifact_rate=0.0).spin(TEXT, key="x")
    heavy = Spinner(rate=0.4, seed=2, artifact_rate=0.0).spin(TEXT, key="x")
    assert len(light.spans) <= round(0.05 * light.content_words) + 1
    assert len(heavy.spans) > len(light.spans)
    assert len(heavy.spans) <= round(0.4 * heavy.content_words)
    assert Spinner(rate=0.0, artifact_rate=0.0).spin(TEXT, key="x").text == TEXT


def test_names_and_acronyms_are_left_alone():
    text = "Mayor Alvarez met NATO envoys in Lisbon to discuss a difficult agreement."
    for seed in range(20):
        result = Spinner(rate=1.0, seed=seed, artifact_rate=0.0).spin(text, key="n")
        for name in ("Alvarez", "NATO", "Lisbon"):
            assert name in result.text


def test_prefers_rarer_synonyms():
    from corpora.spinner import zipf

    text = "The officials said the plan would help people. " * 30
    result = Spinner(rate=0.5, seed=3, phrase_share=0.0, artifact_rate=0.0).spin(text, key="r")
    swaps = [s for s in result.spans if s.kind == "synonym"]
    assert swaps
    rarer = sum(zipf(s.replacement) < zipf(s.original) for s in swaps)
    assert rarer / len(swaps) > 0.8


def test_article_left_unrepaired_is_labelled_with_the_article():
    spinner = Spinner(rate=0.34, seed=0, phrase_share=1.0, artifact_rate=0.0,
                      phrase_swaps={"big": ("enormous",)})
    result = spinner.spin("It was a big day for the town.", key="a")
    assert result.text == "It was a enormous day for the town."
    (span,) = result.spans
    assert result.text[span.start:span.end] == "a enormous"
    assert span.article_error and span.original == "a big"


def test_digits_and_each_artifacts():
    spinner = Spinner(rate=0.0, seed=0, artifact_rate=1.0)
    result = spinner.spin("Both teams scored three goals in two games.", key="d")
    assert result.text == "Each teams scored 3 goals in 2 games."
    assert {s.kind for s in result.spans} == {"each", "digit"}
    assert unspin(result) == "Both teams scored three goals in two games."


def test_excluded_replacements_are_never_produced():
    exclude = {"individuals", "assist", "within the", "2", "each"}
    for seed in range(10):
        result = Spinner(rate=0.6, seed=seed, exclude=exclude, artifact_rate=1.0).spin(
            TEXT + " People need help in the town.", key=str(seed))
        produced = {s.replacement.lower() for s in result.spans}
        assert not produced & exclude


def test_needs_an():
    assert needs_an("essential") and needs_an("hour") and needs_an("8")
    assert not needs_an("university") and not needs_an("decision") and not needs_an("one")


def test_split_is_by_file_bytes_and_stable():
    assert split_of(b"same bytes") == split_of(b"same bytes")
    sides = [split_of(f"article {i}".encode()) for i in range(1000)]
    assert 150 < sides.count("heldout") < 250


def test_build_gives_clean_and_spun_twins(tmp_path):
    for i in range(12):
        (tmp_path / f"{i:03d}.txt").write_text(TEXT.replace("Tuesday", f"day {i}"), encoding="utf-8")
    keys = [key for key, _ in articles(tmp_path)]
    assert keys == sorted(keys) and len(keys) == 12
    examples = build(tmp_path, "train", (0.2,), seed=0, families=("own",))
    clean = [e for e in examples if not e.label]
    spun = [e for e in examples if e.label]
    assert clean and len(spun) == len(clean)
    assert all(e.spans and e.text != TEXT for e in spun)
    assert len(clean) + len(build(tmp_path, "heldout", (0.2,), seed=0, families=("own",))) // 2 == 12


def test_rate_must_be_a_share():
    with pytest.raises(ValueError):
        Spinner(rate=1.5)
