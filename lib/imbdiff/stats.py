"""Statistical comparison of methods over data sets (Demšar 2006).

The input everywhere is a table of scores with one row per data set and one
column per method (``pandas.DataFrame``, datasets x methods), as the papers'
result tables are printed. Ranks are computed within each data set: rank 1 is
the best method, tied methods share the average of their ranks.

* :func:`average_ranks`, :func:`friedman` (with the Iman-Davenport F): is any
  method different? (ISODF-ENN Figs. 8-9 and Table 7; LReDDPM Table 2.)
* :func:`nemenyi`, :func:`critical_difference`, :func:`nemenyi_q`: which pairs
  differ, all methods against all.
* :func:`wilcoxon_holm`: pairwise (or against a control) Wilcoxon signed-rank
  tests with Holm's step-down correction.
* :func:`critical_difference_diagram`: Demšar's diagram, drawn by
  scikit-posthocs.

References
----------
.. [1] J. Demšar, "Statistical comparisons of classifiers over multiple data
   sets", Journal of Machine Learning Research, 7, pp. 1-30, 2006.
.. [2] R. L. Iman and J. M. Davenport, "Approximations of the critical region
   of the Friedman statistic", Communications in Statistics - Theory and
   Methods, 9(6), pp. 571-595, 1980.
.. [3] S. Holm, "A simple sequentially rejective multiple test procedure",
   Scandinavian Journal of Statistics, 6(2), pp. 65-70, 1979.
.. [4] G. Yang, Z. Zeng and R. Duan, LReDDPM, Journal of Artificial
   Intelligence Research, 85:27, 2026.
.. [5] ISODF-ENN, Journal of Intelligent & Fuzzy Systems, 2024.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scikit_posthocs as sp
from scipy import stats as ss
from statsmodels.stats.multitest import multipletests

__all__ = [
    "FriedmanResult",
    "average_ranks",
    "friedman",
    "nemenyi",
    "nemenyi_q",
    "critical_difference",
    "wilcoxon_holm",
    "holm",
    "critical_difference_diagram",
]


def _check_scores(scores, *, min_methods=2, min_datasets=2):
    """Return ``scores`` as a float DataFrame (datasets x methods), or raise."""
    frame = scores if isinstance(scores, pd.DataFrame) else pd.DataFrame(np.asarray(scores))
    if frame.ndim != 2:
        raise ValueError("scores must be a 2-D table: datasets x methods")
    n_datasets, n_methods = frame.shape
    if n_methods < min_methods:
        raise ValueError(f"need at least {min_methods} methods (columns); got {n_methods}")
    if n_datasets < min_datasets:
        raise ValueError(f"need at least {min_datasets} datasets (rows); got {n_datasets}")
    if frame.columns.has_duplicates or frame.index.has_duplicates:
        raise ValueError("method names (columns) and dataset names (rows) must be unique")
    try:
        values = frame.to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError) as error:
        raise ValueError("scores must be numeric") from error
    bad = ~np.isfinite(values)
    if bad.any():
        row, col = np.argwhere(bad)[0]
        raise ValueError(
            f"scores hold {int(bad.sum())} NaN or infinite values; first for dataset "
            f"{frame.index[row]!r}, method {frame.columns[col]!r}"
        )
    return pd.DataFrame(values, index=frame.index, columns=frame.columns)


def _ranks(scores, higher_is_better):
    # Rank 1 = best; ties share the mean of the ranks they span (Demšar 2006).
    return scores.rank(axis=1, ascending=not higher_is_better, method="average")


def average_ranks(scores, higher_is_better=True):
    """Average rank of every method over the data sets.

    Parameters
    ----------
    scores : DataFrame of shape (n_datasets, n_methods)
        One row per data set, one column per method.
    higher_is_better : bool, default=True
        True for scores such as AUC or F1; False for distances or errors
        (LReDDPM Table 2 ranks distances, lower is better).

    Returns
    -------
    Series
        Indexed by method, in the column order: the mean over data sets of the
        rank within each data set (1 = best; ties get the average of the ranks
        they span). The values sum to ``k (k + 1) / 2``.

    References
    ----------
    .. [1] J. Demšar, JMLR 7, pp. 1-30, 2006, Section 3.2.2.
    """
    scores = _check_scores(scores)
    return _ranks(scores, higher_is_better).mean(axis=0).rename("average rank")


@dataclass(frozen=True)
class FriedmanResult:
    """Outcome of :func:`friedman`.

    Attributes
    ----------
    statistic : float
        Friedman's chi-square statistic ``chi2_F``.
    pvalue : float
        Its p-value (chi-square with ``k - 1`` degrees of freedom).
    iman_davenport : float
        ``F_F = (N - 1) chi2_F / (N (k - 1) - chi2_F)``.
    iman_davenport_pvalue : float
        Its p-value (F with ``k - 1`` and ``(k - 1)(N - 1)`` degrees of freedom).
    average_ranks : Series
        Average rank of every method (1 = best).
    n_datasets, n_methods : int
        ``N`` and ``k``.
    """

    statistic: float
    pvalue: float
    iman_davenport: float
    iman_davenport_pvalue: float
    average_ranks: pd.Series
    n_datasets: int
    n_methods: int


def _iman_davenport(chi2, n, k):
    denominator = n * (k - 1) - chi2
    if denominator <= 0:  # every data set ranks the methods alike: chi2 at its maximum
        return np.inf, 0.0
    f_stat = (n - 1) * chi2 / denominator
    return float(f_stat), float(ss.f.sf(f_stat, k - 1, (k - 1) * (n - 1)))


def friedman(scores, *, higher_is_better=True, tie_correction=True):
    """Friedman test of k methods over N data sets, with the Iman-Davenport F.

    Parameters
    ----------
    scores : DataFrame of shape (n_datasets, n_methods)
        One row per data set, one column per method; at least 3 methods and 2
        data sets.
    higher_is_better : bool, default=True
        Direction of the scores; only the average ranks depend on it, the
        statistics do not.
    tie_correction : bool, default=True
        True: :func:`scipy.stats.friedmanchisquare`, whose statistic is divided
        by ``1 - sum(t^3 - t) / (N k (k^2 - 1))`` (``t``: sizes of the groups of
        tied scores within a data set). False: Demšar's Eq. without that
        correction, ``12 N / (k (k + 1)) [sum_j R_j^2 - k (k + 1)^2 / 4]`` with
        ``R_j`` the average ranks. Both agree when there are no ties.

    Returns
    -------
    FriedmanResult
        ``statistic``, ``pvalue``, ``iman_davenport``, ``iman_davenport_pvalue``,
        ``average_ranks`` and the sizes.

    Raises
    ------
    ValueError
        Fewer than 3 methods or 2 data sets, NaN or infinite scores, or all
        methods tied on every data set.

    Notes
    -----
    Iman and Davenport's statistic ``F_F = (N - 1) chi2_F / (N (k - 1) -
    chi2_F)`` follows an F distribution with ``k - 1`` and ``(k - 1)(N - 1)``
    degrees of freedom and is less conservative than ``chi2_F`` (Demšar 2006,
    Section 3.2.2). It is computed from ``statistic``, so from the tie-corrected
    value by default. When every data set ranks the methods identically,
    ``chi2_F = N (k - 1)`` and ``F_F`` is infinite (p-value 0).

    References
    ----------
    .. [1] J. Demšar, JMLR 7, pp. 1-30, 2006, Section 3.2.2.
    .. [2] R. L. Iman and J. M. Davenport, Communications in Statistics, 9(6),
       pp. 571-595, 1980.

    Examples
    --------
    >>> import pandas as pd
    >>> from imbdiff.stats import friedman
    >>> table = pd.DataFrame({"A": [.90, .85, .75, .95], "B": [.80, .88, .60, .90],
    ...                       "C": [.70, .70, .65, .91]})
    >>> result = friedman(table)
    >>> round(result.statistic, 6), result.average_ranks.tolist()
    (3.5, [1.25, 2.25, 2.5])
    """
    scores = _check_scores(scores, min_methods=3)
    n, k = scores.shape
    ranks = _ranks(scores, higher_is_better).mean(axis=0).rename("average rank")
    if (scores.nunique(axis=1) == 1).all():
        raise ValueError("all methods tie on every dataset: the Friedman test is undefined")
    if tie_correction:
        chi2, pvalue = ss.friedmanchisquare(*scores.to_numpy().T)
    else:
        chi2 = 12.0 * n / (k * (k + 1)) * (np.sum(ranks.to_numpy() ** 2) - k * (k + 1) ** 2 / 4)
        pvalue = ss.chi2.sf(chi2, k - 1)
    f_stat, f_pvalue = _iman_davenport(float(chi2), n, k)
    return FriedmanResult(float(chi2), float(pvalue), f_stat, f_pvalue, ranks, n, k)


def nemenyi_q(n_methods, alpha=0.05):
    """Critical value ``q_alpha`` of the Nemenyi test (Demšar 2006, Table 5a).

    ``q_alpha`` is the ``1 - alpha`` quantile of the studentized range of
    ``n_methods`` means with infinite degrees of freedom, divided by sqrt(2):
    ``scipy.stats.studentized_range.ppf(1 - alpha, k, inf) / sqrt(2)``.

    Parameters
    ----------
    n_methods : int
        Number of methods ``k`` (at least 2).
    alpha : float, default=0.05
        Significance level, in (0, 1).

    Returns
    -------
    float
        For example 3.031 for ``k = 8``, ``alpha = 0.05``.
    """
    if int(n_methods) != n_methods or n_methods < 2:
        raise ValueError(f"n_methods must be an integer >= 2; got {n_methods!r}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie in (0, 1); got {alpha!r}")
    return float(ss.studentized_range.ppf(1 - alpha, int(n_methods), np.inf) / np.sqrt(2))


def critical_difference(n_methods, n_datasets, *, alpha=0.05):
    """Nemenyi critical difference of average ranks, ``q_alpha sqrt(k (k + 1) / (6 N))``.

    Two methods whose average ranks differ by more than this value perform
    significantly differently at level ``alpha`` (Demšar 2006, Section 3.2.2).

    Parameters
    ----------
    n_methods : int
        Number of methods ``k``.
    n_datasets : int
        Number of data sets ``N`` (at least 1).
    alpha : float, default=0.05
        Significance level.

    Returns
    -------
    float
        For Demšar's example (k = 4, N = 14, alpha = 0.05): 1.25.

    See Also
    --------
    nemenyi_q : the critical value ``q_alpha``.
    """
    if int(n_datasets) != n_datasets or n_datasets < 1:
        raise ValueError(f"n_datasets must be a positive integer; got {n_datasets!r}")
    q = nemenyi_q(n_methods, alpha)
    return float(q * np.sqrt(n_methods * (n_methods + 1) / (6.0 * n_datasets)))


def nemenyi(scores):
    """Nemenyi post-hoc test: p-values of every pair of methods.

    Thin wrapper of :func:`scikit_posthocs.posthoc_nemenyi_friedman`: for
    methods i and j, ``q = |R_i - R_j| / sqrt(k (k + 1) / (6 N))`` and the
    p-value is the studentized-range survival function at ``q sqrt(2)``
    (k means, infinite degrees of freedom). ``p < alpha`` exactly when the
    rank difference exceeds :func:`critical_difference`.

    Parameters
    ----------
    scores : DataFrame of shape (n_datasets, n_methods)
        One row per data set, one column per method. The direction of the
        scores does not matter: only ``|R_i - R_j|`` enters.

    Returns
    -------
    DataFrame of shape (n_methods, n_methods)
        Symmetric p-values, ones on the diagonal, indexed by method.

    References
    ----------
    .. [1] J. Demšar, JMLR 7, pp. 1-30, 2006, Section 3.2.2.
    """
    scores = _check_scores(scores)
    methods = scores.columns
    p_values = sp.posthoc_nemenyi_friedman(scores.to_numpy())
    return pd.DataFrame(p_values.to_numpy(), index=methods, columns=methods)


def _long(scores):
    """Long format for scikit-posthocs: pairs are matched by row order within a method."""
    n = len(scores)
    method_codes = np.repeat(np.arange(scores.shape[1]), n)
    return pd.DataFrame({"score": scores.to_numpy().T.ravel(), "method": method_codes})


def holm(p_values):
    """Holm's step-down adjustment of a family of p-values.

    Parameters
    ----------
    p_values : sequence of float
        Raw p-values of one family of tests; NaN (a test that could not run) is
        left out of the family and stays NaN.

    Returns
    -------
    ndarray
        Adjusted p-values in the input order: with the m non-NaN values sorted
        increasingly, ``p_(i)`` becomes ``max_{j <= i} min(1, (m - j + 1) p_(j))``.

    References
    ----------
    .. [1] S. Holm, Scandinavian Journal of Statistics, 6(2), pp. 65-70, 1979.
    """
    values = np.asarray(p_values, dtype=float).reshape(-1)
    adjusted = np.full(values.shape, np.nan)
    present = ~np.isnan(values)
    if (values[present] < 0).any() or (values[present] > 1).any():
        raise ValueError("p-values must lie in [0, 1]")
    if present.any():
        # statsmodels' multipletests gives the same values but runs a gc.collect per call.
        order = np.argsort(values[present], kind="stable")
        m = order.size
        steps = np.minimum(1.0, (m - np.arange(m)) * values[present][order])
        ranked = np.empty(m)
        ranked[order] = np.maximum.accumulate(steps)
        adjusted[present] = ranked
    return adjusted


def wilcoxon_holm(scores, control=None, *, zero_method="wilcox", method="auto"):
    """Wilcoxon signed-rank tests over data sets, Holm-corrected.

    Parameters
    ----------
    scores : DataFrame of shape (n_datasets, n_methods)
        One row per data set, one column per method (paired by row).
    control : column label or None, default=None
        None: every pair of methods, with Holm's correction over all
        ``k (k - 1) / 2`` pairs. A method name: that method against each of the
        others, Holm's correction over those ``k - 1`` tests (more powerful
        when only one method matters, e.g. LReDDPM or ISODF-ENN).
    zero_method : {"wilcox", "pratt", "zsplit"}, default="wilcox"
        Treatment of data sets where the two methods score the same; passed to
        :func:`scipy.stats.wilcoxon` ("wilcox" drops them).
    method : {"auto", "exact", "approx"}, default="auto"
        How scipy computes the p-value (exact for small N without ties).

    Returns
    -------
    DataFrame
        ``control=None``: square, symmetric, Holm-adjusted p-values with ones
        on the diagonal, indexed by method
        (:func:`scikit_posthocs.posthoc_wilcoxon` with ``p_adjust="holm"``).
        Otherwise one row per other method with columns ``p_value`` (raw,
        two-sided), ``p_holm`` (Holm-adjusted) and ``median_difference``
        (median over data sets of control minus method: positive when the
        control scores higher).

    Notes
    -----
    Holm's step-down adjustment (statsmodels' ``multipletests(method="holm")``):
    with the m raw p-values sorted increasingly, ``p_(i)`` becomes
    ``max_{j <= i} min(1, (m - j + 1) p_(j))``.

    References
    ----------
    .. [1] J. Demšar, JMLR 7, pp. 1-30, 2006, Sections 3.1.3 and 3.2.2.
    .. [2] S. Holm, Scandinavian Journal of Statistics, 6(2), pp. 65-70, 1979.
    """
    scores = _check_scores(scores)
    methods = scores.columns
    if control is None:
        p_values = sp.posthoc_wilcoxon(
            _long(scores),
            val_col="score",
            group_col="method",
            zero_method=zero_method,
            method=method,
            p_adjust="holm",
        )
        return pd.DataFrame(p_values.to_numpy(), index=methods, columns=methods)
    if control not in methods:
        raise ValueError(f"control {control!r} is not a method; methods: {list(methods)}")
    others = [m for m in methods if m != control]
    raw = [
        ss.wilcoxon(scores[control], scores[m], zero_method=zero_method, method=method).pvalue
        for m in others
    ]
    differences = scores[others].rsub(scores[control], axis=0).median(axis=0)
    return pd.DataFrame(
        {
            "p_value": raw,
            "p_holm": holm(raw),
            "median_difference": differences.to_numpy(),
        },
        index=pd.Index(others, name="method"),
    )


def _significance_from_cd(ranks, cd):
    # p = 0 where the rank gap exceeds CD (significant), 1 otherwise.
    gaps = np.abs(ranks.to_numpy()[:, None] - ranks.to_numpy()[None, :])
    return pd.DataFrame(np.where(gaps > cd, 0.0, 1.0), index=ranks.index, columns=ranks.index)


def critical_difference_diagram(ranks, p_values=None, *, cd=None, alpha=0.05, ax=None, **kwargs):
    """Demšar's critical-difference diagram, drawn by scikit-posthocs.

    Thin wrapper of :func:`scikit_posthocs.critical_difference_diagram`.

    Parameters
    ----------
    ranks : Series or dict
        Average rank of every method (e.g. ``friedman(...).average_ranks``).
    p_values : DataFrame or None, default=None
        Pairwise p-values indexed by method (:func:`nemenyi` or
        :func:`wilcoxon_holm`); methods with ``p >= alpha`` are joined by a
        bar. If None, ``cd`` decides: methods whose ranks differ by at most
        ``cd`` are joined.
    cd : float or None, default=None
        Critical difference (:func:`critical_difference`); drawn as a bar above
        the axis when given.
    alpha : float, default=0.05
        Significance level applied to ``p_values``.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure when None.
    **kwargs
        Passed to :func:`scikit_posthocs.critical_difference_diagram`
        (``label_fmt_left``, ``color_palette``, ...).

    Returns
    -------
    matplotlib.axes.Axes

    References
    ----------
    .. [1] J. Demšar, JMLR 7, pp. 1-30, 2006, Section 3.2.4.
    """
    import matplotlib.pyplot as plt

    ranks = pd.Series(ranks, dtype=float)
    if ranks.size < 2:
        raise ValueError(f"need the ranks of at least 2 methods; got {ranks.size}")
    if p_values is None:
        if cd is None:
            raise ValueError("give p_values or cd: the diagram needs one to join methods")
        p_values = _significance_from_cd(ranks, cd)
    elif set(p_values.index) != set(ranks.index) or set(p_values.columns) != set(ranks.index):
        raise ValueError("p_values must be indexed (rows and columns) by the methods of ranks")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.5 + 0.3 * ranks.size))
    sp.critical_difference_diagram(ranks, p_values, cd=cd, alpha=alpha, ax=ax, **kwargs)
    return ax
