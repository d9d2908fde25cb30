"""The readings the book takes where the LReDDPM paper is silent, as swappable choices.

Each :class:`Reading` names one ambiguity of the paper (how the 80/20 split is drawn,
which rows train the DDPM, how the region classifier is trained, what ``info(s)`` adds,
whether the reverse steps clip, how long the DDPM trains, how the generative baselines
are trained) and its choices. A choice rewrites the cells of the "main" grid (Tables
3-5): the cells it does not touch stay identical, so they come from the shared cache,
and the chapter "How the readings move the verdicts" re-checks the headline claims under
every choice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

from .. import datasets as _datasets
from ..regions import nearest_present_region
from ._grids import lreddpm_grid
from ._results import with_params
from ._splits import training_region_types

__all__ = [
    "EMPTY_REGION_CHOICES",
    "HEADLINE_CLAIMS",
    "MINORITY_BASELINES",
    "READINGS",
    "Reading",
    "reading",
    "reading_grid",
    "verdicts_across_readings",
]


@dataclass(frozen=True)
class Reading:
    """One ambiguity of the paper and the choices the book can take for it.

    Attributes
    ----------
    key : str
        Short name (``"classifier"``).
    question : str
        What the paper leaves open.
    choices : dict
        Choice label -> function rewriting the grid's list of cells
        (:class:`Experiment`); the first choice is the book's reading, and its
        function leaves the cells as they are.
    why : str
        Why the book's reading is the default.
    """

    key: str
    question: str
    choices: dict
    why: str

    @property
    def default(self) -> str:
        return next(iter(self.choices))


def _unchanged(cells):
    return list(cells)


def _each(rewrite_one) -> Callable:
    """A choice that rewrites every cell on its own."""

    def rewrite(cells):
        return [rewrite_one(cell) for cell in cells]

    return rewrite


def _lreddpm(**params) -> Callable:
    """A choice that changes LReDDPM's own parameters and nothing else."""
    return _each(lambda cell: with_params(cell, **params) if cell.method == "LReDDPM" else cell)


def _methods(mapping) -> Callable:
    """A choice that runs other methods under the same labels (the baselines)."""

    def rewrite_one(cell):
        if cell.method not in mapping:
            return cell
        return replace(cell, method=mapping[cell.method], label=cell.name)

    return _each(rewrite_one)


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


def _region_is_empty(cell, typing="train"):
    return not (_minority_training_types(cell.dataset, cell.split, typing) == cell.region).any()


def _whole_typing_where_empty(cell):
    return _whole_typing(cell) if _region_is_empty(cell) else cell


def _nearest_region_where_empty(cell):
    region = nearest_present_region(_minority_training_types(cell.dataset, cell.split), cell.region)
    return cell if region == cell.region else replace(cell, region=region)


def _without_datasets_with_empty_regions(cells):
    empty = {cell.dataset for cell in cells if _region_is_empty(cell)}
    return [cell for cell in cells if cell.dataset not in empty]


#: What to do where a split's training part holds no minority row of the guiding
#: region (abalone17 on 4 of the 5 default splits). Cells with rows are unchanged.
EMPTY_REGION_CHOICES = {
    "refuse: LReDDPM drops out there": _unchanged,
    "type the rows on the whole dataset there": _each(_whole_typing_where_empty),
    "guide by the nearest region present": _each(_nearest_region_where_empty),
    "leave such a dataset out": _without_datasets_with_empty_regions,
}


#: The conditional baselines the main grid runs -> their minority-only siblings.
MINORITY_BASELINES = {"FinDiff-cond": "FinDiff", "CTGAN-cond": "CTGAN", "TVAE-cond": "TVAE"}

READINGS = (
    Reading(
        "split",
        "Is the 80/20 hold-out split stratified by class?",
        {"stratified": _unchanged, "plain": _each(_plain_split)},
        "the paper does not say; stratification keeps the test minority's size fixed. "
        "Table 12's counts suggest the paper's split was not stratified (02_regions).",
    ),
    Reading(
        "ddpm_data",
        "Which rows train the DDPM that LReDDPM guides?",
        {"minority": _unchanged, "all rows, label-conditioned": _lreddpm(ddpm_data="all")},
        "Algorithm 1 trains on the minority samples; Appendix A's q(x0) with a class "
        "classifier reads like a model of every row.",
    ),
    Reading(
        "classifier",
        "How is the region classifier q(y|s) trained?",
        {
            "clean (the paper's q(y|s))": _unchanged,
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
            "offset mean_s - mean_minority": _unchanged,
            "mean_s itself": _lreddpm(info="literal"),
            "nothing": _lreddpm(info=None),
        },
        "the offset moves the class's centre onto the region's; the sampler's Notes "
        "give the measurements.",
    ),
    Reading(
        "clip",
        "Are the denoiser's x0 estimates clipped at every reverse step?",
        {"clipped": _unchanged, "not clipped": _lreddpm(clip_denoised=False)},
        "without clipping tau = 60/sqrt(beta) throws rows off the data (page0: 31 %).",
    ),
    Reading(
        "length",
        "How long is the DDPM trained?",
        {
            "fixed number of steps": _unchanged,
            "early stopping on held-out rows": _lreddpm(early_stopping=True),
        },
        "the paper gives no training length; DDPM and TabDDPM train a fixed number of "
        "steps. Early stopping holds out a tenth of the DDPM's rows and stops when "
        "their denoising loss stops falling (LReDDPMSampler's Notes).",
    ),
    Reading(
        "typing",
        "Are the rows typed by region among the training rows or on the whole dataset?",
        {"training rows": _unchanged, "whole dataset, test rows included": _each(_whole_typing)},
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
        {"whole table, label-conditioned": _unchanged, "minority rows only": _methods(MINORITY_BASELINES)},
        "the paper trains FinDiff on 'the original dataset' and blames it for encroaching "
        "on the majority, which describes a label-conditioned model of the whole table.",
    ),
)


def reading(key) -> Reading:
    """The :class:`Reading` called ``key``."""
    for candidate in READINGS:
        if candidate.key == key:
            return candidate
    raise ValueError(f"unknown reading {key!r}; choose one of {[r.key for r in READINGS]}")


def reading_grid(key, choice, profile, datasets=None, *, seed=0, splits=None, device="auto"):
    """The "main" grid's cells under one choice of one reading.

    Parameters
    ----------
    key : str
        A reading of :data:`READINGS`.
    choice : str
        One of its choices (its first is the book's own reading).
    profile, datasets, seed, splits, device
        As :func:`lreddpm_grid`.

    Returns
    -------
    list of Experiment
        Labelled as the main grid's cells, so the claims read them unchanged.
    """
    spec = reading(key)
    if choice not in spec.choices:
        raise ValueError(f"reading {key!r} has no choice {choice!r}; choose one of {list(spec.choices)}")
    rewrite = spec.choices[choice]
    return rewrite(lreddpm_grid("main", profile, datasets, seed=seed, splits=splits, device=device))


#: The claims of Tables 3-5 that the readings chapter re-checks (keys of
#: :data:`imbdiff.claims.CLAIMS`).
HEADLINE_CLAIMS = (
    "auc-dt-best",
    "auc-dt-vs-smote",
    "auc-dt-vs-original",
    "auc-lr-best",
    "f1-best",
    "f1-vs-original",
    "gmean",
)


def verdicts_across_readings(
    profile,
    datasets=None,
    *,
    readings=None,
    keys=HEADLINE_CLAIMS,
    seed=0,
    splits=None,
    device="auto",
    n_jobs=1,
    backend=None,
    cache=None,
):
    """Check the headline claims under every choice of every reading.

    Each choice changes one reading and keeps the book's other readings, so a
    verdict that moves names the reading it hangs on.

    Parameters
    ----------
    profile : Profile
    datasets : sequence of str, optional
        Default: ``profile.datasets``.
    readings : sequence of str, optional
        Keys of :data:`READINGS`; default all.
    keys : sequence of str
        Claims to check (default :data:`HEADLINE_CLAIMS`).
    seed, splits, device, n_jobs, backend, cache
        As :func:`lreddpm_grid` and :func:`run`.

    Returns
    -------
    DataFrame
        One row per reading, choice and claim: ``reading, choice, default`` (whether
        it is the book's reading), ``key, claim, verdict, estimate, ci_low, ci_high``.
    """
    import pandas as pd

    from .. import claims
    from ._runner import run

    rows = []
    for spec in [reading(key) for key in (readings or [r.key for r in READINGS])]:
        for choice in spec.choices:
            cells = reading_grid(spec.key, choice, profile, datasets, seed=seed, splits=splits, device=device)
            results = run(cells, n_jobs=n_jobs, backend=backend, cache=cache, progress=False)
            checked = claims.check(results.per_split())
            checked = checked[checked["key"].isin(list(keys))]
            checked = checked.assign(reading=spec.key, choice=choice, default=choice == spec.default)
            rows.append(checked)
    columns = ["reading", "choice", "default", "key", "claim", "verdict", "estimate", "ci_low", "ci_high"]
    return pd.concat(rows, ignore_index=True)[columns]
