"""The tables and figures of chapter ``isodf_enn/01_datasets``.

Tables 1 and 2, Fig. 7: the eight datasets, their sub-clusters and their overlap.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_clustering``, ``_datasets``.
"""

from ._clustering import plot_silhouette_curves
from ._datasets import (
    dataset_claim_measures,
    dataset_measures,
    granularity_table,
    overlap_granularity,
    overlap_readings_table,
    overlap_table,
    quoted_table,
    silhouette_stability,
    stability_table,
    table1,
)

__all__ = [
    "dataset_claim_measures",
    "dataset_measures",
    "granularity_table",
    "overlap_granularity",
    "overlap_readings_table",
    "overlap_table",
    "plot_silhouette_curves",
    "quoted_table",
    "silhouette_stability",
    "stability_table",
    "table1",
]
