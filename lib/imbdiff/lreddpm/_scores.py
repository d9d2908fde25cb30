"""Chapters 06 and 07: Tables 3-5 beside ours, our scores minus the paper's, the
paper's statements checked on both, and which G-mean the paper prints."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import finished, method_table, spread_table, titled
from ._grids import LREDDPM_METHODS

#: Tables 3-5: number -> (our metric, caption of the means, caption of the spreads).
SCORE_TABLES = {
    3: ("AUC_DT",
        "Table 3: AUC (%) of the decision tree (paper: mean over the tree seeds | ours: "
        "mean over the splits | diff = ours - paper); bold: best of the six generators",
        "Table 3, the ±: standard deviation of the decision tree's AUC (paper: over tree "
        "seeds | ours: over splits)"),
    4: ("AUC_LR",
        "Table 4: AUC (%) of logistic regression (paper | ours: mean over the splits | "
        "diff = ours - paper); bold: best of the six generators",
        "Table 4, the ±: the paper's spread beside ours (over the splits)"),
    5: ("F1_DT",
        "Table 5: F1-score (%) of the decision tree (paper: mean over the tree seeds | "
        "ours: mean over the splits | diff = ours - paper); bold: best of the six "
        "generators",
        "Table 5, the ±: standard deviation of the F1-score (paper: over tree seeds | "
        "ours: over splits)"),
}


def _score_parts(number, datasets):
    """The metric, the captions and the paper's rows of Table ``number`` on ``datasets``."""
    from .. import paper

    if number not in SCORE_TABLES:
        raise ValueError(f"no score table {number!r}; known: {sorted(SCORE_TABLES)}")
    published = paper.table("lreddpm", number)
    return SCORE_TABLES[number], published[published["dataset"].isin(list(datasets))]


def score_comparison(ours: pd.DataFrame, number: int, datasets) -> pd.DataFrame:
    """Table 3, 4 or 5 with our value and the difference beside each published one.

    Parameters
    ----------
    ours : DataFrame
        Long scores (``method, dataset, metric, mean``), as
        :meth:`imbdiff.experiments.Results.paper_format` gives them.
    number : {3, 4, 5}
        The paper's table (:data:`SCORE_TABLES`).
    datasets : list of str
        The paper's datasets to show.

    Returns
    -------
    DataFrame
        :func:`imbdiff.report.method_table`: the seven methods down,
        ``(dataset, "paper" | "ours" | "diff")`` across.
    """
    (metric, _, _), published = _score_parts(number, datasets)
    return method_table(published, ours, metric=metric, methods=list(LREDDPM_METHODS))


def score_table(ours: pd.DataFrame, number: int, datasets, *, profile=None):
    """:func:`score_comparison` as the chapter shows it: three decimals, captioned, the
    best of the six generators per column in bold (paper and ours apart; Original is
    shown, never marked, as the paper's bold leaves it out).

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    (_, caption, _), _ = _score_parts(number, datasets)
    return finished(score_comparison(ours, number, datasets), caption, profile=profile,
                    digits=3, best="column", exclude=("Original",), tolerance=0.0)


def score_spread_table(ours: pd.DataFrame, number: int, datasets, *, profile=None):
    """The ± of Table 3, 4 or 5 beside ours (:func:`imbdiff.report.spread_table`).

    Parameters
    ----------
    ours : DataFrame
        Long scores with ``std``, the standard deviation over the splits.
    number : {3, 4, 5}
    datasets : list of str
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        Methods down, ``(dataset, "paper" | "ours")`` across, three decimals.
    """
    (metric, _, caption), published = _score_parts(number, datasets)
    table = spread_table(published, ours, metric=metric, methods=list(LREDDPM_METHODS))
    return finished(table, caption, profile=profile, digits=3)


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


def difference_heatmaps(panels: dict, *, label="ours - paper", profile=None):
    """One annotated heat map per panel of differences, on one symmetric colour scale.

    Parameters
    ----------
    panels : dict of str to DataFrame
        Title -> differences (rows and columns as drawn); NaN cells stay blank.
    label : str
        The colour bar's label.
    profile : Profile or str, optional
        The profile of our values, named in the figure's title.

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
    if profile is not None:
        titled(fig, "Ours minus the paper's", profile, y=1.02)
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
        f"* **{title}**: ours - paper has {_difference_words(d, 'points')}. "
        f"Within a dataset the {rows} rows span a median {spread_ours:.2f} points in "
        f"ours and {spread_paper:.2f} in the paper."
    )


def _difference_words(d: pd.Series, unit: str) -> str:
    """Level and extremes of the differences ``d`` (indexed by method and dataset)."""
    return (f"median {d.median():+.2f} {unit}, mean |diff| {d.abs().mean():.2f}, "
            f"from {d.min():+.2f} ({' / '.join(d.idxmin())}) to {d.max():+.2f} "
            f"({' / '.join(d.idxmax())})")


def difference_line(table: pd.DataFrame, *, unit="points") -> str:
    """One line on a method table's ours - paper: its median, mean size and extremes.

    Parameters
    ----------
    table : DataFrame
        A :func:`score_comparison`.
    unit : str
        The differences' unit in the text (``"F1 points"``).

    Returns
    -------
    str
        ``"ours - paper: median ..., mean |diff| ..., from ... to ..."``; says so when
        no dataset has our values.
    """
    d = paper_differences(table).stack()
    if d.empty:
        return "ours - paper: no dataset of ours to compare"
    return f"ours - paper: {_difference_words(d, unit)}"


def difference_statements(tables: dict) -> str:
    """:func:`difference_statement` of each method table, as Markdown lines.

    Parameters
    ----------
    tables : dict of str to DataFrame
        Title -> :func:`score_comparison`.

    Returns
    -------
    str
        One line per table with a difference; "no results to compare" without any.
    """
    lines = [difference_statement(title, table) for title, table in tables.items()]
    return "\n".join(line for line in lines if line) or "no results to compare"


# --- Chapters 06 and 07: the paper's statements, on its numbers and on ours ---------------


def statement_checks(statements: dict, sources: dict, *, header: str, ours_ok: bool,
                     not_testable: str) -> pd.DataFrame:
    """Each statement's test on the paper's numbers and on ours.

    Parameters
    ----------
    statements : dict of str to callable
        Statement -> test; the test takes a source's arguments and returns a bool.
    sources : dict
        ``"paper"`` and ``"ours"`` -> the tuple of arguments of each test.
    header : str
        The statements' column (names where the paper makes them).
    ours_ok : bool
        False when our run cannot test them (the dataset is not in it).
    not_testable : str
        What the ``ours`` column says then.

    Returns
    -------
    DataFrame
        ``header, paper, ours`` with ``holds`` or ``does not hold``.
    """
    missing = {"paper", "ours"} - set(sources)
    if missing:
        raise ValueError(f"sources lack {sorted(missing)}")
    word = {True: "holds", False: "does not hold"}
    return pd.DataFrame([
        {header: text,
         "paper": word[bool(test(*sources["paper"]))],
         "ours": word[bool(test(*sources["ours"]))] if ours_ok else not_testable}
        for text, test in statements.items()
    ])


def holding_share(checks: pd.DataFrame, side="paper") -> str:
    """``"k of n"``: how many of :func:`statement_checks`' statements hold on ``side``."""
    return f"{int((checks[side] == 'holds').sum())} of {len(checks)}"


def statements_table(checks: pd.DataFrame, *, profile=None):
    """:func:`statement_checks` as the chapter shows it: left-aligned text, captioned."""
    styler = finished(checks, "The paper's statements, each tested on its own numbers and "
                              "on ours", profile=profile, hide_index=True)
    return styler.set_properties(**{"text-align": "left"})


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


#: Figure 3's panels: title -> our metric, the paper's written G-mean and the usual one.
GMEAN_FORMS = {
    r"$\sqrt{\mathrm{precision}\times\mathrm{recall}}$ (Section 4.1's formula)": "G-mean_DT",
    r"$\sqrt{\mathrm{TPR}\times\mathrm{TNR}}$ (what the paper's values are)":
        "G-mean-TPR-TNR_DT",
}


def gmean_bars(results, forms: dict, methods, *, profile=None):
    """Figure 3: one panel of bars per G-mean form, datasets along, one bar per method.

    Parameters
    ----------
    results : imbdiff.experiments.Results
        Read by ``results.wide(metric, methods=..., value=...)``: the mean over the
        splits, the standard deviation as error bar.
    forms : dict of str to str
        Panel title -> our metric (:data:`GMEAN_FORMS`).
    methods : list of str
        Bars, in order; ``"Original"`` is hatched.
    profile : Profile or str, optional
        The profile of ``results``, named in the figure's title.

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
    if profile is not None:
        titled(fig, "Figure 3 redrawn: the decision tree's G-mean", profile)
    fig.tight_layout(rect=(0, 0.09, 1, 1))
    return fig
