"""Held-out recall of the spinner's word map (`spin.spinner_map`): a map from half the lexicon,
measured on the other half's swaps put in clean news.

    python corpora/eval_spinner_map.py [--data ../shared/data] [--per-entry 3] [--blocks]

The lexicon's entries are split in two by a hash of their key (`build_spinner_map.half`).
The map is derived from half A's entries only; each entry of half B whose fix
("according to a report") occurs in a clean sentence of `--data` (at most
`--per-entry` sentences, in lower case, files in path order) has the spinner's swap
applied there (the fix replaced by the key, in its case).  An entry counts as
found when the detector (that map, no lexicon) reports a span overlapping the key
whose suggestion, put back, restores the clean sentence.  The clean sentences
themselves are linted too: a signal there is a false alarm.  Each spun sentence is
linted alone, then in texts of `--group` spun sentences of different entries (one
swap each; the detector's `together` thresholds then apply when enough pass).  `--blocks` measures
each block of the lexicon with a map from the other blocks instead (a domain the
map never saw).  Thresholds: rules/settings/spin.yml, `detectors.spinner_map`.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def sentences_with(data_dir: Path, phrases: set[str], per_phrase: int) -> dict[str, list[tuple[str, int]]]:
    """For each phrase: up to `per_phrase` (sentence, offset of the phrase) of clean news
    that write it in lower case, word-bounded."""
    from corpora.build import articles

    by_first: dict[str, list[str]] = defaultdict(list)
    for phrase in phrases:
        by_first[phrase.split(" ", 1)[0]].append(phrase)
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    word = re.compile(r"[a-z]+(?:['’][a-z]+)*")
    for _, text in articles(data_dir):
        for match in _SENTENCE.finditer(text):
            sentence = match.group().strip()
            for w in word.finditer(sentence):
                for phrase in by_first.get(w.group(), ()):
                    end = w.start() + len(phrase)
                    if (len(found[phrase]) < per_phrase and sentence.startswith(phrase, w.start())
                            and (end == len(sentence) or not sentence[end].isalnum())
                            and all(s != sentence for s, _ in found[phrase])):
                        found[phrase].append((sentence, w.start()))
    return found


def measure(train: list[tuple[str, str, str]], test: list[tuple[str, str, str]], data_dir: Path,
            per_entry: int, group: int) -> dict[str, int]:
    """Counts of the test entries (with a context; found with the right fix alone, and in texts
    of `group` spun sentences) and of false alarms on the clean sentences."""
    from corpora.build_spinner_map import build
    from textlint_news.kinds.base import match_case
    from textlint_news.spin.lexicon import function_words
    from textlint_news.spin.lm import language_model
    from textlint_news.spin.settings import SpinnerMapSettings
    from textlint_news.spin.spinner_map import find_swaps, parse_map

    table = parse_map([line for line in build(train) if not line.startswith("#")])
    limits, lm, words = SpinnerMapSettings(), language_model(), function_words()
    contexts = sentences_with(data_dir, {" ".join(fix.lower().split()) for _, _, fix in test}, per_entry)
    counts = {"entries": len(test), "with_context": 0, "found": 0, "found_together": 0, "sentences": 0,
              "spun_found": 0, "spun_found_together": 0, "clean_alarms": 0, "clean_alarms_together": 0}
    # (entry index, clean sentence, spun sentence, the key's span) of every placement
    placed: list[tuple[int, str, str, int, int]] = []
    for rank in range(per_entry):  # each entry's first context, then each one's second...: a text holds several entries
        for n, (_, key, fix) in enumerate(test):
            places = contexts.get(" ".join(fix.lower().split()), [])
            counts["with_context"] += bool(places) and not rank
            if rank < len(places):
                sentence, at = places[rank]
                end = at + len(fix)
                placed.append((n, sentence, sentence[:at] + match_case(sentence[at:end], key) + sentence[end:],
                               at, at + len(key)))
    counts["sentences"] = len(placed)
    found: set[int] = set()
    for n, clean, spun, start, end in placed:
        if _restored(find_swaps(spun, table, limits, lm, words), spun, clean, start, end, 0):
            found.add(n)
            counts["spun_found"] += 1
        counts["clean_alarms"] += len(find_swaps(clean, table, limits, lm, words))
    counts["found"] = len(found)
    found = set()
    for k in range(0, len(placed), group):  # texts of `group` spun sentences, one swap each
        chunk = placed[k:k + group]
        text = clean_text = ""
        offsets = []
        for n, clean, spun, start, end in chunk:
            offsets.append(len(text))
            text += spun + "\n"
            clean_text += clean + "\n"
        signals = find_swaps(text, table, limits, lm, words)
        for offset, (n, clean, spun, start, end) in zip(offsets, chunk):
            if _restored(signals, spun, clean, start, end, offset):
                found.add(n)
                counts["spun_found_together"] += 1
        counts["clean_alarms_together"] += len(find_swaps(clean_text, table, limits, lm, words))
    counts["found_together"] = len(found)
    return counts


def _restored(signals: list, spun: str, clean: str, start: int, end: int, offset: int) -> bool:
    """Whether a signal overlaps the key at `start:end` of `spun` (at `offset` in the text linted)
    and its suggestion, put back, gives the clean sentence."""
    for signal in signals:
        a, b = signal.start - offset, signal.end - offset
        if a < end and b > start and (spun[:a] + signal.suggestions[0] + spun[b:]).lower() == clean.lower():
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    from corpora.build_spinner_map import half, lexicon_entries

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--per-entry", type=int, default=3)
    parser.add_argument("--group", type=int, default=10, help="spun sentences per text of the second figure")
    parser.add_argument("--blocks", action="store_true", help="leave one lexicon block out at a time")
    args = parser.parse_args(argv)
    entries = lexicon_entries()
    if args.blocks:
        runs = [(block, [e for e in entries if e[0] != block], [e for e in entries if e[0] == block])
                for block in dict.fromkeys(e[0] for e in entries)]
    else:
        runs = [("half B (map of half A)", [e for e in entries if half(e[1]) == "A"],
                 [e for e in entries if half(e[1]) == "B"])]
    total: dict[str, int] = defaultdict(int)
    for name, train, test in runs:
        counts = measure(train, test, args.data, args.per_entry, args.group)
        for k, v in counts.items():
            total[k] += v
        print(f"{name}: {_line(counts)}")
    if len(runs) > 1:
        print(f"all blocks: {_line(total)}")
    return 0


def _line(c: dict[str, int]) -> str:
    def share(k: str) -> str:
        return f"{c[k] / c['with_context']:.1%}" if c["with_context"] else "-"
    return (f"{c['entries']} entries, {c['with_context']} with a clean context ({c['sentences']} sentences). "
            f"Alone: {c['found']} entries found with their original ({share('found')}), "
            f"{c['spun_found']} spun sentences, {c['clean_alarms']} signals on the clean sentences. "
            f"In texts of spun sentences: {c['found_together']} ({share('found_together')}), "
            f"{c['spun_found_together']} sentences, {c['clean_alarms_together']} signals on the clean texts")


if __name__ == "__main__":
    raise SystemExit(main())
