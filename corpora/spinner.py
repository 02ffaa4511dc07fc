"""A sense-blind article spinner that records what it changed, for training and evaluation.

    from corpora.spinner import Spinner
    result = Spinner(rate=0.10, seed=7).spin(text, key="bbc/tech/001.txt")
    result.text, result.spans   # spun text; labelled spans with their originals

It does what commercial spinners do to news copy:

* swaps about `rate` of the content words for a synonym from the shipped thesaurus
  (`textlint_news.spin.lexicon.synonyms`: rules/data/synonyms.tsv, same inflection),
  blind to sense and preferring the rarer synonyms (wordfreq);
* swaps phrases for stock paraphrases (corpora/phrase_swaps.yml);
* leaves spinner artifacts: an a/an that no longer fits the new word (never
  repaired), digits for small number words, "each" for "both" before a plural;
* swaps about `name_rate` (default twice `rate`) of the ordinary words inside proper names (a capitalised
  word inside a sentence: "the Bank of England" -> "the Depository of England") for
  a synonym of the same table, kept capitalised, blind to the name.  These draws
  come from their own random stream, so the other swaps stay as they were.

Every change is a `SpunSpan` with offsets into the spun text and the original
wording.  `exclude` names replacements the spinner must never produce: the
evaluation passes every phrase the spin lexicon pack lists, so the held-out
split tests generalisation, not memorised pairs.
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from textlint_news.spin.features import function_words
from textlint_news.spin.lexicon import zipf

PHRASE_SWAPS = Path(__file__).resolve().parent / "phrase_swaps.yml"

WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_PLAIN = re.compile(r"[a-z]+(?:[ -][a-z]+)*")
_NUMBER_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                 "seven": "7", "eight": "8", "nine": "9"}
_SENTENCE_OPENERS = '.!?"“‘\'('
_MIN_SYNONYM_ZIPF = 2.0   # spinners' thesauri hold odd words, but not nonsense
_MIN_CONTENT_ZIPF = 3.0   # spinners swap the words a thesaurus knows well
_MIN_NAME_WORD_ZIPF = 3.5  # a name's word a thesaurus lists as an ordinary word ("Bank", not "Blair")
_NAME_WORD = re.compile(r"[A-Z][a-z]+")
# Each name word is swapped with probability NAME_RATE_FACTOR * rate (about 1.5 per article at
# 10 %): enough for the classifier to weigh the name features, few beside the other swaps.
NAME_RATE_FACTOR = 2.0


@dataclass(frozen=True)
class SpunSpan:
    """One change: `text[start:end]` of the spun text replaced `original`.

    `kind` is "synonym", "phrase", "digit", "each" or "name"; `article_error` is True when
    the span starts with an a/an that no longer fits the word after it.
    """

    start: int
    end: int
    original: str
    replacement: str
    kind: str
    article_error: bool = False

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "original": self.original,
                "replacement": self.replacement, "kind": self.kind,
                "article_error": self.article_error}


@dataclass(frozen=True)
class SpinResult:
    """A spun text and its labelled spans, in text order."""

    text: str
    spans: tuple[SpunSpan, ...]
    content_words: int


@dataclass(frozen=True)
class Edit:
    """A replacement of `text[start:end]` (offsets in the original text)."""

    start: int
    end: int
    replacement: str
    kind: str


def load_phrase_swaps(path: Path = PHRASE_SWAPS) -> dict[str, tuple[str, ...]]:
    """The spinner's phrase swaps: original phrase -> replacements."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k).lower(): tuple(str(v) for v in vs) for k, vs in data.items()}


def needs_an(word: str) -> bool:
    """Whether a word takes "an" (by its first sound, spelling heuristics)."""
    w = word.lower()
    if not w:
        return False
    if w[0].isdigit():
        return w[0] == "8" or w.startswith(("11", "18"))
    if w.startswith(("hour", "honest", "honor", "honour", "heir")):
        return True
    if w.startswith(("uni", "use", "usu", "uti", "eu", "one", "once", "ewe", "ure")):
        return False
    return w[0] in "aeiou"


class Spinner:
    """Spins texts reproducibly: the same (seed, key, text) always gives the same result."""

    def __init__(
        self,
        rate: float = 0.10,
        seed: int = 0,
        exclude: Iterable[str] = (),
        rarity_bias: float = 0.8,
        phrase_share: float = 0.15,
        artifact_rate: float = 0.5,
        phrase_swaps: dict[str, tuple[str, ...]] | None = None,
        name_rate: float | None = None,
    ) -> None:
        if not 0 <= rate <= 1:
            raise ValueError("rate must be between 0 and 1")
        self.rate = rate
        self.name_rate = min(1.0, NAME_RATE_FACTOR * rate) if name_rate is None else name_rate
        self.seed = seed
        self.exclude = frozenset(" ".join(e.lower().split()) for e in exclude)
        self.rarity_bias = rarity_bias
        self.phrase_share = phrase_share
        self.artifact_rate = artifact_rate
        swaps = load_phrase_swaps() if phrase_swaps is None else phrase_swaps
        self.phrase_swaps = {
            k: tuple(v for v in vs if v.lower() not in self.exclude and v.lower() != k)
            for k, vs in swaps.items()
        }
        self.phrase_swaps = {k: vs for k, vs in self.phrase_swaps.items() if vs}
        self._phrase_regex = (
            re.compile(r"\b(?:" + "|".join(
                re.escape(p).replace(r"\ ", r"\s+")
                for p in sorted(self.phrase_swaps, key=len, reverse=True)) + r")\b",
                re.IGNORECASE)
            if self.phrase_swaps else None
        )

    def spin(self, text: str, key: str = "") -> SpinResult:
        """Spin one text; `key` (its path, say) seeds the random choices with `seed`."""
        rng = random.Random(f"{self.seed}:{key}")
        words = [m for m in WORD.finditer(text)]
        content = [m for m in words if is_content_word(text, m)]
        budget = round(self.rate * len(content))
        edits: dict[int, Edit] = {}
        taken: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return not any(start < e and s < end for s, e in taken)

        def add(edit: Edit) -> None:
            edits[edit.start] = edit
            taken.append((edit.start, edit.end))

        phrase_budget = round(budget * self.phrase_share)
        if self._phrase_regex and phrase_budget:
            found = list(self._phrase_regex.finditer(text))
            rng.shuffle(found)
            for m in found[:phrase_budget]:
                options = self.phrase_swaps[" ".join(m.group().lower().split())]
                add(Edit(m.start(), m.end(), match_case(m.group(), rng.choice(options)), "phrase"))

        order = list(content)
        rng.shuffle(order)
        for m in order:
            if len(taken) >= budget:
                break
            if not free(m.start(), m.end()):
                continue
            choice = self._synonym(m.group(), rng)
            if choice:
                add(Edit(m.start(), m.end(), match_case(m.group(), choice), "synonym"))

        for m in words:
            word = m.group().lower()
            if not free(m.start(), m.end()) or rng.random() >= self.artifact_rate:
                continue
            if word in _NUMBER_WORDS and _NUMBER_WORDS[word] not in self.exclude:
                add(Edit(m.start(), m.end(), _NUMBER_WORDS[word], "digit"))
            elif word == "both" and "each" not in self.exclude and _before_plural(text, m.end()):
                add(Edit(m.start(), m.end(), match_case(m.group(), "each"), "each"))
        if self.name_rate:
            names = random.Random(f"{self.seed}:{key}:names")
            for m in words:
                if free(m.start(), m.end()) and is_name_word(text, m) and names.random() < self.name_rate:
                    choice = self._synonym(m.group(), names, _MIN_NAME_WORD_ZIPF)
                    if choice:
                        add(Edit(m.start(), m.end(), match_case(m.group(), choice), "name"))
        return apply_edits(text, sorted(edits.values(), key=lambda e: e.start), len(content))

    def _synonym(self, word: str, rng: random.Random, min_zipf: float = _MIN_CONTENT_ZIPF) -> str | None:
        from textlint_news.spin.lexicon import synonyms

        lower = word.lower()
        if zipf(lower) < min_zipf:
            return None
        options: dict[str, float] = {}
        for form in synonyms(lower):
            if form in self.exclude or not _PLAIN.fullmatch(form):
                continue
            z = zipf(form)
            if z >= _MIN_SYNONYM_ZIPF:
                options[form] = math.exp(-self.rarity_bias * z)
        if not options:
            return None
        forms = sorted(options)
        return rng.choices(forms, weights=[options[f] for f in forms])[0]


def is_content_word(text: str, m: re.Match) -> bool:
    """Whether the word `m` of `text` counts as content: 3+ letters, not a function word,
    not a name or acronym (capitalised only at a sentence start)."""
    word = m.group()
    if len(word) < 3 or word.lower() in function_words():
        return False
    if word[0].isupper() and (word[1:].lower() != word[1:] or not sentence_start(text, m.start())):
        return False  # names and acronyms stay
    return True


def is_name_word(text: str, m: re.Match) -> bool:
    """Whether the word `m` is a capitalised word inside a sentence (a name's word, "Bank"
    in "the Bank of England"), not a function word."""
    word = m.group()
    return (bool(_NAME_WORD.fullmatch(word)) and word.lower() not in function_words()
            and not sentence_start(text, m.start()))


def sentence_start(text: str, offset: int) -> bool:
    """Whether `offset` starts a sentence (or a line) of `text`."""
    before = text[:offset].rstrip()
    return not before or before[-1] in _SENTENCE_OPENERS or text[offset - 1:offset] == "\n"


def _before_plural(text: str, end: int) -> bool:
    nxt = WORD.match(text, end + 1) if text[end:end + 1] == " " else None
    return bool(nxt and nxt.group().lower().endswith("s") and not nxt.group().endswith("ss"))


def match_case(template: str, replacement: str) -> str:
    """`replacement` in the case of `template` (UPPER, Capitalised or as is)."""
    if template.isupper() and len(template) > 1:
        return replacement.upper()
    if template[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def apply_edits(text: str, edits: list[Edit], content_words: int) -> SpinResult:
    """The spun text and its spans from non-overlapping edits in text order."""
    out: list[str] = []
    spans: list[SpunSpan] = []
    pos = shift = 0
    for edit in edits:
        out.append(text[pos:edit.start])
        new_start = edit.start + shift
        article = _article_error(text, edit)
        out.append(edit.replacement)
        start = new_start - article if article else new_start
        spans.append(SpunSpan(start, new_start + len(edit.replacement), text[edit.start - article:edit.end],
                              (text[edit.start - article:edit.start] if article else "") + edit.replacement,
                              edit.kind, bool(article)))
        shift += len(edit.replacement) - (edit.end - edit.start)
        pos = edit.end
    out.append(text[pos:])
    return SpinResult("".join(out), tuple(spans), content_words)


def _article_error(text: str, edit: Edit) -> int:
    """Length of "a "/"an " before the edit when it no longer fits the new word, else 0."""
    m = re.search(r"(?:^|[^\w])(an?) $", text[max(0, edit.start - 4):edit.start], re.IGNORECASE)
    if not m:
        return 0
    article = m.group(1).lower()
    original = text[edit.start:edit.end]
    if needs_an(original) == (article == "an") and needs_an(edit.replacement) != (article == "an"):
        return len(m.group(1)) + 1
    return 0
