"""What every paper's grid does with its cells: the datasets asked for, the seeds of
the splits, the torch device of the neural samplers."""

from __future__ import annotations

from ._methods import METHODS
from ._results import with_params

__all__ = ["dataset_names", "on_device", "split_seeds"]


def dataset_names(datasets, default):
    """``datasets`` as a tuple of names; one name may be given as a string."""
    if datasets is None or len(datasets) == 0:
        return tuple(default)
    return (datasets,) if isinstance(datasets, str) else tuple(datasets)


def split_seeds(seed, splits, profile):
    """The seeds of ``splits`` splits (default ``profile.splits``) from ``seed`` on."""
    count = profile.splits if splits is None else splits
    if int(count) < 1:
        raise ValueError(f"splits must be at least 1; got {count}")
    return range(seed, seed + int(count))


def on_device(cells, device):
    """``cells`` with the neural samplers on ``device`` (``"auto"``: unchanged)."""
    if device == "auto":
        return cells
    neural = ("diffusion", "gan")
    return [with_params(c, device=device) if METHODS[c.method].family in neural else c for c in cells]

