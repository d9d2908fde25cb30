"""LReDDPM's readings: the choices the book takes where the paper is silent.

How the 80/20 split is drawn, which rows train the DDPM, how the region classifier
is trained, what ``info(s)`` adds, whether the reverse steps clip, how long the DDPM
trains, which rows are typed by region and what is done where a split has no row of
the guiding region, how the generative baselines are trained. Each choice rewrites
the "main" grid's cells (Tables 3-5); chapter 14 re-checks the headline claims
under every choice.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Callable

from .. import datasets as _datasets
from ..claims._readings import Reading, each_cell, unchanged
from ..experiments._results import with_params
from ..experiments._splits import training_region_types
from ..regions import REGION_NAMES, nearest_present_region
from ._grids import lreddpm_grid

__all__ = [
    "EMPTY_REGION_CHOICES",
    "HEADLINE_CLAIMS",
    "MINORITY_BASELINES",
    "READINGS",
    "minority_region_counts",
    "reading_cells",
]


def _lreddpm(**params) -> Callable:
    """A choice that changes LReDDPM's own parameters and nothing else."""
    return each_cell(lambda cell: with_params(cell, **params) if cell.method == "LReDDPM" else cell)


def _methods(mapping) -> Callable:
    """A choice that runs other methods under the same labels (the baselines)."""

    def rewrite_one(cell):
        if cell.method not in mapping:
            return cell
        return replace(cell, method=mapping[cell.method], label=cell.name)

    return each_cell(rewrite_one)


def _plain_split(cell):
    return replace(cell, split=replace(cell.split, stratify=False))


def _whole_typing(cell):
    return replace(cell, typing="whole")


@lru_cache(maxsize=256)
def _minority_training_types(dataset, split, typing="train"):
    """The region types of the minority's training rows of one split."""
    data = _datasets.load(dataset)
    train, _ = split.indices(data.y)
    types = training_region_types(data.X, data.y, train, typing=typing)
    return types[data.y[train] == 1]


def minority_region_counts(dataset, split, typing="train"):
    """How many of one split's minority training rows fall in each region.

    Parameters
    ----------
    dataset : str
    split : Holdout
    typing : {"train", "whole"}
        As :attr:`Experiment.typing`.

    Returns
    -------
    Series
        Region name -> count, in the order of Eq. 5; regions without rows give 0.
    """
    import pandas as pd

    types = pd.Series(_minority_training_types(dataset, split, typing))
    return types.value_counts().reindex(list(REGION_NAMES), fill_value=0).rename_axis("region")


def _region_is_empty(cell, typing="train"):
    try:
        types = _minority_training_types(cell.dataset, cell.split, typing)
    except _datasets.DatasetUnavailable:
        return False  # its cells stay as they are: the runner reports the dataset missing
    return not (types == cell.region).any()


def _whole_typing_where_empty(cell):
    return _whole_typing(cell) if _region_is_empty(cell) else cell


def _nearest_region_where_empty(cell):
    if not _region_is_empty(cell):
        return cell
    region = nearest_present_region(_minority_training_types(cell.dataset, cell.split), cell.region)
    return cell if region == cell.region else replace(cell, region=region)


def _without_datasets_with_empty_regions(cells):
    empty = {cell.dataset for cell in cells if _region_is_empty(cell)}
    return [cell for cell in cells if cell.dataset not in empty]


#: What to do where a split's training part holds no minority row of the guiding
#: region (abalone17 on 4 of the 5 default splits). Cells with rows are unchanged.
EMPTY_REGION_CHOICES = {
    "refuse: LReDDPM drops out there": unchanged,
    "type the rows on the whole dataset there": each_cell(_whole_typing_where_empty),
    "guide by the nearest region present": each_cell(_nearest_region_where_empty),
    "leave such a dataset out": _without_datasets_with_empty_regions,
}


#: The conditional baselines the main grid runs -> their minority-only siblings.
MINORITY_BASELINES = {"FinDiff-cond": "FinDiff", "CTGAN-cond": "CTGAN", "TVAE-cond": "TVAE"}

READINGS = (
    Reading(
        "split",
        "Is the 80/20 hold-out split stratified by class?",
        {"stratified": unchanged, "plain": each_cell(_plain_split)},
        "the paper does not say; stratification keeps the test minority's size fixed. "
        "Table 12's counts suggest the paper's split was not stratified (02_regions).",
    ),
    Reading(
        "ddpm_data",
        "Which rows train the DDPM that LReDDPM guides?",
        {"minority": unchanged, "all rows, label-conditioned": _lreddpm(ddpm_data="all")},
        "Algorithm 1 trains on the minority samples; Appendix A's q(x0) with a class "
        "classifier reads like a model of every row.",
    ),
    Reading(
        "classifier",
        "How is the region classifier q(y|s) trained?",
        {
            "clean (the paper's q(y|s))": unchanged,
            "noise-aware": _lreddpm(classifier="noise_aware"),
            "calibrated": _lreddpm(classifier="calibrated"),
        },
        "the paper's q(y|s) is trained on clean rows; measured on training rows, the "
        "noise-aware classifier's milder push loses more of the region's spread "
        "(LReDDPMSampler's Notes).",
    ),
    Reading(
        "info",
        "What does info(s) add at the last step?",
        {
            "offset mean_s - mean_minority": unchanged,
            "mean_s itself": _lreddpm(info="literal"),
            "nothing": _lreddpm(info=None),
        },
        "the offset moves the class's centre onto the region's; the sampler's Notes "
        "give the measurements.",
    ),
    Reading(
        "clip",
        "Are the denoiser's x0 estimates clipped at every reverse step?",
        {"clipped": unchanged, "not clipped": _lreddpm(clip_denoised=False)},
        "without clipping tau = 60/sqrt(beta) throws rows off the data (page0: 31 %).",
    ),
    Reading(
        "length",
        "How long is the DDPM trained?",
        {
            "fixed number of steps": unchanged,
            "early stopping on held-out rows": _lreddpm(early_stopping=True),
        },
        "the paper gives no training length; DDPM and TabDDPM train a fixed number of "
        "steps. Early stopping holds out a tenth of the DDPM's rows and stops when "
        "their denoising loss stops falling (LReDDPMSampler's Notes).",
    ),
    Reading(
        "typing",
        "Are the rows typed by region among the training rows or on the whole dataset?",
        {"training rows": unchanged, "whole dataset, test rows included": each_cell(_whole_typing)},
        "typing on the training rows keeps every test row out of what a sampler "
        "learns; the paper does not say which rows were typed, and typing the whole "
        "table before splitting it is a common shortcut.",
    ),
    Reading(
        "empty_region",
        "What is done where the training part holds no minority row of the guiding region?",
        EMPTY_REGION_CHOICES,
        "an empty region leaves LReDDPM nothing to guide by, and the paper does not "
        "say what it did; refusing keeps the sampler honest. The paper's Table 12 "
        "finds 3 safe rows among abalone17's 48 minority training rows, which "
        "typing the training rows finds on 1 of the 5 default splits only.",
    ),
    Reading(
        "baselines",
        "On what are FinDiff, CTGAN and TVAE trained?",
        {"whole table, label-conditioned": unchanged, "minority rows only": _methods(MINORITY_BASELINES)},
        "the paper trains FinDiff on 'the original dataset' and blames it for encroaching "
        "on the majority, which describes a label-conditioned model of the whole table.",
    ),
)


def reading_cells(profile, datasets=None, *, seed=0, splits=None, device="auto"):
    """The "main" grid's cells, which LReDDPM's readings rewrite."""
    return lreddpm_grid("main", profile, datasets, seed=seed, splits=splits, device=device)


#: The claims of Tables 3-5 that the readings chapter re-checks (keys of
#: :data:`imbdiff.lreddpm.CLAIMS`).
HEADLINE_CLAIMS = (
    "auc-dt-best",
    "auc-dt-vs-smote",
    "auc-dt-vs-original",
    "auc-lr-best",
    "f1-best",
    "f1-vs-original",
    "gmean",
)
