"""Train/test splits of the two papers' protocols."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import StratifiedKFold, train_test_split

from ..regions import region_types

__all__ = ["TYPINGS", "CVFold", "Holdout", "cross_validation", "training_region_types"]


@dataclass(frozen=True)
class Holdout:
    """One hold-out split (the LReDDPM protocol: 80 % train, 20 % test).

    Parameters
    ----------
    test_size : float, default=0.2
        Share of the rows in the test part (``ceil(test_size * n)`` rows, as in
        scikit-learn and :func:`imbdiff.datasets.holdout_split`).
    seed : int, default=0
        Seed of the shuffle.
    stratify : bool, default=True
        Keep the class shares of ``y`` in both parts; ``False`` shuffles the rows
        without regard to their class (a plain split, whose minority count in the
        test part varies with the seed). Only a non-default value enters an
        experiment's cache key, so stratified splits keep their keys.
    """

    test_size: float = 0.2
    seed: int = 0
    stratify: bool = True

    def indices(self, y):
        """Return ``(train, test)`` row positions for the labels ``y``."""
        positions = np.arange(len(y))
        train, test = train_test_split(
            positions,
            test_size=self.test_size,
            random_state=self.seed,
            shuffle=True,
            stratify=y if self.stratify else None,
        )
        return np.sort(train), np.sort(test)


@dataclass(frozen=True)
class CVFold:
    """One fold of a repeated stratified k-fold cross-validation (the ISODF-ENN protocol).

    Parameters
    ----------
    n_splits : int, default=5
        Folds per repetition.
    repeat : int, default=0
        Which repetition: it seeds the shuffle, so every repetition partitions the
        rows differently and each partition is the same every time.
    fold : int, default=0
        Which fold of that partition is the test part.
    """

    n_splits: int = 5
    repeat: int = 0
    fold: int = 0

    def __post_init__(self):
        if not 0 <= self.fold < self.n_splits:
            raise ValueError(f"fold must be in [0, {self.n_splits}); got {self.fold}")

    def indices(self, y):
        """Return ``(train, test)`` row positions for the labels ``y``."""
        folds = StratifiedKFold(n_splits=self.n_splits, shuffle=True, random_state=self.repeat)
        for number, (train, test) in enumerate(folds.split(np.zeros(len(y)), y)):
            if number == self.fold:
                return train, test
        raise AssertionError("unreachable: fold was checked")  # pragma: no cover


def cross_validation(n_splits=5, n_repeats=10):
    """Every fold of ``n_repeats`` stratified ``n_splits``-fold cross-validations.

    Returns
    -------
    list of CVFold
        Repetition-major order: all folds of repetition 0, then of 1, ...
    """
    return [CVFold(n_splits, repeat, fold) for repeat in range(n_repeats) for fold in range(n_splits)]


#: Where a cell types rows by region (:attr:`Experiment.typing`).
TYPINGS = ("train", "whole")


def training_region_types(X, y, train, nominal="auto", typing="train"):
    """The region types of the training rows ``train`` of ``(X, y)``.

    ``typing="train"`` types them among the training rows only: the book's reading,
    so no test row shapes what a sampler learns. ``"whole"`` types every row of the
    dataset and keeps the training rows' types: a reading of the LReDDPM paper.
    ``nominal`` is :func:`imbdiff.regions.region_types`'s ``categorical_features``.
    """
    if typing not in TYPINGS:
        raise ValueError(f"unknown typing {typing!r}; choose one of {list(TYPINGS)}")
    if typing == "whole":
        return region_types(X, y, categorical_features=nominal)[train]
    return region_types(X.iloc[train].reset_index(drop=True), y[train], categorical_features=nominal)
