"""Run profiles: how much work a notebook does.

Every notebook of the book reads one profile name from its ``parameters`` cell and asks
:func:`get` for the settings it needs, so that one switch moves the whole book between

``smoke``
    seconds per notebook: the test suite executes every chapter this way;
``default``
    the rendered book: hours to compute on a 2-core CPU, so its cells are kept in the
    results store (``book/results``) and ``make book`` reads them in minutes;
``paper``
    the papers' exact settings (T = 1000, every repeat, every dataset).

A notebook may override any single setting through its own parameters (papermill ``-p``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

__all__ = ["Profile", "PROFILES", "get", "names"]

LREDDPM_DATASETS = (
    "segment0",
    "spambase",
    "spectfheart",
    "turkish",
    "yeast3",
    "page0",
    "rice",
    "crg",
    "abalone17",
    "parkin",
)

# ISODF-ENN names yeast1, vehicle0, flare-F and segment0 among its 8 KEEL sets; the other
# four are KEEL's usual imbalanced sets chosen to span the paper's "small to large,
# slightly to highly imbalanced": glass1 (214 rows, IR 1.82), pima (768, 1.87),
# ecoli3 (336, 8.6) and yeast4 (1484, 28.1).
ISODF_ENN_DATASETS = (
    "yeast1",
    "vehicle0",
    "flare-F",
    "segment0",
    "glass1",
    "pima",
    "ecoli3",
    "yeast4",
)

#: KEEL sets neither paper uses, spanning IR 2.8-100 and 306-2,225 rows.
BEYOND_NEW_DATASETS = (
    "haberman",
    "yeast-2_vs_8",
    "abalone9-18",
    "vowel0",
    "winequality-red-4",
    "kddcup-rootkit-imap_vs_back",
)

#: Both papers' datasets and the new KEEL sets, each once.
BEYOND_ALL_DATASETS = tuple(
    dict.fromkeys((*LREDDPM_DATASETS, *ISODF_ENN_DATASETS, *BEYOND_NEW_DATASETS))
)

# The side-by-side chapter's default subset: two datasets of each kind, small (at most
# 1,000 rows) or large, with a low (at most 9) or high imbalance ratio (KEEL's split at
# IR 9): glass1 (214 rows, IR 1.82), haberman (306, 2.78), yeast-2_vs_8 (482, 23.1),
# abalone9-18 (731, 16.4), flare-F (1066, 23.8), yeast3 (1484, 8.10), winequality-red-4
# (1599, 29.2) and segment0 (2308, 6.02). The paper profile runs every dataset of
# imbdiff.beyond.BEYOND_DATASETS.
BEYOND_DEFAULT_DATASETS = (
    "glass1",
    "haberman",
    "yeast-2_vs_8",
    "abalone9-18",
    "flare-F",
    "yeast3",
    "winequality-red-4",
    "segment0",
)


@dataclass(frozen=True)
class Profile:
    """Settings shared by the notebooks.

    Attributes
    ----------
    name : str
        ``"smoke"``, ``"default"`` or ``"paper"``.
    datasets : tuple of str
        The LReDDPM datasets a chapter runs on (Table 1's names).
    timesteps : int
        Diffusion steps T.
    train_steps : int
        Optimiser steps for every diffusion model.
    splits : int
        Independent splits every comparative grid runs over, each with its own
        sampler seed: hold-out splits (seeds ``seed, seed + 1, ...``) for LReDDPM,
        repetitions of the cross-validation for ISODF-ENN. Tables show the mean and
        the standard deviation over them; verdicts carry intervals over them.
    repeats : int
        Classifier seeds averaged per cell (the paper: 10 decision-tree seeds).
    gan_epochs : int
        Training epochs of the GAN and VAE baselines (CTGAN, TVAE, GAN, WGAN-GP).
    isodf_datasets : tuple of str
        The ISODF-ENN chapters' KEEL datasets.
    cv_folds : int
        Folds of the ISODF-ENN protocol's stratified cross-validation (the paper: 5).
    isodf_train_steps : int
        Optimiser steps of each of ISODF-ENN's per-sub-cluster diffusion networks
        (its paper does not say; a sub-cluster holds a few dozen rows, and one fit
        trains four to seven networks).
    beyond_datasets : tuple of str
        The side-by-side chapter's datasets (``notebooks/beyond``).
    beyond_splits : int
        Repetitions of that chapter's ``cv_folds``-fold cross-validation: ten methods
        on every dataset make each repetition costly, so the default profile runs one
        (see the chapter's cost section) and the paper profile ``splits``.
    probe_splits : int
        Hold-out splits of the probe of LReDDPM's "Original" decision-tree AUC
        (chapter 06): the tree alone is cheap, so every profile but smoke runs the
        paper's ten.
    """

    name: str
    datasets: tuple[str, ...]
    timesteps: int
    train_steps: int
    splits: int
    repeats: int
    gan_epochs: int
    isodf_datasets: tuple[str, ...]
    cv_folds: int
    isodf_train_steps: int
    beyond_datasets: tuple[str, ...] = BEYOND_DEFAULT_DATASETS
    beyond_splits: int = 1
    probe_splits: int = 10

    def as_dict(self) -> dict:
        return asdict(self)


PROFILES = {
    "smoke": Profile(
        name="smoke",
        datasets=("segment0", "crg"),
        timesteps=20,
        train_steps=20,
        splits=2,
        repeats=2,
        gan_epochs=2,
        isodf_datasets=("yeast1", "glass1"),
        cv_folds=2,
        isodf_train_steps=20,
        beyond_datasets=("glass1", "haberman", "ecoli3"),
        beyond_splits=1,
        probe_splits=2,
    ),
    "default": Profile(
        name="default",
        datasets=LREDDPM_DATASETS,
        timesteps=1000,
        train_steps=2000,
        splits=5,
        repeats=10,
        gan_epochs=300,
        isodf_datasets=ISODF_ENN_DATASETS,
        cv_folds=5,
        isodf_train_steps=1000,
        beyond_datasets=BEYOND_DEFAULT_DATASETS,
        beyond_splits=1,
    ),
    "paper": Profile(
        name="paper",
        datasets=LREDDPM_DATASETS,
        timesteps=1000,
        train_steps=10000,
        splits=10,
        repeats=10,
        gan_epochs=300,
        isodf_datasets=ISODF_ENN_DATASETS,
        cv_folds=5,
        isodf_train_steps=10000,
        beyond_datasets=BEYOND_ALL_DATASETS,
        beyond_splits=10,
    ),
}


def names() -> list[str]:
    """Return the profile names, cheapest first."""
    return list(PROFILES)


def get(name: str, **overrides) -> Profile:
    """Return the profile called ``name``, with any field replaced by ``overrides``.

    Parameters
    ----------
    name : {"smoke", "default", "paper"}
        The profile.
    **overrides
        Fields to replace, for example ``datasets=("yeast3",)``; ``None`` values are
        ignored so that a notebook can pass its optional parameters straight through.

    Returns
    -------
    Profile

    Raises
    ------
    ValueError
        If ``name`` is not a profile or an override names no field.
    """
    if name not in PROFILES:
        raise ValueError(f"unknown profile {name!r}; choose one of {names()}")
    fields = set(Profile.__dataclass_fields__) - {"name"}
    unknown = set(overrides) - fields
    if unknown:
        raise ValueError(
            f"unknown profile setting(s) {sorted(unknown)}; settings are {sorted(fields)}"
        )
    given = {key: value for key, value in overrides.items() if value is not None}
    for key in ("datasets", "isodf_datasets", "beyond_datasets"):
        if key in given:
            given[key] = _as_tuple(given[key])
    return replace(PROFILES[name], **given)


def _as_tuple(datasets) -> tuple[str, ...]:
    # A notebook parameter may arrive as "a,b" from the command line or as a list.
    if isinstance(datasets, str):
        return tuple(part.strip() for part in datasets.split(",") if part.strip())
    return tuple(datasets)
