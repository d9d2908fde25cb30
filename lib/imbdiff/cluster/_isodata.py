"""ISODATA clustering: k-means with discarding, splitting and merging of clusters.

The algorithm is Ball & Hall's ISODATA in the fourteen-step form of Tou &
Gonzalez (1974, Ch. 3), which is the form the ISODF-ENN paper lists. One
*iteration* is one pass from the assignment step (step 2) to a split or a merge:

1. initial centres (``init``);
2. assign every row to its nearest centre;
3. discard the clusters with fewer than ``theta_N`` rows, their rows going to the
   nearest remaining centre;
4. move every centre to the mean of its rows;
5. - 6. average distance of each cluster's rows to its centre, and overall;
7. decide: on the last iteration stop (``theta_C = 0``: nothing is merged); if
   there are at most ``K / 2`` clusters, split; on even iterations or with at
   least ``2 K`` clusters, merge; otherwise split;
8. - 10. split the clusters whose largest standard deviation exceeds ``theta_S``
   (and that are wide and populous enough); if any split, start the next
   iteration, otherwise go on to merge;
11. - 13. merge up to ``L`` pairs of centres closer than ``theta_C``, closest first;
14. next iteration.

Everything is vectorised over rows; the only Python loops run over iterations and
over the at most ``L`` merge candidates of one iteration.
"""

from numbers import Integral, Real

import numpy as np
from scipy import sparse
from scipy.spatial.distance import cdist, pdist
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import kmeans_plusplus
from sklearn.utils import check_array, check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted
from sklearn_compat.base import _fit_context
from sklearn_compat.utils.validation import validate_data

__all__ = ["ISODATA", "data_spread"]

# theta_S = AUTO_STD_FRACTION * s for max_std="auto": 0.5 on standardized data,
# the former absolute default.
AUTO_STD_FRACTION = 0.5
# Relative margin under which two average distances count as equal (see _split).
_TIE_RTOL = 1e-9


def data_spread(X):
    """The data's overall spread ``s``: root mean square of the features' std.

    ``s = sqrt(mean_f Var(X[:, f]))`` with population variances; 1 for
    standardized features, and ``c s`` for ``c X``. ISODATA's ``"auto"``
    thresholds are multiples of it.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    s : float
    """
    return float(np.sqrt(np.mean(np.var(X, axis=0))))


class ISODATA(ClusterMixin, BaseEstimator):
    """ISODATA clustering (Iterative Self-Organizing Data Analysis Technique).

    k-means whose number of clusters changes while it runs: clusters that are too
    small are discarded, clusters that are too spread out are split in two along
    their widest axis, and clusters whose centres are too close are merged. This is
    the clusterer of ISODF-ENN [4]_, which splits the minority class into
    sub-clusters with it; the steps follow Tou & Gonzalez [2]_ as the paper lists
    them (see the module docstring of :mod:`imbdiff.cluster._isodata` and the
    Notes below for the readings taken).

    Distances are Euclidean. By default (``"auto"``) the split and merge thresholds
    are relative to the data's own spread, so rescaling ``X`` by a positive constant
    leaves the labels unchanged; numbers given for them are in the units of ``X``.
    Features on very different scales should still be scaled first (e.g. with
    :class:`~sklearn.preprocessing.StandardScaler`), as for k-means.

    Parameters
    ----------
    n_clusters : int, default=8
        ``K`` in the paper: the desired number of clusters, and the number of
        initial centres unless ``init`` is an array. The number found,
        ``n_clusters_``, may differ: splitting stops at ``2 K`` clusters and merging
        is forced from there, so it usually ends between ``K / 2`` and ``2 K``.

    min_samples : int, default=2
        ``theta_N``: a cluster with fewer rows is discarded and its rows go to the
        nearest remaining centre. ``1`` only discards empty clusters. The paper
        gives no value; 2 keeps every sub-cluster able to have a spread.

    max_std : "auto" or float, default="auto"
        ``theta_S``: a cluster is split only when the standard deviation of its
        rows along some feature exceeds this. ``np.inf`` disables splitting.
        ``"auto"`` is half the spread of the whole data, ``theta_S = 0.5 s`` with
        ``s`` the root mean square of the features' standard deviations (see
        Notes): 0.5 on standardized features. Neither Ball & Hall [1]_ nor the
        paper gives a value.

    min_center_distance : "auto", float or None, default="auto"
        ``theta_C``: two centres closer than this (strictly) may be merged.
        ``0`` disables merging. ``"auto"`` (or None) computes it as the paper
        does, ``theta_C = Mul * theta_S = merge_multiplier * max_std``, with
        ``theta_S`` as resolved from ``max_std``.

    merge_multiplier : float, default=2.0
        ``Mul`` of the paper (its parameter study, Tables 4 - 5):
        ``theta_C = Mul * theta_S`` when ``min_center_distance`` is "auto" or
        None, ignored otherwise. The default gives ``theta_C = s`` with the
        default ``max_std``: centres closer than one overall standard deviation
        merge (1 on standardized data). The paper tries 5, 20, 50
        and 100 and finds 50 - 100 best, but does not give its ``theta_S``; those
        multiples only make sense with a much smaller ``max_std`` (e.g.
        ``max_std=0.02, merge_multiplier=50`` on standardized data), which makes
        nearly every wide cluster split on odd iterations.

    max_merge_pairs : int, default=2
        ``L``: at most this many pairs of centres are merged in one iteration.
        ``0`` disables merging. The paper gives no value.

    max_iter : int, default=20
        ``I``: the number of iterations (the paper's best setting in its parameter
        study, Table 5). Fewer are run when the clustering stops changing (see
        Notes).

    split_factor : float, default=0.5
        ``k`` of Tou & Gonzalez, ``0 < k <= 1``: a split cluster ``j`` is replaced
        by two centres ``z_j -/+ k * sigma_jmax`` along the feature of its largest
        standard deviation ``sigma_jmax``.

    init : {"random", "k-means++"} or array-like of shape (n_init_centers, \
n_features), default="random"
        The initial centres: ``"random"`` takes ``n_clusters`` distinct rows at
        random (Ball & Hall's and Tou & Gonzalez's arbitrary preselection),
        ``"k-means++"`` seeds them with :func:`sklearn.cluster.kmeans_plusplus`;
        an array gives them (``N_c`` of Tou & Gonzalez, which may differ from
        ``K = n_clusters``).

    random_state : int, RandomState instance or None, default=None
        Seeds the initial centres (the only random step). Pass an int for
        reproducible output.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters_, n_features)
        The centres after the last iteration.

    labels_ : ndarray of shape (n_samples,)
        The nearest centre of every training row, ``0 .. n_clusters_ - 1``; equal
        to ``predict(X)`` on the training rows.

    n_clusters_ : int
        Number of clusters found.

    n_iter_ : int
        Number of iterations run.

    max_std_ : float
        ``theta_S`` used for splitting: ``max_std``, or ``0.5 s`` when it is
        "auto".

    min_center_distance_ : float
        ``theta_C`` used for merging: ``min_center_distance``, or
        ``merge_multiplier * max_std_`` when that is "auto" or None.

    history_ : ndarray of shape (n_iter_,)
        Number of clusters at the end of every iteration (after its split or
        merge).

    n_features_in_ : int
        Number of features seen during fit.

    feature_names_in_ : ndarray of shape (n_features_in_,)
        Names of the features, defined only when ``X`` has string column names.

    See Also
    --------
    select_n_clusters : Choose ``n_clusters`` by the silhouette coefficient.
    sklearn.cluster.KMeans : The same algorithm without discarding, splitting or
        merging.

    Notes
    -----
    Readings taken where the sources are brief or disagree:

    * **Scale-free thresholds** (``"auto"``). Ball & Hall [1]_ and Tou & Gonzalez
      [2]_ leave ``theta_S`` and ``theta_C`` to the user, in the units of the
      data, and the ISODF-ENN paper [4]_ only ties them, ``theta_C = Mul *
      theta_S``. The default reads both relative to the spread of the rows
      being clustered: ``s = sqrt(mean_f Var(X[:, f]))`` (population variances;
      ``s = 1`` for standardized features), ``theta_S = 0.5 s`` and
      ``theta_C = Mul * theta_S``. These are the former absolute defaults (0.5
      and 1) on standardized data, so the rule only changes results on data
      that are not standardized. Both thresholds scale with ``X``, and every
      other step (nearest centres, means, the split offsets
      ``k sigma_jmax``) is equivariant, so the labels do not depend on the
      units of ``X``.

    * **Iterations.** Every pass through the assignment step counts as one, also
      the pass that follows a split (the paper: "the number of iterative
      operations should be incremented by 1 each time"); they are numbered from 1,
      so iteration 1 is odd and may split.
    * **Discarding** (step 3). All clusters under ``theta_N`` rows go at once and
      their rows are reassigned to the nearest remaining centre before the
      centres are updated, as the paper says (Tou & Gonzalez only drop the
      cluster). If every cluster is too small, the largest is kept.
    * **Step 7.** The paper's text sends even iterations and ``N_c >= 2K`` to
      merging and everything else to splitting; Tou & Gonzalez first send
      ``N_c <= K / 2`` to splitting whatever the parity, and that rule is kept
      (the paper's split condition, whose formula is lost in its text, refers
      to it).
    * **Splitting** (steps 8 - 10). Cluster ``j`` splits when
      ``sigma_jmax > theta_S`` and either (its average distance to its centre
      exceeds the overall average and ``N_j > 2 (theta_N + 1)``) or there are at
      most ``K / 2`` clusters. All such clusters split in the same iteration.
      Standard deviations are those of the population (divided by ``N_j``).
      The new centres are ``z_j -/+ k sigma_jmax`` along that feature, with
      ``k = split_factor`` (the paper's "plus K sigma_jmax and minus K
      sigma_jmax", where K is this fraction, not the number of clusters).
    * **Merging** (steps 11 - 13). The ``L`` smallest centre distances below
      ``theta_C`` are taken in increasing order (ties by centre index); a pair
      whose centre was already merged in this iteration is skipped, so fewer
      than ``L`` merges may happen. The new centre is the size-weighted mean
      ``(N_i z_i + N_j z_j) / (N_i + N_j)``. Merging happens on every iteration
      that does not split, including odd ones where no cluster qualified.
    * **Last iteration.** The paper and Tou & Gonzalez set ``theta_C = 0``: it
      assigns, discards and updates, and neither splits nor merges.
    * **Stopping early.** When two consecutive iterations (one odd, one even)
      discard, split and merge nothing and leave the centres exactly unchanged,
      every later iteration would too, so the run stops there with the same
      result as running all ``max_iter``.
    * **Labels.** After the last iteration the rows are assigned once more to the
      final centres, as :class:`~sklearn.cluster.KMeans` does, so that
      ``labels_ == predict(X)``; the centres are the means of the ``labels_``
      rows whenever the run stopped early (it converged). A centre that no row is
      nearest to then is dropped.

    References
    ----------
    .. [1] Ball, G. H., Hall, D. J. (1965). ISODATA, a novel method of data
       analysis and pattern classification. Technical report, Stanford Research
       Institute, Menlo Park, CA.
    .. [2] Tou, J. T., Gonzalez, R. C. (1974). Pattern Recognition Principles.
       Addison-Wesley, Reading, MA (Ch. 3, the ISODATA algorithm).
    .. [3] Arthur, D., Vassilvitskii, S. (2007). k-means++: the advantages of
       careful seeding. SODA.
    .. [4] ISODF-ENN: a mixed sampling method based on ISODATA denoising
       diffusion and edited nearest neighbours (title paraphrased from the
       abstract; the available text lacks its title block). Journal of
       Intelligent & Fuzzy Systems (2024): the ISODATA section, Fig. 3, and the
       parameter study, Tables 4 - 5.

    Examples
    --------
    >>> from sklearn.datasets import make_blobs
    >>> from imbdiff.cluster import ISODATA
    >>> X, _ = make_blobs(n_samples=200, centers=4, cluster_std=0.5, random_state=0)
    >>> model = ISODATA(n_clusters=2, max_std=1.0, min_center_distance=2.0,
    ...                 random_state=0).fit(X)
    >>> model.n_clusters_
    4
    >>> ISODATA(n_clusters=4, random_state=0).fit(X * 1000).n_clusters_
    4
    """

    _parameter_constraints: dict = {
        "n_clusters": [Interval(Integral, 1, None, closed="left")],
        "min_samples": [Interval(Integral, 1, None, closed="left")],
        "max_std": [StrOptions({"auto"}), Interval(Real, 0, np.inf, closed="both")],
        "min_center_distance": [
            StrOptions({"auto"}),
            Interval(Real, 0, np.inf, closed="both"),
            None,
        ],
        "merge_multiplier": [Interval(Real, 0, np.inf, closed="left")],
        "max_merge_pairs": [Interval(Integral, 0, None, closed="left")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "split_factor": [Interval(Real, 0, 1, closed="right")],
        "init": [StrOptions({"random", "k-means++"}), "array-like"],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        *,
        n_clusters=8,
        min_samples=2,
        max_std="auto",
        min_center_distance="auto",
        merge_multiplier=2.0,
        max_merge_pairs=2,
        max_iter=20,
        split_factor=0.5,
        init="random",
        random_state=None,
    ):
        self.n_clusters = n_clusters
        self.min_samples = min_samples
        self.max_std = max_std
        self.min_center_distance = min_center_distance
        self.merge_multiplier = merge_multiplier
        self.max_merge_pairs = max_merge_pairs
        self.max_iter = max_iter
        self.split_factor = split_factor
        self.init = init
        self.random_state = random_state

    def _theta_s(self, X):
        """``theta_S``: ``max_std``, or half the data's spread when it is "auto"."""
        if isinstance(self.max_std, str):  # "auto"
            return AUTO_STD_FRACTION * data_spread(X)
        return float(self.max_std)

    def _theta_c(self, theta_s):
        """``theta_C``: ``min_center_distance``, or ``Mul * theta_S`` ("auto", None)."""
        if self.min_center_distance is not None and not isinstance(
            self.min_center_distance, str
        ):
            return float(self.min_center_distance)
        if self.merge_multiplier == 0:  # inf * 0 would be NaN; nothing merges
            return 0.0
        return float(self.merge_multiplier * theta_s)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Cluster ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Rows to cluster; finite numbers.
        y : Ignored
            Not used, present for API consistency.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        X = validate_data(self, X, dtype=np.float64)
        centers = self._initial_centers(X)
        self.max_std_ = self._theta_s(X)
        self.min_center_distance_ = self._theta_c(self.max_std_)
        centers, self.n_iter_, history = _isodata(
            X,
            centers,
            n_clusters=self.n_clusters,
            min_samples=self.min_samples,
            max_std=self.max_std_,
            min_center_distance=self.min_center_distance_,
            max_merge_pairs=self.max_merge_pairs,
            max_iter=self.max_iter,
            split_factor=self.split_factor,
        )
        self.labels_, self.cluster_centers_ = _final_labels(X, centers)
        self.n_clusters_ = len(self.cluster_centers_)
        self.history_ = np.asarray(history, dtype=np.intp)
        return self

    def predict(self, X):
        """Index of the nearest centre of every row of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Rows to label.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
            Index into ``cluster_centers_``.
        """
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return _assign(X, self.cluster_centers_)[0]

    def _initial_centers(self, X):
        """Step 1: the initial centres, after checking there are rows enough."""
        n_samples = X.shape[0]
        if n_samples < self.n_clusters:
            raise ValueError(
                f"n_samples={n_samples} should be >= n_clusters={self.n_clusters}: "
                "ISODATA needs at least as many rows as clusters."
            )
        rng = check_random_state(self.random_state)
        if isinstance(self.init, str) and self.init == "k-means++":
            return kmeans_plusplus(X, self.n_clusters, random_state=rng)[0]
        if isinstance(self.init, str):  # "random": distinct rows, as preselected centres
            return X[rng.choice(n_samples, self.n_clusters, replace=False)]
        centers = check_array(self.init, dtype=np.float64, copy=True, input_name="init")
        if centers.shape[1] != X.shape[1]:
            raise ValueError(
                f"init has {centers.shape[1]} features but X has {X.shape[1]}: the "
                "initial centres must have one column per feature."
            )
        if n_samples < len(centers):
            raise ValueError(
                f"n_samples={n_samples} should be >= the {len(centers)} initial "
                "centres given as init."
            )
        return centers


# ----------------------------------------------------------------------------
# The algorithm, on a float64 array (private)
# ----------------------------------------------------------------------------


def _isodata(
    X,
    centers,
    *,
    n_clusters,
    min_samples,
    max_std,
    min_center_distance,
    max_merge_pairs,
    max_iter,
    split_factor,
):
    """Run the ISODATA iterations from ``centers``.

    Returns
    -------
    centers : ndarray of shape (n_found, n_features)
    n_iter : int
    history : list of int
        Number of centres at the end of every iteration.
    """
    history, unchanged = [], 0
    for iteration in range(1, max_iter + 1):
        start = centers
        labels, discarded = _assign_and_discard(X, centers, min_samples)
        stats = _cluster_statistics(X, labels)
        centers = stats["centers"]
        if iteration < max_iter:  # last iteration: theta_C = 0, no split or merge
            centers = _split_or_merge(
                stats,
                iteration,
                n_clusters=n_clusters,
                min_samples=min_samples,
                max_std=max_std,
                min_center_distance=min_center_distance,
                max_merge_pairs=max_merge_pairs,
                split_factor=split_factor,
            )
        history.append(len(centers))
        # A split or merge changes the number of centres. A discard followed by a
        # split can give back the same centres, but the last iteration, which
        # does not split, would not: only quiet iterations count. Splitting
        # depends on parity, so it takes two in a row (one of each) to prove a
        # fixed point.
        quiet = not discarded and len(centers) == len(stats["centers"])
        unchanged = unchanged + 1 if quiet and _same(start, centers) else 0
        if unchanged == 2:
            break
    return centers, iteration, history


def _assign(X, centers):
    """Step 2: nearest centre of every row (first one on ties), and the distances."""
    sq_distances = cdist(X, centers, "sqeuclidean")
    return sq_distances.argmin(axis=1), sq_distances


def _assign_and_discard(X, centers, min_samples):
    """Steps 2 and 3: assign, drop clusters under ``min_samples`` rows, reassign.

    Returns labels ``0 .. n_kept - 1`` numbering the kept centres in their order,
    and whether any cluster was discarded.
    """
    labels, sq_distances = _assign(X, centers)
    counts = np.bincount(labels, minlength=len(centers))
    keep = counts >= min_samples
    if keep.all():
        return labels, False
    if not keep.any():  # nothing would be left: keep the largest cluster
        keep[np.argmax(counts)] = True
    # A row of a kept cluster keeps its centre, which is still its nearest one;
    # the rows of discarded clusters go to their nearest kept centre.
    return sq_distances[:, keep].argmin(axis=1), True


def _group_sum(labels, values, n_groups):
    """Sum of the rows of ``values`` per label, as an (n_groups, ...) array."""
    indicator = sparse.csr_array(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))),
        shape=(n_groups, len(labels)),
    )
    return indicator @ values


def _cluster_statistics(X, labels):
    """Steps 4 - 6: centres, sizes, per-feature standard deviations, mean distances.

    ``labels`` must number non-empty clusters ``0 .. n - 1``.
    """
    n_groups = labels.max() + 1
    counts = np.bincount(labels, minlength=n_groups)
    centers = _group_sum(labels, X, n_groups) / counts[:, None]
    deviations = X - centers[labels]
    sq_deviations = deviations**2
    # Population standard deviation (divided by N_j), Tou & Gonzalez's sigma_j.
    std = np.sqrt(_group_sum(labels, sq_deviations, n_groups) / counts[:, None])
    distances = np.sqrt(sq_deviations.sum(axis=1))
    mean_distance = np.bincount(labels, weights=distances, minlength=n_groups) / counts
    return {
        "centers": centers,
        "counts": counts,
        "std": std,
        "mean_distance": mean_distance,  # D_j
        "overall_distance": distances.sum() / len(labels),  # D = sum N_j D_j / N
    }


def _split_or_merge(
    stats,
    iteration,
    *,
    n_clusters,
    min_samples,
    max_std,
    min_center_distance,
    max_merge_pairs,
    split_factor,
):
    """Step 7: split (then reassign) or merge, by the number of clusters and parity."""
    centers = stats["centers"]
    n_current = len(centers)
    too_few = 2 * n_current <= n_clusters  # N_c <= K / 2, in integers
    if too_few or (iteration % 2 == 1 and n_current < 2 * n_clusters):
        split = _split(stats, too_few, min_samples, max_std, split_factor)
        if split is not None:
            return split
    return _merge(centers, stats["counts"], min_center_distance, max_merge_pairs)


def _split(stats, too_few, min_samples, max_std, split_factor):
    """Steps 8 - 10: split every qualifying cluster along its widest feature.

    Returns the new centres, each split centre replaced in place by its two
    halves ``z - k sigma_max e``, ``z + k sigma_max e``, or None if none split.
    """
    centers, std = stats["centers"], stats["std"]
    axis = std.argmax(axis=1)
    sigma_max = std[np.arange(len(std)), axis]
    # D_j > D with a relative margin: D_j and D are sums in different orders, so
    # when they are equal (always, with one cluster) rounding, and so the units of
    # X, would otherwise decide. The margin is far above rounding, far below data.
    wide = stats["mean_distance"] > stats["overall_distance"] * (1 + _TIE_RTOL)
    wide_and_big = wide & (stats["counts"] > 2 * (min_samples + 1))
    splits = (sigma_max > max_std) & (wide_and_big | too_few)
    if not splits.any():
        return None
    new_centers = np.repeat(centers, np.where(splits, 2, 1), axis=0)
    first = np.cumsum(np.where(splits, 2, 1)) - np.where(splits, 2, 1)
    offset = split_factor * sigma_max[splits]
    new_centers[first[splits], axis[splits]] -= offset
    new_centers[first[splits] + 1, axis[splits]] += offset
    return new_centers


def _merge(centers, counts, min_center_distance, max_merge_pairs):
    """Steps 11 - 13: merge the closest pairs of centres, each centre at most once.

    Merged centres (size-weighted means) follow the unmerged ones.
    """
    if max_merge_pairs == 0 or len(centers) < 2:
        return centers
    distances = pdist(centers)  # pairs (i, j), i < j, in np.triu_indices order
    close = np.flatnonzero(distances < min_center_distance)
    if close.size == 0:
        return centers
    candidates = close[np.argsort(distances[close], kind="stable")][:max_merge_pairs]
    first, second = np.triu_indices(len(centers), k=1)
    used = np.zeros(len(centers), dtype=bool)
    merged = []
    for i, j in zip(first[candidates], second[candidates]):  # at most L pairs
        if used[i] or used[j]:
            continue
        used[i] = used[j] = True
        merged.append((counts[i] * centers[i] + counts[j] * centers[j]) / (counts[i] + counts[j]))
    return np.vstack([centers[~used], *merged])


def _same(a, b):
    """Whether two sets of centres are exactly equal (same count, same values)."""
    return a.shape == b.shape and np.array_equal(a, b)


def _final_labels(X, centers):
    """Assign the rows to the final centres; drop a centre no row is nearest to."""
    labels, _ = _assign(X, centers)
    present = np.bincount(labels, minlength=len(centers)) > 0
    if present.all():
        return labels, centers
    # Removing a centre that no row chose changes no row's nearest centre.
    renumber = np.cumsum(present) - 1
    return renumber[labels], centers[present]
