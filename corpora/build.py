"""Build the labelled spin corpora from clean news: each article clean, and spun.

    python corpora/build.py [--data ../shared/data] [--split heldout] [--rate 0.10] [--family own]
                            [--out corpora/build]

Articles are read in place from the clean collection (never copied into the
repository).  The split is by a hash of each file's bytes, so it is the same on
every machine and repeated articles always fall on the same side.  Each article
gives two `Example`s: the text as published (label 0) and the same text run
through a spinner family (label 1, with its labelled spans; `own` is
corpora/spinner.py, the others are in corpora/families/).  The held-out split is spun
with every phrase the spin lexicon pack lists excluded, so that measuring on it
tests generalisation.  Written as JSON lines under `--out` for inspection; the
`train`/`eval` commands build the same corpora in memory.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpora.spinner import SpunSpan  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "corpora" / "build"
OWN = "own"  # the detector's own spinner (corpora/spinner.py)
HELDOUT_PERCENT = 20   # share of articles (by file hash) kept out of training
SPLITS = ("train", "heldout")
TRAIN_RATES = (0.05, 0.10, 0.15)  # training sees light to heavy spinning
TRAIN_FAMILIES = ("own", "thesaurus", "phrase", "collocation", "names", "random")  # `train`'s default (corpora/families)
# With other families beside `own`, `train` spins every article twice: by `own` and by the
# other families in turn, the own twin weighing OWN_SHARE and the other 1 - OWN_SHARE (the
# clean text 1), so that the detector's own spinner keeps its weight however many families.
OWN_SHARE = 0.5


@dataclass(frozen=True)
class Example:
    """One labelled text: `label` 1 when spun, with the spun spans."""

    key: str
    text: str
    label: int
    rate: float
    spans: tuple[SpunSpan, ...] = ()
    family: str = ""  # the spinner family of a spun text (corpora/families)
    weight: float = 1.0  # its weight in training (`build`'s `own_share`)

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "rate": self.rate, "family": self.family,
                "weight": self.weight, "text": self.text, "spans": [s.to_dict() for s in self.spans]}


def split_of(data: bytes) -> str:
    """"heldout" for about HELDOUT_PERCENT % of files (by SHA-256 of their bytes), else "train"."""
    bucket = int.from_bytes(hashlib.sha256(data).digest()[:4], "big") % 100
    return "heldout" if bucket < HELDOUT_PERCENT else "train"


def articles(data_dir: Path, split: str | None = None) -> Iterator[tuple[str, str]]:
    """(relative path, decoded text) of every article, in path order, optionally one split."""
    from textlint_news.inputs import InputError, decode

    for path in sorted(data_dir.rglob("*.txt")):
        data = path.read_bytes()
        if split is not None and split_of(data) != split:
            continue
        try:
            text, _ = decode(data, str(path))
        except InputError:
            continue
        if text.strip():
            yield path.relative_to(data_dir).as_posix(), text


def lexicon_phrases() -> frozenset[str]:
    """Every phrase the spin lexicon pack(s) (`feeds: spin`) would flag, lower-cased."""
    from textlint_news.resources import builtin_packs
    from textlint_news.rulepack import load_pack

    phrases: set[str] = set()
    for path in builtin_packs():
        for rule in load_pack(path):
            if rule.feeds != "spin":
                continue
            phrases.update(" ".join(p.lower().split()) for p in rule.phrases())
    return frozenset(phrases)


def spinner_for(split: str, rate: float, seed: int, family: str = "own"):
    """The spinner of a split and family: the held-out one never produces lexicon phrases."""
    from corpora.families import make

    exclude = lexicon_phrases() if split == "heldout" else ()
    return make(family, rate=rate, seed=seed, exclude=exclude)


def build(data_dir: Path, split: str, rates: Iterable[float], seed: int = 0,
          families: Sequence[str] = TRAIN_FAMILIES, own_share: float | None = None) -> list[Example]:
    """Clean and spun examples of one split; article i is spun by `families[i % len(families)]`
    at a rate that cycles over `rates` among that family's articles.

    With `own_share` and `own` among several families, article i is spun twice instead: by
    `own` (weight `own_share`) and by the i-th of the others in turn (weight 1 - `own_share`).
    """
    rates = tuple(rates)
    spinners = {(family, rate): spinner_for(split, rate, seed, family) for family in families for rate in rates}
    others = [f for f in families if f != OWN]
    paired = own_share is not None and OWN in families and bool(others)
    examples: list[Example] = []
    for index, (key, text) in enumerate(articles(data_dir, split)):
        if paired:
            twins = [(OWN, rates[index % len(rates)], own_share),
                     (others[index % len(others)], rates[(index // len(others)) % len(rates)], 1 - own_share)]
        else:
            twins = [(families[index % len(families)], rates[(index // len(families)) % len(rates)], 1.0)]
        examples.append(Example(key, text, 0, 0.0))
        for family, rate, weight in twins:
            spun = spinners[family, rate].spin(text, key=key)
            if spun.spans:
                examples.append(Example(key, spun.text, 1, rate, spun.spans, family, weight))
    return examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--split", choices=SPLITS, default="heldout")
    parser.add_argument("--rate", type=float, action="append",
                        help="substitution rate (repeatable; default: 0.10 held out, 0.05/0.10/0.15 train)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--family", action="append",
                        help="spinner family (repeatable; default: " + ", ".join(TRAIN_FAMILIES) + ")")
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    args = parser.parse_args()
    rates = args.rate or ((0.10,) if args.split == "heldout" else TRAIN_RATES)
    examples = build(Path(args.data), args.split, rates, args.seed, args.family or TRAIN_FAMILIES,
                     OWN_SHARE if args.split == "train" else None)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{args.split}.jsonl"
    with target.open("w", encoding="utf-8") as handle:
        for example in examples:
            handle.write(json.dumps(example.to_dict(), ensure_ascii=False) + "\n")
    spun = sum(e.label for e in examples)
    print(f"{target}: {len(examples)} examples ({spun} spun, {len(examples) - spun} clean)")


if __name__ == "__main__":
    main()
