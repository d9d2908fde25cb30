"""Types of examples by their neighbourhood: safe, border, rare and outlier.

Every row is typed by the classes of its ``k`` nearest other rows under the
Heterogeneous Value Difference Metric (HVDM), following Napierala & Stefanowski
(2016) and Eq. 5 of the LReDDPM paper. HVDM is computed as a Euclidean distance on
an embedding of the table (see :func:`hvdm_embedding`), so the neighbour search is
scikit-learn's :class:`~sklearn.neighbors.NearestNeighbors` over the distinct rows
(duplicates are counted, not searched again), with an exact re-ranking wherever
rounding or ties could change the answer.
"""

import numpy as np
import pandas as pd

from ._hvdm import HVDMEmbedding
from ._neighbours import neighbour_same_class_counts, query_same_class_counts
from ._table import (
    check_same_columns,
    encode_classes,
    encode_new_classes,
    validate_k,
    validate_table,
)
from ._types import REGION_NAMES, types_from_counts

__all__ = ["region_counts", "region_types", "region_types_of", "same_class_fraction"]


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

        - ``"auto"``: the ``category``, ``object``, ``string`` and bool columns
          of a DataFrame (the package's one rule,
          :func:`imbdiff._validation.resolve_nominal`); none for an array.
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
    return types_from_counts(numerator, denominator)


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
    k = validate_k(k)
    reference = validate_table(X, categorical_features)
    class_codes, classes = encode_classes(y, reference.n_rows)
    if reference.n_rows < k:
        raise ValueError(
            f"region_types_of with k={k} needs at least k = {k} reference rows; "
            f"X has {reference.n_rows}."
        )
    n_new = check_same_columns(X_new, X)
    new_codes = encode_new_classes(y_new, classes, n_new)
    if n_new == 0:
        return np.asarray(REGION_NAMES)[np.empty(0, dtype=np.intp)]
    # The nominal columns are those of the reference, by position.
    nominal = list(reference.is_nominal) if reference.is_nominal.any() else None
    new = validate_table(X_new, nominal, what="X_new")
    embedding = HVDMEmbedding().fit(reference, class_codes, classes.size)
    numerator, denominator = query_same_class_counts(
        embedding.transform(new, what="X_new"),
        new_codes,
        embedding.transform(reference),
        class_codes,
        classes.size,
        k,
    )
    return types_from_counts(numerator, denominator)


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
    k = validate_k(k)
    table = validate_table(X, categorical_features)
    class_codes, classes = encode_classes(y, table.n_rows)
    n_classes = classes.size
    if table.n_rows < k + 1:
        raise ValueError(
            f"region typing with k={k} needs at least k + 1 = {k + 1} rows; "
            f"X has {table.n_rows}."
        )
    embedding = HVDMEmbedding().fit(table, class_codes, n_classes).transform(table)
    return neighbour_same_class_counts(embedding, class_codes, n_classes, k)
