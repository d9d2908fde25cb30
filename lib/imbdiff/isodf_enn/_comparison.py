"""Chapters 05 and 06 of ISODF-ENN: the methods' scores, the gap to the best other
method, and the comparisons with the control and their power.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def plot_method_scores(tables, metrics, rivals, *, method="ISODF-ENN", baseline="Original"):
    """Each method's mean score per dataset, one panel per metric, datasets as rows.

    Parameters
    ----------
    tables : dict of metric -> DataFrame
        Mean scores, datasets x methods; must hold ``rivals``, ``method``, ``baseline``.
    metrics : dict of metric -> label
    rivals : list of str
        Methods drawn as small markers (up to seven).
    method : str, default="ISODF-ENN"
        Drawn as a red diamond.
    baseline : str, default="Original"
        Drawn as a black bar.

    Returns
    -------
    Figure
    """
    import matplotlib.pyplot as plt

    shapes = ["o", "s", "v", "^", "<", ">", "P"]
    if len(rivals) > len(shapes):
        raise ValueError(f"at most {len(shapes)} rivals can be drawn, got {len(rivals)}")
    n_rows = max(len(next(iter(tables.values()))), 2)
    fig, axes = plt.subplots(1, len(metrics), figsize=(11, 0.55 * n_rows + 1.5),
                             sharey=True, squeeze=False)
    axes = axes[0]
    for ax, (metric, label) in zip(axes, metrics.items()):
        table = tables[metric]
        positions = np.arange(len(table))
        for rival, shape in zip(rivals, shapes):
            ax.scatter(table[rival], positions, marker=shape, s=28, alpha=0.7, label=rival)
        ax.scatter(table[method], positions, marker="D", s=60, c="red", label=method,
                   zorder=3)
        ax.scatter(table[baseline], positions, marker="|", s=300, c="black",
                   label=baseline, zorder=3)
        ax.set_yticks(positions, table.index)
        ax.invert_yaxis()
        ax.set_xlabel(f"{label} (%)")
        ax.grid(axis="x", alpha=0.3)
    axes[-1].legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.tight_layout()
    return fig


def gap_to_best_other(table, per_fold, *, method="ISODF-ENN"):
    """A method's gap to the best other method on each dataset, with its standard error.

    Parameters
    ----------
    table : DataFrame
        Mean scores, datasets x methods.
    per_fold : DataFrame
        Scores per fold, indexed by (dataset, fold), one column per method; the folds
        are paired (every method sees the same rows), so the gap's standard error is
        that of the per-fold differences.
    method : str, default="ISODF-ENN"

    Returns
    -------
    DataFrame indexed by dataset
        The method's score, the ``best other`` method and ``its score``, the ``gap``
        (method - best other), the ``SE of gap`` over the folds and the method's rank
        among all the table's methods (``rank of <method> (of <n>)``; ties share the
        best rank). Datasets where the method or every other has no score are left out.
    """
    if method not in table.columns:
        raise ValueError(f"the table has no column {method!r}")
    others = table.drop(columns=method)
    rival = others.idxmax(axis=1).dropna()
    rival = rival[table.loc[rival.index, method].notna()]
    difference = (
        pd.concat([per_fold.loc[d, method] - per_fold.loc[d, r] for d, r in rival.items()],
                  keys=list(rival.index))
        if len(rival)
        else pd.Series(dtype=float)
    )
    gaps = pd.DataFrame({
        method: table.loc[rival.index, method],
        "best other": rival,
        "its score": others.loc[rival.index].max(axis=1),
    })
    gaps["gap"] = gaps[method] - gaps["its score"]
    by_dataset = difference.dropna().groupby(level=0)
    gaps["SE of gap"] = by_dataset.std(ddof=1) / np.sqrt(by_dataset.size())
    ranks = table.loc[rival.index].rank(axis=1, ascending=False, method="min")
    gaps[f"rank of {method} (of {table.shape[1]})"] = ranks[method].astype(int)
    return gaps


def control_comparison(table, average_ranks, *, control="ISODF-ENN", alpha=0.05):
    """A control method against each rival: Nemenyi and Wilcoxon-Holm, side by side.

    Parameters
    ----------
    table : DataFrame
        Scores, datasets x methods, complete (no NaN).
    average_ranks : Series
        Each method's average rank over the datasets (1: best).
    control : str, default="ISODF-ENN"
    alpha : float, default=0.05

    Returns
    -------
    DataFrame indexed by rival
        ``rank gap`` (rival's average rank - control's; positive: the control ranks
        better), ``CD`` (:func:`imbdiff.stats.critical_difference`), ``Nemenyi p``,
        ``Wilcoxon p`` raw and Holm-corrected (:func:`imbdiff.stats.wilcoxon_holm`),
        ``median difference (pp)`` and whether each test is significant.

    References
    ----------
    .. [1] J. Demšar, "Statistical comparisons of classifiers over multiple data
       sets", JMLR 7, 2006.
    """
    import warnings

    from imbdiff import stats

    if control not in table.columns:
        raise ValueError(f"the table has no column {control!r}")
    cd = stats.critical_difference(table.shape[1], len(table), alpha=alpha)
    nemenyi = stats.nemenyi(table)
    with warnings.catch_warnings():
        # A rival tied with the control on every dataset has no signed-rank statistic.
        warnings.simplefilter("ignore", RuntimeWarning)
        wilcoxon = stats.wilcoxon_holm(table, control=control)
    frame = pd.DataFrame({
        "rank gap": average_ranks.drop(control) - average_ranks[control],
        "CD": cd,
        "Nemenyi p": nemenyi[control].drop(control),
        "Wilcoxon p": wilcoxon["p_value"],
        "Wilcoxon p (Holm)": wilcoxon["p_holm"],
        "median difference (pp)": wilcoxon["median_difference"],
    })
    frame["significant (Nemenyi)"] = frame["rank gap"] > cd
    frame["significant (Wilcoxon-Holm)"] = frame["Wilcoxon p (Holm)"] < alpha
    return frame


def posthoc_power(n_methods, n_datasets, rank_gaps, *, control="ISODF-ENN", alpha=0.05):
    """What the post-hoc tests can show with this many methods and datasets.

    Parameters
    ----------
    n_methods, n_datasets : int
    rank_gaps : Series
        Each rival's average rank minus the control's.
    control : str, default="ISODF-ENN"
        Only names the columns.
    alpha : float, default=0.05

    Returns
    -------
    dict
        ``N``, the Nemenyi ``CD``, the largest and smallest rank gap, the number of
        ``rivals beyond CD``, the smallest two-sided p-value the exact signed-rank test
        can give (:math:`2/2^N`, every difference of one sign) and that p-value after
        Holm's correction over the ``n_methods - 1`` rivals (capped at 1).
    """
    from imbdiff import stats

    if n_methods < 2 or n_datasets < 1:
        raise ValueError(
            f"need at least 2 methods and 1 dataset, got {n_methods} and {n_datasets}"
        )
    cd = stats.critical_difference(n_methods, n_datasets, alpha=alpha)
    smallest = 2 / 2**n_datasets
    return {
        "N": n_datasets,
        "CD": cd,
        f"largest rank gap of {control}": rank_gaps.max(),
        f"smallest rank gap of {control}": rank_gaps.min(),
        "rivals beyond CD": int((rank_gaps > cd).sum()),
        "smallest possible Wilcoxon p": smallest,
        f"smallest possible Holm p ({n_methods - 1} rivals)": min(
            1.0, (n_methods - 1) * smallest
        ),
    }
