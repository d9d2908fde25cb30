"""Beyond the papers: both papers' methods side by side on one protocol, and what each
method costs as the data grow.

The package's own names are its entry points: the side-by-side grid
(:func:`beyond_grid`, :data:`BEYOND_METHODS`, :data:`BEYOND_DATASETS`) and the cost
measurements (:func:`measure_costs`). Each chapter of ``notebooks/beyond/`` has one
module here that holds every table and figure it shows. :data:`CHAPTERS` maps each
chapter to its module; each module's docstring names the private modules that build
them.
"""

from ._cost import measure_costs
from ._side_by_side import BEYOND_DATASETS, beyond_grid, BEYOND_METHODS
from . import cost, side_by_side

#: Each chapter of ``notebooks/beyond/`` -> the module of this package that
#: holds every table and figure it shows.
CHAPTERS = {
    "01_side_by_side": side_by_side,
    "02_cost": cost,
}

__all__ = [
    "BEYOND_METHODS",
    "BEYOND_DATASETS",
    "beyond_grid",
    "measure_costs",
    "CHAPTERS",
    "cost",
    "side_by_side",
]
