"""Judging name spellings: typo of a dominant form, unknown lone name, mixed transliterations.

`judge` looks at the name inventory of one text, what its sister copies write
and, for lone names, what wordfreq, the user's names file and the other linted
files know; it returns `Finding`s that the check turns into issues at every
mention of the suspect spelling.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Container, Iterable, Mapping

from .corpus import CorpusView, Sisters
from .foreign import foreign_phrase
from .gazetteer import fold, known_at, known_variant, load_tables, name_pair, name_word, titles, zipf
from .mentions import NameInventory, merged
from .plausibility import load_model, plausibility
from .variants import Relation, edit_kind, relation, slip_corrections


# Slips that a lone name may be judged by (each with its cost in `lone_evidence`): the slips
# typists make, unlike the random letter changes that separate many real names.
LONE_SLIPS = ("swapped letters", "dropped letter", "doubled letter", "keyboard slip")
# ... and, with an added letter, the slips that make one spelling of a text a typo of another.
TYPING_SLIPS = LONE_SLIPS + ("extra letter",)


@dataclass(frozen=True)
class Thresholds:
    """The names check's settings (rules/settings/names.yml), as typed values."""

    names_file: str = ""
    min_length: int = 4
    long_name: int = 10
    common_zipf: float = 3.5
    headline_zipf: float = 5.5
    real_name_zipf: float = 2.0
    rare_known_margin: float = 1.0
    real_word_margin: float = 2.5
    common_name_margin: float = 2.0
    dominant_real_max_zipf: float = 3.0
    dominance: float = 2.0
    strong_count: int = 3
    strong_dominance: float = 3.0
    sister_min_shared: int = 3
    sister_min_overlap: float = 0.2
    gazetteer_min_length: int = 3
    gazetteer_max_zipf: float = 2.0
    gazetteer_min_zipf: float = 1.5
    gazetteer_known_zipf: float = 4.0
    gazetteer_min_documents: int = 3
    gazetteer_suspect_weight: float = 1.5
    gazetteer_length_weight: float = 0.5
    gazetteer_length_cap: int = 14
    gazetteer_plausibility_weight: float = 1.5
    gazetteer_name_bonus: float = 1.3
    gazetteer_pair_bonus: float = 2.0
    gazetteer_swap_cost: float = 0.0
    gazetteer_drop_cost: float = 0.2
    gazetteer_double_cost: float = 0.6
    gazetteer_key_cost: float = 0.8
    gazetteer_end_cost: float = 0.5
    gazetteer_min_evidence: float = 7.4
    gazetteer_margin: float = 0.5
    plausibility_margin: float = 0.15
    tie_plausibility_margin: float = 1.0
    repeated_name_count: int = 2
    dictionary_zipf: float = 3.0
    foreign_languages: str = "ca de es fr id it ms nl pl pt ro tr"
    foreign_min_length: int = 5
    foreign_word_zipf: float = 3.0
    foreign_margin: float = 1.0

def preload(limits: Thresholds) -> None:
    """Load the tables and libraries that `judge` uses now (before worker processes fork)."""
    from rapidfuzz import process  # noqa: F401

    load_tables()
    load_model()


@dataclass(frozen=True)
class Finding:
    """A spelling to report at each of its mentions."""

    rule: str
    suspect: str
    suggestion: str
    severity: str
    confidence: float
    message: str


@dataclass
class Evidence:
    """Everything known about one spelling and the spelling it may be a typo of."""

    suspect: str
    other: str
    own: Counter
    sisters: Sisters
    known_names: frozenset[str]

    @property
    def other_total(self) -> int:
        return self.own[self.other] + self.sisters.forms[self.other]

    @property
    def suspect_total(self) -> int:
        return self.own[self.suspect] + self.sisters.forms[self.suspect]

    def known(self, form: str) -> bool:
        return zipf(form) > 0 or fold(form) in self.known_names or known_variant(form)

    def describe(self) -> str:
        """'Hegseth' appears 3 times in this text and 7 times in 2 sister copies, 'Hesgeth' once."""
        parts = []
        if self.own[self.other]:
            parts.append(f"{_times(self.own[self.other])} in this text")
        if self.sisters.forms[self.other]:
            copies = self.sisters.docs[self.other]
            parts.append(f"{_times(self.sisters.forms[self.other])} in {copies} sister "
                         f"cop{'y' if copies == 1 else 'ies'}")
        text = f"'{self.other}' appears {' and '.join(parts)}, '{self.suspect}' {_times(self.own[self.suspect])}"
        if self.sisters.forms[self.suspect]:
            text += f" here and {_times(self.sisters.forms[self.suspect])} in the sister copies"
        source = self.source(self.other)
        if source and not self.known(self.suspect):
            text += f"; {source} '{self.other}', not '{self.suspect}'"
        return text

    def source(self, form: str) -> str | None:
        """Who knows a spelling: 'your names file lists', 'wordfreq knows', ..."""
        if fold(form) in self.known_names:
            return "your names file lists"
        if zipf(form) > 0:
            return "wordfreq knows"
        if known_variant(form):
            return "the shipped variant list has"
        return None


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def judge(
    own: NameInventory,
    lowercase: Container[str],
    sisters: Sisters,
    corpus: CorpusView | None,
    known_names: frozenset[str],
    compounds: frozenset[str],
    limits: Thresholds,
) -> list[Finding]:
    """Findings for every suspect spelling of the text, in order of first mention.

    `compounds` are forms written only inside hyphenated names ('Stevis' in
    'Stevis-Gridneff'), never judged alone against the gazetteer.
    """
    written = own.written()
    pool = merged(written, sisters.forms) if sisters.forms else written
    keys = list(pool)  # the text's own forms first, in order (`merged` keeps the first counter's)
    skip = titles()
    rows = [n for n, form in enumerate(own.forms) if len(form) >= limits.min_length - 1 and form.lower() not in skip]
    close_to = _within_two_edits(rows, keys)
    findings = []
    for row in rows:
        suspect, close = keys[row], close_to.get(row, ())
        near = [(form, rel) for form, distance in close
                if (rel := relation(suspect, form, limits.long_name, distance)) is not Relation.UNRELATED]
        found = None
        if near:
            edits = [form for form, rel in near if rel is Relation.EDIT]
            spellings = [form for form, rel in near if rel is Relation.TRANSLITERATION and form in own.forms]
            found = (_typo(suspect, edits, own, written, pool, sisters, known_names, limits)
                     or _inconsistent(suspect, spellings, own))
        # a lone name that the similar spellings of the text do not explain, or explain only by
        # an added letter or two edits ('Centesr' beside 'Center'), is judged against known
        # names too: a typing slip of a known name wins ('Centers')
        if own.forms[suspect] == 1 and not sisters.forms.get(suspect) and (
                not near or all(rel is Relation.EDIT for _, rel in near)) and (
                found is None or (found.rule == "names.typo"
                                  and edit_kind(suspect, found.suggestion) not in LONE_SLIPS)):
            found = _unknown(suspect, corpus, known_names, compounds, limits, own.contexts,
                             bool(own.firsts.get(suspect))) or found
        if found is not None and suspect.lower() not in lowercase and (  # a common word the text also writes
                found.rule == "names.inconsistent" or not _foreign_word(suspect, own, limits)):
            findings.append(found)
    return findings


def _foreign_word(suspect: str, own: NameInventory, limits: Thresholds) -> bool:
    """True when the spelling is a word of a foreign-language name ('Fondation pour l'Enfance'):
    no slip of an English word."""
    return len(suspect) >= limits.foreign_min_length and foreign_phrase(
        suspect, own.contexts.get(suspect, ()), limits.foreign_languages.split(),
        limits.foreign_word_zipf, limits.foreign_margin) is not None


#: rows x keys from which near spellings come from one distance matrix (numpy): a long text's
#: window (1,200-2,500 of each, 4x faster than a call per row); an article has a few hundred
_MATRIX_CELLS = 100_000


def _within_two_edits(rows: list[int], keys: list[str]) -> dict[int, list[tuple[str, int]]]:
    """For the keys at `rows`, the other keys within two edits of each (folded, optimal string
    alignment) with their distance, nearest first, then in key order (rows with none left
    out).  rapidfuzz's `extract` per row, without numpy's import (0.08-0.10 s and 15 MB of a
    cold start); past `_MATRIX_CELLS`, one batched distance matrix."""
    if not rows:
        return {}
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    folded = [fold(form) for form in keys]
    if len(rows) * len(keys) >= _MATRIX_CELLS:
        return _matrix(rows, keys, folded)
    found: dict[int, list[tuple[str, int]]] = {}
    for row in rows:
        near = sorted((distance, column) for _, distance, column in process.extract(
            folded[row], folded, scorer=OSA.distance, score_cutoff=2, limit=None) if column != row)
        if near:
            found[row] = [(keys[column], distance) for distance, column in near]
    return found


def _matrix(rows: list[int], keys: list[str], folded: list[str]) -> dict[int, list[tuple[str, int]]]:
    """`_within_two_edits` by one distance matrix (rapidfuzz's `cdist`, SIMD over many keys)."""
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    distances = process.cdist([folded[n] for n in rows], folded, scorer=OSA.distance, score_cutoff=2,
                              dtype=np.int8)
    distances[np.arange(len(rows)), rows] = 3  # not itself
    hits = np.flatnonzero(distances <= 2)
    pairs: dict[int, list[tuple[int, int]]] = {}
    width = len(keys)
    for index, distance in zip(hits.tolist(), distances.ravel()[hits].tolist()):
        row, column = divmod(index, width)
        pairs.setdefault(rows[row], []).append((distance, column))
    return {row: [(keys[column], distance) for distance, column in sorted(found)] for row, found in pairs.items()}


def _firsts(form: str, own: NameInventory, sisters: Sisters) -> set[str]:
    return set(own.firsts.get(form, ())) | sisters.firsts.get(form, set())


def _surnames(form: str, own: NameInventory, sisters: Sisters) -> set[str]:
    """The names that `form` is written as the first name of ('Vaz' for 'Keith' in 'Keith Vaz')."""
    found = set(_by_first_name(own.firsts).get(form, ()))
    found.update(_by_first_name(sisters.firsts).get(form, ()))
    return found


_INVERTED: list[tuple[Mapping[str, Iterable[str]], dict[str, list[str]]]] = []  # the last two, by identity


def _by_first_name(firsts: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """First name -> the surnames written after it: `firsts` inverted once per text, not
    scanned once per spelling judged (quadratic in a long text)."""
    for mapping, inverted in _INVERTED:
        if mapping is firsts:
            return inverted
    inverted = {}
    for last, names in firsts.items():
        for name in names:
            inverted.setdefault(name, []).append(last)
    _INVERTED[:] = [(firsts, inverted), *_INVERTED[:1]]  # held: an id is not reused while cached
    return inverted


def _two_first_names(suspect: str, other: str, own: NameInventory, sisters: Sisters) -> bool:
    """True when the spellings are first names of different surnames."""
    before, after = _surnames(suspect, own, sisters), _surnames(other, own, sisters)
    return bool(before and after and not before & after)


def _two_people(suspect: str, other: str, own: NameInventory, sisters: Sisters) -> bool:
    """True when the names around the two spellings show two people (or a person and a place)."""
    mine, theirs = _firsts(suspect, own, sisters), _firsts(other, own, sisters)
    if mine and theirs and not mine & theirs:
        return True  # each spelling has its own first name
    if zipf(suspect) > 0 and _two_first_names(suspect, other, own, sisters):
        return True  # two real first names of different surnames: 'Mirco X' and 'Marco Y'
    before, after = _surnames(suspect, own, sisters), _surnames(other, own, sisters)
    if (mine and not before and after and not theirs) or (theirs and not after and before and not mine):
        return True  # only a surname and only a first name: 'Alan Beith' and 'Keith Vaz'
    return False


def _extended(suspect: str, other: str) -> bool:
    """True when `suspect` is `other` with letters added at the end (not a doubled last letter)."""
    a, b = fold(suspect), fold(other)
    return a.startswith(b) and a[len(b):] != b[-1:]


def _case_pattern_differs(suspect: str, other: str) -> bool:
    """True when the spellings differ in a capital letter ('HarvardX', 'UChicago'): a brand, not a slip."""
    return sum(c.isupper() for c in suspect) != sum(c.isupper() for c in other)


def _typo(suspect: str, candidates: list[str], own: NameInventory, written: Counter, pool: Counter,
          sisters: Sisters, known_names: frozenset[str], limits: Thresholds) -> Finding | None:
    """The dominant spelling `suspect` is a slip of, when the evidence says so.

    `written` counts every capitalised spelling of the text (names and openers), `pool` those
    and the sister copies' spellings.
    """
    if fold(suspect) in known_names or known_variant(suspect) or not candidates:
        return None
    slips = [form for form in candidates if edit_kind(suspect, form) in TYPING_SLIPS]
    if slips:
        candidates = slips  # a typing slip explains the spelling better than a changed letter
    slots = own.contexts.get(suspect, frozenset())
    in_slot = {form for form in candidates if slots & sisters.contexts.get(form, set())}
    ranked = sorted(candidates, key=lambda form: (form not in in_slot, -pool[form], -zipf(form), form))
    if len(ranked) > 1 and len(in_slot) != 1 and pool[ranked[1]] * 2 > pool[ranked[0]]:
        return None  # two spellings compete to be the right one
    other = ranked[0]
    if len(other) < limits.min_length or _real_variation(suspect, other, own, written, sisters, limits) \
            or _repeated_name(suspect, other, own, sisters, limits):
        return None
    return _weigh(Evidence(suspect, other, written, sisters, known_names), own, limits)


def _real_variation(suspect: str, other: str, own: NameInventory, written: Counter, sisters: Sisters,
                    limits: Thresholds) -> bool:
    """True when the names around the two spellings show two names, not a slip."""
    slip = edit_kind(suspect, other)
    common_slip = (slip in LONE_SLIPS and zipf(suspect) < limits.real_name_zipf
                   and zipf(other) >= zipf(suspect) + limits.common_name_margin)
    if _case_pattern_differs(suspect, other) or (
            not common_slip and _two_people(suspect, other, own, sisters)):
        return True  # (the names around a typing slip of a much commoner name say little:
        # 'Micael Hart' and 'Michael Lowe' are two Michaels, 'Stock Exchage' is no person)
    if slip in (None, "changed letter") and not written[other]:
        return True  # a letter changed at random: two names, unless the text itself has both
    if slip == "changed letter" and (
            (_firsts(suspect, own, sisters) and not _firsts(other, own, sisters))
            or _two_first_names(suspect, other, own, sisters)):
        return True  # a person ('Jens Spahn') and a place ('Spain'), or two first names ('Daviel', 'Daniel')
    # a longer name ('Clarey', 'Setha'), unless the text plainly writes the shorter one
    return _extended(suspect, other) and written[other] < max(1, 2 * written[suspect])


def _repeated_name(suspect: str, other: str, own: NameInventory, sisters: Sisters, limits: Thresholds) -> bool:
    """True when the text and its sister copies write `suspect` the same way
    `repeated-name-count` times, and `other` is a dictionary word that they do not write as a
    name as often: a name of its own ('Fortt' five times, 'Fort' opening one sentence).
    A dictionary word is one WordNet has as a common word (the spin check's synonym table),
    at Zipf `dictionary-zipf` or more: 'fort', not 'Johnson'."""
    repeated = own.forms[suspect] + sisters.forms[suspect]
    return (repeated >= limits.repeated_name_count and zipf(other) >= limits.dictionary_zipf
            and own.forms[other] + sisters.forms[other] < limits.dominance * repeated
            and _dictionary_word(other))


def _dictionary_word(word: str) -> bool:
    """True when WordNet has the word as a common word (the spin check's synonym table):
    'fort', 'foundation', not 'Johnson' or 'Paris'."""
    from ..spin.lexicon import lemmas

    return bool(lemmas(word.lower()))


def _weigh(ev: Evidence, own: NameInventory, limits: Thresholds) -> Finding | None:
    """A `names.typo` finding when counts, wordfreq, names file and sister copies say slip."""
    suspect, other, sisters = ev.suspect, ev.other, ev.sisters
    suspect_zipf, other_zipf = zipf(suspect), zipf(other)
    slots = own.contexts.get(suspect, frozenset())
    slot_here = bool(slots & own.contexts.get(other, frozenset()))
    slot_copy = bool(slots & sisters.contexts.get(other, set()))
    total, rare = ev.other_total, ev.suspect_total
    slip = edit_kind(suspect, other)
    # a typing slip of a spelling the text itself writes over and over ('Farrel' once, 'Farrell' 4 times)
    dominant_here = (slip in LONE_SLIPS and fold(suspect)[0] == fold(other)[0]
                     and suspect_zipf < limits.dominant_real_max_zipf
                     and ev.own[other] >= limits.strong_count
                     and ev.own[other] >= limits.strong_dominance * ev.own[suspect] and not name_word(suspect))
    if suspect_zipf >= limits.real_name_zipf and not (
            slot_copy and other_zipf > suspect_zipf
            and (total >= limits.strong_dominance * rare or not ev.own[other])) and not (
            slip in LONE_SLIPS and other_zipf >= suspect_zipf + limits.real_word_margin
            and ev.own[other] >= ev.own[suspect] and not name_word(suspect)) and not (
            dominant_here and other_zipf >= suspect_zipf):
        return None  # a real word or name: only a copy of the same sentence, or a typing slip
        # of a far commoner name that the text writes too, shows a slip ('Palu' for 'Paul';
        # never a name of its own, 'Greta' for 'Great')
    if 0 < suspect_zipf < limits.real_name_zipf and other_zipf < suspect_zipf + limits.rare_known_margin \
            and not slot_copy and not dominant_here:
        return None  # two rare real names
    known_better = (fold(other) in ev.known_names and fold(suspect) not in ev.known_names) or (
        other_zipf >= suspect_zipf + limits.rare_known_margin)
    dominant = total >= 2 and total >= limits.dominance * rare
    tie_broken = not (dominant or (known_better and total >= rare))
    if tie_broken and not (total >= rare and plausibility(other) >= plausibility(suspect) + (
            limits.plausibility_margin if slot_here or slot_copy else limits.tie_plausibility_margin)):
        return None  # a tie goes to the more word-like spelling: by a little when both sit between
        # the same words, by much otherwise ('Troncno' against 'Troncon')
    strong = (suspect_zipf == 0 and total >= limits.strong_count
              and total >= limits.strong_dominance * rare
              and (ev.known(other) or sisters.docs[other] > 0 or ev.own[other] >= limits.strong_count))
    same_first = sorted(_firsts(suspect, own, sisters) & _firsts(other, own, sisters))
    confidence = (0.5 + 0.15 * known_better + 0.1 * (slot_here or slot_copy)
                  + min(0.15, 0.05 * sisters.docs[other]) + 0.1 * bool(same_first)
                  + 0.1 * min(1.0, (total - rare) / 5)
                  - 0.15 * (suspect_zipf >= limits.real_name_zipf) - 0.1 * tie_broken)
    message = f"'{suspect}' looks like a misspelling of '{other}'{f' ({slip})' if slip else ''}: {ev.describe()}"
    if slot_copy:
        message += f"; a sister copy writes '{other}' between the same words"
    elif slot_here:
        message += f"; this text writes '{other}' between the same words"
    if same_first:
        message += f"; both follow '{same_first[0]}'"
    return Finding("names.typo", suspect, other, "error" if strong else "warning",
                   round(max(0.3, min(0.99, confidence)), 2), message + f"; write '{other}'")


def _inconsistent(suspect: str, spellings: list[str], own: NameInventory) -> Finding | None:
    """A note on the minority spelling when one text mixes transliterations of a name."""
    if not spellings:
        return None
    order = list(own.forms)
    for other in sorted(spellings, key=lambda form: -own.forms[form]):
        mine, theirs = own.forms[suspect], own.forms[other]
        if mine < theirs or (mine == theirs and order.index(suspect) > order.index(other)):
            return Finding(
                "names.inconsistent", suspect, other, "info", 0.6,
                f"'{suspect}' ({_times(mine)}) and '{other}' ({_times(theirs)}) are two spellings "
                f"of one name in this text; keep one, e.g. '{other}'",
            )
    return None


def lone_evidence(suspect: str, other: str, known_zipf: float, slip: str, limits: Thresholds,
                  named: bool = False, paired: bool = False, common_word: bool = False) -> float:
    """How much better `other` (folded; `known_zipf` as frequent) explains a lone `suspect` than
    `suspect` itself, in Zipf units: the frequency gap, plus credits for a long spelling, a
    less word-like suspect, an intended word that names are made of (`named`: a source
    lists it as a name) and one that makes a known name with a word beside the suspect
    (`paired`: 'Sudi Arabia'), less the slip's cost.  A `common_word` earns the name bonus only
    from a source that lists it as a name (`named`)."""
    cost = {
        "swapped letters": limits.gazetteer_swap_cost,
        "dropped letter": limits.gazetteer_drop_cost,
        "doubled letter": limits.gazetteer_double_cost,
        "keyboard slip": limits.gazetteer_key_cost,
    }[slip]
    letters = min(len(suspect), limits.gazetteer_length_cap)
    written = fold(suspect)
    at_end = (slip == "doubled letter" and written[:-1] == other and written[-1] == written[-2]) or (
        slip == "dropped letter" and other[:-1] == written)  # 'Cheryll', 'Geneti': often real names
    return (known_zipf - limits.gazetteer_suspect_weight * zipf(suspect)
            + limits.gazetteer_length_weight * letters
            + limits.gazetteer_plausibility_weight * (plausibility(other) - plausibility(suspect))
            + limits.gazetteer_name_bonus * (named or (name_word(other) and not common_word))
            + limits.gazetteer_pair_bonus * paired
            - limits.gazetteer_end_cost * at_end
            - cost)


@lru_cache(maxsize=8192)
def _known_corrections(suspect: str, min_zipf: float) -> frozenset[str]:
    """The spellings one typing slip from `suspect` (first letter kept) that wordfreq knows at
    Zipf `min_zipf` or more."""
    return known_at(slip_corrections(suspect, keep_first=True), min_zipf)


@lru_cache(maxsize=65536)
def _lone_spelling(suspect: str, min_length: int, max_zipf: float) -> bool:
    """True when the spelling of a lone name may be a typing slip: `min_length` letters or more,
    all ASCII, capitalised at most at the start, at most `max_zipf` in wordfreq, in no shipped
    variant group."""
    return (len(suspect) >= min_length and suspect.isascii() and suspect.isalpha()
            and suspect[1:] == suspect[1:].lower() and zipf(suspect) <= max_zipf and not known_variant(suspect))


def _unknown(suspect: str, corpus: CorpusView | None, known_names: frozenset[str],
             compounds: frozenset[str], limits: Thresholds,
             contexts: Mapping[str, frozenset[str]] | None = None, surname: bool = False) -> Finding | None:
    """A lone name no source knows (or rare in wordfreq), one typing slip from a much more
    common name: judged by `lone_evidence`.  `contexts` gives the 'before|after' words around
    it (asked only when a known name beside it could decide); `surname`: it follows a first
    name, so a dictionary word that names are also made of ('Fort' for 'John Fortt') earns
    no name bonus."""
    if (not _lone_spelling(suspect, limits.gazetteer_min_length, limits.gazetteer_max_zipf)
            or suspect in compounds or fold(suspect) in known_names):
        return None
    if corpus is not None and corpus.documents_with(suspect):
        return None
    if known_names or corpus is not None:  # (the slips are spelt out once for every source)
        corrections = slip_corrections(suspect, keep_first=True)
        sources_of = known_at(corrections, limits.gazetteer_min_zipf) | corrections & known_names
        if corpus is not None:
            sources_of |= corpus.folded_spellings(corrections)
    else:
        sources_of = _known_corrections(suspect, limits.gazetteer_min_zipf)
    candidates: list[tuple[float, str, str, str]] = []
    for spelling in sources_of:  # only the spellings some source knows
        slip = edit_kind(suspect, spelling)
        if slip not in LONE_SLIPS:
            continue
        score = zipf(spelling)
        display = spelling[0].upper() + spelling[1:]
        sources = []
        named = False
        if score >= limits.gazetteer_min_zipf:
            sources.append(f"wordfreq Zipf frequency {score:.1f}")
        if spelling in known_names:
            sources.append("in your names file")
            score, named = max(score, limits.gazetteer_known_zipf), True
        if corpus is not None:
            written = sorted((corpus.documents_with(f), f) for f in corpus.spellings(spelling))
            docs = written[-1][0] if written else 0
            if docs >= limits.gazetteer_min_documents:
                display = written[-1][1]
                sources.append(f"written in {docs} other linted files")
                score, named = max(score, limits.gazetteer_known_zipf), True
        if sources:
            evidence = lone_evidence(suspect, spelling, score, slip, limits, named,
                                     common_word=surname and _dictionary_word(spelling))
            if evidence + limits.gazetteer_pair_bonus >= limits.gazetteer_min_evidence - limits.gazetteer_margin:
                candidates.append((evidence, display, "; ".join(sources), slip, spelling))
    if not candidates:
        return None
    if limits.gazetteer_pair_bonus:
        slots = contexts.get(suspect, frozenset()) if contexts is not None else frozenset()
        around = [(before, after) for before, _, after in (slot.partition("|") for slot in slots)]
        candidates = [
            (evidence + limits.gazetteer_pair_bonus * any(
                name_pair(before, spelling) or name_pair(spelling, after) for before, after in around), *rest)
            for evidence, *rest, spelling in candidates]
    candidates.sort(key=lambda item: (-item[0], item[1]))
    evidence, other, sources, slip = candidates[0][:4]
    if evidence < limits.gazetteer_min_evidence:
        return None
    if len(candidates) > 1 and candidates[1][0] > evidence - limits.gazetteer_margin:
        return None  # ambiguous: two names explain the spelling about as well
    confidence = 0.5 + 0.1 * min(3.0, evidence - limits.gazetteer_min_evidence)
    suspect_zipf = zipf(suspect)
    known = (f"is rare in wordfreq (Zipf {suspect_zipf:.1f})" if suspect_zipf
             else "is unknown to wordfreq")
    return Finding(
        "names.unknown", suspect, other, "warning", round(min(0.8, confidence), 2),
        f"'{suspect}' is written once, {known}{' and to your names file' if known_names else ''}"
        f"{' and to the other files' if corpus is not None else ''}, and is one typing slip ({slip}) "
        f"from the known name '{other}' ({sources}); check the spelling",
    )
