"""Gradient-boosted trees read from plain JSON: the spin classifier's span stage.

A signal's evidence interacts (a large context gain means little when clean news
knows both of the word's pairs, much in a text that reads as spun), which a
linear model cannot express; scikit-learn's HistGradientBoostingClassifier,
fitted by `training.py`, can.  Its trees are stored as flat node arrays:

    node i: feature[i] (-1 for a leaf), threshold[i], left[i], right[i], value[i]

a row goes left when its value is at most the threshold, and its probability is
sigmoid(baseline + the sum of the leaf values it reaches).  A feature missing
from a row counts as its training mean, as in `LinearModel`.  Evaluation runs
on every signal of a document at once with NumPy (imported on first use), or, for a
process's first `PLAIN_ROWS` rows while numpy is not imported (one article's: its import
costs a cold start 0.1 s and 15 MB), row by row in Python with numpy's summation order.
"""
from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Mapping, Sequence

KIND = "gradient-boosted-trees"
PLAIN_ROWS = 256  # rows scored without numpy in a process that has not imported it
_plain_rows = [0]  # rows scored so far without numpy


@dataclass(frozen=True)
class TreeModel:
    """Boosted regression trees on named features; `probabilities` scores many rows at once."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    baseline: float
    roots: tuple[int, ...]
    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]
    depth: int

    def probability(self, row: Mapping[str, float]) -> float:
        """The probability of the positive class for one row."""
        return self.probabilities([row])[0]

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> list[float]:
        """The probability of the positive class for each row."""
        if not rows:
            return []
        if "numpy" not in sys.modules and _plain_rows[0] + len(rows) <= PLAIN_ROWS:
            _plain_rows[0] += len(rows)
            raw = [self.baseline + _pairwise_sum([self.value[leaf] for leaf in self._leaves(row)])
                   for row in rows]
            return [1.0 / (1.0 + math.exp(-r)) if r >= -700 else 0.0 for r in raw]
        np = _numpy()
        roots, feature, threshold, child, value = self._arrays
        named = self._named_means
        x = np.array([[row.get(name, mean) for name, mean in named] for row in rows],
                     dtype=float).reshape(len(rows), len(self.features))
        node = np.broadcast_to(roots, (len(rows), len(self.roots)))
        at = (np.arange(len(rows)) * len(self.features))[:, None]  # each row's place in `x` flattened
        flat = x.ravel()
        for _ in range(self.depth):  # a leaf leads to itself (`_arrays`): no test per node
            node = child[node + (flat[at + feature[node]] <= threshold[node])]
        raw = self.baseline + value[node].sum(axis=1)
        return [1.0 / (1.0 + math.exp(-r)) if r >= -700 else 0.0 for r in raw.tolist()]

    def _leaves(self, row: Mapping[str, float]) -> list[int]:
        """The leaf each tree leads `row` to, as `probabilities` finds them with numpy."""
        x = [float(row.get(name, mean)) for name, mean in self._named_means]
        feature, threshold, left, right, depth = self.feature, self.threshold, self.left, self.right, self.depth
        leaves = []
        for node in self.roots:
            for _ in range(depth):
                at = feature[node]
                if at < 0:
                    break
                node = left[node] if x[at] <= threshold[node] else right[node]
            leaves.append(node)
        return leaves

    @cached_property
    def _named_means(self) -> list[tuple[str, float]]:
        return list(zip(self.features, self.mean))

    @cached_property
    def _arrays(self) -> tuple[Any, ...]:
        """The node arrays for `probabilities`' walk, each node at two places: node i's feature,
        threshold and leaf value at 2i and 2i + 1, and there its right and its left child (as
        places 2j), so that a level is `child[node + goes_left]`; a leaf's feature is 0 and both
        its children are itself.  (roots, feature, threshold, child, value), numpy arrays."""
        np = _numpy()
        feature = np.array(self.feature, dtype=np.int64)
        leaf = feature < 0
        own = np.arange(len(feature), dtype=np.int64)
        left = np.where(leaf, own, np.array(self.left, dtype=np.int64))
        right = np.where(leaf, own, np.array(self.right, dtype=np.int64))
        child = np.empty(2 * len(feature), dtype=np.int64)
        child[0::2], child[1::2] = 2 * right, 2 * left
        return (2 * np.array(self.roots, dtype=np.int64), np.repeat(np.where(leaf, 0, feature), 2),
                np.repeat(np.array(self.threshold, dtype=float), 2), child,
                np.repeat(np.array(self.value, dtype=float), 2))

    def importances(self) -> list[tuple[str, int]]:
        """How many splits use each feature, most used first (what the trees look at)."""
        counts = [0] * len(self.features)
        for f in self.feature:
            if f >= 0:
                counts[f] += 1
        return sorted(zip(self.features, counts), key=lambda item: -item[1])

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": KIND,
            "features": {name: {"mean": mean} for name, mean in zip(self.features, self.mean)},
            "baseline": self.baseline,
            "depth": self.depth,
            "roots": list(self.roots),
            "nodes": {"feature": list(self.feature), "threshold": list(self.threshold),
                      "left": list(self.left), "right": list(self.right), "value": list(self.value)},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "TreeModel":
        nodes = data["nodes"]
        names = tuple(data["features"])
        return cls(
            features=names, mean=tuple(float(data["features"][n]["mean"]) for n in names),
            baseline=float(data["baseline"]), roots=tuple(map(int, data["roots"])),
            feature=tuple(map(int, nodes["feature"])), threshold=tuple(map(float, nodes["threshold"])),
            left=tuple(map(int, nodes["left"])), right=tuple(map(int, nodes["right"])),
            value=tuple(map(float, nodes["value"])), depth=int(data["depth"]),
        )


def _pairwise_sum(values: list[float]) -> float:
    """The sum of `values` in numpy's order for a float64 row (`ndarray.sum`: pairwise, eight
    accumulators within blocks of 128), so that both ways give the same bits."""
    return 0.0 + _pairwise(values, 0, len(values))


def _pairwise(values: list[float], lo: int, n: int) -> float:
    if n < 8:
        total = -0.0
        for value in values[lo:lo + n]:
            total += value
        return total
    if n <= 128:
        sums = values[lo:lo + 8]
        end = lo + n - n % 8
        for start in range(lo + 8, end, 8):
            for j in range(8):
                sums[j] += values[start + j]
        total = ((sums[0] + sums[1]) + (sums[2] + sums[3])) + ((sums[4] + sums[5]) + (sums[6] + sums[7]))
        for value in values[end:lo + n]:
            total += value
        return total
    half = n // 2
    half -= half % 8
    return _pairwise(values, lo, half) + _pairwise(values, lo + half, n - half)


def _numpy() -> Any:
    import numpy

    return numpy
