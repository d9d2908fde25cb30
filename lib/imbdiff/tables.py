"""The comparison tables of single chapters: the paper's numbers beside ours.

Each function builds one table a chapter shows, from the paper's long tables
(:func:`imbdiff.paper.table`) and ours (:meth:`imbdiff.experiments.Results.paper_format`),
so that the chapter's cell is a call and the rule behind a column is tested here.
Presentation only: editing this module keeps the experiment cache.

Values are looked up in a :func:`lookup` series, ``(method, dataset, metric) -> mean``;
a missing cell reads as NaN and its comparisons stay empty, never guessed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "REGION_METRICS",
    "borderline_comparison",
    "gmean_reading_check",
    "lookup",
    "marker",
    "marker_tally",
    "region_bars",
    "region_count_table",
    "region_variant_table",
    "row_shift",
    "tau_marker_table",
    "tau_row_shifts",
    "trade_table",
    "above_markers",
    "compactness",
    "compactness_table",
    "guiding_region_sizes",
    "synthcity_js",
    "distance_readings",
    "reading_agreement",
    "reading_diagnostics",
    "paired_ranks",
    "rank_dots",
    "rank_statements",
    "REGION_COLOURS",
    "type_share_tables",
    "type_bars",
    "type_panels",
    "modal_type_misses",
    "minority_type_shares",
    "share_bars",
    "share_verdicts",
    "paper_differences",
    "difference_heatmaps",
    "difference_statement",
    "gmean_form_summary",
    "gmean_bars",
    "reference_gaps",
    "gap_bars",
    "beaten_count",
    "dataset_counts",
    "projection_panels",
    "tau_shift_statement",
    "gain_by_region_size",
]

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


def lookup(frame: pd.DataFrame) -> pd.Series:
    """A long score table as a series ``(method, dataset, metric) -> mean``.

    The first row of a repeated key wins, as the chapters read it.
    """
    missing = {"method", "dataset", "metric", "mean"} - set(frame.columns)
    if missing:
        raise ValueError(f"the score table lacks the columns {sorted(missing)}")
    return frame.groupby(["method", "dataset", "metric"])["mean"].first()


def marker(value, reference) -> str:
    """The paper's marker rule: ``"+"`` above the reference, ``"-"`` not above it,
    ``""`` when either value is missing (NaN)."""
    if np.isnan(value) or np.isnan(reference):
        return ""
    return "+" if value > reference else "-"


def marker_tally(markers: pd.Series):
    """``(plus, counted)``: how many markers are ``"+"``, of those not empty."""
    counted = markers[markers != ""]
    return int((counted == "+").sum()), len(counted)


def _at(values: pd.Series, key):
    return values.get(key, np.nan)


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
    from . import paper
    from .datasets import DatasetUnavailable
    from .experiments import REGION_VARIANTS, guiding_region, training_split
    from .regions import REGION_NAMES, region_counts, region_types

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
        (:data:`imbdiff.experiments.REGION_VARIANTS`, restricted to the datasets run).
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

    from .experiments import REGION_VARIANTS, guiding_region
    from .regions import REGION_NAMES

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


def row_shift(base: pd.DataFrame, rows: pd.DataFrame, *, numeric, nominal, scale):
    """How far row i of ``rows`` is from row i of ``base``, averaged over rows.

    Parameters
    ----------
    base, rows : DataFrame
        Two generated sets of the same length and columns, row i against row i.
    numeric, nominal : list of str
        The numeric and the nominal columns.
    scale : array-like of float
        One scale per numeric column (the minority class's standard deviation); a
        NaN scale leaves its column out.

    Returns
    -------
    tuple of float
        ``(numeric, nominal)``: the mean of ``|row - base| / scale`` over the numeric
        cells, and the percentage of nominal cells that differ; NaN without such
        columns.
    """
    if len(base) != len(rows):
        raise ValueError(f"row_shift pairs rows: {len(base)} rows against {len(rows)}")
    difference = rows[numeric].to_numpy(float) - base[numeric].to_numpy(float)
    numeric_shift = np.abs(difference) / np.asarray(scale, dtype=float)
    differ = rows[nominal].astype(str).to_numpy() != base[nominal].astype(str).to_numpy()
    return (
        np.nanmean(numeric_shift) if numeric_shift.size else np.nan,
        100 * differ.mean() if differ.size else np.nan,
    )


def tau_row_shifts(main, variants, datasets, *, settings, random_state=0):
    """Section 5.3: how far each tau setting moves LReDDPM's rows, beside unrelated rows.

    Row i of a setting is compared with row i of LReDDPM (same seed: same DDPM,
    classifier and noise), by :func:`row_shift` with the minority class's standard
    deviation of the training split as scale (a constant column carries none). The
    ``"unrelated rows"`` column pairs LReDDPM's rows with a shuffle of themselves
    (``random_state``), for scale. A setting without rows or with another number of
    rows is left out; a dataset whose LReDDPM cell failed is left out.

    Returns
    -------
    DataFrame
        Datasets down; columns ``(setting, "numeric (sd)" | "nominal (%)")``.
    """
    from .experiments import training_split

    rows = {}
    for dataset in datasets:
        reference = main.get(dataset, "LReDDPM")
        if not reference.ok or reference.generated is None:
            continue
        X_train, y_train, _, _, nominal = training_split(reference.experiment)
        numeric = [c for c in X_train.columns if c not in nominal]
        scale = X_train.loc[y_train == 1, numeric].astype(float).std().to_numpy()
        scale[scale == 0] = np.nan
        base = reference.generated
        others = {s: variants.get(dataset, s) for s in settings}
        others = {
            s: r.generated for s, r in others.items()
            if r.ok and r.generated is not None and len(r.generated) == len(base)
        }
        shuffled = base.sample(frac=1, random_state=random_state)
        others["unrelated rows"] = shuffled.reset_index(drop=True)
        row = {}
        for label, generated in others.items():
            shift = row_shift(base, generated, numeric=numeric, nominal=nominal, scale=scale)
            row[(label, "numeric (sd)")], row[(label, "nominal (%)")] = shift
        rows[dataset] = row
    table = pd.DataFrame(rows).T
    if len(table):
        table.columns = pd.MultiIndex.from_tuples(table.columns)
    return table


def above_markers(scores: pd.DataFrame, setting, metric, *, reference="LReDDPM"):
    """Per dataset, ``"+"`` where ``setting`` scores above ``reference`` on ``metric``,
    ``"-"`` where not; datasets missing either value are left out."""
    from .report import wide

    both = wide(scores, metric, methods=[setting, reference]).dropna()
    return (both[setting] > both[reference]).map({True: "+", False: "-"})


def tau_marker_table(printed, ours: pd.DataFrame, datasets, *, order):
    """Tables 8 and 9's printed markers beside the rule's markers on our numbers.

    Parameters
    ----------
    printed : dict
        ``(setting, metric) -> string`` of the printed markers, one character per
        dataset of ``order``.
    ours : DataFrame
        Our long score table.
    datasets : list of str
        The datasets shown (those run).
    order : list of str
        The datasets of the printed tables, in their order.

    Returns
    -------
    DataFrame
        One row per ``(setting, metric)``; columns ``(dataset, "paper" | "ours")``
        and ``("count of +", ...)``. A dataset the paper does not print reads
        ``""``, one of ours without a value ``"n/a"``.
    """
    rows = {}
    for (setting, metric), string in printed.items():
        if len(string) != len(order):
            raise ValueError(
                f"{len(string)} printed markers for {setting} {metric}, {len(order)} datasets"
            )
        paper_marks = dict(zip(order, string))
        ours_marks = above_markers(ours, setting, metric)
        row = {}
        for dataset in datasets:
            row[(dataset, "paper")] = paper_marks.get(dataset, "")
            row[(dataset, "ours")] = ours_marks.get(dataset, "n/a")
        for source in ("paper", "ours"):
            row[("count of +", source)] = sum(row[(d, source)] == "+" for d in datasets)
        rows[(setting, metric)] = row
    table = pd.DataFrame(rows).T
    table.columns = pd.MultiIndex.from_tuples(table.columns, names=["dataset", ""])
    return table


def trade_table(paper_table, ours, datasets, *, setting="tau=60", reference="LReDDPM"):
    """Table 15: recall and accuracy of ``setting`` and ``reference``, and the trade.

    The trade is "yes" when the setting's accuracy rises and its recall falls
    against the reference, "no" otherwise, ``""`` when a change is missing.

    Returns
    -------
    DataFrame
        Indexed by ``(dataset, in Table 15)``; columns ``(source, metric, setting |
        reference | "change")`` and ``(source, "trade", "")``.
    """
    from .report import wide

    printed = set(paper_table["dataset"])
    rows = []
    for dataset in datasets:
        row = {"dataset": dataset, "in Table 15": dataset in printed}
        for source, frame in (("paper", paper_table), ("ours", ours)):
            for metric in ("Recall_DT", "Accuracy_DT"):
                table = wide(frame, metric)
                for method in (setting, reference):
                    present = dataset in table.index and method in table
                    row[(source, metric, method)] = (
                        table.loc[dataset, method] if present else np.nan
                    )
                row[(source, metric, "change")] = (
                    row[(source, metric, setting)] - row[(source, metric, reference)]
                )
            recall = row[(source, "Recall_DT", "change")]
            accuracy = row[(source, "Accuracy_DT", "change")]
            row[(source, "trade", "")] = (
                "" if np.isnan(recall) or np.isnan(accuracy)
                else "yes" if accuracy > 0 and recall < 0 else "no"
            )
        rows.append(row)
    table = pd.DataFrame(rows).set_index(["dataset", "in Table 15"])
    table.columns = pd.MultiIndex.from_tuples(table.columns)
    return table


def guiding_region_sizes(results, datasets, *, method="DDPM-region", paper_shares=None):
    """Table 11's guiding regions: rows, rows generated, share of the minority class.

    Parameters
    ----------
    results : Results
        Holding a ``method`` cell per dataset (its first split is read); a dataset
        without one is left out.
    datasets : list of str
    method : str, default="DDPM-region"
    paper_shares : DataFrame, optional
        Table 12 of the LReDDPM paper, long; default :func:`imbdiff.paper.table`.

    Returns
    -------
    DataFrame
        Indexed by dataset: ``guiding region``, ``guiding rows`` (NaN when the
        dataset is unavailable), ``generated`` (NaN for a failed cell), ``share of
        minority (%)`` of the training split (NaN for a failed cell) and the
        ``paper's share, Table 12 (%)``.
    """
    from . import paper
    from .experiments import guiding_region, training_split

    table12 = paper.table("lreddpm", 12) if paper_shares is None else paper_shares
    rows = []
    for dataset in datasets:
        try:
            cell = results.get(dataset, method)
        except KeyError:
            continue
        region = guiding_region(dataset)
        unavailable = not cell.ok and cell.error.startswith("dataset unavailable")
        row = {
            "dataset": dataset,
            "guiding region": region,
            "guiding rows": np.nan if unavailable else cell.guiding_rows,
            "generated": cell.n_generated if cell.ok else np.nan,
            "share of minority (%)": np.nan,
        }
        if cell.ok:
            _, y_train, _, _, _ = training_split(cell.experiment)
            row["share of minority (%)"] = 100 * cell.guiding_rows / int((y_train == 1).sum())
        published = table12[(table12["dataset"] == dataset) & (table12["metric"] == region)]
        row["paper's share, Table 12 (%)"] = (
            published["mean"].iloc[0] if len(published) else np.nan
        )
        rows.append(row)
    columns = ["dataset", "guiding region", "guiding rows", "generated",
               "share of minority (%)", "paper's share, Table 12 (%)"]
    return pd.DataFrame(rows, columns=columns).set_index("dataset")


def compactness(guide, rows):
    """How spread generated rows are, and how near the guiding rows, in one space.

    Parameters
    ----------
    guide : ndarray of shape (n_guide, n_features)
        The real guiding rows (at least two), e.g. in the HVDM embedding.
    rows : ndarray of shape (n_rows, n_features)
        Generated rows in the same space (at least one; one has no spread).

    Returns
    -------
    tuple of float
        ``(spread, to_nearest)``: the median pairwise distance of ``rows`` over that of
        ``guide`` (1 = as spread as the region), and the median distance from a row to
        its nearest guiding row over the median distance from a guiding row to its
        nearest other one (below 1: nearer than the region's rows are to each other,
        i.e. near-copies). NaN when the guiding rows' own distance is 0.
    """
    from scipy.spatial.distance import cdist, pdist

    guide, rows = np.asarray(guide, dtype=float), np.asarray(rows, dtype=float)
    if len(guide) < 2 or len(rows) < 1:
        raise ValueError(
            f"compactness needs two guiding rows and a generated one: {len(guide)} guiding, "
            f"{len(rows)} generated"
        )
    own_spread = np.median(pdist(guide))
    own_nearest = np.median(np.sort(cdist(guide, guide), axis=1)[:, 1])
    # one generated row has no pairwise distance: no spread
    spread = np.median(pdist(rows)) / own_spread if own_spread > 0 and len(rows) > 1 else np.nan
    nearest = cdist(rows, guide).min(axis=1)
    to_nearest = np.median(nearest) / own_nearest if own_nearest > 0 else np.nan
    return spread, to_nearest


def compactness_table(results, datasets, methods):
    """:func:`compactness` of each method's rows on each dataset, in the HVDM space.

    The space is :func:`imbdiff.regions.hvdm_embedding` fitted on the first split's
    training rows; the guiding rows are the minority rows of the dataset's guiding
    region. A dataset is left out unless every method generated rows; one with fewer
    than two guiding rows gets only its ``guiding rows``.

    Returns
    -------
    DataFrame
        Indexed by dataset; ``("", "guiding rows")`` then ``(method, "spread" | "to
        nearest guiding row")``. Empty when no dataset qualifies.
    """
    from .experiments import guiding_region, training_split
    from .regions import hvdm_embedding, region_types

    rows = []
    for dataset in datasets:
        try:
            cells = {m: results.get(dataset, m) for m in methods}
        except KeyError:
            continue
        if not all(c.ok and c.generated is not None and len(c.generated)
                   for c in cells.values()):
            continue
        X_train, y_train, _, _, nominal = training_split(cells[methods[0]].experiment)
        types = region_types(X_train, y_train, categorical_features=nominal)
        space = hvdm_embedding(X_train, y_train, categorical_features=nominal)
        guide = space[(y_train == 1) & (types == guiding_region(dataset))]
        row = {"dataset": dataset, ("", "guiding rows"): len(guide)}
        for method, cell in cells.items() if len(guide) >= 2 else ():
            embedded = hvdm_embedding(X_train, y_train, categorical_features=nominal,
                                      X_new=cell.generated, handle_unknown="ignore")
            shape = compactness(guide, embedded)
            row[(method, "spread")], row[(method, "to nearest guiding row")] = shape
        rows.append(row)
    if not rows:
        return pd.DataFrame()
    table = pd.DataFrame(rows).set_index("dataset")
    table.columns = pd.MultiIndex.from_tuples(table.columns, names=["method", ""])
    return table


# --- Chapter 05 (distances): the paper's levels, the readings tried, the ranks ------------


def synthcity_js(real: pd.DataFrame, generated: pd.DataFrame, *, bins: int = 10) -> float:
    """synthcity's Jensen-Shannon recipe (a diagnostic, not :func:`imbdiff.metrics.js_distance`).

    Each column is cut into at most ``bins`` equal-width bins over the real rows' range
    (generated values outside it fall in an extra NaN bin), 1 is added to every
    normalised frequency and scipy's ``jensenshannon`` (natural logarithm) compares the
    two histograms; the result is the mean over the columns. Categorical columns are
    compared by their codes in the real rows' categories.

    Parameters
    ----------
    real, generated : DataFrame
        Rows with the same columns; ``real`` gives the bins.
    bins : int, default=10
        The most bins per column (fewer when a column has fewer distinct real values).

    Returns
    -------
    float

    References
    ----------
    synthcity, ``synthcity.metrics.eval_statistical.JensenShannonDistance``, commit
    ``e746316``.
    """
    from scipy.spatial.distance import jensenshannon

    missing = [c for c in real.columns if c not in generated.columns]
    if missing:
        raise ValueError(f"generated rows lack the columns {missing}")
    values = []
    for column in real.columns:
        r, g = real[column], generated[column]
        if isinstance(r.dtype, pd.CategoricalDtype):
            r = r.cat.codes
            g = pd.Series(pd.Categorical(g, categories=real[column].cat.categories).codes)
        r, g = r.astype(float), pd.Series(g, dtype=float)
        r_bins, edges = pd.cut(r, bins=min(bins, r.nunique()), retbins=True)
        p, q = r_bins.value_counts(dropna=False, normalize=True).align(
            pd.cut(g, bins=edges).value_counts(dropna=False, normalize=True),
            join="outer", fill_value=0,
        )
        values.append(jensenshannon(p + 1, q + 1))
    return float(np.mean(values))


def distance_readings(results, datasets) -> pd.DataFrame:
    """Other readings of Tables 16 and 18's distances, per split, against the guiding rows.

    For every successful split of ``results`` on ``datasets`` that has guiding rows and
    generated rows: :func:`synthcity_js` and the linear-kernel MMD
    (:func:`imbdiff.metrics.mmd`) in raw, standardised and min-max units, each against
    the minority training rows of the split's own guiding region.

    Returns
    -------
    DataFrame
        One row per split: ``method``, ``dataset`` and one column per reading.
    """
    from . import metrics
    from .experiments import training_split
    from .regions import region_types

    readings = []
    for result in results:
        if (result.experiment.dataset not in datasets or not result.ok
                or not result.guiding_rows or result.generated is None):
            continue
        X_train, y_train, _, _, nominal = training_split(result.experiment)
        types = region_types(X_train, y_train, categorical_features=nominal)
        real = X_train[(y_train == 1) & (types == result.experiment.region)]
        row = {"method": result.experiment.name, "dataset": result.experiment.dataset}
        row["JS, synthcity recipe"] = synthcity_js(real, result.generated)
        for scale, label in ((None, "raw"), ("standard", "standardised"),
                             ("minmax", "min-max")):
            row[f"MMD, linear kernel, {label}"] = metrics.mmd(
                real, result.generated, kernel="linear", scale=scale,
                categorical_features=nominal, random_state=result.experiment.seed,
            )
        readings.append(row)
    return pd.DataFrame(readings)


def reading_agreement(mine: pd.DataFrame, theirs: pd.DataFrame) -> dict:
    """How one reading's levels and orders compare with the paper's, datasets x methods.

    Returns
    -------
    dict
        ``median ours / paper``, ``smallest ratio``, ``largest ratio`` over the cells
        both have, and ``order like the paper (Spearman)``: the mean over the datasets
        (complete in both, the paper's values not all tied) of the Spearman correlation
        of the two method orders; NaN without such a dataset.
    """
    if mine.shape != theirs.shape:
        raise ValueError(f"the tables differ in shape: {mine.shape} and {theirs.shape}")
    ratio = (mine / theirs).stack()
    comparable = mine.notna().all(axis=1) & theirs.notna().all(axis=1)
    comparable &= theirs.nunique(axis=1) > 1
    agreement = [mine.loc[d].rank().corr(theirs.loc[d].rank())
                 for d in mine.index[comparable]]
    return {
        "median ours / paper": ratio.median(),
        "smallest ratio": ratio.min(),
        "largest ratio": ratio.max(),
        "order like the paper (Spearman)": np.mean(agreement) if agreement else np.nan,
    }


def reading_diagnostics(ours, readings, published, *, methods, datasets) -> pd.DataFrame:
    """:func:`reading_agreement` of our distances and of each :func:`distance_readings`.

    Parameters
    ----------
    ours : DataFrame
        Our distances, long (``method, dataset, metric, mean``).
    readings : DataFrame
        From :func:`distance_readings`; a reading is compared with the paper's table of
        its name's first word (``"JS"`` or ``"MMD"``).
    published : dict of str to DataFrame
        The paper's long tables per distance (``"JS"``, ``"WD"``, ``"MMD"``).
    methods, datasets : list of str

    Returns
    -------
    DataFrame
        Indexed by ``reading``.
    """
    from .report import wide

    ours_labels = {"JS": "JS, ours (imbdiff)", "WD": "WD, ours (imbdiff)",
                   "MMD": "MMD, ours (RBF, imbdiff)"}
    candidates = [(m, label, ours, m) for m, label in ours_labels.items()]
    candidates += [(name.split(",")[0], name,
                    readings.assign(metric=name, mean=readings[name]), name)
                   for name in readings.columns if name not in ("method", "dataset")]
    rows = []
    for metric, label, frame, key in candidates:
        mine = wide(frame, key, methods=methods).reindex(datasets)
        theirs = wide(published[metric], metric, methods=methods).reindex(datasets)
        rows.append({"reading": label, **reading_agreement(mine, theirs)})
    return pd.DataFrame(rows).set_index("reading")


def paired_ranks(ours, published, metrics, *, methods, datasets):
    """Table 2's average ranks, ours and the paper's, on the datasets where ours are complete.

    For each metric the datasets are those of ``datasets`` where every method has our
    value; the paper's Tables 16-18 are ranked on the same ones (lower = closer, ties
    share their mean rank). A metric with fewer than two such datasets is left out.

    Returns
    -------
    ranks : DataFrame
        Indexed by method; columns ``(distance, "paper" | "ours" | "diff")``,
        ``diff = ours - paper``.
    ranked_on : dict of str to list
        The datasets each metric was ranked on.
    """
    from . import stats
    from .report import wide

    columns, ranked_on = {}, {}
    present = set(ours["dataset"])
    for metric in metrics:
        mine = (wide(ours, metric, methods=methods)
                .reindex([d for d in datasets if d in present]).dropna())
        ranked_on[metric] = list(mine.index)
        if len(mine) < 2:
            continue
        theirs = wide(published[metric], metric, methods=methods).reindex(mine.index)
        paper = stats.average_ranks(theirs, higher_is_better=False)
        own = stats.average_ranks(mine, higher_is_better=False)
        columns[(metric, "paper")], columns[(metric, "ours")] = paper, own
        columns[(metric, "diff")] = own - paper
    ranks = pd.DataFrame(columns).reindex(methods)
    if columns:
        ranks.columns = pd.MultiIndex.from_tuples(ranks.columns, names=["distance", ""])
    return ranks, ranked_on


def rank_dots(printed, ranks, metrics, methods):
    """One panel per distance: the printed Table 2 rank, the paper's on our datasets, ours.

    Parameters
    ----------
    printed : DataFrame
        The printed Table 2, methods down, distances across.
    ranks : DataFrame
        From :func:`paired_ranks`; a distance it lacks shows the printed ranks only.
    metrics, methods : list of str

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(metrics), figsize=(10, 3.1), sharey=True, squeeze=False)
    axes = axes[0]
    positions = np.arange(len(methods))
    for ax, metric in zip(axes, metrics):
        ax.scatter(printed[metric], positions, facecolors="none", edgecolors="grey",
                   label="paper, Table 2 (10 datasets)")
        if (metric, "ours") in ranks:
            ax.scatter(ranks[(metric, "paper")], positions, marker="s", color="tab:orange",
                       label="paper, our datasets")
            ax.scatter(ranks[(metric, "ours")], positions, color="tab:blue", label="ours")
        ax.set(title=metric, xlim=(0.8, len(methods) + 0.2), xlabel="average rank")
        # the rank every method would get if the distances did not tell them apart
        ax.axvline((len(methods) + 1) / 2, color="lightgrey", lw=0.8, zorder=0)
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(positions, methods)
    axes[0].invert_yaxis()
    handles, labels = axes[-1].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


def rank_statements(ranks, metrics, *, reference="LReDDPM") -> list:
    """One Markdown line per distance: the reference's average rank and place, ours and paper's.

    Parameters
    ----------
    ranks : DataFrame
        From :func:`paired_ranks`; every metric must be in it.
    """
    lines = []
    for metric in metrics:
        if (metric, "ours") not in ranks:
            raise ValueError(f"ranks lack the distance {metric!r}")
        said = {}
        for side in ("ours", "paper"):
            r = ranks[(metric, side)]
            said[side] = (
                f"{r[reference]:.2f} in {'ours' if side == 'ours' else 'the paper'}"
                f"{' on the same datasets' if side == 'paper' else ''} "
                f"(place {r.rank(method='min')[reference]:.0f} of {len(r)}; best "
                f"{', '.join(r.index[r == r.min()])} at {r.min():.2f})"
            )
        lines.append(f"* **{metric}**: {reference}'s average rank is {said['ours']} "
                     f"against {said['paper']}.")
    return lines


# --- Chapter 13 (synthetic types): the types of the generated rows -----------------------

#: One colour per region type, safe to outlier.
REGION_COLOURS = dict(zip(("safe", "border", "rare", "outlier"),
                          ["#4c9a2a", "#f2b134", "#e07b39", "#b33040"]))


def type_share_tables(results, shares, datasets, generators) -> dict:
    """Per dataset, the region-type shares of the real rows and of each generator's rows.

    Parameters
    ----------
    results : imbdiff.experiments.Results
        Gives each dataset's first LReDDPM split, whose training rows are typed.
    shares : DataFrame
        Long: ``generator``, ``dataset``, ``method`` (the type) and ``mean`` (the share),
        one row per split (as :func:`imbdiff.experiments.synthetic_type_shares` returns
        it, with a ``generator`` column added).
    datasets, generators : list of str

    Returns
    -------
    dict of str to DataFrame
        Rows ``guiding rows (real)`` and ``all minority rows (real)`` (the first split's
        minority training rows of the guiding type, and all of them), then each
        generator present (mean over the splits); columns the four types, safe to
        outlier.
    """
    from .experiments import guiding_region, training_split
    from .regions import REGION_NAMES, region_types

    tables = {}
    for dataset in datasets:
        X_train, y_train, _, _, nominal = training_split(
            results.get(dataset, "LReDDPM").experiment)
        types = region_types(X_train, y_train, categorical_features=nominal)[y_train == 1]
        real = {"guiding rows (real)": pd.Series(types[types == guiding_region(dataset)]),
                "all minority rows (real)": pd.Series(types)}
        rows = {k: v.value_counts(normalize=True).reindex(REGION_NAMES).fillna(0.0)
                for k, v in real.items()}
        part = shares[shares["dataset"] == dataset]
        by_generator = (part.groupby(["generator", "method"])["mean"].mean()
                        .unstack("method").reindex(columns=list(REGION_NAMES)))
        rows.update({g: by_generator.loc[g] for g in generators if g in by_generator.index})
        tables[dataset] = pd.DataFrame(rows).T
    return tables


def _type_legend(fig_or_ax, **options):
    import matplotlib.pyplot as plt

    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in REGION_COLOURS.values()]
    fig_or_ax.legend(handles, list(REGION_COLOURS), fontsize=8, **options)


def type_bars(type_tables, datasets, *, method="LReDDPM"):
    """Figure 5: one stacked bar of ``method``'s row types per dataset.

    The guiding region is named under each bar and its segment outlined in black; a
    dataset whose table lacks ``method`` shows "failed".

    Parameters
    ----------
    type_tables : dict of str to DataFrame
        From :func:`type_share_tables`.
    datasets : list of str

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    from .experiments import guiding_region

    fig, ax = plt.subplots(figsize=(max(4.5, 1.0 * len(datasets) + 1.5), 3.6))
    for position, dataset in enumerate(datasets):
        if method not in type_tables[dataset].index:
            ax.text(position, 0.5, "failed", rotation=90, ha="center", va="center")
            continue
        row, bottom = type_tables[dataset].loc[method], 0.0
        for kind, colour in REGION_COLOURS.items():
            guided = kind == guiding_region(dataset)
            ax.bar(position, row[kind], bottom=bottom, color=colour, width=0.7,
                   edgecolor="black" if guided else "white",
                   linewidth=1.4 if guided else 0.5)
            bottom += row[kind]
    ax.set_xticks(range(len(datasets)),
                  [f"{d}\n({guiding_region(d)})" for d in datasets], fontsize=8)
    ax.set_ylabel(f"share of {method}'s rows")
    ax.set_ylim(0, 1)
    _type_legend(ax, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig


def type_panels(type_tables, datasets, *, columns=3):
    """One panel per dataset: stacked type shares of the real rows and of each generator.

    Parameters
    ----------
    type_tables : dict of str to DataFrame
        From :func:`type_share_tables` (the two real rows first).
    datasets : list of str
    columns : int, default=3
        The most panels per line.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    from .experiments import guiding_region

    columns = min(columns, len(datasets)) or 1
    lines = int(np.ceil(len(datasets) / columns)) or 1
    fig, axes = plt.subplots(lines, columns, figsize=(4.3 * columns, 3.0 * lines),
                             squeeze=False)
    for ax, dataset in zip(axes.flat, datasets):
        table = type_tables[dataset]
        bottom = np.zeros(len(table))
        for kind, colour in REGION_COLOURS.items():
            height = table[kind].fillna(0).to_numpy()
            ax.bar(range(len(table)), height, bottom=bottom, color=colour, width=0.75)
            bottom += height
        labels = ["guiding\n(real)", "minority\n(real)"] + list(table.index[2:])
        ax.set_xticks(range(len(table)), labels, rotation=60, fontsize=7)
        ax.axvline(1.5, color="black", linewidth=0.6)  # real rows | generated rows
        ax.set_ylim(0, 1)
        ax.set_title(f"{dataset} (guided by {guiding_region(dataset)})", fontsize=9)
    for ax in list(axes.flat)[len(datasets):]:
        ax.axis("off")
    _type_legend(fig, loc="lower center", ncol=4, bbox_to_anchor=(0.5, -0.02))
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def modal_type_misses(shares: pd.DataFrame, datasets) -> list:
    """The datasets where the guiding type is not the most common type of the rows.

    Parameters
    ----------
    shares : DataFrame
        Indexed by dataset, one column per region type (shares in %).
    datasets : list of str

    Returns
    -------
    list of str
        One description per such dataset: the modal type and its share, the guiding
        type and its share, and whether the two tie (``imbdiff.claims`` then breaks the
        tie in the order safe, border, rare, outlier).
    """
    from .experiments import guiding_region
    from .regions import REGION_NAMES

    described = []
    for dataset in datasets:
        row = shares.loc[dataset, list(REGION_NAMES)].astype(float)
        own = guiding_region(dataset)
        if row.idxmax() == own:
            continue
        tie = (" (a tie, which imbdiff.claims breaks in the order safe, border, rare, "
               "outlier)" if np.isclose(row.max(), row[own]) else "")
        described.append(f"{dataset}: {row.idxmax()} {row.max():.1f} %, guiding type "
                         f"{own} {row[own]:.1f} %{tie}")
    return described


# --- Chapter 02 (regions): the minority rows' types beside Table 12 -----------------------


def minority_type_shares(datasets, split_seeds, *, k=5, test_size=0.2):
    """The shares (%) of the four region types among each split's minority training rows.

    Parameters
    ----------
    datasets : list of str
        Table 1's names; one that cannot be loaded is reported, not raised.
    split_seeds : list of int
        Seeds of the stratified hold-out splits (:func:`imbdiff.datasets.holdout_split`).
    k : int, default=5
        Neighbours of :func:`imbdiff.regions.region_types`.
    test_size : float, default=0.2

    Returns
    -------
    shares : DataFrame
        Long: ``dataset, split_seed, metric`` (the type), ``mean`` (its share in %) and
        ``minority_rows``.
    missing : dict of str to str
        The datasets not available, with the first line of the reason.
    """
    from . import datasets as imbdatasets
    from .regions import REGION_NAMES, region_types

    records, missing = [], {}
    for name in datasets:
        try:
            data = imbdatasets.load(name)
        except imbdatasets.DatasetUnavailable as error:
            missing[name] = str(error).splitlines()[0]
            continue
        for split_seed in split_seeds:
            X_train, _, y_train, _ = imbdatasets.holdout_split(data, test_size=test_size,
                                                               seed=split_seed)
            types = region_types(X_train, y_train, k=k)
            minority = pd.Series(types[np.asarray(y_train) == 1])
            shares = minority.value_counts(normalize=True).reindex(REGION_NAMES, fill_value=0)
            records += [{"dataset": name, "split_seed": split_seed, "metric": region,
                         "mean": 100 * share, "minority_rows": len(minority)}
                        for region, share in shares.items()]
    columns = ["dataset", "split_seed", "metric", "mean", "minority_rows"]
    return pd.DataFrame(records, columns=columns), missing


def share_bars(paper_wide: pd.DataFrame, ours_wide: pd.DataFrame):
    """Paired stacked bars of the four types' shares per dataset: the paper's (hatched), ours.

    Parameters
    ----------
    paper_wide, ours_wide : DataFrame
        Datasets down (the same in both), the four types across, in %.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    if list(paper_wide.index) != list(ours_wide.index):
        raise ValueError("the paper's and our shares must list the same datasets")
    names = list(ours_wide.index)
    fig, ax = plt.subplots(figsize=(max(6, 1.1 * len(names)), 4))
    positions = np.arange(len(names))
    for offset, label, frame in ((-0.2, "paper", paper_wide), (0.2, "ours", ours_wide)):
        bottom = np.zeros(len(names))
        for region, colour in REGION_COLOURS.items():
            ax.bar(positions + offset, frame[region], width=0.38, bottom=bottom,
                   color=colour, edgecolor="white", hatch="" if label == "ours" else "//",
                   label=region if label == "ours" else None)
            bottom += frame[region].to_numpy()
    ax.set_xticks(positions, [f"{name}\npaper | ours" for name in names], fontsize=8)
    ax.set_ylabel("% of minority training rows")
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Patch(facecolor="white", edgecolor="grey", hatch="//",
                         label="paper (hatched)"))
    ax.legend(handles=handles, ncols=5, loc="upper center", bbox_to_anchor=(0.5, 1.12),
              frameon=False, fontsize=8)
    ax.set_ylim(0, 100)
    return fig


def share_verdicts(ours_wide, paper_wide, datasets, *, missing=(), close=5, partly=15):
    """Table 12's verdict per dataset, from the total-variation distance of the shares.

    ``reproduced`` when half the sum of the absolute differences (percentage points) is at
    most ``close``; ``partly reproduced`` when it is at most ``partly`` or the dominant
    type agrees; ``not reproduced`` otherwise; ``not available`` for ``missing``.

    Parameters
    ----------
    ours_wide, paper_wide : DataFrame
        Datasets down, the four types across, in %.
    datasets : list of str
    missing : collection of str
        Datasets that could not be typed.

    Returns
    -------
    DataFrame
        Indexed by dataset: ``TV distance (pp)`` (rounded to 2 decimals), ``dominant:
        paper``, ``dominant: ours``, ``verdict``.
    """
    if not close <= partly:
        raise ValueError(f"close ({close}) must not exceed partly ({partly})")
    rows = {}
    for name in datasets:
        if name in missing:
            rows[name] = {"verdict": "not available"}
            continue
        distance = 0.5 * (ours_wide.loc[name] - paper_wide.loc[name]).abs().sum()
        paper_top, ours_top = paper_wide.loc[name].idxmax(), ours_wide.loc[name].idxmax()
        if distance <= close:
            verdict = "reproduced"
        elif distance <= partly or paper_top == ours_top:
            verdict = "partly reproduced"
        else:
            verdict = "not reproduced"
        rows[name] = {"TV distance (pp)": round(distance, 2), "dominant: paper": paper_top,
                      "dominant: ours": ours_top, "verdict": verdict}
    return pd.DataFrame(rows).T


# --- Chapter 06 (AUC): ours minus the paper's ---------------------------------------------


def paper_differences(table: pd.DataFrame) -> pd.DataFrame:
    """The ``diff`` columns (ours - paper) of a :func:`imbdiff.report.method_table`.

    Returns
    -------
    DataFrame
        Methods down, datasets across; a dataset without any of our values left out.
    """
    columns = table.columns
    if not isinstance(columns, pd.MultiIndex) or "diff" not in columns.get_level_values(1):
        raise ValueError("table has no (dataset, 'diff') columns: pass a method_table")
    return table.xs("diff", axis=1, level=1).dropna(axis=1, how="all")


def difference_heatmaps(panels: dict, *, label="ours - paper"):
    """One annotated heat map per panel of differences, on one symmetric colour scale.

    Parameters
    ----------
    panels : dict of str to DataFrame
        Title -> differences (rows and columns as drawn); NaN cells stay blank.
    label : str
        The colour bar's label.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    limit = max([np.nanmax(np.abs(d.to_numpy(dtype=float))) for d in panels.values()
                 if d.size] + [1.0])
    fig, axes = plt.subplots(1, len(panels), figsize=(5.5 * len(panels), 3.6), sharey=True,
                             squeeze=False)
    for ax, (title, d) in zip(axes[0], panels.items()):
        values = d.to_numpy(dtype=float)
        image = ax.imshow(values, cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
        ax.set_xticks(range(d.shape[1]), d.columns, rotation=45, ha="right")
        ax.set_yticks(range(d.shape[0]), d.index)
        for (i, j), value in np.ndenumerate(values):
            if np.isfinite(value):  # dark cells get white text
                ax.text(j, i, f"{value:+.1f}", ha="center", va="center", fontsize=7,
                        color="white" if abs(value) > 0.6 * limit else "black")
        ax.set_title(title)
    fig.colorbar(image, ax=list(axes[0]), label=label, shrink=0.9)
    return fig


def difference_statement(title: str, table: pd.DataFrame, *, rows="seven"):
    """One Markdown line on a method table's ours - paper: level, extremes, spread.

    Parameters
    ----------
    title : str
        What the table shows (``"decision tree"``).
    table : DataFrame
        A :func:`imbdiff.report.method_table` (``paper``, ``ours``, ``diff`` per dataset).
    rows : str
        How the methods' count reads in the text.

    Returns
    -------
    str or None
        None when the table has no difference.
    """
    d = paper_differences(table).stack()
    if d.empty:
        return None
    mine = table.xs("ours", axis=1, level=1).dropna(axis=1, how="all")
    theirs = table.xs("paper", axis=1, level=1)[mine.columns]
    spread_ours = (mine.max() - mine.min()).median()
    spread_paper = (theirs.max() - theirs.min()).median()
    return (
        f"* **{title}**: ours - paper has median {d.median():+.2f} points, mean "
        f"|diff| {d.abs().mean():.2f}, "
        f"from {d.min():+.2f} ({' / '.join(d.idxmin())}) to {d.max():+.2f} "
        f"({' / '.join(d.idxmax())}). "
        f"Within a dataset the {rows} rows span a median {spread_ours:.2f} points in "
        f"ours and {spread_paper:.2f} in the paper."
    )


# --- Chapter 07 (F1, G-mean): which G-mean the paper prints --------------------------------


def gmean_form_summary(rebuilt: pd.DataFrame, evidence: pd.DataFrame) -> str:
    """The chapter's reading of the paper's G-mean, in Markdown, from the two checks.

    Parameters
    ----------
    rebuilt : DataFrame
        Table 13 rebuilt: ``one deterministic fit`` (bool), ``error, TPR x TNR`` and
        ``error, P x R`` (rebuilt minus printed G-mean, points).
    evidence : DataFrame
        Tables 7, 10, 11's rows: ``possible as sqrt(P x R)``, ``possible as sqrt(TPR x
        TNR)`` (bool), ``|G - AUC|``, ``|G - F1|``.

    Returns
    -------
    str
        The form whose rebuilt values are nearer the printed ones on the deterministic
        rows (``sqrt(TPR x TNR)`` when its largest error is the smaller) is named in bold.
    """
    errors = ["error, TPR x TNR", "error, P x R"]
    missing = [c for c in errors + ["one deterministic fit"] if c not in rebuilt.columns]
    if missing:
        raise ValueError(f"rebuilt lacks the columns {missing}")
    worst = rebuilt.groupby("one deterministic fit")[errors].agg(lambda e: e.abs().max())
    lr, dt = worst.loc[True], worst.loc[False]
    usual = lr["error, TPR x TNR"] < lr["error, P x R"]
    form = "sqrt(TPR x TNR)" if usual else "sqrt(P x R)"
    impossible = int((~evidence["possible as sqrt(P x R)"]).sum())
    return (
        "For the deterministic logistic-regression rows the rebuilt sqrt(TPR x TNR) is "
        f"off by at most {lr['error, TPR x TNR']:.4f} points (the rounding of the "
        f"printed values) and sqrt(P x R) by up to {lr['error, P x R']:.1f} points; "
        "for the rows that are means over runs (the decision tree's, and TVAE's "
        "logistic regression) the errors are at most "
        f"{dt['error, TPR x TNR']:.1f} and {dt['error, P x R']:.1f} points. "
        f"Of the {len(evidence)} rows of Tables 7, 10 and 11, {impossible} are impossible "
        "for sqrt(P x R) (below the F1 or above sqrt(F1)), while "
        f"{int(evidence['possible as sqrt(TPR x TNR)'].sum())} of "
        f"{len(evidence)} lie at or below their AUC (median gap "
        f"{evidence['|G - AUC|'].median():.2f} points, against "
        f"{evidence['|G - F1|'].median():.2f} to the F1). "
        f"**The paper's G-means behave like {form}**, "
        + ("the usual G-mean, not like the formula of its Section 4.1." if usual
           else "the formula of its Section 4.1.")
    )


def gmean_bars(results, forms: dict, methods):
    """Figure 3: one panel of bars per G-mean form, datasets along, one bar per method.

    Parameters
    ----------
    results : imbdiff.experiments.Results
        Read by ``results.wide(metric, methods=..., value=...)``: the mean over the
        splits, the standard deviation as error bar.
    forms : dict of str to str
        Panel title -> our metric.
    methods : list of str
        Bars, in order; ``"Original"`` is hatched.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    colours = dict(zip(methods, plt.get_cmap("tab10").colors))
    n_datasets = max(len(results.wide(m)) for m in forms.values())
    fig, axes = plt.subplots(len(forms), 1, figsize=(max(6, 1.3 * n_datasets + 2), 6),
                             sharex=True, squeeze=False)
    axes = axes[:, 0]
    width = 0.8 / len(methods)
    for ax, (title, metric) in zip(axes, forms.items()):
        means = results.wide(metric, methods=methods)
        stds = results.wide(metric, methods=methods, value="std")
        x = np.arange(len(means))
        for k, method in enumerate(methods):
            ax.bar(x + (k - (len(methods) - 1) / 2) * width, means[method], width,
                   yerr=stds[method], color=colours[method], label=method,
                   hatch="//" if method == "Original" else None,
                   error_kw={"elinewidth": 0.6})
        ax.set(title=title, ylabel="G-mean (%)", ylim=(0, 105))
        ax.set_xticks(x, means.index)
        ax.grid(axis="y", alpha=0.3)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=4, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.09, 1, 1))
    return fig


# --- Chapter 09 (guidance): each alternative guidance against q(y|s) -----------------------


def reference_gaps(scores, metrics, variants, *, datasets, reference="LReDDPM"):
    """Each variant's score minus the reference's, per dataset and metric.

    Parameters
    ----------
    scores : DataFrame
        Long (``method, dataset, metric, mean``), the paper's or ours.
    metrics, variants : sequence of str
    datasets : list of str
        Rows, in order; a missing value shows as NaN.
    reference : str, default="LReDDPM"

    Returns
    -------
    DataFrame
        Datasets down, columns ``(metric, variant)``.
    """
    from .report import wide

    columns = {}
    for metric in metrics:
        table = wide(scores, metric, methods=[reference, *variants], datasets=datasets)
        for variant in variants:
            columns[(metric, variant)] = table[variant] - table[reference]
    return pd.DataFrame(columns)


def gap_bars(paper_gaps, our_gaps, metrics, variants, *, colours=None):
    """One panel per metric: each variant's gap to the reference, the paper's hatched.

    Parameters
    ----------
    paper_gaps, our_gaps : DataFrame
        From :func:`reference_gaps`, over the same datasets; a missing column draws no
        bars.
    metrics, variants : sequence of str
    colours : dict, optional
        Variant -> colour; default matplotlib's cycle.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if list(paper_gaps.index) != list(our_gaps.index):
        raise ValueError("the paper's and our gaps must cover the same datasets")
    colours = colours or dict(zip(variants, plt.get_cmap("tab10").colors))
    names = list(our_gaps.index)
    fig, axes = plt.subplots(1, len(metrics), figsize=(5 * len(metrics), 3.4),
                             squeeze=False)
    x, width = np.arange(len(names)), 0.2
    for ax, metric in zip(axes[0], metrics):
        for i, v in enumerate(variants):
            offset = (i - 0.5) * 2 * width
            if (metric, v) in paper_gaps:
                ax.bar(x + offset - width / 2, paper_gaps[(metric, v)].values, width,
                       color="white", edgecolor=colours[v], hatch="///",
                       label=f"{v}, paper")
            if (metric, v) in our_gaps:
                ax.bar(x + offset + width / 2, our_gaps[(metric, v)].values, width,
                       color=colours[v], label=f"{v}, ours")
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xticks(x, names, rotation=45, ha="right")
        ax.set_title(f"{metric}: alternative - q(y|s)")
        ax.set_ylabel("percentage points")
    axes[0][0].legend(fontsize=7)
    fig.tight_layout()
    return fig


def beaten_count(gaps, *, among=None):
    """How many gaps are above 0 (the alternative wins), of how many, and their mean.

    Parameters
    ----------
    gaps : DataFrame
        From :func:`reference_gaps`.
    among : DataFrame, optional
        Count only the cells where ``among`` (same shape of columns) has a value: the
        paper's gaps on the cells of ours.

    Returns
    -------
    tuple
        ``(beaten, total, mean)``; mean is NaN without a value.
    """
    if among is not None:
        gaps = gaps.reindex(columns=among.columns).where(among.notna())
    values = gaps.to_numpy(dtype=float)
    values = values[~np.isnan(values)]
    return int((values > 0).sum()), len(values), values.mean() if len(values) else np.nan


# --- Chapter 01 (datasets): Table 1's counts ------------------------------------------------


def dataset_counts(datasets, *, seed=0, test_size=0.2):
    """Table 1's columns for each dataset that can be loaded, from one hold-out split.

    Parameters
    ----------
    datasets : list of str
        Table 1's names; one that cannot be loaded is reported, not raised.
    seed : int, default=0
        Seed of the stratified split (:func:`imbdiff.datasets.holdout_split`).
    test_size : float, default=0.2

    Returns
    -------
    counts : DataFrame
        Long: ``dataset, metric, mean`` with the metrics ``#Train``, ``#Test``, ``#Num``,
        ``#Cat`` and ``#Rimb`` (the imbalance ratio).
    loaded : DataFrame
        Indexed by dataset: ``rows``, ``minority`` and ``source``.
    missing : dict of str to str
        The datasets not available, with the first line of the reason.
    """
    from . import datasets as imbdatasets

    rows, loaded, missing = [], [], {}
    for name in datasets:
        try:
            data = imbdatasets.load(name)
        except imbdatasets.DatasetUnavailable as error:
            missing[name] = str(error).splitlines()[0]
            continue
        X_train, X_test, _, _ = imbdatasets.holdout_split(data, test_size=test_size,
                                                          seed=seed)
        counts = {"#Train": len(X_train), "#Test": len(X_test), "#Num": data.n_numeric,
                  "#Cat": data.n_categorical, "#Rimb": data.imbalance_ratio}
        rows += [{"dataset": name, "metric": key, "mean": value}
                 for key, value in counts.items()]
        loaded.append({"dataset": name, "rows": len(data.y),
                       "minority": int(data.y.sum()), "source": data.source})
    loaded = pd.DataFrame(loaded, columns=["dataset", "rows", "minority", "source"])
    counts = pd.DataFrame(rows, columns=["dataset", "metric", "mean"])
    return counts, loaded.set_index("dataset"), missing


# --- Chapter 04 (guided sampling): where the new rows fall ------------------------------------


def projection_panels(train_points, y_train, types, new_points: dict):
    """One panel per set of generated rows, over the training rows, in one 2-D projection.

    Parameters
    ----------
    train_points : ndarray of shape (n_train, 2)
        The training rows, projected.
    y_train : array-like of shape (n_train,)
        1 for the minority class: drawn by region type; the majority in grey.
    types : array-like of shape (n_train,)
        The training rows' region types.
    new_points : dict of str to ndarray of shape (n_rows, 2)
        Panel title -> the generated rows, projected (black crosses).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    train_points, y_train = np.asarray(train_points), np.asarray(y_train)
    types = np.asarray(types)
    if not len(train_points) == len(y_train) == len(types):
        raise ValueError(f"train_points, y_train and types differ in length: "
                         f"{len(train_points)}, {len(y_train)}, {len(types)}")
    fig, axes = plt.subplots(1, len(new_points), figsize=(4.2 * len(new_points), 4),
                             sharex=True, sharey=True, squeeze=False)
    for ax, (label, points) in zip(axes[0], new_points.items()):
        ax.scatter(*train_points[y_train == 0].T, s=3, c="lightgrey", label="majority")
        for kind, colour in REGION_COLOURS.items():
            mask = (y_train == 1) & (types == kind)
            ax.scatter(*train_points[mask].T, s=10, c=colour, label=f"minority: {kind}")
        ax.scatter(*np.asarray(points).T, s=8, marker="x", c="black", alpha=0.6,
                   label="generated")
        ax.set_title(label)
        ax.set_xlabel("PC 1")
    axes[0][0].set_ylabel("PC 2")
    axes[0][0].legend(fontsize=7, loc="best")
    fig.tight_layout()
    return fig


def tau_shift_statement(shift: pd.DataFrame, settings) -> str:
    """How far the tau settings move a row, against two unrelated rows, in Markdown.

    Parameters
    ----------
    shift : DataFrame
        From :func:`tau_row_shifts`: columns ``(setting | "unrelated rows", "numeric
        (sd)")`` among others.
    settings : sequence of str
        The settings compared.

    Returns
    -------
    str
        "nudge" when every setting's largest move on every dataset is under half the
        distance between unrelated rows.
    """
    numeric = shift.xs("numeric (sd)", axis=1, level=1)
    moved, unrelated = numeric[list(settings)], numeric["unrelated rows"]
    nudged = (moved.max(axis=1) < 0.5 * unrelated).all()
    verdict = (
        "the settings only nudge the same rows, and any difference between their "
        "scores comes from these small moves (to which a decision tree's splits can "
        "be sensitive)."
        if nudged
        else "on some dataset the setting changes the rows nearly as much as "
        "drawing other rows would."
    )
    return (
        f"Changing tau moves a row by {moved.min(axis=None):.2f} to "
        f"{moved.max(axis=None):.2f} standard deviations per numeric column on "
        f"average, against {unrelated.min():.2f} to {unrelated.max():.2f} "
        f"between two unrelated rows: {verdict}"
    )


# --- Chapter 12 (DDPM on the region alone): the gain against the region's size ---------------


def gain_by_region_size(sizes: pd.DataFrame, metrics=("AUC_DT", "F1_DT"), *,
                        column="{}: DDPM-region - LReDDPM"):
    """One panel per metric: a gain against the number of guiding rows (log scale).

    Parameters
    ----------
    sizes : DataFrame
        Indexed by dataset, with ``guiding rows`` and one gain column per metric
        (``column.format(metric)``); a row without a size or first gain is left out.
    metrics : sequence of str

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullFormatter

    gains = [column.format(metric) for metric in metrics]
    missing = [c for c in ["guiding rows", *gains] if c not in sizes.columns]
    if missing:
        raise ValueError(f"sizes lacks the columns {missing}")
    plotted = sizes.dropna(subset=["guiding rows", gains[0]])
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.5 * len(metrics), 3.4),
                             sharex=True, squeeze=False)
    for ax, metric, gain in zip(axes[0], metrics, gains):
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.scatter(plotted["guiding rows"].clip(lower=1), plotted[gain], color="#1f3b99")
        for dataset, row in plotted.iterrows():  # a region of 0 rows sits at 1
            ax.annotate(dataset, (max(row["guiding rows"], 1), row[gain]), fontsize=7,
                        xytext=(3, 3), textcoords="offset points")
        ax.set(xscale="log", xlabel="guiding rows (training rows of DDPM-region)",
               ylabel=f"{metric} difference (points)")
        ax.set_xlim(0.8, max(1000, 2 * plotted["guiding rows"].max())
                    if len(plotted) else 1000)
        ax.xaxis.set_minor_formatter(NullFormatter())
    fig.tight_layout()
    return fig
