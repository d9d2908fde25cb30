"""Chapter 04 (guided sampling): the gradient scales, where the guided and unguided rows
fall, and their region types; and :func:`profile_title`, which the figures of Chapters
03, 04, 12 and 13 share.

Chapter 12's tables are in ``_ddpm_region_tables``, Chapter 13's in
``_synthetic_type_tables``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import titled
from ._common import REGION_COLOURS


# --- Chapter 04 (guided sampling): the gradient scales ----------------------------------------


def tau_curves(steps, betas, scales: dict, *, profile=None):
    """Section 5.3's gradient scales: ``tau_t`` and the step ``tau_t * beta_t`` over ``t``.

    Parameters
    ----------
    steps : array-like of shape (T,)
        The time steps ``1..T``.
    betas : array-like of shape (T,)
        The schedule's ``beta_t``.
    scales : dict of str to array-like of shape (T,)
        Name of a scale (``"60/sqrt(beta)"``, ...) -> its ``tau_t`` at each step.
    profile : Profile or str, optional
        The profile whose schedule it is (None: the paper's, which no profile changes).

    Returns
    -------
    matplotlib.figure.Figure
        Two panels on log scales, ``t`` running from ``T`` down to 1 as the reverse
        process does.
    """
    import matplotlib.pyplot as plt

    steps, betas = np.asarray(steps), np.asarray(betas, dtype=float)
    lengths = {name: len(values) for name, values in scales.items()}
    if len(steps) != len(betas) or set(lengths.values()) - {len(steps)}:
        raise ValueError(f"steps ({len(steps)}), betas ({len(betas)}) and every scale "
                         f"({lengths}) need one value per time step")
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2))
    for name, values in scales.items():
        values = np.asarray(values, dtype=float)
        left.plot(steps, values, label=rf"$\tau$ = {name}")
        right.plot(steps, values * betas, label=rf"$\tau$ = {name}")
    left.set(xlabel="t", ylabel=r"$\tau_t$", yscale="log")
    right.set(xlabel="t", ylabel=r"$\tau_t \beta_t$", yscale="log")
    for ax in (left, right):
        ax.invert_xaxis()
    left.legend(fontsize=7)
    titled(fig, f"Gradient scales over the reverse process, T = {len(steps)}",
                  profile)
    fig.tight_layout()
    return fig


# --- Chapter 04 (guided sampling): where the new rows fall ------------------------------------


def hvdm_projection(X_train, y_train, generated: dict, *, random_state=None):
    """The training rows and each set of generated rows on two principal components.

    The rows are embedded together (training rows, then every generated set, counted
    as minority rows) with :func:`imbdiff.regions.hvdm_embedding`; the components are
    those of the training rows.

    Parameters
    ----------
    X_train : DataFrame of shape (n_train, n_features)
    y_train : array-like of shape (n_train,)
    generated : dict of str to DataFrame
        Label -> generated rows, with the columns of ``X_train``.
    random_state : int, optional
        Seed of the PCA.

    Returns
    -------
    tuple
        ``(train_points, new_points)``: an array of shape (n_train, 2) and a dict of
        label -> array of shape (n_rows, 2), for :func:`projection_panels`.
    """
    from sklearn.decomposition import PCA

    from ..regions import hvdm_embedding

    if not generated:
        raise ValueError("hvdm_projection needs at least one set of generated rows")
    stacked = pd.concat([X_train, *generated.values()], ignore_index=True)
    labels = np.concatenate(
        [np.asarray(y_train)] + [np.ones(len(rows), dtype=int) for rows in generated.values()])
    embedded = hvdm_embedding(stacked, labels)
    pca = PCA(n_components=2, random_state=random_state).fit(embedded[: len(X_train)])
    points = pca.transform(embedded)
    cuts = np.cumsum([len(rows) for rows in generated.values()])[:-1]
    return points[: len(X_train)], dict(zip(generated, np.split(points[len(X_train):], cuts)))


def projection_panels(train_points, y_train, types, new_points: dict, *, profile=None):
    """One panel per set of generated rows, over the training rows, in one 2-D projection.

    Parameters
    ----------
    train_points : ndarray of shape (n_train, 2)
        The training rows, projected.
    y_train : array-like of shape (n_train,)
        1 for the minority class: drawn by region type; the majority in grey.
    types : array-like of shape (n_train,)
        The training rows' region types.
    new_points : dict of str to ndarray of shape (n_rows, 2)
        Panel title -> the generated rows, projected (black crosses).
    profile : Profile or str, optional
        The profile that generated the rows (named in the figure's title).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    train_points, y_train = np.asarray(train_points), np.asarray(y_train)
    types = np.asarray(types)
    if not len(train_points) == len(y_train) == len(types):
        raise ValueError(f"train_points, y_train and types differ in length: "
                         f"{len(train_points)}, {len(y_train)}, {len(types)}")
    fig, axes = plt.subplots(1, len(new_points), figsize=(4.2 * len(new_points), 4),
                             sharex=True, sharey=True, squeeze=False)
    for ax, (label, points) in zip(axes[0], new_points.items()):
        ax.scatter(*train_points[y_train == 0].T, s=3, c="lightgrey", label="majority")
        for kind, colour in REGION_COLOURS.items():
            mask = (y_train == 1) & (types == kind)
            ax.scatter(*train_points[mask].T, s=10, c=colour, label=f"minority: {kind}")
        ax.scatter(*np.asarray(points).T, s=8, marker="x", c="black", alpha=0.6,
                   label="generated")
        ax.set_title(label)
        ax.set_xlabel("PC 1")
    axes[0][0].set_ylabel("PC 2")
    axes[0][0].legend(fontsize=7, loc="best")
    if profile is not None:
        titled(fig, "Training rows and generated rows", profile)
    fig.tight_layout()
    return fig


# --- Chapter 04 (guided sampling): the region types of the generated rows ----------------------


def generated_type_shares(generated: dict, X_train, y_train, real_types=None):
    """The region types of each set of generated minority rows, in %.

    Each row is typed by its five nearest training rows under the training set's HVDM
    (:func:`imbdiff.regions.region_types_of`), as a real minority row would be, without
    the generated rows counting as each other's neighbours.

    Parameters
    ----------
    generated : dict of str to DataFrame
        Label -> generated rows, with the columns of ``X_train``.
    X_train : DataFrame
    y_train : array-like
        1 for the minority class.
    real_types : array-like of shape (n_train,), optional
        The training rows' own types; given, a last row ``real minority rows`` holds
        the types of the minority training rows.

    Returns
    -------
    DataFrame
        One row per label, columns the four types safe to outlier (a type no row has:
        0).
    """
    from ..regions import region_types_of

    shares = pd.DataFrame({label: _percent(region_types_of(rows, 1, X_train, y_train))
                           for label, rows in generated.items()}).T
    if real_types is not None:
        real_types, y_train = np.asarray(real_types), np.asarray(y_train)
        if len(real_types) != len(y_train):
            raise ValueError(f"real_types has {len(real_types)} rows, y_train "
                             f"{len(y_train)}")
        shares.loc["real minority rows"] = _percent(real_types[y_train == 1])
    return shares


def _percent(types) -> pd.Series:
    """The share of each region type among ``types``, in %, safe to outlier."""
    from ..regions import REGION_NAMES

    return pd.Series(types).value_counts(normalize=True).reindex(REGION_NAMES).fillna(0) * 100


def generated_type_table(shares: pd.DataFrame, region: str, *, profile=None):
    """:func:`generated_type_shares` as the chapter shows it: one decimal, the guiding
    region named in the caption.

    No value is marked best: a larger share of a type is no better in itself; the
    chapter's verdict compares the guiding type's column across the rows.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    from ..report import finished

    if region not in shares.columns:
        raise ValueError(f"unknown guiding region {region!r}; the types are "
                         f"{list(shares.columns)}")
    return finished(shares, f"Region types of the rows generated with the {region} region "
                    "guiding, in %", digits=1, profile=profile)
