"""The tables and figures of chapter ``lreddpm/06_auc``.

Section 4.2, Tables 3, 4 and Appendix C Table 13: AUC of a decision tree and of logistic
regression.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_auc_tables``, ``_generated_rows``, ``_protocol``,
``_scores``.
"""

from ._auc_tables import (
    abalone17_exception,
    auc_claim_margins,
    original_gap,
    paper_auc_margins,
    probe_findings,
    probe_table,
    probe_verdict_table,
    seed_spread_table,
    table13_checks,
    TABLE13_STATEMENTS,
    table13_table,
)
from ._generated_rows import asked_rows_table
from ._protocol import (
    CONTROL_DATASETS,
    GAP_DATASETS,
    probe_protocol,
    probe_verdicts,
    PROTOCOL_VARIANTS,
    summarise_probe,
)
from ._scores import (
    difference_heatmaps,
    difference_statements,
    holding_share,
    paper_differences,
    score_comparison,
    score_spread_table,
    score_table,
    statements_table,
)

__all__ = [
    "abalone17_exception",
    "asked_rows_table",
    "auc_claim_margins",
    "CONTROL_DATASETS",
    "difference_heatmaps",
    "difference_statements",
    "GAP_DATASETS",
    "holding_share",
    "original_gap",
    "paper_auc_margins",
    "paper_differences",
    "probe_findings",
    "probe_protocol",
    "probe_table",
    "probe_verdict_table",
    "probe_verdicts",
    "PROTOCOL_VARIANTS",
    "score_comparison",
    "score_spread_table",
    "score_table",
    "seed_spread_table",
    "statements_table",
    "summarise_probe",
    "table13_checks",
    "TABLE13_STATEMENTS",
    "table13_table",
]
