"""Boilerplate that no phrase pattern names: headline lists, author footers, calls to action.

The rule pack `rules/boilerplate.yml` catches the template phrases one knows
(ad slots, player notices, paywall pitches...).  This check finds template text
by its shape, with text-only versions of the signals HTML extractors use:

* jusText (Pomikálek 2011, `doc/algorithm.rst`) classifies blocks by length
  (`LENGTH_LOW` = 70 characters), stop-word density (`STOPWORDS_LOW` = 0.30,
  `STOPWORDS_HIGH` = 0.32) and link density (`MAX_LINK_DENSITY` = 0.2), and
  observes that boilerplate clusters at the borders of the page.  Here a line is
  *prose* when it is long enough, dense in function words and ends like a
  sentence; headline lists are what follows the last prose line.
* trafilatura (`htmlprocessing.link_density_test`, `filters.textfilter`) drops
  blocks made mostly of short link texts and lone share-button labels.  Plain
  text has no links, so their proxies are used: runs of short title-case lines
  without terminal punctuation, `|`-separated menus, imperative lines that
  address the reader about the page (newsletter, app, link, account).

Headlines, standfirsts, datelines and bylines at the top are never in the
tail and are not reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..check import Check, Context, RuleInfo
from ..document import Document, Span
from ..issue import Issue
from ..resources import load_data
from ..lazy_re import lazy

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d[\d.,:/%-]*")
# A line ends like a sentence: [.!?…] then closing marks, or a closing quote, then white space.
_SENTENCE_MARKS = tuple(".!?…")
_CLOSING_MARKS = "'\"”’)]"
_CLOSING_QUOTES = tuple("\"”’")
_QUOTE_OPEN = lazy(r"^\s*[\"“‘'«]")
_NAV_MARKS = "|•·›»"
_NAV_SPLIT = re.compile(rf"\s+[{_NAV_MARKS}]\s+")
# Markers of an article's own list (results, rankings, fixtures, sources,
# reader quotes): when most lines of a run share one, the run is not links.
_LIST_MARKERS = tuple(re.compile(p) for p in (
    r"\s[-–—]\s", r"\(", r"\sv\.?\s|\svs\.?\s", r"^\d", r"^[\"“‘']", r"\b\d{4}\W*$", r"\d+-\d+", r"^[^,]+,\s+[a-z]",
))
# The last sentence of a line announces what follows ("here's", "here are", "below").
_ANNOUNCES_LIST = re.compile(
    r"\b(?:[Hh]ere(?:'s|’s|\s+(?:is|are))|below|the\s+following)\b[^.!?]*[.!:]?[\"'”’)]*\s*$"
)
_NAME_LINE = lazy(r"^(?:By\s+)?(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+$")
_BIO = re.compile(
    r"^(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+,?\s+(?:is|was|has\s+been|writes|reports|covers)\s+"
    r"(?:(?:a|an|the|our)\s+)?(?:[\w-]+\s+){0,4}?"
    r"(?:contributor|correspondent|reporter|writer|editor|columnist|journalist|author|"
    r"freelancer|freelance|commentator|analyst|critic|producer)\b"
)


class LineInfo:
    """What the shape signals need to know about one non-blank line.

    Word counts, densities and endings are computed on first use: most lines of
    an article only ever need to be found not to be template text.
    """

    __slots__ = ("index", "span", "template", "_words", "_density", "_terminal")

    def __init__(self, index: int, span: Span, template: bool) -> None:
        self.index, self.span, self.template = index, span, template
        self._words: list[str] | None = None
        self._density: float | None = None
        self._terminal: bool | None = None

    @property
    def word_list(self) -> list[str]:
        if self._words is None:
            self._words = words_of(self.span.text)
        return self._words

    @property
    def words(self) -> int:
        return len(self.word_list)

    @property
    def stopword_density(self) -> float:
        if self._density is None:
            self._density = stopword_density(self.word_list)
        return self._density

    @property
    def terminal(self) -> bool:
        if self._terminal is None:
            self._terminal = ends_like_sentence(self.span.text)
        return self._terminal

    def prose(self, length_low: int, stopwords_low: float) -> bool:
        """jusText's near-good or good: long, grammatical, ends like a sentence."""
        return (not self.template and len(self.span.text) >= length_low and self.terminal
                and self.stopword_density >= stopwords_low)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(load_data("data/boilerplate_stopwords.txt"))


@lru_cache(maxsize=1)
def _headings() -> frozenset[str]:
    return frozenset(h.lower() for h in load_data("data/boilerplate_headings.txt"))


@lru_cache(maxsize=1)
def _cta_vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load_data("data/boilerplate_cta.yml")
    return frozenset(data["verbs"]), frozenset(data["account"]), frozenset(data["pointer"])


@lru_cache(maxsize=1)
def _template_matchers() -> tuple:
    """The shipped boilerplate pack's rules: lines they match are template text."""
    from ..resources import rules_dir
    from ..rulepack import load_pack

    return tuple(load_pack(rules_dir() / "boilerplate.yml"))


def template_lines(doc: Document) -> frozenset[int]:
    """Indexes of the lines the boilerplate pack matches (shared through `doc.memo`)."""
    cached = doc.memo.get("boilerplate.template_lines")
    if cached is None:
        hit: set[int] = set()
        for matcher in _matchers_with_a_hit(doc):
            for start, end, *_ in matcher.matches(doc):
                hit.update(range(doc.line_index(start), doc.line_index(max(start, end - 1)) + 1))
        cached = doc.memo["boilerplate.template_lines"] = frozenset(hit)
    return cached


def _matchers_with_a_hit(doc: Document) -> list:
    """The pack rules whose pattern occurs somewhere in the text (most texts: none).

    The pack check, which runs first, has usually screened the same patterns
    (`doc.memo["packs.screened"]`); else one `PatternFilter` pass finds them.
    Those rules then run line by line.
    """
    matchers = _template_matchers()
    patterns = _template_screen().patterns
    screened = doc.memo.get("packs.screened")
    if screened is not None and _screened_all(screened[0]):
        return [m for m, p in zip(matchers, patterns) if p in screened[1]]
    return [matchers[i] for i in _template_screen().matching(doc.text)]


@lru_cache(maxsize=1)
def _template_screen():
    """The shipped pack's screens (a line rule's is anchored at line starts) in one `PatternFilter`,
    relaxed (the rules found run line by line: 0.14 -> 0.02 CPU s to compile)."""
    from ..patterns import PatternFilter

    return PatternFilter([m.screen_pattern for m in _template_matchers()], relaxed=True)


@lru_cache(maxsize=4)
def _screened_all(patterns: tuple[str, ...]) -> bool:
    """True when `patterns` include every pattern of the template screen."""
    return set(_template_screen().patterns) <= set(patterns)


def ends_like_sentence(text: str) -> bool:
    """True when the text ends with [.!?…] and closing marks, or with a closing quote."""
    end = text.rstrip()
    return end.endswith(_CLOSING_QUOTES) or end.rstrip(_CLOSING_MARKS).endswith(_SENTENCE_MARKS)


def words_of(text: str) -> list[str]:
    """Word tokens of a line (numbers count as words)."""
    return _WORD.findall(text)


def stopword_density(words: list[str]) -> float:
    """Share of function words among `words` (jusText's stop-word density).

    All-capital words are acronyms ("US", "IT"), never function words.
    """
    if not words:
        return 0.0
    stop = _stopwords()
    hits = sum(map(stop.__contains__, map(str.lower, words)))
    acronyms = sum(1 for w in filter(str.isupper, words) if len(w) > 1 and w.lower() in stop)
    return (hits - acronyms) / len(words)


@dataclass(frozen=True)
class BoilerplateSettings:
    """Line thresholds (after jusText) and the sizes of headline lists, menus and footers
    (rules/settings/boilerplate.yml)."""

    length_low: int = 70
    stopwords_low: float = 0.3
    headline_stopwords_max: float = 0.45
    headline_min_words: int = 5
    headline_max_words: int = 20
    headline_run_min: int = 3
    cta_max_words: int = 25
    nav_min_items: int = 3
    nav_max_item_words: int = 4
    footer_window: int = 4


class BoilerplateCheck(Check):
    """Headline lists, related-story blocks, author footers, menus and calls to action."""

    name = "boilerplate"
    settings_type = BoilerplateSettings
    rules = (
        RuleInfo("boilerplate.related-block", "boilerplate", "warning",
                 "A 'Most read' / 'Related articles' heading and the headline list under it.",
                 "Page templates put lists of other stories under headings such as 'Related "
                 "articles'. The heading and every headline line under it are one block; delete it."),
        RuleInfo("boilerplate.headline-list", "boilerplate", "warning",
                 "A run of headline-like lines after the last paragraph of prose.",
                 "Short title-case lines without sentence punctuation, several in a row after the "
                 "article's last sentence, are links to other stories (jusText: boilerplate "
                 "clusters at the end of a page). Delete the run."),
        RuleInfo("boilerplate.author-footer", "boilerplate", "warning",
                 "An author biography footer ('X is a contributor to ...') at the end of the text.",
                 "A one-line author biography, with the name lines above it, closes many article "
                 "pages; it is page furniture, not part of the story. Delete it."),
        RuleInfo("boilerplate.call-to-action", "boilerplate", "warning",
                 "A short line that tells the reader to act on the page (subscribe, download, follow).",
                 "An imperative line about the page, the app or an account, outside quotes, is "
                 "interface text that no pattern named. Delete it."),
        RuleInfo("boilerplate.navigation", "boilerplate", "warning",
                 "A menu line: several short items separated by '|', '•', '›' or '»'.",
                 "A line of short items joined by separators is a navigation bar or breadcrumb "
                 "(trafilatura drops link-dense blocks of short items). Delete it."),
    )

    def preload(self, ctx: Context) -> None:
        """The word lists and the compiled template screen."""
        for load in (_stopwords, _headings, _cta_vocabulary, _template_screen):
            load()

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        settings = self.settings_in(ctx)
        lines = self._line_infos(doc)
        if not lines:
            return
        last_prose = _last_prose(lines, settings)
        taken: set[int] = set()
        yield from self._related_blocks(doc, lines, last_prose, settings, taken)
        yield from self._headline_lists(doc, lines, last_prose, settings, taken)
        yield from self._author_footer(doc, lines, settings, taken)
        menus = any(mark in doc.text for mark in _NAV_MARKS)
        for info in lines:
            if info.index in taken or info.template:
                continue
            issue = ((menus and self._navigation(doc, info, settings))
                     or self._call_to_action(doc, info, settings))
            if issue:
                yield issue

    # -- line features ---------------------------------------------------------

    @staticmethod
    def _line_infos(doc: Document) -> list[LineInfo]:
        template = template_lines(doc)
        out = []
        for index, line in enumerate(doc.lines):
            text = line.text.strip()
            if not text:
                continue
            if text is not line.text:  # white space around the text: a narrower span
                lead = len(line.text) - len(line.text.lstrip())
                line = Span(line.start + lead, line.start + lead + len(text), text)
            out.append(LineInfo(index, line, index in template))
        return out

    @staticmethod
    def _headline_like(info: LineInfo, settings) -> bool:
        """A link title: a few words, capitalised, no sentence end, few function words."""
        text = info.span.text
        if info.template or not (settings.headline_min_words <= info.words
                                 <= settings.headline_max_words):
            return False
        if info.terminal and not text.endswith("?"):
            return False
        if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"):
            return False
        return info.stopword_density <= settings.headline_stopwords_max

    # -- blocks ------------------------------------------------------------------

    def _related_blocks(self, doc, lines, last_prose, settings, taken) -> Iterator[Issue]:
        headings = _headings()
        i = 0
        while i < len(lines):
            if not _is_heading(lines[i].span.text, headings):
                i += 1
                continue
            j = i
            while j + 1 < len(lines) and _is_heading(lines[j + 1].span.text, headings):
                j += 1
            k = j
            while k + 1 < len(lines) and self._headline_like(lines[k + 1], settings):
                k += 1
            count = k - j
            if count == 0 and last_prose > j:  # prose follows: a heading inside the text
                i = j + 1
                continue
            first, last = lines[i], lines[k]
            taken.update(info.index for info in lines[i:k + 1])
            heading = first.span.text.rstrip(": ")
            what = f"{count} headline line{'s' if count != 1 else ''}" if count else "no headlines left"
            yield self.emit(
                doc, "boilerplate.related-block", first.span.start, last.span.end,
                f"Related-stories block under '{heading}' ({what}) scraped from the page "
                "template; delete the block", ("",), 0.92 if count else 0.85,
            )
            i = k + 1

    def _headline_lists(self, doc, lines, last_prose, settings, taken) -> Iterator[Issue]:
        minimum = settings.headline_run_min
        # "... here are our favourite posts." ends an introduction: the short lines are the article's list
        announced = last_prose >= 0 and _ANNOUNCES_LIST.search(lines[last_prose].span.text) is not None
        run: list[LineInfo] = []
        before: LineInfo | None = lines[last_prose] if last_prose >= 0 else None
        for info in [*lines[last_prose + 1:], None]:
            if info is not None and info.index not in taken and self._headline_like(info, settings):
                run.append(info)
                continue
            introduced = before is not None and before.span.text.endswith(":")
            if len(run) >= minimum and not introduced and not announced and not _parallel_list(run):
                taken.update(r.index for r in run)
                yield self.emit(
                    doc, "boilerplate.headline-list", run[0].span.start, run[-1].span.end,
                    f"{len(run)} headline-like lines after the article's last sentence look like "
                    "links to other stories; delete them", ("",), min(0.9, 0.6 + 0.05 * len(run)),
                )
            run, before = [], info

    def _author_footer(self, doc, lines, settings, taken) -> Iterator[Issue]:
        window = settings.footer_window
        tail = lines[-window:]
        for n, info in enumerate(tail):
            if info.index in taken or info.template or not _BIO.match(info.span.text):
                continue
            if len(info.span.text) > 300:
                continue
            first = n
            surname = info.span.text.split()[1] if len(info.span.text.split()) > 1 else ""
            while first > 0 and _NAME_LINE.match(tail[first - 1].span.text) and surname in tail[first - 1].span.text:
                first -= 1
            start = tail[first].span.start
            taken.update(t.index for t in tail[first:n + 1])
            # With the author's name block above it, the bio is the page's byline
            # widget; a lone bio sentence is often the publisher's own tagline.
            block = first < n
            yield self.emit(
                doc, "boilerplate.author-footer", start, info.span.end,
                ("Author name block and biography at the end of the text are page furniture, "
                 "not the story; delete them" if block else
                 "Author biography line at the end of the text; delete it if it came from the "
                 "page's byline widget"),
                ("",), 0.85 if block else 0.5, severity=None if block else "info",
            )
            return

    # -- single lines ------------------------------------------------------------

    def _navigation(self, doc, info: LineInfo, settings) -> Issue | None:
        items = _NAV_SPLIT.split(info.span.text)
        if len(items) < settings.nav_min_items:
            return None
        longest = settings.nav_max_item_words
        if any(not item.strip() or len(words_of(item)) > longest for item in items):
            return None
        return self.emit(
            doc, "boilerplate.navigation", info.span.start, info.span.end,
            f"Line of {len(items)} short items joined by separators (a menu, breadcrumb or "
            "credit strip from the page); delete it", ("",), 0.8,
        )

    def _call_to_action(self, doc, info: LineInfo, settings) -> Issue | None:
        text = info.span.text
        first = _WORD.search(text)
        verbs, strong, weak = _cta_vocabulary()
        if first is None or first.group().lower() not in verbs:
            return None  # the cheap test first: the line must open with an imperative
        if info.words > settings.cta_max_words or _QUOTE_OPEN.match(text):
            return None
        words = [w.lower() for w in info.word_list]
        if words[0] in ("sign", "log") and (len(words) < 2 or words[1] not in ("up", "in", "on", "out")):
            return None
        nouns = [w for w in words[1:] if w in strong]
        addressed = any(w in ("you", "your", "our", "us") for w in words)
        if nouns and (addressed or "@" in text or "http" in text):
            return self.emit(
                doc, "boilerplate.call-to-action", info.span.start, info.span.end,
                f"Call to action ('{words[0]}' … '{nouns[0]}') addresses the reader about the "
                "page or an account, not the story; delete it", ("",), 0.75,
            )
        pointers = [w for w in words[1:] if w in weak]
        if "here" in pointers or (pointers and addressed):
            # "Read the full report here": a link's anchor text; in plain text it
            # points nowhere, but the sentence may be the article's own.
            return self.emit(
                doc, "boilerplate.call-to-action", info.span.start, info.span.end,
                f"Line points the reader to a link ('{words[0]}' … '{pointers[0]}') that a plain-"
                "text copy no longer has; delete it or keep the sentence without the link",
                ("",), 0.45, severity="info",
            )
        return None


def _parallel_list(run: list[LineInfo]) -> bool:
    """True when most lines of the run share a list marker (an article's own list)."""
    return any(
        sum(1 for info in run if marker.search(info.span.text)) * 2 >= len(run)
        for marker in _LIST_MARKERS
    )


def _is_heading(text: str, headings: frozenset[str]) -> bool:
    return text.strip().rstrip(":").strip().lower().replace("’", "'") in headings


def _last_prose(lines: list[LineInfo], settings) -> int:
    """Position in `lines` of the last prose line, or -1 (read from the end: usually one step)."""
    low, stop_low = settings.length_low, settings.stopwords_low
    for n in range(len(lines) - 1, -1, -1):
        if lines[n].prose(low, stop_low):
            return n
    return -1


CHECKS = [BoilerplateCheck()]
