"""Copy alignment: sentences matched across two copies, then the words inside them."""
from __future__ import annotations

from textlint_news.spin.alignment import align_copies

A = ("The minister spoke on Monday. Investors rushed to buy the currency after the vote. "
     "Officials said the talks would resume in Geneva.")
B = ("Officials said the talks would resume in Geneva next week. "
     "Investors rushed to purchase the currency after the vote. A new sentence only here.")


def spans(a: str, b: str) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    return [(a[p.a_start:p.a_end], b[p.b_start:p.b_end],
             [(op.kind, a[op.a_start:op.a_end], b[op.b_start:op.b_end]) for op in p.ops if op.kind != "equal"])
            for p in align_copies(a, b)]


def test_sentences_align_in_any_order_and_words_inside_them():
    found = spans(A, B)
    assert found[0] == ("The minister spoke on Monday.", "", [])  # only in A
    assert found[1] == ("Investors rushed to buy the currency after the vote.",
                        "Investors rushed to purchase the currency after the vote.",
                        [("replace", "buy", "purchase")])
    assert found[2] == ("", "A new sentence only here.", [])  # only in B: after its predecessor's pair
    assert found[3][2] == [("insert", "", "next week")]  # reordered, and words added in B


def test_offsets_cover_each_text_and_equal_runs_match():
    for pair in align_copies(A, B):
        for op in pair.ops:
            assert pair.a_start <= op.a_start <= op.a_end <= pair.a_end
            assert pair.b_start <= op.b_start <= op.b_end <= pair.b_end
            if op.kind == "equal":
                assert A[op.a_start:op.a_end].lower() == B[op.b_start:op.b_end].lower()
            if op.kind == "insert":
                assert op.a_start == op.a_end
    a_sentences = [(p.a_start, p.a_end) for p in align_copies(A, B) if p.a_start < p.a_end]
    assert len(a_sentences) == 3 and a_sentences == sorted(a_sentences)


def test_few_for_few_changes_are_one_replace():
    a = "The leaders agreed to meet in Geneva next month."
    b = "The leaders agreed to come together in Geneva next month."
    assert spans(a, b)[0][2] == [("replace", "meet", "come together")]


def test_unrelated_sentences_do_not_align():
    pairs = align_copies("The cat sat on the mat.", "Markets fell sharply in Tokyo today.")
    assert [p.aligned for p in pairs] == [False, False]
    assert align_copies("", "Some text.")[0].a_start == 0


def test_identical_copies_are_all_equal():
    assert all(op.kind == "equal" for p in align_copies(A, A) for op in p.ops)
