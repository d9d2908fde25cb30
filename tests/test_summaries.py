"""Summaries of generated rows kept per cell in the results store: read back value for
value without generating the rows again, stale parts named, pruned with their cells;
and the t-SNE layouts kept the same way."""

import numpy as np
import pandas as pd
import pytest

from imbdiff import lreddpm
from imbdiff.experiments import Experiment, Holdout, run
from imbdiff.experiments._summaries import summarise_rows
from imbdiff.lreddpm import synthetic_type_shares
from imbdiff.lreddpm.tsne import tsne_layouts, tsne_measures
from imbdiff.experiments import _summaries
from imbdiff.lreddpm._analysis import type_shares
from imbdiff.experiments._store import StaleResults, StaleResultsWarning, Store, cell_id

SUMMARY = "summaries/type_shares.csv.gz"


def _cells(*seeds, dataset="crg"):
    return [Experiment.make(dataset, "LReDDPM", repeats=1, timesteps=5, train_steps=5,
                            split=Holdout(seed=s), seed=s) for s in seeds]


def _store(tmp_path, monkeypatch, mode="update"):
    monkeypatch.setenv("IMBDIFF_RESULTS", mode)
    return Store(tmp_path / "results", writable=mode == "update")


def _no_run(*args, **kwargs):
    raise AssertionError("the rows were generated again")


def test_stored_parts_equal_the_computed_ones_and_need_no_rows(tmp_path, monkeypatch):
    cells = _cells(3, 4)
    computed = summarise_rows(type_shares, cells, store=False, cache=False)
    written = summarise_rows(type_shares, cells, store=_store(tmp_path, monkeypatch), cache=False)
    assert (tmp_path / "results" / SUMMARY).is_file()
    monkeypatch.setattr(_summaries, "run", _no_run)
    read = summarise_rows(type_shares, cells, store=_store(tmp_path, monkeypatch, "read"))
    pd.testing.assert_frame_equal(written, computed, check_exact=True)
    pd.testing.assert_frame_equal(read, computed, check_exact=True)
    # four types per split, shares of one split sum to one
    assert list(read.columns[:3]) == ["generator", "dataset", "split"] and len(read) == 8
    assert read.groupby("split")["mean"].sum().to_numpy() == pytest.approx([1.0, 1.0])


def test_a_subset_reads_its_parts_and_a_new_cell_is_computed_alone(tmp_path, monkeypatch):
    store = _store(tmp_path, monkeypatch)
    summarise_rows(type_shares, _cells(3), store=store, cache=False)
    asked = []
    real_run = _summaries.run
    monkeypatch.setattr(_summaries, "run", lambda cells, **kw: asked.extend(cells) or real_run(cells, **kw))
    both = summarise_rows(type_shares, _cells(3, 4), store=store, cache=False)
    assert [cell_id(c) for c in asked] == [cell_id(_cells(4)[0])]
    assert both["split"].nunique() == 2 and len(both) == 8


def test_the_rows_are_read_from_the_store_and_never_written_there(tmp_path, monkeypatch):
    store = _store(tmp_path, monkeypatch)
    run(_cells(3), cache=False, progress=False, store=store, grid="g", generated_rows=True)
    monkeypatch.setattr(Store, "record", _no_run)  # summarising writes no cell
    from imbdiff.experiments import _runner

    monkeypatch.setattr(_runner, "_run_group", _no_run)  # and computes none
    shares = summarise_rows(type_shares, _cells(3), store=store, cache=False)
    assert len(shares) == 4


def test_a_stale_part_stops_or_is_recomputed_with_a_warning(tmp_path, monkeypatch):
    store = _store(tmp_path, monkeypatch)
    first = summarise_rows(type_shares, _cells(3), store=store, cache=False)
    path = tmp_path / "results" / SUMMARY
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    pd.DataFrame(frame.assign(code="edited")).to_csv(path, index=False)
    read_only = _store(tmp_path, monkeypatch, "read")
    monkeypatch.setenv("IMBDIFF_STALE", "stop")
    with pytest.raises(StaleResults, match=r"type_shares.*LReDDPM on crg.*make results"):
        summarise_rows(type_shares, _cells(3), store=read_only, cache=False)
    monkeypatch.setenv("IMBDIFF_STALE", "recompute")
    with pytest.warns(StaleResultsWarning, match="recomputed"):
        again = summarise_rows(type_shares, _cells(3), store=read_only, cache=False)
    pd.testing.assert_frame_equal(again, first, check_exact=True)


def test_a_corrupt_summary_file_names_itself_and_the_fix(tmp_path, monkeypatch):
    path = tmp_path / "results" / SUMMARY
    path.parent.mkdir(parents=True)
    path.write_text("cell,something\nx,1\n")
    with pytest.raises(ValueError, match=r"type_shares\.csv\.gz.*make results"):
        summarise_rows(type_shares, _cells(3), store=_store(tmp_path, monkeypatch), cache=False)


def test_prune_drops_the_parts_of_cells_no_grid_holds(tmp_path, monkeypatch):
    store = _store(tmp_path, monkeypatch)
    kept, dropped = _cells(3), _cells(4)
    run(kept + dropped, cache=False, progress=False, store=store, grid="g")
    summarise_rows(type_shares, kept + dropped, store=store, cache=False)
    store.begin("g")
    run(kept, cache=False, progress=False, store=store, grid="g")
    store.prune("g")
    frame = pd.read_csv(tmp_path / "results" / SUMMARY, dtype=str)
    assert list(frame["cell"]) == [cell_id(kept[0])]


def test_synthetic_type_shares_and_distance_readings_read_their_summaries(tmp_path, monkeypatch):
    cells = _cells(3) + [Experiment.make("crg", "Original", repeats=1, split=Holdout(seed=3))]
    store = _store(tmp_path, monkeypatch)
    shares = synthetic_type_shares(cells, store=store, cache=False)
    assert set(shares["method"]) == {"safe", "border", "rare", "outlier"}
    assert list(shares.columns) == ["method", "dataset", "metric", "split", "mean", "guiding"]
    readings = lreddpm.distances.distance_readings(cells, store=store, cache=False)
    assert list(readings["method"]) == ["LReDDPM"]  # Original generates nothing
    assert readings.filter(like="MMD").notna().all(axis=None)
    assert synthetic_type_shares(cells, method="nobody", store=store).empty


def test_tsne_layouts_are_stored_and_read_back_exactly(tmp_path, monkeypatch):
    cells = _cells(3)
    results = run(cells, cache=False, progress=False, store=False, generated_rows=True)
    prepared, _ = tsne_measures(results, ["crg"], ["LReDDPM"])
    monkeypatch.setenv("IMBDIFF_RESULTS_STORE", str(tmp_path / "results"))
    monkeypatch.setenv("IMBDIFF_RESULTS", "update")
    options = dict(majority=30, minority=10, generated=5, max_iter=250, random_state=0)
    written = tsne_layouts(prepared, cells, **options)
    monkeypatch.setenv("IMBDIFF_RESULTS", "read")
    from imbdiff.lreddpm import _tsne

    monkeypatch.setattr(_tsne, "tsne_layout", _no_run)
    read = tsne_layouts(prepared, cells, **options)
    for (a_real, a_owners, a_xy), (b_real, b_owners, b_xy) in zip(written.values(), read.values()):
        assert np.array_equal(a_real, b_real) and list(a_owners) == list(b_owners)
        assert np.array_equal(a_xy, b_xy)
    assert sorted(set(read["crg"][1])) == ["LReDDPM", "real"]
    with pytest.raises(AssertionError, match="generated again"):  # other options: computed
        tsne_layouts(prepared, cells, **{**options, "perplexity": 5.0})
    assert tsne_layouts({}, cells) == {}


def test_a_part_of_an_unavailable_dataset_is_not_stored(tmp_path, monkeypatch):
    from imbdiff import datasets

    try:
        datasets.load("parkin")
        pytest.skip("parkin can be had here")
    except datasets.DatasetUnavailable:
        pass
    cells = _cells(3, dataset="parkin")
    shares = summarise_rows(type_shares, cells, store=_store(tmp_path, monkeypatch), cache=False)
    assert shares.empty and not (tmp_path / "results" / SUMMARY).is_file()
