"""Small shared helpers: devices, seeded generators, input validation."""

from __future__ import annotations

import math
import numbers

import numpy as np
import torch

__all__ = ["resolve_device", "as_generator", "check_finite", "as_float_tensor", "randn"]


def resolve_device(device="auto") -> torch.device:
    """Turn ``"auto"``, ``"cpu"``, ``"cuda"`` (or a :class:`torch.device`) into a device.

    Parameters
    ----------
    device : {"auto", "cpu", "cuda", "cuda:N"} or torch.device, default="auto"
        ``"auto"`` picks CUDA when ``torch.cuda.is_available()``, else the CPU.

    Returns
    -------
    torch.device

    Raises
    ------
    ValueError
        If the string is not a device name, or CUDA is requested but not available.
    """
    if device is None or (isinstance(device, str) and device == "auto"):
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        dev = torch.device(device)
    except (RuntimeError, TypeError) as exc:
        raise ValueError(
            f"device must be 'auto', 'cpu', 'cuda' or a torch.device; got {device!r}"
        ) from exc
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(f"device={device!r} was requested but CUDA is not available")
    return dev


def as_generator(seed=None) -> torch.Generator:
    """Return a CPU :class:`torch.Generator` from a seed-like value.

    Random numbers are always drawn on the CPU and then moved to the working device
    (see :func:`randn`), so one seed gives the same noise on any device.

    Parameters
    ----------
    seed : None, int, torch.Generator, numpy.random.Generator or numpy.random.RandomState
        ``None`` gives a freshly (non-deterministically) seeded generator; an int seeds a
        new generator; a torch generator is returned unchanged (it is advanced by use);
        a numpy generator is asked for one 63-bit seed. The global torch RNG is never
        used.

    Returns
    -------
    torch.Generator
    """
    if isinstance(seed, torch.Generator):
        return seed
    gen = torch.Generator(device="cpu")
    if seed is None:
        gen.seed()
    elif isinstance(seed, np.random.RandomState):
        gen.manual_seed(int(seed.randint(0, 2**31 - 1)))
    elif isinstance(seed, np.random.Generator):
        gen.manual_seed(int(seed.integers(0, 2**63 - 1)))
    elif isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        if seed < 0:
            raise ValueError(f"seed must be a non-negative integer; got {seed}")
        gen.manual_seed(int(seed))
    else:
        raise ValueError(
            "generator/seed must be None, an int, a torch.Generator or a numpy "
            f"Generator/RandomState; got {type(seed).__name__}"
        )
    return gen


def randn(shape, generator: torch.Generator, device, dtype=torch.float32) -> torch.Tensor:
    """Standard normal draws made on the generator's device, then moved to ``device``."""
    out = torch.randn(shape, generator=generator, device=generator.device, dtype=dtype)
    return out.to(device)


def randint(high: int, shape, generator: torch.Generator, device, low: int = 0) -> torch.Tensor:
    """Uniform integers in ``[low, high)`` drawn on the generator's device, then moved."""
    out = torch.randint(low, high, shape, generator=generator, device=generator.device)
    return out.to(device)


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
