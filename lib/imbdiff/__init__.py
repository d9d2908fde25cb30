"""imbdiff: diffusion-model oversampling for imbalanced tabular data.

The package behind the book that reproduces LReDDPM (Yang, Zeng & Duan, JAIR 2026)
and ISODF-ENN (J. Intell. Fuzzy Syst., 2024).
"""

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

try:
    __version__ = version("imbdiff")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["__version__", "LReDDPMSampler", "DDPMSampler", "ISODATA", "ISODFENNSampler"]

# The samplers need torch: import them on first use so that ``import imbdiff`` (and
# the datasets, regions and paper modules) stays light.
_LAZY = {
    "LReDDPMSampler": "over_sampling",
    "DDPMSampler": "over_sampling",
    "ISODATA": "cluster",
    "ISODFENNSampler": "combine",
}

if TYPE_CHECKING:  # static checkers see the names; nothing is imported at run time
    from .cluster import ISODATA
    from .combine import ISODFENNSampler
    from .over_sampling import DDPMSampler, LReDDPMSampler


def __getattr__(name):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
