"""Language-model swaps: a word or phrase whose thesaurus neighbour fits its sentence far better.

The rare-synonym detector (`spin.rarity`) asks clean news's word pairs about words
with a *much* commoner synonym.  A spinner with another dictionary swaps in words
of any frequency, and phrases for single words ("computer virus" for "virus").
This detector asks the 3-gram language model of general English (`spin.lm`)
instead, for every content word and every two-word thesaurus phrase of a text:
of its WordNet synonyms in the same inflection (the table is symmetric, so a
word whose own synonym list holds the text's word is asked too) that are at
least about as common, which one fits two words either side best?

    gain = log P(left, synonym, right) - log P(left, word, right)   (nats)

A gain of `min_gain` or more is a candidate (kind "rare-synonym"); the rare-synonym
detector's own candidates get the same numbers as classifier features
(`lm_gain`, `lm_best_gain`), and the classifier weighs them in context.
Thresholds: rules/settings/spin.yml, `detectors.language_model`.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from ..check import RuleInfo
from ..mapped import cached_value
from ..resources import rules_dir
from .candidates import single_synonyms
from .detector_settings import detector_settings
from .lexicon import function_words, phrase_forms, synonyms, zipf
from .lm import START, language_model, nats, right_of, token_steps, wording
from .lm_fill import fill_blank
from .lm_index import bigram_index
from .rarity import document_tokens
from .settings import LmThresholds
from .signals import DetectorContext, Signal, outside

if TYPE_CHECKING:
    from ..check import Context
    from ..document import Document

MISFIT_RULE = "spin.misfit"
_OPTIONS_LIMIT = 65_536  # phrases whose options are kept before the table starts afresh


def find_lm_swaps(tokens: Sequence[tuple[int, int, str]], text: str, rare: Sequence[Signal],
                  fits: Mapping[int, tuple[float, float]], limits: LmThresholds,
                  function_words: frozenset[str], steps: Sequence[int | None] | None = None,
                  ) -> tuple[list[Signal], list[Signal]]:
    """(the rare-synonym signals with the language model's verdict (`_enrich`), new signals).

    `tokens` are `spin.rarity.context_tokens(text)`: lower case, names "<cap>",
    numbers "<num>", "<s>" at sentence starts; `fits` the content words' `word_fits`;
    `steps` their `spin.lm.token_steps` (worked out when not given).
    A word its neighbours already predict (`max_screen_association`) is not asked.
    """
    lm = language_model()
    if steps is None:
        steps = token_steps(lm, tokens)
    rare_at = {(s.start, s.end): s for s in rare}
    rare_starts = {s.start for s in rare}
    forms = phrase_forms()
    firsts = _phrase_firsts()
    known = _option_table(limits, function_words)
    screen = limits.max_screen_association
    enriched: dict[tuple[int, int], Signal | None] = {}
    found: list[Signal] = []
    last = len(tokens) - 1
    # The words worth asking, in one pass: content words their neighbours do not predict,
    # rare-synonym candidates, and words that start a thesaurus phrase.
    asked = {i for i, (left, right) in fits.items() if left + right < screen}
    asked.update([i for i, token in enumerate(tokens) if token[2] in firsts])
    if rare_starts:
        starts = [token[0] for token in tokens]
        for start in rare_starts:  # every token that starts there ("<s>" at 0 too, skipped below)
            k = bisect_left(starts, start)
            while k < len(starts) and starts[k] == start:
                asked.add(k)
                k += 1
    asks = []  # (key, phrase, signal, options, the text's window) of every word and phrase asked
    for i in sorted(asked):
        start, end, word = tokens[i]
        if word[0] == "<":
            continue
        fit = fits.get(i)
        is_rare = start in rare_starts
        spans = []
        if is_rare or (fit is not None and fit[0] + fit[1] < screen):
            spans.append((1, word))
        if i < last and (is_rare or word in firsts) and tokens[i + 1][2][0] != "<":
            phrase = f"{word} {tokens[i + 1][2]}"
            if is_rare or phrase in forms:
                spans.append((2, phrase))
        for width, phrase in spans:
            key = (start, tokens[i + width - 1][1])
            signal = rare_at.get(key)
            options = known.get(phrase)
            if options is None:
                if len(known) >= _OPTIONS_LIMIT:
                    known.clear()
                options = known[phrase] = _options(phrase, limits, function_words)
            if signal is None and not options:
                continue
            if signal is not None:
                own = tuple(s.lower() for s in signal.suggestions if s)
                options = own + tuple(o for o in options if o not in own)
            asks.append((key, phrase, signal, options, _window(tokens, steps, i, i + width, options)))
    scored = lm.window_scores([window for *_, (window, _) in asks])
    for (key, phrase, signal, options, (_, base)), scores in zip(asks, scored):
        gains = [score - base for score in scores]
        best = max(range(len(options)), key=gains.__getitem__)
        if signal is not None:
            enriched[key] = _enrich(text, signal, options[best], gains[0], gains[best])
        elif gains[best] >= limits.min_gain:
            found.append(_signal(text, key, phrase, options[best], gains[best], limits))
    kept = [enriched.get((s.start, s.end), s) for s in rare]
    return [s for s in kept if s is not None], _strongest(found)


def _window(tokens: Sequence[tuple[int, int, str]], steps: Sequence[int | None], i: int, j: int,
            options: Sequence[str]) -> tuple[tuple[tuple[str, ...], list[tuple[str, ...]], tuple[str, ...]], float]:
    """(the `LanguageModel.window_scores` window of the options in place of tokens i..j-1, the
    score of the text's own wording there, read from its `steps`)."""
    right = right_of(tokens, j)
    before = tokens[i - 1][2] if i else START
    # The two words a trigram sees, as `context_window` gives them ("<s>" at the sentence's start).
    history = (START,) if before == START else (tokens[i - 2][2] if i > 1 else START, before)
    return (history, [wording(o) for o in options], right), nats(steps[i:j + len(right)])


def lm_steps(doc: "Document") -> list[int | None]:
    """`spin.lm.token_steps` of `document_tokens(doc)`, shared through `doc.memo`."""
    steps = doc.memo.get("spin.lm_steps")
    if steps is None:
        steps = doc.memo["spin.lm_steps"] = token_steps(language_model(), document_tokens(doc))
    return steps


def lm_fits(doc: "Document") -> dict[int, tuple[float, float]]:
    """The language model's association of each content word with its neighbours, by index
    into `document_tokens(doc)` (`word_fits`), shared through `doc.memo`."""
    fits = doc.memo.get("spin.lm_fits")
    if fits is None:
        fits = doc.memo["spin.lm_fits"] = word_fits(document_tokens(doc), function_words(), lm_steps(doc))
    return fits


def word_fits(tokens: Sequence[tuple[int, int, str]], function_words: frozenset[str],
              steps: Sequence[int | None] | None = None) -> dict[int, tuple[float, float]]:
    """For every content word (by token index): how much it and its neighbours predict each
    other, `LanguageModel.association` with two words either side, within the sentence.

    Read from the text's `steps` (`spin.lm.token_steps`, worked out when not given) in one
    call (`LanguageModel.associations`)."""
    lm = language_model()
    if steps is None:
        steps = token_steps(lm, tokens)
    words = [t[2] for t in tokens]
    at = [i for i, word in enumerate(words)
          if not (len(word) < 3 or word[0] == "<" or word in function_words or not word.isalpha())]
    return dict(zip(at, lm.associations(words, steps, at)))


def find_misfits(tokens: Sequence[tuple[int, int, str]], text: str, fits: Mapping[int, tuple[float, float]],
                 limits: LmThresholds, function_words: frozenset[str] = frozenset(),
                 taken: Sequence[Signal] = ()) -> list[Signal]:
    """Content words that neither side of their sentence predicts (`max_association`): the
    mark of a swap from a dictionary we do not have.  The word the language model expects
    in their place (`spin.lm_fill`), when it fits `min_fill_gain` nats better, is the fix.
    Misfits that overlap a signal of `taken` are left out (`outside`) before the fill is
    asked for (a fifth of them on `../shared/data`)."""
    return [misfit_signal(tokens, text, spot, limits, _filled(tokens, spot, limits, function_words))
            for spot in misfit_spots(tokens, text, fits, limits, taken)]


def misfit_spots(tokens: Sequence[tuple[int, int, str]], text: str, fits: Mapping[int, tuple[float, float]],
                 limits: LmThresholds, taken: Sequence[Signal] = ()) -> list[tuple[int, float, float]]:
    """`(token index, left, right association)` of each misfit `find_misfits` reports."""
    misfits = [(i, left, right) for i, (left, right) in fits.items()
               if not (left + right > limits.max_association or len(tokens[i][2]) < limits.min_word_length
                       or zipf(tokens[i][2]) > limits.max_word_zipf or not text[tokens[i][0]].islower())]
    if taken and misfits:
        spans = [Signal(tokens[i][0], tokens[i][1], "rare-synonym", MISFIT_RULE, "", (), 0.0, {})
                 for i, _, _ in misfits]
        clear = {(s.start, s.end) for s in outside(spans, list(taken))}
        misfits = [m for m, s in zip(misfits, spans) if (s.start, s.end) in clear]
    return misfits


def _filled(tokens: Sequence[tuple[int, int, str]], spot: tuple[int, float, float], limits: LmThresholds,
            function_words: frozenset[str]) -> tuple[str, float] | None:
    """The fill-the-blank answer for a misfit (None when off or none)."""
    return fill_blank(tokens, spot[0], function_words, limits.fill_candidates) if limits.fill_candidates else None


def misfit_signal(tokens: Sequence[tuple[int, int, str]], text: str, spot: tuple[int, float, float],
                  limits: LmThresholds, filled: tuple[str, float] | None) -> Signal:
    """The signal of one misfit (`misfit_spots`) with its fill-the-blank answer `filled`."""
    i, left, right = spot
    start, end, word = tokens[i]
    association = left + right
    score = limits.max_score * (1 - math.exp(-(limits.max_association - association + 1) / limits.gain_scale))
    gain = filled[1] if filled is not None else 0.0
    message = (f"'{text[start:end]}' fits neither the words before nor after it (a language model of "
               f"English links them {association:.1f} nats below chance): a swap from a thesaurus?")
    suggestions: tuple[str, ...] = ()
    if filled is not None and gain >= limits.min_fill_gain:
        suggestions = (filled[0],)
        message += f" The model expects '{filled[0]}' here ({gain:.1f} nats likelier)."
    else:
        message += " Check the original wording."
    return Signal(
        start, end, "rare-synonym", MISFIT_RULE, message, suggestions, score,
        {"lm_left_association": left, "lm_right_association": right, "lm_misfit": 1.0,
         "lm_fill_gain": max(-10.0, gain)})


# `doc.memo[UNFILLED]`: id(signal) -> (signal, misfit spot) of the misfits whose fill-the-blank
# answer is not asked yet (`DetectorContext.defer_fills`); the detector's `fill` asks and replaces them.
UNFILLED = "spin.misfit.unfilled"


def _options(phrase: str, limits: LmThresholds, function_words: frozenset[str]) -> tuple[str, ...]:
    """The word's or phrase's one-word synonyms at least about as common as it, commonest
    first (a word's from the shipped commoner-synonym table)."""
    if " " not in phrase and (len(phrase) < limits.min_word_length or phrase in function_words
                              or not phrase.isalpha()):
        return ()
    phrased = " " in phrase or limits.min_zipf_gap < 0
    alpha = [s for s in synonyms(phrase) if s.isalpha()] if phrased else []
    if phrased and not alpha:
        return ()  # no synonym to ask (most words after a rare-synonym candidate): no Zipf look-up
    own = zipf(phrase)
    if own > limits.max_word_zipf:
        return ()
    floor = max(limits.min_synonym_zipf, own + limits.min_zipf_gap)
    if phrased:
        found = [(zipf(s), s) for s in alpha]
    else:
        found = [(z, s) for s, z in single_synonyms(phrase)]
    found = sorted((z, s) for z, s in found if z >= floor and s not in function_words)[::-1]
    return tuple(s for _, s in found[:limits.max_synonyms])


@lru_cache(maxsize=4)
def _option_table(limits: LmThresholds, function_words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The `_options` found so far for these settings (one hash of the settings per text,
    not one per word)."""
    return {}


@lru_cache(maxsize=1)
def _phrase_firsts() -> frozenset[str]:
    """The first words of the thesaurus phrases (`phrase_forms`): no other word starts one.
    Kept in the model cache beside the phrases (splitting 38,000 of them cost a cold run 0.02 s)."""
    from . import lexicon

    data = rules_dir() / "data"
    sources = [data / "synonyms.tsv", data / "inflections.tsv", Path(lexicon.__file__), Path(__file__)]
    return cached_value("phrase-firsts", sources,
                        lambda: frozenset(phrase.split(" ", 1)[0] for phrase in phrase_forms()))


def _enrich(text: str, signal: Signal, best: str, own_gain: float, best_gain: float) -> Signal | None:
    """The rare-synonym signal with the language model's verdict: its suggestion becomes the
    synonym the model prefers (same part of speech in context: "why truth matters" keeps a
    verb), and a word the model prefers to every synonym is no candidate (None)."""
    if best_gain <= 0:
        return None
    features = {**signal.features, "lm_gain": own_gain, "lm_best_gain": best_gain, "lm_only": 0.0}
    suggestions, message = signal.suggestions, signal.message
    if best != (suggestions[0].lower() if suggestions else ""):
        original = text[signal.start:signal.end]
        suggestions = (best[0].upper() + best[1:] if original[0].isupper() else best,)
        message = (f"'{original}' is a rarer synonym of '{best}', which a language model of English "
                   f"expects between these words ({best_gain:.1f} nats likelier): a spinner's swap? "
                   f"Restore '{best}'.")
    return Signal(signal.start, signal.end, signal.kind, signal.rule, message, suggestions,
                  signal.score, features)


def _signal(text: str, key: tuple[int, int], phrase: str, synonym: str, gain: float,
            limits: LmThresholds) -> Signal:
    start, end = key
    original = text[start:end]
    score = limits.max_score * (1 - math.exp(-gain / limits.gain_scale))
    gap = zipf(synonym) - zipf(phrase)
    return Signal(
        start, end, "rare-synonym", "spin.rare-synonym",
        f"'{original}' reads like a thesaurus swap for '{synonym}': a language model of English "
        f"expects '{synonym}' between these words ({gain:.1f} nats likelier). Restore '{synonym}'.",
        (synonym,), score,
        {"zipf_gap": gap, "phrase": float(" " in phrase), "lm_gain": gain, "lm_best_gain": gain,
         "lm_only": 1.0})


def _strongest(signals: list[Signal]) -> list[Signal]:
    """Of overlapping word and phrase signals, only the one with the larger gain."""
    kept: list[Signal] = []
    for signal in sorted(signals, key=lambda s: (s.start, s.end)):
        if kept and signal.start < kept[-1].end:
            if signal.features["lm_gain"] > kept[-1].features["lm_gain"]:
                kept[-1] = signal
            continue
        kept.append(signal)
    return kept


RULES = (
    RuleInfo(
        MISFIT_RULE, "spin", "warning",
        "A word that neither side of its sentence predicts: a swap from another thesaurus?",
        "A spinner whose dictionary we do not have swaps words for ones that do not belong "
        "beside their neighbours. A 3-gram language model of English (PocketSphinx's) links "
        "each content word with the two words before and after it; a word linked below "
        "`detectors.language_model.max_association` nats on both sides together is a "
        "candidate, and the classifier makes it a warning only in a text that reads as spun "
        "as a whole. There is no suggestion: the original word is unknown."),
)


class LanguageModelDetector:
    """The `Detector` of the language model's swaps and misfits (settings:
    `detectors.language_model`).  It revises the rare-synonym candidates of the stage
    before (`find_lm_swaps`), then adds its own where no earlier signal stands."""

    name = "language_model"
    kind = "rare-synonym"
    rules = RULES
    stage = 2

    def enabled(self, ctx: "Context") -> bool:
        return detector_settings(ctx).language_model.enabled

    def preload(self, ctx: "Context") -> None:
        if self.enabled(ctx):
            language_model().warm()  # PocketSphinx now: the forked workers share one copy
            bigram_index()  # fill-the-blank suggestions and the document's fit (shared pages once cached)

    def signals(self, doc: "Document", context: DetectorContext) -> list[Signal]:
        limits = detector_settings(context.lint).language_model
        language_model().cold_scores = limits.cold_scores  # the trie's look-ups, as configured
        tokens = document_tokens(doc)
        fits = lm_fits(doc)
        rare = [s for s in context.found if s.kind == "rare-synonym"]
        rare, new = find_lm_swaps(tokens, doc.text, rare, fits, limits, function_words(), lm_steps(doc))
        context.found = [s for s in context.found if s.kind != "rare-synonym"] + rare
        kept = outside(new, context.found)
        taken = context.found + kept
        if context.defer_fills and limits.fill_candidates:  # asked by `fill` if ever needed
            spots = misfit_spots(tokens, doc.text, fits, limits, taken)
            misfits = [misfit_signal(tokens, doc.text, spot, limits, None) for spot in spots]
            doc.memo[UNFILLED] = {id(s): (s, spot) for s, spot in zip(misfits, spots)}
        else:
            misfits = find_misfits(tokens, doc.text, fits, limits, function_words(), taken)
        return kept + misfits

    def fill(self, doc: "Document", ctx: "Context", signals: list[Signal]) -> None:
        """Replace, in place, the misfits of `signals` whose fill was deferred with the signals
        `find_misfits` gives (their fill asked now); nothing to do when none was deferred."""
        unfilled = doc.memo.pop(UNFILLED, None)
        if not unfilled:
            return
        limits = detector_settings(ctx).language_model
        tokens, words = document_tokens(doc), function_words()
        for n, signal in enumerate(signals):
            pending = unfilled.get(id(signal))
            if pending is not None and pending[0] is signal:
                spot = pending[1]
                signals[n] = misfit_signal(tokens, doc.text, spot, limits, _filled(tokens, spot, limits, words))


DETECTOR = LanguageModelDetector()
