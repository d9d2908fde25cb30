"""The tables and figures of chapter ``lreddpm/08_tsne``.

Section 4.2, Figures 4 and 6: where the generated rows fall (t-SNE).

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_generated_rows``, ``_tsne``, ``_tsne_tables``.
"""

from ._generated_rows import generated_rows_table
from ._tsne import tsne_layout, tsne_layouts, tsne_measures, tsne_statements
from ._tsne_tables import (
    figure_datasets,
    tsne_averages_table,
    tsne_measures_table,
    tsne_options,
    tsne_statement_lines,
    tsne_statements_table,
)

__all__ = [
    "figure_datasets",
    "generated_rows_table",
    "tsne_averages_table",
    "tsne_layout",
    "tsne_layouts",
    "tsne_measures",
    "tsne_measures_table",
    "tsne_options",
    "tsne_statement_lines",
    "tsne_statements",
    "tsne_statements_table",
]
