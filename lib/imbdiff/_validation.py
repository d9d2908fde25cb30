"""Rules shared by the whole package: which columns are nominal, atomic writes.

Each rule lives here once, so that two parts of the package cannot disagree.

Which columns are nominal
-------------------------
:func:`resolve_nominal` reads a ``categorical_features`` argument the same way for
region typing, the tabular transform, the samplers, the distances and the experiment
runner. Under ``"auto"`` a column is nominal when its dtype is pandas ``category``,
``object``, ``string`` **or bool**.

Design note on bool columns. A bool column has two unordered values, which is what
HVDM's nominal term (the value difference metric) is for: its distance between
``True`` and ``False`` is learnt from the class frequencies, where the numeric term
would divide by ``4 sd``, a scale the two values do not have. The tabular transform
already embedded bool columns as categories and decoded them back to bool, and the
distances already counted them as nominal, so reading them as nominal everywhere
changes only ``region_types(..., categorical_features="auto")`` on frames with a bool
column (it used to read them as 0/1 numbers; the samplers passed them as nominal).
No dataset of the book has a bool column.
"""

from __future__ import annotations

import os
import tempfile
from numbers import Integral
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["is_nominal_dtype", "nominal_columns", "resolve_nominal", "write_atomically"]


def is_nominal_dtype(dtype) -> bool:
    """Whether ``categorical_features="auto"`` reads a column of this dtype as nominal.

    Pandas ``category``, ``object``, ``string`` and bool dtypes are nominal; every
    other dtype (integers, floats) is numeric. See the module's note on bool.
    """
    return (
        isinstance(dtype, pd.CategoricalDtype)
        or pd.api.types.is_object_dtype(dtype)
        or pd.api.types.is_string_dtype(dtype)
        or pd.api.types.is_bool_dtype(dtype)
    )


def nominal_columns(frame: pd.DataFrame, spec="auto", *, what: str = "X") -> list:
    """Names of the nominal columns of ``frame`` under ``categorical_features=spec``.

    The package's one rule for which columns are nominal (:func:`resolve_nominal`,
    by default :func:`is_nominal_dtype` of each column), as a list of labels.
    """
    return frame.columns[resolve_nominal(frame, spec, what=what)].tolist()


def resolve_nominal(frame: pd.DataFrame, spec, *, what: str = "X") -> np.ndarray:
    """Boolean mask of the nominal columns of ``frame`` selected by ``spec``.

    Parameters
    ----------
    frame : DataFrame
        The table (an array is wrapped in a DataFrame by the caller: its columns are
        then the positions ``0..n-1``).
    spec : "auto", None, or array-like of column labels, positions or booleans
        The ``categorical_features`` argument:

        * ``"auto"``: columns of dtype category, object, string or bool;
        * ``None``: no column;
        * booleans: a mask with one entry per column;
        * otherwise column labels, or integer positions ``0..n-1`` (an entry that is
          a column label is read as the label). Labels and positions are not mixed.
    what : str, default="X"
        Names the table in error messages.

    Returns
    -------
    ndarray of bool, shape (n_columns,)

    Raises
    ------
    ValueError
        If ``spec`` is another string, a mask of the wrong length, names a column
        that does not exist, holds a position out of range, or mixes kinds.
    """
    n_cols = frame.shape[1]
    if spec is None:
        return np.zeros(n_cols, dtype=bool)
    if isinstance(spec, str):
        if spec != "auto":
            raise ValueError(
                "categorical_features must be 'auto', None, or a list of column "
                f"names, indices or a boolean mask; got {spec!r}."
            )
        return np.array([is_nominal_dtype(dtype) for dtype in frame.dtypes], dtype=bool)
    selection = list(np.asarray(spec, dtype=object).ravel())
    if selection and all(_is_boolean(item) for item in selection):
        return _mask_from_booleans(selection, n_cols, what)
    if all(_is_label(item, frame.columns) for item in selection):
        return np.asarray(frame.columns.isin(selection), dtype=bool)
    if all(isinstance(item, Integral) and not _is_boolean(item) for item in selection):
        return _mask_from_positions(selection, n_cols, what)
    if all(isinstance(item, str) for item in selection):
        unknown = [name for name in selection if not _is_label(name, frame.columns)]
        raise ValueError(f"categorical_features names {unknown} are not columns of {what}.")
    raise ValueError(
        "categorical_features must hold only column names (str), only integer "
        f"indices, or only booleans; got {spec!r}."
    )


def _is_boolean(item) -> bool:
    return isinstance(item, (bool, np.bool_))


def _is_label(item, columns) -> bool:
    if _is_boolean(item):
        return False
    try:
        return item in columns
    except TypeError:  # unhashable
        return False


def _mask_from_booleans(selection, n_cols, what):
    if len(selection) != n_cols:
        raise ValueError(
            f"categorical_features as a boolean mask must have length {n_cols} "
            f"(the number of columns of {what}); got {len(selection)}."
        )
    return np.array(selection, dtype=bool)


def _mask_from_positions(selection, n_cols, what):
    bad = [int(i) for i in selection if not 0 <= i < n_cols]
    if bad:
        raise ValueError(
            f"categorical_features indices {bad} are out of range for {what} with "
            f"{n_cols} columns."
        )
    mask = np.zeros(n_cols, dtype=bool)
    mask[np.asarray(selection, dtype=np.intp)] = True
    return mask


def write_atomically(path, content) -> None:
    """Write ``content`` (str as UTF-8, or bytes) to ``path`` via a temporary file.

    The temporary file sits in the same folder and is renamed over ``path``, so a
    reader never sees a partial file and an interrupted write leaves none behind.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


