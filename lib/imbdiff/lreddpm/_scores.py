"""Chapters 06 and 07: our scores minus the paper's, and which G-mean the paper prints."""

from __future__ import annotations

import numpy as np
import pandas as pd


# --- Chapter 06 (AUC): ours minus the paper's ---------------------------------------------


def paper_differences(table: pd.DataFrame) -> pd.DataFrame:
    """The ``diff`` columns (ours - paper) of a :func:`imbdiff.report.method_table`.

    Returns
    -------
    DataFrame
        Methods down, datasets across; a dataset without any of our values left out.
    """
    columns = table.columns
    if not isinstance(columns, pd.MultiIndex) or "diff" not in columns.get_level_values(1):
        raise ValueError("table has no (dataset, 'diff') columns: pass a method_table")
    return table.xs("diff", axis=1, level=1).dropna(axis=1, how="all")


def difference_heatmaps(panels: dict, *, label="ours - paper"):
    """One annotated heat map per panel of differences, on one symmetric colour scale.

    Parameters
    ----------
    panels : dict of str to DataFrame
        Title -> differences (rows and columns as drawn); NaN cells stay blank.
    label : str
        The colour bar's label.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    limit = max([np.nanmax(np.abs(d.to_numpy(dtype=float))) for d in panels.values()
                 if d.size] + [1.0])
    fig, axes = plt.subplots(1, len(panels), figsize=(5.5 * len(panels), 3.6), sharey=True,
                             squeeze=False)
    for ax, (title, d) in zip(axes[0], panels.items()):
        values = d.to_numpy(dtype=float)
        image = ax.imshow(values, cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
        ax.set_xticks(range(d.shape[1]), d.columns, rotation=45, ha="right")
        ax.set_yticks(range(d.shape[0]), d.index)
        for (i, j), value in np.ndenumerate(values):
            if np.isfinite(value):  # dark cells get white text
                ax.text(j, i, f"{value:+.1f}", ha="center", va="center", fontsize=7,
                        color="white" if abs(value) > 0.6 * limit else "black")
        ax.set_title(title)
    fig.colorbar(image, ax=list(axes[0]), label=label, shrink=0.9)
    return fig


def difference_statement(title: str, table: pd.DataFrame, *, rows="seven"):
    """One Markdown line on a method table's ours - paper: level, extremes, spread.

    Parameters
    ----------
    title : str
        What the table shows (``"decision tree"``).
    table : DataFrame
        A :func:`imbdiff.report.method_table` (``paper``, ``ours``, ``diff`` per dataset).
    rows : str
        How the methods' count reads in the text.

    Returns
    -------
    str or None
        None when the table has no difference.
    """
    d = paper_differences(table).stack()
    if d.empty:
        return None
    mine = table.xs("ours", axis=1, level=1).dropna(axis=1, how="all")
    theirs = table.xs("paper", axis=1, level=1)[mine.columns]
    spread_ours = (mine.max() - mine.min()).median()
    spread_paper = (theirs.max() - theirs.min()).median()
    return (
        f"* **{title}**: ours - paper has median {d.median():+.2f} points, mean "
        f"|diff| {d.abs().mean():.2f}, "
        f"from {d.min():+.2f} ({' / '.join(d.idxmin())}) to {d.max():+.2f} "
        f"({' / '.join(d.idxmax())}). "
        f"Within a dataset the {rows} rows span a median {spread_ours:.2f} points in "
        f"ours and {spread_paper:.2f} in the paper."
    )


# --- Chapter 07 (F1, G-mean): which G-mean the paper prints --------------------------------


def gmean_form_summary(rebuilt: pd.DataFrame, evidence: pd.DataFrame) -> str:
    """The chapter's reading of the paper's G-mean, in Markdown, from the two checks.

    Parameters
    ----------
    rebuilt : DataFrame
        Table 13 rebuilt: ``one deterministic fit`` (bool), ``error, TPR x TNR`` and
        ``error, P x R`` (rebuilt minus printed G-mean, points).
    evidence : DataFrame
        Tables 7, 10, 11's rows: ``possible as sqrt(P x R)``, ``possible as sqrt(TPR x
        TNR)`` (bool), ``|G - AUC|``, ``|G - F1|``.

    Returns
    -------
    str
        The form whose rebuilt values are nearer the printed ones on the deterministic
        rows (``sqrt(TPR x TNR)`` when its largest error is the smaller) is named in bold.
    """
    errors = ["error, TPR x TNR", "error, P x R"]
    missing = [c for c in errors + ["one deterministic fit"] if c not in rebuilt.columns]
    if missing:
        raise ValueError(f"rebuilt lacks the columns {missing}")
    worst = rebuilt.groupby("one deterministic fit")[errors].agg(lambda e: e.abs().max())
    lr, dt = worst.loc[True], worst.loc[False]
    usual = lr["error, TPR x TNR"] < lr["error, P x R"]
    form = "sqrt(TPR x TNR)" if usual else "sqrt(P x R)"
    impossible = int((~evidence["possible as sqrt(P x R)"]).sum())
    return (
        "For the deterministic logistic-regression rows the rebuilt sqrt(TPR x TNR) is "
        f"off by at most {lr['error, TPR x TNR']:.4f} points (the rounding of the "
        f"printed values) and sqrt(P x R) by up to {lr['error, P x R']:.1f} points; "
        "for the rows that are means over runs (the decision tree's, and TVAE's "
        "logistic regression) the errors are at most "
        f"{dt['error, TPR x TNR']:.1f} and {dt['error, P x R']:.1f} points. "
        f"Of the {len(evidence)} rows of Tables 7, 10 and 11, {impossible} are impossible "
        "for sqrt(P x R) (below the F1 or above sqrt(F1)), while "
        f"{int(evidence['possible as sqrt(TPR x TNR)'].sum())} of "
        f"{len(evidence)} lie at or below their AUC (median gap "
        f"{evidence['|G - AUC|'].median():.2f} points, against "
        f"{evidence['|G - F1|'].median():.2f} to the F1). "
        f"**The paper's G-means behave like {form}**, "
        + ("the usual G-mean, not like the formula of its Section 4.1." if usual
           else "the formula of its Section 4.1.")
    )


def gmean_bars(results, forms: dict, methods):
    """Figure 3: one panel of bars per G-mean form, datasets along, one bar per method.

    Parameters
    ----------
    results : imbdiff.experiments.Results
        Read by ``results.wide(metric, methods=..., value=...)``: the mean over the
        splits, the standard deviation as error bar.
    forms : dict of str to str
        Panel title -> our metric.
    methods : list of str
        Bars, in order; ``"Original"`` is hatched.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    colours = dict(zip(methods, plt.get_cmap("tab10").colors))
    n_datasets = max(len(results.wide(m)) for m in forms.values())
    fig, axes = plt.subplots(len(forms), 1, figsize=(max(6, 1.3 * n_datasets + 2), 6),
                             sharex=True, squeeze=False)
    axes = axes[:, 0]
    width = 0.8 / len(methods)
    for ax, (title, metric) in zip(axes, forms.items()):
        means = results.wide(metric, methods=methods)
        stds = results.wide(metric, methods=methods, value="std")
        x = np.arange(len(means))
        for k, method in enumerate(methods):
            ax.bar(x + (k - (len(methods) - 1) / 2) * width, means[method], width,
                   yerr=stds[method], color=colours[method], label=method,
                   hatch="//" if method == "Original" else None,
                   error_kw={"elinewidth": 0.6})
        ax.set(title=title, ylabel="G-mean (%)", ylim=(0, 105))
        ax.set_xticks(x, means.index)
        ax.grid(axis="y", alpha=0.3)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=4, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.09, 1, 1))
    return fig
