"""The tables and figures of chapter ``lreddpm/12_ddpm_region``.

Section 6 and Table 11: a DDPM trained on the regional rows alone.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_ddpm_region_tables``.
"""

from ._ddpm_region_tables import (
    compactness_table,
    ddpm_region_findings,
    ddpm_region_marker_table,
    ddpm_region_markers,
    further_statement_table,
    further_statements,
    gain_by_region_size,
    guiding_region_sizes,
    marker_agreement,
    marker_statements,
    region_compactness_table,
    region_size_table,
    table11_gmean_check,
    TABLE11_METHODS,
    TABLE11_METRICS,
    table11_table,
)

__all__ = [
    "compactness_table",
    "ddpm_region_findings",
    "ddpm_region_marker_table",
    "ddpm_region_markers",
    "further_statement_table",
    "further_statements",
    "gain_by_region_size",
    "guiding_region_sizes",
    "marker_agreement",
    "marker_statements",
    "region_compactness_table",
    "region_size_table",
    "table11_gmean_check",
    "TABLE11_METHODS",
    "TABLE11_METRICS",
    "table11_table",
]
