"""The LReDDPM paper's experiment grids, one per group of tables.

Every chapter builds its cells from here, so that two chapters showing the same
table ask for the same cells and the second reads them from the cache.
"""

from __future__ import annotations

from dataclasses import replace

from ._methods import METHODS
from ._results import Experiment, with_params
from ._splits import Holdout, cross_validation

__all__ = ["MAIN_RUNS", "ISODF_ENN_GRIDS", "ISODF_ENN_METHODS", "LREDDPM_GRIDS", "LREDDPM_METHODS", "isodf_enn_grid", "lreddpm_grid"]

#: The methods of Tables 3-5 and 16-18, in the paper's row order.
LREDDPM_METHODS = ("ADASYN", "BorderlineSMOTE", "FinDiff", "TVAE", "CTGAN", "LReDDPM", "Original")

#: Section 5.1, Table 6: label -> LReDDPM's ``guidance``.
GUIDANCE_VARIANTS = {"q(y|s,x_t)": "region_noisy", "q(y|x_t)": "noisy"}

#: Section 5.3, Tables 8, 9, 15: label -> ``tau`` (LReDDPM itself is 60/sqrt(beta)).
TAU_VARIANTS = {"tau=1": "1", "tau=60": "60", "tau=1/sqrt(beta)": "1/sqrt(beta)"}

#: Tables 7 and 10: dataset -> the other guiding regions the paper ran.
REGION_VARIANTS = {
    "yeast3": ("border",),
    "rice": ("border",),
    "crg": ("safe",),
    "spambase": ("border", "rare", "outlier"),
    "abalone17": ("border", "rare", "outlier"),
}


#: Row label of Tables 3-5 -> the method the main grid runs for it. The paper trains
#: FinDiff on "the original dataset" and blames it for encroaching on the majority
#: region: a label-conditioned model of the whole table, as FinDiff, CTGAN and TVAE
#: are in their own papers. The minority-only versions keep their plain names
#: (the "baselines" reading of :data:`imbdiff.experiments.READINGS`).
MAIN_RUNS = {"FinDiff": "FinDiff-cond", "CTGAN": "CTGAN-cond", "TVAE": "TVAE-cond"}


def _main(dataset, profile, seed):
    return [
        Experiment.make(dataset, MAIN_RUNS.get(label, label), profile=profile, seed=seed, label=label)
        for label in LREDDPM_METHODS
    ]


def _guidance(dataset, profile, seed):
    return [
        Experiment.make(dataset, "LReDDPM", profile=profile, seed=seed, label=label, guidance=guidance)
        for label, guidance in GUIDANCE_VARIANTS.items()
    ]


def _tau(dataset, profile, seed):
    return [
        Experiment.make(dataset, "LReDDPM", profile=profile, seed=seed, label=label, tau=tau)
        for label, tau in TAU_VARIANTS.items()
    ]


def _regions(dataset, profile, seed):
    return [
        Experiment.make(dataset, "LReDDPM", profile=profile, seed=seed, label=region, region=region)
        for region in REGION_VARIANTS.get(dataset, ())
    ]


def _ddpm_region(dataset, profile, seed):
    return [Experiment.make(dataset, "DDPM-region", profile=profile, seed=seed)]


def _names(datasets, default):
    """``datasets`` as a tuple of names; one name may be given as a string."""
    if datasets is None or len(datasets) == 0:
        return tuple(default)
    return (datasets,) if isinstance(datasets, str) else tuple(datasets)


#: Grid name -> builder of one dataset's cells.
LREDDPM_GRIDS = {
    "main": _main,  # Tables 2-5, 13, 14, 16-18; Figures 3-6
    "guidance": _guidance,  # Table 6
    "tau": _tau,  # Tables 8, 9, 15
    "regions": _regions,  # Tables 7, 10
    "ddpm_region": _ddpm_region,  # Table 11
}


def lreddpm_grid(name, profile, datasets=None, *, seed=0, splits=None, device="auto"):
    """The cells of one group of LReDDPM tables, on every split.

    Split ``i`` is the stratified 80/20 hold-out seeded ``seed + i``, and its
    samplers take the same seed, so every split draws both a new test set and new
    sampler noise (a verdict must survive both).

    Parameters
    ----------
    name : {"main", "guidance", "tau", "regions", "ddpm_region"}
    profile : Profile
        Supplies the methods' settings, the decision-tree seeds, the number of
        splits and, by default, the datasets.
    datasets : sequence of str, optional
        Default: ``profile.datasets``.
    seed : int
        Seed of the first split (and of its samplers).
    splits : int, optional
        Number of splits; default ``profile.splits``.
    device : str
        The torch device of the neural samplers (``"auto"``: their default).

    Returns
    -------
    list of Experiment
        Split-major order: every cell of split 0, then of split 1, ...
    """
    if name not in LREDDPM_GRIDS:
        raise ValueError(f"unknown grid {name!r}; choose one of {sorted(LREDDPM_GRIDS)}")
    build = LREDDPM_GRIDS[name]
    cells = [
        replace(cell, split=Holdout(seed=split_seed))
        for split_seed in _split_seeds(seed, splits, profile)
        for dataset in _names(datasets, profile.datasets)
        for cell in build(dataset, profile, split_seed)
    ]
    return _on_device(cells, device)


def _split_seeds(seed, splits, profile):
    count = profile.splits if splits is None else splits
    if int(count) < 1:
        raise ValueError(f"splits must be at least 1; got {count}")
    return range(seed, seed + int(count))


def _on_device(cells, device):
    if device == "auto":
        return cells
    neural = ("diffusion", "gan")
    return [with_params(c, device=device) if METHODS[c.method].family in neural else c for c in cells]


# ---------------------------------------------------------------- ISODF-ENN
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
    repeats = len(_split_seeds(seed, splits, profile))
    folds = cross_validation(profile.cv_folds, repeats)
    cells = [
        replace(cell, split=fold, repeats=1, classifiers=("DT",))
        for dataset in _names(datasets, profile.isodf_datasets)
        for fold in folds
        for cell in ISODF_ENN_GRIDS[name](dataset, profile, seed + fold.repeat)
    ]
    return _on_device(cells, device)
