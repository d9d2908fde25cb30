"""Chapters 01 and 02: Table 1's counts, and the minority rows' region types beside
Table 12.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..regions import REGION_NAMES
from ..report import finished, side_by_side, titled
from ._common import REGION_COLOURS


def _available(names, missing):
    """Yield ``(name, dataset)`` for each name that loads; the others' first line of
    reason goes into the dict ``missing`` (a chapter reports them, it does not stop)."""
    from .. import datasets as imbdatasets

    for name in names:
        try:
            yield name, imbdatasets.load(name)
        except imbdatasets.DatasetUnavailable as error:
            missing[name] = str(error).splitlines()[0]


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
    from .. import datasets as imbdatasets

    rows, loaded, missing = [], [], {}
    for name, data in _available(datasets, missing):
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


def _table1_beside(ours, datasets):
    """The paper's Table 1 rows of ``datasets`` beside ours (:func:`side_by_side`)."""
    from .. import paper

    published = paper.table("lreddpm", 1)
    return side_by_side(published[published["dataset"].isin(list(datasets))], ours)


def dataset_table(ours, datasets, *, profile=None):
    """Table 1 of the paper beside our loaders and split, as the chapter shows it.

    Parameters
    ----------
    ours : DataFrame
        :func:`dataset_counts`' first value (long: ``dataset, metric, mean``).
    datasets : list of str
        The rows, in Table 1's order; a dataset without our counts shows *n/a*.
    profile : Profile or str, optional
        The profile whose datasets the table holds (named in the caption).

    Returns
    -------
    pandas.io.formats.style.Styler
        Datasets down, ``(metric, "paper" | "ours" | "diff")`` across, four
        significant digits.
    """
    table = _table1_beside(ours, datasets)
    return finished(table, "Table 1 of the paper (paper) beside our loaders and split "
                           "(ours); diff = ours - paper", profile=profile,
                    formats={column: "{:.4g}" for column in table.columns})


def dataset_verdicts(ours, datasets) -> pd.Series:
    """Whether each row of Table 1 matches ours: ``matches``, ``differs`` or ``not available``.

    The counts (#Train, #Test, #Num, #Cat) must agree exactly; the imbalance ratio
    #Rimb as far as the paper prints it: ours rounded to the printed value's decimals
    must equal it (crg's 2.3 is 700/300 = 2.33 to one decimal).

    Parameters
    ----------
    ours : DataFrame
        :func:`dataset_counts`' first value.
    datasets : list of str

    Returns
    -------
    Series
        Named ``"Table 1 row"``, indexed by the datasets of Table 1 among ``datasets``.
    """
    table = _table1_beside(ours, datasets)
    counts_equal = (table.xs("diff", axis=1, level=1).drop(columns="#Rimb").abs() < 0.5)
    printed, mine = table[("#Rimb", "paper")], table[("#Rimb", "ours")]
    decimals = [len(f"{value:g}".partition(".")[2]) for value in printed]
    ratio_equal = np.array([round(o, d) == p for o, d, p in zip(mine, decimals, printed)],
                           dtype=bool)
    available = table.xs("ours", axis=1, level=1).notna().any(axis=1).to_numpy()
    matches = counts_equal.all(axis=1).to_numpy() & ratio_equal
    verdicts = np.where(~available, "not available", np.where(matches, "matches", "differs"))
    return pd.Series(verdicts, index=table.index, name="Table 1 row")


def dataset_verdict_table(verdicts: pd.Series, *, profile=None):
    """:func:`dataset_verdicts` as the chapter shows it, captioned."""
    return finished(verdicts.to_frame(),
                    "Our counts against the paper's, row by row: matches, differs or not "
                    "available", profile=profile)


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
    from .. import datasets as imbdatasets
    from ..regions import REGION_NAMES, region_types

    records, missing = [], {}
    for name, data in _available(datasets, missing):
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


def _paper_shares_long(datasets):
    from .. import paper

    published = paper.table("lreddpm", 12)
    return published[published["dataset"].isin(list(datasets))]


def paper_shares(datasets) -> pd.DataFrame:
    """The paper's Table 12: datasets down (in the order given), the four types across, in %."""
    return (_paper_shares_long(datasets)
            .pivot(index="dataset", columns="metric", values="mean")
            .reindex(index=list(datasets), columns=list(REGION_NAMES)))


def mean_shares(shares: pd.DataFrame, datasets) -> pd.DataFrame:
    """Our shares averaged over the splits: datasets down, the four types across, in %.

    Parameters
    ----------
    shares : DataFrame
        :func:`minority_type_shares`' first value.
    datasets : list of str
        The rows, in order (a dataset without shares is NaN).
    """
    return (shares.groupby(["dataset", "metric"])["mean"].mean().unstack("metric")
            .reindex(index=list(datasets), columns=list(REGION_NAMES)))


def share_table(shares: pd.DataFrame, datasets, *, seed, profile=None):
    """Table 12 beside our shares on one split (the split seeded ``seed``).

    Parameters
    ----------
    shares : DataFrame
        :func:`minority_type_shares`' first value.
    datasets : list of str
        The rows: Table 12's datasets among them, in its order; one we could not type
        shows *n/a*.
    seed : int
        The split shown.
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        ``(type, "paper" | "ours" | "diff")`` across, two decimals.
    """
    first_split = shares[shares["split_seed"] == seed]
    return finished(side_by_side(_paper_shares_long(datasets), first_split),
                    "Table 12 (paper) beside ours on the first split, in % of the minority "
                    "training rows; diff = ours - paper", profile=profile, digits=2)


def share_spread_table(shares: pd.DataFrame, datasets, *, profile=None):
    """The paper's shares beside the mean and standard deviation of ours over the splits.

    Parameters
    ----------
    shares : DataFrame
        :func:`minority_type_shares`' first value (every split of it).
    datasets : list of str
        The rows, in order; datasets without shares or not in Table 12 are left out.
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        Columns ``("paper" | "mean" | "std", type)``, two decimals.
    """
    grouped = shares.groupby(["dataset", "metric"])["mean"]
    spread = pd.concat({"paper": paper_shares(datasets), "mean": mean_shares(shares, datasets),
                        "std": grouped.std().unstack("metric")
                        .reindex(index=list(datasets), columns=list(REGION_NAMES))}, axis=1)
    typed = set(shares["dataset"]) & set(_paper_shares_long(datasets)["dataset"])
    spread = spread.loc[[name for name in datasets if name in typed]]
    spread.index.name, spread.columns.names = "dataset", [None, "metric"]
    n_splits = shares["split_seed"].nunique()
    return finished(spread, f"Paper vs the mean and standard deviation of ours over "
                            f"{n_splits} splits", profile=profile, digits=2)


def fitting_counts(printed: pd.Series, candidates) -> list:
    """The numbers of rows ``n`` behind which the printed shares can lie.

    ``n`` fits when rounding each share times ``n`` gives whole counts that add up to
    ``n`` and, divided by ``n``, reproduce every printed share to its four decimals.

    Parameters
    ----------
    printed : Series
        The shares in %, as printed (Table 12 prints four decimals).
    candidates : iterable of int
        The counts to try.

    Returns
    -------
    list of int
        The fitting counts, in increasing order.
    """
    shares = np.asarray(printed, dtype=float) / 100
    if np.isnan(shares).any():
        raise ValueError("printed shares must not be missing")
    n = np.asarray(sorted(candidates), dtype=int)
    counts = np.round(np.outer(n, shares))
    fit = (counts.sum(axis=1) == n) & np.isclose(100 * counts / n[:, None], 100 * shares,
                                                 atol=6e-5).all(axis=1)
    return [int(v) for v in n[fit]]


#: :func:`implied_counts`' column of the fitting counts.
_FITTING = "counts that fit the paper's shares (±25 % of ours)"


def implied_counts(paper_wide: pd.DataFrame, shares: pd.DataFrame, *, seed) -> pd.DataFrame:
    """Which numbers of minority training rows could lie behind each row of Table 12.

    Parameters
    ----------
    paper_wide : DataFrame
        :func:`paper_shares` of the datasets to check (the rows, in order).
    shares : DataFrame
        :func:`minority_type_shares`' first value; its split seeded ``seed`` gives our
        count.
    seed : int

    Returns
    -------
    DataFrame
        ``minority rows (ours)``, the fitting counts (:func:`fitting_counts` among
        the counts within 25 % of ours) and ``our count fits``.
    """
    ours = shares[shares["split_seed"] == seed].groupby("dataset")["minority_rows"].first()
    fitting = {name: fitting_counts(paper_wide.loc[name],
                                    range(max(1, int(0.75 * n)), int(1.25 * n) + 1))
               for name, n in ours.items()}
    implied = pd.DataFrame({"minority rows (ours)": ours,
                            _FITTING: pd.Series(fitting)}).reindex(paper_wide.index)
    implied["our count fits"] = [implied.loc[d, "minority rows (ours)"] in fitting.get(d, [])
                                 for d in implied.index]
    return implied


def implied_counts_table(implied: pd.DataFrame, *, profile=None):
    """:func:`implied_counts` as the chapter shows it, captioned."""
    return finished(implied, "Minority training rows: ours on the first split, and the "
                             "counts that reproduce every share the paper prints",
                    profile=profile)


def count_offsets(implied: pd.DataFrame) -> pd.Series:
    """The fitting count nearest ours, minus ours (NaN where no count fits).

    Parameters
    ----------
    implied : DataFrame
        From :func:`implied_counts`.

    Returns
    -------
    Series
        Named ``"paper - ours"``; on a tie the smaller count wins.
    """
    offsets = {}
    for name, row in implied.iterrows():
        ours, fits = row["minority rows (ours)"], row[_FITTING]
        fits = fits if isinstance(fits, list) else []
        offsets[name] = min(fits, key=lambda n: abs(n - ours)) - ours if fits else np.nan
    return pd.Series(offsets, name="paper - ours").reindex(implied.index)


def whole_dataset_shares(datasets, *, k=5) -> pd.DataFrame:
    """The other reading of Table 12: the minority rows typed on the whole dataset.

    Parameters
    ----------
    datasets : list of str
        Datasets that load (the rows, in order).
    k : int, default=5

    Returns
    -------
    DataFrame
        Datasets down, the four types across, in % of the minority rows.
    """
    from .. import datasets as imbdatasets
    from ..regions import region_types

    rows = {}
    for name in datasets:
        data = imbdatasets.load(name)
        types = pd.Series(region_types(data.X, data.y, k=k)[data.y == 1])
        rows[name] = 100 * types.value_counts(normalize=True).reindex(REGION_NAMES,
                                                                      fill_value=0)
    return pd.DataFrame(rows).T.reindex(index=list(datasets), columns=list(REGION_NAMES))


def tv_distance(ours_wide: pd.DataFrame, paper_wide: pd.DataFrame) -> pd.Series:
    """Total-variation distance per dataset: half the sum of ``|ours - paper|``, in points."""
    return 0.5 * (ours_wide - paper_wide).abs().sum(axis=1)


def reading_distances(paper_wide: pd.DataFrame, readings: dict) -> pd.DataFrame:
    """:func:`tv_distance` to Table 12 of each reading's shares, rounded to 2 decimals.

    Parameters
    ----------
    paper_wide : DataFrame
        :func:`paper_shares`.
    readings : dict of str to DataFrame
        Reading -> its shares, shaped like ``paper_wide``.

    Returns
    -------
    DataFrame
        Datasets down, one column per reading.
    """
    return pd.DataFrame({name: tv_distance(wide, paper_wide)
                         for name, wide in readings.items()}).round(2)


def reading_distance_table(distances: pd.DataFrame, *, profile=None):
    """:func:`reading_distances` as the chapter shows it, captioned."""
    return finished(distances, "Total-variation distance to Table 12, in percentage points, "
                               "under the two readings", profile=profile, digits=2)


def share_bars(paper_wide: pd.DataFrame, ours_wide: pd.DataFrame, *, profile=None):
    """Paired stacked bars of the four types' shares per dataset: the paper's (hatched), ours.

    Parameters
    ----------
    paper_wide, ours_wide : DataFrame
        Datasets down (the same in both), the four types across, in %.
    profile : Profile or str, optional
        The profile of our shares, named in the title.

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
    if profile is not None:
        titled(fig, "Minority region types, paper and ours", profile, y=1.06)
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
        distance = tv_distance(ours_wide.loc[[name]], paper_wide.loc[[name]]).iloc[0]
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


def share_verdict_table(verdicts: pd.DataFrame, *, profile=None):
    """:func:`share_verdicts` as the chapter shows it, captioned (the distance as rounded)."""
    return finished(verdicts, "Each dataset's shares: the distance of our mean shares to the "
                              "paper's, the dominant types and the verdict",
                    profile=profile, formats={"TV distance (pp)": str}, na_rep="")

