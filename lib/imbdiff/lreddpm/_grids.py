"""The LReDDPM paper's experiment grids, one per group of tables.

Every chapter builds its cells from here, so that two chapters showing the same
table ask for the same cells and the second reads them from the cache.
"""

from __future__ import annotations

from dataclasses import replace

from ..experiments._grid import dataset_names, on_device, split_seeds
from ..experiments._results import Experiment
from ..experiments._splits import Holdout

__all__ = ["GUIDANCE_VARIANTS", "LREDDPM_GRIDS", "LREDDPM_METHODS", "MAIN_RUNS", "REGION_VARIANTS", "TAU_VARIANTS", "lreddpm_grid"]

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
#: (the "baselines" reading of :data:`imbdiff.lreddpm.READINGS`).
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
        for split_seed in split_seeds(seed, splits, profile)
        for dataset in dataset_names(datasets, profile.datasets)
        for cell in build(dataset, profile, split_seed)
    ]
    return on_device(cells, device)
