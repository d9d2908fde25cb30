"""The tables and figures of chapter ``lreddpm/09_guidance``.

Section 5.1, Table 6: which gradient guides the reverse process.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_grids``, ``_guidance``, ``_variant_runs``.
"""

from ._grids import GUIDANCE_VARIANTS
from ._guidance import (
    beaten_measure,
    beaten_statement,
    gap_bars,
    guidance_claim_statement,
    guidance_gaps,
    guidance_marker_agreement,
    guidance_markers,
    GUIDANCE_METRICS,
    guidance_paper_gap,
    guidance_paper_statement,
    guidance_references,
    guidance_scores,
    guidance_table,
    TABLE6_MARKERS,
)
from ._variant_runs import cells_table, datasets_run, failed_cells, run_note

__all__ = [
    "beaten_measure",
    "beaten_statement",
    "cells_table",
    "datasets_run",
    "failed_cells",
    "gap_bars",
    "guidance_claim_statement",
    "guidance_gaps",
    "guidance_marker_agreement",
    "guidance_markers",
    "GUIDANCE_METRICS",
    "guidance_paper_gap",
    "guidance_paper_statement",
    "guidance_references",
    "guidance_scores",
    "guidance_table",
    "GUIDANCE_VARIANTS",
    "run_note",
    "TABLE6_MARKERS",
]
