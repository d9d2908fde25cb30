"""The tables and figures of chapter ``lreddpm/13_synthetic_types``.

Section 6, Figure 5: region types of the synthetic rows.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_synthetic_type_tables``.
"""

from ._synthetic_type_tables import (
    figure5_shares,
    figure5_table,
    finer_statement_table,
    finer_statements,
    kept_type_shares,
    kept_type_statements,
    kept_type_summary,
    kept_type_table,
    mostly_safe,
    synthetic_type_findings,
    type_bars,
    type_panels,
    type_share_tables,
    typed_row_table,
)

__all__ = [
    "figure5_shares",
    "figure5_table",
    "finer_statement_table",
    "finer_statements",
    "kept_type_shares",
    "kept_type_statements",
    "kept_type_summary",
    "kept_type_table",
    "mostly_safe",
    "synthetic_type_findings",
    "type_bars",
    "type_panels",
    "type_share_tables",
    "typed_row_table",
]
