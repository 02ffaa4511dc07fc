"""A person's title swapped by a spinner: "Plebeian Blair" for "Mr Blair" (`spin.name`).

A spinner blind to names swaps the title before a surname for a synonym and keeps it
capitalised: "Mr" becomes "Commoner" or "Plebeian", "Dr" "Pedagogue".  No gazetteer
knows the person, but the text does: it writes the surname elsewhere after a title
("Mr Blair", "Dr Greenspan"; `rules/data/spin_name_person_titles.txt`) or after a first
name ("Tony Gammell", when the surname is a rare word, `max_surname_zipf`: not "Walmart
Inc", "Huntington Beach").  A word is reported when it stands capitalised right before
such a surname, alone (no other capitalised word joins the two), and it is a dictionary
noun or adjective that clean news almost never capitalises (`max_title_share` of its uses
inside a sentence, `rules/data/spin_name_case.tsv`), neither a title nor a first name
("Will Young" stays quiet).  Stricter where the evidence is weaker: at a sentence's start
(where every word is capitalised) or with a first name only, the word must have no other
reading than a noun or an adjective ("Like Professor Smith", "Spread Firefox"), and a
sentence's first word needs a title ("Actor Foxx", "Rocker Doherty" open headlines).
The fix is the title the text writes before that surname, when it writes one.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .lexicon import lemmas, zipf
from .signals import Signal

if TYPE_CHECKING:
    from .name_words import NameWords
    from .settings import NameSettings
    from .spun_names import _Tokens


def find_spun_titles(tokens: "_Tokens", words: "NameWords", titles: frozenset[str], settings: "NameSettings",
                     sentence_start: Callable[[int], bool]) -> list[Signal]:
    """Signals for capitalised words that stand in a person's title before a surname the
    text writes after one of `titles` or a first name elsewhere."""
    surnames, stopped = _surnames(tokens, words, titles, settings)
    if not surnames:
        return []
    found = []
    names = tokens.words
    for s in tokens.capitals:
        if s == len(names) - 1:
            break
        at = _person_after(tokens, s, surnames, stopped, words)
        if at is None or not _swapped_title(names[s], words, settings):
            continue
        surname = names[at]
        if _capitalised_beside(tokens, s, at + 1, sentence_start):
            continue  # part of a longer name ("Carlos Baez Silva")
        title = surnames[surname]
        first = sentence_start(tokens.starts[s])
        if (not title or first) and not _only_nominal(names[s]):
            continue  # "Like Professor Smith", "Spread Firefox"
        if first and (not title or at > s + 1):
            continue  # a headline's or a sentence's role: "Actor Foxx", "Producer Judy Craymer"
        person = tokens.text[tokens.ends[s]:tokens.ends[at]]  # " Blair", ". Ali", " Donald Trump"
        fix = f"Write '{title}{person}'." if title else "Restore the person's title."
        found.append(Signal(
            tokens.starts[s], tokens.ends[s], "name", "spin.name",
            f"'{names[s]}{person}' reads as a person's name with the title swapped for '{names[s]}', "
            f"as a spinner does, blind to names (a word news seldom capitalises, before a surname "
            f"the text writes elsewhere). {fix}",
            (title,) if title else (), settings.confidence, {}))
    return found


def _person_after(tokens: "_Tokens", s: int, surnames: dict[str, str], stopped: set[str],
                  words: "NameWords") -> int | None:
    """The index of the surname that follows token `s` as a title's ("Plebeian Blair"), also
    after a first name when a title comes before that surname elsewhere ("Imperator Donald
    Trump" beside "President Trump"), or after a full stop where the text writes a title
    and a full stop before it ("Pedagogue. Ali" beside "Dr. Ali"); None if none does."""
    names = tokens.words
    nxt = s + 1
    if tokens.joined(s, s + 2):
        if names[nxt] in surnames:
            return nxt
        if (_first_name(names[nxt], words) and tokens.joined(nxt, nxt + 2)
                and surnames.get(names[nxt + 1])):
            return nxt + 1
    elif nxt < len(names) and names[nxt] in stopped and _full_stop(tokens, s):
        return nxt
    return None


def _full_stop(tokens: "_Tokens", k: int) -> bool:
    """Whether tokens k and k + 1 stand apart by a full stop and one space ("Dr. Ali")."""
    return tokens.text[tokens.ends[k]:tokens.starts[k + 1]] == ". "


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
    "Commoner"; not "Like", "Given", "Spread")."""
    return all(pos in ("n", "a", "s") for _, pos, _ in lemmas(word.lower()))


def _surnames(tokens: "_Tokens", words: "NameWords", titles: frozenset[str],
              settings: "NameSettings") -> tuple[dict[str, str], set[str]]:
    """The surnames the text writes after a title or a first name, each with the first title
    written before it ("Blair" -> "Mr" for "Mr Blair"; "" for "Tony Gammell" alone), and
    those it writes after a title and a full stop ("Dr. Ali")."""
    found: dict[str, str] = {}
    stopped: set[str] = set()
    names = tokens.words
    capitals = tokens.capitals
    for k, following in zip(capitals, capitals[1:]):
        if following != k + 1:
            continue  # both words capitalised, side by side
        given, surname = names[k], names[k + 1]
        if not _surname(surname, words):
            continue
        if not tokens.joined(k, k + 2):
            if given in titles and _full_stop(tokens, k):  # "Dr. Ali"
                found[surname] = found.get(surname) or given
                stopped.add(surname)
            continue
        if given in titles:
            found[surname] = found.get(surname) or given
        elif _first_name(given, words) and zipf(surname.lower()) < settings.max_surname_zipf:
            found.setdefault(surname, "")
    return found, stopped


def _first_name(word: str, words: "NameWords") -> bool:
    """Whether a word reads as a first name: a capitalised word of the name lists that is no
    dictionary word ("Tony"; not "Bill")."""
    lower = word.lower()
    return word[0].isupper() and word[1:].islower() and lower in words.capitalised and not lemmas(lower)


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
