"""The committed results store is honest: every stored cell, summary and table was
computed by this code, and a sample of them, recomputed from nothing, gives the stored
values exactly.

The sample holds at least one cell of every method of every grid, and one part of every
summary: the one on the smallest training set (then the fastest), so that it fits in
the suite's time.
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from joblib import Parallel, delayed

from imbdiff.lreddpm._analysis import type_shares
from imbdiff.experiments._cell import compute
from imbdiff.experiments._keys import method_digests, modules_digest
from imbdiff.experiments._methods import METHODS
from imbdiff.experiments._store import REFRESH_COMMAND, SUMMARIES_DIR, TABLES_DIR, Store
from imbdiff.lreddpm._distances import distance_reading

STORE = Path(__file__).resolve().parents[1] / "book" / "results"


@pytest.fixture(scope="module")
def stored():
    table = Store(STORE).table()
    if table.empty:
        pytest.fail(f"the results store {STORE} is empty; run `{REFRESH_COMMAND}`")
    return table[table["digest"] != ""]


def test_every_stored_cell_was_computed_by_this_code(stored):
    unknown = sorted(set(stored["method"]) - set(METHODS))
    assert not unknown, f"stored cells of unregistered methods {unknown}; run `{REFRESH_COMMAND}`"
    digests = method_digests(stored["method"].unique())
    stale = stored[stored["digest"] != stored["method"].map(digests)]
    by_grid = stale.groupby("grid")["method"].agg(lambda m: ", ".join(sorted(set(m))))
    report = "; ".join(f"{grid} ({methods})" for grid, methods in by_grid.items())
    assert stale.empty, (
        f"{len(stale)} stored cells were computed by other code than this package's, in "
        f"{report}. Refresh them with `{REFRESH_COMMAND}` (or `imbdiff results run "
        f"{by_grid.index[0]}` for one chapter) and commit book/results."
    )


def _sample(stored) -> pd.DataFrame:
    """One cell per grid and method: the smallest training set, then the fastest."""
    ranked = stored.assign(
        rows=pd.to_numeric(stored["n_train"]), wall=pd.to_numeric(stored["wall_seconds"])
    ).sort_values(["rows", "wall", "cell"])
    chosen = ranked.groupby(["grid", "method"]).head(1)
    # a cell several grids hold is recomputed once, for all of them
    return chosen.drop_duplicates("cell")


def _recompute(row):
    result = compute(json.loads(row["key"]), row["digest"])
    return row["cell"], result


def test_a_sample_of_stored_cells_recomputes_to_the_same_values(stored):
    sample = _sample(stored)
    assert set(sample["method"]) == set(stored["method"])
    recomputed = dict(Parallel(n_jobs=2)(delayed(_recompute)(row) for row in sample.to_dict("records")))
    wrong = []
    for row in sample.to_dict("records"):
        result = recomputed[row["cell"]]
        scores = pd.DataFrame(json.loads(row["scores"]), columns=["classifier", "metric", "mean", "std"])
        same = (
            (result.error or "") == row["error"]
            and result.scores[["classifier", "metric"]].values.tolist()
            == scores[["classifier", "metric"]].values.tolist()
            and np.array_equal(result.scores[["mean", "std"]].to_numpy(float),
                               scores[["mean", "std"]].to_numpy(float), equal_nan=True)
            and json.loads(row["distances"]) == {k: float(v) for k, v in result.distances.items()}
            and int(row["n_generated"]) == result.n_generated
        )
        if not same:
            wrong.append(f"{row['grid']}: {row['method']} on {row['dataset']} split {row['split']}")
    assert not wrong, (
        f"{len(wrong)} of {len(sample)} recomputed cells differ from the store: "
        + "; ".join(wrong)
        + f". The same seed must give the same numbers; after a deliberate change run "
          f"`{REFRESH_COMMAND}`."
    )


#: The functions whose per-cell parts the store keeps (file name -> function).
SUMMARISERS = {f.__name__: f for f in (type_shares, distance_reading)}


def _summaries():
    for path in sorted(STORE.glob(f"**/{SUMMARIES_DIR}/*.csv.gz")):
        name = path.name.removesuffix(".csv.gz")
        assert name in SUMMARISERS, f"{path}: no known function makes {name!r}"
        yield path, SUMMARISERS[name], pd.read_csv(path, dtype=str, keep_default_na=False)


def test_every_stored_summary_and_table_was_computed_by_this_code(stored):
    methods = stored.drop_duplicates("cell").set_index("cell")["method"]
    stale = []
    for path, summarise, frame in _summaries():
        digests = method_digests(methods.reindex(frame["cell"]).dropna().unique())
        current = (frame["code"] == modules_digest([summarise.__module__])) & (
            frame["digest"] == frame["cell"].map(methods).map(digests))
        if not current.all():
            stale.append(f"{path.relative_to(STORE)} ({int((~current).sum())} parts)")
    for meta_path in sorted(STORE.glob(f"**/{TABLES_DIR}/**/*.json")):
        meta = json.loads(meta_path.read_text())
        if meta["digest"] != modules_digest(meta["roots"]):
            stale.append(str(meta_path.relative_to(STORE)))
    assert not stale, (f"computed by other code than this package's: {'; '.join(stale)}. "
                       f"Refresh them with `{REFRESH_COMMAND}` and commit book/results.")


def test_a_part_of_every_summary_recomputes_to_the_same_values(stored):
    cells = stored.drop_duplicates("cell").set_index("cell")
    checked = 0
    for path, summarise, frame in _summaries():
        held = frame[frame["cell"].isin(cells.index) & (frame["part"] != "[]")]
        rows = pd.to_numeric(cells.loc[held["cell"], "n_train"]).to_numpy()
        row = held.iloc[int(np.argmin(rows))]
        key = json.loads(cells.loc[row["cell"], "key"])
        result = compute(key, cells.loc[row["cell"], "digest"])
        assert json.loads(row["part"]) == [dict(r) for r in summarise(result)], (
            f"{path.relative_to(STORE)}: the part of {row['cell']} differs when recomputed; "
            f"after a deliberate change run `{REFRESH_COMMAND}`.")
        checked += 1
    assert checked == len(SUMMARISERS), "the store lacks a summary the chapters read"
