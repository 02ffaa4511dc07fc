"""ReDoS-safe pattern compilation on RE2 (linear time on any input)."""
from __future__ import annotations

import re
from functools import lru_cache

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False
_OPTIONS.max_mem = 64 << 20


class PatternError(ValueError):
    """A pattern that RE2 cannot compile (backreferences, lookaround, bad syntax)."""


@lru_cache(maxsize=None)
def compile_pattern(pattern: str, ignorecase: bool = False) -> "re2._Regexp":
    """Compile a user pattern on RE2; raise `PatternError` with RE2's reason.  Kept per
    pattern: a pack's swaps share their rule's guards (the spin lexicon compiled 8,500
    guard patterns, most of them the same few dozen)."""
    source = f"(?i:{pattern})" if ignorecase else pattern
    try:
        return re2.compile(source, options=_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"invalid pattern {pattern!r}: {reason}") from None


def check_pattern(pattern: str, ignorecase: bool = False) -> str:
    """The pattern's source as `compile_pattern` compiles it, once RE2 has parsed it (17x
    cheaper than compiling: for patterns compiled later, or only screened); raise
    `PatternError` with RE2's reason."""
    source = f"(?i:{pattern})" if ignorecase else pattern
    try:
        re2.Set.SearchSet(_OPTIONS).Add(source)
    except re2.error:
        compile_pattern(pattern, ignorecase)  # raises with RE2's reason, which a set does not give
        raise PatternError(f"invalid pattern {pattern!r}") from None
    return source


LITERAL_TEXTS = 8  # texts `PatternFilter` screens by its phrases before it compiles its set
LITERAL_CHARS = 20_000  # ... each at most this long (a phrase search reads the whole text)


class PatternFilter:
    """Which of many compiled patterns match a text, found in one pass (an `re2.Set`).

    All patterns run together as one automaton over the text's bytes, so a text
    costs one scan however many patterns there are.  `patterns` holds their
    sources.  Texts that are not valid UTF-8 (lone surrogates) or longer than
    `max_chars` wake every pattern, and so does every text when the set cannot be
    compiled, so that an automaton short of memory cannot hide a match.
    """

    def __init__(self, regexes: list, max_chars: int = 1_000_000, relaxed: bool = False,
                 phrases: "list[tuple[str, ...]] | None" = None) -> None:
        """`regexes`: compiled patterns, or pattern sources (thousands of literals need no
        compiled regex each).  `relaxed`: screen for `relax(pattern)` instead, a pattern
        that matches wherever it does (a caller that runs the rules found anyway).

        `phrases`: for each pattern, literal phrases of which one occurs (case and white space
        aside) wherever the pattern matches, as a rule of phrases (`phrase_pattern`) has; a
        caller that gives them runs the rules found anyway and a rule woken in vain reports
        nothing.  A process's first `LITERAL_TEXTS` short texts are then screened by finding
        the phrases in the case-folded text (`str` searches, about 2 ms an article) instead
        of compiling the set (0.05 s for the spin lexicon's 2,400 phrases)."""
        self.size, self.max_chars = len(regexes), max_chars
        self.patterns = tuple(r if isinstance(r, str) else r.pattern for r in regexes)
        self._relaxed = relaxed
        self._compiled = False  # the set is compiled at the first `matching` (some callers only read `patterns`)
        self._set = None
        self._phrases = None if phrases is None else [
            tuple(dict.fromkeys(" ".join(p.casefold().split()) for p in found)) for found in phrases]
        self._literal_texts = LITERAL_TEXTS if phrases is not None and len(phrases) == self.size else 0

    def matching(self, text: str) -> list[int]:
        """Indices of the patterns that match somewhere in `text` (relaxed: that may match), ascending
        (by the literal screen: those whose phrases occur, which the set would find or more)."""
        if not self.size:
            return []
        if not self._compiled and self._literal_texts and len(text) <= LITERAL_CHARS:
            self._literal_texts -= 1
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                return list(range(self.size))
            folded = " ".join(text.casefold().split())
            return [i for i, found in enumerate(self._phrases) if any(p in folded for p in found)]
        if not self._compiled:
            self._set = _compile_set(tuple(widen(relax(p)) for p in self.patterns) if self._relaxed
                                     else self.patterns)
            self._compiled = True
        if self._set is None or len(text) > self.max_chars:
            return list(range(self.size))
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return list(range(self.size))
        return sorted(self._set.Match(data) or ())


def _compile_set(patterns: tuple[str, ...]):
    """The patterns as one unanchored `re2.Set`, or None when RE2 cannot build it."""
    found = re2.Set.SearchSet(_OPTIONS)
    try:
        for pattern in patterns:
            found.Add(pattern)
        found.Compile()
    except re2.error:
        return None
    return found


# an escape, a class ("[]a]", "[^]a]", "[[:alpha:]{}]" whole) or a bounded repeat
_BOUNDED = re.compile(r"\\.|\[\^?\]?(?:\\.|\[:\w+:\]|[^\]\\])*\]?|\{(\d+),\d+\}", re.S)


def relax(pattern: str) -> str:
    """`pattern` with its bounded repeats `{m,n}` made open (`{m,}`): it matches wherever
    `pattern` does, and RE2 compiles it as one loop, not n copies of its item (a case-folded
    `[\\pL ]{2,40}` cost 40 ms in a set).  Braces escaped or inside a class stay."""
    return _BOUNDED.sub(lambda m: f"{{{m.group(1)},}}" if m.group(1) is not None else m.group(), pattern)


# a letter or number property (`\pL`, `\p{N}`), another escape, or a class ("[^\pL\pN]" whole)
_PROPERTY_OR_CLASS = re.compile(r"\\[pP](?:\{\^?\w+\}|\w)|\\.|\[\^?\]?(?:\\.|\[:\w+:\]|[^\]\\])*\]?", re.S)
_CLASS_ITEM = re.compile(r"\\[pP](?:\{\^?\w+\}|\w)|\\.|\[:\w+:\]|.", re.S)
# each property's ASCII members; all its other members lie above U+007F
_ASCII_PART = {r"\pL": "a-zA-Z", r"\p{L}": "a-zA-Z", r"\pN": "0-9", r"\p{N}": "0-9"}
_ABOVE_ASCII = r"\x{80}-\x{10FFFF}"


def widen(pattern: str) -> str:
    """`pattern` with its letter and number properties (`\\pL`, `\\pN`) widened to their ASCII
    members plus everything above ASCII, in a class (`[^\\pL\\pN]`: their ASCII members
    excluded) or alone: it matches wherever `pattern` does (under `(?i)` too: case folding
    only adds members to a class, and of those it adds to an excluded one, "ſ" and the Kelvin
    sign, both are letters).  RE2 compiles a set of the boilerplate rules 4x faster (the
    Unicode tables of `\\pL` are most of the work).  A pattern quoting text (`\\Q`) stays."""
    if "\\Q" in pattern:
        return pattern

    def widened(found: re.Match) -> str:
        item = found.group()
        if item in _ASCII_PART:
            return f"[{_ASCII_PART[item]}{_ABOVE_ASCII}]"
        if not item.startswith("[") or not item.endswith("]"):
            return item
        negated = item.startswith("[^")
        body = item[2 if negated else 1:-1]
        if not any(key in body for key in _ASCII_PART):
            return item
        parts = [(_ASCII_PART[part] if negated else _ASCII_PART[part] + _ABOVE_ASCII)
                 if part in _ASCII_PART else part for part in _CLASS_ITEM.findall(body)]
        return ("[^" if negated else "[") + "".join(parts) + "]"

    return _PROPERTY_OR_CLASS.sub(widened, pattern)


def phrase_pattern(phrase: str) -> str:
    """A literal phrase as a pattern whose spaces match any run of white space."""
    return r"\s+".join(re.escape(part) for part in phrase.split())


def normalise(text: str) -> str:
    """Lower-case and fold white space runs, as phrase keys are stored."""
    return " ".join(text.lower().split())


def is_word_bounded(text: str, start: int, end: int) -> bool:
    """True when the span neither starts nor ends inside a word (Unicode-aware)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    inner_first, inner_last = text[start:start + 1], text[end - 1:end]
    return not (
        (before.isalnum() and inner_first.isalnum())
        or (after.isalnum() and inner_last.isalnum())
    )
