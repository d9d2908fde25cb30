"""Where generated rows fall in the HVDM space (LReDDPM's Figures 4 and 6).

:func:`tsne_measures` measures every method's rows against the training split, in the
HVDM embedding (all rows, not the t-SNE plane); :func:`tsne_layout` computes one joint
t-SNE per dataset for the pictures (:func:`tsne_layouts`: every dataset's, kept in the
results store); :func:`tsne_statements` decides Section 4.2's
reading of the figures by rules on the measurements.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.manifold import TSNE
from sklearn.neighbors import NearestNeighbors

from ..regions import hvdm_embedding, region_types
from ._analysis import training_split
from ..experiments._methods import guiding_region

__all__ = [
    "REAL_MINORITY", "TSNE_MEASURES", "tsne_layout", "tsne_layouts", "tsne_measures", "tsne_statements",
]

#: The reference row of :func:`tsne_measures`: the real minority rows themselves.
REAL_MINORITY = "real minority rows"

#: The measures of :func:`tsne_measures`, in order.
TSNE_MEASURES = (
    "nearest real row: minority (%)",
    "nearest real row: guiding region (%)",
    "majority among 5 nearest (%)",
    "typed border (%)",
    "to guiding centroid (rel.)",
    "to nearest minority row (rel.)",
    "nominal value unseen in training (%)",
)


def tsne_measures(results, datasets, methods):
    """Measure where each method's generated rows fall, per dataset.

    Parameters
    ----------
    results : Results
        Hold-out results with generated rows; the first split of each dataset is used.
    datasets, methods : sequence of str
        Datasets and generating methods to measure; a dataset where no method
        generated rows is skipped.

    Returns
    -------
    prepared : dict
        Dataset -> ``E`` (HVDM embedding of the training rows), ``y``, ``types``
        (region types), ``guiding`` (mask of the guiding rows), ``region`` and
        ``generated`` (method -> embedded rows): what :func:`tsne_layout` draws.
    measures : DataFrame
        ``dataset, method, rows`` and :data:`TSNE_MEASURES`: the share of rows whose
        nearest real row is a minority / guiding row, the share of majority rows
        among the 5 nearest, the share typed border (2 or 3 minority rows among
        the 5 nearest, Eq. 5's band), the median distance to the guiding region's
        centroid and to the nearest real minority row, relative to the real rows'
        own (1 = as close as the real rows are), and the share with a nominal value
        never seen in training. The real minority rows come first as a reference
        (their neighbours other than themselves).
    """
    prepared, rows = {}, []
    for dataset in datasets:
        made = {}
        for method in methods:
            try:
                result = results.get(dataset, method)
            except KeyError:
                continue
            if result.ok and result.generated is not None and len(result.generated):
                made[method] = result
        if made:
            prepared[dataset], measured = _measure_dataset(dataset, made)
            rows.extend(measured)
    columns = ["dataset", "method", "rows", *TSNE_MEASURES]
    return prepared, pd.DataFrame(rows).reindex(columns=columns)


def _measure_dataset(dataset, made):
    X, y, _, _, nominal = training_split(next(iter(made.values())).experiment)
    types = region_types(X, y, categorical_features=nominal)
    region = guiding_region(dataset)
    guiding = (y == 1) & (types == region)
    E = hvdm_embedding(X, y, categorical_features=nominal)
    minority = E[y == 1]
    centroid = E[guiding].mean(axis=0)
    own_centroid = np.median(np.linalg.norm(E[guiding] - centroid, axis=1))
    nearest = NearestNeighbors(n_neighbors=5).fit(E)
    nearest_minority = NearestNeighbors(n_neighbors=2).fit(minority)
    own_nearest = np.median(nearest_minority.kneighbors(minority)[0][:, 1])

    def measure(label, points, idx):
        counts = (y[idx] == 1).sum(axis=1)
        return {
            "dataset": dataset, "method": label, "rows": len(points),
            TSNE_MEASURES[0]: 100 * np.mean(y[idx[:, 0]] == 1),
            TSNE_MEASURES[1]: 100 * np.mean(guiding[idx[:, 0]]),
            TSNE_MEASURES[2]: 100 * np.mean(y[idx] == 0),
            TSNE_MEASURES[3]: 100 * np.mean(np.isin(counts, (2, 3))),
            TSNE_MEASURES[4]: np.median(np.linalg.norm(points - centroid, axis=1)) / own_centroid,
            TSNE_MEASURES[5]: np.median(nearest_minority.kneighbors(points, 1)[0][:, 0]) / own_nearest,
        }

    # The real minority rows: their neighbours other than themselves, and their own types.
    reference = measure(REAL_MINORITY, minority, nearest.kneighbors(minority, 6)[1][:, 1:])
    reference[TSNE_MEASURES[3]] = 100 * np.mean(types[y == 1] == "border")
    reference[TSNE_MEASURES[5]] = 1.0
    measured, generated = [reference], {}
    for method, result in made.items():
        points = hvdm_embedding(X, y, categorical_features=nominal, X_new=result.generated,
                                handle_unknown="ignore")
        generated[method] = points
        row = measure(method, points, nearest.kneighbors(points)[1])
        unseen = np.zeros(len(points), dtype=bool)
        for column in nominal:
            seen = set(X[column].astype(object))
            unseen |= ~result.generated[column].astype(object).isin(seen).to_numpy()
        row[TSNE_MEASURES[6]] = 100 * unseen.mean()
        measured.append(row)
    data = dict(E=E, y=y, types=types, guiding=guiding, region=region, generated=generated)
    return data, measured


def tsne_layout(data, *, majority=800, minority=400, generated=120, perplexity=30.0,
                max_iter=500, random_state=0):
    """One joint t-SNE of a dataset's subsampled real rows and every method's rows.

    Parameters
    ----------
    data : dict
        One entry of :func:`tsne_measures`' ``prepared``.
    majority, minority, generated : int
        At most this many majority rows, minority rows and rows per method.
    perplexity : float
        t-SNE's perplexity, lowered to a third of the points when fewer.
    max_iter : int
    random_state : int
        Seeds the subsample and t-SNE.

    Returns
    -------
    real : ndarray
        Indices of the real rows drawn.
    owners : ndarray of str
        ``"real"`` or the method of each point.
    xy : ndarray of shape (n_points, 2)
    """
    rng = np.random.default_rng(random_state)
    y = data["y"]
    real = np.r_[rng.permutation(np.flatnonzero(y == 0))[:majority],
                 rng.permutation(np.flatnonzero(y == 1))[:minority]]
    blocks, owners = [data["E"][real]], [np.full(len(real), "real")]
    for method, points in data["generated"].items():
        pick = rng.permutation(len(points))[:generated]
        blocks.append(points[pick])
        owners.append(np.full(len(pick), method))
    points = np.vstack(blocks)
    tsne = TSNE(n_components=2, perplexity=min(perplexity, (len(points) - 1) / 3), init="pca",
                learning_rate="auto", max_iter=max_iter, random_state=random_state, n_jobs=1)
    return real, np.concatenate(owners), tsne.fit_transform(points)


def tsne_layouts(prepared, cells, *, n_jobs=1, **options) -> dict:
    """:func:`tsne_layout` of every dataset of ``prepared``, in parallel, kept in the
    results store (:func:`~._store.stored_frame`): a fresh clone draws the figures
    without running t-SNE.

    Parameters
    ----------
    prepared : dict
        From :func:`tsne_measures`.
    cells : sequence of Experiment
        The cells whose first split's rows ``prepared`` holds: with ``options`` they
        key the stored layouts, so new rows or options compute new ones.
    n_jobs : int, default=1
        Datasets embedded at once.
    **options
        Passed to :func:`tsne_layout`.

    Returns
    -------
    dict
        Dataset -> ``(real, owners, xy)`` as :func:`tsne_layout` returns it.
    """
    from ..experiments._keys import method_digests
    from ..experiments._results import split_id
    from ..experiments._store import cell_id, stored_frame

    if not prepared:
        return {}
    cells = [cell for cell in cells if cell.dataset in prepared]
    first = min((split_id(cell) for cell in cells), default=None)
    cells = [cell for cell in cells if split_id(cell) == first]
    digests = method_digests(cell.method for cell in cells)
    key = {"cells": sorted(f"{cell_id(c)}:{digests[c.method]}" for c in cells),
           "datasets": list(prepared), "options": options}
    frame = stored_frame("tsne_layouts", key, [__name__],
                         lambda: _layouts_frame(prepared, n_jobs, options))
    return {
        dataset: (part["real"].to_numpy()[part["owner"].to_numpy() == "real"],
                  part["owner"].to_numpy(dtype=str), part[["x", "y"]].to_numpy(dtype=np.float32))
        for dataset, part in frame.groupby("dataset", sort=False)
    }


def _layouts_frame(prepared, n_jobs, options) -> pd.DataFrame:
    from joblib import Parallel, delayed

    layouts = Parallel(n_jobs=n_jobs)(delayed(tsne_layout)(prepared[d], **options) for d in prepared)
    parts = []
    for dataset, (real, owners, xy) in zip(prepared, layouts):
        index = np.full(len(owners), -1)
        index[: len(real)] = real
        parts.append(pd.DataFrame({"dataset": dataset, "owner": owners, "real": index,
                                   "x": xy[:, 0], "y": xy[:, 1]}))
    return pd.concat(parts, ignore_index=True)


def _per_dataset(measures, column, methods):
    generated = measures[measures["method"].isin(methods)]
    table = generated.pivot_table(index="dataset", columns="method", values=column, aggfunc="first")
    return table.reindex(columns=list(methods)).dropna()


def _best(measures, column, target, methods, lower):
    table = _per_dataset(measures, column, methods)
    top = table.min(axis=1) if lower else table.max(axis=1)
    winners = {d: " = ".join(table.columns[np.isclose(table.loc[d], top[d])]) for d in table.index}
    hold = sum(np.isclose(table.loc[d, target], top[d]) for d in table.index)
    return int(hold), len(table), ", ".join(f"{d}: {w}" for d, w in winners.items())


def _pairwise(measures, column, target, rivals, methods, lower):
    table = _per_dataset(measures, column, methods)
    beats = [(table[target] < table[r]) if lower else (table[target] > table[r]) for r in rivals]
    hold = table.index[np.logical_and.reduce(beats)]
    return len(hold), len(table), f"holds on: {', '.join(hold) or 'none'}"


def tsne_statements(measures, methods):
    """Section 4.2's reading of Figures 4 and 6, decided on :func:`tsne_measures`.

    Each statement is counted over the datasets and judged by
    :func:`imbdiff.claims.share_verdict` against the share the text states (1.0 for
    plain assertions, 0.6 for "may"). Ties count for the method named.

    Returns
    -------
    DataFrame
        ``statement, rule, ours ("k of n"), stated, verdict, evidence``.
    """
    from ..claims import share_verdict

    m = TSNE_MEASURES
    rules = [
        ("LReDDPM's rows are the most concentrated within the guided region",
         "LReDDPM has the largest share of rows whose nearest real row is a guiding row",
         1.0, _best(measures, m[1], "LReDDPM", methods, lower=False), "largest share"),
        ("LReDDPM's rows are the most concentrated within the guided region (by distance)",
         "LReDDPM's rows are the nearest to the guiding region's centroid",
         1.0, _best(measures, m[4], "LReDDPM", methods, lower=True), "nearest"),
        ("LReDDPM's rows overlap the majority the least",
         "LReDDPM has the smallest share of majority rows among the 5 nearest",
         1.0, _best(measures, m[2], "LReDDPM", methods, lower=True), "smallest"),
        ("CTGAN and FinDiff may encroach upon the majority",
         "both CTGAN's and FinDiff's rows have more majority neighbours than LReDDPM's",
         0.6, _pairwise(measures, m[2], "LReDDPM", ("CTGAN", "FinDiff"), methods, lower=True),
         None),
        ("TVAE's rows are closely aligned with the original minority rows",
         "TVAE's rows are nearer the real minority rows than CTGAN's and FinDiff's",
         1.0, _pairwise(measures, m[5], "TVAE", ("CTGAN", "FinDiff"), methods, lower=True),
         None),
        ("BorderlineSMOTE's rows are concentrated in the border area",
         "BorderlineSMOTE has the largest share of rows typed border",
         1.0, _best(measures, m[3], "BorderlineSMOTE", methods, lower=False), "largest share"),
    ]
    rows = []
    for statement, rule, stated, (k, n, evidence), best in rules:
        if best is not None:
            evidence = f"{best} per dataset: {evidence}"
        rows.append({"statement": statement, "rule": rule, "ours": f"{k} of {n}" if n else "n/a",
                     "stated": stated, "verdict": share_verdict(k, n, stated),
                     "evidence": evidence})
    return pd.DataFrame(rows)
