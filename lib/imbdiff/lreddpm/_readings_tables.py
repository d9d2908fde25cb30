"""Chapter 14: how the readings move the verdicts, as the chapter shows it.

The readings themselves (the choices where the paper is silent) are in
``_readings``; this module finishes the chapter's tables and its findings.
"""

from __future__ import annotations

import pandas as pd

from ..report import finished, readings_robustness
from ._grids import lreddpm_grid
from ._readings import minority_region_counts


def readings_robustness_table(robustness: pd.DataFrame, *, profile):
    """:func:`imbdiff.report.readings_robustness`' table: per claim, its verdict under
    the book's readings, whether every choice keeps it and the choices that move it.

    Parameters
    ----------
    robustness : DataFrame
        :func:`imbdiff.report.readings_robustness`.
    profile : Profile or str
        The profile the readings ran on.

    Returns
    -------
    pandas Styler
    """
    missing = {"key", "claim", "book's verdict", "robust", "moves under"} - set(robustness)
    if missing:
        raise ValueError(f"the robustness table lacks the columns {sorted(missing)}")
    styler = finished(robustness, "Which conclusions are robust: each claim's verdict under "
                      "the book's readings and the choices that move it", profile=profile,
                      hide_index=True)
    return styler.set_properties(**{"text-align": "left"})


def split_region_counts(profile, dataset):
    """How many minority training rows each region type holds, split by split: where
    the guiding region can be empty.

    Parameters
    ----------
    profile : Profile
        Its splits (and ``dataset`` among its datasets).
    dataset : str

    Returns
    -------
    pandas Styler
        Region types down, one column ``"split <seed>"`` per split.
    """
    cells = lreddpm_grid("main", profile, dataset)
    if not cells:
        raise ValueError(f"the profile {profile.name!r} has no cell on {dataset!r}")
    splits = list(dict.fromkeys(cell.split for cell in cells))
    counts = pd.DataFrame({f"split {split.seed}": minority_region_counts(dataset, split)
                           for split in splits})
    return finished(counts, "Minority training rows per region type, one column per split",
                    profile=profile)


def readings_measures(table: pd.DataFrame, empty: pd.DataFrame, *, datasets: int):
    """The chapter's findings as measures of :func:`imbdiff.report.what_we_found`.

    Parameters
    ----------
    table : DataFrame
        :func:`imbdiff.claims.verdicts_across_readings` of every reading but the empty
        region's.
    empty : DataFrame
        The same for the empty-region reading.
    datasets : int
        How many datasets the empty-region reading ran on.

    Returns
    -------
    list of tuple
        ``(label, ours)``: the claims robust to every reading, those that move and
        what moves them, and the claims the empty-region reading moves.
    """
    robustness = readings_robustness(table)
    moving = robustness[~robustness["robust"].astype(bool)]
    empty_moves = readings_robustness(empty)
    return [
        ("Headline claims with the same verdict under every choice of every reading",
         f"{int(robustness['robust'].sum())} of {len(robustness)}"),
        ("Claims that move, and what moves them",
         "; ".join(f"{c} ({m})" for c, m in zip(moving["claim"], moving["moves under"]))
         or "none"),
        (f"Claims whose verdict on the {datasets} datasets changes with what is done about "
         "an empty region",
         f"{int((~empty_moves['robust'].astype(bool)).sum())} of {len(empty_moves)}"),
    ]
