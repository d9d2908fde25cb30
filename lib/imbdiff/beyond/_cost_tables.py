"""The cost chapter's finished tables, one call each, and the numbers its prose quotes.

Every table function takes :func:`measure_costs`' table (or its slopes) and returns it
as the chapter shows it, captioned with what it shows and the profile that measured
it (:func:`imbdiff.report.finished`). Given a table without a column of
:data:`MEASUREMENT_COLUMNS`, each raises a ``ValueError`` naming the missing ones.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from .. import datasets, report
from ._cost import measure_costs
from ._cost_methods import KNN, REGION_TYPING, _is_deep
from ._cost_plots import cost_table
from ._measure import OK

__all__ = [
    "SMOTE_FAMILY",
    "failure_text",
    "first_dataset",
    "fixed_cost_factor",
    "full_length_runs",
    "full_length_table",
    "growth_table",
    "outcome_table",
    "reach_table",
    "settings_table",
    "slopes_table",
    "typing_table",
]

#: The nearest-neighbour oversamplers the deep methods' fixed cost is compared with.
SMOTE_FAMILY = ("SMOTE", "ADASYN", "BorderlineSMOTE", "SMOTE+ENN")

#: The columns of :func:`measure_costs`' table the tables below read.
MEASUREMENT_COLUMNS = ("source", "series", "method", "n_rows", "n_features", "seconds",
                       "peak_mb", "status")


def _fewest_decimals(values, most):
    """The fewest decimals, from 1 to ``most``, that show every value rounded to
    ``most`` decimals exactly (as pandas prints a rounded column)."""
    finite = np.asarray(values, dtype=float)
    finite = np.round(finite[np.isfinite(finite)], most)
    for digits in range(1, most):
        if np.allclose(np.round(finite, digits), finite, rtol=0, atol=10.0 ** -(most + 2)):
            return digits
    return most


def _decimal_formats(table, most):
    """Float column -> format string, each to its :func:`_fewest_decimals`."""
    return {column: f"{{:.{_fewest_decimals(table[column], most)}f}}"
            for column in table.select_dtypes("floating").columns}


def _check_measurements(table):
    missing = [column for column in MEASUREMENT_COLUMNS if column not in table.columns]
    if missing:
        raise ValueError(f"expected measure_costs' table; it lacks the columns {missing}")


def _measured(table):
    _check_measurements(table)
    return table[table["status"] == OK]


def _outcomes(table):
    # "skipped: over budget" -> "skipped"; "failed: <reason>" -> "failed".
    _check_measurements(table)
    return table["status"].str.split(":").str[0].rename("outcome")


def first_dataset(names):
    """The first dataset of ``names`` that can be loaded, and why the ones before it
    could not.

    Parameters
    ----------
    names : sequence of str

    Returns
    -------
    dataset : Dataset
    unavailable : dict of str -> str
        The names tried before it and the first line of the reason each failed.

    Raises
    ------
    ValueError
        When no name is given or none can be loaded (the reasons are in the message).
    """
    unavailable = {}
    names = [names] if isinstance(names, str) else list(names)
    if not names:
        raise ValueError("give at least one dataset name")
    for name in names:
        try:
            return datasets.load(name), unavailable
        except datasets.DatasetUnavailable as error:
            unavailable[name] = str(error).splitlines()[0]
    raise ValueError(f"none of the datasets {names} can be loaded: {unavailable}")


def _setting_text(value):
    # Tuples as comma-separated lists, numbers as Python prints them (10.0, 200).
    return ", ".join(map(str, value)) if isinstance(value, tuple) else str(value)


def settings_table(settings, profile):
    """What the run measures: the sizes, methods, repeats, time cap and budget.

    Parameters
    ----------
    settings : CostSettings
    profile : str or Profile

    Returns
    -------
    pandas.io.formats.style.Styler
        One row per field of :class:`CostSettings`.
    """
    table = pd.Series(settings.__dict__, name="setting").to_frame()
    return report.finished(table, "What this run measures", profile=profile,
                           formats={"setting": _setting_text})


def outcome_table(table, profile):
    """How many measurements of each source and series ran, were skipped over budget,
    stopped at the time cap or failed.

    Parameters
    ----------
    table : DataFrame
        :func:`measure_costs`' table.
    profile : str or Profile

    Returns
    -------
    pandas.io.formats.style.Styler
        ``source, series`` down, the outcomes (the status before any ``:``) across.
    """
    counts = table.assign(outcome=_outcomes(table)).groupby(["source", "series", "outcome"]).size()
    return report.finished(counts.unstack("outcome", fill_value=0),
                           "Measurements per source, series and outcome", profile=profile)


def failure_text(table) -> str:
    """One line per failed measurement: method, size, source and the reason."""
    failed = table[_outcomes(table) == "failed"]
    lines = [f"{row.method} failed at {row.n_rows} x {row.n_features} ({row.source}):"
             f" {row.status.removeprefix('failed: ')[:160]}" for row in failed.itertuples()]
    return "\n".join(lines) or "no measurement failed"


def slopes_table(slopes, profile):
    """:func:`cost_table` of the slopes, captioned.

    Parameters
    ----------
    slopes : DataFrame
        :func:`scaling_slopes`' table.
    profile : str or Profile

    Returns
    -------
    pandas.io.formats.style.Styler
        Methods down, ``(source, series)`` across, ``slope [low, high]`` to two decimals.
    """
    return report.finished(cost_table(slopes),
                           "Slope of log time against log rows or log columns [95% interval]",
                           profile=profile)


def reach_table(table, profile):
    """How far each method got within the budget, and its peak memory there.

    Parameters
    ----------
    table : DataFrame
        :func:`measure_costs`' table.
    profile : str or Profile

    Returns
    -------
    pandas.io.formats.style.Styler
        ``source, method`` down: the largest rows and columns measured, and the peak
        MiB (one decimal) at the largest rows.
    """
    measured = _measured(table)
    largest = measured.groupby(["source", "series", "method"])[["n_rows", "n_features"]].max()
    memory = measured[measured["series"] == "rows"].groupby(["source", "method"])["peak_mb"]
    reach = pd.DataFrame({
        "largest rows": largest.xs("rows", level="series")["n_rows"],
        "largest columns": largest.xs("features", level="series")["n_features"],
        "peak MiB at largest rows": memory.last().round(1),
    })
    whole = {"largest rows": "{:.0f}", "largest columns": "{:.0f}"}
    return report.finished(
        reach, "How far each method got within the budget, and its memory there",
        profile=profile, formats={**whole, "peak MiB at largest rows": "{:.1f}"}, na_rep="-",
    )


def typing_table(table, profile):
    """Region typing's time over scikit-learn's kNN at every size both were measured.

    Parameters
    ----------
    table : DataFrame
        :func:`measure_costs`' table.
    profile : str or Profile

    Returns
    -------
    pandas.io.formats.style.Styler
        ``source, series, size`` down; the two times in seconds and their ratio, each
        to as few of three decimals as its column needs. Empty, with a caption saying
        so, when the two were not both measured.
    """
    measured = _measured(table)
    pair = measured[measured["method"].isin([REGION_TYPING, KNN])]
    if pair["method"].nunique() < 2:
        return report.finished(pd.DataFrame(), "Region typing and kNN were not both "
                               "measured (see `methods`)", profile=profile)
    size = np.where(pair["series"] == "rows", pair["n_rows"], pair["n_features"])
    times = pair.assign(size=size).pivot_table(
        index=["source", "series", "size"], columns="method", values="seconds"
    )
    times["ratio"] = times[REGION_TYPING] / times[KNN]
    return report.finished(
        times, "Seconds of region typing and of scikit-learn's kNN, and their ratio",
        profile=profile, formats=_decimal_formats(times, 3),
    )


def growth_table(table, profile):
    """How much each method's time grew from its smallest to its largest measured
    rows, beside how much the rows grew.

    Parameters
    ----------
    table : DataFrame
        :func:`measure_costs`' table.
    profile : str or Profile

    Returns
    -------
    pandas.io.formats.style.Styler
        ``source, method`` down (methods measured at two sizes or more): ``rows grew
        x``, ``time grew x`` and ``seconds at smallest`` (the mean over repeats), each
        to as few of two decimals as its column needs.
    """
    rows = _measured(table)[lambda t: t["series"] == "rows"]
    ends = rows.groupby(["source", "method", "n_rows"])["seconds"].mean()
    growth = ends.groupby(["source", "method"]).agg(["first", "last", "size"])
    growth = growth.join(rows.groupby(["source", "method"])["n_rows"].agg(["min", "max"]))
    growth = growth.query("size >= 2")
    shown = pd.DataFrame({
        "rows grew x": growth["max"] / growth["min"],
        "time grew x": growth["last"] / growth["first"],
        "seconds at smallest": growth["first"],
    }).round(2)
    return report.finished(
        shown, "Growth of the time from the smallest to the largest rows measured",
        profile=profile, formats=_decimal_formats(shown, 2),
    )


def fixed_cost_factor(table):
    """At the smallest rows measured, the cheapest deep method's median time over the
    dearest SMOTE-family method's.

    Parameters
    ----------
    table : DataFrame
        :func:`measure_costs`' table.

    Returns
    -------
    factor : float or None
        None when the rows series measured no deep method or no method of
        :data:`SMOTE_FAMILY` at that size.
    smallest : int or None
        The smallest rows measured (None when nothing was).
    """
    rows = _measured(table)[lambda t: t["series"] == "rows"]
    if rows.empty:
        return None, None
    smallest = int(rows["n_rows"].min())
    by_method = rows[rows["n_rows"] == smallest].groupby("method")["seconds"].median()
    deep = by_method[[_is_deep(method) for method in by_method.index]]
    cheap = by_method[by_method.index.isin(SMOTE_FAMILY)]
    if deep.empty or cheap.empty:
        return None, smallest
    return float(deep.min() / cheap.max()), smallest


def full_length_runs(settings, *, profile, random_state=0, device="cpu",
                     method="DDPM-unguided"):
    """``method`` on the smallest generated table, with the settings' shortened
    iterations and at full length, in the same run.

    Parameters
    ----------
    settings : CostSettings
        Their ``iteration_scale`` is the shortened length.
    profile : str or Profile
    random_state : int, default=0
    device : str, default="cpu"
    method : str, default="DDPM-unguided"

    Returns
    -------
    DataFrame or None
        Indexed by ``iteration_scale, method``: ``n_rows, seconds, peak_mb,
        status``, the shortened run first. None when the settings already run at full
        length (``iteration_scale`` of 1 or more): there is nothing to compare.
    """
    if settings.iteration_scale >= 1:
        return None
    anchor = replace(settings, sizes=settings.sizes[:1], methods=(method,), time_cap=120.0,
                     budget=240.0)
    runs = {
        scale: measure_costs(
            ["generated"], profile=profile, random_state=random_state, device=device,
            settings=replace(anchor, iteration_scale=scale), series=["rows"],
        ).set_index("method")[["n_rows", "seconds", "peak_mb", "status"]]
        for scale in (settings.iteration_scale, 1.0)
    }
    return pd.concat(runs, names=["iteration_scale"])


def full_length_table(runs, profile):
    """:func:`full_length_runs`' table, captioned.

    Parameters
    ----------
    runs : DataFrame
    profile : str or Profile

    Returns
    -------
    pandas.io.formats.style.Styler
        Seconds and peak MiB to as few of six decimals as each column needs.
    """
    method = runs.index.get_level_values("method")[0]
    shown = runs.rename(index=str, level="iteration_scale")  # 0.1, not 0.100000
    return report.finished(
        shown, f"{method} on the smallest generated table, shortened and at full length",
        profile=profile, formats=_decimal_formats(runs, 6),
    )
