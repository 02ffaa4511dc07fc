"""Spin evaluation per spinner family, and leave-one-family-out (`textlint-news eval`).

Each family of corpora/families spins the held-out split its own way; the
spin check is scored on every family separately (the clean held-out texts are
the same for all).  `leave_one_out` trains, for each family X, a model on the
training split spun by every other family (`own` included) into a temporary
folder and scores it on the held-out split spun by X: the figure of a spinner
the model never saw.  Four families draw their swaps from one thesaurus (Roget), so a model
trained on three of them has seen the fourth's vocabulary: `leave_one_source_out` trains,
for each source, without every family of that source, and scores them all (the honest
figure).  Models are never written over rules/models/spin.json.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Sequence

OWN = "own"


def available_families() -> list[str]:
    """Every registered family (corpora/families.FAMILIES), `own` first."""
    from corpora.families import FAMILIES

    return list(FAMILIES)


def reported_families() -> list[str]:
    """The families an evaluation reports by default: all but `own` (the detector's own thesaurus)."""
    from corpora.families import outside_families

    return outside_families()


def parse_families(value: str | Sequence[str]) -> tuple[str, ...]:
    """Family names from "a,b" or a list of names; an unknown name is a ValueError naming it."""
    names = [n.strip() for part in ([value] if isinstance(value, str) else value) for n in part.split(",")]
    names = [n for n in names if n]
    known = available_families()
    for name in names:
        if name not in known:
            raise ValueError(f"unknown spinner family {name!r} (known: {', '.join(known)})")
    return tuple(dict.fromkeys(names))


def heldout_examples(build: Any, data_dir: Path, families: Sequence[str], rate: float,
                     seed: int) -> dict[str, list[Any]]:
    """Per family, the held-out split: each article clean and spun by that family."""
    return {family: build.build(data_dir, "heldout", (rate,), seed, (family,)) for family in families}


def score_families(examples: dict[str, list[Any]], outcomes_of: Callable[[list[tuple[Any, Any]]], list[Any]],
                   copies: bool) -> dict[str, dict[str, Any]]:
    """Metrics per family; the clean texts are linted once unless each needs its own twin (`copies`).

    With `copies`, an original the family found nothing to spin in has no twin: it is
    linted alone, as a single file, and its issues tell nothing of the copies' evidence.
    Such originals are left out of the family's metrics and counted apart (`alone`).
    """
    from .evaluation import score

    items: list[tuple[Any, Any]] = []
    owner: list[str | None] = []  # None: a clean text shared by every family
    first = next(iter(examples), None)
    for family, family_examples in examples.items():
        twins = {(e.key, e.label): e.text for e in family_examples}
        for e in family_examples:
            if e.label or copies:
                items.append((e, twins.get((e.key, 1 - e.label)) if copies else None))
                owner.append(family)
            elif family == first:
                items.append((e, None))
                owner.append(None)
    outcomes = outcomes_of(items)
    shared_clean = [o for o, who in zip(outcomes, owner) if who is None]
    results = {}
    for family in examples:
        mine = [(o, twin) for o, (_, twin), who in zip(outcomes, items, owner) if who == family]
        alone = [o for o, twin in mine if copies and twin is None]
        mine_scored = shared_clean + [o for o, _ in mine] if not copies else [o for o, twin in mine if twin is not None]
        metrics = score(mine_scored)
        metrics["all_severities"] = {k: v for k, v in score(mine_scored, ("info", "warning", "error")).items()
                                     if k in ("span_precision", "span_recall", "suggestion_hit_rate")}
        if copies:
            metrics["alone"] = _alone(alone)
        results[family] = metrics
    return results


def _alone(outcomes: list[Any]) -> dict[str, Any]:
    """The originals linted without a twin: how many, and their warnings and errors (a single
    file's, as `textlint-news lint FILE` reports them)."""
    from .evaluation import REPORTED

    return {"texts": len(outcomes),
            "span_warnings": sum(i[2] in REPORTED for o in outcomes for i in o.issues),
            "document_issues": sum(o.document_issue for o in outcomes),
            "keys": sorted(o.key for o in outcomes if o.document_issue or any(i[2] in REPORTED for i in o.issues))}


def source_folds(held_out: Sequence[str], everything: Sequence[str] | None = None
                 ) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(scored families, training families) per source of the `held_out` families: each fold
    trains on every family of another source (`own` included) and scores the held-out
    families of its source, in the order they first appear."""
    from corpora.families import source_of

    everything = list(everything if everything is not None else available_families())
    folds: dict[str, list[str]] = {}
    for family in held_out:
        folds.setdefault(source_of(family), []).append(family)
    return [(tuple(scored), tuple(f for f in everything if source_of(f) != source))
            for source, scored in folds.items()]


def family_folds(held_out: Sequence[str], everything: Sequence[str] | None = None
                 ) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(scored, training) per held-out family: trained on every other family."""
    everything = list(everything if everything is not None else available_families())
    return [((family,), tuple(f for f in everything if f != family)) for family in held_out]


def left_out(folds: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
             train_with: Callable[[tuple[str, ...], Path], None],
             evaluate_with: Callable[[tuple[str, ...], Path], dict[str, dict[str, Any]]],
             log: Callable[[str], None] = lambda line: None) -> dict[str, dict[str, Any]]:
    """For each fold (scored families, training families): train, then score the families.

    `train_with(families, model_path)` writes a model; `evaluate_with(families, model_path)`
    gives their metrics.  Models live in a temporary folder removed afterwards.
    """
    results = {}
    with tempfile.TemporaryDirectory(prefix="textlint-news-loo-") as folder:
        for scored, trained_on in folds:
            started = time.monotonic()
            model = Path(folder) / f"without-{'-'.join(scored)}.json"
            train_with(trained_on, model)
            metrics = evaluate_with(scored, model)
            for family in scored:
                results[family] = {**metrics[family], "trained_on": list(trained_on)}
            log(f"{', '.join(scored)}: trained on {', '.join(trained_on)} and scored "
                f"in {time.monotonic() - started:.0f} s")
    return results


def format_table(results: dict[str, dict[str, Any]], setup: dict[str, Any]) -> str:
    """The per-family figures as a fixed-width table."""
    mode = ("model trained without the family's source (every family of its thesaurus)"
            if setup.get("leave_one_source_out") else "model trained without the family"
            if setup.get("leave_one_out") else "model " + setup["model"])
    clean = next(iter(results.values()))["texts"]["clean"] if results else 0
    lines = [f"held-out split spun at {setup['rate']:.0%} of content words (no lexicon phrases), "
             f"{clean} clean texts; {mode}",
             f"{'family':<12} {'spans':>6} {'prec':>6} {'recall':>6} {'orig':>6} {'AUC':>6} "
             f"{'doc spun':>8} {'doc clean':>9} {'warn/10 clean':>13}"]
    for family, m in results.items():
        name = family + (" *" if family == OWN else "")
        lines.append(f"{name:<12} {m['labelled_spans']:>6} {m['span_precision']:>6.3f} {m['span_recall']:>6.3f} "
                     f"{m['suggestion_hit_rate']:>6.1%} {m['document_roc_auc']:>6.3f} "
                     f"{m['document_issue_rate_spun']:>8.1%} {m['document_issue_rate_clean']:>9.1%} "
                     f"{m['clean_text_reports_per_10']:>13.2f}")
    lines.append("prec/recall: span precision and recall (warnings and errors); orig: the original suggested "
                 "among the spans found; AUC: document ROC AUC; doc spun/clean: spin.document rate")
    if OWN in results:
        lines.append("* own: the detector's own thesaurus (memory, not generalisation)")
    alone = {family: m["alone"] for family, m in results.items() if m.get("alone", {}).get("texts")}
    if alone:
        lines.append("originals with nothing to spin, linted alone (single files, left out above): " + "; ".join(
            f"{family} {a['texts']} ({a['span_warnings']} span warnings, {a['document_issues']} spin.document"
            + (f": {', '.join(a['keys'])}" if a["keys"] else "") + ")" for family, a in alone.items()))
    return "\n".join(lines)
