"""Span-level evidence of spinning, shared by the spin check and the classifier."""
from __future__ import annotations

from bisect import bisect_left

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from ..check import Context, RuleInfo
    from ..document import Document


@dataclass(frozen=True)
class Signal:
    """One piece of span-level evidence that a text was run through a spinner.

    `kind` is "lexicon", "rare-synonym", "artifact" or "copy"; `rule` the rule id an issue
    for it would carry (e.g. "spin.lexicon", "spin.rare-synonym",
    "spin.artifact.article"); `score` the detector's own strength in [0, 1];
    `suggestions` the likely original wording, best first; `features` extra
    numbers for the classifier (e.g. {"rarity_ratio": 35.0}).
    """

    start: int
    end: int
    kind: str
    rule: str
    message: str
    suggestions: tuple[str, ...] = ()
    score: float = 0.5
    features: dict[str, float] = field(default_factory=dict)


def _rule(rule_id: str, description: str, explain: str) -> "RuleInfo":
    from ..check import RuleInfo

    return RuleInfo(rule_id, "spin", "warning", description, explain)


SIGNAL_RULES = (
    _rule("spin.lexicon", "Wording that synonym spinners produce and edited news avoids.",
          "Spinners replace words and phrases with thesaurus entries regardless of sense "
          "('got here as' for 'came as', 'affix NATO' for 'join NATO', 'fourth yr'). The "
          "entries live in rules/spin*.yml (packs with `feeds: spin`), each with context "
          "guards so ordinary uses ('how we got here', 'primary school') stay quiet. The "
          "suggestion is the likely original wording."),
    _rule("spin.rare-synonym", "A rare synonym where clean news uses a much commoner word.",
          "A content word whose WordNet synonym (same part of speech and inflection) is far "
          "more frequent in English (wordfreq), where a bigram model of clean news expects the "
          "commoner word between these neighbours ('refused to satisfy Putin' for 'meet'). "
          "Every such word is a candidate; the classifier makes it a warning only in a text "
          "that reads as spun as a whole (classifier.rare-synonym-warning and "
          "rare-synonym-document), else it stays info or silent. Thresholds: "
          "rules/checks/spin.yml, detectors.rare_synonym."),
    _rule("spin.misfit", "A word that neither side of its sentence predicts: a swap from another thesaurus?",
          "A spinner whose dictionary we do not have swaps words for ones that do not belong "
          "beside their neighbours. A 3-gram language model of English (PocketSphinx's) links "
          "each content word with the two words before and after it; a word linked below "
          "`detectors.language_model.max_association` nats on both sides together is a "
          "candidate, and the classifier makes it a warning only in a text that reads as spun "
          "as a whole. There is no suggestion: the original word is unknown."),
    _rule("spin.copy", "A word swap that the story's other copies, linted together, show.",
          "When copies of one story are linted together (several files, or --corpus), each "
          "is aligned with its sister copies, sentence by sentence and word by word. Inside "
          "shared sentences, a word or short phrase that a sister writes otherwise ('the "
          "garden of the dollar' where it writes 'the power of the dollar') is a spinner's "
          "swap, whatever the two wordings, once such swaps stand in enough of the shared "
          "sentences (copies.min-swaps, min-sentences, min-share; fewer for whole copies) "
          "and one copy's wordings fit their sentences worse (3-gram language model and "
          "wordfreq). With three or more copies the majority wording wins; the original is "
          "never flagged. Editors' changes stay quiet: spelling variants, titles, figures "
          "and dates, reporting verbs, sentences added, cut or moved. The suggestion is the "
          "sister's wording. See docs/copies.md."),
    _rule("spin.name", "A known name with one word swapped for a synonym ('Residence Depot').",
          "Spinners swap words blind to names: 'Home Depot' becomes 'Residence Depot', 'Bank "
          "of England' 'Financial institution of England'.  A capitalised run that equals a "
          "known multi-word name (rules/data/spin_names.txt, or a name the text or a sister "
          "copy writes) in all but one word, where that word is a thesaurus synonym of the "
          "name's word, is reported with the real name as the fix.  Words related only in "
          "GloVe's vector space count only where the text or a copy also writes the real "
          "name.  Settings: rules/checks/spin.yml, detectors.names; see docs/spin-names.md."),
    _rule("spin.artifact.article", "'a' before a vowel sound or 'an' before a consonant sound.",
          "A spinner swaps the word after an article and keeps the article: 'a main "
          "country' becomes 'a essential country'. The suggestions are a synonym that fits "
          "the article (the likely original) and the article corrected."),
    _rule("spin.artifact.each-plural", "'each' followed by a plural noun ('each men').",
          "Spinners swap 'both' for 'each' and leave the plural noun: 'both men' becomes "
          "'each men'."),
    _rule("spin.artifact.digit", "A digit for a number under ten in running prose ('the 2 leaders').",
          "News style spells out one to nine; spinners turn 'two' into '2'. Units, scores, "
          "ages, dates, ranks, list items and names ('Article 5', 'G20', 'COVID-19') are "
          "left alone."),
    _rule("spin.artifact.modal", "'can be' in past-tense reported speech ('asked whether X can be').",
          "After a past-tense frame ('asked whether', 'it was unlikely') edited news writes "
          "'would be'; spinners swap 'would' and 'will' for 'can'."),
)


# `doc.memo[LEAVE_OUT]`: the `rarity.OwnCounts` of the article a training text comes from.
# Set only by training, whose texts the collocation table was learnt from; the
# detectors and word features then subtract them, so that the text reads as new.
LEAVE_OUT = "spin.leave_out"


def _detector_settings(ctx: "Context") -> Mapping[str, Any]:
    """The `detectors:` settings of the spin check (rules/checks/spin.yml, then the user's)."""
    from ..resources import check_settings

    return (ctx.settings_for("spin") or check_settings("spin")).get("detectors", {}) or {}


def preload_detectors(ctx: "Context") -> None:
    """Load the word tables the detectors would load on first use (`Check.preload`), and the
    rare-synonym scorer with its shipped candidates."""
    from .general import general_bigrams
    from .lexicon import load_tables
    from .rarity import RarityThresholds, phrase_forms, scorer

    load_tables()
    rare_settings = _detector_settings(ctx).get("rare_synonym", {})
    if rare_settings.get("enabled", True):
        limits = RarityThresholds.from_settings(rare_settings)
        phrase_forms()
        if limits.general:
            general_bigrams()
        scorer(rare_settings.get("collocations", "data/collocations.tsv"), limits)  # with the shipped candidates
    if _detector_settings(ctx).get("language_model", {}).get("enabled", True):
        from .lm import language_model
        from .lm_index import bigram_index

        language_model()
        bigram_index()  # fill-the-blank suggestions and the document's fit (shared pages once cached)


def find_signals(doc: "Document", ctx: "Context") -> list[Signal]:
    """Every detector's signals for a document, in text order; cached in `doc.memo`.

    Lexicon rules come from `ctx.fed_rules("spin")`, thresholds from
    `ctx.settings_for("spin")["detectors"]` (rules/checks/spin.yml).
    """
    cached = doc.memo.get("spin.signals")
    if cached is not None:
        return cached
    from .artifacts import ArtifactThresholds, find_artifacts
    from .lexicon_rules import find_lexicon
    from .rarity import RarityThresholds, scorer

    settings = _detector_settings(ctx)
    lexicon = find_lexicon(doc, ctx.fed_rules("spin"))
    artifacts = find_artifacts(doc.text, ArtifactThresholds.from_settings(settings.get("artifacts", {})))
    rare_settings = settings.get("rare_synonym", {})
    rare: list[Signal] = []
    if rare_settings.get("enabled", True):
        path = rare_settings.get("collocations", "data/collocations.tsv")
        rare = scorer(path, RarityThresholds.from_settings(rare_settings)).find(
            doc.text, doc.memo.get(LEAVE_OUT))
    specific = lexicon + artifacts
    rare = _outside(rare, specific)
    lm_settings = settings.get("language_model", {})
    if lm_settings.get("enabled", True):
        from .features import context_tokens, function_words, lm_fits
        from .lm_swaps import LmThresholds, find_lm_swaps, find_misfits

        limits = LmThresholds.from_settings(lm_settings)
        tokens = context_tokens(doc)
        fits = lm_fits(doc)
        rare, new = find_lm_swaps(tokens, doc.text, rare, fits, limits, function_words())
        for found in (new, find_misfits(tokens, doc.text, fits, limits, function_words())):
            rare += _outside(found, specific + rare)
    signals = sorted(specific + rare, key=lambda s: (s.start, s.end, s.rule))
    doc.memo["spin.signals"] = signals
    return signals


def _outside(found: list[Signal], taken: list[Signal]) -> list[Signal]:
    """The signals of `found` that overlap none of `taken`, in n log n (comparing every pair was
    quadratic: 1 MB of spun prose on one line spent 10 CPU s here)."""
    covered: list[list[int]] = []  # `taken`'s spans, those that overlap merged: sorted, disjoint
    for start, end in sorted((o.start, o.end) for o in taken):
        if covered and start < covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], end)
        else:
            covered.append([start, end])
    starts = [start for start, _ in covered]
    kept = []
    for signal in found:
        last = bisect_left(starts, signal.end) - 1  # the last span that starts before it ends
        if last < 0 or covered[last][1] <= signal.start:
            kept.append(signal)
    return kept
