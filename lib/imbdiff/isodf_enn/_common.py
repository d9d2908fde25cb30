"""What the ISODF-ENN chapters' tables and figures share: the names of the two scores."""

from __future__ import annotations

#: The two scores of a decision tree the paper reports, with their names in its text.
METRIC_LABELS = {"F1_DT": "F-value", "AUC_DT": "AUC"}


def metric_label(metric):
    """The paper's name of ``metric`` (``"F1_DT"`` -> ``"F-value"``); ValueError for
    a metric the paper does not report."""
    if metric not in METRIC_LABELS:
        raise ValueError(f"metric must be one of {list(METRIC_LABELS)}; got {metric!r}")
    return METRIC_LABELS[metric]
