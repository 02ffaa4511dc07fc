"""Build rules/data/rare_candidates.tsv: the rare-synonym candidates of every word the table covers.

    python corpora/build_candidates.py [--out rules/data/rare_candidates.tsv]

For the shipped thresholds (rules/checks/spin.yml, detectors.rare_synonym),
every plain word wordfreq knows and every two-word phrase form of the synonym
table, worked out as the detector would (`textlint_news.spin.candidates`).
Rebuild after changing the synonym tables, the thresholds, the lemmatiser or
the wordfreq / symspellpy versions; a test compares the file with a rebuild.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from textlint_news.spin.candidates import TABLE, table_text  # noqa: E402


def build() -> str:
    """The table's text for the shipped thresholds."""
    from textlint_news.resources import check_settings
    from textlint_news.spin.rarity import RarityThresholds, RareSynonymScorer, load_collocations

    rare = check_settings("spin")["detectors"]["rare_synonym"]
    limits = RarityThresholds.from_settings(rare)
    fresh = RareSynonymScorer(load_collocations(rare.get("collocations", "data/collocations.tsv")), limits,
                              shipped=False)
    return table_text(limits, fresh.candidates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "rules" / TABLE)
    args = parser.parse_args()
    text = build()
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {text.count(chr(10)) - 3} words and phrases with candidates")


if __name__ == "__main__":
    main()
