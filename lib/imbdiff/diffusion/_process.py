"""The Gaussian diffusion process (forward noising, simplified loss, reverse sampling).

The process knows nothing about the network: it takes any ``model(x_t, t) -> eps``.
It knows nothing about guidance either: a guidance function is passed to
:meth:`GaussianDiffusion.sample` (the split of openai/guided-diffusion).

Time indexing
-------------
Time steps follow the papers: ``t`` is an integer in ``1..T``; ``t = 0`` is the data.
The schedule tensors (``betas``, ``alphas``, ``alpha_bars``, ...) have length ``T`` and
entry ``i`` belongs to time ``t = i + 1`` (so ``betas[0]`` is ``beta_1 = beta_start`` and
``betas[-1]`` is ``beta_T = beta_end``). Networks and guidance functions receive ``t``
in ``1..T`` unchanged.
"""

from __future__ import annotations

import math
import numbers

import torch
from tqdm.std import tqdm  # plain text bars: notebooks here have no ipywidgets

from ._tau import tau_schedule
from ._utils import as_generator, randint, randn, resolve_device

__all__ = ["ClippedDenoiser", "GaussianDiffusion"]

_VARIANCES = ("beta", "posterior")


class GaussianDiffusion:
    """DDPM with a linear variance schedule and a fixed reverse variance.

    Forward process (LReDDPM Eq. 1): ``q(x_t | x_{t-1}) = N(sqrt(1 - beta_t) x_{t-1},
    beta_t I)`` with ``beta_t`` increasing linearly from ``beta_start`` (``t = 1``) to
    ``beta_end`` (``t = T``), so that ``q(x_t | x_0) = N(sqrt(abar_t) x_0, (1 - abar_t) I)``
    with ``alpha_t = 1 - beta_t`` and ``abar_t = prod_{s<=t} alpha_s``.

    Reverse process (Eq. 2-3): ``p(x_{t-1} | x_t) = N(mu(x_t, t), sigma_t^2 I)`` with
    ``mu = (x_t - beta_t / sqrt(1 - abar_t) * eps(x_t, t)) / sqrt(alpha_t)`` and the
    variance fixed, not learned. By default ``sigma_t^2 = beta_t``, the choice of Ho et
    al. (2020) that LReDDPM follows ("the variance Sigma_theta is fixed at a constant
    value, as in Ho et al."); ``variance="posterior"`` uses the other choice of Ho et al.,
    ``beta_tilde_t = (1 - abar_{t-1}) / (1 - abar_t) * beta_t``.

    Parameters
    ----------
    timesteps : int, default=1000
        Number of diffusion steps ``T`` (at least 1).
    beta_start, beta_end : float, default=1e-4, 0.02
        ``beta_1`` and ``beta_T``; ``0 < beta_start < beta_end < 1``.
    variance : {"beta", "posterior"}, default="beta"
        The fixed reverse variance ``sigma_t^2`` (also the ``Sigma`` of the guidance
        shift in Algorithm 1).

    Attributes
    ----------
    betas, alphas, alpha_bars, alpha_bars_prev, posterior_variance, sigma2 : torch.Tensor
        float64 tensors of length ``T``; entry ``i`` is time ``t = i + 1``.
        ``alpha_bars_prev[0] = 1`` (``abar_0``) and ``posterior_variance[0] = 0``.

    References
    ----------
    .. [1] Ho, J., Jain, A., Abbeel, P. (2020). Denoising diffusion probabilistic
       models. NeurIPS.
    .. [2] Dhariwal, P., Nichol, A. (2021). Diffusion models beat GANs on image
       synthesis. NeurIPS.
    .. [3] Kotelnikov, A. et al. (2023). TabDDPM: Modelling tabular data with
       diffusion models. ICML.
    """

    def __init__(self, timesteps=1000, beta_start=1e-4, beta_end=0.02, variance="beta"):
        self.timesteps = _check_timesteps(timesteps)
        self.beta_start, self.beta_end = _check_betas(beta_start, beta_end)
        if variance not in _VARIANCES:
            raise ValueError(f"variance must be one of {_VARIANCES}; got {variance!r}")
        self.variance = variance
        T = self.timesteps
        self.betas = torch.linspace(self.beta_start, self.beta_end, T, dtype=torch.float64)
        self.alphas = 1.0 - self.betas
        self.alpha_bars = torch.cumprod(self.alphas, dim=0)
        self.alpha_bars_prev = torch.cat([torch.ones(1, dtype=torch.float64), self.alpha_bars[:-1]])
        self.posterior_variance = self.betas * (1.0 - self.alpha_bars_prev) / (1.0 - self.alpha_bars)
        self.sigma2 = self.betas if variance == "beta" else self.posterior_variance
        self._cache = {}

    def __repr__(self):
        return (
            f"GaussianDiffusion(timesteps={self.timesteps}, beta_start={self.beta_start}, "
            f"beta_end={self.beta_end}, variance={self.variance!r})"
        )

    # ------------------------------------------------------------------ helpers
    def _extract(self, name, t, x):
        """Values of schedule ``name`` at times ``t`` (1..T), shaped to broadcast with x."""
        key = (name, x.device, x.dtype)
        table = self._cache.get(key)
        if table is None:
            table = getattr(self, name).to(device=x.device, dtype=x.dtype)
            self._cache[key] = table
        t = self._as_time(t, x)
        return table[t - 1].reshape(-1, *([1] * (x.ndim - 1)))

    def _as_time(self, t, x):
        if isinstance(t, numbers.Integral):
            t = torch.full((x.shape[0],), int(t), dtype=torch.long, device=x.device)
        t = torch.as_tensor(t, device=x.device).long()
        if t.numel() and (int(t.min()) < 1 or int(t.max()) > self.timesteps):
            raise ValueError(f"time steps must lie in 1..{self.timesteps}")
        return t

    # ------------------------------------------------------------------ forward
    def q_sample(self, x0, t, noise):
        """Draw ``x_t ~ q(x_t | x_0)``: ``sqrt(abar_t) x0 + sqrt(1 - abar_t) noise``.

        Parameters
        ----------
        x0 : torch.Tensor of shape (n, d)
        t : int or LongTensor of shape (n,)
            Time steps in ``1..T``.
        noise : torch.Tensor of shape (n, d)
            Standard normal noise ``eps``.

        Returns
        -------
        torch.Tensor of shape (n, d)
        """
        abar = self._extract("alpha_bars", t, x0)
        return abar.sqrt() * x0 + (1.0 - abar).sqrt() * noise

    def q_posterior(self, x0, x_t, t):
        """Mean and variance of the true posterior ``q(x_{t-1} | x_t, x_0)``.

        ``mean = sqrt(abar_{t-1}) beta_t / (1 - abar_t) x0
        + sqrt(alpha_t) (1 - abar_{t-1}) / (1 - abar_t) x_t``, variance ``beta_tilde_t``.
        """
        beta = self._extract("betas", t, x_t)
        abar = self._extract("alpha_bars", t, x_t)
        abar_prev = self._extract("alpha_bars_prev", t, x_t)
        alpha = self._extract("alphas", t, x_t)
        mean = (abar_prev.sqrt() * beta * x0 + alpha.sqrt() * (1.0 - abar_prev) * x_t) / (1.0 - abar)
        return mean, self._extract("posterior_variance", t, x_t).expand_as(x_t)

    def predict_x0(self, x_t, t, eps):
        """Invert :meth:`q_sample`: ``(x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t)``."""
        abar = self._extract("alpha_bars", t, x_t)
        return (x_t - (1.0 - abar).sqrt() * eps) / abar.sqrt()

    # ------------------------------------------------------------------ training
    def sample_timesteps(self, n, generator, device):
        """``n`` time steps drawn uniformly from ``1..T``."""
        return randint(self.timesteps + 1, (n,), generator, device, low=1)

    def training_loss(self, model, x0, generator=None):
        """The simplified DDPM objective (LReDDPM Eq. 4) on one batch.

        ``mean((eps - model(x_t, t))**2)`` with ``t ~ U{1..T}``, ``eps ~ N(0, I)`` and
        ``x_t = q_sample(x0, t, eps)``; averaged over rows and features.

        Parameters
        ----------
        model : callable
            ``model(x_t, t) -> eps_hat``.
        x0 : torch.Tensor of shape (n, d)
        generator : torch.Generator, int or None
            Source of ``t`` and ``eps`` (see :func:`as_generator`).

        Returns
        -------
        torch.Tensor
            A scalar with gradient attached.
        """
        gen = as_generator(generator)
        t = self.sample_timesteps(x0.shape[0], gen, x0.device)
        noise = randn(x0.shape, gen, x0.device, x0.dtype)
        x_t = self.q_sample(x0, t, noise)
        return torch.mean((noise - model(x_t, t)) ** 2)

    # ------------------------------------------------------------------ reverse
    def p_mean_from_eps(self, x_t, t, eps):
        """Eq. 3: ``(x_t - beta_t / sqrt(1 - abar_t) eps) / sqrt(alpha_t)``."""
        beta = self._extract("betas", t, x_t)
        abar = self._extract("alpha_bars", t, x_t)
        alpha = self._extract("alphas", t, x_t)
        return (x_t - beta / (1.0 - abar).sqrt() * eps) / alpha.sqrt()

    def p_mean(self, model, x_t, t):
        """Mean ``mu_theta(x_t, t)`` of the reverse step, from the network's noise estimate."""
        t = self._as_time(t, x_t)
        return self.p_mean_from_eps(x_t, t, model(x_t, t))

    def p_mean_variance(self, model, x_t, t):
        """``(mu_theta(x_t, t), sigma_t^2)``; the variance is the fixed ``sigma2`` schedule."""
        return self.p_mean(model, x_t, t), self._extract("sigma2", t, x_t).expand_as(x_t)

    def sample(
        self,
        model,
        n,
        generator=None,
        *,
        n_features=None,
        guidance=None,
        tau=1.0,
        final_shift=None,
        progress=False,
        device="auto",
        callback=None,
    ):
        """Ancestral sampling from ``x_T ~ N(0, I)`` down to ``x_0`` (Algorithm 1).

        At each ``t = T, ..., 1`` (one network call for all ``n`` rows):
        ``mean = mu_theta(x_t, t)``; with guidance,
        ``mean += tau(t, beta_t) * sigma_t^2 * guidance(x_t, t)`` (Dhariwal & Nichol 2021,
        Algorithm 1; ``Sigma = sigma_t^2 = beta_t`` by default, Ho et al. 2020);
        ``x_{t-1} = mean + sigma_t z`` for ``t > 1`` and ``x_0 = mean`` (no noise at the
        last step, as in Ho et al.'s Algorithm 2). Finally ``final_shift`` is applied
        (Algorithm 1's ``x_0 <- x_0 U info(s)``).

        Parameters
        ----------
        model : torch.nn.Module
            ``model(x_t, t) -> eps_hat``; moved to ``device`` and run in eval mode (its
            mode is restored afterwards).
        n : int
            Number of rows to draw.
        generator : torch.Generator, int or None
            Source of ``x_T`` and of the step noise. Guidance never draws from it, so a
            guided and an unguided run with the same seed share their noise.
        n_features : int, optional
            Row dimension; defaults to ``model.n_features``.
        guidance : callable, optional
            ``guidance(x_t, t) -> grad`` with ``t`` a LongTensor of shape (n,) in 1..T and
            ``grad`` the gradient of ``log p(y | x_t, ...)`` w.r.t. ``x_t``, shape (n, d)
            (see :func:`classifier_guidance`). ``None`` samples without guidance.
        tau : float, str or callable, default=1.0
            Gradient scale, see :func:`tau_schedule` (LReDDPM's default is
            ``"60/sqrt(beta)"``; 1.0 is plain classifier guidance). Unused without
            guidance.
        final_shift : torch.Tensor, array-like or callable, optional
            A vector of shape (d,) (or (n, d)) added to ``x_0``, or a callable
            ``f(x_0) -> x_0``.
        progress : bool, default=False
            Show a tqdm progress bar.
        device : str or torch.device, default="auto"
        callback : callable, optional
            ``callback(t, x)`` after each step, with ``x`` the rows at time ``t - 1``
            (detached; before ``final_shift``), and once first with ``(T + 1, x_T)``:
            to watch the reverse process (ISODF-ENN's Fig. 6) without changing it.

        Returns
        -------
        torch.Tensor of shape (n, d)
            On ``device``, detached.
        """
        dev = resolve_device(device)
        d = _n_features(model, n_features)
        n = _check_n(n)
        gen = as_generator(generator)
        tau_fn = tau_schedule(tau) if guidance is not None else None
        was_training = getattr(model, "training", False)
        model.to(dev).eval()
        try:
            x = randn((n, d), gen, dev)
            tables = self._reverse_tables(x)
            if callback is not None:
                callback(self.timesteps + 1, x)
            for step in tqdm(range(self.timesteps, 0, -1), disable=not progress, desc="sampling"):
                x = self._reverse_step(model, x, step, gen, guidance, tau_fn, tables)
                if callback is not None:
                    callback(step, x)
        finally:
            model.train(was_training)
        return _apply_final_shift(x, final_shift)

    def _reverse_tables(self, x):
        """The reverse step's per-step coefficients, once per :meth:`sample` call.

        The same float operations on the same values as :meth:`p_mean_from_eps` and
        :meth:`p_mean_variance` do at every step (``_extract`` casts the float64
        schedules to ``x.dtype`` first), so the steps are bit-identical; only the
        per-step look-ups, time checks and their Python overhead are saved.
        """
        beta = self._extract_table("betas", x)
        abar = self._extract_table("alpha_bars", x)
        sigma2 = self._extract_table("sigma2", x)
        return {
            "eps_coef": beta / (1.0 - abar).sqrt(),
            "sqrt_alpha": self._extract_table("alphas", x).sqrt(),
            "sigma2": sigma2,
            "sigma": sigma2.sqrt(),
        }

    def _extract_table(self, name, x):
        """The whole schedule ``name`` as ``_extract`` uses it (x's device and dtype)."""
        return self._extract(name, torch.arange(1, self.timesteps + 1), x[:1]).reshape(-1)

    def _reverse_step(self, model, x, step, gen, guidance, tau_fn, tables):
        t = torch.full((x.shape[0],), step, dtype=torch.long, device=x.device)
        i = step - 1
        with torch.no_grad():
            # Eq. 3, as p_mean_from_eps computes it, with the step's coefficients.
            mean = (x - tables["eps_coef"][i] * model(x, t)) / tables["sqrt_alpha"][i]
        if guidance is not None:
            mean = mean + self._guidance_shift(x, t, step, tables["sigma2"][i], guidance, tau_fn)
        if step == 1:
            return mean.detach()
        return (mean + tables["sigma"][i] * randn(x.shape, gen, x.device, x.dtype)).detach()

    def _guidance_shift(self, x, t, step, var, guidance, tau_fn):
        """``tau(t, beta_t) * var * grad``; ``var`` is ``sigma_t^2`` (a 0-d tensor)."""
        grad = guidance(x.detach(), t)
        if not isinstance(grad, torch.Tensor) or grad.shape != x.shape:
            raise ValueError(
                f"guidance must return a tensor of shape {tuple(x.shape)}; got "
                f"{getattr(grad, 'shape', type(grad).__name__)}"
            )
        scale = tau_fn(step, float(self.betas[step - 1]))
        scale = torch.as_tensor(scale, dtype=x.dtype, device=x.device)
        if scale.ndim == 1:
            scale = scale.reshape(-1, 1)
        return (scale * var * grad.detach().to(x.dtype)).detach()


def _apply_final_shift(x, final_shift):
    if final_shift is None:
        return x
    if callable(final_shift):
        out = final_shift(x)
        if not isinstance(out, torch.Tensor) or out.shape != x.shape:
            raise ValueError(f"final_shift callable must return a tensor of shape {tuple(x.shape)}")
        return out
    shift = torch.as_tensor(final_shift, dtype=x.dtype, device=x.device)
    if shift.shape not in (x.shape[1:], x.shape):
        raise ValueError(
            f"final_shift must have shape ({x.shape[1]},) or {tuple(x.shape)}; got {tuple(shift.shape)}"
        )
    return x + shift


def _n_features(model, n_features):
    d = n_features if n_features is not None else getattr(model, "n_features", None)
    if d is None:
        raise ValueError("pass n_features: the model has no n_features attribute")
    if not isinstance(d, numbers.Integral) or d < 1:
        raise ValueError(f"n_features must be a positive integer; got {d!r}")
    return int(d)


def _check_n(n):
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 0:
        raise ValueError(f"n must be a non-negative integer; got {n!r}")
    return int(n)


def _check_timesteps(timesteps):
    if isinstance(timesteps, bool) or not isinstance(timesteps, numbers.Integral):
        raise ValueError(f"timesteps must be an integer >= 1; got {timesteps!r}")
    if timesteps < 1:
        raise ValueError(f"timesteps must be >= 1; got {timesteps}")
    return int(timesteps)


def _check_betas(beta_start, beta_end):
    for name, value in (("beta_start", beta_start), ("beta_end", beta_end)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number; got {value!r}")
    if not 0.0 < beta_start < beta_end < 1.0:
        raise ValueError(
            f"need 0 < beta_start < beta_end < 1; got beta_start={beta_start}, beta_end={beta_end}"
        )
    return float(beta_start), float(beta_end)


class ClippedDenoiser(torch.nn.Module):
    """A denoiser whose implied ``x_0`` estimate is clipped to ``[low, high]``.

    ``x0_hat = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t)`` is clipped per column and
    the noise consistent with the clipped estimate is returned, so Eq. 3's mean
    becomes the posterior mean ``q(x_{t-1} | x_t, clip(x0_hat))``: Ho et al.'s
    ``clip_denoised``, done by wrapping the network (the sampler is left unchanged).
    """

    def __init__(self, denoiser, diffusion, low, high):
        super().__init__()
        self.denoiser = denoiser
        self.n_features = denoiser.n_features
        self.register_buffer("low", torch.as_tensor(low, dtype=torch.float32))
        self.register_buffer("high", torch.as_tensor(high, dtype=torch.float32))
        self.register_buffer("alpha_bars", diffusion.alpha_bars.to(torch.float32))
        # Square roots taken once, elementwise as forward took them at every call.
        self.register_buffer("sqrt_abar", self.alpha_bars.sqrt())
        self.register_buffer("sqrt_one_minus_abar", (1.0 - self.alpha_bars).sqrt())

    def forward(self, x, t):
        eps = self.denoiser(x, t)
        sqrt_abar = self.sqrt_abar[t - 1].reshape(-1, 1)
        sqrt_one_minus_abar = self.sqrt_one_minus_abar[t - 1].reshape(-1, 1)
        x0 = (x - sqrt_one_minus_abar * eps) / sqrt_abar
        clipped = torch.clamp(x0, self.low, self.high)
        # Only where clipping acted: elsewhere the round trip would just add rounding.
        return torch.where(clipped == x0, eps, (x - sqrt_abar * clipped) / sqrt_one_minus_abar)
