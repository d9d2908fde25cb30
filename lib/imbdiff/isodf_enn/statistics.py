"""The tables and figures of chapter ``isodf_enn/06_statistics``.

Figs. 8-9 and Table 7: average ranks and the Friedman test.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_comparison``, ``_statistics``.
"""

from ._comparison import control_comparison
from ._statistics import (
    average_ranks,
    control_table,
    friedman_tests,
    plot_average_ranks,
    plot_cd_diagrams,
    power_table,
    rank_table,
    table7,
)

__all__ = [
    "average_ranks",
    "control_comparison",
    "control_table",
    "friedman_tests",
    "plot_average_ranks",
    "plot_cd_diagrams",
    "power_table",
    "rank_table",
    "table7",
]
