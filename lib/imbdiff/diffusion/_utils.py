"""Small shared helpers: input validation; devices and seeded generators come from
:mod:`imbdiff._nn`, shared with the GAN baselines."""

from __future__ import annotations

import math

import numpy as np
import torch

from .._nn import as_generator, randint, randn, resolve_device

__all__ = [
    "resolve_device", "as_generator", "check_finite", "as_float_tensor", "randn", "randint",
]


def check_finite(X, name: str = "X") -> None:
    """Raise a ValueError naming ``name`` when ``X`` holds NaN or infinite values."""
    if isinstance(X, torch.Tensor):
        nan = bool(torch.isnan(X).any())
        inf = bool(torch.isinf(X).any())
    else:
        arr = np.asarray(X, dtype=float)
        nan = bool(np.isnan(arr).any())
        inf = bool(np.isinf(arr).any())
    if nan:
        raise ValueError(f"{name} contains NaN; remove or impute missing values first")
    if inf:
        raise ValueError(f"{name} contains infinite values (inf or -inf)")


def as_float_tensor(X, name: str = "X", device=None, min_rows: int = 1) -> torch.Tensor:
    """Validate a 2-D finite numeric array/tensor and return it as float32 on ``device``."""
    if isinstance(X, torch.Tensor):
        tensor = X.detach()
    else:
        try:
            arr = np.asarray(X, dtype=np.float32)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name} must be numeric; {exc}") from exc
        tensor = torch.from_numpy(arr)
    if tensor.ndim != 2:
        raise ValueError(f"{name} must be 2-D (n_samples, n_features); got shape {tuple(tensor.shape)}")
    if tensor.shape[0] < min_rows:
        raise ValueError(f"{name} needs at least {min_rows} row(s); got {tensor.shape[0]}")
    if tensor.shape[1] < 1:
        raise ValueError(f"{name} has no columns")
    if not torch.is_floating_point(tensor):
        tensor = tensor.float()
    check_finite(tensor, name)
    return tensor.to(device=device, dtype=torch.float32)


def sqrt(value):
    """Square root of a float, numpy array or tensor, keeping its type."""
    if isinstance(value, torch.Tensor):
        return torch.sqrt(value)
    if isinstance(value, np.ndarray):
        return np.sqrt(value)
    return math.sqrt(value)
