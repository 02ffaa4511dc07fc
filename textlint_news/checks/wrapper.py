"""Foreign-language wrappers: lines an aggregator put around the English article.

Two signals decide whether a line is foreign.  Non-Latin text is found by
Unicode script (cheap and certain); Latin-script lines in another language need
language identification, which is unreliable on short lines, so a line is judged
only when it has enough words, few of them are common English words (wordfreq),
the identifier (py3langid, loaded on first need) is confident, and most words are
common in the identified language; a short line where wrappers sit (the first or
last paragraph, set apart from the prose) is judged by its words instead
(`textlint_news.edge_lines`).  Contiguous foreign lines form one block,
reported once with a delete suggestion.  Position is weighed: a block before the
first or after the last prose line is a wrapper (warning); foreign material inside
the body (a quoted phrase, a name in its own script) is at most `info`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator

from ..check import Check, Context, RuleInfo
from ..document import Document
from ..edge_lines import EdgeLimits, edge_languages, english_function_words
from ..identifier import identifier
from ..languages import has_list, zipf_in
from ..issue import Issue
from ..resources import load_data
from ..lazy_re import lazy
from ..mapped import FirstLookups, first_lookups, loaded

# Letters outside the Latin blocks (Basic Latin to Latin Extended-B, Latin Extended
# Additional/C/D, IPA and the fullwidth forms).
_LATIN_RANGES = "\u0000-\u024f\u0250-\u02af\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uff00-\uffef"
_FOREIGN_RUN = lazy(rf"(?:(?![{_LATIN_RANGES}])[^\W\d_][\u0300-\u036f\u064b-\u065f\u0670]*)+")
# Any character outside the Latin blocks and the punctuation and currency blocks (which
# hold no letters): a text without one has no foreign run, found at a fraction of the cost.
_MAYBE_FOREIGN = re.compile(rf"[^{_LATIN_RANGES}\u2000-\u206f\u20a0-\u20cf]")
_LATIN_LETTER = lazy(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"'[^ ]*")
_ASCII_LOWER_ONLY = bytes(b if 97 <= b <= 122 or b in b"\r\n" else 32 for b in range(256))
_BYTE_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
# Separators an aggregator puts between its tag and the article ("Tag -", "Tag |").
_SEPARATORS = " \t-–—|:·•»«/"


@dataclass(frozen=True)
class Foreign:
    """One foreign line or glued segment: its span, what it is and how sure we are."""

    start: int
    end: int
    line: int
    script: str  # "Latin" for another language in Latin script
    language: str  # a language name, or "" when only the script is known
    letters: int
    words: int
    confidence: float
    whole_line: bool = True


@dataclass(frozen=True)
class WrapperSettings(EdgeLimits):
    """The foreign-wrapper thresholds (rules/settings/wrapper.yml): its own, and the edge-line
    test's `edge_*` it inherits."""

    script_majority: float = 0.6
    min_script_letters: int = 2
    min_glued_letters: int = 4
    body_block_letters: int = 30
    min_words: int = 3
    max_english_coverage: float = 0.6
    english_vocabulary: int = 20000
    min_confidence: float = 0.7
    min_native_coverage: float = 0.6
    min_word_backed_confidence: float = 0.2
    word_backed_native: float = 0.8
    word_backed_english: float = 0.3
    body_block_words: int = 12
    prose_min_words: int = 20
    english_function_share: float = 0.2
    min_body_function_share: float = 0.12
    body_sample_chars: int = 6000


class WrapperCheck(Check):
    """Lines or segments in another script or language than the English body."""

    name = "wrapper"
    settings_type = WrapperSettings
    rules = (
        RuleInfo(
            "wrapper.foreign-script", "foreign-wrapper", "warning",
            "Lines in another script than the body, such as an aggregator's header or tag.",
            "Re-publishing sites wrap the article in their own header, tag or footer in "
            "their language. Non-Latin text is found by Unicode script; a block before the "
            "first or after the last prose line is reported as a wrapper to delete.",
        ),
        RuleInfo(
            "wrapper.foreign-language", "foreign-wrapper", "warning",
            "Latin-script lines in another language than the body (Spanish, German, Turkish...).",
            "Judged on lines with enough words, few common English words, a confident "
            "language identification and words common in the identified language, because "
            "language ID on short lines is unreliable; a short line in the first or last "
            "paragraph, set apart from the prose, by its stop words and common words of the "
            "language, backed by the identifier or by another such line in the same language.",
        ),
        RuleInfo(
            "wrapper.inline-foreign", "foreign-wrapper", "info",
            "Foreign-script words inside an English line (a name, a quotation): usually legitimate.",
            "Reported for review only; names in their own script and quoted phrases belong to "
            "the article.",
        ),
    )

    def preload(self, ctx: Context) -> None:
        """The word lists."""
        loaded(_english_vocabulary(self.settings_in(ctx).english_vocabulary))
        _function_words_bytes()
        load_data("data/wrapper_languages.yml")

    def background_loads(self, ctx: Context) -> list[Callable[[], Any]]:
        """The language identifier (`textlint_news.identifier`): read from the user cache
        as a text needs it, or its LZMA-compressed model decompressed outside the interpreter's lock
        while the other checks load their tables."""
        return [identifier]

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        settings = self.settings_in(ctx)
        found = _foreign_lines(doc, settings)
        if not found:
            return
        first, last = _prose_bounds(doc, settings)
        for block in _blocks(doc, [f for f in found if f.whole_line]):
            yield self._report_block(doc, block, first, last, settings)
        for item in (f for f in found if not f.whole_line):
            yield self._report_segment(doc, item, first, last, settings)

    def _report_block(self, doc: Document, block: list[Foreign], first: int, last: int,
                      settings: WrapperSettings) -> Issue:
        start, end = block[0].start, block[-1].end
        edge = end <= first or start >= last
        latin = all(item.script == "Latin" for item in block)
        label = _block_label(doc.text[start:end], block)
        where = _where(start, first)
        lines = len({item.line for item in block})
        count = f"{lines} line{'s' if lines > 1 else ''}"
        confidence = min(item.confidence for item in block)
        if latin:
            rule = "wrapper.foreign-language"
            strong = sum(item.words for item in block) >= settings.body_block_words
        else:
            rule = "wrapper.foreign-script"
            strong = sum(item.letters for item in block) >= settings.body_block_letters
        if edge:
            message = (f"{label} wrapper ({count} {where}) around the English article; "
                       "delete it")
            return self.emit(doc, rule, start, end, message, ("",), confidence)
        severity = "warning" if strong else "info"
        message = (f"{label} text ({count}) inside the English body; delete it if it is "
                   "the page's wrapper, keep it if the article quotes it")
        return self.emit(doc, rule, start, end, message, ("",), confidence * 0.7, severity)

    def _report_segment(self, doc: Document, item: Foreign, first: int, last: int,
                        settings: WrapperSettings) -> Issue:
        language = _identify_script_language(doc.text[item.start:item.end], item.script)
        label = f"{language} ({item.script} script)" if language else f"{item.script}-script"
        edge = item.end <= first or item.start >= last
        glued = _glued_to_line_edge(doc, item)
        if edge and glued and item.letters >= settings.min_glued_letters:
            message = (f"{label} text glued to an English line {_where(item.start, first)}: "
                       "an aggregator's tag or footer; delete it")
            return self.emit(doc, "wrapper.foreign-script", item.start, item.end, message,
                             ("",), item.confidence * 0.9)
        message = (f"{label} words inside an English line: usually a name or quotation in "
                   "its own script; check it belongs to the article")
        return self.emit(doc, "wrapper.inline-foreign", item.start, item.end, message, (),
                         0.5, "info")


def _where(start: int, first: int) -> str:
    return "before the first paragraph" if start < first else "after the last paragraph"


def _foreign_lines(doc: Document, settings: WrapperSettings) -> list[Foreign]:
    """Every whole foreign line, plus foreign-script segments inside Latin lines."""
    text = doc.text
    has_script = _has_script(text)
    counts = _line_function_counts(doc)
    judge_latin = _body_is_english(doc, settings, counts)
    if not has_script and not judge_latin:
        return []
    if has_script and _script_letters(text) > len(_LATIN_LETTER.findall(text)):
        return []  # the body itself is not in Latin script: nothing here is a wrapper
    majority = settings.script_majority
    min_letters = settings.min_script_letters
    shares = [hits / words if words else 0.0 for hits, words in zip(*counts)] if judge_latin else None
    if has_script:
        candidates = range(len(doc.lines))
    else:  # only Latin lines to judge: the plainly English ones (most) need no more work
        english_share = settings.english_function_share
        candidates = [index for index, share in enumerate(shares) if share < english_share]
    found: list[Foreign] = []
    for index in candidates:
        line = doc.lines[index]
        stripped = line.text.strip()
        if not stripped:
            continue
        start = line.start + len(line.text) - len(line.text.lstrip())
        end = line.start + len(line.text.rstrip())
        runs = list(_FOREIGN_RUN.finditer(line.text)) if has_script else []
        foreign = sum(m.end() - m.start() for m in runs)
        latin = len(_LATIN_LETTER.findall(line.text)) if foreign else 0
        if foreign >= min_letters and foreign >= majority * (foreign + latin):
            script = _script_of(runs)
            found.append(Foreign(start, end, index, script, "", foreign, 0, 0.95))
        elif foreign >= min_letters:
            found.extend(_segments(line.start, line.text, runs, index, min_letters))
        elif judge_latin:
            verdict = _latin_verdict(stripped, settings, shares[index]) or _edge_verdict(doc, index, settings)
            if verdict:
                language, confidence, words = verdict
                letters = len(_LATIN_LETTER.findall(line.text))
                found.append(Foreign(start, end, index, "Latin", language, letters, words, confidence))
    return found


def _segments(offset: int, line: str, runs: list[re.Match], index: int,
              min_letters: int) -> list[Foreign]:
    """Foreign-script runs inside a Latin line, neighbouring runs joined into one segment."""
    segments: list[Foreign] = []
    group: list[re.Match] = []
    for run in runs:
        if group and line[group[-1].end():run.start()].strip(" \t'’\"“”()-–·.,"):
            segments.append(_segment(offset, group, index))
            group = []
        group.append(run)
    if group:
        segments.append(_segment(offset, group, index))
    return [s for s in segments if s.letters >= min_letters]


def _segment(offset: int, group: list[re.Match], index: int) -> Foreign:
    letters = sum(m.end() - m.start() for m in group)
    return Foreign(offset + group[0].start(), offset + group[-1].end(), index,
                   _script_of(group), "", letters, 0, 0.9, whole_line=False)


def _glued_to_line_edge(doc: Document, item: Foreign) -> bool:
    """True when only separators stand between the segment and its line's start or end."""
    line = doc.lines[item.line]
    before = doc.text[line.start:item.start].strip(_SEPARATORS)
    after = doc.text[item.end:line.end].strip(_SEPARATORS)
    return not before or not after


def _script_of(runs: list[re.Match]) -> str:
    """The Unicode script of the first letter of the runs ('Arabic', 'Cyrillic', 'Han'...)."""
    first = runs[0].group()[0]
    word = unicodedata.name(first, "UNKNOWN").split()[0]
    return {"CJK": "Han", "HIRAGANA": "Japanese kana", "KATAKANA": "Japanese kana"}.get(
        word, word.title())


def _block_label(text: str, block: list[Foreign]) -> str:
    """'Persian (Arabic script)', 'Spanish' or 'Cyrillic-script' for a message."""
    scripts = {item.script for item in block}
    if scripts == {"Latin"}:
        names = sorted({item.language for item in block if item.language})
        return "/".join(names) or "Foreign-language"
    script = next(s for s in (item.script for item in block) if s != "Latin")
    language = _identify_script_language(text, script)
    return f"{language} ({script} script)" if language else f"{script}-script"


def _identify_script_language(text: str, script: str) -> str:
    languages = load_data("data/wrapper_languages.yml")
    code, _ = identifier().classify(text)
    entry = languages.get(code)
    if entry and entry["script"] == script or (entry and script == "Japanese kana" and code == "ja"):
        return entry["name"]
    return ""


def _without_urls(line: str) -> str:
    """The line without its URLs and e-mail addresses: a word holding '://' or an inner '@'
    goes, and a word from its 'www.' on.  Word by word, in linear time (a regular expression
    for them retried a long word without spaces from each of its characters)."""
    kept = []
    for word in line.split():
        if "://" in word[1:-1] or "@" in word[1:-1]:
            continue
        www = word.find("www.", 0, len(word) - 1)
        kept.append(word if www < 0 else word[:www])
    return " ".join(kept)


def _latin_verdict(line: str, settings: WrapperSettings,
                   function_share: float | None = None) -> tuple[str, float, int] | None:
    """(language name, confidence, words) when a Latin line is confidently not English.

    `function_share` is the line's `_function_word_share` when the caller has it.
    """
    if function_share is None:
        function_share = _function_word_share(line)
    if function_share >= settings.english_function_share:
        return None  # plainly English: the cheap test settles most lines
    words = _WORD.findall(_without_urls(line) if "/" in line or "@" in line else line)
    if len(words) < settings.min_words:
        return None
    vocabulary = _english_vocabulary(settings.english_vocabulary)
    coverage = _coverage(words, vocabulary)
    if coverage >= settings.max_english_coverage:
        return None
    code, confidence = identifier().classify(" ".join(words))
    if code == "en" or confidence < settings.min_word_backed_confidence:
        return None
    entry = load_data("data/wrapper_languages.yml").get(code)
    if not entry or entry["script"] != "Latin":
        return None
    weak = confidence < settings.min_confidence
    if weak and coverage > settings.word_backed_english:
        return None  # a weak identification needs few English words (decided before loading word lists)
    native = _native_coverage(words, code)
    if native is not None and native < settings.min_native_coverage:
        return None
    if weak:
        # a weak identification counts only when the words themselves say so
        if native is None or native < settings.word_backed_native:
            return None
        confidence = max(confidence, native - coverage) * 0.9
    return entry["name"], confidence * (1 - coverage), len(words)


def _edge_verdict(doc: Document, index: int, settings: WrapperSettings) -> tuple[str, float, int] | None:
    """(language name, confidence, words) when line `index` is a short line of another language
    in the text's first or last paragraph, outside the article's prose (`edge_lines`)."""
    key = "wrapper.edge-verdicts"
    if key not in doc.memo:
        numbers = sorted(_edge_line_numbers(doc, settings))
        lines = [_without_urls(line) if "/" in line or "@" in line else line
                 for line in (doc.lines[n].text for n in numbers)]
        verdicts = edge_languages(lines, settings) if numbers else []
        doc.memo[key] = {n: (v, len(_WORD.findall(line))) for n, v, line in zip(numbers, verdicts, lines) if v}
    found = doc.memo[key].get(index)
    if found is None:
        return None
    (code, confidence), count = found
    entry = load_data("data/wrapper_languages.yml").get(code)
    return (entry["name"] if entry else code), confidence, count


def _edge_line_numbers(doc: Document, settings: WrapperSettings) -> frozenset[int]:
    """The lines of the first and of the last paragraph when a blank line sets that paragraph
    apart from the article's prose (it ends before the first or starts after the last prose
    line); cached per document."""
    key = "wrapper.edge-lines"
    if key not in doc.memo:
        paragraphs: list[list[int]] = [[]]
        for number, line in enumerate(doc.lines):
            if line.text.strip():
                paragraphs[-1].append(number)
            elif paragraphs[-1]:
                paragraphs.append([])
        paragraphs = [p for p in paragraphs if p]
        found: set[int] = set()
        if len(paragraphs) > 1:
            first, last = _prose_bounds(doc, settings)
            if doc.lines[paragraphs[0][-1]].end <= first:
                found.update(paragraphs[0])
            if doc.lines[paragraphs[-1][0]].start >= last:
                found.update(paragraphs[-1])
        doc.memo[key] = frozenset(found)
    return doc.memo[key]


def _coverage(words: list[str], vocabulary: FirstLookups | frozenset[str]) -> float:
    """Share of the words found in a vocabulary (case-folded, possessive stripped)."""
    if not words:
        return 0.0
    stems = _POSSESSIVE.sub("", " ".join(words).lower().replace("’", "'")).split(" ")
    return sum(map(vocabulary.__contains__, stems)) / len(words)


def _native_coverage(words: list[str], code: str) -> float | None:
    """Share of the words common in language `code` (`languages.zipf_in`: wordfreq's small
    list of it, the words above Zipf 3); None if wordfreq lacks the language."""
    if not has_list(code):
        return None
    return sum(zipf_in(w.lower(), code) >= 3.0 for w in words) / len(words)


def _body_is_english(doc: Document, settings: WrapperSettings,
                     counts: tuple[list[int], list[int]]) -> bool:
    """True when the text is English by its function words (else Latin lines are not judged).

    `counts` are `_line_function_counts(doc)`: when the sample is the whole text
    (most texts), its share is summed from them.
    """
    size = settings.body_sample_chars
    sample = doc.text[:size]
    minimum = settings.prose_min_words
    if len(sample.split(None, minimum - 1)) < minimum:  # fewer words than `minimum`
        return True
    if len(doc.text) <= size:
        hits, words = map(sum, counts)
        share = hits / words if words else 0.0
    else:
        share = _function_word_share(sample)
    return share >= settings.min_body_function_share


def _function_word_share(text: str) -> float:
    """Share of the words of `text` that are English function words.

    The words are the `[a-z]+` runs of the lowered text: with every other byte a
    space (`_ascii_lower_bytes`), a plain split finds them.
    """
    words = _ascii_lower_bytes(text).split()
    return sum(map(_function_words_bytes().__contains__, words)) / len(words) if words else 0.0


def _line_function_counts(doc: Document) -> tuple[list[int], list[int]]:
    """Function words and words of every line, as `_function_word_share` counts them, in one pass."""
    data = _ascii_lower_bytes(doc.text)
    words = _function_words_bytes().__contains__
    lines = _BYTE_LINE_BREAK.split(data) if b"\r" in data else data.split(b"\n")
    tokens = list(map(bytes.split, lines))
    return [sum(map(words, line)) for line in tokens], list(map(len, tokens))


def _ascii_lower_bytes(text: str) -> bytes:
    """The lowered text as bytes, every byte but `a`-`z` and line breaks turned into a space."""
    return text.lower().encode("utf-8", "surrogatepass").translate(_ASCII_LOWER_ONLY)


@lru_cache(maxsize=1)
def _function_words_bytes() -> frozenset[bytes]:
    return frozenset(w.encode() for w in english_function_words())


def _prose_bounds(doc: Document, settings: WrapperSettings) -> tuple[int, int]:
    """Start of the first and end of the last prose line (many words, mostly Latin letters),
    found from each end of the text (cached per document)."""
    key = f"wrapper.prose-bounds:{settings.prose_min_words}"
    if key not in doc.memo:
        minimum = settings.prose_min_words
        prose = (line for line in doc.lines
                 if len(line.text.split(None, minimum - 1)) >= minimum and _mostly_latin(line.text))
        first = next(prose, None)
        if first is None:
            doc.memo[key] = len(doc.text), len(doc.text)
        else:
            last = next(line for line in reversed(doc.lines)
                        if len(line.text.split(None, minimum - 1)) >= minimum and _mostly_latin(line.text))
            doc.memo[key] = first.start, last.end
    return doc.memo[key]


def _script_letters(text: str) -> int:
    """How many letters of `text` are in a non-Latin script."""
    return sum(m.end() - m.start() for m in _FOREIGN_RUN.finditer(text))


def _has_script(text: str) -> bool:
    """True when `text` holds a letter in a non-Latin script."""
    return not text.isascii() and _MAYBE_FOREIGN.search(text) is not None \
        and _FOREIGN_RUN.search(text) is not None


def _mostly_latin(text: str) -> bool:
    return not _has_script(text) or _script_letters(text) <= 0.2 * len(_LATIN_LETTER.findall(text))


def _blocks(doc: Document, items: list[Foreign]) -> list[list[Foreign]]:
    """Group foreign lines separated only by blank or letterless lines."""
    blocks: list[list[Foreign]] = []
    for item in items:
        if blocks and not any(c.isalpha() for c in doc.text[blocks[-1][-1].end:item.start]):
            blocks[-1].append(item)
        else:
            blocks.append([item])
    return blocks


#: look-ups of the English vocabulary answered by its mapped copy before the set (20,000
#: words, 0.007-0.01 s to read) is read: an article asks about 50
ENGLISH_LOOKUPS = 2000


@lru_cache(maxsize=4)
def _english_vocabulary(size: int) -> FirstLookups | frozenset[str]:
    """wordfreq's `size` commonest English words (`english.top_words`, read from the user
    cache after the first run); the first `ENGLISH_LOOKUPS` look-ups mapped."""
    from .. import english

    return first_lookups(f"wordfreq-en-top-{size}", [*english.sources(), Path(english.__file__)],
                         lambda: english.top_words(size), ENGLISH_LOOKUPS)


CHECKS = [WrapperCheck()]
