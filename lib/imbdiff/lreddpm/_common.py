"""What every chapter's table reads: the lookup of a long score table, the paper's
marker rule and the colours of the region types (Chapters 02, 04, 10 and 13).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import REGION_COLOURS  # noqa: F401 (defined once, beside the t-SNE figure)


def lookup(frame: pd.DataFrame) -> pd.Series:
    """A long score table as a series ``(method, dataset, metric) -> mean``.

    The first row of a repeated key wins, as the chapters read it.
    """
    missing = {"method", "dataset", "metric", "mean"} - set(frame.columns)
    if missing:
        raise ValueError(f"the score table lacks the columns {sorted(missing)}")
    return frame.groupby(["method", "dataset", "metric"])["mean"].first()


def marker(value, reference) -> str:
    """The paper's marker rule: ``"+"`` above the reference, ``"-"`` not above it,
    ``""`` when either value is missing (NaN)."""
    if np.isnan(value) or np.isnan(reference):
        return ""
    return "+" if value > reference else "-"


def marker_tally(markers: pd.Series):
    """``(plus, counted)``: how many markers are ``"+"``, of those not empty."""
    counted = markers[markers != ""]
    return int((counted == "+").sum()), len(counted)


def _at(values: pd.Series, key):
    return values.get(key, np.nan)
