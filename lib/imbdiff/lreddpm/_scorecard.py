"""Every claim of a paper checked on one run: what the scorecard and the intro show."""

from __future__ import annotations

import pandas as pd

from ._analysis import synthetic_type_shares, training_split
from ._grids import LREDDPM_GRIDS, lreddpm_grid
from ..report import titled
from ..experiments import run
from ..report import finished

__all__ = ["lreddpm_scores", "lreddpm_scorecard", "paper_unsupported", "scorecard_tally",
           "test_minority_counts"]


def lreddpm_scores(profile, datasets=None, *, seed=0, splits=None, device="auto", n_jobs=1, backend=None, cache=None):
    """Run (or read from the cache) every LReDDPM grid and return its scores per split.

    Returns
    -------
    scores : DataFrame
        ``method, dataset, metric, split, mean`` (plus ``std``, ``guiding``): the
        classifier scores, the distances (JS, WD, MMD) and Figure 5's type shares,
        as :func:`imbdiff.claims.check` reads them.
    results : Results
    """
    options = {"n_jobs": n_jobs, "backend": backend, "cache": cache, "progress": False}
    grids = {
        name: lreddpm_grid(name, profile, datasets, seed=seed, splits=splits, device=device)
        for name in LREDDPM_GRIDS
    }
    results = run([c for cells in grids.values() for c in cells], **options)
    # Figure 5's shares type the rows the main grid's LReDDPM generated (stored per cell)
    shares = synthetic_type_shares(grids["main"], **options)
    parts = [results.per_split(), results.distances(per_split=True), shares]
    return pd.concat(parts, ignore_index=True), results


def lreddpm_scorecard(profile, datasets=None, **options):
    """Every LReDDPM claim's verdict on the run :func:`lreddpm_scores` gives.

    Returns
    -------
    DataFrame
        :func:`imbdiff.claims.check`'s table.
    """
    from .. import claims

    scores, _ = lreddpm_scores(profile, datasets, **options)
    return claims.check(scores)


def scorecard_tally(verdicts: pd.DataFrame, *, profile):
    """The tally of the verdicts as bars (:func:`imbdiff.report.tally_bars`), titled
    with the profile that computed them.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ..report import tally_bars

    fig = tally_bars(verdicts).figure
    titled(fig, "Verdicts of LReDDPM's claims", profile)
    fig.tight_layout()
    return fig


def paper_unsupported(verdicts: pd.DataFrame, *, profile):
    """The claims the paper's own numbers do not support under our test: those whose
    paper verdict is neither "holds" nor "not printed".

    Parameters
    ----------
    verdicts : DataFrame
        :func:`imbdiff.claims.check`'s table.
    profile : Profile or str
        The profile whose datasets the paper's numbers were checked on.

    Returns
    -------
    pandas Styler
        ``key, paper, paper_verdict``, one row per such claim.
    """
    missing = {"key", "paper", "paper_verdict"} - set(verdicts.columns)
    if missing:
        raise ValueError(f"the verdicts lack the columns {sorted(missing)}")
    unsupported = ~verdicts["paper_verdict"].str.startswith(("holds", "not printed"))
    return finished(verdicts.loc[unsupported, ["key", "paper", "paper_verdict"]],
                    "Claims the paper's own numbers do not support under the same test",
                    profile=profile)


def test_minority_counts(profile, results, *, seed=0):
    """How many minority rows the test part of each dataset's first split holds, for
    the datasets whose unresampled cell ran.

    Parameters
    ----------
    profile : Profile
    results : Results
        :func:`lreddpm_scores`' results.
    seed : int, default=0
        The seed of the first split.

    Returns
    -------
    pandas Styler
        One row, one column per dataset.
    """
    counts = {}
    for cell in lreddpm_grid("main", profile, seed=seed):
        if cell.method != "Original" or cell.dataset in counts:
            continue
        if results.get(cell.dataset, "Original").ok:
            _, _, _, y_test, _ = training_split(cell)
            counts[cell.dataset] = int(y_test.sum())
    table = pd.Series(counts, name="minority rows in the test part", dtype=int).to_frame().T
    return finished(table, "Minority rows in the test part of each dataset's first split",
                    profile=profile)
