"""Build how often clean news writes each word capitalised inside a sentence (`spin.name`).

    python corpora/build_name_case.py [--data ../shared/data]

Writes rules/data/spin_name_case.tsv: word, times the *training* split of `--data`
writes it capitalised after a sentence's first word ("the Food and Drug
Administration"), times in lower case.  Only words capitalised at least
`MIN_CAPITALISED` times are listed (any other word is not a name's word).  A word
news writes capitalised as often as not ("Tory", "Labour", "Valley") is a word of
names; a spinner's swap is an ordinary word that names seldom hold ("Lyceum",
"Centrality").  The held-out split, which `textlint-news eval` spins, is never read.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
OUTPUT = ROOT / "rules" / "data" / "spin_name_case.tsv"
DATA = ROOT.parent / "shared" / "data"
MIN_CAPITALISED = 2
_WORD = re.compile(r"[A-Za-z]+")


def count(data_dir: Path) -> tuple[Counter[str], Counter[str]]:
    """(capitalised inside a sentence, lower case) counts of each lower-cased word."""
    from corpora.build import articles
    from corpora.spinner import sentence_start

    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for _, text in articles(data_dir, "train"):
        for m in _WORD.finditer(text):
            word = m.group()
            if word.islower():
                lower[word] += 1
            elif word[0].isupper() and word[1:].islower() and not sentence_start(text, m.start()):
                upper[word.lower()] += 1
    return upper, lower


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="clean news; its training split is read")
    args = parser.parse_args()
    upper, lower = count(args.data)
    rows = sorted(w for w, n in upper.items() if n >= MIN_CAPITALISED)
    tmp = OUTPUT.with_suffix(".tmp")
    tmp.write_text("# word\tcapitalised inside a sentence\tlower case; training split of ../shared/data,"
                   " built by corpora/build_name_case.py\n"
                   + "".join(f"{w}\t{upper[w]}\t{lower[w]}\n" for w in rows), encoding="utf-8")
    tmp.replace(OUTPUT)
    print(f"{len(rows)} words -> {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
