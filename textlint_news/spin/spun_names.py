"""Spun proper names: a known name with one word swapped for a synonym, blind to the name.

A spinner does not know that "Home Depot" is a name: it writes "Residence Depot",
"Texas Devices", "Digital Arts", "the Financial institution of England".  A run of
capitalised words is such a swap when it equals a known multi-word name in every word
but one slot (one or two words in the text for one word of the name), and the slot's
words are an ordinary English word related to the name's word: a WordNet synonym either
way (`lexicon.synonyms`), or both synonyms of a third word and fairly close in GloVe's
vector space (`min_cosine_shared`: "Residence" and "Home" both mean "abode"), or close in
that space alone (`min_cosine`; a spinner's dictionary need not be WordNet).  Known names
come from the shipped gazetteer (`rules/data/spin_names.txt`: index companies, countries,
states, cities, institutions)
and from the capitalised names of the text itself and of its sister copies.  GloVe alone
relates too many words of one kind ("Health"/"Education", "Radio"/"News") to stand on its
own: a swap it finds counts only where the text or a sister copy also writes the known name.

Without a thesaurus ("Pits Fargo" for "Wells Fargo", a dictionary the detector does not
have): a word that names seldom hold (`rules/data/spin_name_case.tsv`), rarer than the
name's word, that the 3-gram language model has not seen beside the name's other words and
where it prefers the real name by `min_model_gain` nats (`_lookalike`); known names then
also include those the training split of ../shared/data writes (`spin_names_news.txt`).
A word news writes capitalised as often as not ("Tory") is a name's own, never a swap.

Precision first: a run that is itself a known name ("New Hampshire" beside "New Jersey",
or a WordNet name such as "Home Office"), that another copy also writes, that is part of a
longer capitalised run ("National Safety Council"), or whose words are of one kind that
tells names apart ("North"/"South", "Secretary"/"Office": `rules/data/spin_names_contrast.txt`)
stays quiet, as does a swap of a function word, a spelling variant or an inflection
("Theatre", "Images") or of a word that clean news seldom writes in lower case ("Jersey",
"Jessica").
"""
from __future__ import annotations

import math
import re
from functools import cached_property, lru_cache
from bisect import bisect_left
from itertools import accumulate, compress, count, repeat
from operator import itemgetter, ne
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, NamedTuple, Sequence

from ..check import RuleInfo
from ..patterns import compile_pattern
from .copies import SisterCopy
from .lexicon import function_words, in_table, synonyms, word_frequencies, zipf
from .name_capitals import case_table, word_list
from .name_words import NameWords, association, model_gain, stems, variant
from .rarity import load_collocations
from .detector_settings import detector_settings
from .settings import NameSettings
from .signals import CHECK, DetectorContext, Signal
from .spun_titles import find_spun_titles

if TYPE_CHECKING:
    from ..check import Context
    from ..document import Document

# A word (letters, inner ’'&.- between them) or "&", in one group: `split` keeps the tokens
# between the gaps, and what stands between two words is the gap.
_TOKEN = re.compile(r"([A-Za-z]+(?:[’'&.-]+[A-Za-z]+)*|&)")
_POSSESSIVE = re.compile("['’]s")
_CONNECTORS = frozenset(("of", "the", "and", "for", "de", "&"))
# A capitalised name in running text: two or more capitalised words, connectors between.
_NAME_WORD = r"[A-Z][A-Za-z’'&-]*(?:\.[A-Za-z]+)*"
# RE2: Python's engine retried a long hyphenated run from each of its capitals ("A-A-A-...").
_NAME_RUN = compile_pattern(rf"\b{_NAME_WORD}(?:[ ](?:(?:of|the|and|for|de|&)[ ])?{_NAME_WORD})+")


class _Entry(NamedTuple):
    name: str  # the known name, words joined by single spaces
    word: str  # the word of the name that a slot would have replaced


_Key = tuple[tuple[str, ...], tuple[str, ...]]


class NameIndex:
    """Known multi-word names, keyed by the words around each swappable word: "Home Depot"
    is found under ((), ("Depot",)) with "Home" as its slot word, and under (("Home",), ()).
    Entries are kept as plain (name, word) pairs, which `marshal` keeps in the model cache."""

    def __init__(self, names: Iterable[str], swappable: Callable[[str], bool]) -> None:
        self.names: set[str] = set()
        self.keys: dict[_Key, list[tuple[str, str]]] = {}
        for name in names:
            words = tuple(name.split())
            joined = " ".join(words)
            if len(words) < 2 or joined in self.names:
                continue
            self.names.add(joined)
            for i, word in enumerate(words):
                if word not in _CONNECTORS and swappable(word):
                    self.keys.setdefault((words[:i], words[i + 1:]), []).append((joined, word))

    @classmethod
    def of(cls, names: set[str], keys: dict[_Key, list[tuple[str, str]]]) -> "NameIndex":
        """An index with these names and keys (as read back from the model cache)."""
        index = cls((), bool)
        index.names, index.keys = names, keys
        return index

    def entries(self, key: _Key) -> list[_Entry]:
        """The names found under `key`, with their slot words."""
        return [_Entry(*pair) for pair in self.keys.get(key, ())]


def text_names(text: str, ordinary: Callable[[str], bool]) -> set[str]:
    """The capitalised multi-word names of a text ("Bank of England", "Home Depot"); a run's
    first word is left out where it starts a sentence and is an `ordinary` word ("Follow
    Jessica", "In Virginia"; not "Texas Instruments")."""
    names = set()
    for match in _NAME_RUN.finditer(text):
        words = match.group().split()
        if _sentence_start(text, match.start()) and ordinary(words[0]):
            words = words[1:]
            while words and words[0] in _CONNECTORS:
                words = words[1:]
        if len(words) >= 2:
            names.add(" ".join(words))
    return names


@lru_cache(maxsize=64)
def _names_of(text: str, ordinary: Callable[[str], bool]) -> frozenset[str]:
    """`text_names`, kept for the texts of a story's copies, which each copy reads."""
    return frozenset(text_names(text, ordinary))


def _sentence_start(text: str, offset: int) -> bool:
    """Whether `offset` starts a line or follows a sentence's end (capitalised in any case)."""
    return bool(re.search(r"(?:^|[.!?:;—–\n][\"'“‘’”)]*)\s*[\"'“‘(]*$", text[max(0, offset - 6):offset]))


def find_spun_names(text: str, others: Sequence[str], settings: NameSettings) -> list[Signal]:
    """Signals for names in `text` that are a known name with a word swapped; `others` are
    the texts of sister copies (their names are known names too)."""
    if not settings.enabled:
        return []
    tables = _tables(settings)
    own = _names_of(text, tables.ordinary)
    sisters: set[str] = set().union(*(_names_of(o, tables.ordinary) for o in others))
    local = NameIndex(sorted(own | sisters), tables.swappable)
    tokens = _Tokens(text)
    titles = find_spun_titles(tokens, tables.words, tables.person_titles, settings,
                              lambda offset: _sentence_start(text, offset))
    taken = {t.start for t in titles}  # a title swapped before a surname: its fix is the title
    found: list[Signal] = []
    taken_until = -1
    words = tokens.words
    for s in tokens.capitals:
        word = words[s]
        if tokens.starts[s] >= taken_until and tokens.starts[s] not in taken and (
                tables.swappable(word) or tables.words.lookalike_word(word)):
            match = _best_match(tokens, s, settings, tables, local, sisters, others)
            if match is not None:
                found.append(match)
                taken_until = match.end
    return sorted(found + titles, key=lambda signal: signal.start)


class _Tokens:
    """A text's words with their offsets, and which stand joined by single spaces (a name
    never spans a line, a punctuation mark or a possessive: "England's Monetary").

    Built from one `split` of the text (tokens and the gaps between them, in C) and C-level
    maps: no Python work per token.  `capitals` are the indexes of the capitalised words,
    the only ones the spun names and titles start from."""

    def __init__(self, text: str) -> None:
        self.text = text
        parts = _TOKEN.split(text)  # gap, token, gap, token, ..., gap
        tokens = parts[1::2]
        offsets = list(accumulate(map(len, parts)))
        self.starts = offsets[0:-1:2]
        self.ends = ends = offsets[1::2]
        self.words = tokens
        # a run breaks before a word after anything but one space, or after a possessive
        breaks = list(map(ne, parts[2:-1:2], repeat(" ")))
        for found in _POSSESSIVE.finditer(text):  # a token that ends in 's: "England's" -> "England"
            i = bisect_left(ends, found.end())
            if i < len(ends) and ends[i] == found.end() and self.starts[i] <= found.start():
                tokens[i] = tokens[i][:-2]
                ends[i] -= 2
                if i < len(breaks):
                    breaks[i] = True
        self._breaks = list(accumulate(breaks, initial=1))  # runs begun up to each word
        self.capitals = list(compress(count(), map(str.isupper, map(itemgetter(0), tokens))))

    def joined(self, first: int, last: int) -> bool:
        """Whether tokens[first:last] (inside the text) stand in one run."""
        return 0 <= first and last <= len(self.words) and self._breaks[first] == self._breaks[last - 1]

    def whole_name(self, first: int, last: int) -> bool:
        """Whether tokens[first:last] are the whole capitalised run they stand in: no
        capitalised word joins them before (except one that starts a sentence) or after."""
        words = self.words
        if self.joined(first - 1, first + 1) and words[first - 1][0].isupper():
            if not _sentence_start(self.text, self.starts[first - 1]):
                return False
        if self.joined(last - 1, last + 1):
            following = words[last]
            if following[0].isupper() or (following in _CONNECTORS and self.joined(last, last + 2)
                                          and words[last + 1][0].isupper()):
                return False
        return True


def _best_match(tokens: _Tokens, s: int, settings: NameSettings, tables: "_Tables",
                local: NameIndex, sisters: set[str], others: Sequence[str]) -> Signal | None:
    """The swap whose slot starts at token `s`, if any (the longest name around it)."""
    words = tokens.words
    best: tuple[int, str, str, str, str, str] | None = None
    for width in range(1, settings.max_slot_words + 1):
        slot_end = s + width
        if not tokens.joined(s, slot_end):
            break
        slot = " ".join(words[s:slot_end])
        if width > 1 and not (all(w.islower() for w in words[s + 1:slot_end]) and tables.phrase(slot)):
            break  # only a thesaurus phrase stands for one word: "Financial institution"
        for before in range(0, settings.max_context_words + 1):
            if not tokens.joined(s - before, s + 1):
                break
            prefix = tuple(words[s - before:s])
            for after in range(0, settings.max_context_words + 1):
                end = slot_end + after
                if not tokens.joined(slot_end - 1, end):
                    break
                key = (prefix, tuple(words[slot_end:end]))
                if key not in tables.index.keys and key not in local.keys and key not in tables.lookalikes.keys:
                    continue  # no name around (most keys: looked up before any list is made)
                entries = [("gazetteer", e) for e in tables.index.entries(key)]
                entries += [("text", e) for e in local.entries(key)]
                entries += [("lookalike", e) for e in tables.lookalikes.entries(key)]
                if not entries or not tokens.whole_name(s - before, end):
                    continue  # no name around, or part of a longer name ("National Safety Council")
                written = " ".join(words[s - before:end])
                if (written in tables.lookalikes.names or written in sisters or tables.phrase(written)
                        or any(written in other for other in others)):
                    return None  # a real name ("New Hampshire"), or one a sister copy writes too
                for source, entry in entries:
                    if entry.name == written:
                        continue
                    known = entry.name in local.names
                    if source == "lookalike":
                        relation = "model" if _lookalike(tokens, s, before, end, key, entry, tables, known) else ""
                    else:
                        relation = tables.related(slot, entry.word)
                    confirmed = source == "text" and entry.name in tables.index.names
                    if relation == "shared" and not (confirmed or _distinctive(key, tables)):
                        continue  # "Home Order" beside "Home Office": one common word in common
                    if relation == "vectors" and not confirmed:
                        continue  # vectors alone: only for a known name the text or a copy also writes
                    if relation != "thesaurus" and len(tables.lookalikes.keys.get(key, ())) > 1:
                        continue  # an open slot ("___ Street", "BBC ___"): new names are made there
                    if relation and (best is None or before + after > best[0]):
                        best = (before + after, written, entry.name, slot, entry.word, relation)
    if best is None:
        return None
    _, written, name, slot, word, relation = best
    return Signal(
        tokens.starts[s], tokens.ends[s + len(slot.split()) - 1], "name", "spin.name",
        f"'{written}' reads as the name '{name}' with '{word}' swapped for '{slot}', as a "
        f"spinner does, blind to names ({_EVIDENCE[relation]}). Write '{name}'.",
        (word,), settings.confidence, {},
    )


_EVIDENCE = {
    "thesaurus": "a thesaurus synonym",
    "shared": "both words mean one thing",
    "vectors": "words of one topic, and the text or a copy writes the name",
    "model": "a word names seldom hold, where the language model expects the name's",
}


def _lookalike(tokens: _Tokens, s: int, before: int, end: int, key: tuple[tuple[str, ...], tuple[str, ...]],
               entry: _Entry, tables: "_Tables", known: bool) -> bool:
    """Whether token `s` reads as a swap of `entry.word` by a thesaurus the detector does not
    read: inside a sentence, a word names seldom hold (`_Tables.lookalike`), the words it
    leaves identify the name, and the language model prefers the real name by far."""
    slot = tokens.words[s]
    words = tables.words
    if not words.lookalike(slot, entry.word):
        return False
    if not any(words.own_word(w) for w in (*key[0], *key[1])):
        return False  # the words left must include a name's own ("Fargo"), not only "National League"
    if s + 1 == end and all(words.given(w) for w in key[0]):
        return False  # a surname after a first name or a title ("Kate Whiting", "Mr Prior"): a person
    if before == 0 and slot.lower() in words.capitalised:
        return False  # a first name before a surname ("Curt Hopkins", "Doris Brown")
    if _sentence_start(tokens.text, tokens.starts[s]):
        return False  # every sentence's first word is capitalised: no evidence of a name
    if association(tokens.words, s, before, end) > tables.settings.max_association:
        return False  # English writes this word beside these ("World Social Forum"): a name's own
    wanted = tables.settings.min_model_gain if known else tables.settings.min_model_gain_alone
    return model_gain(tokens.words, s - before, s, end, entry.word) >= wanted


def _distinctive(key: tuple[tuple[str, ...], tuple[str, ...]], tables: "_Tables") -> bool:
    """Whether the words a swap leaves of a name identify it: two or more, or a name's own
    word ("Depot", "England"), not a lone common word ("Office", "Air")."""
    kept = [w for w in (*key[0], *key[1]) if w not in _CONNECTORS]
    return len(kept) >= 2 or not all(tables.ordinary(w) for w in kept)


class _Tables:
    """The gazetteer index, the word vectors and the word tests, loaded once: the parsed
    tables and both name indexes are worked out at the first run and read back from the
    model cache after (`mapped.cached_value`, 0.2 s -> 0.02 s)."""

    def __init__(self, settings: NameSettings) -> None:
        from ..mapped import cached_value

        self.settings = settings
        self._zipf = zipf
        built = cached_value(f"spun-names-{_digest(repr(settings))}", _sources(settings),
                             lambda: self._parsed(settings))
        self.contrast: dict[str, set[int]] = built["contrast"]
        self.function_words = function_words()
        self.capitalised = word_list("data/names_capitalised.txt")  # shared with `name_capitals`
        self.words = NameWords(settings, self.function_words, self.capitalised,
                               frozenset(built["titles"]), self.contrast, case_table(settings.case))
        self.index = NameIndex.of(*built["index"])
        self.lookalikes = NameIndex.of(*built["lookalikes"])
        self.person_titles = frozenset(built["person_titles"])

    def _parsed(self, settings: NameSettings) -> dict[str, Any]:
        """The tables parsed from the shipped files, and the name indexes built on them."""
        from ..resources import load_data

        self.contrast = {}
        for number, line in enumerate(load_data(settings.contrast)):
            for word in line.split():
                self.contrast.setdefault(word, set()).add(number)
        self.function_words = function_words()
        self.capitalised = word_list("data/names_capitalised.txt")
        titles = frozenset(load_data("data/names_titles.txt"))
        person_titles = frozenset(load_data(settings.person_titles))
        self.words = NameWords(settings, self.function_words, self.capitalised, titles, self.contrast,
                               case_table(settings.case))
        index = NameIndex(load_data(settings.gazetteer), self.swappable)
        lookalikes = NameIndex([*load_data(settings.gazetteer), *load_data(settings.news_gazetteer)],
                               self.words.entity_word)
        return {"contrast": self.contrast, "titles": titles, "person_titles": person_titles,
                "index": (index.names, index.keys), "lookalikes": (lookalikes.names, lookalikes.keys)}

    @lru_cache(maxsize=65536)
    def swappable(self, word: str) -> bool:
        """Whether a spinner would swap this word of a name: an ordinary English word that
        clean news writes in lower case (not "Jersey", "Smith", "Texas")."""
        lower = word.lower()
        if lower in self.function_words or not self.ordinary(lower):
            return False
        return not (lower in self.capitalised and _familiarity(lower) < 0)  # mostly a name: "Jessica"

    @lru_cache(maxsize=65536)
    def ordinary(self, word: str) -> bool:
        """Whether a word is common English that clean news writes in lower case."""
        lower = word.lower()
        if lower in self.function_words:
            return True
        return (lower.isalpha() and len(lower) >= 3 and self._zipf(lower) >= self.settings.min_word_zipf
                and _familiarity(lower) >= self.settings.min_familiarity)

    @lru_cache(maxsize=65536)
    def related(self, slot: str, word: str) -> str:
        """How the text's `slot` (one or more words) could be a spinner's synonym of `word`:
        "thesaurus", "shared" (a synonym in common), "vectors" (GloVe alone) or "" (not)."""
        slot, word = slot.lower(), word.lower()
        if word in slot.split() or not all(self.swappable(w) for w in slot.split()):
            return ""
        if any(self.words.name_share(w) >= self.settings.max_name_share for w in slot.split()):
            return ""  # a name's own word ("Tory Party" beside "Conservative Party"): another name
        if stems(slot) & stems(word) or variant(slot, word):
            return ""  # "Getty Image", "Theater", "Lab": a variant or a slip, not a synonym
        if self.contrast.get(slot, set()) & self.contrast.get(word, set()):
            return ""  # "North"/"South", "New"/"Old": another name, not a synonym
        if word in synonyms(slot) or slot in synonyms(word):
            return "thesaurus"
        if " " in slot and any(f" {slot} " in f" {entry} " for entry in synonyms(word)):
            return "thesaurus"  # "financial institution" in "depository financial institution" (bank)
        cosine = self.cosine(slot, word)
        # Two steps through the thesaurus ("residence" and "home" both mean "abode"),
        # backed by the vectors.
        if cosine >= self.settings.min_cosine_shared and set(synonyms(slot)) & set(synonyms(word)):
            return "shared"
        return "vectors" if cosine >= self.settings.min_cosine else ""

    @cached_property
    def rows(self) -> dict[str, int]:
        """The vectors' row of each of their 28,000 words (3 MB as a dict), read at the first
        cosine: one text in twenty of `../shared/data` needs one."""
        from ..mapped import cached_value
        from ..resources import load_data, rules_dir

        name = self.settings.vectors
        return cached_value(f"spun-names-rows-{_digest(name)}", [rules_dir() / f"{name}.txt", Path(__file__)],
                            lambda: {w: i for i, w in enumerate(load_data(f"{name}.txt"))})

    @cached_property
    def vectors(self) -> Any:
        """The GloVe vectors, mapped (numpy is imported for the first text to need a cosine)."""
        import numpy as np

        from ..resources import rules_dir

        return np.load(rules_dir() / f"{self.settings.vectors}.npy", mmap_mode="r")

    @staticmethod
    def phrase(slot: str) -> bool:
        """Whether a multi-word slot is a thesaurus entry (a spinner's phrase for one word)."""
        return in_table(slot.lower())

    def cosine(self, slot: str, word: str) -> float:
        """GloVe cosine of a word and a slot (the mean of its words' vectors); 0 if unknown."""
        import numpy as np

        rows = [self.rows.get(w) for w in slot.split()]
        other = self.rows.get(word)
        if other is None or None in rows:
            return 0.0
        a = np.asarray(self.vectors[rows], dtype=np.float64).sum(axis=0)
        b = np.asarray(self.vectors[other], dtype=np.float64)
        norm = float(np.linalg.norm(a) * np.linalg.norm(b))
        return float(a @ b) / norm if norm else 0.0


def _familiarity(word: str) -> float:
    """log(how often clean news writes `word` in lower case / how often wordfreq predicts):
    low for words that are common only as names."""
    table = load_collocations("data/collocations.tsv")
    expected = table.total * word_frequencies().get(word, 0.0)
    return math.log((table.count(word) + 0.5) / (expected + 0.5))


def _digest(text: str) -> str:
    from ..model_cache import sha256  # hashlib's, without loading OpenSSL

    return sha256(text.encode()).hexdigest()[:12]


def _sources(settings: NameSettings) -> list[Path]:
    """Every file the name tables are worked out from: the tables, the word lists and
    frequencies the word tests read, and the code."""
    from .. import english
    from ..resources import rules_dir

    data = [settings.gazetteer, settings.news_gazetteer, f"{settings.vectors}.txt", settings.contrast,
            settings.case, settings.person_titles, "data/function_words.txt", "data/names_capitalised.txt",
            "data/names_titles.txt",
            "data/synonyms.tsv", "data/inflections.tsv", "data/collocations.tsv"]
    code = [Path(__file__),
            *(Path(__file__).with_name(f"{m}.py") for m in ("name_words", "name_capitals", "lexicon", "rarity")),
            Path(english.__file__)]
    return [*(rules_dir() / d for d in data), *english.sources(), *code]


@lru_cache(maxsize=4)
def _tables(settings: NameSettings) -> _Tables:
    return _Tables(settings)


def preload(settings: NameSettings) -> None:
    """Load the gazetteer and the vectors now (before lint workers fork)."""
    if settings.enabled:
        _tables(settings)


RULES = (
    RuleInfo(
        "spin.name", "spin", "warning", "A known name with one word swapped for a synonym ('Residence Depot').",
        "Spinners swap words blind to names: 'Home Depot' becomes 'Residence Depot', 'Bank "
        "of England' 'Financial institution of England'.  A capitalised run that equals a "
        "known multi-word name (rules/data/spin_names.txt, or a name the text or a sister "
        "copy writes) in all but one word, where that word is a thesaurus synonym of the "
        "name's word, is reported with the real name as the fix.  Words related only in "
        "GloVe's vector space count only where the text or a copy also writes the real "
        "name; a word names seldom hold counts where the language model prefers the real "
        "name by far ('Pits Fargo').  Settings: rules/settings/spin.yml, detectors.names; see docs/spin-names.md."),
)


class NameDetector:
    """The `Detector` of spun names (settings: `detectors.names`); its signals are reported
    as found."""

    name = "names"
    kind = "name"
    rules = RULES
    stage = None

    def enabled(self, ctx: "Context") -> bool:
        return name_settings(ctx).enabled

    def preload(self, ctx: "Context") -> None:
        preload(name_settings(ctx))

    def signals(self, doc: "Document", context: DetectorContext) -> list[Signal]:
        """Known names with a word swapped for a synonym ("Residence Depot" for "Home Depot")."""
        others = [o.text for o in context.lint.observations(CHECK) if isinstance(o, SisterCopy)]
        settings = name_settings(context.lint)
        return find_spun_names(doc.text, others, settings) if others else lone_names(doc, settings)

    def fill(self, doc: "Document", ctx: "Context", signals: list[Signal]) -> None:
        pass  # nothing is left unasked


def lone_names(doc: "Document", settings: NameSettings = NameSettings()) -> list[Signal]:
    """`find_spun_names` of the text alone (no sister copies), cached in `doc.memo`: the
    classifier counts them (`features.sentence_rows`) and the detector reports them."""
    cached = doc.memo.get("spin.name.alone")
    if cached is not None and cached[0] == settings:
        return cached[1]
    found = find_spun_names(doc.text, (), settings)
    doc.memo["spin.name.alone"] = (settings, found)
    return found


def name_settings(ctx: "Context") -> NameSettings:
    """The `detectors.names` settings of the spin check."""
    return detector_settings(ctx).names


DETECTOR = NameDetector()
