"""Real and generated tables aligned and encoded for the distances and overlap ratios."""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral

import numpy as np
import pandas as pd
from sklearn.utils import check_random_state

from .._validation import is_nominal_dtype, nominal_columns

_SCALES = ("minmax", "standard", None)


@dataclass(frozen=True)
class _Encoded:
    """Real and generated rows, aligned and encoded for the distances."""

    num_real: np.ndarray  # (n_real, p) scaled numeric columns
    num_gen: np.ndarray  # (n_gen, p)
    cat_real: np.ndarray  # (n_real, q) integer codes of nominal columns
    cat_gen: np.ndarray  # (n_gen, q)
    n_levels: np.ndarray  # (q,) categories per nominal column (real and generated)


def _as_frame(data, name):
    if isinstance(data, pd.DataFrame):
        frame = data
    elif isinstance(data, pd.Series):
        frame = data.to_frame()
    else:
        array = np.asarray(data)
        if array.ndim == 1:  # one column
            array = array[:, None]
        if array.ndim != 2:
            raise ValueError(f"{name} must be 2-D (rows x columns); got {array.ndim} dimensions")
        frame = pd.DataFrame(array)
    if frame.shape[0] == 0:
        raise ValueError(f"{name} is empty: it has no rows")
    if frame.shape[1] == 0:
        raise ValueError(f"{name} has no columns")
    return frame


def _align(real, generated, real_in, generated_in):
    """Give ``generated`` the columns of ``real``, in ``real``'s order."""
    if isinstance(real_in, pd.DataFrame) and isinstance(generated_in, pd.DataFrame):
        missing = [c for c in real.columns if c not in generated.columns]
        extra = [c for c in generated.columns if c not in real.columns]
        if missing or extra:
            raise ValueError(
                "real and generated have different columns: "
                f"missing from generated {missing}, not in real {extra}"
            )
        return generated[real.columns]
    if real.shape[1] != generated.shape[1]:
        raise ValueError(
            f"real has {real.shape[1]} columns but generated has {generated.shape[1]}"
        )
    return generated.set_axis(real.columns, axis=1)


def _numeric_values(frame, columns, name):
    try:
        values = frame[columns].to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"{name} has non-numeric values in a numeric column (pass nominal columns "
            "as pandas category or list them in categorical_features)"
        ) from error
    bad = ~np.isfinite(values)
    if bad.any():
        column = columns[int(np.flatnonzero(bad.any(axis=0))[0])]
        raise ValueError(
            f"{name} holds NaN or infinite values ({int(bad.sum())} cells; first in column "
            f"{column!r})"
        )
    return values


def _nominal_codes(real, generated, columns):
    """Integer codes over the union of the categories of real and generated."""
    n_real = len(real)
    codes = np.empty((n_real + len(generated), len(columns)), dtype=np.int64)
    n_levels = np.empty(len(columns), dtype=np.int64)
    for j, column in enumerate(columns):
        # A generator that returns codes for a category column would silently give
        # disjoint categories: refuse rather than report a distance of 1.
        if is_nominal_dtype(real[column].dtype) and not is_nominal_dtype(generated[column].dtype):
            raise ValueError(
                f"nominal column {column!r} is {generated[column].dtype} in generated but "
                f"{real[column].dtype} in real: decode it to the real categories first"
            )
        both = pd.concat(
            [real[column].astype(object), generated[column].astype(object)], ignore_index=True
        )
        if both.isna().any():
            where = "real" if both.iloc[:n_real].isna().any() else "generated"
            raise ValueError(f"{where} holds missing values in nominal column {column!r}")
        codes[:, j], uniques = pd.factorize(both)
        n_levels[j] = len(uniques)
    return codes[:n_real], codes[n_real:], n_levels


def _scale_stats(values, scale):
    if scale == "minmax":
        center, width = values.min(axis=0), np.ptp(values, axis=0)
    elif scale == "standard":
        center, width = values.mean(axis=0), values.std(axis=0)
    else:
        center, width = np.zeros(values.shape[1]), np.ones(values.shape[1])
    # A constant real column is only shifted: dividing by 0 would make it infinite.
    return center, np.where(width > 0, width, 1.0)


def _prepare(real, generated, categorical_features, scale):
    if scale not in _SCALES:
        raise ValueError(f"scale must be one of {_SCALES}; got {scale!r}")
    real_frame = _as_frame(real, "real")
    generated_frame = _align(real_frame, _as_frame(generated, "generated"), real, generated)
    nominal = nominal_columns(real_frame, categorical_features, what="real")
    numeric = [c for c in real_frame.columns if c not in nominal]
    num_real = _numeric_values(real_frame, numeric, "real")
    num_gen = _numeric_values(generated_frame, numeric, "generated")
    center, width = _scale_stats(num_real, scale)  # the REAL rows' statistics, for both
    cat_real, cat_gen, n_levels = _nominal_codes(real_frame, generated_frame, nominal)
    return _Encoded(
        (num_real - center) / width, (num_gen - center) / width, cat_real, cat_gen, n_levels
    )


def _check_positive_int(value, name):
    if not isinstance(value, Integral) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be a positive integer; got {value!r}")


def _subset_pairs(n_real, n_gen, n_subsets, random_state):
    """Row indices of equal-size (real, generated) pairs to average over.

    Equal sizes give one pair (all rows). Otherwise ``n_subsets`` random subsets,
    without replacement, of the larger set, each of the smaller set's size.
    """
    _check_positive_int(n_subsets, "n_subsets")
    every_real, every_gen = np.arange(n_real), np.arange(n_gen)
    if n_real == n_gen:
        return [(every_real, every_gen)]
    rng = check_random_state(random_state)
    size = min(n_real, n_gen)
    pairs = []
    for _ in range(n_subsets):
        picked = np.sort(rng.choice(max(n_real, n_gen), size=size, replace=False))
        pairs.append((picked, every_gen) if n_real > n_gen else (every_real, picked))
    return pairs
