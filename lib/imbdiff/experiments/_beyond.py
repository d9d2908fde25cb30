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
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import datasets, profiles
from ..datasets import resolve_name
from ..regions import REGION_NAMES, region_types
from ._grids import _names, _on_device, _split_seeds
from ._methods import PAPER_REGION
from ._results import Experiment
from ._scoring import CLASSIFIERS
from ._splits import cross_validation

if TYPE_CHECKING:  # pragma: no cover
    from ..stats import FriedmanResult

__all__ = [
    "BEYOND_DATASETS",
    "BEYOND_MEASURES",
    "BEYOND_METHODS",
    "BEYOND_NEW_DATASETS",
    "BEYOND_RUNS",
    "HIGH_IR",
    "SMALL_ROWS",
    "RankTests",
    "beyond_grid",
    "beyond_region",
    "data_kind",
    "dataset_table",
    "rank_tests",
    "recommendation_text",
    "recommendations",
    "score_table",
    "statistics_summary",
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
    nominal = [c for c in data.X.columns if isinstance(data.X[c].dtype, pd.CategoricalDtype)]
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
    names = _names(datasets, profile.beyond_datasets)
    for name in names:
        resolve_name(name)  # an unknown name fails before any work
    count = profile.beyond_splits if splits is None else splits
    folds = cross_validation(profile.cv_folds, len(_split_seeds(seed, count, profile)))
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
    return _on_device(cells, device)


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
    for name in _names(names, BEYOND_DATASETS):
        record = {"dataset": name, "used by": _origin(name), "region": beyond_region(name)}
        try:
            data = datasets.load(name)
        except datasets.DatasetUnavailable:
            records.append({**record, "kind": "unavailable"})
            continue
        minority = int((data.y == 1).sum())
        ratio = (len(data.y) - minority) / minority
        nominal = sum(isinstance(data.X[c].dtype, pd.CategoricalDtype) for c in data.X.columns)
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


@dataclass(frozen=True)
class RankTests:
    """Outcome of :func:`rank_tests` on one datasets x methods table.

    Attributes
    ----------
    friedman : imbdiff.stats.FriedmanResult
    cd : float
        Nemenyi critical difference of the average ranks.
    best : str
        The method of the best (lowest) average rank; ties: the first column.
    nemenyi : DataFrame
        Pairwise Nemenyi p-values.
    wilcoxon : DataFrame
        Wilcoxon signed-rank tests of ``best`` against each other method, Holm-corrected
        (:func:`imbdiff.stats.wilcoxon_holm`).
    alpha : float
    """

    friedman: FriedmanResult
    cd: float
    best: str
    nemenyi: pd.DataFrame
    wilcoxon: pd.DataFrame
    alpha: float

    @property
    def average_ranks(self) -> pd.Series:
        return self.friedman.average_ranks

    @property
    def not_separated(self) -> list[str]:
        """Methods whose average rank is within the critical difference of the best's."""
        gaps = self.average_ranks - self.average_ranks[self.best]
        return [m for m, gap in gaps.items() if m != self.best and gap <= self.cd]

    @property
    def beaten(self) -> list[str]:
        """Methods the best beats by Wilcoxon-Holm (``p_holm < alpha``, median gap > 0)."""
        table = self.wilcoxon
        wins = (table["p_holm"] < self.alpha) & (table["median_difference"] > 0)
        return list(table.index[wins])


def rank_tests(table, *, alpha=0.05):
    """Friedman, Nemenyi and Wilcoxon-Holm against the best, on one table.

    Parameters
    ----------
    table : DataFrame
        Datasets x methods, higher is better, no NaN; at least 3 methods and 2 datasets.
    alpha : float, default=0.05

    Returns
    -------
    RankTests

    Raises
    ------
    ValueError
        From :func:`imbdiff.stats.friedman`: too few rows or columns, NaN, or every
        method tied on every dataset.
    """
    from .. import stats  # scikit-posthocs and statsmodels: only where tests run

    result = stats.friedman(table)
    ranks = result.average_ranks
    best = str(ranks.idxmin())
    with warnings.catch_warnings():
        # scipy warns when a method ties with the best on every dataset (p = NaN).
        warnings.simplefilter("ignore", RuntimeWarning)
        wilcoxon = stats.wilcoxon_holm(table, control=best)
    return RankTests(
        friedman=result,
        cd=stats.critical_difference(result.n_methods, result.n_datasets, alpha=alpha),
        best=best,
        nemenyi=stats.nemenyi(table),
        wilcoxon=wilcoxon,
        alpha=alpha,
    )


def _classifier_metric(measure):
    metric, _, classifier = measure.rpartition("_")
    return classifier, metric.replace("G-mean-TPR-TNR", "G-mean")


def statistics_summary(tests, *, alpha=0.05):
    """One row per measure: the Friedman test, the CD, the best method, and which
    methods the Nemenyi and Wilcoxon-Holm tests separate from it.

    Parameters
    ----------
    tests : dict of str -> RankTests
        Measure name (``"AUC_DT"``, ...) -> :func:`rank_tests` on its table.
    alpha : float, default=0.05

    Returns
    -------
    DataFrame
        Indexed by ``classifier, metric``: ``N, k, chi2_F, p, F_F, p (F_F), CD, best,
        best rank, not separated (Nemenyi), beaten (Wilcoxon-Holm)``; the last two
        list method names.
    """
    rows = []
    for measure, test in tests.items():
        classifier, metric = _classifier_metric(measure)
        result = test.friedman
        rows.append(
            {
                "classifier": classifier,
                "metric": metric,
                "N": result.n_datasets,
                "k": result.n_methods,
                "chi2_F": result.statistic,
                "p": result.pvalue,
                "F_F": result.iman_davenport,
                "p (F_F)": result.iman_davenport_pvalue,
                "CD": test.cd,
                "best": test.best,
                "best rank": float(test.average_ranks[test.best]),
                "not separated (Nemenyi)": ", ".join(test.not_separated) or "none",
                "beaten (Wilcoxon-Holm)": ", ".join(test.beaten) or "none",
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    return frame.set_index(["classifier", "metric"])


# ---------------------------------------------------------------- the recommendation
def recommendations(tables, kinds, *, alpha=0.05):
    """Which method to try first for each kind of data, and whether the ranks can tell.

    For each kind (and for all datasets together), every measure's table is ranked
    within each dataset of that kind (rank 1 = best), and a method's score is its
    rank averaged over those datasets and over the measures. The best method is
    recommended when its average rank is ahead of the runner-up's by more than the
    Nemenyi critical difference for ``k`` methods and ``N`` datasets of the kind;
    otherwise the verdict is ``"inconclusive"``. Averaging over correlated measures
    makes the ranks steadier than one measure's, so using the CD of one measure is
    conservative.

    Parameters
    ----------
    tables : dict of str -> DataFrame
        Measure -> datasets x methods table (:func:`score_table`); datasets with a
        missing value in any table are left out.
    kinds : Series or dict
        Dataset -> kind label (:func:`data_kind`); datasets without one are left out
        of the groups but counted in ``"all"``.
    alpha : float, default=0.05

    Returns
    -------
    DataFrame
        Indexed by kind (the kinds in sorted order, then ``"all"``): ``datasets``
        (N), ``best``, ``best rank``, ``runner-up``, ``gap``, ``CD``, ``verdict``
        (the best method's name, or ``"inconclusive"``) and ``not separated`` (the
        methods within the CD of the best).

    Raises
    ------
    ValueError
        No tables, tables with different methods, or fewer than 2 methods.
    """
    if not tables:
        raise ValueError("give at least one measure's table")
    columns = [list(t.columns) for t in tables.values()]
    if any(c != columns[0] for c in columns):
        raise ValueError("every table must have the same methods (columns) in the same order")
    if len(columns[0]) < 2:
        raise ValueError(f"need at least 2 methods; got {len(columns[0])}")
    common = functools.reduce(
        lambda a, b: a.intersection(b), (t.dropna().index for t in tables.values())
    )
    complete = [d for d in next(iter(tables.values())).index if d in set(common)]
    kinds = pd.Series(kinds, dtype=object)
    groups = {
        kind: [d for d in complete if kinds.get(d) == kind] for kind in sorted(set(kinds.dropna()))
    }
    groups["all"] = complete
    rows = [_recommend(tables, kind, names, alpha) for kind, names in groups.items()]
    return pd.DataFrame(rows).set_index("kind")


def _recommend(tables, kind, names, alpha):
    methods = list(next(iter(tables.values())).columns)
    row = {"kind": kind, "datasets": len(names)}
    if len(names) < 2:
        reason = "no dataset" if not names else "one dataset"
        return {**row, "best": None, "best rank": np.nan, "runner-up": None, "gap": np.nan,
                "CD": np.nan, "verdict": "inconclusive", "not separated": reason}
    per_measure = [
        t.loc[names].rank(axis=1, ascending=False, method="average").mean() for t in tables.values()
    ]
    ranks = pd.concat(per_measure, axis=1).mean(axis=1)
    order = ranks.sort_values(kind="stable")
    best, runner_up = order.index[0], order.index[1]
    from ..stats import critical_difference

    cd = critical_difference(len(methods), len(names), alpha=alpha)
    gap = float(order.iloc[1] - order.iloc[0])
    within = [m for m in order.index[1:] if order[m] - order.iloc[0] <= cd]
    return {
        **row,
        "best": best,
        "best rank": float(order.iloc[0]),
        "runner-up": runner_up,
        "gap": gap,
        "CD": cd,
        "verdict": best if gap > cd else "inconclusive",
        "not separated": ", ".join(within) or "none",
    }


def recommendation_text(table):
    """The recommendation as Markdown bullets, one per kind of data.

    Parameters
    ----------
    table : DataFrame
        :func:`recommendations`' output.

    Returns
    -------
    str
    """
    lines = []
    for kind, row in table.iterrows():
        where = "all datasets" if kind == "all" else f"{kind} datasets"
        if row["datasets"] < 2:
            lines.append(f"* **{where}**: inconclusive ({row['not separated']} of this kind ran).")
            continue
        evidence = (
            f"average rank {row['best rank']:.2f} over {row['datasets']} datasets and the "
            f"measures; runner-up {row['runner-up']} {row['gap']:.2f} behind; "
            f"CD {row['CD']:.2f}"
        )
        if row["verdict"] == "inconclusive":
            lines.append(
                f"* **{where}**: inconclusive. {row['best']} ranks first ({evidence}), but the "
                f"critical difference cannot separate it from {row['not separated']}; try "
                f"{row['best']} first, and expect any of those to do as well."
            )
        else:
            lines.append(f"* **{where}**: try **{row['best']}** first ({evidence}).")
    return "\n".join(lines)

