"""The experiment runner: protocol, scores, methods, cache, resumption, parallelism."""

import glob
from dataclasses import replace
import os

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score
from sklearn.tree import DecisionTreeClassifier

from imbdiff import datasets
from imbdiff.experiments import (
    METHODS,
    CVFold,
    Experiment,
    Holdout,
    Method,
    cross_validation,
    register_method,
    run,
    score_classifiers,
    with_params,
)
from imbdiff.experiments._methods import guiding_region
from imbdiff.lreddpm import synthetic_region_types, training_split
from imbdiff.experiments._cell import compute as _run_one

TINY = {"timesteps": 5, "train_steps": 5}


def _tiny(dataset, method, **kwargs):
    params = dict(TINY) if METHODS[method].family == "diffusion" else {}
    if METHODS[method].family == "gan":
        params = {"epochs": 1}
    params.update(kwargs.pop("params", {}))
    return Experiment.make(dataset, method, repeats=kwargs.pop("repeats", 2), **kwargs, **params)


# ---------------------------------------------------------------- splits
def test_holdout_takes_the_rows_of_datasets_holdout_split():
    ds = datasets.load("glass1")
    train, test = Holdout(0.2, seed=3).indices(ds.y)
    X_train, X_test, _, _ = datasets.holdout_split(ds, test_size=0.2, seed=3)
    assert sorted(X_train.index) == sorted(ds.X.index[train])
    assert sorted(X_test.index) == sorted(ds.X.index[test])


def test_cross_validation_folds_partition_the_rows_and_are_stratified():
    y = np.array([0] * 40 + [1] * 10)
    folds = cross_validation(n_splits=5, n_repeats=2)
    assert len(folds) == 10
    for repeat in (0, 1):
        tests = [f.indices(y)[1] for f in folds if f.repeat == repeat]
        assert np.array_equal(np.sort(np.concatenate(tests)), np.arange(50))
        assert all((y[t] == 1).sum() == 2 for t in tests)
    assert not np.array_equal(CVFold(5, 0, 0).indices(y)[1], CVFold(5, 1, 0).indices(y)[1])


def test_cv_fold_out_of_range_is_refused():
    with pytest.raises(ValueError, match="fold must be in"):
        CVFold(n_splits=5, fold=5)


# ---------------------------------------------------------------- scores
def test_scores_of_a_separable_problem_are_perfect_and_in_percent():
    X = pd.DataFrame({"a": np.r_[np.zeros(20), np.ones(10)]})
    y = np.r_[np.zeros(20, int), np.ones(10, int)]
    scores = score_classifiers(X, y, X, y, repeats=3).set_index(["classifier", "metric"])
    for name in ("AUC", "F1", "G-mean", "G-mean-TPR-TNR", "Recall", "Accuracy"):
        assert scores.loc[("DT", name), "mean"] == pytest.approx(100.0)
        assert scores.loc[("LR", name), "mean"] == pytest.approx(100.0)
    assert (scores["std"] == 0).all()


def test_decision_tree_scores_are_the_mean_and_std_over_seeds():
    ds = datasets.load("glass1")
    train, test = Holdout().indices(ds.y)
    Xtr, Xte, ytr, yte = ds.X.iloc[train], ds.X.iloc[test], ds.y[train], ds.y[test]
    aucs = [
        100 * roc_auc_score(yte, DecisionTreeClassifier(random_state=s).fit(Xtr, ytr).predict_proba(Xte)[:, 1])
        for s in range(4)
    ]
    row = score_classifiers(Xtr, ytr, Xte, yte, classifiers=("DT",), repeats=4).set_index("metric").loc["AUC"]
    assert row["mean"] == pytest.approx(np.mean(aucs))
    assert row["std"] == pytest.approx(np.std(aucs))


def test_unknown_classifier_is_refused():
    X = pd.DataFrame({"a": [0.0, 1.0, 0.0, 1.0]})
    with pytest.raises(ValueError, match="unknown classifier"):
        score_classifiers(X, np.array([0, 1, 0, 1]), X, np.array([0, 1, 0, 1]), classifiers=("SVM",))


# ---------------------------------------------------------------- experiments
def test_make_fills_profile_settings_and_the_papers_region():
    from imbdiff import profiles

    profile = profiles.get("smoke")
    exp = Experiment.make("crg", "LReDDPM", profile=profile, tau=1)
    assert dict(exp.params) == {"timesteps": 20, "train_steps": 20, "tau": 1}
    assert exp.region == guiding_region("crg") == "border"
    assert exp.repeats == profile.repeats
    assert dict(Experiment.make("crg", "CTGAN", profile=profile).params) == {"epochs": profile.gan_epochs}
    assert Experiment.make("yeast3", "Original").region == "safe"


def test_per_cluster_diffusion_gets_the_isodf_training_steps():
    from imbdiff import profiles

    profile = profiles.get("default")
    assert profile.isodf_train_steps != profile.train_steps
    for method in ("ISODF", "ISODF-ENN"):
        params = dict(Experiment.make("yeast1", method, profile=profile).params)
        assert params["train_steps"] == profile.isodf_train_steps
    assert dict(Experiment.make("yeast1", "FinDiff", profile=profile).params)["train_steps"] == profile.train_steps


def test_the_label_is_not_part_of_the_key():
    a = Experiment.make("glass1", "LReDDPM", label="LReDDPM")
    b = Experiment.make("glass1", "LReDDPM", label="tau=60/sqrt(beta)")
    assert a == b and a.key() == b.key() and a.name != b.name
    assert with_params(a, tau=1, label="tau=1").key() != a.key()


def test_unknown_method_and_dataset_fail_before_any_work(tmp_path):
    with pytest.raises(ValueError, match="unknown method 'SMOTTE'"):
        Experiment.make("glass1", "SMOTTE")
    with pytest.raises(datasets.UnknownDataset):
        run([Experiment.make("glas1", "Original")], cache=tmp_path, progress=False)
    with pytest.raises(TypeError, match="Experiment"):
        run(["glass1"], cache=tmp_path, progress=False)


def test_every_method_runs_and_baselines_generate_lreddpms_count(tmp_path):
    grid = [_tiny("glass1", name) for name in ("Original", "LReDDPM", "FinDiff", "BorderlineSMOTE", "ADASYN", "CTGAN")]
    results = run(grid, cache=tmp_path, progress=False)
    assert all(r.ok for r in results), results.errors()
    n_region = results[1].guiding_rows
    assert n_region > 0
    assert results[0].n_generated == 0 and results[0].generated is None
    for r in results[1:4] + results[5:]:
        assert r.n_generated == n_region, r.experiment.method
        assert len(r.generated) == n_region
    assert abs(results[4].n_generated - n_region) <= 0.1 * n_region + 2  # ADASYN: close
    assert set(results.distances()["metric"]) == {"JS", "WD", "MMD"}
    table = results.paper_format(["AUC_DT", "F1_LR"])
    assert set(table["metric"]) == {"AUC_DT", "F1_LR"} and len(table) == 2 * len(grid)


@pytest.mark.parametrize("name, sibling", [("FinDiff-cond", "FinDiff"), ("CTGAN-cond", "CTGAN"), ("TVAE-cond", "TVAE")])
def test_conditional_baselines_are_their_siblings_trained_on_all_rows(name, sibling):
    assert METHODS[name].family == METHODS[sibling].family  # the same profile settings
    conditional = METHODS[name].build({1: 50}, "safe", 7, None)
    alone = METHODS[sibling].build({1: 50}, "safe", 7, None)
    assert type(conditional) is type(alone)
    assert conditional.train_on == "all" and alone.train_on == "minority"
    params = {key: value for key, value in conditional.get_params().items() if key != "train_on"}
    assert params == {key: value for key, value in alone.get_params().items() if key != "train_on"}


def test_conditional_baselines_run_and_generate_lreddpms_count(tmp_path):
    grid = [_tiny("glass1", name) for name in ("LReDDPM", "FinDiff-cond", "CTGAN-cond", "TVAE-cond")]
    results = run(grid, cache=tmp_path, progress=False)
    assert all(r.ok for r in results), results.errors()
    for r in results[1:]:
        assert r.n_generated == results[0].guiding_rows == len(r.generated), r.experiment.method
        assert list(r.generated.columns) == list(datasets.load("glass1").X.columns)


def test_numeric_baselines_keep_nominal_columns_valid(tmp_path):
    result = run([_tiny("crg", "BorderlineSMOTE")], cache=tmp_path, progress=False)[0]
    assert result.ok, result.error
    crg = datasets.load("crg").X
    for col in crg.columns:
        if isinstance(crg[col].dtype, pd.CategoricalDtype):
            assert set(result.generated[col].astype(str)) <= set(crg[col].cat.categories.astype(str))


def test_an_empty_region_is_a_recorded_failure_not_a_crash(tmp_path):
    results = run([_tiny("abalone17", "LReDDPM", region="safe")], cache=tmp_path, progress=False)
    assert not results[0].ok and "no minority rows of type 'safe'" in results[0].error
    assert results.scores().empty and len(results.errors()) == 1


def test_whole_dataset_typing_guides_by_the_regions_of_the_whole_table(tmp_path):
    # abalone17's split 0: no safe minority row among the training rows, one when
    # the whole table is typed (test rows vote on the training rows' types).
    cell = _tiny("abalone17", "LReDDPM", region="safe")
    whole = replace(cell, typing="whole")
    assert whole.key() != cell.key() and "typing" not in cell.key()
    baseline = replace(_tiny("abalone17", "ADASYN", region="safe"), typing="whole")
    results = run([cell, whole, baseline], cache=tmp_path, progress=False)
    assert not results[0].ok
    assert results[1].ok and results[1].guiding_rows == 1 and results[1].n_generated == 1
    assert results[2].guiding_rows == 1  # every method generates the same count
    with pytest.raises(ValueError, match="unknown typing 'test'"):
        replace(cell, typing="test")


def test_unavailable_dataset_is_reported_and_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("IMBDIFF_OFFLINE", "1")
    monkeypatch.setenv("IMBDIFF_CACHE_DIR", str(tmp_path / "downloads"))
    results = run([Experiment.make("parkin", "Original")], cache=tmp_path, progress=False)
    assert "dataset unavailable" in results[0].error
    assert not glob.glob(str(tmp_path / "joblib" / "**" / "output.pkl"), recursive=True)


# ---------------------------------------------------------------- cache
def _outputs(root):
    return glob.glob(str(root / "joblib" / "**" / "output.pkl"), recursive=True)


def test_cached_results_are_reused_and_relabelled(tmp_path):
    exp = _tiny("glass1", "FinDiff")
    first = run([exp], cache=tmp_path, progress=False)[0]
    assert len(_outputs(tmp_path)) == 1
    again = run([with_params(exp, label="renamed")], cache=tmp_path, progress=False)[0]
    assert again.experiment.name == "renamed"
    pd.testing.assert_frame_equal(first.scores, again.scores)
    pd.testing.assert_frame_equal(first.generated, again.generated)
    assert len(_outputs(tmp_path)) == 1


def test_a_corrupt_entry_is_recomputed(tmp_path):
    exp = _tiny("glass1", "BorderlineSMOTE")
    first = run([exp], cache=tmp_path, progress=False)[0]
    (path,) = _outputs(tmp_path)
    with open(path, "wb") as handle:
        handle.write(b"not a pickle")
    again = run([exp], cache=tmp_path, progress=False)[0]  # joblib logs the bad entry
    pd.testing.assert_frame_equal(first.scores, again.scores)
    pd.testing.assert_frame_equal(joblib.load(path).scores, first.scores)  # rewritten


class _Interrupt(BaseException):
    pass


def test_an_interrupted_run_resumes_without_redoing_finished_cells(tmp_path):
    calls = []

    def flaky(target, region, seed, memory, **params):
        calls.append(seed)
        if params.get("fail"):
            raise _Interrupt
        return None

    register_method("test-flaky", Method(flaky, family="none"), replace=True)
    done = Experiment.make("glass1", "test-flaky", repeats=1, seed=1)
    broken = Experiment.make("glass1", "test-flaky", repeats=1, seed=2, fail=True)
    with pytest.raises(_Interrupt):
        run([done, broken], cache=tmp_path, progress=False)
    assert calls == [1, 2]
    resumed = Experiment.make("glass1", "test-flaky", repeats=1, seed=2)
    results = run([done, resumed], cache=tmp_path, progress=False)
    assert calls == [1, 2, 2]  # only the unfinished cell ran again
    assert all(r.ok for r in results)


def test_a_new_package_version_recomputes(tmp_path):
    from joblib import Memory

    exp = _tiny("glass1", "Original")
    cached = Memory(str(tmp_path), verbose=0).cache(_run_one, ignore=["ddpm_memory"])
    cached(exp.key(), "digest-a")
    assert cached.check_call_in_cache(exp.key(), "digest-a")
    assert not cached.check_call_in_cache(exp.key(), "digest-b")


def test_parallel_runs_equal_serial_runs(tmp_path):
    grid = [_tiny(d, m) for d in ("glass1", "crg") for m in ("Original", "LReDDPM")]
    serial = run(grid, cache=False, progress=False)
    parallel = run(grid, n_jobs=2, backend="loky", cache=tmp_path, progress=False)
    for a, b in zip(serial, parallel):
        assert a.experiment == b.experiment
        pd.testing.assert_frame_equal(a.scores, b.scores)


def test_variants_share_one_trained_ddpm(tmp_path):
    base = _tiny("glass1", "LReDDPM")
    run([base, with_params(base, tau=1, label="tau=1"), _tiny("glass1", "FinDiff")], cache=tmp_path, progress=False)
    trained = glob.glob(str(tmp_path / "ddpm" / "joblib" / "**" / "output.pkl"), recursive=True)
    assert len(trained) == 1  # LReDDPM, its tau variant and FinDiff train on the same rows
    assert os.path.getsize(trained[0]) > 0


def test_training_split_is_the_runners_split():
    exp = _tiny("crg", "Original")
    X_train, y_train, X_test, y_test, nominal = training_split(exp)
    assert len(X_train) == 800 and len(X_test) == 200 and len(nominal) == 13
    assert y_train.sum() == 240


def test_synthetic_types_replace_the_guiding_rows_before_typing(tmp_path):
    from imbdiff.regions import region_types

    result = run([_tiny("glass1", "BorderlineSMOTE")], cache=tmp_path, progress=False)[0]
    types = synthetic_region_types(result)
    assert len(types) == len(result.generated)
    # Independent recomputation of Figure 5's procedure.
    X_train, y_train, _, _, _ = training_split(result.experiment)
    before = region_types(X_train, y_train)
    keep = ~((y_train == 1) & (before == "safe"))
    X_mod = pd.concat([X_train[keep], result.generated], ignore_index=True)
    y_mod = np.r_[y_train[keep], np.ones(len(result.generated), int)]
    assert list(types) == list(region_types(X_mod, y_mod)[keep.sum():])
    with pytest.raises(ValueError, match="generated no rows"):
        synthetic_region_types(run([_tiny("glass1", "Original")], cache=tmp_path, progress=False)[0])


def test_synthetic_type_shares_sum_to_one_per_dataset(tmp_path):
    from imbdiff.lreddpm import synthetic_type_shares

    results = run([_tiny("glass1", "LReDDPM"), _tiny("glass1", "Original")], cache=tmp_path, progress=False)
    table = synthetic_type_shares(results)
    assert set(table["method"]) == {"safe", "border", "rare", "outlier"}
    assert table["mean"].sum() == pytest.approx(1.0)
    assert (table["guiding"] == "safe").all() and (table["metric"] == "share").all()


def test_isodf_enn_grid_runs_every_fold_with_one_tree():
    from imbdiff import profiles
    from imbdiff.isodf_enn import ISODF_ENN_METHODS, isodf_enn_grid

    profile = profiles.get("default", splits=2)
    cells = isodf_enn_grid("comparison", profile, ["yeast1"], seed=7)
    assert len(cells) == len(ISODF_ENN_METHODS) * 5 * 2
    assert {c.split for c in cells} == set(cross_validation(5, 2))
    assert all(c.repeats == 1 and c.classifiers == ("DT",) for c in cells)
    # each repetition of the cross-validation has its own sampler seed
    assert {(c.split.repeat, c.seed) for c in cells} == {(0, 7), (1, 8)}
    sensitivity = isodf_enn_grid("sensitivity", profile, ["yeast1"])
    assert {c.name for c in sensitivity} == {"Mul=5", "Mul=20", "Mul=50", "Mul=100", "I=5", "I=10", "I=20", "I=30"}
    with pytest.raises(ValueError, match="unknown grid"):
        isodf_enn_grid("table9", profile)


def test_aggregate_averages_folds_within_a_repetition_then_over_repetitions(tmp_path):
    folds = cross_validation(2, 3)
    grid = [replace(Experiment.make("glass1", "Original", repeats=1, classifiers=("DT",)), split=f) for f in folds]
    results = run(grid, cache=tmp_path, progress=False)
    auc = np.array([r.scores.set_index("metric").loc["AUC", "mean"] for r in results]).reshape(3, 2)
    per_split = results.per_split(["AUC_DT"]).set_index("split")
    assert list(per_split.index) == [0, 1, 2]
    assert per_split["mean"].to_numpy() == pytest.approx(auc.mean(axis=1))
    assert per_split["std"].to_numpy() == pytest.approx(auc.std(axis=1))  # over the folds
    table = results.aggregate().set_index("name")
    assert table.loc["AUC_DT", "mean"] == pytest.approx(auc.mean())
    assert table.loc["AUC_DT", "std"] == pytest.approx(auc.mean(axis=1).std(ddof=1))
    assert table.loc["AUC_DT", "splits"] == 3 and table.loc["AUC_DT", "folds"] == 6


def test_lreddpm_grid_runs_every_split_with_its_own_sampler_seed():
    from imbdiff import profiles
    from imbdiff.lreddpm import LREDDPM_METHODS, lreddpm_grid

    profile = profiles.get("smoke")
    assert profile.splits == 2
    cells = lreddpm_grid("main", profile, "yeast3", seed=4, splits=3)
    assert len(cells) == 3 * len(LREDDPM_METHODS)
    assert {(c.split, c.seed) for c in cells} == {(Holdout(seed=s), s) for s in (4, 5, 6)}
    assert len(lreddpm_grid("main", profile, "yeast3")) == profile.splits * len(LREDDPM_METHODS)
    # split 0 of a repeated grid is the cell a single-split grid asks for: one cache entry
    first = lreddpm_grid("main", profile, "yeast3", splits=1)
    assert first == lreddpm_grid("main", profile, "yeast3", splits=2)[: len(LREDDPM_METHODS)]
    with pytest.raises(ValueError, match="splits must be at least 1"):
        lreddpm_grid("main", profile, "yeast3", splits=0)


def test_paper_format_gives_mean_and_sd_over_splits(tmp_path):
    grid = [Experiment.make("glass1", "Original", split=Holdout(seed=s), repeats=2) for s in (0, 1, 2)]
    results = run(grid, cache=tmp_path, progress=False)
    auc = np.array([r.scores.query("classifier == 'DT' and metric == 'AUC'")["mean"].iloc[0] for r in results])
    assert len(set(np.round(auc, 6))) > 1  # the splits differ
    row = results.paper_format(["AUC_DT"]).iloc[0]
    assert row["mean"] == pytest.approx(auc.mean()) and row["std"] == pytest.approx(auc.std(ddof=1))
    assert row["splits"] == 3
    single = run(grid[:1], cache=tmp_path, progress=False).paper_format(["AUC_DT"]).iloc[0]
    assert single["splits"] == 1 and np.isnan(single["std"])
    assert results.get("glass1", "Original") is results[0]
    assert results.get("glass1", "Original", split=2) is results[2]
    assert list(results.summary()["split"]) == [0, 1, 2]


def test_grids_take_one_dataset_name_as_a_string():
    from imbdiff import profiles
    from imbdiff.isodf_enn import isodf_enn_grid
    from imbdiff.lreddpm import lreddpm_grid

    profile = profiles.get("smoke")
    assert {c.dataset for c in lreddpm_grid("main", profile, "yeast3")} == {"yeast3"}
    assert lreddpm_grid("main", profile, "yeast3") == lreddpm_grid("main", profile, ["yeast3"])
    assert {c.dataset for c in isodf_enn_grid("ablation", profile, "glass1")} == {"glass1"}
    assert {c.dataset for c in lreddpm_grid("main", profile)} == set(profile.datasets)


def test_every_split_is_deterministic_and_splits_differ():
    from imbdiff import profiles
    from imbdiff.lreddpm import lreddpm_grid

    cells = [c for c in lreddpm_grid("main", profiles.get("smoke"), "glass1", splits=2) if c.name == "LReDDPM"]
    first = run(cells, cache=False, progress=False)
    again = run(cells[::-1], cache=False, progress=False)  # order and worker do not matter
    for result in first:
        twin = again.get("glass1", "LReDDPM", split=result.experiment.split.seed)
        pd.testing.assert_frame_equal(result.scores, twin.scores)
        pd.testing.assert_frame_equal(result.generated, twin.generated)
    assert not first[0].generated.equals(first[1].generated)


def test_one_hot_decoding_matches_the_argmax_rule():
    """``_resample_numeric`` decodes with ``OneHotEncoder.inverse_transform``; the
    values are those of the hand-written rule it replaced: per nominal column, the
    category of the largest interpolated indicator, the first one on ties."""
    from imblearn.over_sampling import SMOTE
    from sklearn.preprocessing import OneHotEncoder

    from imbdiff.experiments._cell import _resample_numeric

    X, y = datasets.load("crg").X.iloc[:300], datasets.load("crg").y[:300]
    nominal = [c for c in X.columns if isinstance(X[c].dtype, pd.CategoricalDtype)]
    X_res, _ = _resample_numeric(SMOTE(random_state=0), X, y, nominal)

    numeric = [c for c in X.columns if c not in nominal]
    encoder = OneHotEncoder(sparse_output=False).fit(X[nominal])
    matrix = np.hstack([X[numeric].to_numpy(dtype=float), encoder.transform(X[nominal])])
    block = SMOTE(random_state=0).fit_resample(matrix, y)[0][:, len(numeric):]
    start = 0
    for col, categories in zip(nominal, encoder.categories_):
        stop = start + len(categories)
        expected = np.asarray(categories, dtype=object)[block[:, start:stop].argmax(axis=1)]
        np.testing.assert_array_equal(X_res[col].astype(object).to_numpy(), expected)
        start = stop
    # A tie between two indicators goes to the first category.
    tie = encoder.transform(X[nominal].iloc[:1])
    tie[0, : len(encoder.categories_[0])] = 0.0
    tie[0, :2] = 0.5
    assert encoder.inverse_transform(tie)[0, 0] == encoder.categories_[0][0]
