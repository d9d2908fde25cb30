import numpy as np
import pandas as pd

from imbdiff.report import side_by_side


def test_side_by_side_aligns_paper_order_and_computes_differences():
    paper = pd.DataFrame({
        "dataset": ["b", "b", "a", "a"],
        "metric": ["AUC", "F1", "AUC", "F1"],
        "mean": [80.0, 50.0, 70.0, 40.0],
    })
    ours = pd.DataFrame({"dataset": ["a", "b"], "metric": ["AUC", "AUC"], "mean": [72.5, 79.0]})
    table = side_by_side(paper, ours)
    assert list(table.index) == ["b", "a"]  # the paper's order, not ours
    assert list(table.columns) == [(m, s) for m in ("AUC", "F1") for s in ("paper", "ours", "diff")]
    assert table.loc["a", ("AUC", "diff")] == 2.5
    assert table.loc["b", ("AUC", "diff")] == -1.0
    # a metric we did not compute shows as missing, never as zero
    assert np.isnan(table.loc["a", ("F1", "ours")]) and np.isnan(table.loc["a", ("F1", "diff")])


def test_side_by_side_keeps_unavailable_datasets_as_missing_rows():
    paper = pd.DataFrame({"dataset": ["x", "parkin"], "metric": ["m", "m"], "mean": [1.0, 2.0]})
    ours = pd.DataFrame({"dataset": ["x"], "metric": ["m"], "mean": [1.5]})
    table = side_by_side(paper, ours, metrics=["m"])
    assert table.loc["parkin", ("m", "paper")] == 2.0
    assert table.loc["parkin", ("m", "ours")] != table.loc["parkin", ("m", "ours")]  # NaN
