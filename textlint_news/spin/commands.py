"""`textlint-news train` and `textlint-news eval`: fit and measure the spin classifier.

Both build their corpora in memory from the clean news collection (read in
place, default ../shared/data beside the checkout) with `corpora/` of the source
checkout: `train` on the training split (each article clean, and spun at 5, 10
and 15 % of content words by the `--families` of corpora/families; with `own` and
others, twice, by `own` and by one other, weighted by corpora/build.py's
OWN_SHARE), `eval` on
the held-out split (spun at `--rate` by each `--family`, with every phrase of the
spin lexicon excluded; `--leave-one-out` scores each family with a model trained
without it, `--leave-one-source-out` with a model trained without every family of its
source of swaps, `family_evaluation.py`).  Training is deterministic: the
same checkout, data and seed reproduce rules/models/spin.json byte for byte.
"""
from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import click

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_MODEL = ROOT / "rules" / "models" / "spin.json"
TRAIN_SEED = 0
EVAL_SEED = 1

_worker: dict[str, Any] = {}


def _corpora():
    """The `corpora.build` module of the source checkout."""
    if not (ROOT / "corpora" / "build.py").is_file():
        raise click.ClickException(
            f"{ROOT / 'corpora'} not found: train and eval run from a source checkout of textlint-news")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from corpora import build

    return build


def _linter(config_path: str | None, languagetool: str | None, model: Any = None):
    from ..check import Context
    from ..checks.spin import SpinCheck
    from ..config import load
    from ..engine import Linter

    config = load(Path(config_path) if config_path else None)
    config.select = ["spin"]
    if languagetool:
        config.languagetool.url = languagetool
    linter = Linter(config, checks=[SpinCheck(model)])
    return linter, Context(settings=linter.settings, fed=linter.fed)


def _require_scikit_learn() -> None:
    """Exit 2 with one line naming the extra to install when scikit-learn is missing
    (only training needs it: `pip install 'textlint-news[train]'`)."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        click.echo("textlint-news: error: training needs scikit-learn: "
                   "pip install 'textlint-news[train]'", err=True)
        raise click.exceptions.Exit(2) from None


def _check_config(config_path: str | None) -> None:
    """Fail at once on a bad --config or settings table (a worker process failing on it would
    be restarted forever)."""
    from ..config import ConfigError

    if config_path:
        try:
            _linter(config_path, None)
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None


def _init_extract(config_path: str | None, languagetool: str | None) -> None:
    _worker["linter"], _worker["ctx"] = _linter(config_path, languagetool)


def _extract(example: Any) -> Any:
    from .features import languagetool_offsets
    from .detectors import find_signals
    from .training import LabelledText, extract

    ctx = _worker["ctx"]
    example, source = example
    text = LabelledText(example.key, example.text, example.label, tuple((s.start, s.end) for s in example.spans),
                        source)
    settings = ctx.settings_for("grammar")  # None: the grammar check is not among the linter's
    grammar = (lambda doc: languagetool_offsets(doc, settings)) \
        if settings is not None and settings.languagetool.url else None
    return extract(text, lambda doc: find_signals(doc, ctx), grammar, collocations(ctx))


def collocations(ctx: Any) -> Any:
    """The clean-news word-pair counts the rare-synonym detector is configured with, or None."""
    from ..checks.spin import collocations as configured

    return configured(ctx)


def _init_eval(config_path: str | None, languagetool: str | None, model_path: str) -> None:
    from .classifier import SpinModel

    _worker["model"] = SpinModel.load(model_path)
    _worker["linter"], _worker["ctx"] = _linter(config_path, languagetool, _worker["model"])


def _evaluate(item: Any) -> Any:
    from ..checks.spin import analysis
    from ..document import Document
    from .copies import SisterCopy
    from .evaluation import Outcome

    example, twin = item
    doc = Document(example.text, path=example.key)
    sister = {"spin": [SisterCopy(f"{example.key} ({'clean' if example.label else 'spun'} twin)", twin)]}
    issues = _worker["linter"].lint_document(doc, sister if twin is not None else None).issues
    outcome = Outcome(example.key, example.label, [(s.start, s.end, s.original) for s in example.spans])
    for issue in issues:
        if issue.rule == "spin.document":
            outcome.document_issue = True
        else:
            outcome.issues.append((issue.start, issue.end, issue.severity, issue.suggestions, issue.rule))
    outcome.document_probability = analysis(doc, _worker["ctx"], _worker["model"]).document_probability
    return outcome


def _map(function, items: list, jobs: int, initializer, initargs: tuple) -> list:
    """`function` over `items` in order, in `jobs` processes (1: in this process)."""
    if jobs <= 1:
        initializer(*initargs)
        return [function(item) for item in items]
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(jobs, initializer, initargs) as pool:
        return list(pool.imap(function, items, chunksize=8))


def data_fingerprint(keys_and_texts: list[tuple[str, str]]) -> str:
    """SHA-256 over the (path, text) pairs a model was trained on."""
    digest = hashlib.sha256()
    for key, text in keys_and_texts:
        digest.update(key.encode() + b"\0" + text.encode() + b"\0")
    return digest.hexdigest()


@click.command("train")
@click.option("--data", "data_dir", type=click.Path(exists=True, file_okay=False), default=str(DEFAULT_DATA),
              show_default=True, help="Folder of clean news articles (*.txt), read in place.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=str(DEFAULT_MODEL),
              show_default=True, help="Where to write the model (plain JSON).")
@click.option("--seed", type=int, default=TRAIN_SEED, show_default=True, help="Spinner seed.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=2, show_default=True, help="Processes.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="A textlint-news config whose spin settings (detector thresholds) to use.")
@click.option("--languagetool", help="LanguageTool server URL: add its match counts as a feature.")
@click.option("--families", help="Spinner families to learn from, comma-separated (corpora/families; "
                                 "default: corpora/build.py's TRAIN_FAMILIES).")
def train(data_dir: str, output: str, seed: int, jobs: int, config_path: str | None,
          languagetool: str | None, families: str | None = None) -> None:
    """Train the spin classifier on the training split of clean news, spun by the spinner families."""
    _require_scikit_learn()
    from .. import __version__
    from .training import fit

    _check_config(config_path)
    build = _corpora()
    chosen = _families(families) if families else build.TRAIN_FAMILIES
    started = time.monotonic()
    examples = build.build(Path(data_dir), "train", build.TRAIN_RATES, seed, chosen, build.OWN_SHARE)
    if not any(e.label for e in examples):
        raise click.ClickException(f"{data_dir}: no training articles found")
    click.echo(f"corpus: {len(examples)} texts ({sum(e.label for e in examples)} spun) "
               f"from the training split of {data_dir}", err=True)
    clean = [(e.key, e.text) for e in examples if not e.label]
    source = dict(clean)  # a spun twin leaves its clean article's counts out
    rows = _map(_extract, [(e, source.get(e.key)) for e in examples], jobs, _init_extract,
                (config_path, languagetool))
    command = "textlint-news train" + (f" --seed {seed}" if seed != TRAIN_SEED else "") \
        + (" --config <file>" if config_path else "") \
        + (f" --families {','.join(chosen)}" if chosen != build.TRAIN_FAMILIES else "")
    meta = {
        "command": command,
        "textlint_news": __version__,
        "data": {"articles": len(clean), "sha256": data_fingerprint(clean)},
        "spinner": {"seed": seed, "rates": list(build.TRAIN_RATES),
                    "heldout_percent": build.HELDOUT_PERCENT},
        "languagetool": bool(languagetool),
    }
    if chosen != build.TRAIN_FAMILIES:
        meta["spinner"]["families"] = list(chosen)
    if any(e.weight != 1.0 for e in examples):
        meta["spinner"]["own_share"] = build.OWN_SHARE  # each article spun by own and by one other family
    model = fit(rows, meta, [e.weight for e in examples], [e.family for e in examples])
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_text(model.dumps(), encoding="utf-8")
    click.echo(f"wrote {output}: {model.meta['rows']} rows, {time.monotonic() - started:.0f} s", err=True)


@click.command("eval")
@click.option("--data", "data_dir", type=click.Path(exists=True, file_okay=False), default=str(DEFAULT_DATA),
              show_default=True, help="Folder of clean news articles (*.txt), read in place.")
@click.option("--model", "model_path", type=click.Path(exists=True, dir_okay=False), default=str(DEFAULT_MODEL),
              show_default=True, help="Model to evaluate.")
@click.option("--rate", type=click.FloatRange(0.01, 1), default=0.10, show_default=True,
              help="Share of content words the spinner swaps.")
@click.option("--seed", type=int, default=EVAL_SEED, show_default=True, help="Spinner seed.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=2, show_default=True, help="Processes.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="A textlint-news config whose spin settings (detector thresholds) to use.")
@click.option("--languagetool", help="LanguageTool server URL (when the model was trained with it).")
@click.option("--copies", is_flag=True,
              help="Lint each text with its twin (the spun or the clean copy) as a sister copy.")
@click.option("--family", "families", multiple=True,
              help="Spinner family to evaluate on (repeatable; default: every family but 'own').")
@click.option("--leave-one-out", is_flag=True,
              help="For each family, train a model without it (temporary file) and evaluate on it.")
@click.option("--leave-one-source-out", is_flag=True,
              help="For each source of swaps (Roget, wordfreq), train a model without every family of "
                   "that source and evaluate on them: the honest left-out figure.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def evaluate(data_dir: str, model_path: str, rate: float, seed: int, jobs: int, config_path: str | None,
             languagetool: str | None, copies: bool, families: tuple[str, ...], leave_one_out: bool,
             fmt: str, leave_one_source_out: bool = False) -> None:
    """Measure the spin check on the held-out split, spun by each family without any lexicon phrase."""
    from . import family_evaluation as fe

    if leave_one_out and leave_one_source_out:
        raise click.UsageError("--leave-one-out and --leave-one-source-out are exclusive")
    trains = leave_one_out or leave_one_source_out
    if trains:  # it trains a model per fold
        _require_scikit_learn()
    _check_config(config_path)
    build = _corpora()
    names = _families(families) if families else tuple(fe.reported_families())

    def measure(chosen: tuple[str, ...], model: str) -> dict[str, Any]:
        examples = fe.heldout_examples(build, Path(data_dir), chosen, rate, seed)
        if not any(examples.values()):
            raise click.ClickException(f"{data_dir}: no held-out articles found")
        return fe.score_families(examples, lambda items: _map(_evaluate, items, jobs, _init_eval,
                                                              (config_path, languagetool, model)), copies)

    if trains:
        folds = fe.source_folds(names) if leave_one_source_out else fe.family_folds(names)
        results = fe.left_out(
            folds, lambda others, model: train.callback(data_dir, str(model), TRAIN_SEED, jobs, config_path,
                                                        languagetool, ",".join(others)),
            lambda scored, model: measure(scored, str(model)), lambda line: click.echo(line, err=True))
    else:
        results = measure(names, model_path)
    setup = {"rate": rate, "seed": seed, "model": None if trains else model_path, "copies": copies,
             "leave_one_out": leave_one_out, "leave_one_source_out": leave_one_source_out,
             "command": f"textlint-news eval --rate {rate:g} --seed {seed}" + "".join(
                 f" --family {f}" for f in (names if families else ())) + (" --copies" if copies else "")
             + (" --leave-one-out" if leave_one_out else "")
             + (" --leave-one-source-out" if leave_one_source_out else "")}
    if fmt == "json":
        click.echo(json.dumps({"setup": setup, "families": results}, indent=2))
    elif len(results) == 1 and not trains:
        (family, metrics), = results.items()
        click.echo(f"family: {family}\n" + format_metrics({**metrics, "setup": setup}))
    else:
        click.echo(fe.format_table(results, setup))


def _families(value: str | tuple[str, ...]) -> tuple[str, ...]:
    """Family names from the command line, or a clear error naming the unknown one."""
    from .family_evaluation import parse_families

    try:
        return parse_families(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def format_metrics(m: dict[str, Any]) -> str:
    """The evaluation as a short readable report."""
    lines = [
        f"held-out texts: {m['texts']['spun']} spun at {m['setup']['rate']:.0%} of content words "
        f"(no lexicon phrases), {m['texts']['clean']} clean",
        f"span precision   {m['span_precision']:.3f}  (on spun texts only {m['span_precision_spun_texts']:.3f}; "
        f"{m['reported_spans']} warnings/errors)",
        f"span recall      {m['span_recall']:.3f}  ({m['labelled_spans']} spun spans)",
        f"original suggested for {m['suggestion_hit_rate']:.1%} of the spans found",
        f"clean texts: {m['clean_text_reports_per_10']:.2f} span warnings per 10 articles, "
        f"spin.document on {m['document_issue_rate_clean']:.1%}",
        f"document ROC AUC {m['document_roc_auc']:.4f}  (Brier {m['document_brier']:.4f}); "
        f"spin.document on {m['document_issue_rate_spun']:.1%} of spun texts",
        f"any severity: precision {m['all_severities']['span_precision']:.3f}, "
        f"recall {m['all_severities']['span_recall']:.3f}",
    ]
    return "\n".join(lines)
