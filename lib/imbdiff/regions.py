"""Types of examples by their neighbourhood: safe, border, rare and outlier.

Every row is typed by the classes of its ``k`` nearest other rows under the
Heterogeneous Value Difference Metric (HVDM), following Napierala & Stefanowski
(2016) and Eq. 5 of the LReDDPM paper. HVDM is computed as a Euclidean distance on
an embedding of the table (see :func:`hvdm_embedding`), so the neighbour search is
scikit-learn's :class:`~sklearn.neighbors.NearestNeighbors` over the distinct rows
(duplicates are counted, not searched again), with an exact re-ranking wherever
rounding or ties could change the answer.
"""

from numbers import Integral

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.neighbors import NearestNeighbors

__all__ = [
    "REGION_NAMES",
    "TIE_RTOL",
    "hvdm_embedding",
    "region_counts",
    "region_types",
    "region_types_of",
    "same_class_fraction",
]

#: The four types, in the order of Eq. 5 (regions 1 to 4 of the LReDDPM paper).
REGION_NAMES = ("safe", "border", "rare", "outlier")

#: Relative tolerance on squared HVDM distances under which two distances tie.
#: It absorbs rounding (the standard deviations, sums over attributes taken in
#: another order) so that mathematically equal distances always tie, while
#: distances that differ in real data are never this close.
TIE_RTOL = 1e-10

# Lower edges of the same-class fraction for "safe" (4/5) and "border" (2/5),
# as (numerator, denominator) so the comparison is exact integer arithmetic.
_SAFE_FRACTION = (4, 5)
_BORDER_FRACTION = (2, 5)

# Below this standard deviation the squares in it may have lost precision.
_SMALLEST_SAFE_SIGMA = 1e-140

# Work arrays of the re-ranking are kept to about this many float64 elements.
_CHUNK_ELEMENTS = 1 << 22


# ----------------------------------------------------------------------------
# Public functions
# ----------------------------------------------------------------------------


def region_types(X, y, *, k=5, categorical_features="auto"):
    """Type every row as safe, border, rare or outlier relative to its own class.

    A row's type is read from the classes of its ``k`` nearest other rows under
    HVDM (Wilson & Martinez 1997). With the same-class fraction
    ``f = same / k`` among those neighbours:

    ============  ===================  =====================
    type          rule on ``f``        ``k = 5`` (Eq. 5)
    ============  ===================  =====================
    ``"safe"``    ``f >= 4/5``         5:0 or 4:1
    ``"border"``  ``2/5 <= f < 4/5``   3:2 or 2:3
    ``"rare"``    ``0 < f < 2/5``      1:4
    ``"outlier"`` ``f == 0``           0:5
    ============  ===================  =====================

    so ``k = 5`` reproduces Eq. 5 of the LReDDPM paper exactly and other ``k``
    keep its proportions. "Same class" is the row's own label and "other" is any
    other label, so multi-class targets work too.

    Parameters
    ----------
    X : {array-like, DataFrame} of shape (n_samples, n_features)
        The rows to type. Numeric columns must be finite; nominal columns must
        have no missing values.
    y : array-like of shape (n_samples,)
        Class labels, at least two distinct ones.
    k : int, default=5
        Number of neighbours. ``n_samples`` must be at least ``k + 1``.
    categorical_features : "auto", None, array-like of str, int or bool, \
            default="auto"
        Which columns are nominal (compared by the value difference metric):

        - ``"auto"``: the ``category``, ``object`` and ``string`` columns of a
          DataFrame; none for any other input. Boolean columns stay numeric
          (0/1); list them explicitly to treat them as nominal.
        - ``None``: no nominal column.
        - column names (str) of a DataFrame, or integer positions
          ``0 <= i < n_features``, or a boolean mask of length ``n_features``.

    Returns
    -------
    types : ndarray of str of shape (n_samples,)
        One of :data:`REGION_NAMES` per row.

    Raises
    ------
    ValueError
        On empty ``X``, NaN or infinity in numeric columns (named), missing
        values in nominal columns (named), ``X``/``y`` length mismatch, a single
        class, ``k < 1``, fewer than ``k + 1`` rows, or unknown or out-of-range
        ``categorical_features``.

    See Also
    --------
    same_class_fraction : The fraction ``f`` the types are read from.
    hvdm_embedding : The matrix whose Euclidean distances are HVDM.
    region_counts : How many rows of each type.

    Notes
    -----
    **Neighbours.** A row is never its own neighbour (it is excluded by index),
    but an exact duplicate of it is a different row: a neighbour at distance 0.

    **Ties.** When several rows tie at the k-th smallest distance, all of them
    share the slots left by the strictly closer rows: if ``c`` rows are strictly
    closer, ``s_c`` of them of the same class, and ``t`` rows tie at the k-th
    distance, ``s_t`` of them of the same class, then
    ``same = s_c + (k - c) * s_t / t``. This is the expected same-class count
    when the tie is broken uniformly at random, so the result does not depend on
    the order of the rows, and equals the plain count whenever there is no tie
    (then ``t = k - c``, and Eq. 5 applies unchanged). The bands above are
    applied to this ``f`` with exact rational comparisons. Distances tie when
    their squares agree within a relative :data:`TIE_RTOL`; they are
    recomputed exactly (as sums of squared differences, not by the
    ``|a|^2 + |b|^2 - 2ab`` expansion) before ranking. Nothing here is random:
    the same input always gives the same output.

    **Distance.** See :func:`hvdm_embedding` (sample standard deviation,
    ``ddof=1``, as in Wilson & Martinez).

    References
    ----------
    .. [1] D. R. Wilson and T. R. Martinez, "Improved heterogeneous distance
       functions", Journal of Artificial Intelligence Research 6, 1-34, 1997.
    .. [2] K. Napierala and J. Stefanowski, "Types of minority class examples
       and their influence on learning classifiers from imbalanced data",
       Journal of Intelligent Information Systems 46, 563-597, 2016.
       doi:10.1007/s10844-015-0368-1.
    .. [3] G. Yang, Z. Zeng and R. Duan, "Diffusion Model Based on Reverse
       Guidance of Regional Samples" (LReDDPM), Journal of Artificial
       Intelligence Research 85, Article 27, 2026: Section 3.1, Eq. 5, and
       Appendix B, Table 12.

    Examples
    --------
    >>> import numpy as np
    >>> from imbdiff.regions import region_types
    >>> X = np.array([[0.0], [1], [3], [7], [15], [31], [63], [127]])
    >>> y = np.array([1, 1, 1, 0, 0, 0, 0, 0])
    >>> region_types(X, y, k=3).tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['border', 'border', 'border', 'outlier', 'rare', 'border', 'safe', 'safe']

    The row at 7 has the three class-1 rows nearest (0:3, outlier); the row at
    15 has 7, 3 and 1 (1:2, rare).
    """
    numerator, denominator = _same_class_counts(X, y, k, categorical_features)
    return _types_from_counts(numerator, denominator)


def region_types_of(X_new, y_new, X, y, *, k=5, categorical_features="auto"):
    """Type new rows (e.g. synthetic ones) against a reference set ``(X, y)``.

    Each new row ``X_new[i]``, of class ``y_new[i]``, is typed exactly as
    :func:`region_types` types a row, but from the classes of its ``k`` nearest
    rows **of the reference set** under the HVDM **of the reference set**: the
    standard deviations of the numeric columns and the class frequencies
    ``P(c | a = v)`` of the nominal values are those of ``(X, y)``
    (:func:`hvdm_embedding`). The new rows neither change the metric nor are
    neighbours of one another, so typing them one at a time or together gives
    the same answer. The bands (Eq. 5 for ``k = 5``) and the tie rule are
    those of :func:`region_types`.

    Parameters
    ----------
    X_new : {array-like, DataFrame} of shape (n_new, n_features)
        The rows to type, with the columns of ``X``: the same names in the
        same order if both are DataFrames, the same number otherwise. The
        nominal columns are those of ``X``. May have no rows.
    y_new : array-like of shape (n_new,) or scalar
        Their class labels, each one a class of ``y``; a scalar labels every
        new row.
    X : {array-like, DataFrame} of shape (n_samples, n_features)
        The reference rows, as in :func:`region_types`.
    y : array-like of shape (n_samples,)
        Their class labels, at least two distinct ones.
    k : int, default=5
        Number of neighbours. ``n_samples`` must be at least ``k``.
    categorical_features : "auto", None, array-like of str, int or bool, \
            default="auto"
        Nominal columns, read on ``X`` as in :func:`region_types` and applied
        to ``X_new`` by position.

    Returns
    -------
    types : ndarray of str of shape (n_new,)
        One of :data:`REGION_NAMES` per new row.

    Raises
    ------
    ValueError
        Everything :func:`region_types` raises for ``X`` or ``y`` (except that
        ``k`` rows suffice), and: columns of ``X_new`` that do not match
        ``X``; NaN or infinity in a numeric column or a missing value in a
        nominal column of ``X_new``; a nominal value of ``X_new`` that ``X``
        does not have (the column and the values are named); numeric values of
        ``X_new`` so far from ``X`` that their HVDM overflows; a label in
        ``y_new`` that is not a class of ``y``; ``y_new`` of the wrong length.

    Notes
    -----
    **Neighbours.** Every reference row is an "other" row: a new row is not
    in the reference, so nothing is excluded as "self". A new row equal to a
    reference row (a copy) has that row as a neighbour at distance 0, just as
    :func:`region_types` counts a duplicate. Hence typing a copy of reference
    row ``r`` against the reference without ``r`` gives ``region_types(X,
    y)[r]`` whenever removing ``r`` does not change the order of ``r``'s
    neighbours (its removal changes the standard deviations and frequencies
    slightly).

    **Ties.** As in :func:`region_types`: the rows tied at the k-th distance
    share the slots left by the strictly closer ones.

    **Unseen nominal values.** HVDM has no class frequencies for a value that
    the reference lacks, so such a value is an error rather than a guess.

    Examples
    --------
    >>> import numpy as np
    >>> from imbdiff.regions import region_types_of
    >>> X = np.array([[0.0], [1], [2], [3], [10], [11], [12], [13]])
    >>> y = np.array([1, 1, 1, 1, 0, 0, 0, 0])
    >>> region_types_of([[1.5], [6.4], [11.5]], 1, X, y, k=3).tolist()
    ['safe', 'border', 'outlier']

    The row at 6.4 has 3, 10 and 2 nearest (classes 1, 0, 1: 2:1, border).
    """
    k = _validate_k(k)
    reference = _validate_table(X, categorical_features)
    class_codes, classes = _encode_classes(y, reference.n_rows)
    if reference.n_rows < k:
        raise ValueError(
            f"region_types_of with k={k} needs at least k = {k} reference rows; "
            f"X has {reference.n_rows}."
        )
    n_new = _check_same_columns(X_new, X)
    new_codes = _encode_new_classes(y_new, classes, n_new)
    if n_new == 0:
        return np.asarray(REGION_NAMES)[np.empty(0, dtype=np.intp)]
    # The nominal columns are those of the reference, by position.
    nominal = list(reference.is_nominal) if reference.is_nominal.any() else None
    new = _validate_table(X_new, nominal, what="X_new")
    embedding = _HVDMEmbedding().fit(reference, class_codes, classes.size)
    numerator, denominator = _query_same_class_counts(
        embedding.transform(new, what="X_new"),
        new_codes,
        embedding.transform(reference),
        class_codes,
        classes.size,
        k,
    )
    return _types_from_counts(numerator, denominator)


def same_class_fraction(X, y, *, k=5, categorical_features="auto"):
    """Fraction of each row's k nearest other rows (HVDM) that share its class.

    Parameters
    ----------
    X : {array-like, DataFrame} of shape (n_samples, n_features)
        The rows, as in :func:`region_types`.
    y : array-like of shape (n_samples,)
        Class labels, at least two distinct ones.
    k : int, default=5
        Number of neighbours.
    categorical_features : "auto", None, array-like of str, int or bool, \
            default="auto"
        Nominal columns, as in :func:`region_types`.

    Returns
    -------
    fraction : ndarray of float64 of shape (n_samples,)
        ``same / k`` in ``[0, 1]``; a multiple of ``1 / k`` unless the k-th
        distance is tied (see the Notes of :func:`region_types`).
    """
    numerator, denominator = _same_class_counts(X, y, k, categorical_features)
    return numerator / denominator


def hvdm_embedding(X, y, *, categorical_features="auto", X_new=None, handle_unknown="error"):
    """Embed a table so that Euclidean distances between rows equal HVDM.

    HVDM (Wilson & Martinez 1997) is
    ``HVDM(x, z) = sqrt(sum_a d_a(x_a, z_a) ** 2)`` with, for a numeric
    attribute, ``d_a = |x_a - z_a| / (4 sigma_a)`` and, for a nominal one, the
    normalized_vdm2 ``d_a = sqrt(sum_c (P(c | a = x_a) - P(c | a = z_a)) ** 2)``
    over the classes ``c`` of ``y``. Hence each numeric column maps to
    ``x / (4 sigma)`` (one column) and each nominal column maps to the vector
    of class-conditional frequencies of its value (one column per class).

    Parameters
    ----------
    X : {array-like, DataFrame} of shape (n_samples, n_features)
        The rows, as in :func:`region_types`.
    y : array-like of shape (n_samples,)
        Class labels; the frequencies ``P(c | a = v)`` are counted on
        ``(X, y)``.
    categorical_features : "auto", None, array-like of str, int or bool, \
            default="auto"
        Nominal columns, as in :func:`region_types`.
    X_new : {array-like, DataFrame} of shape (n_new, n_features), optional
        Rows to embed with the scaling and frequencies fitted on ``(X, y)``
        (for example generated rows, in the space of the training split they
        came from), with the columns of ``X`` as in :func:`region_types_of`.
        Default: ``X`` itself.
    handle_unknown : {"error", "ignore"}, default="error"
        A nominal value of ``X_new`` that ``X`` does not have: raise, or (as
        scikit-learn's ``OneHotEncoder`` does) embed it as the column's mean
        frequency vector, the all-zero vector after centring.

    Returns
    -------
    embedding : ndarray of float64 of shape (n_samples or n_new, n_numeric + n_classes * n_nominal)
        Numeric columns first, in input order, then the nominal ones; every
        column is centred (which changes no distance and keeps the neighbour
        search accurate).

    Notes
    -----
    ``sigma_a`` is the sample standard deviation (``ddof=1``) over all rows
    given, as in Wilson & Martinez. A constant column (``sigma_a = 0``)
    contributes 0 to every distance.

    References
    ----------
    .. [1] D. R. Wilson and T. R. Martinez, "Improved heterogeneous distance
       functions", Journal of Artificial Intelligence Research 6, 1-34, 1997.
    """
    if handle_unknown not in ("error", "ignore"):
        raise ValueError(f"handle_unknown must be 'error' or 'ignore'; got {handle_unknown!r}.")
    table = _validate_table(X, categorical_features)
    class_codes, classes = _encode_classes(y, table.n_rows)
    embedding = _HVDMEmbedding().fit(table, class_codes, classes.size)
    if X_new is None:
        return embedding.transform(table)
    _check_same_columns(X_new, X)
    nominal = list(table.is_nominal) if table.is_nominal.any() else None
    new = _validate_table(X_new, nominal, what="X_new")
    return embedding.transform(new, what="X_new", ignore_unknown=handle_unknown == "ignore")


def region_counts(types, *, normalize=False):
    """Count the rows of each type, all four types always listed.

    Parameters
    ----------
    types : array-like of str
        Output of :func:`region_types`, or a subset of it (e.g. the minority
        rows, as in Table 12 of the LReDDPM paper).
    normalize : bool, default=False
        Return proportions (summing to 1) instead of counts.

    Returns
    -------
    counts : pandas.Series
        Indexed by :data:`REGION_NAMES`, in that order.

    Raises
    ------
    ValueError
        If ``types`` holds a value that is not one of :data:`REGION_NAMES`.
    """
    types = pd.Series(np.asarray(types, dtype=object).ravel())
    unknown = sorted(set(types) - set(REGION_NAMES), key=str)
    if unknown:
        raise ValueError(f"Unknown region types {unknown}; expected {REGION_NAMES}.")
    counts = types.value_counts(normalize=normalize).reindex(REGION_NAMES, fill_value=0)
    counts.index.name = "region"
    counts.name = "proportion" if normalize else "count"
    return counts


# ----------------------------------------------------------------------------
# Typing from counts
# ----------------------------------------------------------------------------


def _same_class_counts(X, y, k, categorical_features):
    """Validate, embed and count same-class neighbours as exact fractions."""
    k = _validate_k(k)
    table = _validate_table(X, categorical_features)
    class_codes, classes = _encode_classes(y, table.n_rows)
    n_classes = classes.size
    if table.n_rows < k + 1:
        raise ValueError(
            f"region typing with k={k} needs at least k + 1 = {k + 1} rows; "
            f"X has {table.n_rows}."
        )
    embedding = _HVDMEmbedding().fit(table, class_codes, n_classes).transform(table)
    return _neighbour_same_class_counts(embedding, class_codes, n_classes, k)


def _types_from_counts(numerator, denominator):
    """Map the fraction ``numerator / denominator`` to the four types."""
    def at_least(fraction):
        top, bottom = fraction
        return bottom * numerator >= top * denominator

    codes = np.full(numerator.shape, 3)  # outlier: no same-class neighbour
    codes[numerator > 0] = 2
    codes[at_least(_BORDER_FRACTION)] = 1
    codes[at_least(_SAFE_FRACTION)] = 0
    return np.asarray(REGION_NAMES)[codes]


# ----------------------------------------------------------------------------
# Neighbour search
# ----------------------------------------------------------------------------


def _neighbour_same_class_counts(embedding, class_codes, n_classes, k):
    """Same-class share of the k nearest other rows, ties shared fractionally.

    Returns integer arrays ``(numerator, denominator)`` with
    ``fraction = numerator / denominator``.

    Exact duplicates are searched once: the distinct rows ("points") carry
    their multiplicity and class counts. A row's own duplicates are its
    neighbours at distance 0: closer than the k-th row, or tied with it when
    the k-th distance is 0 too. If they fill the k slots, they are the whole
    neighbourhood (with any other point at distance 0, which rounding can
    produce).
    """
    points, point_of_row, weight, class_counts = _distinct_points(
        embedding, class_codes, n_classes
    )
    # Slots left once a row's own duplicates (at distance 0) are counted.
    need = k - (weight - 1)
    own_full = need <= 0
    # A point whose duplicates fill every slot still looks for its nearest
    # other point, to learn whether that one is at distance 0 too.
    hood = _search_points(points, weight, class_counts, np.maximum(need, 1), own_full, k)
    own_others = weight[point_of_row] - 1
    own_same = class_counts[point_of_row, class_codes] - 1
    own_tied = hood.kth_zero[point_of_row]
    n_closer = hood.closer_weight[point_of_row] + np.where(own_tied, 0, own_others)
    same_closer = hood.closer_counts[point_of_row, class_codes] + np.where(own_tied, 0, own_same)
    n_tied = hood.tied_weight[point_of_row] + np.where(own_tied, own_others, 0)
    same_tied = hood.tied_counts[point_of_row, class_codes] + np.where(own_tied, own_same, 0)
    # same = s_closer + (k - c) * s_tied / t, kept as the fraction num / (k t).
    numerator = same_closer * n_tied + (k - n_closer) * same_tied
    denominator = k * n_tied
    # Own duplicates fill every slot, alone at distance 0: shared equally.
    only_own = own_full[point_of_row] & ~own_tied
    numerator[only_own] = own_same[only_own]
    denominator[only_own] = own_others[only_own]
    return numerator, denominator


def _query_same_class_counts(queries, query_codes, embedding, class_codes, n_classes, k):
    """Same-class share of the k nearest reference rows of each query row.

    As :func:`_neighbour_same_class_counts`, but the queries are not reference
    rows: every reference row (duplicates included) is a candidate neighbour
    and no query has duplicates of its own to count. Returns integer arrays
    ``(numerator, denominator)``.
    """
    points, _, weight, class_counts = _distinct_points(embedding, class_codes, n_classes)
    n_queries = queries.shape[0]
    need = np.full(n_queries, k)
    hood = _search_points(
        points, weight, class_counts, need, np.zeros(n_queries, dtype=bool), k, queries
    )
    at = np.arange(n_queries)
    same_closer = hood.closer_counts[at, query_codes]
    same_tied = hood.tied_counts[at, query_codes]
    # same = s_closer + (k - c) * s_tied / t, kept as the fraction num / (k t).
    numerator = same_closer * hood.tied_weight + (k - hood.closer_weight) * same_tied
    return numerator, k * hood.tied_weight


def _distinct_points(embedding, class_codes, n_classes):
    """Distinct rows of the embedding, their multiplicities and class counts.

    Returns ``(points, point_of_row, weight, class_counts)``. Rows are grouped
    by a fingerprint (a fixed projection) and every grouping is verified, so
    distinct rows are never merged. Equal rows left apart (should rounding
    ever give them different fingerprints) stay correct, only slower: the
    search handles distinct points at distance 0.
    """
    fingerprint = embedding @ _fingerprint_weights(embedding.shape[1])
    point_of_row = _split_collisions(embedding, pd.factorize(fingerprint)[0])
    _, first_row = np.unique(point_of_row, return_index=True)
    n_points = first_row.size
    weight = np.bincount(point_of_row, minlength=n_points)
    class_counts = np.bincount(
        point_of_row * n_classes + class_codes, minlength=n_points * n_classes
    ).reshape(n_points, n_classes)
    all_distinct = n_points == embedding.shape[0] and (first_row == np.arange(n_points)).all()
    points = embedding if all_distinct else embedding[first_row]
    return points, point_of_row, weight, class_counts


def _fingerprint_weights(n_dims):
    """Fixed, generic projection weights (the same on every call)."""
    return np.random.default_rng(20260327).standard_normal(n_dims)


def _split_collisions(embedding, group):
    """Give every row that differs from the first row of its group a group of its own."""
    _, first_row = np.unique(group, return_index=True)
    shared = np.flatnonzero(np.bincount(group)[group] > 1)
    if shared.size == 0:
        return group
    differs = (embedding[shared] != embedding[first_row[group[shared]]]).any(axis=1)
    if not differs.any():
        return group
    group = group.copy()
    group[shared[differs]] = first_row.size + np.arange(np.count_nonzero(differs))
    return group


class _Neighbourhoods:
    """Per point, the other points strictly closer than the k-th row and those
    tied at the k-th distance (total multiplicity and class counts), and
    whether that distance is 0 (then the point's own duplicates tie too)."""

    def __init__(self, n_points, n_classes):
        self.closer_weight = np.zeros(n_points, dtype=np.int64)
        self.closer_counts = np.zeros((n_points, n_classes), dtype=np.int64)
        self.tied_weight = np.zeros(n_points, dtype=np.int64)
        self.tied_counts = np.zeros((n_points, n_classes), dtype=np.int64)
        self.kth_zero = np.zeros(n_points, dtype=bool)

    def store(self, points, settled, *found):
        """Record the neighbourhoods of ``points[settled]``."""
        closer_weight, closer_counts, tied_weight, tied_counts, kth_zero = found
        where = points[settled]
        self.closer_weight[where] = closer_weight[settled]
        self.closer_counts[where] = closer_counts[settled]
        self.tied_weight[where] = tied_weight[settled]
        self.tied_counts[where] = tied_counts[settled]
        self.kth_zero[where] = kth_zero[settled]


def _search_points(points, weight, class_counts, need, own_full, k, queries=None):
    """Neighbourhoods of the points: the other points' rows that fill ``need`` slots.

    ``own_full`` marks points whose own duplicates already fill the k slots;
    for them (``need = 1``) only "is the nearest other point at distance 0?"
    matters.

    With ``queries`` (rows of the same embedding that are not among the
    points), the neighbourhoods are those of the queries among all the points
    instead: nothing is excluded as "self", and ``need`` and ``own_full`` are
    per query.

    scikit-learn proposes ``k + 2`` candidates per point (the point itself may
    be among them; the one after the k-th row shows whether it is tied). Its
    distances are rounded (its brute-force search uses the
    ``|a|^2 + |b|^2 - 2ab`` expansion) and it orders ties arbitrarily, so its
    ranking is trusted only where the gaps around the k-th row exceed the
    rounding bound (:func:`_settle_by_gaps`). The other points are re-ranked on
    exact distances (:func:`_settle_exactly`) and settled once every point not
    fetched is provably beyond their k-th distance tie group; the rest are
    fetched again with twice as many candidates, up to all points.
    """
    n_points, n_classes = class_counts.shape
    is_self = queries is None
    queries = points if is_self else queries
    hood = _Neighbourhoods(queries.shape[0], n_classes)
    pending = np.arange(queries.shape[0])
    if is_self and n_points == 1:
        return hood
    # The point itself is among its own candidates; one more shows a tie.
    n_fetch = min(n_points, k + 2 if is_self else k + 1)
    index = NearestNeighbors(n_neighbors=n_fetch).fit(points)
    error_sq = _expansion_error_bound(points)
    if not is_self:
        error_sq = max(error_sq, _expansion_error_bound(queries))
    while pending.size:
        fetched_all = n_fetch == n_points
        still_pending = []
        for chunk in _chunks(pending, max(1, _CHUNK_ELEMENTS // (n_fetch * n_classes))):
            query = queries if chunk.size == queries.shape[0] else queries[chunk]
            approx_dist, candidates = index.kneighbors(query, n_neighbors=n_fetch)
            # Points never fetched are at least as far as the last one fetched.
            beyond_sq = np.full(chunk.size, np.inf) if fetched_all else approx_dist[:, -1] ** 2
            if is_self:
                others_sq, others = _drop_self(chunk, approx_dist**2, candidates)
            else:
                others_sq, others = approx_dist**2, candidates
            args = (weight[others], class_counts[others], need[chunk], own_full[chunk])
            settled, *found = _settle_by_gaps(others_sq, *args, beyond_sq, error_sq)
            hood.store(chunk, settled, *found)
            rest = np.flatnonzero(~settled)
            if rest.size:
                args = (weight[others[rest]], class_counts[others[rest]], need[chunk[rest]])
                exact_sq = _exact_sq_distances(points, queries[chunk[rest]], others[rest])
                settled_exactly, *found = _settle_exactly(
                    exact_sq, *args, beyond_sq[rest], error_sq
                )
                hood.store(chunk[rest], settled_exactly, *found)
                if fetched_all and not settled_exactly.all():
                    raise RuntimeError("region typing: a neighbourhood could not be settled.")
                still_pending.append(chunk[rest[~settled_exactly]])
        pending = np.concatenate(still_pending) if still_pending else np.empty(0, dtype=np.intp)
        n_fetch = min(n_points, 2 * n_fetch)
    return hood


def _drop_self(points, approx_sq, candidates):
    """Remove each point from its own candidate list (by index)."""
    is_self = candidates == points[:, None]
    # Among many points at nearly 0 distance the point itself may be missing:
    # drop the farthest candidate instead, keeping rows equally long.
    is_self[~is_self.any(axis=1), -1] = True
    shape = (points.size, candidates.shape[1] - 1)
    return approx_sq[~is_self].reshape(shape), candidates[~is_self].reshape(shape)


def _kth_row_column(weights, need):
    """Column of the candidate holding the ``need``-th row, and whether it exists."""
    cumulative = np.cumsum(weights, axis=1)
    reached = cumulative[:, -1] >= need
    return np.argmax(cumulative >= need[:, None], axis=1), cumulative, reached


def _settle_by_gaps(approx_sq, weights, counts, need, own_full, beyond_sq, error_sq):
    """Neighbourhoods read off scikit-learn's order where its gaps are safe.

    Exact squared distances are within ``error_sq`` of scikit-learn's. The
    order is safe when the candidate after the one holding the k-th row is
    provably farther (not tied), and either the candidate before it is
    provably closer and the k-th distance provably positive (the tie group is
    that one point) or that point's rows fill the slots exactly (then the
    tie group lies inside the k rows and ``same = s_closer + s_tied`` needs no
    split). For ``own_full`` points it suffices that the nearest other point is
    provably at a positive distance.
    """
    n_query = approx_sq.shape[0]
    kth, cumulative, reached = _kth_row_column(weights, need)
    padded_sq = np.hstack([approx_sq, beyond_sq[:, None]])
    at = np.arange(n_query)
    kth_sq = padded_sq[at, kth]
    next_apart = padded_sq[at, kth + 1] - error_sq > (kth_sq + error_sq) * (1 + TIE_RTOL)
    previous_sq = padded_sq[at, np.maximum(kth - 1, 0)]
    previous_closer = (kth == 0) | (previous_sq + error_sq < (kth_sq - error_sq) * (1 - TIE_RTOL))
    # At a k-th distance that may be 0 the own duplicates would tie as well.
    alone = previous_closer & (kth_sq > error_sq)
    filled = cumulative[at, kth] == need
    settled = reached & np.where(own_full, alone, next_apart & (alone | filled))

    prefix_counts = np.cumsum(counts, axis=1)
    kth_weight, kth_counts = weights[at, kth], counts[at, kth]
    # alone: closer = candidates before kth, tied = kth. Otherwise (filled):
    # closer = candidates up to kth and no slot left (tied weight 1, count 0).
    closer_weight = cumulative[at, kth] - np.where(alone, kth_weight, 0)
    closer_counts = prefix_counts[at, kth] - np.where(alone[:, None], kth_counts, 0)
    tied_weight = np.where(alone, kth_weight, 1)
    tied_counts = np.where(alone[:, None], kth_counts, 0)
    kth_zero = np.zeros(n_query, dtype=bool)  # never split at 0 here
    return settled, closer_weight, closer_counts, tied_weight, tied_counts, kth_zero


def _settle_exactly(exact_sq, weights, counts, need, beyond_sq, error_sq):
    """Neighbourhoods from exact distances to the fetched candidates.

    Settled where every point not fetched (approximately at least
    ``beyond_sq`` away) is provably beyond the k-th distance tie group.
    """
    n_query = exact_sq.shape[0]
    order = np.argsort(exact_sq, axis=1, kind="stable")
    kth, _, reached = _kth_row_column(np.take_along_axis(weights, order, axis=1), need)
    kth_sq = np.take_along_axis(exact_sq, order, axis=1)[np.arange(n_query), kth]
    closer = exact_sq < kth_sq[:, None] * (1 - TIE_RTOL)
    tied = ~closer & (exact_sq <= kth_sq[:, None] * (1 + TIE_RTOL))
    settled = reached & (beyond_sq - error_sq > kth_sq * (1 + TIE_RTOL))
    return (
        settled,
        (weights * closer).sum(axis=1),
        np.einsum("qm,qmc->qc", closer.astype(np.int64), counts),
        (weights * tied).sum(axis=1),
        np.einsum("qm,qmc->qc", tied.astype(np.int64), counts),
        kth_sq == 0,
    )


def _exact_sq_distances(points, rows, candidates):
    """Squared distances from each row (an embedded row) to its candidates (indices
    into ``points``), as sums of squares."""
    out = np.empty(candidates.shape)
    per_row = candidates.shape[1] * points.shape[1]
    for part in _chunks(np.arange(rows.shape[0]), max(1, _CHUNK_ELEMENTS // per_row)):
        diff = points[candidates[part]] - rows[part][:, None, :]
        out[part] = np.einsum("ijk,ijk->ij", diff, diff)
    return out


def _expansion_error_bound(embedding):
    """Bound on the rounding error of a squared distance found by the expansion.

    For ``|a|^2 + |b|^2 - 2ab`` in float64 the error is at most about
    ``d * eps * (|a| + |b|)^2`` (Higham's bound for inner products); twice that
    leaves room for the final square roots and squares.
    """
    n_dims = embedding.shape[1]
    max_norm_sq = np.max(np.einsum("ij,ij->i", embedding, embedding), initial=0.0)
    return 2 * (n_dims + 4) * np.finfo(np.float64).eps * 4 * max_norm_sq


def _chunks(indices, size):
    """Split ``indices`` into consecutive pieces of at most ``size``."""
    return [indices[start:start + size] for start in range(0, indices.size, size)]


# ----------------------------------------------------------------------------
# Embedding
# ----------------------------------------------------------------------------


class _HVDMEmbedding:
    """HVDM embedding fitted on a reference table (see :func:`hvdm_embedding`).

    :meth:`fit` learns, from the reference rows and their classes, the scaling
    of every numeric column (centred, divided by four sample standard
    deviations) and the vector of class frequencies ``P(c | a = v)`` of every
    nominal value (centred); :meth:`transform` applies them to any table with
    the same columns. Centring changes no distance but shrinks the norms, hence
    the rounding of the ``|a|^2 + |b|^2 - 2ab`` expansion in the neighbour
    search.
    """

    def fit(self, table, class_codes, n_classes):
        self._fit_numeric(table.numeric)
        self.values_, self.frequencies_ = [], []
        for column in table.nominal:
            values, value_codes = _distinct_values(column)
            counts = np.bincount(
                value_codes * n_classes + class_codes, minlength=len(values) * n_classes
            ).reshape(len(values), n_classes)
            frequencies = counts / counts.sum(axis=1, keepdims=True)
            frequencies -= counts.sum(axis=0) / counts.sum()  # the column means
            self.values_.append(values)
            self.frequencies_.append(frequencies)
        return self

    def _fit_numeric(self, values):
        """Per column ``(x / magnitude - offset) / scale``, kept where ``keep``.

        Most columns have magnitude 1. Columns that may be constant (sigma at
        the rounding level of the mean) or whose squares may have overflowed or
        underflowed are measured again, slowly and safely: HVDM's numeric term
        is scale-free, so they are first divided by their largest magnitude,
        and a constant column adds exactly 0 to every distance.
        """
        n_rows, n_cols = values.shape
        self.magnitude_, self.offset_ = np.ones(n_cols), np.zeros(n_cols)
        self.scale_, self.keep_ = np.ones(n_cols), np.zeros(n_cols, dtype=bool)
        if n_cols == 0 or n_rows < 2:
            return  # no spread to measure: every distance is 0
        mean = values.mean(axis=0)
        centred = values - mean
        sigma = np.sqrt(np.einsum("ij,ij->j", centred, centred) / (n_rows - 1))
        redo = (
            ~np.isfinite(sigma)
            | (sigma < _SMALLEST_SAFE_SIGMA)
            | (sigma <= 4 * np.finfo(np.float64).eps * np.abs(mean))
        )
        self.offset_[~redo], self.scale_[~redo] = mean[~redo], 4.0 * sigma[~redo]
        self.keep_[~redo] = True
        if redo.any():
            slow = values[:, redo]
            constant = slow.min(axis=0) == slow.max(axis=0)
            magnitude = np.where(constant, 1.0, np.abs(slow).max(axis=0))
            unit = slow / magnitude
            self.magnitude_[redo] = magnitude
            self.offset_[redo] = np.where(constant, 0.0, unit.mean(axis=0))
            self.scale_[redo] = np.where(constant, 1.0, 4.0 * unit.std(axis=0, ddof=1))
            self.keep_[redo] = ~constant

    def transform(self, table, what="X", ignore_unknown=False):
        """Embed a validated table with the fitted columns.

        Raises ValueError if a nominal value was not seen in the reference
        (unless ``ignore_unknown``: it is then embedded as the column's mean,
        the zero vector), or if a numeric value is so far from the reference
        that squared distances to it could overflow.
        """
        with np.errstate(over="ignore", invalid="ignore"):
            numeric = (table.numeric / self.magnitude_ - self.offset_) / self.scale_
        numeric = np.where(self.keep_, numeric, 0.0)
        # Squared distances (sums over all embedded columns) must stay finite.
        n_dims = numeric.shape[1] + sum(f.shape[1] for f in self.frequencies_)
        limit = np.sqrt(np.finfo(np.float64).max / (16 * max(n_dims, 1)))
        too_far = ~(np.abs(numeric) <= limit)  # NaN too
        if too_far.any():
            bad = np.asarray(table.numeric_names, dtype=object)[too_far.any(axis=0)].tolist()
            raise ValueError(
                f"{what} has values in numeric column(s) {bad} too far from the "
                "reference rows to measure (their squared HVDM would overflow)."
            )
        blocks = [numeric]
        for name, column, values, frequencies in zip(
            table.nominal_names, table.nominal, self.values_, self.frequencies_
        ):
            value_codes = values.get_indexer(column)
            if ignore_unknown:
                centred = np.vstack([frequencies, np.zeros(frequencies.shape[1])])
                blocks.append(centred[value_codes])  # code -1: the appended zero row
                continue
            if (value_codes < 0).any():
                unseen = pd.unique(column[value_codes < 0]).tolist()
                raise ValueError(
                    f"{what} has value(s) {sorted(unseen, key=str)} in nominal column "
                    f"{name!r} that the reference X does not have; HVDM has no class "
                    "frequencies for them."
                )
            blocks.append(frequencies[value_codes])
        return blocks[0] if len(blocks) == 1 else np.hstack(blocks)


def _distinct_values(column):
    """The distinct values of a nominal column (an Index) and each row's code."""
    value_codes, values = pd.factorize(column, sort=False)
    return pd.Index(values, dtype=object), value_codes


# ----------------------------------------------------------------------------
# Validation
# ----------------------------------------------------------------------------


class _Table:
    """A validated table: float64 numeric block and a list of nominal columns.

    ``is_nominal`` is the boolean mask of the nominal columns among all
    columns; ``numeric_names`` and ``nominal_names`` name the columns of each
    part (positions for arrays), for error messages.
    """

    def __init__(self, numeric, nominal, n_rows, is_nominal, numeric_names, nominal_names):
        self.numeric = numeric
        self.nominal = nominal
        self.n_rows = n_rows
        self.is_nominal = is_nominal
        self.numeric_names = list(numeric_names)
        self.nominal_names = list(nominal_names)


def _validate_k(k):
    if isinstance(k, bool) or not isinstance(k, Integral):
        raise ValueError(f"k must be an integer >= 1; got {k!r}.")
    if k < 1:
        raise ValueError(f"k must be an integer >= 1; got {k}.")
    return int(k)


def _encode_classes(y, n_rows):
    """Integer class codes 0..n_classes-1 and the sorted classes; at least two."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y.ravel()
    if y.ndim != 1:
        raise ValueError(f"y must be one-dimensional; got shape {y.shape}.")
    if y.shape[0] != n_rows:
        raise ValueError(
            f"X and y have inconsistent lengths: X has {n_rows} rows, y has {y.shape[0]}."
        )
    if pd.isna(y).any():
        raise ValueError("y contains missing values.")
    classes, codes = np.unique(y, return_inverse=True)
    if classes.size < 2:
        raise ValueError(
            f"y has only one class ({classes.tolist()}); region typing needs at least two."
        )
    return codes.astype(np.int64).ravel(), classes


def _validate_table(X, categorical_features, what="X"):
    """Split X into a finite float64 numeric block and clean nominal columns.

    ``what`` names the argument in error messages.
    """
    if sparse.issparse(X):
        raise ValueError(f"Sparse {what} is not supported; pass a dense array or DataFrame.")
    if not isinstance(X, pd.DataFrame):
        array = np.asarray(X)
        if array.ndim != 2:
            raise ValueError(f"{what} must be two-dimensional; got shape {array.shape}.")
        if array.dtype.kind in "biuf" and _selects_none(categorical_features):
            _check_not_empty(array.shape, what)
            values = array.astype(np.float64, copy=False)
            names = np.arange(array.shape[1])
            _check_finite(values, names, what)
            is_nominal = np.zeros(array.shape[1], dtype=bool)
            return _Table(values, [], array.shape[0], is_nominal, names.tolist(), [])
        X_frame = pd.DataFrame(array, copy=False)
    frame = X if isinstance(X, pd.DataFrame) else X_frame
    _check_not_empty(frame.shape, what)
    is_nominal = _nominal_mask(frame, categorical_features, isinstance(X, pd.DataFrame))
    numeric = frame if not is_nominal.any() else frame.iloc[:, np.flatnonzero(~is_nominal)]
    nominal = [frame.iloc[:, j] for j in np.flatnonzero(is_nominal)]
    missing = [column.name for column in nominal if column.isna().any()]
    if missing:
        raise ValueError(f"{what} has missing values in nominal column(s) {missing}.")
    return _Table(
        _numeric_values(numeric, what),
        [column.to_numpy() for column in nominal],
        len(frame),
        is_nominal,
        numeric.columns.tolist(),
        [column.name for column in nominal],
    )


def _check_same_columns(X_new, X):
    """Check that ``X_new`` has the columns of ``X``; return its number of rows.

    DataFrames must agree on the column names (and order); otherwise only the
    number of columns is compared. Input that is not two-dimensional is left
    for :func:`_validate_table` to report.
    """
    if isinstance(X_new, pd.DataFrame) and isinstance(X, pd.DataFrame):
        if list(X_new.columns) != list(X.columns):
            raise ValueError(
                f"X_new has columns {list(X_new.columns)}, X has {list(X.columns)}; "
                "they must be the same, in the same order."
            )
        return len(X_new)
    if sparse.issparse(X_new):
        raise ValueError("Sparse X_new is not supported; pass a dense array or DataFrame.")
    shape = np.shape(X_new)
    if len(shape) != 2:
        raise ValueError(f"X_new must be two-dimensional; got shape {shape}.")
    n_cols = np.shape(X)[1]
    if shape[1] != n_cols:
        raise ValueError(
            f"X_new has {shape[1]} column(s), X has {n_cols}; they must match."
        )
    return shape[0]


def _encode_new_classes(y_new, classes, n_rows):
    """Codes of ``y_new`` (a scalar labels every row) among the reference classes."""
    y_new = np.asarray(y_new)
    if y_new.ndim == 0:
        y_new = np.repeat(y_new[None], n_rows)
    if y_new.ndim == 2 and y_new.shape[1] == 1:
        y_new = y_new.ravel()
    if y_new.ndim != 1:
        raise ValueError(f"y_new must be one-dimensional or a scalar; got shape {y_new.shape}.")
    if y_new.shape[0] != n_rows:
        raise ValueError(
            f"X_new and y_new have inconsistent lengths: X_new has {n_rows} rows, "
            f"y_new has {y_new.shape[0]}."
        )
    if pd.isna(y_new).any():
        raise ValueError("y_new contains missing values.")
    codes = pd.Index(classes, dtype=object).get_indexer(y_new.astype(object))
    if (codes < 0).any():
        unknown = sorted(set(y_new[codes < 0].tolist()), key=str)
        raise ValueError(
            f"y_new has label(s) {unknown} that are not classes of y {classes.tolist()}."
        )
    return codes.astype(np.int64)


def _selects_none(categorical_features):
    """Whether ``categorical_features`` selects no column of an array."""
    return categorical_features is None or (
        isinstance(categorical_features, str) and categorical_features == "auto"
    )


def _check_not_empty(shape, what="X"):
    if shape[0] == 0 or shape[1] == 0:
        raise ValueError(
            f"{what} is empty (shape {shape}); region typing needs rows and columns."
        )


def _check_finite(values, names, what="X"):
    """Name the numeric columns holding NaN or infinity."""
    if not np.isfinite(values).all():
        bad = np.asarray(names)[~np.isfinite(values).all(axis=0)].tolist()
        raise ValueError(f"{what} contains NaN or infinity in numeric column(s) {bad}.")


def _numeric_values(frame, what="X"):
    """Numeric columns as finite float64, naming the columns that are not."""
    try:
        values = frame.to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError):
        bad = [name for name, column in frame.items() if not _converts_to_float(column)]
        raise ValueError(
            f"{what} has non-numeric values in column(s) {bad} that are not declared "
            "nominal; list them in categorical_features."
        ) from None
    _check_finite(values, frame.columns, what)
    return values


def _converts_to_float(column):
    try:
        column.to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError):
        return False
    return True


def _nominal_mask(frame, categorical_features, is_dataframe):
    """Boolean mask of the nominal columns selected by ``categorical_features``."""
    n_cols = frame.shape[1]
    if categorical_features is None:
        return np.zeros(n_cols, dtype=bool)
    if isinstance(categorical_features, str):
        if categorical_features != "auto":
            raise ValueError(
                "categorical_features must be 'auto', None, or a list of column "
                f"names, indices or a boolean mask; got {categorical_features!r}."
            )
        if not is_dataframe:
            return np.zeros(n_cols, dtype=bool)
        return np.array(
            [
                isinstance(dtype, pd.CategoricalDtype)
                or pd.api.types.is_object_dtype(dtype)
                or pd.api.types.is_string_dtype(dtype)
                for dtype in frame.dtypes
            ],
            dtype=bool,
        )
    selection = list(np.asarray(categorical_features, dtype=object).ravel())
    if selection and all(_is_boolean(item) for item in selection):
        return _mask_from_booleans(selection, n_cols)
    if all(isinstance(item, Integral) and not _is_boolean(item) for item in selection):
        return _mask_from_indices(selection, n_cols)
    if all(isinstance(item, str) for item in selection):
        return _mask_from_names(selection, frame, is_dataframe)
    raise ValueError(
        "categorical_features must hold only column names (str), only integer "
        f"indices, or only booleans; got {categorical_features!r}."
    )


def _is_boolean(item):
    return isinstance(item, (bool, np.bool_))


def _mask_from_booleans(selection, n_cols):
    if len(selection) != n_cols:
        raise ValueError(
            f"categorical_features as a boolean mask must have length {n_cols} "
            f"(the number of columns of X); got {len(selection)}."
        )
    return np.array(selection, dtype=bool)


def _mask_from_indices(selection, n_cols):
    bad = [int(i) for i in selection if not 0 <= i < n_cols]
    if bad:
        raise ValueError(
            f"categorical_features indices {bad} are out of range for X with {n_cols} columns."
        )
    mask = np.zeros(n_cols, dtype=bool)
    mask[np.asarray(selection, dtype=np.intp)] = True
    return mask


def _mask_from_names(selection, frame, is_dataframe):
    if not is_dataframe:
        raise ValueError(
            "categorical_features given as column names needs X to be a DataFrame; "
            "use integer indices or a boolean mask for arrays."
        )
    unknown = [name for name in selection if name not in frame.columns]
    if unknown:
        raise ValueError(f"categorical_features names {unknown} are not columns of X.")
    return np.asarray(frame.columns.isin(selection), dtype=bool)
