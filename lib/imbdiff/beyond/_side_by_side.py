"""Both papers' methods side by side: one protocol, one balanced target, rank tests.

Each paper compares its method with baselines of its own choosing, on its own data and
under its own protocol. :func:`beyond_grid` runs LReDDPM, ISODF-ENN and eight other
oversamplers under one protocol (repeated stratified k-fold cross-validation), every one
of them balancing the training split (minority count = majority count), scored with a
decision tree and logistic regression. :func:`rank_tests`, :func:`statistics_summary`
and :func:`recommendations` turn the scores into Demšar's tests and a recommendation
per kind of data.

References
----------
.. [1] J. Demšar, "Statistical comparisons of classifiers over multiple data sets",
   Journal of Machine Learning Research, 7, pp. 1-30, 2006.
.. [2] A. Fernández, S. García, M. J. del Jesus and F. Herrera, "A study of the
   behaviour of linguistic fuzzy rule based classification systems in the framework of
   imbalanced data-sets", Fuzzy Sets and Systems, 159(18), pp. 2378-2398, 2008 (the
   split of KEEL's imbalanced sets at IR 9).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .. import datasets, profiles
from .._validation import nominal_columns
from ..datasets import resolve_name
from ..regions import REGION_NAMES, region_types
from ..experiments._grid import dataset_names, on_device, split_seeds
from ..experiments._methods import PAPER_REGION
from ..experiments._results import Experiment
from ..experiments._scoring import CLASSIFIERS
from ..experiments._splits import cross_validation

__all__ = [
    "BEYOND_DATASETS",
    "BEYOND_MEASURES",
    "BEYOND_METHODS",
    "BEYOND_NEW_DATASETS",
    "BEYOND_RUNS",
    "HIGH_IR",
    "SMALL_ROWS",
    "beyond_grid",
    "beyond_region",
    "data_kind",
    "dataset_table",
    "score_table",
]

#: Label shown in the chapter -> registered method run for it. Every one generates
#: minority rows until the classes balance; SMOTE+ENN and ISODF-ENN then clean.
#: "DDPM-unguided" is the minority-only DDPM (FinDiff's network without its class
#: conditioning); "FinDiff", "CTGAN" and "TVAE" are fitted on the whole training table,
#: conditional on the class, as their authors build them (and as the LReDDPM chapters'
#: main grid runs them).
BEYOND_RUNS = {
    "LReDDPM": "LReDDPM-balanced",
    "ISODF-ENN": "ISODF-ENN",
    "DDPM-unguided": "FinDiff-balanced",
    "SMOTE": "SMOTE",
    "ADASYN": "ADASYN-balanced",
    "BorderlineSMOTE": "BorderlineSMOTE-balanced",
    "SMOTE+ENN": "SMOTE+ENN",
    "FinDiff": "FinDiff-cond-balanced",
    "CTGAN": "CTGAN-cond-balanced",
    "TVAE": "TVAE-cond-balanced",
}

#: The ten methods, in the chapter's order.
BEYOND_METHODS = tuple(BEYOND_RUNS)

#: KEEL sets neither paper uses (:data:`imbdiff.profiles.BEYOND_NEW_DATASETS`).
BEYOND_NEW_DATASETS = profiles.BEYOND_NEW_DATASETS

#: Both papers' datasets, then the new KEEL sets, each once.
BEYOND_DATASETS = profiles.BEYOND_ALL_DATASETS

#: The measures compared: metric ``_`` classifier. The G-mean is the usual
#: sqrt(TPR x TNR) (:func:`imbdiff.metrics.g_mean` with ``kind="tpr_tnr"``).
BEYOND_MEASURES = tuple(
    f"{metric}_{classifier}"
    for classifier in CLASSIFIERS
    for metric in ("AUC", "F1", "G-mean-TPR-TNR")
)

#: A dataset is "small" up to this many rows, "large" above.
SMALL_ROWS = 1000

#: A dataset is "high" imbalance above this ratio (KEEL's split, Fernández et al. 2008).
HIGH_IR = 9.0

#: Minority rows of the "safe" region a dataset needs before LReDDPM is guided by it:
#: with fewer, a training fold may hold none.
MIN_SAFE_ROWS = 10


# ---------------------------------------------------------------- the grid
@functools.lru_cache(maxsize=None)
def beyond_region(dataset: str, min_rows: int = MIN_SAFE_ROWS) -> str:
    """The region LReDDPM is guided by on ``dataset`` in the side-by-side grid.

    The region the LReDDPM paper names for a dataset (``"border"`` for spectfheart and
    crg, :data:`PAPER_REGION`). Otherwise ``"safe"``, the paper's default, when the
    minority class has at least ``min_rows`` safe rows, else its most populous region
    (ties in the order safe, border, rare, outlier): abalone17, for one, has a single
    safe row, so that the paper's "safe" would leave most training folds without a
    guiding row. The typing (:func:`imbdiff.regions.region_types`) uses the whole
    table's labels, like its IR; no score enters the choice.

    Parameters
    ----------
    dataset : str
    min_rows : int, default=10

    Returns
    -------
    str
        One of ``"safe"``, ``"border"``, ``"rare"``, ``"outlier"``; ``"safe"`` for a
        dataset that cannot be loaded (its cells then report why).
    """
    if dataset in PAPER_REGION:
        return PAPER_REGION[dataset]
    try:
        data = datasets.load(dataset)
    except datasets.DatasetUnavailable:
        return "safe"
    nominal = nominal_columns(data.X)
    types = region_types(data.X, data.y, categorical_features=nominal)[data.y == 1]
    counts = pd.Series(types).value_counts().reindex(list(REGION_NAMES), fill_value=0)
    if counts["safe"] >= min_rows:
        return "safe"
    return str(counts.idxmax())  # idxmax keeps the first of tied regions


def _labels(methods):
    if methods is None:
        return BEYOND_METHODS
    labels = (methods,) if isinstance(methods, str) else tuple(methods)
    unknown = [m for m in labels if m not in BEYOND_RUNS]
    if unknown or not labels:
        raise ValueError(
            f"unknown side-by-side method(s) {unknown}; choose from {list(BEYOND_METHODS)}"
        )
    return labels


def beyond_grid(profile, datasets=None, *, seed=0, splits=None, device="auto", methods=None):
    """The side-by-side cells: every method on every fold of every dataset.

    The protocol, the same for every method: stratified ``profile.cv_folds``-fold
    cross-validation repeated ``splits`` times (repetition ``r`` partitions the rows
    with seed ``r``, its samplers take seed ``seed + r``); every method balances the
    training folds (minority count = majority count; SMOTE+ENN and ISODF-ENN then
    remove rows); one decision tree (seed 0) and one logistic regression are scored
    on the untouched test fold.

    Parameters
    ----------
    profile : Profile
        Supplies the methods' budgets, ``cv_folds`` and, by default, the datasets
        (``beyond_datasets``) and the repetitions (``beyond_splits``).
    datasets : sequence of str, optional
        Default: ``profile.beyond_datasets``.
    seed : int
        The samplers' seed of the first repetition.
    splits : int, optional
        Repetitions of the cross-validation; default ``profile.beyond_splits``.
    device : str
        The torch device of the neural samplers (``"auto"``: their default).
    methods : sequence of str, optional
        Labels of :data:`BEYOND_METHODS` (default: all ten).

    Returns
    -------
    list of Experiment
        Dataset-major, then fold, then method; each labelled as in
        :data:`BEYOND_METHODS`.

    Raises
    ------
    ValueError
        An unknown dataset or method, or fewer than one split.
    """
    labels = _labels(methods)
    names = dataset_names(datasets, profile.beyond_datasets)
    for name in names:
        resolve_name(name)  # an unknown name fails before any work
    count = profile.beyond_splits if splits is None else splits
    folds = cross_validation(profile.cv_folds, len(split_seeds(seed, count, profile)))
    cells = [
        Experiment.make(
            dataset,
            BEYOND_RUNS[label],
            profile=profile,
            label=label,
            region=beyond_region(dataset),
            split=fold,
            seed=seed + fold.repeat,
            repeats=1,
            classifiers=CLASSIFIERS,
        )
        for dataset in names
        for fold in folds
        for label in labels
    ]
    return on_device(cells, device)


# ---------------------------------------------------------------- the data
def data_kind(rows, imbalance_ratio):
    """``"small"``/``"large"`` (at most :data:`SMALL_ROWS` rows) and ``"low"``/``"high"``
    (IR at most :data:`HIGH_IR`) as one label, for example ``"small, high IR"``."""
    if not (np.isfinite(rows) and np.isfinite(imbalance_ratio)):
        raise ValueError(f"rows and imbalance ratio must be finite; got {rows}, {imbalance_ratio}")
    size = "small" if rows <= SMALL_ROWS else "large"
    level = "low" if imbalance_ratio <= HIGH_IR else "high"
    return f"{size}, {level} IR"


def _origin(name):
    sources = {"LReDDPM": profiles.LREDDPM_DATASETS, "ISODF-ENN": profiles.ISODF_ENN_DATASETS}
    papers = [paper for paper, names in sources.items() if name in names]
    return " and ".join(papers) or "neither (new)"


def dataset_table(names=None):
    """Rows, features, minority rows, IR, kind and guiding region of each dataset.

    Parameters
    ----------
    names : sequence of str, optional
        Default: :data:`BEYOND_DATASETS`.

    Returns
    -------
    DataFrame
        Indexed by dataset: ``rows, features, nominal, minority, IR, kind, used by,
        region``; a dataset that cannot be loaded has NaN counts and kind
        ``"unavailable"``.
    """
    records = []
    for name in dataset_names(names, BEYOND_DATASETS):
        record = {"dataset": name, "used by": _origin(name), "region": beyond_region(name)}
        try:
            data = datasets.load(name)
        except datasets.DatasetUnavailable:
            records.append({**record, "kind": "unavailable"})
            continue
        minority = int((data.y == 1).sum())
        ratio = (len(data.y) - minority) / minority
        nominal = len(nominal_columns(data.X))
        records.append(
            {
                **record,
                "rows": len(data.y),
                "features": data.X.shape[1],
                "nominal": nominal,
                "minority": minority,
                "IR": ratio,
                "kind": data_kind(len(data.y), ratio),
            }
        )
    columns = ["dataset", "rows", "features", "nominal", "minority", "IR", "kind", "used by"]
    columns.append("region")
    return pd.DataFrame(records).reindex(columns=columns).set_index("dataset")


# ---------------------------------------------------------------- the tables
def score_table(results, measure, methods=None):
    """One measure as a datasets x methods table: the mean over the repetitions of
    each repetition's mean over its folds.

    Parameters
    ----------
    results : Results
    measure : str
        A name of :data:`BEYOND_MEASURES` (any ``metric_classifier`` the cells scored).
    methods : sequence of str, optional
        Column order; default :data:`BEYOND_METHODS`.

    Returns
    -------
    DataFrame
        NaN where a method has no result on a dataset (drop those rows before a rank
        test: :func:`rank_tests` needs every method on every dataset).
    """
    labels = _labels(methods)
    table = results.paper_format([measure])
    if table.empty:
        return pd.DataFrame(columns=list(labels), dtype=float)
    wide = table.pivot(index="dataset", columns="method", values="mean")
    order = list(dict.fromkeys(r.experiment.dataset for r in results))
    return wide.reindex(index=[d for d in order if d in wide.index], columns=list(labels))
