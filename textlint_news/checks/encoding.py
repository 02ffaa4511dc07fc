"""Encoding damage: mojibake, replacement characters and stray C1 control characters.

A cheap pattern finds the lines that could hold mojibake (a UTF-8 lead byte read
as Latin-1/Windows-1252 followed by a continuation byte, a C1 control, U+FFFD);
only those lines go to ftfy.  ftfy's badness pattern confirms the damage and
`ftfy.fix_text` (encoding fixes only: quotes, ligatures and widths untouched)
repairs it; each changed stretch is one issue whose suggestion is the repair.
Clean text with accents, curly quotes, emoji and non-Latin names never matches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..check import Check, Context, RuleInfo
from ..document import Document
from ..issue import Issue
from ..lazy_re import lazy

# Windows-1252's printable characters for the bytes 0x80-0x9F.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# Mac Roman's characters for the UTF-8 lead bytes C2, C3, C5 and E2, and for the continuation
# bytes 0x80-0xBF ('‚Äô' for '’', 'Caf√©' for 'Café').
_MAC_LEADS = "¬√≈‚"
_MAC_CONTINUATION = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø"
_SUSPECT = lazy(rf"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]|[\u0080-\u009f\ufffd]"
                      rf"|[{_MAC_LEADS}][{_MAC_CONTINUATION}]")
# What every _SUSPECT match starts with: one character class, searched several times faster.
_SUSPECT_START = re.compile(rf"[\u00c2-\u00f4\u0080-\u009f\ufffd{_MAC_LEADS}]")
_C1 = re.compile(r"[\u0080-\u009f]+")
_REPLACEMENT = re.compile(r"\ufffd+")
_WORD_AROUND = re.compile(r"\S*$")
_WORD_AFTER = re.compile(r"^\S*")


@dataclass(frozen=True)
class EncodingSettings:
    """Confidences and the badness threshold of the encoding rules (rules/settings/encoding.yml)."""

    repaired_confidence: float = 0.95
    unrepaired_confidence: float = 0.6
    min_unrepaired_badness: int = 1
    replacement_confidence: float = 0.9
    control_confidence: float = 0.85


class EncodingCheck(Check):
    """Mojibake with ftfy's repair, U+FFFD and stray C1 controls, located by span."""

    name = "encoding"
    settings_type = EncodingSettings
    rules = (
        RuleInfo(
            "encoding.mojibake", "encoding", "warning",
            "UTF-8 text decoded with the wrong codec ('â€™' for '’', 'Ã©' for 'é').",
            "Found with ftfy's badness pattern on lines that hold a mis-decoded byte "
            "sequence; the suggestion is ftfy's repair of exactly that stretch.",
        ),
        RuleInfo(
            "encoding.replacement-char", "encoding", "warning",
            "U+FFFD replacement characters: bytes that could not be decoded were lost.",
            "The original character cannot be recovered from the text; take it from the "
            "source page.",
        ),
        RuleInfo(
            "encoding.control-char", "encoding", "warning",
            "A stray C1 control character (U+0080-U+009F), usually a Windows-1252 byte "
            "read as Latin-1.",
            "The suggestion is the Windows-1252 character the byte stands for, or deletion "
            "when it stands for nothing printable.",
        ),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        text = doc.text
        if text.isascii() or not _SUSPECT_START.search(text) or not _SUSPECT.search(text):
            return
        settings = self.settings_in(ctx)
        for line in doc.lines:
            if _SUSPECT.search(line.text):
                yield from self._check_line(doc, line.start, line.text, settings)

    def _check_line(self, doc: Document, offset: int, line: str,
                    settings: EncodingSettings) -> Iterator[Issue]:
        import ftfy.badness

        repaired = _repair(line)
        covered: list[tuple[int, int]] = []
        bad = [(m.start(), m.end()) for m in ftfy.badness.BADNESS_RE.finditer(line)]
        for start, end, replacement in _changes(line, repaired):
            if not any(s < end and start < e for s, e in bad) and not _C1.search(line[start:end]):
                continue
            if _C1.fullmatch(line[start:end]):
                continue  # a lone C1 byte: reported below as a control character
            covered.append((start, end))
            before, after = _context(line, start, end)
            message = (f"Mojibake '{before}{line[start:end]}{after}': text decoded with the wrong "
                       f"codec; ftfy repairs it as '{before}{replacement}{after}'")
            yield self.emit(doc, "encoding.mojibake", offset + start, offset + end,
                            _printable(message), (replacement,), settings.repaired_confidence)
        for start, end in bad:
            if any(s < end and start < e for s, e in covered) or _C1.fullmatch(line[start:end]) \
                    or _REPLACEMENT.fullmatch(line[start:end]):
                continue  # reported below by their own rules
            if ftfy.badness.badness(line[max(0, start - 1):end + 1]) < settings.min_unrepaired_badness:
                continue
            covered.append((start, end))
            message = (f"Likely mojibake '{line[start:end]}' that ftfy cannot repair (bytes were lost); "
                       "take the text from the source")
            yield self.emit(doc, "encoding.mojibake", offset + start, offset + end, _printable(message),
                            (), settings.unrepaired_confidence)
        for match in _REPLACEMENT.finditer(line):
            count = match.end() - match.start()
            message = (f"{count} U+FFFD replacement character{'s' if count > 1 else ''}: undecodable "
                       "bytes were lost; restore the character from the source")
            yield self.emit(doc, "encoding.replacement-char", offset + match.start(),
                            offset + match.end(), message, (), settings.replacement_confidence)
        for match in _C1.finditer(line):
            if any(s <= match.start() < e for s, e in covered):
                continue
            suggestion = match.group().encode("latin-1").decode("cp1252", errors="ignore")
            codes = " ".join(f"U+{ord(c):04X}" for c in match.group())
            message = (f"Stray C1 control character {codes}: a Windows-1252 byte read as Latin-1; "
                       + (f"replace it with '{suggestion}'" if suggestion else "delete it"))
            yield self.emit(doc, "encoding.control-char", offset + match.start(), offset + match.end(),
                            message, (suggestion,), settings.control_confidence)


def mojibake_word(text: str, start: int, end: int) -> bool:
    """True when the word (run of non-space characters) holding `text[start:end]` has
    mojibake by ftfy's badness pattern: its letters are this check's to report, not a name's."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    word = text[start:end]
    if word.isascii() or not _SUSPECT.search(word):
        return False
    import ftfy.badness

    return ftfy.badness.is_bad(word)


def _repair(line: str) -> str:
    import ftfy

    return ftfy.fix_text(line, _fixer_config())


@lru_cache(maxsize=1)
def _fixer_config():
    """ftfy with only the encoding repairs switched on."""
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        remove_control_chars=False, normalization=None, explain=False,
    )


def _changes(old: str, new: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for each stretch of `old` that differs in `new`."""
    if old == new:
        return []
    import difflib  # here, not at import: only a text to repair needs it

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    groups: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if groups and not any(c.isspace() for c in old[groups[-1][1]:i1]):
            groups[-1][1], groups[-1][3] = i2, j2  # within one word: one stretch
        else:
            groups.append([i1, i2, j1, j2])
    return [(i1, i2, new[j1:j2]) for i1, i2, j1, j2 in groups]


def _context(line: str, start: int, end: int) -> tuple[str, str]:
    """The rest of the word on each side of a span, for a readable message."""
    before = _WORD_AROUND.search(line[max(0, start - 20):start])
    after = _WORD_AFTER.search(line[end:end + 20])
    return (before.group() if before else ""), (after.group() if after else "")


def _printable(message: str) -> str:
    """Show control characters in a message as escapes so terminals stay sane."""
    return _C1.sub(lambda m: "".join(f"\\x{ord(c):02x}" for c in m.group()), message)


CHECKS = [EncodingCheck()]
