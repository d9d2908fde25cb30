"""The protocol probe of Table 3's "Original" gap and the options it needs."""

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score
from sklearn.tree import DecisionTreeClassifier

from imbdiff import datasets
from imbdiff.lreddpm._protocol import ProtocolVariant
from imbdiff.lreddpm.auc import (
    PROTOCOL_VARIANTS,
    probe_protocol,
    probe_verdicts,
    summarise_probe,
)
from imbdiff.experiments import CVFold, Experiment, Holdout, run, score_classifiers
from imbdiff.lreddpm._protocol import _scaled
from imbdiff.experiments._cell import from_key as _from_key


# ---------------------------------------------------------------- splits
def test_unstratified_holdout_has_the_right_sizes_and_differs_from_the_stratified_one():
    y = np.array([0] * 90 + [1] * 13)
    minority_in_test = set()
    for seed in range(20):
        train, test = Holdout(0.2, seed=seed, stratify=False).indices(y)
        assert len(test) == math.ceil(0.2 * len(y)) and len(train) == len(y) - len(test)
        assert np.array_equal(np.sort(np.r_[train, test]), np.arange(len(y)))
        minority_in_test.add(int(y[test].sum()))
        stratified = Holdout(0.2, seed=seed).indices(y)[1]
        assert y[stratified].sum() in (2, 3)  # 13 * 0.2 = 2.6
    assert len(minority_in_test) > 2  # a plain split lets the minority count vary
    assert not np.array_equal(Holdout(0.2, seed=1, stratify=False).indices(y)[1],
                              Holdout(0.2, seed=1).indices(y)[1])


def test_a_default_holdout_keeps_the_cache_key_it_had_before_the_stratify_option():
    key = Experiment.make("glass1", "Original").key()
    assert key["split"] == {"kind": "Holdout", "test_size": 0.2, "seed": 0}
    assert Experiment.make("glass1", "Original", split=Holdout(seed=3)).key()["split"] == {
        "kind": "Holdout", "test_size": 0.2, "seed": 3}
    plain = Experiment.make("glass1", "Original", split=Holdout(stratify=False))
    assert plain.key()["split"] == {
        "kind": "Holdout", "test_size": 0.2, "seed": 0, "stratify": False}
    assert _from_key(plain.key()).split == Holdout(stratify=False)
    assert _from_key(key).split == Holdout()


# ---------------------------------------------------------------- score options
def test_hard_auc_is_the_mean_of_tpr_and_tnr_on_a_hand_case():
    X_train = pd.DataFrame({"x": np.arange(10.0)})
    y_train = (X_train["x"] >= 7).to_numpy(int)  # the tree splits at 6.5
    X_test = pd.DataFrame({"x": [1.0, 2.0, 8.0, 9.0, 3.0, 8.5]})
    y_test = np.array([0, 1, 1, 0, 0, 1])  # predictions 0 0 1 1 0 1: TPR 2/3, TNR 2/3
    scores = score_classifiers(X_train, y_train, X_test, y_test, classifiers=("DT",), repeats=2,
                               auc_from="predict").set_index("metric")
    assert scores.loc["AUC", "mean"] == pytest.approx(100 * (2 / 3 + 2 / 3) / 2)


def test_hard_auc_differs_from_the_probability_auc_when_leaves_are_impure():
    ds = datasets.load("glass1")
    train, test = Holdout().indices(ds.y)
    Xtr, Xte, ytr, yte = ds.X.iloc[train], ds.X.iloc[test], ds.y[train], ds.y[test]
    tree = {"min_samples_leaf": 8}
    hard = score_classifiers(Xtr, ytr, Xte, yte, classifiers=("DT",), repeats=1, tree_params=tree,
                             auc_from="predict").set_index("metric")["mean"]
    soft = score_classifiers(Xtr, ytr, Xte, yte, classifiers=("DT",), repeats=1,
                             tree_params=tree).set_index("metric")["mean"]
    pred = DecisionTreeClassifier(random_state=0, **tree).fit(Xtr, ytr).predict(Xte)
    tpr, tnr = (pred[yte == 1] == 1).mean(), (pred[yte == 0] == 0).mean()
    assert hard["AUC"] == pytest.approx(100 * (tpr + tnr) / 2)
    assert soft["AUC"] != pytest.approx(hard["AUC"])
    assert soft["F1"] == pytest.approx(hard["F1"])  # only the AUC's ranking changes


def test_tree_params_reach_the_tree():
    ds = datasets.load("glass1")
    train, test = Holdout(seed=2).indices(ds.y)
    Xtr, Xte, ytr, yte = ds.X.iloc[train], ds.X.iloc[test], ds.y[train], ds.y[test]
    options = {"criterion": "entropy", "max_depth": 3}
    trees = [DecisionTreeClassifier(random_state=s, **options) for s in range(3)]
    reference = [100 * roc_auc_score(yte, t.fit(Xtr, ytr).predict_proba(Xte)[:, 1]) for t in trees]
    row = score_classifiers(Xtr, ytr, Xte, yte, classifiers=("DT",), repeats=3,
                            tree_params={"criterion": "entropy", "max_depth": 3})
    assert row.set_index("metric").loc["AUC", "mean"] == pytest.approx(np.mean(reference))


def test_bad_score_options_are_refused():
    X = pd.DataFrame({"a": [0.0, 1.0, 0.0, 1.0]})
    y = np.array([0, 1, 0, 1])
    with pytest.raises(ValueError, match="auc_from"):
        score_classifiers(X, y, X, y, auc_from="labels")
    with pytest.raises(ValueError, match="random_state"):
        score_classifiers(X, y, X, y, tree_params={"random_state": 1})
    with pytest.raises(ValueError, match="tree_params must be a dict"):
        score_classifiers(X, y, X, y, tree_params=[("max_depth", 2)])


# ---------------------------------------------------------------- variants
def test_kfold_reading_scores_every_fold_of_a_stratified_five_fold_partition():
    variant = PROTOCOL_VARIANTS["5-fold (KEEL proxy)"]
    expected = [CVFold(5, 0, 0), CVFold(5, 0, 4), CVFold(5, 1, 0)]
    assert [variant.make_split(n) for n in (0, 4, 5)] == expected
    assert PROTOCOL_VARIANTS["plain split"].make_split(3) == Holdout(0.2, seed=3, stratify=False)
    assert PROTOCOL_VARIANTS["as built"].make_split(3) == Holdout(0.2, seed=3)


def test_minmax_scaling_fits_on_the_training_rows_or_on_each_part():
    X_train = pd.DataFrame({"a": [0.0, 5.0, 10.0], "c": pd.Categorical(["u", "v", "u"])})
    X_test = pd.DataFrame({"a": [5.0, 20.0], "c": pd.Categorical(["v", "v"])})
    train, test = _scaled(X_train, X_test, "minmax")
    assert train["a"].tolist() == [0.0, 0.5, 1.0] and test["a"].tolist() == [0.5, 2.0]
    train, test = _scaled(X_train, X_test, "minmax-each-part")
    assert train["a"].tolist() == [0.0, 0.5, 1.0] and test["a"].tolist() == [0.0, 1.0]
    assert test["c"].tolist() == ["v", "v"] and X_test["a"].tolist() == [5.0, 20.0]


@pytest.mark.parametrize(
    "options, match",
    [({"split": "loo"}, "split"), ({"scaling": "zscore"}, "scaling"),
     ({"train_share": 0.0}, "train_share"), ({"auc_from": "labels"}, "auc_from")],
)
def test_bad_variants_are_refused(options, match):
    with pytest.raises(ValueError, match=match):
        ProtocolVariant(**options)


# ---------------------------------------------------------------- the probe
def test_the_as_built_reading_reproduces_the_books_original_cell(tmp_path):
    probe = probe_protocol("glass1", ["as built"], splits=2, repeats=3)
    for number in (0, 1):
        cell = Experiment.make("glass1", "Original", split=Holdout(seed=number), repeats=3,
                               classifiers=("DT",))
        scores = run([cell], cache=tmp_path, progress=False)[0].scores.set_index("metric")
        row = probe[probe["split"] == number].iloc[0]
        assert row["AUC"] == pytest.approx(scores.loc["AUC", "mean"])
        assert row["AUC_sd"] == pytest.approx(scores.loc["AUC", "std"])
        assert row["Recall"] == pytest.approx(scores.loc["Recall", "mean"])


def test_probe_rows_sizes_and_determinism():
    variants = ["as built", "deduplicated rows", "half the training rows", "5-fold (KEEL proxy)"]
    probe = probe_protocol("yeast3", variants, splits=2, repeats=2)
    again = probe_protocol("yeast3", variants, splits=2, repeats=2, n_jobs=2)
    pd.testing.assert_frame_equal(probe, again)
    assert list(probe.columns[:5]) == ["variant", "dataset", "split", "AUC", "AUC_sd"]
    assert len(probe) == 8 and set(probe["variant"]) == set(variants)
    ds = datasets.load("yeast3")
    sizes = probe.set_index(["variant", "split"])
    unique_rows = (~ds.X.assign(label=ds.y).duplicated()).sum()
    assert sizes.loc[("as built", 0), ["n_train", "n_test"]].sum() == len(ds.y)
    deduplicated = sizes.loc[("deduplicated rows", 0), ["n_train", "n_test"]].sum()
    assert deduplicated == unique_rows < len(ds.y)
    full_train = sizes.loc[("as built", 0), "n_train"]
    # scikit-learn floors train_size * n
    assert sizes.loc[("half the training rows", 0), "n_train"] == full_train // 2
    assert sizes.loc[("as built", 0), "n_test_minority"] in (32, 33)  # 163 * 297 / 1484 = 32.6


def test_summary_reads_table_3_and_sets_the_seed_spread_beside_the_papers():
    probe = pd.DataFrame({"variant": "v", "dataset": "segment0", "split": [0, 1],
                          "AUC": [98.0, 99.0], "AUC_sd": [0.2, 0.4]})
    row = summarise_probe(probe).iloc[0]
    assert (row["paper"], row["paper_sd"]) == (89.581, 0.571)  # Table 3, Original, segment0
    assert row["seed_sd"] == pytest.approx(0.3)
    assert row["diff"] == pytest.approx(98.5 - 89.581) and not row["match"]


def test_bad_probe_input_is_refused():
    with pytest.raises(ValueError, match="unknown datasets"):
        probe_protocol("segmentO", ["as built"], splits=1, repeats=1)
    with pytest.raises(ValueError, match="unknown variants"):
        probe_protocol("glass1", ["as bulit"], splits=1, repeats=1)
    with pytest.raises(ValueError, match="splits"):
        probe_protocol("glass1", ["as built"], splits=0)
    with pytest.raises(ValueError, match="ProtocolVariant"):
        probe_protocol("glass1", {"mine": {"split": "plain"}}, splits=1)


# ---------------------------------------------------------------- summaries
def test_summary_and_verdicts_on_a_hand_made_probe():
    auc = {  # variant -> dataset -> AUC on splits 0 and 1
        "b": {"gap1": [80.0, 90.0], "ctl": [70.0, 74.0]},  # both match: explains
        "a": {"gap1": [99.0, 97.0], "ctl": [70.0, 72.0]},  # gap missed (98 +- 1 vs 85)
        "c": {"gap1": [84.0, 86.0], "ctl": [60.0, 60.0]},  # control missed (sd 0, diff -12)
    }
    probe = pd.DataFrame([
        {"variant": v, "dataset": d, "split": n, "AUC": value}
        for v, per in auc.items() for d, values in per.items() for n, value in enumerate(values)
    ])
    paper = pd.Series({"gap1": 85.0, "ctl": 72.0})
    summary = summarise_probe(probe, paper_values=paper)
    assert list(summary["variant"]) == ["b", "b", "a", "a", "c", "c"]  # the probe's order
    table = summary.set_index(["variant", "dataset"])
    row = table.loc[("b", "gap1")]
    stats = (row["mean"], row["sd"], row["min"], row["max"], row["diff"])
    assert stats == (85.0, 5.0, 80.0, 90.0, 0.0)
    assert summary["paper_sd"].isna().all() and summary["seed_sd"].isna().all()
    assert table["match"].tolist() == [True, True, False, True, True, False]
    verdicts = probe_verdicts(summary, gap=("gap1",), controls=("ctl",)).set_index("variant")
    assert verdicts["gap matched"].tolist() == ["1 of 1", "0 of 1", "1 of 1"]
    assert verdicts["controls matched"].tolist() == ["1 of 1", "1 of 1", "0 of 1"]
    assert verdicts["explains"].tolist() == [True, False, False]
    strict = probe_verdicts(summarise_probe(probe, paper_values=paper, spread=0.5),
                            gap=("gap1",), controls=("ctl",))
    assert strict["explains"].tolist() == [True, False, False]  # b: diffs are 0
    none = probe_verdicts(summary, gap=("other",), controls=("ctl",))
    assert not none["explains"].any()  # no gap dataset: nothing explained
