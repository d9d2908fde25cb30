"""The tables and figures of chapter ``lreddpm/14_readings``.

How the readings move the verdicts.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_readings_tables``.
"""

from ._readings_tables import (
    readings_measures,
    readings_robustness_table,
    split_region_counts,
)

__all__ = [
    "readings_measures",
    "readings_robustness_table",
    "split_region_counts",
]
