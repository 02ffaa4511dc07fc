"""A fast loop for spin experiments: detector rows cached per family and split, then fit and score.

    python benchmarks/spin_loop.py extract [--cache DIR]    # every split x family (+ clean), minutes of CPU
    python benchmarks/spin_loop.py table --train own        # fit on cached rows, score every family
    python benchmarks/spin_loop.py table --leave-one-out    # per family X: fit on the others, score on X
    python benchmarks/spin_loop.py table --leave-one-out --own-plus   # ... two twins per article: own + one
    python benchmarks/spin_loop.py table --leave-one-source-out --own-plus  # as `eval --leave-one-source-out`
    python benchmarks/spin_loop.py table --leave-one-source-out --own-plus --pooled  # one document model, no experts
    python benchmarks/spin_loop.py table --leave-one-source-out --own-plus --document-oracle  # ceiling: see below
    python benchmarks/spin_loop.py table --leave-one-source-out --own-plus --span-oracle keep  # span stage's ceiling
    python benchmarks/spin_loop.py losses --leave-one-source-out --own-plus  # both ceilings, loss by candidate kind
    python benchmarks/spin_loop.py coverage                 # share of spun spans any detector signal touches

Running the real detectors (`spin.training.extract`) is the expensive part of `textlint-news
train` and `eval`; this script runs them once per article and family and keeps the rows (pickles
under --cache, default /tmp/textlint-news-spin-rows), so that fitting a model and scoring it takes
minutes.  Scoring replays the spin check's decisions (`checks/spin.py`: the fast path, span and
rare-synonym gates, `spin.document`) on the cached rows with the settings of rules/settings/spin.yml;
on the held-out split it reproduces `textlint-news eval --family X` (the shipped model: the same
precision, recall, AUC and clean figures).  Differences from the commands: the training split is
spun at the rate `TRAIN_RATES[i % 3]` for article i, and `--copies` is not replayed.  The rows
depend on the detectors: extract again after changing one.  `--document-oracle` gives every spun
text the document probability ORACLE (clean texts keep theirs): the recall that a perfect document
stage would allow, through the gates and the span trees that read it.  `--span-oracle keep` gives
every candidate that touches a true swap the span probability ORACLE (the others keep theirs;
`zero`: they get 0), with the real document stage: the recall a perfect span stage would allow
through the gates.  `losses` scores both oracles, alone and together, and splits the swaps by the
kind of candidate that touches them (`candidate_kind`; the fast path's texts apart).  Fitted
models are kept under --cache/models (removed by `extract`).
"""
from __future__ import annotations

import argparse
import copy
import pickle
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
CACHE = Path("/tmp/textlint-news-spin-rows")
FAMILIES = ("own", "thesaurus", "phrase", "collocation", "names", "random")
ORACLE = 0.9999  # `--document-oracle`: every spun text's document probability; `--span-oracle`: a swap's
MISFIT = "spin.misfit"  # `spin.lm_swaps.MISFIT_RULE` (not imported: the loop imports the package lazily)


def extract(split: str, family: str, data: Path, cache: Path) -> Path:
    """Detector rows of every article of `split`, clean (`family` "clean") or spun by `family`."""
    from corpora import build
    from textlint_news.spin import commands
    from textlint_news.spin.training import LabelledText

    commands._init_extract(None, None)
    ctx = commands._worker["ctx"]
    table = commands.collocations(ctx)
    rates = build.TRAIN_RATES if split == "train" else (0.10,)
    seed = commands.TRAIN_SEED if split == "train" else commands.EVAL_SEED
    spinners: dict[float, Any] = {}
    out = []
    for i, (key, text) in enumerate(build.articles(data, split)):
        spans: list[tuple[int, int, str]] = []
        if family == "clean":
            labelled = LabelledText(key, text, 0, (), text)
        else:
            rate = rates[i % len(rates)]
            if rate not in spinners:
                spinners[rate] = build.spinner_for(split, rate, seed, family)
            spun = spinners[rate].spin(text, key=key)
            if not spun.spans:
                continue
            labelled = LabelledText(key, spun.text, 1, tuple((s.start, s.end) for s in spun.spans), text)
            spans = [(s.start, s.end, s.original) for s in spun.spans]
        out.append(item(labelled, spans, ctx, table, held_out=split == "heldout"))
    cache.mkdir(parents=True, exist_ok=True)
    for kept in (cache / "models").glob("*.pkl"):  # models fitted on the rows before
        kept.unlink()
    path = cache / f"{split}-{family}.pkl"
    path.with_suffix(".tmp").write_bytes(pickle.dumps(out))
    path.with_suffix(".tmp").rename(path)
    return path


def item(labelled: Any, spans: list[tuple[int, int, str]], ctx: Any, table: Any, held_out: bool = True
         ) -> dict[str, Any]:
    """The cached form of one `LabelledText`: its detector rows (`spin.training.extract`), its
    labelled `spans` (start, end, original), its word count and, `held_out`, the direct
    signals (names, copies: reported as found, without the classifier)."""
    from textlint_news.document import Document
    from textlint_news.spin.detectors import direct_signals, find_signals
    from textlint_news.spin.training import extract as rows_of

    rows = rows_of(labelled, lambda doc: find_signals(doc, ctx), None, table, leave_out=not held_out)
    direct = [(s.start, s.end, s.rule, tuple(s.suggestions))
              for s in direct_signals(Document(labelled.text, path=labelled.key), ctx)] if held_out else []
    return {"rows": rows, "spans": spans, "words": len(labelled.text.split()), "direct": direct}


def load(cache: Path, split: str, family: str) -> list[dict[str, Any]]:
    return pickle.loads((cache / f"{split}-{family}.pkl").read_bytes())


def training_rows(cache: Path, families: Sequence[str], own_plus: bool = False
                  ) -> tuple[list[Any], list[float], list[str]]:
    """Clean rows, each with its twin spun by families[i % k] (as `corpora.build.build`); with
    `own_plus`, two twins: one spun by `own`, one by the other families in turn, weighted
    `OWN_SHARE` and 1 - `OWN_SHARE` (as `train`).  Returns the rows, their weights and
    families ("" when clean)."""
    from corpora.build import OWN_SHARE

    clean = load(cache, "train", "clean")
    spun = {f: {d["rows"].key: d["rows"] for d in load(cache, "train", f)} for f in families}
    others = [f for f in families if f != "own"]
    out, weights, kinds = [], [], []
    for i, d in enumerate(clean):
        out.append(copy.deepcopy(d["rows"]))
        weights.append(1.0)
        kinds.append("")
        twins = [("own", OWN_SHARE), (others[i % len(others)], 1 - OWN_SHARE)] \
            if own_plus and "own" in families and others else [(families[i % len(families)], 1.0)]
        for family, weight in twins:
            twin = spun[family].get(d["rows"].key)
            if twin is not None:
                out.append(copy.deepcopy(twin))
                weights.append(weight)
                kinds.append(family)
    return out, weights, kinds


def candidate_kind(signal: Any) -> str:
    """The source of a candidate, for the loss tables: the language model's fill (a misfit),
    its WordNet swap, the rare-synonym table, artifacts or lexicon."""
    if signal.rule == MISFIT:
        return "LM fill/misfit"
    if signal.kind == "rare-synonym":
        return "LM swap" if signal.features.get("lm_only") == 1.0 else "rare synonym"
    return {"artifact": "artifacts"}.get(signal.kind, signal.kind)


def _touching_kinds(outcome: Any, spans: Sequence[tuple[int, int, str]], scored: Sequence[tuple[Any, float]]
                    ) -> None:
    """`outcome.kinds`: per labelled span, "direct" when a direct signal touches it, else the
    kind of the touching candidate of highest probability, else ""."""
    for k, (a, b, _) in enumerate(spans):
        touching = [(p, candidate_kind(s)) for s, p in scored if s.start < b and a < s.end]
        if touching and not outcome.kinds[k]:
            outcome.kinds[k] = max(touching)[1]


def replay(model: Any, items: Sequence[dict[str, Any]], options: Any, oracle: bool = False,
           span_oracle: str = "", route: Callable[[Any], float] | None = None) -> list[Any]:
    """The spin check's outcome on each cached held-out text (checks/spin.py, without copies;
    its spelling-variant gate needs the text and is not replayed); `oracle`: every spun text's
    document probability is ORACLE; `span_oracle` "keep": every candidate that touches a true
    swap gets span probability ORACLE, the others keep theirs, "zero": the others get 0.
    Each outcome's `kinds` holds, per labelled span, the kind (`candidate_kind`) of the
    touching candidate of highest span probability, "direct" or "" (none touches it)."""
    from types import SimpleNamespace

    from textlint_news.checks.spin import ARTICLE, rare_words_corroborated, spin_or_typos
    from textlint_news.spin.classifier import FIT_FEATURE, WORD_FEATURES
    from textlint_news.spin.evaluation import Outcome
    from textlint_news.spin.features import document_features, overlaps, set_word_probabilities, span_features

    word_model = model.word.value_scorer(WORD_FEATURES)
    outcomes = []
    for d in items:
        e = d["rows"]
        o = Outcome(e.key, e.label, d["spans"])
        o.issues = [(s, t, "warning", sugg, rule) for s, t, rule, sugg in d["direct"]]
        o.kinds = ["direct" if overlaps(a, b, [(s, t) for s, t, *_ in d["direct"]]) else ""
                   for a, b, _ in d["spans"]]
        outcomes.append(o)
        word_p = [word_model(v) for v in e.words]
        for row, (lo, hi) in zip(e.rows, e.word_ranges):
            set_word_probabilities(row.features, word_p[lo:hi])
        sentence_p = [model.sentence.probability(r.features) for r in e.rows]
        doc_f = document_features(e.n_tokens, e.rows, sentence_p, word_p,
                                  e.fit if FIT_FEATURE in model.document.features else None)
        doc_p = o.document_probability = model.document.probability(doc_f)
        if oracle and e.label:
            doc_p = o.document_probability = max(doc_p, ORACLE)
        signals = [(i, s) for i, r in enumerate(e.rows) for s in r.signals]
        o.fast = not signals or (all(s.kind == "rare-synonym" for _, s in signals) and sum(
            s.score for _, s in signals) * 100 < options.screen_rare_density * max(1, d["words"]))
        if o.fast:  # the fast path: left silent unclassified
            _touching_kinds(o, d["spans"], [(s, s.score) for _, s in signals])
            continue
        owns = [own for r in e.signal_own for own in r]
        ranges = [w for r in e.signal_words for w in r]
        span_p = model.span.probabilities([
            span_features(own, e.rows[i], max(word_p[lo:hi], default=0.0), sentence_p[i], doc_p, doc_f)
            for (i, _), own, (lo, hi) in zip(signals, owns, ranges)])
        _touching_kinds(o, d["spans"], [(s, p) for (_, s), p in zip(signals, span_p)])
        if route is not None:
            span_p = [max(p, route(s)) for (_, s), p in zip(signals, span_p)]
        if span_oracle:
            truth = [(a, b) for a, b, _ in d["spans"]]
            swap = [overlaps(s.start, s.end, truth) for _, s in signals]
            span_p = [ORACLE if hit else p if span_oracle == "keep" else 0.0 for hit, p in zip(swap, span_p)]
        sentence_of = {id(s): i for i, s in signals}
        evidence, rare_evidence = {("direct", s) for s, *_ in d["direct"]}, set()
        decided = []
        for (i, s), p in zip(signals, span_p):
            if p < options.span_report and s.rule != ARTICLE:
                continue
            corroborating = s.rule in options.corroborating
            if s.kind == "rare-synonym":
                warn = p >= options.rare_synonym_warning and doc_p >= options.rare_synonym_document
            else:
                warn = p >= options.span_warning and (not corroborating or doc_p >= options.rare_synonym_document)
            decided.append((s, p, warn, corroborating))
        direct = len(d["direct"])
        if not direct and not rare_words_corroborated(SimpleNamespace(document_features=doc_f), decided,
                                                      d["words"], options):
            decided = [(s, p, warn and s.kind != "rare-synonym", c) for s, p, warn, c in decided]
        decided, _ = spin_or_typos(decided, direct, set(), options)  # typos: grammar.article, not spin
        for s, p, warn, corroborating in decided:
            i = sentence_of[id(s)]
            if warn and s.kind != "rare-synonym" and not corroborating:
                evidence.add(i)
            elif warn and p >= options.document_rare_synonym:
                rare_evidence.add(i)
            o.issues.append((s.start, s.end, "warning" if warn else "info", tuple(s.suggestions), s.rule))
        enough = (len(evidence) >= options.document_min_sentences
                  or len(rare_evidence) >= options.document_rare_sentences)
        o.document_issue = doc_p >= options.document_warning and enough
    return outcomes


def scores(model: Any, cache: Path, family: str, clean: list, options: Any, oracle: bool = False,
           span_oracle: str = "", outcomes: list | None = None) -> dict[str, Any]:
    from textlint_news.spin.evaluation import score

    if outcomes is None:
        outcomes = replay(model, clean + load(cache, "heldout", family), options, oracle, span_oracle)
    metrics = score(outcomes)
    metrics["recall_any_severity"] = score(outcomes, ("info", "warning", "error"))["span_recall"]
    return metrics


LOSS_CONFIGS = (("real", False, ""), ("span oracle", False, "keep"), ("span oracle, others 0", False, "zero"),
                ("document oracle", True, ""), ("both oracles", True, "keep"))
KINDS = ("rare synonym", "LM swap", "LM fill/misfit", "artifacts", "lexicon", "direct", "")


def warned_spans(outcome: Any) -> list[bool]:
    """Per labelled span of `outcome`: whether a warning (or error) touches it."""
    from textlint_news.spin.evaluation import REPORTED

    issues = [(a, b) for a, b, severity, *_ in outcome.issues if severity in REPORTED]
    return [any(a < e and s < b for a, b in issues) for s, e, _ in outcome.spans]


def losses(model: Any, cache: Path, family: str, clean: list, options: Any) -> tuple[list[str], list[str]]:
    """Where a left-out family's swaps are lost: P / R under each of `LOSS_CONFIGS`, and per
    kind of touching candidate (`replay`'s `kinds`) the share of swaps warned under each, with
    the swaps of texts the fast path leaves silent counted apart."""
    items = clean + load(cache, "heldout", family)
    runs = {name: replay(model, items, options, doc, span) for name, doc, span in LOSS_CONFIGS}
    summary = [f"| {family} | " + " | ".join(
        f"{m['span_precision']:.3f} / {m['span_recall']:.3f} / {m['clean_text_reports_per_10']:.2f}"
        for m in (scores(model, cache, family, clean, options, outcomes=runs[n]) for n, *_ in LOSS_CONFIGS)) + " |"]
    fates: dict[str, list[list[bool]]] = {}
    total = 0
    for k, o in enumerate(runs["real"]):
        if not o.label:
            continue
        warned = [warned_spans(runs[n][k]) for n, *_ in LOSS_CONFIGS]
        for j, kind in enumerate(o.kinds):
            total += 1
            key = (kind or "none") + (" (fast path)" if o.fast and kind else "")
            fates.setdefault(key, []).append([w[j] for w in warned])
    rows = []
    for key in sorted(fates, key=lambda x: -len(fates[x])):
        got = fates[key]
        rows.append(f"| {family} | {key} | {len(got) / max(1, total):.3f} | " + " | ".join(
            f"{sum(g[c] for g in got) / max(1, total):.3f}" for c in range(len(LOSS_CONFIGS))) + " |")
    return summary, rows


def coverage(cache: Path, family: str) -> float:
    """Share of the spun spans that any detector signal overlaps: the ceiling of recall."""
    from textlint_news.spin.features import overlaps

    total = hit = 0
    for d in load(cache, "heldout", family):
        found = [(s.start, s.end) for r in d["rows"].rows for s in r.signals] + [(a, b) for a, b, *_ in d["direct"]]
        total += len(d["spans"])
        hit += sum(overlaps(s, e, found) for s, e, _ in d["spans"])
    return hit / max(1, total)


def line(name: str, m: dict[str, Any], trained_on: Sequence[str]) -> str:
    return (f"| {name} | {', '.join(trained_on)} | {m['span_precision']:.3f} | {m['span_recall']:.3f} | "
            f"{m['suggestion_hit_rate']:.1%} | {m['document_roc_auc']:.3f} | {m['document_issue_rate_spun']:.1%} | "
            f"{m['document_issue_rate_clean']:.1%} | {m['clean_text_reports_per_10']:.2f} | "
            f"{m['recall_any_severity']:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("extract", "table", "coverage", "losses"))
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--train", default="own", help="families of the scored model, comma-separated")
    parser.add_argument("--leave-one-out", action="store_true", help="per family: a model trained on the others")
    parser.add_argument("--leave-one-source-out", action="store_true",
                        help="per source of swaps: a model trained on the other sources' families")
    parser.add_argument("--own-plus", action="store_true",
                        help="train on two twins per article: own, and the other families in turn")
    parser.add_argument("--pooled", action="store_true",
                        help="one document model for every family (no fit expert): the previous procedure")
    parser.add_argument("--document-oracle", action="store_true",
                        help="every spun text's document probability ORACLE: the ceiling of the document stage")
    parser.add_argument("--span-oracle", choices=("keep", "zero"), default="",
                        help="every candidate touching a swap gets span probability ORACLE; the others keep "
                        "theirs or get 0: the ceiling of the span stage")
    parser.add_argument("--model", type=Path, help="score this model instead of fitting one")
    parser.add_argument("--family", action="append", help="families to score (default: all)")
    args = parser.parse_args()
    families = tuple(args.family or FAMILIES)
    if args.command == "extract":
        for split in ("heldout", "train"):
            for family in ("clean", *FAMILIES):
                started = time.process_time()
                path = extract(split, family, args.data, args.cache)
                print(f"{path}: {time.process_time() - started:.0f} CPU s", file=sys.stderr, flush=True)
        return
    if args.command == "coverage":
        for family in families:
            print(f"{family}: {coverage(args.cache, family):.3f}")
        return
    from textlint_news.spin.classifier import SpinModel
    from textlint_news.spin.settings import SpinSettings
    from textlint_news.spin.training import fit

    options = SpinSettings().classifier  # rules/settings/spin.yml's (a test keeps the two equal)
    clean = load(args.cache, "heldout", "clean")
    fitted: dict[tuple[str, ...], Any] = {}

    def model_of(trained_on: tuple[str, ...]) -> Any:
        if args.model:
            return SpinModel.load(args.model)
        if trained_on not in fitted:
            kept = args.cache / "models" / f"{'-'.join(trained_on)}{'-plus' * args.own_plus}{'-pooled' * args.pooled}.pkl"
            if kept.exists():  # fitted on these rows before (the folder goes with the rows)
                fitted[trained_on] = pickle.loads(kept.read_bytes())
            else:
                rows, weights, kinds = training_rows(args.cache, trained_on, args.own_plus)
                fitted[trained_on] = fit(rows, {"families": list(trained_on)}, weights,
                                         None if args.pooled else kinds)
                kept.parent.mkdir(exist_ok=True)
                kept.with_suffix(".tmp").write_bytes(pickle.dumps(fitted[trained_on]))
                kept.with_suffix(".tmp").rename(kept)
        return fitted[trained_on]

    from textlint_news.spin.family_evaluation import source_folds

    by_source = {f: trained for scored, trained in source_folds(families, FAMILIES) for f in scored}
    chosen: Callable[[str], tuple[str, ...]] = (
        (lambda f: by_source[f]) if args.leave_one_source_out
        else (lambda f: tuple(x for x in FAMILIES if x != f)) if args.leave_one_out
        else (lambda f: tuple(args.train.split(","))))
    if args.command == "losses":
        summaries, rows = [], []
        for family in families:
            summary, kinds = losses(model_of(chosen(family)), args.cache, family, clean, options)
            summaries += summary
            rows += kinds
            print("\n".join(summary + kinds), file=sys.stderr, flush=True)
        names = [n for n, *_ in LOSS_CONFIGS]
        print("| family | " + " | ".join(names) + " |\n| --- |" + " --- |" * len(names))
        print("\n".join(summaries))
        print("\n| family | touching candidate | share of swaps | " + " | ".join(f"warned, {n}" for n in names)
              + " |\n| --- | --- | ---: |" + " ---: |" * len(names))
        print("\n".join(rows))
        return
    print("| family | trained on | span precision | span recall | original suggested | document ROC AUC | "
          "`spin.document` on spun | on clean | span warnings per 10 clean | recall, any severity |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for family in families:
        trained_on = chosen(family)
        print(line(family, scores(model_of(trained_on), args.cache, family, clean, options, args.document_oracle,
                                    args.span_oracle),
                   ["(given model)"] if args.model else trained_on), flush=True)


if __name__ == "__main__":
    main()
