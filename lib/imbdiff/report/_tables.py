"""Tables that set the paper's numbers beside ours, and the styles that mark the best."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..experiments._results import wide

__all__ = [
    "best_per_column",
    "best_per_row",
    "method_table",
    "side_by_side",
    "spread_table",
    "wide",
]


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


def method_table(paper: pd.DataFrame, ours: pd.DataFrame, *, metric: str, methods=None) -> pd.DataFrame:
    """Return methods as rows and ``(dataset, paper | ours | diff)`` as columns.

    The layout of the paper's Tables 3-11 and 16-18 (methods down, datasets across),
    with our value and the difference beside each published one.

    Parameters
    ----------
    paper, ours : DataFrame
        Long format with columns ``method, dataset, metric, mean``.
    metric : str
        The metric to show (for example ``"AUC_DT"``).
    methods : list of str, optional
        Rows, in order; by default the paper's methods in its order, then any
        method only we ran.

    Returns
    -------
    DataFrame
        ``diff = ours - paper``; missing values (a dataset we could not run, a
        method the paper did not print) stay NaN.
    """
    paper = paper[paper["metric"] == metric]
    ours = ours[ours["metric"] == metric]
    if methods is None:
        methods = list(dict.fromkeys(list(paper["method"]) + list(ours["method"])))
    datasets = list(dict.fromkeys(list(paper["dataset"]) + list(ours["dataset"])))
    wide = {
        source: frame.pivot_table(index="method", columns="dataset", values="mean", aggfunc="first")
        .reindex(index=methods, columns=datasets)
        .astype(float)
        for source, frame in (("paper", paper), ("ours", ours))
    }
    columns = {}
    for dataset in datasets:
        columns[(dataset, "paper")] = wide["paper"][dataset]
        columns[(dataset, "ours")] = wide["ours"][dataset]
        columns[(dataset, "diff")] = wide["ours"][dataset] - wide["paper"][dataset]
    table = pd.DataFrame(columns, index=pd.Index(methods, name="method"))
    table.columns = pd.MultiIndex.from_tuples(table.columns, names=["dataset", ""])
    return table


def spread_table(paper: pd.DataFrame, ours: pd.DataFrame, *, metric: str, methods=None):
    """The paper's ± beside ours: :func:`method_table` of the ``std`` columns.

    Parameters
    ----------
    paper, ours : DataFrame
        Long format with ``method, dataset, metric, std`` (the paper's ± and, for
        ours, the standard deviation over the splits).
    metric : str
    methods : list of str, optional
        Rows in this order.

    Returns
    -------
    DataFrame
        Methods down, ``(dataset, "paper" | "ours")`` across (no difference column:
        the two spreads are over different things and are not subtracted).
    """
    table = method_table(paper.assign(mean=paper["std"]), ours.assign(mean=ours["std"]),
                         metric=metric, methods=methods)
    return table.drop(columns=[c for c in table.columns if c[1] == "diff"])


def best_per_column(table: pd.DataFrame, *, lower_is_better=False, digits=3, exclude=("Original",)):
    """Style ``table`` with the best value of each ``paper`` and ``ours`` column in bold.

    As the paper bolds the best method per dataset; the ``diff`` columns are not
    ranked. Rows named in ``exclude`` (the unresampled baseline, which the paper's
    "best method" claims leave out) are shown but never marked.

    Parameters
    ----------
    table : DataFrame
        From :func:`method_table` (or any table with ``(*, "paper" | "ours")`` columns).
    lower_is_better : bool, default=False
        True for distances.
    digits : int, default=3
        Decimals shown, as the paper prints them.
    exclude : tuple of str
        Row labels never marked as best.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    def bold_best(column):
        if column.name[-1] not in ("paper", "ours"):
            return [""] * len(column)
        ranked = column.drop([r for r in exclude if r in column.index], errors="ignore")
        best = ranked.min() if lower_is_better else ranked.max()
        return [
            "font-weight: bold" if (label not in exclude and value == best) else ""
            for label, value in column.items()
        ]

    return table.style.apply(bold_best, axis=0).format(f"{{:.{digits}f}}", na_rep="n/a")


def best_per_row(table: pd.DataFrame, *, among=None, digits=2, tolerance=1e-9):
    """Style ``table`` (datasets down, methods or settings across) with each row's best in bold.

    For the tables that have no paper column to set ours beside (ISODF-ENN's
    numbers were lost from its text); ties within ``tolerance`` are all bold.

    Parameters
    ----------
    table : DataFrame
        Higher is better; NaN is shown as "n/a" and never bold.
    among : list of str, optional
        The columns that compete (default: all); the others are shown unmarked.
    digits : int, default=2
        Decimals shown.
    tolerance : float, default=1e-9
        Values this close to the row's best count as best.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    competing = list(table.columns) if among is None else list(among)

    def bold_best(row):
        best = row[competing].max()
        return [
            "font-weight: bold" if label in competing and value >= best - tolerance else ""
            for label, value in row.items()
        ]

    return table.style.apply(bold_best, axis=1).format(f"{{:.{digits}f}}", na_rep="n/a")
