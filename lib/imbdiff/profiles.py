"""Run profiles: how much work a notebook does.

Every notebook of the book reads one profile name from its ``parameters`` cell and asks
:func:`get` for the settings it needs, so that one switch moves the whole book between

``smoke``
    seconds per notebook: the test suite executes every chapter this way;
``default``
    the rendered book on a 2-core laptop CPU in well under an hour;
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
    repeats : int
        Classifier seeds averaged per cell (the paper: 10 decision-tree seeds).
    """

    name: str
    datasets: tuple[str, ...]
    timesteps: int
    train_steps: int
    repeats: int

    def as_dict(self) -> dict:
        return asdict(self)


PROFILES = {
    "smoke": Profile(
        name="smoke",
        datasets=("segment0", "crg"),
        timesteps=20,
        train_steps=20,
        repeats=2,
    ),
    "default": Profile(
        name="default",
        datasets=LREDDPM_DATASETS,
        timesteps=1000,
        train_steps=2000,
        repeats=10,
    ),
    "paper": Profile(
        name="paper",
        datasets=LREDDPM_DATASETS,
        timesteps=1000,
        train_steps=10000,
        repeats=10,
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
    if "datasets" in given:
        given["datasets"] = _as_tuple(given["datasets"])
    return replace(PROFILES[name], **given)


def _as_tuple(datasets) -> tuple[str, ...]:
    # A notebook parameter may arrive as "a,b" from the command line or as a list.
    if isinstance(datasets, str):
        return tuple(part.strip() for part in datasets.split(",") if part.strip())
    return tuple(datasets)
