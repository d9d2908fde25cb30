"""Seeded torch building blocks shared by the diffusion and the GAN networks.

Every random draw of the package's networks comes from an explicit
:class:`torch.Generator` (:func:`as_generator`), never from torch's global state, so
that the same ``random_state`` gives the same output. Layers are created
uninitialised (:func:`make_linear`, :func:`make_embedding`) and filled by
:func:`seeded_init_` with PyTorch's default schemes drawn from that generator.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

__all__ = [
    "MLP",
    "SeededDropout",
    "as_generator",
    "init_linear_",
    "make_embedding",
    "make_linear",
    "randint",
    "randn",
    "resolve_device",
    "seeded_init_",
]


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


class SeededDropout(nn.Module):
    """Dropout that draws its mask from ``self.generator`` when one is set.

    :func:`fit_denoiser` sets the generator during training so that dropout does not
    touch the global torch RNG; with ``generator=None`` it is ordinary dropout.
    """

    def __init__(self, p=0.0):
        super().__init__()
        if not 0.0 <= p < 1.0:
            raise ValueError(f"dropout must be in [0, 1); got {p}")
        self.p = float(p)
        self.generator = None

    def forward(self, x):
        if not self.training or self.p == 0.0:
            return x
        if self.generator is None:
            return F.dropout(x, self.p, training=True)
        keep = torch.rand(x.shape, generator=self.generator, device=self.generator.device)
        mask = (keep.to(x.device) >= self.p).to(x.dtype)
        return x * mask / (1.0 - self.p)

    def extra_repr(self):
        return f"p={self.p}"


def init_linear_(layer, generator):
    """PyTorch's default ``nn.Linear`` initialisation, drawn from ``generator``."""
    nn.init.kaiming_uniform_(layer.weight, a=math.sqrt(5), generator=generator)
    if layer.bias is not None:
        bound = 1.0 / math.sqrt(layer.weight.shape[1]) if layer.weight.shape[1] else 0.0
        nn.init.uniform_(layer.bias, -bound, bound, generator=generator)


def make_linear(n_in, n_out, seeded):
    """``nn.Linear``; when ``seeded``, built without consuming the global RNG, for
    :func:`seeded_init_` to fill."""
    return _built_aside(nn.Linear, n_in, n_out) if seeded else nn.Linear(n_in, n_out)


def make_embedding(n_embeddings, dim, seeded):
    """``nn.Embedding``; built without consuming the global RNG when ``seeded``, like
    :func:`make_linear`."""
    if seeded:
        return _built_aside(nn.Embedding, n_embeddings, dim)
    return nn.Embedding(n_embeddings, dim)


def _built_aside(module_class, *args):
    """The module with its default initialisation drawn from the global RNG, whose
    state is then restored: the global RNG is left as it was, and seeded_init_
    overwrites the weights. (``nn.utils.skip_init`` draws nothing but its first call
    imports sympy, about 1.3 s of every process that builds a network.)"""
    with torch.random.fork_rng(devices=[]):
        return module_class(*args)


def seeded_init_(module, generator):
    """Re-initialise every ``nn.Linear`` and ``nn.Embedding`` of ``module`` (in
    registration order) with PyTorch's default schemes, drawn from ``generator``."""
    gen = as_generator(generator)
    with torch.no_grad():
        for layer in module.modules():
            if isinstance(layer, nn.Linear):
                init_linear_(layer, gen)
            elif isinstance(layer, nn.Embedding):
                nn.init.normal_(layer.weight, generator=gen)  # nn.Embedding's default
    return module


class MLP(nn.Module):
    """Linear layers with an activation between them; the last layer is linear."""

    def __init__(self, widths, activation, generator):
        super().__init__()
        layers = []
        for i, (n_in, n_out) in enumerate(zip(widths[:-1], widths[1:])):
            layers.append(make_linear(n_in, n_out, seeded=True))
            if i < len(widths) - 2:
                layers.append(activation())
        self.net = nn.Sequential(*layers)
        seeded_init_(self, generator)

    def forward(self, x):
        return self.net(x)
