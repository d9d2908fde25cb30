"""Tests of the diffusion core (imbdiff.diffusion): the maths, seeding and validation.

Tolerances are stated next to each check. Statistical checks use fixed seeds and
bounds of several standard errors, so they are deterministic yet would fail if the
formula they check were wrong.
"""

import math

import numpy as np
import pandas as pd
import pytest
import torch
from scipy.stats import norm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imbdiff.diffusion import (
    TAU_SCHEDULES,
    ClassifierMLP,
    FixedLabelDenoiser,
    GaussianDiffusion,
    MidRankNormalMap,
    MLPDenoiser,
    TabularTransformer,
    as_generator,
    category_embeddings,
    classifier_guidance,
    fit_denoiser,
    resolve_device,
    tau_schedule,
    timestep_embedding,
    train_classifier,
)


@pytest.fixture(autouse=True)
def _one_torch_thread():
    """Tiny matrices gain nothing from intra-op threads; one thread avoids oversubscription
    when the suite runs beside other processes (or under xdist). Restored afterwards."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


class GaussianOracle(torch.nn.Module):
    """Exact noise predictor E[eps | x_t] for data x_0 ~ N(m, s^2 I) (independent coords).

    x_t = sqrt(abar) x_0 + sqrt(1 - abar) eps is jointly Gaussian with eps, so
    E[eps | x_t] = sqrt(1 - abar) (x_t - sqrt(abar) m) / (abar s^2 + 1 - abar).
    """

    def __init__(self, diffusion, m, s, n_features=1):
        super().__init__()
        self.diffusion, self.m, self.s, self.n_features = diffusion, m, s, n_features

    def forward(self, x, t):
        abar = self.diffusion.alpha_bars.to(x.dtype)[t - 1].reshape(-1, 1)
        return (1 - abar).sqrt() * (x - abar.sqrt() * self.m) / (abar * self.s**2 + 1 - abar)


class ZeroModel(torch.nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.n_features = n_features

    def forward(self, x, t):
        return torch.zeros_like(x)


# ----------------------------------------------------------------------------- schedule
def test_betas_are_exactly_linear_and_alpha_bar_T_is_near_zero():
    d = GaussianDiffusion()
    assert d.timesteps == 1000 and d.betas.shape == (1000,)
    assert d.betas[0].item() == 1e-4 and d.betas[-1].item() == 0.02
    assert torch.equal(d.betas, torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64))
    steps = torch.diff(d.betas)
    assert torch.allclose(steps, torch.full_like(steps, (0.02 - 1e-4) / 999), rtol=1e-9, atol=0)
    assert torch.allclose(d.alpha_bars, torch.cumprod(1 - d.betas, 0), rtol=1e-12)
    # abar_T = prod(1 - beta_t) ~ exp(-sum beta) = exp(-10.05) ~ 4.0e-5: x_T ~ N(0, I)
    assert 3.5e-5 < d.alpha_bars[-1].item() < 4.5e-5
    assert d.alpha_bars_prev[0].item() == 1.0 and d.posterior_variance[0].item() == 0.0
    assert torch.equal(d.sigma2, d.betas)  # reverse variance fixed to beta_t (Ho et al. 2020)


# ----------------------------------------------------------------------------- forward
def test_q_sample_moments_match_closed_form():
    """q(x_t | x_0) = N(sqrt(abar_t) x_0, (1 - abar_t) I), several t in one batched call."""
    d = GaussianDiffusion()
    x0 = torch.tensor([1.5, -2.0, 0.3], dtype=torch.float64)
    ts = [1, 10, 100, 500, 1000]
    n = 100_000
    t = torch.tensor(ts).repeat_interleave(n)
    gen = as_generator(0)
    noise = torch.randn(len(t), 3, generator=gen, dtype=torch.float64)
    xt = d.q_sample(x0.expand(len(t), 3), t, noise).reshape(len(ts), n, 3)
    for i, step in enumerate(ts):
        abar = d.alpha_bars[step - 1].item()
        se_mean = math.sqrt((1 - abar) / n)
        # mean within 5 standard errors; variance within 3 % (about 7 standard errors)
        assert torch.allclose(xt[i].mean(0), math.sqrt(abar) * x0, atol=5 * se_mean, rtol=0)
        assert torch.allclose(xt[i].var(0), torch.full((3,), 1 - abar, dtype=torch.float64), rtol=0.03)


def test_q_sample_agrees_with_the_markov_chain_of_eq1():
    """Iterating x_t = sqrt(1 - beta_t) x_{t-1} + sqrt(beta_t) z reaches q_sample's law."""
    d = GaussianDiffusion(timesteps=300, beta_end=0.05)
    gen = as_generator(1)
    n, x0 = 50_000, 2.0
    x = torch.full((n, 1), x0, dtype=torch.float64)
    for step in range(1, d.timesteps + 1):
        beta = d.betas[step - 1]
        x = (1 - beta).sqrt() * x + beta.sqrt() * torch.randn(n, 1, generator=gen, dtype=torch.float64)
        if step in (20, 150, 300):
            abar = d.alpha_bars[step - 1].item()
            assert abs(x.mean().item() - math.sqrt(abar) * x0) < 5 * math.sqrt((1 - abar) / n)
            assert abs(x.var().item() / (1 - abar) - 1) < 0.04


def test_training_timesteps_are_uniform_on_1_to_T():
    d = GaussianDiffusion(timesteps=10, beta_end=0.3)
    t = d.sample_timesteps(100_000, as_generator(0), "cpu")
    counts = torch.bincount(t, minlength=11)
    assert counts[0] == 0 and t.max() == 10  # never 0, reaches T
    assert torch.all((counts[1:] - 10_000).abs() < 500)  # 5 standard errors (sd ~ 95)


def test_training_loss_is_eq4():
    """Zero for a predictor that knows the true noise; E||eps||^2/d = 1 for a zero predictor."""
    d = GaussianDiffusion(timesteps=50, beta_end=0.3)
    c = torch.tensor([0.5, -1.0, 2.0])

    class KnowsTheNoise(torch.nn.Module):
        def forward(self, x_t, t):
            abar = d.alpha_bars.float()[t - 1].reshape(-1, 1)
            return (x_t - abar.sqrt() * c) / (1 - abar).sqrt()

    x0 = c.expand(4096, 3)
    assert d.training_loss(KnowsTheNoise(), x0, 0).item() < 1e-9
    loss = d.training_loss(ZeroModel(3), x0, 0).item()
    assert abs(loss - 1) < 0.05  # mean of 12288 chi^2_1 draws: sd ~ 0.013


# ----------------------------------------------------------------------------- reverse
def test_p_mean_eq3_equals_true_posterior_mean_given_the_true_noise():
    d = GaussianDiffusion()
    gen = as_generator(2)
    x0 = torch.randn(64, 4, generator=gen, dtype=torch.float64)
    eps = torch.randn(64, 4, generator=gen, dtype=torch.float64)
    t = torch.randint(1, 1001, (64,), generator=gen)
    xt = d.q_sample(x0, t, eps)
    mean, var = d.q_posterior(x0, xt, t)
    assert torch.allclose(d.p_mean_from_eps(xt, t, eps), mean, atol=1e-9)
    assert torch.allclose(var[:, 0], d.posterior_variance[t - 1])


def _sampler_law(d, m, s):
    """Exact mean and variance of the output of d.sample with the Gaussian oracle.

    Each reverse step is affine in x_t: x_{t-1} = a_t x_t + b_t + sigma_t z (sigma_1 = 0).
    """
    mean, var = 0.0, 1.0
    for step in range(d.timesteps, 0, -1):
        beta, alpha, abar = (float(v[step - 1]) for v in (d.betas, d.alphas, d.alpha_bars))
        c = math.sqrt(1 - abar) / (abar * s**2 + 1 - abar)
        k = beta / math.sqrt(1 - abar) * c
        a, b = (1 - k) / math.sqrt(alpha), k * math.sqrt(abar) * m / math.sqrt(alpha)
        mean, var = a * mean + b, a * a * var + (float(d.sigma2[step - 1]) if step > 1 else 0.0)
    return mean, var


def test_reverse_loop_with_oracle_recovers_gaussian_data():
    """Tests the ancestral sampler independently of training (T = 1000, sigma_t^2 = beta_t)."""
    m, s, n = 3.0, 0.5, 20_000
    d = GaussianDiffusion()
    x = d.sample(GaussianOracle(d, m, s), n, 0, device="cpu")
    assert x.shape == (n, 1)
    exact_mean, exact_var = _sampler_law(d, m, s)
    # the loop's exact law is N(m, s^2) up to the small bias of sigma_t^2 = beta_t
    assert abs(exact_mean - m) < 1e-4 and abs(math.sqrt(exact_var) - s) < 0.005
    # empirical: mean within 0.02 (5.7 standard errors), std within 0.015 (~6 s.e.)
    assert abs(x.mean().item() - m) < 0.02
    assert abs(x.std().item() - s) < 0.015
    assert abs(x.std().item() - math.sqrt(exact_var)) < 0.015


def test_first_and_last_step_x_T_from_generator_and_no_noise_at_t1():
    """With T = 1 the sampler returns mu(x_1, 1) with x_1 the generator's first draw."""
    d = GaussianDiffusion(timesteps=1)
    model = MLPDenoiser(3, (8,), 8, generator=0)
    out = d.sample(model, 5, 7, device="cpu")
    x1 = torch.randn(5, 3, generator=as_generator(7))
    with torch.no_grad():
        assert torch.equal(out, d.p_mean(model, x1, 1))


# ----------------------------------------------------------------------------- training
def test_trained_ddpm_reproduces_a_two_component_gaussian_mixture():
    """T = 100 (beta_end = 0.2 so that abar_T ~ 2e-5), 1500 Adam steps on 2000 rows.

    Stated tolerances: mixture weight within 0.05, component means within 0.15,
    covariance entries within 0.15 (largest errors seen over seeds 0-2: 0.022, 0.07, 0.07).
    """
    means = torch.tensor([[-2.0, -2.0], [2.0, 2.0]])
    covs = torch.tensor([[[0.3, 0.15], [0.15, 0.3]], [[0.4, -0.2], [-0.2, 0.3]]])
    gen = as_generator(100)
    comp = torch.randint(0, 2, (2000,), generator=gen)
    z = torch.randn(2000, 2, generator=gen)
    chol = torch.linalg.cholesky(covs)
    X = means[comp] + torch.einsum("nij,nj->ni", chol[comp], z)
    d = GaussianDiffusion(timesteps=100, beta_end=0.2)
    assert d.alpha_bars[-1] < 1e-4
    model = MLPDenoiser(2, (64, 64), 64, generator=0)
    losses = fit_denoiser(d, model, X, train_steps=1500, batch_size=256, learning_rate=3e-3, generator=0, device="cpu")
    assert losses.shape == (1500,) and losses[-200:].mean() < losses[:50].mean()
    S = d.sample(model, 4000, 0, device="cpu")
    upper = S.sum(1) > 0
    assert abs(upper.float().mean().item() - 0.5) < 0.05
    for k, rows in enumerate((S[~upper], S[upper])):
        assert (rows.mean(0) - means[k]).abs().max() < 0.15
        assert (torch.cov(rows.T) - covs[k]).abs().max() < 0.15


def test_same_seed_same_weights_and_samples_different_seed_differs():
    d = GaussianDiffusion(timesteps=20, beta_end=0.3)
    X = torch.randn(100, 3, generator=as_generator(5))

    def run(seed):
        model = MLPDenoiser(3, (16, 16), 16, dropout=0.5, generator=seed)
        losses = fit_denoiser(d, model, X, train_steps=30, batch_size=32, generator=seed, device="cpu")
        return model, losses, d.sample(model, 50, seed, device="cpu")

    rng_state = torch.get_rng_state()
    (m1, l1, s1), (m2, l2, s2), (m3, l3, s3) = run(1), run(1), run(2)
    assert torch.equal(torch.get_rng_state(), rng_state), "the global torch RNG was used"
    for p, q in zip(m1.state_dict().values(), m2.state_dict().values()):
        assert torch.equal(p, q)
    assert np.array_equal(l1, l2) and torch.equal(s1, s2)
    assert not np.array_equal(l1, l3) and not torch.equal(s1, s3)
    assert not torch.equal(m1.out.weight, m3.out.weight)


def test_network_shapes_and_time_embedding():
    t = torch.tensor([1, 500, 1000])
    emb = timestep_embedding(t, 7)
    assert emb.shape == (3, 7) and torch.all(emb[:, -1] == 0)  # odd width is zero-padded
    assert torch.allclose(emb[:, 0], torch.cos(t.float()))  # first frequency is 1
    last = t.float() * 10000.0 ** (-2 / 3)  # half = 3: frequencies 10000^(-k/3), k = 0..2
    assert torch.allclose(emb[:, 2], torch.cos(last)) and torch.allclose(emb[:, 5], torch.sin(last))
    model = MLPDenoiser(5, (32, 16), 12, dropout=0.5)
    assert model(torch.zeros(4, 5), torch.tensor([1, 2, 3, 4])).shape == (4, 5)
    with pytest.raises(ValueError, match="n_features"):
        MLPDenoiser(0)


# ----------------------------------------------------------------------------- class conditioning
def test_conditioned_network_adds_a_label_embedding_to_the_time_embedding():
    rng_state = torch.get_rng_state()
    plain = MLPDenoiser(3, (8,), 8, generator=0)
    model = MLPDenoiser(3, (8,), 8, generator=0, n_classes=3)
    assert torch.equal(torch.get_rng_state(), rng_state), "the global torch RNG was used"
    # The embedding is drawn after the linear layers: they equal the unconditioned net's.
    for name, weight in plain.state_dict().items():
        assert torch.equal(weight, model.state_dict()[name]), name
    x, t = torch.randn(4, 3, generator=as_generator(1)), torch.tensor([1, 5, 9, 20])
    y = torch.tensor([0, 1, 2, 1])
    with torch.no_grad():
        # Hand-worked forward pass: h = W_in x + TimeMLP(emb(t)) + E[y].
        h = model.in_proj(x) + model.time_mlp(timestep_embedding(t, 8)) + model.label_embed.weight[y]
        expected = model.out(model.blocks(h))
        assert torch.allclose(model(x, t, y), expected, atol=1e-6)
        assert not torch.allclose(model(x, t, torch.zeros(4, dtype=torch.long)), expected)
        bound = FixedLabelDenoiser(model, 2)
        assert bound.n_features == 3
        assert torch.equal(bound(x, t), model(x, t, torch.full((4,), 2)))


def test_conditioned_network_validates_labels():
    model = MLPDenoiser(2, (4,), 4, n_classes=2)
    x, t = torch.zeros(3, 2), torch.tensor([1, 2, 3])
    with pytest.raises(ValueError, match="class-conditioned denoiser .2 classes. needs y"):
        model(x, t)
    with pytest.raises(ValueError, match=r"labels must lie in 0..1; got 0..2"):
        model(x, t, torch.tensor([0, 1, 2]))
    with pytest.raises(ValueError, match="one integer label per row"):
        model(x, t, torch.tensor([0.0, 1.0, 1.0]))
    with pytest.raises(ValueError, match="not class-conditioned"):
        MLPDenoiser(2, (4,), 4)(x, t, torch.tensor([0, 1, 1]))
    with pytest.raises(ValueError, match="n_classes must be None or an integer >= 2"):
        MLPDenoiser(2, n_classes=1)
    with pytest.raises(ValueError, match="needs a class-conditioned denoiser"):
        FixedLabelDenoiser(MLPDenoiser(2, (4,), 4), 0)
    with pytest.raises(ValueError, match=r"label must be an integer in 0..1"):
        FixedLabelDenoiser(model, 2)
    d = GaussianDiffusion(timesteps=5, beta_end=0.3)
    with pytest.raises(ValueError, match=r"one label per row of X \(4\)"):
        fit_denoiser(d, model, np.zeros((4, 2)), np.zeros(3, dtype=int), train_steps=1, device="cpu")
    with pytest.raises(ValueError, match="non-negative integer class labels"):
        fit_denoiser(d, model, np.zeros((4, 2)), np.array([0.0, 1.0, 0.0, 1.0]), train_steps=1, device="cpu")


def test_conditioned_ddpm_generates_each_class_where_it_lives():
    """Two 1-D classes at -2 and +2 (sd 0.3), 300 rows each, one network conditioned on
    the label. Sampled with label 0 the rows must centre on -2, with label 1 on +2
    (tolerance 0.3, seen 0.04; an unconditioned fit gives +-2 mixed, mean 0, for both)."""
    gen = as_generator(3)
    X = torch.cat([torch.randn(300, 1, generator=gen) * 0.3 - 2, torch.randn(300, 1, generator=gen) * 0.3 + 2])
    y = np.repeat([0, 1], 300)
    d = GaussianDiffusion(timesteps=50, beta_end=0.3)
    model = MLPDenoiser(1, (64, 64), 32, generator=0, n_classes=2)
    fit_denoiser(d, model, X, y, train_steps=300, batch_size=128, learning_rate=3e-3, generator=0, device="cpu")
    for label, centre in ((0, -2.0), (1, 2.0)):
        rows = d.sample(FixedLabelDenoiser(model, label), 500, 1, device="cpu")
        assert abs(rows.mean().item() - centre) < 0.3, (label, rows.mean().item())


# ----------------------------------------------------------------------------- guidance
def test_tau_schedules_give_exact_values():
    assert set(TAU_SCHEDULES) == {"1", "60", "1/sqrt(beta)", "60/sqrt(beta)"}
    assert tau_schedule("60/sqrt(beta)")(1, 1e-4) == pytest.approx(6000.0, rel=1e-12)
    assert tau_schedule("60/sqrt(beta)")(1000, 0.02) == pytest.approx(60 / math.sqrt(0.02), rel=1e-12)
    assert tau_schedule("1/sqrt(beta)")(1, 1e-4) == pytest.approx(100.0, rel=1e-12)
    assert tau_schedule("1")(5, 0.3) == 1.0 and tau_schedule("60")(5, 0.3) == 60.0
    assert tau_schedule(2.5)(5, 0.3) == 2.5
    f = lambda t, beta: 3 * t  # noqa: E731
    assert tau_schedule(f) is f
    assert torch.allclose(tau_schedule("60/sqrt(beta)")(1, torch.tensor([1e-4, 0.01])), torch.tensor([6000.0, 600.0]))


@pytest.mark.parametrize("bad", ["60/beta", "sqrt", "", "1/beta"])
def test_invalid_tau_string_is_rejected_listing_valid_names(bad):
    with pytest.raises(ValueError, match=r"valid strings are '1', '60', '1/sqrt\(beta\)', '60/sqrt\(beta\)'"):
        tau_schedule(bad)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), True, [1]])
def test_invalid_tau_value_is_rejected(bad):
    with pytest.raises(ValueError, match="tau"):
        tau_schedule(bad)


def test_guidance_shift_is_tau_sigma_grad_exactly():
    """With eps = 0 each step is x -> x / sqrt(alpha_t) + tau_t beta_t g (+ noise), so the
    guided-minus-unguided difference follows d_{t-1} = d_t / sqrt(alpha_t) + tau_t beta_t g."""
    d = GaussianDiffusion(timesteps=3, beta_start=0.01, beta_end=0.2)
    g = torch.tensor([1.0, -2.0])

    def const(x, t):
        return g.expand_as(x)

    plain = d.sample(ZeroModel(2), 4, 3, device="cpu")
    guided = d.sample(ZeroModel(2), 4, 3, guidance=const, tau="60/sqrt(beta)", device="cpu")
    diff = torch.zeros(2, dtype=torch.float64)
    for step in (3, 2, 1):
        beta = d.betas[step - 1]
        diff = diff / (1 - beta).sqrt() + 60 / beta.sqrt() * beta * g.double()
    assert torch.allclose(guided - plain, diff.float().expand(4, 2), rtol=1e-5)


def test_guidance_moves_samples_and_none_equals_unguided():
    """logit = 3 x_0: grad log sigmoid = 3 (1 - sigmoid(3 x_0)) e_0 > 0 pushes along +x_0."""
    d = GaussianDiffusion(timesteps=200, beta_end=0.1)
    oracle = GaussianOracle(d, 0.0, 1.0, n_features=2)
    clf = torch.nn.Linear(2, 1)
    with torch.no_grad():
        clf.weight.copy_(torch.tensor([[3.0, 0.0]]))
        clf.bias.zero_()
    guide = classifier_guidance(clf)
    x = torch.randn(6, 2, generator=as_generator(0))
    expected = 3 * (1 - torch.sigmoid(3 * x[:, :1])) * torch.tensor([[1.0, 0.0]])
    assert torch.allclose(guide(x, torch.ones(6, dtype=torch.long)), expected, atol=1e-6)
    assert clf.weight.grad is None  # parameters untouched

    plain = d.sample(oracle, 2000, 11, device="cpu")
    again = d.sample(oracle, 2000, 11, guidance=None, tau="60/sqrt(beta)", device="cpu")
    zero = d.sample(oracle, 2000, 11, guidance=lambda x, t: torch.zeros_like(x), device="cpu")
    guided = d.sample(oracle, 2000, 11, guidance=guide, tau=1.0, device="cpu")
    assert torch.equal(plain, again) and torch.equal(plain, zero)
    assert guided[:, 0].mean() > plain[:, 0].mean() + 0.2
    # the gradient has no x_1 component and guidance draws no noise: x_1 is untouched
    assert torch.equal(guided[:, 1], plain[:, 1])


def test_final_shift_vector_and_callable():
    d = GaussianDiffusion(timesteps=10, beta_end=0.3)
    model = MLPDenoiser(3, (8,), 8, generator=0)
    base = d.sample(model, 7, 4, device="cpu")
    v = torch.tensor([1.0, -2.0, 0.5])
    assert torch.equal(d.sample(model, 7, 4, final_shift=v, device="cpu"), base + v)
    assert torch.equal(d.sample(model, 7, 4, final_shift=lambda x: 2 * x, device="cpu"), 2 * base)
    with pytest.raises(ValueError, match="final_shift"):
        d.sample(model, 7, 4, final_shift=torch.ones(2), device="cpu")


def test_train_classifier_clean_and_time_aware():
    gen = as_generator(3)
    pos = torch.randn(300, 2, generator=gen) * 0.5 + torch.tensor([1.5, 0.0])
    neg = torch.randn(900, 2, generator=gen) * 0.5 - torch.tensor([1.5, 0.0])
    clean = train_classifier(pos, neg, steps=300, lr=1e-2, generator=0, device="cpu")
    assert isinstance(clean, ClassifierMLP) and not clean.time_aware
    with torch.no_grad():
        acc = ((clean(pos) > 0).float().mean() + (clean(neg) < 0).float().mean()) / 2
    assert acc > 0.97
    grad = classifier_guidance(clean)(torch.zeros(1, 2), torch.tensor([500]))
    assert grad[0, 0] > 0 and abs(grad[0, 1]) < grad[0, 0]  # points from the boundary to pos

    d = GaussianDiffusion(timesteps=100, beta_end=0.2)
    noisy = train_classifier(pos, neg, diffusion=d, steps=300, lr=1e-2, generator=0, device="cpu")
    assert noisy.time_aware and classifier_guidance(noisy).time_aware
    with torch.no_grad():
        t1 = torch.ones(300, dtype=torch.long)
        assert (noisy(pos, t1) > 0).float().mean() > 0.9
    with pytest.raises(ValueError, match="time-aware"):
        noisy(pos)
    same = train_classifier(pos, neg, diffusion=d, steps=300, lr=1e-2, generator=0, device="cpu")
    assert np.array_equal(noisy.loss_history_, same.loss_history_)


# ----------------------------------------------------------------------------- tabular
def _mixed_frame(n=400, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "skewed": rng.lognormal(size=n),
            "count": rng.integers(-5, 100, n),
            "colour": pd.Categorical(rng.choice(["red", "green", "blue"], n), categories=["red", "green", "blue", "never"]),
            "kind": rng.choice(["u", "v"], n).astype(object),
            "flag": rng.random(n) > 0.5,
            "small": rng.normal(size=n).astype(np.float32),
            "nullable": pd.array(rng.integers(0, 3, n), dtype="Int64"),
            "many": rng.choice(list("abcdefghijkl"), n),
        }
    )


@pytest.mark.parametrize("numeric", ["quantile", "quantile-midrank", "standard"])
def test_tabular_round_trip_exact_for_categories_and_dtypes_kept(numeric):
    df = _mixed_frame()
    tt = TabularTransformer(numeric=numeric, cat_embed_dim=3, random_state=0)
    Z = tt.fit_transform(df)
    assert Z.dtype == np.float32 and Z.shape == (len(df), tt.n_features_out_)
    assert tt.categorical_columns_ == ["colour", "kind", "flag", "many"]
    assert tt.n_features_out_ == 4 + 4 * 3
    back = tt.inverse_transform(Z)
    assert list(back.columns) == list(df.columns)
    assert back.dtypes.to_dict() == df.dtypes.to_dict()
    assert list(back["colour"].cat.categories) == ["red", "green", "blue", "never"]
    for col in ["colour", "kind", "flag", "many", "count", "nullable"]:
        assert back[col].equals(df[col]), col
    # float32 output bounds the numeric round trip; float64 makes it exact to 1e-9
    for col in ["skewed", "small"]:
        np.testing.assert_allclose(back[col], df[col], rtol=1e-4, atol=1e-6)
    back64 = tt.inverse_transform(tt.transform(df, dtype=np.float64))
    np.testing.assert_allclose(back64["skewed"], df["skewed"], rtol=1e-9)


def test_tabular_decodes_to_the_nearest_embedding():
    df = _mixed_frame()
    tt = TabularTransformer(random_state=1).fit(df)
    Z = tt.transform(df).astype(np.float64)
    Z += np.random.default_rng(0).normal(scale=0.15, size=Z.shape)  # < half the min spacing
    back = tt.inverse_transform(Z)
    for col in ["colour", "kind", "flag", "many"]:
        assert back[col].equals(df[col]), col
    # an arbitrary vector decodes to the argmin of Euclidean distance
    point = np.zeros((1, tt.n_features_out_))
    sl = tt.output_slices_["many"]
    point[0, sl] = [0.3, -0.2, 0.1]
    nearest = np.argmin(((tt.embeddings_["many"] - [0.3, -0.2, 0.1]) ** 2).sum(1))
    assert tt.inverse_transform(point)["many"].iloc[0] == tt.categories_["many"][nearest]


@pytest.mark.parametrize("k,dim", [(2, 3), (4, 3), (5, 3), (12, 2), (6, 1)])
def test_category_embeddings_are_spread(k, dim):
    emb = category_embeddings(k, dim, np.random.default_rng(0))
    dist = np.sqrt(((emb[:, None] - emb[None]) ** 2).sum(-1))[~np.eye(k, dtype=bool)]
    assert np.isclose((emb**2).sum(1).mean(), dim)  # unit second moment per coordinate
    if k <= dim + 1:  # regular simplex: all distances equal
        assert np.allclose(dist, dist[0])
    else:  # evenly spread: min distance at least 0.9 of even spacing on the circle/line
        ideal = {2: 2 * math.sqrt(2) * math.sin(math.pi / k), 1: 2 * math.sqrt(3 * k / (k + 1)) / (k - 1)}
        assert dist.min() > 0.9 * ideal.get(dim, 0)


def test_tabular_quantile_inverse_clips_to_training_range():
    df = pd.DataFrame({"x": np.arange(50, dtype=float)})
    tt = TabularTransformer().fit(df)
    back = tt.inverse_transform(np.array([[-40.0], [40.0]]))
    assert back["x"].tolist() == [0.0, 49.0]


# ----------------------------------------------------------------------------- mid-rank map
def _midrank(values):
    return MidRankNormalMap().fit(np.asarray(values, dtype=float).reshape(-1, 1))


def test_midrank_scores_of_a_hand_worked_column():
    # [0, 0, 0, 1, 2]: F(0-) = 0, F(0) = .6 -> .3; 1: (.6 + .8) / 2 = .7; 2: .9
    m = _midrank([0, 0, 0, 1, 2])
    z = m.transform(np.array([[0.0], [1.0], [2.0], [0.5], [-7.0], [9.0]]))[:, 0]
    expected = norm.ppf([0.3, 0.7, 0.9])
    np.testing.assert_allclose(z[:3], expected, rtol=1e-12)
    assert z[3] == pytest.approx(0.0, abs=1e-12)  # half-way between +-Phi^-1(.3)
    np.testing.assert_allclose(z[4:], expected[[0, 2]], rtol=1e-12)  # outside: end scores


def test_midrank_inverse_of_a_hand_worked_column():
    # The tie group 0 (ranks 1-3 of 5) owns the scores [Phi^-1(.1), Phi^-1(.5)] = [-1.28, 0];
    # between 0 and 1 (score Phi^-1(.7) = .524) the inverse is linear.
    m = _midrank([0, 0, 0, 1, 2])
    z = np.array([-9.0, norm.ppf(0.1), -0.7, 0.0, norm.ppf(0.7) / 2, norm.ppf(0.7), 1.0, 9.0])
    x = m.inverse_transform(z[:, None])[:, 0]
    slope = (2 - 1) / (norm.ppf(0.9) - norm.ppf(0.7))
    expected = [0, 0, 0, 0, 0.5, 1, 1 + (1.0 - norm.ppf(0.7)) * slope, 2]
    np.testing.assert_allclose(x, expected, rtol=1e-12, atol=1e-12)


def test_midrank_ties_at_the_minimum_sit_next_to_the_other_values():
    # yeast3's Nuc: 58 % of the minority rows tied at the minimum. scikit-learn puts
    # them 5.2 sds out; the mid-rank puts them at Phi^-1(.29), a single minimum row of
    # 100 at Phi^-1(1 / 200).
    column = np.r_[np.zeros(58), np.arange(1.0, 43.0)]
    tt = TabularTransformer(numeric="quantile").fit(pd.DataFrame({"x": column}))
    assert tt.transform(pd.DataFrame({"x": [0.0]}))[0, 0] == pytest.approx(-5.199, abs=1e-3)
    z = _midrank(column).transform(np.array([[0.0]]))[0, 0]
    assert z == pytest.approx(norm.ppf(0.29), rel=1e-12)
    single = _midrank(np.arange(100.0)).transform(np.array([[0.0]]))[0, 0]
    assert single == pytest.approx(norm.ppf(1 / 200), rel=1e-12)


def test_midrank_ties_at_the_maximum_are_symmetric():
    column = np.array([0.0, 1.0, 2.5, 2.5, 2.5, 2.5, 7.0, 7.0])
    up, down = _midrank(column), _midrank(-column)
    grid = np.linspace(-1.0, 8.0, 37)[:, None]
    np.testing.assert_allclose(up.transform(grid), -down.transform(-grid), atol=1e-12)
    scores = np.linspace(-3.0, 3.0, 41)[:, None]
    np.testing.assert_allclose(up.inverse_transform(scores), -down.inverse_transform(-scores), atol=1e-12)


def test_midrank_constant_column_maps_to_zero_and_back():
    df = pd.DataFrame({"c": np.full(7, 3.5), "i": np.full(7, 4, dtype=np.int64)})
    tt = TabularTransformer(numeric="quantile-midrank").fit(df)
    assert np.all(tt.transform(df) == 0.0)
    back = tt.inverse_transform(np.array([[-4.0, 4.0], [0.3, -0.3]]))
    assert back["c"].tolist() == [3.5, 3.5] and back["i"].tolist() == [4, 4]
    assert back.dtypes.to_dict() == df.dtypes.to_dict()
    assert _midrank([2.0]).transform(np.array([[2.0]]))[0, 0] == 0.0  # one row


def test_midrank_integer_columns_round_back_within_range():
    df = pd.DataFrame({"count": np.array([0, 0, 0, 3, 5, 5, 9], dtype=np.int64)})
    tt = TabularTransformer(numeric="quantile-midrank").fit(df)
    back = tt.inverse_transform(np.linspace(-4.0, 4.0, 81)[:, None])["count"]
    assert back.dtype == np.int64
    assert back.is_monotonic_increasing and back.min() == 0 and back.max() == 9
    assert back.equals(back.round())


def test_midrank_thins_knots_evenly_in_rank_keeping_ends_and_big_ties():
    column = np.r_[np.arange(100.0), np.full(50, 200.0)]
    m = _midrank(column)
    assert len(m.knots_[0][0]) == 101  # every distinct value while under max_knots
    thin = MidRankNormalMap(max_knots=6).fit(column[:, None])
    x, z = thin.knots_[0]
    assert len(x) <= 6 and x[0] == 0.0 and x[-1] == 200.0
    np.testing.assert_allclose(z, m.transform(x[:, None])[:, 0], rtol=1e-12)  # the same scores
    assert np.array_equal(MidRankNormalMap(max_knots=6).fit(column[:, None]).knots_[0][0], x)
    with pytest.raises(ValueError, match="max_knots"):
        MidRankNormalMap(max_knots=1).fit(column[:, None])


def test_midrank_rejects_nan_and_wrong_width():
    df = pd.DataFrame({"x": [0.0, np.nan, 1.0]})
    with pytest.raises(ValueError, match=r"'x'.*NaN"):
        TabularTransformer(numeric="quantile-midrank").fit(df)
    with pytest.raises(ValueError, match=r"shape \(n, 1\)"):
        _midrank([0.0, 1.0]).inverse_transform(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="numeric must be one of"):
        TabularTransformer(numeric="midrank").fit(df.fillna(0.0))


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.integers(-3, 3).map(float) | st.floats(-1e3, 1e3), min_size=1, max_size=40))
def test_midrank_property_monotone_round_trip_and_clipped(values):
    column = np.asarray(values, dtype=float)
    m = _midrank(column)
    z = m.transform(column[:, None])
    np.testing.assert_array_equal(m.inverse_transform(z)[:, 0], column)  # exact on training values
    x_grid = np.sort(np.r_[column, np.linspace(column.min() - 1, column.max() + 1, 50)])
    assert np.all(np.diff(m.transform(x_grid[:, None])[:, 0]) >= 0)
    back = m.inverse_transform(np.linspace(-8.0, 8.0, 201)[:, None])[:, 0]
    assert np.all(np.diff(back) >= 0)
    assert back.min() == column.min() and back.max() == column.max()


def test_tabular_rejects_unseen_categories_nan_and_wrong_columns():
    df = _mixed_frame(50)
    tt = TabularTransformer().fit(df)
    bad = df.copy()
    bad["kind"] = bad["kind"].astype(object)
    bad.loc[0, "kind"] = "w"
    with pytest.raises(ValueError, match=r"'kind'.*unseen.*'w'"):
        tt.transform(bad)
    nan = df.copy()
    nan.loc[3, "skewed"] = np.nan
    with pytest.raises(ValueError, match=r"'skewed'.*NaN"):
        TabularTransformer().fit(nan)
    with pytest.raises(ValueError, match="fitted columns"):
        tt.transform(df[["kind", "skewed"]])
    with pytest.raises(ValueError, match="not fitted"):
        TabularTransformer().transform(df)


def test_tabular_numpy_input_is_numeric():
    X = np.random.default_rng(0).normal(size=(30, 4))
    tt = TabularTransformer(numeric="standard").fit(X)
    assert tt.categorical_columns_ == [] and tt.n_features_out_ == 4
    back = tt.inverse_transform(tt.transform(X, dtype=np.float64))
    assert isinstance(back, np.ndarray) and back.dtype == X.dtype
    np.testing.assert_allclose(back, X, rtol=1e-12, atol=1e-12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    labels=st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f", "g"]), min_size=2, max_size=40),
    dim=st.integers(1, 4),
)
def test_tabular_categorical_round_trip_property(labels, dim):
    df = pd.DataFrame({"c": pd.Categorical(labels), "v": np.arange(len(labels), dtype=float)})
    tt = TabularTransformer(cat_embed_dim=dim, random_state=0)
    back = tt.inverse_transform(tt.fit_transform(df))
    assert back["c"].equals(df["c"])


# ----------------------------------------------------------------------------- validation
@pytest.mark.parametrize("value,word", [(np.nan, "NaN"), (np.inf, "infinite")])
def test_nan_and_inf_in_X_are_rejected_by_name(value, word):
    X = np.ones((10, 2))
    X[3, 1] = value
    d = GaussianDiffusion(timesteps=5, beta_end=0.3)
    with pytest.raises(ValueError, match=f"X contains {word}"):
        fit_denoiser(d, MLPDenoiser(2, (4,), 4), X, train_steps=1, device="cpu")
    with pytest.raises(ValueError, match=f"X_neg contains {word}"):
        train_classifier(np.zeros((3, 2)), X, steps=1, device="cpu")


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"timesteps": 0}, "timesteps"),
        ({"timesteps": -3}, "timesteps"),
        ({"timesteps": 2.5}, "timesteps"),
        ({"timesteps": True}, "timesteps"),
        ({"beta_start": 0.02, "beta_end": 0.02}, "beta_start < beta_end"),
        ({"beta_start": 0.03, "beta_end": 0.02}, "beta_start < beta_end"),
        ({"beta_start": 0.0}, "0 < beta_start"),
        ({"beta_end": 1.0}, "beta_end < 1"),
        ({"beta_end": float("nan")}, "finite"),
        ({"variance": "learned"}, "variance"),
    ],
)
def test_bad_process_parameters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        GaussianDiffusion(**kwargs)


def test_bad_sampling_and_training_arguments():
    d = GaussianDiffusion(timesteps=5, beta_end=0.3)
    model = MLPDenoiser(2, (4,), 4)
    with pytest.raises(ValueError, match="shape"):
        d.sample(model, 3, 0, guidance=lambda x, t: torch.zeros(3, 5), device="cpu")
    with pytest.raises(ValueError, match="tau"):
        d.sample(model, 3, 0, guidance=lambda x, t: torch.zeros_like(x), tau="120", device="cpu")
    with pytest.raises(ValueError, match="n_features"):
        d.sample(lambda x, t: x, 3, 0, device="cpu")
    with pytest.raises(ValueError, match="3 columns but the model expects 2"):
        fit_denoiser(d, model, np.zeros((4, 3)), train_steps=1, device="cpu")
    with pytest.raises(ValueError, match="train_steps"):
        fit_denoiser(d, model, np.zeros((4, 2)), train_steps=0, device="cpu")
    with pytest.raises(ValueError, match="1..5"):
        d.q_sample(torch.zeros(2, 2), torch.tensor([0, 1]), torch.zeros(2, 2))
    with pytest.raises(ValueError, match="seed"):
        as_generator("abc")


def test_device_resolution():
    assert resolve_device("cpu") == torch.device("cpu")
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert resolve_device("auto").type == expected
    with pytest.raises(ValueError, match="device"):
        resolve_device("gpu-please")
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="CUDA is not available"):
            resolve_device("cuda")


def test_sample_callback_sees_every_step_and_changes_nothing():
    diffusion = GaussianDiffusion(timesteps=6)

    class Zero(torch.nn.Module):
        n_features = 2

        def forward(self, x, t):
            return torch.zeros_like(x)

    seen = {}
    plain = diffusion.sample(Zero(), 4, 3)
    watched = diffusion.sample(Zero(), 4, 3, callback=lambda t, x: seen.__setitem__(t, x.clone()))
    assert torch.equal(plain, watched)
    assert sorted(seen) == list(range(1, 8))  # T + 1 (x_T) then every step
    assert torch.equal(seen[1], watched)
    assert torch.equal(seen[7], torch.randn((4, 2), generator=torch.Generator().manual_seed(3)))


# ----------------------------------------------------------------------------- speed, exact
def _train_with(make_optimizer, step, n_steps=40):
    """Weights after ``n_steps`` annealed steps of a seeded denoiser on fixed data."""
    d = GaussianDiffusion(timesteps=50)
    X = torch.randn(64, 3, generator=as_generator(2))
    model = MLPDenoiser(3, (16, 16), 16, generator=0)
    optimizer = make_optimizer(model.parameters())
    gen = as_generator(1)
    for i in range(n_steps):
        loss = d.training_loss(model, X, gen)
        optimizer.zero_grad()
        loss.backward()
        if i % 7 == 3:  # a parameter without a gradient is skipped and keeps its count
            model.out.bias.grad = None
        step(optimizer, 1e-2 * (1.0 - i / n_steps))
    return [p.detach().clone() for p in model.parameters()]


def _torch_step(optimizer, lr):
    for group in optimizer.param_groups:
        group["lr"] = lr
    optimizer.step()


@pytest.mark.parametrize(
    "torch_optimizer, kwargs",
    [
        (torch.optim.Adam, {}),
        (torch.optim.Adam, {"weight_decay": 0.1}),  # L2 term added to the gradient
        (torch.optim.AdamW, {"weight_decay": 0.05, "decoupled": True}),
        (torch.optim.AdamW, {"weight_decay": 0.0, "decoupled": True}),
    ],
)
def test_multi_tensor_adam_is_bit_identical_to_torch_foreach_adam(torch_optimizer, kwargs):
    from imbdiff._optim import MultiTensorAdam

    decay = kwargs.get("weight_decay", 0.0)
    ours = _train_with(lambda p: MultiTensorAdam(p, lr=1e-2, **kwargs), lambda o, lr: o.step(lr))
    reference = _train_with(
        lambda p: torch_optimizer(p, lr=1e-2, weight_decay=decay, foreach=True), _torch_step
    )
    for mine, theirs in zip(ours, reference):
        assert torch.equal(mine, theirs)
    # and the update does something: a plain SGD step would give other weights
    sgd = _train_with(lambda p: torch.optim.SGD(p, lr=1e-2), _torch_step)
    assert not all(torch.equal(a, b) for a, b in zip(ours, sgd))


def test_multi_tensor_adam_first_step_by_hand():
    """After one step Adam moves every weight by lr * g / (|g| + eps') ~ lr * sign(g)."""
    from imbdiff._optim import MultiTensorAdam

    w = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
    optimizer = MultiTensorAdam([w], lr=0.1)
    (w * torch.tensor([2.0, -0.5, 0.0])).sum().backward()
    optimizer.step()
    # m = 0.1 g / (1 - 0.9), v = 0.001 g^2 / (1 - 0.999): step = lr * g / (|g| + 1e-8)
    assert torch.allclose(w.detach(), torch.tensor([0.9, -1.9, 3.0]), atol=1e-6)
    with pytest.raises(ValueError, match="empty"):
        MultiTensorAdam([], lr=0.1)


def _reference_sample(d, model, n, seed, guidance=None, tau=1.0):
    """The reverse loop as written before the per-step tables: p_mean_variance at every
    step, then the guidance shift, then the noise (an independent reference)."""
    gen = as_generator(seed)
    tau_fn = tau_schedule(tau)
    x = torch.randn((n, model.n_features), generator=gen)
    for step in range(d.timesteps, 0, -1):
        t = torch.full((n,), step, dtype=torch.long)
        with torch.no_grad():
            mean, var = d.p_mean_variance(model, x, t)
        if guidance is not None:
            scale = torch.as_tensor(tau_fn(step, float(d.betas[step - 1])), dtype=x.dtype)
            mean = mean + scale * var * guidance(x, t)
        x = mean if step == 1 else mean + var.sqrt() * torch.randn(x.shape, generator=gen)
    return x


def test_sampling_with_precomputed_tables_is_bit_identical_to_the_step_by_step_formula():
    from imbdiff.diffusion import ClippedDenoiser

    d = GaussianDiffusion(timesteps=40, beta_end=0.1)
    net = MLPDenoiser(3, (16,), 16, generator=0)
    X = torch.randn(50, 3, generator=as_generator(4))
    fit_denoiser(d, net, X, train_steps=20, generator=0, device="cpu")
    clipped = ClippedDenoiser(net, d, X.min(0).values, X.max(0).values)
    clf = ClassifierMLP(3, (8,), generator=1)
    guide = classifier_guidance(clf)
    for model in (net, clipped):
        for guidance, tau in ((None, 1.0), (guide, "60/sqrt(beta)"), (guide, lambda t, b: 2.0)):
            ours = d.sample(model, 9, 5, guidance=guidance, tau=tau, device="cpu")
            assert torch.equal(ours, _reference_sample(d, model, 9, 5, guidance, tau))


def test_clipped_denoiser_equals_its_formula():
    from imbdiff.diffusion import ClippedDenoiser

    d = GaussianDiffusion(timesteps=30)
    net = MLPDenoiser(2, (8,), 8, generator=0)
    low, high = torch.tensor([-0.5, -1.0]), torch.tensor([0.5, 1.0])
    x, t = torch.randn(20, 2, generator=as_generator(1)) * 3, torch.arange(1, 21) + 5
    with torch.no_grad():
        eps = net(x, t)
        abar = d.alpha_bars.float()[t - 1].reshape(-1, 1)
        x0 = (x - (1.0 - abar).sqrt() * eps) / abar.sqrt()
        clip = torch.clamp(x0, low, high)
        expected = torch.where(clip == x0, eps, (x - abar.sqrt() * clip) / (1.0 - abar).sqrt())
        assert torch.equal(ClippedDenoiser(net, d, low, high)(x, t), expected)
        assert not torch.equal(expected, eps)  # some rows were clipped


def test_time_embedding_frequencies_cached_equal_the_formula():
    t = torch.tensor([1, 7, 500, 1000])
    for dim in (16, 33):
        half = dim // 2
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
        args = t.reshape(-1, 1).float() * freqs
        expected = torch.cat([torch.cos(args), torch.sin(args)], dim=1)
        got = timestep_embedding(t, dim)
        assert torch.equal(got[:, : 2 * half], expected) and torch.equal(timestep_embedding(t, dim), got)
    assert not torch.equal(timestep_embedding(t, 16, max_period=100.0), timestep_embedding(t, 16))


# ----------------------------------------------------------------------------- early stopping
def _stopping_run(X, seed=0, train_steps=2000, **kwargs):
    d = GaussianDiffusion(timesteps=50)
    model = MLPDenoiser(X.shape[1], (32,), 16, generator=seed)
    options = {"validation_interval": 20, "n_iter_no_change": 3, **kwargs}
    losses = fit_denoiser(
        d, model, X, train_steps=train_steps, batch_size=32, generator=seed, device="cpu",
        early_stopping=True, **options,
    )
    return model, losses


def test_early_stopping_stops_early_on_an_easy_problem_and_keeps_the_best_check():
    """Eight copies of one row: the held-out rows equal the training rows, the loss
    drops within a few checks and then no check improves by 1 %: the run stops
    ``patience`` checks after its best one, with that check's weights."""
    X = np.tile([[0.5, -1.0]], (8, 1))
    model, losses = _stopping_run(X, tol=0.01)
    history = model.validation_history_
    assert len(losses) < 2000
    assert len(losses) == len(history) * 20  # a check every 20 steps, the last one stopped it
    best = model.best_step_
    assert best % 20 == 0 and len(losses) == best + 3 * 20  # patience 3 after the best
    assert history[best // 20 - 1] == history.min()
    # the restored weights are the best check's: their held-out loss is not the last one's
    assert history[-1] > history.min()


def test_early_stopping_never_exceeds_train_steps_and_is_deterministic():
    X = np.random.RandomState(0).randn(60, 3)
    first, losses = _stopping_run(X, train_steps=70, tol=0.0, n_iter_no_change=50)
    assert len(losses) == 70  # three checks (20, 40, 60), patience never ran out
    assert len(first.validation_history_) == 3
    again, losses_again = _stopping_run(X, train_steps=70, tol=0.0, n_iter_no_change=50)
    assert np.array_equal(losses, losses_again)
    assert np.array_equal(first.validation_history_, again.validation_history_)
    for p, q in zip(first.parameters(), again.parameters()):
        assert torch.equal(p, q)
    other, _ = _stopping_run(X, seed=1, train_steps=70, tol=0.0, n_iter_no_change=50)
    assert not np.array_equal(first.validation_history_, other.validation_history_)


def test_early_stopping_holds_out_rows_per_label_and_off_changes_nothing():
    from imbdiff.diffusion._train import _held_out_mask

    labels = torch.tensor([0] * 10 + [1] * 3)
    mask = _held_out_mask(13, labels, 0.2, as_generator(0))
    assert int(mask[:10].sum()) == 2 and int(mask[10:].sum()) == 1  # round(.2 n), >= 1
    assert not torch.equal(mask, _held_out_mask(13, labels, 0.2, as_generator(1)))
    assert int(_held_out_mask(2, None, 0.9, as_generator(0)).sum()) == 1  # one row left
    # early_stopping=False ignores the stopping settings: the plain run, bit for bit
    d = GaussianDiffusion(timesteps=20)
    X = np.random.RandomState(1).randn(30, 2)
    runs = []
    for kwargs in ({}, {"early_stopping": False, "validation_fraction": 0.5}):
        model = MLPDenoiser(2, (8,), 8, generator=0)
        runs.append(fit_denoiser(d, model, X, train_steps=30, generator=0, device="cpu", **kwargs))
    assert np.array_equal(*runs)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"validation_fraction": 1.0}, "validation_fraction"),
        ({"validation_fraction": 0.0}, "validation_fraction"),
        ({"n_iter_no_change": 0}, "n_iter_no_change"),
        ({"validation_interval": 0}, "validation_interval"),
        ({"tol": 1.0}, "tol"),
    ],
)
def test_early_stopping_bad_settings(kwargs, match):
    with pytest.raises(ValueError, match=match):
        _stopping_run(np.zeros((10, 2)), **kwargs)


def test_early_stopping_needs_two_rows_per_label():
    with pytest.raises(ValueError, match="at least 2 rows"):
        _stopping_run(np.zeros((1, 2)))
    d = GaussianDiffusion(timesteps=10)
    model = MLPDenoiser(2, (8,), 8, generator=0, n_classes=2)
    with pytest.raises(ValueError, match="at least 2 rows"):
        fit_denoiser(d, model, np.zeros((5, 2)), [0, 0, 0, 0, 1], train_steps=5,
                     early_stopping=True, device="cpu")


def test_training_imports_neither_dynamo_nor_sympy():
    """The first torch.optim optimiser of a process imports torch._dynamo (~2.5 s) and
    nn.utils.skip_init imports sympy (~1.3 s): the training code uses neither."""
    import subprocess
    import sys

    code = (
        "import sys, numpy as np; "
        "from imbdiff.diffusion import GaussianDiffusion, MLPDenoiser, fit_denoiser, "
        "train_classifier; "
        "X = np.zeros((8, 2)); d = GaussianDiffusion(10); "
        "fit_denoiser(d, MLPDenoiser(2, (4,), 4, generator=0), X, train_steps=2, device='cpu'); "
        "train_classifier(X, X + 1, steps=2, generator=0, device='cpu'); "
        "heavy = [m for m in ('torch._dynamo', 'sympy') if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
