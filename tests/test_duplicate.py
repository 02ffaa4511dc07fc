"""Duplicate: repeated lines, paragraphs and blocks, exact and near, in linear-ish time."""
from __future__ import annotations

import time

import pytest

from textlint_news.check import Context
from textlint_news.document import Document
from textlint_news.checks.duplicate import DuplicateCheck, normalise

BODY = [
    "The river authority opened the new flood barrier on Monday after four years of building work.",
    "Engineers said the barrier could hold back a surge two metres higher than the record of 1953.",
    "Residents of the low-lying streets had campaigned for the scheme since the floods a decade ago.",
    "The project cost 80 million pounds, most of it paid by the national government.",
    "A second barrier further downstream is planned but has not yet been funded.",
]


@pytest.fixture(scope="module")
def linter():
    """This category's rules only: the detector's own findings, including those inside a span
    another check deletes (a full report leaves those out, see test_engine)."""
    from textlint_news.config import Config
    from textlint_news.engine import Linter

    return Linter(Config(select=["duplicate"]))


def dup(linter, text):
    return [i for i in linter.lint(text) if i.category == "duplicate"]


def test_normalise_folds_case_quotes_and_punctuation():
    assert normalise("“Hello,”  WORLD’s end!") == normalise('"hello" world\'s end')


def test_body_scraped_twice_is_one_block_pointing_at_first_copy(linter):
    first = "\n".join(BODY)
    text = "Flood barrier opens\n" + first + "\nShare this page\n" + first + "\n"
    found = dup(linter, text)
    assert [i.rule for i in found] == ["duplicate.block"]
    issue = found[0]
    assert text[issue.start:issue.end] == first
    assert issue.start == text.rindex(BODY[0])
    assert "repeat lines 2–6" in issue.message and issue.suggestions == ("",)


def test_near_duplicate_block_with_edited_and_inserted_line(linter):
    second = list(BODY)
    second[1] = second[1].replace("two metres", "nearly two metres")
    second.insert(3, "Advertisement")
    text = "\n".join(BODY) + "\n\n" + "\n".join(second) + "\n"
    found = dup(linter, text)
    assert [i.rule for i in found] == ["duplicate.block"]
    assert text[found[0].start:found[0].end] == "\n".join(second)
    assert "small edits" in found[0].message


def test_caption_twice_in_a_row_is_a_line_duplicate(linter):
    caption = "Workers close the barrier gates during a test. Photograph: River Agency"
    text = BODY[0] + "\n\n" + caption + "\n" + caption + "\n\n" + BODY[1] + "\n"
    found = dup(linter, text)
    assert [(i.rule, text[i.start:i.end]) for i in found] == [("duplicate.line", caption)]
    assert found[0].start == text.rindex(caption)


def test_repeated_byline_and_repeated_paragraph(linter):
    text = "\n\n".join([BODY[0], BODY[1], "Anna Rivers", "Anna Rivers", BODY[2], BODY[0]]) + "\n"
    found = {(i.rule, text[i.start:i.end]) for i in dup(linter, text)}
    assert ("duplicate.line", "Anna Rivers") in found
    assert any(rule in ("duplicate.line", "duplicate.paragraph") and span == BODY[0]
               for rule, span in found)


def test_near_duplicate_paragraph(linter):
    edited = BODY[1].replace("could hold back", "can hold back")
    text = "\n\n".join([BODY[1], BODY[2], BODY[3], edited]) + "\n"
    found = dup(linter, text)
    assert len(found) == 1 and "similar" in found[0].message
    assert text[found[0].start:found[0].end] == edited


def test_gallery_captions_from_one_template_are_not_repeats(linter):
    template = ("{} is lit in blue during the harbour festival on Friday, 3 May, to thank the "
                "lifeboat crews who kept the island supplied all winter. (Photo by Jo Penn)")
    places = ["The Town Hall in Portmouth", "The old lighthouse at Eastbay", "Northport Bridge",
              "The Harbour Museum in Portmouth"]
    text = "\n\n".join([BODY[0], *(template.format(p) for p in places), BODY[1]]) + "\n"
    assert dup(linter, text) == []


def test_repeated_credit_and_source_labels_are_quiet(linter):
    credit = "Island Transport Office, via the Harbour Gazette"
    source = "Source: council meeting of 4 March, https://example.org/minutes/2024-03"
    parts = [BODY[0], credit, BODY[1], source, BODY[2], credit, BODY[3], source, BODY[4]]
    assert dup(linter, "\n\n".join(parts) + "\n") == []


def test_pull_quote_heading_and_the_quoted_sentence_are_not_repeats(linter):
    heading = "The new barrier will not stop every flood in the lower town"
    quote = "“The new barrier,” Holm said, “will not stop every flood in the lower town.”"
    text = "\n\n".join([BODY[0], heading, BODY[1], BODY[2], quote, BODY[3]]) + "\n"
    assert dup(linter, text) == []


CAPTION = ("Boats circle the harbour mouth on Saturday as the new flood barrier closes for its "
           "first full test. (Photo by Jo Penn)")


def test_caption_under_every_photo_is_reported_line_by_line(linter):
    parts = [BODY[0]]
    for n in range(5):
        parts += [CAPTION, f"Crew member {n + 1} checks the gates. (Photo by Jo Penn)"]
    text = "\n\n".join(parts + [BODY[1]]) + "\n"
    found = dup(linter, text)
    assert [text[i.start:i.end] for i in found] == [CAPTION] * 4  # the crew lines between are kept
    assert all(i.rule != "duplicate.block" for i in found)


def test_repeat_of_a_line_first_seen_among_other_repeats_is_reported(linter):
    other = "Divers inspect the south gate after the test, watched by engineers. (Photo by Jo Penn)"
    parts = [BODY[0], CAPTION, CAPTION, other, CAPTION, other, CAPTION, BODY[1]]
    text = "\n\n".join(parts) + "\n"
    found = [text[i.start:i.end] for i in dup(linter, text)]
    assert found == [CAPTION, CAPTION, other, CAPTION]


def test_short_label_printed_many_times_is_template_text(linter):
    label = "Watch the harbour webcam live from the pier"
    parts = [BODY[0], label, BODY[1], label, BODY[2], label, BODY[3], label, BODY[4]]
    assert dup(linter, "\n\n".join(parts) + "\n") == []


def test_two_captions_alternating_with_other_lines_are_reported_line_by_line(linter):
    other = "Divers inspect the south gate after the test, watched by engineers. (Photo by Jo Penn)"
    others = [f"Crew member {name} checks the north gates before the test. (Photo by Jo Penn)"
              for name in ("Ana", "Bo", "Cy", "Di", "Ed")]
    parts = [BODY[0], CAPTION, others[0], other, others[1], CAPTION, others[2], other, others[3],
             CAPTION, others[4], other, BODY[1]]
    text = "\n\n".join(parts) + "\n"
    found = dup(linter, text)
    assert [text[i.start:i.end] for i in found] == [CAPTION, other, CAPTION, other]
    assert all(i.rule != "duplicate.block" for i in found)


def test_legitimate_short_repeats_are_quiet(linter):
    parts = [BODY[0], "Advertisement", BODY[1], "—", BODY[2], "“No.”", BODY[3], "Advertisement",
             "“No.”", "—", BODY[4], "Yes", "Yes"]
    assert dup(linter, "\n\n".join(parts) + "\n") == []


def test_clean_text_is_quiet(linter):
    assert dup(linter, "\n\n".join(BODY) + "\n") == []


def test_template_line_repeated_many_times_is_left_to_boilerplate(linter):
    sign = "Follow our reporter on the social network for more updates today"
    parts = []
    for line in BODY[:4]:
        parts += [line, sign]
    assert dup(linter, "\n\n".join(parts) + "\n") == []


@pytest.mark.slow
def test_large_input_stays_fast():
    # ~5 MB of distinct lines plus a repeated block: must not go quadratic.
    lines = [f"Line {n} reports that sensor {n * 7 % 1009} read {n % 97} units at site {n % 13} "
             "in the northern district." for n in range(60000)]
    text = "\n".join(lines + lines[100:140]) + "\n"
    assert len(text) > 4_000_000
    started = time.process_time()  # CPU seconds: other processes on the machine do not count
    found = list(DuplicateCheck().check(Document(text), Context()))  # no settings: the defaults
    assert time.process_time() - started < 20
    assert [i.rule for i in found] == ["duplicate.block"]


# -- the seeds ---------------------------------------------------------------------

def test_seed_000_caption_and_byline_repeats(linter, seed_text):
    text = seed_text(0)
    found = dup(linter, text)
    assert [i.rule for i in found] == ["duplicate.line", "duplicate.line"]
    assert all(i.suggestions == ("",) for i in found)
    repeats = [text[i.start:i.end] for i in found]
    # each span is a whole line that the text printed before it
    assert all(text.index(span) < i.start for span, i in zip(repeats, found))
    caption, byline = sorted(repeats, key=len, reverse=True)
    assert len(caption.split()) >= 12 and len(byline.split()) == 2  # a photo caption, a name


def test_seed_002_whole_body_twice_is_one_issue(linter, seed_text):
    text = seed_text(2)
    found = dup(linter, text)
    assert [i.rule for i in found] == ["duplicate.block"]
    block = text[found[0].start:found[0].end]
    assert text.index(block.splitlines()[0]) < found[0].start  # its first line was printed before
    assert len(block.splitlines()) >= 10  # the body, not a stray paragraph
    assert "repeat lines 1–" in found[0].message and found[0].suggestions == ("",)


def test_other_seeds_have_no_duplicates(linter, seed_text):
    for number in (1, 3, 4):
        assert dup(linter, seed_text(number)) == []


def test_lines_skipped_by_the_unique_word_bound_can_never_reach_the_ratio():
    """The near-match pre-screen only drops pairs whose ratio is below the threshold."""
    import random

    from rapidfuzz.fuzz import ratio

    from textlint_news.checks.duplicate import _most_words_alone

    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(40)]
    for threshold in (80, 90, 95):
        bound = _most_words_alone(threshold)
        for _ in range(3000):
            a = [rng.choice(vocabulary) for _ in range(rng.randint(12, 30))]
            b = list(a)
            for _ in range(rng.randint(0, 4)):
                b[rng.randrange(len(b))] = f"new{rng.random()}"
            if rng.random() < 0.5:
                b.insert(rng.randrange(len(b)), f"extra{rng.random()}")
            alone = [w for w in a if w not in b]  # words of `a` found in no other line
            if ratio(a, b) >= threshold:
                assert len(alone) <= bound * len(a)


def test_near_duplicate_with_a_word_found_nowhere_else_is_still_found(linter):
    edited = BODY[0].replace("opened", "unveiled")
    text = "\n\n".join([BODY[0], BODY[2], BODY[3], edited]) + "\n"
    found = dup(linter, text)
    assert len(found) == 1 and text[found[0].start:found[0].end] == edited


def test_long_text_paths_find_what_the_short_text_paths_find(linter, data_dir, monkeypatch):
    """A long text is folded in blocks of lines and its words split twice; forced on a few
    real articles (repeated, one of them with edits; LF and CRLF lines), the issues are the same."""
    from textlint_news.checks import duplicate

    articles = [p.read_text(encoding="utf-8") for p in sorted((data_dir / "bbc").rglob("*.txt"))[:6]]
    edited = articles[1].replace("the", "teh", 2)
    text = "\n\n".join([*articles, articles[0], edited, "Crème brûlée, naïve café: «déjà vu»\n" * 2])
    for variant in (text, text.replace("\n", "\r\n")):
        short = [(i.rule, i.start, i.end, i.message) for i in dup(linter, variant)]
        with monkeypatch.context() as patched:
            patched.setattr(duplicate, "_BLOCK_CHARS", 0)
            patched.setattr(duplicate, "_HELD_WORDS_CHARS", 0)
            assert [(i.rule, i.start, i.end, i.message) for i in dup(linter, variant)] == short
        assert {rule for rule, *_ in short} >= {"duplicate.block", "duplicate.line"}


def test_whole_text_folding_gives_each_line_its_normalised_key():
    from textlint_news.checks.duplicate import _lines

    text = ("Straße ’quoted’ “x” ÉCOLE  naïve\u00a0x £5 —dash… ©2020 •a·b »c« ẞ ﬁ ǅ\n"
            "İstanbul ΣΑΣ ς e\u0301 x_y 3½ Ⅻ\r\nplain ASCII, line: with (punctuation)!\r\n\n  \n—\n")
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    found, words = _lines(text)
    assert [key for _, _, key in found] == [normalise(line) for line in lines]
    assert [text[start:end] for start, end, _ in found] == [line.strip() for line in lines]
    assert words == [key.split() for _, _, key in found]
