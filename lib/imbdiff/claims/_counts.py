"""Count tests both papers' claims share: ``test(scores, datasets) -> (k, n)``."""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Methods of LReDDPM's Tables 3-5 that "best method" claims compare (the paper leaves
#: "Original", the unresampled training set, out of its bold).
GENERATORS = ("ADASYN", "BorderlineSMOTE", "FinDiff", "TVAE", "CTGAN", "LReDDPM")

#: The nine methods of ISODF-ENN's Table 6 and Figs. 8-9 (Original is ranked too).
ISODF_METHODS = (
    "SMOTE", "KNSMOTE", "KmUnder", "Tomek", "SMOTE+ENN", "GAN", "TWGAN-GP", "ISODF-ENN", "Original"
)


def wide_scores(scores, metric, datasets):
    table = scores[scores["metric"] == metric].pivot_table(
        index="dataset", columns="method", values="mean", aggfunc="first"
    )
    return table.reindex(index=[d for d in datasets if d in table.index])


def needs_methods(table, methods):
    """The rows of ``table`` where every one of ``methods`` has a score (empty if one lacks)."""
    if not set(methods) <= set(table.columns):
        return pd.DataFrame(columns=list(methods), dtype=float)
    return table.dropna(subset=list(methods))


def best_among(metric, methods=GENERATORS, target="LReDDPM", lower=False, only=None):
    """Datasets where ``target`` is the best of ``methods`` (ties count as best)."""

    def test(scores, datasets):
        datasets = [d for d in datasets if only is None or d in only]
        table = needs_methods(wide_scores(scores, metric, datasets), methods)
        if table.empty:
            return 0, 0
        others = table[[m for m in methods if m != target]]
        best = others.min(axis=1) if lower else others.max(axis=1)
        wins = table[target] <= best if lower else table[target] >= best
        return int(wins.sum()), len(table)

    return test


def mean_rank_best(metric, methods=GENERATORS, target="LReDDPM", lower=False):
    """Whether ``target`` has the best average rank over the datasets (1 of 1)."""

    def test(scores, datasets):
        table = needs_methods(wide_scores(scores, metric, datasets), methods)
        if table.empty:
            return 0, 0
        ranks = table[list(methods)].rank(axis=1, ascending=lower).mean()
        return int(np.isclose(ranks[target], ranks.min())), 1

    return test


def better_on(metrics, target, rival, lower=False):
    """Cases (dataset, metric) where ``target`` is strictly ahead of ``rival``."""

    def test(scores, datasets):
        k = n = 0
        for metric in metrics:
            table = needs_methods(wide_scores(scores, metric, datasets), (target, rival))
            ahead = table[target] < table[rival] if lower else table[target] > table[rival]
            k, n = k + int(ahead.sum()), n + len(table)
        return k, n

    return test
