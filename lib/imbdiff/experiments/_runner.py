"""Run a grid of experiments, cached on disk, in parallel through joblib."""

from __future__ import annotations

import os
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
from joblib import Memory, Parallel, delayed

from .. import datasets, metrics
from .._validation import code_digest as _code_digest
from .._validation import resolve_nominal
from ..regions import region_types
from ._cluster import data_environment, joblib_backend, use_environment
from ._methods import _method, guiding_region, method_params
from ._scoring import CLASSIFIERS, score_classifiers
from ._splits import CVFold, Holdout

__all__ = ["Experiment", "Result", "Results", "cache_dir", "run", "split_id"]

#: Environment variable naming the experiment cache (default: ``.imbdiff-cache`` in
#: the working directory, which is the repository root for ``make book``).
CACHE_VARIABLE = "IMBDIFF_EXPERIMENT_CACHE"

#: Failures of a method on a dataset that are results, not bugs: an empty guiding
#: region, ADASYN finding no majority neighbours, a sampler that diverged. They are
#: cached like scores; anything else propagates.
_EXPECTED_FAILURES = (ValueError, RuntimeError)


@dataclass(frozen=True)
class Experiment:
    """One cell of a results table: a method on one split of one dataset.

    Build it with :meth:`make`. Everything but ``label`` determines the result and
    is part of the cache key.

    Attributes
    ----------
    dataset : str
        A name of :func:`imbdiff.datasets.names`.
    method : str
        A name of :data:`imbdiff.experiments.METHODS` (``"LReDDPM"``, ``"ADASYN"``, ...).
    params : tuple of (str, value)
        The method's parameters, sorted by name.
    region : str
        The guiding region: LReDDPM's guide, the region whose size fixes every
        method's number of new rows, and the real rows the distances compare with.
    split : Holdout or CVFold
    seed : int
        The sampler's ``random_state``.
    repeats : int
        Decision-tree seeds.
    classifiers : tuple of str
    label : str
        The name tables show (default: ``method``); not part of the key, so that
        "LReDDPM" and "tau=60/sqrt(beta)" share one run.
    """

    dataset: str
    method: str
    params: tuple = ()
    region: str = "safe"
    split: Holdout | CVFold = Holdout()
    seed: int = 0
    repeats: int = 10
    classifiers: tuple = CLASSIFIERS
    label: str = field(default="", compare=False)

    @classmethod
    def make(
        cls,
        dataset,
        method,
        *,
        profile=None,
        label=None,
        region=None,
        split=None,
        seed=0,
        repeats=None,
        classifiers=CLASSIFIERS,
        **params,
    ):
        """Build an experiment, filling in the profile's settings for the method.

        Parameters
        ----------
        dataset, method : str
        profile : Profile, optional
            Supplies ``timesteps``/``train_steps`` (diffusion), ``gan_epochs``
            (CTGAN, TVAE) and ``repeats``; explicit ``params`` win.
        label : str, optional
            Display name; default ``method``.
        region : str, optional
            Default: the paper's region for the dataset (:func:`guiding_region`).
        split : Holdout or CVFold, optional
            Default ``Holdout()`` (80/20, seed 0).
        seed : int
        repeats : int, optional
            Default: the profile's, else 10.
        classifiers : tuple of str
        **params
            The method's own parameters (for example ``tau=1``).
        """
        _method(method)  # unknown names fail here, not in a worker
        settings = method_params(method, profile) if profile is not None else {}
        settings.update(params)
        if repeats is None:
            repeats = profile.repeats if profile is not None else 10
        return cls(
            dataset=dataset,
            method=method,
            params=tuple(sorted(settings.items())),
            region=region or guiding_region(dataset),
            split=split or Holdout(),
            seed=seed,
            repeats=repeats,
            classifiers=tuple(classifiers),
            label=label or method,
        )

    @property
    def name(self) -> str:
        return self.label or self.method

    def key(self) -> dict:
        """What determines the result (everything but the label), as plain data."""
        data = asdict(self)
        data.pop("label")
        split = asdict(self.split)
        if split.get("stratify") is True:  # the default: keep the keys of earlier runs
            del split["stratify"]
        data["split"] = {"kind": type(self.split).__name__, **split}
        return data


@dataclass
class Result:
    """What one experiment produced.

    Attributes
    ----------
    experiment : Experiment
    scores : DataFrame
        ``classifier, metric, mean, std`` (empty when the method failed).
    generated : DataFrame or None
        The new rows (for samplers that append them).
    n_train : int
        Training rows before resampling.
    n_generated : int
        Net minority rows added (generated minus any removed).
    n_removed : int
        Majority rows removed (cleaning samplers).
    guiding_rows : int
        Minority training rows of the guiding region.
    distances : dict
        ``JS``, ``WD``, ``MMD`` between the generated rows and the guiding region's
        rows (hold-out experiments with generated rows).
    seconds : float
        Resampling time (0 when read from the cache... it is the time measured when
        the result was computed).
    error : str or None
        Why the method produced no result (empty region, unavailable dataset, ...).
    """

    experiment: Experiment
    scores: pd.DataFrame
    generated: pd.DataFrame | None = None
    n_train: int = 0
    n_generated: int = 0
    n_removed: int = 0
    guiding_rows: int = 0
    distances: dict = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def split_id(experiment) -> int:
    """Which split of a repeated protocol ``experiment`` belongs to.

    A hold-out split is identified by its seed, a cross-validation fold by its
    repetition (the folds of one repetition together make one split).
    """
    split = experiment.split
    return int(split.repeat if isinstance(split, CVFold) else split.seed)


class Results(list):
    """The results of :func:`run`, in the order of the experiments, with tables.

    Grids run every cell on several splits (:func:`split_id`). :meth:`per_split`
    gives one score per split; :meth:`paper_format` and :meth:`aggregate` give the
    mean over the splits and the standard deviation over them, which is what the
    book's "±" shows.
    """

    def scores(self) -> pd.DataFrame:
        """Long table ``dataset, method, split, classifier, metric, mean, std`` plus
        the paper-style metric name ``name`` (``AUC_DT``, ``F1_DT``, ...); one row
        per experiment (a fold of a cross-validation is one experiment)."""
        frames = []
        for result in self:
            if not result.ok:
                continue
            frame = result.scores.copy()
            frame.insert(0, "split", split_id(result.experiment))
            frame.insert(0, "method", result.experiment.name)
            frame.insert(0, "dataset", result.experiment.dataset)
            frames.append(frame)
        if not frames:
            columns = ["dataset", "method", "split", "classifier", "metric", "mean", "std", "name"]
            return pd.DataFrame(columns=columns)
        table = pd.concat(frames, ignore_index=True)
        table["name"] = table["metric"] + "_" + table["classifier"]
        return table

    def per_split(self, names=None) -> pd.DataFrame:
        """One score per method, dataset, metric and split.

        Parameters
        ----------
        names : sequence of str, optional
            Paper-style metric names to keep (``"AUC_DT"``, ...); default all.

        Returns
        -------
        DataFrame
            ``method, dataset, metric, split, mean, std``: for a hold-out split its
            score (``std`` over the decision-tree seeds); for a repetition of a
            cross-validation the mean over its folds (``std`` over the folds).
        """
        table = self.scores()
        if names is not None:
            table = table[table["name"].isin(list(names))]
        grouped = table.groupby(["method", "dataset", "name", "split"], sort=False)
        folds = grouped["mean"].agg(["mean", lambda v: float(np.std(v)), "size"])
        folds.columns = ["mean", "fold_std", "folds"]
        seeds = grouped["std"].first()
        folds["std"] = np.where(folds["folds"] > 1, folds["fold_std"], seeds)
        folds = folds.reset_index().rename(columns={"name": "metric"})
        return folds[["method", "dataset", "metric", "split", "mean", "std"]]

    def paper_format(self, names=None) -> pd.DataFrame:
        """Scores in :func:`imbdiff.paper.table`'s format, over the splits.

        Returns
        -------
        DataFrame
            ``method, dataset, metric, mean, std, splits`` with paper metric names
            (``AUC_DT``): ``mean`` over the splits of each split's score, ``std``
            their sample standard deviation (NaN with one split), ``splits`` how
            many splits have a result; optionally only ``names``.
        """
        return _over_splits(self.per_split(names), ["method", "dataset", "metric"])

    def aggregate(self) -> pd.DataFrame:
        """:meth:`paper_format` with the column names of the cross-validation chapters.

        Returns
        -------
        DataFrame
            ``dataset, method, name, mean, std, splits, folds``: the mean over the
            repetitions of each repetition's mean over its folds, the standard
            deviation over the repetitions (NaN with one), and the number of
            repetitions and of folds with a result.
        """
        table = self.paper_format().rename(columns={"metric": "name"})
        folds = self.scores().groupby(["dataset", "method", "name"], sort=False).size()
        table["folds"] = [folds.get((d, m, n), 0) for d, m, n in zip(table["dataset"], table["method"], table["name"])]
        return table[["dataset", "method", "name", "mean", "std", "splits", "folds"]]

    def distances(self, per_split=False) -> pd.DataFrame:
        """The distances (JS, WD, MMD) of the generated rows to the guiding region's.

        Returns
        -------
        DataFrame
            ``method, dataset, metric, mean`` averaged over the splits (plus ``std``
            over them and ``splits``), or with ``per_split=True`` one row per split
            with a ``split`` column.
        """
        rows = [
            {
                "method": r.experiment.name,
                "dataset": r.experiment.dataset,
                "metric": name,
                "split": split_id(r.experiment),
                "mean": value,
            }
            for r in self
            if r.ok
            for name, value in r.distances.items()
        ]
        table = pd.DataFrame(rows, columns=["method", "dataset", "metric", "split", "mean"])
        if per_split:
            return table
        return _over_splits(table, ["method", "dataset", "metric"])

    def errors(self, short=False, grouped=False) -> pd.DataFrame:
        """Which experiments produced no result, and why.

        Parameters
        ----------
        short : bool
            Keep only the first line of each message, cut to :data:`SHORT_ERROR`
            characters (an ellipsis marks a cut), so that a table of failures fits
            the page.
        grouped : bool
            One row per dataset, method and message, with the number of splits
            (or folds) that failed so in ``experiments``.

        Returns
        -------
        DataFrame
            ``dataset, method, split, error`` (or ``dataset, method, error,
            experiments`` when grouped); empty when every experiment ran.
        """
        rows = [
            {
                "dataset": r.experiment.dataset,
                "method": r.experiment.name,
                "split": split_id(r.experiment),
                "error": _shorten(r.error) if short else r.error,
            }
            for r in self
            if not r.ok
        ]
        table = pd.DataFrame(rows, columns=["dataset", "method", "split", "error"])
        if grouped:
            keys = ["dataset", "method", "error"]
            return table.groupby(keys, sort=False).size().rename("experiments").reset_index()
        return table

    def wide(self, metric, *, methods=None, datasets=None, value="mean") -> pd.DataFrame:
        """One metric over the splits as datasets down and methods across.

        Parameters
        ----------
        metric : str
            A paper-style score name (``"AUC_DT"``, ``"F1_LR"``, ...) or a distance
            (``"JS"``, ``"WD"``, ``"MMD"``).
        methods, datasets : sequence of str, optional
            Columns and rows in this order (missing ones show as NaN); default those
            with a result, in the order of the experiments.
        value : {"mean", "std", "splits"}
            The mean over the splits, their standard deviation, or how many splits
            have a result (see :meth:`paper_format`).

        Returns
        -------
        DataFrame
            Index ``dataset``, one column per method (:func:`imbdiff.report.wide`).
        """
        from ..report import wide

        frame = self.distances() if metric in DISTANCE_NAMES else self.paper_format([metric])
        return wide(frame, metric, methods=methods, datasets=datasets, value=value)

    def per_fold(self, metric, *, methods=None) -> pd.DataFrame:
        """One metric per fold, for paired comparisons of cross-validated methods.

        Parameters
        ----------
        metric : str
            A paper-style score name (``"AUC_DT"``, ``"F1_DT"``, ...).
        methods : sequence of str, optional
            Columns in this order; default the methods with a result.

        Returns
        -------
        DataFrame
            Index ``(dataset, repeat, fold)``, one column per method: the score of
            that method on that fold (NaN where it failed). A hold-out split counts
            as fold 0 of the repetition named by its seed.
        """
        rows = []
        for result in self:
            if not result.ok:
                continue
            scores = result.scores
            hit = scores.loc[(scores["metric"] + "_" + scores["classifier"]) == metric, "mean"]
            split = result.experiment.split
            fold = split.fold if isinstance(split, CVFold) else 0
            rows.append((result.experiment.dataset, split_id(result.experiment), fold,
                         result.experiment.name, float(hit.iloc[0]) if len(hit) else np.nan))
        frame = pd.DataFrame(rows, columns=["dataset", "repeat", "fold", "method", "value"])
        table = frame.pivot_table(index=["dataset", "repeat", "fold"], columns="method",
                                  values="value", aggfunc="first", sort=False)
        if methods is not None:
            table = table.reindex(columns=list(methods))
        table.columns.name = "method"
        return table

    def summary(self) -> pd.DataFrame:
        """Per experiment: split, rows generated / removed, guiding rows, seconds, error."""
        return pd.DataFrame(
            [
                {
                    "dataset": r.experiment.dataset,
                    "method": r.experiment.name,
                    "split": split_id(r.experiment),
                    "train rows": r.n_train,
                    "guiding rows": r.guiding_rows,
                    "generated": r.n_generated,
                    "removed": r.n_removed,
                    "seconds": round(r.seconds, 1),
                    "error": r.error or "",
                }
                for r in self
            ]
        )

    def splits(self) -> list[int]:
        """The split identifiers present, in increasing order."""
        return sorted({split_id(r.experiment) for r in self})

    def get(self, dataset, name, split=None):
        """The result of the experiment on ``dataset`` shown as ``name``.

        ``split`` picks the split (:func:`split_id`); default the first one
        (chapters draw their figures from it). For a cross-validation the first
        fold of that repetition is returned.
        """
        wanted = self.splits()[0] if split is None and len(self) else split
        for result in self:
            experiment = result.experiment
            if experiment.dataset == dataset and experiment.name == name and split_id(experiment) == wanted:
                return result
        raise KeyError((dataset, name, split))


#: Length of an error message shortened by :meth:`Results.errors`.
SHORT_ERROR = 110

#: The distances :class:`Result` records between generated and guiding rows.
DISTANCE_NAMES = ("JS", "WD", "MMD")


def _shorten(message) -> str:
    """The first line of ``message``, cut to :data:`SHORT_ERROR` characters."""
    first = str(message).strip().split("\n")[0]
    return first if len(first) <= SHORT_ERROR else first[: SHORT_ERROR - 1] + "…"


def _over_splits(table, keys):
    """Mean and sample standard deviation of ``mean`` over the splits of ``keys``."""
    columns = [*keys, "mean", "std", "splits"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    grouped = table.groupby(keys, sort=False)["mean"]
    out = grouped.agg(mean="mean", std=lambda v: float(v.std(ddof=1)) if len(v) > 1 else np.nan, splits="size")
    return out.reset_index()[columns]


def cache_dir(path=None) -> Path:
    """The experiment cache: ``path``, else ``$IMBDIFF_EXPERIMENT_CACHE``, else
    ``./.imbdiff-cache``."""
    return Path(path or os.environ.get(CACHE_VARIABLE) or ".imbdiff-cache").expanduser().resolve()


def run(
    experiments, *, n_jobs=1, backend=None, scheduler=None, cache=None, progress=True
) -> Results:
    """Run the experiments, reading finished ones from the on-disk cache.

    Each experiment is cached under a hash of :meth:`Experiment.key` and of the
    package's computing code (:func:`code_digest`), so a result is reused exactly
    when nothing that determines it changed. The cache is a
    :class:`joblib.Memory`: writes are atomic (temporary file then rename), so an
    interrupted run leaves finished cells readable and resumes where it stopped, and
    an entry that cannot be read is recomputed. The DDPMs are cached too: the
    variants of one experiment that differ only in the sampling (guidance, tau,
    region) train their network once.

    Parameters
    ----------
    experiments : iterable of Experiment
    n_jobs : int, default=1
        Parallel workers (joblib); experiments on the same dataset and split run in
        one worker, in order, so that they share their DDPM.
    backend : str, optional
        A joblib backend (``"loky"``, ``"threading"``, ...), or ``"dask"``: the cells
        run on the dask.distributed cluster whose scheduler ``scheduler`` names, on
        all its cores (``n_jobs`` is then ignored). Default: joblib's, which keeps any
        :func:`joblib.parallel_config` the caller has set.
    scheduler : str, optional
        The dask scheduler's address (``"tcp://host:8786"``) for ``backend="dask"``;
        default ``$IMBDIFF_DASK_SCHEDULER``. The workers write the cells to the cache
        themselves, so the cache must be a folder every worker reaches at the same
        path (checked before any cell is sent, with the workers' package code); they
        read the data with the client's ``IMBDIFF_DATA_DIR``, ``IMBDIFF_CACHE_DIR``
        and ``IMBDIFF_OFFLINE``.
    cache : str, Path, or False, optional
        The cache folder (default :func:`cache_dir`); ``False`` caches nothing.
    progress : bool, default=True
        A tqdm bar over the experiments.

    Returns
    -------
    Results
        One :class:`Result` per experiment, in the given order; the same, score for
        score and row for row, whichever backend computed them.

    Raises
    ------
    ValueError
        For ``backend="dask"`` without a scheduler address, workers running other
        code, or a cache folder the workers cannot reach.
    """
    experiments = list(experiments)
    for experiment in experiments:
        if not isinstance(experiment, Experiment):
            raise TypeError(f"expected Experiment objects; got {type(experiment).__name__}")
    for name in {experiment.dataset for experiment in experiments}:
        datasets.resolve_name(name)  # an unknown name fails here, before any work
    location = None if cache is False else str(cache_dir(cache))
    digest = code_digest()
    groups = defaultdict(list)
    for position, experiment in enumerate(experiments):
        groups[(experiment.dataset, experiment.split, experiment.seed)].append((position, experiment))
    results = [None] * len(experiments)
    environment = data_environment()
    with joblib_backend(backend, scheduler, location, digest) as joblib_name:
        bar = _progress(len(experiments), progress)
        # backend=None keeps any joblib.parallel_config the caller has set (ray, ...).
        parallel = Parallel(n_jobs=n_jobs, backend=joblib_name, return_as="generator_unordered")
        tasks = parallel(
            delayed(_run_group)(group, location, digest, environment) for group in groups.values()
        )
        for finished in tasks:
            for position, result in finished:
                results[position] = result
            bar.update(len(finished))
        bar.close()
    return Results(results)


#: Modules that present results rather than compute them: editing them keeps the cache.
#: Paths relative to the package; a folder ends in ``/`` (e.g. ``"claims/"``).
#: The t-SNE measures and the clustering summaries only read results: not cached either.
_PRESENTATION = (
    "book.py", "cli.py", "claims/", "report.py", "paper.py", "profiles.py", "stats.py",
    "tables/", "isodf_tables/", "experiments/_tsne.py", "cluster/_summary.py",
)


def code_digest() -> str:
    """Hash of the package version and of every module that computes results.

    Part of every cache key: a change to a sampler, the diffusion core, the data
    loaders, the metrics or the runner recomputes; a change to the modules that
    only present results (:data:`_PRESENTATION`) or to the transcribed paper
    tables does not. See :func:`imbdiff._validation.code_digest`.
    """
    return _code_digest(suffixes=(".py",), exclude=_PRESENTATION)


def _progress(total, enabled):
    from tqdm.std import tqdm  # plain text: notebooks here have no ipywidgets

    return tqdm(total=total, desc="experiments", unit="cell", disable=not enabled)


def _run_group(group, location, digest, environment=None):
    """Run the experiments of one dataset and split, in order (one worker), with the
    client's dataset variables (``environment``, :func:`data_environment`)."""
    use_environment(environment or {})
    memory = Memory(location, verbose=0)
    cached_run = memory.cache(_run_one, ignore=["ddpm_memory"])
    ddpm_memory = Memory(None if location is None else os.path.join(location, "ddpm"), verbose=0)
    finished = []
    for position, experiment in group:
        try:
            datasets.load(experiment.dataset)
        except datasets.DatasetUnavailable as exc:
            # Not cached: the data may be provided later.
            finished.append((position, Result(experiment, _no_scores(), error=f"dataset unavailable: {exc}")))
            continue
        finished.append((position, cached_run(experiment.key(), digest, ddpm_memory=ddpm_memory)))
        finished[-1][1].experiment = experiment  # the label is not in the key
    return finished


def _no_scores():
    return pd.DataFrame(columns=["classifier", "metric", "mean", "std"])


def _run_one(key, digest, ddpm_memory=None):  # pylint: disable=unused-argument
    """Compute one experiment from its key (cached by :func:`run`; ``digest`` is part
    of the cache key only)."""
    experiment = _from_key(key)
    dataset = datasets.load(experiment.dataset)
    X, y = dataset.X, dataset.y
    train, test = experiment.split.indices(y)
    X_train, y_train = X.iloc[train].reset_index(drop=True), y[train]
    X_test, y_test = X.iloc[test].reset_index(drop=True), y[test]
    nominal = X.columns[resolve_nominal(X, "auto")].tolist()
    types = region_types(X_train, y_train, categorical_features=nominal)
    in_region = (y_train == 1) & (types == experiment.region)
    guiding_rows = int(in_region.sum())
    target = {1: int((y_train == 1).sum()) + guiding_rows}
    method = _method(experiment.method)
    start = time.perf_counter()
    try:
        sampler = method.build(target, experiment.region, experiment.seed, ddpm_memory, **dict(experiment.params))
        X_res, y_res = _resample(sampler, method, X_train, y_train, nominal)
    except _EXPECTED_FAILURES as exc:
        return Result(experiment, _no_scores(), n_train=len(y_train), guiding_rows=guiding_rows, error=str(exc))
    seconds = time.perf_counter() - start
    scores = score_classifiers(
        X_res,
        y_res,
        X_test,
        y_test,
        nominal=nominal,
        classifiers=experiment.classifiers,
        repeats=experiment.repeats,
    )
    generated = None
    if method.appends and len(y_res) > len(y_train):
        generated = X_res.iloc[len(y_train) :].reset_index(drop=True)
    n_added = int((y_res == 1).sum() - (y_train == 1).sum())
    n_removed = int((y_train != 1).sum() - (y_res != 1).sum())
    distances = {}
    if generated is not None and len(generated) and guiding_rows and isinstance(experiment.split, Holdout):
        distances = _distances(X_train[in_region], generated, nominal, experiment.seed)
    return Result(
        experiment,
        scores,
        generated=generated,
        n_train=len(y_train),
        n_generated=n_added,
        n_removed=n_removed,
        guiding_rows=guiding_rows,
        distances=distances,
        seconds=seconds,
    )


def _from_key(key):
    split = dict(key["split"])
    kind = split.pop("kind")
    split = {"Holdout": Holdout, "CVFold": CVFold}[kind](**split)
    fields = {**key, "split": split, "params": tuple(tuple(p) for p in key["params"])}
    fields["classifiers"] = tuple(fields["classifiers"])
    return Experiment(**fields)


def _resample(sampler, method, X, y, nominal):
    """The training set after ``sampler`` (unchanged for ``None``), as a DataFrame."""
    if sampler is None:
        return X, y
    if method.family == "numeric":
        return _resample_numeric(sampler, X, y, nominal)
    X_res, y_res = sampler.fit_resample(X, y)
    return pd.DataFrame(X_res, columns=X.columns).astype(X.dtypes.to_dict()), np.asarray(y_res)


def _resample_numeric(sampler, X, y, nominal):
    """Run a numeric-only sampler (SMOTE family) on one-hot nominal columns.

    New rows' nominal values are decoded by ``OneHotEncoder.inverse_transform``: the
    category with the largest interpolated indicator (ties: the first category).
    """
    from sklearn.preprocessing import OneHotEncoder

    numeric = [c for c in X.columns if c not in nominal]
    parts = [X[numeric].to_numpy(dtype=float)]
    encoder = None
    if nominal:
        encoder = OneHotEncoder(sparse_output=False, handle_unknown="error").fit(X[nominal])
        parts.append(encoder.transform(X[nominal]))
    X_res, y_res = sampler.fit_resample(np.hstack(parts), y)
    frame = pd.DataFrame(X_res[:, : len(numeric)], columns=numeric)
    if encoder is not None:
        decoded = encoder.inverse_transform(X_res[:, len(numeric) :])
        for j, col in enumerate(nominal):
            frame[col] = decoded[:, j]
    return frame[list(X.columns)].astype(X.dtypes.to_dict()), np.asarray(y_res)


def _distances(real, generated, nominal, seed):
    options = {"categorical_features": nominal, "random_state": seed}
    return {
        "JS": metrics.js_distance(real, generated, **options),
        "WD": metrics.wasserstein(real, generated, **options),
        "MMD": metrics.mmd(real, generated, **options),
    }


def with_params(experiment: Experiment, *, label=None, **params) -> Experiment:
    """A copy of ``experiment`` with some parameters replaced (a variant)."""
    merged = dict(experiment.params)
    merged.update(params)
    return replace(experiment, params=tuple(sorted(merged.items())), label=label or experiment.label)
