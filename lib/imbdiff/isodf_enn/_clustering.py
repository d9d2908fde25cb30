"""Chapters 01 and 02 of ISODF-ENN: the silhouette curves of the datasets, and ISODATA
on the encoded minority class (settings swept, against k-means, partitions drawn).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import titled


def plot_silhouette_curves(scores, reference_scores, choice, names, *, n_wide=4,
                           profile=None):
    """Fig. 7: each dataset's mean silhouette against the expected number of clusters.

    Parameters
    ----------
    scores : dict of name -> DataFrame
        ISODATA's scores from :func:`imbdiff.cluster.select_n_clusters`, indexed by
        :math:`K`, with columns ``silhouette`` and ``n_clusters_found`` (written next
        to each point).
    reference_scores : dict of name -> DataFrame
        k-means' scores, drawn dashed grey.
    choice : dict of name -> int
        The :math:`K` chosen, circled in red.
    names : list of str
        The datasets, one panel each.
    n_wide : int, default=4
        Panels per row at most.
    profile : Profile or str, optional
        Named in the figure's title.

    Returns
    -------
    Figure
    """
    import matplotlib.pyplot as plt

    if not names:
        raise ValueError("names is empty: nothing to draw")
    n_wide = min(n_wide, len(names))
    n_high = int(np.ceil(len(names) / n_wide))
    fig, axes = plt.subplots(n_high, n_wide, figsize=(3.2 * n_wide, 2.6 * n_high),
                             squeeze=False)
    for ax, name in zip(axes.flat, names):
        frame, reference = scores[name], reference_scores[name]
        ax.plot(frame.index, frame["silhouette"], marker="o", ms=3, label="ISODATA")
        ax.plot(reference.index, reference["silhouette"], ls="--", color="grey",
                label="k-means")
        for k, row in frame.iterrows():
            ax.annotate(str(int(row["n_clusters_found"])), (k, row["silhouette"]),
                        fontsize=6, xytext=(0, 4), textcoords="offset points",
                        ha="center")
        best = choice[name]
        ax.scatter([best], [frame.loc[best, "silhouette"]], s=90, facecolors="none",
                   edgecolors="red")
        ax.set_title(name, fontsize=9)
        ax.set_xticks(frame.index)
        ax.tick_params(labelsize=7)
    for ax in axes[-1]:
        ax.set_xlabel("K")
    for ax in axes[:, 0]:
        ax.set_ylabel("mean silhouette")
    for ax in axes.flat[len(names):]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=7)
    return titled(fig, "Fig. 7, ours: mean silhouette against the expected K", profile)


def encode_minority(X, y, candidates, *, random_state=0):
    """Encode the minority class (label 1) and choose its number of clusters.

    Numeric columns are standardised on the minority rows, nominal ones embedded, as
    :class:`imbdiff.diffusion.TabularTransformer` does; :math:`K` is the silhouette's
    choice (:func:`imbdiff.cluster.select_n_clusters`) among the ``candidates`` below
    the number of minority rows.

    Parameters
    ----------
    X : DataFrame or array of shape (n_samples, n_features)
    y : array of shape (n_samples,), 1 for the minority class
    candidates : iterable of int
        Numbers of clusters to try.
    random_state : int, default=0

    Returns
    -------
    Z : ndarray of float64, shape (n_minority, n_encoded)
    K : int
    """
    from imbdiff.cluster import select_n_clusters
    from imbdiff.diffusion import TabularTransformer

    y = np.asarray(y)
    minority = X[y == 1]
    if len(minority) < 2:
        raise ValueError(f"the minority class (label 1) has {len(minority)} rows; need 2")
    Z = (
        TabularTransformer(numeric="standard", random_state=random_state)
        .fit_transform(minority)
        .astype(np.float64)
    )
    usable = [k for k in candidates if k < len(Z)]
    if not usable:
        raise ValueError(f"no candidate number of clusters is below {len(Z)} rows")
    K, _ = select_n_clusters(Z, usable, random_state=random_state)
    return Z, K


def isodata_sweep(encoded, n_clusters, settings, *, random_state=0):
    """Fit ISODATA on every dataset for every setting and summarise each result.

    Parameters
    ----------
    encoded : dict of name -> ndarray
        The encoded minority class of each dataset.
    n_clusters : dict of name -> int
        The expected number of clusters :math:`K` of each dataset.
    settings : list of (dict, dict)
        Pairs ``(columns, parameters)``: the columns that label the setting in the
        table, and the keyword arguments given to :class:`imbdiff.ISODATA`.
    random_state : int, default=0

    Returns
    -------
    DataFrame
        One row per dataset and setting (datasets outermost): ``dataset``, the label
        columns, then :func:`imbdiff.cluster.isodata_summary`'s columns.
    """
    from imbdiff import ISODATA
    from imbdiff.cluster import isodata_summary

    missing = set(encoded) - set(n_clusters)
    if missing:
        raise ValueError(f"no n_clusters for the datasets {sorted(missing)}")
    rows = []
    for name, Z in encoded.items():
        for columns, parameters in settings:
            model = ISODATA(
                n_clusters=n_clusters[name], random_state=random_state, **parameters
            ).fit(Z)
            rows.append({"dataset": name, **columns, **isodata_summary(model, Z)})
    return pd.DataFrame(rows)


def isodata_versus_kmeans(encoded, n_clusters, fitted, kmeans, seeds):
    """Compare ISODATA with k-means at the same number of clusters, per dataset.

    Parameters
    ----------
    encoded : dict of name -> ndarray
    n_clusters : dict of name -> int
        The :math:`K` given to ISODATA.
    fitted, kmeans : dict of name -> fitted model
        ISODATA and k-means (with ISODATA's number of clusters) on each dataset.
    seeds : list of int
        Seeds over which the stability of each method is measured (both refitted).

    Returns
    -------
    DataFrame indexed by dataset
        ``K``, ``clusters`` (ISODATA's), both mean silhouettes (NaN for a single
        cluster), their adjusted Rand index, each method's seed stability
        (:func:`imbdiff.cluster.labelling_stability`) and the silhouette difference.
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score, silhouette_score

    from imbdiff import ISODATA
    from imbdiff.cluster import labelling_stability

    if not seeds:
        raise ValueError("seeds is empty; the stability needs at least one seed")
    rows = []
    for name, Z in encoded.items():
        n = fitted[name].n_clusters_
        iso_runs = [
            ISODATA(n_clusters=n_clusters[name], random_state=s).fit(Z).labels_
            for s in seeds
        ]
        km_runs = [KMeans(n, n_init=10, random_state=s).fit(Z).labels_ for s in seeds]
        iso, km = fitted[name].labels_, kmeans[name].labels_
        rows.append({
            "dataset": name,
            "K": n_clusters[name],
            "clusters": n,
            "silhouette ISODATA": silhouette_score(Z, iso) if n > 1 else np.nan,
            "silhouette k-means": silhouette_score(Z, km) if n > 1 else np.nan,
            "ARI ISODATA vs k-means": adjusted_rand_score(iso, km),
            "seed stability ISODATA": labelling_stability(iso_runs),
            "seed stability k-means": labelling_stability(km_runs),
        })
    versus = pd.DataFrame(rows).set_index("dataset")
    versus["silhouette ISODATA - k-means"] = (
        versus["silhouette ISODATA"] - versus["silhouette k-means"]
    )
    return versus


def plot_partitions(encoded, partitions, names, *, random_state=0, profile=None):
    """Draw each dataset's partitions on its first two principal components.

    Parameters
    ----------
    encoded : dict of name -> ndarray
    partitions : dict of label -> (dict of name -> fitted clusterer)
        One row of panels per label (e.g. ``"ISODATA"``, ``"k-means"``); each model has
        ``labels_`` and ``cluster_centers_`` (drawn as crosses).
    names : list of str
        The datasets drawn, one column each.
    random_state : int, default=0
    profile : Profile or str, optional
        Named in the figure's title.

    Returns
    -------
    Figure
        The last row's x labels give the adjusted Rand index of each row's partition
        with the first row's.
    """
    import matplotlib.pyplot as plt
    from sklearn.decomposition import PCA
    from sklearn.metrics import adjusted_rand_score

    if not names or not partitions:
        raise ValueError("nothing to draw: names and partitions must not be empty")
    labels = list(partitions)
    fig, axes = plt.subplots(
        len(labels), len(names), figsize=(3.2 * len(names), 3 * len(labels)),
        squeeze=False,
    )
    for column, name in enumerate(names):
        pca = PCA(2, random_state=random_state).fit(encoded[name])
        P = pca.transform(encoded[name])
        for row, label in enumerate(labels):
            model, ax = partitions[label][name], axes[row, column]
            ax.scatter(P[:, 0], P[:, 1], c=model.labels_, cmap="tab10", vmin=0, vmax=9,
                       s=8, alpha=0.8)
            centres = pca.transform(model.cluster_centers_)
            ax.scatter(centres[:, 0], centres[:, 1], marker="x", c="black", s=50)
            ax.set_title(
                f"{name}: {label}, {len(model.cluster_centers_)} clusters", fontsize=9
            )
            ax.tick_params(labelsize=7)
        first, last = partitions[labels[0]][name], partitions[labels[-1]][name]
        ari = adjusted_rand_score(first.labels_, last.labels_)
        axes[-1, column].set_xlabel(f"PC 1   (ARI with {labels[0]} {ari:.2f})", fontsize=8)
    for ax in axes[:, 0]:
        ax.set_ylabel("PC 2")
    return titled(fig, "Fig. 3, ours: ISODATA's sub-clusters and k-means'", profile)
