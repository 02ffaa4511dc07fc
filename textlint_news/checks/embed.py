"""Tweet embed remnants: the signature line, its media link and truncated tweet text.

A scraped tweet embed leaves "— Name (@handle) Month D, YYYY" behind, often after
a pic.twitter.com or t.co link and the tweet's text cut off with "…".  The
signature anchors the remnant; the link and the truncated text are joined to it
only when they stand right before it (same line, or the previous non-blank line
ending with the link), so the span is bounded by evidence, never guessed.
Complete tweet text is left in place: only the widget's debris is deleted.
Simpler embed lines (Instagram, YouTube, Getty) are patterns: see rules/embed.yml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..check import Check, Context, RuleInfo
from ..document import Document
from ..issue import Issue
from ..lazy_re import lazy

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}},\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
_SIGNATURE = lazy(
    rf"[—–]\s*(?P<name>[^\n()@—–]{{1,80}}?)\s*\(@(?P<handle>\w{{1,15}})\)\s+(?P<date>{_DATE})"
)
_MEDIA_LINK = re.compile(r"(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+\s*$")
_TRUNCATED = re.compile(r"…\s*$|\.\.\.\s*$")


@dataclass(frozen=True)
class EmbedSettings:
    """Confidences of a tweet-embed remnant (rules/settings/embed.yml)."""

    confidence_with_media: float = 0.95
    confidence_signature: float = 0.9


class EmbedCheck(Check):
    """Tweet embeds: signature, media link and truncated text reported as one remnant."""

    name = "embed"
    settings_type = EmbedSettings
    rules = (
        RuleInfo(
            "embed.tweet", "embed", "warning",
            "Remnant of an embedded tweet: the '— Name (@handle) date' signature, with the "
            "media link and truncated text that stand right before it.",
            "Scrapers flatten tweet widgets into text. The signature is the widget's footer; "
            "a pic.twitter.com or t.co link right before it is its media, and text cut off "
            "with '…' before that link is a truncated tweet. Complete tweet text is kept; "
            "the rest is deleted.",
        ),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        text = doc.text
        if "(@" not in text:
            return
        settings = self.settings_in(ctx)
        for match in _SIGNATURE.finditer(text):
            start, parts = _remnant_start(doc, match.start())
            parts.append("signature")
            handle = match.group("handle")
            name = " ".join(match.group("name").split())
            message = (f"Tweet embed remnant of {name} (@{handle}, {match.group('date')}): "
                       f"{_join(parts)}; delete it")
            confidence = settings.confidence_with_media if len(parts) > 1 \
                else settings.confidence_signature
            yield self.emit(doc, "embed.tweet", start, match.end(), message, ("",), confidence)


def _remnant_start(doc: Document, signature: int) -> tuple[int, list[str]]:
    """Where the remnant begins: the signature, or the media link / truncated text before it."""
    text = doc.text
    line = doc.lines[doc.line_index(signature)]
    before = text[line.start:signature]
    if not before.strip():
        index = doc.line_index(signature) - 1
        while index >= 0 and not doc.lines[index].text.strip():
            index -= 1
        if index < 0:
            return signature, []
        line = doc.lines[index]
        before = line.text
    link = _MEDIA_LINK.search(before)
    if not link:
        same_line = line.start <= signature <= line.end
        return (_trim_left(text, signature, line.start) if same_line else signature), []
    head = before[:link.start()]
    if _TRUNCATED.search(head):
        return line.start + len(before) - len(before.lstrip()), ["truncated tweet text", "media link"]
    return _trim_left(text, line.start + link.start(), line.start), ["media link"]


def _trim_left(text: str, start: int, floor: int) -> int:
    """Move a start left over the spaces before it, so deleting leaves no double space."""
    while start > floor and text[start - 1] in " \t":
        start -= 1
    return start


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


CHECKS = [EmbedCheck()]
