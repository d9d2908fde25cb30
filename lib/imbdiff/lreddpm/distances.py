"""The tables and figures of chapter ``lreddpm/05_distances``.

Section 4.2, Table 2 and Appendix C Tables 16-18: how close are the generated rows to
the guiding region?.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_distance_tables``, ``_distances``,
``_generated_rows``.
"""

from ._distance_tables import (
    closest_lines,
    distance_claim_lines,
    distance_rank_figure,
    distance_table,
    DISTANCE_TABLES,
    mmd_scale_lines,
    printed_rank_texts,
    printed_table2,
    published_distances,
    rank_table,
    reading_diagnostics_table,
    reference_ranks,
    table2_gap,
)
from ._distances import (
    distance_readings,
    paired_ranks,
    reading_diagnostics,
    synthcity_js,
)
from ._generated_rows import generated_rows_table

__all__ = [
    "closest_lines",
    "distance_claim_lines",
    "distance_rank_figure",
    "distance_readings",
    "distance_table",
    "DISTANCE_TABLES",
    "generated_rows_table",
    "mmd_scale_lines",
    "paired_ranks",
    "printed_rank_texts",
    "printed_table2",
    "published_distances",
    "rank_table",
    "reading_diagnostics",
    "reading_diagnostics_table",
    "reference_ranks",
    "synthcity_js",
    "table2_gap",
]
