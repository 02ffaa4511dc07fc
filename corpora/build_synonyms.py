"""Build rules/data/synonyms.tsv from WordNet 3.0 (Debian package `wordnet-base`).

    apt-get install -y wordnet-base
    python corpora/build_synonyms.py [--wordnet /usr/share/wordnet] [--out rules/data/synonyms.tsv]

One line per (word, part of speech):  word<TAB>pos<TAB>syn1|syn2|...
pos is n, v, a (adjectives, satellites folded in) or r.  Synonyms are the other
members of the word's synsets, in WordNet's sense-frequency order, then (for
adjectives) the members of "similar to" synsets: the thesaurus view a
sense-blind synonym spinner draws from.  Only words and synonyms that occur in
general English (wordfreq) are kept, so the table stays small; proper nouns
(capitalised lemmas) are dropped.  Synonymy is made symmetric: when a word lists
a synonym (capped at MAX_SYNONYMS, or too rare to be a headword itself), the
synonym lists the word back, so a detector asking "which commoner word could
this one have replaced?" sees every swap a spinner drawing from the table can make.
Also writes rules/data/inflections.tsv: the irregular forms of WordNet's exception
lists (form<TAB>pos<TAB>lemma) whose lemma is in the table, plus the verbs whose
past is their base form, which the exception lists leave out.
"""
from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
HEAD_MIN_ZIPF = 2.5        # a headword must be at least this common (zipf scale)
PHRASE_HEAD_MIN_ZIPF = 2.5  # multiword headwords must be commoner still
SYN_MIN_ZIPF = 2.0         # a synonym must occur in general English at all
MAX_SYNONYMS = 25          # per (word, pos): the rest are obscure senses
# Verbs whose past (and participle) is the base form; WordNet's verb.exc omits them.
SAME_FORM_PAST = ("bet bid broadcast burst cast cost cut fit forecast hit hurt let put quit "
                  "read rid set shed shut slit split spread thrust upset wed").split()


def _lemma(raw: str) -> str:
    word = raw.split("(")[0]  # adjective markers: (a), (p), (ip)
    return word.replace("_", " ")


def read_synsets(wordnet: Path, pos: str) -> dict[int, tuple[list[str], list[int]]]:
    """offset -> (member lemmas, offsets of 'similar to' synsets)."""
    synsets: dict[int, tuple[list[str], list[int]]] = {}
    for line in (wordnet / f"data.{POS_FILES[pos]}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split(" | ")[0].split()
        offset, count = int(fields[0]), int(fields[3], 16)
        words = [_lemma(fields[4 + 2 * i]) for i in range(count)]
        at = 4 + 2 * count
        n_pointers = int(fields[at])
        similar = []
        for i in range(n_pointers):
            symbol, target = fields[at + 1 + 4 * i], fields[at + 2 + 4 * i]
            if symbol == "&":
                similar.append(int(target))
        synsets[offset] = (words, similar)
    return synsets


def read_index(wordnet: Path, pos: str) -> dict[str, list[int]]:
    """lemma -> synset offsets, most frequent sense first."""
    index: dict[str, list[int]] = {}
    for line in (wordnet / f"index.{POS_FILES[pos]}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        lemma, n_synsets, n_pointers = fields[0], int(fields[2]), int(fields[3])
        offsets = fields[6 + n_pointers:6 + n_pointers + n_synsets]
        index[lemma.replace("_", " ")] = [int(o) for o in offsets]
    return index


def build(wordnet: Path) -> tuple[list[str], list[str]]:
    from wordfreq import zipf_frequency

    zipf_cache: dict[str, float] = {}

    def zipf(word: str) -> float:
        if word not in zipf_cache:
            zipf_cache[word] = zipf_frequency(word, "en")
        return zipf_cache[word]

    def plain(word: str) -> bool:
        return word == word.lower() and all(c.isalpha() or c in " -'" for c in word)

    rows: list[str] = []
    lists: dict[tuple[str, str], list[str]] = {}
    kept: dict[str, set[str]] = defaultdict(set)
    for pos in POS_FILES:
        synsets = read_synsets(wordnet, pos)
        if pos == "a":
            synsets_by_pos = synsets
        for lemma, offsets in sorted(read_index(wordnet, pos).items()):
            floor = PHRASE_HEAD_MIN_ZIPF if " " in lemma else HEAD_MIN_ZIPF
            if not plain(lemma) or zipf(lemma) < floor:
                continue
            ordered: list[str] = []
            for offset in offsets:
                words, _ = synsets[offset]
                ordered.extend(words)
            if pos == "a":
                for offset in offsets:
                    for target in synsets[offset][1]:
                        ordered.extend(synsets_by_pos[target][0])
            seen = {lemma}
            synonyms = []
            for word in ordered:
                if word in seen or not plain(word) or zipf(word) < SYN_MIN_ZIPF:
                    continue
                seen.add(word)
                synonyms.append(word)
            if synonyms:
                lists[(lemma, pos)] = synonyms[:MAX_SYNONYMS]
    for (lemma, pos), synonyms in list(lists.items()):
        for synonym in synonyms:
            back = lists.setdefault((synonym, pos), [])
            if lemma not in back:
                back.append(lemma)
    for (lemma, pos), synonyms in sorted(lists.items()):
        rows.append(f"{lemma}\t{pos}\t{'|'.join(synonyms)}")
        kept[pos].add(lemma)
    inflections: list[str] = []
    for pos, name in POS_FILES.items():
        for line in (wordnet / f"{name}.exc").read_text(encoding="latin-1").splitlines():
            fields = line.split()
            if len(fields) < 2:
                continue
            form, lemma = fields[0].replace("_", " "), fields[1].replace("_", " ")
            if lemma in kept[pos] and plain(form) and zipf(form) >= SYN_MIN_ZIPF:
                inflections.append(f"{form}\t{pos}\t{lemma}")
    inflections += [f"{verb}\tv\t{verb}" for verb in SAME_FORM_PAST if verb in kept["v"]]
    return rows, sorted(set(inflections))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", default="/usr/share/wordnet")
    parser.add_argument("--out", default=str(ROOT / "rules" / "data" / "synonyms.tsv"))
    args = parser.parse_args()
    rows, inflections = build(Path(args.wordnet))
    out = Path(args.out)
    header = ("# Synonyms from WordNet 3.0 (c) 2006 Princeton University; see LICENSE-WordNet.\n"
              "# Built by corpora/build_synonyms.py. word<TAB>pos<TAB>synonym|synonym|...\n")
    out.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    exc_out = out.with_name("inflections.tsv")
    exc_out.write_text(
        "# Irregular forms from WordNet 3.0 exception lists; see LICENSE-WordNet.\n"
        "# Built by corpora/build_synonyms.py. form<TAB>pos<TAB>lemma\n"
        + "\n".join(inflections) + "\n", encoding="utf-8")
    print(f"{out}: {len(rows)} rows, {out.stat().st_size / 1e6:.2f} MB; "
          f"{exc_out}: {len(inflections)} forms")


if __name__ == "__main__":
    main()
