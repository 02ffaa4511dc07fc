"""Would another synonym source offer the originals of unseen swaps?  Coverage before wiring.

    apt-get install dict-freedict-jpn-eng dict-freedict-epo-eng   # JMdict (CC BY-SA 3.0), ESPDIC (CC BY 3.0)
    python benchmarks/source_coverage.py overlap              # each source's pairs against Roget and WordNet
    python benchmarks/source_coverage.py swaps --existing     # families, check list, seed 004
    python benchmarks/source_coverage.py clean                # candidates per 100 clean words
    python benchmarks/source_coverage.py all --existing --spinbot LIST --format json   # everything

A *source* is a symmetric table lemma -> part of speech -> other lemmas.  Besides the
detector's own (`wordnet`: rules/data/synonyms.tsv read through `spin.lexicon.synonyms`, as
`spin.lm_swaps` asks it) two are read from bilingual dictionaries on Debian, by pivoting: the
English glosses of one sense of one foreign headword are synonyms of each other ("court,
courthouse"; "force, strength, might, energy").  `jmdict`: Japanese-English (JMdict, FreeDict's
`jpn-eng`), `espdic`: Esperanto-English (FreeDict's `epo-eng`).  Neither is WordNet, Roget or Moby.

For a swap (a spun span and its true original) a source *knows* the swap when the original is
among its synonyms of the spun word, read back through the detector's morphology (`originals`:
"arrived" -> arrive, verb, past -> "came").  *Asked*: also among the options `spin.lm_swaps`
would ask (`options`: the spun word of 4+ letters and Zipf <= 5.5, the option at least as common
and of Zipf >= 3.3, the commonest 8; `--min-zipf-gap`, `--max-synonyms` widen them).
*Screened_asked*: asked, and the spun word passes the language-model screen (association with
its neighbours below 3.0 nats): the funnel's "original a candidate" (docs/spin-lm.md).  *Gain*:
that, and the 3-gram model prefers the original by >= 4 nats, two words either side.  *Best*:
the original is the option the model prefers, by >= 4 nats: a candidate that suggests it.
`at_gain`: with the source's own threshold G, the share of swaps that get a candidate at all,
and the share whose candidate suggests the original.  `--existing` adds "today", the share whose
original the linter already offers (a signal's suggestion, or a WordNet option asked of a
screened word), and "today|SOURCE", the same with the source's offers added.

Swaps: the first `--texts` spun texts (by key) of each family on the held-out split at 10 %
(`textlint-news eval`'s seed), the lead's check list (/work/wild: truth.json and spun/, read
if present) and seed 004's annotated spans (tests/data/seed004_spans.json); `--spinbot`: the
one-word pairs of real SpinBot output in TorturePhrases_Estimator's list (`spinbot_pairs`).
Clean cost: texts of the training split of ../shared/data (never the held-out one): screened
content words whose best option of the source gains >= G nats, per 100 words, where WordNet's
options did not already make a candidate (the new candidates a wired source would add).
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DICTD = Path("/usr/share/dictd")
DATA = ROOT.parent / "shared" / "data"
WILD = Path("/work/wild")
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_SPANS = ROOT / "tests" / "data" / "seed004_spans.json"
FAMILIES = ("thesaurus", "phrase", "collocation", "names", "random")
MIN_GAIN = 4.0
COLUMNS = ("knows", "asked", "screened_asked", "gain", "best")
GAINS = (4.0, 5.0, 6.0, 6.5, 7.0, 8.0, 10.0, 12.0)  # the sweep of a wired source's own min_gain

Table = dict[str, dict[str, frozenset[str]]]
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_ITEM = re.compile(r"[a-z]{2,}(?: [a-z]+){0,2}")  # one-letter glosses ("a, b, c") are labels
_POS_OF_ENDING = (("oj", "n"), ("aj", "a"), ("o", "n"), ("a", "a"), ("i", "v"), ("e", "r"))


def plain(words: str) -> str:
    """Lower case, plain apostrophes, single spaces: how wordings are compared."""
    return " ".join(words.lower().replace("\u2019", "'").split())


# --- reading the dictionaries ------------------------------------------------------------

def _number(code: str) -> int:
    n = 0
    for c in code:
        n = n * 64 + _B64.index(c)
    return n


def dictd_entries(name: str, folder: Path = DICTD) -> Iterator[tuple[str, str]]:
    """(headword, body) of every entry of a dictd dictionary (`freedict-NAME.index/.dict.dz`),
    each body once, the database's own 00-database entries left out."""
    data = gzip.open(folder / f"freedict-{name}.dict.dz").read()
    seen: set[int] = set()
    for line in (folder / f"freedict-{name}.index").read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")
        at = _number(offset)
        if head.startswith("00-database") or at in seen:
            continue
        seen.add(at)
        yield head, data[at:at + _number(length)].decode("utf-8", errors="replace")


def gloss_items(line: str) -> list[tuple[str, str]]:
    """(item, pos hint) of one gloss line: notes in brackets and braces dropped, split on
    commas and semicolons; "to X" is a verb (pos "v"), other items have no hint ("")."""
    line = re.sub(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)", "", line)
    out = []
    for raw in re.split(r"[,;]", line):
        item = plain(raw)
        pos = ""
        if item.startswith("to "):
            item, pos = item[3:], "v"
        if item.startswith(("a ", "an ", "the ")) and pos != "v":
            item = item.split(" ", 1)[1]
        if _ITEM.fullmatch(item):
            out.append((item, pos))
    return out


def _tag_pos(tag: str) -> str:
    tag = tag.lower()
    for word, pos in (("adverb", "r"), ("adjectiv", "a"), ("noun", "n")):
        if word in tag:
            return pos
    return ""


def jmdict_groups(body: str) -> Iterator[list[tuple[str, str]]]:
    """The gloss groups (item, pos) of one JMdict entry: one per sense line.  A sense's part of
    speech is its last "(...)" tag line (JMdict carries it over to the senses after it)."""
    tag = ""
    for line in body.split("\n")[1:]:
        text = line.strip()
        number = re.match(r"\d+\. ", text)
        if number:
            text = text[number.end():]
        if not text or text.startswith("Note:"):
            continue
        if text.startswith("("):
            if _tag_pos(text) or "verb" in text.lower():
                tag = text
            continue
        group = [(item, pos or _tag_pos(tag)) for item, pos in gloss_items(text)]
        if len(group) > 1:
            yield group


def espdic_groups(head: str, body: str) -> Iterator[list[tuple[str, str]]]:
    """The gloss group of one ESPDIC entry; the part of speech is the Esperanto ending's
    (-o noun, -a adjective, -i verb, -e adverb)."""
    lines = body.split("\n")
    text = " ".join(line.strip() for line in lines[1:])
    word = head.lower()
    pos = next((p for ending, p in _POS_OF_ENDING if word.endswith(ending)), "")
    group = [(item, hint or pos) for item, hint in gloss_items(text)]
    if len(group) > 1:
        yield group


def table_of(groups: Iterable[list[tuple[str, str]]]) -> Table:
    """Symmetric table: every item of a group lists the others of the same part of speech (an
    item without one under "", where any reading may find it)."""
    table: dict[str, dict[str, set[str]]] = {}
    for group in groups:
        for item, pos in group:
            others = {o for o, p in group if o != item and (p == pos or not p or not pos)}
            if others:
                table.setdefault(item, {}).setdefault(pos, set()).update(others)
    return {w: {p: frozenset(s) for p, s in by.items()} for w, by in table.items()}


def read_source(name: str, folder: Path = DICTD) -> Table:
    """The table of source `name` ("jmdict", "espdic" or "jmdict+espdic")."""
    groups: list[list[tuple[str, str]]] = []
    for part in name.split("+"):
        if part == "jmdict":
            groups += [g for _, body in dictd_entries("jpn-eng", folder) for g in jmdict_groups(body)]
        elif part == "espdic":
            groups += [g for head, body in dictd_entries("epo-eng", folder) for g in espdic_groups(head, body)]
        else:
            raise ValueError(f"unknown source {part!r}")
    return table_of(groups)


# --- look-ups ----------------------------------------------------------------------------

def originals(spun: str, table: Mapping[str, Mapping[str, frozenset[str]]]) -> set[str]:
    """The source's synonyms of a spun word or phrase, in its inflection: the candidates for
    its original.  The form is read with the detector's morphology (`spin.lexicon._readings`:
    "arrived" -> arrive, verb, past; a phrase inflects its head: "got here" -> get here) and
    each synonym is inflected back (`spin.lexicon.inflect`)."""
    from textlint_news.spin.lexicon import _readings, inflect

    lower = plain(spun)
    readings = [(lower, pos, "base") for pos in table.get(lower, {})]
    readings += [(lemma, pos, form) for lemma, pos, form in _readings(lower)]
    head, space, rest = lower.partition(" ")
    if space:
        readings += [(f"{lemma} {rest}", pos, form) for lemma, pos, form in _readings(head) if pos == "v"]
    out: set[str] = set()
    for lemma, pos, form in readings:
        entry = table.get(lemma, {})
        for key in (pos, "") if form != "base" else tuple(entry):
            for other in entry.get(key, ()):
                out.add(other if form == "base" else inflect(other, pos, form))
    out.discard(lower)
    return out


def wordnet_originals(spun: str) -> set[str]:
    """The detector's own synonyms of the spun word (WordNet, `spin.lexicon.synonyms`)."""
    from textlint_news.spin.lexicon import synonyms

    return set(synonyms(plain(spun)))


def options(spun: str, found: Iterable[str], limits: Any) -> tuple[str, ...]:
    """Of `found`, the options `spin.lm_swaps._options` would ask for a one-word `spun`: one
    word, Zipf >= max(min_synonym_zipf, own + min_zipf_gap), the commonest `max_synonyms`;
    none for a short, common or multi-word `spun`."""
    from textlint_news.spin.lexicon import function_words, zipf

    if " " in spun or len(spun) < limits.min_word_length or not spun.isalpha():
        return ()
    own = zipf(spun.lower())
    if own > limits.max_word_zipf or spun.lower() in function_words():
        return ()
    floor = max(limits.min_synonym_zipf, own + limits.min_zipf_gap)
    ranked = sorted(((zipf(s), s) for s in found if s.isalpha() and s not in function_words()), reverse=True)
    return tuple(s for z, s in ranked if z >= floor)[:limits.max_synonyms]


def limits() -> Any:
    """The shipped `detectors.language_model` settings (the dataclass mirrors spin.yml)."""
    from textlint_news.spin.settings import DetectorSettings

    return DetectorSettings().language_model


# --- one text's language-model view ------------------------------------------------------

class TextView:
    """A text's tokens, steps and word fits, and gains of wordings at a span."""

    def __init__(self, text: str) -> None:
        from textlint_news.spin.lexicon import function_words
        from textlint_news.spin.lm import language_model, token_steps
        from textlint_news.spin.lm_swaps import word_fits
        from textlint_news.spin.rarity import context_tokens

        self.lm = language_model()
        self.tokens = context_tokens(text)
        self.steps = token_steps(self.lm, self.tokens)
        self.fits = word_fits(self.tokens, function_words(), self.steps)
        self.starts = {t[0]: k for k, t in enumerate(self.tokens) if t[2] != "<s>"}

    def tokens_of(self, start: int, end: int) -> tuple[int, int] | None:
        """Token indices [i, j) of a span (None when it does not start on a token)."""
        i = self.starts.get(start)
        if i is None:
            return None
        j = i
        while j < len(self.tokens) and self.tokens[j][0] < end and self.tokens[j][2] != "<s>":
            j += 1
        return i, j

    def screened(self, i: int, j: int, screen: float) -> bool:
        fit = self.fits.get(i)
        return j == i + 1 and fit is not None and fit[0] + fit[1] < screen

    def gains(self, i: int, j: int, wordings: Sequence[str]) -> list[float]:
        """Window gain (nats) of each wording in place of tokens i..j-1, two words either side."""
        from textlint_news.spin.lm_swaps import _window

        if not wordings:
            return []
        window, base = _window(self.tokens, self.steps, i, j, wordings)
        return [s - base for s in self.lm.window_scores([window])[0]]


# --- the swaps ---------------------------------------------------------------------------

Swaps = list[tuple[int, int, str, str]]  # (start, end, spun, original) of each swap of one text


def family_swaps(family: str, texts: int, data_dir: Path = DATA) -> Iterator[tuple[str, Swaps]]:
    """(spun text, its swaps (start, end, spun, original)) of the first `texts` spun texts of a
    family, by key, on the held-out split at 10 % with `textlint-news eval`'s seed."""
    from corpora import build
    from textlint_news.spin.commands import EVAL_SEED

    spun = sorted((e for e in build.build(data_dir, "heldout", (0.10,), EVAL_SEED, (family,)) if e.label),
                  key=lambda e: e.key)
    for e in spun[:texts]:
        yield e.text, [(s.start, s.end, e.text[s.start:s.end], s.original) for s in e.spans]


def wild_swaps(folder: Path = WILD) -> Iterator[tuple[str, Swaps]]:
    """The lead's check list: (spun text, swaps) from truth.json and spun/ (none when absent)."""
    truth = folder / "truth.json"
    if not truth.is_file():
        return
    for name, spans in sorted(json.loads(truth.read_text()).items()):
        text = (folder / "spun" / name).read_text()
        yield text, [(s, e, text[s:e], o) for s, e, o, _ in spans]


def seed_swaps() -> Iterator[tuple[str, Swaps]]:
    """Seed 004 and its annotated spans (none when the seeds are absent)."""
    found = sorted(SEEDS.glob("004*.txt"))
    if not found:
        return
    text = found[0].read_text()
    spans = json.loads(SEED_SPANS.read_text())["spans"]
    yield text, [(s["start"], s["end"], s["spun"], s["original"]) for s in spans]


def spinbot_pairs(path: Path) -> list[tuple[str, str]]:
    """(spun word, original) pairs of real SpinBot output: the "tortured AND expected" lines of
    TorturePhrases_Estimator's list (PyPI, MIT) of two or more words that differ in exactly one
    word ("profound learning AND deep learning" -> (profound, deep)); scientific vocabulary."""
    out: dict[tuple[str, str], None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.lower().split(" and ")
        if len(parts) != 2 or "(" in line:
            continue
        spun, original = parts[0].split(), parts[1].split()
        differ = [(a, b) for a, b in zip(spun, original) if a != b]
        if len(spun) == len(original) >= 2 and len(differ) == 1 and all(w.isalpha() for w in differ[0]):
            out[differ[0]] = None
    return list(out)


def pair_coverage(pairs: Sequence[tuple[str, str]], sources: Mapping[str, Lookup], lim: Any) -> dict[str, Any]:
    """Per source, the share of (spun, original) pairs whose original it offers (no text:
    `knows` and `asked` only)."""
    out: dict[str, Any] = {"pairs": len(pairs)}
    flags = {}
    for name, lookup in sources.items():
        knows = [original in lookup(spun) for spun, original in pairs]
        asked = [original in options(spun, lookup(spun), lim) for spun, original in pairs]
        flags[name] = knows, asked
        out[name] = {"knows": _share_of(knows), "asked": _share_of(asked)}
    for name, (knows, asked) in flags.items():
        if name != "wordnet" and "wordnet" in flags:
            wk, wa = flags["wordnet"]
            out[f"wordnet|{name}"] = {"knows": _share_of([a or b for a, b in zip(knows, wk)]),
                                      "asked": _share_of([a or b for a, b in zip(asked, wa)])}
    return out


def _share_of(flags: Sequence[bool]) -> float:
    return round(sum(flags) / len(flags), 3) if flags else 0.0


# --- scoring -----------------------------------------------------------------------------

Lookup = Callable[[str], set[str]]


def swap_row(view: TextView, start: int, end: int, spun: str, original: str,
             sources: Mapping[str, Lookup], lim: Any) -> dict[str, Any]:
    """Per source: knows / asked / screened+gain / best for one swap (see the module doc)."""
    want = plain(original)
    span = view.tokens_of(start, end)
    screened = span is not None and view.screened(*span, lim.max_screen_association)
    gain = None
    if span is not None and all(view.tokens[k][2][0] != "<" for k in range(*span)):
        gain = view.gains(*span, [want])[0]
    row: dict[str, Any] = {"one_token": span is not None and span[1] == span[0] + 1, "screened": screened,
                           "gain": gain}
    for name, lookup in sources.items():
        found = lookup(spun)
        asked = options(spun, found, lim)
        top = None  # (the option the model prefers, its gain) when the word is screened
        if screened and asked:
            scores = view.gains(*span, list(asked))
            k = max(range(len(asked)), key=scores.__getitem__)
            top = (asked[k], scores[k])
        row[name] = {"knows": want in found, "asked": want in asked, "screened_asked": screened and want in asked,
                     "gain": screened and want in asked and gain is not None and gain >= MIN_GAIN,
                     "best": top is not None and top[0] == want and top[1] >= lim.min_gain, "top": top}
    return row


def suggested(text: str) -> Callable[[int, int, str], bool]:
    """Whether a signal of today's detectors (every staged detector, misfits filled, and the
    direct ones: names, copies) over a span suggests a wording: the originals the linter
    already offers, besides the WordNet options the language-model stage asks."""
    from textlint_news.document import Document
    from textlint_news.spin import commands
    from textlint_news.spin.detectors import direct_signals, find_signals

    if "ctx" not in commands._worker:
        commands._init_extract(None, None)
    ctx = commands._worker["ctx"]
    doc = Document(text, path="coverage.txt")
    spans = [(s.start, s.end, {" ".join(x.lower().split()) for x in s.suggestions})
             for s in list(find_signals(doc, ctx)) + list(direct_signals(doc, ctx))]
    return lambda start, end, want: any(s < end and start < e and want in wanted for s, e, wanted in spans)


def score_swaps(texts: Iterable[tuple[str, Swaps]], sources: Mapping[str, Lookup],
                lim: Any, existing: bool = False) -> dict[str, Any]:
    """Shares of swaps per source and column, and the union of each source with WordNet.

    `existing`: also "today", the share whose original today's linter already offers (a
    signal's suggestion, or among the WordNet options asked of a screened word: the funnel's
    "original a candidate"), and per source "today|source", that share with the source's
    screened options added."""
    rows = []
    for text, swaps in texts:
        view = TextView(text)
        offers = suggested(text) if existing else None
        for swap in swaps:
            row = swap_row(view, *swap, sources, lim)
            if offers is not None:
                want = plain(swap[3])
                row["today"] = offers(swap[0], swap[1], want) or row["wordnet"]["screened_asked"]
            rows.append(row)
    n = len(rows)
    out: dict[str, Any] = {"swaps": n, "one_token": _share(rows, lambda r: r["one_token"]),
                           "screened": _share(rows, lambda r: r["screened"]),
                           "gain_alone": _share(rows, lambda r: r["gain"] is not None and r["gain"] >= MIN_GAIN)}
    for name in sources:
        out[name] = {col: _share(rows, lambda r, c=col: r[name][c]) for col in COLUMNS}
        if name != "wordnet" and "wordnet" in sources:
            out[f"wordnet|{name}"] = {col: _share(rows, lambda r, c=col: r[name][c] or r["wordnet"][c])
                                      for col in COLUMNS}
        # a candidate at gain G (any option), and one that suggests the original
        out[name]["at_gain"] = {g: (_share(rows, lambda r, g=g: r[name]["top"] is not None and r[name]["top"][1] >= g),
                                    _share(rows, lambda r, g=g: r[name]["best"] and r[name]["top"][1] >= g))
                                for g in GAINS}
        if existing:  # the original offered today, or by the source: among its options / suggested
            out[f"today|{name}"] = {
                "asked": _share(rows, lambda r: r["today"] or r[name]["screened_asked"]),
                "asked_at_gain": {g: _share(rows, lambda r, g=g: r["today"] or (
                    r[name]["screened_asked"] and r[name]["top"][1] >= g)) for g in GAINS},
                "suggested_at_gain": {g: _share(rows, lambda r, g=g: r["today"] or (
                    r[name]["best"] and r[name]["top"][1] >= g)) for g in GAINS}}
    if existing:
        out["today"] = _share(rows, lambda r: r["today"])
    return out


def _share(rows: list[dict[str, Any]], test: Callable[[dict[str, Any]], bool]) -> float:
    return round(sum(1 for r in rows if test(r)) / len(rows), 3) if rows else 0.0


def clean_cost(texts: Iterable[str], sources: Mapping[str, Lookup], lim: Any) -> dict[str, Any]:
    """Per source, screened content words whose best option gains >= min_gain, per 100 words,
    and those of them where WordNet's options did not (new candidates)."""
    words = content = 0
    hits = {name: 0 for name in sources}
    new = {name: 0 for name in sources}
    scored = {name: 0 for name in sources}
    tops: dict[str, list[tuple[float, bool]]] = {name: [] for name in sources}  # (best gain, WordNet fired)
    for text in texts:
        view = TextView(text)
        words += sum(1 for t in view.tokens if t[2] != "<s>")
        for i, (left, right) in view.fits.items():  # content words; names ("<cap>") are not among them
            word = view.tokens[i][2]
            content += 1
            if left + right >= lim.max_screen_association:
                continue
            fired, best = {}, {}
            for name, lookup in sources.items():
                asked = options(word, lookup(word), lim)
                scored[name] += len(asked)
                best[name] = max(view.gains(i, i + 1, list(asked))) if asked else None
                fired[name] = best[name] is not None and best[name] >= lim.min_gain
                hits[name] += fired[name]
            for name in sources:
                new[name] += fired[name] and not fired.get("wordnet", False)
                if best[name] is not None:
                    tops[name].append((best[name], fired.get("wordnet", False)))
    per = 100 / words if words else 0.0
    return {"words": words, "content_words": content,
            **{name: {"per_100_words": round(hits[name] * per, 3), "new_per_100_words": round(new[name] * per, 3),
                      "options_per_100_words": round(scored[name] * per, 1),
                      "new_at_gain": {g: round(sum(1 for b, w in tops[name] if b >= g and not w) * per, 3)
                                      for g in GAINS}}
               for name in sources}}


def training_texts(count: int, data_dir: Path = DATA) -> list[str]:
    """Every k-th text of the training split of ../shared/data, `count` in all (bbc and recovery)."""
    from corpora.build import articles

    texts = [text for _, text in articles(data_dir, "train")]
    step = max(1, len(texts) // count) if count else 1
    return texts[::step][:count]


# --- overlaps ----------------------------------------------------------------------------

def one_word_pairs(table: Mapping[str, Mapping[str, Iterable[str]]]) -> set[tuple[str, str]]:
    """Unordered one-word pairs of a table."""
    return {tuple(sorted((w, o))) for w, by in table.items() if w.isalpha()
            for others in by.values() for o in others if o.isalpha() and o != w}


def overlap(tables: Mapping[str, Table]) -> dict[str, Any]:
    """Each source's one-word pairs, and the shares that Roget (the eval families' thesaurus),
    WordNet (the detector's) and each other source list."""
    from corpora.build_families import detector_pairs
    from corpora.families.tables import roget_synonyms
    from textlint_news.spin.lexicon import zipf

    known = {"roget": one_word_pairs(roget_synonyms()), "wordnet": detector_pairs()}
    pairs = {name: one_word_pairs(t) for name, t in tables.items()}
    out = {}
    for name, mine in {**known, **pairs}.items():
        common = {p for p in mine if zipf(p[0]) >= 3 and zipf(p[1]) >= 3}
        out[name] = {"pairs": len(mine), "common_pairs": len(common),
                     **{f"in_{other}": round(len(mine & theirs) / len(mine), 3) if mine else 0.0
                        for other, theirs in {**known, **pairs}.items() if other != name},
                     **{f"common_in_{other}": round(len(common & theirs) / len(common), 3) if common else 0.0
                        for other, theirs in {**known, **pairs}.items() if other != name}}
    return out


# --- command line ------------------------------------------------------------------------

def lookups(names: Sequence[str], folder: Path) -> tuple[dict[str, Lookup], dict[str, Table]]:
    tables = {name: read_source(name, folder) for name in names if name != "wordnet"}
    found: dict[str, Lookup] = {"wordnet": wordnet_originals}
    for name, table in tables.items():
        found[name] = lru_cache(maxsize=None)(lambda spun, t=table: originals(spun, t))
    return found, tables


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("overlap", "swaps", "clean", "all"))
    parser.add_argument("--sources", default="jmdict,espdic,jmdict+espdic")
    parser.add_argument("--dictd", type=Path, default=DICTD)
    parser.add_argument("--texts", type=int, default=100, help="spun texts per family")
    parser.add_argument("--clean-texts", type=int, default=200, help="training-split texts for the clean cost")
    parser.add_argument("--spinbot", type=Path, help="TorturePhrases_Estimator's tortured_phrases_list.txt")
    parser.add_argument("--min-zipf-gap", type=float, help="options' Zipf over the word's (shipped: 0)")
    parser.add_argument("--max-synonyms", type=int, help="options asked per word (shipped: 8)")
    parser.add_argument("--existing", action="store_true", help="also what today's detectors already offer")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    names = [n for n in args.sources.split(",") if n]
    sources, tables = lookups(names, args.dictd)
    lim = replace(limits(), **{k: v for k, v in (("min_zipf_gap", args.min_zipf_gap),
                                                 ("max_synonyms", args.max_synonyms)) if v is not None})
    report: dict[str, Any] = {"settings": {"min_zipf_gap": lim.min_zipf_gap, "max_synonyms": lim.max_synonyms}}
    if args.what in ("overlap", "all"):
        report["overlap"] = overlap(tables)
    if args.what in ("swaps", "all"):
        sets = {f: family_swaps(f, args.texts) for f in FAMILIES}
        sets["check list"] = wild_swaps()
        sets["seed 004"] = seed_swaps()
        report["swaps"] = {name: score_swaps(texts, sources, lim, args.existing) for name, texts in sets.items()}
    if args.spinbot is not None and args.what in ("swaps", "all"):
        report["spinbot"] = pair_coverage(spinbot_pairs(args.spinbot), sources, lim)
    if args.what in ("clean", "all"):
        report["clean"] = clean_cost(training_texts(args.clean_texts), sources, lim)
    if args.format == "json":
        print(json.dumps(report, indent=1))
    else:
        print(format_report(report))


def format_report(report: dict[str, Any]) -> str:
    lines = []
    for name, o in report.get("overlap", {}).items():
        lines.append(f"overlap {name}: " + ", ".join(f"{k} {v}" for k, v in o.items()))
    for name, s in report.get("swaps", {}).items():
        lines.append(f"{name}: {s['swaps']} swaps, one token {s['one_token']}, screened {s['screened']}, "
                     f"gain alone {s['gain_alone']}")
        for source, cols in s.items():
            if isinstance(cols, dict):
                lines.append(f"   {source:<22} " + "  ".join(f"{c} {v:.3f}" for c, v in cols.items()
                                                             if not isinstance(v, dict)))
                if "at_gain" in cols:
                    lines.append(f"   {'':<22} candidate / original at gain " + "  ".join(
                        f"{float(g):g}: {a:.3f}/{b:.3f}" for g, (a, b) in cols["at_gain"].items()))
                for key in ("asked_at_gain", "suggested_at_gain"):
                    if key in cols:
                        lines.append(f"   {'':<22} {key} " + "  ".join(
                            f"{float(g):g}: {v:.3f}" for g, v in cols[key].items()))
            elif source == "today":
                lines.append(f"   {source:<22} original offered {cols:.3f}")
    spinbot = report.get("spinbot")
    if spinbot:
        lines.append(f"spinbot pairs: {spinbot['pairs']}")
        lines += _source_rows(spinbot, "{:.3f}")
    clean = report.get("clean")
    if clean:
        lines.append(f"clean: {clean['words']} words, {clean['content_words']} content words")
        lines += _source_rows(clean, "{}")
    return "\n".join(lines)


def _source_rows(block: dict, value: str) -> list[str]:
    """One line per source of a report block: its columns, each value formatted by `value`."""
    return [f"   {source:<22} " + "  ".join(f"{c} {value.format(v)}" for c, v in cols.items())
            for source, cols in block.items() if isinstance(cols, dict)]


if __name__ == "__main__":
    main()
