"""The region classifier of LReDDPM's guidance: training options, strength, readings.

``train_classifier``'s regularisation (label smoothing, weight decay) and noise-aware
training, :func:`guidance_push` on hand-worked cases, and ``LReDDPMSampler(classifier=)``:
validation, equivalences, determinism and the spread of the guided rows on a dataset
the book does not use.
"""

import math

import numpy as np
import pandas as pd
import pytest
import torch
from sklearn.utils._param_validation import InvalidParameterError

from imbdiff import datasets
from imbdiff.diffusion import GaussianDiffusion, as_generator, guidance_push, train_classifier
from imbdiff.over_sampling import LReDDPMSampler

TINY = dict(timesteps=5, train_steps=3, hidden_dims=(8,), batch_size=16, random_state=0)
TINY_GUIDE = dict(classifier_steps=3, classifier_hidden_dims=(8,))


def separable_blobs(seed=3):
    gen = as_generator(seed)
    pos = torch.randn(300, 2, generator=gen) * 0.3 + torch.tensor([3.0, 0.0])
    neg = torch.randn(600, 2, generator=gen) * 0.3 - torch.tensor([3.0, 0.0])
    return pos, neg


def probabilities(model, x, t=None):
    with torch.no_grad():
        return torch.sigmoid(model(x) if t is None else model(x, t))


def two_regions(seed=0):
    """2-D: a majority blob, a safe minority cluster far from it and minority rows
    scattered inside the blob (border / rare / outlier)."""
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(0.0, 1.0, (300, 2)), rng.normal(4.5, 0.4, (40, 2)), rng.normal(0.8, 0.5, (40, 2))])
    return X, np.r_[np.zeros(300, dtype=int), np.ones(80, dtype=int)]


# ----------------------------------------------------------------------------- train_classifier
def test_label_smoothing_keeps_probabilities_of_separable_data_off_0_and_1():
    pos, neg = separable_blobs()
    options = dict(steps=400, lr=1e-2, generator=0, device="cpu")
    certain = train_classifier(pos, neg, **options)
    smoothed = train_classifier(pos, neg, label_smoothing=0.2, **options)
    assert probabilities(certain, pos).min() > 0.99 and probabilities(certain, neg).max() < 0.01
    # Smoothing a = 0.2: targets 0.9 and 0.1, the loss is least at exactly those
    # probabilities (logit +-log(9)), so training stays near them, not at 0 / 1.
    p_pos, p_neg = probabilities(smoothed, pos), probabilities(smoothed, neg)
    assert 0.85 < float(p_pos.median()) < 0.95 and 0.05 < float(p_neg.median()) < 0.15
    assert p_pos.max() < 0.97 and p_neg.min() > 0.03
    # ... and its logits are less steep: a smaller input gradient between the classes
    x = torch.zeros(1, 2, requires_grad=True)
    steep = torch.autograd.grad(certain(x).sum(), x)[0].norm()
    x = torch.zeros(1, 2, requires_grad=True)
    flat = torch.autograd.grad(smoothed(x).sum(), x)[0].norm()
    assert flat < steep


def test_weight_decay_shrinks_the_weights():
    pos, neg = separable_blobs()
    options = dict(steps=300, lr=1e-2, generator=0, device="cpu")
    plain = train_classifier(pos, neg, **options)
    decayed = train_classifier(pos, neg, weight_decay=0.5, **options)

    def weight_norm(model):
        return math.sqrt(sum(float((p.detach() ** 2).sum()) for n, p in model.named_parameters() if "weight" in n))

    assert weight_norm(decayed) < 0.9 * weight_norm(plain)


def test_noise_aware_classifier_needs_t_and_is_unsure_only_where_the_rows_are_noise():
    pos, neg = separable_blobs()
    d = GaussianDiffusion(timesteps=1000)  # abar_T = 4e-5: x_T is pure noise
    model = train_classifier(pos, neg, diffusion=d, steps=600, lr=3e-3, generator=0, device="cpu")
    assert model.time_aware
    with pytest.raises(ValueError, match="time-aware"):
        model(pos)
    x = torch.cat([pos, neg])
    noise = torch.randn(x.shape, generator=as_generator(1))
    at = {t: d.q_sample(x, torch.full((len(x),), t), noise) for t in (1, 1000)}
    early = probabilities(model, at[1], torch.full((len(x),), 1))
    late = probabilities(model, at[1000], torch.full((len(x),), 1000))
    labels = torch.cat([torch.ones(len(pos)), torch.zeros(len(neg))])
    assert ((early > 0.5).float() == labels).float().mean() > 0.97
    # at t = T the rows carry no class information: the balanced-batch optimum is 1/2
    assert (late - 0.5).abs().mean() < 0.08
    # the same rows at t = 1 evaluated as if t = T: the answer depends on t
    assert (probabilities(model, at[1], torch.full((len(x),), 1000)) - early).abs().mean() > 0.2


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"label_smoothing": 1.0}, "label_smoothing"),
        ({"label_smoothing": -0.1}, "label_smoothing"),
        ({"label_smoothing": float("nan")}, "label_smoothing"),
        ({"weight_decay": -1.0}, "weight_decay"),
        ({"weight_decay": float("inf")}, "weight_decay"),
        ({"weight_decay": "0.1"}, "weight_decay"),
    ],
)
def test_bad_regularisation_is_rejected_by_name(kwargs, match):
    with pytest.raises(ValueError, match=match):
        train_classifier(np.ones((3, 2)), np.zeros((3, 2)), steps=1, device="cpu", **kwargs)


# ----------------------------------------------------------------------------- guidance_push
def constant_guidance(x, t):
    return torch.tensor([3.0, 4.0]).expand_as(x)  # |g| = 5 for every row


def test_guidance_push_is_tau_sigma_grad_norm_by_hand():
    d = GaussianDiffusion(timesteps=10, beta_start=0.01, beta_end=0.1)
    x = torch.zeros(3, 2)
    for t in (1, 4, 10):
        beta = 0.01 + (t - 1) * 0.01
        # tau = 60 / sqrt(beta), sigma = sqrt(beta): 60 * 5 at every step
        assert torch.allclose(guidance_push(d, constant_guidance, "60/sqrt(beta)", x, t), torch.full((3,), 300.0, dtype=torch.float64))
        # tau = 2: 2 * sqrt(beta) * 5
        expected = torch.full((3,), 10 * math.sqrt(beta), dtype=torch.float64)
        assert torch.allclose(guidance_push(d, constant_guidance, 2.0, x, t), expected)
    posterior = GaussianDiffusion(timesteps=10, beta_start=0.01, beta_end=0.1, variance="posterior")
    sigma = math.sqrt(float(posterior.posterior_variance[3]))
    got = guidance_push(posterior, constant_guidance, 1.0, x, 4)
    assert torch.allclose(got, torch.full((3,), 5 * sigma, dtype=torch.float64))


def test_guidance_push_per_row_and_bad_step():
    d = GaussianDiffusion(timesteps=10)

    def linear(x, t):
        return x  # |g| = |x|

    x = torch.tensor([[3.0, 4.0], [0.0, 1.0]])
    got = guidance_push(d, linear, 1.0, x, 10)
    assert torch.allclose(got, torch.tensor([5.0, 1.0], dtype=torch.float64) * math.sqrt(0.02))
    for bad in (0, 11, 2.5, True):
        with pytest.raises(ValueError, match="t must be an integer step"):
            guidance_push(d, linear, 1.0, x, bad)


# ----------------------------------------------------------------------------- the sampler
def test_unknown_classifier_reading_is_rejected():
    X, y = two_regions()
    with pytest.raises(InvalidParameterError, match="'classifier' parameter of LReDDPMSampler"):
        LReDDPMSampler(classifier="noisy", **TINY).fit_resample(X, y)


def test_noise_aware_region_guidance_is_the_region_noisy_variant():
    X, y = two_regions()
    region = LReDDPMSampler(guidance="region", classifier="noise_aware", **TINY_GUIDE, **TINY)
    noisy = LReDDPMSampler(guidance="region_noisy", **TINY_GUIDE, **TINY)
    assert np.array_equal(region.fit_resample(X, y)[0], noisy.fit_resample(X, y)[0])
    assert region.classifier_[1].time_aware


@pytest.mark.parametrize("guidance", ["region_noisy", "noisy"])
def test_the_noisy_variants_ignore_classifier(guidance):
    X, y = two_regions()
    outputs = [
        LReDDPMSampler(guidance=guidance, classifier=reading, **TINY_GUIDE, **TINY).fit_resample(X, y)[0]
        for reading in ("clean", "calibrated", "noise_aware")
    ]
    assert all(np.array_equal(outputs[0], other) for other in outputs[1:])


def test_clean_and_calibrated_classifiers_are_trained_on_clean_rows():
    X, y = two_regions()
    settings = dict(classifier_steps=200, timesteps=5, train_steps=3, random_state=0)
    clean = LReDDPMSampler(classifier="clean", **settings).fit(X, y)
    clean.fit_resample(X, y)
    calibrated = LReDDPMSampler(classifier="calibrated", **settings)
    calibrated.fit_resample(X, y)
    assert not clean.classifier_[1].time_aware and not calibrated.classifier_[1].time_aware
    Z = torch.as_tensor(clean.transformer_[1].transform(pd.DataFrame(X)), dtype=torch.float32)
    certain = probabilities(clean.classifier_[1], Z)
    smoothed = probabilities(calibrated.classifier_[1], Z)
    assert certain.max() > 0.99 and certain.min() < 0.01
    # label smoothing 0.1 (targets .95 / .05) and weight decay: off 0 and 1
    assert smoothed.max() < 0.99 and smoothed.min() > 0.01


@pytest.mark.parametrize("reading", ["noise_aware", "calibrated", "clean"])
def test_each_reading_is_deterministic_per_seed(reading):
    X, y = two_regions()
    first = LReDDPMSampler(classifier=reading, **TINY_GUIDE, **TINY).fit_resample(X, y)[0]
    again = LReDDPMSampler(classifier=reading, **TINY_GUIDE, **TINY).fit_resample(X, y)[0]
    other = LReDDPMSampler(classifier=reading, **TINY_GUIDE, **{**TINY, "random_state": 1}).fit_resample(X, y)[0]
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)


def test_guidance_push_is_recorded_for_every_step():
    X, y = two_regions()
    sampler = LReDDPMSampler(**TINY_GUIDE, **TINY)
    sampler.fit_resample(X, y)
    push = sampler.guidance_push_[1]
    assert list(push.index) == [5, 4, 3, 2, 1]
    # default tau = 60 / sqrt(beta_t) and sigma_t^2 = beta_t: push = 60 |g| per row
    assert np.allclose(push["push"], 60 * push["grad_norm"], rtol=1e-5)
    assert (push["push_max"] >= push["push"]).all()
    unguided = LReDDPMSampler(guidance=None, **TINY)
    unguided.fit_resample(X, y)
    assert unguided.guidance_push_ == {}


def spread_share(new, region):
    """Share of the columns (region sd > 0) where the generated sd is >= 1/4 the region's."""
    region_sd = region.std(ddof=1)
    varying = region_sd.index[region_sd > 0]
    return float((new[varying].std(ddof=1) / region_sd[varying] >= 0.25).mean())


def guided_spread(X, y, sampler):
    new = sampler.fit_resample(X, y)[0].iloc[len(y):]
    region = X[(y == 1) & (sampler.region_types_ == sampler.region)]
    return spread_share(new, region)


def test_default_guidance_keeps_the_spread_of_the_region_on_glass0(tmp_path):
    """glass0 (KEEL; not in the book), the 80 % training part: the default reading keeps
    the region's spread in most columns; at the same settings the noise-aware reading
    concentrates the rows (measured: .00 and .11 for seeds 0 and 1, clean 1.0 and 1.0),
    so the criterion can fail. Full T, a short denoiser training: about 20 s."""
    X, _, y, _ = datasets.holdout_split(datasets.load("glass0"), seed=0)
    X, y = X.reset_index(drop=True), np.asarray(y)
    settings = dict(timesteps=1000, train_steps=300, memory=str(tmp_path), random_state=0, device="cpu")
    assert LReDDPMSampler().classifier == "clean"
    assert guided_spread(X, y, LReDDPMSampler(**settings)) > 0.5
    assert guided_spread(X, y, LReDDPMSampler(classifier="noise_aware", **settings)) < 0.5
