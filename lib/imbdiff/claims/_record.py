"""The verdicts the chapters keep for the summaries: :func:`record`, :func:`recorded`."""

from __future__ import annotations

import pandas as pd

from ._check import _COLUMNS, CLAIMS
from ._isodf_enn import ISODF_ENN_CLAIMS
from ._rules import VERDICTS


def record(verdicts: pd.DataFrame, chapter: str, *, folder=None):
    """Keep a chapter's verdicts beside the experiment cache, for the summaries.

    The scorecards and the front page tally what the chapters of this build found
    (:func:`recorded`) instead of recomputing every chapter's measures. The file
    is written atomically; a later run of the chapter replaces it.

    Parameters
    ----------
    verdicts : DataFrame
        :func:`check`'s table for the chapter.
    chapter : str
        ``"isodf_enn/05_comparison"``, ...
    folder : path-like, optional
        Default: ``verdicts/`` in :func:`imbdiff.experiments.cache_dir`.
    """
    from .._validation import write_atomically

    if "verdict" not in verdicts or "key" not in verdicts:
        raise ValueError("record() takes the table claims.check returns (with 'key' and 'verdict')")
    path = _records(folder) / (chapter.replace("/", "__") + ".csv")
    write_atomically(path, verdicts.assign(recorded_by=chapter).to_csv(index=False))


def recorded(paper=None, *, folder=None) -> pd.DataFrame:
    """Every verdict the chapters of this build recorded (:func:`record`).

    Parameters
    ----------
    paper : {"lreddpm", "isodf_enn"}, optional
        Only that paper's claims.

    Returns
    -------
    DataFrame
        :func:`check`'s columns plus ``study`` (``"lreddpm"`` or ``"isodf_enn"``) and
        ``recorded_by``; one row per claim (the latest record of a claim wins). Empty
        when no chapter has run yet.
    """
    tables = []
    for path in sorted(_records(folder).glob("*.csv")):
        try:
            table = pd.read_csv(path)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError):
            continue  # a damaged record is ignored; its chapter's next run rewrites it
        if {"key", "verdict"} <= set(table.columns):
            tables.append(table)
    if not tables:
        return pd.DataFrame(columns=[*_COLUMNS, "study", "recorded_by"])
    table = pd.concat(tables, ignore_index=True).drop_duplicates("key", keep="last")
    table["study"] = table["key"].map({c.key: _study_of(c) for c in CLAIMS})
    if paper is not None:
        table = table[table["study"] == paper]
    return table.reset_index(drop=True)


def _records(folder):
    from pathlib import Path

    if folder is not None:
        return Path(folder)
    from ..experiments import cache_dir

    return cache_dir() / "verdicts"


def _study_of(claim) -> str:
    return "isodf_enn" if claim in ISODF_ENN_CLAIMS else "lreddpm"


def tally(verdicts: pd.DataFrame) -> pd.Series:
    """Number of claims per verdict, in the order of :data:`VERDICTS`."""
    unknown = set(verdicts["verdict"]) - set(VERDICTS)
    if unknown:
        raise ValueError(f"unknown verdicts {sorted(unknown)}; known: {list(VERDICTS)}")
    return verdicts["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)
