"""The slope of log time against log size, with its confidence interval.

:func:`fit_slope` is kept apart from the timing so that it can be checked on exact
numbers; :func:`scaling_slopes` fits it per source, series and method of a
:func:`~imbdiff.beyond.measure_costs` table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._measure import OK

__all__ = ["Slope", "fit_slope", "scaling_slopes"]


@dataclass(frozen=True)
class Slope:
    """The fitted exponent of ``time = c * size ** slope`` and its interval."""

    slope: float
    low: float
    high: float
    intercept: float
    points: int


def fit_slope(sizes, seconds, *, confidence=0.95) -> Slope:
    """Fit ``log(seconds) = intercept + slope * log(sizes)`` by least squares.

    Parameters
    ----------
    sizes, seconds : array-like of positive float
        One entry per measurement (repeats give several entries per size); NaN
        entries (measurements not run) are left out.
    confidence : float, default=0.95
        Level of the interval, from Student's t with ``points - 2`` degrees of
        freedom on the slope's standard error.

    Returns
    -------
    Slope
        ``low`` and ``high`` are NaN with fewer than three points; ``slope`` is NaN
        with fewer than two distinct sizes.

    Raises
    ------
    ValueError
        If the lengths differ or a size or time is not positive.
    """
    from scipy import stats

    sizes = np.asarray(sizes, dtype=float)
    seconds = np.asarray(seconds, dtype=float)
    if sizes.shape != seconds.shape or sizes.ndim != 1:
        raise ValueError(
            f"sizes and seconds must be 1-d of one length, got {sizes.shape} and {seconds.shape}"
        )
    kept = ~(np.isnan(sizes) | np.isnan(seconds))
    sizes, seconds = sizes[kept], seconds[kept]
    if np.any(sizes <= 0) or np.any(seconds <= 0):
        raise ValueError("sizes and seconds must be positive to be fitted on log-log axes")
    if len(np.unique(sizes)) < 2:
        return Slope(math.nan, math.nan, math.nan, math.nan, len(sizes))
    x, z = np.log(sizes), np.log(seconds)
    slope, intercept = np.polyfit(x, z, 1)
    if len(x) < 3:
        return Slope(float(slope), math.nan, math.nan, float(intercept), len(x))
    residuals = z - (intercept + slope * x)
    error = math.sqrt(residuals @ residuals / (len(x) - 2) / np.sum((x - x.mean()) ** 2))
    half = stats.t.ppf(0.5 + confidence / 2, len(x) - 2) * error
    return Slope(float(slope), float(slope - half), float(slope + half), float(intercept), len(x))


def scaling_slopes(table: pd.DataFrame, *, confidence=0.95) -> pd.DataFrame:
    """The slope of time against size per source, series and method.

    Parameters
    ----------
    table : DataFrame
        As :func:`measure_costs` returns it.

    Returns
    -------
    DataFrame
        Indexed by ``source, series, method``, with ``slope, low, high, points``
        (measurements fitted) and ``largest`` (the largest size measured).
    """
    rows = []
    keys = ["source", "series", "method"]
    for (source, series, method), group in table.groupby(keys, sort=False):
        done = group[group["status"] == OK]
        size = done["n_rows" if series == "rows" else "n_features"]
        fitted = fit_slope(size, done["seconds"], confidence=confidence)
        rows.append({
            "source": source, "series": series, "method": method, "slope": fitted.slope,
            "low": fitted.low, "high": fitted.high, "points": fitted.points,
            "largest": int(size.max()) if len(size) else 0,
        })
    return pd.DataFrame(rows).set_index(["source", "series", "method"])
