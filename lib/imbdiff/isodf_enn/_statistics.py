"""Chapter 06 of ISODF-ENN (Figs. 8-9, Table 7): the ranks per dataset, the average
ranks drawn, the Friedman test, ISODF-ENN against each rival and the power of the
post-hoc tests with this many datasets.
"""

from __future__ import annotations

import pandas as pd

from ..report import finished
from ..report import titled
from ._common import metric_label
from ._comparison import posthoc_power

#: Table 7's rows, in order.
TABLE7_ROWS = ["N (datasets)", "k (methods)", "chi2_F", "p (chi2)", "F_F (Iman-Davenport)",
               "p (F_F)", "CD (Nemenyi)"]


def rank_table(complete, metric, *, profile=None):
    """Each method's rank on each dataset (1 = best, ties averaged), and the average.

    Parameters
    ----------
    complete : DataFrame
        Mean scores, datasets x methods, every method scored on every dataset.
    metric : {"F1_DT", "AUC_DT"}
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        One decimal; each row shaded from green (best) to red; last row ``average``.
    """
    ranks = complete.rank(axis=1, ascending=False, method="average")
    ranks.loc["average"] = ranks.mean()
    styler = finished(ranks, f"Rank of each method on each dataset by "
                      f"{metric_label(metric)} (1 = best; last row: the average)",
                      profile=profile, digits=1)
    return styler.background_gradient(axis=1, cmap="RdYlGn_r")


def average_ranks(complete) -> dict:
    """Each metric's average ranks (:func:`imbdiff.stats.average_ranks`), for the
    metrics of ``complete`` (metric -> datasets x methods) scored on 2 datasets or more."""
    from .. import stats

    return {metric: stats.average_ranks(table) for metric, table in complete.items()
            if len(table) >= 2}


def plot_average_ranks(average, metric, n_datasets, *, control="ISODF-ENN", profile=None):
    """Fig. 8 (F-value) or 9 (AUC): the average rank of every method, best at the top.

    Parameters
    ----------
    average : dict of metric -> Series
        :func:`average_ranks`; a metric it lacks (fewer than 2 datasets) draws a note.
    metric : {"F1_DT", "AUC_DT"}
    n_datasets : int
        The datasets ranked, for the axis label.
    control : str, default="ISODF-ENN"
        Drawn in red.
    profile : Profile or str, optional
        Named in the title.

    Returns
    -------
    Figure
    """
    import matplotlib.pyplot as plt

    from ..report import rank_bars

    label = metric_label(metric)
    if metric not in average:
        fig, ax = plt.subplots(figsize=(6.5, 0.8))
        ax.text(0.5, 0.5, "fewer than 2 complete datasets: no ranks", ha="center",
                va="center")
        ax.axis("off")
        return fig
    ax = rank_bars(average[metric], highlight=control,
                   xlabel=f"average rank by {label} over {n_datasets} datasets (1 = best)")
    figure = "8" if metric == "F1_DT" else "9"
    return titled(ax.figure, f"Fig. {figure}, ours: average rank by {label}", profile)


def friedman_tests(complete) -> dict:
    """The Friedman test (:func:`imbdiff.stats.friedman`) of each metric that allows one.

    A metric scored on fewer than 2 datasets, or whose methods tie on every dataset,
    has no test and is left out (:func:`table7` names it).

    Returns
    -------
    dict of metric -> FriedmanResult
    """
    from .. import stats

    tests = {}
    for metric, table in complete.items():
        if len(table) < 2:
            continue
        try:
            tests[metric] = stats.friedman(table)
        except ValueError:  # every method tied on every dataset
            continue
    return tests


def table7(friedman, metrics, *, alpha=0.05, profile=None):
    """Table 7, ours: the Friedman test of each metric, with the Nemenyi CD.

    Parameters
    ----------
    friedman : dict of metric -> FriedmanResult
        :func:`friedman_tests`.
    metrics : iterable of str
        The metrics the chapter tests; those without a test are named in the caption.
    alpha : float, default=0.05
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        One row per metric tested: N and k whole, the rest to four significant digits.
    """
    from .. import stats

    table = pd.DataFrame(
        {
            metric_label(metric): {
                "N (datasets)": result.n_datasets,
                "k (methods)": result.n_methods,
                "chi2_F": result.statistic,
                "p (chi2)": result.pvalue,
                "F_F (Iman-Davenport)": result.iman_davenport,
                "p (F_F)": result.iman_davenport_pvalue,
                "CD (Nemenyi)": stats.critical_difference(result.n_methods,
                                                          result.n_datasets, alpha=alpha),
            }
            for metric, result in friedman.items()
        },
        index=TABLE7_ROWS,
    ).T
    untested = [metric_label(m) for m in metrics if m not in friedman]
    caption = f"Table 7, ours: Friedman test of the nine methods (alpha = {alpha})"
    if untested:
        caption += (f"; no test for {', '.join(untested)}: it needs 2 datasets with a "
                    "result for every method, not all tied")
    formats = {column: "{:.0f}" if column in TABLE7_ROWS[:2] else "{:.4g}"
               for column in table.columns}
    return finished(table, caption, profile=profile, formats=formats)


def control_table(comparison, metric, *, profile=None):
    """:func:`control_comparison` as the chapter shows it: three decimals."""
    numbers = [c for c in comparison.columns if not c.startswith("significant")]
    return finished(comparison, f"{metric_label(metric)}: ISODF-ENN against each rival",
                    profile=profile, formats={column: "{:.3f}" for column in numbers})


def plot_cd_diagrams(average, complete, friedman, *, alpha=0.05, profile=None):
    """Demšar's critical-difference diagrams, one per metric tested.

    Parameters
    ----------
    average : dict of metric -> Series
        :func:`average_ranks`.
    complete : dict of metric -> DataFrame
        The scores the ranks come from (for the Nemenyi p-values).
    friedman : dict of metric -> FriedmanResult
        The metrics drawn; none draws a note.
    alpha : float, default=0.05
    profile : Profile or str, optional
        Named in the title.

    Returns
    -------
    Figure
        Methods on the axis by average rank, joined by a bar where the Nemenyi test
        does not separate them; each panel's title gives its CD.
    """
    import matplotlib.pyplot as plt

    from .. import stats

    if not friedman:
        fig, ax = plt.subplots(figsize=(8, 0.8))
        ax.text(0.5, 0.5, "no Friedman test: nothing to draw", ha="center", va="center")
        ax.axis("off")
        return fig
    fig, axes = plt.subplots(len(friedman), 1, figsize=(8, 2.6 * len(friedman)),
                             squeeze=False)
    for ax, (metric, result) in zip(axes[:, 0], friedman.items()):
        stats.critical_difference_diagram(average[metric], stats.nemenyi(complete[metric]),
                                          alpha=alpha, ax=ax)
        cd = stats.critical_difference(result.n_methods, result.n_datasets, alpha=alpha)
        ax.set_title(f"{metric_label(metric)} (CD = {cd:.2f})", fontsize=9)
    return titled(fig, "Critical-difference diagrams", profile)


def power_table(pairwise, complete, n_methods, *, control="ISODF-ENN", alpha=0.05,
                profile=None):
    """What the post-hoc tests can show with this many datasets, per metric.

    Parameters
    ----------
    pairwise : dict of metric -> DataFrame
        :func:`control_comparison` of each metric tested (its ``rank gap``).
    complete : dict of metric -> DataFrame
        The scores compared (their number of datasets).
    n_methods : int
    control : str, default="ISODF-ENN"
    alpha : float, default=0.05
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        :func:`posthoc_power`'s values, one row per metric: counts whole, the rest to
        three decimals.
    """
    power = pd.DataFrame([
        {"metric": metric_label(metric),
         **posthoc_power(n_methods, len(complete[metric]), frame["rank gap"],
                         control=control, alpha=alpha)}
        for metric, frame in pairwise.items()
    ])
    power = power.set_index("metric") if len(power) else power
    formats = {column: "{:.0f}" if column in ("N", "rivals beyond CD") else "{:.3f}"
               for column in power.columns}
    return finished(power, "What the post-hoc tests can show with this many datasets",
                    profile=profile, formats=formats)
