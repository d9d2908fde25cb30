"""The papers whose claims the engine checks, each registered by its own package.

A paper's package (:mod:`imbdiff.lreddpm`, :mod:`imbdiff.isodf_enn`) declares its
claims, its readings and the cells those readings rewrite, and registers them here
when it is imported. The engine finds a paper by its name and imports its package on
first use, so that it never imports a paper's code itself: the layers run one way.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Callable

from ._rules import PAPERS

__all__ = ["PaperStudy", "check_paper", "paper_study", "register_paper"]


@dataclass(frozen=True)
class PaperStudy:
    """What the engine checks of one paper.

    Attributes
    ----------
    claims : tuple of Claim
        Every declared claim, in the paper's order.
    readings : tuple of Reading
        The ambiguities of the paper and the book's choices for them.
    reading_cells : callable
        ``(profile, datasets=None, *, seed, splits, device) -> cells`` that the
        readings rewrite.
    headline : tuple of str
        Keys of the claims the readings chapter re-checks.
    """

    claims: tuple
    readings: tuple = ()
    reading_cells: Callable | None = None
    headline: tuple = ()


_REGISTERED: dict[str, PaperStudy] = {}


def check_paper(paper) -> None:
    """Raise a ValueError naming the papers unless ``paper`` is one of :data:`PAPERS`."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}; got {paper!r}")


def register_paper(paper, *, claims, readings=(), reading_cells=None, headline=()) -> None:
    """Register ``paper``'s claims and readings (its package does this on import)."""
    check_paper(paper)
    _REGISTERED[paper] = PaperStudy(tuple(claims), tuple(readings), reading_cells, tuple(headline))


def paper_study(paper) -> PaperStudy:
    """The registered :class:`PaperStudy` of ``paper``, importing its package if needed.

    Raises
    ------
    ValueError
        If ``paper`` is not one of :data:`PAPERS`.
    """
    check_paper(paper)
    if paper not in _REGISTERED:
        import_module(f"{__name__.partition('.')[0]}.{paper}")
    return _REGISTERED[paper]
