"""The package's one one-hot encoder: nominal columns as indicator columns, the others
passed through (or standardised).

It serves every place that needs numbers only: the classifiers that score a training
set (:mod:`imbdiff.experiments`), the samplers of the SMOTE family run on mixed tables,
ENN's Euclidean distances (:class:`imbdiff.combine.ISODFENNSampler`), the MMD's
kernel features and the cost chapter's numeric methods. Which columns are nominal is
decided by :func:`imbdiff._validation.nominal_columns`.
"""

from __future__ import annotations

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import OneHotEncoder, StandardScaler

__all__ = ["NOMINAL_BLOCK", "one_hot_codes", "one_hot_encoder"]

#: The name of the one-hot block in :func:`one_hot_encoder`'s transformer.
NOMINAL_BLOCK = "nominal"


class _OtherColumns:
    """Column selector: every column but ``nominal`` (a class, so that it pickles)."""

    def __init__(self, nominal):
        self.nominal = list(nominal)

    def __call__(self, X):
        return [c for c in X.columns if c not in set(self.nominal)]


def one_hot_encoder(nominal, *, scale=False, nominal_first=True, handle_unknown="ignore"):
    """A transformer from a DataFrame to numbers: ``nominal`` one-hot encoded, the other
    columns passed through (``scale=False``) or standardised.

    Parameters
    ----------
    nominal : list of column labels
        The nominal columns (:func:`imbdiff._validation.nominal_columns`).
    scale : bool, default=False
        Standardise the other columns (logistic regression) instead of passing them.
    nominal_first : bool, default=True
        The indicator block before the other columns (as the classifiers were fitted),
        or after them (as the numeric samplers and the distances read a row).
    handle_unknown : {"ignore", "error"}, default="ignore"
        A category the fit did not see: all-zero indicators, or an error.

    Returns
    -------
    sklearn.compose.ColumnTransformer
        Unfitted; its indicator block is named :data:`NOMINAL_BLOCK` (for
        ``named_transformers_`` and ``output_indices_``). Indicator columns follow
        each nominal column's sorted categories.
    """
    indicators = (NOMINAL_BLOCK, OneHotEncoder(sparse_output=False, handle_unknown=handle_unknown),
                  list(nominal))
    others = ("other", StandardScaler() if scale else "passthrough", _OtherColumns(nominal))
    blocks = [indicators, others] if nominal_first else [others, indicators]
    return ColumnTransformer(blocks, remainder="drop")


def one_hot_codes(codes, levels) -> np.ndarray:
    """Integer codes (rows x columns, column ``j`` in ``0..levels[j]-1``) as indicators,
    one block of ``levels[j]`` columns per column, every level given its column."""
    codes = np.asarray(codes)
    if codes.shape[1] == 0:
        return np.empty((len(codes), 0))
    encoder = OneHotEncoder(categories=[np.arange(n) for n in levels], sparse_output=False)
    return encoder.fit_transform(codes)
