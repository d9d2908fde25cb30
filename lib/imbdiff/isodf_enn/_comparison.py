"""Chapters 05 and 06 of ISODF-ENN (Table 6, Figs. 8-9, Table 7): the methods' scores
and their spread, the gap to the best other method, the rows each method adds and
removes, the datasets' difficulty, and the comparisons with the control and their power.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import finished
from ..report import titled
from ._common import METRIC_LABELS, metric_label


def plot_method_scores(tables, metrics, rivals, *, method="ISODF-ENN", baseline="Original",
                       profile=None):
    """Each method's mean score per dataset, one panel per metric, datasets as rows.

    Parameters
    ----------
    tables : dict of metric -> DataFrame
        Mean scores, datasets x methods; must hold ``rivals``, ``method``, ``baseline``.
    metrics : dict of metric -> label
    rivals : list of str
        Methods drawn as small markers (up to seven).
    method : str, default="ISODF-ENN"
        Drawn as a red diamond.
    baseline : str, default="Original"
        Drawn as a black bar.
    profile : Profile or str, optional
        Named in the figure's title.

    Returns
    -------
    Figure
    """
    import matplotlib.pyplot as plt

    shapes = ["o", "s", "v", "^", "<", ">", "P"]
    if len(rivals) > len(shapes):
        raise ValueError(f"at most {len(shapes)} rivals can be drawn, got {len(rivals)}")
    n_rows = max(len(next(iter(tables.values()))), 2)
    fig, axes = plt.subplots(1, len(metrics), figsize=(11, 0.55 * n_rows + 1.5),
                             sharey=True, squeeze=False)
    axes = axes[0]
    for ax, (metric, label) in zip(axes, metrics.items()):
        table = tables[metric]
        positions = np.arange(len(table))
        for rival, shape in zip(rivals, shapes):
            ax.scatter(table[rival], positions, marker=shape, s=28, alpha=0.7, label=rival)
        ax.scatter(table[method], positions, marker="D", s=60, c="red", label=method,
                   zorder=3)
        ax.scatter(table[baseline], positions, marker="|", s=300, c="black",
                   label=baseline, zorder=3)
        ax.set_yticks(positions, table.index)
        ax.invert_yaxis()
        ax.set_xlabel(f"{label} (%)")
        ax.grid(axis="x", alpha=0.3)
    axes[-1].legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return titled(fig, "Table 6 drawn: each method's mean score per dataset", profile)


def gap_to_best_other(table, per_fold, *, method="ISODF-ENN"):
    """A method's gap to the best other method on each dataset, with its standard error.

    Parameters
    ----------
    table : DataFrame
        Mean scores, datasets x methods.
    per_fold : DataFrame
        Scores per fold, indexed by (dataset, fold), one column per method; the folds
        are paired (every method sees the same rows), so the gap's standard error is
        that of the per-fold differences.
    method : str, default="ISODF-ENN"

    Returns
    -------
    DataFrame indexed by dataset
        The method's score, the ``best other`` method and ``its score``, the ``gap``
        (method - best other), the ``SE of gap`` over the folds and the method's rank
        among all the table's methods (``rank of <method> (of <n>)``; ties share the
        best rank). Datasets where the method or every other has no score are left out.
    """
    if method not in table.columns:
        raise ValueError(f"the table has no column {method!r}")
    others = table.drop(columns=method)
    rival = others.idxmax(axis=1).dropna()
    rival = rival[table.loc[rival.index, method].notna()]
    difference = (
        pd.concat([per_fold.loc[d, method] - per_fold.loc[d, r] for d, r in rival.items()],
                  keys=list(rival.index))
        if len(rival)
        else pd.Series(dtype=float)
    )
    gaps = pd.DataFrame({
        method: table.loc[rival.index, method],
        "best other": rival,
        "its score": others.loc[rival.index].max(axis=1),
    })
    gaps["gap"] = gaps[method] - gaps["its score"]
    by_dataset = difference.dropna().groupby(level=0)
    gaps["SE of gap"] = by_dataset.std(ddof=1) / np.sqrt(by_dataset.size())
    ranks = table.loc[rival.index].rank(axis=1, ascending=False, method="min")
    gaps[f"rank of {method} (of {table.shape[1]})"] = ranks[method].astype(int)
    return gaps


def control_comparison(table, average_ranks, *, control="ISODF-ENN", alpha=0.05):
    """A control method against each rival: Nemenyi and Wilcoxon-Holm, side by side.

    Parameters
    ----------
    table : DataFrame
        Scores, datasets x methods, complete (no NaN).
    average_ranks : Series
        Each method's average rank over the datasets (1: best).
    control : str, default="ISODF-ENN"
    alpha : float, default=0.05

    Returns
    -------
    DataFrame indexed by rival
        ``rank gap`` (rival's average rank - control's; positive: the control ranks
        better), ``CD`` (:func:`imbdiff.stats.critical_difference`), ``Nemenyi p``,
        ``Wilcoxon p`` raw and Holm-corrected (:func:`imbdiff.stats.wilcoxon_holm`),
        ``median difference (pp)`` and whether each test is significant.

    References
    ----------
    .. [1] J. Demšar, "Statistical comparisons of classifiers over multiple data
       sets", JMLR 7, 2006.
    """
    import warnings

    from imbdiff import stats

    if control not in table.columns:
        raise ValueError(f"the table has no column {control!r}")
    cd = stats.critical_difference(table.shape[1], len(table), alpha=alpha)
    nemenyi = stats.nemenyi(table)
    with warnings.catch_warnings():
        # A rival tied with the control on every dataset has no signed-rank statistic.
        warnings.simplefilter("ignore", RuntimeWarning)
        wilcoxon = stats.wilcoxon_holm(table, control=control)
    frame = pd.DataFrame({
        "rank gap": average_ranks.drop(control) - average_ranks[control],
        "CD": cd,
        "Nemenyi p": nemenyi[control].drop(control),
        "Wilcoxon p": wilcoxon["p_value"],
        "Wilcoxon p (Holm)": wilcoxon["p_holm"],
        "median difference (pp)": wilcoxon["median_difference"],
    })
    frame["significant (Nemenyi)"] = frame["rank gap"] > cd
    frame["significant (Wilcoxon-Holm)"] = frame["Wilcoxon p (Holm)"] < alpha
    return frame


def posthoc_power(n_methods, n_datasets, rank_gaps, *, control="ISODF-ENN", alpha=0.05):
    """What the post-hoc tests can show with this many methods and datasets.

    Parameters
    ----------
    n_methods, n_datasets : int
    rank_gaps : Series
        Each rival's average rank minus the control's.
    control : str, default="ISODF-ENN"
        Only names the columns.
    alpha : float, default=0.05

    Returns
    -------
    dict
        ``N``, the Nemenyi ``CD``, the largest and smallest rank gap, the number of
        ``rivals beyond CD``, the smallest two-sided p-value the exact signed-rank test
        can give (:math:`2/2^N`, every difference of one sign) and that p-value after
        Holm's correction over the ``n_methods - 1`` rivals (capped at 1).
    """
    from imbdiff import stats

    if n_methods < 2 or n_datasets < 1:
        raise ValueError(
            f"need at least 2 methods and 1 dataset, got {n_methods} and {n_datasets}"
        )
    cd = stats.critical_difference(n_methods, n_datasets, alpha=alpha)
    smallest = 2 / 2**n_datasets
    return {
        "N": n_datasets,
        "CD": cd,
        f"largest rank gap of {control}": rank_gaps.max(),
        f"smallest rank gap of {control}": rank_gaps.min(),
        "rivals beyond CD": int((rank_gaps > cd).sum()),
        "smallest possible Wilcoxon p": smallest,
        f"smallest possible Holm p ({n_methods - 1} rivals)": min(
            1.0, (n_methods - 1) * smallest
        ),
    }


def scores_table(table, metric, *, n_folds, rows="method", title=None, profile=None):
    """Each method's (or stage's) mean score per dataset, the best of each row bold.

    Table 6 (``title="Table 6, ours"``) and the ablation's Figs. 10-11 as tables.

    Parameters
    ----------
    table : DataFrame
        Mean scores, datasets x methods (``Results.wide``); every column competes for
        the bold, the unresampled ``Original`` too, as the paper ranks nine methods.
    metric : {"F1_DT", "AUC_DT"}
    n_folds : int
        Folds per mean, for the caption.
    rows : str, default="method"
        What the columns are, for the caption ("after each method").
    title : str, optional
        Put before the caption.
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        Two decimals; ties within 1e-9 all bold.
    """
    caption = (f"{metric_label(metric)} (%) of a decision tree after each {rows}, mean "
               f"over {n_folds} folds; best per dataset in bold")
    return finished(table, f"{title}: {caption}" if title else caption, profile=profile,
                    best="row", digits=2)


def spread_table(results, methods, *, metrics=tuple(METRIC_LABELS), profile=None):
    """The standard deviation of each method's score over the folds, per dataset.

    ``results`` is :class:`imbdiff.experiments.Results`; ``methods`` the columns
    under each metric, in order.
    """
    spread = pd.concat(
        {metric_label(metric): results.wide(metric, methods=list(methods), value="std")
         for metric in metrics},
        axis=1,
    )
    return finished(spread, "Standard deviation over the folds (percentage points): the "
                    "scale of a fold-to-fold change", profile=profile, digits=2)


def gap_table(gaps, metric, *, profile=None):
    """:func:`gap_to_best_other` as the chapter shows it (``metric`` names it)."""
    scores = ["ISODF-ENN", "its score", "gap", "SE of gap"]
    return finished(gaps, f"{metric_label(metric)}: ISODF-ENN against the best other "
                    "method (gap = ISODF-ENN - best other, pp)", profile=profile,
                    formats={column: "{:.2f}" for column in scores if column in gaps})


def resampling_counts(results, methods, names) -> pd.DataFrame:
    """Minority rows each method adds and majority rows it removes, per training fold.

    Parameters
    ----------
    results : imbdiff.experiments.Results
    methods : list of str
        The rows, in order.
    names : list of str
        The datasets, as columns.

    Returns
    -------
    DataFrame
        ``"+<added> / -<removed>"`` (means over the folds; "n/a" where a method has
        no cell), then a last row with the training rows of a fold.
    """
    summary = results.summary()
    counts = summary.groupby(["method", "dataset"], sort=False)[["generated", "removed"]].mean()
    shown = pd.DataFrame(
        {
            dataset: [
                f"+{counts.loc[(m, dataset), 'generated']:.0f} / "
                f"-{counts.loc[(m, dataset), 'removed']:.0f}"
                if (m, dataset) in counts.index else "n/a"
                for m in methods
            ]
            for dataset in names
        },
        index=list(methods),
    )
    train_rows = summary.groupby("dataset")["train rows"].first().reindex(names)
    shown.loc["(training rows)"] = [f"{n:.0f}" if n == n else "n/a" for n in train_rows]
    return shown


def resampling_counts_table(results, methods, names, *, profile=None):
    """:func:`resampling_counts` as the chapters show it."""
    return finished(resampling_counts(results, methods, names), "Minority rows added / "
                    "majority rows removed, mean per training fold", profile=profile)


def resampling_seconds_table(results, methods, names, *, profile=None):
    """Each method's resampling time per fold, as measured when its cells were computed.

    Methods down (in ``methods``' order), datasets across (``names``), one decimal.
    """
    summary = results.summary()
    seconds = (summary.groupby(["method", "dataset"], sort=False)["seconds"].mean()
               .unstack("dataset").reindex(index=list(methods), columns=list(names)))
    return finished(seconds, "Resampling time per fold (s; as measured when the cell was "
                    "computed, on a shared CPU)", profile=profile, digits=1)


def difficulty(tables, names) -> pd.DataFrame:
    """Each dataset's imbalance and overlap beside whether ISODF-ENN is best there.

    Parameters
    ----------
    tables : dict of metric -> DataFrame
        Mean scores, datasets x methods, for ``"F1_DT"`` and ``"AUC_DT"``; with the
        columns ``ISODF-ENN`` and ``Original``.
    names : list of str
        The datasets, loaded here for their IR and :math:`R_\\text{aug}` (raw values,
        the reading of chapter 01).

    Returns
    -------
    DataFrame indexed by dataset
        ``IR``, ``R_aug`` (%), ``best <label>`` (ISODF-ENN within 1e-9 of the row's
        best; a failed ISODF-ENN is not best), ``gain <label>`` over Original (points),
        whether the paper names the dataset as not best and the IR and R_aug it quotes
        there, and whether the IR or the R_aug is below the median of ``names``.
    """
    from .. import datasets as imbdatasets
    from ..metrics import imbalance_ratio, overlap_ratio
    from ._datasets import paper_quoted

    rows = []
    for dataset in names:
        data = imbdatasets.load(dataset)
        rows.append({"dataset": dataset, "IR": imbalance_ratio(data.y),
                     "R_aug": 100 * overlap_ratio(data.X, data.y).r_aug})
    frame = pd.DataFrame(rows, columns=["dataset", "IR", "R_aug"]).set_index("dataset")
    for metric, label in METRIC_LABELS.items():
        table = tables[metric].reindex(frame.index)
        frame[f"best {label}"] = table["ISODF-ENN"] >= table.max(axis=1) - 1e-9
    for metric, label in METRIC_LABELS.items():
        frame[f"gain {label}"] = tables[metric]["ISODF-ENN"] - tables[metric]["Original"]
    quoted = paper_quoted()
    frame["paper: not best"] = [d in quoted.index for d in frame.index]
    frame["paper: IR"] = quoted["IR"].reindex(frame.index)
    frame["paper: R_aug"] = quoted["R_aug"].reindex(frame.index)
    frame["IR or R_aug below median"] = (frame["IR"] < frame["IR"].median()) | (
        frame["R_aug"] < frame["R_aug"].median()
    )
    return frame


def difficulty_table(frame, *, profile=None):
    """:func:`difficulty` as the chapter shows it."""
    numbers = ["IR", "R_aug", "gain F-value", "gain AUC", "paper: IR", "paper: R_aug"]
    return finished(frame, "Imbalance ratio, overlap ratio R_aug (%), whether ISODF-ENN "
                    "is best, its gain over Original (pp), and the IR and R_aug the paper "
                    "quotes for the datasets where it was not best", profile=profile,
                    formats={column: "{:.2f}" for column in numbers}, na_rep="–")


def not_best(frame) -> list:
    """The datasets of :func:`difficulty` where ISODF-ENN is not best by F-value or AUC."""
    return frame.index[~(frame["best F-value"] & frame["best AUC"])].tolist()


def ir_gain_correlations(frame) -> dict:
    """Spearman's correlation of the IR with ISODF-ENN's gain over Original.

    Returns
    -------
    dict of label -> scipy's result
        One per metric with at least three datasets of :func:`difficulty`.
    """
    from scipy import stats as ss

    correlation = {}
    for label in METRIC_LABELS.values():
        usable = frame[["IR", f"gain {label}"]].dropna()
        if len(usable) >= 3:
            correlation[label] = ss.spearmanr(usable["IR"], usable[f"gain {label}"])
    return correlation


def comparison_claim_measures(results, frame) -> pd.DataFrame:
    """What the claims of chapter 05 read: every repetition's scores and each dataset's
    IR and R_aug (:func:`difficulty`), as method ``"data"``."""
    measures = (
        frame[["IR", "R_aug"]]
        .reset_index()
        .melt(id_vars="dataset", var_name="metric", value_name="mean")
        .assign(method="data")
    )
    return pd.concat([results.per_split(), measures], ignore_index=True)
