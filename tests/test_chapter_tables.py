"""The chapters' comparison tables (imbdiff.lreddpm), on hand-built numbers: every
expected value is worked out in the test."""

import importlib

import numpy as np
import pandas as pd
import pytest

from imbdiff import lreddpm


def _long(rows):
    return pd.DataFrame(rows, columns=["method", "dataset", "metric", "mean"])


def test_marker_is_plus_only_strictly_above_and_empty_when_a_value_is_missing():
    assert lreddpm._common.marker(70.0, 65.0) == "+"
    assert lreddpm._common.marker(65.0, 65.0) == "-"  # a tie is not "superior"
    assert lreddpm._common.marker(60.0, 65.0) == "-"
    assert lreddpm._common.marker(np.nan, 65.0) == "" and lreddpm._common.marker(70.0, np.nan) == ""


def test_marker_tally_counts_plus_among_non_empty_markers():
    assert lreddpm._common.marker_tally(pd.Series(["+", "-", "", "+", "-"])) == (2, 4)
    assert lreddpm._common.marker_tally(pd.Series([], dtype=str)) == (0, 0)


def test_lookup_keys_the_first_value_and_refuses_a_table_without_scores():
    values = lreddpm._common.lookup(_long([
        ("A", "d", "AUC_DT", 1.0), ("A", "d", "AUC_DT", 2.0), ("B", "d", "AUC_DT", 3.0),
    ]))
    assert values[("A", "d", "AUC_DT")] == 1.0 and values[("B", "d", "AUC_DT")] == 3.0
    with pytest.raises(ValueError, match="mean"):
        lreddpm._common.lookup(pd.DataFrame({"method": [], "dataset": [], "metric": []}))


@pytest.fixture
def region_scores():
    """yeast3 (Table 7) guided by border, spambase (Table 10) by rare and outlier."""
    paper = lreddpm._common.lookup(_long([
        ("LReDDPM", "yeast3", "AUC_DT", 80.0), ("border", "yeast3", "AUC_DT", 75.0),
        ("LReDDPM", "yeast3", "G-mean_DT", 70.0), ("border", "yeast3", "G-mean_DT", 72.0),
        ("LReDDPM", "spambase", "AUC_DT", 90.0), ("rare", "spambase", "AUC_DT", 91.0),
        ("BorderlineSMOTE", "yeast3", "AUC_DT", 78.0),
    ]))
    ours = lreddpm._common.lookup(_long([
        ("LReDDPM", "yeast3", "AUC_DT", 81.0), ("border", "yeast3", "AUC_DT", 83.0),
        ("LReDDPM", "yeast3", "G-mean-TPR-TNR_DT", 60.0),
        ("border", "yeast3", "G-mean-TPR-TNR_DT", 50.0),
        ("LReDDPM", "spambase", "AUC_DT", 88.0), ("rare", "spambase", "AUC_DT", 85.0),
        ("BorderlineSMOTE", "yeast3", "AUC_DT", 82.0),
    ]))
    return paper, ours


def test_region_variant_table_sets_each_region_beside_lreddpm(region_scores):
    paper, ours = region_scores
    metrics = {"AUC_DT": "AUC_DT", "G-mean-TPR-TNR_DT": "G-mean_DT"}
    variants = {"yeast3": ("border",), "spambase": ("rare", "outlier")}
    table = lreddpm.region_variants.region_variant_table(
        paper, ours, variants, printed_minus=("yeast3",), metrics=metrics
    )
    assert len(table) == 2 + 4  # (dataset, region) pairs times metrics
    auc = table.loc[("yeast3", "border", "AUC_DT")]
    assert (auc["table"], auc["paper"], auc["ours"], auc["ours - paper"]) == (7, 75, 83, 8)
    assert (auc["marker: printed"], auc["marker: paper, rule"], auc["marker: ours"]) == (
        "-", "-", "+"
    )
    # our second G-mean is compared with the paper's only G-mean
    gmean = table.loc[("yeast3", "border", "G-mean-TPR-TNR_DT")]
    assert (gmean["paper"], gmean["LReDDPM, paper"], gmean["ours"]) == (72, 70, 50)
    assert (gmean["marker: paper, rule"], gmean["marker: ours"]) == ("+", "-")
    rare = table.loc[("spambase", "rare", "AUC_DT")]
    assert rare["table"] == 10 and rare["marker: printed"] == ""  # Table 10 prints none
    assert (rare["marker: paper, rule"], rare["marker: ours"]) == ("+", "-")
    outlier = table.loc[("spambase", "outlier", "AUC_DT")]  # no value on either side
    assert np.isnan(outlier["paper"]) and outlier["marker: ours"] == ""


def test_region_variant_table_of_no_dataset_is_empty_with_its_columns(region_scores):
    table = lreddpm.region_variants.region_variant_table(*region_scores, {})
    assert table.empty and "marker: ours" in table.columns


def test_borderline_comparison_names_the_winner_and_the_best_region(region_scores):
    paper, ours = region_scores
    table = lreddpm.region_variants.borderline_comparison(paper, ours, {"yeast3": ("border",)})
    auc = table.loc[("yeast3", "AUC_DT")]
    assert auc["paper: ahead"] == "BorderlineSMOTE"  # 78 > 75
    assert auc["ours: ahead"] == "border"  # 82 < 83
    # best of LReDDPM and border: the paper's LReDDPM (80 > 78), ours border (83 > 82)
    assert auc["paper: best region beats BorderlineSMOTE"]
    assert auc["ours: best region beats BorderlineSMOTE"]
    f1 = table.loc[("yeast3", "F1_DT")]  # no F1 anywhere: no winner, no claim
    assert f1["ours: ahead"] == "" and f1["paper: ahead"] == ""
    assert not f1["ours: best region beats BorderlineSMOTE"]


def test_gmean_reading_check_on_hand_worked_rows():
    # Row a: P = R = 0.5 gives G = 0.5, F1 = 0.5 >= 2 * 0.25 / 1.25 = 0.4: possible.
    # Row b: G = 0.8 needs F1 >= 2 * 0.64 / 1.64 = 0.780..; a printed F1 of 0.5 is not.
    # With AUC 0.85 and G 0.8: TPR, TNR = 0.85 -/+ sqrt(0.85^2 - 0.64) = 0.85 -/+ 0.287..
    printed = _long([
        ("a", "d", "F1_DT", 50.0), ("a", "d", "G-mean_DT", 50.0), ("a", "d", "AUC_DT", 60.0),
        ("b", "d", "F1_DT", 50.0), ("b", "d", "G-mean_DT", 80.0), ("b", "d", "AUC_DT", 85.0),
    ])
    check = lreddpm._region_variants.gmean_reading_check(printed)
    assert check.loc[("a", "d"), "sqrt(P R) possible"]
    assert not check.loc[("b", "d"), "sqrt(P R) possible"]
    assert check.loc[("b", "d"), "least F1 if G = sqrt(P R)"] == pytest.approx(
        100 * 2 * 0.64 / 1.64
    )
    root = np.sqrt(0.85**2 - 0.64)
    tpr, tnr = check.loc[("b", "d"), ["TPR if G = sqrt(TPR TNR)", "TNR if G = sqrt(TPR TNR)"]]
    assert (tpr, tnr) == pytest.approx((100 * (0.85 - root), 100 * (0.85 + root)))
    assert np.sqrt(tpr * tnr) == pytest.approx(80.0)  # the reading gives back G
    with pytest.raises(ValueError, match="AUC_DT"):
        lreddpm._region_variants.gmean_reading_check(printed[printed["metric"] != "AUC_DT"])


def test_region_bars_draws_one_panel_per_dataset_and_metric(region_scores):
    import matplotlib

    matplotlib.use("Agg")
    fig = lreddpm.region_variants.region_bars(*region_scores, ["yeast3", "spambase"])
    assert len(fig.axes) == 4
    yeast3_auc = fig.axes[0]
    labels = [t.get_text() for t in yeast3_auc.get_xticklabels()]
    assert labels == ["safe*", "border"]  # LReDDPM guides yeast3 by its safe rows
    heights = [p.get_height() for p in yeast3_auc.patches]
    assert heights == [80.0, 75.0, 81.0, 83.0]  # the paper's two bars, then ours


def test_row_shift_on_hand_worked_rows():
    base = pd.DataFrame({"a": [0.0, 2.0], "b": [10.0, 10.0], "c": ["x", "y"]})
    rows = pd.DataFrame({"a": [1.0, 2.0], "b": [14.0, 6.0], "c": ["x", "z"]})
    # |1 - 0| / 1, |2 - 2| / 1, |14 - 10| / 2, |6 - 10| / 2: mean (1 + 0 + 2 + 2) / 4
    shift = lreddpm._tau_tables.row_shift(base, rows, numeric=["a", "b"], nominal=["c"], scale=[1, 2])
    assert shift == pytest.approx((1.25, 50.0))
    # a NaN scale (a constant column) leaves its column out
    shift = lreddpm._tau_tables.row_shift(base, rows, numeric=["a", "b"], nominal=[], scale=[np.nan, 2])
    assert shift[0] == pytest.approx(2.0) and np.isnan(shift[1])
    with pytest.raises(ValueError, match="2 rows against 1"):
        lreddpm._tau_tables.row_shift(base, rows.head(1), numeric=["a"], nominal=[], scale=[1])


def test_above_markers_compare_each_dataset_with_the_reference():
    scores = _long([
        ("tau=1", "d1", "AUC_DT", 70.0), ("LReDDPM", "d1", "AUC_DT", 60.0),
        ("tau=1", "d2", "AUC_DT", 50.0), ("LReDDPM", "d2", "AUC_DT", 60.0),
        ("tau=1", "d3", "AUC_DT", 50.0),  # no reference: left out
    ])
    marks = lreddpm._tau_tables.above_markers(scores, "tau=1", "AUC_DT")
    assert marks.to_dict() == {"d1": "+", "d2": "-"}


def test_tau_marker_table_sets_printed_markers_beside_ours():
    ours = _long([
        ("tau=1", "d1", "AUC_DT", 70.0), ("LReDDPM", "d1", "AUC_DT", 60.0),
        ("tau=1", "d3", "AUC_DT", 50.0), ("LReDDPM", "d3", "AUC_DT", 60.0),
    ])
    printed = {("tau=1", "AUC_DT"): "+-+"}
    table = lreddpm._tau_tables.tau_marker_table(printed, ours, ["d1", "d3", "d4"], order=["d1", "d2", "d3"])
    row = table.loc[("tau=1", "AUC_DT")]
    assert (row[("d1", "paper")], row[("d1", "ours")]) == ("+", "+")
    assert (row[("d3", "paper")], row[("d3", "ours")]) == ("+", "-")
    assert (row[("d4", "paper")], row[("d4", "ours")]) == ("", "n/a")  # neither has it
    assert (row[("count of +", "paper")], row[("count of +", "ours")]) == (2, 1)
    with pytest.raises(ValueError, match="2 printed markers"):
        lreddpm._tau_tables.tau_marker_table({("tau=1", "AUC_DT"): "+-"}, ours, ["d1"], order=["d1"] * 3)


def test_trade_table_says_yes_only_when_accuracy_rises_and_recall_falls():
    paper = _long([
        ("tau=60", "d1", "Recall_DT", 50.0), ("LReDDPM", "d1", "Recall_DT", 60.0),
        ("tau=60", "d1", "Accuracy_DT", 95.0), ("LReDDPM", "d1", "Accuracy_DT", 90.0),
    ])
    ours = _long([
        ("tau=60", "d1", "Recall_DT", 70.0), ("LReDDPM", "d1", "Recall_DT", 60.0),
        ("tau=60", "d1", "Accuracy_DT", 95.0), ("LReDDPM", "d1", "Accuracy_DT", 90.0),
        ("tau=60", "d2", "Recall_DT", 50.0),
    ])
    table = lreddpm._tau_tables.trade_table(paper, ours, ["d1", "d2"])
    d1 = table.loc[("d1", True)]
    assert d1[("paper", "Recall_DT", "change")] == -10.0
    assert d1[("paper", "trade", "")] == "yes" and d1[("ours", "trade", "")] == "no"
    d2 = table.loc[("d2", False)]  # not in the paper's table, ours incomplete
    assert d2[("paper", "trade", "")] == "" and d2[("ours", "trade", "")] == ""


def test_compactness_on_hand_worked_points():
    # guiding rows on a line at 0, 1, 2: pairwise 1, 2, 1 (median 1), nearest other 1
    guide = np.array([[0.0], [1.0], [2.0]])
    copies = np.array([[0.0], [0.1], [2.0]])  # pairwise 0.1, 2, 1.9: median 1.9
    spread, to_nearest = lreddpm._ddpm_region_tables.compactness(guide, copies)
    # nearest guiding row: 0, 0.1, 0 -> median 0
    assert spread == pytest.approx(1.9) and to_nearest == pytest.approx(0.0)
    far = np.array([[10.0], [20.0]])  # pairwise 10; nearest 8, 18 -> median 13
    assert lreddpm._ddpm_region_tables.compactness(guide, far) == pytest.approx((10.0, 13.0))
    one = lreddpm._ddpm_region_tables.compactness(guide, np.array([[1.5]]))  # one row: no spread
    assert np.isnan(one[0]) and one[1] == pytest.approx(0.5)
    assert np.isnan(lreddpm._ddpm_region_tables.compactness(np.zeros((2, 1)), far)[0])  # no own spread
    with pytest.raises(ValueError, match="1 guiding"):
        lreddpm._ddpm_region_tables.compactness(guide[:1], far)


def test_region_count_table_counts_the_minority_training_rows(monkeypatch):
    from imbdiff import datasets, experiments, paper
    from imbdiff.experiments import Experiment, Holdout

    cell = Experiment(dataset="yeast3", method="LReDDPM", split=Holdout(seed=0))
    table = lreddpm._region_variants.region_count_table([cell], ["yeast3"])
    row = table.loc["yeast3"]
    _, y_train, _, _, _ = lreddpm.training_split(cell)
    regions = ["safe", "border", "rare", "outlier"]
    rows = [row[(r, "rows")] for r in regions]
    assert sum(rows) == int((y_train == 1).sum())
    shares = [row[(r, "ours %")] for r in regions]
    assert shares == pytest.approx([100 * n / sum(rows) for n in rows])
    table12 = paper.table("lreddpm", 12).query("dataset == 'yeast3' and metric == 'safe'")
    assert row[("safe", "paper %")] == table12["mean"].iloc[0]
    assert row[("guided cells", "")] == "safe (LReDDPM), border"  # Table 7's reading

    def unavailable(_):
        raise datasets.DatasetUnavailable("parkin is not available offline\nmore")

    monkeypatch.setattr(lreddpm._analysis, "training_split", unavailable)
    table = lreddpm._region_variants.region_count_table([cell], ["yeast3"])
    assert table.loc["yeast3", ("guided cells", "")] == (
        "dataset unavailable: parkin is not available offline"
    )


@pytest.mark.parametrize("package", ["lreddpm", "isodf_enn", "beyond", "experiments", "claims",
                                     "report"])
def test_the_package_exports_each_public_name_once_from_its_private_module(package):
    module = importlib.import_module(f"imbdiff.{package}")
    namespace = {}
    exec(f"from imbdiff.{package} import *", namespace)  # the names book/api.md lists
    assert len(set(module.__all__)) == len(module.__all__)
    assert set(module.__all__) <= set(namespace)
    for name in module.__all__:
        value = getattr(module, name)
        # every function lives in one private module; the package only re-exports it
        # (report also passes on experiments' `wide`, the long-to-wide pivot it builds on)
        homes = (f"imbdiff.{package}._",) + (("imbdiff.experiments._",) if package == "report" else ())
        assert not callable(value) or value.__module__.startswith(homes), name
