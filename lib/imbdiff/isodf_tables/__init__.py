"""The tables and figures of the ISODF-ENN chapters, built by tested functions.

Each function builds one table or figure a chapter of ``notebooks/isodf_enn`` shows, so
that the chapter's cell is a call and the loop behind it is tested. Presentation only:
the functions read data and fit small models the chapters show, none of it is cached,
and editing this package keeps the experiment cache.
"""

from ._clustering import (
    encode_minority,
    isodata_sweep,
    isodata_versus_kmeans,
    plot_partitions,
    plot_silhouette_curves,
)
from ._comparison import (
    control_comparison,
    gap_to_best_other,
    plot_method_scores,
    posthoc_power,
)
from ._diffusion import denoising_losses, fidelity_measures, plot_reverse_process
from ._sensitivity import plot_sensitivity, sensitivity_noise, settings_clusters

__all__ = [
    "control_comparison",
    "denoising_losses",
    "encode_minority",
    "fidelity_measures",
    "gap_to_best_other",
    "isodata_sweep",
    "isodata_versus_kmeans",
    "plot_method_scores",
    "plot_partitions",
    "plot_reverse_process",
    "plot_silhouette_curves",
    "posthoc_power",
    "plot_sensitivity",
    "sensitivity_noise",
    "settings_clusters",
]
