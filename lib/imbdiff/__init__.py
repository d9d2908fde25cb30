"""imbdiff: diffusion-model oversampling for imbalanced tabular data.

The package behind the book that reproduces LReDDPM (Yang, Zeng & Duan, JAIR 2026)
and ISODF-ENN (J. Intell. Fuzzy Syst., 2024).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("imbdiff")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
