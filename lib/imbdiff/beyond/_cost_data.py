"""The tables the cost chapter times the methods on: generated, or a dataset's rows
and columns resampled to a given size."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = ["cost_data"]


def cost_data(source, n_rows, n_features=None, *, imbalance_ratio=9.0, random_state=0):
    """A table of ``n_rows`` rows and ``n_features`` columns to time the methods on.

    Parameters
    ----------
    source : "generated" or Dataset
        ``"generated"``: :func:`sklearn.datasets.make_classification` with half the
        columns informative (at least two), no redundant ones, no label noise and
        ``imbalance_ratio`` majority rows per minority row. A
        :class:`~imbdiff.datasets.Dataset`: its rows, keeping its class proportions,
        as a stratified sample without replacement when it has ``n_rows`` or more;
        otherwise all its rows plus rows drawn with replacement within each class,
        whose numeric cells get Gaussian noise of 5% of the column's standard
        deviation within the class (nominal cells are copied), so that no two rows
        coincide. Its columns: a random subset when it has ``n_features`` or more,
        otherwise all of them plus copies of random columns jittered the same way.
    n_rows : int
        Rows; each class gets at least 6 (region typing's ``k + 1``).
    n_features : int, optional
        Columns; ``None``: 10 generated, or all of the dataset's.
    imbalance_ratio : float, default=9.0
        Majority rows per minority row of a generated table.
    random_state : int, default=0
        Seed of the generator, the sample and the jitter.

    Returns
    -------
    X : DataFrame
    y : ndarray of int
        1 marks the minority class.
    """
    rng = np.random.default_rng(random_state)
    if isinstance(source, str):
        if source != "generated":
            raise ValueError(f"source must be 'generated' or a Dataset, got {source!r}")
        n_features = 10 if n_features is None else n_features
        return _generated(n_rows, n_features, imbalance_ratio, random_state)
    X, y = source.X, np.asarray(source.y)
    minority = _class_rows(n_rows, np.mean(y == 1))
    chosen = np.concatenate([
        _rows_of(np.flatnonzero(y == 1), minority, rng),
        _rows_of(np.flatnonzero(y != 1), n_rows - minority, rng),
    ])
    frame = X.iloc[chosen].reset_index(drop=True)
    labels = (y[chosen] == 1).astype(int)
    copies = pd.Series(chosen).duplicated().to_numpy()
    frame = _jitter(frame, labels, copies, rng)
    if n_features is not None:
        frame = _columns(frame, labels, n_features, rng)
    return frame, labels


def _generated(n_rows, n_features, imbalance_ratio, random_state):
    from sklearn.datasets import make_classification

    if not imbalance_ratio >= 1:
        raise ValueError(f"imbalance_ratio must be at least 1, got {imbalance_ratio!r}")
    if n_features < 2:
        raise ValueError(f"a generated table needs at least 2 features, got {n_features}")
    minority = _class_rows(n_rows, 1 / (1 + imbalance_ratio))
    # make_classification rounds its class sizes per cluster: draw twice the rows and
    # keep the first ones of each class (its rows come shuffled), so that the
    # minority has exactly ``minority`` rows.
    spare = n_rows + 20
    X, y = make_classification(
        n_samples=n_rows + spare, n_features=n_features,
        n_informative=max(2, math.ceil(n_features / 2)), n_redundant=0,
        weights=[1 - minority / n_rows], flip_y=0.0, random_state=random_state,
    )
    rank = pd.Series(y).groupby(y).cumcount().to_numpy()
    kept = np.where(y == 1, rank < minority, rank < n_rows - minority)
    X, y = X[kept], y[kept]
    return pd.DataFrame(X, columns=[f"x{j}" for j in range(n_features)]), y.astype(int)


def _class_rows(n_rows, share):
    if n_rows < 12:
        raise ValueError(f"a cost table needs at least 12 rows (6 per class), got {n_rows}")
    return int(min(max(round(n_rows * share), 6), n_rows - 6))


def _rows_of(rows, count, rng):
    # Every row once (in random order) before any row twice.
    if count <= len(rows):
        return rng.choice(rows, size=count, replace=False)
    return np.concatenate([rng.permutation(rows), rng.choice(rows, size=count - len(rows))])


def _jitter(frame, labels, which, rng):
    if not which.any():
        return frame
    frame = frame.copy()
    for column in frame.select_dtypes("number").columns:
        values = frame[column].to_numpy(dtype=float)
        scale = pd.Series(values).groupby(labels).transform("std").fillna(0).to_numpy()
        values[which] += rng.normal(size=which.sum()) * 0.05 * scale[which]
        frame[column] = values
    return frame


def _columns(frame, labels, n_features, rng):
    if n_features < 1:
        raise ValueError(f"n_features must be positive, got {n_features}")
    width = frame.shape[1]
    if n_features <= width:
        return frame.iloc[:, np.sort(rng.choice(width, size=n_features, replace=False))]
    extra = rng.choice(width, size=n_features - width)
    copies = frame.iloc[:, extra].copy()
    copies.columns = [f"{frame.columns[j]}~{i}" for i, j in enumerate(extra)]
    copies = _jitter(copies, labels, np.ones(len(frame), dtype=bool), rng)
    return pd.concat([frame, copies], axis=1)
