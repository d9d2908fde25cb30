"""The tables and figures of chapter ``lreddpm/07_f1_gmean``.

Section 4.2, Table 5, Figure 3 and Appendix C Table 14: F1-score and G-mean.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_f1_gmean_tables``, ``_scores``.
"""

from ._f1_gmean_tables import (
    f1_claim_lines,
    f1_gain_lines,
    f1_gmean_verdict_table,
    f1_gmean_verdicts,
    F1_NAMED_DATASETS,
    gmean_closeness,
    gmean_evidence,
    gmean_evidence_line,
    gmean_evidence_table,
    gmean_rank_lines,
    paper_f1_leads,
    paper_segment0_f1,
    parkin_test_set,
    rebuilt_gmean_table,
    rebuilt_gmeans,
    segment0_checks,
    segment0_f1_gains,
    SEGMENT0_STATEMENTS,
    table14_table,
)
from ._scores import (
    difference_line,
    gmean_bars,
    gmean_form_summary,
    GMEAN_FORMS,
    score_comparison,
    score_spread_table,
    score_table,
    statements_table,
)

__all__ = [
    "difference_line",
    "f1_claim_lines",
    "f1_gain_lines",
    "f1_gmean_verdict_table",
    "f1_gmean_verdicts",
    "F1_NAMED_DATASETS",
    "gmean_bars",
    "gmean_closeness",
    "gmean_evidence",
    "gmean_evidence_line",
    "gmean_evidence_table",
    "gmean_form_summary",
    "GMEAN_FORMS",
    "gmean_rank_lines",
    "paper_f1_leads",
    "paper_segment0_f1",
    "parkin_test_set",
    "rebuilt_gmean_table",
    "rebuilt_gmeans",
    "score_comparison",
    "score_spread_table",
    "score_table",
    "segment0_checks",
    "segment0_f1_gains",
    "SEGMENT0_STATEMENTS",
    "statements_table",
    "table14_table",
]
