"""Chapter 13 (Section 6, Figure 5: region types of the synthetic rows): the types of
each generator's rows, Figure 5 redrawn, and Section 6's statements about it tested.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._common import REGION_COLOURS
from ..report import titled


# --- Chapter 13 (synthetic types): the types of the generated rows -----------------------


def type_share_tables(results, shares, datasets, generators) -> dict:
    """Per dataset, the region-type shares of the real rows and of each generator's rows.

    Parameters
    ----------
    results : imbdiff.experiments.Results
        Gives each dataset's first LReDDPM split, whose training rows are typed.
    shares : DataFrame
        Long: ``generator``, ``dataset``, ``method`` (the type) and ``mean`` (the share),
        one row per split (as :func:`imbdiff.lreddpm.synthetic_type_shares` returns
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
    from ..experiments._methods import guiding_region
    from ._analysis import training_split
    from ..regions import REGION_NAMES, region_types

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


def type_bars(type_tables, datasets, *, method="LReDDPM", profile=None):
    """Figure 5: one stacked bar of ``method``'s row types per dataset.

    The guiding region is named under each bar and its segment outlined in black; a
    dataset whose table lacks ``method`` shows "failed".

    Parameters
    ----------
    type_tables : dict of str to DataFrame
        From :func:`type_share_tables`.
    datasets : list of str
    profile : Profile or str, optional
        The profile that generated the rows (named in the figure's title).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    from ..experiments._methods import guiding_region

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
    if profile is not None:
        titled(fig, f"Types of {method}'s rows", profile)
    fig.tight_layout()
    return fig


def type_panels(type_tables, datasets, *, columns=3, profile=None):
    """One panel per dataset: stacked type shares of the real rows and of each generator.

    Parameters
    ----------
    type_tables : dict of str to DataFrame
        From :func:`type_share_tables` (the two real rows first).
    datasets : list of str
    columns : int, default=3
        The most panels per line.
    profile : Profile or str, optional
        The profile that generated the rows (named in the figure's title).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    from ..experiments._methods import guiding_region

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
    if profile is not None:
        titled(fig, "Types of every generator's rows", profile)
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
    from ..experiments._methods import guiding_region
    from ..regions import REGION_NAMES

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


# --- Chapter 13: the rows typed, and Figure 5 as numbers ----------------------------------


def typed_row_table(summary: pd.DataFrame, datasets, generators, *, profile=None):
    """The rows typed: each guiding region's size and the rows each generator put in its
    place, mean over the splits.

    Parameters
    ----------
    summary : DataFrame
        :meth:`Results.summary`: ``dataset``, ``method``, ``guiding rows``,
        ``generated``, one row per cell.
    datasets, generators : list of str
        Rows and generator columns, in order; a generator without rows shows "failed".
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        Columns ``guiding region``, ``guiding rows`` and one per generator, one decimal.
    """
    from ..experiments._methods import guiding_region
    from ..report import finished

    missing = [c for c in ("dataset", "method", "guiding rows", "generated")
               if c not in summary.columns]
    if missing:
        raise ValueError(f"summary lacks the columns {missing}")
    counts = summary.pivot_table(index="dataset", columns="method", values="generated",
                                 aggfunc="mean").reindex(index=datasets, columns=generators)
    guiding = summary.groupby("dataset")["guiding rows"].mean()
    counts.insert(0, "guiding rows", guiding.reindex(datasets).to_numpy())
    counts.insert(0, "guiding region", [guiding_region(d) for d in datasets])
    return finished(counts, "The rows typed: the guiding region's size and the rows each "
                    "generator put in its place, mean over the splits", digits=1,
                    na_rep="failed", profile=profile)


def figure5_shares(shares: pd.DataFrame, datasets) -> pd.DataFrame:
    """Figure 5 as numbers: the types of one generator's rows per dataset, in %.

    Parameters
    ----------
    shares : DataFrame
        :func:`imbdiff.lreddpm.synthetic_type_shares` of the generator (one row per
        type and split; the splits are averaged).
    datasets : list of str

    Returns
    -------
    DataFrame
        Indexed by dataset: ``guiding`` (the guiding region), the four types safe to
        outlier and ``kept its type (%)`` (the guiding type's share).
    """
    from ..experiments._methods import guiding_region
    from ..regions import REGION_NAMES

    table = shares.pivot_table(index="dataset", columns="method", values="mean",
                               aggfunc="mean")
    table = table.reindex(index=datasets, columns=list(REGION_NAMES)) * 100
    table.insert(0, "guiding", [guiding_region(d) for d in datasets])
    table["kept its type (%)"] = [table.loc[d, guiding_region(d)] for d in datasets]
    return table


def figure5_table(figure5: pd.DataFrame, *, profile=None):
    """:func:`figure5_shares` as the chapter shows it: one decimal, captioned."""
    from ..report import finished

    return finished(figure5, "Figure 5 as numbers: types of LReDDPM's rows in %", digits=1,
                    profile=profile)


# --- Chapter 13: is it the guidance that keeps the type? ----------------------------------


def kept_type_shares(type_tables: dict, datasets) -> pd.DataFrame:
    """Per dataset, the share (%) of each generator's rows typed as the guiding region.

    Parameters
    ----------
    type_tables : dict of str to DataFrame
        :func:`type_share_tables`.
    datasets : list of str

    Returns
    -------
    DataFrame
        Indexed by dataset: ``guiding``, ``all minority rows (real)`` (the guiding
        type's share among the real minority rows), then one column per generator.
    """
    from ..experiments._methods import guiding_region

    kept = pd.DataFrame({
        dataset: type_tables[dataset][guiding_region(dataset)].drop(["guiding rows (real)"])
        * 100
        for dataset in datasets
    }).T
    kept.insert(0, "guiding", [guiding_region(d) for d in datasets])
    return kept


def kept_type_table(kept: pd.DataFrame, generators, *, profile=None):
    """:func:`kept_type_shares` as the chapter shows it: each dataset's largest share
    among the generators in bold, one decimal, "failed" for a generator without rows.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    from ..report import finished

    competing = [g for g in generators if g in kept.columns]
    if not competing:
        raise ValueError(f"kept has none of the generators {list(generators)}")
    return finished(
        kept, "Share (%) of each generator's rows typed as the guiding region (bold: most "
        "among the generators); 'all minority rows (real)' is the share of that type "
        "among the real minority rows", digits=1, na_rep="failed", best="row",
        among=competing, profile=profile)


def kept_type_summary(kept: pd.DataFrame, generators) -> dict:
    """How LReDDPM's rows keep the guiding type, against FinDiff, the other generators and
    the real minority rows.

    Parameters
    ----------
    kept : DataFrame
        :func:`kept_type_shares`.
    generators : list of str
        Including ``"LReDDPM"``.

    Returns
    -------
    dict
        ``present``: the datasets with LReDDPM rows; ``keeps_more`` of ``vs_findiff``:
        those where LReDDPM's share is at least FinDiff's (both present); ``most``: where
        it is the largest among the generators; ``above_minority``: where it exceeds the
        real minority rows'; ``mean_kept``: each generator's mean share (Series).
    """
    if "LReDDPM" not in kept.columns:
        raise ValueError("kept has no LReDDPM column")
    gens = [g for g in generators if g in kept.columns]
    present = kept.dropna(subset=["LReDDPM"])
    vs_findiff = (present.dropna(subset=["FinDiff"]) if "FinDiff" in present
                  else present.iloc[0:0])
    return {
        "present": list(present.index),
        "keeps_more": int((vs_findiff["LReDDPM"] >= vs_findiff["FinDiff"]).sum()),
        "vs_findiff": len(vs_findiff),
        "most": int((present[gens].astype(float).idxmax(axis=1) == "LReDDPM").sum()),
        "above_minority": int(
            (present["LReDDPM"] > present["all minority rows (real)"]).sum()),
        "mean_kept": present[gens].astype(float).mean(),
    }


def kept_type_statements(summary: dict) -> str:
    """:func:`kept_type_summary` in Markdown (a sentence when no dataset has LReDDPM rows)."""
    present = len(summary["present"])
    if not present:
        return "No LReDDPM rows to compare."
    mean_kept = summary["mean_kept"]
    return (
        "* LReDDPM's rows keep the guiding type at least as often as FinDiff's on "
        f"**{summary['keeps_more']} of {summary['vs_findiff']}** datasets, and more often "
        f"than every other generator's on **{summary['most']} of {present}**.\n"
        "* LReDDPM's share of the guiding type exceeds that type's share among the real "
        f"minority rows on **{summary['above_minority']} of {present}** datasets.\n"
        "* Mean share of the guiding type over the datasets: "
        + ", ".join(f"{g} {mean_kept[g]:.1f} %"
                    for g in mean_kept.sort_values(ascending=False).index)
        + "."
    )


def mostly_safe(table12=None) -> dict:
    """The safe-guided datasets whose minority rows are mostly safe, by Table 12.

    Parameters
    ----------
    table12 : DataFrame, optional
        Table 12 of the paper, long (``dataset``, ``metric`` the type, ``mean`` in %);
        default :func:`imbdiff.paper.table`.

    Returns
    -------
    dict
        ``count``: "k of n" (of the safe-guided datasets, those over 50 % safe);
        ``range``: "a to b", their safe shares in whole percent.
    """
    from .. import paper
    from ..experiments._methods import guiding_region

    table12 = paper.table("lreddpm", 12) if table12 is None else table12
    safe = table12.query("metric == 'safe'").set_index("dataset")["mean"]
    safe = safe[[guiding_region(d) == "safe" for d in safe.index]]
    mostly = safe[safe > 50]
    if not len(mostly):
        raise ValueError("no safe-guided dataset of Table 12 is mostly safe")
    return {"count": f"{len(mostly)} of {len(safe)}",
            "range": f"{mostly.min():.0f} to {mostly.max():.0f}"}


# --- Chapter 13: Section 6's finer statements ---------------------------------------------


def finer_statements(figure5: pd.DataFrame, datasets, *, few_outliers=0.05,
                     largely=0.90) -> pd.DataFrame:
    """Section 6's finer statements about Figure 5, each tested on LReDDPM's rows as a
    share of the datasets it names (:func:`imbdiff.claims.share_verdict`, every one).

    The statements: spectfheart and crg (border-guided) see some rows become safe;
    segment0, page0 and crg very few become outliers (``0 < share <= few_outliers``);
    on the other datasets none do, and the rows largely remain safe or border
    (``safe + border >= largely``).

    Parameters
    ----------
    figure5 : DataFrame
        :func:`figure5_shares` (types in %).
    datasets : list of str
        The datasets with LReDDPM rows.
    few_outliers, largely : float
        The readings of "very few" and "largely", as shares.

    Returns
    -------
    DataFrame
        One row per statement: ``statement``, ``rule``, ``evidence``, ``holds`` ("k of
        n") and ``verdict``.
    """
    from ..regions import REGION_NAMES

    types = figure5.loc[list(datasets), list(REGION_NAMES)] / 100
    named = [d for d in ("segment0", "page0", "crg") if d in types.index]
    others = [d for d in types.index if d not in ("segment0", "page0", "crg")]
    border = [d for d in ("spectfheart", "crg") if d in types.index]
    rows = [
        _finer("spectfheart, crg (border-guided): some rows become safe", "safe share > 0",
               border, lambda d: types.loc[d, "safe"] > 0,
               lambda d: f"{d}: safe {types.loc[d, 'safe']:.1%}, border "
                         f"{types.loc[d, 'border']:.1%}"),
        _finer("segment0, page0, crg: very few rows become outliers",
               f"0 < outlier share <= {few_outliers:.0%}", named,
               lambda d: 0 < types.loc[d, "outlier"] <= few_outliers,
               lambda d: f"{d}: outlier {types.loc[d, 'outlier']:.1%}"),
        _finer("the other datasets: no rows become outliers", "outlier share = 0", others,
               lambda d: types.loc[d, "outlier"] == 0,
               lambda d: f"{d}: {types.loc[d, 'outlier']:.1%}"),
        _finer("the other datasets: rows largely remain safe or border",
               f"safe + border >= {largely:.0%}", others,
               lambda d: types.loc[d, ["safe", "border"]].sum() >= largely,
               lambda d: f"{d}: {types.loc[d, ['safe', 'border']].sum():.1%}"),
    ]
    return pd.DataFrame(rows, columns=["statement", "rule", "evidence", "holds", "verdict"])


def _finer(statement, rule, datasets, holds, evidence) -> dict:
    from ..claims import share_verdict

    held = [d for d in datasets if holds(d)]
    return {"statement": statement, "rule": rule,
            "evidence": "; ".join(evidence(d) for d in datasets) or "datasets not in this run",
            "holds": f"{len(held)} of {len(datasets)}",
            "verdict": share_verdict(len(held), len(datasets))}


def finer_statement_table(statements: pd.DataFrame, *, profile=None):
    """:func:`finer_statements` as the chapter shows it: left-aligned text, no index."""
    from ..report import finished

    styler = finished(statements, "Section 6's finer statements about Figure 5, beyond "
                      "imbdiff.claims, on LReDDPM's rows", hide_index=True, profile=profile)
    return styler.set_properties(**{"text-align": "left"})


def synthetic_type_findings(verdicts: pd.DataFrame, figure5: pd.DataFrame, datasets,
                            statements: pd.DataFrame) -> str:
    """The chapter's findings in Markdown: Figure 5's main statement with the datasets
    whose modal type is not the guiding one, then each finer statement.

    Parameters
    ----------
    verdicts : DataFrame
        :func:`imbdiff.claims.check` on the chapter (its first row is read).
    figure5 : DataFrame
        :func:`figure5_shares`.
    datasets : list of str
        The datasets with LReDDPM rows.
    statements : DataFrame
        :func:`finer_statements`.

    Returns
    -------
    str
        One bullet per finding; a sentence when there is nothing to discuss.
    """
    datasets = list(datasets)
    lines = []
    if len(verdicts) and datasets:
        described = modal_type_misses(figure5, datasets)
        lines.append(
            f"* **Figure 5's main statement: {verdicts.iloc[0]['verdict']}.** The guiding "
            "type is the most common type of LReDDPM's rows on "
            f"{len(datasets) - len(described)} of {len(datasets)} datasets. "
            + (f"It is not on {'; '.join(described)}. " if described else "")
            + "Read against the figure above, a safe-guided dataset whose minority is "
            "mostly safe keeps the type for every generator, so the count says more about "
            "the data than about the guidance on those datasets.")
    for _, row in statements.iterrows():
        lines.append(f"* **{row['statement']}: {row['verdict']}** ({row['holds']}; "
                     f"{row['evidence']}).")
    return "\n".join(lines) if lines else "Nothing to discuss: no LReDDPM rows in this run."
