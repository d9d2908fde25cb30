"""Figures of the results: t-SNE panels, average-rank bars and grouped bars."""

from __future__ import annotations

import numpy as np
import pandas as pd


__all__ = ["REGION_COLOURS", "grouped_bars", "rank_bars", "titled", "tsne_figure"]

#: Colours of the minority region types in the t-SNE pictures.
REGION_COLOURS = {"safe": "#4c9a2a", "border": "#f2b134", "rare": "#e07b39", "outlier": "#b33040"}


def titled(fig, title: str, profile=None, **options):
    """``fig`` with ``title`` as its suptitle, followed by the profile that computed what
    it draws: the figures' counterpart of :func:`imbdiff.report.with_caption`.

    Parameters
    ----------
    fig : matplotlib Figure
    title : str
        What the figure shows.
    profile : Profile or str, optional
        Named after the title (:func:`imbdiff.report.profile_note`); None, a figure no
        profile changes, leaves the title as it is.
    **options
        Passed to ``Figure.suptitle`` (default ``fontsize=10``).

    Returns
    -------
    Figure
    """
    from ._tables import profile_note

    note = profile_note(profile)
    fig.suptitle(f"{title} ({note})" if note else title, **{"fontsize": 10, **options})
    return fig


def tsne_figure(prepared: dict, layouts: dict, names, methods, *, profile=None):
    """LReDDPM's Figures 4 and 6: one row of panels per dataset, one per method.

    Parameters
    ----------
    prepared : dict
        :func:`imbdiff.lreddpm.tsne.tsne_measures`' first value.
    layouts : dict
        Dataset -> :func:`imbdiff.lreddpm.tsne.tsne_layout` of that dataset.
    names : sequence of str
        Datasets to draw, in order; one without a layout gets a note instead.
    methods : sequence of str
        Generating methods, one panel each.
    profile : Profile or str, optional
        The profile whose rows are drawn, named in the figure's title.

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
    if profile is not None:
        titled(fig, "Real and generated rows, one joint t-SNE per dataset", profile)
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
