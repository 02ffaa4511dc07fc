"""Learn word-pair counts from clean news for the rare-synonym detector.

    python corpora/build_collocations.py [DATA_DIR] [--out rules/data/collocations.tsv]
                                         [--holdout odd]

Reads every *.txt under DATA_DIR (default ../shared/data) in place and writes
derived statistics only, never sentences: how often each word follows each
other word.  Tokens are normalised the way `textlint_news.spin.rarity` reads a
document: lower case; "<s>" at a sentence or line start; "<num>" for numbers;
"<cap>" for a capitalised word inside a sentence (a name).  Only pairs seen at
least MIN_PAIR times and touching a word of the synonym table are kept, plus
the count of every word seen at least MIN_WORD times, so the file stays small.
`--holdout odd` leaves out files whose number is odd, so that false positives
can be measured on text the statistics never saw (corpora/eval_signals.py).

Output lines:  "=<TAB>word<TAB>count" (word counts) and "left<TAB>right<TAB>count".
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textlint_news.spin.rarity import context_tokens  # noqa: E402
from textlint_news.spin.lexicon import in_table, lemmas  # noqa: E402

MIN_PAIR = 2  # a pair seen once is noise, not a collocation
MIN_WORD = 2


def is_held_out(path: Path) -> bool:
    digits = re.sub(r"\D", "", path.stem)
    return bool(digits) and int(digits) % 2 == 1


def count(data: Path, holdout: str | None) -> tuple[Counter, Counter]:
    words: Counter = Counter()
    pairs: Counter = Counter()
    for path in sorted(data.rglob("*.txt")):
        if path.name == "README.md" or (holdout == "odd" and is_held_out(path)):
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        tokens = [tok for _, _, tok in context_tokens(text)]
        words.update(tokens)
        pairs.update(zip(tokens, tokens[1:]))
    return words, pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--out", default=str(ROOT / "rules" / "data" / "collocations.tsv"))
    parser.add_argument("--holdout", choices=["odd"], default=None)
    args = parser.parse_args()
    words, pairs = count(Path(args.data), args.holdout)

    def content(word: str) -> bool:
        return word.isalpha() and bool(lemmas(word) or in_table(word))

    lines = [f"=\t{w}\t{n}" for w, n in sorted(words.items()) if n >= MIN_WORD]
    lines += [f"{a}\t{b}\t{n}" for (a, b), n in sorted(pairs.items())
              if n >= MIN_PAIR and (content(a) or content(b))]
    out = Path(args.out)
    out.write_text(
        "# Word and word-pair counts learnt from clean news by corpora/build_collocations.py\n"
        f"# (derived statistics only; {sum(words.values())} tokens"
        f"{', odd-numbered files held out' if args.holdout else ''}).\n"
        + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(lines)} lines, {out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
