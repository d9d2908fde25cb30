"""Tables that put the paper's numbers beside ours."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["side_by_side"]

def side_by_side(paper: pd.DataFrame, ours: pd.DataFrame, *, metrics=None) -> pd.DataFrame:
    """Return one row per dataset with ``paper | ours | difference`` for each metric.

    Parameters
    ----------
    paper : DataFrame
        Long format with columns ``dataset, metric, mean`` (as :func:`imbdiff.paper.table`
        returns it).
    ours : DataFrame
        Long format with columns ``dataset, metric, mean``; datasets we could not run are
        simply absent and show as missing.
    metrics : list of str, optional
        Metrics to show, in order; by default the paper's, in its order.

    Returns
    -------
    DataFrame
        Index: the paper's datasets in its order; columns: a two-level index
        ``(metric, "paper" | "ours" | "diff")`` with ``diff = ours - paper``.
    """
    metrics = list(metrics) if metrics is not None else list(dict.fromkeys(paper["metric"]))
    datasets = list(dict.fromkeys(paper["dataset"]))
    wide = {
        source: frame.pivot_table(index="dataset", columns="metric", values="mean", aggfunc="first")
        .reindex(index=datasets, columns=metrics)
        .astype(float)
        for source, frame in (("paper", paper), ("ours", ours))
    }
    columns = {}
    for metric in metrics:
        columns[(metric, "paper")] = wide["paper"][metric]
        columns[(metric, "ours")] = wide["ours"][metric]
        columns[(metric, "diff")] = wide["ours"][metric] - wide["paper"][metric]
    table = pd.DataFrame(columns, index=pd.Index(datasets, name="dataset"))
    table.columns = pd.MultiIndex.from_tuples(table.columns, names=["metric", ""])
    return table.replace([np.inf, -np.inf], np.nan)
