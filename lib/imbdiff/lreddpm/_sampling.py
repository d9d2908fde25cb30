"""Chapters 04, 12 and 13: where the generated rows fall, how large and how spread the
guiding regions and the rows generated from them are, and the rows' region types.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._common import REGION_COLOURS


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


# --- Chapter 12 (DDPM on the region alone): the guiding regions, the rows' spread ---------


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
    from .. import paper
    from ..experiments import guiding_region
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
    from ..experiments import guiding_region
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
    from ..experiments import guiding_region
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

    from ..experiments import guiding_region

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

    from ..experiments import guiding_region

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
    from ..experiments import guiding_region
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
