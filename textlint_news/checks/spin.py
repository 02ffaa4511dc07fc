"""Spin: span issues from the detectors, weighed by the classifier, plus `spin.document`.

The detectors (`textlint_news.spin.signals.find_signals`) find lexicon phrases,
rare synonyms and spinner artifacts.  The classifier (`rules/models/spin.json`)
turns each into a calibrated probability that it is real spin, using its own
evidence, how spun its sentence looks and how spun the whole text looks: a rare
word in a spun text is a warning, the same word in clean prose stays `info` or
is dropped (a rare-synonym warning needs a text that reads as spun as a whole,
`classifier.rare-synonym-warning` and `rare-synonym-document`).  When the text as a
whole reads as spun, and several sentences carry confident evidence, one
`spin.document` issue spans all of it.  When copies of one story are linted
together, each is aligned with the others (`spin.copies`): `spin.copy` reports
its swaps, `spin.document` names the sister copy it reads as spun against, and
a wording another version of the story writes too is no warning of the other
detectors; `spin.name` reports known names with a word swapped
(`spin.spun_names`).  Thresholds: `classifier:` and `copies:` in rules/checks/spin.yml.
"""
from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from ..check import Check, Context, RuleInfo
from ..document import Document
from ..engine import CheckFailure
from ..issue import Issue
from ..resources import check_settings
from ..spin.signals import SIGNAL_RULES, Signal

if TYPE_CHECKING:
    from ..spin.copies import CopySettings, CopyVerdict, SisterCopy
    from ..spin.spun_names import NameSettings

DOCUMENT_RULE = RuleInfo(
    "spin.document", "spin", "warning",
    "The text as a whole reads as machine-spun (calibrated document probability).",
    "Article spinners swap synonyms blind to sense, so a spun copy is full of rare or "
    "wrong words, stock paraphrases and artifacts such as 'a' before a vowel.  The "
    "classifier weighs every signal, how many sentences carry one and how much rarer "
    "the text's words are than their synonyms; above `classifier.document-warning`, "
    "with a lexicon or artifact warning in at least `document-min-sentences` sentences "
    "(or a rare-synonym warning of probability `document-rare-synonym` in at least "
    "`document-rare-sentences`), the copy is reported as spun.  Fixing single words "
    "rarely restores such a text: replace it with the original article.",
)
MEMO_KEY = "spin.analysis"


class SpinCheck(Check):
    """Reports detector signals with classifier confidence, and spun documents."""

    name = "spin"
    rules: tuple[RuleInfo, ...] = (*SIGNAL_RULES, DOCUMENT_RULE)

    def __init__(self, model: Any = None) -> None:
        self._model = model  # a SpinModel to use instead of the shipped one (evaluation)

    def observe(self, doc: Document, ctx: Context) -> "SisterCopy | None":
        """The copy's path and text, for the story's other copies to align with and to
        compare names with."""
        from ..spin.copies import SisterCopy

        wanted = _copy_settings(ctx).enabled or _name_settings(ctx).enabled
        return SisterCopy(doc.path, doc.text) if wanted else None

    def preload(self, ctx: Context) -> None:
        """The detectors' word tables, the classifier and its word tables, the language model."""
        from ..spin.classifier import load_model
        from ..spin.features import load_tables
        from ..spin.signals import preload_detectors

        from ..spin.spun_names import preload as preload_names

        preload_detectors(ctx)
        preload_names(_name_settings(ctx))
        load_tables()
        table = collocations(ctx)  # the detector's counts, and the word features' followers
        if table is not None:
            _ = table.followers
        if self._model is None:
            load_model(classifier_settings(ctx.settings_for(self.name))["model"])
        if _copy_settings(ctx).enabled:
            from ..spin.lm import language_model

            language_model()  # the copies' direction: one copy shared by the forked workers

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        from ..spin.signals import find_signals

        evidence: set[int] = set()  # sentences with a lexicon, artifact or copy warning
        copies = copy_verdict(doc, ctx)
        for signal in copies.swaps + spun_names(doc, ctx):
            if signal.rule != "spin.copy" and copies.vouches(signal.start, signal.end):
                # the name a sister writes is no known name where that sister was spun from this copy
                yield self.emit(doc, signal.rule, signal.start, signal.end, signal.message,
                                signal.suggestions, signal.score, severity="info")
                continue
            evidence.add(_sentence_index(doc, signal.start))
            yield self.emit(doc, signal.rule, signal.start, signal.end, signal.message,
                            signal.suggestions, signal.score)
        spun = copies.spun_against
        limits = _copy_settings(ctx)
        if (spun is not None and spun.share >= limits.document_share
                and spun.swapped_sentences >= limits.document_min_sentences):
            yield self.emit(doc, DOCUMENT_RULE.id, 0, len(doc.text), copy_document_message(spun), (),
                            limits.confidence + (1 - limits.confidence) * spun.share)
            copies_decided = True
        else:
            copies_decided = copies.original  # the original of a spun sister: not spun itself
        signals = find_signals(doc, ctx)
        if not signals:
            return  # no span evidence: nothing to report, and no spun document without evidence
        options = classifier_settings(ctx.settings_for(self.name))
        if quiet_prose(doc, signals, options["screen-rare-density"]):
            return  # the fast path: only a few weak rare-synonym candidates, as in edited prose
        result = analysis(doc, ctx, self._model, options)
        known = {info.id for info in self.rules}
        sentence_of = {id(s): i for i, row in enumerate(result.rows) for s in row.signals}
        rare_evidence: set[int] = set()  # sentences with a very probable rare-synonym swap
        for signal, p in zip(result.signals, result.span_probabilities):
            if p < options["span-report"] or signal.rule not in known:
                continue
            corroborating = signal.rule in options["corroborating"]
            if copies.vouches(signal.start, signal.end):
                warn = False  # another version of the story writes it so too: no swap of this copy's
            elif signal.kind == "rare-synonym":  # moderate evidence: trusted only in a text that reads as spun
                warn = (p >= options["rare-synonym-warning"]
                        and result.document_probability >= options["rare-synonym-document"])
            else:
                warn = p >= options["span-warning"] and (
                    not corroborating or result.document_probability >= options["rare-synonym-document"])
            severity = self.rule(signal.rule).severity if warn else "info"
            if warn and signal.kind != "rare-synonym" and not corroborating:
                # Rare synonyms are gated by the document probability itself; only the
                # specific detectors (lexicon, artifacts) are independent evidence for it ...
                evidence.add(sentence_of.get(id(signal), -1))
            elif warn and p >= options["document-rare-synonym"]:
                # ... unless many sentences carry a swap the classifier is all but sure of.
                rare_evidence.add(sentence_of.get(id(signal), -1))
            yield self.emit(doc, signal.rule, signal.start, signal.end,
                            f"{signal.message} (spin probability {p:.0%})",
                            signal.suggestions, p, severity=severity)
        p_doc = result.document_probability
        ctx.scores[self.name] = round(p_doc, 4)
        enough = (len(evidence) >= options["document-min-sentences"]
                  or len(rare_evidence) >= options["document-rare-sentences"])
        if p_doc >= options["document-warning"] and enough and doc.text.strip() and not copies_decided:
            severity = "error" if p_doc >= options["document-error"] else "warning"
            yield self.emit(doc, DOCUMENT_RULE.id, 0, len(doc.text),
                            document_message(doc, result, p_doc), (), p_doc, severity=severity)


def copy_verdict(doc: Document, ctx: Context) -> "CopyVerdict":
    """What the story's other copies, aligned with this one, show: its swaps, and the
    sister it reads as spun against."""
    from ..spin.copies import CopyVerdict, SisterCopy, compare_copies

    sisters = [o for o in ctx.observations(SpinCheck.name) if isinstance(o, SisterCopy)]
    if not sisters:
        return CopyVerdict([])
    return compare_copies(doc.text, sisters, _copy_settings(ctx))


def copy_document_message(relation: Any) -> str:
    """Why the copy reads as spun against a sister copy."""
    return (f"The text reads as machine-spun against its sister copy {relation.sister.path}: "
            f"{relation.swapped_sentences} of the {relation.aligned} sentences they share "
            f"({relation.share:.0%}) swap words for others ({len(relation.swaps)} swaps). "
            "Replace it with the sister copy or the original article rather than fixing single words")


def spun_names(doc: Document, ctx: Context) -> list[Signal]:
    """Known names with a word swapped for a synonym ("Residence Depot" for "Home Depot")."""
    settings = _name_settings(ctx)
    if not settings.enabled:
        return []
    from ..spin.spun_names import find_spun_names

    from ..spin.copies import SisterCopy

    others = [o.text for o in ctx.observations(SpinCheck.name) if isinstance(o, SisterCopy)]
    return find_spun_names(doc.text, others, settings)


def _name_settings(ctx: Context) -> "NameSettings":
    from ..spin.spun_names import NameSettings

    detectors = ctx.settings_for(SpinCheck.name).get("detectors") or {}
    try:
        return NameSettings.from_settings(detectors.get("names") or {})
    except TypeError as exc:
        raise CheckFailure(f"spin: bad detectors.names settings: {exc}") from None


def _copy_settings(ctx: Context) -> "CopySettings":
    from ..spin.copies import CopySettings

    try:
        return CopySettings.from_settings(ctx.settings_for(SpinCheck.name).get("copies") or {})
    except ValueError as exc:
        raise CheckFailure(str(exc)) from None


def _sentence_index(doc: Document, offset: int) -> int:
    import bisect

    return bisect.bisect_right([s.start for s in doc.sentences], offset) - 1


def quiet_prose(doc: Document, signals: list, density: float) -> bool:
    """Whether a text's only evidence is rare-synonym candidates whose scores sum to less
    than `density` per 100 words: edited prose, left silent without running the classifier."""
    if any(s.kind != "rare-synonym" for s in signals):
        return False
    return sum(s.score for s in signals) * 100 < density * max(1, len(doc.text.split()))


def classifier_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The `classifier:` settings, the user's keys over the shipped defaults."""
    return {**_shipped_classifier(), **(settings.get("classifier") or {})}


@lru_cache(maxsize=1)
def _shipped_classifier() -> Mapping[str, Any]:
    return MappingProxyType(dict(check_settings(SpinCheck.name).get("classifier", {}) or {}))


def analysis(doc: Document, ctx: Context, model: Any = None, options: Mapping[str, Any] | None = None):
    """The classifier's `Analysis` of a document, computed once and kept in `doc.memo`."""
    if MEMO_KEY not in doc.memo:
        from ..spin.classifier import analyse, load_model
        from ..spin.features import languagetool_offsets
        from ..spin.signals import find_signals

        options = options or classifier_settings(ctx.settings_for(SpinCheck.name))
        if model is None:
            try:
                model = load_model(options["model"])
            except (FileNotFoundError, ValueError) as exc:
                raise CheckFailure(f"spin: cannot load the classifier: {exc}") from None
        grammar = None
        if options.get("languagetool", True) and "languagetool_matches" in model.sentence.features:
            grammar = languagetool_offsets(doc, ctx.settings_for("grammar"))  # None when LT is off
        doc.memo[MEMO_KEY] = analyse(doc, find_signals(doc, ctx), model, grammar, collocations(ctx))
    return doc.memo[MEMO_KEY]


def collocations(ctx: Context) -> Any:
    """The word-pair counts of clean news that the rare-synonym detector uses, or None when off."""
    detector = (ctx.settings_for(SpinCheck.name).get("detectors") or {}).get("rare_synonym") or {}
    if not detector.get("enabled", True):
        return None
    from ..spin.rarity import load_collocations

    return load_collocations(detector.get("collocations", "data/collocations.tsv"))


def document_message(doc: Document, result: Any, p: float) -> str:
    """Why the text reads as spun: counts, density and the strongest examples."""
    signals = result.signals
    spun_sentences = sum(1 for row in result.rows if row.signals)
    from ..spin.features import token_count

    words = max(1, token_count(doc))
    ranked = sorted(zip(result.span_probabilities, signals), key=lambda item: -item[0])
    examples = ", ".join(f"'{doc.text[s.start:s.end]}'" for _, s in ranked[:4])
    evidence = (f"{len(signals)} spin signals in {spun_sentences} of {len(result.rows)} sentences "
                f"({len(signals) * 100 / words:.1f} per 100 words)")
    if examples:
        evidence += f", e.g. {examples}"
    return (f"The text as a whole reads as machine-spun (probability {p:.0%}): {evidence}. "
            "Replace it with the original article rather than fixing single words")


CHECKS = [SpinCheck()]
