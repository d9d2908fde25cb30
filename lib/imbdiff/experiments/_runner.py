"""Run a grid of experiments, cached on disk, in parallel through joblib."""

from __future__ import annotations

import os
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
from joblib import Memory, Parallel, delayed

from .. import datasets, metrics
from .._validation import resolve_nominal
from ._cluster import data_environment, joblib_backend, use_environment
from ._keys import method_digests
from ._methods import _method
from ._results import Experiment, Result, Results
from ._scoring import score_classifiers
from ._splits import CVFold, Holdout, training_region_types

__all__ = ["cache_dir", "run"]

#: Environment variable naming the experiment cache (default: ``.imbdiff-cache`` in
#: the working directory, which is the repository root for ``make book``).
CACHE_VARIABLE = "IMBDIFF_EXPERIMENT_CACHE"

#: Failures of a method on a dataset that are results, not bugs: an empty guiding
#: region, ADASYN finding no majority neighbours, a sampler that diverged. They are
#: cached like scores; anything else propagates.
_EXPECTED_FAILURES = (ValueError, RuntimeError)


def cache_dir(path=None) -> Path:
    """The experiment cache: ``path``, else ``$IMBDIFF_EXPERIMENT_CACHE``, else
    ``./.imbdiff-cache``."""
    return Path(path or os.environ.get(CACHE_VARIABLE) or ".imbdiff-cache").expanduser().resolve()


def run(
    experiments, *, n_jobs=1, backend=None, scheduler=None, cache=None, progress=True
) -> Results:
    """Run the experiments, reading finished ones from the on-disk cache.

    Each experiment is cached under a hash of :meth:`Experiment.key` and of the
    code its cell runs (:func:`method_digest`: its method's modules, the runner's and
    what they import), so a result is reused exactly when nothing that determines it
    changed, and editing one sampler recomputes only that method's cells. The cache is a
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
    digests = method_digests(experiment.method for experiment in experiments)
    groups = defaultdict(list)
    for position, experiment in enumerate(experiments):
        groups[(experiment.dataset, experiment.split, experiment.seed)].append((position, experiment))
    results = [None] * len(experiments)
    environment = data_environment()
    with joblib_backend(backend, scheduler, location) as joblib_name:
        bar = _progress(len(experiments), progress)
        # backend=None keeps any joblib.parallel_config the caller has set (ray, ...).
        parallel = Parallel(n_jobs=n_jobs, backend=joblib_name, return_as="generator_unordered")
        tasks = parallel(
            delayed(_run_group)(group, location, digests, environment) for group in groups.values()
        )
        for finished in tasks:
            for position, result in finished:
                results[position] = result
            bar.update(len(finished))
        bar.close()
    return Results(results)


def _progress(total, enabled):
    from tqdm.std import tqdm  # plain text: notebooks here have no ipywidgets

    return tqdm(total=total, desc="experiments", unit="cell", disable=not enabled)


def _run_group(group, location, digests, environment=None):
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
        digest = digests[experiment.method]
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
    types = training_region_types(X, y, train, nominal, experiment.typing)
    in_region = (y_train == 1) & (types == experiment.region)
    guiding_rows = int(in_region.sum())
    target = {1: int((y_train == 1).sum()) + guiding_rows}
    method = _method(experiment.method)
    start = time.perf_counter()
    try:
        sampler = method.build(target, experiment.region, experiment.seed, ddpm_memory, **dict(experiment.params))
        given = types if experiment.typing != "train" else None
        X_res, y_res = _resample(sampler, method, X_train, y_train, nominal, given)
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


def _resample(sampler, method, X, y, nominal, types=None):
    """The training set after ``sampler`` (unchanged for ``None``), as a DataFrame.

    ``types``, the rows' region types given by the runner, go to a sampler that
    types rows by region; the others never see them.
    """
    if sampler is None:
        return X, y
    if method.family == "numeric":
        return _resample_numeric(sampler, X, y, nominal)
    typed = types is not None and getattr(sampler, "_uses_regions", lambda: False)()
    X_res, y_res = sampler.fit_resample(X, y, **({"region_types": types} if typed else {}))
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
