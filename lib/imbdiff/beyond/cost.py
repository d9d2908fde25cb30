"""The tables and figures of chapter ``beyond/02_cost``.

What each method costs as the data grow.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_cost``, ``_cost_plots``, ``_cost_slopes``,
``_cost_tables``.
"""

from ._cost import cost_settings
from ._cost_plots import scaling_figure
from ._cost_slopes import scaling_slopes
from ._cost_tables import (
    failure_text,
    first_dataset,
    fixed_cost_factor,
    full_length_runs,
    full_length_table,
    growth_table,
    outcome_table,
    reach_table,
    settings_table,
    slopes_table,
    SMOTE_FAMILY,
    typing_table,
)

__all__ = [
    "cost_settings",
    "failure_text",
    "first_dataset",
    "fixed_cost_factor",
    "full_length_runs",
    "full_length_table",
    "growth_table",
    "outcome_table",
    "reach_table",
    "scaling_figure",
    "scaling_slopes",
    "settings_table",
    "slopes_table",
    "SMOTE_FAMILY",
    "typing_table",
]
