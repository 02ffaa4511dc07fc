"""Measure the spin detectors: signals on clean news (false positives) and recall on seed 004.

    python corpora/eval_signals.py [--data DIR] [--seeds DIR] [--min-score 0.5] [--show 20]
                                   [--collocations PATH --held-out odd]

Every signal on the clean articles of DATA (../shared/data, each file read in place)
is a false positive.  Recall is measured against tests/data/seed004_spans.json:
a spun span is found when a signal overlaps it, and its original is suggested when
one of that signal's suggestions contains the original wording.  `--collocations`
with `--held-out odd` measures false positives only on the files that a held-out
collocation table (corpora/build_collocations.py --holdout odd) never saw.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textlint_news.check import Context  # noqa: E402
from textlint_news.config import Config  # noqa: E402
from textlint_news.document import Document  # noqa: E402
from textlint_news.engine import Linter  # noqa: E402
from textlint_news.spin.detectors import find_signals  # noqa: E402

SPANS = ROOT / "tests" / "data" / "seed004_spans.json"


def make_context(collocations: str | None) -> Context:
    table = {"spin": {"detectors": {"rare_synonym": {"collocations": collocations}}}} if collocations else {}
    linter = Linter(Config(settings=table))
    return Context(settings=linter.settings, fed=linter.fed)


def recall(seed_text: str, ctx: Context) -> tuple[int, int, int, list[dict]]:
    """(spans, found, original suggested, missed spans) on seed 004."""
    gold = json.loads(SPANS.read_text(encoding="utf-8"))["spans"]
    signals = find_signals(Document(seed_text), ctx)
    found = suggested = 0
    missed = []
    for span in gold:
        hits = [s for s in signals if s.start < span["end"] and span["start"] < s.end]
        if not hits:
            missed.append(span)
            continue
        found += 1
        original = span["original"].lower().replace("’", "'")
        if any(re.search(rf"\b{re.escape(original)}\b", sug.lower().replace("’", "'"))
               for s in hits for sug in s.suggestions):
            suggested += 1
    return len(gold), found, suggested, missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--min-score", type=float, default=0.5,
                        help="count signals at or above this score as strong")
    parser.add_argument("--show", type=int, default=0, help="print this many clean-data signals")
    parser.add_argument("--rule", default="", help="only show signals of rules with this prefix")
    parser.add_argument("--collocations", default=None, help="a collocation table to use instead")
    parser.add_argument("--held-out", choices=["odd"], default=None,
                        help="measure only on files whose number is odd")
    args = parser.parse_args()
    ctx = make_context(args.collocations)

    per_rule: collections.Counter = collections.Counter()
    strong: collections.Counter = collections.Counter()
    files_hit: set[str] = set()
    articles = size = shown = 0
    started = time.perf_counter()
    for path in sorted(Path(args.data).rglob("*.txt")):
        digits = re.sub(r"\D", "", path.stem)
        if args.held_out == "odd" and not (digits and int(digits) % 2):
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        articles += 1
        size += len(text.encode("utf-8"))
        for signal in find_signals(Document(text, str(path)), ctx):
            per_rule[signal.rule] += 1
            if signal.score >= args.min_score:
                strong[signal.rule] += 1
                files_hit.add(str(path))
            if shown < args.show and signal.rule.startswith(args.rule):
                shown += 1
                context = text[max(0, signal.start - 50):signal.end + 40].replace("\n", " ")
                print(f"{path.relative_to(args.data)} {signal.rule} {signal.score:.2f} "
                      f"{text[signal.start:signal.end]!r} -> {signal.suggestions[:2]}\n    {context}")
    elapsed = time.perf_counter() - started
    print(f"\n{articles} clean articles, {size / 1e6:.1f} MB in {elapsed:.1f} s "
          f"({size / 1e6 / elapsed:.2f} MB/s, one process, cold caches)")
    print(f"signals: {sum(per_rule.values())} ({sum(per_rule.values()) / max(articles, 1) * 10:.2f} per 10 "
          f"articles); score >= {args.min_score}: {sum(strong.values())} "
          f"({sum(strong.values()) / max(articles, 1) * 10:.2f} per 10 articles, in {len(files_hit)} files)")
    for rule in sorted(per_rule):
        print(f"  {rule:28} {per_rule[rule]:5}   strong {strong[rule]:5}")

    seed = sorted(Path(args.seeds).glob("004_*.txt"))
    if seed:
        total, found, suggested, missed = recall(seed[0].read_text(encoding="utf-8"), ctx)
        print(f"\nseed 004: {found}/{total} spun spans found ({found / total:.0%}), "
              f"original suggested for {suggested} ({suggested / total:.0%})")
        for span in missed:
            print(f"  missed {span['spun']!r} (original {span['original']!r}) at {span['start']}")


if __name__ == "__main__":
    main()
