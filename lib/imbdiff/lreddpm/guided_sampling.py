"""The tables and figures of chapter ``lreddpm/04_guided_sampling``.

Section 3.2 and Algorithm 1: guiding the reverse process with one region.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_sampling``.
"""

from ._sampling import (
    generated_type_shares,
    generated_type_table,
    hvdm_projection,
    projection_panels,
    tau_curves,
)

__all__ = [
    "generated_type_shares",
    "generated_type_table",
    "hvdm_projection",
    "projection_panels",
    "tau_curves",
]
