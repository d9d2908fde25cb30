"""Chapters 04, 12 and 13's tables and figures (imbdiff.lreddpm): the region types of
the generated rows, their projection, the gain by region size; on hand-built numbers."""

import matplotlib

matplotlib.use("Agg")

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from imbdiff import lreddpm
from imbdiff.regions import REGION_NAMES


def _shares(rows):
    return pd.DataFrame(rows, columns=["generator", "dataset", "method", "mean"])


def test_region_colours_follow_the_region_names():
    assert tuple(lreddpm._common.REGION_COLOURS) == tuple(REGION_NAMES)


def test_type_share_tables_type_the_real_rows_and_average_each_generator():
    from imbdiff import experiments
    from imbdiff.experiments import Experiment, Holdout
    from imbdiff.regions import region_types

    cell = Experiment(dataset="yeast3", method="LReDDPM", split=Holdout(seed=0))
    results = SimpleNamespace(get=lambda dataset, method: SimpleNamespace(experiment=cell))
    shares = _shares([("LReDDPM", "yeast3", "safe", 0.8), ("LReDDPM", "yeast3", "safe", 0.6),
                      ("LReDDPM", "yeast3", "border", 0.3), ("SMOTE", "yeast3", "rare", 1.0),
                      ("SMOTE", "rice", "safe", 1.0)])
    table = lreddpm.synthetic_types.type_share_tables(results, shares, ["yeast3"], ["LReDDPM", "SMOTE", "TVAE"])
    table = table["yeast3"]
    assert list(table.index) == ["guiding rows (real)", "all minority rows (real)",
                                 "LReDDPM", "SMOTE"]
    assert list(table.columns) == list(REGION_NAMES)
    assert table.loc["guiding rows (real)"].tolist() == [1.0, 0.0, 0.0, 0.0]  # safe-guided
    X, y, _, _, nominal = lreddpm.training_split(cell)
    types = region_types(X, y, categorical_features=nominal)[y == 1]
    assert table.loc["all minority rows (real)", "border"] == pytest.approx(
        np.mean(types == "border"))
    assert table.loc["LReDDPM", "safe"] == pytest.approx(0.7)  # mean of the two splits
    assert table.loc["LReDDPM", "border"] == pytest.approx(0.3)
    assert np.isnan(table.loc["LReDDPM", "rare"]) and table.loc["SMOTE", "rare"] == 1.0


def _type_tables():
    safe = pd.DataFrame([[1, 0, 0, 0], [0.5, 0.5, 0, 0], [0.2, 0.8, 0, 0]],
                        index=["guiding rows (real)", "all minority rows (real)", "LReDDPM"],
                        columns=list(REGION_NAMES), dtype=float)
    return {"yeast3": safe, "crg": safe.drop("LReDDPM")}


def test_type_bars_stack_one_bar_per_type_and_mark_a_failed_dataset():
    fig = lreddpm.synthetic_types.type_bars(_type_tables(), ["yeast3", "crg"])
    ax = fig.axes[0]
    assert len(ax.patches) == 4  # the four types of yeast3; crg has no LReDDPM rows
    assert [p.get_height() for p in ax.patches] == [0.2, 0.8, 0, 0]
    assert [p.get_y() for p in ax.patches] == [0, 0.2, 1.0, 1.0]
    assert ax.patches[0].get_linewidth() == 1.4  # yeast3 is guided by safe: outlined
    assert [t.get_text() for t in ax.texts] == ["failed"]


def test_type_panels_draw_one_panel_per_dataset_and_hide_the_spare_ones():
    fig = lreddpm.synthetic_types.type_panels(_type_tables(), ["yeast3", "crg"], columns=3)
    visible = [ax for ax in fig.axes if ax.axison]
    assert len(fig.axes) == 2 and len(visible) == 2
    assert len(visible[0].patches) == 3 * 4 and len(visible[1].patches) == 2 * 4
    assert visible[1].get_title() == "crg (guided by border)"
    fig = lreddpm.synthetic_types.type_panels(_type_tables(), ["yeast3", "crg"], columns=1)
    assert len(fig.axes) == 2 and fig.axes[0].get_subplotspec().get_geometry()[:2] == (2, 1)


def test_modal_type_misses_name_the_modal_type_and_flag_a_tie():
    shares = pd.DataFrame({"safe": [90.0, 50.0, 60.0], "border": [10.0, 50.0, 40.0],
                           "rare": 0.0, "outlier": 0.0}, index=["yeast3", "crg", "spectfheart"])
    # yeast3 (safe-guided) keeps its type; crg (border) ties safe; spectfheart misses
    assert lreddpm._synthetic_type_tables.modal_type_misses(shares, shares.index) == [
        "crg: safe 50.0 %, guiding type border 50.0 % (a tie, which imbdiff.claims "
        "breaks in the order safe, border, rare, outlier)",
        "spectfheart: safe 60.0 %, guiding type border 40.0 %",
    ]
    assert lreddpm._synthetic_type_tables.modal_type_misses(shares, ["yeast3"]) == []


def test_projection_panels_draw_the_training_rows_by_type_under_each_generated_set():
    train = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    y = np.array([0, 1, 1, 1])
    types = np.array(["safe", "safe", "border", "outlier"])
    new = {"guided": np.array([[5.0, 5.0]]), "unguided": np.array([[6.0, 6.0], [7, 7]])}
    fig = lreddpm.guided_sampling.projection_panels(train, y, types, new)
    assert [ax.get_title() for ax in fig.axes] == ["guided", "unguided"]
    offsets = [c.get_offsets() for c in fig.axes[1].collections]
    # majority, then safe, border, rare (none), outlier, then the generated rows
    assert [len(o) for o in offsets] == [1, 1, 1, 0, 1, 2]
    assert offsets[-1].tolist() == [[6.0, 6.0], [7.0, 7.0]]
    with pytest.raises(ValueError, match="differ in length"):
        lreddpm.guided_sampling.projection_panels(train, y[:3], types, new)


def test_gain_by_region_size_places_each_dataset_at_its_size_and_gain():
    sizes = pd.DataFrame({"guiding rows": [0.0, 40.0, np.nan],
                          "AUC_DT: DDPM-region - LReDDPM": [1.5, -2.0, 3.0],
                          "F1_DT: DDPM-region - LReDDPM": [0.5, 4.0, 1.0]},
                         index=["empty", "yeast3", "unknown"])
    fig = lreddpm.ddpm_region.gain_by_region_size(sizes)
    auc, f1 = fig.axes
    assert auc.collections[0].get_offsets().tolist() == [[1.0, 1.5], [40.0, -2.0]]
    assert f1.collections[0].get_offsets().tolist() == [[1.0, 0.5], [40.0, 4.0]]
    assert [t.get_text() for t in auc.texts] == ["empty", "yeast3"]  # no size: left out
    assert auc.get_xscale() == "log" and auc.get_xlim()[1] == pytest.approx(1000)
    with pytest.raises(ValueError, match="F1_DT"):
        lreddpm.ddpm_region.gain_by_region_size(sizes.drop(columns="F1_DT: DDPM-region - LReDDPM"))
