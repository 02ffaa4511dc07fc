"""Which differences between two aligned copies are a spinner's swaps, and which an editor's.

Inside a pair of aligned sentences (`alignment.align_copies`), every replaced
run of one to `max-swap-words` words on each side is a candidate, whatever the
two wordings are.  An editor's change is never a swap: a spelling variant
(defence / defense, Zelensky / Zelenskyy, two forms of one word), a title added,
dropped or changed ("Mr" / "President"), figures and dates updated, a reporting
verb ("said" / "told"), a name for a pronoun.  A swap is *weak* when it tells
little either way (function words only, a run of words for another run, one
name for another where neither is a dictionary word: UK / Britain, words added
or dropped): it never counts towards a sister's thresholds (`copies.py`).  An
ordinary word for a word inside a name ("European Job" for "European
Commission", "Commoner Ortega" for "Mr Ortega") is a swap: spinners do not know
names.  Each swap carries its evidence: how much better the sister's
wording fits its neighbours (the 3-gram language model, `lm.py`) and how much
commoner it is (wordfreq).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator

from .alignment import WORD, Sentence, SentencePair, WordOp
from .artifacts import vowel_sound
from .lexicon import function_words, lemmas, zipf
from .lm import language_model

if TYPE_CHECKING:
    from .copies import CopySettings

_PLAIN = re.compile(r"[^a-z0-9]")
_DIGITS = re.compile(r"\d+")
_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
            "seven": "7", "eight": "8", "nine": "9", "ten": "10"}


@dataclass(frozen=True)
class Swap:
    """A run of this copy's words that a sister copy writes otherwise."""

    start: int
    end: int
    wording: str                 # the sister's wording, as it writes it
    mine: tuple[str, ...]        # lower-case words of both wordings, and the words around
    theirs: tuple[str, ...]
    left: tuple[str, ...]
    right: tuple[str, ...]
    sentence: int                # index of this copy's sentence
    weak: bool = False           # tells little: flagged only where the pair is decided, never counted
    evidence: float = 0.0        # how much better the sister's wording fits (`_evidence`)


def sentence_swaps(text: str, theirs: str, pair: SentencePair, sentence: Sentence, index: int,
                   limits: "CopySettings") -> Iterator[Swap]:
    """The swaps of one aligned sentence: each replaced run that no editor's change explains.

    A run of content words replacing as many content words, or of words apart
    (a comma between them), is taken word by word: a spinner swaps one word at a
    time.  An "a"/"an" before a swap goes with it when it fits only one of the two
    wordings (a spinner leaves it), and an "'s" both copies write stays out of it.
    """
    their_words = WORD.findall(theirs, pair.b_start, pair.b_end)
    their_starts = [m.start() for m in WORD.finditer(theirs, pair.b_start, pair.b_end)]
    for start, end, b_start, b_end, added in _candidates(text, theirs, pair.ops, limits):
        if text[end - 2:end].lower().replace("’", "'") == theirs[b_end - 2:b_end].lower().replace("’", "'") == "'s":
            end, b_end = end - 2, b_end - 2
        at = bisect.bisect_left(sentence.spans, (start, start))
        b_at = bisect.bisect_left(their_starts, b_start)
        if (at and b_at and sentence.words[at - 1] in ("a", "an") and their_words[b_at - 1].lower() in ("a", "an")
                and _article_differs(text[start:end], theirs[b_start:b_end])):
            at, b_at = at - 1, b_at - 1
            start, b_start = sentence.spans[at][0], their_starts[b_at]
        words, wording = _lower(text, start, end), _lower(theirs, b_start, b_end)
        named = (_named(text, start, end, pair.a_start), _named(theirs, b_start, b_end, pair.b_start))
        after = bisect.bisect_left(sentence.spans, (end, end))
        b_after = bisect.bisect_left(their_starts, b_end)
        kind = _kind(words, wording, limits)
        if (kind == "swap" and all(named) and not _common_word(words, wording)
                and not _word_in_name(text, sentence, at, after, their_words, b_at, b_after)):
            kind = "weak"  # one name for another (UK / Britain, Reuters / AFP): an editor's as often as a spinner's
        if kind != "edit":
            left, right = sentence.words[max(0, at - 2):at], sentence.words[after:after + 2]
            evidence = _evidence(left, words, wording, right or ("</s>",), at == 0, limits)
            yield Swap(start, end, theirs[b_start:b_end], words, wording, left, right, index,
                       kind == "weak" or added, evidence)


def _candidates(text: str, theirs: str, ops: tuple[WordOp, ...],
                limits: "CopySettings") -> Iterator[tuple[int, int, int, int, bool]]:
    """(start, end, sister's start, sister's end, words added or dropped) of each changed run.

    Words one copy has and the other lacks ("time to spare" for "time", "success
    story" for "success", "took in" for "took") are taken with the content word
    beside them that both copies write (the one before, else the one after), so
    the suggestion is the other copy's wording of that word.
    """
    for k, op in enumerate(ops):
        if op.kind == "replace":
            for (start, end), (b_start, b_end) in _pieces(text, theirs, op):
                yield start, end, b_start, b_end, False
        elif op.kind != "equal":
            extra = (WORD.findall(text, op.a_start, op.a_end) if op.kind == "delete"
                     else WORD.findall(theirs, op.b_start, op.b_end))
            titles = set(limits.titles.split())
            if len(extra) >= limits.max_swap_words or all(w.lower() in titles for w in extra):
                continue  # a rewritten passage, or "Mr" added or dropped
            before = ops[k - 1] if k and ops[k - 1].kind == "equal" else None
            after = ops[k + 1] if k + 1 < len(ops) and ops[k + 1].kind == "equal" else None
            if before is not None and _content(_last_word(text, before.a_start, before.a_end)[2]):
                (start, end, _), (b_start, b_end, _) = (_last_word(text, before.a_start, before.a_end),
                                                        _last_word(theirs, before.b_start, before.b_end))
                if op.kind == "delete":
                    yield start, op.a_end, b_start, b_end, True
                else:
                    yield start, end, b_start, op.b_end, True
            elif after is not None and _content(_first_word(text, after.a_start, after.a_end)[2]):
                (start, end, _), (b_start, b_end, _) = (_first_word(text, after.a_start, after.a_end),
                                                        _first_word(theirs, after.b_start, after.b_end))
                if op.kind == "delete":
                    yield op.a_start, end, b_start, b_end, True
                else:
                    yield start, end, op.b_start, b_end, True


def _last_word(text: str, start: int, end: int) -> tuple[int, int, str]:
    match = list(WORD.finditer(text, start, end))[-1]
    return match.start(), match.end(), match.group()


def _first_word(text: str, start: int, end: int) -> tuple[int, int, str]:
    match = WORD.search(text, start, end)
    return match.start(), match.end(), match.group()


def _content(word: str) -> bool:
    return word.lower() not in function_words() and not any(c.isdigit() for c in word)


def _article_differs(mine: str, theirs: str) -> bool:
    """Whether "a" fits before one wording and "an" before the other."""
    return vowel_sound(mine.lower()) != vowel_sound(theirs.lower())


def _pieces(text: str, theirs: str, op: Any) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The (this copy's, the sister's) character spans of a replaced run, word by word when
    it replaces as many content words or words apart, else whole."""
    mine = [m.span() for m in WORD.finditer(text, op.a_start, op.a_end)]
    other = [m.span() for m in WORD.finditer(theirs, op.b_start, op.b_end)]
    if len(mine) == len(other) > 1:
        grammar = function_words()
        content = not any(w.lower() in grammar for w in WORD.findall(text, op.a_start, op.a_end)
                          + WORD.findall(theirs, op.b_start, op.b_end))
        apart = any(not text[a:b].isspace() for (_, a), (b, _) in zip(mine, mine[1:]))
        if content or apart:
            return list(zip(mine, other))
    return [((mine[0][0], mine[-1][1]), (other[0][0], other[-1][1]))]


def _lower(text: str, start: int, end: int) -> tuple[str, ...]:
    """The lower-case words of `text[start:end]`."""
    return tuple(w.lower().replace("’", "'") for w in WORD.findall(text, start, end))


def _word_in_name(text: str, sentence: Sentence, at: int, after: int, their_words: list[str], b_at: int,
                  b_after: int) -> bool:
    """Whether a swapped capitalised word is an ordinary English word inside a name both copies
    otherwise write alike ("Residence Depot" for "Home Depot"): a spinner's, not an editor's."""
    mine, theirs = text[sentence.spans[at][0]:sentence.spans[after - 1][1]], their_words[b_at:b_after]
    if after - at != 1 or len(theirs) != 1 or min(zipf(mine.lower()), zipf(theirs[0].lower())) < 3.5:
        return False
    before = at > 0 and b_at > 0 and _same_name_word(text[slice(*sentence.spans[at - 1])], their_words[b_at - 1])
    behind = (after < len(sentence.spans) and b_after < len(their_words)
              and _same_name_word(text[slice(*sentence.spans[after])], their_words[b_after]))
    return before or behind


def _common_word(mine: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    """Whether one word stands for one word and either is a common English word (a lemma of
    the dictionary: "job", "gopher"), not only a name ("Britain", "Kyiv", "Reuters"): a
    spinner swaps the ordinary words of a name blind to the name ("European Job" for
    "European Commission", "on Gopher" for "on Friday"); an editor changes a name for a name."""
    return len(mine) == len(theirs) == 1 and (_dictionary_word(mine[0]) or _dictionary_word(theirs[0]))


def _same_name_word(mine: str, theirs: str) -> bool:
    return mine == theirs and mine[:1].isupper()


def _named(text: str, start: int, end: int, sentence_start: int) -> bool:
    """Whether `text[start:end]` holds a capitalised word that does not open its sentence."""
    return any(m.start() != sentence_start and m.group()[0].isupper() for m in WORD.finditer(text, start, end))


def _kind(mine: tuple[str, ...], theirs: tuple[str, ...], limits: "CopySettings") -> str:
    """What two wordings of one slot are: "edit" when an editor's change explains them (a title
    added, dropped or changed: "Mr" / "President" / "Tony"; a pronoun for a name); "weak"
    when it may be a spinner's but tells little (function words only, a spinner's "within the"
    for "on the" and an editor's "that" for "which"; a run of words for another: an editor's
    rewording more often than a spinner's); else "swap" ("Commoner" for "Mr" too)."""
    if not mine or not theirs or len(mine) > limits.max_swap_words or len(theirs) > limits.max_swap_words:
        return "edit"
    titles = set(limits.titles.split())
    mine_core = [w for w in mine if w not in titles]
    their_core = [w for w in theirs if w not in titles]
    if not mine_core or not their_core:
        rest = mine_core or their_core  # "Mr" for "President" or "Tony"; for "Commoner", a swap
        return "edit" if all(_title_or_name(w) for w in rest) else ("swap" if len(rest) == 1 else "weak")
    if (_figures_updated(mine_core, their_core, limits) or _spelling_variants(mine_core, their_core, limits)):
        return "edit"
    grammar = function_words()
    editing = set(limits.editing_words.split())
    if all(w in grammar or w in editing for w in mine_core + their_core):
        return "weak" if all(w in grammar for w in mine_core + their_core) else "edit"
    if mine_core[0] in editing and their_core[0] in editing:
        return "edit"  # "said" / "told reporters"
    pronouns = set(limits.pronouns.split())
    if all(w in pronouns for w in their_core) or all(w in pronouns for w in mine_core):
        return "edit"  # a name for "he" or "it", or back (not for "the": "Sanctus Aviator"); no spinner writes one
    if min(len(mine), len(theirs)) > 1:
        return "weak"
    return "swap"


def _title_or_name(word: str) -> bool:
    """Whether a word is a title ("President") or a word of names ("Tony"), not an ordinary
    word ("Commoner")."""
    from ..names.gazetteer import name_word, titles

    return word in titles() or (name_word(word) and not _dictionary_word(word))


def _dictionary_word(word: str) -> bool:
    """Whether the dictionary (WordNet's lower-case lemmas) knows the word or its lemma."""
    return bool(lemmas(word))


def _figures_updated(mine: list[str], theirs: list[str], limits: "CopySettings") -> bool:
    """Figures or dates on both sides (or a figure for another number's word): an update,
    not a swap; "2" for "two" is a spinner's artifact."""
    dates = set(limits.figure_words.split())

    def figures(words: list[str]) -> list[str]:
        return [f for w in words for f in ([_NUMBERS.get(w, w)] if w in _NUMBERS or w in dates else _DIGITS.findall(w))]

    mine_figures, their_figures = figures(mine), figures(theirs)
    return bool(mine_figures and their_figures) and mine_figures != their_figures


def _spelling_variants(mine: list[str], theirs: list[str], limits: "CopySettings") -> bool:
    """defence / defense, U.S. / US, Zelensky / Zelenskyy, organised / organized, a typo."""
    plain_mine, plain_theirs = _PLAIN.sub("", "".join(mine)), _PLAIN.sub("", "".join(theirs))
    if plain_mine == plain_theirs:
        return True
    if len(mine) == len(theirs) and all(_variant(a, b, limits) for a, b in zip(mine, theirs)):
        return True
    return False


def same_form(a: str, b: str, limits: "CopySettings") -> bool:
    """Two spellings of one word form: a British / American spelling change (colour / color)
    or one lemma in one form (spoilt / spoiled, both the past of 'spoil')."""
    return a == b or _respelt(a, b, limits) or bool(set(lemmas(a)) & set(lemmas(b)))


def _variant(a: str, b: str, limits: "CopySettings") -> bool:
    """Two spellings of one word: the same after a British / American spelling change, two
    forms of one lemma, or much alike where one is no English word wordfreq knows and not
    both are dictionary words (a name's transliteration, a typo)."""
    if a == b or _respelt(a, b, limits):
        return True
    from rapidfuzz.fuzz import ratio

    if (ratio(a, b) >= limits.max_spelling_similarity and min(zipf(a), zipf(b)) < limits.known_word_zipf
            and not (_dictionary_word(a) and _dictionary_word(b))):  # not two words: Knight / Knighthood
        return True
    return bool({lemma for lemma, _, _ in lemmas(a)} & {lemma for lemma, _, _ in lemmas(b)})


def _respelt(a: str, b: str, limits: "CopySettings") -> bool:
    """Whether one word is the other after a British / American spelling change."""
    return any(a.replace(british, american) == b or b.replace(british, american) == a
               for british, american in _spelling_changes(limits.spelling_changes))


@lru_cache(maxsize=4)
def _spelling_changes(changes: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(change.split(":", 1)) for change in changes.split())  # type: ignore[misc]


def _evidence(left: tuple[str, ...], mine: tuple[str, ...], theirs: tuple[str, ...], right: tuple[str, ...],
              start: bool, limits: "CopySettings") -> float:
    """How much better the sister's wording fits: the language model's gain (nats; `start`:
    at the sentence's start) plus `rarity-weight` times how much commoner it is (Zipf);
    positive when this copy's is the swap."""
    gain = language_model().gain(left, mine, theirs, right, start=start)
    return gain + limits.rarity_weight * (zipf(" ".join(theirs)) - zipf(" ".join(mine)))
