"""Validation of the inputs of region typing: the table, the labels and ``k``."""

from numbers import Integral

import numpy as np
import pandas as pd
from scipy import sparse

from .._validation import resolve_nominal

__all__ = [
    "Table",
    "check_same_columns",
    "encode_classes",
    "encode_new_classes",
    "validate_k",
    "validate_table",
]


class Table:
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


def validate_k(k):
    if isinstance(k, bool) or not isinstance(k, Integral):
        raise ValueError(f"k must be an integer >= 1; got {k!r}.")
    if k < 1:
        raise ValueError(f"k must be an integer >= 1; got {k}.")
    return int(k)


def encode_classes(y, n_rows):
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


def validate_table(X, categorical_features, what="X"):
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
            return Table(values, [], array.shape[0], is_nominal, names.tolist(), [])
        X_frame = pd.DataFrame(array, copy=False)
    frame = X if isinstance(X, pd.DataFrame) else X_frame
    _check_not_empty(frame.shape, what)
    is_nominal = _nominal_mask(frame, categorical_features, isinstance(X, pd.DataFrame), what)
    numeric = frame if not is_nominal.any() else frame.iloc[:, np.flatnonzero(~is_nominal)]
    nominal = [frame.iloc[:, j] for j in np.flatnonzero(is_nominal)]
    missing = [column.name for column in nominal if column.isna().any()]
    if missing:
        raise ValueError(f"{what} has missing values in nominal column(s) {missing}.")
    return Table(
        _numeric_values(numeric, what),
        [column.to_numpy() for column in nominal],
        len(frame),
        is_nominal,
        numeric.columns.tolist(),
        [column.name for column in nominal],
    )


def check_same_columns(X_new, X):
    """Check that ``X_new`` has the columns of ``X``; return its number of rows.

    DataFrames must agree on the column names (and order); otherwise only the
    number of columns is compared. Input that is not two-dimensional is left
    for :func:`validate_table` to report.
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


def encode_new_classes(y_new, classes, n_rows):
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




def _nominal_mask(frame, categorical_features, is_dataframe, what):
    """The package's rule (:func:`imbdiff._validation.resolve_nominal`); an array has
    no dtypes to read, so under ``"auto"`` its columns are all numeric."""
    if not is_dataframe:
        if _selects_none(categorical_features):
            return np.zeros(frame.shape[1], dtype=bool)
        selection = np.ravel(np.asarray(categorical_features, dtype=object))
        if not isinstance(categorical_features, str) and any(
            isinstance(item, str) for item in selection
        ):
            raise ValueError(
                "categorical_features given as column names needs X to be a DataFrame; "
                "use integer indices or a boolean mask for arrays."
            )
    return resolve_nominal(frame, categorical_features, what=what)
