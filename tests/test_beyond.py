"""The side-by-side comparison: its grid, one balanced target, and its rank tests."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from imbdiff import beyond, book, datasets, profiles, stats
from imbdiff import experiments as ex
from imbdiff.beyond import BEYOND_DATASETS, BEYOND_METHODS, beyond_grid
from imbdiff.beyond._side_by_side import BEYOND_RUNS, beyond_region, data_kind
from imbdiff.beyond.side_by_side import (
    BEYOND_MEASURES,
    BEYOND_NEW_DATASETS,
    dataset_table,
    rank_tests,
    recommendation_text,
    recommendations,
    score_table,
    statistics_summary,
)
from imbdiff.experiments import METHODS, CVFold, Experiment, Result, Results, run
from imbdiff.experiments._methods import method_params
from imbdiff.regions import region_types

SMOKE = profiles.get("smoke")
TINY = profiles.get("smoke", timesteps=5, train_steps=5, isodf_train_steps=5, gan_epochs=1)


# ---------------------------------------------------------------- the methods and the data
def test_the_ten_methods_and_the_datasets_are_the_briefs():
    assert len(BEYOND_METHODS) == 10 and set(BEYOND_METHODS) == set(BEYOND_RUNS)
    assert all(run_as in METHODS for run_as in BEYOND_RUNS.values())
    assert BEYOND_RUNS["DDPM-unguided"] == "FinDiff-balanced"  # minority-only, unconditioned
    assert BEYOND_RUNS["FinDiff"] == "FinDiff-cond-balanced"
    union = set(profiles.LREDDPM_DATASETS) | set(profiles.ISODF_ENN_DATASETS)
    assert union <= set(BEYOND_DATASETS) and len(set(BEYOND_DATASETS)) == len(BEYOND_DATASETS)
    new = set(BEYOND_NEW_DATASETS)
    assert len(new) >= 4 and not new & union and new <= set(BEYOND_DATASETS)
    metrics = ("AUC", "F1", "G-mean-TPR-TNR")
    assert set(BEYOND_MEASURES) == {f"{m}_{c}" for m in metrics for c in ("DT", "LR")}


def test_the_new_keel_sets_span_ir_2_to_100_and_200_to_5000_rows():
    table = dataset_table(BEYOND_NEW_DATASETS)
    assert table["rows"].between(200, 5000).all()
    assert table["IR"].between(2, 101).all()
    assert table["IR"].min() < 3 and table["IR"].max() > 90


def test_dataset_table_counts_rows_and_ir_as_the_loader_gives_them():
    table = dataset_table(["glass1", "flare-F"])
    glass = datasets.load("glass1")
    assert table.loc["glass1", "rows"] == len(glass.y) == 214
    assert table.loc["glass1", "IR"] == pytest.approx((glass.y == 0).sum() / (glass.y == 1).sum())
    assert table.loc["glass1", "kind"] == "small, low IR"
    assert table.loc["flare-F", "kind"] == "large, high IR"
    assert table.loc["flare-F", "nominal"] == 11
    assert table.loc["flare-F", "used by"] == "ISODF-ENN"


def test_default_subset_has_two_datasets_of_each_kind_and_paper_runs_all():
    default = profiles.get("default")
    kinds = dataset_table(default.beyond_datasets)["kind"].value_counts()
    expected = ["large, high IR", "large, low IR", "small, high IR", "small, low IR"]
    assert sorted(kinds.index) == expected
    assert (kinds == 2).all()
    assert profiles.get("paper").beyond_datasets == BEYOND_DATASETS
    assert profiles.get("paper").beyond_splits == profiles.get("paper").splits
    given = profiles.get("smoke", beyond_datasets="glass1, haberman")
    assert given.beyond_datasets == ("glass1", "haberman")


@pytest.mark.parametrize(
    "rows, ratio, kind",
    [
        (1000, 9.0, "small, low IR"),
        (1001, 9.0, "large, low IR"),
        (214, 9.01, "small, high IR"),
        (5472, 100, "large, high IR"),
    ],
)
def test_data_kind_splits_at_1000_rows_and_ir_9(rows, ratio, kind):
    assert data_kind(rows, ratio) == kind


def test_data_kind_rejects_missing_values():
    with pytest.raises(ValueError, match="finite"):
        data_kind(np.nan, 3.0)


def _minority_types(name):
    data = datasets.load(name)
    nominal = [c for c in data.X.columns if isinstance(data.X[c].dtype, pd.CategoricalDtype)]
    types = region_types(data.X, data.y, categorical_features=nominal)[data.y == 1]
    return pd.Series(types).value_counts()


def test_guiding_region_is_safe_when_it_has_rows_else_the_largest():
    assert _minority_types("glass1")["safe"] >= 10 and beyond_region("glass1") == "safe"
    haberman = _minority_types("haberman")
    assert haberman["safe"] < 10 and beyond_region("haberman") == haberman.idxmax() == "border"
    abalone = _minority_types("abalone17")
    assert abalone.get("safe", 0) < 10 and beyond_region("abalone17") == abalone.idxmax()
    assert beyond_region("spectfheart") == "border"  # the LReDDPM paper's choice
    assert beyond_region("glass1", min_rows=1000) == _minority_types("glass1").idxmax()


# ---------------------------------------------------------------- the grid
def test_grid_runs_every_method_on_every_fold_with_both_classifiers():
    cells = beyond_grid(SMOKE, ["glass1", "haberman"], seed=7, splits=2)
    folds = SMOKE.cv_folds * 2
    assert len(cells) == 2 * folds * len(BEYOND_METHODS)
    assert all(isinstance(c.split, CVFold) and c.split.n_splits == SMOKE.cv_folds for c in cells)
    assert all(c.classifiers == ("DT", "LR") and c.repeats == 1 for c in cells)
    assert all(c.seed == 7 + c.split.repeat for c in cells)
    labels = {}
    for cell in cells:
        labels.setdefault((cell.dataset, cell.split), []).append(cell.name)
    assert len(labels) == 2 * folds
    assert all(tuple(names) == BEYOND_METHODS for names in labels.values())
    assert {c.method for c in cells} == set(BEYOND_RUNS.values())
    lreddpm = [c for c in cells if c.name == "LReDDPM"]
    assert {c.dataset: c.region for c in lreddpm} == {"glass1": "safe", "haberman": "border"}
    assert dict(lreddpm[0].params) == method_params("LReDDPM-balanced", SMOKE)


def test_grid_defaults_come_from_the_profile():
    cells = beyond_grid(SMOKE)
    assert {c.dataset for c in cells} == set(SMOKE.beyond_datasets)
    assert {c.split.repeat for c in cells} == set(range(SMOKE.beyond_splits))
    one = beyond_grid(SMOKE, "glass1", methods=["SMOTE", "LReDDPM"])
    assert [c.name for c in one[:2]] == ["SMOTE", "LReDDPM"] and len(one) == 2 * SMOKE.cv_folds


def test_grid_sends_only_neural_samplers_to_the_device():
    cells = beyond_grid(SMOKE, "glass1", device="cpu")
    on_device = {c.name for c in cells if dict(c.params).get("device") == "cpu"}
    assert on_device == {"LReDDPM", "ISODF-ENN", "DDPM-unguided", "FinDiff", "CTGAN", "TVAE"}


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"datasets": ["glass1", "no-such-set"]}, "no-such-set"),
        ({"methods": ["SMOTE", "Magic"]}, "Magic"),
        ({"methods": []}, "unknown side-by-side method"),
        ({"splits": 0}, "splits must be at least 1"),
    ],
)
def test_grid_rejects_bad_input_by_name(kwargs, message):
    with pytest.raises(ValueError, match=message):
        beyond_grid(SMOKE, **{"datasets": "glass1", **kwargs})


# ---------------------------------------------------------------- one balanced target
def _training_fold(name="glass1"):
    data = datasets.load(name)
    train, _ = CVFold(5, 0, 0).indices(data.y)
    return data.X.iloc[train].reset_index(drop=True), data.y[train]


@pytest.mark.parametrize("label", BEYOND_METHODS)
def test_every_method_balances_the_training_fold_whatever_the_runners_target(label):
    X, y = _training_fold()
    minority, majority = int((y == 1).sum()), int((y == 0).sum())
    name = BEYOND_RUNS[label]
    params = method_params(name, TINY)
    # The runner's target is LReDDPM's count (minority + guiding rows): a small one
    # here, which the side-by-side methods must not follow.
    target = {1: minority + 3}
    sampler = METHODS[name].build(target, "safe", 0, None, **params)
    X_res, y_res = sampler.fit_resample(X, y)
    if label == "SMOTE+ENN":
        assert sampler.smote_.sampling_strategy_ == {1: majority - minority}
    elif label == "ISODF-ENN":
        assert sampler.sampling_strategy_ == {1: majority - minority}
    elif label == "ADASYN":  # spreads the rows by difficulty and rounds per row
        assert abs(int((y_res == 1).sum()) - majority) <= 0.05 * majority
    else:
        assert int((y_res == 1).sum()) == majority
        assert int((y_res == 0).sum()) == majority


def test_lreddpm_balanced_differs_from_the_papers_count_only_in_the_target():
    X, y = _training_fold()
    params = method_params("LReDDPM", TINY)
    papers = METHODS["LReDDPM"].build({1: 0}, "safe", 0, None, **params).fit(X, y)
    balanced = METHODS["LReDDPM-balanced"].build({1: 0}, "safe", 0, None, **params).fit(X, y)
    safe_rows = int(((y == 1) & (papers.region_types_ == "safe")).sum())
    assert papers.sampling_strategy_ == {1: safe_rows}
    assert balanced.sampling_strategy_ == {1: int((y == 0).sum() - (y == 1).sum())}
    assert balanced.region == papers.region == "safe"


def test_a_small_grid_is_deterministic_and_reports_balanced_counts(tmp_path):
    cells = beyond_grid(TINY, "glass1", methods=["LReDDPM", "SMOTE", "ISODF-ENN"])
    first = run(cells, cache=False, progress=False)
    second = run(cells, cache=str(tmp_path), progress=False)
    assert all(r.ok for r in first)
    pd.testing.assert_frame_equal(first.scores(), second.scores())
    summary = first.summary()
    train = {r.experiment: r for r in first}
    for cell, row in zip(cells, summary.itertuples()):
        data = datasets.load("glass1")
        y_train = data.y[cell.split.indices(data.y)[0]]
        if cell.name in ("LReDDPM", "SMOTE"):
            assert row.generated == (y_train == 0).sum() - (y_train == 1).sum()
        assert train[cell].n_train == len(y_train)


# ---------------------------------------------------------------- the tables and tests
def _result(dataset, label, fold, score, repeat=0):
    experiment = Experiment(dataset, "SMOTE", split=CVFold(2, repeat, fold), label=label)
    frame = pd.DataFrame({"classifier": ["DT"], "metric": ["AUC"], "mean": [score], "std": [0.0]})
    return Result(experiment, frame)


def test_score_table_averages_folds_then_repetitions():
    results = Results(
        [
            _result("a", "SMOTE", 0, 60.0), _result("a", "SMOTE", 1, 80.0),
            _result("a", "SMOTE", 0, 90.0, repeat=1), _result("a", "SMOTE", 1, 90.0, repeat=1),
            _result("a", "ADASYN", 0, 50.0), _result("a", "ADASYN", 1, 50.0),
            _result("b", "SMOTE", 0, 10.0),
        ]
    )
    table = score_table(results, "AUC_DT", methods=["SMOTE", "ADASYN"])
    assert list(table.index) == ["a", "b"] and list(table.columns) == ["SMOTE", "ADASYN"]
    assert table.loc["a", "SMOTE"] == pytest.approx((70.0 + 90.0) / 2)
    assert table.loc["a", "ADASYN"] == 50.0 and np.isnan(table.loc["b", "ADASYN"])


def _ordered(n_datasets, methods=("A", "B", "C")):
    """Every dataset ranks the methods in column order, with different gaps."""
    rng = np.random.default_rng(0)
    base = rng.uniform(50, 60, size=(n_datasets, 1))
    steps = np.cumsum(rng.uniform(1, 5, size=(n_datasets, len(methods))), axis=1)
    index = [f"d{i}" for i in range(n_datasets)]
    return pd.DataFrame(base - steps, index=index, columns=list(methods))


def test_rank_tests_on_a_table_ordered_alike_on_every_dataset():
    # Ranks 1, 2, 3 everywhere; CD(k=3, N=5) = 2.344 sqrt(12 / 30) = 1.48: B (gap 1) is not
    # separated from A, C (gap 2) is. Wilcoxon, N = 5, every difference positive: exact
    # p = 2 / 2^5 = 0.0625 for each, Holm over two: 0.125, so nothing is beaten.
    tests = rank_tests(_ordered(5))
    assert tests.best == "A"
    assert tests.average_ranks.tolist() == [1.0, 2.0, 3.0]
    assert tests.cd == pytest.approx(stats.nemenyi_q(3) * np.sqrt(12 / 30))
    assert tests.not_separated == ["B"]
    assert tests.wilcoxon["p_value"].tolist() == pytest.approx([0.0625, 0.0625])
    assert tests.beaten == []


def test_rank_tests_beats_both_rivals_with_seven_datasets():
    # N = 7: exact p = 2 / 128 = 0.015625 each, Holm: 0.03125 < 0.05 for both.
    tests = rank_tests(_ordered(7))
    assert tests.wilcoxon["p_holm"].tolist() == pytest.approx([0.03125, 0.03125])
    assert tests.beaten == ["B", "C"]


def test_rank_tests_best_is_the_best_rank_not_the_first_column():
    table = _ordered(6)[["C", "B", "A"]]
    assert rank_tests(table).best == "A"


def test_rank_tests_reject_missing_values_and_too_few_methods():
    table = _ordered(5)
    table.iloc[0, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        rank_tests(table)
    with pytest.raises(ValueError, match="at least 3 methods"):
        rank_tests(_ordered(5, methods=("A", "B")))


def test_statistics_summary_has_one_row_per_classifier_and_metric():
    tests = {"AUC_DT": rank_tests(_ordered(7)), "G-mean-TPR-TNR_LR": rank_tests(_ordered(5))}
    summary = statistics_summary(tests)
    assert list(summary.index) == [("DT", "AUC"), ("LR", "G-mean")]
    assert summary.loc[("DT", "AUC"), "beaten (Wilcoxon-Holm)"] == "B, C"
    assert summary.loc[("LR", "G-mean"), "beaten (Wilcoxon-Holm)"] == "none"
    assert summary.loc[("LR", "G-mean"), "not separated (Nemenyi)"] == "B"
    assert summary.loc[("DT", "AUC"), "N"] == 7 and summary.loc[("DT", "AUC"), "k"] == 3


def test_recommendation_needs_a_gap_beyond_the_critical_difference():
    # 12 small datasets rank A, B, C alike: gap 1 > CD(3, 12) = 2.344 sqrt(12 / 72) = 0.957.
    # 2 large ones too, but CD(3, 2) = 2.34 > 1: inconclusive. One more is incomplete.
    table = _ordered(15)
    table.iloc[14, 2] = np.nan
    kinds = {d: ("small" if i < 12 else "large") for i, d in enumerate(table.index)}
    result = recommendations({"AUC_DT": table, "F1_DT": table}, kinds)
    assert list(result.index) == ["large", "small", "all"]
    assert result.loc["small", "verdict"] == "A" and result.loc["small", "datasets"] == 12
    assert result.loc["small", "CD"] == pytest.approx(stats.critical_difference(3, 12))
    assert result.loc["small", "not separated"] == "none"
    assert result.loc["large", "verdict"] == "inconclusive" and result.loc["large", "datasets"] == 2
    assert result.loc["large", "not separated"] == "B, C"
    assert result.loc["all", "datasets"] == 14
    text = recommendation_text(result)
    assert "try **A** first" in text and "inconclusive" in text and "large datasets" in text


def test_recommendation_of_a_kind_with_one_dataset_is_inconclusive():
    table = _ordered(3)
    result = recommendations({"AUC_DT": table}, {"d0": "rare", "d1": "common", "d2": "common"})
    assert result.loc["rare", "verdict"] == "inconclusive"
    assert result.loc["rare", "not separated"] == "one dataset"
    assert "inconclusive (one dataset of this kind ran)" in recommendation_text(result)


def test_recommendation_pools_ranks_over_the_measures():
    first = _ordered(4)
    second = first[["C", "B", "A"]].set_axis(["A", "B", "C"], axis=1)  # the reverse order
    result = recommendations({"AUC_DT": first, "F1_DT": second}, {d: "k" for d in first.index})
    assert result.loc["k", "best rank"] == pytest.approx(2.0)
    assert result.loc["k", "gap"] == pytest.approx(0.0)
    assert result.loc["k", "verdict"] == "inconclusive"


def test_recommendation_rejects_bad_tables():
    with pytest.raises(ValueError, match="at least one"):
        recommendations({}, {})
    with pytest.raises(ValueError, match="same methods"):
        recommendations({"a": _ordered(3), "b": _ordered(3, methods=("A", "C", "B"))}, {})
    with pytest.raises(ValueError, match="at least 2 methods"):
        recommendations({"a": _ordered(3, methods=("A",))}, {})


# ---------------------------------------------------------------- the chapter
def test_book_run_finds_the_chapter_and_the_toc_has_its_part():
    root = Path(__file__).resolve().parents[1]
    sources = book.find_sources(root, ["beyond/01_side_by_side"])
    assert sources == [root / "notebooks" / "beyond" / "01_side_by_side.md"]
    assert sources[0] in book.find_sources(root)
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    part = next(p for p in toc["parts"] if p["caption"] == "Side by side")
    assert {"file": "book/beyond/01_side_by_side"} in part["chapters"]


def test_complete_block_leaves_out_the_method_when_that_keeps_more_scores():
    nan = np.nan
    table = pd.DataFrame(
        {"A": [1.0, 2, 3, 4], "B": [2.0, 3, 4, 5], "C": [3.0, nan, 5, nan]},
        index=["d1", "d2", "d3", "d4"],
    )
    # Without C: 4 x 2 = 8 scores; without d2 and d4: 2 x 3 = 6.
    assert list(beyond.side_by_side.complete_block(table).columns) == ["A", "B"]
    assert list(beyond.side_by_side.complete_block(table).index) == ["d1", "d2", "d3", "d4"]


def test_complete_block_leaves_out_the_dataset_when_that_keeps_more_scores():
    nan = np.nan
    one_bad_row = pd.DataFrame(
        {"A": [1.0, nan, 3], "B": [2.0, nan, 4], "C": [3.0, 4, 5]}, index=["d1", "d2", "d3"]
    )
    # Without d2: 2 x 3 = 6 scores; without A and B: 3 x 1 = 3.
    block = beyond.side_by_side.complete_block(one_bad_row)
    assert list(block.index) == ["d1", "d3"] and list(block.columns) == ["A", "B", "C"]
    tie = pd.DataFrame({"A": [1.0, nan], "B": [2.0, 3]}, index=["d1", "d2"])
    # Either way 2 scores: on a tie the datasets stay (more blocks for Friedman).
    assert beyond.side_by_side.complete_block(tie).shape == (2, 1)
    full = pd.DataFrame({"A": [1.0, 2], "B": [2.0, 3]})
    pd.testing.assert_frame_equal(beyond.side_by_side.complete_block(full), full)
