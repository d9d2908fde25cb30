"""Tables that set the paper's numbers beside ours, and the styles that mark the best."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..experiments._results import wide

__all__ = [
    "finished",
    "profile_note",
    "method_table",
    "side_by_side",
    "spread_table",
    "wide",
    "with_caption",
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


def profile_note(profile) -> str:
    """The words a caption ends with to say which profile computed a table.

    ``profile`` is a :class:`~imbdiff.profiles.Profile` or its name; None (a table
    no profile changes, such as the paper's own numbers) gives "".
    """
    if profile is None:
        return ""
    name = getattr(profile, "name", profile)
    return f"{name} profile"


def with_caption(styler, caption: str, profile=None):
    """``styler`` captioned with ``caption`` and, after it, the profile that computed it."""
    note = profile_note(profile)
    return styler.set_caption(f"{caption} ({note})" if note else caption)


def _best_marks(frame, per, lower_is_better, among, exclude, tolerance):
    """CSS per cell: bold where a value is its row's (or column's) best."""
    marks = pd.DataFrame("", index=frame.index, columns=frame.columns)
    values = frame.apply(pd.to_numeric, errors="coerce")
    if per == "column":
        values = values.T
        marks = marks.T
    competing = [label for label in (among if among is not None else values.columns)
                 if label not in exclude and label in values.columns]
    for label, line in values.iterrows():
        ranked = line[competing].dropna()
        if ranked.empty:
            continue
        best = ranked.min() if lower_is_better else ranked.max()
        close = (ranked - best).abs() <= tolerance
        marks.loc[label, close[close].index] = "font-weight: bold"
    return marks.T if per == "column" else marks


def finished(table: pd.DataFrame, caption: str, *, profile=None, digits=None, formats=None,
             best=None, lower_is_better=False, among=None, exclude=(), tolerance=1e-9,
             na_rep="n/a", hide_index=False):
    """A table as a chapter shows it: formatted, its best values marked, captioned with
    what it shows and the profile that computed it.

    The one place where the book's tables get their style: the paper packages' table
    functions return it, so that a chapter's cell is one call.

    Parameters
    ----------
    table : DataFrame
    caption : str
        What the table shows; ``profile`` is named after it.
    profile : Profile or str, optional
        Which profile's cells the table holds (None: a table no profile changes).
    digits : int, optional
        Decimals of every numeric value (default: pandas' own display).
    formats : dict, optional
        Column -> format string or callable, over ``digits``.
    best : {None, "row", "column"}
        Bold each row's (or column's) best value. ``"column"`` on a table whose last
        column level holds ``"paper" | "ours" | "diff"`` (:func:`method_table`) ranks
        only the ``paper`` and ``ours`` columns, as the paper bolds its best method.
    lower_is_better : bool, default=False
        True for distances and ranks.
    among : list, optional
        The labels that compete (columns for ``best="row"``, rows for
        ``best="column"``; default all).
    exclude : tuple
        Labels shown but never marked (the unresampled ``"Original"`` baseline).
    tolerance : float, default=1e-9
        Values this close to the best are marked too (ties).
    na_rep : str, default="n/a"
    hide_index : bool, default=False

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    if best not in (None, "row", "column"):
        raise ValueError(f"best must be None, 'row' or 'column'; got {best!r}")
    styler = table.style
    if best is not None:
        ranked = table
        if best == "column" and isinstance(table.columns, pd.MultiIndex):
            kept = [c for c in table.columns if c[-1] not in ("diff",)]
            if any(c[-1] in ("paper", "ours") for c in table.columns):
                kept = [c for c in table.columns if c[-1] in ("paper", "ours")]
            ranked = table[kept]
        marks = _best_marks(ranked, best, lower_is_better, among, set(exclude), tolerance)
        styler = styler.apply(lambda _: marks.reindex(index=table.index, columns=table.columns,
                                                      fill_value=""), axis=None)
    if digits is not None:
        styler = styler.format(f"{{:.{digits}f}}", na_rep=na_rep,
                               subset=table.select_dtypes("number").columns)
    if formats:  # only the named columns: the others keep ``digits``
        styler = styler.format(formats, na_rep=na_rep, subset=list(formats))
    if digits is None and not formats:
        styler = styler.format(na_rep=na_rep)
    if hide_index:
        styler = styler.hide(axis="index")
    return with_caption(styler, caption, profile)
