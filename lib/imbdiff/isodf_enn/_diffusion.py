"""Chapter 03 of ISODF-ENN: the reverse process drawn, the denoising losses and the
fidelity of the generated rows.
"""

from __future__ import annotations

import numpy as np


def plot_reverse_process(snapshots, pca, real_train, real_held):
    """Draw generated rows at steps of the reverse process beside the real rows.

    Parameters
    ----------
    snapshots : dict of int -> tensor or ndarray of shape (n, d)
        Generated rows after each recorded step ``t`` (drawn from the largest ``t``).
    pca : fitted PCA
        The two principal components of the real training rows, in model space.
    real_train, real_held : tensor or ndarray of shape (n, d)
        The real training and held-out rows, in model space.

    Returns
    -------
    Figure
        One panel per step, then the real rows; shared square limits.
    """
    import matplotlib.pyplot as plt

    if not snapshots:
        raise ValueError("snapshots is empty: nothing to draw")
    project = {step: pca.transform(np.asarray(x)) for step, x in snapshots.items()}
    train_2d, held_2d = pca.transform(np.asarray(real_train)), pca.transform(
        np.asarray(real_held)
    )
    n_panels = len(snapshots) + 1
    fig, axes = plt.subplots(
        1, n_panels, figsize=(2.5 * n_panels, 2.7), sharex=True, sharey=True
    )
    for ax, step in zip(axes, sorted(project, reverse=True)):
        ax.scatter(project[step][:, 0], project[step][:, 1], s=6, alpha=0.7,
                   color="tab:green")
        ax.set_title(f"generated, t = {step}", fontsize=9)
    axes[-1].scatter(train_2d[:, 0], train_2d[:, 1], s=6, alpha=0.7, label="training")
    axes[-1].scatter(held_2d[:, 0], held_2d[:, 1], s=10, alpha=0.9, label="held out")
    axes[-1].set_title("real sub-cluster", fontsize=9)
    axes[-1].legend(fontsize=7)
    limit = np.abs(np.vstack([train_2d, held_2d, *project.values()])).max() * 1.1
    axes[0].set(xlim=(-limit, limit), ylim=(-limit, limit), ylabel="PC 2")
    for ax in axes:
        ax.set_xlabel("PC 1")
    fig.tight_layout()
    return fig


def denoising_losses(diffusion, model, parts, *, n_draws=40, generator_seed=12345,
                     device="cpu"):
    """Mean simplified DDPM loss of a network on sets of rows, with shared draws.

    Every set (and every network given the same ``generator_seed``) sees the same
    draws of :math:`t` and :math:`\\epsilon`, so differences come from the rows and
    the network, not from the draws. The network is put in evaluation mode (dropout
    off), as it is used when sampling.

    Parameters
    ----------
    diffusion : GaussianDiffusion
    model : torch.nn.Module
    parts : dict of label -> tensor of shape (n, d)
    n_draws : int, default=40
        Batches of draws averaged per set.
    generator_seed : int, default=12345
    device : str, default="cpu"

    Returns
    -------
    dict of label -> float
    """
    import torch

    if n_draws < 1:
        raise ValueError(f"n_draws must be at least 1, got {n_draws}")
    model = model.to(device).eval()
    losses = {}
    for label, x in parts.items():
        draws = torch.Generator().manual_seed(generator_seed)
        with torch.no_grad():
            losses[label] = np.mean([
                diffusion.training_loss(model, x.to(device), draws).item()
                for _ in range(n_draws)
            ])
    return losses


def fidelity_measures(frame, *, train, held_out, encoder, scaler, nearest_train,
                      random_state=0):
    """How close a set of rows is to a sub-cluster's real rows, on four measures.

    Parameters
    ----------
    frame : DataFrame
        The rows measured (generated, real or shuffled), in data units.
    train, held_out : DataFrame
        The sub-cluster's real training and held-out rows.
    encoder : fitted TabularTransformer
    scaler : fitted StandardScaler
        Together, the encoding to model space that the nearest-neighbour search uses:
        ``scaler.transform(encoder.transform(frame))``.
    nearest_train : fitted NearestNeighbors
        Fitted on the training rows in model space, ``n_neighbors=1``.
    random_state : int, default=0

    Returns
    -------
    dict
        ``MMD to held-out`` and ``Wasserstein to held-out``
        (:func:`imbdiff.metrics.mmd`, :func:`imbdiff.metrics.wasserstein`), the
        ``correlation gap to training rows`` (root mean square difference of the
        Spearman correlations of the numeric columns, ignoring constant columns) and
        the median ``distance to nearest training row``.
    """
    from imbdiff.metrics import mmd, wasserstein

    numeric = train.select_dtypes("number").columns
    gap = frame[numeric].corr("spearman") - train[numeric].corr("spearman")
    return {
        "MMD to held-out": mmd(held_out, frame, random_state=random_state),
        "Wasserstein to held-out": wasserstein(held_out, frame, random_state=random_state),
        "correlation gap to training rows": np.sqrt(np.nanmean(np.square(gap.to_numpy()))),
        "distance to nearest training row": np.median(
            nearest_train.kneighbors(
            scaler.transform(encoder.transform(frame, dtype=np.float64))
        )[0]
        ),
    }
