"""The readings the book takes where a paper is silent, as swappable choices.

Each :class:`Reading` names one ambiguity of a paper and its choices. For LReDDPM
(:data:`READINGS`): how the 80/20 split is drawn, which rows train the DDPM, how the
region classifier is trained, what ``info(s)`` adds, whether the reverse steps clip,
how long the DDPM trains, which rows are typed by region and what is done where a
split has no row of the guiding region, how the generative baselines are trained. For
ISODF-ENN (:data:`ISODF_ENN_READINGS`): how long the sub-cluster networks train, ENN's
``k``, and which four datasets stand for the ones the paper does not name.

A choice rewrites the paper's cells (LReDDPM's "main" grid, ISODF-ENN's comparison
and ablation grids): the cells it does not touch stay identical, so they come from
the shared cache, and the readings chapters re-check the headline claims under every
choice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

from .. import datasets as _datasets
from ..regions import REGION_NAMES, nearest_present_region
from ._grids import isodf_enn_grid, lreddpm_grid
from ._results import with_params
from ._splits import training_region_types

__all__ = [
    "EMPTY_REGION_CHOICES",
    "HEADLINE_CLAIMS",
    "ISODF_ENN_HEADLINE_CLAIMS",
    "ISODF_ENN_READINGS",
    "UNNAMED_STAND_INS",
    "minority_region_counts",
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


def _isodf_steps(factor) -> Callable:
    """A choice that trains every sub-cluster network ``factor`` times as long."""

    def rewrite(cell):
        if cell.method not in ("ISODF-ENN", "ISODF"):
            return cell
        return with_params(cell, train_steps=max(1, round(dict(cell.params)["train_steps"] * factor)))

    return _each(rewrite)


def _enn_neighbours(k) -> Callable:
    """A choice that gives ISODF-ENN's cleaning step, and the ablation's ENN, ``k`` neighbours."""
    names = {"ISODF-ENN": "enn_neighbors", "ENN": "n_neighbors"}
    return _each(lambda cell: with_params(cell, **{names[cell.method]: k}) if cell.method in names else cell)


#: ISODF-ENN's four KEEL sets the paper does not name -> the other bundled binary KEEL
#: set nearest to each in (log rows, log IR), neither paper's nor the side-by-side
#: chapter's (tests/test_readings.py checks the rule).
UNNAMED_STAND_INS = {
    "glass1": "ecoli-0_vs_1",
    "pima": "wisconsin",
    "ecoli3": "ecoli-0-1-4-7_vs_2-3-5-6",
    "yeast4": "kddcup-guess_passwd_vs_satan",
}


def _stand_ins(cells):
    return [replace(cell, dataset=UNNAMED_STAND_INS.get(cell.dataset, cell.dataset)) for cell in cells]


ISODF_ENN_READINGS = (
    Reading(
        "train_length",
        "How long is each sub-cluster's noise network trained?",
        {
            "the profile's number of steps": _unchanged,
            "a quarter of it": _isodf_steps(0.25),
            "twice as long": _isodf_steps(2),
        },
        "the paper gives no training length for its BP networks; the profile's "
        "(1,000 steps at the default profile) is the book's choice, and a quarter "
        "of it and twice it show whether a verdict hangs on that choice "
        "(03_diffusion plots the training loss).",
    ),
    Reading(
        "enn_k",
        "How many neighbours does the ENN cleaning step use?",
        {"3": _unchanged, "5": _enn_neighbours(5), "7": _enn_neighbours(7)},
        "the paper cites Wilson's ENN, whose rule uses 3 neighbours, and gives no k.",
    ),
    Reading(
        "unnamed_datasets",
        "Which four KEEL sets stand for the four the paper does not name?",
        {
            "glass1, pima, ecoli3, yeast4": _unchanged,
            "the nearest other KEEL sets": _stand_ins,
        },
        "the paper names yeast1, vehicle0, flare-F and segment0 and says its eight sets "
        "span small to large and slightly to highly imbalanced; the book's four are "
        "KEEL's usual sets of that span, the stand-ins the nearest others in size and IR.",
    ),
)

#: The claims of Table 6, Figs. 8-9 and Figs. 10-11 that the ISODF-ENN readings re-check.
ISODF_ENN_HEADLINE_CLAIMS = (
    "isodf-best-f",
    "isodf-best-auc",
    "isodf-flare-close",
    "isodf-best-rank",
    "isodf-significant",
    "isodf-friedman",
    "isodf-stages-beat-original",
    "isodf-beats-both-stages",
    "isodf-each-module",
)


def _isodf_enn_cells(profile, datasets=None, *, seed=0, splits=None, device="auto"):
    """Table 6's and the ablation's cells (ISODF-ENN runs in both: once here)."""
    options = {"seed": seed, "splits": splits, "device": device}
    cells = isodf_enn_grid("comparison", profile, datasets, **options)
    return list(dict.fromkeys(cells + isodf_enn_grid("ablation", profile, datasets, **options)))


def _main_cells(profile, datasets=None, *, seed=0, splits=None, device="auto"):
    return lreddpm_grid("main", profile, datasets, seed=seed, splits=splits, device=device)


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


#: Paper -> (its readings, the cells they rewrite, the claims they re-check).
_PAPERS = {
    "lreddpm": (READINGS, _main_cells, HEADLINE_CLAIMS),
    "isodf_enn": (ISODF_ENN_READINGS, _isodf_enn_cells, ISODF_ENN_HEADLINE_CLAIMS),
}


def _paper(paper):
    if paper not in _PAPERS:
        raise ValueError(f"unknown paper {paper!r}; choose one of {sorted(_PAPERS)}")
    return _PAPERS[paper]


def reading(key, paper="lreddpm") -> Reading:
    """The :class:`Reading` called ``key`` of ``paper`` (``"lreddpm"`` or ``"isodf_enn"``)."""
    readings = _paper(paper)[0]
    for candidate in readings:
        if candidate.key == key:
            return candidate
    raise ValueError(f"unknown reading {key!r}; choose one of {[r.key for r in readings]}")


def reading_grid(key, choice, profile, datasets=None, *, paper="lreddpm", seed=0, splits=None, device="auto"):
    """A paper's cells under one choice of one reading.

    The cells are LReDDPM's "main" grid (Tables 3-5), or ISODF-ENN's comparison and
    ablation grids (Table 6, Figs. 8-11).

    Parameters
    ----------
    key : str
        A reading of :data:`READINGS` or :data:`ISODF_ENN_READINGS`.
    choice : str
        One of its choices (its first is the book's own reading).
    profile, datasets, seed, splits, device
        As :func:`lreddpm_grid` and :func:`isodf_enn_grid`.
    paper : {"lreddpm", "isodf_enn"}

    Returns
    -------
    list of Experiment
        Labelled as the book's cells, so the claims read them unchanged.
    """
    spec = reading(key, paper)
    if choice not in spec.choices:
        raise ValueError(f"reading {key!r} has no choice {choice!r}; choose one of {list(spec.choices)}")
    cells = _paper(paper)[1](profile, datasets, seed=seed, splits=splits, device=device)
    return spec.choices[choice](cells)


def verdicts_across_readings(
    profile,
    datasets=None,
    *,
    paper="lreddpm",
    readings=None,
    keys=None,
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
        Default: the profile's datasets of ``paper``.
    paper : {"lreddpm", "isodf_enn"}
    readings : sequence of str, optional
        Keys of the paper's readings (:data:`READINGS`, :data:`ISODF_ENN_READINGS`);
        default all.
    keys : sequence of str, optional
        Claims to check; default the paper's headline claims
        (:data:`HEADLINE_CLAIMS`, :data:`ISODF_ENN_HEADLINE_CLAIMS`).
    seed, splits, device, n_jobs, backend, cache
        As :func:`reading_grid` and :func:`run`.

    Returns
    -------
    DataFrame
        One row per reading, choice and claim: ``reading, choice, default`` (whether
        it is the book's reading), ``key, claim, verdict, estimate, ci_low, ci_high``.
    """
    import pandas as pd

    from .. import claims
    from ._runner import run

    every, _, headline = _paper(paper)
    keys = list(keys or headline)
    rows = []
    for spec in [reading(key, paper) for key in (readings or [r.key for r in every])]:
        for choice in spec.choices:
            cells = reading_grid(
                spec.key, choice, profile, datasets, paper=paper, seed=seed, splits=splits, device=device
            )
            results = run(cells, n_jobs=n_jobs, backend=backend, cache=cache, progress=False)
            checked = claims.check(results.per_split(), paper=paper)
            checked = checked[checked["key"].isin(keys)]
            checked = checked.assign(reading=spec.key, choice=choice, default=choice == spec.default)
            rows.append(checked)
    columns = ["reading", "choice", "default", "key", "claim", "verdict", "estimate", "ci_low", "ci_high"]
    return pd.concat(rows, ignore_index=True)[columns]
