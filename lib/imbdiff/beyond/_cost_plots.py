"""The cost chapter's slopes as printed text and its log-log scaling figures."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._cost_methods import COST_METHODS, _is_deep
from ._measure import OK
from ..experiments._methods import METHODS
from ..report import titled

__all__ = ["MEMORY_FLOOR_MB", "cost_table", "plot_scaling", "scaling_figure"]

#: Peak memory (MiB) below which :func:`plot_scaling` draws values at this floor.
MEMORY_FLOOR_MB = 0.1


def _legend(method, slopes, source, series):
    if slopes is None or (source, series, method) not in slopes.index:
        return method
    fitted = slopes.loc[(source, series, method)]
    if np.isnan(fitted["slope"]):
        return method
    if np.isnan(fitted["low"]):
        return f"{method} (slope {fitted['slope']:.2f})"
    return f"{method} (slope {fitted['slope']:.2f} [{fitted['low']:.2f}, {fitted['high']:.2f}])"


def cost_table(slopes: pd.DataFrame, *, digits=2) -> pd.DataFrame:
    """The slopes of :func:`scaling_slopes` as printed text, ``slope [low, high]``."""

    def text(row):
        if np.isnan(row["slope"]):
            return "n/a"
        if np.isnan(row["low"]):
            return f"{row['slope']:.{digits}f}"
        return f"{row['slope']:.{digits}f} [{row['low']:.{digits}f}, {row['high']:.{digits}f}]"

    order = list(dict.fromkeys(slopes.index.get_level_values("method")))  # as measured
    columns = list(dict.fromkeys(slopes.index.droplevel("method")))
    return slopes.apply(text, axis=1).unstack(["source", "series"]).reindex(
        index=order, columns=columns
    )


def plot_scaling(table, *, source, series="rows", value="seconds", slopes=None, ax=None):
    """Plot ``value`` against size for every method of one source and series, log-log.

    Parameters
    ----------
    table : DataFrame
        As :func:`measure_costs` returns it; only measurements with status "ok"
        are drawn, as the mean over repeats.
    source, series : str
        Which curves.
    value : {"seconds", "peak_mb"}
        Time or peak memory above the baseline (log axis; memory below
        :data:`MEMORY_FLOOR_MB`, which is within the accounting's noise, is drawn
        at it). Deep methods (diffusion, GAN, VAE) are dashed.
    slopes : DataFrame, optional
        From :func:`scaling_slopes`; each legend entry then gives the method's
        slope and interval.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    import matplotlib.pyplot as plt

    ax = ax if ax is not None else plt.subplots(figsize=(6, 4))[1]
    size = "n_rows" if series == "rows" else "n_features"
    chosen = table[(table["source"] == source) & (table["series"] == series)
                   & (table["status"] == OK)]
    for method, group in chosen.groupby("method", sort=False):
        mean = group.groupby(size)[value].mean()
        if value != "seconds":
            mean = mean.clip(lower=MEMORY_FLOOR_MB)  # log axis: nothing at or below zero
        ax.plot(mean.index, mean.to_numpy(), marker="o", color=_colour(method),
                linestyle="--" if _is_deep(method) else "-",
                label=_legend(method, slopes, source, series))
    ax.set(xscale="log", yscale="log", xlabel="rows" if series == "rows" else "features",
           ylabel="seconds" if value == "seconds" else "peak memory above baseline (MiB)",
           title=f"{source}, {series} series")
    shown = sorted(set(chosen[size]))
    ax.set_xticks(shown, [f"{n:,}" for n in shown])
    ax.xaxis.set_minor_locator(plt.NullLocator())
    # Below the axes: the legend entries are long and the curves fill the frame.
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2,
              frameon=False)
    return ax


def scaling_figure(table, *, series="rows", value="seconds", slopes=None, profile=None):
    """:func:`plot_scaling` of every source side by side, the profile in the title.

    Parameters
    ----------
    table : DataFrame
        As :func:`measure_costs` returns it; one panel per source, in its order.
    series : {"rows", "features"}, default="rows"
    value : {"seconds", "peak_mb"}, default="seconds"
    slopes : DataFrame, optional
        From :func:`scaling_slopes`: each legend entry gives the method's slope.
    profile : str or Profile, optional
        Named in the figure's title.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``series`` or ``value`` is not one of the above, or ``table`` is empty.
    """
    import matplotlib.pyplot as plt

    if series not in ("rows", "features") or value not in ("seconds", "peak_mb"):
        raise ValueError(f"series must be 'rows' or 'features' and value 'seconds' or "
                         f"'peak_mb'; got {series!r}, {value!r}")
    sources = list(dict.fromkeys(table["source"]))
    if not sources:
        raise ValueError("the table holds no measurement to draw")
    fig, axes = plt.subplots(1, len(sources), figsize=(6.5 * len(sources), 6.5),
                             squeeze=False)
    for ax, source in zip(axes.flat, sources):
        plot_scaling(table, source=source, series=series, value=value, slopes=slopes, ax=ax)
    what = "Time" if value == "seconds" else "Peak memory above the baseline"
    titled(fig, f"{what} against the number of {series}", profile, fontsize=None)
    fig.tight_layout()
    return fig


def _colour(method):
    # One colour per method in every figure: tab20's dark shades, then its light ones.
    import matplotlib

    known = list(COST_METHODS) + sorted(set(METHODS) - set(COST_METHODS))
    position = known.index(method) if method in known else len(known)
    order = list(range(0, 20, 2)) + list(range(1, 20, 2))
    return matplotlib.colormaps["tab20"](order[position % 20])
