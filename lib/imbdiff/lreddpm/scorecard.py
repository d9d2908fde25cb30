"""The tables and figures of chapter ``lreddpm/15_scorecard``.

Scorecard: every claim of Sections 4-6, with our verdict.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_scorecard``, ``_variant_runs``.
"""

from ._scorecard import (
    lreddpm_scores,
    paper_unsupported,
    scorecard_tally,
    test_minority_counts,
)
from ._variant_runs import failed_cells

__all__ = [
    "failed_cells",
    "lreddpm_scores",
    "paper_unsupported",
    "scorecard_tally",
    "test_minority_counts",
]
