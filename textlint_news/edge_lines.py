"""Short Latin-script lines at a text's edges: which language, if not English.

An aggregator's header and footer lines ("Fuente: Reuters | Versión para imprimir",
"Kode berita: 55321 | Desk Internasional") hold two to five words of their language
plus digits and punctuation: too little for a language identifier alone.  Such a line
is judged only where wrappers sit (the first or last paragraph, before or after the
article's prose), and by its words: a word is native to a language when the language's
stop words (stopwords-iso) list it or wordfreq's small list of the language knows it
clearly better than English does.  A line whose native words outnumber its English
ones is foreign; the identifier's probabilities choose between languages that share
the words (Indonesian and Malay, Spanish and Portuguese) and back up a line with a
single native word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .languages import has_list, zipf_in

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # the wrapper check's words

@dataclass(frozen=True)
class EdgeLimits:
    """The settings of the edge-line test (rules/settings/wrapper.yml, keys `edge_*`;
    the wrapper check's `WrapperSettings` extends them)."""

    edge_languages: str = "ca de es fr id it ms nl pl pt ro sw tl tr vi"
    edge_min_words: int = 2
    edge_max_words: int = 10
    edge_native_zipf: float = 3.0
    edge_native_margin: float = 1.0
    edge_min_native: int = 2
    edge_min_share: float = 0.5
    edge_min_probability: float = 0.15
    edge_sure_probability: float = 0.5
    edge_confidence: float = 0.6

@dataclass(frozen=True)
class Score:
    """What the words of one line say for one language."""

    native: int  # native words (a compound counts twice)
    lead: int  # native words less clearly English ones
    probability: float  # the identifier's
    words: int  # words of two letters or more
    names: bool  # capitalised words alone, some in runs: maybe names ('Real Madrid 2-1 Real Sociedad')


def edge_languages(lines: list[str], limits: EdgeLimits) -> list[tuple[str, float] | None]:
    """(language code, confidence) for each edge line of one text (URLs taken out) that is
    another language than English, else None.

    A line is foreign on its own (`_sure`), or when it leans to a language (`_leaning`) that
    another edge line of the text is in or leans to: an aggregator's header and footer are
    in one language, and two weak signals that agree make a strong one.
    """
    scores = [_scores(line, limits) for line in lines]
    found: list[tuple[str, float] | None] = []
    for score in scores:
        sure = [code for code, s in score.items() if _sure(s, limits)]
        code = max(sure, key=lambda c: (score[c].lead, score[c].probability), default=None)
        found.append((code, _confidence(score[code], limits)) if code else None)
    leaning = [{c for c, s in score.items() if _leaning(s, limits) or (f and f[0] == c)}
               for f, score in zip(found, scores)]
    for number, score in enumerate(scores):
        if found[number] is None and leaning[number]:
            partners = set().union(*(lean for other, lean in enumerate(leaning) if other != number))
            shared = leaning[number] & partners
            if shared:
                code = max(shared, key=lambda c: (score[c].lead, score[c].probability))
                found[number] = code, round(_confidence(score[code], limits) - 0.1, 2)
    return found


def _scores(line: str, limits: EdgeLimits) -> dict[str, Score]:
    """The languages a line has native words of or the identifier backs, with their scores;
    none for a line of the wrong length or with an English function word ('to', 'the').

    Single letters ('e', 'y', 'a') say nothing, and a name of several capitalised words
    ('Agence France-Presse', 'Deutsche Telekom') counts as one word: native or English by
    the most of its words."""
    words = [match.group() for match in _WORD.finditer(line)]
    if not limits.edge_min_words <= len(words) <= limits.edge_max_words:
        return {}
    units = [[word.lower().replace("’", "'") for word in unit if len(word) > 1] for unit in _units(line)]
    units = [unit for unit in units if unit]
    if not units or not english_function_words().isdisjoint(word for unit in units for word in unit):
        return {}
    codes = limits.edge_languages.split()
    memo = _word_memo(limits)
    counts = {code: [_unit(unit, code, limits, memo) for unit in units] for code in codes}
    natives = {code: sum(native for native, _ in found) for code, found in counts.items()}
    if not any(natives.values()) and not any(word.islower() for word in words):
        return {}  # nothing native and no word in lower case: names, not a language
    leads = {code: natives[code] - sum(english for _, english in counts[code]) for code in codes}
    if all(lead < 0 for lead in leads.values()):
        return {}  # more English than native words for every language: neither sure nor leaning
        # whatever the identifier says (`_sure`, `_leaning`), so it is not asked (most English
        # lines; its model and numpy cost a cold start 0.14 s and 19 MB)
    probabilities = _probabilities(" ".join(words), codes)
    names = all(word[0].isupper() for word in words) and any(len(unit) > 1 for unit in units)
    return {code: Score(natives[code], leads[code], probabilities[code], len(units), names)
            for code in codes if natives[code] or probabilities[code] >= limits.edge_min_probability}


def _units(line: str) -> list[list[str]]:
    """The words of a line, a run of capitalised words joined by a space or a hyphen as one unit."""
    units: list[list[str]] = []
    end, joined = 0, False
    for match in _WORD.finditer(line):
        word = match.group()
        capital = word[0].isupper()
        if units and capital and joined and line[end:match.start()] in (" ", "-"):
            units[-1].append(word)
        else:
            units.append([word])
        end, joined = match.end(), capital
    return units


def _unit(unit: list[str], code: str, limits: EdgeLimits, memo: dict) -> tuple[int, int]:
    """(native, English) count of a unit: a word's own, or 1 for the larger side of a name
    (`memo`: the limits' `_word_memo`)."""
    if len(unit) == 1:
        return _word(unit[0], code, limits, memo)
    native = english = 0
    for word in unit:
        mine, theirs = _word(word, code, limits, memo)
        native += mine
        english += theirs
    return int(native > english), int(english > native)


def _word(word: str, code: str, limits: EdgeLimits, memo: dict) -> tuple[int, int]:
    """(`_native`, `_english`) of one word, remembered in `memo`: edge lines repeat their words."""
    found = memo.get((word, code))
    if found is None:
        if len(memo) >= 200_000:
            memo.clear()
        found = memo[word, code] = _native(word, code, limits), int(_english(word, code, limits))
    return found


@lru_cache(maxsize=4)
def _word_memo(limits: EdgeLimits) -> dict[tuple[str, str], tuple[int, int]]:
    return {}


def _sure(score: Score, limits: EdgeLimits) -> bool:
    """A line foreign on its own: more native than English words, `edge-min-share` of the words
    native and either `edge-min-native` of them or the identifier's backing
    (`edge-min-probability`); or, with the identifier sure of the language
    (`edge-sure-probability`), no more English than native words ('Nguồn: Reuters | Bản in').
    A line of capitalised words alone, some of them in runs, may be names: only the identifier
    makes it sure."""
    backed = score.native >= limits.edge_min_native or score.probability >= limits.edge_min_probability
    return score.native > 0 and (
        (score.lead > 0 and backed and score.native >= limits.edge_min_share * score.words
         and not score.names)
        or (score.lead >= 0 and score.probability >= limits.edge_sure_probability))


def _leaning(score: Score, limits: EdgeLimits) -> bool:
    """A line that leans to the language: no more English than native words, and either more
    native ones or the identifier's backing."""
    return score.lead >= 0 and (score.lead > 0 or score.probability >= limits.edge_min_probability)


def _confidence(score: Score, limits: EdgeLimits) -> float:
    return round(min(0.9, limits.edge_confidence
                     + 0.1 * min(3, max(score.lead, 1)) * min(1.0, score.native / score.words)), 2)


def _native(word: str, code: str, limits: EdgeLimits) -> int:
    """2 for a compound of two words of language `code` unknown to English ('druckversion'),
    1 for a word of it (a stop word not as common in English, or a word of its small
    wordfreq list clearly more common than in English), else 0."""
    if _is_stop_word(word, code):
        if not has_list(code):
            return int(word not in english_function_words())
        return int(zipf_in(word, "en") < max(zipf_in(word, code) - limits.edge_native_margin, limits.edge_native_zipf))
    score = zipf_in(word, code)
    if score:
        return int(score >= limits.edge_native_zipf and score >= zipf_in(word, "en") + limits.edge_native_margin)
    return 2 * _compound(word, code, limits)


def _compound(word: str, code: str, limits: EdgeLimits) -> bool:
    """True when `word`, unknown to English, is two words of four letters or more of `code`'s
    small list, one of them native ('kurz' + 'link', 'ausland' + 's' + 'redaktion'; not
    'super' + 'computer')."""
    if len(word) < 8 or not word.isalpha() or zipf_in(word, "en") or not has_list(code):
        return False
    for cut in range(4, len(word) - 3):
        heads = (word[:cut], word[:cut - 1]) if word[cut - 1] == "s" else (word[:cut],)
        tail = word[cut:]
        for head in heads:
            if zipf_in(head, code) >= limits.edge_native_zipf and zipf_in(tail, code) >= limits.edge_native_zipf \
                    and (_native(head, code, limits) or _native(tail, code, limits)):
                return True
    return False


def _english(word: str, code: str, limits: EdgeLimits) -> bool:
    """True when `word` is a common English word, clearly more common than in `code`."""
    english = zipf_in(word, "en")
    return (english >= limits.edge_native_zipf and english >= zipf_in(word, code) + limits.edge_native_margin
            and not _native(word, code, limits))


@lru_cache(maxsize=1)
def english_function_words() -> frozenset[str]:
    """The English function words the wrapper and edge-line checks count (rules/data)."""
    from .resources import load_data

    return frozenset(load_data("data/wrapper_function_words.txt"))


def _is_stop_word(word: str, code: str) -> bool:
    """Whether `word` is one of stopwords-iso's stop words of language `code`: one look-up of
    the word, for every language at once, in a mapped table (`_stop_word_index`) rather than
    15 languages' sets read (0.005 s of a cold start for the ~100 words of its edge lines)."""
    index = _stop_word_index()
    if index is None:
        return word in _package_stop_words(code)
    table, bits = index
    bit = bits.get(code.lower())
    return bit is not None and bool(table.get(word, 0) >> bit & 1)


@lru_cache(maxsize=1)
def _stop_word_index() -> tuple[Any, dict[str, int]] | None:
    """stopwords-iso's words -> a bitmask of the languages they are a stop word of (bit i:
    the i-th of its sorted language codes), mapped from the model cache (`mapped.mapped_table`),
    and the bits by code; None when stopwordsiso is not installed (or has more languages than
    an int64 has bits)."""
    data = _stop_words_file()
    if data is None:
        return None
    from .mapped import MappedTable, mapped_table

    def build() -> dict[str, int]:
        import stopwordsiso

        table: dict[str, int] = {}
        for bit, code in enumerate(sorted(stopwordsiso.langs())):
            for word in stopwordsiso.stopwords(code):
                table[word] = table.get(word, 0) | 1 << bit
        return table

    def codes(_: dict[str, int]) -> dict[str, Any]:
        import stopwordsiso

        return {"bits": {code: bit for bit, code in enumerate(sorted(stopwordsiso.langs()))}}

    table = mapped_table("stop-word-index", [data, Path(__file__)], build, codes)
    bits = table.meta["bits"] if isinstance(table, MappedTable) else codes(table)["bits"]
    return (table, bits) if len(bits) < 63 else None  # a bit each in an int64


@lru_cache(maxsize=1)
def _stop_words_file() -> Path | None:
    """stopwords-iso's data file, without importing stopwordsiso; None when it is not installed."""
    from importlib.util import find_spec

    spec = find_spec("stopwordsiso")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "stopwords-iso.json"


@lru_cache(maxsize=None)
def _package_stop_words(code: str) -> frozenset[str]:
    """stopwords-iso's stop words of a language (empty when it has none): the sets
    `_stop_word_index` answers for."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords(code)) if stopwordsiso.has_lang(code) else frozenset()


def _probabilities(text: str, codes: list[str]) -> dict[str, float]:
    """The identifier's probability of each of `codes` for `text`."""
    from .identifier import identifier

    ranked = dict(identifier().rank(text))
    return {code: ranked.get(code, 0.0) for code in codes}
