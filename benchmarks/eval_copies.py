"""Cross-copy spin detection, measured: each held-out article spun, linted beside its original.

    python benchmarks/eval_copies.py [--data ../shared/data] [--family random ...] [--rate 0.10] [-j 2]

For each spinner family of `corpora/families` (every one but `own` by default:
their swaps come from sources the detector does not read, `random` even from
words of about the same frequency), the held-out split of the clean news is
spun at `--rate` with every spin-lexicon phrase excluded, and each spun text is
linted with its original as its one sister copy, and each original with its spun
twin, as `textlint-news eval --copies` does.  Reported per family: span
precision and recall (warnings and errors), the share of found swaps whose
original is suggested, `spin.document` on spun texts, and every spin warning or
error on the originals.  `--format json` prints the figures as JSON.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpora import build  # noqa: E402
from corpora.families import make, outside_families  # noqa: E402
from textlint_news.spin import commands  # noqa: E402
from textlint_news.spin.evaluation import REPORTED, score  # noqa: E402


def examples(data: Path, family: str, rate: float, seed: int) -> list[build.Example]:
    """Each held-out article clean, and spun by `family` (lexicon phrases excluded)."""
    spinner = make(family, rate, seed, build.lexicon_phrases())
    found = []
    for key, text in build.articles(data, "heldout"):
        spun = spinner.spin(text, key=key)
        found.append(build.Example(key, text, 0, 0.0))
        if spun.spans:
            found.append(build.Example(key, spun.text, 1, rate, spun.spans))
    return found


def measure(data: Path, family: str, rate: float, seed: int, jobs: int) -> dict:
    corpus = examples(data, family, rate, seed)
    twins = {(e.key, e.label): e.text for e in corpus}
    items = [(e, twins.get((e.key, 1 - e.label))) for e in corpus]
    outcomes = commands._map(commands._evaluate, items, jobs, commands._init_eval,
                             (None, None, str(commands.DEFAULT_MODEL)))
    metrics = score(outcomes)
    originals = [o for o in outcomes if not o.label]
    metrics["original_warnings"] = sum(1 for o in originals for i in o.issues if i[2] in REPORTED) \
        + sum(o.document_issue for o in originals)
    metrics["copy_spans"] = sum(1 for o in outcomes if o.label for i in o.issues
                                if i[4] == "spin.copy" and i[2] in REPORTED)
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(commands.DEFAULT_DATA))
    parser.add_argument("--family", action="append", help="spinner family (repeatable; default: all outside ones)")
    parser.add_argument("--rate", type=float, default=0.10)
    parser.add_argument("--seed", type=int, default=commands.EVAL_SEED)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()
    results = {family: measure(Path(args.data), family, args.rate, args.seed, args.jobs)
               for family in args.family or outside_families()}
    if args.format == "json":
        print(json.dumps(results, indent=2))
        return
    print("family     texts  spans  precision  recall  original  spin.document  warnings on originals")
    for family, m in results.items():
        print(f"{family:<10} {m['texts']['spun']:>5}  {m['labelled_spans']:>5}  {m['span_precision']:>9.3f}  "
              f"{m['span_recall']:>6.3f}  {m['suggestion_hit_rate']:>8.3f}  {m['document_issue_rate_spun']:>13.3f}  "
              f"{m['original_warnings']:>5}")


if __name__ == "__main__":
    main()
