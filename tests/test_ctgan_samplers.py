"""CTGANSampler and TVAESampler: imbalanced-learn samplers over the ctgan package."""

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from sklearn.utils._param_validation import InvalidParameterError

from imbdiff.over_sampling import CTGANSampler, TVAESampler

from estimator_checks import check_suites

SAMPLERS = (CTGANSampler, TVAESampler)



def instances():
    # Both classes share every line but the model's constructor (_CTGANFamilySampler);
    # the suites run on the faster one, since each fit spends seconds in ctgan's
    # per-column Gaussian mixtures. The behaviour tests below cover both.
    return [TVAESampler(epochs=1, random_state=0), TVAESampler(train_on="all", epochs=1, random_state=0)]



test_imblearn_estimator_checks, test_sklearn_estimator_checks = check_suites(instances())


def mixed_table(seed=0):
    rng = np.random.default_rng(seed)
    n_major, n_minor = 120, 30
    X = pd.DataFrame(
        {
            "x": np.r_[rng.normal(0, 1, n_major), rng.normal(8, 0.5, n_minor)],
            "colour": pd.Categorical(["red"] * n_major + ["blue"] * n_minor, categories=["red", "blue", "green"]),
        }
    )
    y = np.r_[np.zeros(n_major, int), np.ones(n_minor, int)]
    return X, y


@pytest.mark.parametrize("Sampler", SAMPLERS)
def test_each_class_model_learns_from_that_class_only(Sampler):
    X, y = mixed_table()
    X_res, y_res = Sampler(epochs=150, random_state=0).fit_resample(X, y)
    new = X_res.iloc[len(X):]
    assert Counter(y_res) == {0: 120, 1: 120}
    # The minority rows are all "blue" and near 8: a model fitted on them alone
    # cannot produce the majority's category, and its numbers stay near 8.
    assert set(new["colour"]) == {"blue"}
    assert abs(new["x"].median() - 8) < 1.5
    assert list(X_res.dtypes) == list(X.dtypes)


@pytest.mark.parametrize("Sampler", SAMPLERS)
def test_same_seed_same_rows(Sampler):
    X, y = mixed_table()
    a = Sampler(epochs=2, random_state=3).fit_resample(X, y)[0]
    b = Sampler(epochs=2, random_state=3).fit_resample(X, y)[0]
    c = Sampler(epochs=2, random_state=4).fit_resample(X, y)[0]
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


@pytest.mark.parametrize("Sampler", SAMPLERS)
def test_explicit_counts_are_met(Sampler):
    X, y = mixed_table()
    _, y_res = Sampler(epochs=1, sampling_strategy={1: 45}, random_state=0).fit_resample(X, y)
    assert Counter(y_res)[1] == 45


@pytest.mark.parametrize("Sampler", SAMPLERS)
def test_bad_input(Sampler):
    X, y = mixed_table()
    X.loc[3, "x"] = np.nan
    with pytest.raises(ValueError, match="NaN in column 'x'"):
        Sampler(epochs=1).fit_resample(X, y)
    with pytest.raises(InvalidParameterError, match="epochs"):
        Sampler(epochs=0).fit_resample(*mixed_table())


# ----------------------------------------------------------------------------- train_on="all"
@pytest.mark.parametrize("Sampler", SAMPLERS)
def test_conditional_models_return_the_asked_rows_of_each_class_without_the_label(Sampler):
    X, y = mixed_table()
    y = np.r_[y[:100], np.full(20, 2), y[120:]]  # three classes: 100, 20, 30 rows
    sampler = Sampler(train_on="all", epochs=2, sampling_strategy={1: 60, 2: 50}, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert Counter(y_res) == {0: 100, 1: 60, 2: 50}
    assert list(X_res.columns) == ["x", "colour"] and list(X_res.dtypes) == list(X.dtypes)
    assert sampler.model_[1] is sampler.model_[2]  # one model of the whole table
    pd.testing.assert_frame_equal(X_res.iloc[:150], X)


@pytest.mark.parametrize("Sampler", SAMPLERS)
def test_conditional_models_same_seed_same_rows(Sampler):
    X, y = mixed_table()
    a = Sampler(train_on="all", epochs=2, random_state=3).fit_resample(X, y)[0]
    b = Sampler(train_on="all", epochs=2, random_state=3).fit_resample(X, y)[0]
    pd.testing.assert_frame_equal(a, b)


class _ScriptedModel:
    """Stands in for a ctgan model of the whole table: ``sample(n)`` returns rows whose
    label cycles through ``pattern`` and whose ``c0`` tells the label and position
    (``1000 * label + position``), so the kept rows can be checked by hand."""

    def __init__(self, pattern):
        self.pattern = np.asarray(pattern)
        self.calls = []
        self.drawn = 0

    def set_random_state(self, seed):
        pass

    def fit(self, rows, discrete_columns):
        self.columns, self.discrete = list(rows.columns), list(discrete_columns)

    def sample(self, n, **condition):
        self.calls.append((n, condition))
        position = np.arange(self.drawn, self.drawn + n)
        self.drawn += n
        label = self.pattern[position % len(self.pattern)]
        return pd.DataFrame({"c0": 1000.0 * label + position, "label": label})


def _scripted(base, pattern):
    model = _ScriptedModel(pattern)

    class Scripted(base):
        def _make_model(self, cuda):
            return model

    return Scripted, model


@pytest.mark.parametrize("base, conditional", [(CTGANSampler, True), (TVAESampler, False)])
def test_rejection_keeps_only_rows_generated_with_the_class_label(base, conditional):
    X = pd.DataFrame({"x": np.arange(10.0)})
    y = np.r_[np.zeros(8, int), np.ones(2, int)]
    Scripted, model = _scripted(base, pattern=[0, 0, 0, 1])  # one row in four is class 1
    X_res, y_res = Scripted(train_on="all", sampling_strategy={1: 12}).fit_resample(X, y)
    assert model.columns == ["c0", "label"] and model.discrete == ["label"]
    new = X_res["x"].to_numpy()[10:]
    assert len(new) == 10 and np.all(new // 1000 == 1)  # only label-1 rows, label dropped
    assert np.all(new % 4 == 3) and np.all(np.diff(new) > 0)  # the first ones, in order
    asked = {"condition_column": "label", "condition_value": 1} if conditional else {}
    assert all(condition == asked for _, condition in model.calls)
    if not conditional:
        # TVAE: the first round assumes the class's share (2 of 10) and draws
        # ceil(1.1 * 10 / 0.2) = 55 rows, of which 13 are class 1: enough.
        assert [n for n, _ in model.calls] == [55]
    else:
        # CTGAN: the first round trusts the condition (rate 1): 11 rows, 2 of class 1;
        # the second uses the rate seen, 2 / 11: ceil(1.1 * 8 * 11 / 2) = 49 rows.
        assert [n for n, _ in model.calls] == [11, 49]


@pytest.mark.parametrize("Sampler", SAMPLERS)
def test_a_model_that_never_generates_the_class_is_a_clear_error(Sampler):
    X = pd.DataFrame({"x": np.arange(10.0)})
    y = np.r_[np.zeros(8, int), np.ones(2, int)]
    Scripted, model = _scripted(Sampler, pattern=[0])
    with pytest.raises(ValueError, match=r"generated only 0 rows of class 1 among \d+ in 10 rounds"):
        Scripted(train_on="all").fit_resample(X, y)
    assert len(model.calls) == 10


def test_bad_train_on():
    with pytest.raises(InvalidParameterError, match="train_on"):
        TVAESampler(train_on="region", epochs=1).fit_resample(*mixed_table())
    with pytest.raises(ValueError, match="more than 1 class"):
        X, y = mixed_table()
        TVAESampler(train_on="all", epochs=1).fit_resample(X, np.zeros(len(y), int))


def _fit_resample_rows(sampler, X, y):
    X_res, _ = sampler.fit_resample(X, y)
    return X_res.to_csv()


@pytest.mark.parametrize("Sampler", SAMPLERS)
def test_same_seed_same_rows_inside_a_joblib_worker(Sampler):
    # 600 rows: ctgan then transforms the table's columns with its own joblib pool,
    # which inside a worker is a thread pool racing on numpy's global generator.
    from joblib import Parallel, delayed

    rng = np.random.default_rng(0)
    X = pd.DataFrame({f"x{i}": rng.normal(size=600) for i in range(4)})
    y = np.r_[np.zeros(450, int), np.ones(150, int)]
    sampler = Sampler(train_on="all", epochs=1, random_state=0)
    here = _fit_resample_rows(sampler, X, y)
    in_workers = Parallel(n_jobs=2, backend="loky")(
        delayed(_fit_resample_rows)(sampler, X, y) for _ in range(4)
    )
    assert all(rows == here for rows in in_workers)
