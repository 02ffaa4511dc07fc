"""Build rules/data/names_trigrams.json: letter trigram and bigram counts of wordfreq's
60,000 most frequent English words, the model behind `textlint_news.names.plausibility`.

    python corpora/build_names_trigrams.py

Shipped as data so that a run does not count them again (about a second) on its first
tie-break between two spellings.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textlint_news.names.gazetteer import _frequencies  # noqa: E402

VOCABULARY = 60000
OUTPUT = ROOT / "rules" / "data" / "names_trigrams.json"


def counts(vocabulary: int = VOCABULARY) -> dict[str, dict[str, int]]:
    """Trigram and bigram counts over the padded spellings ('^^word$') of the commonest words."""
    words = sorted(_frequencies().items(), key=lambda item: -item[1])[:vocabulary]
    trigrams: Counter = Counter()
    bigrams: Counter = Counter()
    for word, _ in words:
        if word.isalpha():
            padded = f"^^{word}$"
            for i in range(len(padded) - 2):
                trigrams[padded[i:i + 3]] += 1
                bigrams[padded[i:i + 2]] += 1
    return {"vocabulary": vocabulary, "trigrams": dict(sorted(trigrams.items())),
            "bigrams": dict(sorted(bigrams.items()))}


def main() -> None:
    OUTPUT.write_text(json.dumps(counts(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
