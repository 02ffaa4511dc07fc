"""Build the shipped data of the `names` check that is derived from word lists.

    python corpora/build_names_trigrams.py [--wordnet /usr/share/wordnet]

- rules/data/names_trigrams.json: letter trigram and bigram counts of wordfreq's 60,000
  most frequent English words, the model behind `textlint_news.names.plausibility`
  (shipped so that a run does not count them again, about a second, on its first
  tie-break between two spellings);
- rules/data/names_capitalised.txt: the words that WordNet 3.0 writes with a capital
  letter -- as a lemma of their own ('Paris', 'April', 'Union') or, in at least
  `PART_MIN_NAMES` multi-word lemmas, as a capitalised part ('World' in 'World_Bank',
  'National' in 'National_Guard') -- or that the SCOWL word lists write capitalised
  (first names and brands: 'Colin', 'Nintendo'), among those wordfreq knows at Zipf
  `MIN_ZIPF` or more.  A lone misspelling is judged against them as against names
  (`gazetteer-name-bonus`), since wordfreq alone cannot tell 'Paris' from 'pairs'.
  Needs WordNet's data.* files (Debian's wordnet-base package) and SCOWL's lists
  (Debian's wamerican and wbritish packages); rules/data/LICENSE-WordNet and
  rules/data/names_LICENSE-SCOWL apply;
- rules/data/names_pairs.txt: two capitalised words that stand side by side in a
  WordNet multi-word name ('wall street', 'saudi arabia'): a lone slip next to the
  other word of such a pair gets `gazetteer-pair-bonus` ('Sudi Arabia').
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textlint_news.english import full_table  # noqa: E402
from textlint_news.names.gazetteer import zipf  # noqa: E402

VOCABULARY = 60000
OUTPUT = ROOT / "rules" / "data" / "names_trigrams.json"
CAPITALISED = ROOT / "rules" / "data" / "names_capitalised.txt"
PAIRS = ROOT / "rules" / "data" / "names_pairs.txt"
WORDNET = Path("/usr/share/wordnet")
SCOWL = (Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english"))
PART_MIN_NAMES = 3  # a capitalised part of this many multi-word lemmas is a name word
MIN_ZIPF = 1.5  # below gazetteer-min-zipf: never an intended name anyway


def counts(vocabulary: int = VOCABULARY) -> dict[str, dict[str, int]]:
    """Trigram and bigram counts over the padded spellings ('^^word$') of the commonest words."""
    words = sorted(full_table().items(), key=lambda item: -item[1])[:vocabulary]
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


def capitalised(wordnet: Path = WORDNET, lists: tuple[Path, ...] = SCOWL) -> list[str]:
    """Lower-case words that WordNet writes capitalised (alone, or as a part of several
    multi-word lemmas) or that the word lists write capitalised, among those wordfreq
    knows well enough."""
    alone: set[str] = set()
    parts: Counter = Counter()
    for lemma in _lemmas(wordnet):
        words = re.split(r"[_-]", lemma)
        for word in words:
            if word.isalpha() and word.isascii() and word[0].isupper() and not word.isupper():
                if len(words) == 1:
                    alone.add(word.lower())
                else:
                    parts[word.lower()] += 1
    names = alone | {word for word, count in parts.items() if count >= PART_MIN_NAMES}
    for path in lists:
        for word in path.read_text(encoding="utf-8").split():
            if word.isalpha() and word.isascii() and word[0].isupper() and not word.isupper():
                names.add(word.lower())
    return sorted(word for word in names if zipf(word) >= MIN_ZIPF)


def _lemmas(wordnet: Path):
    """Every lemma of WordNet's data files ('World_Bank', 'galore(ip)' without its marker)."""
    for pos in ("noun", "verb", "adj", "adv"):
        with open(wordnet / f"data.{pos}", encoding="latin-1") as lines:
            for line in lines:
                if line.startswith("  "):
                    continue  # the licence header
                fields = line.split()
                for n in range(int(fields[3], 16)):
                    yield re.sub(r"\(.*\)$", "", fields[4 + 2 * n])


def pairs(wordnet: Path = WORDNET) -> list[str]:
    """'first second' for two capitalised words side by side in a multi-word WordNet lemma."""
    found = set()
    for lemma in _lemmas(wordnet):
        words = lemma.split("_")
        for first, second in zip(words, words[1:]):
            if all(w.isalpha() and w.isascii() and w[0].isupper() for w in (first, second)):
                found.add(f"{first.lower()} {second.lower()}")
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=WORDNET, help="folder of WordNet's data.* files")
    parser.add_argument("--word-list", type=Path, action="append", dest="lists",
                        help="a SCOWL word list, one word a line (default: Debian's American and British lists)")
    args = parser.parse_args()
    OUTPUT.write_text(json.dumps(counts(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    words = capitalised(args.wordnet, tuple(args.lists or SCOWL))
    CAPITALISED.write_text(
        "# Words written capitalised by WordNet 3.0 (alone, or as a part of at least "
        f"{PART_MIN_NAMES} multi-word lemmas;\n"
        "# (c) 2006 Princeton University, see LICENSE-WordNet) or by the SCOWL word lists\n"
        "# (Copyright 2000-2011 by Kevin Atkinson, see names_LICENSE-SCOWL), lower-cased,\n"
        f"# known to wordfreq at Zipf {MIN_ZIPF} or more. Built by corpora/build_names_trigrams.py.\n"
        + "".join(f"{word}\n" for word in words),
        encoding="utf-8")
    print(f"wrote {CAPITALISED.relative_to(ROOT)} ({len(words)} words)")
    found = pairs(args.wordnet)
    PAIRS.write_text(
        "# Two capitalised words side by side in a multi-word name of WordNet 3.0, lower-cased;\n"
        "# (c) 2006 Princeton University, see LICENSE-WordNet. Built by corpora/build_names_trigrams.py.\n"
        + "".join(f"{pair}\n" for pair in found), encoding="utf-8")
    print(f"wrote {PAIRS.relative_to(ROOT)} ({len(found)} pairs)")


if __name__ == "__main__":
    main()
