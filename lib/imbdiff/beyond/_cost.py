"""What each method costs as the data grow: wall time and peak memory of fit + resample.

:func:`measure_costs` measures every method over tables of growing size, within a
time budget; each measurement runs in a fresh process
(:func:`~imbdiff.beyond._measure.measure_call`, which says what time and peak memory
count). The tables come from :func:`~imbdiff.beyond._cost_data.cost_data`, the slopes from
:func:`~imbdiff.beyond.cost.scaling_slopes`.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._cost_data import cost_data
from ._cost_methods import (
    COST_METHODS,
    KNN,
    REGION_TYPING,
    _check_method,
    _guiding_region,
    _inputs,
    _setup,
    _timed_call,
    method_settings,
)
from ._cost_slopes import fit_slope
from ._measure import OK, SKIPPED, STOPPED, Measurement, _in_fresh_process, _measurement
from ..experiments._store import stored_frame

__all__ = ["COST_SETTINGS", "ROWS_SHARE", "CostSettings", "cost_settings", "measure_costs"]

#: Share of a source's budget that its rows series may spend (the features series
#: gets the rest).
ROWS_SHARE = 0.7


@dataclass(frozen=True)
class CostSettings:
    """How much the cost chapter measures under one profile.

    Attributes
    ----------
    sizes : tuple of int
        Rows of the rows series (increasing).
    features : tuple of int
        Columns of the features series (increasing).
    feature_rows : int
        Rows of every table of the features series.
    base_features : int
        Columns of the generated tables of the rows series.
    methods : tuple of str
        Methods measured (:data:`COST_METHODS` names or any experiment method).
    repeats : int
        Fresh-process measurements per method and size.
    time_cap : float
        Seconds one measurement may take: a larger predicted time skips it, a
        longer run is stopped.
    budget : float
        Seconds the whole run may take, give or take one ``time_cap`` per series:
        each source gets an equal part, of which the rows series takes
        :data:`ROWS_SHARE` and the features series the rest.
    iteration_scale : float
        Share of the profile's diffusion steps T, training steps, guidance
        classifier steps and GAN/VAE epochs the deep methods run with.
    """

    sizes: tuple
    features: tuple
    feature_rows: int
    base_features: int
    methods: tuple
    repeats: int
    time_cap: float
    budget: float
    iteration_scale: float


COST_SETTINGS = {
    "smoke": CostSettings(
        sizes=(100, 200, 400, 800), features=(2, 4, 8, 16), feature_rows=200,
        base_features=8, methods=(KNN, REGION_TYPING, "SMOTE"), repeats=1,
        time_cap=10.0, budget=60.0, iteration_scale=1.0,
    ),
    "default": CostSettings(
        sizes=(300, 1000, 3000, 10000, 50000), features=(4, 8, 16, 32), feature_rows=2000,
        base_features=10, methods=COST_METHODS, repeats=1,
        time_cap=15.0, budget=225.0, iteration_scale=0.1,
    ),
    "paper": CostSettings(
        sizes=(300, 1000, 3000, 10000, 30000, 50000), features=(4, 8, 16, 32, 64),
        feature_rows=2000, base_features=10, methods=COST_METHODS, repeats=3,
        time_cap=1800.0, budget=24 * 3600.0, iteration_scale=1.0,
    ),
}


def cost_settings(profile: str, **overrides) -> CostSettings:
    """The :class:`CostSettings` of ``profile``, with fields replaced by ``overrides``.

    ``None`` values are ignored, so that a notebook passes its parameters through.

    Raises
    ------
    ValueError
        If the profile or a field is unknown, or the sizes are not increasing.
    """
    if profile not in COST_SETTINGS:
        raise ValueError(f"unknown profile {profile!r}; choose one of {list(COST_SETTINGS)}")
    fields = set(CostSettings.__dataclass_fields__)
    unknown = set(overrides) - fields
    if unknown:
        raise ValueError(
            f"unknown cost setting(s) {sorted(unknown)}; settings are {sorted(fields)}"
        )
    given = {key: value for key, value in overrides.items() if value is not None}
    if isinstance(given.get("methods"), str):  # "SMOTE,LReDDPM" from a command line
        given["methods"] = [part.strip() for part in given["methods"].split(",") if part.strip()]
    for key in ("sizes", "features", "methods"):
        if key in given:
            given[key] = (given[key],) if isinstance(given[key], int) else tuple(given[key])
    settings = CostSettings(**{**COST_SETTINGS[profile].__dict__, **given})
    _check_sizes(settings.sizes, "sizes")
    _check_sizes(settings.features, "features")
    for method in settings.methods:
        _check_method(method)
    return settings


def _check_sizes(sizes, what):
    values = np.asarray(sizes)
    if values.ndim != 1 or len(values) == 0 or not np.issubdtype(values.dtype, np.integer):
        raise ValueError(f"{what} must be a non-empty list of integers, got {sizes!r}")
    if np.any(values < 1) or np.any(np.diff(values) <= 0):
        raise ValueError(f"{what} must be positive and strictly increasing, got {list(sizes)}")


def measure_costs(
    sources=("generated",),
    *,
    profile="default",
    settings=None,
    imbalance_ratio=9.0,
    random_state=0,
    device="cpu",
    series=("rows", "features"),
    log=None,
) -> pd.DataFrame:
    """Time and peak memory of every method as the rows, then the columns, grow.

    For every source, two series: the *rows* series (tables of ``settings.sizes``
    rows; generated ones have ``settings.base_features`` columns, a dataset's keep
    all of its own) and the *features* series (``settings.feature_rows`` rows and
    ``settings.features`` columns). Every method runs ``settings.repeats`` times per
    table, each in a fresh process (:func:`measure_call`), sizes from small to large.

    Every source gets an equal part of ``settings.budget``, :data:`ROWS_SHARE` of it
    for its rows series. In a series the methods run one after the other, in the
    order given, each over the sizes from small to large; each may spend an equal
    share of what is left of the series' budget, so put the cheap methods first and
    the dear ones inherit what the cheap ones leave. A method stops for the round
    when its share is spent or when its time at the next size, extrapolated from its
    two largest measured sizes along their log-log slope, would pass what is left of
    the share (from the third size on: two sizes are needed for a slope). A second
    round shares what the first left over among the methods it stopped, in the same
    order. Sizes never reached are recorded as skipped (:data:`SKIPPED`), as are the
    sizes from one whose extrapolated time passes the time cap; a run that reaches
    the cap is stopped (:data:`STOPPED`) and ends the method's series.

    Parameters
    ----------
    sources : iterable of "generated" or Dataset
        See :func:`cost_data`.
    profile : str or Profile
        Gives the deep methods' iteration counts (:func:`method_settings`) and,
        when ``settings`` is None, the :class:`CostSettings`.
    settings : CostSettings, optional
        What to measure; ``cost_settings(profile)`` by default.
    imbalance_ratio : float, default=9.0
        Of the generated tables.
    random_state : int, default=0
        Seed of the tables and of every sampler.
    device : str, default="cpu"
        Device of the diffusion, CTGAN and TVAE samplers.
    series : iterable of {"rows", "features"}, default=("rows", "features")
        The series to measure; one alone gets its source's whole part of the budget.
    log : callable, optional
        Receives one line per measurement.

    Returns
    -------
    DataFrame
        One row per measurement: ``source, series, method, n_rows, n_features,
        repeat, seconds, peak_mb, status``.

    Notes
    -----
    The measurements are kept in the results store (:func:`stored_frame`) with the
    book: a chapter reads them back, taken on the machine the store names, until the
    code measured changes (``make results`` measures again).
    """
    profile_name = profile if isinstance(profile, str) else profile.name
    settings = settings if settings is not None else cost_settings(profile_name)
    sources = list(sources)
    key = {
        "sources": [s if isinstance(s, str) else s.name for s in sources],
        "profile": profile_name, "settings": settings.__dict__,
        "imbalance_ratio": imbalance_ratio, "random_state": random_state,
        "device": device, "series": list(series),
    }
    # A measurement is the book's result like a cell: stored with the book, with the
    # machine's core count, and taken again only when the code measured changes.
    return stored_frame("measure_costs", key, [__name__], lambda: _measure_costs(
        sources, profile, settings, imbalance_ratio, random_state, device, series, log))


def _measure_costs(sources, profile, settings, imbalance_ratio, random_state, device, series,
                   log):
    for method in settings.methods:
        _check_method(method)
    params = {
        method: method_settings(method, profile, iteration_scale=settings.iteration_scale,
                                device=device)
        for method in settings.methods
    }
    # Start the process server (it imports torch and the rest) before any clock runs.
    _in_fresh_process(None, (), None)
    sources, chosen = list(sources), tuple(series)
    if not chosen or set(chosen) - {"rows", "features"}:
        raise ValueError(f"series must name 'rows' and/or 'features', got {series!r}")
    shares = {"rows": ROWS_SHARE, "features": 1 - ROWS_SHARE}
    rows = []
    for source in sources:
        label = source if isinstance(source, str) else source.name
        for name in chosen:
            share = shares[name] / sum(shares[other] for other in chosen)
            budget = settings.budget / len(sources) * share
            measured = _measure_series(source, name, settings, params, budget,
                                       imbalance_ratio, random_state,
                                       log or (lambda line: None))
            rows += [{"source": label, "series": name, **row} for row in measured]
    return pd.DataFrame(rows, columns=[
        "source", "series", "method", "n_rows", "n_features", "repeat", "seconds", "peak_mb",
        "status",
    ])


def _measure_series(source, series, settings, params, budget, imbalance_ratio, random_state,
                    log):
    # Method after method, each over its sizes from small to large, so that the
    # cheap methods cannot be starved by the dear ones: every method may spend an
    # equal share of what is left of the series' budget. A second round gives what
    # the first left over to the methods it stopped for lack of budget, in order.
    started = time.perf_counter()
    sizes = settings.sizes if series == "rows" else settings.features
    tables = {}

    def table(size):
        if size not in tables:
            tables[size] = _series_table(source, series, size, settings, imbalance_ratio,
                                         random_state)
        return tables[size]

    progress = {method: _Progress() for method in settings.methods}
    for _ in range(2):
        pending = [m for m in settings.methods if progress[m].open(len(sizes))]
        for position, method in enumerate(pending):
            remaining = budget - (time.perf_counter() - started)
            allowance = max(0.0, remaining) / (len(pending) - position)
            _advance(method, progress[method], sizes, table, allowance, settings,
                     params[method], random_state, series, log)
    rows = []
    for method in settings.methods:
        done = progress[method]
        for size in sizes[done.next:]:  # never reached: skipped
            X, _ = table(size)
            skipped = Measurement(math.nan, math.nan, SKIPPED)
            done.rows += [_row(method, X, repeat, skipped) for repeat in range(settings.repeats)]
            log(f"{series} {size:>6} {method:<20} {SKIPPED}")
        rows += done.rows
    return rows


class _Progress:
    """How far one method got in a series: its rows, timings and next size."""

    def __init__(self):
        self.rows, self.history, self.next, self.dropped = [], [], 0, False
        self.baselines = {}

    def open(self, n_sizes):
        return not self.dropped and self.next < n_sizes


def _advance(method, progress, sizes, table, allowance, settings, params, random_state,
             series, log):
    # Measure the method's next sizes while they fit in ``allowance`` seconds.
    started = time.perf_counter()
    while progress.open(len(sizes)):
        size = sizes[progress.next]
        X, y = table(size)
        # Two sizes are needed for a slope: the first two run while the share lasts,
        # whatever a linear guess says (a DDPM's fixed cost would fail it).
        sloped = len({measured for measured, _ in progress.history}) >= 2
        predicted = _predicted_seconds(progress.history, size) if sloped else 0.0
        if predicted > settings.time_cap:
            progress.dropped = True  # it would be stopped: never run it
            return
        if time.perf_counter() - started + predicted * settings.repeats >= allowance:
            return  # over this round's share: perhaps the next round
        for repeat in range(settings.repeats):
            result = _measure_method(method, X, y, params, random_state, settings.time_cap,
                                     progress.baselines)
            if result.status == OK:
                progress.history.append((size, result.seconds))
            progress.dropped = progress.dropped or result.status == STOPPED
            progress.rows.append(_row(method, X, repeat, result))
            log(f"{series} {size:>6} {method:<20} {result.status:<22} "
                f"{result.seconds:8.2f} s {result.peak_mb:8.1f} MB")
        progress.next += 1


def _row(method, X, repeat, result):
    return {"method": method, "n_rows": X.shape[0], "n_features": X.shape[1],
            "repeat": repeat, **result.__dict__}


def _series_table(source, series, size, settings, imbalance_ratio, random_state):
    if series == "rows":
        n_rows, n_features = size, settings.base_features if isinstance(source, str) else None
    else:
        n_rows, n_features = settings.feature_rows, size
    return cost_data(source, n_rows, n_features, imbalance_ratio=imbalance_ratio,
                     random_state=random_state)


def _measure_method(method, X, y, params, random_state, time_cap, baselines):
    X, y = _inputs(method, X, y)
    if method == "LReDDPM":
        params = {"region": _guiding_region(X, y), **params}
    args = (method, X, y, params, random_state)
    kind = type(X).__name__ + str(X.shape)  # the baseline receives a table of this form
    if (kind, method) not in baselines:
        baselines[kind, method] = _in_fresh_process(None, args, None, _setup)
    measured = _in_fresh_process(_timed_call, args, time_cap, _setup)
    return _measurement(measured, baselines[kind, method])


def _predicted_seconds(history, size):
    # Along the log-log slope of the two largest sizes measured (clipped to [0, 3]);
    # linear from a single size; 0 from none.
    if not history:
        return 0.0
    frame = pd.DataFrame(history, columns=["size", "seconds"]).groupby("size")["seconds"].mean()
    exponent = 1.0
    if len(frame) >= 2:
        exponent = fit_slope(frame.index[-2:], frame.to_numpy()[-2:]).slope
    return float(frame.iloc[-1] * (size / frame.index[-1]) ** np.clip(exponent, 0.0, 3.0))
