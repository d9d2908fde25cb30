"""Chapter 12 (Section 6, Table 11: a DDPM trained on the regional rows alone): Table 11
beside ours, its "(+)" and "(-)" markers recomputed, the guiding regions' sizes, the
spread of the generated rows, and the further statements of Section 6 tested.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._common import marker
from ..report import titled

#: Table 11's scores, its G-mean read as sqrt(TPR x TNR) (the form its values take).
TABLE11_METRICS = ("AUC_DT", "F1_DT", "G-mean-TPR-TNR_DT")
#: The two methods Table 11 compares: LReDDPM, and the DDPM trained on the region alone.
TABLE11_METHODS = ("LReDDPM", "DDPM-region")
#: The datasets Table 11 marks "(+)", in all three rows; it marks the others "(-)".
TABLE11_PLUS = ("segment0", "abalone17")


# --- Chapter 12 (DDPM on the region alone): the guiding regions, the rows' spread ---------


def guiding_region_sizes(results, datasets, *, method="DDPM-region", paper_shares=None,
                         markers=None):
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
    markers : DataFrame, optional
        :func:`ddpm_region_markers`; given, our gains ``AUC_DT: DDPM-region - LReDDPM``
        and ``F1_DT: DDPM-region - LReDDPM`` (its ``ours: diff``) are added.

    Returns
    -------
    DataFrame
        Indexed by dataset: ``guiding region``, ``guiding rows`` (NaN when the
        dataset is unavailable), ``generated`` (NaN for a failed cell), ``share of
        minority (%)`` of the training split (NaN for a failed cell) and the
        ``paper's share, Table 12 (%)``.
    """
    from .. import paper
    from ..experiments._methods import guiding_region
    from ._analysis import training_split

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
    sizes = pd.DataFrame(rows, columns=columns).set_index("dataset")
    for metric in ("AUC_DT", "F1_DT") if markers is not None else ():
        gain = markers[(metric, "ours: diff")].reindex(sizes.index)
        sizes[f"{metric}: DDPM-region - LReDDPM"] = gain
    return sizes


def region_size_table(sizes: pd.DataFrame, *, profile=None):
    """:func:`guiding_region_sizes` as the chapter shows it: counts whole, the rest to one
    decimal, captioned.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    from ..report import finished

    counts = ["guiding rows", "generated"]
    missing = [c for c in counts if c not in sizes.columns]
    if missing:
        raise ValueError(f"sizes lacks the columns {missing}")
    return finished(sizes, "Our guiding regions and the gain of training the DDPM on them "
                    "alone", digits=1, formats={c: "{:.0f}" for c in counts}, profile=profile)


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
    from ..experiments._methods import guiding_region
    from ._analysis import training_split
    from ..regions import hvdm_embedding, region_types

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


def region_compactness_table(compact: pd.DataFrame, *, profile=None):
    """:func:`compactness_table` as the chapter shows it: two decimals, captioned.

    Returns
    -------
    pandas.io.formats.style.Styler or str
        A sentence instead when no dataset qualified (``compact`` empty).
    """
    from ..report import finished

    if not len(compact):
        return "no dataset with rows from every method compared"
    return finished(
        compact,
        "Spread of the generated rows and their distance to the nearest guiding row, "
        "relative to the real guiding rows (HVDM of the training split; FinDiff: a "
        "label-conditioned DDPM of the whole training table, sampled for the minority)",
        digits=2, formats={("", "guiding rows"): "{:.0f}"},
        profile=profile)


# --- Chapter 12 (DDPM on the region alone): the gain against the region's size ---------------


def gain_by_region_size(sizes: pd.DataFrame, metrics=("AUC_DT", "F1_DT"), *,
                        column="{}: DDPM-region - LReDDPM", profile=None):
    """One panel per metric: a gain against the number of guiding rows (log scale).

    Parameters
    ----------
    sizes : DataFrame
        Indexed by dataset, with ``guiding rows`` and one gain column per metric
        (``column.format(metric)``); a row without a size or first gain is left out.
    metrics : sequence of str
    profile : Profile or str, optional
        The profile that computed the gains (named in the figure's title).

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
    if profile is not None:
        titled(fig, "DDPM-region minus LReDDPM by the guiding region's size", profile)
    fig.tight_layout()
    return fig


# --- Chapter 12: Table 11 beside ours ----------------------------------------------------


def table11_gmean_check(printed=None) -> str:
    """Which G-mean Table 11 prints: its G-mean against its AUC and its F1.

    A decision tree's AUC is ``(TPR + TNR) / 2``, which bounds ``sqrt(TPR x TNR)`` from
    above; ``sqrt(precision x recall)`` has no such bound and lies near the F1.

    Parameters
    ----------
    printed : DataFrame, optional
        Table 11, long (default :func:`imbdiff.paper.table`), with the metrics
        ``AUC_DT``, ``F1_DT`` and ``G-mean_DT``.

    Returns
    -------
    str
        On how many datasets the printed G-mean is at most the AUC (to the printed
        rounding), and its median distance to the AUC and to the F1, in points.
    """
    wide11 = _printed11(printed).pivot_table(index="dataset", columns="metric", values="mean")
    missing = [m for m in ("AUC_DT", "F1_DT", "G-mean_DT") if m not in wide11.columns]
    if missing:
        raise ValueError(f"Table 11 lacks the metrics {missing}")
    below_auc = int((wide11["G-mean_DT"] <= wide11["AUC_DT"] + 5e-4).sum())
    return (
        f"Table 11's printed G-mean is at most its AUC on {below_auc} of {len(wide11)} "
        "datasets; median distance to the AUC "
        f"{(wide11['G-mean_DT'] - wide11['AUC_DT']).abs().median():.2f} points, to the F1 "
        f"{(wide11['G-mean_DT'] - wide11['F1_DT']).abs().median():.2f}: the form "
        "sqrt(TPR x TNR)"
    )


def _printed11(printed=None) -> pd.DataFrame:
    from .. import paper

    return paper.table("lreddpm", 11) if printed is None else printed


def _table11_as_read(datasets, printed=None) -> pd.DataFrame:
    """Table 11 on ``datasets``, its G-mean under the name of the form its values take."""
    printed = _printed11(printed)
    return printed[printed["dataset"].isin(datasets)].replace(
        {"metric": {"G-mean_DT": "G-mean-TPR-TNR_DT"}})


def table11_table(ours: pd.DataFrame, datasets, *, profile=None, printed=None):
    """Table 11 beside our DDPM-region: ``paper | ours | diff`` per score, captioned.

    Parameters
    ----------
    ours : DataFrame
        Long scores (:meth:`Results.paper_format`); its ``DDPM-region`` rows are read,
        with ``G-mean_DT`` (sqrt(precision x recall), shown without a published value)
        beside :data:`TABLE11_METRICS`.
    datasets : list of str
        The run's datasets; the rows are the paper's, in its order.
    profile : Profile or str, optional
    printed : DataFrame, optional
        Table 11, long (default :func:`imbdiff.paper.table`).

    Returns
    -------
    pandas.io.formats.style.Styler
        Three decimals; "n/a" where a value is missing.
    """
    from ..report import finished, side_by_side

    table = side_by_side(_table11_as_read(datasets, printed),
                         ours[ours["method"] == "DDPM-region"],
                         metrics=[*TABLE11_METRICS, "G-mean_DT"])
    return finished(
        table,
        "Table 11: decision-tree scores of the DDPM trained on the guiding region's rows "
        "(paper | ours | diff = ours - paper); the printed G-mean is compared with our "
        "sqrt(TPR x TNR); G-mean_DT, sqrt(precision x recall), has no published "
        "counterpart", digits=3, profile=profile)


# --- Chapter 12: the "(+)" and "(-)" markers --------------------------------------------


def ddpm_region_markers(ours: pd.DataFrame, datasets, *, published=None) -> pd.DataFrame:
    """Table 11's markers: printed, recomputed from the paper's tables, and ours.

    "(+)" reads "DDPM-region above LReDDPM" (:func:`marker`): for the paper, Table 11
    against LReDDPM's value of Table 3 (AUC) and Table 5 (F1); the paper prints no
    LReDDPM G-mean (Figure 3 only), so that marker cannot be recomputed. Ours compare
    our two methods on the same splits.

    Parameters
    ----------
    ours : DataFrame
        Long scores of LReDDPM and DDPM-region (:meth:`Results.paper_format`).
    datasets : list of str
        The rows, in order.
    published : DataFrame, optional
        The paper's scores of both methods, long, Table 11's G-mean named
        ``G-mean-TPR-TNR_DT``; default Tables 3, 5 and 11.

    Returns
    -------
    DataFrame
        Indexed by dataset; columns ``(metric, part)`` for each of
        :data:`TABLE11_METRICS`, parts ``paper: diff`` (DDPM-region - LReDDPM),
        ``printed`` (from :data:`TABLE11_PLUS`), ``recomputed``, ``ours: diff`` and
        ``ours``; a marker is "+", "-" or "n/a" (a value missing).
    """
    from .. import paper
    from ..report import wide

    datasets = list(datasets)
    if published is None:
        published = pd.concat([paper.table("lreddpm", 3), paper.table("lreddpm", 5),
                               _table11_as_read(datasets)], ignore_index=True)
    published = published[published["dataset"].isin(datasets)]
    printed = pd.Series(["+" if d in TABLE11_PLUS else "-" for d in datasets], index=datasets)
    columns = {}
    for metric in TABLE11_METRICS:
        theirs, mine = (wide(frame, metric, methods=list(TABLE11_METHODS), datasets=datasets)
                        for frame in (published, ours))
        columns[(metric, "paper: diff")] = theirs["DDPM-region"] - theirs["LReDDPM"]
        columns[(metric, "printed")] = printed
        columns[(metric, "recomputed")] = _markers(theirs)
        columns[(metric, "ours: diff")] = mine["DDPM-region"] - mine["LReDDPM"]
        columns[(metric, "ours")] = _markers(mine)
    markers = pd.DataFrame(columns)
    markers.columns = pd.MultiIndex.from_tuples(markers.columns, names=["metric", ""])
    markers.index.name = "dataset"
    return markers


def _markers(scores: pd.DataFrame) -> pd.Series:
    """DDPM-region's marker against LReDDPM per dataset, "n/a" where one is missing."""
    return pd.Series([marker(ddpm, lreddpm) or "n/a" for ddpm, lreddpm
                      in zip(scores["DDPM-region"], scores["LReDDPM"])], index=scores.index)


def ddpm_region_marker_table(markers: pd.DataFrame, *, profile=None):
    """:func:`ddpm_region_markers` as the chapter shows it: signed differences of three
    decimals, captioned.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    from ..report import finished

    diffs = [c for c in markers.columns if c[1].endswith("diff")]
    if not diffs:
        raise ValueError("markers has no diff column: use ddpm_region_markers' table")
    return finished(
        markers,
        "Table 11's markers: diff = DDPM-region - LReDDPM (paper: Tables 11 minus 3/5; "
        "ours: same split); '+' where DDPM-region is higher; the paper's G-mean markers "
        "compare with Figure 3, not printed",
        formats={c: "{:+.3f}" for c in diffs}, profile=profile)


def marker_agreement(markers: pd.DataFrame) -> dict:
    """How often the recomputed markers, and ours, agree with the printed ones.

    Returns
    -------
    dict
        ``"paper"``: ``(agree, cases)`` over the AUC and F1 markers the paper's
        tables let us recompute; ``"ours"``: ``(agree, cases)`` over our markers of
        every metric of :data:`TABLE11_METRICS` (n/a cases left out).
    """
    return {"paper": _agreement(markers, "recomputed", ("AUC_DT", "F1_DT")),
            "ours": _agreement(markers, "ours", TABLE11_METRICS)}


def _agreement(markers, part, metrics):
    cases = [(d, m) for d in markers.index for m in metrics
             if markers.loc[d, (m, part)] != "n/a"]
    agree = sum(markers.loc[d, (m, part)] == markers.loc[d, (m, "printed")] for d, m in cases)
    return agree, len(cases)


def marker_statements(markers: pd.DataFrame) -> str:
    """:func:`marker_agreement` in Markdown, and where our DDPM-region is above."""
    agreement = marker_agreement(markers)
    lines = [
        "* The paper's AUC and F1 markers recomputed from Tables 3, 5 and 11 agree with "
        "the printed ones in **{} of {}** cases.".format(*agreement["paper"]),
        "* Our markers agree with the printed ones in **{} of {}** (dataset, score) "
        "cases.".format(*agreement["ours"]),
    ]
    for metric in TABLE11_METRICS:
        plus = [d for d in markers.index if markers.loc[d, (metric, "ours")] == "+"]
        lines.append(f"* {metric}: our DDPM-region is above our LReDDPM on "
                     f"{', '.join(plus) if plus else 'no dataset'} (the paper: "
                     f"{' and '.join(TABLE11_PLUS)}).")
    return "\n".join(lines) + "\n"


# --- Chapter 12: Section 6's further statements ------------------------------------------


def further_statements(markers: pd.DataFrame, compact: pd.DataFrame, *,
                       exclude=("parkin",)) -> pd.DataFrame:
    """Section 6's statements about Table 11 that :mod:`imbdiff.claims` does not hold,
    each tested as a share of its cases by :func:`imbdiff.claims.share_verdict`.

    The statements: DDPM-region is below LReDDPM in F1 and in G-mean (the paper's share
    of "(-)" markers over the same cases is the target); it improves on the datasets
    of :data:`TABLE11_PLUS` (every case); its rows cluster into a small block, read as
    a spread below LReDDPM's (every dataset).

    Parameters
    ----------
    markers : DataFrame
        :func:`ddpm_region_markers`; a case is a (dataset, score) whose marker of ours
        is not "n/a".
    compact : DataFrame
        :func:`compactness_table` (may be empty).
    exclude : tuple of str, default=("parkin",)
        Datasets left out of every statement (parkin: not to be had offline, so the
        book's runs never hold it).

    Returns
    -------
    DataFrame
        One row per statement: ``statement``, ``paper``, ``ours`` ("k of n", or
        "n/a" without a case) and ``verdict``.
    """
    available = [d for d in markers.index if d not in exclude]
    rows = []
    for metric in ("F1_DT", "G-mean-TPR-TNR_DT"):
        cases = [d for d in available if markers.loc[d, (metric, "ours")] != "n/a"]
        ours = sum(markers.loc[d, (metric, "ours")] == "-" for d in cases)
        theirs = sum(markers.loc[d, (metric, "printed")] == "-" for d in cases)
        rows.append(_statement(f"DDPM-region is below LReDDPM ({metric})", theirs, ours,
                               len(cases), theirs / len(cases) if cases else 1.0))
    named = [d for d in TABLE11_PLUS if d in available]
    cases = [(d, m) for d in named for m in TABLE11_METRICS
             if markers.loc[d, (m, "ours")] != "n/a"]
    ours = sum(markers.loc[d, (m, "ours")] == "+" for d, m in cases)
    rows.append(_statement(f"DDPM-region improves on {' and '.join(TABLE11_PLUS)} (AUC, "
                           "F1, G-mean)", len(cases), ours, len(cases), 1.0))
    tighter = total = 0
    if len(compact) and ("DDPM-region", "spread") in compact.columns:
        pair = compact[[("DDPM-region", "spread"), ("LReDDPM", "spread")]].dropna()
        tighter = int((pair[("DDPM-region", "spread")] < pair[("LReDDPM", "spread")]).sum())
        total = len(pair)
    row = _statement("DDPM-region's rows cluster into a small block: spread below "
                     "LReDDPM's", 0, tighter, total, 1.0)
    rows.append({**row, "paper": "stated (no numbers)"})
    return pd.DataFrame(rows, columns=["statement", "paper", "ours", "verdict"])


def _statement(text, paper_count, our_count, cases, target) -> dict:
    from ..claims import share_verdict

    return {"statement": text,
            "paper": f"{paper_count} of {cases}" if cases else "n/a",
            "ours": f"{our_count} of {cases}" if cases else "n/a",
            "verdict": share_verdict(our_count, cases, target)}


def further_statement_table(statements: pd.DataFrame, *, profile=None):
    """:func:`further_statements` as the chapter shows it: captioned, no index.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    from ..report import finished

    return finished(statements, "Section 6's further statements about Table 11, beyond "
                    "imbdiff.claims", hide_index=True, profile=profile)


def ddpm_region_findings(verdicts: pd.DataFrame, markers: pd.DataFrame,
                         statements: pd.DataFrame, sizes: pd.DataFrame) -> str:
    """The chapter's findings in Markdown: Table 11's claim (AUC) with our range of
    DDPM-region - LReDDPM beside the paper's, each further statement, and the smallest
    guiding region.

    Parameters
    ----------
    verdicts : DataFrame
        :func:`imbdiff.claims.check` on the chapter (its first row is read).
    markers : DataFrame
        :func:`ddpm_region_markers`.
    statements : DataFrame
        :func:`further_statements`.
    sizes : DataFrame
        :func:`guiding_region_sizes` with the gains (``markers`` given).

    Returns
    -------
    str
        One bullet per finding; a sentence when there is nothing to discuss.
    """
    lines = []
    if len(verdicts):
        lines.append(_claim_line(verdicts.iloc[0], markers))
    for _, row in statements.iterrows():
        lines.append(f"* **{row['statement']}: {row['verdict']}** (paper {row['paper']}, "
                     f"ours {row['ours']}).")
    if len(sizes) and sizes["guiding rows"].notna().any():
        smallest = sizes["guiding rows"].astype(float).idxmin()
        lines.append(
            f"* The smallest guiding region in this run is {smallest}'s "
            f"({int(sizes.loc[smallest, 'guiding rows'])} rows); DDPM-region - LReDDPM "
            f"there: AUC {sizes.loc[smallest, 'AUC_DT: DDPM-region - LReDDPM']:+.2f}, "
            f"F1 {sizes.loc[smallest, 'F1_DT: DDPM-region - LReDDPM']:+.2f} points.")
    return "\n".join(lines) if lines else "No cell to discuss in this run."


def _claim_line(row, markers) -> str:
    auc = markers.xs("ours: diff", axis=1, level=1)["AUC_DT"].dropna()
    if not len(auc):
        return f"* **Table 11's statement (AUC): {row['verdict']}.**"
    auc_paper = markers.xs("paper: diff", axis=1, level=1)["AUC_DT"].reindex(auc.index)
    return (
        f"* **Table 11's statement (AUC): {row['verdict']}** (paper: {row['paper']}; "
        f"ours: {row['ours']}). Our DDPM-region - LReDDPM AUC ranges from "
        f"{auc.min():+.2f} to {auc.max():+.2f} points (mean {auc.mean():+.2f}); the "
        f"paper's on the same datasets from {auc_paper.min():+.2f} to "
        f"{auc_paper.max():+.2f} (mean {auc_paper.mean():+.2f})."
    )
