"""Beyond the papers: both papers' methods side by side on one protocol, and what each
method costs as the data grow.

=========================================  =====================================
chapter (``notebooks/beyond/``)            module
=========================================  =====================================
01_side_by_side                            ``_side_by_side`` (grid, tables),
                                           ``_rank_tests`` (Friedman, Nemenyi),
                                           ``_side_by_side_tables`` (finished
                                           tables and figure)
02_cost                                    ``_cost`` (measurements), ``_cost_plots``,
                                           ``_cost_slopes``, ``_cost_data``,
                                           ``_cost_methods``, ``_measure``,
                                           ``_cost_tables`` (finished tables)
=========================================  =====================================
"""

from ._cost import COST_SETTINGS, CostSettings, cost_settings, measure_costs
from ._cost_data import cost_data
from ._cost_methods import COST_METHODS, method_settings
from ._cost_plots import cost_table, plot_scaling, scaling_figure
from ._cost_tables import (
    SMOTE_FAMILY,
    failure_text,
    first_dataset,
    fixed_cost_factor,
    full_length_runs,
    full_length_table,
    growth_table,
    outcome_table,
    reach_table,
    settings_table,
    slopes_table,
    typing_table,
)
from ._cost_slopes import Slope, fit_slope, scaling_slopes
from ._measure import Measurement, measure_call
from ._rank_tests import (
    RankTests,
    complete_block,
    rank_tests,
    recommendation_text,
    recommendations,
    statistics_summary,
)
from ._side_by_side import (
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
from ._side_by_side_tables import (
    counts_table,
    critical_difference_figure,
    dataset_overview,
    describe_grid,
    failures_table,
    protocol_text,
    rank_block_text,
    recommendation_table,
    scores_table,
    seconds_table,
    statistics_table,
    wilcoxon_table,
)

__all__ = [
    "BEYOND_DATASETS",
    "BEYOND_MEASURES",
    "BEYOND_METHODS",
    "BEYOND_NEW_DATASETS",
    "BEYOND_RUNS",
    "beyond_grid",
    "beyond_region",
    "data_kind",
    "dataset_table",
    "score_table",
    "counts_table",
    "critical_difference_figure",
    "dataset_overview",
    "describe_grid",
    "failures_table",
    "protocol_text",
    "rank_block_text",
    "recommendation_table",
    "scores_table",
    "seconds_table",
    "statistics_table",
    "wilcoxon_table",
    "RankTests",
    "complete_block",
    "rank_tests",
    "recommendation_text",
    "recommendations",
    "statistics_summary",
    "COST_METHODS",
    "COST_SETTINGS",
    "CostSettings",
    "Measurement",
    "Slope",
    "cost_data",
    "cost_settings",
    "cost_table",
    "fit_slope",
    "measure_call",
    "measure_costs",
    "method_settings",
    "plot_scaling",
    "scaling_figure",
    "scaling_slopes",
    "SMOTE_FAMILY",
    "failure_text",
    "first_dataset",
    "fixed_cost_factor",
    "full_length_runs",
    "full_length_table",
    "growth_table",
    "outcome_table",
    "reach_table",
    "settings_table",
    "slopes_table",
    "typing_table",
]
