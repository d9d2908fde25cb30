"""Chapter 09: which gradient guides the reverse process (Section 5.1, Table 6).

LReDDPM's guidance q(y|s) against the two time-aware alternatives q(y|s,x_t) and
q(y|x_t): Table 6 beside ours, its "(+)" markers recomputed, and each alternative's
gap to q(y|s).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import paper
from ..claims._counts import GENERATORS
from ..report import finished, wide
from ._grids import GUIDANCE_VARIANTS
from ..report import titled
from ._variant_runs import _markdown, _marker_grid, paper_beside_ours

#: Table 6's metrics -> the table LReDDPM's row and the oversamplers come from
#: (Table 3: AUC, Table 5: F1).
GUIDANCE_METRICS = {"AUC_DT": 3, "F1_DT": 5}

#: Table 6's rows, LReDDPM's q(y|s) first, as the chapter labels them.
GUIDANCE_LABELS = {"LReDDPM": "q(y|s) = LReDDPM", "q(y|s,x_t)": "q(y|s,x_t)",
                   "q(y|x_t)": "q(y|x_t)"}

#: Table 6's printed markers, one per dataset in Table 1's order ("+": above the best
#: method of Table 3 or 5). The paper's text, transcribed here: the score tables of
#: :func:`imbdiff.paper.table` hold no markers.
TABLE6_MARKERS = {
    ("q(y|s,x_t)", "AUC_DT"): "++--+--+--",
    ("q(y|s,x_t)", "F1_DT"): "-+--+--+--",
    ("q(y|x_t)", "AUC_DT"): "+---+-----",
    ("q(y|x_t)", "F1_DT"): "----+-----",
}

_VARIANTS = list(GUIDANCE_VARIANTS)
_COLOURS = {"q(y|s,x_t)": "#1f77b4", "q(y|x_t)": "#d62728"}


def _check_metric(metric):
    if metric not in GUIDANCE_METRICS:
        raise ValueError(f"Table 6 shows {list(GUIDANCE_METRICS)}; got {metric!r}")


def _table1_order():
    """Table 6's datasets, in Table 1's order (the order of its printed markers)."""
    return list(dict.fromkeys(paper.table("lreddpm", 6)["dataset"]))


def _oversampler_tables():
    """Tables 3 and 5 of the paper, every method."""
    return pd.concat([paper.table("lreddpm", n) for n in GUIDANCE_METRICS.values()],
                     ignore_index=True)


def _table6_beside(datasets):
    """Table 6 with LReDDPM's rows of Tables 3 and 5 (its q(y|s)), on ``datasets``."""
    published = pd.concat(
        [paper.table("lreddpm", 6),
         *[paper.table("lreddpm", n).query("method == 'LReDDPM'")
           for n in GUIDANCE_METRICS.values()]],
        ignore_index=True,
    )
    return published[published["dataset"].isin(datasets)]


def guidance_scores(main, variants) -> pd.DataFrame:
    """Our decision-tree AUC and F1 of Tables 3-5's cells and of the two alternatives,
    long (``method, dataset, metric, mean, std, splits``), as the paper prints them.

    Parameters
    ----------
    main, variants : Results
        The "main" grid's cells and the "guidance" grid's.
    """
    metrics = list(GUIDANCE_METRICS)
    return pd.concat([main.paper_format(metrics), variants.paper_format(metrics)],
                     ignore_index=True)


def guidance_table(ours, metric, *, datasets, profile):
    """Table 6 beside ours for one metric: the three guidances down, ``(dataset, paper
    | ours | diff)`` across, the best of each column in bold.

    Parameters
    ----------
    ours : DataFrame
        :func:`guidance_scores`.
    metric : {"AUC_DT", "F1_DT"}
    datasets : sequence of str
        The datasets of the run.
    profile : Profile or str

    Returns
    -------
    pandas Styler
    """
    _check_metric(metric)
    rows = list(GUIDANCE_LABELS)
    return paper_beside_ours(
        _table6_beside(datasets), ours[ours["method"].isin(rows)], metric=metric,
        methods=rows, labels=GUIDANCE_LABELS, profile=profile,
        caption=f"Table 6, {metric} (decision tree, %): paper, ours and ours - paper",
    )


def guidance_paper_gap(ours, *, datasets, profile):
    """Mean ``|ours - paper|`` per guidance and metric over the datasets run.

    Returns
    -------
    pandas Styler
        The three guidances down, the metrics across, two decimals.
    """
    rows = list(GUIDANCE_LABELS)
    both = _table6_beside(datasets).merge(
        ours[ours["method"].isin(rows)], on=["method", "dataset", "metric"],
        suffixes=("_paper", "_ours"))
    gap = (
        both.assign(gap=(both["mean_ours"] - both["mean_paper"]).abs())
        .pivot_table(index="method", columns="metric", values="gap", aggfunc="mean")
        .reindex(rows)
    )
    gap.index = gap.index.map(GUIDANCE_LABELS)
    return finished(gap, "Mean |ours - paper| over the datasets run, in percentage points",
                    profile=profile, digits=2)


def _best_oversampler(main_scores, metric):
    """The best of the six oversamplers per dataset: its value and its name."""
    table = wide(main_scores, metric, methods=GENERATORS).dropna(how="all")
    return table.max(axis=1), table.idxmax(axis=1)


def _oversampler_markers(main_scores, variant_scores, metric):
    """Per alternative, "+" where it is above the best oversampler of the dataset."""
    best, _ = _best_oversampler(main_scores, metric)
    table = wide(variant_scores, metric, methods=_VARIANTS)
    markers = {}
    for variant in _VARIANTS:
        value = table[variant].reindex(best.index)
        markers[variant] = (value > best)[value.notna()].map({True: "+", False: "-"})
    return markers


def guidance_marker_agreement():
    """How many of Table 6's printed markers the rule ("+": above the best oversampler
    of Table 3 or 5) gives on the paper's own numbers.

    Returns
    -------
    tuple of int
        ``(agree, printed)``.
    """
    order, table6, main = _table1_order(), paper.table("lreddpm", 6), _oversampler_tables()
    agree = 0
    for metric in GUIDANCE_METRICS:
        markers = _oversampler_markers(main, table6, metric)
        agree += sum(markers[v].get(d) == printed
                     for (v, m), string in TABLE6_MARKERS.items() if m == metric
                     for d, printed in zip(order, string))
    return agree, len(TABLE6_MARKERS) * len(order)


def guidance_references(ours, *, datasets, profile):
    """What a "+" of Table 6 has to beat: the best oversampler of Table 3 (AUC) or
    Table 5 (F1) per dataset, in the paper and in ours.

    Returns
    -------
    pandas Styler
        Indexed by ``(metric, dataset)``; the best method and its value for each
        source (``"n/a"`` where a dataset has none).
    """
    sources = {"paper": _oversampler_tables(), "ours": ours}
    rows = {}
    for metric in GUIDANCE_METRICS:
        best = {source: _best_oversampler(scores, metric) for source, scores in sources.items()}
        for dataset in datasets:
            row = {}
            for source, (value, method) in best.items():
                row[f"{source}: best method"] = method.get(dataset, "n/a")
                row[f"{source}: value"] = value.get(dataset, np.nan)
            rows[(metric, dataset)] = row
    table = pd.DataFrame(rows).T
    table.index.names = ["metric", "dataset"]
    return finished(
        table, "What a '+' has to beat: the best oversampler of Table 3 (AUC) / Table 5 "
        "(F1) per dataset", profile=profile,
        formats={"paper: value": "{:.3f}", "ours: value": "{:.3f}"})


def guidance_markers(ours, *, datasets, profile):
    """Table 6's printed markers beside the rule's on our numbers, with their counts.

    Returns
    -------
    pandas Styler
        One row per (alternative, metric); ``(dataset, "paper" | "ours")`` and
        ``("count of +", ...)`` across.
    """
    markers = {}
    for metric in GUIDANCE_METRICS:
        for variant, marks in _oversampler_markers(ours, ours, metric).items():
            markers[(variant, metric)] = marks
    grid = _marker_grid(TABLE6_MARKERS, markers, datasets, order=_table1_order())
    grid.index = pd.MultiIndex.from_tuples([(GUIDANCE_LABELS[v], m) for v, m in grid.index])
    return finished(grid, "Table 6's markers: printed in the paper vs recomputed on ours "
                    "('+': above the best of Table 3 / 5)", profile=profile)


def guidance_gaps(ours, *, datasets):
    """Each alternative minus q(y|s) per dataset, in the paper's Tables 3, 5 and 6 and
    in ours (:func:`reference_gaps`).

    Returns
    -------
    tuple of DataFrame
        ``(paper, ours)``, datasets down, ``(metric, alternative)`` across.
    """
    published = pd.concat([paper.table("lreddpm", 6), _oversampler_tables()])
    return tuple(reference_gaps(scores, GUIDANCE_METRICS, _VARIANTS, datasets=datasets)
                 for scores in (published, ours))


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
    columns = {}
    for metric in metrics:
        table = wide(scores, metric, methods=[reference, *variants], datasets=datasets)
        for variant in variants:
            columns[(metric, variant)] = table[variant] - table[reference]
    return pd.DataFrame(columns)


def gap_bars(paper_gaps, our_gaps, metrics=None, variants=None, *, colours=None,
             profile=None):
    """One panel per metric: each variant's gap to the reference, the paper's hatched.

    Parameters
    ----------
    paper_gaps, our_gaps : DataFrame
        From :func:`reference_gaps`, over the same datasets; a missing column draws no
        bars.
    metrics, variants : sequence of str, optional
        Default those of ``our_gaps``' columns, in order.
    colours : dict, optional
        Variant -> colour; default Table 6's colours, else matplotlib's cycle.
    profile : Profile or str, optional
        The profile of our gaps, named in the title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if list(paper_gaps.index) != list(our_gaps.index):
        raise ValueError("the paper's and our gaps must cover the same datasets")
    metrics = list(metrics or dict.fromkeys(our_gaps.columns.get_level_values(0)))
    variants = list(variants or dict.fromkeys(our_gaps.columns.get_level_values(1)))
    cycle = dict(zip(variants, plt.get_cmap("tab10").colors))
    colours = colours or {v: _COLOURS.get(v, cycle[v]) for v in variants}
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
    titled(fig, "Each alternative guidance minus q(y|s): the paper's tables and ours",
                  profile)
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


def _beaten(paper_gaps, our_gaps):
    """:func:`beaten_count` of the paper's gaps on our cases, then of ours."""
    return beaten_count(paper_gaps, among=our_gaps), beaten_count(our_gaps)


def beaten_statement(paper_gaps, our_gaps):
    """In how many (alternative, dataset, metric) cases an alternative beats q(y|s),
    in the paper's tables (on the cases we ran) and in ours, with the mean gaps.

    Returns
    -------
    IPython Markdown
    """
    (p_beaten, p_total, p_mean), (o_beaten, o_total, o_mean) = _beaten(paper_gaps, our_gaps)
    return _markdown(
        f"On the datasets we ran, an alternative guidance beats q(y|s) in "
        f"**{p_beaten} of {p_total}** (alternative, dataset, metric) cases of the paper's "
        f"own tables (mean difference {p_mean:+.2f} points) and in **{o_beaten} of "
        f"{o_total}** of ours (mean difference {o_mean:+.2f} points)."
    )


def beaten_measure(paper_gaps, our_gaps):
    """The count of :func:`beaten_statement` as a measure of
    :func:`imbdiff.report.what_we_found`: ``(label, paper, ours)``."""
    (p_beaten, p_total, _), (o_beaten, o_total, _) = _beaten(paper_gaps, our_gaps)
    return ("Cases (alternative, dataset, metric) where an alternative guidance beats q(y|s)",
            f"{p_beaten} of {p_total}", f"{o_beaten} of {o_total}")


def _held(gaps):
    """``"k of n"`` (dataset, metric) cases where no alternative is above q(y|s)."""
    worst = gaps.T.groupby(level=0).max().T  # the better alternative minus q(y|s)
    known = gaps.notna().T.groupby(level=0).all().T
    return f"{int((worst[known] <= 0).sum().sum())} of {int(known.sum().sum())}"


def guidance_claim_statement(verdicts, paper_gaps, our_gaps):
    """The claim "neither alternative surpasses q(y|s)" in words: the cases where
    q(y|s) is at least both alternatives, in the paper's tables and ours, and the
    claim's verdict.

    Parameters
    ----------
    verdicts : DataFrame
        :func:`imbdiff.claims.check`'s table holding the claim ``"guidance"``.
    paper_gaps, our_gaps : DataFrame
        :func:`guidance_gaps`.

    Returns
    -------
    IPython Markdown
    """
    keyed = verdicts.set_index("key")
    if "guidance" not in keyed.index:
        raise ValueError("the verdicts hold no claim 'guidance' (Section 5.1)")
    row = keyed.loc["guidance"]
    paper_held, our_held = _held(paper_gaps.where(our_gaps.notna())), _held(our_gaps)
    return _markdown(
        "**Neither q(y|s,x_t) nor q(y|x_t) surpasses q(y|s)**: q(y|s) is at least as good "
        f"as both alternatives in **{paper_held}** (dataset, metric) cases of the paper's "
        f"own Tables 3, 5 and 6 and in **{our_held}** of ours (decision-tree AUC and F1). "
        f"The claim's verdict: **{row['verdict']}** (paper: {row['paper']}; ours: "
        f"{row['ours']})."
    )


def guidance_paper_statement():
    """What the paper's own Tables 3, 5 and 6 say of the claim, over all ten datasets:
    the cases where q(y|s) is at least both alternatives, the datasets where one is
    above it, and how many cells Table 6 marks "(+)".

    Returns
    -------
    IPython Markdown
    """
    order = _table1_order()
    scores = pd.concat([paper.table("lreddpm", 6), _oversampler_tables()])
    cases, losers = [], set()
    for metric in GUIDANCE_METRICS:
        table = wide(scores, metric)
        for dataset in table.index:
            best_alternative = table.loc[dataset, _VARIANTS].max()
            if table.loc[dataset, ["LReDDPM", *_VARIANTS]].notna().all():
                cases.append(table.loc[dataset, "LReDDPM"] >= best_alternative)
            if best_alternative > table.loc[dataset, "LReDDPM"]:
                losers.add(dataset)
    plus = sum(string.count("+") for string in TABLE6_MARKERS.values())
    return _markdown(
        "Over all ten datasets (parkin included) q(y|s) is at least both alternatives in "
        f"**{sum(cases)} of {len(cases)}** (dataset, metric) cases of the paper's Tables "
        f"3, 5 and 6: on {', '.join(sorted(losers, key=order.index)) or 'no dataset'} an "
        f"alternative is *above* LReDDPM, and Table 6 itself marks {plus} of its "
        f"{len(TABLE6_MARKERS) * len(order)} cells '(+)', above the best method of Tables "
        "3 and 5, LReDDPM included."
    )
