"""The papers' published numbers, transcribed once into package data.

Each table is a CSV in ``imbdiff/data/paper/`` named ``<paper>_table<NN>.csv``, in long
format with the columns ``method, dataset, metric, mean, std``: values as printed (percent
scale where the paper prints percentages), ``std`` empty where none is printed and
``method`` empty for tables that describe the data rather than a method (Tables 1 and 12).
Method and dataset names are the paper's own (``LReDDPM``, ``BorderlineSMOTE``, ...;
``segment0``, ``page0``, ``crg``, ``abalone17``, ...).
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

__all__ = ["PAPERS", "available", "table"]

PAPERS = ("lreddpm", "isodf_enn")
COLUMNS = ["method", "dataset", "metric", "mean", "std"]


def _folder():
    return resources.files("imbdiff") / "data" / "paper"


def available(paper: str) -> list[int]:
    """Return the numbers of the tables transcribed for ``paper``."""
    _check_paper(paper)
    prefix = f"{paper}_table"
    return sorted(
        int(entry.name[len(prefix) : -len(".csv")])
        for entry in _folder().iterdir()
        if entry.name.startswith(prefix) and entry.name.endswith(".csv")
    )


def table(paper: str, number: int) -> pd.DataFrame:
    """Return Table ``number`` of ``paper`` as printed.

    Parameters
    ----------
    paper : {"lreddpm", "isodf_enn"}
        LReDDPM (Yang, Zeng & Duan, JAIR 2026) or ISODF-ENN (JIFS 2024).
    number : int
        The table's number in the paper.

    Returns
    -------
    pandas.DataFrame
        Columns ``method, dataset, metric, mean, std``; a fresh copy on every call.

    Raises
    ------
    ValueError
        If the paper is unknown or the table has not been transcribed; the message lists
        the tables that have.
    """
    _check_paper(paper)
    path = _folder() / f"{paper}_table{int(number):02d}.csv"
    if not path.is_file():
        raise ValueError(
            f"Table {number} of {paper!r} is not transcribed; available: {available(paper)}"
        )
    with path.open() as stream:
        frame = pd.read_csv(stream, dtype={"method": "string", "dataset": "string"})
    return frame[COLUMNS]


def _check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; choose one of {list(PAPERS)}")
