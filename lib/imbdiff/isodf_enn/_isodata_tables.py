"""Chapter 02 of ISODF-ENN (Fig. 3, ISODATA): the tables and figures around the
ISODATA runs the chapter shows, from where the runs end to the sweeps of the thresholds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import finished
from ..report import titled

def final_clusters(histories, n_clusters, names) -> pd.DataFrame:
    """The clusters each run ended with, by its number of initial centres.

    Parameters
    ----------
    histories : dict of (name, start) -> array
        The clusters after each iteration (``ISODATA.history_``) of the run that
        started as ``start`` labels it (``"1 centre"``, ...); a start the dataset is too
        small for is absent.
    n_clusters : dict of name -> int
        The expected number of clusters :math:`K` the runs were given.
    names : list of str
        The rows, in order.

    Returns
    -------
    DataFrame indexed by dataset
        ``K``, then one column per start, in the order of ``histories`` (NaN where
        it was not run).
    """
    missing = set(names) - set(n_clusters)
    if missing:
        raise ValueError(f"no K for the datasets {sorted(missing)}")
    starts = dict.fromkeys(label for _, label in histories)
    ends = pd.DataFrame(
        {
            start: {name: history[-1] for (name, label), history in histories.items()
                    if label == start}
            for start in starts
        }
    ).reindex(names)
    ends.insert(0, "K", pd.Series(n_clusters))
    return ends


def final_clusters_table(ends, *, profile=None):
    """:func:`final_clusters` as the chapter shows it."""
    return finished(ends, "Clusters at the end of the run, by the number of initial "
                    "centres (K fixed)", profile=profile, digits=0, na_rep="–")


def plot_histories(histories, n_clusters, names, *, profile=None):
    """The clusters after each iteration, one panel per dataset, one line per start.

    Parameters
    ----------
    histories : dict of (name, start) -> array
        As :func:`final_clusters` reads them.
    n_clusters : dict of name -> int
        Drawn dotted: the expected number :math:`K`.
    names : list of str
        The datasets drawn.
    profile : Profile or str, optional
        Named in the title.

    Returns
    -------
    Figure
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    if not names:
        raise ValueError("names is empty: nothing to draw")
    fig, axes = plt.subplots(1, len(names), figsize=(3.2 * len(names), 2.8), squeeze=False)
    for ax, name in zip(axes[0], names):
        for (dataset, start), history in histories.items():
            if dataset == name:
                ax.plot(np.arange(1, len(history) + 1), history, marker="o", ms=3,
                        label=f"from {start}")
        ax.axhline(n_clusters[name], ls=":", color="grey")
        ax.set_title(f"{name} (K = {n_clusters[name]})", fontsize=9)
        ax.set_xlabel("iteration")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(labelsize=7)
    axes[0, 0].set_ylabel("clusters")
    axes[0, 0].legend(fontsize=7)
    return titled(fig, "Clusters after each ISODATA iteration", profile)


def clusters_per_k_table(encoded, candidates, *, random_state=0, profile=None):
    """The clusters ISODATA ends with for each expected number :math:`K`.

    Parameters
    ----------
    encoded : dict of name -> ndarray
        Each dataset's encoded minority rows.
    candidates : list of int
        The :math:`K` tried; those not below a dataset's rows are left empty.
    random_state : int, default=0
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        Datasets down, :math:`K` across; the package's default thresholds.
    """
    from imbdiff import ISODATA

    found = pd.DataFrame({
        name: {k: ISODATA(n_clusters=k, random_state=random_state).fit(Z).n_clusters_
               for k in candidates if k < len(Z)}
        for name, Z in encoded.items()
    })
    found.index.name = "K"
    return finished(found.T, "Clusters ISODATA ends with, for each expected number K "
                    "(default thresholds)", profile=profile, digits=0, na_rep="–")


def _pivot(grid, names, index, values):
    """A sweep's ``values`` with the settings (``index``) down and the datasets across,
    in ``names``' order (under each measure when ``values`` is a list)."""
    return grid.pivot_table(index=index, columns="dataset", values=values).reindex(
        columns=names, level=1 if isinstance(values, list) else None)


def split_merge_table(grid, names, *, values="clusters", profile=None):
    """The sweep of :math:`\\theta_S` and Mul: the clusters found, or their silhouette.

    Parameters
    ----------
    grid : DataFrame
        :func:`isodata_sweep` with the label columns ``theta_S`` and ``Mul``.
    names : list of str
        The datasets, as columns.
    values : {"clusters", "silhouette"}
        The clusters found (whole numbers), or the mean silhouette of the result
        (three decimals, shaded; "–" for a single cluster).
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    from imbdiff import ISODATA

    if values not in ("clusters", "silhouette"):
        raise ValueError(f"values must be 'clusters' or 'silhouette'; got {values!r}")
    # A string, so that the index shows 0.1 / 0.5 / 1.0 as the settings were written.
    grid = grid.assign(theta_S=grid["theta_S"].astype(str))
    table = _pivot(grid, names, ["theta_S", "Mul"], values)
    if values == "silhouette":
        styler = finished(table, "Mean silhouette of the result for theta_S x Mul (–: a "
                          "single cluster)", profile=profile, digits=3, na_rep="–")
        return styler.background_gradient(axis=None)
    fixed = ISODATA()
    return finished(table, f"Clusters found for theta_S x Mul (I = {fixed.max_iter}, "
                    f"theta_N = {fixed.min_samples}, L = {fixed.max_merge_pairs})",
                    profile=profile, digits=0)


def iterations_table(iterations, names, *, profile=None):
    """The sweep of the number of iterations :math:`I`: the clusters found.

    ``iterations`` is :func:`isodata_sweep` with the label columns ``setting`` and
    ``I``; ``names`` the datasets, as columns.
    """
    return finished(_pivot(iterations, names, ["setting", "I"], "clusters"),
                    "Clusters found for each I", profile=profile, digits=0)


def min_samples_table(minimum, names, *, profile=None):
    """The sweep of :math:`\\theta_N`: the clusters found and the smallest one's size.

    ``minimum`` is :func:`isodata_sweep` with the label column ``theta_N``; ``names``
    the datasets, as the columns under each measure.
    """
    return finished(_pivot(minimum, names, "theta_N", ["clusters", "smallest"]),
                    "Clusters found and the size of the smallest one, for each theta_N",
                    profile=profile, digits=0)


def versus_table(versus, seeds, *, profile=None):
    """:func:`isodata_versus_kmeans` as the chapter shows it (``seeds``: the seeds its
    stability is measured over)."""
    formats = {column: "{:.0f}" if column in ("K", "clusters") else "{:.3f}"
               for column in versus.columns}
    return finished(versus, "ISODATA (silhouette K, default thresholds) vs k-means with as "
                    f"many clusters; stability over seeds {list(seeds)}", profile=profile,
                    formats=formats)


def isodata_claim_measures(ends, versus) -> pd.DataFrame:
    """What the claims of chapter 02 read: the clusters each start ends with, and both
    methods' mean silhouette.

    Parameters
    ----------
    ends : DataFrame
        :func:`final_clusters`.
    versus : DataFrame
        :func:`isodata_versus_kmeans`.

    Returns
    -------
    DataFrame
        ``dataset, method, mean, metric``: ``clusters found`` per start (the method),
        then ``silhouette`` of ``ISODATA`` and ``k-means``.
    """
    starts = (
        ends.drop(columns="K")
        .rename_axis("dataset")
        .reset_index()
        .melt(id_vars="dataset", var_name="method", value_name="mean")
    )
    starts["metric"] = "clusters found"
    silhouettes = (
        versus[["silhouette ISODATA", "silhouette k-means"]]
        .set_axis(["ISODATA", "k-means"], axis=1)
        .reset_index()
        .melt(id_vars="dataset", var_name="method", value_name="mean")
        .assign(metric="silhouette")
    )
    return pd.concat([starts, silhouettes], ignore_index=True)
