"""The tables and figures of chapter ``isodf_enn/03_diffusion``.

Figs. 4-6: noising and denoising one sub-cluster.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_diffusion``.
"""

from ._diffusion import (
    closed_form,
    closed_form_table,
    diffusion_claim_measures,
    dropout_comparison,
    dropout_summary,
    dropout_summary_table,
    dropout_table,
    few_valued_table,
    plot_forward,
    plot_losses,
    plot_reverse_process,
    SnapshotRecorder,
)

__all__ = [
    "closed_form",
    "closed_form_table",
    "diffusion_claim_measures",
    "dropout_comparison",
    "dropout_summary",
    "dropout_summary_table",
    "dropout_table",
    "few_valued_table",
    "plot_forward",
    "plot_losses",
    "plot_reverse_process",
    "SnapshotRecorder",
]
