"""A person's title swapped by a spinner: "Plebeian Blair" for "Mr Blair" (`spin.name`).

A spinner blind to names swaps the title before a surname for a synonym and keeps it
capitalised: "Mr" becomes "Commoner" or "Plebeian", "Dr" "Pedagogue".  No gazetteer
knows the person, but the text does: it writes the surname elsewhere after a title
("Mr Blair", "Dr Greenspan"; `rules/data/spin_name_person_titles.txt`).  A word is reported when,
inside a sentence, it stands capitalised right before such a surname, alone (no other
capitalised word joins the two), and it is a dictionary noun or adjective that clean
news almost never capitalises (`max_title_share` of its uses inside a sentence,
`rules/data/spin_name_case.tsv`), neither a title nor a first name ("Will Young" stays
quiet).  The fix is the title the text writes before that surname.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .lexicon import lemmas
from .signals import Signal

if TYPE_CHECKING:
    from .name_words import NameWords
    from .settings import NameSettings
    from .spun_names import _Tokens


def find_spun_titles(tokens: "_Tokens", words: "NameWords", titles: frozenset[str], settings: "NameSettings",
                     sentence_start: Callable[[int], bool]) -> list[Signal]:
    """Signals for capitalised words that stand in a person's title before a surname the
    text writes after one of `titles` elsewhere."""
    surnames = _surnames(tokens, words, titles)
    if not surnames:
        return []
    found = []
    names = tokens.words
    for s in range(len(names) - 1):
        surname = names[s + 1]
        if surname not in surnames or not tokens.joined(s, s + 2) or not _swapped_title(names[s], words, settings):
            continue
        if _capitalised_beside(tokens, s, s + 2, sentence_start):
            continue  # part of a longer name ("Carlos Baez Silva")
        if sentence_start(tokens.starts[s]) and not _only_nominal(names[s]):
            continue  # a sentence's first word may be a verb or a preposition ("Like Professor Smith")
        title = surnames[surname]
        found.append(Signal(
            tokens.starts[s], tokens.ends[s], "name", "spin.name",
            f"'{names[s]} {surname}' reads as a person's name with the title swapped for '{names[s]}', "
            f"as a spinner does, blind to names (a word news seldom capitalises, before a surname "
            f"the text writes elsewhere). Write '{title} {surname}'.",
            (title,), settings.confidence, {}))
    return found


def _swapped_title(word: str, words: "NameWords", settings: "NameSettings") -> bool:
    """Whether a capitalised word could be a spinner's synonym of a title: a dictionary word
    that names seldom hold, a noun or an adjective ("Uniquely Detroit" is no title), neither a
    title nor a first name."""
    lower = word.lower()
    return (word[0].isupper() and word not in words.titles and lower not in words.capitalised
            and any(pos in ("n", "a", "s") for _, pos, _ in lemmas(lower))
            and words.lookalike_word(word) and words.name_share(lower) <= settings.max_title_share)


def _only_nominal(word: str) -> bool:
    """Whether every dictionary reading of a word is a noun or an adjective ("Plebeian",
    "Commoner"; not "Like", "Given")."""
    return all(pos in ("n", "a", "s") for _, pos, _ in lemmas(word.lower()))


def _surnames(tokens: "_Tokens", words: "NameWords", titles: frozenset[str]) -> dict[str, str]:
    """The surnames the text writes after a title, each with the first title written before
    it ("Blair" -> "Mr" for "Mr Blair").  A first name is no evidence: "Walmart Inc" and
    "Huntington Beach" read as a first name and a surname."""
    found: dict[str, str] = {}
    names = tokens.words
    for k in range(len(names) - 1):
        if names[k] in titles and _surname(names[k + 1], words) and tokens.joined(k, k + 2):
            found.setdefault(names[k + 1], names[k])
    return found


def _surname(word: str, words: "NameWords") -> bool:
    """Whether a word can be a surname: capitalised, with lower-case letters, and no dictionary
    word or one news mostly capitalises ("Brown")."""
    return (word[0].isupper() and any(c.islower() for c in word)
            and (not lemmas(word.lower()) or words.name_share(word) >= words.settings.max_name_share))


def _capitalised_beside(tokens: "_Tokens", first: int, last: int, sentence_start: Callable[[int], bool]) -> bool:
    """Whether a capitalised word joins tokens[first:last] before (not a sentence's first) or after."""
    names = tokens.words
    if tokens.joined(first - 1, first + 1) and names[first - 1][0].isupper():
        if not sentence_start(tokens.starts[first - 1]):
            return True
    return tokens.joined(last - 1, last + 1) and names[last][0].isupper()
