"""Grammar left broken by a word swap: the traces a spinner leaves around what it changed.

- article: "a essential country" (the swap replaced a consonant-initial word, "main",
  and kept its article);
- each-plural: "each men" ("both" swapped for "each");
- digit: "the 2 leaders" (a spelled-out small number turned into a digit in prose);
- modal: "asked whether she can be invited" ("would" swapped for "can" in past-tense
  reported speech).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..check import RuleInfo
from .detector_settings import detector_settings
from .lexicon import lemmas, load_tables, synonyms, zipf
from .settings import ArtifactThresholds
from .signals import DetectorContext, Signal

if TYPE_CHECKING:
    from ..check import Context
    from ..document import Document

# "a"/"an" + the next word (letters only, so abbreviations and digits stay out).
_ARTICLE = re.compile(r"(?<![\w’'.-])(a|an|A|An)\s+([a-z][a-z’'-]*)\b(?!\.\w)")
# Vowel letters that sound like consonants ("a one-off", "a university", "a European").
_CONSONANT_SOUND_VOWEL = re.compile(
    r"^(?:one(?!r|ro)|once|uni(?:on|que|t|vers|form|f|lateral|son|corn|cameral)|unanim|uto|use|usu|usa|"
    r"ute|uti|ura|ure|uro|eu|ewe|ufo|uk|ubiq|u-)")
_FUNCTION_WORDS = frozenset(
    "a an the and or of on in at as if it is its up us our out off over into onto under "
    "upon about above after again against all any are be been but by do for from how "
    "i me my no not nor one only other so such than that this to was we were what when "
    "where which while who why with".split())
# Consonant letters that sound like vowels ("an hour", "an honest", "an heir", "an herb").
_VOWEL_SOUND_CONSONANT = re.compile(r"^(?:hour|honest|honou?r|heir|herb|hono)")

_EACH = re.compile(r"\b([Ee]ach)\s+([a-z]+)\b(?:\s+([a-z]+)\b)?")
_DIGIT = re.compile(r"(?<![\w.,$£€¥#/:-])([2-9])(?![\w.,:/%-])\s+([a-z]+)\b")
# Past-tense frames that require "would" in the reported clause: "asked whether X can be",
# "it was unlikely (that) X can be".
_MODAL = re.compile(
    r"\b(?:(?:asked|wondered|queried)\s+(?:whether|if)|(?:was|were)\s+(?:un)?likely(?:\s+that)?)"
    r"((?:\s+[\w’'-]+){1,4}?)\s+(can|can't|cannot)\s+be\b")
_NUMBER_WORDS = {"2": "two", "3": "three", "4": "four", "5": "five", "6": "six",
                 "7": "seven", "8": "eight", "9": "nine"}
# Words after a digit that make it normal style (units, scores, ranks, ages, times).
_DIGIT_OK_AFTER = frozenset(
    "am pm a.m p.m per percent million billion trillion m bn k km kg mm cm mph ft in lb lbs "
    "oz mb gb tb kb ghz mhz mins min hrs hr sec secs minutes hours seconds points pts goals "
    "runs wickets sets games nil p x v vs of to and or out times feet foot inches metres meters "
    "miles yards acres degrees pounds ounces gallons litres liters tons tonnes stone "
    "tips reasons things ways steps questions facts lessons signs takeaways rules myths "
    "secrets mistakes ideas books songs films movies places moments charts photos pictures "
    "stories".split())
# Time units: digits are house style at some US outlets ("in 3 months"), so weaker evidence.
_TIME_UNITS = frozenset("days weeks months years decades nights weekends".split())
_DIGIT_OK_BEFORE = re.compile(
    r"(?:\b(?:article|section|chapter|clause|level|stage|phase|tier|round|grade|class|"
    r"category|form|year|years|aged|age|ages|number|no|page|pages|room|gate|platform|"
    r"flight|route|line|channel|series|season|episode|part|vol|volume|version|week|day|"
    r"match|game|leg|test|at|by|from|between|under|over|top|seed|no\.|nos|of|and|or|to|"
    r"than|about|around|nearly|almost|only|just|some|every|each)|[+×x*=<>~−–-])\s*$",
    re.IGNORECASE)
# A small number spelled out in running prose: the text's house style, which a digit breaks.
_SPELLED_NUMBER = re.compile(r"(?<![A-Za-z-])(?:two|three|four|five|six|seven|eight|nine)(?![A-Za-z-])")
_DETERMINERS = frozenset("the these those all its his her their our your my both whose".split())


def find_artifacts(text: str, limits: ArtifactThresholds) -> list[Signal]:
    """Every artifact signal of a text, in text order."""
    found = [*_articles(text, limits), *_each_plural(text, limits),
             *_digits(text, limits), *_modals(text, limits)]
    return sorted(found, key=lambda s: (s.start, s.end))


def vowel_sound(word: str) -> bool:
    """Whether a lower-case English word starts with a vowel sound (spelling heuristics)."""
    if word[0] in "aeiou":
        return not _CONSONANT_SOUND_VOWEL.match(word)
    return bool(_VOWEL_SOUND_CONSONANT.match(word))


def _articles(text: str, limits: ArtifactThresholds):
    for match in _ARTICLE.finditer(text):
        article, word = match.group(1), match.group(2)
        plain = word.replace("’", "'").split("'")[0]
        if len(plain) < 2 or vowel_sound(plain) == (len(article) == 2):
            continue  # the article fits (almost always)
        if plain in _FUNCTION_WORDS or zipf(plain) < limits.min_word_zipf:
            continue
        if not any(pos != "v" for _, pos, _ in lemmas(plain)) and "-" not in plain:
            continue  # only a verb ("of a agree"): not an article and its noun phrase
        if article[0] == "A" and not re.search(r"(?:^|[.!?:;\n][\"'“‘’”]?|[\"'“‘])\s*$",
                                               text[max(0, match.start() - 3):match.start()]):
            continue  # "England A and", "Plan A", "envelope A": a letter, not an article
        if plain.startswith("h") and article.lower() == "an":
            continue  # "an historic", "an hotel": old but edited usage
        wants_an = vowel_sound(plain)
        if wants_an == (article.lower() == "an"):
            continue
        fixed = ("An" if article[0] == "A" else "an") if wants_an else ("A" if article[0] == "A" else "a")
        originals = [s for s in synonyms(plain)
                     if " " not in s and "-" not in s and vowel_sound(s) != wants_an
                     and zipf(s) >= 3.5 and _same_role(plain, s)]
        suggestions = [f"{article} {s}" for s in sorted(originals, key=zipf, reverse=True)[:2]]
        suggestions.append(f"{fixed} {word}")
        yield Signal(
            match.start(), match.end(), "artifact", "spin.artifact.article",
            f"'{article} {word}': the article does not fit the word, the mark of a word "
            f"swapped after the article was written"
            + (f" (perhaps '{suggestions[0]}')" if originals else "")
            + f"; at least write '{fixed} {word}'.",
            tuple(suggestions), limits.article_score,
            {"synonym_found": float(bool(originals))},
        )


# Nouns ending in -s that are singular or number-neutral: no evidence of a plural.
_SINGULAR_S = frozenset(
    "news series species means physics politics economics mathematics athletics ethics "
    "statistics diabetes measles mumps crossroads headquarters lens bus gas chaos thesis "
    "crisis basis analysis bias status census campus virus bonus focus process access "
    "success business address progress congress witness stress class glass mass pass "
    "loss boss kiss dress press chess grass cross gross mess".split())


def _same_role(word: str, synonym: str) -> bool:
    """Whether a synonym can stand where `word` stands after an article (noun or adjective)."""
    roles = {pos for _, pos, _ in lemmas(word)} & {"n", "a"}
    return bool(roles & {pos for _, pos, _ in lemmas(synonym)})


_VERB_FORMS_S = frozenset("has does goes says is was makes takes gives gets sees comes".split())


# Words that start a verb's object or complement, not a clause's verb: after "each needs"
# they show "needs" is the verb of "each" ("each needs a", "each wants just"), not a noun.
_OBJECT_START = frozenset(
    "to a an the his her its their our my your this that these those just only more less some "
    "no it them him us me you each every all about for on in at with from up out as than "
    "what how whether if".split())


def _reads_as_verb(word: str, after: str) -> bool:
    """Whether an -s word after "each" is its verb: it has a third-person verb reading and
    what follows starts an object or ends the clause."""
    if not any(pos == "v" and form == "3sg" for _, pos, form in lemmas(word)):
        return False
    following = re.match(r"\s*([A-Za-z]+)", after)
    return following is None or following.group(1).lower() in _OBJECT_START


def _is_plural_noun(word: str) -> bool:
    if word in _SINGULAR_S or word in _VERB_FORMS_S or word.endswith(("ss", "us", "is")):
        return False
    return any(pos == "n" and form == "plural" and lemma != word for lemma, pos, form in lemmas(word))


def _each_plural(text: str, limits: ArtifactThresholds):
    if "ach " not in text:
        return
    for match in _EACH.finditer(text):
        first, second = match.group(2), match.group(3)
        if _is_plural_noun(first):
            end = match.end(2)  # "each men"
        elif (second and first not in ("other", "one", "single", "such", "same", "individual")
              and any(pos == "a" for _, pos, _ in lemmas(first)) and _is_plural_noun(second)):
            end = match.end(3)  # "each main parties"
        else:
            continue
        noun = text[match.start(2):end].split()[-1]
        if _reads_as_verb(noun, text[end:end + 40]):
            continue  # "each needs a", "as long as each wants just": 'each' is the subject
        if any(pos == "v" for _, pos, _ in lemmas(noun)) and re.search(
                r"\b(?:they|we|you|them|us|these|those|who)\s*$", text[max(0, match.start() - 12):match.start()]):
            continue  # "they each houses ..." cannot be told from a verb
        each = match.group(1)
        both = "Both" if each[0] == "E" else "both"
        rest = text[match.end(1):end]
        yield Signal(
            match.start(), end, "artifact", "spin.artifact.each-plural",
            f"'{each}{rest}': 'each' takes a singular noun; a spinner swaps 'both' for "
            f"'each' and leaves the plural. Write '{both}{rest}'.",
            (f"{both}{rest}",), limits.each_score, {},
        )


def _digits(text: str, limits: ArtifactThresholds):
    """Digits 2-9 before a plural noun in prose; before any ordinary word in a text that
    spells out small numbers elsewhere (a spinner converts some and leaves the rest)."""
    matches = list(_DIGIT.finditer(text))
    mixed = bool(matches) and _SPELLED_NUMBER.search(text) is not None
    line_end = -1
    for match in matches:
        if match.start() > line_end:  # the first match of a line: read the line once
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            line_end = len(text) if line_end < 0 else line_end
            line = text[line_start:line_end]
            first_word = line_start + len(line) - len(line.lstrip())
            tabular = sum(c.isdigit() for c in line) > 6 or "|" in line or "\t" in line
        digit, word = match.group(1), match.group(2)
        if word in _DIGIT_OK_AFTER or zipf(word) < 3.0 or not (mixed or _is_plural_noun(word)):
            continue
        if re.match(r"[ap]\.m\b", text[match.start(2):match.start(2) + 4], re.IGNORECASE):
            continue  # "5 a.m.": a time
        before = text[max(0, match.start() - 30):match.start()]
        if _DIGIT_OK_BEFORE.search(before) or re.search(r"[A-Z]\w*\s*$", before):
            continue  # "Article 5", "aged 4", "between 2 and", "Windows 7"
        if tabular:
            continue  # tables, lists of figures, scores
        if match.start() <= first_word or re.search(
                r"\d", text[max(0, match.start() - 20):match.start()] + text[match.end():match.end() + 20]):
            continue  # a list item or headline, or figures side by side ("1 of the 5 criteria")
        previous = re.search(r"([a-z]+)\s*$", before)
        after_determiner = bool(previous and previous.group(1) in _DETERMINERS)
        score = limits.digit_after_determiner_score if after_determiner else limits.digit_score
        if word in _TIME_UNITS and not mixed:
            score *= limits.digit_time_unit_factor
        if mixed:
            score = max(score, limits.digit_mixed_style_score)
        spelled = _NUMBER_WORDS[digit]
        yield Signal(
            match.start(1), match.end(1), "artifact", "spin.artifact.digit",
            f"'{digit} {word}': news style spells out numbers under ten in running prose; "
            f"spinners turn '{spelled}' into '{digit}'. Write '{spelled}'.",
            (spelled,), score, {"after_determiner": float(after_determiner), "mixed_style": float(mixed)},
        )


def _modals(text: str, limits: ArtifactThresholds):
    if "can" not in text or not ("likely" in text or "whether" in text or " if " in text):
        return
    for match in _MODAL.finditer(text):
        if re.search(r"[.!?;:]", match.group(1)):
            continue
        modal = match.group(2)
        frame = " ".join(text[match.start():match.start(2)].split())
        yield Signal(
            match.start(2), match.end(2), "artifact", "spin.artifact.modal",
            f"'{modal} be' after the past-tense frame '{frame}': edited news writes "
            f"'would be' here; spinners swap 'would' or 'will' for 'can'.",
            ("would" if modal == "can" else "wouldn't",), limits.modal_score, {},
        )


RULES = (
    RuleInfo("spin.artifact.article", "spin", "warning", "'a' before a vowel sound or 'an' before a consonant sound.",
             "A spinner swaps the word after an article and keeps the article: 'a main "
             "country' becomes 'a essential country'. The suggestions are a synonym that fits "
             "the article (the likely original) and the article corrected."),
    RuleInfo("spin.artifact.each-plural", "spin", "warning", "'each' followed by a plural noun ('each men').",
             "Spinners swap 'both' for 'each' and leave the plural noun: 'both men' becomes "
             "'each men'."),
    RuleInfo("spin.artifact.digit", "spin", "warning", "A digit for a number under ten in running prose ('the 2 leaders').",
             "News style spells out one to nine; spinners turn 'two' into '2'. Units, scores, "
             "ages, dates, ranks, list items and names ('Article 5', 'G20', 'COVID-19') are "
             "left alone."),
    RuleInfo("spin.artifact.modal", "spin", "warning", "'can be' in past-tense reported speech ('asked whether X can be').",
             "After a past-tense frame ('asked whether', 'it was unlikely') edited news writes "
             "'would be'; spinners swap 'would' and 'will' for 'can'."),
)


# An a/an mismatch with no other spin evidence in its text: a typo ("an bid"), not a swap.
TYPO_RULE = RuleInfo(
    "grammar.article", "grammar", "warning", "'a' before a vowel sound or 'an' before a consonant sound.",
    "A typo of the article ('an bid', 'a excellent'): edited news has a few.  The spin check "
    "reports the same mismatch as `spin.artifact.article` instead when its text shows other "
    "spin evidence (a spinner swaps the word after an article and keeps the article).  The fix "
    "is the article corrected.")


def article_typo(signal: Signal, text: str) -> tuple[str, tuple[str, ...]]:
    """The message and fix of an article artifact reported as a typo (`grammar.article`)."""
    written = text[signal.start:signal.end]
    fixed = signal.suggestions[-1]
    return (f"'{written}': the article does not fit the sound of the word; write '{fixed}'.", (fixed,))


class ArtifactDetector:
    """The `Detector` of spinner artifacts (settings: `detectors.artifacts`)."""

    name = "artifacts"
    kind = "artifact"
    rules = RULES
    stage = 0

    def enabled(self, ctx: "Context") -> bool:
        return True

    def preload(self, ctx: "Context") -> None:
        """The synonym, inflection and word-frequency tables (the other detectors read them too)."""
        load_tables()

    def signals(self, doc: "Document", context: DetectorContext) -> list[Signal]:
        return find_artifacts(doc.text, detector_settings(context.lint).artifacts)

    def fill(self, doc: "Document", ctx: "Context", signals: list[Signal]) -> None:
        pass  # nothing is left unasked


DETECTOR = ArtifactDetector()
