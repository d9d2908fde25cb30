"""The comparison tables of single chapters: the paper's numbers beside ours.

Each function builds one table a chapter shows, from the paper's long tables
(:func:`imbdiff.paper.table`) and ours (:meth:`imbdiff.experiments.Results.paper_format`),
so that the chapter's cell is a call and the rule behind a column is tested here.
Presentation only: editing this package keeps the experiment cache.

Values are looked up in a :func:`lookup` series, ``(method, dataset, metric) -> mean``;
a missing cell reads as NaN and its comparisons stay empty, never guessed.
"""

from ._common import REGION_COLOURS, lookup, marker, marker_tally
from ._datasets import dataset_counts, minority_type_shares, share_bars, share_verdicts
from ._distances import (
    distance_readings,
    paired_ranks,
    rank_dots,
    rank_statements,
    reading_agreement,
    reading_diagnostics,
    synthcity_js,
)
from ._guidance import (
    above_markers,
    beaten_count,
    gap_bars,
    reference_gaps,
    row_shift,
    tau_marker_table,
    tau_row_shifts,
    tau_shift_statement,
    trade_table,
)
from ._region_variants import (
    REGION_METRICS,
    borderline_comparison,
    gmean_reading_check,
    region_bars,
    region_count_table,
    region_variant_table,
)
from ._sampling import (
    compactness,
    compactness_table,
    gain_by_region_size,
    guiding_region_sizes,
    modal_type_misses,
    projection_panels,
    type_bars,
    type_panels,
    type_share_tables,
)
from ._scores import (
    difference_heatmaps,
    difference_statement,
    gmean_bars,
    gmean_form_summary,
    paper_differences,
)

__all__ = [
    "REGION_METRICS",
    "borderline_comparison",
    "gmean_reading_check",
    "lookup",
    "marker",
    "marker_tally",
    "region_bars",
    "region_count_table",
    "region_variant_table",
    "row_shift",
    "tau_marker_table",
    "tau_row_shifts",
    "trade_table",
    "above_markers",
    "compactness",
    "compactness_table",
    "guiding_region_sizes",
    "synthcity_js",
    "distance_readings",
    "reading_agreement",
    "reading_diagnostics",
    "paired_ranks",
    "rank_dots",
    "rank_statements",
    "REGION_COLOURS",
    "type_share_tables",
    "type_bars",
    "type_panels",
    "modal_type_misses",
    "minority_type_shares",
    "share_bars",
    "share_verdicts",
    "paper_differences",
    "difference_heatmaps",
    "difference_statement",
    "gmean_form_summary",
    "gmean_bars",
    "reference_gaps",
    "gap_bars",
    "beaten_count",
    "dataset_counts",
    "projection_panels",
    "tau_shift_statement",
    "gain_by_region_size",
]
