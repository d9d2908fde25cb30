"""The tables and figures of chapter ``isodf_enn/02_isodata``.

Fig. 3: ISODATA splits the minority class into sub-clusters.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_clustering``, ``_isodata_tables``.
"""

from ._clustering import (
    encode_minority,
    isodata_sweep,
    isodata_versus_kmeans,
    plot_partitions,
)
from ._isodata_tables import (
    clusters_per_k_table,
    final_clusters,
    final_clusters_table,
    isodata_claim_measures,
    iterations_table,
    min_samples_table,
    plot_histories,
    split_merge_table,
    versus_table,
)

__all__ = [
    "clusters_per_k_table",
    "encode_minority",
    "final_clusters",
    "final_clusters_table",
    "isodata_claim_measures",
    "isodata_sweep",
    "isodata_versus_kmeans",
    "iterations_table",
    "min_samples_table",
    "plot_histories",
    "plot_partitions",
    "split_merge_table",
    "versus_table",
]
