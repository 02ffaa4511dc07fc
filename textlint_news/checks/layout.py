"""Extraction damage to the layout: broken lines, glued words, misplaced spaces.

HTML-to-text extraction breaks lines where the page wrapped them (a player
notice split over four lines), drops the space between two elements
("quarantineThis", "endof the"), and leaves spaces where markup stood
(" ,", "‘ will", runs of spaces).  Each finding carries its fix: join the
lines, insert the space, delete the space.

Glue is confirmed with word frequencies (wordfreq): both halves must be common
words and the glued form must not be one, so brands and names written in camel
case ("iPod", "eBay", "McDonald", "YouTube", "duMond") are left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..check import Check, Context, RuleInfo
from ..document import Document
from ..issue import Issue
from ..resources import load_data
from ..lazy_re import lazy

_CAMEL_GLUE = re.compile(r"\b([a-z]{2,})([A-Z][a-z]+)\b")
_LOWER_WORD = re.compile(r"\b[a-z]{5,16}\b")
_SPACE_BEFORE = lazy(r"(?<=[\w\"”’)])[ \t]+([,;:!?]|\.(?!\.))(?=\s|$)")
_OPEN_QUOTE_SPACE = lazy(r"(?:^|(?<=[\s(\[—–]))([‘“])[ \t]+(?=\w)", re.MULTILINE)
_CLOSE_QUOTE_SPACE = lazy(r"(?<=[\w.,!?])[ \t]+([’”])(?=[\s.,;:!?)\]]|$)", re.MULTILINE)
_SPACE_RUN = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_STRAY_PUNCT = re.compile(r"^[ \t]*[,.;:!?)\]]+[ \t]*$", re.MULTILINE)
# A punctuation mark opening a line after the first: where a stray line can start.
_STRAY_START = re.compile(r"\n[ \t]*[,.;:!?)\]]")
# A line break with a non-blank line after it: where a broken line can end.
_BREAK_THEN_TEXT = re.compile(r"(?:\r\n|\r|\n)[^\S\r\n]*\S")
_CLOSING_MARKS = ".!?…:;\"”’)]|*"  # what `_LINE_END_OK` accepts at a line's end
_LINE_END_OK = lazy(r"[.!?…:;\"”’)\]|*]\s*$")
_BYLINE_START = re.compile(r"^by(?:\s|[A-Z])")
_ADDRESS_EDGE = re.compile(r"[./@:#_\\-]\w")
_LIST_START = lazy(r"^\s*(?:[-–—•*·▪]|\d+[.)]|[a-z][.)]\s)")
# Character classes of the UTF-8 bytes, for cheap necessary conditions of the
# patterns above: a = ASCII lower-case letter, A = upper-case, " " = space or
# tab, p = a mark that may not follow a space, x = anything else.
_CLASSES = bytes(
    ord("a") if 97 <= b <= 122 else ord("A") if 65 <= b <= 90 else ord(" ") if b in b" \t"
    else ord("p") if b in b",;:!?." else ord("x")
    for b in range(256)
)
# Name particles that legitimately precede a capital: "McDonald", "deVries", "duMond".
_NAME_PARTICLES = frozenset(
    "mc mac de di da du la le van von der den del della al el bin ibn st".split()
)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(load_data("data/boilerplate_stopwords.txt"))


def _zipf(word: str) -> float:
    from ..english import zipf_frequency  # wordfreq's, over its mapped table

    return zipf_frequency(word)


# Function words that glue to a neighbour when a space is dropped but never
# form English words as prefixes or suffixes ("over", "under", "out", "up",
# "in", "on", "for", "less", "is" do: "overbooking", "touchless", "asbestosis").
_GLUE_LEFT = frozenset("the of and to that with from their his was about which would he she they we".split())
_GLUE_RIGHT = frozenset("the of and to that for with from said was were".split())


@lru_cache(maxsize=65536)
def lowercase_split(token: str, common: float = 3.5, rare: float = 2.0) -> tuple[str, str] | None:
    """Split a rare lower-case token into a glue-prone function word and a common word."""
    cuts = [
        cut for cut in range(2, len(token) - 1)
        if (token[:cut] in _GLUE_LEFT and len(token) - cut >= 3)
        or (token[cut:] in _GLUE_RIGHT and cut >= 3)
    ]
    if not cuts or _zipf(token) >= rare:  # the shape test first: it spares most look-ups
        return None
    for cut in cuts:
        left, right = token[:cut], token[cut:]
        if _zipf(left) >= common and _zipf(right) >= common:
            return left, right
    return None


class _GlueJudge:
    """`lowercase_split` over a text's words, remembering every verdict.

    A text's white-space tokens ("said,", "thefirst") are read once each: nearly
    all were seen in earlier texts, so a set difference (in C) leaves a handful
    whose lower-case words (`_LOWER_WORD`; a token's edges are word boundaries in
    the text too) are judged in Python.
    """

    def __init__(self, common: float, rare: float, capacity: int = 300_000) -> None:
        self.common, self.rare, self.capacity = common, rare, capacity
        self.plain: set[str] = set()  # tokens holding no glued word
        self.glued: dict[str, dict[str, tuple[str, str]]] = {}  # token -> its glued words

    def _sort(self, tokens: set[str]) -> None:
        for token in tokens:
            found = {}
            for word in _LOWER_WORD.findall(token):
                split = lowercase_split(word, self.common, self.rare)
                if split is not None:
                    found[word] = split
            if found:
                self.glued[token] = found
            else:
                self.plain.add(token)

    def glued_in(self, text: str) -> dict[str, tuple[str, str]]:
        """The glued lower-case words of `text`, each with its split."""
        tokens = set(text.split())
        new = tokens - self.plain
        if new:
            if len(self.plain) + len(self.glued) > self.capacity:
                self.plain.clear()
                self.glued.clear()
            new.difference_update(self.glued)
            words = set(_LOWER_WORD.findall(" ".join(new)))
            if any(lowercase_split(word, self.common, self.rare) for word in words):
                self._sort(new)  # some new token holds glue: find which
            else:
                self.plain.update(new)
        if not self.glued or tokens.isdisjoint(self.glued):
            return {}
        return {word: split for token in tokens.intersection(self.glued)
                for word, split in self.glued[token].items()}


@lru_cache(maxsize=4)
def _glue_judge(common: float, rare: float) -> _GlueJudge:
    return _GlueJudge(common, rare)


@dataclass(frozen=True)
class LayoutSettings:
    """Word frequencies that tell glued words from real ones (rules/settings/layout.yml)."""

    glue_common_zipf: float = 3.5
    glue_rare_zipf: float = 2.0


class LayoutCheck(Check):
    """Hard line breaks inside sentences, glued words and misplaced spaces."""

    name = "layout"
    settings_type = LayoutSettings
    rules = (
        RuleInfo("layout.broken-line", "layout", "warning",
                 "A line break inside a sentence.",
                 "The line ends without sentence punctuation and the next line carries on the "
                 "sentence (it starts in lower case, or this line ends on a function word). "
                 "Join the lines with a space."),
        RuleInfo("layout.glued-words", "layout", "warning",
                 "Two words glued together by a dropped space ('saidThe', 'endof').",
                 "Both halves are common words and the glued form is not; brands and names in "
                 "camel case are left alone. Insert the space (or a sentence break)."),
        RuleInfo("layout.space-in-quotes", "layout", "warning",
                 "A space just inside a quotation mark ('‘ will').",
                 "An opening quote followed by a space, or a space before a closing quote, "
                 "is left where markup stood. Delete the space."),
        RuleInfo("layout.space-before-punctuation", "layout", "info",
                 "A space before a comma, full stop, colon, semicolon, question or exclamation mark.",
                 "English puts no space before these marks; delete it."),
        RuleInfo("layout.space-run", "layout", "info",
                 "Two or more spaces between words.",
                 "A run of spaces inside a line is usually where an element was removed; "
                 "replace it with one space."),
        RuleInfo("layout.stray-punctuation", "layout", "warning",
                 "A line holding nothing but punctuation.",
                 "A lone comma or full stop on its own line is a fragment left by extraction; "
                 "delete the line or join it to the sentence it ends."),
    )

    def preload(self, ctx: Context) -> None:
        """The function-word list and wordfreq's table."""
        _function_words()
        _zipf("the")

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        settings = self.settings_in(ctx)
        classes = doc.text.encode("utf-8", "ignore").translate(_CLASSES)
        yield from self._broken_lines(doc)
        yield from self._glued_words(doc, settings, classes)
        yield from self._spaces(doc, classes)

    def _broken_lines(self, doc: Document) -> Iterator[Issue]:
        text = doc.text
        if not any(_ends_open(text, m.start()) for m in _BREAK_THEN_TEXT.finditer(text)):
            return  # no line followed by text ends without a closing mark: nothing to join
        function_words = _function_words()
        lines = doc.lines
        for above, below in zip(lines, lines[1:]):
            head, tail = above.text.rstrip(), below.text.lstrip()
            if not tail or not head.strip():
                continue
            if _LINE_END_OK.search(head) or _LIST_START.match(below.text):
                continue
            last_word = head.split()[-1]
            if _BYLINE_START.match(tail):
                continue
            starts_lower = tail[0].islower()
            ends_open = last_word in function_words or head.endswith((",", "-", "–", "—"))
            if not (starts_lower or ends_open):
                continue
            start = above.start + len(head)
            end = below.start + (len(below.text) - len(tail))
            nxt = tail.split()[0]
            yield self.emit(
                doc, "layout.broken-line", start, end,
                f"Line break inside a sentence ('{head.split()[-1]}' ↵ '{nxt}'); join the lines",
                (" ",), 0.9 if starts_lower else 0.75,
            )

    def _glued_words(self, doc: Document, settings, classes: bytes) -> Iterator[Issue]:
        common = settings.glue_common_zipf
        rare = settings.glue_rare_zipf
        text = doc.text
        if b"aaAa" in classes:  # camel glue needs two lower-case letters, a capital and one more
            yield from self._camel_glue(doc, common, rare)
        glued = _glue_judge(common, rare).glued_in(text)
        if not glued:
            return
        for match in _LOWER_WORD.finditer(text):
            split = glued.get(match.group())
            if split is None or _in_address(text, match.start(), match.end()):
                continue
            yield self.emit(
                doc, "layout.glued-words", match.start(), match.end(),
                f"'{match.group()}' looks like '{split[0]} {split[1]}' with the space dropped; "
                "insert it", (f"{split[0]} {split[1]}",), 0.7,
            )

    def _camel_glue(self, doc: Document, common: float, rare: float) -> Iterator[Issue]:
        text = doc.text
        for match in _CAMEL_GLUE.finditer(text):
            if _in_address(text, match.start(), match.end()):
                continue
            left, right = match.group(1), match.group(2)
            if left in _NAME_PARTICLES or _zipf(match.group().lower()) >= rare:
                continue
            if _zipf(left) < common or _zipf(right.lower()) < common:
                continue
            yield self.emit(
                doc, "layout.glued-words", match.start(), match.end(),
                f"'{match.group()}' looks like '{left}' and '{right}' glued by a dropped space "
                "or sentence break; separate them", (f"{left} {right}", f"{left}. {right}"), 0.85,
            )

    def _spaces(self, doc: Document, classes: bytes) -> Iterator[Issue]:
        # Each pattern runs only on texts holding what it cannot match without.
        text = doc.text
        open_quote = "‘ " in text or "“ " in text or "‘\t" in text or "“\t" in text
        close_quote = " ’" in text or " ”" in text or "\t’" in text or "\t”" in text
        quoting = _OpenQuotes(text)
        for match in _OPEN_QUOTE_SPACE.finditer(text) if open_quote else ():
            if match.group(1) == "“" and quoting.at(match.start()):
                continue  # a “ while a quotation is open is its closing mark typed the wrong way
            yield self.emit(
                doc, "layout.space-in-quotes", match.start(), match.end(),
                f"Space after the opening quote '{match.group(1)}'; delete it",
                (match.group(1),), 0.85,
            )
        quoting = _OpenQuotes(text)
        for match in _CLOSE_QUOTE_SPACE.finditer(text) if close_quote else ():
            if match.group(1) == "”" and not quoting.at(match.start()):
                continue  # a ” with no quotation open is an opening mark typed the wrong way
            yield self.emit(
                doc, "layout.space-in-quotes", match.start(), match.end(),
                f"Space before the closing quote '{match.group(1)}'; delete it",
                (match.group(1),), 0.8,
            )
        for match in _SPACE_BEFORE.finditer(text) if b" p" in classes else ():
            mark = match.group(1)
            yield self.emit(
                doc, "layout.space-before-punctuation", match.start(), match.end(),
                f"Space before '{mark}'; delete it", (mark,), 0.7,
            )
        for match in _SPACE_RUN.finditer(text) if b"  " in classes else ():
            yield self.emit(
                doc, "layout.space-run", match.start(), match.end(),
                f"Run of {len(match.group())} spaces between words; use one", (" ",), 0.6,
            )
        stray = _STRAY_START.search(text) or _STRAY_PUNCT.match(text)
        for match in _STRAY_PUNCT.finditer(text) if stray else ():
            yield self.emit(
                doc, "layout.stray-punctuation", match.start(), match.end(),
                f"Line holding only '{match.group().strip()}'; delete it or join it to its sentence",
                ("",), 0.7,
            )


class _OpenQuotes:
    """Whether a “ quotation is open (more “ than ” since the line began) at offsets asked
    in increasing order: the text is read once, not once a quote mark."""

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.depth = text, 0, 0

    def at(self, offset: int) -> bool:
        line_start = self.text.rfind("\n", self.pos, offset)
        if line_start >= 0:
            self.pos, self.depth = line_start + 1, 0
        read = self.text[self.pos:offset]
        self.depth += read.count("“") - read.count("”")
        self.pos = offset
        return self.depth > 0


def _ends_open(text: str, end: int) -> bool:
    """True when the line ending at `end` holds text and its last character is no closing mark."""
    while end > 0 and text[end - 1].isspace() and text[end - 1] not in "\r\n":
        end -= 1
    return end > 0 and text[end - 1] not in "\r\n" and text[end - 1] not in _CLOSING_MARKS


def _in_address(text: str, start: int, end: int) -> bool:
    """True when the word is part of a web or e-mail address, a handle or a file name."""
    before = text[max(0, start - 1):start]
    return before in ("/", ".", "@", "#", "_", "\\") or bool(_ADDRESS_EDGE.match(text, end))


CHECKS = [LayoutCheck()]
