"""The document model: text decoded once, its units computed lazily with offsets."""
from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import Any, Iterable, Iterator, NamedTuple

from .issue import Issue

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_BLANK_RUN = re.compile(r"(?:[ \t\f\v\u00a0]*(?:\r\n|\r|\n)){2,}")
_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# A sentence end is a run of end marks and closing quotes (`_END_RUN`) that the next
# sentence's start follows (`_NEXT_START`).  Two patterns rather than one with a lookahead:
# after a long run of marks that no sentence follows, the lookahead made `re` retry the run
# from each of its marks (quadratic); the run is now read once and its follower once.
_END_RUN = re.compile(r"[.!?…]+[\"'”’)\]]*")
_NEXT_START = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9À-ÖØ-ÞА-Я]")
_SPACE = re.compile(r"\s*")
#: Words a full stop after which ends no sentence (shared with the names check's sentence scan).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr gen gov sen rep col lt sgt capt cmdr adm maj "
    "vs etc inc ltd co corp dept est fig jan feb mar apr jun jul aug sep sept "
    "oct nov dec u.s u.k u.n e.g i.e".split()
)


class Span(NamedTuple):
    """A unit of the document: its text and its offsets into the whole text.

    A named tuple, not a dataclass: a long article has tens of thousands of
    tokens, and a tuple is built several times faster.
    """

    start: int
    end: int
    text: str


class Document:
    """A decoded text plus its lines, paragraphs, sentences and tokens.

    Every unit is computed on first use and shared by every check.  `memo` is a
    per-document cache that checks may use to share derived results.  A lone surrogate
    (a string decoded with errors="surrogateescape", say) is read as U+FFFD, the
    replacement character, one code point for one: offsets stay those of the given text.
    """

    def __init__(self, text: str, path: str = "<text>", encoding: str = "utf-8") -> None:
        self.text = _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text
        self.path = path
        self.encoding = encoding
        self.memo: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self.text)

    def release(self) -> None:
        """Forget the units and the memo computed so far (the text stays): a long text's
        whole-text checks are done with its lines before its windows are linted."""
        for unit in ("lines", "_line_starts", "paragraphs", "sentences", "tokens"):
            self.__dict__.pop(unit, None)
        self.memo.clear()

    @cached_property
    def lines(self) -> list[Span]:
        """Lines without their line break (`\\n`, `\\r\\n` or `\\r`)."""
        spans, pos = [], 0
        for brk in _LINE_BREAK.finditer(self.text):
            spans.append(Span(pos, brk.start(), self.text[pos:brk.start()]))
            pos = brk.end()
        spans.append(Span(pos, len(self.text), self.text[pos:]))
        return spans

    @cached_property
    def _line_starts(self) -> list[int]:
        return [line.start for line in self.lines]

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Blocks separated by blank lines, stripped of surrounding white space."""
        spans, pos = [], 0
        for gap in [*_BLANK_RUN.finditer(self.text), None]:
            end = gap.start() if gap else len(self.text)
            block = _strip_span(self.text, pos, end)
            if block:
                spans.append(block)
            if gap:
                pos = gap.end()
        return spans

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences within each non-blank line (scraped prose has no hard wraps)."""
        out: list[Span] = []
        for line in self.lines:
            if line.text.strip():
                out.extend(split_sentences(self.text, line.start, line.end))
        return out

    @cached_property
    def tokens(self) -> list[Span]:
        """Word tokens (letters and digits, inner apostrophes and hyphens kept)."""
        new = tuple.__new__  # skips the named tuple's Python-level __new__: a third faster here
        return [new(Span, (m.start(), m.end(), m.group())) for m in _TOKEN.finditer(self.text)]

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding `offset`."""
        return max(0, bisect.bisect_right(self._line_starts, offset) - 1)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset, counting code points."""
        index = self.line_index(offset)
        line = self.lines[index]
        return index + 1, min(offset, line.end) - line.start + 1

    def issue(
        self,
        rule: str,
        category: str,
        severity: str,
        message: str,
        start: int,
        end: int,
        suggestions: Iterable[str] = (),
        confidence: float = 1.0,
    ) -> Issue:
        """Build an `Issue` for a span of this document, positions filled in."""
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Issue(
            path=self.path, rule=rule, category=category, severity=severity,
            message=message, start=start, end=end, line=line, column=column,
            end_line=end_line, end_column=end_column,
            suggestions=tuple(suggestions), confidence=max(0.0, min(1.0, confidence)),
        )


def _strip_span(text: str, start: int, end: int) -> Span | None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    lead = len(chunk) - len(chunk.lstrip())
    return Span(start + lead, start + lead + len(stripped), stripped)


def word_before(text: str, floor: int, stop: int) -> str:
    """The run of letters, digits, dots and underscores ending at `stop` (not before `floor`)."""
    begin = stop
    while begin > floor and (text[begin - 1].isalnum() or text[begin - 1] in "._"):
        begin -= 1
    return text[begin:stop].rstrip(".")


def abbreviation_stop(stem: str, next_char: str) -> bool:
    """Whether a full stop after the word `stem` ends no sentence: an abbreviation, an
    initial, or 'No.' before a number (`next_char`: the first character after the stop)."""
    stem = stem.lower()
    return (stem in ABBREVIATIONS or (stem in ("no", "nos") and next_char.isdigit())
            or (len(stem) == 1 and stem.isalpha()))


def sentence_ends(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of end marks and closing quotes in `text[start:end]` that
    white space and a sentence's first character follow (abbreviations included)."""
    end = len(text) if end is None else end
    for run in _END_RUN.finditer(text, start, end):
        if _NEXT_START.match(text, run.end(), end):
            yield run.span()


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Split `text[start:end]` at sentence ends, keeping abbreviations and initials whole."""
    spans, pos = [], start
    for stop, cut in sentence_ends(text, start, end):
        after = _SPACE.match(text, cut).end()
        if text[stop] == "." and abbreviation_stop(word_before(text, pos, stop), text[after:after + 1]):
            continue
        sentence = _strip_span(text, pos, cut)
        if sentence:
            spans.append(sentence)
        pos = cut
    tail = _strip_span(text, pos, end)
    if tail:
        spans.append(tail)
    return spans
