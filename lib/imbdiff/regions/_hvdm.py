"""The HVDM embedding: Euclidean distances between embedded rows equal HVDM.

HVDM (Wilson & Martinez 1997) adds, per attribute, ``|a - b| / (4 sd)`` for a numeric
one and the normalised value difference over the classes for a nominal one. Both are
Euclidean once each numeric column maps to ``x / (4 sd)`` and each nominal value to
its vector of class frequencies ``P(c | a = v)``, which is what this module computes.
"""

import numpy as np
import pandas as pd

from ._table import check_same_columns, encode_classes, validate_table

__all__ = ["HVDMEmbedding", "hvdm_embedding"]

# Below this standard deviation the squares in it may have lost precision.
_SMALLEST_SAFE_SIGMA = 1e-140


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
    table = validate_table(X, categorical_features)
    class_codes, classes = encode_classes(y, table.n_rows)
    embedding = HVDMEmbedding().fit(table, class_codes, classes.size)
    if X_new is None:
        return embedding.transform(table)
    check_same_columns(X_new, X)
    nominal = list(table.is_nominal) if table.is_nominal.any() else None
    new = validate_table(X_new, nominal, what="X_new")
    return embedding.transform(new, what="X_new", ignore_unknown=handle_unknown == "ignore")


class HVDMEmbedding:
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

