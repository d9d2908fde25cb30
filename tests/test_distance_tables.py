"""Chapter 05's tables (imbdiff.lreddpm): synthcity's JS recipe, the readings' agreement
with the paper, the paired ranks and their statements, on hand-worked numbers."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import jensenshannon

from imbdiff import lreddpm


def _long(rows):
    return pd.DataFrame(rows, columns=["method", "dataset", "metric", "mean"])


def test_synthcity_js_of_identical_rows_is_zero_and_smoothing_shrinks_the_distance():
    real = pd.DataFrame({"x": [0.0, 0.0, 1.0, 1.0]})
    assert lreddpm.distances.synthcity_js(real, real.copy()) == pytest.approx(0.0)
    # two bins over [0, 1]; generated rows all in the upper one
    generated = pd.DataFrame({"x": [1.0, 1.0]})
    p, q = np.array([0.5, 0.5]), np.array([0.0, 1.0])
    expected = jensenshannon(p + 1, q + 1)
    assert lreddpm.distances.synthcity_js(real, generated) == pytest.approx(expected)
    assert expected < jensenshannon(p, q)


def test_synthcity_js_puts_out_of_range_rows_in_an_extra_bin_and_reads_categories():
    real = pd.DataFrame({"c": pd.Categorical(["a", "b", "a", "b"])})
    same = pd.DataFrame({"c": ["b", "a"]})
    assert lreddpm.distances.synthcity_js(real, same) == pytest.approx(0.0)
    numeric = pd.DataFrame({"x": [0.0, 1.0]})
    outside = lreddpm.distances.synthcity_js(numeric, pd.DataFrame({"x": [5.0, 5.0]}))
    p, q = np.array([0.5, 0.5, 0.0]), np.array([0.0, 0.0, 1.0])
    assert outside == pytest.approx(jensenshannon(p + 1, q + 1))
    with pytest.raises(ValueError, match="lack the columns"):
        lreddpm.distances.synthcity_js(numeric, pd.DataFrame({"y": [1.0]}))


def test_reading_agreement_of_a_scaled_copy_has_constant_ratio_and_same_order():
    theirs = pd.DataFrame({"A": [1.0, 2.0], "B": [2.0, 4.0]}, index=["d1", "d2"])
    mine = theirs * 10
    got = lreddpm._distances.reading_agreement(mine, theirs)
    assert got["median ours / paper"] == got["smallest ratio"] == got["largest ratio"] == 10
    assert got["order like the paper (Spearman)"] == pytest.approx(1.0)
    reversed_order = lreddpm._distances.reading_agreement(mine[["B", "A"]].set_axis(["A", "B"], axis=1),
                                              theirs)
    assert reversed_order["order like the paper (Spearman)"] == pytest.approx(-1.0)
    tied = theirs.assign(B=theirs["A"])  # the paper ties every method: no order to compare
    assert np.isnan(lreddpm._distances.reading_agreement(mine, tied)["order like the paper (Spearman)"])
    with pytest.raises(ValueError, match="shape"):
        lreddpm._distances.reading_agreement(mine, theirs.iloc[:1])


def _ranked():
    ours = _long([("A", "d1", "JS", 1.0), ("B", "d1", "JS", 2.0),
                  ("A", "d2", "JS", 3.0), ("B", "d2", "JS", 1.0),
                  ("A", "d3", "JS", 1.0)])  # d3 lacks B: not ranked
    published = {"JS": _long([("A", "d1", "JS", 2.0), ("B", "d1", "JS", 1.0),
                              ("A", "d2", "JS", 2.0), ("B", "d2", "JS", 1.0),
                              ("A", "d3", "JS", 9.0), ("B", "d3", "JS", 1.0)])}
    return ours, published


def test_paired_ranks_rank_both_on_the_datasets_ours_complete():
    ours, published = _ranked()
    ranks, ranked_on = lreddpm.distances.paired_ranks(ours, published, ["JS"], methods=["A", "B"],
                                           datasets=["d1", "d2", "d3"])
    assert ranked_on == {"JS": ["d1", "d2"]}
    assert ranks[("JS", "ours")].tolist() == [1.5, 1.5]
    assert ranks[("JS", "paper")].tolist() == [2.0, 1.0]
    assert ranks[("JS", "diff")].tolist() == [-0.5, 0.5]
    lines = lreddpm._distances.rank_statements(ranks, ["JS"], reference="A")
    assert lines == [
        "* **JS**: A's average rank is 1.50 in ours (place 1 of 2; best A, B at 1.50) "
        "against 2.00 in the paper on the same datasets (place 2 of 2; best B at 1.00)."
    ]
    with pytest.raises(ValueError, match="'WD'"):
        lreddpm._distances.rank_statements(ranks, ["WD"], reference="A")


def test_paired_ranks_leave_out_a_metric_with_one_dataset_and_rank_dots_draws_it():
    ours, published = _ranked()
    ranks, ranked_on = lreddpm.distances.paired_ranks(ours, published, ["JS"], methods=["A", "B"],
                                           datasets=["d1", "d3"])
    assert ranked_on == {"JS": ["d1"]} and ranks.shape == (2, 0)
    printed = pd.DataFrame({"JS": [1.2, 1.8]}, index=["A", "B"])
    fig = lreddpm._distances.rank_dots(printed, ranks, ["JS"], ["A", "B"])
    assert len(fig.axes) == 1 and len(fig.axes[0].collections) == 1  # printed ranks only
    full, _ = lreddpm.distances.paired_ranks(ours, published, ["JS"], methods=["A", "B"],
                                  datasets=["d1", "d2"])
    assert len(lreddpm._distances.rank_dots(printed, full, ["JS"], ["A", "B"]).axes[0].collections) == 3


def test_reading_diagnostics_compare_ours_and_each_reading_with_the_paper():
    ours, published = _ranked()
    published = {m: published["JS"].assign(metric=m) for m in ("JS", "WD", "MMD")}
    ours = pd.concat([ours.assign(metric=m) for m in ("JS", "WD", "MMD")])
    readings = pd.DataFrame({"method": ["A", "B"], "dataset": ["d1", "d1"],
                             "JS, synthcity recipe": [4.0, 2.0]})
    got = lreddpm.distances.reading_diagnostics(ours, readings, published, methods=["A", "B"],
                                     datasets=["d1"])
    assert list(got.index) == ["JS, ours (imbdiff)", "WD, ours (imbdiff)",
                               "MMD, ours (RBF, imbdiff)", "JS, synthcity recipe"]
    assert got.loc["JS, synthcity recipe", "median ours / paper"] == 2.0
    assert got.loc["JS, synthcity recipe", "order like the paper (Spearman)"] == pytest.approx(1)
    assert got.loc["JS, ours (imbdiff)", "order like the paper (Spearman)"] == pytest.approx(-1)
