"""Which spinner families train which left-out fold (`textlint-news eval --leave-one-*-out`)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textlint_news.spin.family_evaluation import family_folds, reported_families, source_folds  # noqa: E402

ROGET = ("thesaurus", "phrase", "collocation", "names")


def test_a_roget_family_is_scored_by_a_model_that_saw_no_roget_family():
    folds = source_folds(reported_families())
    assert folds == [(ROGET, ("own", "random")),
                     (("random",), ("own", "thesaurus", "phrase", "collocation", "names"))]
    every = [family for scored, _ in folds for family in scored]
    assert sorted(every) == sorted(reported_families())  # each reported family scored once
    for scored, trained_on in folds:
        assert not set(scored) & set(trained_on)


def test_one_source_fold_scores_only_the_families_asked_for():
    assert source_folds(["names"]) == [(("names",), ("own", "random"))]
    assert source_folds(["random", "phrase"]) == [(("random",), ("own", *ROGET)), (("phrase",), ("own", "random"))]


def test_leave_one_family_out_trains_on_the_other_roget_families():
    """The per-family fold leaks its source: the three other Roget families train it."""
    (scored, trained_on), = family_folds(["thesaurus"])
    assert scored == ("thesaurus",) and trained_on == ("own", "phrase", "collocation", "names", "random")


NEWS = ("The city council approved a new budget on Monday after a long debate about rising costs. "
        "Officials said the plan would help families pay for heating and protect local services. "
        "Critics argued that the changes were rushed and that residents had little time to respond.\n")


def test_training_with_other_families_spins_each_article_by_own_and_one_other(tmp_path):
    from corpora.build import OWN_SHARE, build

    for i in range(6):
        (tmp_path / f"{i:02d}.txt").write_text(NEWS.replace("Monday", f"day {i}"), encoding="utf-8")
    alone = build(tmp_path, "train", (0.15,), 0, ("own",), OWN_SHARE)
    paired = build(tmp_path, "train", (0.15,), 0, ("own", "random", "thesaurus"), OWN_SHARE)
    assert {e.weight for e in alone} == {1.0}  # own only: the corpus (and model) of before
    assert [e for e in paired if e.family in ("", "own")] == [
        e if not e.label else type(e)(e.key, e.text, e.label, e.rate, e.spans, e.family, OWN_SHARE) for e in alone]
    for key in {e.key for e in paired}:
        twins = [e for e in paired if e.key == key and e.label]
        assert len(twins) == 2 and twins[0].family == "own" and twins[1].family in ("random", "thesaurus")
        assert sum(e.weight for e in twins) == 1.0  # spun and clean weigh the same
    assert {e.family for e in paired if e.label} == {"own", "random", "thesaurus"}
