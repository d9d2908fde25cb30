"""The tables and figures of chapter ``lreddpm/01_datasets``.

Table 1: the ten datasets.

Every name the chapter takes from its package, beyond the package's entry points,
is here. They are built in ``_datasets``.
"""

from ._datasets import (
    dataset_counts,
    dataset_table,
    dataset_verdict_table,
    dataset_verdicts,
)

__all__ = [
    "dataset_counts",
    "dataset_table",
    "dataset_verdict_table",
    "dataset_verdicts",
]
