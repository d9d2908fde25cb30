"""Chapter 04 of ISODF-ENN: the clusters of each parameter setting and the scores'
sensitivity to the settings.
"""

from __future__ import annotations

import numpy as np


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
