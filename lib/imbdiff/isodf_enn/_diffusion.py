"""Chapter 03 of ISODF-ENN (Figs. 4-6): the forward process checked and drawn, the
reverse process recorded and drawn, and the networks with and without dropout measured
against real and shuffled rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import finished
from ..report import titled


def plot_reverse_process(snapshots, pca, real_train, real_held, *, profile=None):
    """Draw generated rows at steps of the reverse process beside the real rows.

    Parameters
    ----------
    snapshots : dict of int -> tensor or ndarray of shape (n, d)
        Generated rows after each recorded step ``t`` (drawn from the largest ``t``).
    pca : fitted PCA
        The two principal components of the real training rows, in model space.
    real_train, real_held : tensor or ndarray of shape (n, d)
        The real training and held-out rows, in model space.
    profile : Profile or str, optional
        Named in the figure's title.

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
    return titled(fig, "Fig. 6, ours: the reverse process", profile)


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


class SnapshotRecorder:
    """A callback of :meth:`imbdiff.diffusion.GaussianDiffusion.sample` that keeps the
    rows at chosen steps of the reverse process, without changing what it draws.

    ``sample`` calls ``recorder(t, x)`` after each step with the rows ``x`` at time
    ``t - 1`` (and once first with ``(T + 1, x_T)``).

    Parameters
    ----------
    steps : iterable of int
        The times :math:`t` whose rows are kept.

    Attributes
    ----------
    snapshots : dict of int -> tensor
        The rows at each kept time (on the CPU), in the order the reverse process
        reaches them (from :math:`t = T` down).
    """

    def __init__(self, steps):
        self.steps = set(steps)
        self.snapshots = {}

    def __call__(self, step, x):
        if step - 1 in self.steps:
            self.snapshots[step - 1] = x.cpu()


def closed_form(x0, noised, alpha_bar, t):
    """Step-by-step noising against the closed form :math:`q(x_t \\mid x_0)`.

    For every column that varies, the regression of :math:`x_t` on :math:`x_0` should
    have slope :math:`\\sqrt{\\bar\\alpha_t}` and residual variance
    :math:`1-\\bar\\alpha_t`.

    Parameters
    ----------
    x0 : tensor of shape (n, d)
        The rows before noising.
    noised : tensor of shape (c * n, d)
        ``c`` noisings of every row, noised ``t`` times one step at a time (the rows
        of ``x0`` repeated ``c`` times, in that order).
    alpha_bar : float
        :math:`\\bar\\alpha_t`.
    t : int
        The number of steps, for the row labels.

    Returns
    -------
    DataFrame
        Rows: the slope (mean over the varying columns) and the residual variance;
        columns ``step by step``, ``closed form`` and their ``difference``.
    """
    if len(noised) % len(x0):
        raise ValueError(f"noised has {len(noised)} rows, not a multiple of x0's {len(x0)}")
    x0_many = x0.double().repeat(len(noised) // len(x0), 1)
    varying = x0.double().var(0) > 1e-8  # a column constant within the rows has no slope
    centred = (x0_many - x0_many.mean(0))[:, varying]
    x = noised[:, varying]
    slope = ((x - x.mean(0)) * centred).sum(0) / (centred**2).sum(0)
    residual = (x - slope * x0_many[:, varying]).var(0)
    table = pd.DataFrame(
        {
            "step by step": [slope.mean().item(), residual.mean().item()],
            "closed form": [np.sqrt(alpha_bar), 1 - alpha_bar],
        },
        index=[f"slope of x_{t} on x_0 (mean over columns)", f"residual variance of x_{t}"],
    )
    table["difference"] = table["step by step"] - table["closed form"]
    return table


def closed_form_table(closed, *, profile=None):
    """:func:`closed_form` as the chapter shows it, four decimals."""
    return finished(closed, "The forward process noised step by step against its closed "
                    "form", profile=profile, digits=4)


def plot_forward(diffusion, x0, pca, times, *, generator, profile=None):
    """Fig. 4: the rows and :math:`x_t \\sim q(x_t \\mid x_0)` at increasing :math:`t`.

    Parameters
    ----------
    diffusion : GaussianDiffusion
    x0 : tensor of shape (n, d)
        The rows, in model space.
    pca : fitted PCA
        The plane the rows are drawn in.
    times : list of int
        One panel each (0: the rows themselves).
    generator : torch.Generator
        The noise.
    profile : Profile or str, optional
        Named in the title.

    Returns
    -------
    Figure
        Each panel's title gives the share of signal :math:`\\sqrt{\\bar\\alpha_t}`.
    """
    import matplotlib.pyplot as plt
    import torch

    if not times:
        raise ValueError("times is empty: nothing to draw")
    abar = diffusion.alpha_bars.numpy()
    fig, axes = plt.subplots(1, len(times), figsize=(2.6 * len(times), 2.7), sharex=True,
                             sharey=True, squeeze=False)
    for ax, step in zip(axes[0], times):
        noise = None if step == 0 else torch.randn(x0.shape, generator=generator)
        xt = x0 if step == 0 else diffusion.q_sample(x0, step, noise)
        P = pca.transform(xt.numpy())
        ax.scatter(P[:, 0], P[:, 1], s=6, alpha=0.7)
        share = 1.0 if step == 0 else np.sqrt(abar[step - 1])
        ax.set_title(f"t = {step}: signal {share:.2f}", fontsize=9)
        ax.set_xlabel("PC 1")
    axes[0, 0].set_ylabel("PC 2")
    return titled(fig, "Fig. 4, ours: the forward process", profile)


def plot_losses(curves, train_seed, *, window=None, profile=None):
    """The training loss of each dropout rate, as a moving average.

    Parameters
    ----------
    curves : dict of (rate, seed) -> sequence of float
        The loss after each training step.
    train_seed : int
        The seed whose curves are drawn, one line per rate.
    window : int, optional
        Steps averaged; default a fiftieth of the steps (at least 1).
    profile : Profile or str, optional
        Named in the title.

    Returns
    -------
    Figure
    """
    import matplotlib.pyplot as plt

    drawn = {rate: curve for (rate, seed), curve in curves.items() if seed == train_seed}
    if not drawn:
        raise ValueError(f"no curve was trained with the seed {train_seed}")
    fig, ax = plt.subplots(figsize=(6, 3))
    for rate, curve in drawn.items():
        width = window or max(1, len(curve) // 50)
        ax.plot(pd.Series(curve).rolling(width, min_periods=1).mean(),
                label=f"dropout {rate}")
    ax.set(xlabel="training step", ylabel=r"$L_\mathrm{simple}$ (moving average)",
           yscale="log")
    ax.legend()
    return titled(fig, "Training loss of the noise predictor", profile)


def few_valued_table(generated, train, minority, *, max_values=5, profile=None):
    """How many generated values land on a value a few-valued column takes.

    A value counts when it is within 0.1 % of the column's range (over ``minority``)
    of a training value: equal up to the float32 rounding of the sampler's last step.

    Parameters
    ----------
    generated, train, minority : DataFrame
        The generated rows, the training rows and the whole minority class.
    max_values : int, default=5
        A numeric column with at most this many distinct training values is shown.
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        One row per few-valued column: its distinct training values and the share of
        generated values on one of them.
    """
    few_valued = [column for column in train.select_dtypes("number").columns
                  if train[column].nunique() <= max_values]
    on_value = []
    for column in few_valued:
        scale = np.ptp(minority[column].to_numpy(dtype=float)) or 1.0
        close = np.isclose(generated[column].to_numpy(dtype=float)[:, None],
                           train[column].unique().astype(float)[None, :],
                           rtol=0, atol=1e-3 * scale)
        on_value.append(close.any(axis=1).mean())
    table = pd.DataFrame(
        {"distinct training values": [train[column].nunique() for column in few_valued],
         "generated values on a training value": on_value},
        index=pd.Index(few_valued, name="column"),
    )
    return finished(table, "Generated values that land on a value the column takes in "
                    "the training rows, for its few-valued numeric columns", profile=profile,
                    formats={"generated values on a training value": "{:.0%}"})


#: The measures that compare the networks (and the yardsticks), as the tables order them.
NETWORK_MEASURES = [
    "loss on held-out rows",
    "held-out - training loss",
    "MMD to held-out",
    "Wasserstein to held-out",
    "correlation gap to training rows",
    "distance to nearest training row",
]


def dropout_comparison(models, samplers, diffusion, *, x0, x_held, train, held_out, encoder,
                       scaler, device="cpu", random_state=0):
    """Each network, as it is used, beside three yardsticks, on the same measures.

    Every network (dropout off) draws as many rows as there are training rows, with its
    training seed; its denoising loss is measured on the training and held-out rows
    (:func:`denoising_losses`). The yardsticks are the real training rows, the real
    held-out rows and the training rows with every column shuffled on its own. Every
    set of rows then gets :func:`fidelity_measures`; a set's distance to itself (0 by
    construction) is left empty.

    Parameters
    ----------
    models : dict of (rate, seed) -> torch.nn.Module
        The trained noise predictors.
    samplers : dict of (rate, seed) -> torch.nn.Module
        What :meth:`GaussianDiffusion.sample` draws with for each (the clipped models).
    diffusion : GaussianDiffusion
    x0, x_held : tensor
        The training and held-out rows, in model space.
    train, held_out : DataFrame
        The same rows, in data units.
    encoder : fitted TabularTransformer
    scaler : fitted StandardScaler
        Model space is ``scaler.transform(encoder.transform(rows))``.
    device : str, default="cpu"
    random_state : int, default=0
        The shuffling and the distances' seed.

    Returns
    -------
    DataFrame
        One row per network (``rows``, ``dropout``, ``training seed``, both losses and
        their difference) then per yardstick, with :data:`NETWORK_MEASURES`' last four.
    """
    from sklearn.neighbors import NearestNeighbors

    missing = set(models) - set(samplers)
    if missing:
        raise ValueError(f"no sampler for the networks {sorted(missing)}")
    frames, records = {}, []
    for (rate, train_seed), model in models.items():
        rows_made = diffusion.sample(samplers[rate, train_seed], len(train), train_seed,
                                     device=device)
        frames[f"dropout {rate}", train_seed] = encoder.inverse_transform(
            scaler.inverse_transform(rows_made.cpu().numpy().astype(np.float64))
        )
        # The same t and noise for every network, with dropout off.
        loss = denoising_losses(diffusion, model, {"training": x0, "held-out": x_held},
                                device=device)
        records.append({
            "rows": f"dropout {rate}", "dropout": rate, "training seed": train_seed,
            "loss on training rows": loss["training"],
            "loss on held-out rows": loss["held-out"],
            "held-out - training loss": loss["held-out"] - loss["training"],
        })
    for label, frame in _yardsticks(train, held_out, random_state).items():
        frames[label, None] = frame
        records.append({"rows": label})
    nearest_train = NearestNeighbors(n_neighbors=1).fit(x0.numpy())
    for record, frame in zip(records, frames.values()):
        record.update(fidelity_measures(frame, train=train, held_out=held_out,
                                        encoder=encoder, scaler=scaler,
                                        nearest_train=nearest_train,
                                        random_state=random_state))
        record.update(_SELF_DISTANCES.get(record["rows"], {}))
    return pd.DataFrame(records)


#: The cells of a yardstick measured against itself, left empty.
_SELF_DISTANCES = {
    "real training rows": {"correlation gap to training rows": np.nan,
                           "distance to nearest training row": np.nan},
    "real held-out rows": {"MMD to held-out": np.nan, "Wasserstein to held-out": np.nan},
}


def _yardsticks(train, held_out, random_state):
    """The real training rows, the real held-out rows, and the training rows with every
    column permuted on its own (each column's distribution, no dependence)."""
    rng = np.random.default_rng(random_state)
    shuffled = pd.DataFrame(
        {c: train[c].to_numpy()[rng.permutation(len(train))] for c in train.columns},
        index=train.index,
    ).astype(train.dtypes.to_dict())
    return {"real training rows": train, "real held-out rows": held_out,
            "shuffled columns": shuffled}


def dropout_table(comparison, dataset, n_rows, *, profile=None):
    """:func:`dropout_comparison` as the chapter shows it.

    ``dataset`` and ``n_rows`` (the sub-cluster's rows) name the sub-cluster in the
    caption.
    """
    formats = {column: "{:.4f}" for column in comparison.columns
               if column not in ("rows", "dropout", "training seed")}
    formats.update({"dropout": "{:.1f}", "training seed": "{:.0f}"})
    return finished(comparison, f"{dataset}, sub-cluster of {n_rows} rows: each network "
                    "and the yardsticks", profile=profile, formats=formats, na_rep="–",
                    hide_index=True)


def dropout_networks(comparison) -> pd.DataFrame:
    """The networks' rows of :func:`dropout_comparison` (the yardsticks left out)."""
    return comparison.dropna(subset=["dropout"]).astype({"training seed": int})


def dropout_summary(comparison) -> pd.DataFrame:
    """The networks' :data:`NETWORK_MEASURES`, averaged over the training seeds per
    dropout rate (the largest rate first; rows ``"dropout <rate>"``)."""
    summary = (dropout_networks(comparison).groupby("dropout")[NETWORK_MEASURES].mean()
               .sort_index(ascending=False))
    summary.index = [f"dropout {rate}" for rate in summary.index]
    return summary


def dropout_summary_table(summary, train_seeds, *, profile=None):
    """:func:`dropout_summary` as the chapter shows it (``train_seeds``: the seeds
    averaged over)."""
    return finished(summary, f"Means over the training seeds {list(train_seeds)}; lower is "
                    "better except for the distance to the nearest training row",
                    profile=profile, digits=4)


def diffusion_claim_measures(closed, alpha_bars, t, comparison, dataset) -> pd.DataFrame:
    """What the claims of chapter 03 read.

    Parameters
    ----------
    closed : DataFrame
        :func:`closed_form`.
    alpha_bars : array
        :math:`\\bar\\alpha_t` of the schedule, for :math:`t = 1, \\dots, T`.
    t : int
        Fig. 4's step.
    comparison : DataFrame
        :func:`dropout_comparison`.
    dataset : str

    Returns
    -------
    DataFrame
        ``method, metric, mean`` (and ``split``, the training seed, for the
        networks): the slope and residual variance of ``single steps`` and the
        ``closed form``; the ``signal share`` at ``t=T`` and at Fig. 4's step
        (``t=90``, the paper's); every network's and the shuffled columns'
        :data:`NETWORK_MEASURES`.
    """
    steps = closed[["step by step", "closed form"]].to_numpy().T.ravel()
    forward = pd.DataFrame({
        "method": ["single steps"] * 2 + ["closed form"] * 2,
        "metric": ["slope", "residual variance"] * 2,
        "mean": steps,
    })
    noise = pd.DataFrame({
        "method": ["t=T", "t=90"],
        "metric": "signal share",
        "mean": np.sqrt([alpha_bars[-1], alpha_bars[t - 1]]),
    })
    runs = dropout_networks(comparison).rename(
        columns={"rows": "method", "training seed": "split"}
    ).melt(id_vars=["method", "split"], value_vars=NETWORK_MEASURES, var_name="metric",
           value_name="mean")
    shuffled = (
        comparison[comparison["rows"] == "shuffled columns"]
        .rename(columns={"rows": "method"})
        .melt(id_vars="method", value_vars=NETWORK_MEASURES, var_name="metric",
              value_name="mean")
    )
    measures = pd.concat([forward, noise, runs, shuffled], ignore_index=True)
    measures["dataset"] = dataset
    return measures
