"""Learn word-pair counts from clean news for the rare-synonym detector.

    python corpora/build_collocations.py [DATA_DIR] [--out rules/data/collocations.tsv]
                                         [--holdout {split,odd,none}]

Reads every *.txt under DATA_DIR (default ../shared/data) in place and writes
derived statistics only, never sentences: how often each word follows each
other word.  Tokens are normalised the way `textlint_news.spin.rarity` reads a
document: lower case; "<s>" at a sentence or line start; "<num>" for numbers;
"<cap>" for a capitalised word inside a sentence (a name).  Only pairs seen at
least MIN_PAIR times and touching a word of the synonym table are kept, plus
the count of every word seen at least MIN_WORD times, so the file stays small.

By default (`--holdout split`) only the TRAINING split is counted: every article
that `corpora.build.split_of` puts in the held-out split is left out, so that
`textlint-news eval` measures the detectors on text the statistics never saw (a
table learnt from all articles leaks the held-out texts' own word pairs into the
evaluation).  `--holdout odd` instead leaves out files whose number is odd, for
false-positive measurements on unseen clean text (corpora/eval_signals.py);
`--holdout none` counts everything (not for the shipped table).

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
from corpora.build import split_of  # noqa: E402

MIN_PAIR = 2  # a pair seen once is noise, not a collocation
MIN_WORD = 2
HOLDOUT_NOTE = {"split": "the held-out split of corpora/build.py", "odd": "odd-numbered files",
                "none": "nothing"}


def is_held_out(path: Path, data: bytes, holdout: str) -> bool:
    """Whether an article is left out of the counts under the `--holdout` policy."""
    if holdout == "split":
        return split_of(data) == "heldout"
    if holdout == "odd":
        digits = re.sub(r"\D", "", path.stem)
        return bool(digits) and int(digits) % 2 == 1
    return False


def count(data: Path, holdout: str) -> tuple[Counter, Counter]:
    words: Counter = Counter()
    pairs: Counter = Counter()
    for path in sorted(data.rglob("*.txt")):
        raw = path.read_bytes()
        if is_held_out(path, raw, holdout):
            continue
        text = raw.decode("utf-8", errors="replace")
        tokens = [tok for _, _, tok in context_tokens(text)]
        words.update(tokens)
        pairs.update(zip(tokens, tokens[1:]))
    return words, pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--out", default=str(ROOT / "rules" / "data" / "collocations.tsv"))
    parser.add_argument("--holdout", choices=["split", "odd", "none"], default="split",
                        help="articles left out: the held-out split (default), odd-numbered files, none")
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
        f"; left out: {HOLDOUT_NOTE[args.holdout]}).\n"
        + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(lines)} lines, {out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
