"""Guidance: gradients of log p(y | x_t, ...) for the reverse process.

A guidance function has the signature ``guidance(x_t, t) -> grad`` (``t`` a LongTensor
in ``1..T``, ``grad`` of the shape of ``x_t``) and is passed to
:meth:`GaussianDiffusion.sample`, which adds ``tau(t, beta_t) * sigma_t^2 * grad`` to the
reverse mean (Dhariwal & Nichol 2021; LReDDPM Algorithm 1). The three gradient sources
of LReDDPM Sect. 5.1 are all classifiers; which rows are "positive" and which are the
"rest" is the sampler's decision:

* ``"region"`` = q(y | s): :func:`train_classifier` on clean rows (``diffusion=None``),
  evaluated at ``x_t`` (the paper's default, "to simplify the calculation"), optionally
  regularised (``label_smoothing``, ``weight_decay``) so that it is not certain;
* ``"noisy"`` = q(y | x_t) and ``"region_noisy"`` = q(y | s, x_t): time-aware classifiers
  trained on noised rows (``diffusion=...``).

:func:`guidance_push` measures how hard a guidance pushes: the shift it adds to a reverse
step divided by the standard deviation of that step's noise.
"""

from __future__ import annotations


import numpy as np
import torch
from torch import nn
from torch.nn import functional as F
from tqdm.std import tqdm  # plain text bars: notebooks here have no ipywidgets

from .._optim import MultiTensorAdam
from ._network import make_linear, seeded_init_, timestep_embedding
from ._train import _positive_float, _positive_int
from ._tau import tau_schedule
from ._utils import as_float_tensor, as_generator, randint, randn, resolve_device

__all__ = ["ClassifierMLP", "classifier_guidance", "guidance_push", "train_classifier"]


class ClassifierMLP(nn.Module):
    """Small MLP giving the logit of the target class, optionally time-aware.

    ``logit = MLP([x, emb(t)])`` with SiLU activations (smooth, so its input gradient is
    smooth too); ``hidden_dims=()`` makes it logistic regression.

    Parameters
    ----------
    n_features : int
    hidden_dims : sequence of int, default=(64, 64)
    time_embed_dim : int or None, default=None
        When set, the sinusoidal embedding of ``t`` (this width) is concatenated to the
        input and ``forward`` requires ``t`` (a noise-aware classifier, Dhariwal & Nichol
        2021).
    generator : None, int or torch.Generator
        Seeds the initialisation.

    Attributes
    ----------
    time_aware : bool
    """

    def __init__(self, n_features, hidden_dims=(64, 64), time_embed_dim=None, generator=None):
        super().__init__()
        self.n_features = int(n_features)
        self.hidden_dims = tuple(int(h) for h in hidden_dims)
        self.time_embed_dim = None if time_embed_dim is None else int(time_embed_dim)
        self.time_aware = self.time_embed_dim is not None
        seeded = generator is not None
        layers, width = [], self.n_features + (self.time_embed_dim or 0)
        for h in self.hidden_dims:
            layers += [make_linear(width, h, seeded), nn.SiLU()]
            width = h
        layers.append(make_linear(width, 1, seeded))
        self.net = nn.Sequential(*layers)
        if generator is not None:
            seeded_init_(self, generator)

    def forward(self, x, t=None):
        """Logits of shape (n,)."""
        if self.time_aware:
            if t is None:
                raise ValueError("this classifier is time-aware: pass t")
            x = torch.cat([x, timestep_embedding(t, self.time_embed_dim).to(x.dtype)], dim=1)
        return self.net(x).squeeze(-1)


def classifier_guidance(classifier, *, time_aware="auto"):
    """Guidance function from a classifier giving the logit of the target class.

    Returns ``g(x_t, t) = grad_{x_t} log sigmoid(classifier(x_t[, t]))``, computed for the
    whole batch with one backward pass (rows are independent, so the gradient of the
    summed log-probabilities is the per-row gradient). Parameter ``.grad`` fields are
    not touched.

    Parameters
    ----------
    classifier : torch.nn.Module
        Maps ``x`` (n, d) to logits (n,) or (n, 1); put in eval mode by this function.
    time_aware : bool or "auto", default="auto"
        Whether to call ``classifier(x, t)``; "auto" reads ``classifier.time_aware``
        (False when absent: a classifier trained on clean rows, evaluated at ``x_t``).

    Returns
    -------
    callable
        ``guidance(x_t, t) -> torch.Tensor`` of the shape of ``x_t``.

    References
    ----------
    .. [1] Dhariwal, P., Nichol, A. (2021). Diffusion models beat GANs on image
       synthesis. NeurIPS. (``cond_fn`` in openai/guided-diffusion.)
    """
    if not callable(classifier):
        raise ValueError("classifier must be a callable torch module")
    use_t = getattr(classifier, "time_aware", False) if time_aware == "auto" else bool(time_aware)
    if isinstance(classifier, nn.Module):
        classifier.eval()

    def guidance(x_t, t):
        with torch.enable_grad():
            x = x_t.detach().requires_grad_(True)
            logits = classifier(x, t) if use_t else classifier(x)
            log_prob = F.logsigmoid(logits.reshape(x.shape[0], -1)[:, 0]).sum()
            (grad,) = torch.autograd.grad(log_prob, x)
        return grad.detach()

    guidance.classifier = classifier
    guidance.time_aware = use_t
    return guidance


def train_classifier(
    X_pos,
    X_neg,
    *,
    diffusion=None,
    hidden_dims=(64, 64),
    time_embed_dim=32,
    steps=500,
    lr=1e-3,
    batch_size=256,
    weight_decay=0.0,
    label_smoothing=0.0,
    generator=None,
    device="auto",
    progress=False,
):
    """Train a :class:`ClassifierMLP` separating ``X_pos`` (label 1) from ``X_neg`` (0).

    Each Adam step uses a class-balanced mini-batch (half positives, half negatives,
    drawn with replacement), so small guiding regions are not swamped by the rest.
    With ``diffusion`` the classifier is time-aware: every row of every batch is replaced
    by ``x_t = q_sample(x, t, eps)`` with a fresh ``t ~ U{1..T}`` and ``eps ~ N(0, I)``,
    and ``t`` is an input (the noised classifiers of Dhariwal & Nichol 2021, whose
    ``classifier_train.py`` draws ``t`` uniformly and noises each batch the same way).
    At large ``t`` both classes look like noise, so such a classifier is unsure there
    and its guidance gradient is small where the denoiser has the least to go on.
    Without ``diffusion`` it is trained on clean rows.

    A clean classifier of separable rows becomes certain (probabilities 0 and 1, logits
    growing with training) and steep; ``label_smoothing`` and ``weight_decay`` keep
    it calibrated: with smoothing ``a`` the targets are ``1 - a/2`` and ``a/2``, so the
    loss is smallest at logits ``+-log((2 - a) / a)`` instead of infinity, and the
    decoupled weight decay (AdamW) shrinks the weights that set the input gradient.

    Parameters
    ----------
    X_pos, X_neg : array-like or torch.Tensor of shape (n_i, d)
        Rows of the target class and of the rest, in the space the diffusion runs in.
    diffusion : GaussianDiffusion, optional
    hidden_dims : sequence of int, default=(64, 64)
        ``()`` gives logistic regression, whose guidance gradient
        ``(1 - sigmoid(w.x + b)) w`` points the same way for every row; the default small
        MLP can point towards a bounded region from all sides.
    time_embed_dim : int, default=32
        Width of the time embedding (time-aware classifiers only).
    steps : int, default=500
    lr : float, default=1e-3
    batch_size : int, default=256
    weight_decay : float, default=0.0
        Decoupled weight decay of AdamW (Loshchilov & Hutter 2019); 0 is plain Adam.
    label_smoothing : float in [0, 1), default=0.0
        Share ``a`` of each target moved to the other class: targets ``1 - a/2`` for
        ``X_pos`` and ``a/2`` for ``X_neg`` (Szegedy et al. 2016; Mueller, Kornblith &
        Hinton 2019 show that it calibrates the probabilities).
    generator : None, int or torch.Generator
        Seeds the initialisation and every draw.
    device : str or torch.device, default="auto"
    progress : bool, default=False

    Returns
    -------
    ClassifierMLP
        In eval mode, with ``loss_history_`` (numpy array of the step losses).

    References
    ----------
    .. [1] Dhariwal, P., Nichol, A. (2021). Diffusion models beat GANs on image
       synthesis. NeurIPS. (``scripts/classifier_train.py`` in openai/guided-diffusion.)
    .. [2] Szegedy, C. et al. (2016). Rethinking the Inception architecture for computer
       vision. CVPR.
    .. [3] Mueller, R., Kornblith, S., Hinton, G. (2019). When does label smoothing
       help? NeurIPS.
    .. [4] Loshchilov, I., Hutter, F. (2019). Decoupled weight decay regularization.
       ICLR.
    """
    dev = resolve_device(device)
    pos = as_float_tensor(X_pos, "X_pos", dev)
    neg = as_float_tensor(X_neg, "X_neg", dev)
    if pos.shape[1] != neg.shape[1]:
        raise ValueError(f"X_pos has {pos.shape[1]} columns but X_neg has {neg.shape[1]}")
    steps = _positive_int(steps, "steps")
    half = max(1, _positive_int(batch_size, "batch_size") // 2)
    lr = _positive_float(lr, "lr")
    weight_decay = _non_negative_float(weight_decay, "weight_decay")
    smoothing = _smoothing(label_smoothing)
    gen = as_generator(generator)
    model = ClassifierMLP(
        pos.shape[1], hidden_dims, time_embed_dim if diffusion is not None else None, generator=gen
    ).to(dev)
    # torch.optim.AdamW(foreach=True)'s arithmetic without its per-step overhead.
    optimizer = MultiTensorAdam(model.parameters(), lr=lr, weight_decay=weight_decay, decoupled=True)
    targets = torch.cat([torch.ones(half, device=dev), torch.zeros(half, device=dev)])
    targets = targets * (1.0 - smoothing) + smoothing / 2.0
    losses = np.empty(steps)
    model.train()
    for step in tqdm(range(steps), disable=not progress, desc="classifier"):
        x = torch.cat([pos[randint(pos.shape[0], (half,), gen, dev)], neg[randint(neg.shape[0], (half,), gen, dev)]])
        t = None
        if diffusion is not None:
            t = diffusion.sample_timesteps(x.shape[0], gen, dev)
            x = diffusion.q_sample(x, t, randn(x.shape, gen, dev))
        loss = F.binary_cross_entropy_with_logits(model(x, t), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses[step] = loss.item()
    model.eval()
    model.loss_history_ = losses
    return model


def guidance_push(diffusion, guidance, tau, x_t, t):
    """How hard a guidance pushes at one reverse step: shift size over the step's noise sd.

    The guided reverse step adds ``tau(t, beta_t) * sigma_t^2 * g`` to the mean and then
    noise of standard deviation ``sigma_t`` (:meth:`GaussianDiffusion.sample`). Their
    ratio, ``tau(t, beta_t) * sigma_t * |g|`` per row, says whether the guidance nudges
    the rows (well below 1) or overrides the denoiser (far above 1). With LReDDPM's
    ``tau = 60 / sqrt(beta_t)`` and ``sigma_t^2 = beta_t`` it is ``60 |g|`` at every step.

    Parameters
    ----------
    diffusion : GaussianDiffusion
        Gives ``beta_t`` and ``sigma_t^2`` (``diffusion.sigma2``).
    guidance : callable
        ``guidance(x_t, t) -> grad``, e.g. from :func:`classifier_guidance`.
    tau : float, str or callable
        The gradient scale, as :meth:`GaussianDiffusion.sample` takes it.
    x_t : torch.Tensor of shape (n, d)
        The rows at time ``t``.
    t : int
        The reverse step, in ``1..T``.

    Returns
    -------
    torch.Tensor of shape (n,)
        The ratio for every row (Euclidean norm of the shift over ``sigma_t``).

    Examples
    --------
    >>> import torch
    >>> from imbdiff.diffusion import GaussianDiffusion, guidance_push
    >>> d = GaussianDiffusion(timesteps=10)
    >>> def constant(x, t):  # |g| = 5
    ...     return torch.tensor([3.0, 4.0]).expand_as(x)
    >>> guidance_push(d, constant, "60/sqrt(beta)", torch.zeros(2, 2), 4)
    tensor([300., 300.], dtype=torch.float64)
    """
    step = _step(t, diffusion.timesteps)
    grad = guidance(x_t.detach(), torch.full((x_t.shape[0],), step, dtype=torch.long))
    return push_ratio(diffusion, tau_schedule(tau), grad, step)


def push_ratio(diffusion, tau_fn, grad, step):
    """:func:`guidance_push` from a gradient already computed (no second backward pass)."""
    beta = float(diffusion.betas[step - 1])
    sigma = float(diffusion.sigma2[step - 1]) ** 0.5
    scale = torch.as_tensor(tau_fn(step, beta), dtype=torch.float64).reshape(-1)
    return scale * sigma * grad.detach().double().norm(dim=1).cpu()


def _step(t, timesteps):
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 1 <= t <= timesteps:
        raise ValueError(f"t must be an integer step in 1..{timesteps}; got {t!r}")
    return int(t)


def _non_negative_float(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) or not value >= 0:
        raise ValueError(f"{name} must be a number >= 0; got {value!r}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value!r}")
    return float(value)


def _smoothing(value):
    value = _non_negative_float(value, "label_smoothing")
    if value >= 1.0:
        raise ValueError(f"label_smoothing must lie in [0, 1); got {value!r}")
    return value
