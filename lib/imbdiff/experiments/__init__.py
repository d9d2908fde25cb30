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

from ._methods import METHODS, PAPER_REGION, Method, guiding_region, method_params, register_method
from ._results import Experiment, Result, Results, split_id, with_params
from ._keys import code_digest, method_digest, method_digests, method_modules
from ._runner import cache_dir, run
from ._store import StaleResults, results_store, store_summary
from ._summaries import summarise_rows
from ._scoring import CLASSIFIERS, SCORES, score_classifiers
from ._splits import TYPINGS, CVFold, Holdout, cross_validation, training_region_types

__all__ = [
    "TYPINGS",
    "training_region_types",
    "CLASSIFIERS",
    "CVFold",
    "Experiment",
    "Holdout",
    "METHODS",
    "Method",
    "PAPER_REGION",
    "Result",
    "Results",
    "SCORES",
    "cache_dir",
    "StaleResults",
    "results_store",
    "store_summary",
    "code_digest",
    "method_digest",
    "method_digests",
    "method_modules",
    "cross_validation",
    "guiding_region",
    "method_params",
    "register_method",
    "run",
    "summarise_rows",
    "score_classifiers",
    "split_id",
    "with_params",
]
