"""The finished tables and figures of LReDDPM's chapters 01, 02 and 05-08
(imbdiff.lreddpm), on hand-worked inputs: every expected value is worked out here."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from imbdiff import lreddpm
from imbdiff.regions import REGION_NAMES


def _bold_cells(styler):
    """(row, column) positions the styler sets in bold."""
    styler._compute()
    return {(r, c) for (r, c), props in styler.ctx.items()
            if ("font-weight", "bold") in props}


# --- Chapter 01: Table 1 -------------------------------------------------------------------


def _counts(rows):
    """Long counts (dataset_counts' first value) from dataset -> (#Train, ..., #Rimb)."""
    metrics = ["#Train", "#Test", "#Num", "#Cat", "#Rimb"]
    return pd.DataFrame([{"dataset": name, "metric": m, "mean": v}
                         for name, values in rows.items() for m, v in zip(metrics, values)])


@pytest.fixture
def table1_counts():
    # Table 1 prints segment0 1846/462/19/0/6.02, crg 800/200/7/13/2.3,
    # spectfheart 213/52/44/0/3.85; turkish has no counts of ours.
    return _counts({
        "segment0": (1846, 462, 19, 0, 1979 / 329),  # 6.0152 rounds to 6.02
        "crg": (800, 200, 7, 13, 700 / 300),          # 2.333 rounds to 2.3
        "spectfheart": (214, 53, 44, 0, 212 / 55),    # one row more in each part
    })


def test_dataset_verdicts_compare_counts_exactly_and_the_ratio_as_printed(table1_counts):
    verdicts = lreddpm.datasets.dataset_verdicts(table1_counts, ["segment0", "crg", "spectfheart",
                                                        "turkish"])
    assert verdicts.name == "Table 1 row"
    assert verdicts.to_dict() == {"segment0": "matches", "crg": "matches",
                                  "spectfheart": "differs", "turkish": "not available"}
    # a ratio that rounds to another printed value differs: 2.36 -> 2.4, not 2.3
    off = table1_counts.copy()
    off.loc[(off["dataset"] == "crg") & (off["metric"] == "#Rimb"), "mean"] = 2.36
    assert lreddpm.datasets.dataset_verdicts(off, ["crg"]).to_dict() == {"crg": "differs"}


def test_dataset_table_sets_the_paper_beside_ours_and_names_the_profile(table1_counts):
    styled = lreddpm.datasets.dataset_table(table1_counts, ["crg", "spectfheart"], profile="smoke")
    table = styled.data
    assert list(table.index) == ["spectfheart", "crg"]  # in Table 1's order
    assert table.loc["spectfheart", ("#Train", "diff")] == 1.0  # 214 - 213
    assert styled.caption.startswith("Table 1 of the paper")
    assert styled.caption.endswith("(smoke profile)")
    assert ">2.333<" in styled.to_html()  # four significant digits


def test_dataset_verdict_table_captions_the_verdicts(table1_counts):
    verdicts = lreddpm.datasets.dataset_verdicts(table1_counts, ["crg"])
    styled = lreddpm.datasets.dataset_verdict_table(verdicts, profile="default")
    assert styled.caption.endswith("(default profile)")
    assert styled.data["Table 1 row"].tolist() == ["matches"]


# --- Chapter 02: Table 12 ------------------------------------------------------------------


def _shares(rows):
    """minority_type_shares' long table from (dataset, split_seed, four shares, rows)."""
    return pd.DataFrame([
        {"dataset": d, "split_seed": s, "metric": region, "mean": v, "minority_rows": n}
        for d, s, values, n in rows for region, v in zip(REGION_NAMES, values)
    ])


@pytest.fixture
def crg_shares():
    return _shares([("crg", 0, [20.0, 60.0, 10.0, 10.0], 240),
                    ("crg", 1, [10.0, 70.0, 10.0, 10.0], 241)])


def test_paper_shares_read_table_12_in_the_order_given():
    wide = lreddpm.regions.paper_shares(["crg", "segment0"])
    assert list(wide.index) == ["crg", "segment0"] and list(wide.columns) == list(REGION_NAMES)
    assert wide.loc["crg"].tolist() == [17.0833, 63.75, 8.3333, 10.8333]
    assert wide.loc["segment0", "safe"] == 96.5909


def test_mean_shares_average_the_splits(crg_shares):
    mean = lreddpm.regions.mean_shares(crg_shares, ["crg", "rice"])
    assert mean.loc["crg"].tolist() == [15.0, 65.0, 10.0, 10.0]
    assert mean.loc["rice"].isna().all()  # no shares: NaN, not dropped


def test_share_table_shows_the_first_split_beside_table_12(crg_shares):
    styled = lreddpm.regions.share_table(crg_shares, ["crg"], seed=1, profile="smoke")
    table = styled.data
    assert table.loc["crg", ("safe", "ours")] == 10.0  # the split seeded 1
    assert table.loc["crg", ("safe", "diff")] == pytest.approx(10.0 - 17.0833)
    assert styled.caption.endswith("(smoke profile)") and ">-7.08<" in styled.to_html()


def test_share_spread_table_gives_paper_mean_and_sd_over_the_splits(crg_shares):
    styled = lreddpm.regions.share_spread_table(crg_shares, ["segment0", "crg"], profile="smoke")
    table = styled.data
    assert list(table.index) == ["crg"]  # segment0 was not typed
    assert list(table.columns.get_level_values(0).unique()) == ["paper", "mean", "std"]
    assert table.loc["crg", ("mean", "safe")] == 15.0
    assert table.loc["crg", ("std", "safe")] == pytest.approx(np.sqrt(50))  # 7.07
    assert table.loc["crg", ("paper", "border")] == 63.75
    assert styled.caption == ("Paper vs the mean and standard deviation of ours over 2 "
                              "splits (smoke profile)")


def test_fitting_counts_keep_the_counts_that_reproduce_every_printed_share():
    # 50 / 25 / 25 / 0 % needs a multiple of 4 rows; a third needs a multiple of 3
    assert lreddpm.regions.fitting_counts(pd.Series([50.0, 25.0, 25.0, 0.0]), range(3, 10)) == [4, 8]
    assert lreddpm.regions.fitting_counts([33.3333, 66.6667, 0, 0], [7, 6, 5, 3]) == [3, 6]
    with pytest.raises(ValueError, match="missing"):
        lreddpm.regions.fitting_counts([50.0, np.nan, 25.0, 25.0], [4])


def test_implied_counts_and_their_offsets_on_hand_worked_shares():
    paper_wide = pd.DataFrame([[50.0, 25.0, 25.0, 0.0], [50.0, 50.0, 0.0, 0.0]],
                              index=["a", "b"], columns=list(REGION_NAMES))
    shares = _shares([("a", 0, [60, 20, 20, 0], 5), ("b", 0, [50, 50, 0, 0], 4),
                      ("a", 1, [0, 0, 0, 100], 99)])  # another split: not read
    implied = lreddpm.regions.implied_counts(paper_wide, shares, seed=0)
    # a: 5 rows, candidates 3..6, only 4 fits; b: 4 rows, candidates 3..5, 4 fits
    assert implied["minority rows (ours)"].tolist() == [5, 4]
    assert implied.iloc[:, 1].tolist() == [[4], [4]]
    assert implied["our count fits"].tolist() == [False, True]
    assert lreddpm.regions.count_offsets(implied).to_dict() == {"a": -1, "b": 0}
    styled = lreddpm.regions.implied_counts_table(implied, profile="smoke")
    assert styled.caption.endswith("(smoke profile)")


def test_tv_distance_and_the_readings_table_on_hand_worked_shares():
    paper_wide = pd.DataFrame([[70.0, 20.0, 10.0, 0.0]], index=["d"], columns=list(REGION_NAMES))
    near = pd.DataFrame([[66.0, 24.0, 10.0, 0.0]], index=["d"], columns=list(REGION_NAMES))
    far = pd.DataFrame([[40.0, 30.0, 20.0, 10.0]], index=["d"], columns=list(REGION_NAMES))
    assert lreddpm._datasets.tv_distance(near, paper_wide)["d"] == 4.0  # (4 + 4) / 2
    distances = lreddpm.regions.reading_distances(paper_wide, {"splits": near, "whole": far})
    assert distances.loc["d"].to_dict() == {"splits": 4.0, "whole": 30.0}
    styled = lreddpm.regions.reading_distance_table(distances, profile="default")
    assert styled.caption.endswith("(default profile)") and ">30.00<" in styled.to_html()


def test_whole_dataset_shares_type_every_minority_row_of_the_dataset(monkeypatch):
    from types import SimpleNamespace

    from imbdiff import datasets as imbdatasets

    # six minority rows 0..5 (each other's nearest: safe) and one at 100 among
    # majority rows 101..106 (all five neighbours majority: outlier)
    x = [0, 1, 2, 3, 4, 5, 100, 101, 102, 103, 104, 105, 106]
    y = np.array([1] * 7 + [0] * 6)
    data = SimpleNamespace(X=pd.DataFrame({"x": np.asarray(x, dtype=float)}), y=y)
    monkeypatch.setattr(imbdatasets, "load", lambda name: data)
    shares = lreddpm.regions.whole_dataset_shares(["toy"], k=5)
    assert shares.loc["toy"].tolist() == pytest.approx([600 / 7, 0, 0, 100 / 7])


def test_share_verdict_table_shows_the_distance_as_rounded():
    ours = pd.DataFrame([[70.0, 21.7, 8.3, 0.0]], index=["d"], columns=list(REGION_NAMES))
    paper_wide = pd.DataFrame([[70.0, 20.0, 10.0, 0.0]], index=["d"],
                              columns=list(REGION_NAMES))
    verdicts = lreddpm.regions.share_verdicts(ours, paper_wide, ["d", "gone"], missing={"gone"})
    styled = lreddpm.regions.share_verdict_table(verdicts, profile="smoke")
    html = styled.to_html()
    assert ">1.7<" in html and "reproduced" in html and "not available" in html
    assert styled.caption.endswith("(smoke profile)")


def test_share_bars_name_the_profile_in_the_title():
    wide = pd.DataFrame([[70.0, 20.0, 10.0, 0.0]], index=["d"], columns=list(REGION_NAMES))
    fig = lreddpm.regions.share_bars(wide, wide, profile="smoke")
    assert "(smoke profile)" in fig._suptitle.get_text()
    assert lreddpm.regions.share_bars(wide, wide)._suptitle is None


# --- Shared by chapters 05, 06 and 08: the rows each method generated ----------------------


def _result(dataset, method, seed, *, generated=0, guiding=0, error=None, scores=()):
    """A hold-out Result; ``scores``: (classifier, metric, mean) triples."""
    from imbdiff.experiments import Experiment, Holdout, Result

    experiment = Experiment(dataset=dataset, method=method, split=Holdout(seed=seed),
                            label=method)
    frame = pd.DataFrame([(c, m, v, 0.0) for c, m, v in scores],
                         columns=["classifier", "metric", "mean", "std"])
    return Result(experiment, scores=frame, n_generated=generated, guiding_rows=guiding,
                  error=error)


@pytest.fixture
def generated_results():
    from imbdiff.experiments import Results

    return Results([
        _result("crg", "ADASYN", 0, generated=110, guiding=116),
        _result("crg", "ADASYN", 1, generated=112, guiding=125),
        _result("crg", "LReDDPM", 0, generated=116, guiding=116),
        _result("crg", "LReDDPM", 1, guiding=125, error="empty region"),
        _result("segment0", "ADASYN", 0, generated=259, guiding=255),
    ])


def test_generated_counts_average_the_splits_and_blank_a_failed_cell(generated_results):
    counts = lreddpm._generated_rows.generated_counts(generated_results, ["segment0", "crg", "rice"],
                                      ["LReDDPM", "ADASYN", "TVAE"])
    assert list(counts.index) == ["segment0", "crg"]  # rice did not run
    assert list(counts.columns) == ["LReDDPM", "ADASYN"]  # TVAE did not run
    assert counts.loc["crg", "ADASYN"] == 111.0  # (110 + 112) / 2
    assert np.isnan(counts.loc["crg", "LReDDPM"])  # one split failed: no count
    assert np.isnan(counts.loc["segment0", "LReDDPM"])


def test_asked_rows_table_sets_the_guiding_rows_beside_the_counts(generated_results):
    styled = lreddpm.auc.asked_rows_table(generated_results, ["crg"], ["ADASYN", "LReDDPM"],
                                      profile="smoke")
    table = styled.data
    assert list(table.columns) == ["asked for (guiding rows)", "ADASYN", "LReDDPM",
                                   "ADASYN - asked"]
    # crg's guiding rows over its five cells: (116 + 125 + 116 + 125) / 4 = 120.5
    assert table.loc["crg", "asked for (guiding rows)"] == 120.5
    assert table.loc["crg", "ADASYN - asked"] == -9.5  # 111 - 120.5
    html = styled.to_html()
    assert ">120.5<" in html and ">n/a<" in html
    assert styled.caption.endswith("(smoke profile)")


def test_generated_rows_table_names_the_region_and_the_first_splits_rows(generated_results):
    styled = lreddpm.distances.generated_rows_table(generated_results, ["crg", "segment0"],
                                          ["ADASYN", "LReDDPM"], profile="default")
    table = styled.data
    assert table["region"].tolist() == ["border", "safe"]  # the paper's guiding regions
    assert table["guiding rows"].tolist() == [116, 255]  # the first split's
    html = styled.to_html()
    assert ">111<" in html and ">failed<" in html
    assert styled.caption.endswith("(default profile)")


# --- Chapters 06 and 07: Tables 3-5 --------------------------------------------------------


def _long(rows, metric):
    return pd.DataFrame([{"method": m, "dataset": d, "metric": metric, "mean": v, "std": s}
                         for m, d, v, s in rows])


@pytest.fixture
def auc_ours():
    values = {"ADASYN": 90.0, "BorderlineSMOTE": 91.0, "FinDiff": 80.0, "TVAE": 80.0,
              "CTGAN": 80.0, "LReDDPM": 95.0, "Original": 99.0}
    return _long([(m, "segment0", v, 1.5) for m, v in values.items()], "AUC_DT")


def test_score_comparison_sets_ours_beside_table_3(auc_ours):
    table = lreddpm.auc.score_comparison(auc_ours, 3, ["segment0"])
    assert list(table.index) == list(lreddpm.LREDDPM_METHODS)
    assert table.loc["LReDDPM", ("segment0", "paper")] == 89.577
    assert table.loc["LReDDPM", ("segment0", "diff")] == pytest.approx(95.0 - 89.577)
    with pytest.raises(ValueError, match="no score table 6"):
        lreddpm.auc.score_comparison(auc_ours, 6, ["segment0"])


def test_score_table_bolds_the_best_generator_and_never_original(auc_ours):
    styled = lreddpm.auc.score_table(auc_ours, 3, ["segment0"], profile="smoke")
    assert styled.caption.startswith("Table 3: AUC (%) of the decision tree")
    assert styled.caption.endswith("(smoke profile)")
    # paper: LReDDPM 89.577 beats the other generators (Original's 89.581 is left out);
    # ours: LReDDPM 95 beats them (Original's 99 is left out)
    assert _bold_cells(styled) == {(5, 0), (5, 1)}
    assert ">95.000<" in styled.to_html()


def test_score_spread_table_sets_the_papers_spread_beside_ours(auc_ours):
    styled = lreddpm.auc.score_spread_table(auc_ours, 3, ["segment0"], profile="smoke")
    table = styled.data
    assert list(table.columns) == [("segment0", "paper"), ("segment0", "ours")]
    assert table.loc["ADASYN", ("segment0", "paper")] == 0.393
    assert table.loc["ADASYN", ("segment0", "ours")] == 1.5
    assert styled.caption.startswith("Table 3, the ±")


def _hand_method_table():
    columns = pd.MultiIndex.from_product([["d1", "d2"], ["paper", "ours", "diff"]])
    return pd.DataFrame([[80.0, 82.0, 2.0, 70.0, np.nan, np.nan],
                         [78.0, 77.0, -1.0, 71.0, np.nan, np.nan]],
                        index=["A", "B"], columns=columns)


def test_difference_line_and_statements_on_a_hand_worked_table():
    line = lreddpm.f1_gmean.difference_line(_hand_method_table(), unit="F1 points")
    assert line == ("ours - paper: median +0.50 F1 points, mean |diff| 1.50, from -1.00 "
                    "(B / d1) to +2.00 (A / d1)")
    empty = _hand_method_table().drop(columns="d1", level=0)
    assert lreddpm.f1_gmean.difference_line(empty) == "ours - paper: no dataset of ours to compare"
    text = lreddpm.auc.difference_statements({"tree": _hand_method_table(), "none": empty})
    assert text.startswith("* **tree**: ours - paper has median +0.50 points")
    assert "none" not in text
    assert lreddpm.auc.difference_statements({"none": empty}) == "no results to compare"


def test_difference_heatmaps_and_gmean_bars_name_the_profile():
    from imbdiff.experiments import Results

    panels = {"a": pd.DataFrame({"d1": [2.0, -1.0]}, index=["A", "B"])}
    fig = lreddpm.auc.difference_heatmaps(panels, profile="smoke")
    assert fig._suptitle.get_text() == "Ours minus the paper's (smoke profile)"
    assert lreddpm.auc.difference_heatmaps(panels)._suptitle is None
    results = Results([_result("d", m, 0, scores=[("DT", "G-mean", 70.0),
                                                  ("DT", "G-mean-TPR-TNR", 80.0)])
                       for m in ("LReDDPM", "Original")])
    fig = lreddpm.f1_gmean.gmean_bars(results, lreddpm.f1_gmean.GMEAN_FORMS, ["LReDDPM", "Original"],
                             profile="default")
    assert len(fig.axes) == 2 and fig._suptitle.get_text().endswith("(default profile)")
    assert [p.get_height() for p in fig.axes[1].patches] == [80.0, 80.0]


def test_statement_checks_test_each_statement_on_both_sides():
    statements = {"x is above y": lambda v: v["x"] > v["y"],
                  "x is positive": lambda v: v["x"] > 0}
    sources = {"paper": ({"x": 2, "y": 1},), "ours": ({"x": -1, "y": 0},)}
    checks = lreddpm._scores.statement_checks(statements, sources, header="statement",
                                      ours_ok=True, not_testable="n/t")
    assert checks.to_dict("list") == {
        "statement": ["x is above y", "x is positive"],
        "paper": ["holds", "holds"], "ours": ["does not hold", "does not hold"]}
    skipped = lreddpm._scores.statement_checks(statements, sources, header="statement",
                                       ours_ok=False, not_testable="n/t")
    assert skipped["ours"].tolist() == ["n/t", "n/t"]
    assert lreddpm.auc.holding_share(checks) == "2 of 2"
    assert lreddpm.auc.holding_share(checks, "ours") == "0 of 2"
    styled = lreddpm.auc.statements_table(checks, profile="smoke")
    assert styled.caption.endswith("(smoke profile)") and styled.hide_index_[0]
    with pytest.raises(ValueError, match="ours"):
        lreddpm._scores.statement_checks(statements, {"paper": ()}, header="s", ours_ok=True,
                                 not_testable="")


# --- Chapter 06: Table 13, the claims' margins, the probe ---------------------------------


def _parkin(values):
    """Long parkin scores from method -> {metric: value}."""
    return pd.DataFrame([{"method": m, "dataset": "parkin", "metric": k, "mean": v}
                         for m, scores in values.items() for k, v in scores.items()])


@pytest.fixture
def parkin_ours():
    recall = 84.211
    return _parkin({
        "ADASYN": {"AUC_LR": 90.0, "G-mean-TPR-TNR_LR": 70.0, "Accuracy_LR": 80.0,
                   "Recall_LR": recall, "G-mean_LR": 60.0},
        "LReDDPM": {"AUC_LR": 85.0, "G-mean-TPR-TNR_LR": 75.0, "Accuracy_LR": 82.0,
                    "Recall_LR": recall},
        "Original": {"AUC_LR": 80.0, "G-mean-TPR-TNR_LR": 80.0, "Accuracy_LR": 85.0,
                     "Recall_LR": recall},
        "TVAE": {"AUC_LR": 80.0, "G-mean-TPR-TNR_LR": 60.0, "Accuracy_LR": 86.0,
                 "Recall_LR": 80.0},
    })


def test_table13_sets_ours_beside_the_printed_values(parkin_ours):
    table = lreddpm._auc_tables.table13(parkin_ours)
    assert table.index.names == ["classifier", "method"] and len(table) == 8
    row = table.loc[("Logistic Regression", "ADASYN")]
    assert row[("G-mean", "paper (printed)")] == 79.704
    assert row[("G-mean", "ours, sqrt(precision x recall)")] == 60.0
    assert row[("G-mean", "ours, sqrt(TPR x TNR)")] == 70.0
    assert row[("Accuracy", "ours")] == 80.0
    assert np.isnan(table.loc[("Decision Tree", "ADASYN"), ("Recall", "ours")])
    assert "computed on parkin" in lreddpm.auc.table13_table(parkin_ours).caption
    missing = lreddpm.auc.table13_table(parkin_ours.iloc[:0], profile="smoke")
    assert "ours NOT AVAILABLE" in missing.caption
    assert lreddpm._auc_tables.table13(parkin_ours.iloc[:0]).xs("ours", axis=1, level=1).isna().all(
        axis=None)


def test_table13_checks_test_the_papers_statements_on_both_sides(parkin_ours):
    checks = lreddpm.auc.table13_checks(parkin_ours)
    assert checks["paper"].tolist() == ["holds"] * 5  # on the paper's own Tables 4 and 13
    assert checks["ours"].tolist() == ["holds"] * 5   # built so that all five hold
    # TVAE's recall at LReDDPM's: "its recall falls the most" no longer holds
    tvae = (parkin_ours["method"] == "TVAE") & (parkin_ours["metric"] == "Recall_LR")
    changed = parkin_ours.assign(mean=parkin_ours["mean"].where(~tvae, 84.211))
    assert lreddpm.auc.table13_checks(changed)["ours"].tolist() == ["holds"] * 4 + [
        "does not hold"]
    offline = lreddpm.auc.table13_checks(parkin_ours.iloc[:0])
    assert set(offline["ours"]) == {"not testable (parkin unavailable)"}


def test_auc_claim_margins_give_lreddpms_lead_over_its_rivals():
    from imbdiff.report import method_table

    paper = _long([("ADASYN", "d1", 80.0, 0), ("LReDDPM", "d1", 81.0, 0),
                   ("Original", "d1", 82.0, 0)], "AUC_DT")
    ours = _long([("ADASYN", "d1", 85.0, 0), ("LReDDPM", "d1", 84.0, 0),
                  ("Original", "d1", 82.0, 0)], "AUC_DT")
    table = method_table(paper, ours, metric="AUC_DT")
    verdicts = pd.DataFrame([{"key": "auc-dt-vs-original", "claim": "Above Original",
                              "where": "4.2", "verdict": "inconclusive",
                              "paper": "0 of 1", "ours": "share 1.00"}])
    text = lreddpm.auc.auc_claim_margins(verdicts, {3: table, 4: table}, ["ADASYN", "LReDDPM"])
    assert text == ("* **Above Original** (4.2): inconclusive, paper 0 of 1, ours share "
                    "1.00. LReDDPM minus the best of Original, ours: d1 +2.00; paper: "
                    "d1 -1.00.")
    best = verdicts.assign(key="auc-dt-best", claim="Best")
    assert "best of ADASYN, ours: d1 -1.00; paper: d1 +1.00" in lreddpm.auc.auc_claim_margins(
        best, {3: table}, ["ADASYN", "LReDDPM"])
    assert lreddpm.auc.auc_claim_margins(verdicts.iloc[:0], {}, []) == "no claim could be tested"


def test_abalone17_exception_compares_auc_and_rows_generated():
    from imbdiff.experiments import Results

    results = Results([
        _result("abalone17", "ADASYN", 0, generated=40, scores=[("LR", "AUC", 85.0)]),
        _result("abalone17", "ADASYN", 1, generated=44, scores=[("LR", "AUC", 86.0)]),
        _result("abalone17", "LReDDPM", 0, generated=30, scores=[("LR", "AUC", 84.5)]),
        _result("abalone17", "LReDDPM", 1, error="no minority rows of type 'safe'"),
    ])
    # ADASYN: 42 rows and AUC 85.5 over two splits; LReDDPM: its one split that ran
    assert lreddpm.auc.abalone17_exception(results) == (
        "abalone17, logistic regression: ADASYN AUC 85.500 vs LReDDPM 84.500 (above); "
        "rows generated: ADASYN 42 vs LReDDPM 30 (more), means over the splits each ran")
    assert lreddpm.auc.abalone17_exception(Results(results[:2])).startswith(
        "abalone17 is not in this run")
    assert lreddpm.auc.abalone17_exception(Results([])).startswith("abalone17 is not in")


def test_paper_auc_margins_read_table_3():
    margins = lreddpm.auc.paper_auc_margins(
        ["ADASYN", "BorderlineSMOTE", "FinDiff", "TVAE", "CTGAN", "LReDDPM"])
    assert margins["paper_wins"] == "9 of 10"  # the paper: best on all but page0
    # segment0: LReDDPM 89.577 - ADASYN 89.540 = 0.037, the narrowest lead
    assert margins["paper_narrow_margins"].startswith("0.037 on segment0")
    assert margins["paper_narrow_count"] == str(
        margins["paper_narrow_margins"].count(" on "))


def test_original_gap_gives_the_range_of_ours_beside_the_paper():
    from imbdiff.experiments import Results

    results = Results([
        _result("segment0", "Original", 0, scores=[("DT", "AUC", 98.0)]),
        _result("segment0", "Original", 1, scores=[("DT", "AUC", 96.5)]),
        _result("toy", "Original", 0, scores=[("DT", "AUC", 50.0)]),  # not in Table 3
    ])
    assert lreddpm.auc.original_gap(results, ["segment0", "toy", "crg"]) == (
        "segment0 (paper 89.6, ours 96.5 to 98.0)")
    assert lreddpm.auc.original_gap(Results([]), ["crg"]) == "no result in this run"


@pytest.fixture
def probe():
    """Two splits of segment0 under three readings (66 minority test rows)."""
    rows = []
    for variant, aucs, recall, f1 in (("as built", (98.0, 96.0), 75.0, 80.0),
                                      ("min-max (train)", (98.5, 96.0), 75.0, 80.0),
                                      ("min-max (each part)", (90.0, 89.0), 85.0, 84.0)):
        for split, auc in enumerate(aucs):
            rows.append({"variant": variant, "dataset": "segment0", "split": split,
                         "AUC": auc, "AUC_sd": 0.5, "F1": f1, "Recall": recall,
                         "Accuracy": 97.0, "n_train": 1846, "n_test": 462,
                         "n_test_minority": 66})
    return pd.DataFrame(rows)


def test_probe_tables_show_each_reading_beside_the_paper(probe):
    summary = lreddpm.auc.summarise_probe(probe)
    styled = lreddpm.auc.probe_table(summary, ["segment0"], profile="smoke")
    table = styled.data
    assert table.loc["paper (Table 3)", "segment0"] == "89.6"  # Original's printed AUC
    # as built: mean 97.0, sd 1.0 over the two splits; 89.6 is 7.4 away: no match
    assert table.loc["as built", "segment0"] == "97.0 ± 1.0"
    # each part: mean 89.5, sd 0.5; 89.581 lies within 2 sd: a match
    assert table.loc["min-max (each part)", "segment0"] == "89.5 ± 0.5 ✓"
    assert styled.caption.endswith("(smoke profile)")
    spread = lreddpm.auc.seed_spread_table(summary, ["segment0"], profile="smoke")
    assert spread.data.loc["as built", "segment0"] == 0.5
    assert spread.data.loc["paper's ±", "segment0"] == 0.571  # Table 3's Original ±
    verdicts = lreddpm.auc.probe_verdicts(summary)
    styled = lreddpm.auc.probe_verdict_table(verdicts, profile="smoke")
    assert styled.data["explains"].tolist() == [False, False, True]
    assert styled.caption.endswith("(smoke profile)")


def test_probe_findings_quote_the_probe_and_tables_5_and_14(probe):
    summary = lreddpm.auc.summarise_probe(probe)
    found = lreddpm.auc.probe_findings(probe, summary, lreddpm.auc.probe_verdicts(summary))
    assert found["probe_scope"] == "1 datasets, 2 splits"
    assert found["explaining"] == "min-max (each part)"
    assert (found["paper_recall"], found["paper_accuracy"]) == ("80.4", "96.2")
    assert found["segment0_minority_test"] == "66"
    assert found["paper_misses"] == "13"   # 66 x (1 - 0.804) = 12.9
    assert found["our_misses"] == "16.5"   # 66 x (1 - 0.75)
    assert found["minmax_shift"] == "0.25"  # |97.25 - 97.0|
    assert found["lowest_recall"] == "75.0" and found["leak_recall"] == "85.0"
    assert found["leak_auc"] == "segment0 89.5 ± 0.5 (paper 89.6)"
    assert found["leak_f1"].startswith("segment0 84.0 (paper ")
    with pytest.raises(ValueError, match="probe_protocol"):
        lreddpm.auc.probe_findings(probe.drop(columns="Recall"), summary,
                               lreddpm.auc.probe_verdicts(summary))


# --- Chapter 07: which G-mean the paper prints, Table 14, the F1 claims --------------------


def test_gmean_evidence_applies_both_bounds_to_the_papers_rows():
    evidence = lreddpm.f1_gmean.gmean_evidence()
    row = evidence.loc[("DDPM-region", "abalone17")]
    # G 58.887 exceeds sqrt(F1) = sqrt(0.33956) = 58.27: impossible as sqrt(P x R);
    # it is below the AUC 66.965: possible as sqrt(TPR x TNR)
    assert not row["possible as sqrt(P x R)"] and row["possible as sqrt(TPR x TNR)"]
    assert row["|G - AUC|"] == pytest.approx(66.965 - 58.887)
    hand = pd.DataFrame({"|G - AUC|": [1.0, 3.0], "|G - F1|": [10.0, 20.0],
                         "possible as sqrt(P x R)": [True, False],
                         "possible as sqrt(TPR x TNR)": [True, True]})
    assert lreddpm.f1_gmean.gmean_evidence_line(hand) == (
        "2 rows of Tables 7, 10, 11 print AUC, F1 and G-mean together; median |G - AUC| "
        "= 2.00, median |G - F1| = 15.00; impossible for sqrt(P x R): 1; impossible for "
        "sqrt(TPR x TNR): 0")
    styled = lreddpm.f1_gmean.gmean_evidence_table(evidence)
    assert styled.caption.startswith("The paper's own G-means") and ">58.887<" in \
        styled.to_html()


def test_parkin_test_set_and_the_rebuilt_gmeans():
    test_set = lreddpm.f1_gmean.parkin_test_set()
    # Table 1: 152 test rows, IR 2.94; the recall 84.211 % is 32 of 38
    assert (test_set.rows, test_set.minority, test_set.majority) == (152, 38, 114)
    assert {"ADASYN", "LReDDPM", "Original"} <= test_set.deterministic
    assert "TVAE" not in test_set.deterministic
    rebuilt = lreddpm.f1_gmean.rebuilt_gmeans(test_set)
    row = rebuilt.loc[("LR", "ADASYN")]
    # TP = 32, TN = 0.77632 x 152 - 32 = 86, TNR = 86 / 114: sqrt(32/38 x 86/114)
    assert row["sqrt(TPR x TNR)"] == pytest.approx(100 * np.sqrt(32 / 38 * 86 / 114),
                                                   abs=1e-3)
    assert row["one deterministic fit"] and abs(row["error, TPR x TNR"]) < 1e-3
    # precision = 32 / (32 + 114 - 86) = 32 / 60
    assert row["sqrt(P x R)"] == pytest.approx(100 * np.sqrt(32 / 38 * 32 / 60), abs=1e-3)
    hand = lreddpm._f1_gmean_tables.ParkinTestSet(10, 4.2, 4, (0.5, 0.75), frozenset({"A"}))
    assert hand.describe() == (
        "parkin test set: 10 rows, about 4.2 minority by Table 1's ratio; 4 makes the "
        "recall of every deterministic logistic-regression row a whole number of rows: "
        "2.000, 3.000")
    assert "rebuilt" in lreddpm.f1_gmean.rebuilt_gmean_table(rebuilt).caption


def test_gmean_closeness_and_ranks_on_hand_worked_scores():
    ours = pd.DataFrame([
        {"method": "A", "dataset": "d", "metric": m, "mean": v}
        for m, v in (("AUC_DT", 80.0), ("F1_DT", 60.0), ("G-mean_DT", 61.0),
                     ("G-mean-TPR-TNR_DT", 79.0))])
    assert lreddpm.f1_gmean.gmean_closeness(ours) == (
        "ours, 1 cells: median |sqrt(PR) - F1| = 1.00, median |sqrt(PR) - AUC| = 19.00; "
        "median |sqrt(TPR TNR) - AUC| = 1.00, median |sqrt(TPR TNR) - F1| = 19.00")
    assert lreddpm.f1_gmean.gmean_closeness(ours.iloc[:0]) == "no decision-tree scores of ours"
    from imbdiff.experiments import Results

    results = Results([
        _result(d, m, 0, scores=[("DT", "G-mean", g), ("DT", "G-mean-TPR-TNR", g)])
        for d, m, g in (("d1", "A", 90.0), ("d1", "B", 80.0), ("d2", "A", 70.0),
                        ("d2", "B", 70.0))])
    lines = lreddpm.f1_gmean.gmean_rank_lines(results, ["A", "B"]).splitlines()
    # d1: A 1, B 2; d2: tie, both 1.5: A 1.25, B 1.75
    assert lines[0] == ("* **sqrt(P x R)**: average rank over 2 datasets (1 = highest "
                        "G-mean): A 1.25, B 1.75.")
    assert len(lines) == 2
    assert lreddpm.f1_gmean.gmean_rank_lines(Results([]), ["A"]) == "no G-means to rank"


def _segment0(values):
    return pd.DataFrame([{"method": m, "dataset": "segment0", "metric": k, "mean": v}
                         for m, scores in values.items() for k, v in scores.items()])


@pytest.fixture
def segment0_ours():
    return _segment0({
        "Original": {"Recall_DT": 90.0, "Accuracy_DT": 97.0, "F1_DT": 88.0},
        "CTGAN": {"Recall_DT": 89.0, "Accuracy_DT": 97.5, "F1_DT": 88.5},
        "LReDDPM": {"Recall_DT": 89.5, "Accuracy_DT": 96.9, "F1_DT": 89.0},
        "BorderlineSMOTE": {"Recall_DT": 89.8, "Accuracy_DT": 96.0, "F1_DT": 87.0},
    })


def test_table14_sets_segment0_beside_the_paper(segment0_ours):
    table = lreddpm._f1_gmean_tables.table14(segment0_ours)
    assert list(table.index) == list(lreddpm._f1_gmean_tables.TABLE14_METHODS)
    assert table.loc["Original", ("Recall", "paper")] == 80.4
    assert table.loc["Original", ("Recall", "diff")] == pytest.approx(90.0 - 80.4)
    assert lreddpm.f1_gmean.table14_table(segment0_ours, profile="smoke").caption == (
        "Table 14 (segment0, decision tree), % (paper | ours | diff = ours - paper) "
        "(smoke profile)")
    assert "segment0 is not in this run" in lreddpm.f1_gmean.table14_table(
        segment0_ours.iloc[:0]).caption


def test_segment0_checks_and_f1_gains_on_hand_worked_scores(segment0_ours):
    checks = lreddpm.f1_gmean.segment0_checks(segment0_ours)
    assert checks["paper"].tolist() == ["holds"] * 5  # the paper's own Tables 5 and 14
    # CTGAN: accuracy +0.5, recall -1: holds; LReDDPM: recall -0.5, F1 +1: holds;
    # BorderlineSMOTE: recall drop 0.2, the smallest: holds; accuracy drop 1.0, the
    # largest: holds; F1 87 below 88: holds
    assert checks["ours"].tolist() == ["holds"] * 5
    assert lreddpm.f1_gmean.segment0_checks(segment0_ours.iloc[:0])["ours"].tolist() == ["not run"] * 5
    gains = lreddpm.f1_gmean.segment0_f1_gains(segment0_ours, ["CTGAN", "LReDDPM"]).splitlines()
    assert gains[0] == "segment0, F1 minus Original's, ours:  CTGAN +0.500, LReDDPM +1.000"
    # the paper: CTGAN 85.633, LReDDPM 85.737, Original 85.578
    assert gains[1] == "segment0, F1 minus Original's, paper: CTGAN +0.055, LReDDPM +0.159"
    assert lreddpm.f1_gmean.segment0_f1_gains(segment0_ours.iloc[:0], []) == (
        "segment0 is not in this run")


def test_paper_segment0_f1_and_f1_leads_read_table_5():
    assert lreddpm.f1_gmean.paper_segment0_f1() == {
        "segment0_f1_width": "0.43", "segment0_f1_range": "85.307 to 85.737",
        "segment0_rise": "0.159", "segment0_original_sd": "0.211"}
    leads = lreddpm.f1_gmean.paper_f1_leads(
        ["ADASYN", "BorderlineSMOTE", "FinDiff", "TVAE", "CTGAN", "LReDDPM"])
    assert "on rice LReDDPM leads FinDiff by 0.026 points with ± 0.071" in leads


def test_f1_gmean_verdicts_check_the_gmean_claim_in_both_forms(monkeypatch):
    from imbdiff import claims

    seen = []

    def check(scores, chapters):
        seen.append(sorted(set(scores["metric"])))
        return pd.DataFrame({"key": ["f1", "gmean"], "where": ["4.2"] * 2,
                             "claim": ["F1", "G"], "verdict": ["inconclusive"] * 2})

    monkeypatch.setattr(claims, "check", check)
    per_split = pd.DataFrame({"metric": ["F1_DT", "G-mean_DT", "G-mean-TPR-TNR_DT"],
                              "mean": [1.0, 2.0, 3.0]})
    verdicts = lreddpm.f1_gmean.f1_gmean_verdicts(per_split)
    assert verdicts["key"].tolist() == ["f1", "gmean", "gmean"]
    assert verdicts["G-mean read as"].tolist() == ["", "sqrt(TPR x TNR)", "sqrt(P x R)"]
    # the second check reads the written form under the usual form's name
    assert seen == [["F1_DT", "G-mean-TPR-TNR_DT", "G-mean_DT"],
                    ["F1_DT", "G-mean-TPR-TNR_DT"]]


def test_f1_claim_and_gain_lines_on_a_hand_worked_table_5():
    from imbdiff.report import method_table

    rows = [("ADASYN", "crg", 40.0, 44.0), ("LReDDPM", "crg", 46.0, 50.0),
            ("Original", "crg", 40.0, 40.0), ("ADASYN", "rice", 90.0, 90.0),
            ("LReDDPM", "rice", 91.0, 88.0), ("Original", "rice", 90.0, 88.0)]
    paper = _long([(m, d, p, 0) for m, d, p, _ in rows], "F1_DT")
    ours = _long([(m, d, o, 0) for m, d, _, o in rows], "F1_DT")
    table5 = method_table(paper, ours, metric="F1_DT")
    verdicts = pd.DataFrame([{"where": "4.2", "claim": "G", "G-mean read as": "sqrt(P x R)",
                              "verdict": "inconclusive", "paper": "1 of 1", "ours": "0.5"}])
    lines = lreddpm.f1_gmean.f1_claim_lines(table5, verdicts, ["ADASYN", "LReDDPM"]).splitlines()
    assert lines[0] == ("* F1, ours: LReDDPM minus the best other generator crg +6.00, "
                        "rice -2.00; minus Original crg +10.00, rice +0.00.")
    assert lines[2] == ("* 4.2, G (sqrt(P x R)): **inconclusive** (paper 1 of 1, ours "
                        "0.5).")
    gains = lreddpm.f1_gmean.f1_gain_lines(table5).splitlines()
    # ours: crg 50 / 40 = +25 %, rice 88 / 88 = 0 %: crg (named) comes first
    assert gains[0] == ("* ours: LReDDPM's relative F1 gain over Original (%): crg +25.0, "
                        "rice +0.0; the named datasets here (crg) fill 1 of the top 1 "
                        "places, and 1 of them gain at all.")
    only_named = table5.drop(columns="rice", level=0)
    assert lreddpm.f1_gmean.f1_gain_lines(only_named).splitlines()[-1].startswith(
        "* Not testable in this run")
    styled = lreddpm.f1_gmean.f1_gmean_verdict_table(verdicts.assign(
        ci_low=np.nan, ci_high=np.nan, splits=2), profile="smoke")
    assert list(styled.data.columns) == lreddpm._f1_gmean_tables.F1_GMEAN_COLUMNS
    assert styled.caption.endswith("(smoke profile)")


# --- Chapter 05: Tables 16-18 and Table 2 --------------------------------------------------


@pytest.fixture
def distances():
    """Our JS, WD, MMD on segment0: ADASYN closest throughout, LReDDPM next."""
    values = {"ADASYN": 0.1, "LReDDPM": 0.2, "TVAE": 0.3}
    return pd.DataFrame([{"method": m, "dataset": "segment0", "metric": k,
                          "mean": v * scale}
                         for k, scale in (("JS", 1), ("WD", 2), ("MMD", 3))
                         for m, v in values.items()])


def test_distance_table_sets_ours_beside_table_16_and_bolds_the_closest(distances):
    styled = lreddpm.distances.distance_table(distances, "JS", ["segment0"],
                                    ["ADASYN", "LReDDPM", "TVAE"], profile="smoke")
    table = styled.data
    assert table.loc["LReDDPM", ("segment0", "paper")] == 0.02067
    assert table.loc["ADASYN", ("segment0", "diff")] == pytest.approx(0.1 - 0.02813)
    # paper: LReDDPM 0.02067 is the closest; ours: ADASYN 0.1
    assert _bold_cells(styled) == {(1, 0), (0, 1)}
    assert styled.caption.startswith("Table 16: JS") and ">0.1000<" in styled.to_html()
    with pytest.raises(ValueError, match="metric"):
        lreddpm.distances.distance_table(distances, "KL", ["segment0"], ["ADASYN"])


def test_closest_lines_count_where_each_side_puts_lreddpm_closest(distances):
    text = lreddpm.distances.closest_lines(distances, ["segment0"], ["ADASYN", "LReDDPM", "TVAE"])
    lines = text.splitlines()
    # the paper's Table 16 on segment0 among these three: LReDDPM 0.02067 is closest
    assert lines[0] == ("* **JS**: LReDDPM's rows are the closest of the six on 0 of 1 "
                        "datasets in ours and on 1 of 1 in the paper; our closest method "
                        "per dataset: segment0 ADASYN.")
    assert "print the very same value on 1 of its ten datasets (spectfheart)" in lines[3]
    assert lreddpm.distances.closest_lines(distances, [], ["ADASYN"]) == "no dataset produced distances"


def test_mmd_scale_lines_and_diagnostics_table(distances):
    assert lreddpm.distances.mmd_scale_lines(distances) == (
        "largest MMD values printed in Table 18: ADASYN on parkin: 1339.67; CTGAN on parkin: "
        "1246.28; FinDiff on parkin: 1127.85\nlargest RBF MMD^2 of ours: 0.900 (the bound is "
        "2)")
    diagnostics = pd.DataFrame({"median ours / paper": [12345.6]}, index=["JS, ours"])
    styled = lreddpm.distances.reading_diagnostics_table(diagnostics, profile="smoke")
    assert ">1.23e+04<" in styled.to_html() and styled.caption.endswith("(smoke profile)")


def test_printed_table2_and_its_recomputation_from_tables_16_to_18():
    printed = lreddpm.distances.printed_table2(["LReDDPM", "TVAE"])
    assert printed.loc["LReDDPM"].tolist() == [2.3, 3.05, 3.1]
    assert list(printed.columns) == ["JS", "WD", "MMD"]
    # the paper's Table 2 is the average rank over its Tables 16-18: our reading
    full = lreddpm.distances.printed_table2(
        ["ADASYN", "BorderlineSMOTE", "FinDiff", "TVAE", "CTGAN", "LReDDPM"])
    assert lreddpm.distances.table2_gap(full) < 5e-4
    texts = lreddpm.distances.printed_rank_texts(pd.DataFrame(
        {"JS": [2.3, 2.3], "WD": [3.0, 2.5], "MMD": [4.0, 1.0]}, index=["LReDDPM", "TVAE"]))
    assert texts == {"printed_ranks": "JS: LReDDPM 2.30, best LReDDPM / TVAE 2.30; WD: "
                                      "LReDDPM 3.00, best TVAE 2.50; MMD: LReDDPM 4.00, "
                                      "best TVAE 1.00",
                     "printed_meets": "1"}


@pytest.fixture
def ranks():
    columns = pd.MultiIndex.from_product([["JS", "WD", "MMD"], ["paper", "ours", "diff"]],
                                         names=["distance", ""])
    return pd.DataFrame([[1.0, 2.0, 1.0] * 3, [2.0, 1.0, -1.0] * 3], index=["LReDDPM", "A"],
                        columns=columns)


def test_rank_table_and_figure_and_claim_lines(ranks):
    styled = lreddpm.distances.rank_table(ranks, profile="smoke")
    # lowest rank per column: paper LReDDPM, ours A
    assert {(0, 0), (1, 1)} <= _bold_cells(styled)
    assert styled.caption.startswith("Table 2: average rank")
    empty = lreddpm.distances.rank_table(pd.DataFrame(index=["A"]), profile="smoke")
    assert empty.caption.startswith("Table 2: fewer than two datasets")
    printed = pd.DataFrame({"JS": [2.0, 3.0], "WD": [2.0, 3.0], "MMD": [2.0, 3.0]},
                           index=["LReDDPM", "A"])
    fig = lreddpm.distances.distance_rank_figure(printed, ranks, profile="smoke")
    assert len(fig.axes) == 3 and "(smoke profile)" in fig._suptitle.get_text()
    verdicts = pd.DataFrame([{"verdict": "inconclusive", "paper": "1 of 1", "ours": "0.00"}])
    lines = lreddpm.distances.distance_claim_lines(ranks, verdicts).splitlines()
    assert lines[0].startswith("* **JS**: LReDDPM's average rank is 2.00 in ours")
    assert lines[-1] == "* Verdict: **inconclusive** (paper: 1 of 1; ours: 0.00)."
    assert lreddpm.distances.distance_claim_lines(ranks.drop(columns="WD", level=0), verdicts) == (
        "not enough datasets to rank")
    assert lreddpm.distances.reference_ranks(ranks.drop(columns="MMD", level=0)) == (
        "JS 1.00, WD 1.00, MMD n/a", "JS 2.00, WD 2.00, MMD n/a")


# --- Chapter 08: t-SNE ---------------------------------------------------------------------


def test_tsne_options_follow_the_profile_unless_given():
    from imbdiff import profiles

    smoke = lreddpm.tsne.tsne_options(profiles.get("smoke"), random_state=3)
    assert smoke == {"majority": 150, "minority": 100, "generated": 40, "max_iter": 300,
                     "perplexity": 30.0, "random_state": 3}
    chosen = lreddpm.tsne.tsne_options("default", minority=50, perplexity=5.0)
    assert (chosen["majority"], chosen["minority"], chosen["max_iter"]) == (800, 50, 500)
    with pytest.raises(ValueError, match="positive integers"):
        lreddpm.tsne.tsne_options("default", generated=2.5)


def test_figure_datasets_split_the_run_between_figures_4_and_6():
    run = ["segment0", "crg", "yeast3"]
    assert lreddpm.tsne.figure_datasets(run, ["yeast3", "crg", "parkin"]) == (
        ["crg", "yeast3"], ["segment0"])
    assert lreddpm.tsne.figure_datasets(run, "crg, segment0") == (["segment0", "crg"], ["yeast3"])


@pytest.fixture
def measures():
    real = lreddpm._tsne.REAL_MINORITY
    return pd.DataFrame([
        {"dataset": "d1", "method": real, "rows": 10, "near (%)": 90.0, "far (rel.)": 1.0,
         "unseen (%)": np.nan},
        {"dataset": "d1", "method": "A", "rows": 5, "near (%)": 80.0, "far (rel.)": 2.0,
         "unseen (%)": 0.0},
        {"dataset": "d2", "method": real, "rows": 20, "near (%)": 70.0, "far (rel.)": 1.0,
         "unseen (%)": np.nan},
        {"dataset": "d2", "method": "A", "rows": 5, "near (%)": 60.0, "far (rel.)": 4.0,
         "unseen (%)": 10.0},
    ])


def test_tsne_tables_format_shares_and_distances(measures):
    styled = lreddpm.tsne.tsne_measures_table(measures, profile="smoke")
    html = styled.to_html()
    assert ">80.0<" in html and ">2.00<" in html and ">10<" in html and ">–<" in html
    assert styled.caption.endswith("(smoke profile)")
    averages = lreddpm._tsne_tables.tsne_averages(measures, ["A"])
    assert list(averages.index) == ["A", lreddpm._tsne.REAL_MINORITY]
    assert averages.loc["A"].tolist() == [70.0, 3.0, 5.0]
    assert averages.loc[lreddpm._tsne.REAL_MINORITY, "near (%)"] == 80.0
    table = lreddpm.tsne.tsne_averages_table(measures, ["A"], profile="smoke")
    assert table.caption == "Averages over the 2 dataset(s) measured (smoke profile)"


def test_tsne_statements_table_and_lines():
    statements = pd.DataFrame([{"statement": "S", "rule": "R", "ours": "1 of 2",
                                "stated": 1.0, "verdict": "inconclusive", "evidence": "e"}])
    styled = lreddpm.tsne.tsne_statements_table(statements, profile="smoke")
    assert ">1.0<" in styled.to_html() and styled.caption.endswith("(smoke profile)")
    assert lreddpm.tsne.tsne_statement_lines(statements) == (
        "* S: **inconclusive** (1 of 2 datasets).")
    with pytest.raises(ValueError, match="verdict"):
        lreddpm.tsne.tsne_statement_lines(statements.drop(columns="verdict"))


def test_tsne_figure_names_the_profile_in_its_title():
    from imbdiff import report

    data = {"y": np.array([0, 0, 1, 1]), "types": np.array(["safe"] * 4),
            "guiding": np.array([False, False, True, True]), "region": "safe"}
    owners = np.array(["real"] * 4 + ["A"] * 2)
    layout = (np.arange(4), owners, np.random.default_rng(0).normal(size=(6, 2)))
    fig = report.tsne_figure({"d": data}, {"d": layout}, ["d"], ["A"], profile="smoke")
    assert fig._suptitle.get_text().endswith("(smoke profile)")
    assert report.tsne_figure({"d": data}, {"d": layout}, ["d"], ["A"])._suptitle is None
