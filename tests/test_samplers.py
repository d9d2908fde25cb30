"""Tests of the diffusion samplers (imbdiff.over_sampling): contract, behaviour, errors.

Every model here is tiny (a few diffusion steps, a few optimiser steps, narrow
networks) so the file runs in well under a minute on 2 cores; behaviour checks use
fixed seeds and margins wide enough that they hold for any reasonable training run.
"""

import glob
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import torch
from sklearn.neighbors import KNeighborsClassifier
from sklearn.utils._param_validation import InvalidParameterError

from imbdiff.over_sampling import DDPMSampler, LReDDPMSampler
from imbdiff.diffusion import ClippedDenoiser, MidRankNormalMap
from imbdiff.diffusion import GaussianDiffusion
from imbdiff.regions import region_types

from estimator_checks import check_suites

TINY = dict(timesteps=5, train_steps=3, hidden_dims=(8,), batch_size=16, random_state=0)
TINY_GUIDE = dict(classifier_steps=3, classifier_hidden_dims=(8,))
SMALL = dict(timesteps=50, train_steps=150, hidden_dims=(32, 32), batch_size=64, random_state=0)


def check_instances():
    """The estimators the imbalanced-learn and scikit-learn checks run on.

    LReDDPM runs with its default guidance ("region") and info ("mean") but with
    ``sampling_strategy="auto"``: the checks require every class to reach the
    majority's count, which "region" (one row per guiding row) does not aim at; it is
    tested below. ``k_neighbors=1`` makes "safe" mean "nearest neighbour of the same
    class", which every class of the checks' small datasets has; with k=5 no single
    region is non-empty in all of them (the 30-row random set of
    ``check_samplers_fit`` has no safe row in class 0, the well-separated blobs of
    ``check_sampler_get_feature_names_out`` no border row), and an empty guiding
    region is a ValueError by design (tested below). The conditional variants (one
    DDPM of every row with its label) run the checks too.
    """
    return [
        LReDDPMSampler(sampling_strategy="auto", k_neighbors=1, **TINY_GUIDE, **TINY),
        LReDDPMSampler(sampling_strategy="auto", k_neighbors=1, ddpm_data="all", **TINY_GUIDE, **TINY),
        LReDDPMSampler(sampling_strategy="auto", k_neighbors=1, early_stopping=True, **TINY_GUIDE, **TINY),
        DDPMSampler(**TINY),
        DDPMSampler(train_on="all", **TINY),
        DDPMSampler(numeric_transform="quantile-midrank", **TINY),
    ]



# ----------------------------------------------------------------------------- checks
def listed(decorator):
    """imbalanced-learn hands pytest a generator of cases, which pytest deprecates."""
    names, cases = decorator.args
    return pytest.mark.parametrize(names, list(cases), **decorator.kwargs)


test_imblearn_estimator_checks, test_sklearn_estimator_checks = check_suites(check_instances())


# ----------------------------------------------------------------------------- data
def two_regions(seed=0):
    """2-D: a majority blob, a safe minority cluster far from it and minority rows
    scattered inside the blob (border / rare / outlier)."""
    rng = np.random.default_rng(seed)
    majority = rng.normal(0.0, 1.0, size=(300, 2))
    safe = rng.normal(4.5, 0.4, size=(40, 2))
    mixed = rng.normal(0.8, 0.5, size=(40, 2))
    X = np.vstack([majority, safe, mixed])
    y = np.r_[np.zeros(300, dtype=int), np.ones(80, dtype=int)]
    return X, y


def mixed_frame(n=120, seed=0):
    """A table with float, int, category, object and bool columns; 1 = minority."""
    rng = np.random.default_rng(seed)
    y = (np.arange(n) % 4 == 0).astype(int)
    X = pd.DataFrame(
        {
            "amount": rng.normal(100.0, 20.0, n) + 40.0 * y,
            "count": rng.integers(0, 10, n).astype(np.int64),
            "colour": pd.Categorical(rng.choice(["red", "green", "blue"], n), categories=["red", "green", "blue", "grey"]),
            "city": rng.choice(["Oslo", "Rome", "Lima"], n).astype(object),
            "flag": rng.random(n) < 0.3,
        },
        index=np.arange(1000, 1000 + n),
    )
    return X, y


def share_in_region(X, y, types, region, new_rows):
    """Share of new rows whose 5 nearest original rows mostly lie in the region."""
    target = ((types == region) & (y == 1)).astype(int)
    return KNeighborsClassifier(n_neighbors=5).fit(X, target).predict(new_rows).mean()


# ----------------------------------------------------------------------------- behaviour
def test_guidance_moves_generated_rows_into_the_guiding_region():
    X, y = two_regions()
    settings = dict(timesteps=100, train_steps=400, hidden_dims=(64, 64), classifier_steps=200, info=None, random_state=0)
    unguided = LReDDPMSampler(guidance=None, **settings)
    guided = LReDDPMSampler(guidance="region", **settings)
    new_unguided = unguided.fit_resample(X, y)[0][len(y):]
    new_guided = guided.fit_resample(X, y)[0][len(y):]
    types = unguided.region_types_
    before = share_in_region(X, y, types, "safe", new_unguided)
    after = share_in_region(X, y, types, "safe", new_guided)
    # The safe cluster holds 45 of the 80 minority rows: unguided about half the new
    # rows land there (0.4 on this seed); guided nearly all (1.0).
    assert after >= before + 0.3, (before, after)
    assert after >= 0.9


@pytest.mark.parametrize("guidance", ["region_noisy", "noisy"])
def test_noise_aware_guidances_also_favour_the_region(guidance):
    X, y = two_regions()
    settings = dict(timesteps=100, train_steps=400, hidden_dims=(64, 64), classifier_steps=200, info=None, random_state=0)
    sampler = LReDDPMSampler(guidance=guidance, **settings)
    new = sampler.fit_resample(X, y)[0][len(y):]
    assert share_in_region(X, y, sampler.region_types_, "safe", new) >= 0.8
    assert sampler.classifier_[1].time_aware


def test_region_strategy_generates_one_row_per_guiding_row_and_reports_types():
    X, y = two_regions()
    sampler = LReDDPMSampler(**TINY_GUIDE, **TINY)
    X_res, y_res = sampler.fit_resample(X, y)
    expected_types = region_types(X, y)
    np.testing.assert_array_equal(sampler.region_types_, expected_types)
    n_safe = int(np.count_nonzero(expected_types[y == 1] == "safe"))
    assert sampler.guiding_rows_ == {1: n_safe} and sampler.sampling_strategy_ == {1: n_safe}
    assert len(y_res) == len(y) + n_safe
    np.testing.assert_array_equal(X_res[: len(y)], X)  # the input rows come first, unchanged
    np.testing.assert_array_equal(y_res, np.r_[y, np.ones(n_safe, dtype=int)])
    for region in ("border", "rare", "outlier"):
        other = LReDDPMSampler(region=region, **TINY_GUIDE, **TINY).fit_resample(X, y)[1]
        assert len(other) - len(y) == np.count_nonzero(expected_types[y == 1] == region)


def test_fit_alone_computes_the_region_counts():
    X, y = two_regions()
    sampler = LReDDPMSampler(region="border", **TINY).fit(X, y)
    assert sampler.sampling_strategy_ == {1: int(np.count_nonzero(sampler.region_types_[y == 1] == "border"))}
    assert not hasattr(sampler, "denoiser_")


def test_region_types_given_by_the_caller_replace_the_samplers_own_typing():
    X, y = two_regions()
    own = LReDDPMSampler(**TINY_GUIDE, **TINY)
    X_own, y_own = own.fit_resample(X, y)
    given = LReDDPMSampler(**TINY_GUIDE, **TINY)
    X_given, _ = given.fit_resample(X, y, region_types=own.region_types_)
    np.testing.assert_array_equal(X_given, X_own)  # the same types give the same rows
    # types from elsewhere (for example a larger table) decide the guiding rows
    moved = own.region_types_.copy()
    moved[np.flatnonzero(y == 1)[:3]] = "outlier"
    other = LReDDPMSampler(**TINY_GUIDE, **TINY)
    _, y_other = other.fit_resample(X, y, region_types=moved)
    assert other.guiding_rows_[1] == own.guiding_rows_[1] - int((own.region_types_[y == 1][:3] == "safe").sum())
    assert len(y_other) == len(y) + other.guiding_rows_[1]
    assert LReDDPMSampler(**TINY).fit(X, y, region_types=moved).sampling_strategy_ == {1: other.guiding_rows_[1]}


@pytest.mark.parametrize(
    "types, error, message",
    [
        (lambda t: t[:-1], ValueError, "one region per row"),
        (lambda t: np.where(t == "safe", "nice", t), ValueError, r"unknown region types \['nice'\]"),
        (lambda t: t.reshape(-1, 1), ValueError, "one region per row"),
    ],
)
def test_bad_region_types_are_named(types, error, message):
    X, y = two_regions()
    with pytest.raises(error, match=message):
        LReDDPMSampler(**TINY_GUIDE, **TINY).fit_resample(X, y, region_types=types(region_types(X, y)))


def test_region_types_are_refused_where_they_are_not_used_and_other_fit_params_everywhere():
    X, y = two_regions()
    with pytest.raises(TypeError, match="does not type rows by region"):
        DDPMSampler(**TINY).fit_resample(X, y, region_types=region_types(X, y))
    with pytest.raises(TypeError, match=r"not supported; got \['weights'\]"):
        LReDDPMSampler(**TINY).fit_resample(X, y, weights=np.ones(len(y)))


def test_imblearn_strategies_still_work():
    X, y = two_regions()
    _, y_res = LReDDPMSampler(sampling_strategy="auto", **TINY_GUIDE, **TINY).fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [300, 300]
    _, y_res = LReDDPMSampler(sampling_strategy={1: 100}, **TINY_GUIDE, **TINY).fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [300, 100]
    _, y_res = DDPMSampler(sampling_strategy=0.5, **TINY).fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [300, 150]


@pytest.mark.parametrize("make", [LReDDPMSampler, DDPMSampler])
def test_same_seed_same_rows_other_seed_other_rows(make):
    X, y = two_regions()
    extra = TINY_GUIDE if make is LReDDPMSampler else {"sampling_strategy": {1: 120}}
    params = {**SMALL, **extra}
    first = make(**params).fit_resample(X, y)[0]
    second = make(**params).fit_resample(X, y)[0]
    np.testing.assert_array_equal(first, second)
    other = make(**{**params, "random_state": 1}).fit_resample(X, y)[0]
    assert not np.array_equal(first[len(y):], other[len(y):])


def test_same_seed_gives_the_same_noise_with_and_without_guidance():
    """Seeds do not depend on the options: only the guidance term differs."""
    X, y = two_regions()
    no_guide = LReDDPMSampler(guidance=None, info=None, tau=0.0, **TINY).fit_resample(X, y)[0]
    zero_tau = LReDDPMSampler(guidance="region", info=None, tau=0.0, **TINY_GUIDE, **TINY).fit_resample(X, y)[0]
    np.testing.assert_allclose(no_guide, zero_tau, rtol=0, atol=1e-6)


@pytest.mark.parametrize("make", [LReDDPMSampler, DDPMSampler])
def test_pandas_round_trip_keeps_columns_dtypes_and_categories(make):
    X, y = mixed_frame()
    extra = {**TINY_GUIDE, "k_neighbors": 3, "region": "border"} if make is LReDDPMSampler else {}
    X_res, y_res = make(**extra, **TINY).fit_resample(X, pd.Series(y, name="target"))
    assert isinstance(X_res, pd.DataFrame) and isinstance(y_res, pd.Series) and y_res.name == "target"
    assert list(X_res.columns) == list(X.columns)
    assert X_res.dtypes.to_dict() == X.dtypes.to_dict()
    assert list(X_res["colour"].cat.categories) == ["red", "green", "blue", "grey"]
    new = X_res.iloc[len(X):]
    assert len(new) > 0
    assert set(new["city"]) <= {"Oslo", "Rome", "Lima"}
    assert set(new["flag"]) <= {True, False}
    assert new["count"].between(X["count"].min(), X["count"].max()).all()  # quantile map clips
    pd.testing.assert_frame_equal(X_res.iloc[: len(X)], X.reset_index(drop=True))


@pytest.mark.parametrize("make", [LReDDPMSampler, DDPMSampler])
def test_numeric_transform_reaches_the_tabular_transform(make):
    X, y = mixed_frame()
    X["amount"] = np.where(np.arange(len(y)) % 8 == 0, 50.0, X["amount"])  # half the minority tied
    extra = {**TINY_GUIDE, "k_neighbors": 3, "region": "border"} if make is LReDDPMSampler else {}
    params = {**extra, **SMALL, "numeric_transform": "quantile-midrank"}
    sampler = make(**params)
    X_res = sampler.fit_resample(X, y)[0]
    transformer = sampler.transformer_[1]
    assert transformer.numeric == "quantile-midrank" and isinstance(transformer.scaler_, MidRankNormalMap)
    scores = transformer.transform(X[y == 1], dtype=np.float64)[:, transformer.output_slices_["amount"]]
    assert scores.min() == pytest.approx(-0.6744897501960817)  # Phi^-1(.25): a share .5 tied
    new = X_res.iloc[len(X):]
    for col in ["amount", "count"]:
        assert new[col].between(X.loc[y == 1, col].min(), X.loc[y == 1, col].max()).all()
    pd.testing.assert_frame_equal(make(**params).fit_resample(X, y)[0], X_res)
    default = make(**{**params, "numeric_transform": "quantile"}).fit_resample(X, y)[0]
    assert not default.iloc[len(X):]["amount"].equals(new["amount"])


def test_numpy_in_numpy_out_with_its_dtype():
    X, y = two_regions()
    X_res, y_res = DDPMSampler(**TINY).fit_resample(X.astype(np.float32), y.astype(np.int32))
    assert isinstance(X_res, np.ndarray) and X_res.dtype == np.float32 and y_res.dtype == np.int32


def test_categorical_columns_of_an_array_by_position():
    X, y = two_regions()
    X = np.column_stack([X, np.where(y == 1, 7.0, 3.0)])  # a nominal code column
    X_res, _ = DDPMSampler(categorical_features=[2], **TINY).fit_resample(X, y)
    assert set(np.unique(X_res[len(y):, 2])) <= {3.0, 7.0}


def test_multiclass_targets_get_one_model_per_oversampled_class():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(c * 3.0, 1.0, size=(n, 2)) for c, n in enumerate([200, 60, 40])])
    y = np.repeat([0, 1, 2], [200, 60, 40])
    sampler = LReDDPMSampler(sampling_strategy="auto", **TINY_GUIDE, **TINY)
    _, y_res = sampler.fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [200, 200, 200]
    assert set(sampler.denoiser_) == set(sampler.classifier_) == {1, 2}
    assert set(sampler.loss_history_[1].shape) == {TINY["train_steps"]}


def test_ddpm_trained_on_a_region_generates_near_that_region():
    X, y = two_regions()
    sampler = DDPMSampler(train_on="region", region="safe", sampling_strategy="region", **SMALL)
    X_res, _ = sampler.fit_resample(X, y)
    new = X_res[len(y):]
    in_region = (sampler.region_types_ == "safe") & (y == 1)
    assert len(new) == np.count_nonzero(in_region)
    to_region = np.linalg.norm(new.mean(axis=0) - X[in_region].mean(axis=0))
    to_minority = np.linalg.norm(new.mean(axis=0) - X[y == 1].mean(axis=0))
    assert to_region < to_minority / 2, (to_region, to_minority)


# ----------------------------------------------------------------------------- conditional DDPM
def three_blobs(seed=0):
    """Class 0 (300 rows) around (0, 0), class 1 (100) around (5, 0), class 2 (80)
    around (0, 5); sd 0.5 for the small classes."""
    rng = np.random.default_rng(seed)
    X = np.vstack(
        [rng.normal(0.0, 1.0, (300, 2)), rng.normal((5.0, 0.0), 0.5, (100, 2)), rng.normal((0.0, 5.0), 0.5, (80, 2))]
    )
    return X, np.repeat([0, 1, 2], [300, 100, 80])


# T = 50 with beta_end = 0.3 noises the rows fully (abar_T ~ 1e-4); T = 50 with the
# default beta_end would not, and x_T ~ N(0, I) would then be a poor start.
CONDITIONAL = dict(timesteps=50, beta_end=0.3, train_steps=600, hidden_dims=(64, 64), batch_size=64, random_state=0)


def test_conditional_ddpm_generates_each_class_near_its_own_blob():
    """One DDPM learns all 480 rows with their labels; rows asked for class 1 must
    centre on class 1's blob and rows for class 2 on class 2's (seen: within 0.5 of
    the centre; tolerance 1.2). Ignoring the label would centre both on the pooled
    mean (1.0, 0.8), 4 units away; swapping the labels would swap the blobs."""
    X, y = three_blobs()
    sampler = DDPMSampler(train_on="all", sampling_strategy={1: 300, 2: 300}, **CONDITIONAL)
    X_res, y_res = sampler.fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [300, 300, 300]
    new, labels = X_res[len(y):], y_res[len(y):]
    for klass in (1, 2):
        centre = X[y == klass].mean(axis=0)
        assert np.linalg.norm(new[labels == klass].mean(axis=0) - centre) < 1.2, klass
    # One shared, class-conditioned network and transform (fitted on every row).
    assert sampler.denoiser_[1] is sampler.denoiser_[2] and sampler.denoiser_[1].n_classes == 3
    assert sampler.transformer_[1] is sampler.transformer_[2]
    assert len(sampler.loss_history_[1]) == CONDITIONAL["train_steps"]


def test_conditional_ddpm_same_seed_same_rows_other_seed_other_rows():
    X, y = two_regions()
    params = dict(SMALL, train_on="all", sampling_strategy={1: 120})
    first = DDPMSampler(**params).fit_resample(X, y)[0]
    np.testing.assert_array_equal(first, DDPMSampler(**params).fit_resample(X, y)[0])
    other = DDPMSampler(**{**params, "random_state": 1}).fit_resample(X, y)[0]
    assert not np.array_equal(first[len(y):], other[len(y):])


def test_conditional_and_minority_ddpms_share_their_seeds():
    """Same random_state: the conditional network starts from the minority-only
    network's linear weights (the label embedding comes on top), so the two
    baselines differ in the rows they learn, not in their luck."""
    X, y = two_regions()
    one_step = dict(TINY, train_steps=1)
    minority = DDPMSampler(**one_step)
    minority.fit_resample(X, y)
    conditional = DDPMSampler(train_on="all", **one_step)
    conditional.fit_resample(X, y)
    assert minority.denoiser_[1].n_classes is None and conditional.denoiser_[1].n_classes == 2
    # One Adam step moves a weight by about the learning rate (1e-3): from the same
    # start the two networks still agree within 2e-3 (different starts: ~0.1 apart).
    conditional_weights = conditional.denoiser_[1].state_dict()
    for name, weight in minority.denoiser_[1].state_dict().items():
        assert torch.allclose(weight, conditional_weights[name], atol=2e-3), name


def test_conditional_ddpm_cache_keys_on_the_labels(tmp_path):
    X, y = two_regions()
    params = dict(TINY, memory=str(tmp_path))

    def n_cached():
        return len(glob.glob(str(tmp_path / "joblib" / "**" / "output.pkl"), recursive=True))

    DDPMSampler(train_on="all", **params).fit_resample(X, y)
    DDPMSampler(train_on="all", **params).fit_resample(X, y)
    assert n_cached() == 1  # the same rows, labels and seeds: reused
    DDPMSampler(**params).fit_resample(X, y)
    assert n_cached() == 2  # the minority-only DDPM is another network
    relabelled = y.copy()
    relabelled[:5] = 1  # five majority rows now labelled minority
    DDPMSampler(train_on="all", sampling_strategy={1: 300}, **params).fit_resample(X, relabelled)
    assert n_cached() == 3


def test_lreddpm_early_stopping_is_opt_in_bounded_and_deterministic(tmp_path):
    X, y = two_regions()
    settings = dict(SMALL, train_steps=1500, memory=str(tmp_path), **TINY_GUIDE)
    fixed = LReDDPMSampler(**settings)
    X_fixed, _ = fixed.fit_resample(X, y)
    assert fixed.n_train_steps_ == {1: 1500} and fixed.best_train_step_ == {1: 1500}
    early = LReDDPMSampler(early_stopping=True, n_iter_no_change=2, **settings)
    X_early, y_early = early.fit_resample(X, y)
    steps, best = early.n_train_steps_[1], early.best_train_step_[1]
    assert steps < 1500  # this small minority's held-out loss stops improving early
    assert steps == best + 2 * 100 and best % 100 == 0  # patience 2 checks of 100 steps
    assert len(early.loss_history_[1]) == steps
    assert len(y_early) == len(y) + early.guiding_rows_[1]
    assert not np.array_equal(X_early, X_fixed)
    again = LReDDPMSampler(early_stopping=True, n_iter_no_change=2, **settings)
    np.testing.assert_array_equal(again.fit_resample(X, y)[0], X_early)
    n_cached = len(glob.glob(str(tmp_path / "joblib" / "**" / "output.pkl"), recursive=True))
    assert n_cached == 2  # the fixed-length and the early-stopped DDPMs are two networks


def test_lreddpm_early_stopping_options_are_validated():
    X, y = two_regions()
    for bad in ({"validation_fraction": 1.0}, {"n_iter_no_change": 0}, {"early_stopping": "yes"}):
        with pytest.raises(InvalidParameterError, match=next(iter(bad))):
            LReDDPMSampler(**bad, **TINY).fit_resample(X, y)


def test_lreddpm_guides_a_conditional_ddpm():
    X, y = two_regions()
    settings = dict(timesteps=100, train_steps=400, hidden_dims=(64, 64), classifier_steps=200, info=None, random_state=0)
    sampler = LReDDPMSampler(ddpm_data="all", **settings)
    new = sampler.fit_resample(X, y)[0][len(y):]
    assert len(new) == sampler.guiding_rows_[1]
    assert sampler.denoiser_[1].n_classes == 2
    # As with the minority-only DDPM (test above), the guidance puts the rows in the
    # safe cluster (seen: 1.0).
    assert share_in_region(X, y, sampler.region_types_, "safe", new) >= 0.9


def test_conditional_options_are_validated():
    X, y = two_regions()
    with pytest.raises(ValueError, match="more than 1 class"):
        DDPMSampler(train_on="all", **TINY).fit_resample(X, np.zeros(len(X), dtype=int))
    with pytest.raises(InvalidParameterError, match="'train_on' parameter of DDPMSampler"):
        DDPMSampler(train_on="everything", **TINY).fit_resample(X, y)
    with pytest.raises(InvalidParameterError, match="'ddpm_data' parameter of LReDDPMSampler"):
        LReDDPMSampler(ddpm_data="region", **TINY).fit_resample(X, y)


def test_info_shift_is_the_region_offset_in_the_transformed_space():
    X, y = two_regions()
    sampler = LReDDPMSampler(guidance=None, **TINY)
    sampler.fit_resample(X, y)
    Z = sampler.transformer_[1].transform(X)
    in_region = (sampler.region_types_ == "safe") & (y == 1)
    expected = Z[in_region].mean(axis=0) - Z[y == 1].mean(axis=0)
    np.testing.assert_allclose(sampler.info_shift_[1], expected, rtol=1e-6)
    literal = LReDDPMSampler(guidance=None, info="literal", **TINY)
    literal.fit_resample(X, y)
    np.testing.assert_allclose(literal.info_shift_[1], Z[in_region].mean(axis=0), rtol=1e-6)


def test_recenter_moves_the_generated_mean_onto_the_region_mean():
    X, y = two_regions()
    sampler = LReDDPMSampler(guidance=None, info="recenter", clip_denoised=False, **TINY)
    X_res, _ = sampler.fit_resample(X, y)
    Z_new = sampler.transformer_[1].transform(X_res[len(y):])
    # Exact in the transformed space up to the inverse map's clipping to the range.
    np.testing.assert_allclose(Z_new.mean(axis=0), sampler.info_shift_[1], atol=0.15)


def test_clipped_denoiser_changes_only_the_clipped_estimates():
    diffusion = GaussianDiffusion(timesteps=10)

    class Constant(torch.nn.Module):
        n_features = 2

        def forward(self, x, _t):
            return torch.full_like(x, 0.5)

    model = ClippedDenoiser(Constant(), diffusion, low=[-1.0, -1.0], high=[1.0, 1.0])
    t = torch.tensor([3, 3])
    x = torch.tensor([[0.1, 0.2], [50.0, 0.2]])
    eps = model(x, t)
    assert torch.equal(eps[0], torch.tensor([0.5, 0.5]))  # inside the box: unchanged
    x0 = diffusion.predict_x0(x.double(), t, eps.double())
    assert x0[1, 0].item() == pytest.approx(1.0, abs=1e-4) and eps[1, 1].item() == 0.5


def test_verbose_runs_and_threads_are_restored(capsys):
    X, y = two_regions()
    torch.set_num_threads(2)
    LReDDPMSampler(verbose=True, **TINY_GUIDE, **TINY).fit_resample(X, y)
    assert torch.get_num_threads() == 2
    err = capsys.readouterr().err
    assert "training" in err and "sampling" in err and "classifier" in err


def test_callable_and_numeric_tau():
    X, y = two_regions()
    for tau in (2.5, "1/sqrt(beta)", lambda t, beta: 10.0 / beta**0.5):
        _, y_res = LReDDPMSampler(tau=tau, **TINY_GUIDE, **TINY).fit_resample(X, y)
        assert len(y_res) > len(y)


def test_import_imbdiff_is_light_and_exports_the_samplers_lazily():
    code = (
        "import sys, imbdiff; assert 'torch' not in sys.modules; "
        "from imbdiff import LReDDPMSampler, DDPMSampler; assert 'torch' in sys.modules; "
        "import imbdiff.over_sampling as o; assert LReDDPMSampler is o.LReDDPMSampler"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize("value, message", [(np.nan, "NaN"), (np.inf, "infinity")])
@pytest.mark.parametrize("as_frame", [False, True])
def test_nan_and_inf_are_rejected(value, message, as_frame):
    X, y = two_regions()
    X[3, 1] = value
    if as_frame:
        X = pd.DataFrame(X, columns=["a", "b"])
    with pytest.raises(ValueError, match=message):
        LReDDPMSampler(**TINY).fit_resample(X, y)


def test_one_class_is_rejected():
    X, _ = two_regions()
    with pytest.raises(ValueError, match="more than 1 class"):
        DDPMSampler(**TINY).fit_resample(X, np.zeros(len(X), dtype=int))


def test_too_few_minority_rows():
    X, y = two_regions()
    keep = np.r_[np.arange(300), 300, 301, 302]
    with pytest.raises(ValueError, match=r"too few minority rows: got 3, need at least 6"):
        LReDDPMSampler(**TINY).fit_resample(X[keep], y[keep])


def test_empty_guiding_region_names_the_regions_present():
    X, y = two_regions()
    keep = (y == 0) | (np.arange(len(y)) < 340)  # majority + the safe cluster only
    counts = pd.Series(region_types(X[keep], y[keep])[y[keep] == 1]).value_counts()
    assert "rare" not in counts
    expected = ", ".join(f"{name} {counts[name]}" for name in ("safe", "border", "outlier") if name in counts)
    with pytest.raises(ValueError, match=f"no minority rows of type 'rare'; the minority rows are: {expected}"):
        LReDDPMSampler(region="rare", **TINY).fit_resample(X[keep], y[keep])


def test_unknown_region_name():
    X, y = two_regions()
    with pytest.raises(InvalidParameterError, match="'region' parameter of LReDDPMSampler"):
        LReDDPMSampler(region="edge", **TINY).fit_resample(X, y)
    with pytest.raises(InvalidParameterError, match="'region' parameter of DDPMSampler"):
        DDPMSampler(region="edge", **TINY).fit_resample(X, y)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"train_on": "region"}, "train_on='region' needs a region"),
        ({"sampling_strategy": "region"}, "sampling_strategy='region' needs a region"),
    ],
)
def test_ddpm_region_options_need_a_region(params, message):
    X, y = two_regions()
    with pytest.raises(ValueError, match=message):
        DDPMSampler(**params, **TINY).fit_resample(X, y)


def test_other_bad_parameters():
    X, y = two_regions()
    with pytest.raises(InvalidParameterError, match="guidance"):
        LReDDPMSampler(guidance="classifier", **TINY).fit_resample(X, y)
    with pytest.raises(InvalidParameterError, match="tau"):
        LReDDPMSampler(tau="sqrt(beta)", **TINY).fit_resample(X, y)
    with pytest.raises(InvalidParameterError, match="'numeric_transform' parameter of DDPMSampler"):
        DDPMSampler(numeric_transform="rank", **TINY).fit_resample(X, y)
    with pytest.raises(ValueError, match="beta_start < beta_end"):
        DDPMSampler(beta_start=0.1, beta_end=0.01, **TINY).fit_resample(X, y)
    with pytest.raises(ValueError, match=r"categorical_features names \['z'\] are not columns"):
        DDPMSampler(categorical_features=["z"], **TINY).fit_resample(pd.DataFrame(X, columns=["a", "b"]), y)


def test_minority_negatives_need_minority_rows_outside_the_region():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0.0, 1.0, size=(100, 2)), rng.normal(10.0, 0.3, size=(20, 2))])
    y = np.r_[np.zeros(100, dtype=int), np.ones(20, dtype=int)]
    assert np.all(region_types(X, y)[y == 1] == "safe")  # far away: every minority row is safe
    sampler = LReDDPMSampler(guidance_negatives="minority", **TINY_GUIDE, **TINY)
    with pytest.raises(ValueError, match="leaves no negative rows"):
        sampler.fit_resample(X, y)
    assert len(sampler.set_params(guidance_negatives="majority").fit_resample(X, y)[1]) == 140
