"""Chapter 03 (a denoising diffusion model for tabular rows): the figures of the schedule,
the forward noising and the training loss, and how the generated rows compare with real
ones (Kolmogorov-Smirnov statistics per column, the gap in rank correlations).

The chapter runs the model itself (:mod:`imbdiff.diffusion`); these functions only
draw and tabulate what it computed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import titled


def schedule_figure(diffusion, *, profile=None):
    """The noise schedule: ``beta_t``, and the shares of signal and noise left in ``x_t``.

    Parameters
    ----------
    diffusion : imbdiff.diffusion.GaussianDiffusion
    profile : Profile or str, optional
        The profile whose ``T`` the schedule has (named in the title).

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: ``beta_t`` against ``t``; ``sqrt(abar_t)`` (signal) and
        ``sqrt(1 - abar_t)`` (noise) against ``t``.
    """
    import matplotlib.pyplot as plt

    steps = np.arange(1, diffusion.timesteps + 1)
    abar = diffusion.alpha_bars.numpy()
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3))
    left.plot(steps, diffusion.betas.numpy())
    left.set(xlabel="t", ylabel=r"$\beta_t$")
    right.plot(steps, np.sqrt(abar), label=r"signal $\sqrt{\bar\alpha_t}$")
    right.plot(steps, np.sqrt(1 - abar), label=r"noise $\sqrt{1-\bar\alpha_t}$")
    right.set(xlabel="t")
    right.legend()
    titled(fig, f"Linear schedule, T = {diffusion.timesteps}", profile)
    fig.tight_layout()
    return fig


def noising_panels(noised: dict, columns, names, *, profile=None):
    """One scatter panel per time step of the forward process, two columns of the rows.

    Parameters
    ----------
    noised : dict of int to array-like of shape (n_rows, n_features)
        Time step ``t`` -> the rows ``x_t`` in model space (as
        :meth:`GaussianDiffusion.q_sample` returns them), in the order to draw.
    columns : pair of int
        The two positions in model space to draw.
    names : pair of str
        Their column names (the axes' labels).
    profile : Profile or str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if len(columns) != 2 or len(names) != 2:
        raise ValueError(f"noising_panels draws two columns; got columns {list(columns)} "
                         f"named {list(names)}")
    if not noised:
        raise ValueError("noising_panels needs at least one time step")
    fig, axes = plt.subplots(1, len(noised), figsize=(2.6 * len(noised), 2.6), sharex=True,
                             sharey=True, squeeze=False)
    for ax, (step, rows) in zip(axes[0], noised.items()):
        rows = np.asarray(rows)
        ax.scatter(rows[:, columns[0]], rows[:, columns[1]], s=4, alpha=0.6)
        ax.set_title(f"t = {step}")
        ax.set_xlabel(names[0])
    axes[0][0].set_ylabel(names[1])
    titled(fig, "Forward process on the minority class", profile)
    fig.tight_layout()
    return fig


def loss_curve(losses, *, window: int, profile=None):
    """The training loss per step and its moving average over ``window`` steps (log scale).

    Parameters
    ----------
    losses : sequence of float
        One value per training step (:func:`imbdiff.diffusion.fit_denoiser`).
    window : int
        Steps in the moving average (at least 1).
    profile : Profile or str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if int(window) < 1 or len(losses) == 0:
        raise ValueError(f"loss_curve needs losses and a window of at least 1 step; got "
                         f"{len(losses)} losses, window {window}")
    smooth = pd.Series(losses).rolling(window, min_periods=1).mean()
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.plot(losses, alpha=0.3, label="per step")
    ax.plot(smooth, label=f"moving average ({window} steps)")
    ax.set(xlabel="training step", ylabel=r"$L_\mathrm{simple}$", yscale="log")
    ax.legend()
    titled(fig, "Training loss", profile)
    fig.tight_layout()
    return fig


def marginal_histograms(real: pd.DataFrame, generated: pd.DataFrame, columns, *,
                        profile=None):
    """One histogram panel per column: real rows against generated rows (densities).

    The bins are 20 of equal width over the real rows' range, four panels a line.

    Parameters
    ----------
    real, generated : DataFrame
        Both holding ``columns``.
    columns : list of str
        Numeric columns, one panel each.
    profile : Profile or str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    columns = list(columns)
    _check_columns({"real": real, "generated": generated}, columns)
    n_wide = min(4, len(columns))
    n_lines = int(np.ceil(len(columns) / n_wide))
    fig, axes = plt.subplots(n_lines, n_wide, figsize=(2.8 * n_wide, 2.2 * n_lines),
                             squeeze=False)
    for ax, column in zip(axes.flat, columns):
        bins = np.histogram_bin_edges(real[column], bins=20)
        ax.hist(real[column], bins=bins, alpha=0.5, density=True, label="real")
        ax.hist(generated[column], bins=bins, alpha=0.5, density=True, label="generated")
        ax.set_title(column, fontsize=9)
        ax.tick_params(labelsize=7)
    for ax in axes.flat[len(columns):]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=7)
    titled(fig, "Marginals of the minority rows", profile)
    fig.tight_layout()
    return fig


def _check_columns(samples: dict, columns):
    if not columns:
        raise ValueError("no column to compare")
    for label, frame in samples.items():
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValueError(f"the {label} rows lack the columns {missing}")


def ks_statistics(samples: dict, reference: pd.DataFrame, columns) -> pd.DataFrame:
    """The two-sample Kolmogorov-Smirnov statistic of each sample against the reference,
    column by column.

    Parameters
    ----------
    samples : dict of str to DataFrame
        Label -> rows (generated rows, held-out real rows, ...).
    reference : DataFrame
        The rows compared with (the training rows).
    columns : list of str
        Numeric columns.

    Returns
    -------
    DataFrame
        Indexed by column (named ``column``), one column per sample label, in order.
    """
    from scipy import stats

    columns = list(columns)
    _check_columns({"reference": reference, **samples}, columns)
    return pd.DataFrame(
        {label: [stats.ks_2samp(frame[c], reference[c], method="asymp").statistic
                 for c in columns]
         for label, frame in samples.items()},
        index=pd.Index(columns, name="column"),
    )


def ks_table(ks: pd.DataFrame, *, profile=None):
    """:func:`ks_statistics` as the chapter shows it: three decimals, captioned.

    Returns
    -------
    pandas.io.formats.style.Styler
        Columns ``KS <sample> vs train``.
    """
    from ..report import finished

    shown = ks.rename(columns=lambda label: f"KS {label} vs train")
    return finished(shown, "Kolmogorov-Smirnov statistic per numeric column", digits=3,
                    profile=profile)


def rank_correlation_gaps(samples: dict, reference: pd.DataFrame, columns) -> pd.Series:
    """How far each sample's Spearman rank correlations are from the reference's.

    Rank correlations, not Pearson's: they do not depend on each column's scale, which
    the model's quantile transform changes.

    Parameters
    ----------
    samples : dict of str to DataFrame
    reference : DataFrame
    columns : list of str
        Numeric columns (at least two).

    Returns
    -------
    Series
        Sample label -> the root-mean-square difference between its correlation matrix
        and the reference's (pairs undefined in either, such as a constant column,
        left out).
    """
    columns = list(columns)
    _check_columns({"reference": reference, **samples}, columns)
    if len(columns) < 2:
        raise ValueError(f"a correlation needs two columns; got {columns}")
    target = reference[columns].corr("spearman")
    gaps = {label: np.sqrt(np.nanmean(np.square(
                (frame[columns].corr("spearman") - target).to_numpy())))
            for label, frame in samples.items()}
    return pd.Series(gaps, name="RMS gap to the training rows' rank correlations")


def rank_gap_table(gaps: pd.Series, *, profile=None):
    """:func:`rank_correlation_gaps` as the chapter shows it: three decimals, captioned.

    No value is marked best: the held-out real rows' gap is the level to reach, not
    the smallest gap.

    Returns
    -------
    pandas.io.formats.style.Styler
        One column, one row per sample.
    """
    from ..report import finished

    return finished(gaps.to_frame(), "Gap between each sample's rank correlations and "
                    "the training rows'", digits=3, profile=profile)
