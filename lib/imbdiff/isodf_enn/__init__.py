"""ISODF-ENN (J. Intell. Fuzzy Syst., 2024): its grids, claims, readings, tables and
figures, one module per group of chapters.

=========================================  =====================================
chapter (``notebooks/isodf_enn/``)         module
=========================================  =====================================
01_datasets                                ``_datasets`` (Tables 1-2, the K chosen)
01_datasets, 02_isodata                    ``_clustering`` (silhouette, ISODATA)
02_isodata                                 ``_isodata_tables`` (starts, sweeps, k-means)
03_diffusion                               ``_diffusion`` (Figs. 4-6, dropout)
04_sensitivity                             ``_sensitivity`` (Tables 4-5)
05_comparison, 06_statistics               ``_comparison`` (Table 6, the control's tests)
06_statistics                              ``_statistics`` (Figs. 8-9, Table 7)
07_ablation                                ``_ablation`` (Figs. 10-11)
08_readings                                ``_readings``
09_scorecard                               ``_scorecard`` (the tally drawn)
every chapter                              ``_grids`` (the cells), ``_claims``
=========================================  =====================================

Importing the package registers its claims and readings with
:func:`imbdiff.claims.register_paper`.
"""

from ..claims import register_paper
from ._claims import CLAIMS
from ._grids import ISODF_ENN_GRIDS, ISODF_ENN_METHODS, ITERATION_VALUES, MUL_VALUES, isodf_enn_grid
from ._readings import HEADLINE_CLAIMS, READINGS, UNNAMED_STAND_INS, reading_cells
from ._datasets import (
    dataset_claim_measures,
    dataset_measures,
    granularity_table,
    overlap_granularity,
    overlap_readings_table,
    overlap_table,
    paper_quoted,
    quoted_table,
    silhouette_stability,
    stability_table,
    table1,
)
from ._clustering import (
    encode_minority,
    isodata_sweep,
    isodata_versus_kmeans,
    plot_partitions,
    plot_silhouette_curves,
)
from ._isodata_tables import (
    clusters_per_k_table,
    final_clusters,
    final_clusters_table,
    isodata_claim_measures,
    iterations_table,
    min_samples_table,
    plot_histories,
    split_merge_table,
    versus_table,
)
from ._diffusion import (
    NETWORK_MEASURES,
    SnapshotRecorder,
    closed_form,
    closed_form_table,
    denoising_losses,
    diffusion_claim_measures,
    dropout_comparison,
    dropout_networks,
    dropout_summary,
    dropout_summary_table,
    dropout_table,
    few_valued_table,
    fidelity_measures,
    plot_forward,
    plot_losses,
    plot_reverse_process,
)
from ._sensitivity import (
    DEFAULT_LABEL,
    ITERATION_LABELS,
    MUL_LABELS,
    SENSITIVITY_DEFAULT_DATASETS,
    SENSITIVITY_SETTINGS,
    identical_settings,
    identical_settings_table,
    noise_ranges,
    noise_table,
    plot_sensitivity,
    sensitivity_cells,
    sensitivity_datasets,
    sensitivity_noise,
    sensitivity_table,
    settings_clusters,
    settings_clusters_table,
)
from ._common import METRIC_LABELS
from ._comparison import (
    comparison_claim_measures,
    control_comparison,
    difficulty,
    difficulty_table,
    gap_table,
    gap_to_best_other,
    ir_gain_correlations,
    not_best,
    plot_method_scores,
    posthoc_power,
    resampling_counts,
    resampling_counts_table,
    resampling_seconds_table,
    scores_table,
    spread_table,
)
from ._statistics import (
    TABLE7_ROWS,
    average_ranks,
    control_table,
    friedman_tests,
    plot_average_ranks,
    plot_cd_diagrams,
    power_table,
    rank_table,
    table7,
)
from ._ablation import (
    ABLATION_COLOURS,
    ABLATION_COMPARISONS,
    ABLATION_ROWS,
    ablation_cells,
    effects_table,
    plot_ablation,
    stage_effects,
)
from ._scorecard import scorecard_tally

register_paper("isodf_enn", claims=CLAIMS, readings=READINGS, reading_cells=reading_cells,
               headline=HEADLINE_CLAIMS)

__all__ = [
    "ABLATION_COLOURS",
    "ABLATION_COMPARISONS",
    "ABLATION_ROWS",
    "CLAIMS",
    "DEFAULT_LABEL",
    "HEADLINE_CLAIMS",
    "READINGS",
    "UNNAMED_STAND_INS",
    "ISODF_ENN_GRIDS",
    "ISODF_ENN_METHODS",
    "ITERATION_LABELS",
    "ITERATION_VALUES",
    "METRIC_LABELS",
    "MUL_LABELS",
    "MUL_VALUES",
    "NETWORK_MEASURES",
    "SENSITIVITY_DEFAULT_DATASETS",
    "SENSITIVITY_SETTINGS",
    "SnapshotRecorder",
    "TABLE7_ROWS",
    "isodf_enn_grid",
    "ablation_cells",
    "average_ranks",
    "closed_form",
    "closed_form_table",
    "clusters_per_k_table",
    "comparison_claim_measures",
    "control_comparison",
    "control_table",
    "dataset_claim_measures",
    "dataset_measures",
    "granularity_table",
    "identical_settings",
    "identical_settings_table",
    "overlap_granularity",
    "overlap_readings_table",
    "overlap_table",
    "paper_quoted",
    "quoted_table",
    "rank_table",
    "resampling_counts",
    "resampling_counts_table",
    "resampling_seconds_table",
    "silhouette_stability",
    "stability_table",
    "table1",
    "table7",
    "denoising_losses",
    "difficulty",
    "difficulty_table",
    "diffusion_claim_measures",
    "dropout_comparison",
    "dropout_networks",
    "dropout_summary",
    "dropout_summary_table",
    "dropout_table",
    "effects_table",
    "encode_minority",
    "final_clusters",
    "final_clusters_table",
    "few_valued_table",
    "fidelity_measures",
    "friedman_tests",
    "gap_table",
    "gap_to_best_other",
    "isodata_sweep",
    "ir_gain_correlations",
    "isodata_claim_measures",
    "isodata_versus_kmeans",
    "iterations_table",
    "min_samples_table",
    "noise_ranges",
    "not_best",
    "noise_table",
    "plot_method_scores",
    "plot_forward",
    "plot_ablation",
    "plot_average_ranks",
    "plot_cd_diagrams",
    "plot_histories",
    "plot_losses",
    "plot_partitions",
    "plot_reverse_process",
    "plot_silhouette_curves",
    "posthoc_power",
    "power_table",
    "plot_sensitivity",
    "sensitivity_cells",
    "sensitivity_datasets",
    "sensitivity_noise",
    "sensitivity_table",
    "split_merge_table",
    "stage_effects",
    "spread_table",
    "scorecard_tally",
    "scores_table",
    "settings_clusters",
    "settings_clusters_table",
    "versus_table",
]
