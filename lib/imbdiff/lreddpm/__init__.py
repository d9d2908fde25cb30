"""LReDDPM (Yang, Zeng & Duan, JAIR 2026): its grids, claims, readings, scorecard,
tables and figures, one module per group of chapters.

=========================================  =====================================
chapter (``notebooks/lreddpm/``)           module
=========================================  =====================================
01_datasets, 02_regions                    ``_datasets`` (Table 1, Figure 2)
03_ddpm, 04_guided_sampling, 12, 13        ``_sampling`` (where generated rows fall)
05_distances                               ``_distances`` (Tables 13-14)
06_auc, 07_f1_gmean                        ``_scores`` (Tables 3-5), ``_protocol``
08_tsne                                    ``_tsne`` (Figures 4 and 6)
09_guidance, 11_tau                        ``_guidance`` (Tables 6, 8, 9, 15)
10_regions                                 ``_region_variants`` (Tables 7, 10, 12)
14_readings                                ``_readings``
15_scorecard                               ``_scorecard``
every chapter                              ``_grids`` (the cells), ``_claims``
=========================================  =====================================

Importing the package registers its claims and readings with
:func:`imbdiff.claims.register_paper`.
"""

from ..claims import register_paper
from ._analysis import synthetic_region_types, synthetic_type_shares, training_split
from ._claims import CLAIMS
from ._grids import (
    GUIDANCE_VARIANTS,
    LREDDPM_GRIDS,
    LREDDPM_METHODS,
    MAIN_RUNS,
    REGION_VARIANTS,
    TAU_VARIANTS,
    lreddpm_grid,
)
from ._protocol import (
    CONTROL_DATASETS,
    GAP_DATASETS,
    PROTOCOL_VARIANTS,
    ProtocolVariant,
    probe_protocol,
    probe_verdicts,
    summarise_probe,
)
from ._readings import (
    EMPTY_REGION_CHOICES,
    HEADLINE_CLAIMS,
    MINORITY_BASELINES,
    READINGS,
    minority_region_counts,
    reading_cells,
)
from ._scorecard import lreddpm_scorecard, lreddpm_scores
from ._tsne import REAL_MINORITY, TSNE_MEASURES, tsne_layout, tsne_layouts, tsne_measures, tsne_statements
from ._common import REGION_COLOURS, lookup, marker, marker_tally
from ._datasets import dataset_counts, minority_type_shares, share_bars, share_verdicts
from ._distances import (
    distance_readings,
    paired_ranks,
    rank_dots,
    rank_statements,
    reading_agreement,
    reading_diagnostics,
    synthcity_js,
)
from ._guidance import (
    above_markers,
    beaten_count,
    gap_bars,
    reference_gaps,
    row_shift,
    tau_marker_table,
    tau_row_shifts,
    tau_shift_statement,
    trade_table,
)
from ._region_variants import (
    REGION_METRICS,
    borderline_comparison,
    gmean_reading_check,
    region_bars,
    region_count_table,
    region_variant_table,
)
from ._sampling import (
    compactness,
    compactness_table,
    gain_by_region_size,
    guiding_region_sizes,
    modal_type_misses,
    projection_panels,
    type_bars,
    type_panels,
    type_share_tables,
)
from ._scores import (
    difference_heatmaps,
    difference_statement,
    gmean_bars,
    gmean_form_summary,
    paper_differences,
)


register_paper("lreddpm", claims=CLAIMS, readings=READINGS, reading_cells=reading_cells,
               headline=HEADLINE_CLAIMS)

__all__ = [
    "CLAIMS",
    "EMPTY_REGION_CHOICES",
    "HEADLINE_CLAIMS",
    "MINORITY_BASELINES",
    "READINGS",
    "GUIDANCE_VARIANTS",
    "LREDDPM_GRIDS",
    "LREDDPM_METHODS",
    "MAIN_RUNS",
    "REGION_VARIANTS",
    "TAU_VARIANTS",
    "lreddpm_grid",
    "minority_region_counts",
    "lreddpm_scorecard",
    "lreddpm_scores",
    "synthetic_region_types",
    "synthetic_type_shares",
    "training_split",
    "CONTROL_DATASETS",
    "GAP_DATASETS",
    "PROTOCOL_VARIANTS",
    "ProtocolVariant",
    "probe_protocol",
    "probe_verdicts",
    "summarise_probe",
    "REAL_MINORITY",
    "TSNE_MEASURES",
    "tsne_layout",
    "tsne_layouts",
    "tsne_measures",
    "tsne_statements",
    "REGION_METRICS",
    "borderline_comparison",
    "gmean_reading_check",
    "lookup",
    "marker",
    "marker_tally",
    "region_bars",
    "region_count_table",
    "region_variant_table",
    "row_shift",
    "tau_marker_table",
    "tau_row_shifts",
    "trade_table",
    "above_markers",
    "compactness",
    "compactness_table",
    "guiding_region_sizes",
    "synthcity_js",
    "distance_readings",
    "reading_agreement",
    "reading_diagnostics",
    "paired_ranks",
    "rank_dots",
    "rank_statements",
    "REGION_COLOURS",
    "type_share_tables",
    "type_bars",
    "type_panels",
    "modal_type_misses",
    "minority_type_shares",
    "share_bars",
    "share_verdicts",
    "paper_differences",
    "difference_heatmaps",
    "difference_statement",
    "gmean_form_summary",
    "gmean_bars",
    "reference_gaps",
    "gap_bars",
    "beaten_count",
    "dataset_counts",
    "projection_panels",
    "tau_shift_statement",
    "gain_by_region_size",
]
