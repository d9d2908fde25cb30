"""The ISODF-ENN paper's experiment grids: Table 6's comparison, the ablation of
Figures 10-11 and the sensitivity of Tables 4-5, each on every fold of the protocol."""

from __future__ import annotations

from dataclasses import replace

from ..experiments._grid import dataset_names, on_device, split_seeds
from ..experiments._results import Experiment
from ..experiments._splits import cross_validation

__all__ = ["ISODF_ENN_GRIDS", "ISODF_ENN_METHODS", "ITERATION_VALUES", "MUL_VALUES", "isodf_enn_grid"]

#: Table 6's methods: ISODF-ENN and the seven it is compared with, plus the
#: unresampled training set for reference.
ISODF_ENN_METHODS = ("SMOTE", "KNSMOTE", "KmUnder", "Tomek", "SMOTE+ENN", "GAN", "TWGAN-GP", "ISODF-ENN", "Original")

#: Tables 4 and 5: the values of Mul and I the paper tries.
MUL_VALUES = (5, 20, 50, 100)
ITERATION_VALUES = (5, 10, 20, 30)


def _isodf_comparison(dataset, profile, seed):
    return [Experiment.make(dataset, method, profile=profile, seed=seed) for method in ISODF_ENN_METHODS]


def _isodf_ablation(dataset, profile, seed):
    return [Experiment.make(dataset, method, profile=profile, seed=seed) for method in ("ENN", "ISODF", "ISODF-ENN")]


def _isodf_sensitivity(dataset, profile, seed):
    mul = [
        Experiment.make(dataset, "ISODF-ENN", profile=profile, seed=seed, label=f"Mul={m}", merge_multiplier=float(m))
        for m in MUL_VALUES
    ]
    iterations = [
        Experiment.make(dataset, "ISODF-ENN", profile=profile, seed=seed, label=f"I={i}", max_iter=i)
        for i in ITERATION_VALUES
    ]
    return mul + iterations


#: Grid name -> builder of one dataset's cells (one fold; repeated per fold).
ISODF_ENN_GRIDS = {
    "comparison": _isodf_comparison,  # Table 6, Figs. 8-9, Table 7
    "ablation": _isodf_ablation,  # Figs. 10-11
    "sensitivity": _isodf_sensitivity,  # Tables 4-5
}


def isodf_enn_grid(name, profile, datasets=None, *, seed=0, splits=None, device="auto"):
    """The cells of one group of ISODF-ENN tables, for every fold of the protocol.

    The protocol: stratified ``profile.cv_folds``-fold cross-validation repeated
    once per split (the paper: 5 x 10), one decision tree per fold; the paper
    reports the average. Repetition ``r`` partitions the rows with seed ``r`` and
    its samplers take seed ``seed + r``.

    Parameters
    ----------
    name : {"comparison", "ablation", "sensitivity"}
    profile : Profile
    datasets : sequence of str, optional
        Default: ``profile.isodf_datasets``.
    seed : int
        The samplers' seed of the first repetition.
    splits : int, optional
        Repetitions of the cross-validation; default ``profile.splits``.
    device : str

    Returns
    -------
    list of Experiment
    """
    if name not in ISODF_ENN_GRIDS:
        raise ValueError(f"unknown grid {name!r}; choose one of {sorted(ISODF_ENN_GRIDS)}")
    repeats = len(split_seeds(seed, splits, profile))
    folds = cross_validation(profile.cv_folds, repeats)
    cells = [
        replace(cell, split=fold, repeats=1, classifiers=("DT",))
        for dataset in dataset_names(datasets, profile.isodf_datasets)
        for fold in folds
        for cell in ISODF_ENN_GRIDS[name](dataset, profile, seed + fold.repeat)
    ]
    return on_device(cells, device)
