"""The spinner's word map: a spun fragment whose original the language model expects far better.

A sense-blind spinner works word by word from its dictionary: "bank" -> "financial
institution", "points" -> "factors", "loan" -> "mortgage", "year" -> "12 months".
The spin lexicon (rules/spin.yml) lists such swaps in fixed contexts ("central
financial institution", "three factors clear"); `corpora/build_spinner_map.py`
diffs each lexicon key with its fix and keeps the differing fragments, so that
rules/data/spinner_map.tsv holds the dictionary itself (spun fragment, original,
how many lexicon entries show the pair, which blocks).  This detector finds every
fragment of the map in a text and asks the 3-gram language model (`spin.lm`) with
two words either side:

    gain = log P(left, original, right) - log P(left, fragment, right)   (nats)
    fit  = gain - (log P(original) - log P(fragment))   (the gain beyond word frequency)

A fragment is a swap when both pass the thresholds of its class
(rules/settings/spin.yml, `detectors.spinner_map`): a *tell* (a word the model or
edited English hardly knows: "yr", "p.c."), a *phrase* (either side of two words or
more: "financial institution", "12 months"), or a single *word* ("factors",
"mentioned"), which needs a large gain and a context that expects the original.
In a text with other evidence (`min_together` fragments passing the lower
`together_*` thresholds, lexicon finds included) the lower thresholds stand: a
spinner swaps many words, an author writes one odd phrase.
Numbers read as `number_word`; a word capitalised inside a sentence (a name's:
`spin.spun_names` asks those) is never a fragment; the fix takes the match's case.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import itemgetter, methodcaller
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..check import RuleInfo
from ..kinds.base import match_case
from .detector_settings import detector_settings
from .lexicon import function_words, zipf
from .lm import LanguageModel, context_window, language_model
from .settings import SpinnerMapSettings
from .signals import DetectorContext, Signal, outside

if TYPE_CHECKING:
    from ..check import Context
    from ..document import Document

RULE = "spin.spinner-map"
# An abbreviation ("p.c.", "U.S."), a word, a number, a hyphen; else a sentence boundary (one
# character), in one group: `split` keeps the tokens between the gaps.
_TOKEN = re.compile(r"([A-Za-z](?:\.(?:[A-Za-z]\.)+|[A-Za-z]*(?:['’][A-Za-z]+)*)|\d+(?:[.,:]\d+)*"
                    r"|[-.!?;:\n“\"‘(\[—–])")
_BOUNDARY = ""  # the token text of a sentence boundary
_BOUNDARIES = dict.fromkeys(".!?;:\n“\"‘([—–", _BOUNDARY)


@dataclass(frozen=True)
class Fragment:
    """One pair of the map: the spun fragment's tokens, the original, its lexicon support."""

    spun: tuple[str, ...]
    original: str
    entries: int


@dataclass(frozen=True)
class Candidate:
    """A fragment found in a text, with the language model's verdict."""

    start: int
    end: int
    fragment: Fragment
    kind: str  # "tell", "phrase" or "word"
    gain: float
    fit: float


def tokens(text: str) -> list[tuple[int, int, str]]:
    """`(start, end, token)`: words and abbreviations lower case, numbers and hyphens as
    written, a sentence boundary as `_BOUNDARY`."""
    return list(zip(*_columns(text)))


def _columns(text: str) -> tuple[list[int], list[int], list[str]]:
    """`tokens` as three lists (starts, ends, tokens), from one `split` of the text (tokens
    and the gaps between them) and C-level maps: no Python work per token."""
    parts = _TOKEN.split(text)  # gap, token, gap, token, ..., gap
    offsets = list(accumulate(map(len, parts)))
    found = map(methodcaller("replace", "’", "'"), map(str.lower, parts[1::2]))  # numbers, "-": as written
    return offsets[0:-1:2], offsets[1::2], list(map(_BOUNDARIES.get, parts[1::2], found))


def fragment_tokens(phrase: str) -> tuple[str, ...]:
    """A phrase's tokens as `tokens` reads them in a text (the builder keys the map by these)."""
    return tuple(t for _, _, t in tokens(phrase) if t)


def fragment_text(words: Sequence[str]) -> str:
    """Tokens back to a phrase: spaces between words, none around a hyphen."""
    return " ".join(words).replace(" - ", "-")


@lru_cache(maxsize=4)
def load_map(relative: str) -> dict[str, tuple[Fragment, ...]]:
    """The map under rules/ (`parse_map`), kept parsed in the model cache (tokenizing its
    1,300 lines cost a cold start 0.01 s)."""
    from ..mapped import cached_object
    from ..resources import load_data, rules_dir

    return cached_object(f"spinner-map-{Path(relative).name}", [rules_dir() / relative, Path(__file__)],
                         lambda: parse_map(load_data(relative)))


def parse_map(lines: Sequence[str]) -> dict[str, tuple[Fragment, ...]]:
    """The map's lines (`spun<TAB>original<TAB>entries<TAB>sources`, no comments) by the
    spun fragment's first token."""
    by_first: dict[str, list[Fragment]] = {}
    for line in lines:
        spun, original, entries, _ = line.split("\t")
        words = fragment_tokens(spun)
        by_first.setdefault(words[0], []).append(Fragment(words, original, int(entries)))
    return {k: tuple(v) for k, v in by_first.items()}


def find_candidates(text: str, table: dict[str, tuple[Fragment, ...]], limits: SpinnerMapSettings,
                    lm: LanguageModel, function_words: frozenset[str] = frozenset()) -> list[Candidate]:
    """The fragments of `table` in `text` (not inside a name or a hyphened compound), scored,
    at each token the one whose original fits best; linear in the text (a bounded number of
    fragments start with any one token).  A token whose fragments can none pass even
    `together` (`can_pass`: a single word too few lexicon entries show) is not scored: half
    the fragments news holds."""
    starts, ends, words = _columns(text)
    toks = list(zip(starts, ends, words))
    groups = _grouped(table, function_words)
    found = []
    for i in compress(count(), map(groups.__contains__, words)):  # where a fragment may start
        here: list[tuple[int, Fragment]] = []
        for length, by_words in groups[words[i]]:
            j = i + length
            matched = by_words.get(tuple(words[i:j]))
            if matched is not None and _lower_case(text, toks, i, j) and not _in_compound(toks, i, j):
                here += matched
        if not any(can_pass(fragment, limits, lm) for _, fragment in here):
            continue
        best = None  # of the fragments that start here, the one whose original fits best (the first of equals)
        for _, fragment in sorted(here, key=itemgetter(0)):
            candidate = _score(toks, i, i + len(fragment.spun), fragment, limits, lm)
            if best is None or candidate.gain > best.gain:
                best = candidate
        found.append(best)
    return found


# (id of a table, function words) -> (the table, `_grouped`'s index of it); a few at most.
_GROUPED: dict[tuple[int, frozenset[str]], tuple[dict, dict]] = {}


def _grouped(table: dict[str, tuple[Fragment, ...]], function_words: frozenset[str],
             ) -> dict[str, tuple[tuple[int, dict[tuple[str, ...], list[tuple[int, Fragment]]]], ...]]:
    """The table's fragments by first token, then by length and tokens, each with its place
    among its first token's fragments; fragments of function words only ("within") left out:
    a token's fragments are matched with one look-up per length (the commonest first tokens,
    "in", "most", "well", start 10-20 fragments each)."""
    key = (id(table), function_words)
    kept = _GROUPED.get(key)
    if kept is None or kept[0] is not table:
        if len(_GROUPED) >= 4:
            _GROUPED.clear()
        index: dict[str, dict[int, dict[tuple[str, ...], list[tuple[int, Fragment]]]]] = {}
        for first, fragments in table.items():
            for order, fragment in enumerate(fragments):
                if not all(w in function_words for w in fragment.spun if w != "-"):
                    lengths = index.setdefault(first, {})
                    lengths.setdefault(len(fragment.spun), {}).setdefault(fragment.spun, []).append((order, fragment))
        kept = _GROUPED[key] = (table, {first: tuple(sorted(lengths.items())) for first, lengths in index.items()})
    return kept[1]


def can_pass(fragment: Fragment, limits: SpinnerMapSettings, lm: LanguageModel) -> bool:
    """Whether a fragment may pass `passes(..., together=True)` at all, whatever its gain: not
    a single word that fewer than `together_word_entries` lexicon entries show."""
    kind = _fragment_reading(fragment, limits.number_word, limits.tell_zipf, lm)[3]
    return kind != "word" or fragment.entries >= limits.together_word_entries


def _lower_case(text: str, toks: Sequence[tuple[int, int, str]], i: int, j: int) -> bool:
    """No word of tokens i..j-1 is capitalised, but the sentence's first."""
    for k in range(i, j):
        start = toks[k][0]
        if text[start].isupper() and not (k == i and (i == 0 or toks[i - 1][2] == _BOUNDARY)):
            return False
    return True


def _in_compound(toks: Sequence[tuple[int, int, str]], i: int, j: int) -> bool:
    """Whether tokens i..j-1 are hyphened to a word before or after ("price-prohibitive"): the
    language model reads no compounds, so their words would be scored as a phrase."""
    before = i > 0 and toks[i - 1][2] == "-" and toks[i - 1][1] == toks[i][0]
    after = j < len(toks) and toks[j][2] == "-" and toks[j][0] == toks[j - 1][1]
    return before or after


def _model_words(toks: Sequence[str], number_word: str) -> list[str]:
    return [number_word if t[0].isdigit() else t for t in toks if t != "-"]


@lru_cache(maxsize=8192)
def _fragment_reading(fragment: Fragment, number_word: str, tell_zipf: float, lm: LanguageModel,
                      ) -> tuple[tuple[str, ...], tuple[str, ...], float, str]:
    """A fragment's and its original's words as the model reads them, log P(original) -
    log P(fragment) without context, and its class (worked out once per fragment)."""
    spun = tuple(_model_words(fragment.spun, number_word))
    original = tuple(_model_words(fragment_tokens(fragment.original), number_word))
    if not all(lm.known(w) for w in spun) or zipf(fragment_text(fragment.spun)) < tell_zipf:
        kind = "tell"
    elif len(spun) > 1 or len(original) > 1:
        kind = "phrase"
    else:
        kind = "word"
    return spun, original, lm.logprob(original) - lm.logprob(spun), kind


def _score(toks: Sequence[tuple[int, int, str]], i: int, j: int, fragment: Fragment,
           limits: SpinnerMapSettings, lm: LanguageModel) -> Candidate:
    """Tokens i..j-1, the fragment, scored against its original with two words either side
    within the sentence (hyphens skipped, "</s>" where it ends), and given its class."""
    number = limits.number_word
    left, right, at_start = context_window(toks, i, j, _BOUNDARY, "-")
    spun, original, prior, kind = _fragment_reading(fragment, number, limits.tell_zipf, lm)
    gain = lm.gain(_model_words(left, number), spun, original, _model_words(right, number), start=at_start)
    return Candidate(toks[i][0], toks[j - 1][1], fragment, kind, gain, gain - prior)


def passes(candidate: Candidate, limits: SpinnerMapSettings, together: bool = False) -> bool:
    """Whether the candidate's gain and fit reach its class's thresholds: those for a fragment
    alone, or (`together`) the lower ones for a text with other evidence of spinning."""
    if together:
        gain, fit = {"tell": (limits.together_gain_tell, limits.together_fit_tell),
                     "phrase": (limits.together_gain_phrase, limits.together_fit_phrase),
                     "word": (limits.together_gain_word, limits.together_fit_word)}[candidate.kind]
        entries = limits.together_word_entries
    else:
        gain, fit = {"tell": (limits.min_gain_tell, limits.min_fit_tell),
                     "phrase": (limits.min_gain_phrase, limits.min_fit_phrase),
                     "word": (limits.min_gain_word, limits.min_fit_word)}[candidate.kind]
        entries = limits.min_word_entries
    if candidate.kind == "word" and candidate.fragment.entries < entries:
        return False
    return candidate.gain >= gain and candidate.fit >= fit


def find_swaps(text: str, table: dict[str, tuple[Fragment, ...]], limits: SpinnerMapSettings,
               lm: LanguageModel, function_words: frozenset[str] = frozenset(),
               taken: Sequence[Signal] = ()) -> list[Signal]:
    """The candidates outside the `taken` spans (the lexicon's finds) that pass alone, or
    together when the text holds `min_together` pieces of evidence: the fragments that pass
    together (a repeated one once: an author's topical word repeats) and the `taken` lexicon
    signals.  A spinner swaps many words; an author writes one odd phrase.  Of overlapping
    candidates the larger gain stands."""
    candidates = [c for c in find_candidates(text, table, limits, lm, function_words)
                  if passes(c, limits, together=True)]
    free = {(s.start, s.end) for s in outside([_signal(text, c, limits) for c in candidates], list(taken))}
    candidates = [c for c in candidates if (c.start, c.end) in free]
    evidence = len({c.fragment for c in candidates}) + sum(s.kind == "lexicon" for s in taken)
    together = evidence >= limits.min_together
    kept: list[Candidate] = []
    for candidate in candidates:
        if not together and not passes(candidate, limits):
            continue
        if kept and candidate.start < kept[-1].end:
            if candidate.gain > kept[-1].gain:
                kept[-1] = candidate
            continue
        kept.append(candidate)
    return [_signal(text, c, limits) for c in kept]


def _signal(text: str, candidate: Candidate, limits: SpinnerMapSettings) -> Signal:
    matched = text[candidate.start:candidate.end]
    fix = match_case(matched, candidate.fragment.original)
    score = limits.max_score * (1 - math.exp(-candidate.gain / limits.gain_scale))
    return Signal(
        candidate.start, candidate.end, "lexicon", RULE,
        f"'{matched}' is what spinners write for '{fix}' ({candidate.fragment.entries} lexicon "
        f"entries show the swap), and a language model of English expects '{fix}' here "
        f"({candidate.gain:.1f} nats likelier): restore '{fix}'.",
        (fix,), score,
        {"pack_confidence": score, "map_gain": candidate.gain, "map_fit": candidate.fit})


RULES = (
    RuleInfo(
        RULE, "spin", "warning", "A spinner's word swap the language model undoes: the original fits far better.",
        "Spinners replace words from a dictionary of their own, whatever the context: 'financial "
        "institution' for 'bank', 'factors' for 'points', 'mortgage' for 'loan', '12 months' for "
        "'year'. The map of those swaps (rules/data/spinner_map.tsv) is derived from the spin "
        "lexicon's entries (corpora/build_spinner_map.py); a fragment of it is reported where a "
        "3-gram language model of English prefers the original by "
        "`detectors.spinner_map` thresholds, two words either side. The suggestion is the "
        "original."),
)


class SpinnerMapDetector:
    """The `Detector` of the spinner's word map (settings: `detectors.spinner_map`).  Stage 1:
    a fragment a lexicon entry already reports is dropped."""

    name = "spinner_map"
    kind = "lexicon"
    rules = RULES
    stage = 1

    def enabled(self, ctx: "Context") -> bool:
        return detector_settings(ctx).spinner_map.enabled

    def preload(self, ctx: "Context") -> None:
        if self.enabled(ctx):
            load_map(detector_settings(ctx).spinner_map.table)
            language_model()

    def signals(self, doc: "Document", context: DetectorContext) -> list[Signal]:
        limits = detector_settings(context.lint).spinner_map
        return find_swaps(doc.text, load_map(limits.table), limits, language_model(), function_words(),
                          context.found)

    def fill(self, doc: "Document", ctx: "Context", signals: list[Signal]) -> None:
        pass  # nothing is left unasked


DETECTOR = SpinnerMapDetector()
