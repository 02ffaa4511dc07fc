"""Measure the `wrapper` check: line recall on short wrapper lines, false alarms on English news.

    python corpora/eval_wrappers.py [DATA_DIR] [--articles 40] [--seed 1] [--show 10]

Wrapped: `--articles` articles of DATA_DIR (default ../shared/data), each wrapped per language of
tests/data/wrapper_lines.yml (invented lines) in a header line, a blank line, the article, a
blank line and a footer line; a wrapper line is found when a warning of the check covers it.
`--header-only` leaves the footer out (no partner line), `--lines` takes another set of lines.
Clean: every article of DATA_DIR and the seeds (../shared/seeds) as they are; every warning is
listed (the seeds' only wrapper is seed 003's Persian header and tag).
"""
from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textlint_news.checks.wrapper import CHECKS  # noqa: E402
from textlint_news.config import Config  # noqa: E402
from textlint_news.engine import Linter  # noqa: E402

SHARED = ROOT.parent / "shared"
LINES = ROOT / "tests" / "data" / "wrapper_lines.yml"


def wrap(article: str, header: str, footer: str) -> tuple[str, list[tuple[int, int]]]:
    """The wrapped text and the spans of its two wrapper lines."""
    body = article.strip("\n")
    text = f"{header}\n\n{body}\n\n{footer}\n"
    footer_start = len(header) + 2 + len(body) + 2
    return text, [(0, len(header)), (footer_start, footer_start + len(footer))]


def found(issues: list, span: tuple[int, int]) -> bool:
    return any(i.severity != "info" and i.start <= span[0] and span[1] <= i.end for i in issues)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(SHARED / "data"))
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=10)
    parser.add_argument("--lines", default=str(LINES), help="the wrapper lines (YAML)")
    parser.add_argument("--header-only", action="store_true", help="wrap with a header line alone")
    args = parser.parse_args()
    linter = Linter(Config(select=["wrapper"]), checks=CHECKS)
    paths = sorted(Path(args.folder).rglob("*.txt"))
    rng = random.Random(args.seed)
    sample = rng.sample(paths, min(args.articles, len(paths)))
    languages = yaml.safe_load(Path(args.lines).read_text(encoding="utf-8"))
    total = [0, 0]
    for code, lines in languages.items():
        hits, misses = 0, []
        for article in sample:
            header = rng.choice(lines["header"]).format(n=rng.randrange(1000, 999999))
            footer = rng.choice(lines["footer"]).format(n=rng.randrange(1000, 999999))
            text, spans = wrap(article.read_text(encoding="utf-8"), header, footer)
            if args.header_only:
                text, spans = text[:spans[1][0]].rstrip("\n") + "\n", spans[:1]
            issues = linter.lint(text)
            for span in spans:
                if found(issues, span):
                    hits += 1
                else:
                    misses.append(text[span[0]:span[1]])
        count = len(spans) * len(sample)
        total[0] += hits
        total[1] += count
        shown = "; ".join(f"{line!r} x{n}" for line, n in collections.Counter(misses).most_common(args.show))
        print(f"{code}: {hits}/{count} lines ({hits / count:.1%})" + (f"  missed: {shown}" if misses else ""))
    print(f"all: {total[0]}/{total[1]} lines ({total[0] / total[1]:.1%})")
    clean = sorted(Path(args.folder).rglob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    alarms = []
    for path in clean:
        text = path.read_text(encoding="utf-8")
        alarms += [f"{path}:{i.line}: {i.rule} {text[i.start:i.end]!r}" for i in linter.lint(text)
                   if i.severity != "info"]
    print(f"clean: {len(alarms)} warnings in {len(clean)} files")
    for alarm in alarms:
        print("  ", alarm[:200])


if __name__ == "__main__":
    main()
