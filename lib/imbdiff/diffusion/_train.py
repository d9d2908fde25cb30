"""Training loop for the noise-prediction network."""

from __future__ import annotations

import contextlib
import functools
import numbers

import numpy as np
import torch
from tqdm.std import tqdm  # plain text bars: notebooks here have no ipywidgets

from ._network import SeededDropout
from ._optim import MultiTensorAdam
from ._utils import as_float_tensor, as_generator, randint, resolve_device

__all__ = ["fit_denoiser"]


@contextlib.contextmanager
def seeded_dropout(model, generator):
    """Route every :class:`SeededDropout` of ``model`` to ``generator`` inside the block."""
    layers = [m for m in model.modules() if isinstance(m, SeededDropout)]
    previous = [m.generator for m in layers]
    for m in layers:
        m.generator = generator
    try:
        yield
    finally:
        for m, g in zip(layers, previous):
            m.generator = g


def _positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be a positive integer; got {value!r}")
    return int(value)


def _as_labels(y, n_rows, device):
    """``y`` as a LongTensor of one non-negative integer label per row."""
    labels = np.asarray(y.cpu() if isinstance(y, torch.Tensor) else y)
    if labels.ndim != 1 or labels.shape[0] != n_rows:
        raise ValueError(f"y must hold one label per row of X ({n_rows}); got shape {labels.shape}")
    if labels.size and (labels.dtype.kind not in "iu" or labels.min() < 0):
        raise ValueError(f"y must hold non-negative integer class labels; got dtype {labels.dtype}")
    return torch.as_tensor(labels, dtype=torch.long, device=device)


def _positive_float(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number; got {value!r}")
    return float(value)


def fit_denoiser(
    diffusion,
    model,
    X,
    y=None,
    *,
    train_steps=1000,
    batch_size=256,
    learning_rate=1e-3,
    weight_decay=0.0,
    anneal_lr=True,
    generator=None,
    device="auto",
    progress=False,
):
    """Train ``model`` to predict the noise with the simplified loss (LReDDPM Eq. 4).

    Each step draws a mini-batch of rows uniformly with replacement, one ``t`` per row
    uniform in ``1..T`` and one ``eps`` per entry, and takes an Adam step on
    :meth:`GaussianDiffusion.training_loss`. With labels ``y`` (a class-conditioned
    model, FinDiff's training) every row of the batch is passed with its own label,
    ``model(x_t, t, y=labels)``; the process itself never sees them. All randomness
    (batches, ``t``, ``eps`` and dropout masks) comes from ``generator``, never from
    the global RNG, so with a seeded model (``MLPDenoiser(..., generator=seed)``) the
    same seed gives the same weights (bit for bit on the CPU). On CUDA, bitwise
    reproducibility additionally needs ``torch.use_deterministic_algorithms(True)``,
    which this function does not set.

    Parameters
    ----------
    diffusion : GaussianDiffusion
    model : torch.nn.Module
        ``model(x_t, t) -> eps_hat`` (``model(x_t, t, y=labels)`` when ``y`` is
        given); trained in place, moved to ``device``, left in eval mode.
    X : array-like or torch.Tensor of shape (n_samples, n_features)
        Training rows, already transformed (e.g. by :class:`TabularTransformer`).
    y : array-like of int of shape (n_samples,), optional
        Class labels ``0 .. n_classes - 1`` of the rows, for a class-conditioned
        model (:class:`MLPDenoiser` with ``n_classes``). The batches are drawn exactly
        as without labels.
    train_steps : int, default=1000
    batch_size : int, default=256
        Capped at the number of rows.
    learning_rate : float, default=1e-3
    weight_decay : float, default=0.0
    anneal_lr : bool, default=True
        Decay the learning rate linearly to zero over the run (as TabDDPM does);
        ``False`` keeps it constant.
    generator : None, int or torch.Generator
    device : str or torch.device, default="auto"
    progress : bool, default=False
        Show a tqdm progress bar with the running loss.

    Returns
    -------
    numpy.ndarray of shape (train_steps,)
        The loss of every step (for plotting the training curve).

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D numeric array, or its width differs from
        ``model.n_features``, or ``y`` does not give one label per row, or a
        hyper-parameter is out of range.

    References
    ----------
    .. [1] Ho, J., Jain, A., Abbeel, P. (2020). Denoising diffusion probabilistic models.
    .. [2] Kotelnikov, A. et al. (2023). TabDDPM: Modelling tabular data with diffusion
       models. ICML.
    """
    dev = resolve_device(device)
    X = as_float_tensor(X, "X", dev)
    steps = _positive_int(train_steps, "train_steps")
    batch = min(_positive_int(batch_size, "batch_size"), X.shape[0])
    lr = _positive_float(learning_rate, "learning_rate")
    if getattr(model, "n_features", X.shape[1]) != X.shape[1]:
        raise ValueError(f"X has {X.shape[1]} columns but the model expects {model.n_features}")
    labels = None if y is None else _as_labels(y, X.shape[0], dev)
    gen = as_generator(generator)
    model.to(dev).train()
    # torch.optim.Adam(foreach=True)'s arithmetic without its per-step overhead
    # (bit-identical weights, MultiTensorAdam's docstring).
    optimizer = MultiTensorAdam(model.parameters(), lr=lr, weight_decay=float(weight_decay))
    losses = np.empty(steps)
    bar = tqdm(range(steps), disable=not progress, desc="training")
    with seeded_dropout(model, gen):
        for step in bar:
            rows = randint(X.shape[0], (batch,), gen, dev)
            # The labels reach the network through the call, not through the process.
            denoise = model if labels is None else functools.partial(model, y=labels[rows])
            loss = diffusion.training_loss(denoise, X[rows], gen)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step(lr * (1.0 - step / steps) if anneal_lr else lr)
            losses[step] = loss.item()
            if progress and step % 50 == 0:
                bar.set_postfix(loss=f"{losses[step]:.4f}")
    model.eval()
    return losses
