"""Chapter 05: the paper's distance levels, the readings tried, and the methods' ranks."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import is_nominal_dtype


# --- Chapter 05 (distances): the paper's levels, the readings tried, the ranks ------------


def synthcity_js(real: pd.DataFrame, generated: pd.DataFrame, *, bins: int = 10) -> float:
    """synthcity's Jensen-Shannon recipe (a diagnostic, not :func:`imbdiff.metrics.js_distance`).

    Each column is cut into at most ``bins`` equal-width bins over the real rows' range
    (generated values outside it fall in an extra NaN bin), 1 is added to every
    normalised frequency and scipy's ``jensenshannon`` (natural logarithm) compares the
    two histograms; the result is the mean over the columns. Categorical columns are
    compared by their codes in the real rows' categories.

    Parameters
    ----------
    real, generated : DataFrame
        Rows with the same columns; ``real`` gives the bins.
    bins : int, default=10
        The most bins per column (fewer when a column has fewer distinct real values).

    Returns
    -------
    float

    References
    ----------
    synthcity, ``synthcity.metrics.eval_statistical.JensenShannonDistance``, commit
    ``e746316``.
    """
    from scipy.spatial.distance import jensenshannon

    missing = [c for c in real.columns if c not in generated.columns]
    if missing:
        raise ValueError(f"generated rows lack the columns {missing}")
    values = []
    for column in real.columns:
        r, g = real[column], generated[column]
        if is_nominal_dtype(r.dtype):
            categories = pd.Categorical(r).categories
            r = pd.Series(pd.Categorical(r, categories=categories).codes)
            g = pd.Series(pd.Categorical(g, categories=categories).codes)
        r, g = r.astype(float), pd.Series(g, dtype=float)
        r_bins, edges = pd.cut(r, bins=min(bins, r.nunique()), retbins=True)
        p, q = r_bins.value_counts(dropna=False, normalize=True).align(
            pd.cut(g, bins=edges).value_counts(dropna=False, normalize=True),
            join="outer", fill_value=0,
        )
        values.append(jensenshannon(p + 1, q + 1))
    return float(np.mean(values))


def distance_readings(cells, **run_options) -> pd.DataFrame:
    """Other readings of Tables 16 and 18's distances, per split, against the guiding rows.

    :func:`distance_reading` of every cell, from the results store when it holds
    them (:func:`~imbdiff.experiments._summaries.summarise_rows`), else from the cell's rows.

    Parameters
    ----------
    cells : sequence of imbdiff.experiments.Experiment
    **run_options
        Passed to :func:`imbdiff.experiments.run` (``n_jobs``, ``backend``, ...).

    Returns
    -------
    DataFrame
        One row per split: ``method``, ``dataset`` and one column per reading.
    """
    from ..experiments._summaries import summarise_rows

    readings = summarise_rows(distance_reading, cells, **run_options)
    return readings.drop(columns="split").rename(columns={"generator": "method"})


def distance_reading(result) -> list[dict]:
    """Other readings of one split's distances (Tables 16 and 18) to its guiding rows.

    :func:`synthcity_js` and the linear-kernel MMD (:func:`imbdiff.metrics.mmd`) in raw,
    standardised and min-max units, each against the minority training rows of the
    split's own guiding region.

    Parameters
    ----------
    result : imbdiff.experiments.Result
        A hold-out result with its generated rows.

    Returns
    -------
    list of dict
        One row, reading -> value; none for a failed result or one without guiding
        rows or generated rows.
    """
    from .. import metrics
    from ._analysis import training_split
    from ..regions import region_types

    if not result.ok or not result.guiding_rows or result.generated is None:
        return []
    X_train, y_train, _, _, nominal = training_split(result.experiment)
    types = region_types(X_train, y_train, categorical_features=nominal)
    real = X_train[(y_train == 1) & (types == result.experiment.region)]
    row = {"JS, synthcity recipe": synthcity_js(real, result.generated)}
    for scale, label in ((None, "raw"), ("standard", "standardised"), ("minmax", "min-max")):
        row[f"MMD, linear kernel, {label}"] = metrics.mmd(
            real, result.generated, kernel="linear", scale=scale,
            categorical_features=nominal, random_state=result.experiment.seed,
        )
    return [row]


def reading_agreement(mine: pd.DataFrame, theirs: pd.DataFrame) -> dict:
    """How one reading's levels and orders compare with the paper's, datasets x methods.

    Returns
    -------
    dict
        ``median ours / paper``, ``smallest ratio``, ``largest ratio`` over the cells
        both have, and ``order like the paper (Spearman)``: the mean over the datasets
        (complete in both, the paper's values not all tied) of the Spearman correlation
        of the two method orders; NaN without such a dataset.
    """
    if mine.shape != theirs.shape:
        raise ValueError(f"the tables differ in shape: {mine.shape} and {theirs.shape}")
    ratio = (mine / theirs).stack()
    comparable = mine.notna().all(axis=1) & theirs.notna().all(axis=1)
    comparable &= theirs.nunique(axis=1) > 1
    agreement = [mine.loc[d].rank().corr(theirs.loc[d].rank())
                 for d in mine.index[comparable]]
    return {
        "median ours / paper": ratio.median(),
        "smallest ratio": ratio.min(),
        "largest ratio": ratio.max(),
        "order like the paper (Spearman)": np.mean(agreement) if agreement else np.nan,
    }


def reading_diagnostics(ours, readings, published, *, methods, datasets) -> pd.DataFrame:
    """:func:`reading_agreement` of our distances and of each :func:`distance_readings`.

    Parameters
    ----------
    ours : DataFrame
        Our distances, long (``method, dataset, metric, mean``).
    readings : DataFrame
        From :func:`distance_readings`; a reading is compared with the paper's table of
        its name's first word (``"JS"`` or ``"MMD"``).
    published : dict of str to DataFrame
        The paper's long tables per distance (``"JS"``, ``"WD"``, ``"MMD"``).
    methods, datasets : list of str

    Returns
    -------
    DataFrame
        Indexed by ``reading``.
    """
    from ..report import wide

    ours_labels = {"JS": "JS, ours (imbdiff)", "WD": "WD, ours (imbdiff)",
                   "MMD": "MMD, ours (RBF, imbdiff)"}
    candidates = [(m, label, ours, m) for m, label in ours_labels.items()]
    candidates += [(name.split(",")[0], name,
                    readings.assign(metric=name, mean=readings[name]), name)
                   for name in readings.columns if name not in ("method", "dataset")]
    rows = []
    for metric, label, frame, key in candidates:
        mine = wide(frame, key, methods=methods).reindex(datasets)
        theirs = wide(published[metric], metric, methods=methods).reindex(datasets)
        rows.append({"reading": label, **reading_agreement(mine, theirs)})
    return pd.DataFrame(rows).set_index("reading")


def paired_ranks(ours, published, metrics, *, methods, datasets):
    """Table 2's average ranks, ours and the paper's, on the datasets where ours are complete.

    For each metric the datasets are those of ``datasets`` where every method has our
    value; the paper's Tables 16-18 are ranked on the same ones (lower = closer, ties
    share their mean rank). A metric with fewer than two such datasets is left out.

    Returns
    -------
    ranks : DataFrame
        Indexed by method; columns ``(distance, "paper" | "ours" | "diff")``,
        ``diff = ours - paper``.
    ranked_on : dict of str to list
        The datasets each metric was ranked on.
    """
    from .. import stats
    from ..report import wide

    columns, ranked_on = {}, {}
    present = set(ours["dataset"])
    for metric in metrics:
        mine = (wide(ours, metric, methods=methods)
                .reindex([d for d in datasets if d in present]).dropna())
        ranked_on[metric] = list(mine.index)
        if len(mine) < 2:
            continue
        theirs = wide(published[metric], metric, methods=methods).reindex(mine.index)
        paper = stats.average_ranks(theirs, higher_is_better=False)
        own = stats.average_ranks(mine, higher_is_better=False)
        columns[(metric, "paper")], columns[(metric, "ours")] = paper, own
        columns[(metric, "diff")] = own - paper
    ranks = pd.DataFrame(columns).reindex(methods)
    if columns:
        ranks.columns = pd.MultiIndex.from_tuples(ranks.columns, names=["distance", ""])
    return ranks, ranked_on


def rank_dots(printed, ranks, metrics, methods):
    """One panel per distance: the printed Table 2 rank, the paper's on our datasets, ours.

    Parameters
    ----------
    printed : DataFrame
        The printed Table 2, methods down, distances across.
    ranks : DataFrame
        From :func:`paired_ranks`; a distance it lacks shows the printed ranks only.
    metrics, methods : list of str

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(metrics), figsize=(10, 3.1), sharey=True, squeeze=False)
    axes = axes[0]
    positions = np.arange(len(methods))
    for ax, metric in zip(axes, metrics):
        ax.scatter(printed[metric], positions, facecolors="none", edgecolors="grey",
                   label="paper, Table 2 (10 datasets)")
        if (metric, "ours") in ranks:
            ax.scatter(ranks[(metric, "paper")], positions, marker="s", color="tab:orange",
                       label="paper, our datasets")
            ax.scatter(ranks[(metric, "ours")], positions, color="tab:blue", label="ours")
        ax.set(title=metric, xlim=(0.8, len(methods) + 0.2), xlabel="average rank")
        # the rank every method would get if the distances did not tell them apart
        ax.axvline((len(methods) + 1) / 2, color="lightgrey", lw=0.8, zorder=0)
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(positions, methods)
    axes[0].invert_yaxis()
    handles, labels = axes[-1].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


def rank_statements(ranks, metrics, *, reference="LReDDPM") -> list:
    """One Markdown line per distance: the reference's average rank and place, ours and paper's.

    Parameters
    ----------
    ranks : DataFrame
        From :func:`paired_ranks`; every metric must be in it.
    """
    lines = []
    for metric in metrics:
        if (metric, "ours") not in ranks:
            raise ValueError(f"ranks lack the distance {metric!r}")
        said = {}
        for side in ("ours", "paper"):
            r = ranks[(metric, side)]
            said[side] = (
                f"{r[reference]:.2f} in {'ours' if side == 'ours' else 'the paper'}"
                f"{' on the same datasets' if side == 'paper' else ''} "
                f"(place {r.rank(method='min')[reference]:.0f} of {len(r)}; best "
                f"{', '.join(r.index[r == r.min()])} at {r.min():.2f})"
            )
        lines.append(f"* **{metric}**: {reference}'s average rank is {said['ours']} "
                     f"against {said['paper']}.")
    return lines
