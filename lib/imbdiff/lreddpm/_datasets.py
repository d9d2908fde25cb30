"""Chapters 01 and 02: Table 1's counts, and the minority rows' region types beside
Table 12.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

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
