"""Guidance: gradients of log p(y | x_t, ...) for the reverse process.

A guidance function has the signature ``guidance(x_t, t) -> grad`` (``t`` a LongTensor
in ``1..T``, ``grad`` of the shape of ``x_t``) and is passed to
:meth:`GaussianDiffusion.sample`, which adds ``tau(t, beta_t) * sigma_t^2 * grad`` to the
reverse mean (Dhariwal & Nichol 2021; LReDDPM Algorithm 1). The three gradient sources
of LReDDPM Sect. 5.1 are all classifiers; which rows are "positive" and which are the
"rest" is the sampler's decision:

* ``"region"`` = q(y | s): :func:`train_classifier` on clean rows (``diffusion=None``),
  evaluated at ``x_t`` (the paper's default, "to simplify the calculation");
* ``"noisy"`` = q(y | x_t) and ``"region_noisy"`` = q(y | s, x_t): time-aware classifiers
  trained on noised rows (``diffusion=...``).
"""

from __future__ import annotations


import numpy as np
import torch
from torch import nn
from torch.nn import functional as F
from tqdm.std import tqdm  # plain text bars: notebooks here have no ipywidgets

from ._network import make_linear, seeded_init_, timestep_embedding
from ._train import _positive_float, _positive_int
from ._utils import as_float_tensor, as_generator, randint, randn, resolve_device

__all__ = ["ClassifierMLP", "classifier_guidance", "train_classifier"]


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
    generator=None,
    device="auto",
    progress=False,
):
    """Train a :class:`ClassifierMLP` separating ``X_pos`` (label 1) from ``X_neg`` (0).

    Each Adam step uses a class-balanced mini-batch (half positives, half negatives,
    drawn with replacement), so small guiding regions are not swamped by the rest.
    With ``diffusion`` the classifier is time-aware: every row is replaced by
    ``x_t = q_sample(x, t, eps)`` with ``t ~ U{1..T}`` and ``t`` is an input (the noisy
    classifiers of Dhariwal & Nichol 2021). Without it, it is trained on clean rows.

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
    generator : None, int or torch.Generator
        Seeds the initialisation and every draw.
    device : str or torch.device, default="auto"
    progress : bool, default=False

    Returns
    -------
    ClassifierMLP
        In eval mode, with ``loss_history_`` (numpy array of the step losses).
    """
    dev = resolve_device(device)
    pos = as_float_tensor(X_pos, "X_pos", dev)
    neg = as_float_tensor(X_neg, "X_neg", dev)
    if pos.shape[1] != neg.shape[1]:
        raise ValueError(f"X_pos has {pos.shape[1]} columns but X_neg has {neg.shape[1]}")
    steps = _positive_int(steps, "steps")
    half = max(1, _positive_int(batch_size, "batch_size") // 2)
    lr = _positive_float(lr, "lr")
    gen = as_generator(generator)
    model = ClassifierMLP(
        pos.shape[1], hidden_dims, time_embed_dim if diffusion is not None else None, generator=gen
    ).to(dev)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=float(weight_decay))
    labels = torch.cat([torch.ones(half, device=dev), torch.zeros(half, device=dev)])
    losses = np.empty(steps)
    model.train()
    for step in tqdm(range(steps), disable=not progress, desc="classifier"):
        x = torch.cat([pos[randint(pos.shape[0], (half,), gen, dev)], neg[randint(neg.shape[0], (half,), gen, dev)]])
        t = None
        if diffusion is not None:
            t = diffusion.sample_timesteps(x.shape[0], gen, dev)
            x = diffusion.q_sample(x, t, randn(x.shape, gen, dev))
        loss = F.binary_cross_entropy_with_logits(model(x, t), labels)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        losses[step] = loss.item()
    model.eval()
    model.loss_history_ = losses
    return model
