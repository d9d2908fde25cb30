"""The tables and figures of chapter ``lreddpm/11_tau``.

Section 5.3, Tables 8, 9 and 15: the gradient scale τ.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_grids``, ``_tau_tables``, ``_variant_runs``.
"""

from ._grids import TAU_VARIANTS
from ._tau_tables import (
    page0_f1_range,
    paper_tau_close,
    tau_above_measure,
    tau_marker_agreement,
    tau_marker_statement,
    tau_markers,
    TAU_MARKERS,
    tau_paper_statement,
    tau_ranks,
    tau_row_shifts,
    TAU_ROWS,
    tau_scores,
    tau_shift_statement,
    tau_shift_table,
    tau_step_figure,
    tau_table,
    tau_trade,
)
from ._variant_runs import (
    cells_table,
    datasets_run,
    failed_cells,
    run_note,
    verdict_list,
)

__all__ = [
    "cells_table",
    "datasets_run",
    "failed_cells",
    "page0_f1_range",
    "paper_tau_close",
    "run_note",
    "tau_above_measure",
    "tau_marker_agreement",
    "tau_marker_statement",
    "tau_markers",
    "TAU_MARKERS",
    "tau_paper_statement",
    "tau_ranks",
    "tau_row_shifts",
    "TAU_ROWS",
    "tau_scores",
    "tau_shift_statement",
    "tau_shift_table",
    "tau_step_figure",
    "tau_table",
    "tau_trade",
    "TAU_VARIANTS",
    "verdict_list",
]
