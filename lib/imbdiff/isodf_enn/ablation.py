"""The tables and figures of chapter ``isodf_enn/07_ablation``.

Figs. 10-11: the ablation of ISODF-ENN.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_ablation``, ``_comparison``.
"""

from ._ablation import (
    ablation_cells,
    ABLATION_COMPARISONS,
    ABLATION_ROWS,
    effects_table,
    plot_ablation,
    stage_effects,
)
from ._comparison import resampling_counts_table, scores_table

__all__ = [
    "ablation_cells",
    "ABLATION_COMPARISONS",
    "ABLATION_ROWS",
    "effects_table",
    "plot_ablation",
    "resampling_counts_table",
    "scores_table",
    "stage_effects",
]
