"""Tables that put the paper's numbers beside ours."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "FRONT_PAGE_CLAIMS",
    "VERDICT_COLOURS",
    "best_per_column",
    "best_per_row",
    "findings",
    "grouped_bars",
    "headlines",
    "method_table",
    "rank_bars",
    "readings_matrix",
    "readings_robustness",
    "side_by_side",
    "spread_table",
    "tally_table",
    "tsne_figure",
    "verdict_table",
    "wide",
]

#: Background of each verdict in the verdict tables.
VERDICT_COLOURS = {
    "reproduced": "#d4edda",
    "partly": "#fff3cd",
    "not reproduced": "#f8d7da",
    "inconclusive": "#e2e3e5",
    "not run": "#f4f4f4",
}


def wide(frame: pd.DataFrame, metric: str, *, methods=None, datasets=None, value="mean"):
    """One metric of a long score table as datasets down and methods across.

    Parameters
    ----------
    frame : DataFrame
        Long format with columns ``method, dataset, metric`` and ``value`` (as
        :func:`imbdiff.paper.table` and :meth:`imbdiff.experiments.Results.paper_format`
        return it).
    metric : str
        The metric to show (``"AUC_DT"``, ``"JS"``, ...).
    methods, datasets : sequence of str, optional
        Columns and rows, in this order; a name without a value shows as NaN. By
        default the methods and datasets present, in order of appearance.
    value : str
        The column of ``frame`` to spread (``"mean"``, ``"std"``, ``"splits"``).

    Returns
    -------
    DataFrame
        Index ``dataset``, one column per method; a (dataset, method) pair given
        several times (one row per split, say) shows the mean of its values.

    Raises
    ------
    ValueError
        If ``frame`` lacks a needed column.
    """
    missing = [c for c in ("method", "dataset", "metric", value) if c not in frame.columns]
    if missing:
        raise ValueError(f"frame lacks the columns {missing}")
    part = frame[frame["metric"] == metric]
    table = part.pivot_table(index="dataset", columns="method", values=value, aggfunc="mean",
                             dropna=False)
    rows = list(datasets) if datasets is not None else list(dict.fromkeys(part["dataset"]))
    columns = list(methods) if methods is not None else list(dict.fromkeys(part["method"]))
    table = table.reindex(index=rows, columns=columns).astype(float)
    table.columns.name = "method"
    table.index.name = "dataset"
    return table


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


def verdict_table(verdicts: pd.DataFrame, *, columns=None, link_prefix=None):
    """Style the claims table of :func:`imbdiff.claims.check` for a chapter or a scorecard.

    Adds an ``interval`` column (our share for count claims, our mean difference in
    points for pairwise ones, 95%), colours the verdict cell by
    :data:`VERDICT_COLOURS` and, with ``link_prefix``, links each chapter.

    Parameters
    ----------
    verdicts : DataFrame
        As :func:`imbdiff.claims.check` returns it.
    columns : list of str, optional
        Columns shown, in order; default ``where, claim, paper, ours, interval,
        splits, verdict, note`` (plus ``chapter`` when ``link_prefix`` is given).
    link_prefix : str, optional
        Prefix of the chapters' pages relative to the page showing the table (for
        example ``"../"`` from a page of ``book/lreddpm/``): the chapter
        ``isodf_enn/05_comparison`` links to ``../isodf_enn/05_comparison.html``.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    table = verdicts.copy()
    unknown = set(table["verdict"]) - set(VERDICT_COLOURS)
    if unknown:
        raise ValueError(f"unknown verdicts {sorted(unknown)}; known: {list(VERDICT_COLOURS)}")
    low, high = table["ci_low"].map("{:.2f}".format), table["ci_high"].map("{:.2f}".format)
    interval = "[" + low + ", " + high + "]"
    table["interval"] = interval.where(table["ci_low"].notna(), "n/a")
    if columns is None:
        columns = ["where", "claim", "paper", "ours", "interval", "splits", "verdict", "note"]
        if link_prefix is not None:
            columns.insert(0, "chapter")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"verdicts lack the columns {missing}")
    shown = table[list(columns)]
    styler = shown.style.hide(axis="index").set_properties(**{"text-align": "left"})
    if "verdict" in columns:
        styler = styler.map(lambda v: f"background-color: {VERDICT_COLOURS[v]}", subset=["verdict"])
    if link_prefix is not None and "chapter" in columns:
        styler = styler.format(
            lambda chapter: f'<a href="{link_prefix}{chapter}.html">{chapter}</a>',
            subset=["chapter"],
        )
    return styler


def _verdict_cell(row) -> str:
    if row["verdict"] == "not run" or pd.isna(row["estimate"]):
        return row["verdict"]
    return f"{row['verdict']} ({row['estimate']:.2f} [{row['ci_low']:.2f}, {row['ci_high']:.2f}])"


def readings_matrix(table: pd.DataFrame):
    """Claims x (reading, choice) grid of verdicts, coloured by verdict.

    Parameters
    ----------
    table : DataFrame
        :func:`imbdiff.experiments.verdicts_across_readings`'s output.

    Returns
    -------
    pandas Styler
        Rows: the claims; columns: (reading, choice), the book's choice first in
        each reading; cells: "verdict (estimate [low, high])".
    """
    cells = table.assign(cell=table.apply(_verdict_cell, axis=1))
    order = list(dict.fromkeys(zip(cells["reading"], cells["choice"])))
    grid = cells.pivot_table(index="claim", columns=["reading", "choice"], values="cell", aggfunc="first")
    grid = grid.reindex(columns=pd.MultiIndex.from_tuples(order), index=list(dict.fromkeys(cells["claim"])))

    def colour(value):
        verdict = str(value).split(" (")[0]
        return f"background-color: {VERDICT_COLOURS.get(verdict, '')}"

    return (
        grid.style.map(colour)
        .set_properties(**{"font-size": "0.85em"})
        .set_caption("Verdict of each headline claim under each choice (one reading changed at a time)")
    )


def readings_robustness(table: pd.DataFrame) -> pd.DataFrame:
    """For each claim: its verdict under the book's readings and what moves it.

    Returns
    -------
    DataFrame
        ``claim, book's verdict, robust`` (the same verdict under every choice) and
        ``moves under`` (the choices that change it, with the verdict they give).
    """
    rows = []
    for claim, group in table.groupby("claim", sort=False):
        book = group.loc[group["default"], "verdict"]
        verdict = book.iloc[0] if len(book) else "not run"
        moved = group[~group["default"] & (group["verdict"] != verdict)]
        rows.append(
            {
                "claim": claim,
                "book's verdict": verdict,
                "robust": moved.empty,
                "moves under": "; ".join(f"{r.reading} = {r.choice}: {r.verdict}" for r in moved.itertuples()),
            }
        )
    return pd.DataFrame(rows)


def tally_table(verdicts_by_paper: dict):
    """How many claims of each paper got each verdict.

    Parameters
    ----------
    verdicts_by_paper : dict
        Paper name -> :func:`imbdiff.claims.check`'s table.

    Returns
    -------
    pandas Styler
        One row per paper, one column per verdict (in :data:`imbdiff.claims.VERDICTS`
        order) plus the total, coloured like the verdict tables.
    """
    from .claims import VERDICTS, tally

    table = pd.DataFrame({paper: tally(verdicts) for paper, verdicts in verdicts_by_paper.items()}).T
    table = table.reindex(columns=list(VERDICTS), fill_value=0)
    table["claims"] = table.sum(axis=1)
    styles = {v: f"background-color: {VERDICT_COLOURS.get(v, '')}" for v in VERDICTS}
    return table.style.apply(lambda col: [styles.get(col.name, "")] * len(col), axis=0).set_caption(
        "Verdicts per paper: claims checked on this build's runs"
    )


def findings(verdicts_by_paper: dict, *, link_prefix=""):
    """The claims each paper's verdicts rest on, as a short Markdown list.

    Parameters
    ----------
    verdicts_by_paper : dict
        Paper name -> :func:`imbdiff.claims.check` (or :func:`~imbdiff.claims.recorded`)
        table.
    link_prefix : str
        Prefix of the chapter pages relative to the page showing the list.

    Returns
    -------
    IPython.display.Markdown
        Per paper and verdict (reproduced, not reproduced, inconclusive), the claims
        with a link to the chapter holding the evidence and our estimate.
    """
    from IPython.display import Markdown

    lines = []
    for paper, table in verdicts_by_paper.items():
        if table.empty:
            lines.append(f"* **{paper}**: no chapter has recorded a verdict yet in this build.")
            continue
        for verdict in ("reproduced", "not reproduced", "inconclusive"):
            rows = table[table["verdict"] == verdict]
            if rows.empty:
                continue
            items = "; ".join(
                f"[{row.claim}]({link_prefix}{row.chapter}.html) (ours: {row.ours})" for row in rows.itertuples()
            )
            lines.append(f"* **{paper}, {verdict}** ({len(rows)}): {items}")
    return Markdown("\n".join(lines))


#: The claims the front page leads with, per paper: each paper's main results (Tables
#: 3 and 5 of LReDDPM, Table 6 and Figs. 8-9 of ISODF-ENN).
FRONT_PAGE_CLAIMS = {
    "LReDDPM": ("auc-dt-best", "f1-best"),
    "ISODF-ENN": ("isodf-best-auc", "isodf-best-rank"),
}


def headlines(verdicts_by_paper: dict, *, keys=None, link_prefix=""):
    """The book's headline findings: a few named claims, their verdicts and evidence.

    Parameters
    ----------
    verdicts_by_paper : dict
        Paper name -> :func:`imbdiff.claims.recorded` (or :func:`~imbdiff.claims.check`)
        table.
    keys : dict, optional
        Paper name -> claim keys to report, in order; default :data:`FRONT_PAGE_CLAIMS`.
    link_prefix : str
        Prefix of the chapter pages relative to the page showing the list.

    Returns
    -------
    IPython.display.Markdown
        One numbered line per claim: the claim, the paper's value and ours, the
        verdict in bold, and a link to the chapter holding the evidence; a claim no
        chapter recorded in this build says so.
    """
    from IPython.display import Markdown

    keys = FRONT_PAGE_CLAIMS if keys is None else keys
    lines = []
    for paper, wanted in keys.items():
        table = verdicts_by_paper.get(paper, pd.DataFrame(columns=["key"]))
        for key in wanted:
            rows = table[table["key"] == key]
            if rows.empty:
                lines.append(f"1. **{paper}**: claim `{key}` has no verdict in this build.")
                continue
            row = rows.iloc[-1]
            lines.append(
                f"1. **{paper}**: {row['claim']}. Paper: {row['paper']}; ours: {row['ours']}: "
                f"**{row['verdict']}** ([evidence]({link_prefix}{row['chapter']}.html))."
            )
    return Markdown("\n".join(lines))


#: Colours of the minority region types in the t-SNE pictures.
REGION_COLOURS = {"safe": "#4c9a2a", "border": "#f2b134", "rare": "#e07b39", "outlier": "#b33040"}


def tsne_figure(prepared: dict, layouts: dict, names, methods):
    """LReDDPM's Figures 4 and 6: one row of panels per dataset, one per method.

    Parameters
    ----------
    prepared : dict
        :func:`imbdiff.experiments.tsne_measures`' first value.
    layouts : dict
        Dataset -> :func:`imbdiff.experiments.tsne_layout` of that dataset.
    names : sequence of str
        Datasets to draw, in order; one without a layout gets a note instead.
    methods : sequence of str
        Generating methods, one panel each.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    names, methods = list(names), list(methods)
    if not names:
        fig, ax = plt.subplots(figsize=(8, 0.8))
        ax.text(0.5, 0.5, "no dataset of this run belongs to this figure", ha="center",
                va="center", fontsize=9)
        ax.axis("off")
        return fig
    fig, axes = plt.subplots(len(names), len(methods),
                             figsize=(2.25 * len(methods), 2.3 * len(names)), squeeze=False)
    for axes_row, dataset in zip(axes, names):
        for ax in axes_row:
            ax.set_xticks([])
            ax.set_yticks([])
        if dataset not in layouts:
            _no_layout(axes_row, dataset)
            continue
        _draw_dataset(axes_row, prepared[dataset], layouts[dataset], methods,
                      title=dataset == names[0])
        region = prepared[dataset]["region"]
        axes_row[0].set_ylabel(f"{dataset}\n(guided by {region})", fontsize=8)
    fig.legend(handles=_tsne_legend(), loc="lower center", ncol=4, fontsize=8,
               bbox_to_anchor=(0.5, 0.0))
    plt.tight_layout(rect=(0, 0.6 / (2.3 * len(names)), 1, 1))
    return fig


def _no_layout(axes_row, dataset):
    middle = axes_row[len(axes_row) // 2]
    axes_row[0].set_ylabel(dataset, fontsize=8)
    why = "no rows: dataset unavailable or cells failed"
    note = middle.text(0, 0.5, f"{dataset}: {why}", ha="center", va="center", fontsize=9,
                       transform=middle.transAxes)
    note.set_in_layout(False)  # a long note must not squeeze the panels
    for ax in axes_row:
        ax.axis("off")


def _draw_dataset(axes_row, data, layout, methods, title):
    real, owners, xy = layout
    # Frame 99 % of the points; the few beyond it are drawn on its edge, not dropped.
    low, high = np.percentile(xy, 0.5, axis=0), np.percentile(xy, 99.5, axis=0)
    low, high = low - 0.08 * (high - low), high + 0.08 * (high - low)
    xy = np.clip(xy, low, high)
    real_xy = xy[owners == "real"]
    y, types, guiding = data["y"][real], data["types"][real], data["guiding"][real]
    for ax, method in zip(axes_row, methods):
        ax.scatter(*real_xy[y == 0].T, s=3, c="#b4b4b4", linewidths=0)
        for kind, colour in REGION_COLOURS.items():
            mask = (y == 1) & (types == kind) & ~guiding
            ax.scatter(*real_xy[mask].T, s=6, c=colour, linewidths=0)
        ax.scatter(*real_xy[guiding].T, s=12, c=REGION_COLOURS[data["region"]],
                   edgecolors="black", linewidths=0.4)
        ax.scatter(*xy[owners == method].T, s=9, marker="x", c="#1f3b99", linewidths=0.7,
                   alpha=0.85)
        ax.set_xlim(low[0], high[0])
        ax.set_ylim(low[1], high[1])
        if title:
            ax.set_title(method, fontsize=9)


def _tsne_legend():
    from matplotlib.lines import Line2D

    dot = dict(ls="", marker="o", ms=4)
    handles = [Line2D([], [], color="#b4b4b4", label="majority", **dot)]
    handles += [Line2D([], [], color=c, label=f"minority: {k}", **dot)
                for k, c in REGION_COLOURS.items()]
    handles += [
        Line2D([], [], ls="", marker="o", ms=5, color="white", markeredgecolor="black",
               label="guiding region (outlined)"),
        Line2D([], [], ls="", marker="x", ms=5, color="#1f3b99", label="generated"),
    ]
    return handles


def rank_bars(average_ranks: pd.Series, *, xlabel="average rank (1 = best)", highlight=None,
              muted=("Original",), ax=None):
    """Horizontal bars of average ranks, best at the top (ISODF-ENN's Figs. 8 and 9).

    Parameters
    ----------
    average_ranks : Series
        Method -> average rank (:func:`imbdiff.stats.average_ranks`).
    xlabel : str
    highlight : str, optional
        The method drawn in red (the paper's own).
    muted : sequence of str
        Methods drawn in grey (the unresampled training set).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
        With one bar per method, labelled by its value, in rank order from the top.
    """
    import matplotlib.pyplot as plt

    values = average_ranks.sort_values()[::-1]  # barh draws bottom-up: best last
    colours = ["#c0392b" if m == highlight else "#555555" if m in muted else "#7f9fbf"
               for m in values.index]
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 3.2))
    ax.barh(list(values.index), values.to_numpy(), color=colours)
    for y, value in enumerate(values.to_numpy()):
        ax.text(value + 0.05, y, f"{value:.2f}", va="center", fontsize=8)
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, len(values) + 0.5)
    return ax


def grouped_bars(table: pd.DataFrame, *, errors=None, colours=None, ylabel="", ax=None):
    """One group of bars per row of ``table`` (datasets), one bar per column (methods).

    Parameters
    ----------
    table : DataFrame
        Datasets down, methods across; NaN draws no bar.
    errors : DataFrame, optional
        Error bars, shaped like ``table``.
    colours : dict, optional
        Method -> colour; default matplotlib's cycle.
    ylabel : str
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
        The bars of method ``j`` at ``x = i + (j - (m - 1) / 2) * 0.8 / m`` for dataset
        ``i`` of ``m`` methods, labelled for a legend; the y range starts 10 points
        under the lowest bar (not below 0) and ends 5 above the highest (not above 100).
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(max(6, 1.2 * len(table) + 2), 3.4))
    methods = list(table.columns)
    width = 0.8 / max(len(methods), 1)
    positions = np.arange(len(table))
    for j, method in enumerate(methods):
        ax.bar(positions + (j - (len(methods) - 1) / 2) * width, table[method], width,
               yerr=None if errors is None else errors[method],
               color=None if colours is None else colours.get(method), label=method,
               capsize=2, error_kw={"lw": 0.8})
    ax.set_xticks(positions, table.index)
    values = table.to_numpy(dtype=float)
    if np.isfinite(values).any():
        ax.set_ylim(max(0, np.nanmin(values) - 10), min(100, np.nanmax(values) + 5))
    ax.set_ylabel(ylabel)
    return ax
