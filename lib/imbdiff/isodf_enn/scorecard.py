"""The tables and figures of chapter ``isodf_enn/09_scorecard``.

Scorecard: every claim of Sections 3-4, with our verdict.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_scorecard``.
"""

from ._scorecard import scorecard_tally

__all__ = [
    "scorecard_tally",
]
