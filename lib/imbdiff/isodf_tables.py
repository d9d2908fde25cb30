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
    "control_comparison",
    "denoising_losses",
    "encode_minority",
    "fidelity_measures",
    "gap_to_best_other",
    "isodata_sweep",
    "isodata_versus_kmeans",
    "plot_method_scores",
    "plot_partitions",
    "plot_reverse_process",
    "plot_silhouette_curves",
    "posthoc_power",
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


def plot_method_scores(tables, metrics, rivals, *, method="ISODF-ENN", baseline="Original"):
    """Each method's mean score per dataset, one panel per metric, datasets as rows.

    Parameters
    ----------
    tables : dict of metric -> DataFrame
        Mean scores, datasets x methods; must hold ``rivals``, ``method``, ``baseline``.
    metrics : dict of metric -> label
    rivals : list of str
        Methods drawn as small markers (up to seven).
    method : str, default="ISODF-ENN"
        Drawn as a red diamond.
    baseline : str, default="Original"
        Drawn as a black bar.

    Returns
    -------
    Figure
    """
    import matplotlib.pyplot as plt

    shapes = ["o", "s", "v", "^", "<", ">", "P"]
    if len(rivals) > len(shapes):
        raise ValueError(f"at most {len(shapes)} rivals can be drawn, got {len(rivals)}")
    n_rows = max(len(next(iter(tables.values()))), 2)
    fig, axes = plt.subplots(1, len(metrics), figsize=(11, 0.55 * n_rows + 1.5),
                             sharey=True, squeeze=False)
    axes = axes[0]
    for ax, (metric, label) in zip(axes, metrics.items()):
        table = tables[metric]
        positions = np.arange(len(table))
        for rival, shape in zip(rivals, shapes):
            ax.scatter(table[rival], positions, marker=shape, s=28, alpha=0.7, label=rival)
        ax.scatter(table[method], positions, marker="D", s=60, c="red", label=method,
                   zorder=3)
        ax.scatter(table[baseline], positions, marker="|", s=300, c="black",
                   label=baseline, zorder=3)
        ax.set_yticks(positions, table.index)
        ax.invert_yaxis()
        ax.set_xlabel(f"{label} (%)")
        ax.grid(axis="x", alpha=0.3)
    axes[-1].legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.tight_layout()
    return fig


def gap_to_best_other(table, per_fold, *, method="ISODF-ENN"):
    """A method's gap to the best other method on each dataset, with its standard error.

    Parameters
    ----------
    table : DataFrame
        Mean scores, datasets x methods.
    per_fold : DataFrame
        Scores per fold, indexed by (dataset, fold), one column per method; the folds
        are paired (every method sees the same rows), so the gap's standard error is
        that of the per-fold differences.
    method : str, default="ISODF-ENN"

    Returns
    -------
    DataFrame indexed by dataset
        The method's score, the ``best other`` method and ``its score``, the ``gap``
        (method - best other), the ``SE of gap`` over the folds and the method's rank
        among all the table's methods (``rank of <method> (of <n>)``; ties share the
        best rank). Datasets where the method or every other has no score are left out.
    """
    if method not in table.columns:
        raise ValueError(f"the table has no column {method!r}")
    others = table.drop(columns=method)
    rival = others.idxmax(axis=1).dropna()
    rival = rival[table.loc[rival.index, method].notna()]
    difference = (
        pd.concat([per_fold.loc[d, method] - per_fold.loc[d, r] for d, r in rival.items()],
                  keys=list(rival.index))
        if len(rival)
        else pd.Series(dtype=float)
    )
    gaps = pd.DataFrame({
        method: table.loc[rival.index, method],
        "best other": rival,
        "its score": others.loc[rival.index].max(axis=1),
    })
    gaps["gap"] = gaps[method] - gaps["its score"]
    by_dataset = difference.dropna().groupby(level=0)
    gaps["SE of gap"] = by_dataset.std(ddof=1) / np.sqrt(by_dataset.size())
    ranks = table.loc[rival.index].rank(axis=1, ascending=False, method="min")
    gaps[f"rank of {method} (of {table.shape[1]})"] = ranks[method].astype(int)
    return gaps


def control_comparison(table, average_ranks, *, control="ISODF-ENN", alpha=0.05):
    """A control method against each rival: Nemenyi and Wilcoxon-Holm, side by side.

    Parameters
    ----------
    table : DataFrame
        Scores, datasets x methods, complete (no NaN).
    average_ranks : Series
        Each method's average rank over the datasets (1: best).
    control : str, default="ISODF-ENN"
    alpha : float, default=0.05

    Returns
    -------
    DataFrame indexed by rival
        ``rank gap`` (rival's average rank - control's; positive: the control ranks
        better), ``CD`` (:func:`imbdiff.stats.critical_difference`), ``Nemenyi p``,
        ``Wilcoxon p`` raw and Holm-corrected (:func:`imbdiff.stats.wilcoxon_holm`),
        ``median difference (pp)`` and whether each test is significant.

    References
    ----------
    .. [1] J. Demšar, "Statistical comparisons of classifiers over multiple data
       sets", JMLR 7, 2006.
    """
    import warnings

    from imbdiff import stats

    if control not in table.columns:
        raise ValueError(f"the table has no column {control!r}")
    cd = stats.critical_difference(table.shape[1], len(table), alpha=alpha)
    nemenyi = stats.nemenyi(table)
    with warnings.catch_warnings():
        # A rival tied with the control on every dataset has no signed-rank statistic.
        warnings.simplefilter("ignore", RuntimeWarning)
        wilcoxon = stats.wilcoxon_holm(table, control=control)
    frame = pd.DataFrame({
        "rank gap": average_ranks.drop(control) - average_ranks[control],
        "CD": cd,
        "Nemenyi p": nemenyi[control].drop(control),
        "Wilcoxon p": wilcoxon["p_value"],
        "Wilcoxon p (Holm)": wilcoxon["p_holm"],
        "median difference (pp)": wilcoxon["median_difference"],
    })
    frame["significant (Nemenyi)"] = frame["rank gap"] > cd
    frame["significant (Wilcoxon-Holm)"] = frame["Wilcoxon p (Holm)"] < alpha
    return frame


def posthoc_power(n_methods, n_datasets, rank_gaps, *, control="ISODF-ENN", alpha=0.05):
    """What the post-hoc tests can show with this many methods and datasets.

    Parameters
    ----------
    n_methods, n_datasets : int
    rank_gaps : Series
        Each rival's average rank minus the control's.
    control : str, default="ISODF-ENN"
        Only names the columns.
    alpha : float, default=0.05

    Returns
    -------
    dict
        ``N``, the Nemenyi ``CD``, the largest and smallest rank gap, the number of
        ``rivals beyond CD``, the smallest two-sided p-value the exact signed-rank test
        can give (:math:`2/2^N`, every difference of one sign) and that p-value after
        Holm's correction over the ``n_methods - 1`` rivals (capped at 1).
    """
    from imbdiff import stats

    if n_methods < 2 or n_datasets < 1:
        raise ValueError(
            f"need at least 2 methods and 1 dataset, got {n_methods} and {n_datasets}"
        )
    cd = stats.critical_difference(n_methods, n_datasets, alpha=alpha)
    smallest = 2 / 2**n_datasets
    return {
        "N": n_datasets,
        "CD": cd,
        f"largest rank gap of {control}": rank_gaps.max(),
        f"smallest rank gap of {control}": rank_gaps.min(),
        "rivals beyond CD": int((rank_gaps > cd).sum()),
        "smallest possible Wilcoxon p": smallest,
        f"smallest possible Holm p ({n_methods - 1} rivals)": min(
            1.0, (n_methods - 1) * smallest
        ),
    }


def plot_silhouette_curves(scores, reference_scores, choice, names, *, n_wide=4):
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
    fig.tight_layout()
    return fig
