"""The tables and figures of chapter ``beyond/01_side_by_side``.

Side by side: both methods and eight rivals under one protocol.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_rank_tests``, ``_side_by_side``,
``_side_by_side_tables``.
"""

from ._rank_tests import (
    complete_block,
    rank_tests,
    recommendation_text,
    recommendations,
    statistics_summary,
)
from ._side_by_side import (
    BEYOND_MEASURES,
    BEYOND_NEW_DATASETS,
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
    "BEYOND_MEASURES",
    "BEYOND_NEW_DATASETS",
    "complete_block",
    "counts_table",
    "critical_difference_figure",
    "dataset_overview",
    "dataset_table",
    "describe_grid",
    "failures_table",
    "protocol_text",
    "rank_block_text",
    "rank_tests",
    "recommendation_table",
    "recommendation_text",
    "recommendations",
    "score_table",
    "scores_table",
    "seconds_table",
    "statistics_summary",
    "statistics_table",
    "wilcoxon_table",
]
