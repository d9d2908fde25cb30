"""Chapters 09 and 11: each alternative guidance against q(y|s), and what the tau
settings change (Tables 8, 9 and 15).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


# --- Chapter 09 (guidance): each alternative guidance against q(y|s) -----------------------


def reference_gaps(scores, metrics, variants, *, datasets, reference="LReDDPM"):
    """Each variant's score minus the reference's, per dataset and metric.

    Parameters
    ----------
    scores : DataFrame
        Long (``method, dataset, metric, mean``), the paper's or ours.
    metrics, variants : sequence of str
    datasets : list of str
        Rows, in order; a missing value shows as NaN.
    reference : str, default="LReDDPM"

    Returns
    -------
    DataFrame
        Datasets down, columns ``(metric, variant)``.
    """
    from ..report import wide

    columns = {}
    for metric in metrics:
        table = wide(scores, metric, methods=[reference, *variants], datasets=datasets)
        for variant in variants:
            columns[(metric, variant)] = table[variant] - table[reference]
    return pd.DataFrame(columns)


def gap_bars(paper_gaps, our_gaps, metrics, variants, *, colours=None):
    """One panel per metric: each variant's gap to the reference, the paper's hatched.

    Parameters
    ----------
    paper_gaps, our_gaps : DataFrame
        From :func:`reference_gaps`, over the same datasets; a missing column draws no
        bars.
    metrics, variants : sequence of str
    colours : dict, optional
        Variant -> colour; default matplotlib's cycle.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if list(paper_gaps.index) != list(our_gaps.index):
        raise ValueError("the paper's and our gaps must cover the same datasets")
    colours = colours or dict(zip(variants, plt.get_cmap("tab10").colors))
    names = list(our_gaps.index)
    fig, axes = plt.subplots(1, len(metrics), figsize=(5 * len(metrics), 3.4),
                             squeeze=False)
    x, width = np.arange(len(names)), 0.2
    for ax, metric in zip(axes[0], metrics):
        for i, v in enumerate(variants):
            offset = (i - 0.5) * 2 * width
            if (metric, v) in paper_gaps:
                ax.bar(x + offset - width / 2, paper_gaps[(metric, v)].values, width,
                       color="white", edgecolor=colours[v], hatch="///",
                       label=f"{v}, paper")
            if (metric, v) in our_gaps:
                ax.bar(x + offset + width / 2, our_gaps[(metric, v)].values, width,
                       color=colours[v], label=f"{v}, ours")
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xticks(x, names, rotation=45, ha="right")
        ax.set_title(f"{metric}: alternative - q(y|s)")
        ax.set_ylabel("percentage points")
    axes[0][0].legend(fontsize=7)
    fig.tight_layout()
    return fig


def beaten_count(gaps, *, among=None):
    """How many gaps are above 0 (the alternative wins), of how many, and their mean.

    Parameters
    ----------
    gaps : DataFrame
        From :func:`reference_gaps`.
    among : DataFrame, optional
        Count only the cells where ``among`` (same shape of columns) has a value: the
        paper's gaps on the cells of ours.

    Returns
    -------
    tuple
        ``(beaten, total, mean)``; mean is NaN without a value.
    """
    if among is not None:
        gaps = gaps.reindex(columns=among.columns).where(among.notna())
    values = gaps.to_numpy(dtype=float)
    values = values[~np.isnan(values)]
    return int((values > 0).sum()), len(values), values.mean() if len(values) else np.nan


# --- Chapter 11 (tau): how far the settings move the rows, their markers, the trade -------


def row_shift(base: pd.DataFrame, rows: pd.DataFrame, *, numeric, nominal, scale):
    """How far row i of ``rows`` is from row i of ``base``, averaged over rows.

    Parameters
    ----------
    base, rows : DataFrame
        Two generated sets of the same length and columns, row i against row i.
    numeric, nominal : list of str
        The numeric and the nominal columns.
    scale : array-like of float
        One scale per numeric column (the minority class's standard deviation); a
        NaN scale leaves its column out.

    Returns
    -------
    tuple of float
        ``(numeric, nominal)``: the mean of ``|row - base| / scale`` over the numeric
        cells, and the percentage of nominal cells that differ; NaN without such
        columns.
    """
    if len(base) != len(rows):
        raise ValueError(f"row_shift pairs rows: {len(base)} rows against {len(rows)}")
    difference = rows[numeric].to_numpy(float) - base[numeric].to_numpy(float)
    numeric_shift = np.abs(difference) / np.asarray(scale, dtype=float)
    differ = rows[nominal].astype(str).to_numpy() != base[nominal].astype(str).to_numpy()
    return (
        np.nanmean(numeric_shift) if numeric_shift.size else np.nan,
        100 * differ.mean() if differ.size else np.nan,
    )


def tau_row_shifts(main, variants, datasets, *, settings, random_state=0):
    """Section 5.3: how far each tau setting moves LReDDPM's rows, beside unrelated rows.

    Row i of a setting is compared with row i of LReDDPM (same seed: same DDPM,
    classifier and noise), by :func:`row_shift` with the minority class's standard
    deviation of the training split as scale (a constant column carries none). The
    ``"unrelated rows"`` column pairs LReDDPM's rows with a shuffle of themselves
    (``random_state``), for scale. A setting without rows or with another number of
    rows is left out; a dataset whose LReDDPM cell failed is left out.

    Returns
    -------
    DataFrame
        Datasets down; columns ``(setting, "numeric (sd)" | "nominal (%)")``.
    """
    from ._analysis import training_split

    rows = {}
    for dataset in datasets:
        reference = main.get(dataset, "LReDDPM")
        if not reference.ok or reference.generated is None:
            continue
        X_train, y_train, _, _, nominal = training_split(reference.experiment)
        numeric = [c for c in X_train.columns if c not in nominal]
        scale = X_train.loc[y_train == 1, numeric].astype(float).std().to_numpy()
        scale[scale == 0] = np.nan
        base = reference.generated
        others = {s: variants.get(dataset, s) for s in settings}
        others = {
            s: r.generated for s, r in others.items()
            if r.ok and r.generated is not None and len(r.generated) == len(base)
        }
        shuffled = base.sample(frac=1, random_state=random_state)
        others["unrelated rows"] = shuffled.reset_index(drop=True)
        row = {}
        for label, generated in others.items():
            shift = row_shift(base, generated, numeric=numeric, nominal=nominal, scale=scale)
            row[(label, "numeric (sd)")], row[(label, "nominal (%)")] = shift
        rows[dataset] = row
    table = pd.DataFrame(rows).T
    if len(table):
        table.columns = pd.MultiIndex.from_tuples(table.columns)
    return table


def above_markers(scores: pd.DataFrame, setting, metric, *, reference="LReDDPM"):
    """Per dataset, ``"+"`` where ``setting`` scores above ``reference`` on ``metric``,
    ``"-"`` where not; datasets missing either value are left out."""
    from ..report import wide

    both = wide(scores, metric, methods=[setting, reference]).dropna()
    return (both[setting] > both[reference]).map({True: "+", False: "-"})


def tau_marker_table(printed, ours: pd.DataFrame, datasets, *, order):
    """Tables 8 and 9's printed markers beside the rule's markers on our numbers.

    Parameters
    ----------
    printed : dict
        ``(setting, metric) -> string`` of the printed markers, one character per
        dataset of ``order``.
    ours : DataFrame
        Our long score table.
    datasets : list of str
        The datasets shown (those run).
    order : list of str
        The datasets of the printed tables, in their order.

    Returns
    -------
    DataFrame
        One row per ``(setting, metric)``; columns ``(dataset, "paper" | "ours")``
        and ``("count of +", ...)``. A dataset the paper does not print reads
        ``""``, one of ours without a value ``"n/a"``.
    """
    rows = {}
    for (setting, metric), string in printed.items():
        if len(string) != len(order):
            raise ValueError(
                f"{len(string)} printed markers for {setting} {metric}, {len(order)} datasets"
            )
        paper_marks = dict(zip(order, string))
        ours_marks = above_markers(ours, setting, metric)
        row = {}
        for dataset in datasets:
            row[(dataset, "paper")] = paper_marks.get(dataset, "")
            row[(dataset, "ours")] = ours_marks.get(dataset, "n/a")
        for source in ("paper", "ours"):
            row[("count of +", source)] = sum(row[(d, source)] == "+" for d in datasets)
        rows[(setting, metric)] = row
    table = pd.DataFrame(rows).T
    table.columns = pd.MultiIndex.from_tuples(table.columns, names=["dataset", ""])
    return table


def trade_table(paper_table, ours, datasets, *, setting="tau=60", reference="LReDDPM"):
    """Table 15: recall and accuracy of ``setting`` and ``reference``, and the trade.

    The trade is "yes" when the setting's accuracy rises and its recall falls
    against the reference, "no" otherwise, ``""`` when a change is missing.

    Returns
    -------
    DataFrame
        Indexed by ``(dataset, in Table 15)``; columns ``(source, metric, setting |
        reference | "change")`` and ``(source, "trade", "")``.
    """
    from ..report import wide

    printed = set(paper_table["dataset"])
    rows = []
    for dataset in datasets:
        row = {"dataset": dataset, "in Table 15": dataset in printed}
        for source, frame in (("paper", paper_table), ("ours", ours)):
            for metric in ("Recall_DT", "Accuracy_DT"):
                table = wide(frame, metric)
                for method in (setting, reference):
                    present = dataset in table.index and method in table
                    row[(source, metric, method)] = (
                        table.loc[dataset, method] if present else np.nan
                    )
                row[(source, metric, "change")] = (
                    row[(source, metric, setting)] - row[(source, metric, reference)]
                )
            recall = row[(source, "Recall_DT", "change")]
            accuracy = row[(source, "Accuracy_DT", "change")]
            row[(source, "trade", "")] = (
                "" if np.isnan(recall) or np.isnan(accuracy)
                else "yes" if accuracy > 0 and recall < 0 else "no"
            )
        rows.append(row)
    table = pd.DataFrame(rows).set_index(["dataset", "in Table 15"])
    table.columns = pd.MultiIndex.from_tuples(table.columns)
    return table


def tau_shift_statement(shift: pd.DataFrame, settings) -> str:
    """How far the tau settings move a row, against two unrelated rows, in Markdown.

    Parameters
    ----------
    shift : DataFrame
        From :func:`tau_row_shifts`: columns ``(setting | "unrelated rows", "numeric
        (sd)")`` among others.
    settings : sequence of str
        The settings compared.

    Returns
    -------
    str
        "nudge" when every setting's largest move on every dataset is under half the
        distance between unrelated rows.
    """
    numeric = shift.xs("numeric (sd)", axis=1, level=1)
    moved, unrelated = numeric[list(settings)], numeric["unrelated rows"]
    nudged = (moved.max(axis=1) < 0.5 * unrelated).all()
    verdict = (
        "the settings only nudge the same rows, and any difference between their "
        "scores comes from these small moves (to which a decision tree's splits can "
        "be sensitive)."
        if nudged
        else "on some dataset the setting changes the rows nearly as much as "
        "drawing other rows would."
    )
    return (
        f"Changing tau moves a row by {moved.min(axis=None):.2f} to "
        f"{moved.max(axis=None):.2f} standard deviations per numeric column on "
        f"average, against {unrelated.min():.2f} to {unrelated.max():.2f} "
        f"between two unrelated rows: {verdict}"
    )
