"""Chapters 07, 09 and 11's tables and figures (imbdiff.lreddpm): the paper's G-mean,
Figure 3, the gaps of each guidance to q(y|s), the tau rows' shift; on hand-built numbers."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from imbdiff import lreddpm


def _rebuilt(lr_usual, lr_pr):
    return pd.DataFrame({
        "one deterministic fit": [True, True, False],
        "error, TPR x TNR": [lr_usual, -0.001, 3.0],
        "error, P x R": [lr_pr, 2.0, -7.25],
    })


def _evidence():
    return pd.DataFrame({
        "possible as sqrt(P x R)": [False, False, True],
        "possible as sqrt(TPR x TNR)": [True, True, True],
        "|G - AUC|": [1.0, 2.0, 3.0],
        "|G - F1|": [10.0, 20.0, 30.0],
    })


def test_gmean_form_summary_names_the_form_with_the_smaller_error():
    text = lreddpm.f1_gmean.gmean_form_summary(_rebuilt(0.004, -12.5), _evidence())
    assert "off by at most 0.0040 points" in text and "up to 12.5 points" in text
    assert "at most 3.0 and 7.2 points" in text  # the means over runs, absolute
    assert "2 are impossible for sqrt(P x R)" in text and "3 of 3 lie" in text
    assert "median gap 2.00 points, against 20.00 to the F1" in text
    assert text.endswith("**The paper's G-means behave like sqrt(TPR x TNR)**, the usual "
                         "G-mean, not like the formula of its Section 4.1.")
    other = lreddpm.f1_gmean.gmean_form_summary(_rebuilt(15.0, 0.1), _evidence())
    assert other.endswith("like sqrt(P x R)**, the formula of its Section 4.1.")
    with pytest.raises(ValueError, match="error, P x R"):
        lreddpm.f1_gmean.gmean_form_summary(_rebuilt(0, 1).drop(columns="error, P x R"), _evidence())


class _Results:
    """Two datasets, two methods: mean and std tables as Results.wide gives them."""

    def wide(self, metric, methods=None, value="mean"):
        table = pd.DataFrame({"Original": [60.0, 70.0], "LReDDPM": [65.0, 80.0]},
                             index=["d1", "d2"])
        table = table if value == "mean" else table / 10
        return table if methods is None else table[methods]


def test_gmean_bars_draw_one_panel_per_form_and_hatch_original():
    forms = {"P x R": "G-mean_DT", "TPR x TNR": "G-mean-TPR-TNR_DT"}
    fig = lreddpm.f1_gmean.gmean_bars(_Results(), forms, ["Original", "LReDDPM"])
    top = fig.axes[0]
    assert len(fig.axes) == 2 and top.get_title() == "P x R"
    bars = top.patches
    assert [b.get_height() for b in bars] == [60.0, 70.0, 65.0, 80.0]
    assert bars[0].get_hatch() == "//" and bars[2].get_hatch() is None
    # two bars per dataset, centred on it
    assert bars[0].get_x() + bars[0].get_width() == pytest.approx(0.0)
    assert np.isclose(bars[2].get_x(), 0.0)


def _long(rows):
    return pd.DataFrame(rows, columns=["method", "dataset", "metric", "mean"])


def test_reference_gaps_and_beaten_count_on_hand_worked_scores():
    scores = _long([("LReDDPM", "d1", "AUC", 80.0), ("V", "d1", "AUC", 82.0),
                    ("LReDDPM", "d2", "AUC", 70.0), ("V", "d2", "AUC", 65.0)])
    gaps = lreddpm._guidance.reference_gaps(scores, ["AUC"], ["V"], datasets=["d1", "d2", "d3"])
    assert list(gaps.columns) == [("AUC", "V")]
    assert gaps[("AUC", "V")].tolist()[:2] == [2.0, -5.0] and np.isnan(gaps.iloc[2, 0])
    assert lreddpm._guidance.beaten_count(gaps) == (1, 2, -1.5)
    ours = gaps.copy()
    ours.loc["d2"] = np.nan  # ours lacks d2: the paper's d2 is not counted
    assert lreddpm._guidance.beaten_count(gaps, among=ours) == (1, 1, 2.0)
    beaten, total, mean = lreddpm._guidance.beaten_count(gaps.iloc[2:])
    assert (beaten, total) == (0, 0) and np.isnan(mean)


def test_gap_bars_hatch_the_papers_bars_and_refuse_other_datasets():
    gaps = pd.DataFrame({("AUC", "V"): [2.0, -5.0]}, index=["d1", "d2"])
    fig = lreddpm.guidance.gap_bars(gaps, gaps * 2, ["AUC"], ["V"], colours={"V": "red"})
    bars = fig.axes[0].patches
    assert [b.get_height() for b in bars] == [2.0, -5.0, 4.0, -10.0]
    assert bars[0].get_hatch() == "///" and bars[2].get_hatch() is None
    with pytest.raises(ValueError, match="same datasets"):
        lreddpm.guidance.gap_bars(gaps, gaps.iloc[:1], ["AUC"], ["V"])


def test_tau_shift_statement_nudges_only_under_half_the_unrelated_distance():
    columns = pd.MultiIndex.from_tuples([("a", "numeric (sd)"), ("b", "numeric (sd)"),
                                         ("unrelated rows", "numeric (sd)"),
                                         ("a", "nominal")])
    shift = pd.DataFrame([[0.1, 0.2, 1.0, 0.0], [0.3, 0.4, 1.0, 0.0]], index=["d1", "d2"],
                         columns=columns)
    text = lreddpm.tau.tau_shift_statement(shift, ["a", "b"])
    assert text.startswith("Changing tau moves a row by 0.10 to 0.40 standard deviations")
    assert "against 1.00 to 1.00 between two unrelated rows: the settings only nudge" in text
    shift.loc["d2", ("b", "numeric (sd)")] = 0.5  # half the unrelated distance: not a nudge
    assert "nearly as much as drawing other rows" in lreddpm.tau.tau_shift_statement(
        shift, ["a", "b"])
