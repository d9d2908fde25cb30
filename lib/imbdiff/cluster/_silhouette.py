"""The number of clusters with the largest mean silhouette coefficient (paper's Fig. 7)."""

from numbers import Integral

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.utils import check_array, check_random_state

from ._isodata import ISODATA

__all__ = ["select_n_clusters"]

_CLUSTERERS = ("isodata", "kmeans")


def select_n_clusters(
    X,
    candidates=range(2, 11),
    *,
    method="silhouette",
    clusterer="isodata",
    random_state=None,
):
    """Choose the number of clusters ``K`` by the mean silhouette coefficient.

    For every candidate ``K`` the rows are clustered with ``n_clusters=K`` and the
    mean silhouette coefficient of the result is computed
    (:func:`sklearn.metrics.silhouette_score`, Euclidean): for row ``i`` with mean
    distance ``a(i)`` to the rest of its cluster and ``b(i)`` to the nearest other
    cluster, ``s(i) = (b(i) - a(i)) / max(a(i), b(i))`` (Eq. 3 of [2]_). The best
    ``K`` has the largest mean. Ties (several ``K`` ending in the same
    clustering, as ISODATA often does) go to the ``K`` nearest to the number of
    clusters found, then to the smallest ``K``.

    The ISODF-ENN paper chooses with the silhouette "the k" of ISODATA, "so that
    the clustering of ISODATA is more accurate" (its ISODF-ENN section), so by default the
    clusterer scored is :class:`ISODATA` with that ``K`` as ``n_clusters``. Since
    ISODATA may end with another number of clusters, the table also reports the
    number found: the paper's Fig. 7 plots the score against ``K`` and its Table 1
    lists the number of sub-clusters found.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Rows to cluster (the minority class in ISODF-ENN); finite numbers, at
        least 3 rows. Scale the features first: distances are Euclidean.

    candidates : iterable of int, default=range(2, 11)
        Values of ``K`` to try, each at least 2. Those not below ``n_samples``
        are skipped (a silhouette needs fewer clusters than rows).

    method : {"silhouette"}, default="silhouette"
        The criterion; only the mean silhouette coefficient is implemented.

    clusterer : {"isodata", "kmeans"} or estimator, default="isodata"
        What clusters the rows for each ``K``: ``"isodata"`` is
        ``ISODATA(n_clusters=K)`` with its defaults, ``"kmeans"`` is
        :class:`sklearn.cluster.KMeans` with ``n_init="auto"``; an estimator with
        an ``n_clusters`` parameter (e.g. a configured :class:`ISODATA`) is cloned
        and given ``n_clusters=K`` (and ``random_state`` when that is not None).

    random_state : int, RandomState instance or None, default=None
        Seeds the clusterer; every ``K`` gets the same seed.

    Returns
    -------
    best : int
        The ``K`` with the largest mean silhouette coefficient.

    scores : pandas.DataFrame
        One row per ``K`` tried (index ``n_clusters``), with columns
        ``silhouette`` (NaN where the clustering found a single cluster, which
        has no silhouette) and ``n_clusters_found``.

    Raises
    ------
    ValueError
        If ``X`` has fewer than 3 rows or non-finite values, a candidate is below 2,
        no candidate is below ``n_samples``, or no clustering found two clusters.

    References
    ----------
    .. [1] Rousseeuw, P. J. (1987). Silhouettes: a graphical aid to the
       interpretation and validation of cluster analysis. Journal of Computational
       and Applied Mathematics 20, 53-65.
    .. [2] ISODF-ENN: a mixed sampling method based on ISODATA denoising
       diffusion and edited nearest neighbours (title paraphrased from the
       abstract). Journal of Intelligent & Fuzzy Systems (2024): Eq. 3, Fig. 7
       and Table 1.

    Examples
    --------
    >>> from sklearn.datasets import make_blobs
    >>> from sklearn.preprocessing import StandardScaler
    >>> from imbdiff.cluster import select_n_clusters
    >>> X, _ = make_blobs(n_samples=150, centers=[[0, 0], [8, 0], [0, 8]], random_state=0)
    >>> X = StandardScaler().fit_transform(X)
    >>> best, scores = select_n_clusters(X, range(2, 7), random_state=0)
    >>> best
    3
    >>> scores["n_clusters_found"].tolist()
    [3, 3, 3, 3, 3]
    """
    if method != "silhouette":
        raise ValueError(f"method must be 'silhouette', got {method!r}.")
    X = check_array(X, dtype=np.float64, ensure_min_samples=1)
    if X.shape[0] < 3:
        raise ValueError(
            f"select_n_clusters needs at least 3 rows (samples) for a silhouette, "
            f"got n_samples={X.shape[0]}."
        )
    ks = _check_candidates(candidates, X.shape[0])
    seed = _shared_seed(random_state)
    rows = [_score(X, _clusterer_for(clusterer, k, seed)) for k in ks]
    scores = pd.DataFrame(
        rows, index=pd.Index(ks, name="n_clusters"), columns=["silhouette", "n_clusters_found"]
    )
    if scores["silhouette"].isna().all():
        raise ValueError(
            "no candidate K gave two or more clusters, so no silhouette exists; "
            f"clusters found per K: {scores['n_clusters_found'].to_dict()}."
        )
    return _best(scores), scores


def _best(scores):
    """The K of the largest silhouette; ties to the K nearest the clusters found."""
    silhouette = scores["silhouette"].to_numpy()
    # Equal partitions numbered differently may differ in the last bits.
    tied = np.isclose(silhouette, np.nanmax(silhouette), rtol=1e-12, atol=1e-12)
    ks = scores.index.to_numpy()[tied]
    gap = np.abs(ks - scores["n_clusters_found"].to_numpy()[tied])
    return int(ks[np.lexsort((ks, gap))[0]])


def _check_candidates(candidates, n_samples):
    """The candidate K as sorted distinct ints below ``n_samples``."""
    values = list(candidates)
    if not values or not all(_is_integer(k) for k in values):
        raise ValueError(f"candidates must be a non-empty list of integers, got {values!r}.")
    ks = sorted({int(k) for k in values})
    if ks[0] < 2:
        raise ValueError(f"every candidate number of clusters must be at least 2, got {ks[0]}.")
    usable = [k for k in ks if k < n_samples]
    if not usable:
        raise ValueError(
            f"every candidate K ({ks}) is >= n_samples={n_samples}; a silhouette "
            "needs fewer clusters than rows."
        )
    return usable


def _is_integer(value):
    return isinstance(value, Integral | np.integer) and not isinstance(value, bool)


def _shared_seed(random_state):
    """An int or None for every K, so that each K's run can be repeated alone."""
    if random_state is None or _is_integer(random_state):
        return random_state
    return int(check_random_state(random_state).randint(np.iinfo(np.int32).max))


def _clusterer_for(clusterer, k, seed):
    """The estimator that clusters with ``k`` clusters."""
    if isinstance(clusterer, str):
        if clusterer == "isodata":
            return ISODATA(n_clusters=k, random_state=seed)
        if clusterer == "kmeans":
            return KMeans(n_clusters=k, n_init="auto", random_state=seed)
        raise ValueError(
            f"clusterer must be one of {_CLUSTERERS} or an estimator, got {clusterer!r}."
        )
    if "n_clusters" not in clusterer.get_params():
        raise ValueError(f"clusterer {clusterer!r} has no n_clusters parameter.")
    estimator = clone(clusterer).set_params(n_clusters=k)
    if seed is not None and "random_state" in estimator.get_params():
        estimator.set_params(random_state=seed)
    return estimator


def _score(X, estimator):
    """(mean silhouette or NaN, number of clusters found) of one clustering."""
    labels = estimator.fit_predict(X)
    n_found = len(np.unique(labels))
    if not 2 <= n_found <= len(X) - 1:  # the silhouette's own domain
        return np.nan, n_found
    return float(silhouette_score(X, labels)), n_found
