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
from ..document import Document
from ..issue import Issue
from ..lazy_re import lazy

_NORMALISE = lazy(r"[^\w]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SENTENCE_END = lazy(r"[.!?…][\"'”’)\]]*\s*$")
_WORD_IN_TEXT = lazy(r"(?<![\w'’-])[^\W\d_][\w'’-]*")
_OPENERS = " \t\"'“‘([—–-"
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
# ASCII bytes that are not word characters become spaces; line breaks and the bytes of
# other characters (UTF-8: 128 and up) stay.
_ASCII_NON_WORD = bytes(
    b if b >= 128 or chr(b).isalnum() or b in b"_\r\n" else 32 for b in range(256)
)
_OTHER_NON_WORD = re.compile(r"[^\x00-\x7f\w]+")
# Common non-word characters outside ASCII (replaced by spaces, as `_OTHER_NON_WORD` would).
_SYMBOLS = "’‘“”\u00a0£—–…€©•·»«"


class Unit:
    """One non-blank line: its stripped span, normalised key and the earlier unit it repeats.

    Slotted, and its text sliced from the document's only when asked: a 10 MB text has
    100,000 of them."""

    __slots__ = ("start", "end", "key", "words", "match", "similarity", "_whole")

    def __init__(self, start: int, end: int, key: str, whole: str) -> None:
        self.start, self.end, self.key, self._whole = start, end, key, whole
        self.words = key.count(" ") + 1 if key else 0
        self.match = -1
        self.similarity = 100.0

    @property
    def text(self) -> str:
        return self._whole[self.start:self.end]

    def __len__(self) -> int:
        return self.end - self.start


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
        lines, words = _lines(doc.text)
        if len(lines) < 2:
            return
        near = _near_candidates([key for _, _, key in lines], words, settings)
        del words
        keys = [key for _, _, key in lines if key]
        if len(near) < 2 and len(set(keys)) == len(keys):
            return  # no line repeats and no two lines can be near-duplicates: most texts
        del keys
        units = [Unit(start, end, key, doc.text) for start, end, key in lines]
        del lines
        self._match_exact(units, settings)
        self._match_near(units, near, settings)
        for run in self._runs(units, settings):
            yield from self._report(doc, units, run, settings)

    # -- matching ------------------------------------------------------------------

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
    def _match_near(units: list[Unit], near: list[int], settings) -> None:
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
        for i in near:
            unit = units[i]
            sketch = _sketch(unit.key, sketch_size)
            if unit.match < 0:
                words = unit.key.split()
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
        chars = sum(len(units[i]) for i in run)
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
        line = lambda unit: doc.position(unit.start)[0]  # noqa: E731
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
        return self.emit(doc, "duplicate.block", first.start, last.end, message, ("",),
                         round(min(0.97, 0.8 + 0.17 * covered), 3))

    def _single(self, doc: Document, units: list[Unit], i: int, settings) -> Issue | None:
        unit = units[i]
        original = units[unit.match]
        adjacent = unit.match == i - 1
        if adjacent:
            if unit.words < settings.adjacent_min_words:
                return None
        elif (unit.words < settings.min_line_words
              or len(unit) < settings.min_line_chars
              or _is_label(unit.text, settings.label_max_words)):
            return None
        first_line = doc.position(original.start)[0]
        near = unit.similarity < 100
        long_unit = (len(unit) >= settings.paragraph_chars
                     and _whole_paragraph(doc.text, unit.start, unit.end))
        rule = "duplicate.paragraph" if long_unit else "duplicate.line"
        kind = "paragraph" if long_unit else "line"
        how = f"nearly repeats ({unit.similarity:.0f}% similar)" if near else "repeats"
        where = "the line right before it" if adjacent else f"line {first_line}"
        confidence = 0.95 if not near else 0.6 + 0.3 * (unit.similarity - 85) / 15
        return self.emit(
            doc, rule, unit.start, unit.end,
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
    return _names(unit.text) == _names(other.text)


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


def _near_candidates(keys: list[str], words: list[list[str]] | None, settings) -> list[int]:
    """Positions of the keys long enough to compare that could reach `near_ratio` with
    another: lines with too many words found nowhere else cannot, and are neither sketched
    nor kept in a bucket.  `words` are the words of each key, or None for a long text (whose
    words are split from the keys twice rather than held)."""
    min_words = settings.near_min_words
    eligible = [i for i, key in enumerate(keys) if (key.count(" ") + 1 if key else 0) >= min_words]
    if len(eligible) < 2:
        return []
    if words is not None:
        counts = Counter(chain.from_iterable([words[i] for i in eligible]))
    else:
        counts = Counter()
        for i in eligible:
            counts.update(keys[i].split())
    once = set(compress(counts.keys(), map((1).__eq__, counts.values())))
    del counts
    most_alone = _most_words_alone(settings.near_ratio)
    lines = ((i, words[i]) for i in eligible) if words is not None else ((i, keys[i].split()) for i in eligible)
    return [i for i, split in lines if sum(map(once.__contains__, split)) <= most_alone * len(split)]


# Texts up to this length keep their lines' words from the folding to the near screen.
_HELD_WORDS_CHARS = 1_000_000


def _most_words_alone(near_ratio: float) -> float:
    """Largest share of a line's words found in no other line that still allows a near match.

    rapidfuzz's ratio is 2·LCS/(a+b) for word counts a and b.  Reaching t = ratio/100
    needs b ≥ t/(2-t)·a, and then LCS ≥ t/(2-t)·a: words found nowhere else are never
    common, so at most (2-2t)/(2-t) of a line's words may be such words (0.18 at 90).
    """
    t = min(1.0, max(0.0, near_ratio / 100))
    return (2 - 2 * t) / (2 - t) + 1e-9


def _lines(text: str) -> tuple[list[tuple[int, int, str]], list[list[str]] | None]:
    """(start, end, key) of every non-blank line, stripped, cut as `Document.lines` cuts
    them, with the key `normalise` gives it, and the words of each key when the text is
    short (`_HELD_WORDS_CHARS`; else None).  A long text is folded and cut a block of lines
    at a time (`_BLOCK_CHARS`), so that it is never held folded or cut into lines whole."""
    lines: list[tuple[int, int, str]] = []
    held: list[list[str]] | None = [] if len(text) <= _HELD_WORDS_CHARS else None
    block_start, size = 0, len(text)
    while True:
        cut = text.find("\n", block_start + _BLOCK_CHARS)  # a block ends after a line break
        block_end = size if cut < 0 else cut + 1
        block = text if block_start == 0 and block_end == size else text[block_start:block_end]
        folded = _folded(block)
        for (start, end), (folded_start, folded_end) in zip(_line_bounds(block), _line_bounds(folded)):
            line = block[start:end]
            stripped = line.strip()
            if stripped:
                lead = block_start + start + len(line) - len(line.lstrip())
                words = folded[folded_start:folded_end].split()
                lines.append((lead, lead + len(stripped), " ".join(words)))
                if held is not None:
                    held.append(words)
        if block_end >= size:
            return lines, held
        block_start = block_end


def _line_bounds(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each line of `text`, as `Document.lines` cuts them."""
    if "\r" in text:
        bounds, pos = [], 0
        for brk in _LINE_BREAK.finditer(text):
            bounds.append((pos, brk.start()))
            pos = brk.end()
        bounds.append((pos, len(text)))
        return bounds
    ends = list(accumulate(map((1).__add__, map(len, text.split("\n")))))
    return zip([0, *ends[:-1]], map((-1).__add__, ends))


# A long text is folded and cut into lines a block of about this many characters at a time.
_BLOCK_CHARS = 1_000_000


def _folded(text: str) -> str:
    """`normalise` of the whole text but the final space folding, line breaks kept: ASCII
    characters that are not word characters become spaces by a byte translation of the
    UTF-8 text, common symbols and quotes outside ASCII by replacement (most English texts
    are ASCII then), any other non-word character by a regular expression."""
    folded = text.casefold().encode("utf-8", "surrogatepass").translate(_ASCII_NON_WORD).decode(
        "utf-8", "surrogatepass")
    if folded.isascii():
        return folded
    for symbol in _SYMBOLS:
        if symbol in folded:
            folded = folded.replace(symbol, " ")
    return folded if folded.isascii() else _OTHER_NON_WORD.sub(" ", folded)


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


def _whole_paragraph(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` is a paragraph of its own (blank lines or text edges
    around it); only the blanks next to it are read (slicing the text before it was
    quadratic over a long text's repeats)."""
    before = start
    while before and text[before - 1] in " \t":
        before -= 1
    after = _BLANKS.match(text, end).end()
    return (not before or text.endswith(("\n\n", "\r\n\r\n"), 0, before)) and (
        after == len(text) or text.startswith(("\n\n", "\r\n\r\n"), after))


_BLANKS = re.compile(r"[ \t]*")


CHECKS = [DuplicateCheck()]
