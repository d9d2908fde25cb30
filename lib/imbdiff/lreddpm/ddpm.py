"""The tables and figures of chapter ``lreddpm/03_ddpm``.

Section 2.2: a denoising diffusion model for tabular rows.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_ddpm_tables``.
"""

from ._ddpm_tables import (
    ks_statistics,
    ks_table,
    loss_curve,
    marginal_histograms,
    noising_panels,
    rank_correlation_gaps,
    rank_gap_table,
    schedule_figure,
)

__all__ = [
    "ks_statistics",
    "ks_table",
    "loss_curve",
    "marginal_histograms",
    "noising_panels",
    "rank_correlation_gaps",
    "rank_gap_table",
    "schedule_figure",
]
