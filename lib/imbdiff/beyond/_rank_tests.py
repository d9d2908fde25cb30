"""Rank tests and a recommendation per kind of data, from the side-by-side scores.

:func:`rank_tests` runs Demšar's tests [1]_ on one datasets x methods table,
:func:`statistics_summary` puts several measures' tests in one table and
:func:`recommendations` says which method to try first for each kind of data.

References
----------
.. [1] J. Demšar, "Statistical comparisons of classifiers over multiple data sets",
   Journal of Machine Learning Research, 7, pp. 1-30, 2006.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from ..stats import FriedmanResult

__all__ = [
    "RankTests",
    "complete_block",
    "rank_tests",
    "recommendation_text",
    "recommendations",
    "statistics_summary",
]


def complete_block(table):
    """The largest part of a datasets x methods table that has every score.

    The rank tests need every method on every dataset. When some cells have no result
    (a sampler that failed on a dataset), either the datasets with a gap or the
    methods with a gap must go; this keeps whichever leaves more scores, and the
    datasets on a tie (a dataset is one more block of the Friedman test, a method one
    more competitor). A method that failed is a finding the chapter lists; leaving it
    out here only lets the others be compared on every dataset.

    Parameters
    ----------
    table : DataFrame
        Datasets x methods (:func:`score_table`), NaN where a cell has no result.

    Returns
    -------
    DataFrame
        ``table`` without the datasets, or without the methods, that have a NaN.
    """
    without_datasets = table.dropna(axis=0)
    without_methods = table.dropna(axis=1)
    if without_methods.size >= without_datasets.size:
        return without_methods
    return without_datasets


@dataclass(frozen=True)
class RankTests:
    """Outcome of :func:`rank_tests` on one datasets x methods table.

    Attributes
    ----------
    friedman : imbdiff.stats.FriedmanResult
    cd : float
        Nemenyi critical difference of the average ranks.
    best : str
        The method of the best (lowest) average rank; ties: the first column.
    nemenyi : DataFrame
        Pairwise Nemenyi p-values.
    wilcoxon : DataFrame
        Wilcoxon signed-rank tests of ``best`` against each other method, Holm-corrected
        (:func:`imbdiff.stats.wilcoxon_holm`).
    alpha : float
    """

    friedman: FriedmanResult
    cd: float
    best: str
    nemenyi: pd.DataFrame
    wilcoxon: pd.DataFrame
    alpha: float

    @property
    def average_ranks(self) -> pd.Series:
        return self.friedman.average_ranks

    @property
    def not_separated(self) -> list[str]:
        """Methods whose average rank is within the critical difference of the best's."""
        gaps = self.average_ranks - self.average_ranks[self.best]
        return [m for m, gap in gaps.items() if m != self.best and gap <= self.cd]

    @property
    def beaten(self) -> list[str]:
        """Methods the best beats by Wilcoxon-Holm (``p_holm < alpha``, median gap > 0)."""
        table = self.wilcoxon
        wins = (table["p_holm"] < self.alpha) & (table["median_difference"] > 0)
        return list(table.index[wins])


def rank_tests(table, *, alpha=0.05):
    """Friedman, Nemenyi and Wilcoxon-Holm against the best, on one table.

    Parameters
    ----------
    table : DataFrame
        Datasets x methods, higher is better, no NaN; at least 3 methods and 2 datasets.
    alpha : float, default=0.05

    Returns
    -------
    RankTests

    Raises
    ------
    ValueError
        From :func:`imbdiff.stats.friedman`: too few rows or columns, NaN, or every
        method tied on every dataset.
    """
    from .. import stats  # scikit-posthocs and statsmodels: only where tests run

    result = stats.friedman(table)
    ranks = result.average_ranks
    best = str(ranks.idxmin())
    with warnings.catch_warnings():
        # scipy warns when a method ties with the best on every dataset (p = NaN).
        warnings.simplefilter("ignore", RuntimeWarning)
        wilcoxon = stats.wilcoxon_holm(table, control=best)
    return RankTests(
        friedman=result,
        cd=stats.critical_difference(result.n_methods, result.n_datasets, alpha=alpha),
        best=best,
        nemenyi=stats.nemenyi(table),
        wilcoxon=wilcoxon,
        alpha=alpha,
    )


def _classifier_metric(measure):
    metric, _, classifier = measure.rpartition("_")
    return classifier, metric.replace("G-mean-TPR-TNR", "G-mean")


def statistics_summary(tests, *, alpha=0.05):
    """One row per measure: the Friedman test, the CD, the best method, and which
    methods the Nemenyi and Wilcoxon-Holm tests separate from it.

    Parameters
    ----------
    tests : dict of str -> RankTests
        Measure name (``"AUC_DT"``, ...) -> :func:`rank_tests` on its table.
    alpha : float, default=0.05

    Returns
    -------
    DataFrame
        Indexed by ``classifier, metric``: ``N, k, chi2_F, p, F_F, p (F_F), CD, best,
        best rank, not separated (Nemenyi), beaten (Wilcoxon-Holm)``; the last two
        list method names.
    """
    rows = []
    for measure, test in tests.items():
        classifier, metric = _classifier_metric(measure)
        result = test.friedman
        rows.append(
            {
                "classifier": classifier,
                "metric": metric,
                "N": result.n_datasets,
                "k": result.n_methods,
                "chi2_F": result.statistic,
                "p": result.pvalue,
                "F_F": result.iman_davenport,
                "p (F_F)": result.iman_davenport_pvalue,
                "CD": test.cd,
                "best": test.best,
                "best rank": float(test.average_ranks[test.best]),
                "not separated (Nemenyi)": ", ".join(test.not_separated) or "none",
                "beaten (Wilcoxon-Holm)": ", ".join(test.beaten) or "none",
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    return frame.set_index(["classifier", "metric"])


# ---------------------------------------------------------------- the recommendation
def recommendations(tables, kinds, *, alpha=0.05):
    """Which method to try first for each kind of data, and whether the ranks can tell.

    For each kind (and for all datasets together), every measure's table is ranked
    within each dataset of that kind (rank 1 = best), and a method's score is its
    rank averaged over those datasets and over the measures. The best method is
    recommended when its average rank is ahead of the runner-up's by more than the
    Nemenyi critical difference for ``k`` methods and ``N`` datasets of the kind;
    otherwise the verdict is ``"inconclusive"``. Averaging over correlated measures
    makes the ranks steadier than one measure's, so using the CD of one measure is
    conservative.

    Parameters
    ----------
    tables : dict of str -> DataFrame
        Measure -> datasets x methods table (:func:`score_table`); datasets with a
        missing value in any table are left out.
    kinds : Series or dict
        Dataset -> kind label (:func:`data_kind`); datasets without one are left out
        of the groups but counted in ``"all"``.
    alpha : float, default=0.05

    Returns
    -------
    DataFrame
        Indexed by kind (the kinds in sorted order, then ``"all"``): ``datasets``
        (N), ``best``, ``best rank``, ``runner-up``, ``gap``, ``CD``, ``verdict``
        (the best method's name, or ``"inconclusive"``) and ``not separated`` (the
        methods within the CD of the best).

    Raises
    ------
    ValueError
        No tables, tables with different methods, or fewer than 2 methods.
    """
    if not tables:
        raise ValueError("give at least one measure's table")
    columns = [list(t.columns) for t in tables.values()]
    if any(c != columns[0] for c in columns):
        raise ValueError("every table must have the same methods (columns) in the same order")
    if len(columns[0]) < 2:
        raise ValueError(f"need at least 2 methods; got {len(columns[0])}")
    common = functools.reduce(
        lambda a, b: a.intersection(b), (t.dropna().index for t in tables.values())
    )
    complete = [d for d in next(iter(tables.values())).index if d in set(common)]
    kinds = pd.Series(kinds, dtype=object)
    groups = {
        kind: [d for d in complete if kinds.get(d) == kind] for kind in sorted(set(kinds.dropna()))
    }
    groups["all"] = complete
    rows = [_recommend(tables, kind, names, alpha) for kind, names in groups.items()]
    return pd.DataFrame(rows).set_index("kind")


def _recommend(tables, kind, names, alpha):
    methods = list(next(iter(tables.values())).columns)
    row = {"kind": kind, "datasets": len(names)}
    if len(names) < 2:
        reason = "no dataset" if not names else "one dataset"
        return {**row, "best": None, "best rank": np.nan, "runner-up": None, "gap": np.nan,
                "CD": np.nan, "verdict": "inconclusive", "not separated": reason}
    per_measure = [
        t.loc[names].rank(axis=1, ascending=False, method="average").mean() for t in tables.values()
    ]
    ranks = pd.concat(per_measure, axis=1).mean(axis=1)
    order = ranks.sort_values(kind="stable")
    best, runner_up = order.index[0], order.index[1]
    from ..stats import critical_difference

    cd = critical_difference(len(methods), len(names), alpha=alpha)
    gap = float(order.iloc[1] - order.iloc[0])
    within = [m for m in order.index[1:] if order[m] - order.iloc[0] <= cd]
    return {
        **row,
        "best": best,
        "best rank": float(order.iloc[0]),
        "runner-up": runner_up,
        "gap": gap,
        "CD": cd,
        "verdict": best if gap > cd else "inconclusive",
        "not separated": ", ".join(within) or "none",
    }


def recommendation_text(table):
    """The recommendation as Markdown bullets, one per kind of data.

    Parameters
    ----------
    table : DataFrame
        :func:`recommendations`' output.

    Returns
    -------
    str
    """
    lines = []
    for kind, row in table.iterrows():
        where = "all datasets" if kind == "all" else f"{kind} datasets"
        if row["datasets"] < 2:
            lines.append(f"* **{where}**: inconclusive ({row['not separated']} of this kind ran).")
            continue
        evidence = (
            f"average rank {row['best rank']:.2f} over {row['datasets']} datasets and the "
            f"measures; runner-up {row['runner-up']} {row['gap']:.2f} behind; "
            f"CD {row['CD']:.2f}"
        )
        if row["verdict"] == "inconclusive":
            lines.append(
                f"* **{where}**: inconclusive. {row['best']} ranks first ({evidence}), but the "
                f"critical difference cannot separate it from {row['not separated']}; try "
                f"{row['best']} first, and expect any of those to do as well."
            )
        else:
            lines.append(f"* **{where}**: try **{row['best']}** first ({evidence}).")
    return "\n".join(lines)
