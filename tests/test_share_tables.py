"""Chapters 01, 02 and 06's tables and figures (imbdiff.lreddpm): Table 1's counts, the
minority rows' types beside Table 12, ours minus the paper's; on hand-worked numbers."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from imbdiff import lreddpm
from imbdiff.regions import REGION_NAMES


def _wide(rows, index):
    return pd.DataFrame(rows, index=index, columns=list(REGION_NAMES), dtype=float)


@pytest.fixture
def parkin_offline(monkeypatch):
    """``datasets.load`` refuses "parkin" as an offline dataset; returns the real loader."""
    from imbdiff import datasets as imbdatasets

    load = imbdatasets.load

    def offline(name):
        if name == "parkin":
            raise imbdatasets.DatasetUnavailable("parkin is offline\ndetails")
        return load(name)

    monkeypatch.setattr(imbdatasets, "load", offline)
    return load


def test_share_verdicts_apply_the_distance_and_dominant_type_rules():
    paper = _wide([[70, 20, 10, 0], [70, 20, 10, 0], [70, 20, 10, 0], [70, 20, 10, 0]],
                  ["close", "near", "same top", "far"])
    ours = _wide([[66, 24, 10, 0],     # TV 4: reproduced
                  [60, 30, 10, 0],     # TV 10: partly
                  [40, 30, 30, 0],     # TV 30, safe still dominant: partly
                  [10, 80, 10, 0]],    # TV 60, border dominant: not
                 paper.index)
    got = lreddpm.regions.share_verdicts(ours, paper, ["close", "near", "same top", "far", "gone"],
                                missing={"gone": "offline"})
    assert got["verdict"].tolist() == ["reproduced", "partly reproduced",
                                       "partly reproduced", "not reproduced",
                                       "not available"]
    assert got["TV distance (pp)"].tolist()[:4] == [4.0, 10.0, 30.0, 60.0]
    assert got.loc["far", "dominant: ours"] == "border"
    with pytest.raises(ValueError, match="close"):
        lreddpm.regions.share_verdicts(ours, paper, ["close"], close=20, partly=10)


def test_minority_type_shares_sum_to_100_per_split_and_report_a_missing_dataset(
        parkin_offline):
    from imbdiff import datasets as imbdatasets
    from imbdiff.regions import region_types

    shares, missing = lreddpm.regions.minority_type_shares(["yeast3", "parkin"], [0, 1], k=5)
    assert missing == {"parkin": "parkin is offline"}
    assert set(shares["dataset"]) == {"yeast3"} and sorted(set(shares["split_seed"])) == [0, 1]
    totals = shares.groupby("split_seed")["mean"].sum()
    assert totals.to_numpy() == pytest.approx([100.0, 100.0])
    data = parkin_offline("yeast3")
    X, _, y, _ = imbdatasets.holdout_split(data, test_size=0.2, seed=1)
    types = region_types(X, y, k=5)[np.asarray(y) == 1]
    first = shares.query("split_seed == 1 and metric == 'safe'").iloc[0]
    assert first["mean"] == pytest.approx(100 * np.mean(types == "safe"))
    assert first["minority_rows"] == int((np.asarray(y) == 1).sum())


def test_share_bars_pair_the_papers_hatched_bars_with_ours():
    paper = _wide([[70, 20, 10, 0]], ["yeast3"])
    ours = _wide([[60, 30, 5, 5]], ["yeast3"])
    ax = lreddpm.regions.share_bars(paper, ours).axes[0]
    assert len(ax.patches) == 8
    assert [p.get_height() for p in ax.patches] == [70, 20, 10, 0, 60, 30, 5, 5]
    assert ax.patches[0].get_hatch() == "//" and not ax.patches[4].get_hatch()
    with pytest.raises(ValueError, match="same datasets"):
        lreddpm.regions.share_bars(paper, ours.rename(index={"yeast3": "rice"}))


def _method_table():
    columns = pd.MultiIndex.from_product([["d1", "d2"], ["paper", "ours", "diff"]])
    table = pd.DataFrame([[80.0, 82.0, 2.0, 70.0, np.nan, np.nan],
                          [78.0, 77.0, -1.0, 71.0, np.nan, np.nan]],
                         index=["A", "B"], columns=columns)
    return table


def test_paper_differences_keep_the_datasets_with_our_values():
    diffs = lreddpm.auc.paper_differences(_method_table())
    assert list(diffs.columns) == ["d1"] and diffs["d1"].tolist() == [2.0, -1.0]
    with pytest.raises(ValueError, match="method_table"):
        lreddpm.auc.paper_differences(pd.DataFrame({"d1": [1.0]}))


def test_difference_statement_on_a_hand_worked_table():
    line = lreddpm._scores.difference_statement("decision tree", _method_table(), rows="two")
    assert line == (
        "* **decision tree**: ours - paper has median +0.50 points, mean |diff| 1.50, "
        "from -1.00 (B / d1) to +2.00 (A / d1). Within a dataset the two rows span a "
        "median 5.00 points in ours and 2.00 in the paper."
    )
    empty = _method_table().drop(columns="d1", level=0)
    assert lreddpm._scores.difference_statement("x", empty) is None


def test_difference_heatmaps_share_one_symmetric_scale_and_label_the_cells():
    panels = {"a": pd.DataFrame({"d1": [2.0, -1.0]}, index=["A", "B"]),
              "b": pd.DataFrame({"d1": [np.nan, 4.0]}, index=["A", "B"])}
    fig = lreddpm.auc.difference_heatmaps(panels, label="diff")
    heat = fig.axes[:2]
    assert [im.get_clim() for ax in heat for im in ax.images] == [(-4.0, 4.0)] * 2
    assert [t.get_text() for t in heat[0].texts] == ["+2.0", "-1.0"]
    assert [t.get_text() for t in heat[1].texts] == ["+4.0"]  # NaN stays blank
    assert heat[1].texts[0].get_color() == "white"


def test_dataset_counts_match_the_split_and_report_a_missing_dataset(parkin_offline):
    counts, loaded, missing = lreddpm.datasets.dataset_counts(["yeast3", "parkin"], seed=0)
    data = parkin_offline("yeast3")
    at = counts.set_index("metric")["mean"]
    assert missing == {"parkin": "parkin is offline"} and set(counts["dataset"]) == {"yeast3"}
    assert at["#Train"] + at["#Test"] == len(data.y) == loaded.loc["yeast3", "rows"]
    assert at["#Test"] == int(np.ceil(0.2 * len(data.y)))
    assert at["#Rimb"] == pytest.approx((len(data.y) - data.y.sum()) / data.y.sum(), rel=1e-2)
    assert loaded.loc["yeast3", "minority"] == int(data.y.sum())
