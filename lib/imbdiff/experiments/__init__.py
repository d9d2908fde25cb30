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

from ._beyond import (
    BEYOND_DATASETS,
    BEYOND_MEASURES,
    BEYOND_METHODS,
    BEYOND_NEW_DATASETS,
    BEYOND_RUNS,
    beyond_grid,
    beyond_region,
    data_kind,
    dataset_table,
    score_table,
)
from ._beyond_stats import (
    RankTests,
    complete_block,
    rank_tests,
    recommendation_text,
    recommendations,
    statistics_summary,
)
from ._analysis import synthetic_region_types, synthetic_type_shares, training_split
from ._cost import COST_SETTINGS, CostSettings, cost_settings, measure_costs
from ._cost_data import cost_data
from ._cost_methods import COST_METHODS, method_settings
from ._cost_plots import cost_table, plot_scaling
from ._cost_slopes import Slope, fit_slope, scaling_slopes
from ._measure import Measurement, measure_call
from ._grids import (
    GUIDANCE_VARIANTS,
    ISODF_ENN_GRIDS,
    ISODF_ENN_METHODS,
    ITERATION_VALUES,
    LREDDPM_GRIDS,
    LREDDPM_METHODS,
    MUL_VALUES,
    REGION_VARIANTS,
    TAU_VARIANTS,
    isodf_enn_grid,
    lreddpm_grid,
)
from ._methods import METHODS, PAPER_REGION, Method, guiding_region, method_params, register_method
from ._readings import (
    EMPTY_REGION_CHOICES,
    HEADLINE_CLAIMS,
    ISODF_ENN_HEADLINE_CLAIMS,
    ISODF_ENN_READINGS,
    UNNAMED_STAND_INS,
    minority_region_counts,
    MINORITY_BASELINES,
    READINGS,
    Reading,
    reading,
    reading_grid,
    verdicts_across_readings,
)
from ._results import Experiment, Result, Results, split_id, with_params
from ._keys import code_digest, method_digest, method_digests, method_modules
from ._runner import cache_dir, run
from ._store import StaleResults, results_store, store_summary
from ._summaries import summarise_rows
from ._scorecard import lreddpm_scorecard, lreddpm_scores
from ._scoring import CLASSIFIERS, SCORES, score_classifiers
from ._splits import TYPINGS, CVFold, Holdout, cross_validation, training_region_types
from ._tsne import (
    REAL_MINORITY, TSNE_MEASURES, tsne_layout, tsne_layouts, tsne_measures, tsne_statements,
)
from ._protocol import (
    CONTROL_DATASETS,
    GAP_DATASETS,
    PROTOCOL_VARIANTS,
    ProtocolVariant,
    probe_protocol,
    probe_verdicts,
    summarise_probe,
)

__all__ = [
    "BEYOND_DATASETS",
    "BEYOND_MEASURES",
    "BEYOND_METHODS",
    "BEYOND_NEW_DATASETS",
    "BEYOND_RUNS",
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
    "COST_METHODS",
    "COST_SETTINGS",
    "CostSettings",
    "Measurement",
    "Slope",
    "complete_block",
    "cost_data",
    "cost_settings",
    "cost_table",
    "fit_slope",
    "measure_call",
    "measure_costs",
    "method_settings",
    "plot_scaling",
    "scaling_slopes",
    "HEADLINE_CLAIMS",
    "MINORITY_BASELINES",
    "READINGS",
    "TYPINGS",
    "EMPTY_REGION_CHOICES",
    "ISODF_ENN_HEADLINE_CLAIMS",
    "ISODF_ENN_READINGS",
    "UNNAMED_STAND_INS",
    "minority_region_counts",
    "Reading",
    "lreddpm_scorecard",
    "lreddpm_scores",
    "reading",
    "reading_grid",
    "training_region_types",
    "verdicts_across_readings",
    "CLASSIFIERS",
    "CVFold",
    "Experiment",
    "GUIDANCE_VARIANTS",
    "Holdout",
    "ISODF_ENN_GRIDS",
    "ISODF_ENN_METHODS",
    "ITERATION_VALUES",
    "MUL_VALUES",
    "isodf_enn_grid",
    "LREDDPM_GRIDS",
    "LREDDPM_METHODS",
    "REGION_VARIANTS",
    "TAU_VARIANTS",
    "lreddpm_grid",
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
    "synthetic_region_types",
    "synthetic_type_shares",
    "training_split",
    "with_params",
    "CONTROL_DATASETS",
    "GAP_DATASETS",
    "PROTOCOL_VARIANTS",
    "ProtocolVariant",
    "probe_protocol",
    "probe_verdicts",
    "summarise_probe",
    "REAL_MINORITY",
    "TSNE_MEASURES",
    "tsne_layout",
    "tsne_layouts",
    "tsne_measures",
    "tsne_statements",
]
