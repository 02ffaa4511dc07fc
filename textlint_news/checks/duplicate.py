"""Text scraped twice: a repeated line, a repeated paragraph, a repeated block or body.

Each non-blank line is a unit.  Units are matched to their first earlier
occurrence by a hash of their normalised text (linear), and, when no exact
match exists, to an earlier near-duplicate found through a MinHash-style
sketch of word 3-gram shingles and confirmed with rapidfuzz's `ratio` over the
word sequences (a bounded number of candidates per line, so big inputs stay
near-linear).  Only lines that could reach the ratio with some other line are
sketched (too many words found nowhere else rule a line out), so most texts
end after the hashing; a near match must also name the same people and places
(gallery captions written from one template are different captions).

Consecutive matched units whose originals all lie before them form a *run*
(small gaps allowed: an inserted or edited line).  A long run copying several
different lines is one `duplicate.block` issue pointing at the first copy;
other runs give one issue per repeated unit.  As trafilatura's
`duplicate_test` does (`MIN_DUPLCHECK_SIZE` = 100 characters), short units only
count when they repeat right after themselves (a stuttered caption or byline):
a short quote, a credit or source label, "Advertisement" or a list dash
repeated far apart is not duplication.
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from itertools import accumulate, chain, compress
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..check import Check, Context, RuleInfo
from ..document import Document, Span
from ..issue import Issue

_NORMALISE = re.compile(r"[^\w]+")
# The same over a whole text, line breaks kept so that it can be cut into lines after.
_NORMALISE_LINES = re.compile(r"[^\w\r\n]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_WORD_IN_TEXT = re.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]*")
_OPENERS = " \t\"'“‘([—–-"
_QUOTE_PAIRS = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u00a0", " "))
# Common non-word symbols outside ASCII: turned into spaces (as the key does with every
# non-word character) they leave most English texts ASCII, for the fast path.
_SYMBOLS = "£—–…€©•·»«"
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
# ASCII bytes that are not word characters become spaces; line breaks stay.
_ASCII_NON_WORD = bytes(
    b if chr(b).isascii() and (chr(b).isalnum() or b in b"_\r\n") else 32 for b in range(256)
)


@dataclass
class Unit:
    """One non-blank line: its span, normalised key and the earlier unit it repeats."""

    span: Span
    key: str
    words: int
    match: int = -1
    similarity: float = 100.0


def normalise(text: str) -> str:
    """Case-, quote- and punctuation-folded text: the identity of a line."""
    return " ".join(_NORMALISE.sub(" ", text.translate(_QUOTES).casefold()).split())


@dataclass(frozen=True)
class DuplicateSettings:
    """Thresholds of repeated lines, paragraphs and blocks (rules/settings/duplicate.yml)."""

    min_block_lines: int = 3
    min_block_chars: int = 200
    max_gap: int = 2
    min_line_words: int = 6
    min_line_chars: int = 40
    label_max_words: int = 10
    adjacent_min_words: int = 2
    template_repeats: int = 4
    paragraph_chars: int = 150
    near_min_words: int = 12
    near_ratio: float = 90.0
    sketch_size: int = 4
    bucket_cap: int = 8


class DuplicateCheck(Check):
    """Lines, paragraphs and whole blocks that repeat earlier text of the same document."""

    name = "duplicate"
    settings_type = DuplicateSettings
    rules = (
        RuleInfo("duplicate.block", "duplicate", "warning",
                 "A block of lines (often the whole body) that repeats an earlier block.",
                 "The page was scraped twice or a template repeated the article. The second copy "
                 "is reported as one issue that names the first copy's lines; delete it."),
        RuleInfo("duplicate.paragraph", "duplicate", "warning",
                 "A paragraph that repeats (or nearly repeats) an earlier one.",
                 "A long line or paragraph seen before in the same text, word for word or with "
                 "small edits. Delete the repeat."),
        RuleInfo("duplicate.line", "duplicate", "warning",
                 "A short line (caption, byline, heading) repeated.",
                 "A caption or byline printed twice in a row, or a sentence-long line seen "
                 "before. Short lines repeated far apart (a quote, a list dash, an ad label) "
                 "are not reported."),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        settings = self.settings_in(ctx)
        # (line index, words of its key) for every non-blank line; the lines are cut as
        # Document.lines cuts them, without building their spans (most texts need none)
        raw = _LINE_BREAK.split(doc.text)
        lines = [(index, folded.split())
                 for index, (line, folded) in enumerate(zip(raw, _folded_lines(doc.text)))
                 if line.strip()]
        if len(lines) < 2:
            return
        near = _near_candidates([words for _, words in lines], settings)
        keyed = [(index, " ".join(words)) for index, words in lines]
        keys = [key for _, key in keyed if key]
        if len(near) < 2 and len(set(keys)) == len(keys):
            return  # no line repeats and no two lines can be near-duplicates: most texts
        units = self._units(doc, keyed)
        self._match_exact(units, settings)
        self._match_near(units, near, settings)
        for run in self._runs(units, settings):
            yield from self._report(doc, units, run, settings)

    # -- matching ------------------------------------------------------------------

    @staticmethod
    def _units(doc: Document, keyed: list[tuple[int, str]]) -> list[Unit]:
        """Every non-blank line (index, key) as a unit with its stripped span."""
        units = []
        for index, key in keyed:
            line = doc.lines[index]
            text = line.text.strip()
            lead = len(line.text) - len(line.text.lstrip())
            units.append(Unit(Span(line.start + lead, line.start + lead + len(text), text), key,
                              key.count(" ") + 1 if key else 0))
        return units

    @staticmethod
    def _match_exact(units: list[Unit], settings) -> None:
        """Match each unit to the first earlier unit with the same key.

        A short key (under `near_min_words` words) seen `template_repeats` times
        or more is a template line (a signature in a live blog, an ad label):
        boilerplate, not duplication.  A long line printed that often (one
        caption under every photo of a gallery) is still reported.
        """
        first: dict[str, int] = {}
        counts: dict[str, int] = {}
        for i, unit in enumerate(units):
            if not unit.key:
                continue
            counts[unit.key] = counts.get(unit.key, 0) + 1
            j = first.setdefault(unit.key, i)
            if j != i:
                unit.match = j
        limit = settings.template_repeats
        long_line = settings.near_min_words
        for unit in units:
            if unit.key and counts[unit.key] >= limit and unit.words < long_line:
                unit.match = -1

    @staticmethod
    def _match_near(units: list[Unit], near: list[tuple[int, list[str]]], settings) -> None:
        """Near-duplicates among the `near` candidates: shared shingle-sketch bucket, then
        rapidfuzz ratio.

        A near match must name the same people and places: captions of a gallery
        share a template ("X is lit in blue during ...") but are not repeats when
        their capitalised words differ.
        """
        if len(near) < 2:
            return
        threshold = settings.near_ratio
        sketch_size = settings.sketch_size
        bucket_cap = settings.bucket_cap
        buckets: dict[int, list[int]] = {}
        ratio = None
        for i, words in near:
            unit = units[i]
            sketch = _sketch(unit.key, sketch_size)
            if unit.match < 0:
                seen: set[int] = set()
                best, best_score = -1, threshold
                for h in sketch:
                    for j in buckets.get(h, ()):
                        if j in seen:
                            continue
                        seen.add(j)
                        if ratio is None:
                            from rapidfuzz.fuzz import ratio
                        score = ratio(words, units[j].key.split(), score_cutoff=best_score)
                        if score >= best_score and score > 0 and _same_names(unit, units[j]):
                            best, best_score = j, score
                if best >= 0:
                    unit.match, unit.similarity = best, best_score
            for h in sketch:
                bucket = buckets.setdefault(h, [])
                if len(bucket) < bucket_cap:
                    bucket.append(i)

    # -- runs and reports ----------------------------------------------------------

    @staticmethod
    def _runs(units: list[Unit], settings) -> Iterator[list[int]]:
        """Maximal runs of matched units whose originals all precede the run."""
        max_gap = settings.max_gap
        i, n = 0, len(units)
        while i < n:
            if units[i].match < 0:
                i += 1
                continue
            start, members, k, gap = i, [i], i + 1, 0
            while k < n and gap <= max_gap:
                if 0 <= units[k].match < start:
                    members.append(k)
                    gap = 0
                else:
                    gap += 1
                k += 1
            yield members
            i = members[-1] + 1

    def _report(self, doc: Document, units: list[Unit], run: list[int], settings) -> Iterator[Issue]:
        min_block_lines = settings.min_block_lines
        min_block_chars = settings.min_block_chars
        chars = sum(len(units[i].span.text) for i in run)
        # A block copies several different lines in order; one caption printed under every
        # photo of a gallery repeats a single line, and is reported line by line.
        originals = len({units[i].match for i in run})
        if len(run) >= min_block_lines and originals >= min_block_lines and chars >= min_block_chars:
            yield self._block(doc, units, run)
            return
        # No block: every repeat from the run's first line to its last stands alone, also
        # those whose original lies inside the run (they are not members of it).
        for i in range(run[0], run[-1] + 1):
            if units[i].match < 0:
                continue
            issue = self._single(doc, units, i, settings)
            if issue:
                yield issue

    def _block(self, doc: Document, units: list[Unit], run: list[int]) -> Issue:
        first, last = units[run[0]], units[run[-1]]
        originals = [units[i].match for i in run]
        orig_first, orig_last = units[min(originals)], units[max(originals)]
        line = lambda unit: doc.position(unit.span.start)[0]  # noqa: E731
        near = sum(1 for i in run if units[i].similarity < 100)
        covered = len(run) / max(1, run[-1] - run[0] + 1)
        what = "the whole text after this point" if run[-1] == len(units) - 1 and run[0] > 0 else "a block"
        detail = f", {near} with small edits" if near else ""
        source = (f"line {line(orig_first)}" if orig_first is orig_last
                  else f"lines {line(orig_first)}–{line(orig_last)}")
        message = (
            f"Lines {line(first)}–{line(last)} repeat {source} "
            f"({len(run)} lines{detail}): {what} was scraped twice; delete this second copy"
        )
        return self.emit(doc, "duplicate.block", first.span.start, last.span.end, message, ("",),
                         round(min(0.97, 0.8 + 0.17 * covered), 3))

    def _single(self, doc: Document, units: list[Unit], i: int, settings) -> Issue | None:
        unit = units[i]
        original = units[unit.match]
        adjacent = unit.match == i - 1
        if adjacent:
            if unit.words < settings.adjacent_min_words:
                return None
        elif (unit.words < settings.min_line_words
              or len(unit.span.text) < settings.min_line_chars
              or _is_label(unit.span.text, settings.label_max_words)):
            return None
        first_line = doc.position(original.span.start)[0]
        near = unit.similarity < 100
        long_unit = (len(unit.span.text) >= settings.paragraph_chars
                     and _whole_paragraph(doc, unit.span))
        rule = "duplicate.paragraph" if long_unit else "duplicate.line"
        kind = "paragraph" if long_unit else "line"
        how = f"nearly repeats ({unit.similarity:.0f}% similar)" if near else "repeats"
        where = "the line right before it" if adjacent else f"line {first_line}"
        confidence = 0.95 if not near else 0.6 + 0.3 * (unit.similarity - 85) / 15
        return self.emit(
            doc, rule, unit.span.start, unit.span.end,
            f"This {kind} {how} {where}; delete the repeat", ("",), max(0.5, min(0.95, confidence)),
        )


def _is_label(text: str, max_words: int) -> bool:
    """A short line that does not end like a sentence: a credit, source or section label.

    Such lines repeat legitimately (one credit under each chart, one source under
    each quotation), so they count only when they repeat right after themselves.
    """
    return not _SENTENCE_END.search(text) and len(text.split()) <= max_words


def _same_names(unit: Unit, other: Unit) -> bool:
    """True when both lines hold the same capitalised words outside sentence starts."""
    return _names(unit.span.text) == _names(other.span.text)


def _names(text: str) -> frozenset[str]:
    """Capitalised words of a line that do not open it or a sentence (names, places)."""
    found = set()
    for match in _WORD_IN_TEXT.finditer(text):
        if not match.group()[0].isupper():
            continue
        before = text[max(0, match.start() - 4):match.start()].rstrip(_OPENERS)
        if before and before[-1] not in ".!?:":
            found.add(match.group())
    return frozenset(found)


def _near_candidates(keys: list[list[str]], settings) -> list[tuple[int, list[str]]]:
    """(position, words) of the keys long enough to compare that could reach `near_ratio`
    with another: lines with too many words found nowhere else cannot, and are neither
    sketched nor kept in a bucket."""
    min_words = settings.near_min_words
    eligible = [(i, words) for i, words in enumerate(keys) if len(words) >= min_words]
    if len(eligible) < 2:
        return []
    once = _words_seen_once(words for _, words in eligible)
    most_alone = _most_words_alone(settings.near_ratio)
    return [(i, words) for i, words in eligible
            if sum(map(once.__contains__, words)) <= most_alone * len(words)]


def _words_seen_once(lines: Iterable[list[str]]) -> set[str]:
    """The words that occur exactly once in all of `lines` together."""
    counts = Counter(chain.from_iterable(lines))
    return set(compress(counts.keys(), map((1).__eq__, counts.values())))


def _most_words_alone(near_ratio: float) -> float:
    """Largest share of a line's words found in no other line that still allows a near match.

    rapidfuzz's ratio is 2·LCS/(a+b) for word counts a and b.  Reaching t = ratio/100
    needs b ≥ t/(2-t)·a, and then LCS ≥ t/(2-t)·a: words found nowhere else are never
    common, so at most (2-2t)/(2-t) of a line's words may be such words (0.18 at 90).
    """
    t = min(1.0, max(0.0, near_ratio / 100))
    return (2 - 2 * t) / (2 - t) + 1e-9


def _folded_lines(text: str) -> list[str]:
    """`normalise` of every line of `text` but the final space folding, done on the whole text."""
    for curly, plain in (*_QUOTE_PAIRS, *((symbol, " ") for symbol in _SYMBOLS)):
        if curly in text:
            text = text.replace(curly, plain)
    text = text.casefold()
    if text.isascii():  # bytes.translate is many times faster than a regex substitution
        text = text.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii")
    else:
        text = _NORMALISE_LINES.sub(" ", text)
    return _LINE_BREAK.split(text)


def _sketch(key: str, size: int) -> list[int]:
    """The `size` lowest CRC-32 hashes of the key's word 3-grams (a MinHash-style sketch).

    A 3-gram of a normalised key is the stretch of its bytes from a word's start
    to the end of the word two further on, hashed without rebuilding the string.
    """
    data = key.encode()
    # where each word starts, and one past the end as if a space followed the last word
    starts = list(accumulate(map((1).__add__, map(len, data.split(b" "))), initial=0))
    grams = map(slice, starts, map((-1).__add__, starts[3:]))
    return sorted(set(map(zlib.crc32, map(data.__getitem__, grams))))[:size]


def _whole_paragraph(doc: Document, span: Span) -> bool:
    """True when the span is a paragraph of its own (blank lines or text edges around it)."""
    before = doc.text[:span.start].rstrip(" \t")
    after = doc.text[span.end:].lstrip(" \t")
    return (not before or before.endswith(("\n\n", "\r\n\r\n"))) and (
        not after or after.startswith(("\n\n", "\r\n\r\n")))


CHECKS = [DuplicateCheck()]
