"""The verdicts the chapters keep for the summaries: :func:`record`, :func:`recorded`,
and the readings chapters' :func:`record_readings`, :func:`recorded_readings`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ._check import _COLUMNS, rejoin
from ._papers import check_paper, paper_study
from ._rules import PAPERS, VERDICTS

#: The profile of a record that does not say which.
UNSPECIFIED = "unspecified"


def record(verdicts: pd.DataFrame, chapter: str, *, profile=None, folder=None):
    """Keep a chapter's verdicts beside the experiment cache, for the summaries.

    The scorecards and the front page tally what the chapters of this build found
    (:func:`recorded`) instead of recomputing every chapter's measures. Records are
    kept per profile, so a smoke run never replaces a default run's record. The file
    is written atomically; a later run of the chapter on the same profile replaces it.

    Parameters
    ----------
    verdicts : DataFrame
        :func:`check`'s table for the chapter.
    chapter : str
        ``"isodf_enn/05_comparison"``, ...
    profile : str, optional
        The profile the verdicts were computed on (``settings.name``).
    folder : path-like, optional
        Default: ``verdicts/`` in :func:`imbdiff.experiments.cache_dir`.
    """
    from .._validation import write_atomically

    if "verdict" not in verdicts or "key" not in verdicts:
        raise ValueError("record() takes the table claims.check returns (with 'key' and 'verdict')")
    profile = profile or UNSPECIFIED
    path = _records(folder) / profile / (chapter.replace("/", "__") + ".csv")
    path.parent.mkdir(parents=True, exist_ok=True)
    table = verdicts.assign(recorded_by=chapter, profile=profile)
    write_atomically(path, table.to_csv(index=False))


def recorded(paper=None, *, profile=None, folder=None) -> pd.DataFrame:
    """Every verdict the chapters of this build recorded on one profile (:func:`record`).

    Parameters
    ----------
    paper : {"lreddpm", "isodf_enn"}, optional
        Only that paper's claims.
    profile : str, optional
        Whose records; default: every profile, the latest record of a claim winning
        (use it only when one profile has run).

    Returns
    -------
    DataFrame
        :func:`check`'s columns plus ``study`` (``"lreddpm"`` or ``"isodf_enn"``),
        ``recorded_by`` and ``profile``; one row per claim. Empty when no chapter has
        run yet on that profile.
    """
    root = _records(folder)
    pattern = f"{profile}/*.csv" if profile else "*/*.csv"
    tables = []
    for path in sorted(root.glob(pattern), key=lambda p: p.stat().st_mtime):
        try:
            table = pd.read_csv(path)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError):
            continue  # a damaged record is ignored; its chapter's next run rewrites it
        if {"key", "verdict"} <= set(table.columns):
            tables.append(table)
    columns = [*_COLUMNS, "study", "recorded_by", "profile"]
    if not tables:
        return pd.DataFrame(columns=columns)
    table = pd.concat(tables, ignore_index=True).drop_duplicates("key", keep="last")
    studies = {c.key: paper for paper in PAPERS for c in paper_study(paper).claims}
    table["study"] = table["key"].map(studies)
    table = table[table["study"].notna()]  # a claim no longer declared is dropped
    if paper is not None:
        table = table[table["study"] == paper]
    return table.reset_index(drop=True)


def scorecard(paper, *, profile=None, folder=None) -> pd.DataFrame:
    """Every claim of ``paper`` as the chapters of this build recorded it on ``profile``,
    with Holm's correction run once over the whole family (:func:`rejoin`).

    Claims no chapter recorded are listed as "not run", in the order they are declared.
    """
    declared = paper_study(paper).claims
    found = rejoin(recorded(paper, profile=profile, folder=folder), paper)
    missing = [c for c in declared if c.key not in set(found["key"])]
    placeholders = pd.DataFrame({
        "key": [c.key for c in missing], "where": [c.where for c in missing],
        "quote": [c.quote for c in missing], "claim": [c.text for c in missing],
        "chapter": [c.chapter for c in missing], "tally": [c.tally for c in missing],
        "paper": "", "paper_verdict": "", "ours": "n/a", "unit": "", "test": "", "null": "",
        "verdict": "not run", "note": "no chapter recorded this claim on this profile"})
    table = pd.concat([found, placeholders], ignore_index=True) if missing else found
    order = {c.key: i for i, c in enumerate(declared)}
    return table.sort_values("key", key=lambda k: k.map(order)).reset_index(drop=True)


def record_readings(table: pd.DataFrame, paper: str, *, profile=None, folder=None):
    """Keep a readings chapter's verdicts for its paper's scorecard.

    Parameters
    ----------
    table : DataFrame
        :func:`imbdiff.claims.verdicts_across_readings`'s table (several
        concatenated, when a chapter runs readings on different datasets).
    paper : {"lreddpm", "isodf_enn"}
    profile, folder
        As :func:`record`.
    """
    from .._validation import write_atomically

    if not {"reading", "choice", "default", "key", "verdict"} <= set(table.columns):
        raise ValueError("record_readings() takes the table experiments.verdicts_across_readings returns")
    path = _readings_path(paper, profile, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, table.to_csv(index=False))


def recorded_readings(paper: str, *, profile=None, folder=None) -> pd.DataFrame:
    """The readings verdicts :func:`record_readings` kept for ``paper`` on ``profile``.

    Returns
    -------
    DataFrame
        As recorded; empty (with the columns of the record) when the paper's readings
        chapter has not run on that profile in this build, or its record is damaged.
    """
    try:
        return pd.read_csv(_readings_path(paper, profile, folder))
    except (FileNotFoundError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError):
        columns = ["reading", "choice", "default", "key", "claim", "verdict", "estimate", "ci_low", "ci_high"]
        return pd.DataFrame(columns=columns)


def _readings_path(paper, profile, folder):
    check_paper(paper)
    # a subfolder, so that recorded() never mistakes it for a chapter's verdicts
    return _records(folder) / (profile or UNSPECIFIED) / "readings" / f"{paper}.csv"


def _records(folder):
    if folder is not None:
        return Path(folder)
    from ..experiments import cache_dir

    return cache_dir() / "verdicts"


def tally(verdicts: pd.DataFrame) -> pd.Series:
    """Number of tallied claims per verdict, in the order of :data:`VERDICTS`.

    Claims with ``tally`` False (design statements, mathematics) are not counted.
    """
    unknown = set(verdicts["verdict"]) - set(VERDICTS)
    if unknown:
        raise ValueError(f"unknown verdicts {sorted(unknown)}; known: {list(VERDICTS)}")
    if "tally" in verdicts.columns:
        verdicts = verdicts[verdicts["tally"].astype(str).str.lower() != "false"]
    return verdicts["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)
