"""Chapter 05 (distances, Table 2 and Tables 16-18) as the chapter shows it: the
distance tables beside the paper's, the readings' diagnostics, Table 2's ranks and
its claim.

The distances' readings, the ranks and the rank figure are computed in module
``_distances``; this module finishes them as captioned tables and texts.
"""

from __future__ import annotations

import pandas as pd

from ..report import finished, method_table, titled, wide

#: The paper's table of each distance (Appendix C).
DISTANCE_TABLES = {"JS": 16, "WD": 17, "MMD": 18}


def published_distances(datasets=None) -> dict:
    """The paper's Tables 16-18, long, per distance (only ``datasets`` when given)."""
    from .. import paper

    tables = {metric: paper.table("lreddpm", number)
              for metric, number in DISTANCE_TABLES.items()}
    if datasets is None:
        return tables
    return {m: t[t["dataset"].isin(list(datasets))] for m, t in tables.items()}


def distance_table(ours: pd.DataFrame, metric: str, datasets, methods, *, profile=None):
    """Table 16, 17 or 18 beside our distances, the closest method per column in bold.

    Parameters
    ----------
    ours : DataFrame
        Our distances, long (:meth:`imbdiff.experiments.Results.distances`).
    metric : {"JS", "WD", "MMD"}
    datasets : list of str
        The paper's datasets to show.
    methods : list of str
        The rows (the six generators).
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        ``(dataset, "paper" | "ours" | "diff")`` across, four decimals.
    """
    if metric not in DISTANCE_TABLES:
        raise ValueError(f"metric must be one of {list(DISTANCE_TABLES)}; got {metric!r}")
    printed = published_distances(datasets)[metric]
    table = method_table(printed, ours, metric=metric, methods=list(methods))
    caption = (f"Table {DISTANCE_TABLES[metric]}: {metric} between generated and "
               "guiding-region rows (paper | ours | diff = ours - paper; bold: closest)")
    return finished(table, caption, profile=profile, digits=4, best="column",
                    lower_is_better=True, exclude=("Original",), tolerance=0.0)


def closest_lines(ours: pd.DataFrame, datasets, methods, *, reference="LReDDPM") -> str:
    """On how many datasets each distance puts ``reference``'s rows closest (Markdown).

    Parameters
    ----------
    ours : DataFrame
        Our distances, long.
    datasets : list of str
        The datasets both sides have.
    methods : list of str

    Returns
    -------
    str
        One line per distance (ours and the paper's count, our closest method per
        dataset), then the datasets where all methods print the same WD in Table 17;
        "no dataset produced distances" without datasets.
    """
    if not len(datasets):
        return "no dataset produced distances"
    published = published_distances()
    lines = []
    for metric in DISTANCE_TABLES:
        mine = wide(ours, metric, methods=list(methods)).reindex(list(datasets))
        theirs = wide(published[metric], metric, methods=list(methods)).reindex(list(datasets))
        closest = mine.idxmin(axis=1)
        lines.append(
            f"* **{metric}**: {reference}'s rows are the closest of the six on "
            f"{(closest == reference).sum()} of {len(datasets)} datasets in ours and on "
            f"{(theirs.idxmin(axis=1) == reference).sum()} of {len(datasets)} in the paper; "
            f"our closest method per dataset: "
            f"{', '.join(f'{d} {m}' for d, m in closest.items())}.")
    paper_wd = wide(published["WD"], "WD", methods=list(methods))
    tied = paper_wd.index[paper_wd.nunique(axis=1) == 1].tolist()
    lines.append(
        "* In the paper's WD table (Table 17) all six methods print the very same value on "
        f"{len(tied)} of its ten datasets ({', '.join(tied) or 'none'}), where they all "
        "share rank 3.5; that suggests a value floored or rounded on those datasets.")
    return "\n".join(lines)


def mmd_scale_lines(ours: pd.DataFrame) -> str:
    """The largest MMDs the paper prints beside our largest RBF MMD² (bounded by 2)."""
    printed = published_distances()["MMD"].nlargest(3, "mean")
    largest = ours.loc[ours["metric"] == "MMD", "mean"].max()
    return ("largest MMD values printed in Table 18: "
            + "; ".join(f"{r.method} on {r.dataset}: {r.mean:g}"
                        for r in printed.itertuples())
            + f"\nlargest RBF MMD^2 of ours: {largest:.3f} (the bound is 2)")


def reading_diagnostics_table(diagnostics: pd.DataFrame, *, profile=None):
    """:func:`~imbdiff.lreddpm.distances.reading_diagnostics` as the chapter shows it."""
    return finished(diagnostics, "How each reading's levels compare with Tables 16-18 on "
                                 "the datasets we ran", profile=profile,
                    formats={column: "{:.3g}" for column in diagnostics.columns})


def printed_table2(methods) -> pd.DataFrame:
    """The paper's Table 2 as printed: ``methods`` down, the three distances across."""
    from .. import paper

    table = paper.table("lreddpm", 2)
    return (table.assign(metric=table["metric"].str.replace("rank_", "", regex=False))
            .pivot_table(index="method", columns="metric", values="mean")
            .reindex(index=list(methods), columns=list(DISTANCE_TABLES)))


def table2_gap(printed: pd.DataFrame) -> float:
    """The largest absolute difference: printed Table 2 minus Table 2 recomputed from
    Tables 16-18.

    The recomputation ranks the paper's own distances within each of its datasets
    (1 = closest, ties sharing their mean rank) and averages the ranks.

    Parameters
    ----------
    printed : DataFrame
        :func:`printed_table2`: its rows are the methods ranked.
    """
    from .. import stats

    published = published_distances()
    methods = list(printed.index)
    recomputed = pd.DataFrame({
        metric: stats.average_ranks(wide(published[metric], metric, methods=methods),
                                    higher_is_better=False)
        for metric in printed.columns
    }).reindex(methods)
    return float((printed - recomputed).abs().max().max())


def printed_rank_texts(printed: pd.DataFrame, *, reference="LReDDPM") -> dict:
    """What the printed Table 2 says of ``reference``'s ranks.

    Returns
    -------
    dict of str to str
        ``printed_ranks`` (its rank and the best per distance) and ``printed_meets``
        (for how many of JS and WD it has the best rank).
    """
    best = printed.min()
    ranks = "; ".join(
        f"{m}: {reference} {printed.loc[reference, m]:.2f}, best "
        f"{' / '.join(printed.index[printed[m] == best[m]])} {best[m]:.2f}"
        for m in printed.columns)
    meets = sum(printed.loc[reference, m] <= best[m] for m in ("JS", "WD"))
    return {"printed_ranks": ranks, "printed_meets": str(meets)}


def rank_table(ranks: pd.DataFrame, *, profile=None):
    """Table 2 (average ranks) of ours beside the paper's on the same datasets.

    Parameters
    ----------
    ranks : DataFrame
        :func:`~imbdiff.lreddpm.distances.paired_ranks`' first value.
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        The best (lowest) rank per column in bold, two decimals (an empty table
        whose caption says there were fewer than two datasets to rank).
    """
    if not len(ranks.columns):
        return finished(ranks, "Table 2: fewer than two datasets, no ranking",
                        profile=profile)
    return finished(ranks, "Table 2: average rank over the datasets we ran (1 = closest; "
                           "ties share their mean rank); paper = recomputed from Tables "
                           "16-18 on the same datasets; bold: best",
                    profile=profile, digits=2, best="column", lower_is_better=True,
                    exclude=("Original",), tolerance=0.0)


def distance_rank_figure(printed: pd.DataFrame, ranks: pd.DataFrame, *, profile=None):
    """:func:`~imbdiff.lreddpm._distances.rank_dots` of the three distances, the profile in its title.

    Parameters
    ----------
    printed : DataFrame
        :func:`printed_table2`.
    ranks : DataFrame
        :func:`~imbdiff.lreddpm.distances.paired_ranks`' first value.
    profile : Profile or str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ._distances import rank_dots

    fig = rank_dots(printed, ranks, list(DISTANCE_TABLES), list(printed.index))
    if profile is not None:
        titled(fig, "Average rank of each method's distance", profile)
        fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


def distance_claim_lines(ranks: pd.DataFrame, verdicts: pd.DataFrame) -> str:
    """LReDDPM's average rank per distance, ours and the paper's, and the verdict.

    Parameters
    ----------
    ranks : DataFrame
        :func:`~imbdiff.lreddpm.distances.paired_ranks`' first value.
    verdicts : DataFrame
        :func:`imbdiff.claims.check` of the chapter (its first row).

    Returns
    -------
    str
        Markdown lines (:func:`~imbdiff.lreddpm._distances.rank_statements`); "not enough
        datasets to rank" when JS or WD was not ranked.
    """
    from ._distances import rank_statements

    if ("JS", "ours") not in ranks or ("WD", "ours") not in ranks:
        return "not enough datasets to rank"
    row = verdicts.iloc[0]
    lines = rank_statements(ranks, DISTANCE_TABLES)
    lines.append(f"* Verdict: **{row['verdict']}** (paper: {row['paper']}; ours: "
                 f"{row['ours']}).")
    return "\n".join(lines)


def reference_ranks(ranks: pd.DataFrame, *, reference="LReDDPM") -> tuple:
    """``reference``'s average rank per distance as text: (the paper's, ours)."""
    return tuple(
        ", ".join(f"{m} {ranks[(m, side)][reference]:.2f}" if (m, side) in ranks
                  else f"{m} n/a" for m in DISTANCE_TABLES)
        for side in ("paper", "ours"))
