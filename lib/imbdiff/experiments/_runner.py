"""Run a grid of experiments: from the results store, the on-disk cache, or computed
in parallel through joblib."""

from __future__ import annotations

import os
import time
from collections import defaultdict
from pathlib import Path

from joblib import Memory, Parallel, delayed

from .. import datasets
from ._cell import Experiment, Result, compute, no_scores
from ._cluster import data_environment, joblib_backend, use_environment
from ._keys import method_digests
from ._results import Results, split_id
from ._store import GRID_VARIABLE, results_store, stale_error, stale_policy, warn_stale

__all__ = ["cache_dir", "run"]

#: Environment variable naming the experiment cache (default: ``.imbdiff-cache`` in
#: the working directory, which is the repository root for ``make book``).
CACHE_VARIABLE = "IMBDIFF_EXPERIMENT_CACHE"

#: Seconds between two writes of the store while a long run goes on.
_WRITE_EVERY = 60.0


def cache_dir(path=None) -> Path:
    """The experiment cache: ``path``, else ``$IMBDIFF_EXPERIMENT_CACHE``, else
    ``./.imbdiff-cache``."""
    return Path(path or os.environ.get(CACHE_VARIABLE) or ".imbdiff-cache").expanduser().resolve()


def run(
    experiments, *, n_jobs=1, backend=None, scheduler=None, cache=None, progress=True,
    store=None, grid=None, generated_rows=False,
) -> Results:
    """Run the experiments: read each from the results store, else from the on-disk
    cache, else compute it.

    The results store (:mod:`._store`, ``book/results``) holds the book's cells,
    committed with it. A cell is cached under a hash of :meth:`Experiment.key` and of
    the code it runs (:func:`method_digest`: its method's modules, :mod:`._cell`'s and
    what they import), so a result is reused exactly when nothing that determines it
    changed, and editing one sampler recomputes only that method's cells. A stored cell
    computed by other code is *stale*: it is recomputed with a warning, or, under
    ``$IMBDIFF_STALE=stop`` (``make book``), the run stops and names it. The cache is a
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
    store : Store or False, optional
        The results store (default :func:`results_store`: ``book/results``, read
        only unless ``$IMBDIFF_RESULTS=update``); ``False`` ignores it.
    grid : str, optional
        The grid a writable store records these cells in (default
        ``$IMBDIFF_GRID``, which ``imbdiff book run`` sets to the chapter's name).
    generated_rows : bool or "first split", default=False
        Whether the caller reads the rows each hold-out cell generated
        (:attr:`Result.generated`): of every cell, or only of the first split (the
        one :meth:`Results.get` returns, which the figures draw). The store keeps
        rows only for such callers: a cell read from the store has
        ``generated=None`` unless its rows are asked for, and a stored cell whose
        asked-for rows are not stored is taken from the cache or computed again.
        Cells computed here always carry their rows.

    Returns
    -------
    Results
        One :class:`Result` per experiment, in the given order; the same, score for
        score and row for row, whichever backend computed them or the store held.

    Raises
    ------
    ValueError
        For ``backend="dask"`` without a scheduler address, workers running other
        code, or a cache folder the workers cannot reach.
    StaleResults
        Under ``$IMBDIFF_STALE=stop``, for stored cells computed by other code.
    """
    experiments = list(experiments)
    for experiment in experiments:
        if not isinstance(experiment, Experiment):
            raise TypeError(f"expected Experiment objects; got {type(experiment).__name__}")
    for name in {experiment.dataset for experiment in experiments}:
        datasets.resolve_name(name)  # an unknown name fails here, before any work
    location = None if cache is False else str(cache_dir(cache))
    digests = method_digests(experiment.method for experiment in experiments)
    store = results_store() if store is None else (store or None)
    needs = _rows_needed(experiments, generated_rows)
    results = [None] * len(experiments)
    todo = list(range(len(experiments)))
    if store is not None:
        todo = _from_store(store, experiments, digests, results, needs)
    writer = _StoreWriter(store, grid, experiments, digests, needs)
    groups = defaultdict(list)
    for position in todo:
        experiment = experiments[position]
        groups[(experiment.dataset, experiment.split, experiment.seed)].append((position, experiment))
    environment = data_environment()
    with joblib_backend(backend, scheduler, location) as joblib_name:
        bar = _progress(len(experiments), progress)
        bar.update(len(experiments) - len(todo))
        # backend=None keeps any joblib.parallel_config the caller has set (ray, ...).
        parallel = Parallel(n_jobs=n_jobs, backend=joblib_name, return_as="generator_unordered")
        tasks = parallel(
            delayed(_run_group)(group, location, digests, environment) for group in groups.values()
        )
        try:
            for finished in tasks:
                for position, result in finished:
                    results[position] = result
                writer.add(finished)
                bar.update(len(finished))
        finally:  # an interrupted run keeps what it finished
            writer.flush()
            bar.close()
    return Results(results)


def _rows_needed(experiments, generated_rows) -> list[bool]:
    """Per experiment, whether the caller reads its generated rows."""
    if generated_rows not in (True, False, "first split"):
        raise ValueError(f"generated_rows must be True, False or 'first split'; got {generated_rows!r}")
    if generated_rows != "first split":
        return [bool(generated_rows)] * len(experiments)
    first = min((split_id(e) for e in experiments), default=None)
    return [split_id(e) == first for e in experiments]


def _from_store(store, experiments, digests, results, needs) -> list[int]:
    """Fill ``results`` from the store; return the positions left to run."""
    lookups = store.lookup(experiments, digests)
    todo, stale = [], []
    for position, (experiment, lookup) in enumerate(zip(experiments, lookups)):
        fresh = lookup.fresh(digests[experiment.method])
        if fresh and (not needs[position] or store.keeps_rows(experiment, lookup.row)):
            results[position] = store.result(experiment, lookup.row, needs[position])
            continue
        todo.append(position)
        if lookup.stale(digests[experiment.method]):
            stale.append(position)
    if stale:
        found = [lookups[i] for i in stale], [experiments[i] for i in stale]
        if stale_policy() == "stop":
            raise stale_error(*found)
        if not store.writable:
            warn_stale(*found)
    return todo


class _StoreWriter:
    """Records a run's cells in a writable store: all at once (the stored ones
    copied, the others pending), then each computed one, at most every
    :data:`_WRITE_EVERY` seconds and when the run ends or is interrupted."""

    def __init__(self, store, grid, experiments, digests, needs):
        self.active = store is not None and store.writable
        self.store, self.digests, self.experiments = store, digests, experiments
        self.needs = needs
        self.grid = grid or os.environ.get(GRID_VARIABLE) or "other"
        self.finished, self.last = [], time.monotonic()
        if self.active:  # every cell asked for: stored ones copied, others pending
            store.record(self.grid, experiments, [None] * len(experiments), digests, needs)

    def add(self, finished):
        if not self.active:
            return
        self.finished.extend(finished)
        if time.monotonic() - self.last > _WRITE_EVERY:
            self.flush()

    def flush(self):
        if not self.active or not self.finished:
            return
        chosen = [self.experiments[position] for position, _ in self.finished]
        needs = [self.needs[position] for position, _ in self.finished]
        self.store.record(self.grid, chosen, [result for _, result in self.finished], self.digests, needs)
        self.finished, self.last = [], time.monotonic()


def _progress(total, enabled):
    from tqdm.std import tqdm  # plain text: notebooks here have no ipywidgets

    return tqdm(total=total, desc="experiments", unit="cell", disable=not enabled)


def _run_group(group, location, digests, environment=None):
    """Run the experiments of one dataset and split, in order (one worker), with the
    client's dataset variables (``environment``, :func:`data_environment`)."""
    use_environment(environment or {})
    memory = Memory(location, verbose=0)
    cached_run = memory.cache(compute, ignore=["ddpm_memory"])
    ddpm_memory = Memory(None if location is None else os.path.join(location, "ddpm"), verbose=0)
    finished = []
    for position, experiment in group:
        try:
            datasets.load(experiment.dataset)
        except datasets.DatasetUnavailable as exc:
            # Not cached: the data may be provided later.
            finished.append((position, Result(experiment, no_scores(), error=f"dataset unavailable: {exc}")))
            continue
        digest = digests[experiment.method]
        finished.append((position, cached_run(experiment.key(), digest, ddpm_memory=ddpm_memory)))
        finished[-1][1].experiment = experiment  # the label is not in the key
    return finished


