"""Inject name typos into clean text, for measuring the `names` check.

    python corpora/inject_typos.py FILE [--seed N] [--count K]   # prints the damaged text

A name here is a capitalised word (not an acronym) that the text writes at least
once right after a lower-case word ("said Vexmire", "with Vexmire's"), chosen
independently of the check's own mention finder.  One occurrence of it is damaged by a typing slip: two adjacent
letters swapped, a letter dropped, a letter doubled, or a letter replaced by a
neighbouring key.  The first letter is never touched (it carries the
capital), and a slip that yields a spelling the text already contains is
skipped, so every injected form is new to the text.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textlint_news.names.variants import KEYBOARD_NEIGHBOURS  # noqa: E402

SLIPS = ("transposition", "deletion", "doubling", "keyboard")
_WORD = re.compile(r"(?<![\w'’-])([A-Z][a-z]{3,})(?=['’]s\b|[^\w'’-]|$)")
_AFTER_LOWER_CASE_WORD = re.compile(r"(?<![\w'’-])[a-z]+,? $")


@dataclass(frozen=True)
class Injection:
    """One typo put into the text: where (in the damaged text), what it replaced, which slip,
    and how often the text wrote the name before the damage."""

    start: int
    end: int
    typo: str
    original: str
    slip: str
    occurrences: int = 1


def names_in(text: str) -> dict[str, list[int]]:
    """Capitalised words written after a lower-case word somewhere in `text` -> offsets of each."""
    found: dict[str, list[int]] = {}
    mid: set[str] = set()
    for match in _WORD.finditer(text):
        found.setdefault(match.group(1), []).append(match.start(1))
        if _AFTER_LOWER_CASE_WORD.search(text[max(0, match.start(1) - 30):match.start(1)]):
            mid.add(match.group(1))
    return {word: offsets for word, offsets in found.items() if word in mid}


def slip(word: str, kind: str, rng: random.Random) -> str | None:
    """`word` with one typing slip of the given kind (first letter kept), or None if impossible."""
    positions = list(range(1, len(word)))
    rng.shuffle(positions)
    for i in positions:
        if kind == "transposition" and i + 1 < len(word) and word[i] != word[i + 1]:
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if kind == "deletion":
            return word[:i] + word[i + 1:]
        if kind == "doubling":
            return word[:i + 1] + word[i] + word[i + 1:]
        if kind == "keyboard" and KEYBOARD_NEIGHBOURS.get(word[i]):
            return word[:i] + rng.choice(sorted(KEYBOARD_NEIGHBOURS[word[i]])) + word[i + 1:]
    return None


def inject(text: str, rng: random.Random, count: int = 1) -> tuple[str, list[Injection]]:
    """Damage `count` different names of `text` once each; the damaged text and what was done."""
    names = names_in(text)
    existing = set(re.findall(r"[^\W\d_]+", text))
    chosen = rng.sample(sorted(names), min(count, len(names)))
    edits: list[tuple[int, str, str, str]] = []
    for name in chosen:
        kinds = list(SLIPS)
        rng.shuffle(kinds)
        for kind in kinds:
            typo = slip(name, kind, rng)
            if typo and typo not in existing:
                edits.append((rng.choice(names[name]), name, typo, kind))
                break
    damaged, injections, shift = text, [], 0
    for offset, name, typo, kind in sorted(edits):
        start = offset + shift
        damaged = damaged[:start] + typo + damaged[start + len(name):]
        injections.append(Injection(start, start + len(typo), typo, name, kind, len(names[name])))
        shift += len(typo) - len(name)
    return damaged, injections


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=1)
    args = parser.parse_args()
    text = Path(args.file).read_text(encoding="utf-8", errors="replace")
    damaged, injections = inject(text, random.Random(args.seed), args.count)
    for injection in injections:
        print(f"# {injection.original} -> {injection.typo} ({injection.slip}) at {injection.start}",
              file=sys.stderr)
    sys.stdout.write(damaged)


if __name__ == "__main__":
    main()
