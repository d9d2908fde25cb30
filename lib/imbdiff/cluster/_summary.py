"""Summaries of clusterings, for the ISODATA chapters' tables."""

from __future__ import annotations

import itertools

import numpy as np
from sklearn.metrics import adjusted_rand_score, silhouette_score

__all__ = ["isodata_summary", "labelling_stability"]


def isodata_summary(model, X) -> dict:
    """What a fitted :class:`ISODATA` ended with on ``X``.

    Parameters
    ----------
    model : ISODATA
        Fitted on ``X``.
    X : array-like of shape (n_samples, n_features)

    Returns
    -------
    dict
        ``clusters`` (how many it ended with), ``silhouette`` (mean silhouette of its
        labels; NaN with one cluster or one row per cluster), ``iterations``,
        ``oscillates`` (the cluster count changed in each of the last three steps
        before the final one: split, merge, split ...) and ``smallest`` (rows in the
        smallest cluster).
    """
    n = int(model.n_clusters_)
    X = np.asarray(X)
    score = silhouette_score(X, model.labels_) if 2 <= n < len(X) else np.nan
    tail = np.diff(model.history_[-5:-1])
    return {
        "clusters": n,
        "silhouette": score,
        "iterations": int(model.n_iter_),
        "oscillates": bool(len(tail) == 3 and np.all(tail != 0)),
        "smallest": int(np.bincount(model.labels_).min()),
    }


def labelling_stability(labellings) -> float:
    """Mean adjusted Rand index over every pair of ``labellings`` (NaN with fewer than 2).

    1 when every run found the same partition (whatever the cluster numbering), near 0
    for partitions no closer than chance.
    """
    pairs = list(itertools.combinations(labellings, 2))
    return float(np.mean([adjusted_rand_score(a, b) for a, b in pairs])) if pairs else np.nan
