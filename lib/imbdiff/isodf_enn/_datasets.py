"""Chapter 01 of ISODF-ENN (Tables 1 and 2, Fig. 7): the datasets' size, imbalance and
overlap beside the values the paper quotes, and how firm the silhouette's choice of K is.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import finished, side_by_side

#: Table 1's columns, then Table 2's (the metrics of :func:`dataset_measures`).
TABLE1_METRICS = ["#rows", "#features", "IR", "K (silhouette)", "#sub-clusters"]
TABLE2_METRICS = ["R_pos", "R_neg", "R_aug"]


def paper_quoted() -> pd.DataFrame:
    """The IR and :math:`R_\\text{aug}` the paper's text quotes: all that survives of
    its Tables 1 and 2.

    Its discussion of Table 6 quotes them for the four datasets where ISODF-ENN was
    not best ("the IR of yeast1 was 2.46, R aug was 43.26, ..."); they are
    transcribed once in the package (:func:`imbdiff.paper.table`).

    Returns
    -------
    DataFrame
        Datasets down, in the paper's order; ``IR`` and ``R_aug`` across.
    """
    from .. import paper

    quoted = pd.concat([paper.table("isodf_enn", 1), paper.table("isodf_enn", 2)])
    return quoted.pivot_table(index="dataset", columns="metric", values="mean", sort=False)


def quoted_table():
    """:func:`paper_quoted` as the chapter shows it (no profile changes it)."""
    return finished(paper_quoted(), "The IR and R_aug (%) the paper's text quotes: all "
                    "that survives of its lost tables", digits=2)


def dataset_measures(loaded, overlap) -> pd.DataFrame:
    """Each dataset's size, imbalance ratio and overlap ratios, in long format.

    Parameters
    ----------
    loaded : dict of name -> imbdiff.datasets.Dataset
    overlap : dict of name -> imbdiff.metrics.OverlapRatio
        :func:`imbdiff.metrics.overlap_ratio` of each dataset.

    Returns
    -------
    DataFrame
        ``dataset, metric, mean``: ``#rows``, ``#features``, ``IR``, and ``R_pos``,
        ``R_neg``, ``R_aug`` in percent, dataset by dataset.
    """
    from ..metrics import imbalance_ratio

    missing = set(loaded) - set(overlap)
    if missing:
        raise ValueError(f"no overlap ratio for the datasets {sorted(missing)}")
    rows = []
    for name, data in loaded.items():
        result = overlap[name]
        rows += [
            {"dataset": name, "metric": "#rows", "mean": len(data.y)},
            {"dataset": name, "metric": "#features", "mean": data.X.shape[1]},
            {"dataset": name, "metric": "IR", "mean": imbalance_ratio(data.y)},
            {"dataset": name, "metric": "R_pos", "mean": 100 * result.r_pos},
            {"dataset": name, "metric": "R_neg", "mean": 100 * result.r_neg},
            {"dataset": name, "metric": "R_aug", "mean": 100 * result.r_aug},
        ]
    return pd.DataFrame(rows, columns=["dataset", "metric", "mean"])


def _beside_paper(measures, datasets, metrics):
    """:func:`side_by_side` of the quoted values (NaN where lost) and ``measures``."""
    quoted = paper_quoted()
    published = pd.DataFrame([
        {"dataset": name, "metric": metric,
         "mean": quoted.at[name, metric] if name in quoted.index and metric in quoted
         else np.nan}
        for name in datasets
        for metric in TABLE1_METRICS + TABLE2_METRICS
    ])
    return side_by_side(published, measures, metrics=metrics)


def overlap_table(measures, datasets, *, profile=None):
    """Table 2: the overlap ratios beside the values the paper quotes.

    Parameters
    ----------
    measures : DataFrame
        :func:`dataset_measures`.
    datasets : list of str
        The rows (a dataset without measures shows "–").
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        ``(R_pos | R_neg | R_aug, paper | ours | diff)`` across, two decimals.
    """
    return finished(
        _beside_paper(measures, datasets, TABLE2_METRICS),
        "Table 2: overlap ratios in % (k = 7, theta = 3, raw values). paper: the values "
        "its text quotes (the table itself is lost: –); diff = ours - paper",
        profile=profile, digits=2, na_rep="–",
    )


def overlap_granularity(loaded, overlap) -> pd.DataFrame:
    """Each gap between a quoted :math:`R_\\text{aug}` and ours, in units of one row.

    One more overlapped majority row raises :math:`R_\\text{aug}` by
    :math:`100/(|C_0|(1+\\text{IR}))` points, one more overlapped minority row by
    :math:`100\\,\\text{IR}/(|C_1|(1+\\text{IR}))`.

    Parameters
    ----------
    loaded : dict of name -> Dataset
    overlap : dict of name -> OverlapRatio

    Returns
    -------
    DataFrame indexed by the quoted datasets that loaded
        ``R_aug paper``, ``R_aug ours``, the gap and the two one-row steps (points,
        rounded to 4 decimals), and ``gap / one majority row`` (one decimal).
    """
    quoted = paper_quoted()
    rows = []
    for name in [name for name in quoted.index if name in loaded]:
        y, result = loaded[name].y, overlap[name]
        n_pos = int(y.sum())
        n_neg, ir = len(y) - n_pos, result.imbalance_ratio
        paper = quoted.at[name, "R_aug"]
        rows.append({
            "dataset": name, "R_aug paper": paper,
            "R_aug ours": round(100 * result.r_aug, 4),
            "|ours - paper| (pp)": round(abs(100 * result.r_aug - paper), 4),
            "one majority row (pp)": round(100 / (n_neg * (1 + ir)), 4),
            "one minority row (pp)": round(100 * ir / (n_pos * (1 + ir)), 4),
        })
    columns = ["dataset", "R_aug paper", "R_aug ours", "|ours - paper| (pp)",
               "one majority row (pp)", "one minority row (pp)"]
    table = pd.DataFrame(rows, columns=columns).set_index("dataset")
    table["gap / one majority row"] = (
        table["|ours - paper| (pp)"] / table["one majority row (pp)"]
    ).round(1)
    return table


def granularity_table(granularity, *, profile=None):
    """:func:`overlap_granularity` as the chapter shows it."""
    formats = {column: "{:.4f}" for column in granularity.columns}
    formats.update({"R_aug paper": "{:.2f}", "gap / one majority row": "{:.1f}"})
    return finished(granularity, "Each gap between a quoted R_aug and ours, beside the "
                    "change one overlapped row makes (points)", profile=profile,
                    formats=formats)


def overlap_readings_table(loaded, readings, *, profile=None):
    """:math:`R_\\text{aug}` of the quoted datasets under other readings of Eqs. 25-26.

    Parameters
    ----------
    loaded : dict of name -> Dataset
    readings : dict of label -> dict
        Keyword arguments of :func:`imbdiff.metrics.overlap_ratio` for each reading.
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        The quoted datasets that loaded down; the paper's value, then one column per
        reading, in percent.
    """
    from ..metrics import overlap_ratio

    if not readings:
        raise ValueError("readings is empty: no reading to compare")
    quoted = paper_quoted()
    names = [name for name in quoted.index if name in loaded]
    table = pd.DataFrame({
        label: {name: 100 * overlap_ratio(loaded[name].X, loaded[name].y, **options).r_aug
                for name in names}
        for label, options in readings.items()
    })
    table.insert(0, "paper", [quoted.at[name, "R_aug"] for name in table.index])
    return finished(table, "R_aug (%) under other readings of Eqs. 25-26", profile=profile,
                    digits=2)


def silhouette_stability(loaded, encoded, kmeans_scores, candidates, seeds, *,
                         random_state=0) -> pd.DataFrame:
    """The :math:`K` the silhouette chooses under each ISODATA seed, encoding and clusterer.

    Parameters
    ----------
    loaded : dict of name -> Dataset
        For the quantile encoding of the minority rows.
    encoded : dict of name -> ndarray
        The minority rows under the book's encoding (``numeric="standard"``).
    kmeans_scores : dict of name -> DataFrame
        k-means' silhouette per candidate (:func:`imbdiff.cluster.select_n_clusters`).
    candidates : list of int
    seeds : list of int
        ISODATA's seeds.
    random_state : int, default=0
        Seed of the quantile encoding and of its clustering.

    Returns
    -------
    DataFrame indexed by dataset
        ``seed <s>`` for each seed, ``quantile encoding``, ``k-means``, and whether
        ISODATA chose the same :math:`K` under every seed and encoding.
    """
    from ..cluster import select_n_clusters
    from ..diffusion import TabularTransformer

    if not seeds:
        raise ValueError("seeds is empty: the stability needs at least one seed")
    stability = {}
    for name, Z in encoded.items():
        usable = [k for k in candidates if k < len(Z)]
        row = {f"seed {s}": select_n_clusters(Z, usable, random_state=s)[0] for s in seeds}
        data = loaded[name]
        quantile = (
            TabularTransformer(numeric="quantile", random_state=random_state)
            .fit_transform(data.X[data.y == 1])
            .astype(np.float64)
        )
        row["quantile encoding"] = select_n_clusters(quantile, usable,
                                                     random_state=random_state)[0]
        row["k-means"] = int(kmeans_scores[name]["silhouette"].idxmax())
        stability[name] = row
    stability = pd.DataFrame(stability).T
    runs = _isodata_runs(stability)
    stability["same K (ISODATA, every seed and encoding)"] = (
        stability[runs].nunique(axis=1) == 1
    )
    return stability


def _isodata_runs(stability):
    """The columns of :func:`silhouette_stability` that are ISODATA runs."""
    return [c for c in stability.columns if c.startswith("seed ") or c == "quantile encoding"]


def stability_table(stability, *, profile=None):
    """:func:`silhouette_stability` as the chapter shows it."""
    return finished(stability, "The K the silhouette chooses under each ISODATA seed, "
                    "encoding and clusterer", profile=profile)


def _with_clusters(measures, choice, scores):
    """``measures`` and, per dataset of ``choice``, its K and the sub-clusters found."""
    rows = []
    for name in choice:
        rows.append({"dataset": name, "metric": "K (silhouette)", "mean": choice[name]})
        rows.append({"dataset": name, "metric": "#sub-clusters",
                     "mean": scores[name].loc[choice[name], "n_clusters_found"]})
    return pd.concat([measures, pd.DataFrame(rows)], ignore_index=True)


def table1(measures, choice, scores, datasets, *, profile=None):
    """Table 1: each dataset's size, IR, chosen K and sub-clusters beside the paper's.

    Parameters
    ----------
    measures : DataFrame
        :func:`dataset_measures`.
    choice : dict of name -> int
        The :math:`K` the silhouette chose.
    scores : dict of name -> DataFrame
        ISODATA's scores per candidate, with ``n_clusters_found``.
    datasets : list of str
        The rows.
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        Whole numbers, the IR with two decimals; "–" where the paper's value is lost.
    """
    table = _beside_paper(_with_clusters(measures, choice, scores), datasets,
                          TABLE1_METRICS)
    # Every column named: a format dict replaces ``digits`` for the columns it leaves out.
    formats = {column: "{:.2f}" if column[0] == "IR" else "{:.0f}" for column in table.columns}
    return finished(table, "Table 1: paper (only the IR its text quotes survives: –) "
                    "beside ours; diff = ours - paper", profile=profile, formats=formats,
                    na_rep="–")


def dataset_claim_measures(measures, choice, scores, stability) -> pd.DataFrame:
    """What the claims of chapter 01 read: the measures, and K once per ISODATA run.

    Each ISODATA seed and encoding of :func:`silhouette_stability` is a "split" of the
    choice of :math:`K`.

    Returns
    -------
    DataFrame
        ``method`` (always ``"data"``), ``dataset``, ``metric``, ``mean`` and, for the
        ``K (silhouette)`` rows, ``split``.
    """
    runs = _isodata_runs(stability)
    k_runs = (
        stability[runs]
        .rename_axis("dataset")
        .reset_index()
        .melt(id_vars="dataset", var_name="run", value_name="mean")
    )
    k_runs["split"] = k_runs["run"].map({run: i for i, run in enumerate(runs)})
    rows = _with_clusters(measures, choice, scores).query("metric != 'K (silhouette)'")
    k_runs = k_runs.assign(metric="K (silhouette)")
    return pd.concat([rows, k_runs], ignore_index=True).assign(method="data")
