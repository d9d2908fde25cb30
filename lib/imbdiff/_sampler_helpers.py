"""Helpers every table sampler shares (private; :mod:`imbdiff.base` re-exports them).

Mixed tables in and out (nominal columns as categoricals, sparse columns made dense,
the finiteness check, input rows then generated rows in the input's container), and
the sampler chores: storing ``__init__`` arguments, refusing fit parameters, one torch
thread on the CPU, messages naming a class or an empty region.
"""

import contextlib

import numpy as np
import pandas as pd
import torch

from ._validation import nominal_columns
from .regions import REGION_NAMES


def _no_params(params):
    if params:
        raise TypeError(f"fit parameters are not supported; got {sorted(params)}")


@contextlib.contextmanager
def _one_cpu_thread(device):
    """Run torch on one intra-op thread on the CPU, restoring the setting afterwards.

    The networks are small: one thread is as fast as two on a 2-core machine, and
    several threads become 5-10x slower as soon as other processes compete for the
    cores (measured: LReDDPM's default fit_resample on page-blocks0 took 29 s on one
    thread and 267 s on two, beside a running test suite).
    """
    if device.type != "cpu":
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def set_params_from(estimator, arguments):
    """Store every ``__init__`` argument unchanged, as scikit-learn requires.

    Called as ``set_params_from(self, locals())``: one line instead of twenty
    assignments repeated in every sampler's ``__init__``.
    """
    for name in estimator._get_param_names():
        setattr(estimator, name, arguments[name])


def _is_auto(spec):
    return isinstance(spec, str) and spec == "auto"


def _dense_frame(X):
    """Sparse pandas columns become dense (the output is cast back by imblearn)."""
    sparse = [c for c in X.columns if isinstance(X[c].dtype, pd.SparseDtype)]
    if not sparse:
        return X
    X = X.copy()
    for col in sparse:
        X[col] = X[col].sparse.to_dense()
    return X


def _check_frame_values(X, nominal):
    """The finiteness check validate_data would do, for a frame kept as it is."""
    if X.shape[0] < 1 or X.shape[1] < 1:
        raise ValueError(f"X must have at least one row and one column; got shape {X.shape}")
    for col in X.columns:
        if col in nominal:
            if X[col].isna().any():
                raise ValueError(f"Input X contains NaN in the nominal column {col!r}")
            continue
        try:
            values = X[col].to_numpy(dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise ValueError(
                f"column {col!r} is neither numeric nor nominal; list it in categorical_features"
            ) from exc
        if np.isnan(values).any():
            raise ValueError(f"Input X contains NaN in column {col!r}")
        if np.isinf(values).any():
            raise ValueError(f"Input X contains infinity in column {col!r}")


def _as_frame(X, spec):
    """``X`` as a DataFrame whose nominal columns are categoricals of all values in X.

    Declaring every value seen anywhere in ``X`` as a category lets a transformer
    fitted on one class (or region) encode the other rows too (the guidance
    classifiers need them), instead of failing on values that class never takes.
    """
    frame = X.copy() if isinstance(X, pd.DataFrame) else pd.DataFrame(X)
    nominal = nominal_columns(frame, spec)
    for col in frame.columns:
        if col in nominal:
            if not isinstance(frame[col].dtype, pd.CategoricalDtype):
                frame[col] = pd.Categorical(frame[col])
        elif pd.api.types.is_object_dtype(frame[col].dtype):
            frame[col] = pd.to_numeric(frame[col])  # numbers in an object array
    return frame, nominal


def _label(klass):
    """A class label as plain Python, for messages (``1``, not ``np.int64(1)``)."""
    return klass.item() if isinstance(klass, np.generic) else klass


def _empty_region_message(region, types, klass):
    present = ", ".join(
        f"{name} {int(np.count_nonzero(types == name))}"
        for name in REGION_NAMES
        if (types == name).any()
    )
    return (
        f"no minority rows of type {region!r}; the minority rows are: {present} "
        f"(class {_label(klass)!r}); choose one of the regions present"
    )


def _stack(X, y, new_rows, new_labels):
    """Input rows then generated rows, in the input's container and dtypes."""
    if not new_rows:
        return X, y
    if isinstance(X, pd.DataFrame):
        new = pd.concat(new_rows, ignore_index=True).astype(X.dtypes.to_dict())
        X_res = pd.concat([X, new], ignore_index=True)
    else:
        X_res = np.vstack([X] + [rows.to_numpy().astype(X.dtype) for rows in new_rows])
    return X_res, np.concatenate([y] + new_labels)
