"""ISODF-ENN (J. Intell. Fuzzy Syst., 2024): its grids, claims, readings, tables and
figures, one module per group of chapters.

=========================================  =====================================
chapter (``notebooks/isodf_enn/``)         module
=========================================  =====================================
01_datasets, 02_isodata                    ``_clustering`` (silhouette, ISODATA)
03_diffusion                               ``_diffusion`` (the reverse process)
04_sensitivity                             ``_sensitivity`` (Tables 4-5)
05_comparison, 06_statistics               ``_comparison`` (Table 6, Figs. 8-9)
08_readings                                ``_readings``
every chapter                              ``_grids`` (the cells), ``_claims``
=========================================  =====================================

Importing the package registers its claims and readings with
:func:`imbdiff.claims.register_paper`.
"""

from ..claims import register_paper
from ._claims import CLAIMS
from ._grids import ISODF_ENN_GRIDS, ISODF_ENN_METHODS, ITERATION_VALUES, MUL_VALUES, isodf_enn_grid
from ._readings import HEADLINE_CLAIMS, READINGS, UNNAMED_STAND_INS, reading_cells
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


register_paper("isodf_enn", claims=CLAIMS, readings=READINGS, reading_cells=reading_cells,
               headline=HEADLINE_CLAIMS)

__all__ = [
    "CLAIMS",
    "HEADLINE_CLAIMS",
    "READINGS",
    "UNNAMED_STAND_INS",
    "ISODF_ENN_GRIDS",
    "ISODF_ENN_METHODS",
    "ITERATION_VALUES",
    "MUL_VALUES",
    "isodf_enn_grid",
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
