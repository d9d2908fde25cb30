"""Every claim of a paper checked on one run: what the scorecard and the intro show."""

from __future__ import annotations

import pandas as pd

from ._analysis import synthetic_type_shares
from ._grids import LREDDPM_GRIDS, lreddpm_grid
from ..experiments import run

__all__ = ["lreddpm_scores", "lreddpm_scorecard"]


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
