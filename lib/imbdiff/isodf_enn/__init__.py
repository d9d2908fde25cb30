"""ISODF-ENN (J. Intell. Fuzzy Syst., 2024): its grids, claims, readings, tables and
figures.

The package's own names are its entry points: the claims (:data:`CLAIMS`), the
readings (:data:`READINGS`) and the grids the chapters run (:func:`isodf_enn_grid`).
Each chapter of ``notebooks/isodf_enn/`` has one module here that holds every table
and figure it shows. :data:`CHAPTERS` maps each chapter to its module; each module's
docstring names the private modules that build them.

Importing the package registers its claims and readings with
:func:`imbdiff.claims.register_paper`.
"""

from ..claims import register_paper
from ._claims import CLAIMS
from ._grids import isodf_enn_grid, ISODF_ENN_GRIDS, ISODF_ENN_METHODS
from ._readings import HEADLINE_CLAIMS, reading_cells, READINGS
from . import (
    ablation,
    comparison,
    datasets,
    diffusion,
    isodata,
    readings,
    scorecard,
    sensitivity,
    statistics,
)

#: Each chapter of ``notebooks/isodf_enn/`` -> the module of this package that
#: holds every table and figure it shows.
CHAPTERS = {
    "01_datasets": datasets,
    "02_isodata": isodata,
    "03_diffusion": diffusion,
    "04_sensitivity": sensitivity,
    "05_comparison": comparison,
    "06_statistics": statistics,
    "07_ablation": ablation,
    "08_readings": readings,
    "09_scorecard": scorecard,
}

register_paper("isodf_enn", claims=CLAIMS, readings=READINGS, reading_cells=reading_cells,
               headline=HEADLINE_CLAIMS)

__all__ = [
    "CLAIMS",
    "READINGS",
    "ISODF_ENN_GRIDS",
    "ISODF_ENN_METHODS",
    "isodf_enn_grid",
    "CHAPTERS",
    "ablation",
    "comparison",
    "datasets",
    "diffusion",
    "isodata",
    "readings",
    "scorecard",
    "sensitivity",
    "statistics",
]
