"""The table helpers the chapters call: Results.wide / per_fold / errors, report.wide,
report.headlines. Hand-built results, so every expected value is worked out here."""

import numpy as np
import pandas as pd
import pytest

from imbdiff import isodf_enn, lreddpm, report
from imbdiff.experiments import CVFold, Experiment, Holdout, Result, Results


def _scores(auc, f1=None):
    rows = [("DT", "AUC", auc, 1.0)]
    if f1 is not None:
        rows.append(("DT", "F1", f1, 2.0))
    return pd.DataFrame(rows, columns=["classifier", "metric", "mean", "std"])


def _result(dataset, method, split, auc=None, f1=None, error=None, distances=None):
    experiment = Experiment(dataset=dataset, method=method, split=split, label=method)
    if error is not None:
        return Result(experiment, scores=pd.DataFrame(), error=error)
    return Result(experiment, scores=_scores(auc, f1), distances=distances or {})


@pytest.fixture
def holdout_results():
    return Results([
        _result("yeast3", "A", Holdout(seed=0), auc=80.0, distances={"JS": 0.2}),
        _result("yeast3", "A", Holdout(seed=1), auc=90.0, distances={"JS": 0.4}),
        _result("yeast3", "B", Holdout(seed=0), auc=70.0),
        _result("yeast3", "B", Holdout(seed=1), error="empty region\nTraceback: ..."),
        _result("rice", "A", Holdout(seed=0), auc=60.0),
        _result("rice", "B", Holdout(seed=0), error="x" * 300),
    ])


def test_wide_gives_the_mean_over_splits_datasets_down_methods_across(holdout_results):
    table = holdout_results.wide("AUC_DT", methods=["B", "A", "C"], datasets=["rice", "yeast3"])
    assert list(table.index) == ["rice", "yeast3"] and list(table.columns) == ["B", "A", "C"]
    assert table.loc["yeast3", "A"] == 85.0  # (80 + 90) / 2
    assert table.loc["yeast3", "B"] == 70.0  # the failed split does not count
    assert table.loc["rice", "A"] == 60.0
    assert np.isnan(table.loc["rice", "B"]) and table["C"].isna().all()


def test_wide_spreads_the_std_and_the_split_count(holdout_results):
    std = holdout_results.wide("AUC_DT", value="std")
    assert std.loc["yeast3", "A"] == pytest.approx(np.std([80, 90], ddof=1))
    assert np.isnan(std.loc["yeast3", "B"])  # one split: no spread
    assert holdout_results.wide("AUC_DT", value="splits").loc["yeast3", "A"] == 2


def test_wide_defaults_to_the_order_of_the_experiments(holdout_results):
    table = holdout_results.wide("AUC_DT")
    assert list(table.index) == ["yeast3", "rice"] and list(table.columns) == ["A", "B"]


def test_wide_reads_distances(holdout_results):
    table = holdout_results.wide("JS")
    assert table.loc["yeast3", "A"] == pytest.approx(0.3)


def test_report_wide_reads_the_papers_tables_and_refuses_a_frame_without_columns():
    printed = pd.DataFrame({"method": ["A", "B"], "dataset": ["d", "d"],
                            "metric": ["AUC_DT", "AUC_DT"], "mean": [1.0, 2.0]})
    assert report.wide(printed, "AUC_DT").loc["d"].tolist() == [1.0, 2.0]
    assert report.wide(printed, "F1_DT", methods=["A"], datasets=["d"]).isna().all(axis=None)
    per_split = pd.concat([printed, printed.assign(mean=[3.0, np.nan])])
    assert report.wide(per_split, "AUC_DT").loc["d"].tolist() == [2.0, 2.0]  # NaN skipped
    with pytest.raises(ValueError, match="metric"):
        report.wide(printed.drop(columns="metric"), "AUC_DT")


def test_errors_short_keeps_the_first_line_within_the_limit(holdout_results):
    full = holdout_results.errors()
    short = holdout_results.errors(short=True)
    assert list(full["error"]) == ["empty region\nTraceback: ...", "x" * 300]
    assert short["error"].iloc[0] == "empty region"
    cut = short["error"].iloc[1]
    assert len(cut) == 110 and cut.endswith("…") and cut.startswith("xxx")
    assert list(short[["dataset", "method", "split"]].itertuples(index=False)) == [
        ("yeast3", "B", 1), ("rice", "B", 0)]


def test_errors_grouped_counts_each_message_once_per_method():
    failures = Results([
        _result("d", "A", CVFold(repeat=0, fold=f), error="boom") for f in range(3)
    ] + [_result("d", "B", CVFold(repeat=0, fold=0), error="other")])
    grouped = failures.errors(short=True, grouped=True)
    assert grouped.to_dict("records") == [
        {"dataset": "d", "method": "A", "error": "boom", "experiments": 3},
        {"dataset": "d", "method": "B", "error": "other", "experiments": 1}]
    assert Results([]).errors(grouped=True).empty


def test_per_fold_pairs_the_methods_on_each_fold():
    results = Results([
        _result("d", "A", CVFold(repeat=0, fold=0), auc=1.0, f1=5.0),
        _result("d", "A", CVFold(repeat=0, fold=1), auc=2.0, f1=6.0),
        _result("d", "B", CVFold(repeat=0, fold=0), auc=3.0, f1=7.0),
        _result("d", "B", CVFold(repeat=0, fold=1), error="failed"),
        _result("d", "A", CVFold(repeat=1, fold=0), auc=4.0, f1=8.0),
    ])
    table = results.per_fold("AUC_DT", methods=["B", "A"])
    assert table.index.names == ["dataset", "repeat", "fold"]
    assert list(table.columns) == ["B", "A"]
    assert table.loc[("d", 0, 0)].tolist() == [3.0, 1.0]
    assert np.isnan(table.loc[("d", 0, 1), "B"]) and table.loc[("d", 0, 1), "A"] == 2.0
    assert table.loc[("d", 1, 0), "A"] == 4.0
    assert results.per_fold("F1_DT").loc[("d", 0, 0), "A"] == 5.0


def test_per_fold_of_holdouts_is_fold_zero_of_each_seed(holdout_results):
    table = holdout_results.per_fold("AUC_DT")
    assert table.loc[("yeast3", 1, 0), "A"] == 90.0


def test_headlines_link_each_named_claim_and_say_what_is_missing():
    recorded = pd.DataFrame([{"key": "k1", "claim": "Best AUC", "paper": "9 of 10",
                              "ours": "4 of 10", "verdict": "not reproduced",
                              "chapter": "lreddpm/06_auc"}])
    text = report.headlines({"P": recorded}, keys={"P": ("k1", "k2")}, link_prefix="../").data
    first, second = text.split("\n")
    assert "Best AUC" in first and "**not reproduced**" in first
    assert "(../lreddpm/06_auc.html)" in first and "9 of 10" in first and "4 of 10" in first
    assert "k2" in second and "no verdict" in second


def _measures():
    from imbdiff.lreddpm._tsne import TSNE_MEASURES

    methods = ["ADASYN", "BorderlineSMOTE", "FinDiff", "TVAE", "CTGAN", "LReDDPM"]
    rows = []
    for d, (guided, majority, border, near) in {
        # per method: share nearest guiding, majority among 5, typed border, to minority
        "d1": ([10, 20, 30, 40, 50, 60], [9, 8, 7, 6, 5, 1], [1, 90, 1, 1, 1, 1],
               [5, 5, 5, 1, 5, 5]),
        "d2": ([60, 20, 30, 40, 50, 60], [1, 8, 7, 6, 1, 1], [90, 1, 1, 1, 1, 1],
               [5, 5, 0.5, 1, 5, 5]),
    }.items():
        for i, m in enumerate(methods):
            rows.append({"dataset": d, "method": m, "rows": 10,
                         TSNE_MEASURES[1]: guided[i], TSNE_MEASURES[2]: majority[i],
                         TSNE_MEASURES[3]: border[i], TSNE_MEASURES[4]: 1.0,
                         TSNE_MEASURES[5]: near[i]})
    rows.append({"dataset": "d1", "method": "real minority rows", TSNE_MEASURES[1]: 100.0})
    return pd.DataFrame(rows), methods


def test_tsne_statements_count_datasets_with_ties_for_the_named_method():
    from imbdiff.lreddpm.tsne import tsne_statements

    measures, methods = _measures()
    table = tsne_statements(measures, methods).set_index("statement")
    guided = table.loc["LReDDPM's rows are the most concentrated within the guided region"]
    assert guided["ours"] == "2 of 2"  # d2: a tie with ADASYN counts
    assert "d2: ADASYN = LReDDPM" in guided["evidence"]
    assert table.loc["LReDDPM's rows overlap the majority the least", "ours"] == "2 of 2"
    assert table.loc["BorderlineSMOTE's rows are concentrated in the border area",
                     "ours"] == "1 of 2"
    tvae = table.loc["TVAE's rows are closely aligned with the original minority rows"]
    assert tvae["ours"] == "1 of 2" and tvae["evidence"] == "holds on: d1"
    encroach = table.loc["CTGAN and FinDiff may encroach upon the majority"]
    assert encroach["ours"] == "1 of 2" and encroach["evidence"] == "holds on: d1"
    assert set(table["verdict"]) <= {"reproduced", "not reproduced", "inconclusive"}
    # Two datasets of two cannot decide a share against a margin of one dataset.
    assert table.loc["LReDDPM's rows overlap the majority the least", "verdict"] == "inconclusive"


def test_tsne_measures_of_copied_guiding_rows_sit_on_the_guiding_rows(tmp_path):
    from imbdiff.experiments import Experiment
    from imbdiff.experiments._methods import guiding_region
    from imbdiff.lreddpm import training_split
    from imbdiff.lreddpm.tsne import tsne_measures
    from imbdiff.regions import region_types

    experiment = Experiment.make("yeast3", "Original")
    X, y, _, _, nominal = training_split(experiment)
    types = region_types(X, y, categorical_features=nominal)
    copies = X[(y == 1) & (types == guiding_region("yeast3"))]
    made = Results([Result(experiment.__class__(**{**experiment.__dict__, "label": "copy"}),
                           scores=_scores(50.0), generated=copies)])
    prepared, measures = tsne_measures(made, ["yeast3", "rice"], ["copy"])
    assert list(prepared) == ["yeast3"]  # rice has no result: skipped
    copy = measures.set_index("method").loc["copy"]
    assert copy["rows"] == len(copies)
    assert copy["nearest real row: guiding region (%)"] == 100.0
    assert copy["to nearest minority row (rel.)"] == 0.0
    assert measures["method"].iloc[0] == "real minority rows"
    assert prepared["yeast3"]["generated"]["copy"].shape[0] == len(copies)


def test_spread_table_puts_the_two_standard_deviations_side_by_side():
    printed = pd.DataFrame({"method": ["A", "B"], "dataset": ["d", "d"], "metric": "AUC_DT",
                            "mean": [90.0, 80.0], "std": [1.5, 0.0]})
    ours = printed.assign(mean=[70.0, 60.0], std=[3.0, np.nan])
    table = report.spread_table(printed, ours, metric="AUC_DT", methods=["B", "A"])
    assert list(table.columns) == [("d", "paper"), ("d", "ours")]
    assert table.loc["A"].tolist() == [1.5, 3.0]
    assert table.loc["B", ("d", "paper")] == 0.0 and np.isnan(table.loc["B", ("d", "ours")])


def test_rank_bars_puts_the_best_rank_on_top_and_colours_the_named_methods():
    import matplotlib

    matplotlib.use("Agg")
    ranks = pd.Series({"Original": 3.0, "ISODF-ENN": 1.5, "SMOTE": 2.0})
    ax = report.rank_bars(ranks, highlight="ISODF-ENN")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Original", "SMOTE", "ISODF-ENN"]  # bottom-up: the best on top
    widths = [bar.get_width() for bar in ax.patches]
    assert widths == [3.0, 2.0, 1.5]
    colours = [matplotlib.colors.to_hex(bar.get_facecolor()) for bar in ax.patches]
    assert colours == ["#555555", "#7f9fbf", "#c0392b"]


def test_grouped_bars_places_one_bar_per_cell_around_each_dataset():
    import matplotlib

    matplotlib.use("Agg")
    table = pd.DataFrame({"A": [50.0, 60.0], "B": [70.0, np.nan]}, index=["d1", "d2"])
    ax = report.grouped_bars(table, colours={"A": "#ff0000", "B": "#0000ff"}, ylabel="AUC")
    bars = ax.patches
    assert len(bars) == 4
    centres = [round(b.get_x() + b.get_width() / 2, 6) for b in bars]
    assert centres == [-0.2, 0.8, 0.2, 1.2]  # A then B, each at +-0.8/4 around its dataset
    assert [b.get_height() for b in bars[:3]] == [50.0, 60.0, 70.0]
    assert ax.get_ylim() == (40.0, 75.0)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["d1", "d2"]


def test_isodata_summary_of_separated_blobs_and_of_one_cluster():
    from types import SimpleNamespace

    from imbdiff.cluster import isodata_summary

    X = np.array([[0.0, 0.0], [0.0, 0.1], [10.0, 10.0], [10.0, 10.1], [10.1, 10.0]])
    two = SimpleNamespace(n_clusters_=2, labels_=np.array([0, 0, 1, 1, 1]), n_iter_=4,
                          history_=np.array([1, 2, 2, 2]))
    summary = isodata_summary(two, X)
    assert summary["clusters"] == 2 and summary["smallest"] == 2 and summary["iterations"] == 4
    assert summary["silhouette"] > 0.95 and summary["oscillates"] is False
    one = SimpleNamespace(n_clusters_=1, labels_=np.zeros(5, dtype=int), n_iter_=6,
                          history_=np.array([2, 3, 2, 3, 2, 1]))
    summary = isodata_summary(one, X)
    assert np.isnan(summary["silhouette"]) and summary["smallest"] == 5
    assert summary["oscillates"] is True  # 3, 2, 3, 2: changed at each of the last steps


def test_labelling_stability_ignores_numbering_and_needs_two_runs():
    from imbdiff.cluster import labelling_stability

    same = [np.array([0, 0, 1, 1]), np.array([1, 1, 0, 0]), np.array([0, 0, 1, 1])]
    assert labelling_stability(same) == 1.0
    assert labelling_stability([np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])]) < 0
    assert np.isnan(labelling_stability([np.array([0, 1])]))


def test_front_page_claims_exist_and_name_each_papers_main_results():
    from imbdiff import claims

    known = {c.key for c in (lreddpm.CLAIMS + isodf_enn.CLAIMS)}
    wanted = [k for keys in report.FRONT_PAGE_CLAIMS.values() for k in keys]
    assert 3 <= len(wanted) <= 4 and set(wanted) <= known


def _prepared(seed=0):
    rng = np.random.default_rng(seed)
    y = np.r_[np.zeros(30, dtype=int), np.ones(12, dtype=int)]
    E = rng.normal(size=(42, 3)) + y[:, None] * 3
    types = np.where(y == 1, "safe", "safe").astype(object)
    types[35:] = "border"
    return dict(E=E, y=y, types=types, guiding=(y == 1) & (types == "safe"), region="safe",
                generated={"A": rng.normal(size=(9, 3)) + 3, "B": rng.normal(size=(4, 3))})


def test_tsne_layout_subsamples_within_the_caps_and_is_deterministic():
    from imbdiff.lreddpm.tsne import tsne_layout

    data = _prepared()
    real, owners, xy = tsne_layout(data, majority=10, minority=5, generated=3, max_iter=250)
    assert len(real) == 15 and set(data["y"][real[:10]]) == {0} and set(data["y"][real[10:]]) == {1}
    assert list(owners).count("A") == 3 and list(owners).count("B") == 3
    assert xy.shape == (21, 2) and np.isfinite(xy).all()
    again = tsne_layout(data, majority=10, minority=5, generated=3, max_iter=250)
    np.testing.assert_array_equal(again[2], xy)


def test_tsne_figure_draws_one_panel_per_method_and_a_note_for_a_missing_layout():
    import matplotlib

    matplotlib.use("Agg")
    from imbdiff.lreddpm.tsne import tsne_layout

    data = _prepared()
    layouts = {"d1": tsne_layout(data, majority=10, minority=5, generated=3, max_iter=250)}
    fig = report.tsne_figure({"d1": data}, layouts, ["d1", "d2"], ["A", "B"])
    axes = np.array(fig.axes).reshape(2, 2)
    assert [ax.get_title() for ax in axes[0]] == ["A", "B"]
    crosses = axes[0, 0].collections[-1]
    assert len(crosses.get_offsets()) == 3  # the 3 rows of A drawn
    assert "d2: no rows" in " ".join(t.get_text() for ax in axes[1] for t in ax.texts)
    assert "no dataset" in report.tsne_figure({}, {}, [], ["A"]).axes[0].texts[0].get_text()
