"""The tables and figures of chapter ``lreddpm/10_regions``.

Section 5.2 and Section 6, Tables 7 and 10: guiding by another region.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_grids``, ``_region_variants``, ``_variant_runs``.
"""

from ._grids import REGION_VARIANTS
from ._region_variants import (
    borderline_comparison,
    borderline_statement,
    borderline_table,
    paper_region_beaters,
    region_bars,
    region_better_measure,
    region_counts,
    region_gmean_statement,
    region_gmean_table,
    region_marker_statement,
    region_run_note,
    region_scores,
    region_table,
    region_variant_table,
    TABLE7_DATASETS,
)
from ._variant_runs import cells_table, failed_cells, verdict_list

__all__ = [
    "borderline_comparison",
    "borderline_statement",
    "borderline_table",
    "cells_table",
    "failed_cells",
    "paper_region_beaters",
    "region_bars",
    "region_better_measure",
    "region_counts",
    "region_gmean_statement",
    "region_gmean_table",
    "region_marker_statement",
    "region_run_note",
    "region_scores",
    "region_table",
    "region_variant_table",
    "REGION_VARIANTS",
    "TABLE7_DATASETS",
    "verdict_list",
]
