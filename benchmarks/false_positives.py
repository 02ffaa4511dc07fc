"""Count warning-or-error issues on clean news (../shared/data): false positives per rule.

    python benchmarks/false_positives.py [--select boilerplate,duplicate] [--show 20] [DIR]

Every warning or error on this edited prose is a false positive until a reader
shows otherwise; `--show N` prints N of them with their text to read.
"""
from __future__ import annotations

import argparse
import collections
from pathlib import Path

from textlint_news.api import lint_paths
from textlint_news.config import Config

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--select", default="", help="rule prefixes or categories, comma-separated")
    parser.add_argument("--show", type=int, default=0, help="print this many issues with their text")
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args()

    config = Config(select=[s for s in args.select.split(",") if s])
    per_rule: collections.Counter = collections.Counter()
    files_hit: collections.Counter = collections.Counter()
    articles = shown = 0
    for result in lint_paths([args.folder], config, jobs=args.jobs):
        articles += 1
        flagged = [i for i in result.issues if i.severity != "info"]
        for issue in flagged:
            per_rule[issue.rule] += 1
        for rule in {i.rule for i in flagged}:
            files_hit[rule] += 1
        for issue in flagged:
            if shown < args.show:
                shown += 1
                text = Path(issue.path).read_text(encoding="utf-8", errors="replace")[issue.start:issue.end]
                print(f"{issue.path}:{issue.line}: {issue.rule} {issue.message}\n    {text[:200]!r}")
    total = sum(per_rule.values())
    print(f"\n{articles} articles, {total} warning/error issues "
          f"= {total / max(articles, 1) * 20:.2f} per 20 articles")
    for rule, count in per_rule.most_common():
        print(f"  {rule:40} {count:5}  in {files_hit[rule]} files  ({count / max(articles, 1) * 20:.2f}/20 articles)")


if __name__ == "__main__":
    main()
