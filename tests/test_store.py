"""The results store: stored cells come back value for value, stale ones are named or
recomputed, an interrupted update leaves its missing cells visible, bad files are named."""

import pandas as pd
import pytest

from imbdiff import cli
from imbdiff.experiments import Experiment, Method, register_method, run, with_params
from imbdiff.experiments._store import (
    StaleResults,
    StaleResultsWarning,
    Store,
    cell_id,
    status,
)


class _Interrupt(BaseException):
    pass


CALLS = []


def _counted(target, region, seed, memory, **params):
    """A method that changes nothing and counts its runs (``fail`` interrupts)."""
    CALLS.append(seed)
    if params.get("fail"):
        raise _Interrupt
    return None


@pytest.fixture(autouse=True)
def _counting_method():
    register_method("test-counted", Method(_counted, family="none"), replace=True)
    CALLS.clear()


def _cell(seed, **params):
    return Experiment.make("glass1", "test-counted", repeats=1, seed=seed, **params)


def _store(tmp_path, monkeypatch, mode):
    monkeypatch.setenv("IMBDIFF_RESULTS", mode)
    return Store(tmp_path / "results", writable=mode == "update")


def _run(cells, store, **kwargs):
    return run(cells, cache=False, progress=False, store=store, **kwargs)


def test_stored_cells_come_back_value_for_value(tmp_path, monkeypatch):
    cells = [
        Experiment.make("crg", "LReDDPM", repeats=2, timesteps=5, train_steps=5),
        Experiment.make("glass1", "BorderlineSMOTE", repeats=2),
        Experiment.make("glass1", "Original", repeats=2),
    ]
    computed = _run(cells, _store(tmp_path, monkeypatch, "update"), grid="lreddpm/06_auc",
                    generated_rows=True)
    assert (tmp_path / "results" / "lreddpm" / "06_auc.csv.gz").is_file()
    stored = _run(cells, _store(tmp_path, monkeypatch, "read"), generated_rows=True)
    for a, b in zip(computed, stored):
        pd.testing.assert_frame_equal(a.scores.reset_index(drop=True), b.scores, check_exact=True)
        assert (a.distances, a.n_train, a.n_generated, a.guiding_rows, a.seconds) == (
            b.distances, b.n_train, b.n_generated, b.guiding_rows, b.seconds)
        assert b.wall_seconds == pytest.approx(a.wall_seconds, abs=1e-3) and b.wall_seconds > 0
        if a.generated is None:
            assert b.generated is None
        else:  # nominal columns keep their categories; floats are exact
            pd.testing.assert_frame_equal(a.generated, b.generated, check_exact=True)
    assert computed[0].generated is not None and (computed[0].generated.dtypes == "category").any()


def test_a_stored_cell_is_not_recomputed_and_keeps_its_label(tmp_path, monkeypatch):
    _run([_cell(1)], _store(tmp_path, monkeypatch, "update"), grid="g")
    again = _run([with_params(_cell(1), label="renamed")], _store(tmp_path, monkeypatch, "read"))
    assert CALLS == [1] and again[0].experiment.name == "renamed"
    assert cell_id(_cell(1)) == cell_id(with_params(_cell(1), label="other"))


def test_read_mode_writes_nothing(tmp_path, monkeypatch):
    _run([_cell(1)], _store(tmp_path, monkeypatch, "read"))
    assert not (tmp_path / "results").exists()


def _age(tmp_path, grid="g"):
    """Make every stored cell of ``grid`` look computed by other code."""
    path = tmp_path / "results" / f"{grid}.csv.gz"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table["digest"] = "0" * 64
    table.to_csv(path, index=False)


def test_a_stale_cell_stops_the_run_naming_its_grid_and_the_command(tmp_path, monkeypatch):
    _run([_cell(1)], _store(tmp_path, monkeypatch, "update"), grid="lreddpm/09_guidance")
    _age(tmp_path, "lreddpm/09_guidance")
    monkeypatch.setenv("IMBDIFF_STALE", "stop")
    with pytest.raises(StaleResults, match=r"lreddpm/09_guidance: test-counted on glass1.*make results"):
        _run([_cell(1)], _store(tmp_path, monkeypatch, "read"))
    assert CALLS == [1]


def test_a_stale_cell_is_recomputed_with_a_warning_by_default(tmp_path, monkeypatch):
    _run([_cell(1)], _store(tmp_path, monkeypatch, "update"), grid="g")
    _age(tmp_path)
    with pytest.warns(StaleResultsWarning, match="1 stored cells"):
        _run([_cell(1)], _store(tmp_path, monkeypatch, "read"))
    assert CALLS == [1, 1]
    assert status(Store(tmp_path / "results")).loc[0, "stale"] == 1


def test_make_results_replaces_a_stale_cell(tmp_path, monkeypatch):
    _run([_cell(1)], _store(tmp_path, monkeypatch, "update"), grid="g")
    _age(tmp_path)
    _run([_cell(1)], _store(tmp_path, monkeypatch, "update"), grid="g")
    assert status(Store(tmp_path / "results")).loc[0, ["stored", "stale"]].tolist() == [1, 0]


def test_an_interrupted_update_shows_its_missing_cells_and_resumes(tmp_path, monkeypatch):
    store = _store(tmp_path, monkeypatch, "update")
    _run([_cell(1)], store, grid="g")
    monkeypatch.setattr("imbdiff.experiments._runner._WRITE_EVERY", 1e9)
    with pytest.raises(_Interrupt):
        _run([_cell(1), _cell(2), _cell(3, fail=True)], store, grid="g")
    table = status(Store(tmp_path / "results"))
    # cell 2 finished before the interruption and was kept; cell 3 is missing,
    # costed from the stored cells of its method
    assert table.loc[0, ["stored", "missing"]].tolist() == [2, 1]
    assert table.loc[0, "estimated minutes"] >= 0
    _run([_cell(1), _cell(2), _cell(3, fail=False)], store, grid="g")
    assert CALLS == [1, 2, 3, 3]  # the stored cells never ran again


def test_a_full_run_prunes_the_cells_its_chapter_no_longer_reads(tmp_path, monkeypatch):
    store = _store(tmp_path, monkeypatch, "update")
    lreddpm = Experiment.make("crg", "LReDDPM", repeats=1, timesteps=5, train_steps=5)
    _run([_cell(1), _cell(2), lreddpm], store, grid="g", generated_rows=True)
    generated = tmp_path / "results" / "generated" / "crg.csv.gz"
    assert generated.is_file()
    store.begin("g")
    _run([_cell(1)], store, grid="g")
    assert store.prune("g") == 2
    assert list(Store(tmp_path / "results").table()["cell"]) == [cell_id(_cell(1))]
    assert pd.read_csv(generated).empty  # no grid refers to LReDDPM's rows any more


def test_a_grid_holds_every_cell_its_chapter_reads(tmp_path, monkeypatch):
    store = _store(tmp_path, monkeypatch, "update")
    _run([_cell(1)], store, grid="a")
    _run([_cell(1), _cell(2)], store, grid="b")
    table = Store(tmp_path / "results").table()
    assert sorted(table["grid"]) == ["a", "b", "b"] and CALLS == [1, 2]
    copied = table[table["cell"] == cell_id(_cell(1))].drop(columns="grid")
    assert copied.iloc[0].equals(copied.iloc[1])  # the copy keeps its provenance


def test_an_unavailable_dataset_is_not_stored(tmp_path, monkeypatch):
    monkeypatch.setenv("IMBDIFF_OFFLINE", "1")
    monkeypatch.setenv("IMBDIFF_CACHE_DIR", str(tmp_path / "downloads"))
    results = _run([Experiment.make("parkin", "Original")], _store(tmp_path, monkeypatch, "update"), grid="g")
    assert "dataset unavailable" in results[0].error
    assert Store(tmp_path / "results").table().empty


def test_a_corrupt_grid_names_the_file_and_the_fix(tmp_path, monkeypatch):
    path = tmp_path / "results" / "g.csv.gz"
    path.parent.mkdir()
    pd.DataFrame({"cell": ["abc"], "dataset": ["glass1"]}).to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"g\.csv\.gz lacks the columns .*make results"):
        _run([_cell(1)], _store(tmp_path, monkeypatch, "read"))
    path.write_text("not gzip")
    with pytest.raises(ValueError, match=r"g\.csv\.gz cannot be read .*make results"):
        _run([_cell(1)], _store(tmp_path, monkeypatch, "read"))


def test_an_unknown_mode_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("IMBDIFF_RESULTS", "sometimes")
    with pytest.raises(ValueError, match=r"IMBDIFF_RESULTS='sometimes'; choose one of"):
        run([_cell(1)], cache=False, progress=False)


def test_the_status_command_prints_each_grid(tmp_path, monkeypatch, capsys):
    store = Store(tmp_path / "book" / "results", writable=True)
    monkeypatch.setenv("IMBDIFF_RESULTS", "update")
    _run([_cell(1), _cell(2)], store, grid="isodf_enn/05_comparison")
    assert cli.main(["results", "status", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "isodf_enn/05_comparison" in out and "total: 2 stored, 0 stale, 0 missing" in out


def test_a_stored_table_is_computed_once_and_read_back(tmp_path, monkeypatch):
    from imbdiff.experiments._store import stored_frame

    runs = []

    def measure():
        runs.append(1)
        return pd.DataFrame({"method": ["SMOTE", "LReDDPM"], "seconds": [0.1, 1 / 3]})

    key = {"sizes": [100, 200]}
    store = _store(tmp_path, monkeypatch, "update")
    first = stored_frame("costs", key, ["imbdiff.stats"], measure, store=store, grid="beyond/02_cost")
    again = stored_frame("costs", key, ["imbdiff.stats"], measure, store=_store(tmp_path, monkeypatch, "read"))
    pd.testing.assert_frame_equal(first, again, check_exact=True)
    assert runs == [1]
    (meta,) = (tmp_path / "results" / "tables" / "beyond" / "02_cost").glob("costs-*.json")
    assert {"digest", "commit", "wall_seconds", "cpu_seconds", "cores"} <= set(pd.read_json(meta, typ="series").index)
    # another key is another table; a changed digest is stale
    stored_frame("costs", {"sizes": [100]}, ["imbdiff.stats"], measure, store=_store(tmp_path, monkeypatch, "read"))
    assert runs == [1, 1]
    text = meta.read_text()
    meta.write_text(text.replace(pd.read_json(meta, typ="series")["digest"], "0" * 64))
    monkeypatch.setenv("IMBDIFF_STALE", "stop")
    with pytest.raises(StaleResults, match=r"costs-\w+ \(tables/beyond/02_cost\).*make results"):
        stored_frame("costs", key, ["imbdiff.stats"], measure, store=_store(tmp_path, monkeypatch, "read"))


def _one_row():
    return pd.DataFrame({"seconds": [1.0]})


def test_prune_drops_the_tables_a_chapter_no_longer_reads(tmp_path, monkeypatch):
    from imbdiff.experiments._store import stored_frame

    store = _store(tmp_path, monkeypatch, "update")
    for sizes in ([1], [2]):
        stored_frame("costs", {"sizes": sizes}, ["imbdiff.stats"], _one_row, store=store, grid="g")
    store.begin("g")
    stored_frame("costs", {"sizes": [2]}, ["imbdiff.stats"], _one_row, store=store, grid="g")
    assert store.prune("g") == 1
    assert len(list((tmp_path / "results" / "tables" / "g").glob("*.json"))) == 1


def test_the_summary_counts_each_profiles_cells_and_commits(tmp_path, monkeypatch):
    from imbdiff.experiments import store_summary

    assert store_summary(Store(tmp_path / "none")).to_dict("records")[0]["cells"] == 0
    store = _store(tmp_path, monkeypatch, "update")
    _run([_cell(1), _cell(2)], store, grid="lreddpm/06_auc")
    _run([_cell(1)], store, grid="lreddpm/07_f1_gmean")  # a copy counts once
    _run([_cell(3)], store, grid="paper/lreddpm/06_auc")
    summary = store_summary(Store(tmp_path / "results")).set_index("profile")
    assert summary.loc["default", ["grids", "cells", "missing"]].tolist() == [2, 2, 0]
    assert summary.loc["paper", "cells"] == 1 and summary.loc["default", "commits"]


def test_generated_rows_get_their_datasets_dtypes_back_exactly(tmp_path):
    from imbdiff.experiments._store import _with_dtypes

    typed = pd.DataFrame({
        "digits": pd.Categorical(["1", "2"], categories=["1", "2"]),  # text that looks numeric
        "codes": pd.Categorical([0, 1], categories=[0, 1]),
        "flag": [True, False],
        "x": [0.1 + 0.2, 1 / 3],
        "n": [3, 4],
    })
    path = tmp_path / "rows.csv"
    typed.to_csv(path, index=False)
    text = {"digits": str, "flag": str}
    back = _with_dtypes(pd.read_csv(path, dtype=text, float_precision="round_trip"), typed.dtypes, path)
    pd.testing.assert_frame_equal(back, typed, check_exact=True)
    wrong = pd.DataFrame({"digits": ["3", "1"], "codes": [0, 1], "flag": ["True", "False"],
                          "x": [0.0, 1.0], "n": [1, 2]})
    with pytest.raises(ValueError, match=r"do not fit the dataset's column 'digits'.*make results"):
        _with_dtypes(wrong, typed.dtypes, path)


def test_generated_rows_are_kept_only_for_the_chapters_that_read_them(tmp_path, monkeypatch):
    lreddpm = Experiment.make("crg", "LReDDPM", repeats=1, timesteps=5, train_steps=5)
    store = _store(tmp_path, monkeypatch, "update")
    _run([lreddpm], store, grid="lreddpm/06_auc")  # scores only
    rows = tmp_path / "results" / "generated" / "crg.csv.gz"
    assert not rows.exists()
    read = _store(tmp_path, monkeypatch, "read")
    assert _run([lreddpm], read)[0].generated is None
    # a chapter that reads the rows takes the cell again (here: computed) ...
    assert _run([lreddpm], read, generated_rows=True)[0].generated is not None
    # ... and, storing, keeps them for the next run
    _run([lreddpm], store, grid="lreddpm/08_tsne", generated_rows=True)
    again = _run([lreddpm], read, generated_rows=True)[0]
    assert rows.is_file() and again.generated is not None and len(again.generated) == again.n_generated


def test_a_profiles_own_folder_keeps_its_generated_rows(tmp_path, monkeypatch):
    lreddpm = Experiment.make("crg", "LReDDPM", repeats=1, timesteps=5, train_steps=5, seed=4)
    paper = Store(tmp_path / "results" / "paper", writable=True)
    monkeypatch.setenv("IMBDIFF_RESULTS", "update")
    first = _run([lreddpm], paper, grid="lreddpm/08_tsne", generated_rows=True)[0]
    assert (tmp_path / "results" / "paper" / "generated" / "crg.csv.gz").is_file()
    again = _run([lreddpm], _store(tmp_path, monkeypatch, "read"), generated_rows=True)[0]
    # read from the store (its time rounded to the millisecond), not computed again
    assert again.wall_seconds == round(first.wall_seconds, 3)
    pd.testing.assert_frame_equal(again.generated, first.generated, check_exact=True)


def test_first_split_rows_are_kept_for_the_first_split_only(tmp_path, monkeypatch):
    from imbdiff.experiments import Holdout

    cells = [Experiment.make("crg", "LReDDPM", repeats=1, timesteps=5, train_steps=5,
                             split=Holdout(seed=s), seed=s) for s in (3, 4)]
    store = _store(tmp_path, monkeypatch, "update")
    computed = _run(cells, store, grid="lreddpm/08_tsne", generated_rows="first split")
    assert all(r.generated is not None for r in computed)  # computed here: all carry rows
    stored = Store(tmp_path / "results").table().set_index("cell")["rows_kept"]
    assert [stored[cell_id(c)] for c in cells] == ["yes", ""]
    read = _run(cells, _store(tmp_path, monkeypatch, "read"), generated_rows="first split")
    assert read[0].generated is not None and read[1].generated is None
    with pytest.raises(ValueError, match="generated_rows must be True, False or 'first split'"):
        _run(cells, store, generated_rows="every other")
