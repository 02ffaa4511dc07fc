"""Derive the spinner's word map (`spin.spinner_map`) from the spin lexicon's own entries.

    python corpora/build_spinner_map.py [--half A|B] [--output PATH]

Each `kind: substitution` entry of rules/spin.yml pairs a spun key with its fix
("three factors clear" -> "three points clear").  The tokens of the two are
diffed; each differing stretch is one pair of the spinner's dictionary
("factors" -> "points"); a stretch that only drops or adds words takes the next
word along ("brand new" -> "new").  The pairs of a noun or verb are put
in its other forms too ("factor" -> "point", "mentions" -> "says"; a noun phrase's last
word, a verb phrase's first: "gets here" -> "comes"), marked
`~spun>original` in the sources column.  Writes rules/data/spinner_map.tsv:
spun, original, the lexicon entries that show the pair, the blocks they stand in
(or the inflected pair), sorted.

corpora/phrase_swaps.yml is not read: `textlint-news eval`'s corpus spinner draws
its phrase swaps from it, and the map would then be measured on its own table.

`--half A` (or B) reads only the entries whose key falls in that half
(`half(key)`): the map of half A, measured on half B's keys, is the held-out
figure of docs/spin-detectors.md (corpora/eval_spinner_map.py).
"""
from __future__ import annotations

import argparse
import sys
import zlib
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
LEXICON = ROOT / "rules" / "spin.yml"
OUTPUT = ROOT / "rules" / "data" / "spinner_map.tsv"
MIN_ZIPF = 1.0  # an inflected form English writes (wordfreq Zipf): not "outdoorses"
MAX_WORDS = 4  # a longer stretch is a rewording, not a dictionary entry
HEADER = "# spun\toriginal\tlexicon entries\tblocks (or ~spun>original: an inflection of that pair)"


def half(key: str) -> str:
    """"A" or "B": a lexicon key's half, by a stable hash of the key."""
    return "AB"[zlib.crc32(" ".join(key.lower().split()).encode()) % 2]


def lexicon_entries(path: Path = LEXICON) -> list[tuple[str, str, str]]:
    """(block id, spun key, fix) of every substitution entry of the pack, each fix once."""
    import yaml

    out = []
    for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
        if rule.get("kind") != "substitution":
            continue
        for key, target in rule["swap"].items():
            fixes = target.get("to") if isinstance(target, dict) else target
            for fix in [fixes] if isinstance(fixes, str) else fixes:
                out.append((rule["id"], key, fix))
    return out


def fragment_pairs(key: str, fix: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The differing stretches of a key's and its fix's tokens, (spun, original)."""
    from textlint_news.spin.spinner_map import fragment_tokens

    spun, original = fragment_tokens(key), fragment_tokens(fix)
    pairs = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, spun, original, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if i1 == i2 or j1 == j2:  # words dropped or added: take the next word along (else the one before)
            if i2 < len(spun) and j2 < len(original):
                i2, j2 = i2 + 1, j2 + 1
            elif i1 and j1:
                i1, j1 = i1 - 1, j1 - 1
            else:
                continue
        pair = spun[i1:i2], original[j1:j2]
        if any(all(t[0].isdigit() or t == "-" for t in side) for side in pair):
            continue  # "4" for "four": a digit swap (`spin.artifacts`), no dictionary entry
        if pair[0] != pair[1] and 0 < len(pair[0]) <= MAX_WORDS and 0 < len(pair[1]) <= MAX_WORDS:
            pairs.append(pair)
    return pairs


def inflections(spun: str, original: str) -> list[tuple[str, str]]:
    """The pair in the other forms of a noun or verb reading both share: a noun's last word
    ("financial institution"/"bank": "financial institutions"/"banks"), a verb's first
    ("got here"/"came": "gets here"/"comes")."""
    from textlint_news.spin.lexicon import inflect, lemmas, zipf

    forms = {"n": ("base", "plural"), "v": ("base", "3sg", "past", "ing")}
    a, b = spun.split(" "), original.split(" ")
    for pos, head in (("n", -1), ("v", 0)):
        theirs = {form: lemma for lemma, p, form in lemmas(b[head]) if p == pos}
        for lemma, p, form in lemmas(a[head]):
            other = theirs.get(form)
            if p != pos or other is None:
                continue
            pairs = []
            for f in forms[pos]:
                x, y = list(a), list(b)
                x[head], y[head] = inflect(lemma, pos, f), inflect(other, pos, f)
                if f != form and zipf(x[head]) >= MIN_ZIPF and zipf(y[head]) >= MIN_ZIPF:
                    pairs.append((" ".join(x), " ".join(y)))
            return pairs
    return []


def build(entries: list[tuple[str, str, str]]) -> list[str]:
    """The map's lines, from (block, key, fix) entries."""
    from textlint_news.spin.spinner_map import fragment_text

    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for block, key, fix in entries:
        for spun, original in dict.fromkeys(fragment_pairs(key, fix)):
            blocks[fragment_text(spun), fragment_text(original)].append(block.removeprefix("spin.lexicon."))
    rows = {pair: (len(found), ",".join(sorted(set(found)))) for pair, found in blocks.items()}
    for (spun, original), (count, _) in list(rows.items()):
        if "-" in spun or "-" in original:
            continue
        for pair in inflections(spun, original):
            if pair not in rows and pair[0] != pair[1]:
                rows[pair] = (count, f"~{spun}>{original}")
    return [HEADER] + [f"{s}\t{o}\t{n}\t{src}" for (s, o), (n, src) in sorted(rows.items())]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("A", "B"), help="read only this half of the lexicon's keys")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.half and args.output == OUTPUT:
        parser.error("--half needs --output: the shipped map is derived from the whole lexicon")
    entries = [e for e in lexicon_entries() if args.half is None or half(e[1]) == args.half]
    lines = build(entries)
    tmp = args.output.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(args.output)
    inflected = sum("\t~" in line for line in lines)
    print(f"{len(lines) - 1 - inflected} pairs (+{inflected} inflections) from {len(entries)} entries -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
