"""Build the spin detectors' word tables (`textlint_news.spin.candidates`) under rules/data/.

    python corpora/build_candidates.py [--out-dir rules]

rare_candidates.tsv: for the shipped thresholds (rules/settings/spin.yml,
detectors.rare_synonym), the rare-synonym candidates of every plain word wordfreq
knows and every two-word phrase form of the synonym table, worked out as the
detector would.  commoner_synonyms.tsv: every plain word's one-word synonyms
commoner than itself, as the classifier's word features read them.  Rebuild after
changing the synonym tables, the thresholds, the lemmatiser or the wordfreq /
symspellpy versions; a test compares each file with a rebuild.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from textlint_news.spin.candidates import COMMONER_TABLE, TABLE, commoner_table_text, table_text  # noqa: E402


def build() -> str:
    """The candidate table's text for the shipped thresholds."""
    from textlint_news.checks.spin import SpinSettings
    from textlint_news.settings import shipped_settings
    from textlint_news.spin.rarity import RareSynonymScorer, load_collocations

    limits = shipped_settings("spin", SpinSettings).detectors.rare_synonym
    fresh = RareSynonymScorer(load_collocations(limits.collocations), limits, shipped=False)
    return table_text(limits, fresh.candidates)


def build_commoner() -> str:
    """The commoner-synonym table's text."""
    from textlint_news.spin.candidates import commoner_single_synonyms

    return commoner_table_text(commoner_single_synonyms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "rules", help="the rules folder to write into")
    args = parser.parse_args()
    for relative, text, what in ((TABLE, build(), "words and phrases with candidates"),
                                 (COMMONER_TABLE, build_commoner(), "words with commoner synonyms")):
        path = args.out_dir / relative
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}: {text.count(chr(10)) - 3} {what}")


if __name__ == "__main__":
    main()
