"""The families' word tables (corpora/families/data/, built by corpora/build_families.py).

Nothing under textlint_news/ reads them: the detector must never see a family's swaps.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
ROGET = DATA / "roget.tsv"          # Roget's Thesaurus (1911) synonym groups
EXPRESSIONS = DATA / "expressions.tsv"  # two- and three-word fixed expressions


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: build it with python corpora/build_families.py")
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def roget_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(pos, words) of every Roget synonym group; pos is "n", "v", "a" or "r"."""
    out = []
    for line in _lines(ROGET):
        pos, words = line.split("\t")
        out.append((pos, tuple(words.split("|"))))
    return tuple(out)


@lru_cache(maxsize=1)
def roget_synonyms() -> dict[str, dict[str, tuple[str, ...]]]:
    """word or phrase -> pos -> the other entries of every group it is in (in group order)."""
    table: dict[str, dict[str, dict[str, None]]] = {}
    for pos, words in roget_groups():
        for word in words:
            slot = table.setdefault(word, {}).setdefault(pos, {})
            slot.update((w, None) for w in words if w != word)
    return {word: {pos: tuple(others) for pos, others in by_pos.items()} for word, by_pos in table.items()}


@lru_cache(maxsize=1)
def expressions() -> dict[tuple[str, str], tuple[tuple[str, ...], ...]]:
    """Fixed expressions ("climate change", "rule of thumb") as word tuples, by their first two
    words, the longest first."""
    index: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for line in _lines(EXPRESSIONS):
        words = tuple(line.split(" "))
        index.setdefault(words[:2], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}
