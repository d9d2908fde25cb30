"""One cell of a results table and how it is computed.

This module is the root of every cell's code key (:mod:`._keys`): what it imports is
the code a cell runs (the protocol, the scoring, the metrics, the region typing and the
dataset loading). The orchestration around it (the cache, the results store, the
parallel backends, the progress bar) lives in :mod:`._runner` and decides where a
result comes from, never what it is.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from .. import datasets, metrics
from .._encoding import NOMINAL_BLOCK, one_hot_encoder
from .._validation import nominal_columns
from ._methods import _method, guiding_region, method_params
from ._scoring import CLASSIFIERS, score_classifiers
from ._splits import TYPINGS, CVFold, Holdout, training_region_types

__all__ = ["Experiment", "Result", "compute", "from_key", "no_scores"]

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
    typing : {"train", "whole"}
        Where the rows are typed by region: among the training rows only (the
        book's reading), or on the whole dataset, test rows included (a reading of
        the LReDDPM paper, :func:`training_region_types`).
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
    typing: str = "train"
    label: str = field(default="", compare=False)

    def __post_init__(self):
        if self.typing not in TYPINGS:
            raise ValueError(f"unknown typing {self.typing!r}; choose one of {list(TYPINGS)}")

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
        if data["typing"] == "train":  # the default, likewise
            del data["typing"]
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
        Resampling time, measured when the result was computed (a result read from
        the cache or the store keeps it).
    error : str or None
        Why the method produced no result (empty region, unavailable dataset, ...).
    wall_seconds, cpu_seconds : float
        The whole cell's elapsed and CPU time (every thread of the process: torch's
        included), from loading the data to the last score, when it was computed.
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
    wall_seconds: float = 0.0
    cpu_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None



def no_scores() -> pd.DataFrame:
    """The scores of a cell that produced none."""
    return pd.DataFrame(columns=["classifier", "metric", "mean", "std"])


def compute(key, digest, ddpm_memory=None):  # pylint: disable=unused-argument
    """Compute one experiment from its key, timing the whole cell.

    ``digest`` (:func:`~._keys.method_digest`) is not read: it is part of the
    arguments so that the cache keys each result by the code that computed it.
    ``ddpm_memory`` caches the DDPMs that variants of one cell share.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    result = _compute(key, ddpm_memory)
    result.wall_seconds = time.perf_counter() - wall
    result.cpu_seconds = time.process_time() - cpu
    return result


def _compute(key, ddpm_memory):
    experiment = from_key(key)
    dataset = datasets.load(experiment.dataset)
    X, y = dataset.X, dataset.y
    train, test = experiment.split.indices(y)
    X_train, y_train = X.iloc[train].reset_index(drop=True), y[train]
    X_test, y_test = X.iloc[test].reset_index(drop=True), y[test]
    nominal = nominal_columns(X)
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
        return Result(experiment, no_scores(), n_train=len(y_train), guiding_rows=guiding_rows, error=str(exc))
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


def from_key(key):
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
    numeric = [c for c in X.columns if c not in nominal]
    if not nominal:
        X_res, y_res = sampler.fit_resample(X[numeric].to_numpy(dtype=float), y)
        frame = pd.DataFrame(X_res, columns=numeric)
        return frame[list(X.columns)].astype(X.dtypes.to_dict()), np.asarray(y_res)
    encoder = one_hot_encoder(nominal, nominal_first=False, handle_unknown="error").fit(X)
    X_res, y_res = sampler.fit_resample(encoder.transform(X).astype(float), y)
    frame = pd.DataFrame(X_res[:, : len(numeric)], columns=numeric)
    indicators = encoder.output_indices_[NOMINAL_BLOCK]
    decoded = encoder.named_transformers_[NOMINAL_BLOCK].inverse_transform(X_res[:, indicators])
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
