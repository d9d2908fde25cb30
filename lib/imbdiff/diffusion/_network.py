"""The noise-prediction network (knows nothing about the noise schedule)."""

from __future__ import annotations

import functools
import math
import numbers

import torch
from torch import nn

# The seeded building blocks are shared with the GAN baselines.
from .._nn import SeededDropout, init_linear_, make_embedding, make_linear, seeded_init_

__all__ = [
    "FixedLabelDenoiser",
    "MLPDenoiser",
    "timestep_embedding",
    "SeededDropout",
    "init_linear_",
    "make_linear",
    "seeded_init_",
]


def timestep_embedding(t, dim, max_period=10000.0):
    """Sinusoidal embedding of (possibly fractional) time steps.

    ``[cos(t * f_k), sin(t * f_k)]`` with ``f_k = max_period ** (-k / half)``,
    ``k = 0..half-1`` (Vaswani et al. 2017, as used by Ho et al. 2020 and
    openai/guided-diffusion); zero-padded when ``dim`` is odd.

    Parameters
    ----------
    t : torch.Tensor of shape (n,)
    dim : int
    max_period : float, default=10000.0

    Returns
    -------
    torch.Tensor of shape (n, dim), float32
    """
    half = dim // 2
    freqs = _frequencies(half, float(max_period), t.device)
    args = t.reshape(-1, 1).float() * freqs.reshape(1, -1)
    emb = torch.cat([torch.cos(args), torch.sin(args)], dim=1)
    if dim % 2:
        emb = torch.cat([emb, torch.zeros_like(emb[:, :1])], dim=1)
    return emb


@functools.lru_cache(maxsize=32)
def _frequencies(half, max_period, device):
    """The embedding's frequencies, computed once per width (the same values every call:
    the training and sampling loops embed ``t`` thousands of times)."""
    freqs = torch.exp(
        -math.log(max_period) * torch.arange(half, dtype=torch.float32, device=device) / max(half, 1)
    )
    return freqs


def _check_n_classes(n_classes):
    if n_classes is None:
        return None
    if isinstance(n_classes, bool) or not isinstance(n_classes, numbers.Integral) or n_classes < 2:
        raise ValueError(f"n_classes must be None or an integer >= 2; got {n_classes!r}")
    return int(n_classes)


def _check_dims(n_features, hidden_dims, time_embed_dim):
    if isinstance(n_features, bool) or not isinstance(n_features, numbers.Integral) or n_features < 1:
        raise ValueError(f"n_features must be a positive integer; got {n_features!r}")
    hidden = tuple(hidden_dims)
    if any(isinstance(h, bool) or not isinstance(h, numbers.Integral) or h < 1 for h in hidden):
        raise ValueError(f"hidden_dims must be positive integers; got {hidden_dims!r}")
    if isinstance(time_embed_dim, bool) or not isinstance(time_embed_dim, numbers.Integral) or time_embed_dim < 2:
        raise ValueError(f"time_embed_dim must be an integer >= 2; got {time_embed_dim!r}")
    return int(n_features), tuple(int(h) for h in hidden), int(time_embed_dim)


class MLPDenoiser(nn.Module):
    """MLP that predicts the noise ``eps`` from ``(x_t, t)``, or from ``(x_t, t, y)``.

    ``h = W_in x_t + TimeMLP(emb(t))`` with ``emb`` the sinusoidal embedding
    (:func:`timestep_embedding`) and ``TimeMLP = Linear-SiLU-Linear``; then for each
    width in ``hidden_dims`` a ``Linear-SiLU-Dropout`` block; then a linear read-out
    to ``n_features``. This is TabDDPM's ``MLPDiffusion`` (time embedding added to the
    projected input) with SiLU activations.

    With ``n_classes`` the network is class-conditioned the way FinDiff is (Sattarov
    et al. 2023, ``MLPSynthesizer(n_classes=...)``): a learned embedding of the class
    label, of the time embedding's width, is added to the time embedding,
    ``h = W_in x_t + TimeMLP(emb(t)) + E[y]``, and every call must pass ``y``.

    Parameters
    ----------
    n_features : int
        Width of a (transformed) data row.
    hidden_dims : sequence of int, default=(256, 256)
    time_embed_dim : int, default=128
        Width of the sinusoidal embedding and of the projected input.
    dropout : float, default=0.0
        Dropout after each hidden block (ISODF-ENN's BP network uses 0.5).
    generator : None, int or torch.Generator, default=None
        Seeds the weight initialisation (PyTorch's default scheme, drawn from this
        generator). ``None`` uses the global torch RNG like any ``nn.Module``.
    n_classes : int or None, default=None
        Number of class labels for a class-conditioned network (labels ``0 ..
        n_classes - 1``); ``None`` for an unconditioned one. The label embedding is
        initialised after every linear layer, so a conditioned and an unconditioned
        network built with the same ``generator`` share their linear weights.

    References
    ----------
    .. [1] Ho, J., Jain, A., Abbeel, P. (2020). Denoising diffusion probabilistic models.
    .. [2] Kotelnikov, A. et al. (2023). TabDDPM: Modelling tabular data with diffusion
       models. ICML.
    .. [3] Sattarov, T., Schreyer, M., Borth, D. (2023). FinDiff: Diffusion models for
       financial tabular data generation. ICAIF.
    """

    def __init__(
        self,
        n_features,
        hidden_dims=(256, 256),
        time_embed_dim=128,
        dropout=0.0,
        generator=None,
        n_classes=None,
    ):
        super().__init__()
        n_features, hidden, ted = _check_dims(n_features, hidden_dims, time_embed_dim)
        self.n_classes = _check_n_classes(n_classes)
        self.n_features = n_features
        self.hidden_dims = hidden
        self.time_embed_dim = ted
        self.dropout = float(dropout)
        seeded = generator is not None
        self.time_mlp = nn.Sequential(make_linear(ted, ted, seeded), nn.SiLU(), make_linear(ted, ted, seeded))
        self.in_proj = make_linear(n_features, ted, seeded)
        blocks, width = [], ted
        for h in hidden:
            blocks += [make_linear(width, h, seeded), nn.SiLU(), SeededDropout(dropout)]
            width = h
        self.blocks = nn.Sequential(*blocks)
        self.out = make_linear(width, n_features, seeded)
        # Registered last: seeded_init_ then draws the linear layers exactly as for an
        # unconditioned network of the same seed.
        self.label_embed = None
        if self.n_classes is not None:
            self.label_embed = make_embedding(self.n_classes, ted, seeded)
        if generator is not None:
            seeded_init_(self, generator)

    def forward(self, x, t, y=None):
        """Predict ``eps`` for rows ``x`` (n, d) at time steps ``t`` (n,) in 1..T.

        ``y`` (n,): integer class labels in ``0 .. n_classes - 1``, required by a
        class-conditioned network and refused by an unconditioned one.
        """
        emb = self.time_mlp(timestep_embedding(t, self.time_embed_dim))
        label_embed = getattr(self, "label_embed", None)  # absent from networks pickled before it
        if label_embed is not None:
            emb = emb + label_embed(self._check_labels(y, x))
        elif y is not None:
            raise ValueError("this denoiser is not class-conditioned (n_classes=None); omit y")
        return self.out(self.blocks(self.in_proj(x) + emb))

    def _check_labels(self, y, x):
        if y is None:
            raise ValueError(f"a class-conditioned denoiser ({self.n_classes} classes) needs y")
        y = torch.as_tensor(y, device=x.device)
        if y.dtype.is_floating_point or y.dtype == torch.bool or y.shape != x.shape[:1]:
            got = f"{y.dtype}, shape {tuple(y.shape)}"
            raise ValueError(f"y must hold one integer label per row ({x.shape[0]}); got {got}")
        if y.numel() and (int(y.min()) < 0 or int(y.max()) >= self.n_classes):
            low, high = int(y.min()), int(y.max())
            raise ValueError(f"labels must lie in 0..{self.n_classes - 1}; got {low}..{high}")
        return y.long()


class FixedLabelDenoiser(nn.Module):
    """A class-conditioned denoiser with its label fixed: ``model(x, t) = denoiser(x, t, y)``.

    The diffusion process, the clipping wrapper and the guidance functions call
    ``model(x_t, t)``; binding the class here keeps them free of labels.

    Parameters
    ----------
    denoiser : MLPDenoiser
        A class-conditioned network (``n_classes`` set).
    label : int
        The label every row is generated with, in ``0 .. n_classes - 1``.
    """

    def __init__(self, denoiser, label):
        super().__init__()
        n_classes = getattr(denoiser, "n_classes", None)
        if n_classes is None:
            raise ValueError("FixedLabelDenoiser needs a class-conditioned denoiser (n_classes)")
        is_int = isinstance(label, numbers.Integral) and not isinstance(label, bool)
        if not is_int or not 0 <= label < n_classes:
            raise ValueError(f"label must be an integer in 0..{n_classes - 1}; got {label!r}")
        self.denoiser = denoiser
        self.label = int(label)
        self.n_features = denoiser.n_features

    def forward(self, x, t):
        labels = torch.full((x.shape[0],), self.label, dtype=torch.long, device=x.device)
        return self.denoiser(x, t, labels)
