"""Chapter 04 of ISODF-ENN (Tables 4-5): the cells of each setting of Mul and I, the
clusters each finds, the tables of scores and the scores' sensitivity to the settings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import finished
from ..report import titled
from ._common import metric_label
from ._grids import ITERATION_VALUES, MUL_VALUES, isodf_enn_grid


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


def plot_sensitivity(results, metrics, factors, *, n_folds, default, profile=None):
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
    profile : Profile or str, optional
        Named in the figure's title.

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
    return titled(fig, "Tables 4-5 drawn: ISODF-ENN against Mul and I", profile)


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


#: The method labels of Tables 4 and 5 (one ISODF-ENN per value), and of the package
#: default the tables show beside them.
MUL_LABELS = [f"Mul={m}" for m in MUL_VALUES]
ITERATION_LABELS = [f"I={i}" for i in ITERATION_VALUES]
DEFAULT_LABEL = "Mul=2, I=20 (default)"

#: Each setting's keyword arguments of :class:`imbdiff.ISODATA` (and ISODF-ENN).
SENSITIVITY_SETTINGS = {
    **{label: {"merge_multiplier": float(m)} for label, m in zip(MUL_LABELS, MUL_VALUES)},
    **{label: {"max_iter": i} for label, i in zip(ITERATION_LABELS, ITERATION_VALUES)},
    DEFAULT_LABEL: {},
}

#: The datasets Mul and I are varied on in the default profile when none are named:
#: two of the cheaper sets, one slightly and one more imbalanced.
SENSITIVITY_DEFAULT_DATASETS = ("glass1", "ecoli3")

#: Tables 4 and 5: the values varied and the factor's name.
_TABLES = {4: (MUL_LABELS, "Mul"), 5: (ITERATION_LABELS, "I")}


def sensitivity_datasets(settings, *, datasets=None, chosen=None):
    """The datasets chapter 04 varies Mul and I on.

    Parameters
    ----------
    settings : Profile
    datasets : list of str, optional
        The chapter's ``datasets`` parameter (None: the profile's).
    chosen : list of str or str, optional
        The chapter's ``sensitivity_datasets`` parameter; when given, these.

    Returns
    -------
    list of str
        ``chosen``; else, in the default profile with no ``datasets`` named,
        :data:`SENSITIVITY_DEFAULT_DATASETS` (those the profile holds); else every
        dataset of the run.
    """
    from .. import profiles

    if chosen is not None:
        return list(profiles.get(settings.name, isodf_datasets=chosen).isodf_datasets)
    if settings.name == "default" and datasets is None:
        return [d for d in SENSITIVITY_DEFAULT_DATASETS if d in settings.isodf_datasets]
    return list(settings.isodf_datasets)


def sensitivity_cells(settings, names, *, seed=0, device="auto"):
    """The cells of Tables 4 and 5, and the package default's beside them.

    The setting whose value is the sampler's default (``I=20``) runs exactly Table 6's
    ISODF-ENN, so its cells are Table 6's, relabelled (same rows, same scores, computed
    once); the package default is Table 6's ISODF-ENN too, labelled
    :data:`DEFAULT_LABEL`.

    Parameters
    ----------
    settings : Profile
    names : list of str
    seed : int, default=0
    device : str, default="auto"

    Returns
    -------
    cells : list of Experiment
    reused : dict of label -> int
        The settings read from Table 6's cells, with their number of folds.
    """
    from dataclasses import replace

    from ..combine import ISODFENNSampler

    grid = isodf_enn_grid("sensitivity", settings, names, seed=seed, device=device)
    defaults = [c for c in isodf_enn_grid("comparison", settings, names, seed=seed,
                                          device=device) if c.method == "ISODF-ENN"]
    default_label = f"I={ISODFENNSampler().max_iter}"
    reused = {}
    for position, cell in enumerate(grid):
        if cell.label != default_label:
            continue
        twin = next(d for d in defaults if d.dataset == cell.dataset and d.split == cell.split)
        if dict(cell.params) == {**dict(twin.params), "max_iter": ISODFENNSampler().max_iter}:
            grid[position] = replace(twin, label=cell.label)
            reused[cell.label] = reused.get(cell.label, 0) + 1
    return grid + [replace(c, label=DEFAULT_LABEL) for c in defaults], reused


def settings_clusters_table(found, *, profile=None):
    """:func:`settings_clusters` of every dataset (``found``: name -> its dict), as the
    chapter shows it: settings down, datasets across."""
    return finished(pd.DataFrame(found), "Sub-clusters found (K chosen by the silhouette, "
                    "theta_C = Mul x theta_S)", profile=profile)


def sensitivity_table(results, number, metric, *, profile=None):
    """Table 4 (Mul) or 5 (I), ours: ISODF-ENN's mean score for each value.

    Parameters
    ----------
    results : imbdiff.experiments.Results
    number : {4, 5}
    metric : {"AUC_DT", "F1_DT"}
        The paper's tables give the AUC; the F-value is ours.
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        Datasets down; the table's values across, then the package default for
        reference. Each row's best of the table's values is bold (ties shared; the
        default is not ranked); two decimals.
    """
    if number not in _TABLES:
        raise ValueError(f"number must be 4 (Mul) or 5 (I); got {number!r}")
    label = metric_label(metric)
    labels, name = _TABLES[number]
    note = "the paper's table" if metric == "AUC_DT" else "not in the paper"
    table = results.wide(metric, methods=labels + [DEFAULT_LABEL])
    return finished(table, f"Table {number}, ours: {label} (%) of "
                    f"ISODF-ENN with a decision tree for each {name} ({note})",
                    profile=profile, best="row", among=labels, digits=2)


def identical_settings(results, names, *, metrics=("AUC_DT", "F1_DT")):
    """The settings that scored exactly alike in every fold, per dataset.

    Two settings that lead ISODATA to the same sub-clusters in every fold generate
    the same rows and get every score alike.

    Parameters
    ----------
    results : imbdiff.experiments.Results
    names : list of str
    metrics : tuple of str
        The scores compared (all must agree, to 10 decimals).

    Returns
    -------
    Series indexed by dataset
        ``"Mul=20 = Mul=50; ..."``, one group per factor, or ``"none"``.
    """
    folds = {metric: results.per_fold(metric) for metric in metrics}
    identical = {}
    for dataset in names:
        if dataset not in folds[metrics[0]].index.get_level_values(0):
            continue
        both = pd.concat([folds[m].loc[dataset] for m in metrics], axis=0)
        groups = []
        for labels in (MUL_LABELS, ITERATION_LABELS):
            seen = {}
            for label in [label for label in labels if label in both.columns]:
                seen.setdefault(tuple(np.round(both[label].to_numpy(), 10)), []).append(label)
            groups += [" = ".join(group) for group in seen.values() if len(group) > 1]
        identical[dataset] = "; ".join(groups) or "none"
    return pd.Series(identical, name="settings with identical scores in every fold",
                     dtype=object)


def identical_settings_table(results, names, *, profile=None):
    """:func:`identical_settings` as the chapter shows it."""
    return finished(identical_settings(results, names).to_frame(), "Settings whose "
                    "scores were identical in every fold, per dataset", profile=profile)


def noise_ranges(results, metrics, factors, *, n_folds):
    """:func:`sensitivity_noise` as a table, with each range in standard errors.

    Returns
    -------
    DataFrame indexed by (metric, factor, dataset)
        ``range (pp)``, ``mean standard error (pp)``, ``best`` and ``range / SE``.
    """
    noise = pd.DataFrame(
        sensitivity_noise(results, metrics, factors, n_folds=n_folds),
        columns=["metric", "factor", "dataset", "range (pp)", "mean standard error (pp)",
                 "best"],
    )
    noise["range / SE"] = noise["range (pp)"] / noise["mean standard error (pp)"]
    return noise.set_index(["metric", "factor", "dataset"])


def noise_table(noise, *, profile=None):
    """:func:`noise_ranges` as the chapter shows it, two decimals."""
    formats = {column: "{:.2f}" for column in ("range (pp)", "mean standard error (pp)",
                                               "range / SE")}
    return finished(noise, "Each factor's range of mean scores beside the standard error "
                    "of one mean", profile=profile, formats=formats)
