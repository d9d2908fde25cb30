"""The tables and figures of chapter ``isodf_enn/05_comparison``.

Table 6: ISODF-ENN against seven resamplers.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_comparison``, ``_datasets``.
"""

from ._comparison import (
    comparison_claim_measures,
    difficulty,
    difficulty_table,
    gap_table,
    gap_to_best_other,
    ir_gain_correlations,
    not_best,
    plot_method_scores,
    resampling_counts_table,
    resampling_seconds_table,
    scores_table,
    spread_table,
)
from ._datasets import paper_quoted

__all__ = [
    "comparison_claim_measures",
    "difficulty",
    "difficulty_table",
    "gap_table",
    "gap_to_best_other",
    "ir_gain_correlations",
    "not_best",
    "paper_quoted",
    "plot_method_scores",
    "resampling_counts_table",
    "resampling_seconds_table",
    "scores_table",
    "spread_table",
]
