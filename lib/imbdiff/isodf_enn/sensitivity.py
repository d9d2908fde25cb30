"""The tables and figures of chapter ``isodf_enn/04_sensitivity``.

Tables 4-5: the ISODATA parameters Mul and I.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_grids``, ``_sensitivity``.
"""

from ._grids import ITERATION_VALUES, MUL_VALUES
from ._sensitivity import (
    DEFAULT_LABEL,
    identical_settings_table,
    ITERATION_LABELS,
    MUL_LABELS,
    noise_ranges,
    noise_table,
    plot_sensitivity,
    sensitivity_cells,
    sensitivity_datasets,
    SENSITIVITY_DEFAULT_DATASETS,
    SENSITIVITY_SETTINGS,
    sensitivity_table,
    settings_clusters,
    settings_clusters_table,
)

__all__ = [
    "DEFAULT_LABEL",
    "identical_settings_table",
    "ITERATION_LABELS",
    "ITERATION_VALUES",
    "MUL_LABELS",
    "MUL_VALUES",
    "noise_ranges",
    "noise_table",
    "plot_sensitivity",
    "sensitivity_cells",
    "sensitivity_datasets",
    "SENSITIVITY_DEFAULT_DATASETS",
    "SENSITIVITY_SETTINGS",
    "sensitivity_table",
    "settings_clusters",
    "settings_clusters_table",
]
