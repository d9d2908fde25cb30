"""The papers' experiments: splits, methods, classifier scores and a cached runner.

An :class:`Experiment` is one cell of a results table (a method on one split of one
dataset, with its parameters and seeds); :func:`run` computes a list of them, reading
finished ones from an on-disk cache and running the rest in parallel through joblib.
Tables 3, 4, 5, 13 and 14 and Figures 3 and 4 of LReDDPM read the same cells, so
they are computed once whichever chapter asks first.

>>> from imbdiff import experiments, profiles                  # doctest: +SKIP
>>> profile = profiles.get("smoke")                             # doctest: +SKIP
>>> grid = [experiments.Experiment.make(d, m, profile=profile)  # doctest: +SKIP
...         for d in profile.datasets for m in ("Original", "LReDDPM")]
>>> results = experiments.run(grid, n_jobs=2)                   # doctest: +SKIP
>>> results.paper_format(["AUC_DT"])                            # doctest: +SKIP
"""

from ._methods import METHODS, Method, register_method
from ._results import Experiment, Result, Results, with_params
from ._runner import cache_dir, run
from ._store import StaleResults, store_summary
from ._scoring import score_classifiers
from ._splits import CVFold, Holdout, cross_validation

__all__ = [
    "CVFold",
    "Experiment",
    "Holdout",
    "METHODS",
    "Method",
    "Result",
    "Results",
    "cache_dir",
    "StaleResults",
    "store_summary",
    "cross_validation",
    "register_method",
    "run",
    "score_classifiers",
    "with_params",
]
