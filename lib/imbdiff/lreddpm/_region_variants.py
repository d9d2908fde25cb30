"""Chapter 10: each guiding region against LReDDPM's own (Tables 7, 10 and 12) and
the border-guided cells against BorderlineSMOTE.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._common import _at, marker


# --- Chapter 10 (regions): each guiding region against LReDDPM's own ----------------------


#: The metrics of Tables 7 and 10, ours; the paper prints one G-mean, set beside both.
REGION_METRICS = {
    "AUC_DT": "AUC_DT",
    "F1_DT": "F1_DT",
    "G-mean_DT": "G-mean_DT",
    "G-mean-TPR-TNR_DT": "G-mean_DT",
}

#: Tables 7 and 10's columns, in the order the chapter shows them.
_VARIANT_COLUMNS = [
    "table", "dataset", "guided by", "metric", "paper", "ours", "ours - paper",
    "LReDDPM, paper", "LReDDPM, ours", "marker: printed", "marker: paper, rule",
    "marker: ours",
]


def region_count_table(cells, datasets, *, paper_shares=None):
    """Minority training rows of each region type, our shares beside Table 12's.

    Parameters
    ----------
    cells : list of Experiment
        One cell per dataset at least; its split gives the training rows.
    datasets : list of str
        The rows of the table, in order.
    paper_shares : DataFrame, optional
        Table 12 of the LReDDPM paper as datasets down, region types across
        (percent); default :func:`imbdiff.paper.table` ``("lreddpm", 12)``.

    Returns
    -------
    DataFrame
        Datasets down; columns ``(region, "rows" | "ours %" | "paper %")`` and
        ``("guided cells", "")`` (LReDDPM's region and the other ones the paper ran).
        A dataset that cannot be loaded has only the last column, saying so.
    """
    from .. import paper
    from ..datasets import DatasetUnavailable
    from ..experiments import guiding_region
    from ._analysis import training_split
    from ._grids import REGION_VARIANTS
    from ..regions import REGION_NAMES, region_counts, region_types

    if paper_shares is None:
        paper_shares = paper.table("lreddpm", 12).pivot_table(
            index="dataset", columns="metric", values="mean"
        )
    rows = {}
    for dataset in datasets:
        cell = next(c for c in cells if c.dataset == dataset)
        try:
            X_train, y_train, _, _, nominal = training_split(cell)
        except DatasetUnavailable as error:
            reason = str(error).splitlines()[0][:60]
            rows[dataset] = {("guided cells", ""): f"dataset unavailable: {reason}"}
            continue
        types = region_types(X_train, y_train, categorical_features=nominal)
        counts = region_counts(types[y_train == 1])
        row = {}
        for region in REGION_NAMES:
            row[(region, "rows")] = int(counts[region])
            row[(region, "ours %")] = 100 * counts[region] / counts.sum()
            row[(region, "paper %")] = (
                paper_shares.loc[dataset, region] if dataset in paper_shares.index else np.nan
            )
        guided = [f"{guiding_region(dataset)} (LReDDPM)", *REGION_VARIANTS.get(dataset, ())]
        row[("guided cells", "")] = ", ".join(guided)
        rows[dataset] = row
    table = pd.DataFrame(rows).T
    if len(table):
        table.columns = pd.MultiIndex.from_tuples(table.columns)
    table.index.name = "dataset"
    return table


def region_variant_table(paper_at, ours_at, variants, *, printed_minus=(), metrics=None):
    """Tables 7 and 10: each other guiding region against LReDDPM's own.

    Parameters
    ----------
    paper_at, ours_at : Series
        :func:`lookup` of the paper's tables (7, 10 and LReDDPM's rows of 3 and 5)
        and of ours. The region cells are keyed by the region's name as method,
        LReDDPM's own by ``"LReDDPM"``.
    variants : dict
        Dataset -> the other regions it is guided by, in the table's order
        (:data:`imbdiff.lreddpm.REGION_VARIANTS`, restricted to the datasets run).
    printed_minus : collection of str, default=()
        The datasets of Table 7, whose every cell the paper marks "(-)"; the other
        datasets are Table 10's, which prints no markers.
    metrics : dict, optional
        Our metric -> the paper's metric it is compared with; default
        :data:`REGION_METRICS`.

    Returns
    -------
    DataFrame
        Indexed by ``(dataset, guided by, metric)``, with the column ``table``
        (7 or 10), both values, their difference, LReDDPM's values and three markers
        by :func:`marker`: printed, the rule on the paper's numbers, and on ours.
    """
    metrics = REGION_METRICS if metrics is None else metrics
    rows = []
    for dataset, regions in variants.items():
        table7 = dataset in printed_minus
        for region in regions:
            for metric, paper_metric in metrics.items():
                paper_value = _at(paper_at, (region, dataset, paper_metric))
                ours = _at(ours_at, (region, dataset, metric))
                paper_lreddpm = _at(paper_at, ("LReDDPM", dataset, paper_metric))
                ours_lreddpm = _at(ours_at, ("LReDDPM", dataset, metric))
                rows.append([
                    7 if table7 else 10, dataset, region, metric, paper_value, ours,
                    ours - paper_value, paper_lreddpm, ours_lreddpm,
                    "-" if table7 else "", marker(paper_value, paper_lreddpm),
                    marker(ours, ours_lreddpm),
                ])
    table = pd.DataFrame(rows, columns=_VARIANT_COLUMNS)
    return table.set_index(["dataset", "guided by", "metric"])


def gmean_reading_check(printed: pd.DataFrame) -> pd.DataFrame:
    """Can a printed G-mean be sqrt(precision x recall)? The bound and the other reading.

    With precision P and recall R at most 1, ``P + R <= 1 + PR``, so
    ``F1 >= 2 G^2 / (1 + G^2)`` when ``G = sqrt(PR)``. If instead
    ``G = sqrt(TPR TNR)`` and the AUC of hard predictions is ``(TPR + TNR) / 2``,
    then ``TPR, TNR = AUC -/+ sqrt(AUC^2 - G^2)``.

    Parameters
    ----------
    printed : DataFrame
        A paper's long table with the metrics ``F1_DT``, ``G-mean_DT`` and
        ``AUC_DT`` (percent).

    Returns
    -------
    DataFrame
        One row per ``(method, dataset)``, in percent: the printed F1 and G, the
        least F1 that ``G = sqrt(PR)`` allows, whether the printed F1 reaches it, and
        the TPR and TNR that ``G = sqrt(TPR TNR)`` implies.
    """
    wide = printed.pivot_table(index=["method", "dataset"], columns="metric", values="mean")
    missing = {"F1_DT", "G-mean_DT", "AUC_DT"} - set(wide.columns)
    if missing:
        raise ValueError(f"the printed table lacks the metrics {sorted(missing)}")
    wide = wide / 100
    f1, g, auc = wide["F1_DT"], wide["G-mean_DT"], wide["AUC_DT"]
    least_f1 = 2 * g**2 / (1 + g**2)
    root = np.sqrt((auc**2 - g**2).clip(lower=0))
    return pd.DataFrame({
        "F1 printed": 100 * f1,
        "G printed": 100 * g,
        "least F1 if G = sqrt(P R)": 100 * least_f1,
        "sqrt(P R) possible": f1 >= least_f1,
        "TPR if G = sqrt(TPR TNR)": 100 * (auc - root),
        "TNR if G = sqrt(TPR TNR)": 100 * (auc + root),
    })


def _ahead(border, borderline_smote):
    if np.isnan(border) or np.isnan(borderline_smote):
        return ""
    return "BorderlineSMOTE" if borderline_smote > border else "border"


def _best(values, candidates, dataset, metric):
    """The candidate with the highest value (a missing one counts as -1; ties: first)."""
    return max(candidates, key=lambda m: np.nan_to_num(_at(values, (m, dataset, metric)), nan=-1))


def borderline_comparison(paper_at, ours_at, variants, *, metrics=("AUC_DT", "F1_DT")):
    """Border-guided LReDDPM against BorderlineSMOTE (Section 5.2), paper and ours.

    Parameters
    ----------
    paper_at, ours_at : Series
        :func:`lookup` of the paper's tables and of ours (BorderlineSMOTE, the
        ``border`` cells and LReDDPM's own).
    variants : dict
        Dataset -> its other guiding regions; the candidates for "best region" are
        LReDDPM's own and these.
    metrics : tuple of str, default=("AUC_DT", "F1_DT")

    Returns
    -------
    DataFrame
        Indexed by ``(dataset, metric)``: border's and BorderlineSMOTE's values, which
        is ahead (``""`` when either value is missing), and whether the best candidate region beats
        BorderlineSMOTE, for the paper and for ours.
    """
    rows = []
    for dataset, regions in variants.items():
        candidates = ["LReDDPM", *regions]
        for metric in metrics:
            row = {"dataset": dataset, "metric": metric}
            for who, values in (("paper", paper_at), ("ours", ours_at)):
                border = _at(values, ("border", dataset, metric))
                smote = _at(values, ("BorderlineSMOTE", dataset, metric))
                row[f"{who}: border"] = border
                row[f"{who}: BorderlineSMOTE"] = smote
                row[f"{who}: ahead"] = _ahead(border, smote)
            for who, values in (("paper", paper_at), ("ours", ours_at)):
                best = _best(values, candidates, dataset, metric)
                smote = row[f"{who}: BorderlineSMOTE"]
                row[f"{who}: best region beats BorderlineSMOTE"] = (
                    _at(values, (best, dataset, metric)) > smote
                )
            rows.append(row)
    columns = [
        "dataset", "metric", "paper: border", "paper: BorderlineSMOTE", "paper: ahead",
        "ours: border", "ours: BorderlineSMOTE", "ours: ahead",
        "paper: best region beats BorderlineSMOTE", "ours: best region beats BorderlineSMOTE",
    ]
    return pd.DataFrame(rows, columns=columns).set_index(["dataset", "metric"])


def region_bars(paper_at, ours_at, datasets, *, metrics=("AUC_DT", "F1_DT")):
    """Figure: each guiding region's scores per dataset, the paper's hatched, ours solid.

    LReDDPM's own region is starred; dashed lines are BorderlineSMOTE (grey the
    paper's, black ours). Returns the figure (one column per dataset, one row per
    metric).
    """
    import matplotlib.pyplot as plt

    from ..experiments import guiding_region
    from ._grids import REGION_VARIANTS
    from ..regions import REGION_NAMES

    width = 2.6 * len(datasets) + 1
    fig, axes = plt.subplots(len(metrics), len(datasets), figsize=(width, 5.2), squeeze=False)
    for j, dataset in enumerate(datasets):
        own = guiding_region(dataset)
        regions = [r for r in REGION_NAMES if r == own or r in REGION_VARIANTS[dataset]]
        labels = ["LReDDPM" if r == own else r for r in regions]
        ticks = [r + ("*" if r == own else "") for r in regions]
        for i, metric in enumerate(metrics):
            _region_panel(axes[i, j], paper_at, ours_at, dataset, metric, labels, ticks)
            if i == 0:
                axes[i, j].set_title(dataset)
            if j == 0:
                axes[i, j].set_ylabel(metric)
    axes[0, 0].legend(fontsize=7)
    fig.tight_layout()
    return fig


def _region_panel(ax, paper_at, ours_at, dataset, metric, labels, ticks):
    x = np.arange(len(labels))
    paper_values = [_at(paper_at, (m, dataset, metric)) for m in labels]
    ours = [_at(ours_at, (m, dataset, metric)) for m in labels]
    ax.bar(x - 0.2, paper_values, 0.4, color="white", edgecolor="#555555", hatch="///",
           label="paper")
    ax.bar(x + 0.2, ours, 0.4, color="#4c72b0", label="ours")
    for values, colour in ((paper_at, "grey"), (ours_at, "black")):
        ax.axhline(_at(values, ("BorderlineSMOTE", dataset, metric)), color=colour, ls="--",
                   lw=1)
    ax.set_xticks(x, ticks, rotation=30)
    finite = [v for v in paper_values + ours if not np.isnan(v)]
    if finite:
        ax.set_ylim(max(0, min(finite) - 10), min(100, max(finite) + 5))
