"""Audited false positives of the scraping-noise checks on clean news (../shared/data).

    python benchmarks/fp_audit.py [--jobs 2] [--show-unjudged 20] [DIR]

`benchmarks/false_positives.py` counts every warning or error on the clean
articles as a false positive.  Many of them are not: the ReCOVery copies keep
real page debris ("Enlarge this image toggle caption", tweet signatures, repeated
gallery captions) and some BBC copies lost spaces ("thefirst").  Each issue span
was read in its article and judged in `fp_audit.tsv` (path, rule, offsets,
verdict, reason; no article text): `debris` is scraping debris or damage a
cleaner should remove, `false` is legitimate article text, or a fix that would
delete some.  This script lints the folder again and joins the issues with
the audit: per rule, how many are debris, false or not judged yet (to read and
add), and which judged issues are no longer reported.
"""
from __future__ import annotations

import argparse
import collections
import csv
from pathlib import Path

from textlint_news.api import lint_paths
from textlint_news.config import Config

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
AUDIT = Path(__file__).with_name("fp_audit.tsv")
SELECT = ["foreign-wrapper", "boilerplate", "duplicate", "metadata", "embed", "encoding", "layout"]

Key = tuple[str, str, int, int]


def read_audit(path: Path) -> dict[Key, tuple[str, str]]:
    """(path, rule, start, end) -> (verdict, reason)."""
    rows = (line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return {
        (row["path"], row["rule"], int(row["start"]), int(row["end"])): (row["verdict"], row["reason"])
        for row in csv.DictReader(rows, delimiter="\t")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--show-unjudged", type=int, default=20, help="print this many issues not in the audit")
    args = parser.parse_args()

    folder = Path(args.folder).resolve()
    audit = read_audit(AUDIT)
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    reported: set[Key] = set()
    unjudged = []
    articles = 0
    for result in lint_paths([str(folder)], Config(select=SELECT), jobs=args.jobs):
        articles += 1
        for issue in result.issues:
            if issue.severity == "info":
                continue
            key = (Path(issue.path).resolve().relative_to(folder).as_posix(), issue.rule, issue.start, issue.end)
            reported.add(key)
            verdict = audit.get(key, ("unjudged", ""))[0]
            counts[issue.rule][verdict] += 1
            if verdict == "unjudged":
                unjudged.append(issue)

    per20 = 20 / max(articles, 1)
    total = collections.Counter()
    print(f"{articles} articles; warning/error issues of the scraping-noise checks, judged in {AUDIT.name}\n")
    print(f"  {'rule':34} {'raw':>5} {'debris':>7} {'false':>6} {'unjudged':>9}")
    for rule, counter in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        total.update(counter)
        print(f"  {rule:34} {sum(counter.values()):5} {counter['debris']:7} {counter['false']:6} "
              f"{counter['unjudged']:9}")
    raw = sum(total.values())
    print(f"  {'total':34} {raw:5} {total['debris']:7} {total['false']:6} {total['unjudged']:9}")
    print(f"\nraw {raw * per20:.2f} per 20 articles; false {total['false'] * per20:.3f}; "
          f"false or unjudged {(total['false'] + total['unjudged']) * per20:.3f}")

    gone = collections.Counter(
        (rule, verdict) for (path, rule, start, end), (verdict, _) in audit.items()
        if (path, rule, start, end) not in reported
    )
    if gone:
        print("\njudged issues no longer reported (false = fixed; debris = recall lost or moved to another span):")
        for (rule, verdict), count in sorted(gone.items()):
            print(f"  {rule:34} {verdict:7} {count:4}")
    for issue in unjudged[:args.show_unjudged]:
        print(f"\nunjudged: {issue.path}:{issue.line}: {issue.rule} [{issue.start},{issue.end}] {issue.message}")


if __name__ == "__main__":
    main()
