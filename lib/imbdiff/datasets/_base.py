"""The :class:`Dataset` container, the errors, and the hold-out split."""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

from .._validation import nominal_columns


class DatasetUnavailable(RuntimeError):
    """A known dataset whose data cannot be found, downloaded or validated.

    The message says why, and how to provide the file by hand (the URL to
    download from, the file name to save, and the ``IMBDIFF_DATA_DIR``
    environment variable that points to the folder holding it).
    """


class UnknownDataset(ValueError):
    """A dataset name that :func:`names` does not list.

    The message names the unknown name and suggests close matches.
    """


@dataclass(frozen=True, eq=False, repr=False)
class Dataset:
    """A binary, imbalanced classification dataset.

    Parameters
    ----------
    X : pandas.DataFrame of shape (n_samples, n_features)
        The features. Nominal attributes have the pandas ``category`` dtype,
        numeric ones ``float64``.
    y : ndarray of shape (n_samples,), dtype int
        The class: 1 for the minority class, 0 for the majority class.
    name : str
        The name the dataset was loaded under.
    source : str
        Where the data came from (package and version, or URL and file).
    citation : str
        A short citation of the data's origin.
    """

    X: pd.DataFrame
    y: np.ndarray
    name: str
    source: str = field(default="")
    citation: str = field(default="")

    def __post_init__(self):
        if len(self.X) != len(self.y):
            raise ValueError(
                f"Dataset {self.name!r}: X has {len(self.X)} rows but y has "
                f"{len(self.y)}."
            )

    @property
    def n_categorical(self):
        """Number of nominal columns (:func:`imbdiff._validation.nominal_columns`)."""
        return len(nominal_columns(self.X))

    @property
    def n_numeric(self):
        """Number of numeric (non-nominal) columns."""
        return self.X.shape[1] - self.n_categorical

    @property
    def imbalance_ratio(self):
        """Majority count divided by minority count."""
        n_minority = int(np.count_nonzero(self.y == 1))
        return (len(self.y) - n_minority) / n_minority

    def __repr__(self):
        return (
            f"Dataset(name={self.name!r}, n_samples={len(self.y)}, "
            f"n_numeric={self.n_numeric}, n_categorical={self.n_categorical}, "
            f"n_minority={int(np.count_nonzero(self.y == 1))}, "
            f"imbalance_ratio={self.imbalance_ratio:.2f}, source={self.source!r})"
        )


def holdout_split(dataset, test_size=0.2, seed=0):
    """Split a dataset into stratified train and test parts.

    This is the LReDDPM paper's protocol: one stratified hold-out split,
    80 % train and 20 % test. As in scikit-learn, the test part holds
    ``ceil(test_size * n_samples)`` rows.

    Parameters
    ----------
    dataset : Dataset
        The dataset to split.
    test_size : float or int, default=0.2
        Share (float) or number (int) of rows in the test part.
    seed : int, default=0
        Seed of the shuffle; the same seed gives the same split.

    Returns
    -------
    X_train, X_test : pandas.DataFrame
        The features of both parts (the original row index is kept).
    y_train, y_test : ndarray
        The classes of both parts.
    """
    return train_test_split(
        dataset.X,
        dataset.y,
        test_size=test_size,
        random_state=seed,
        shuffle=True,
        stratify=dataset.y,
    )
