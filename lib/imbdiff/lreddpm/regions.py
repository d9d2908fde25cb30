"""The tables and figures of chapter ``lreddpm/02_regions``.

Section 3.1 and Table 12: safe, border, rare and outlier examples.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_datasets``.
"""

from ._datasets import (
    count_offsets,
    fitting_counts,
    implied_counts,
    implied_counts_table,
    mean_shares,
    minority_type_shares,
    paper_shares,
    reading_distance_table,
    reading_distances,
    share_bars,
    share_spread_table,
    share_table,
    share_verdict_table,
    share_verdicts,
    whole_dataset_shares,
)

__all__ = [
    "count_offsets",
    "fitting_counts",
    "implied_counts",
    "implied_counts_table",
    "mean_shares",
    "minority_type_shares",
    "paper_shares",
    "reading_distance_table",
    "reading_distances",
    "share_bars",
    "share_spread_table",
    "share_table",
    "share_verdict_table",
    "share_verdicts",
    "whole_dataset_shares",
]
