"""Spin: span issues from the detectors, weighed by the classifier, plus `spin.document`.

The detectors (listed in `textlint_news.spin.detectors`) find lexicon phrases,
rare synonyms and spinner artifacts.  The classifier (`rules/models/spin.json`)
turns each into a calibrated probability that it is real spin, using its own
evidence, how spun its sentence looks and how spun the whole text looks: a rare
word in a spun text is a warning, the same word in clean prose stays `info` or
is dropped (a rare-synonym warning needs a text that reads as spun as a whole,
`classifier.rare-synonym-warning` and `rare-synonym-document`, a second warning in the text,
`min-span-warnings`, a suggestion that is no respelling of the word, and either many such
warnings or words that misfit their neighbours, `rare-synonym-misfit-*`).  An a/an mismatch
with no other spin evidence in its text is a typo, `grammar.article`.  When the text as a
whole reads as spun, and several sentences carry confident evidence, one
`spin.document` issue spans all of it.  When copies of one story are linted
together, each is aligned with the others (`spin.copies`): `spin.copy` reports
its swaps, `spin.document` names the sister copy it reads as spun against, and
a wording another version of the story writes too is no warning of the other
detectors; `spin.name` reports known names with a word swapped
(`spin.spun_names`).  Thresholds: `SpinSettings` (rules/settings/spin.yml).
"""
from __future__ import annotations

from typing import Any, Iterator

from ..check import Check, CheckFailure, Context, RuleInfo
from ..document import Document
from ..issue import Issue
from ..spin.copies import SisterCopy, copy_verdict
from ..spin.detectors import SIGNAL_RULES, direct_signals, find_signals, preload_detectors
from ..spin.artifacts import TYPO_RULE, article_typo
from ..spin.settings import ClassifierSettings, SpinSettings
from ..spin.swaps import same_form

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
ARTICLE = "spin.artifact.article"


class SpinCheck(Check):
    """Reports detector signals with classifier confidence, and spun documents."""

    name = "spin"
    settings_type = SpinSettings
    rules: tuple[RuleInfo, ...] = (*SIGNAL_RULES, DOCUMENT_RULE, TYPO_RULE)

    def __init__(self, model: Any = None) -> None:
        self._model = model  # a SpinModel to use instead of the shipped one (evaluation)

    def observe(self, doc: Document, ctx: Context) -> "SisterCopy | None":
        """The copy's path and text, for the story's other copies to align with and to
        compare names with."""
        settings = self.settings_in(ctx)
        wanted = settings.copies.enabled or settings.detectors.names.enabled
        return SisterCopy(doc.path, doc.text) if wanted else None

    def preload(self, ctx: Context) -> None:
        """The detectors' word tables and models, the classifier and its word tables."""
        from ..spin.classifier import load_model
        from ..spin.features import load_tables

        preload_detectors(ctx)
        load_tables()
        collocations(ctx)  # the detector's word and pair counts
        if self._model is None:
            load_model(self.settings_in(ctx).classifier.model)

    def release(self) -> None:
        """Empty the memos a window of a long text filled (the engine calls this between
        windows): the language model's scores and the synonym entries parsed (~40 MB by
        2 MB of text, and bounded only by their limits).  Pure memos: the next window finds the
        same."""
        from ..spin import lexicon, lm

        lm.clear_memos()
        lexicon.clear_memos()

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        evidence: set[int] = set()  # sentences with a lexicon, artifact or copy warning
        copies = copy_verdict(doc, ctx)
        direct = 0  # the copies' and names' warnings
        for signal in direct_signals(doc, ctx):  # the copies' swaps and spun names, as found
            if signal.rule != "spin.copy" and copies.vouches(signal.start, signal.end):
                # the name a sister writes is no known name where that sister was spun from this copy
                yield self.emit(doc, signal.rule, signal.start, signal.end, signal.message,
                                signal.suggestions, signal.score, severity="info")
                continue
            evidence.add(_sentence_index(doc, signal.start))
            direct += 1
            yield self.emit(doc, signal.rule, signal.start, signal.end, signal.message,
                            signal.suggestions, signal.score)
        spun = copies.spun_against
        settings = self.settings_in(ctx)
        limits = settings.copies
        if (spun is not None and spun.share >= limits.document_share
                and spun.swapped_sentences >= limits.document_min_sentences):
            yield self.emit(doc, DOCUMENT_RULE.id, 0, len(doc.text), copy_document_message(spun), (),
                            limits.confidence + (1 - limits.confidence) * spun.share)
            copies_decided = True
        else:
            copies_decided = copies.original  # the original of a spun sister: not spun itself
        signals = find_signals(doc, ctx, filled=False)  # spans, kinds and scores: all the screen reads
        if not signals:
            return  # no span evidence: nothing to report, and no spun document without evidence
        options = settings.classifier
        if quiet_prose(doc, signals, options.screen_rare_density):
            return  # the fast path: only a few weak rare-synonym candidates, as in edited prose
        result = analysis(doc, ctx, self._model, options)
        known = {info.id for info in self.rules}
        sentence_of = {id(s): i for i, row in enumerate(result.rows) for s in row.signals}
        rare_evidence: set[int] = set()  # sentences with a very probable rare-synonym swap
        decided = []
        vouched: set[int] = set()  # signals whose wording a sister copy writes too
        for signal, p in zip(result.signals, result.span_probabilities):
            if signal.rule not in known or (p < options.span_report and signal.rule != ARTICLE):
                continue  # (an article mismatch is at least a typo: `spin_or_typos`)
            corroborating = signal.rule in options.corroborating
            if copies.vouches(signal.start, signal.end):
                warn = False  # another version of the story writes it so too: no swap of this copy's
                vouched.add(id(signal))
            elif signal.kind == "rare-synonym":  # moderate evidence: trusted only in a text that reads as spun
                warn = (p >= options.rare_synonym_warning
                        and result.document_probability >= options.rare_synonym_document
                        and not respelt(doc.text[signal.start:signal.end], signal.suggestions, settings))
            else:
                warn = p >= options.span_warning and (
                    not corroborating or result.document_probability >= options.rare_synonym_document)
            decided.append((signal, p, warn, corroborating))
        if not direct and not rare_words_corroborated(result, decided, len(doc.text.split()), options):
            decided = [(signal, p, warn and signal.kind != "rare-synonym", corroborating)
                       for signal, p, warn, corroborating in decided]
        decided, typos = spin_or_typos(decided, direct, vouched, options)
        for signal in typos:
            message, fix = article_typo(signal, doc.text)
            yield self.emit(doc, TYPO_RULE.id, signal.start, signal.end, message, fix, signal.score)
        for signal, p, warn, corroborating in decided:
            severity = self.rule(signal.rule).severity if warn else "info"
            if warn and signal.kind != "rare-synonym" and not corroborating:
                # Rare synonyms are gated by the document probability itself; only the
                # specific detectors (lexicon, artifacts) are independent evidence for it ...
                evidence.add(sentence_of.get(id(signal), -1))
            elif warn and p >= options.document_rare_synonym:
                # ... unless many sentences carry a swap the classifier is all but sure of.
                rare_evidence.add(sentence_of.get(id(signal), -1))
            yield self.emit(doc, signal.rule, signal.start, signal.end,
                            f"{signal.message} (spin probability {p:.0%})",
                            signal.suggestions, p, severity=severity)
        p_doc = result.document_probability
        ctx.scores[self.name] = round(p_doc, 4)
        enough = (len(evidence) >= options.document_min_sentences
                  or len(rare_evidence) >= options.document_rare_sentences)
        if p_doc >= options.document_warning and enough and doc.text.strip() and not copies_decided:
            severity = "error" if p_doc >= options.document_error else "warning"
            yield self.emit(doc, DOCUMENT_RULE.id, 0, len(doc.text),
                            document_message(doc, result, p_doc), (), p_doc, severity=severity)


def rare_words_corroborated(result: Any, decided: list, words: int, options: ClassifierSettings) -> bool:
    """Whether the text's rare-synonym warnings may stand: the text has spin warnings of
    another kind (lexicon, artifacts but a lone a/an mismatch and digits; the caller checks
    copies and names), many rare-synonym warnings
    (`rare-synonym-misfit-density` per 100 words), or content words that misfit their
    neighbours (the 3-gram language model's `lm_misfit_share`) at least as often as
    `rare-synonym-misfit-share`.  A spinner's swaps, found or not, break the fit across the
    text; a florid author's rare words (a quoted speech, a game review) leave it as in
    edited prose, however rare they are."""
    if any(warn and signal.kind != "rare-synonym" and signal.rule != ARTICLE and not corroborating
           for signal, _, warn, corroborating in decided):
        return True  # a lexicon phrase, "each men": spin evidence of another kind
    rare = sum(warn for signal, _, warn, _ in decided if signal.kind == "rare-synonym")
    if rare * 100 >= options.rare_synonym_misfit_density * max(1, words):
        return True
    share = result.document_features.get("lm_misfit_share")
    return share is None or share >= options.rare_synonym_misfit_share


def spin_or_typos(decided: list, direct: int, vouched: set[int],
                  options: ClassifierSettings) -> tuple[list, list]:
    """The span decisions `(signal, p, warn, corroborating)` after the text-level gates, and
    the article mismatches to report as typos (`grammar.article`) instead of spin.

    A spinner swaps many words, so a rare-synonym warning needs `min-span-warnings` warnings
    in the text (one rare word is its author's choice).  An a/an mismatch ("an bid") is spin
    evidence only beside other spin evidence (a direct signal, or a warning that stands
    without the mismatches); alone it is a typo, and counts for nothing.  A mismatch that a
    sister copy writes too (`vouched`, by `id`) is no swap of this copy's: a typo.
    """
    def gated(rows: list) -> list:
        if direct + sum(warn for _, _, warn, _ in rows) >= options.min_span_warnings:
            return rows
        return [(signal, p, warn and signal.kind != "rare-synonym", corroborating)
                for signal, p, warn, corroborating in rows]

    typos = [row[0] for row in decided if row[0].rule == ARTICLE and id(row[0]) in vouched]
    decided = [row for row in decided if row[0].rule != ARTICLE or id(row[0]) not in vouched]
    articles = [row for row in decided if row[0].rule == ARTICLE]
    if not articles:
        return gated(decided), typos
    others = gated([row for row in decided if row[0].rule != ARTICLE])
    if direct or any(warn for _, _, warn, _ in others):
        return gated([row for row in decided if row[1] >= options.span_report]), typos
    return others, typos + [signal for signal, *_ in articles]


def copy_document_message(relation: Any) -> str:
    """Why the copy reads as spun against a sister copy."""
    return (f"The text reads as machine-spun against its sister copy {relation.sister.path}: "
            f"{relation.swapped_sentences} of the {relation.aligned} sentences they share "
            f"({relation.share:.0%}) swap words for others ({len(relation.swaps)} swaps). "
            "Replace it with the sister copy or the original article rather than fixing single words")


def _sentence_index(doc: Document, offset: int) -> int:
    import bisect

    return bisect.bisect_right([s.start for s in doc.sentences], offset) - 1


def respelt(word: str, suggestions: "tuple[str, ...] | list[str]", settings: SpinSettings) -> bool:
    """Whether every suggestion is another spelling of the word (spoilt / spoiled, colour /
    color): a house style, never a spinner's swap."""
    words = word.lower().split()
    return bool(suggestions) and all(
        len(s.split()) == len(words)
        and all(same_form(a, b, settings.copies) for a, b in zip(words, s.lower().split()))
        for s in suggestions)


def quiet_prose(doc: Document, signals: list, density: float) -> bool:
    """Whether a text's only evidence is rare-synonym candidates whose scores sum to less
    than `density` per 100 words: edited prose, left silent without running the classifier."""
    if any(s.kind != "rare-synonym" for s in signals):
        return False
    return sum(s.score for s in signals) * 100 < density * max(1, len(doc.text.split()))


def analysis(doc: Document, ctx: Context, model: Any = None, options: ClassifierSettings | None = None):
    """The classifier's `Analysis` of a document, computed once and kept in `doc.memo`."""
    if MEMO_KEY not in doc.memo:
        from ..spin.classifier import analyse, load_model
        from ..spin.features import languagetool_offsets

        options = options or SpinCheck.settings_in(ctx).classifier
        if model is None:
            try:
                model = load_model(options.model)
            except (FileNotFoundError, ValueError) as exc:
                raise CheckFailure(f"spin: cannot load the classifier: {exc}") from None
        grammar = None
        if options.languagetool and "languagetool_matches" in model.sentence.features:
            grammar = languagetool_offsets(doc, ctx.settings_for("grammar"))  # None when LT is off
        doc.memo[MEMO_KEY] = analyse(doc, find_signals(doc, ctx), model, grammar, collocations(ctx))
    return doc.memo[MEMO_KEY]


def collocations(ctx: Context) -> Any:
    """The word-pair counts of clean news that the rare-synonym detector uses, or None when off."""
    detector = SpinCheck.settings_in(ctx).detectors.rare_synonym
    if not detector.enabled:
        return None
    from ..spin.rarity import load_collocations

    return load_collocations(detector.collocations)


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
