"""Training loop for the noise-prediction network."""

from __future__ import annotations

import contextlib
import functools
import numbers

import numpy as np
import torch
from tqdm.std import tqdm  # plain text bars: notebooks here have no ipywidgets

from ._network import SeededDropout
from .._optim import MultiTensorAdam
from ._utils import as_float_tensor, as_generator, randint, randn, resolve_device

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
    early_stopping=False,
    validation_fraction=0.1,
    n_iter_no_change=5,
    validation_interval=100,
    tol=1e-3,
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
        ``False`` keeps it constant. With early stopping the decay still spans
        ``train_steps``.
    early_stopping : bool, default=False
        Stop when the denoising loss of held-out rows stops improving (see Notes);
        ``train_steps`` is then the most steps taken.
    validation_fraction : float in (0, 1), default=0.1
        Share of the rows held out (at least one, and at least one left to train on).
    n_iter_no_change : int, default=5
        Patience: stop after this many checks in a row without improvement.
    validation_interval : int, default=100
        Steps between two checks of the held-out loss.
    tol : float, default=1e-3
        A check improves when its loss is below ``(1 - tol)`` times the best so far.
    generator : None, int or torch.Generator
    device : str or torch.device, default="auto"
    progress : bool, default=False
        Show a tqdm progress bar with the running loss.

    Returns
    -------
    numpy.ndarray of shape (n_steps,)
        The loss of every step taken (for plotting the training curve): ``train_steps``
        of them, or fewer when early stopping stopped the run.

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D numeric array, or its width differs from
        ``model.n_features``, or ``y`` does not give one label per row, or a
        hyper-parameter is out of range.

    Notes
    -----
    Early stopping (``early_stopping=True``): before training, a seeded draw from
    ``generator`` holds out ``validation_fraction`` of the rows (stratified by label
    for a class-conditioned model: each label keeps at least one training row) and
    fixes their validation draws once: every held-out row is repeated to at least
    :data:`VALIDATION_DRAWS` draws, with time steps spread evenly over ``1..T`` and
    one fixed ``eps`` each, so the held-out loss is a deterministic function of the
    weights (no draw noise between checks). Every ``validation_interval`` steps that
    loss is computed (dropout off); after ``n_iter_no_change`` checks in a row
    without a relative improvement of ``tol``, training stops and the weights of the
    best check are restored (as scikit-learn's ``MLPClassifier(early_stopping=True)``
    does). The held-out rows never train the network. The validation losses are kept
    as ``model.validation_history_`` (one per check; ``model.best_step_`` is the
    number of steps of the restored weights).

    References
    ----------
    .. [1] Ho, J., Jain, A., Abbeel, P. (2020). Denoising diffusion probabilistic models.
    .. [2] Kotelnikov, A. et al. (2023). TabDDPM: Modelling tabular data with diffusion
       models. ICML.
    .. [3] Prechelt, L. (1998). Early stopping - but when? In Neural Networks: Tricks
       of the Trade, LNCS 1524, 55-69.
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
    monitor = None
    if early_stopping:
        stopping = _StoppingRule(validation_fraction, n_iter_no_change, validation_interval, tol)
        X, labels, monitor = stopping.split(diffusion, X, labels, gen)
        batch = min(batch, X.shape[0])
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
            if monitor is not None and monitor.should_stop(model, step + 1):
                losses = losses[: step + 1]
                break
    if monitor is not None:
        monitor.restore_best(model, len(losses))
    model.eval()
    return losses


#: Fewest validation draws (held-out rows x time steps) per check of early stopping.
VALIDATION_DRAWS = 512


class _StoppingRule:
    """Early stopping's settings: validated, and able to split the rows."""

    def __init__(self, validation_fraction, n_iter_no_change, validation_interval, tol):
        fraction = _positive_float(validation_fraction, "validation_fraction")
        if fraction >= 1:
            raise ValueError(f"validation_fraction must lie in (0, 1); got {validation_fraction!r}")
        self.fraction = fraction
        self.patience = _positive_int(n_iter_no_change, "n_iter_no_change")
        self.interval = _positive_int(validation_interval, "validation_interval")
        if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not 0 <= tol < 1:
            raise ValueError(f"tol must be a number in [0, 1); got {tol!r}")
        self.tol = float(tol)

    def split(self, diffusion, X, labels, gen):
        """``(X_train, labels_train, monitor)``: held-out rows drawn from ``gen``."""
        held_out = _held_out_mask(X.shape[0], labels, self.fraction, gen)
        keep = ~held_out
        monitor = _HeldOutLoss(
            diffusion, X[held_out], None if labels is None else labels[held_out], gen, self
        )
        return X[keep], None if labels is None else labels[keep], monitor


def _held_out_mask(n_rows, labels, fraction, gen):
    """Boolean tensor: ``round(fraction * n)`` rows per label (at least one), leaving at
    least one row of every label to train on; one seeded permutation per label."""
    groups = [torch.arange(n_rows)] if labels is None else [
        torch.nonzero(labels.cpu() == label).ravel() for label in torch.unique(labels.cpu())
    ]
    held_out = torch.zeros(n_rows, dtype=torch.bool)
    for rows in groups:
        if rows.numel() < 2:
            raise ValueError(
                f"early stopping needs at least 2 rows (of every label) to hold one out; "
                f"got {rows.numel()}"
            )
        count = min(max(1, round(fraction * rows.numel())), rows.numel() - 1)
        order = torch.randperm(rows.numel(), generator=gen)
        held_out[rows[order[:count]]] = True
    return held_out.to(labels.device if labels is not None else "cpu")


class _HeldOutLoss:
    """The held-out denoising loss with fixed draws, and the early-stopping decision."""

    def __init__(self, diffusion, X_val, labels_val, gen, rule):
        repeats = -(-VALIDATION_DRAWS // X_val.shape[0])  # ceil
        n_draws = repeats * X_val.shape[0]
        # Time steps spread evenly over 1..T (midpoints of n_draws equal bins), so each
        # check weighs the whole schedule alike; eps drawn once.
        grid = (torch.arange(n_draws, dtype=torch.float64) + 0.5) * diffusion.timesteps / n_draws
        t = (grid.floor().long() + 1).clamp(max=diffusion.timesteps).to(X_val.device)
        x0 = X_val.repeat(repeats, 1)
        eps = randn(x0.shape, gen, X_val.device, X_val.dtype)
        self.x_t, self.t, self.eps = diffusion.q_sample(x0, t, eps), t, eps
        self.labels = None if labels_val is None else labels_val.repeat(repeats)
        self.rule = rule
        self.best, self.best_step, self.best_state, self.bad_checks = np.inf, 0, None, 0
        self.history = []

    def loss(self, model):
        was_training = model.training
        model.eval()
        with torch.no_grad():
            extra = {} if self.labels is None else {"y": self.labels}
            value = float(torch.mean((self.eps - model(self.x_t, self.t, **extra)) ** 2))
        model.train(was_training)
        return value

    def should_stop(self, model, n_steps):
        """Check after ``n_steps`` steps (every ``interval``); True when patience runs out."""
        if n_steps % self.rule.interval:
            return False
        value = self.loss(model)
        self.history.append(value)
        if value < self.best * (1.0 - self.rule.tol):
            self.best, self.best_step, self.bad_checks = value, n_steps, 0
            self.best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            return False
        self.bad_checks += 1
        return self.bad_checks >= self.rule.patience

    def restore_best(self, model, n_steps):
        """Load the best check's weights (no check yet: keep the last ones)."""
        if self.best_state is not None:
            model.load_state_dict(self.best_state)
        model.validation_history_ = np.asarray(self.history)
        model.best_step_ = self.best_step if self.best_state is not None else n_steps
