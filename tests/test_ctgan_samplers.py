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
    return [TVAESampler(epochs=1, random_state=0)]



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
