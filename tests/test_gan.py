"""Tests of the GAN baselines (imbdiff.over_sampling._gan, imbdiff.combine._twgan_gp): contract, behaviour, errors."""

import numpy as np
import pandas as pd
import pytest
import torch
from sklearn.utils._param_validation import InvalidParameterError

from imbdiff.combine import TWGANGPSampler
from imbdiff.over_sampling import GANSampler
from imbdiff.combine._twgan_gp import (
    cluster_undersample,
    meeting_count,
    meeting_targets,
    neighbourhood_types,
    representatives,
)

from estimator_checks import check_suites

TINY = dict(epochs=2, hidden_dims=(8,), noise_dim=4, batch_size=16, random_state=0)



# ----------------------------------------------------------------------------- checks
def check_instances():
    # One epoch of large batches: the checks test the interface, not the training
    # (tested below). TWGAN-GP runs the WGAN-GP loss through GANSampler.
    quick = {**TINY, "epochs": 1, "batch_size": 256}
    return [GANSampler(**quick), TWGANGPSampler(**quick)]



test_imblearn_estimator_checks, test_sklearn_estimator_checks = check_suites(check_instances())


# ----------------------------------------------------------------------------- data
MINORITY_MEAN = np.array([4.0, 4.0])


def separated(seed=0, n_majority=200, n_minority=60):
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(0.0, 1.0, size=(n_majority, 2)), rng.normal(MINORITY_MEAN, 0.5, size=(n_minority, 2))])
    y = np.r_[np.zeros(n_majority, dtype=int), np.ones(n_minority, dtype=int)]
    return X, y


# ----------------------------------------------------------------------------- GAN
@pytest.mark.parametrize("loss", ["gan", "wgan-gp"])
def test_gan_balances_and_generates_near_the_minority(loss):
    X, y = separated()
    lr = 2e-4 if loss == "gan" else 1e-4
    sampler = GANSampler(loss=loss, epochs=150, batch_size=32, learning_rate=lr, hidden_dims=(32, 32), random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [200, 200]
    np.testing.assert_array_equal(X_res[: len(y)], X)
    new = X_res[len(y):]
    # Every new row's nearest original row is a minority row, and their centre is
    # the minority's (the majority's is 5.7 away).
    nearest = np.linalg.norm(new[:, None, :] - X[None], axis=2).argmin(axis=1)
    assert np.all(y[nearest] == 1)
    assert np.linalg.norm(new.mean(axis=0) - MINORITY_MEAN) < 1.0
    # 150 epochs of ceil(60 / 32) = 2 generator steps; both losses recorded.
    assert sampler.loss_history_[1].shape == (300, 2) and np.isfinite(sampler.loss_history_[1]).all()


def test_gan_strategies_shape_and_dtype():
    X, y = separated()
    _, y_res = GANSampler(sampling_strategy={1: 100}, **TINY).fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [200, 100]
    X_res, y_res = GANSampler(sampling_strategy=0.5, **TINY).fit_resample(X.astype(np.float32), y.astype(np.int32))
    assert X_res.shape == (300, 2) and X_res.dtype == np.float32 and y_res.dtype == np.int32


def test_gan_is_seeded_and_leaves_the_global_rng_alone():
    X, y = separated()
    state = torch.get_rng_state()
    first = GANSampler(**TINY).fit_resample(X, y)[0]
    assert torch.equal(torch.get_rng_state(), state)
    second = GANSampler(**TINY).fit_resample(X, y)[0]
    np.testing.assert_array_equal(first, second)
    other = GANSampler(**{**TINY, "random_state": 1}).fit_resample(X, y)[0]
    assert not np.array_equal(first[len(y):], other[len(y):])


def test_gan_keeps_nominal_columns_and_dtypes():
    rng = np.random.default_rng(0)
    n = 120
    y = (np.arange(n) % 4 == 0).astype(int)
    X = pd.DataFrame(
        {
            "colour": pd.Categorical(rng.choice(["red", "blue"], n), categories=["red", "blue", "grey"]),
            "amount": rng.normal(5.0, 1.0, n),
            "count": rng.integers(0, 5, n).astype(np.int64),
        }
    )
    X_res, y_res = GANSampler(**TINY).fit_resample(X, y)
    assert X_res.dtypes.to_dict() == X.dtypes.to_dict()
    assert list(X_res["colour"].cat.categories) == ["red", "blue", "grey"]
    assert set(X_res["colour"].iloc[n:]) <= {"red", "blue"}
    assert np.bincount(y_res).tolist() == [90, 90]


# ----------------------------------------------------------------------------- TWGAN-GP
def test_meeting_point_hand_worked():
    assert meeting_count([40, 160], 0.5) == 100
    assert meeting_count([40, 160], 0.0) == 40 and meeting_count([40, 160], 1.0) == 160
    assert meeting_count([10, 15], 0.5) == 13  # 12.5 rounds half up
    assert meeting_targets(np.repeat([0, 1, 2], [30, 10, 20]), 0.5) == {1: 20}


def test_twgangp_meets_halfway_keeping_real_majority_rows():
    X, y = separated()
    sampler = TWGANGPSampler(**TINY)
    X_res, y_res = sampler.fit_resample(X, y)
    assert sampler.target_count_ == 130 and np.bincount(y_res).tolist() == [130, 130]
    removed = sampler.removed_indices_
    assert len(removed) == 70 and np.all(y[removed] == 0)
    kept = np.setdiff1d(np.arange(len(y)), removed)
    np.testing.assert_array_equal(X_res[: len(kept)], X[kept])  # real rows, input order
    assert sampler.sampling_strategy_ == {1: 70}
    assert sampler.gan_.loss == "wgan-gp"
    # meet_at=0: under-sampling only (no GAN rows); meet_at=1: over-sampling only.
    under = TWGANGPSampler(meet_at=0.0, **TINY)
    assert np.bincount(under.fit_resample(X, y)[1]).tolist() == [60, 60] and under.sampling_strategy_ == {}
    over = TWGANGPSampler(meet_at=1.0, **TINY)
    assert np.bincount(over.fit_resample(X, y)[1]).tolist() == [200, 200] and len(over.removed_indices_) == 0


def test_twgangp_undersampling_spans_the_majority():
    """k-means representatives cover the majority cloud, not one corner of it."""
    X, y = separated()
    sampler = TWGANGPSampler(meet_at=0.0, **TINY)
    X_res, y_res = sampler.fit_resample(X, y)
    kept = X_res[y_res == 0]
    assert np.linalg.norm(kept.mean(axis=0) - X[y == 0].mean(axis=0)) < 0.4
    assert np.all(kept.std(axis=0) > 0.7 * X[y == 0].std(axis=0))


def test_twgangp_is_seeded():
    X, y = separated()
    first = TWGANGPSampler(**TINY).fit_resample(X, y)[0]
    second = TWGANGPSampler(**TINY).fit_resample(pd.DataFrame(X, columns=["a", "b"]), y)[0]
    np.testing.assert_array_equal(first, second.to_numpy())


def test_neighbourhood_types_hand_worked():
    # Majority rows 0..3 on a line; minority rows 4, 5 next to row 3; k = 2.
    space = np.array([[0.0], [1.0], [2.0], [3.0], [3.2], [3.3], [10.0]])
    labels = np.array([0, 0, 0, 0, 1, 1, 0])
    types = neighbourhood_types(space, labels, 2)
    # row 3: neighbours 4, 5 (both minority) -> noise; row 2: 3 and 1 -> safe;
    # rows 4 and 5: each other and row 3 -> one of two other -> danger;
    # row 6: 5 and 4 -> noise.
    assert types.tolist() == ["safe", "safe", "safe", "noise", "danger", "danger", "noise"]


def test_cluster_undersample_shares_and_representatives():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(30, 2))
    types = np.array(["safe"] * 20 + ["danger"] * 10)
    chosen = cluster_undersample(points, types, 9, seed=0)
    assert len(chosen) == 9 and len(set(chosen.tolist())) == 9
    assert np.count_nonzero(chosen < 20) == 6 and np.count_nonzero(chosen >= 20) == 3  # 20:10
    # Duplicated rows: k-means finds fewer clusters, the count is still exact.
    duplicated = np.repeat([[0.0, 0.0], [1.0, 1.0]], 5, axis=0)
    picked = representatives(duplicated, 4, seed=0)
    assert len(picked) == 4 and len(set(picked.tolist())) == 4


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize("make", [GANSampler, TWGANGPSampler])
def test_bad_input_is_rejected(make):
    X, y = separated()
    bad = X.copy()
    bad[5, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        make(**TINY).fit_resample(bad, y)
    with pytest.raises(ValueError, match="more than 1 class"):
        make(**TINY).fit_resample(X, np.zeros(len(y), dtype=int))


@pytest.mark.parametrize(
    "make, params, name",
    [
        (GANSampler, {"loss": "vae"}, "loss"),
        (GANSampler, {"epochs": 0}, "epochs"),
        (GANSampler, {"n_critic": "many"}, "n_critic"),
        (TWGANGPSampler, {"meet_at": 1.5}, "meet_at"),
        (TWGANGPSampler, {"gp_weight": -1.0}, "gp_weight"),
    ],
)
def test_bad_parameters_are_named(make, params, name):
    X, y = separated()
    with pytest.raises(InvalidParameterError, match=f"'{name}' parameter of {make.__name__}"):
        make(**{**TINY, **params}).fit_resample(X, y)


@pytest.mark.parametrize("loss", ["gan", "wgan-gp"])
def test_training_is_bit_identical_to_torch_foreach_adam(monkeypatch, loss):
    """The GAN loop's optimiser does torch.optim.Adam(foreach=True)'s arithmetic exactly."""
    from imbdiff.over_sampling import _gan

    Z = np.random.RandomState(0).normal(size=(40, 3))
    options = dict(loss=loss, epochs=3, batch_size=16, noise_dim=4, hidden_dims=(8,),
                   n_critic=5 if loss == "wgan-gp" else 1, init_seed=1, train_seed=2)
    ours, our_losses = _gan.train_gan(Z, **options)

    def torch_adam(params, lr, betas):
        return torch.optim.Adam(params, lr=lr, betas=betas, foreach=True)

    monkeypatch.setattr(_gan, "MultiTensorAdam", torch_adam)
    theirs, their_losses = _gan.train_gan(Z, **options)
    np.testing.assert_array_equal(our_losses, their_losses)
    for mine, reference in zip(ours.parameters(), theirs.parameters()):
        assert torch.equal(mine, reference)
