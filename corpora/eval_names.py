"""Measure the `names` check: warnings on clean news, recall and precision on injected typos.

    python corpora/eval_names.py [DATA_DIR] [--seed 1] [--limit N] [--show 40]

Three settings, each on every article of DATA_DIR (default ../shared/data):

- alone:   each file linted by itself (no sister copies);
- corpus:  each file linted with the name inventories of the other articles of its story
           group (what `textlint-news lint DATA_DIR` does: textlint_news.stories groups the
           files first; most clean articles are alone in their group);
- copies:  the damaged file linted with its own clean original as a sister copy plus the
           original's story group (a typo in one scraped copy of a story: the main use).

Clean: warning/error issues of the names check on the articles as they are.
Injected (corpora/inject_typos.py, one slip in one name per article):
recall = injected typos flagged `names.typo` or `names.unknown` with the original
spelling as first suggestion (also given for names the text writes more than
once, the only ones a lone file can show a variant of); precision = flagged name-typo issues that are
injected typos.  `precision*` leaves out issues that the clean original already
raises (typos the edited articles really contain).
"""
from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpora.inject_typos import inject  # noqa: E402
from textlint_news.checks.names import CHECKS  # noqa: E402
from textlint_news.config import Config  # noqa: E402
from textlint_news.document import Document  # noqa: E402
from textlint_news.engine import Linter  # noqa: E402
from textlint_news.inputs import InputError, read_document  # noqa: E402
from textlint_news.stories import group, sketch  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TYPO_RULES = ("names.typo", "names.unknown")


def load(folder: Path, limit: int | None) -> list[Document]:
    docs = []
    for path in sorted(folder.rglob("*.txt")):
        try:
            docs.append(read_document(path, 10 * 1024**2, str(path)))
        except InputError as exc:
            print(f"skipped: {exc}", file=sys.stderr)
    return docs[:limit] if limit else docs


def flagged(linter: Linter, doc: Document, others: list) -> list:
    corpus = {"names": others} if others else None
    result = linter.lint_document(doc, corpus)
    if result.failures:
        raise SystemExit(f"{doc.path}: {result.failures[0]}")
    return [i for i in result.issues if i.severity != "info"]


class Tally:
    """Counts for one setting."""

    def __init__(self) -> None:
        self.clean = collections.Counter()
        self.injected = self.found = self.flags = self.hits = self.flags_new = 0
        self.repeated = self.repeated_found = 0
        self.by_rule = collections.Counter()
        self.flags_by_rule = collections.Counter()
        self.misses: list[str] = []
        self.false: list[str] = []
        self.clean_issues: list[str] = []

    def report(self, name: str, articles: int) -> str:
        clean = sum(self.clean.values())
        lines = [] if name == "copies" else [f"[{name}] clean: {clean} name-typo warnings/errors in {articles} articles "
                 f"({clean / max(articles, 1) * 50:.2f} per 50 articles) {dict(self.clean)}"]
        if not self.injected:
            return "\n".join(lines)
        lines += [f"[{name}] injected: {self.injected}; recall {self.found / max(self.injected, 1):.1%} "
                 f"({self.found}); precision {self.hits / max(self.flags, 1):.1%} ({self.hits}/{self.flags}); "
                 f"precision* {self.hits / max(self.flags_new, 1):.1%} ({self.hits}/{self.flags_new}); "
                 f"hits by rule {dict(self.by_rule)}",
                  f"[{name}] precision* by rule: " + ", ".join(
                      f"{rule} {self.by_rule[rule] / max(n, 1):.1%} ({self.by_rule[rule]}/{n})"
                      for rule, n in sorted(self.flags_by_rule.items())),
                  f"[{name}] names written more than once: recall "
                  f"{self.repeated_found / max(self.repeated, 1):.1%} ({self.repeated_found}/{self.repeated})"]
        return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--show", type=int, default=20,
                        help="print this many clean issues, misses and false alarms per setting")
    parser.add_argument("--clean-only", action="store_true", help="skip the injected typos")
    args = parser.parse_args()

    linter = Linter(Config(select=["names"]), checks=CHECKS)  # the names check alone: fast, isolated
    docs = load(Path(args.folder), args.limit or None)
    observed = [linter.observe(doc)["names"] for doc in docs]
    stories = linter.settings["stories"]
    numbers = group([sketch(doc.text, stories) for doc in docs], stories)
    members = collections.defaultdict(list)
    for n, number in enumerate(numbers):
        members[number].append(n)
    print(f"story groups: {sum(len(m) > 1 for m in members.values())} of several articles, holding "
          f"{sum(len(m) for m in members.values() if len(m) > 1)} of {len(docs)} articles")
    rng = random.Random(args.seed)
    tallies = {name: Tally() for name in ("alone", "corpus", "copies")}
    for n, doc in enumerate(docs):
        rest = [observed[m] for m in members[numbers[n]] if m != n]
        damaged_text, injections = inject(doc.text, rng)
        damaged = Document(damaged_text, doc.path + "#damaged")
        clean_alone = flagged(linter, doc, [])
        clean_corpus = flagged(linter, doc, rest)
        for name, clean_issues, damaged_context in (
            ("alone", clean_alone, []),
            ("corpus", clean_corpus, rest),
            ("copies", clean_corpus, [*rest, observed[n]]),
        )[:2 if args.clean_only else 3]:
            tally = tallies[name]
            if name != "copies":
                tally.clean.update(i.rule for i in clean_issues)
                tally.clean_issues.extend(
                    f"{doc.path}:{i.line}: {i.rule} {i.severity} {doc.text[i.start:i.end]!r} -> "
                    f"{i.suggestions[0]!r}: {i.message}" for i in clean_issues)
            before = {(doc.text[i.start:i.end], i.rule) for i in clean_issues}
            if args.clean_only:
                continue
            issues = [i for i in flagged(linter, damaged, damaged_context) if i.rule in TYPO_RULES]
            tally.injected += len(injections)
            tally.flags += len(issues)
            tally.flags_by_rule.update(i.rule for i in issues
                                       if (damaged_text[i.start:i.end], i.rule) not in before)
            tally.flags_new += sum((damaged_text[i.start:i.end], i.rule) not in before for i in issues)
            for injection in injections:
                tally.repeated += injection.occurrences > 1
                hit = [i for i in issues if i.start == injection.start and i.end == injection.end
                       and i.suggestions[:1] == (injection.original,)]
                if hit:
                    tally.found += 1
                    tally.repeated_found += injection.occurrences > 1
                    tally.hits += 1
                    tally.by_rule[hit[0].rule] += 1
                else:
                    tally.misses.append(f"{doc.path}: {injection.original} -> {injection.typo} ({injection.slip}, "
                                        f"{injection.occurrences}x)")
            for issue in issues:
                if not any(issue.start == j.start for j in injections) and \
                        (damaged_text[issue.start:issue.end], issue.rule) not in before:
                    tally.false.append(f"{doc.path}:{issue.line}: {issue.rule} {issue.message}")
    for name, tally in tallies.items():
        if args.clean_only and name == "copies":
            continue
        print(tally.report(name, len(docs)))
        for line in tally.clean_issues[:args.show]:
            print("   clean:", line)
        for line in tally.misses[:args.show]:
            print("   miss:", line)
        for line in tally.false[:args.show]:
            print("   false alarm:", line)


if __name__ == "__main__":
    main()
