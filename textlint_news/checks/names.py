"""Name typos: a rare spelling of a name that the text, its sister copies or known names write otherwise."""
from __future__ import annotations

from typing import Iterator

from ..check import Check, Context, RuleInfo
from ..document import Document
from ..issue import Issue
from .encoding import mojibake_word
from ..names.corpus import Sisters, corpus_view
from ..names.gazetteer import names_file
from ..names.mentions import NameInventory, compound_forms, inventory, lowercase_words, mentions
from ..names.typos import Thresholds, judge, preload


class NamesCheck(Check):
    """Find misspelt proper names ('Hesgeth' where the story writes 'Hegseth')."""

    name = "names"
    settings_type = Thresholds
    rules = (
        RuleInfo(
            "names.typo", "name-typo", "warning",
            "A rare spelling of a name that the text or its sister copies write otherwise.",
            "A capitalised name one typing slip (swapped, dropped, doubled or mistyped letter; "
            "two slips for long names) from a spelling that dominates the text and the sister "
            "copies linted with it, or that wordfreq knows while the rare one is unknown. "
            "Real variation stays quiet: case (NATO/Nato), inflection (Russia/Russian), "
            "transliteration (Zelensky/Zelenskyy), two real names, or two spellings with "
            "different first names. Error when the evidence is strong, else warning.",
        ),
        RuleInfo(
            "names.unknown", "name-typo", "warning",
            "A lone name that no source knows (or wordfreq barely), one typing slip from a much commoner name.",
            "A name written once, with no similar spelling in the text or its sister copies, "
            "that wordfreq knows rarely if at all (`gazetteer-max-zipf`) and your `names-file` and "
            "the other linted files do not know, and that one typing slip (swapped, dropped, "
            "doubled or neighbouring-key letter; never the first letter) turns into a known name "
            "that explains it much better: the evidence adds the frequency gap, the length, how "
            "much less word-like the written spelling is, and whether the intended word is one "
            "names are made of (WordNet or SCOWL write it capitalised: 'Paris', 'April', 'World') "
            "or makes a known name with a word beside it ('Whie House'), less the slip's cost "
            "(`gazetteer-min-evidence`). Ambiguous slips, and real rare names one key or one "
            "doubled letter from another ('Rowetta', 'Cheryll'), stay quiet.",
        ),
        RuleInfo(
            "names.inconsistent", "consistency", "info",
            "One text mixes transliterations of a name (Zelensky and Zelenskyy).",
            "Two spellings that romanise one name differently, or a shipped variant group "
            "(Kyiv/Kiev), both in one text; the note sits on the minority spelling.",
        ),
    )

    def preload(self, ctx: Context) -> None:
        """wordfreq's table, the shipped name lists and letter model, the edit-distance library
        and the names file."""
        limits = self.settings_in(ctx)
        preload(limits)
        names_file(limits.names_file)

    def observe(self, doc: Document, ctx: Context) -> NameInventory | None:
        """The name forms of this copy, for its sister copies' runs."""
        limits = self.settings_in(ctx)
        return inventory(doc, limits.common_zipf, limits.headline_zipf)

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        """Judge every name spelling of the text; report each mention of a suspect spelling."""
        limits = self.settings_in(ctx)
        try:
            known = names_file(limits.names_file)
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            ctx.warn(f"names: cannot read names-file {limits.names_file!r}: {reason}")
            known = frozenset()
        own = inventory(doc, limits.common_zipf, limits.headline_zipf)
        others = [o for o in ctx.observations(self.name) if isinstance(o, NameInventory)]
        corpus = corpus_view(others) if others else None
        sisters = (corpus.sisters(own, limits.sister_min_shared, limits.sister_min_overlap)
                   if corpus is not None else Sisters())
        findings = {
            f.suspect: f
            for f in judge(own, lowercase_words(doc), sisters, corpus, known,
                           compound_forms(doc, limits.common_zipf, limits.headline_zipf), limits)
        }
        if not findings:
            return
        found_at = [(mention, findings[mention.form])
                    for mention in mentions(doc, limits.common_zipf, limits.headline_zipf)
                    if mention.form in findings]
        damaged = {found.suspect for mention, found in found_at
                   if mojibake_word(doc.text, mention.start, mention.end)}  # 'Companyâ€™s': encoding.*
        for mention, found in found_at:
            if found.suspect not in damaged:
                yield self.emit(doc, found.rule, mention.start, mention.end, found.message,
                                (found.suggestion,), found.confidence, found.severity)


CHECKS = [NamesCheck()]
