"""The tables and figures of chapter ``isodf_enn/08_readings``.

How the readings move the verdicts.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_readings``.
"""

from ._readings import UNNAMED_STAND_INS

__all__ = [
    "UNNAMED_STAND_INS",
]
