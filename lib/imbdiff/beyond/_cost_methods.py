"""The methods the cost chapter measures and what a measurement of one runs.

``_setup`` (not timed) and ``_timed_call`` are what the fresh processes of
:func:`~imbdiff.beyond._measure.measure_call` run for a method;
:func:`~imbdiff.beyond._cost_methods.method_settings` gives the parameters it runs with.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._encoding import one_hot_encoder
from .._validation import nominal_columns
from ._side_by_side import BEYOND_RUNS, MIN_SAFE_ROWS
from ..experiments._methods import METHODS, method_params

__all__ = ["COST_METHODS", "KNN", "REGION_TYPING", "method_settings"]

#: Region typing and the scikit-learn kNN it is compared with.
REGION_TYPING = "region typing"
KNN = "kNN (scikit-learn)"

#: The methods the cost chapter measures, cheap ones first (see
#: :func:`measure_costs`): region typing, scikit-learn's kNN, and the side-by-side
#: chapter's ten methods under its labels, run as it runs them
#: (:data:`~imbdiff.beyond._side_by_side.BEYOND_RUNS`: every one balances the classes;
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


def _check_method(method):
    if method not in COST_METHODS and method not in METHODS:
        raise ValueError(
            f"unknown method {method!r}; the cost chapter measures {list(COST_METHODS)} "
            f"and any experiment method of {sorted(METHODS)}"
        )


def method_settings(method, profile, *, iteration_scale=1.0, device="cpu") -> dict:
    """The parameters ``method`` runs with in the cost measurements.

    The profile's diffusion steps T, training steps and GAN/VAE epochs
    (:func:`~imbdiff.experiments._methods.method_params`), and LReDDPM's 500 guidance
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
    nominal = nominal_columns(X)
    if numeric and nominal:
        X = one_hot_encoder(nominal, nominal_first=False).fit_transform(X).astype(float)
    return (np.asarray(X, dtype=float) if method == KNN else X), y


def _guiding_region(X, y):
    # As the side-by-side chapter chooses it (beyond.beyond_region): "safe" when
    # the minority has at least MIN_SAFE_ROWS safe rows, else its most populous region
    # (small generated tables often have no safe minority row at all).
    from ..regions import REGION_NAMES, region_types

    types = pd.Series(region_types(X, y)[y == 1])
    counts = types.value_counts().reindex(list(REGION_NAMES), fill_value=0)
    return "safe" if counts["safe"] >= MIN_SAFE_ROWS else str(counts.idxmax())


def _is_deep(method):
    name = BEYOND_RUNS.get(method, method)
    return name in METHODS and METHODS[name].family in ("diffusion", "gan")
