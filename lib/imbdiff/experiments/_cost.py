"""What each method costs as the data grow: wall time and peak memory of fit + resample.

Every measurement runs in a fresh process, so that one method's caches, allocator
pools and threads cannot make another look cheaper or dearer. The processes are
forked from a multiprocessing *forkserver* that has already imported torch,
scikit-learn, imbalanced-learn, ctgan and this package, so that a new process starts
in a fraction of a second; in it, the method's sampler is built (and any module it
still needs imported) before the clock starts.

**Time** is the wall time of the timed call alone (``fit_resample``, or region
typing, or scikit-learn's kNN ``fit`` + ``kneighbors``), read with
:func:`time.perf_counter` inside the process, with one thread for torch and for the
BLAS/OpenMP pools (:mod:`threadpoolctl`).

**Peak memory** is the process's peak resident set (``ru_maxrss`` of
:func:`resource.getrusage`) minus that of a *baseline* process forked from the same
server that receives the same table, does the same setup (imports, building the
sampler, one tiny torch training step for the deep methods) and calls nothing. It therefore counts what the timed call adds at its peak:
the arrays and tensors it allocates, torch's and numpy's allocator pools and
libraries torch loads on first use; it does not count the interpreter, the imported
modules or the input table. Values within a few MiB of zero are noise (the accounting
is by pages, and allocators keep freed memory). Where :mod:`resource` is missing
(Windows) it is NaN.

:func:`fit_slope` is kept apart from the timing so that it can be checked on exact
numbers: the slope of log time against log size, with its confidence interval.
"""

from __future__ import annotations

import math
import multiprocessing
import sys
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._beyond import BEYOND_RUNS, MIN_SAFE_ROWS
from ._methods import METHODS, method_params

__all__ = [
    "COST_METHODS",
    "COST_SETTINGS",
    "CostSettings",
    "Measurement",
    "OK",
    "SKIPPED",
    "STOPPED",
    "Slope",
    "cost_data",
    "cost_settings",
    "cost_table",
    "fit_slope",
    "measure_call",
    "measure_costs",
    "method_settings",
    "plot_scaling",
    "scaling_slopes",
]

#: Status of a measurement that ran to the end.
OK = "ok"
#: Status of a measurement not run: the method's share of the budget was spent
#: before it, or its predicted time (or a smaller size's) was over the time cap.
SKIPPED = "skipped: over budget"
#: Status of a measurement stopped when it reached the time cap.
STOPPED = "stopped: over time cap"

#: Share of a source's budget that its rows series may spend (the features series
#: gets the rest).
ROWS_SHARE = 0.7

#: Peak memory (MiB) below which :func:`plot_scaling` draws values at this floor.
MEMORY_FLOOR_MB = 0.1

#: Region typing and the scikit-learn kNN it is compared with.
REGION_TYPING = "region typing"
KNN = "kNN (scikit-learn)"

#: The methods the cost chapter measures, cheap ones first (see
#: :func:`measure_costs`): region typing, scikit-learn's kNN, and the side-by-side
#: chapter's ten methods under its labels, run as it runs them
#: (:data:`~imbdiff.experiments.BEYOND_RUNS`: every one balances the classes;
#: "DDPM-unguided" is the minority-only DDPM, FinDiff, CTGAN and TVAE are fitted on
#: the whole table conditional on the class).
COST_METHODS = (
    KNN,
    REGION_TYPING,
    "SMOTE",
    "ADASYN",
    "BorderlineSMOTE",
    "SMOTE+ENN",
    "DDPM-unguided",
    "LReDDPM",
    "FinDiff",
    "ISODF-ENN",
    "TVAE",
    "CTGAN",
)
_PRELOADED = (
    "numpy", "pandas", "torch", "sklearn.neighbors", "sklearn.cluster", "imblearn",
    "threadpoolctl", "ctgan", "imbdiff.experiments._cost", "imbdiff.over_sampling",
)


@dataclass(frozen=True)
class Measurement:
    """One timed call: ``seconds`` and ``peak_mb`` are NaN unless ``status`` is "ok"."""

    seconds: float
    peak_mb: float
    status: str


@dataclass(frozen=True)
class Slope:
    """The fitted exponent of ``time = c * size ** slope`` and its interval."""

    slope: float
    low: float
    high: float
    intercept: float
    points: int


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


# ------------------------------------------------------------------------------ slopes
def fit_slope(sizes, seconds, *, confidence=0.95) -> Slope:
    """Fit ``log(seconds) = intercept + slope * log(sizes)`` by least squares.

    Parameters
    ----------
    sizes, seconds : array-like of positive float
        One entry per measurement (repeats give several entries per size); NaN
        entries (measurements not run) are left out.
    confidence : float, default=0.95
        Level of the interval, from Student's t with ``points - 2`` degrees of
        freedom on the slope's standard error.

    Returns
    -------
    Slope
        ``low`` and ``high`` are NaN with fewer than three points; ``slope`` is NaN
        with fewer than two distinct sizes.

    Raises
    ------
    ValueError
        If the lengths differ or a size or time is not positive.
    """
    from scipy import stats

    sizes = np.asarray(sizes, dtype=float)
    seconds = np.asarray(seconds, dtype=float)
    if sizes.shape != seconds.shape or sizes.ndim != 1:
        raise ValueError(
            f"sizes and seconds must be 1-d of one length, got {sizes.shape} and {seconds.shape}"
        )
    kept = ~(np.isnan(sizes) | np.isnan(seconds))
    sizes, seconds = sizes[kept], seconds[kept]
    if np.any(sizes <= 0) or np.any(seconds <= 0):
        raise ValueError("sizes and seconds must be positive to be fitted on log-log axes")
    if len(np.unique(sizes)) < 2:
        return Slope(math.nan, math.nan, math.nan, math.nan, len(sizes))
    x, z = np.log(sizes), np.log(seconds)
    slope, intercept = np.polyfit(x, z, 1)
    if len(x) < 3:
        return Slope(float(slope), math.nan, math.nan, float(intercept), len(x))
    residuals = z - (intercept + slope * x)
    error = math.sqrt(residuals @ residuals / (len(x) - 2) / np.sum((x - x.mean()) ** 2))
    half = stats.t.ppf(0.5 + confidence / 2, len(x) - 2) * error
    return Slope(float(slope), float(slope - half), float(slope + half), float(intercept), len(x))


def scaling_slopes(table: pd.DataFrame, *, confidence=0.95) -> pd.DataFrame:
    """The slope of time against size per source, series and method.

    Parameters
    ----------
    table : DataFrame
        As :func:`measure_costs` returns it.

    Returns
    -------
    DataFrame
        Indexed by ``source, series, method``, with ``slope, low, high, points``
        (measurements fitted) and ``largest`` (the largest size measured).
    """
    rows = []
    keys = ["source", "series", "method"]
    for (source, series, method), group in table.groupby(keys, sort=False):
        done = group[group["status"] == OK]
        size = done["n_rows" if series == "rows" else "n_features"]
        fitted = fit_slope(size, done["seconds"], confidence=confidence)
        rows.append({
            "source": source, "series": series, "method": method, "slope": fitted.slope,
            "low": fitted.low, "high": fitted.high, "points": fitted.points,
            "largest": int(size.max()) if len(size) else 0,
        })
    return pd.DataFrame(rows).set_index(["source", "series", "method"])


# ------------------------------------------------------------------------- processes
def measure_call(function, *args, time_cap=None, setup=None) -> Measurement:
    """Time ``function(*args)`` in a fresh process and read its peak memory.

    Parameters
    ----------
    function : callable
        Picklable (defined at module level); its return value is discarded.
    *args
        Sent to the process; the baseline process receives them too.
    time_cap : float, optional
        Seconds after which the process is stopped (status :data:`STOPPED`).
    setup : callable, optional
        Called with ``args`` before the clock starts, in the measured process and
        in the baseline alike: imports and construction that are not to be timed.

    Returns
    -------
    Measurement
        ``peak_mb`` is the peak resident set above a baseline process that received
        the same ``args`` and called nothing, in MiB. A call that raises gives the
        status ``"failed: <error>"``.
    """
    if time_cap is not None and not time_cap > 0:
        raise ValueError(f"time_cap must be positive or None, got {time_cap!r}")
    baseline = _in_fresh_process(None, args, None, setup)
    return _measurement(_in_fresh_process(function, args, time_cap, setup), baseline)


def _context():
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Only the first call matters: the server keeps these modules for every child.
    context.set_forkserver_preload(list(_PRELOADED))
    return context


def _in_fresh_process(function, args, time_cap, setup=None):
    # (seconds, peak bytes) from a new process, or a status string. No function:
    # the baseline, which receives the arguments and calls nothing after the setup.
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, function, args, setup), daemon=True)
    process.start()
    sender.close()
    answered = False
    try:
        if not receiver.poll(time_cap):
            return STOPPED
        answered = True
        return receiver.recv()
    except EOFError:
        process.join()
        return f"failed: the process ended with exit code {process.exitcode}"
    finally:
        # A process that has answered exits by itself; one over its time cap is killed.
        process.join(timeout=10 if answered else 0)
        if process.is_alive():
            process.kill()
            process.join()
        receiver.close()


def _child(sender, function, args, setup):
    import warnings

    from threadpoolctl import threadpool_limits

    import torch

    torch.set_num_threads(1)
    # joblib cannot start workers in a daemon process and says so; one worker is meant.
    warnings.filterwarnings("ignore", message="Loky-backed parallel loops")
    with threadpool_limits(1):
        try:
            if setup is not None:
                setup(*args)
            started = time.perf_counter()
            if function is not None:
                function(*args)
            seconds = time.perf_counter() - started
        except Exception as error:  # reported to the parent, which records it
            message = str(error).splitlines()[0][:200] if str(error) else ""
            sender.send(f"failed: {type(error).__name__}: {message}")
            return
    sender.send((seconds, _peak_bytes()))


def _peak_bytes() -> float:
    try:
        import resource
    except ImportError:
        return math.nan
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return float(peak) if sys.platform == "darwin" else float(peak) * 1024


# ----------------------------------------------------------------------------- tables
def cost_data(source, n_rows, n_features=None, *, imbalance_ratio=9.0, random_state=0):
    """A table of ``n_rows`` rows and ``n_features`` columns to time the methods on.

    Parameters
    ----------
    source : "generated" or Dataset
        ``"generated"``: :func:`sklearn.datasets.make_classification` with half the
        columns informative (at least two), no redundant ones, no label noise and
        ``imbalance_ratio`` majority rows per minority row. A
        :class:`~imbdiff.datasets.Dataset`: its rows, keeping its class proportions,
        as a stratified sample without replacement when it has ``n_rows`` or more;
        otherwise all its rows plus rows drawn with replacement within each class,
        whose numeric cells get Gaussian noise of 5% of the column's standard
        deviation within the class (nominal cells are copied), so that no two rows
        coincide. Its columns: a random subset when it has ``n_features`` or more,
        otherwise all of them plus copies of random columns jittered the same way.
    n_rows : int
        Rows; each class gets at least 6 (region typing's ``k + 1``).
    n_features : int, optional
        Columns; ``None``: 10 generated, or all of the dataset's.
    imbalance_ratio : float, default=9.0
        Majority rows per minority row of a generated table.
    random_state : int, default=0
        Seed of the generator, the sample and the jitter.

    Returns
    -------
    X : DataFrame
    y : ndarray of int
        1 marks the minority class.
    """
    rng = np.random.default_rng(random_state)
    if isinstance(source, str):
        if source != "generated":
            raise ValueError(f"source must be 'generated' or a Dataset, got {source!r}")
        n_features = 10 if n_features is None else n_features
        return _generated(n_rows, n_features, imbalance_ratio, random_state)
    X, y = source.X, np.asarray(source.y)
    minority = _class_rows(n_rows, np.mean(y == 1))
    chosen = np.concatenate([
        _rows_of(np.flatnonzero(y == 1), minority, rng),
        _rows_of(np.flatnonzero(y != 1), n_rows - minority, rng),
    ])
    frame = X.iloc[chosen].reset_index(drop=True)
    labels = (y[chosen] == 1).astype(int)
    copies = pd.Series(chosen).duplicated().to_numpy()
    frame = _jitter(frame, labels, copies, rng)
    if n_features is not None:
        frame = _columns(frame, labels, n_features, rng)
    return frame, labels


def _generated(n_rows, n_features, imbalance_ratio, random_state):
    from sklearn.datasets import make_classification

    if not imbalance_ratio >= 1:
        raise ValueError(f"imbalance_ratio must be at least 1, got {imbalance_ratio!r}")
    if n_features < 2:
        raise ValueError(f"a generated table needs at least 2 features, got {n_features}")
    minority = _class_rows(n_rows, 1 / (1 + imbalance_ratio))
    # make_classification rounds its class sizes per cluster: draw twice the rows and
    # keep the first ones of each class (its rows come shuffled), so that the
    # minority has exactly ``minority`` rows.
    spare = n_rows + 20
    X, y = make_classification(
        n_samples=n_rows + spare, n_features=n_features,
        n_informative=max(2, math.ceil(n_features / 2)), n_redundant=0,
        weights=[1 - minority / n_rows], flip_y=0.0, random_state=random_state,
    )
    rank = pd.Series(y).groupby(y).cumcount().to_numpy()
    kept = np.where(y == 1, rank < minority, rank < n_rows - minority)
    X, y = X[kept], y[kept]
    return pd.DataFrame(X, columns=[f"x{j}" for j in range(n_features)]), y.astype(int)


def _class_rows(n_rows, share):
    if n_rows < 12:
        raise ValueError(f"a cost table needs at least 12 rows (6 per class), got {n_rows}")
    return int(min(max(round(n_rows * share), 6), n_rows - 6))


def _rows_of(rows, count, rng):
    # Every row once (in random order) before any row twice.
    if count <= len(rows):
        return rng.choice(rows, size=count, replace=False)
    return np.concatenate([rng.permutation(rows), rng.choice(rows, size=count - len(rows))])


def _jitter(frame, labels, which, rng):
    if not which.any():
        return frame
    frame = frame.copy()
    for column in frame.select_dtypes("number").columns:
        values = frame[column].to_numpy(dtype=float)
        scale = pd.Series(values).groupby(labels).transform("std").fillna(0).to_numpy()
        values[which] += rng.normal(size=which.sum()) * 0.05 * scale[which]
        frame[column] = values
    return frame


def _columns(frame, labels, n_features, rng):
    if n_features < 1:
        raise ValueError(f"n_features must be positive, got {n_features}")
    width = frame.shape[1]
    if n_features <= width:
        return frame.iloc[:, np.sort(rng.choice(width, size=n_features, replace=False))]
    extra = rng.choice(width, size=n_features - width)
    copies = frame.iloc[:, extra].copy()
    copies.columns = [f"{frame.columns[j]}~{i}" for i, j in enumerate(extra)]
    copies = _jitter(copies, labels, np.ones(len(frame), dtype=bool), rng)
    return pd.concat([frame, copies], axis=1)


# ---------------------------------------------------------------------------- methods
def _check_method(method):
    if method not in COST_METHODS and method not in METHODS:
        raise ValueError(
            f"unknown method {method!r}; the cost chapter measures {list(COST_METHODS)} "
            f"and any experiment method of {sorted(METHODS)}"
        )


def _check_sizes(sizes, what):
    values = np.asarray(sizes)
    if values.ndim != 1 or len(values) == 0 or not np.issubdtype(values.dtype, np.integer):
        raise ValueError(f"{what} must be a non-empty list of integers, got {sizes!r}")
    if np.any(values < 1) or np.any(np.diff(values) <= 0):
        raise ValueError(f"{what} must be positive and strictly increasing, got {list(sizes)}")


def method_settings(method, profile, *, iteration_scale=1.0, device="cpu") -> dict:
    """The parameters ``method`` runs with in the cost measurements.

    The profile's diffusion steps T, training steps and GAN/VAE epochs
    (:func:`~imbdiff.experiments.method_params`), and LReDDPM's 500 guidance
    classifier steps, each multiplied by ``iteration_scale`` (at least 1).
    """
    from .. import profiles

    _check_method(method)
    if method in (REGION_TYPING, KNN):
        return {}
    name = BEYOND_RUNS.get(method, method)
    params = method_params(name, profiles.get(profile) if isinstance(profile, str) else profile)
    if method == "LReDDPM":
        params["classifier_steps"] = 500
    params = {key: max(1, round(value * iteration_scale)) for key, value in params.items()}
    if METHODS[name].family == "diffusion" or name.split("-")[0] in ("CTGAN", "TVAE"):
        params["device"] = device
    return params


def _setup(method, X, y, params, random_state):
    # Not timed: the imports the method needs on first use and its construction, and
    # for the deep methods torch's one-off start (kernels, allocator, autograd), which
    # a long-running program pays once, not per fit.
    if method == REGION_TYPING:
        from .. import regions  # noqa: F401
    elif method == KNN:
        from sklearn import neighbors  # noqa: F401
    else:
        _sampler(method, y, params, random_state)
        if _is_deep(method):
            _warm_torch()


def _warm_torch():
    import torch

    generator = torch.Generator().manual_seed(0)
    network = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(),
                                  torch.nn.Linear(16, 8))
    optimiser = torch.optim.Adam(network.parameters())
    network(torch.randn(4, 8, generator=generator)).square().mean().backward()
    optimiser.step()


def _timed_call(method, X, y, params, random_state):
    # What a measurement times: the method's whole fit + resample on (X, y).
    if method == REGION_TYPING:
        from ..regions import region_types

        region_types(X, y)
    elif method == KNN:
        from sklearn.neighbors import KNeighborsClassifier

        # k + 1 neighbours: every row is its own nearest, as region typing's k = 5 skips it.
        KNeighborsClassifier(n_neighbors=6).fit(X, y).kneighbors(X)
    else:
        _sampler(method, y, params, random_state).fit_resample(X, y)


def _sampler(method, y, params, random_state):
    params = dict(params)
    region = params.pop("region", "safe")
    target = {1: int(np.sum(y != 1))}  # for other experiment methods: balance the classes
    return METHODS[BEYOND_RUNS.get(method, method)].build(
        target, region, random_state, None, **params
    )


def _inputs(method, X, y):
    # The SMOTE family and kNN see nominal columns one-hot encoded, as in the experiments.
    name = BEYOND_RUNS.get(method, method)
    numeric = method == KNN or (name in METHODS and METHODS[name].family == "numeric")
    if numeric and any(isinstance(dtype, pd.CategoricalDtype) for dtype in X.dtypes):
        X = pd.get_dummies(X, dtype=float)
    return (X.to_numpy(dtype=float) if method == KNN else X), y


def _guiding_region(X, y):
    # As the side-by-side chapter chooses it (experiments.beyond_region): "safe" when
    # the minority has at least MIN_SAFE_ROWS safe rows, else its most populous region
    # (small generated tables often have no safe minority row at all).
    from ..regions import REGION_NAMES, region_types

    types = pd.Series(region_types(X, y)[y == 1])
    counts = types.value_counts().reindex(list(REGION_NAMES), fill_value=0)
    return "safe" if counts["safe"] >= MIN_SAFE_ROWS else str(counts.idxmax())


# ------------------------------------------------------------------------ measurements
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
    """
    profile_name = profile if isinstance(profile, str) else profile.name
    settings = settings if settings is not None else cost_settings(profile_name)
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


def _measurement(measured, baseline):
    if isinstance(measured, str):
        return Measurement(math.nan, math.nan, measured)
    if isinstance(baseline, str):
        return Measurement(measured[0], math.nan, OK)
    return Measurement(measured[0], (measured[1] - baseline[1]) / 2**20, OK)


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


def _legend(method, slopes, source, series):
    if slopes is None or (source, series, method) not in slopes.index:
        return method
    fitted = slopes.loc[(source, series, method)]
    if np.isnan(fitted["slope"]):
        return method
    if np.isnan(fitted["low"]):
        return f"{method} (slope {fitted['slope']:.2f})"
    return f"{method} (slope {fitted['slope']:.2f} [{fitted['low']:.2f}, {fitted['high']:.2f}])"


def cost_table(slopes: pd.DataFrame, *, digits=2) -> pd.DataFrame:
    """The slopes of :func:`scaling_slopes` as printed text, ``slope [low, high]``."""

    def text(row):
        if np.isnan(row["slope"]):
            return "n/a"
        if np.isnan(row["low"]):
            return f"{row['slope']:.{digits}f}"
        return f"{row['slope']:.{digits}f} [{row['low']:.{digits}f}, {row['high']:.{digits}f}]"

    order = list(dict.fromkeys(slopes.index.get_level_values("method")))  # as measured
    columns = list(dict.fromkeys(slopes.index.droplevel("method")))
    return slopes.apply(text, axis=1).unstack(["source", "series"]).reindex(
        index=order, columns=columns
    )


def plot_scaling(table, *, source, series="rows", value="seconds", slopes=None, ax=None):
    """Plot ``value`` against size for every method of one source and series, log-log.

    Parameters
    ----------
    table : DataFrame
        As :func:`measure_costs` returns it; only measurements with status "ok"
        are drawn, as the mean over repeats.
    source, series : str
        Which curves.
    value : {"seconds", "peak_mb"}
        Deep methods (diffusion, GAN, VAE) are dashed. Time or peak memory above the baseline (log axis; memory below
        :data:`MEMORY_FLOOR_MB`, which is within the accounting's noise, is drawn
        at it).
    slopes : DataFrame, optional
        From :func:`scaling_slopes`; each legend entry then gives the method's
        slope and interval.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    import matplotlib.pyplot as plt

    ax = ax if ax is not None else plt.subplots(figsize=(6, 4))[1]
    size = "n_rows" if series == "rows" else "n_features"
    chosen = table[(table["source"] == source) & (table["series"] == series)
                   & (table["status"] == OK)]
    for method, group in chosen.groupby("method", sort=False):
        mean = group.groupby(size)[value].mean()
        if value != "seconds":
            mean = mean.clip(lower=MEMORY_FLOOR_MB)  # log axis: nothing at or below zero
        ax.plot(mean.index, mean.to_numpy(), marker="o", color=_colour(method),
                linestyle="--" if _is_deep(method) else "-",
                label=_legend(method, slopes, source, series))
    ax.set(xscale="log", yscale="log", xlabel="rows" if series == "rows" else "features",
           ylabel="seconds" if value == "seconds" else "peak memory above baseline (MiB)",
           title=f"{source}, {series} series")
    shown = sorted(set(chosen[size]))
    ax.set_xticks(shown, [f"{n:,}" for n in shown])
    ax.xaxis.set_minor_locator(plt.NullLocator())
    # Below the axes: the legend entries are long and the curves fill the frame.
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2,
              frameon=False)
    return ax


def _is_deep(method):
    name = BEYOND_RUNS.get(method, method)
    return name in METHODS and METHODS[name].family in ("diffusion", "gan")


def _colour(method):
    # One colour per method in every figure: tab20's dark shades, then its light ones.
    import matplotlib

    known = list(COST_METHODS) + sorted(set(METHODS) - set(COST_METHODS))
    position = known.index(method) if method in known else len(known)
    order = list(range(0, 20, 2)) + list(range(1, 20, 2))
    return matplotlib.colormaps["tab20"](order[position % 20])
