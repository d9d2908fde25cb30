"""The tables and figures of the ISODF-ENN chapters, built by tested functions.

Each function builds one table or figure a chapter of ``notebooks/isodf_enn`` shows, so
that the chapter's cell is a call and the loop behind it is tested. Presentation only:
the functions read data and fit small models the chapters show, none of it is cached,
and editing this module keeps the experiment cache.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "denoising_losses",
    "encode_minority",
    "fidelity_measures",
    "isodata_sweep",
    "isodata_versus_kmeans",
    "plot_partitions",
    "plot_reverse_process",
    "plot_sensitivity",
    "sensitivity_noise",
    "settings_clusters",
]


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


def plot_partitions(encoded, partitions, names, *, random_state=0):
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
    fig.tight_layout()
    return fig


def plot_reverse_process(snapshots, pca, real_train, real_held):
    """Draw generated rows at steps of the reverse process beside the real rows.

    Parameters
    ----------
    snapshots : dict of int -> tensor or ndarray of shape (n, d)
        Generated rows after each recorded step ``t`` (drawn from the largest ``t``).
    pca : fitted PCA
        The two principal components of the real training rows, in model space.
    real_train, real_held : tensor or ndarray of shape (n, d)
        The real training and held-out rows, in model space.

    Returns
    -------
    Figure
        One panel per step, then the real rows; shared square limits.
    """
    import matplotlib.pyplot as plt

    if not snapshots:
        raise ValueError("snapshots is empty: nothing to draw")
    project = {step: pca.transform(np.asarray(x)) for step, x in snapshots.items()}
    train_2d, held_2d = pca.transform(np.asarray(real_train)), pca.transform(
        np.asarray(real_held)
    )
    n_panels = len(snapshots) + 1
    fig, axes = plt.subplots(
        1, n_panels, figsize=(2.5 * n_panels, 2.7), sharex=True, sharey=True
    )
    for ax, step in zip(axes, sorted(project, reverse=True)):
        ax.scatter(project[step][:, 0], project[step][:, 1], s=6, alpha=0.7,
                   color="tab:green")
        ax.set_title(f"generated, t = {step}", fontsize=9)
    axes[-1].scatter(train_2d[:, 0], train_2d[:, 1], s=6, alpha=0.7, label="training")
    axes[-1].scatter(held_2d[:, 0], held_2d[:, 1], s=10, alpha=0.9, label="held out")
    axes[-1].set_title("real sub-cluster", fontsize=9)
    axes[-1].legend(fontsize=7)
    limit = np.abs(np.vstack([train_2d, held_2d, *project.values()])).max() * 1.1
    axes[0].set(xlim=(-limit, limit), ylim=(-limit, limit), ylabel="PC 2")
    for ax in axes:
        ax.set_xlabel("PC 1")
    fig.tight_layout()
    return fig


def denoising_losses(diffusion, model, parts, *, n_draws=40, generator_seed=12345,
                     device="cpu"):
    """Mean simplified DDPM loss of a network on sets of rows, with shared draws.

    Every set (and every network given the same ``generator_seed``) sees the same
    draws of :math:`t` and :math:`\\epsilon`, so differences come from the rows and
    the network, not from the draws. The network is put in evaluation mode (dropout
    off), as it is used when sampling.

    Parameters
    ----------
    diffusion : GaussianDiffusion
    model : torch.nn.Module
    parts : dict of label -> tensor of shape (n, d)
    n_draws : int, default=40
        Batches of draws averaged per set.
    generator_seed : int, default=12345
    device : str, default="cpu"

    Returns
    -------
    dict of label -> float
    """
    import torch

    if n_draws < 1:
        raise ValueError(f"n_draws must be at least 1, got {n_draws}")
    model = model.to(device).eval()
    losses = {}
    for label, x in parts.items():
        draws = torch.Generator().manual_seed(generator_seed)
        with torch.no_grad():
            losses[label] = np.mean([
                diffusion.training_loss(model, x.to(device), draws).item()
                for _ in range(n_draws)
            ])
    return losses


def fidelity_measures(frame, *, train, held_out, encoder, scaler, nearest_train,
                      random_state=0):
    """How close a set of rows is to a sub-cluster's real rows, on four measures.

    Parameters
    ----------
    frame : DataFrame
        The rows measured (generated, real or shuffled), in data units.
    train, held_out : DataFrame
        The sub-cluster's real training and held-out rows.
    encoder : fitted TabularTransformer
    scaler : fitted StandardScaler
        Together, the encoding to model space that the nearest-neighbour search uses:
        ``scaler.transform(encoder.transform(frame))``.
    nearest_train : fitted NearestNeighbors
        Fitted on the training rows in model space, ``n_neighbors=1``.
    random_state : int, default=0

    Returns
    -------
    dict
        ``MMD to held-out`` and ``Wasserstein to held-out``
        (:func:`imbdiff.metrics.mmd`, :func:`imbdiff.metrics.wasserstein`), the
        ``correlation gap to training rows`` (root mean square difference of the
        Spearman correlations of the numeric columns, ignoring constant columns) and
        the median ``distance to nearest training row``.
    """
    from imbdiff.metrics import mmd, wasserstein

    numeric = train.select_dtypes("number").columns
    gap = frame[numeric].corr("spearman") - train[numeric].corr("spearman")
    return {
        "MMD to held-out": mmd(held_out, frame, random_state=random_state),
        "Wasserstein to held-out": wasserstein(held_out, frame, random_state=random_state),
        "correlation gap to training rows": np.sqrt(np.nanmean(np.square(gap.to_numpy()))),
        "distance to nearest training row": np.median(
            nearest_train.kneighbors(
            scaler.transform(encoder.transform(frame, dtype=np.float64))
        )[0]
        ),
    }


def settings_clusters(X, y, settings, *, candidates=range(2, 11), random_state=0):
    """The sub-clusters ISODATA finds on a minority class under each setting.

    For each setting the silhouette chooses :math:`K` among the ``candidates`` below
    the number of minority rows, with that setting's ISODATA as the clusterer
    (:math:`K = 1` when every candidate ends in one cluster); ISODATA is then fitted
    with that :math:`K`.

    Parameters
    ----------
    X : DataFrame of shape (n_samples, n_features)
    y : array of shape (n_samples,), 1 for the minority class
    settings : dict of label -> dict
        Keyword arguments of :class:`imbdiff.ISODATA` for each setting.
    candidates : iterable of int, default=range(2, 11)
    random_state : int, default=0

    Returns
    -------
    dict of label -> str
        ``"<clusters found> (K=<K>, theta_C=<theta_C>)"``.
    """
    from imbdiff import ISODATA
    from imbdiff.cluster import select_n_clusters
    from imbdiff.diffusion import TabularTransformer

    minority = X[np.asarray(y) == 1]
    if len(minority) < 3:
        raise ValueError(f"the minority class (label 1) has {len(minority)} rows; need 3")
    Z = (
        TabularTransformer(numeric="standard", random_state=random_state)
        .fit(minority)
        .transform(minority, dtype=np.float64)
    )
    usable = [k for k in candidates if k < len(Z)]
    found = {}
    for label, options in settings.items():
        clusterer = ISODATA(n_clusters=1, random_state=random_state, **options)
        try:
            K, _ = select_n_clusters(Z, usable, clusterer=clusterer,
                                     random_state=random_state)
        except ValueError:  # every K ended in one cluster
            K = 1
        model = clusterer.set_params(n_clusters=K).fit(Z)
        found[label] = f"{model.n_clusters_} (K={K}, theta_C={model.min_center_distance_:g})"
    return found


def _means_and_errors(results, metric, labels, n_folds):
    means = results.wide(metric, methods=labels)
    errors = results.wide(metric, methods=labels, value="std") / np.sqrt(n_folds)
    return means, errors


def plot_sensitivity(results, metrics, factors, *, n_folds, default):
    """Scores against each factor's values, one line per dataset (Tables 4-5 drawn).

    Parameters
    ----------
    results : imbdiff.experiments.Results
    metrics : dict of metric -> label
        One row of panels per metric.
    factors : list of (list of str, list of float, str)
        One column of panels per factor: its method labels, their values (the x axis;
        log scale when the name is ``"Mul"``) and its name.
    n_folds : int
        Folds per mean; error bars are the standard deviation over ``sqrt(n_folds)``.
    default : str
        The method label drawn dashed as each dataset's reference.

    Returns
    -------
    Figure
    """
    import matplotlib.pyplot as plt

    if n_folds < 1:
        raise ValueError(f"n_folds must be at least 1, got {n_folds}")
    fig, axes = plt.subplots(len(metrics), len(factors), figsize=(10, 6), sharey="row",
                             squeeze=False)
    for row, (metric, label) in enumerate(metrics.items()):
        reference = results.wide(metric, methods=[default])[default]
        for col, (labels, values, xlabel) in enumerate(factors):
            ax = axes[row, col]
            means, errors = _means_and_errors(results, metric, labels, n_folds)
            for dataset in means.index:
                line = ax.errorbar(values, means.loc[dataset], yerr=errors.loc[dataset],
                                   marker="o", ms=4, capsize=2, label=dataset)
                ax.axhline(reference.loc[dataset], ls="--", lw=0.8,
                           color=line[0].get_color())
            ax.set_xscale("log" if xlabel == "Mul" else "linear")
            ax.set_xticks(values, [str(v) for v in values])
            ax.set_xlabel(xlabel)
            if col == 0:
                ax.set_ylabel(f"{label} (%)")
    axes[0, -1].legend(fontsize=7)
    fig.tight_layout()
    return fig


def sensitivity_noise(results, metrics, factors, *, n_folds):
    """Each factor's range of mean scores beside the standard error of one mean.

    Parameters
    ----------
    results : imbdiff.experiments.Results
    metrics : dict of metric -> label
    factors : list of (list of str, str)
        Each factor's method labels and its name.
    n_folds : int

    Returns
    -------
    list of dict
        One per metric, factor and dataset: ``metric``, ``factor``, ``dataset``,
        ``range (pp)`` (best minus worst mean), ``mean standard error (pp)`` and
        ``best`` (the labels within 1e-9 of the best, comma-separated).
    """
    if n_folds < 1:
        raise ValueError(f"n_folds must be at least 1, got {n_folds}")
    rows = []
    for metric, label in metrics.items():
        for labels, factor in factors:
            means, errors = _means_and_errors(results, metric, labels, n_folds)
            for dataset in means.index:
                scores = means.loc[dataset]
                rows.append({
                    "metric": label, "factor": factor, "dataset": dataset,
                    "range (pp)": scores.max() - scores.min(),
                    "mean standard error (pp)": errors.loc[dataset].mean(),
                    "best": ", ".join(means.columns[scores >= scores.max() - 1e-9]),
                })
    return rows
