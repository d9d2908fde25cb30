"""Tables that put the paper's numbers beside ours.

Three parts: the score tables and their best-value styles (``_tables``), the claims'
verdicts as tables, grids and lists (``_verdicts``), and the figures (``_figures``).
"""

# REGION_COLOURS is not in __all__ but was a name of the former report module: kept.
from ._figures import REGION_COLOURS, grouped_bars, rank_bars, titled, tsne_figure  # noqa: F401
from ._findings import (
    FOUND_VERDICTS,
    format_value,
    found_text,
    interval_text,
    what_we_found,
)
from ._tables import (
    finished,
    method_table,
    profile_note,
    side_by_side,
    spread_table,
    wide,
    with_caption,
)
from ._verdicts import (
    FRONT_PAGE_CLAIMS,
    VERDICT_COLOURS,
    declared_tests,
    findings,
    headlines,
    readings_matrix,
    readings_robustness,
    robustness_table,
    tally_bars,
    tally_table,
    verdict_table,
)

__all__ = [
    "FOUND_VERDICTS",
    "FRONT_PAGE_CLAIMS",
    "VERDICT_COLOURS",
    "finished",
    "profile_note",
    "declared_tests",
    "findings",
    "format_value",
    "found_text",
    "grouped_bars",
    "headlines",
    "interval_text",
    "method_table",
    "rank_bars",
    "readings_matrix",
    "readings_robustness",
    "robustness_table",
    "side_by_side",
    "spread_table",
    "tally_bars",
    "tally_table",
    "titled",
    "tsne_figure",
    "verdict_table",
    "what_we_found",
    "wide",
    "with_caption",
]
