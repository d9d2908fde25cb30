"""The side-by-side chapter's finished tables and figure, one call each.

Every function takes what the chapter computed (the grid, the results, the score
tables, the rank tests, the recommendation) and returns the table as the chapter
shows it: formatted, the best values marked where there is a best, captioned with
what it shows and the profile that computed it (:func:`imbdiff.report.finished`).
"""

from __future__ import annotations

import pandas as pd

from .. import profiles, report
from ..datasets import resolve_name
from ..experiments._grid import dataset_names
from ._rank_tests import complete_block, statistics_summary
from ._side_by_side import BEYOND_DATASETS, _labels, dataset_table

__all__ = [
    "counts_table",
    "critical_difference_figure",
    "dataset_overview",
    "describe_grid",
    "failures_table",
    "protocol_text",
    "rank_block_text",
    "recommendation_table",
    "scores_table",
    "seconds_table",
    "statistics_table",
    "wilcoxon_table",
]

#: The Friedman statistics of :func:`statistics_table`, shown to 3 significant digits.
STATISTICS = ["chi2_F", "p", "F_F", "p (F_F)", "CD", "best rank"]


def _measure_label(measure):
    # "G-mean-TPR-TNR_DT" -> "G-mean_DT": the chapter says once which G-mean it is.
    return measure.replace("G-mean-TPR-TNR", "G-mean")


def _profile(profile):
    return profiles.get(profile) if isinstance(profile, str) else profile


def _check_alpha(alpha):
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie in (0, 1); got {alpha!r}")


def protocol_text(profile) -> str:
    """The side-by-side protocol of ``profile`` in words, for example
    ``"1 repetition of 5-fold cross-validation"``.

    Parameters
    ----------
    profile : Profile or str
    """
    chosen = _profile(profile)
    times = "repetition" if chosen.beyond_splits == 1 else "repetitions"
    return f"{chosen.beyond_splits} {times} of {chosen.cv_folds}-fold cross-validation"


def describe_grid(cells, profile) -> str:
    """One line saying what the grid holds: datasets x methods x folds x repetitions,
    and the budgets of the deep samplers.

    Parameters
    ----------
    cells : list of Experiment
        :func:`beyond_grid`'s cells.
    profile : Profile
        The profile they were built from.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``cells`` is empty.
    """
    if not cells:
        raise ValueError("the grid holds no cell: nothing to describe")
    names = list(dict.fromkeys(cell.dataset for cell in cells))
    labels = list(dict.fromkeys(cell.name for cell in cells))
    return (
        f"profile {profile.name!r}: {len(names)} datasets x {len(labels)} methods x "
        f"{profile.cv_folds} folds x {profile.beyond_splits} repetition(s) = "
        f"{len(cells)} cells; T = {profile.timesteps}, {profile.train_steps} DDPM steps, "
        f"{profile.gan_epochs} GAN epochs"
    )


def dataset_overview(profile, names=None):
    """Every dataset of the side-by-side study with its kind and LReDDPM's guiding
    region, this run's marked.

    Parameters
    ----------
    profile : Profile
        Names the run's datasets (``beyond_datasets``) and the caption's profile.
    names : sequence of str, optional
        This run's datasets; default ``profile.beyond_datasets``.

    Returns
    -------
    pandas.io.formats.style.Styler
        :func:`dataset_table` of :data:`BEYOND_DATASETS` and this run's datasets,
        with a first column ``this run``; counts without decimals, the IR with two.

    Raises
    ------
    ValueError
        An unknown dataset name.
    """
    chosen = dataset_names(names, profile.beyond_datasets)
    for name in chosen:
        resolve_name(name)  # an unknown name fails before any dataset is loaded
    table = dataset_table(list(dict.fromkeys(BEYOND_DATASETS + tuple(chosen))))
    table.insert(0, "this run", table.index.isin(chosen))
    counts = {column: "{:.0f}" for column in ("rows", "features", "nominal", "minority")}
    return report.finished(
        table,
        "Rows, features (nominal among them), minority rows, IR, kind, the paper(s) "
        "using each dataset, and LReDDPM's guiding region",
        profile=profile, formats={**counts, "IR": "{:.2f}"},
    )


def failures_table(results, profile):
    """The cells without a result: per dataset, method and first line of the error,
    how many folds failed so.

    Parameters
    ----------
    results : Results
    profile : Profile or str

    Returns
    -------
    pandas.io.formats.style.Styler
        Empty (its caption says every cell ran) when nothing failed.
    """
    failed = results.errors(short=True, grouped=True).rename(columns={"experiments": "folds"})
    caption = ("Cells without a result: folds failed per dataset, method and error"
               if len(failed) else "Every cell ran: no fold without a result")
    return report.finished(failed.set_index(["dataset", "method", "error"]), caption,
                           profile=profile)


def counts_table(results, profile, methods=None):
    """Minority rows each method adds (net of any ENN removed) and majority rows it
    removes, mean per training fold.

    Parameters
    ----------
    results : Results
    profile : Profile or str
    methods : sequence of str, optional
        Labels of :data:`BEYOND_METHODS`, in the column order (default all ten).

    Returns
    -------
    pandas.io.formats.style.Styler
        Datasets down, ``(method, "generated" | "removed")`` across, one decimal.
    """
    summary = results.summary()
    counts = summary.groupby(["dataset", "method"], sort=False)[["generated", "removed"]]
    shown = counts.mean().round(1).unstack("method").swaplevel(axis=1).sort_index(axis=1)
    shown = shown.reindex(columns=list(_labels(methods)), level=0)
    return report.finished(
        shown, "Minority rows added (net) and majority rows removed, mean per training fold",
        profile=profile, digits=1,
    )


def scores_table(table, measure, profile):
    """One measure's datasets x methods scores, each dataset's best in bold.

    Parameters
    ----------
    table : DataFrame
        :func:`score_table` of ``measure`` (percent).
    measure : str
        Its name, ``metric_classifier`` (``"AUC_DT"``).
    profile : Profile or str

    Returns
    -------
    pandas.io.formats.style.Styler
        Two decimals; the highest score of each row in bold (ties all bold).
    """
    return report.finished(table, f"{_measure_label(measure)} (%), mean over the folds",
                           profile=profile, digits=2, best="row")


def rank_block_text(table) -> str:
    """What :func:`complete_block` keeps of ``table`` for the rank tests, and what it
    leaves out.

    Parameters
    ----------
    table : DataFrame
        Datasets x methods (:func:`score_table`).

    Returns
    -------
    str
    """
    kept = complete_block(table)
    datasets = sorted(set(table.index) - set(kept.index))
    methods = [m for m in table.columns if m not in kept.columns]
    return (f"in the rank tests: {kept.shape[0]} datasets x {kept.shape[1]} methods; "
            f"left out: datasets {datasets}, methods {methods}")


def statistics_table(tests, profile, *, alpha=0.05):
    """:func:`statistics_summary` of the rank tests, statistics to 3 significant digits.

    Parameters
    ----------
    tests : dict of str -> RankTests
        Measure -> :func:`rank_tests` of its table (may be empty).
    profile : Profile or str
    alpha : float, default=0.05

    Returns
    -------
    pandas.io.formats.style.Styler
        One row per classifier and metric; empty, with a caption saying so, when no
        test ran.

    Raises
    ------
    ValueError
        If ``alpha`` is not in (0, 1).
    """
    _check_alpha(alpha)
    if not tests:
        return report.finished(pd.DataFrame(), "No rank tests: they need 3 methods and "
                               "2 datasets with every result", profile=profile)
    overview = statistics_summary(tests, alpha=alpha)
    return report.finished(
        overview, f"Rank tests per classifier and metric at alpha = {alpha}", profile=profile,
        formats={column: "{:.3g}" for column in STATISTICS},
    )


def wilcoxon_table(test, measure, profile):
    """The best-ranked method of one measure against every other by Wilcoxon-Holm.

    Parameters
    ----------
    test : RankTests
        :func:`rank_tests` of ``measure``'s table.
    measure : str
    profile : Profile or str

    Returns
    -------
    pandas.io.formats.style.Styler
        The raw and Holm-corrected p-values and the median difference, three decimals.
    """
    return report.finished(test.wilcoxon,
                           f"{_measure_label(measure)}: {test.best} against each",
                           profile=profile, digits=3)


def recommendation_table(advice, profile):
    """:func:`recommendations` as a table: per kind of data, the best method's average
    rank, the runner-up, the gap, the critical difference and the verdict.

    Parameters
    ----------
    advice : DataFrame
        :func:`recommendations`' output.
    profile : Profile or str

    Returns
    -------
    pandas.io.formats.style.Styler
        Ranks, gap and CD to two decimals ("n/a" for a kind with under two datasets).

    Raises
    ------
    ValueError
        If ``advice`` lacks a column of :func:`recommendations`' output.
    """
    missing = [c for c in ("datasets", "best", "best rank", "gap", "CD", "verdict")
               if c not in advice.columns]
    if missing:
        raise ValueError(f"advice must be recommendations' table; it lacks {missing}")
    return report.finished(
        advice, "Per kind of data: average rank over its datasets and the six measures",
        profile=profile, formats={column: "{:.2f}" for column in ("best rank", "gap", "CD")},
    )


def seconds_table(results, profile, methods=None):
    """Resampling seconds per cell of each method: mean, largest and total of the run.

    Parameters
    ----------
    results : Results
    profile : Profile or str
    methods : sequence of str, optional
        Labels of :data:`BEYOND_METHODS`, in the row order (default all ten).

    Returns
    -------
    pandas.io.formats.style.Styler
        One decimal.
    """
    seconds = results.summary().groupby("method", sort=False)["seconds"]
    table = seconds.agg(["mean", "max", "sum"]).reindex(list(_labels(methods)))
    return report.finished(
        table, "Resampling seconds per cell: mean, largest, and the total of this run",
        profile=profile, digits=1,
    )


def critical_difference_figure(tests, profile, *, alpha=0.05):
    """Demšar's critical-difference diagram of every measure's rank tests, one panel
    each, the profile in the title.

    Parameters
    ----------
    tests : dict of str -> RankTests
        Measure -> :func:`rank_tests` of its table.
    profile : Profile or str
    alpha : float, default=0.05
        Methods whose Nemenyi p-value is at least ``alpha`` are joined by a bar.

    Returns
    -------
    matplotlib.figure.Figure
        A note instead of panels when ``tests`` is empty.

    Raises
    ------
    ValueError
        If ``alpha`` is not in (0, 1).
    """
    import matplotlib.pyplot as plt

    from .. import stats

    _check_alpha(alpha)
    if not tests:
        fig, ax = plt.subplots(figsize=(8, 0.8))
        ax.text(0.5, 0.5, "no rank tests: nothing to draw", ha="center", va="center")
        ax.axis("off")
        return fig
    fig, axes = plt.subplots(len(tests), 1, figsize=(8, 2.4 * len(tests)), squeeze=False)
    for ax, (measure, test) in zip(axes[:, 0], tests.items()):
        stats.critical_difference_diagram(test.average_ranks, test.nemenyi, alpha=alpha, ax=ax)
        ax.set_title(f"{_measure_label(measure)} (N = {test.friedman.n_datasets}, "
                     f"CD = {test.cd:.2f})", fontsize=9)
    report.titled(fig, "Critical differences", profile)
    fig.tight_layout()
    return fig
