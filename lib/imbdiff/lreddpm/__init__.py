"""LReDDPM (Yang, Zeng & Duan, JAIR 2026): its grids, claims, readings, scorecard,
tables and figures.

The package's own names are its entry points: the claims (:data:`CLAIMS`) and the
readings (:data:`READINGS`), the grids the chapters run (:func:`lreddpm_grid`), the
protocol's training split, the region types of generated rows and the scorecard.
Each chapter of ``notebooks/lreddpm/`` has one module here that holds every table and
figure it shows. :data:`CHAPTERS` maps each chapter to its module; each module's
docstring names the private modules that build them.

Importing the package registers its claims and readings with
:func:`imbdiff.claims.register_paper`.
"""

from ..claims import register_paper
from ._analysis import synthetic_region_types, synthetic_type_shares, training_split
from ._claims import CLAIMS
from ._grids import lreddpm_grid, LREDDPM_GRIDS, LREDDPM_METHODS
from ._readings import HEADLINE_CLAIMS, reading_cells, READINGS
from ._scorecard import lreddpm_scorecard
from . import (
    auc,
    datasets,
    ddpm,
    ddpm_region,
    distances,
    f1_gmean,
    guidance,
    guided_sampling,
    readings,
    region_variants,
    regions,
    scorecard,
    synthetic_types,
    tau,
    tsne,
)

#: Each chapter of ``notebooks/lreddpm/`` -> the module of this package that
#: holds every table and figure it shows.
CHAPTERS = {
    "01_datasets": datasets,
    "02_regions": regions,
    "03_ddpm": ddpm,
    "04_guided_sampling": guided_sampling,
    "05_distances": distances,
    "06_auc": auc,
    "07_f1_gmean": f1_gmean,
    "08_tsne": tsne,
    "09_guidance": guidance,
    "10_regions": region_variants,
    "11_tau": tau,
    "12_ddpm_region": ddpm_region,
    "13_synthetic_types": synthetic_types,
    "14_readings": readings,
    "15_scorecard": scorecard,
}

register_paper("lreddpm", claims=CLAIMS, readings=READINGS, reading_cells=reading_cells,
               headline=HEADLINE_CLAIMS)

__all__ = [
    "CLAIMS",
    "READINGS",
    "LREDDPM_GRIDS",
    "LREDDPM_METHODS",
    "lreddpm_grid",
    "training_split",
    "synthetic_type_shares",
    "synthetic_region_types",
    "lreddpm_scorecard",
    "CHAPTERS",
    "auc",
    "datasets",
    "ddpm",
    "ddpm_region",
    "distances",
    "f1_gmean",
    "guidance",
    "guided_sampling",
    "readings",
    "region_variants",
    "regions",
    "scorecard",
    "synthetic_types",
    "tau",
    "tsne",
]
