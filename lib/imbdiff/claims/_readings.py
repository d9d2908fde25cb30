"""The readings the book takes where a paper is silent, as swappable choices.

Each :class:`Reading` names one ambiguity of a paper and its choices; a paper's package
declares its readings (:data:`imbdiff.lreddpm.READINGS`,
:data:`imbdiff.isodf_enn.READINGS`) and registers them with its claims
(:func:`~imbdiff.claims.register_paper`).

A choice rewrites the paper's cells (LReDDPM's "main" grid, ISODF-ENN's comparison
and ablation grids): the cells it does not touch stay identical, so they come from
the shared cache, and the readings chapters re-check the headline claims under every
choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ._papers import paper_study

__all__ = ["Reading", "each_cell", "reading", "reading_grid", "unchanged", "verdicts_across_readings"]


@dataclass(frozen=True)
class Reading:
    """One ambiguity of the paper and the choices the book can take for it.

    Attributes
    ----------
    key : str
        Short name (``"classifier"``).
    question : str
        What the paper leaves open.
    choices : dict
        Choice label -> function rewriting the grid's list of cells
        (:class:`Experiment`); the first choice is the book's reading, and its
        function leaves the cells as they are.
    why : str
        Why the book's reading is the default.
    """

    key: str
    question: str
    choices: dict
    why: str

    @property
    def default(self) -> str:
        return next(iter(self.choices))


def unchanged(cells):
    """The book's own reading: the cells as they are."""
    return list(cells)


def each_cell(rewrite_one) -> Callable:
    """A choice that rewrites every cell on its own."""

    def rewrite(cells):
        return [rewrite_one(cell) for cell in cells]

    return rewrite


def reading(key, paper="lreddpm") -> Reading:
    """The :class:`Reading` called ``key`` of ``paper`` (``"lreddpm"`` or ``"isodf_enn"``)."""
    readings = paper_study(paper).readings
    for candidate in readings:
        if candidate.key == key:
            return candidate
    raise ValueError(f"unknown reading {key!r}; choose one of {[r.key for r in readings]}")


def reading_grid(key, choice, profile, datasets=None, *, paper="lreddpm", seed=0, splits=None, device="auto"):
    """A paper's cells under one choice of one reading.

    The cells are LReDDPM's "main" grid (Tables 3-5), or ISODF-ENN's comparison and
    ablation grids (Table 6, Figs. 8-11).

    Parameters
    ----------
    key : str
        A reading of the paper's (:data:`imbdiff.lreddpm.READINGS`, :data:`imbdiff.isodf_enn.READINGS`).
    choice : str
        One of its choices (its first is the book's own reading).
    profile, datasets, seed, splits, device
        As :func:`imbdiff.lreddpm.lreddpm_grid` and :func:`imbdiff.isodf_enn.isodf_enn_grid`.
    paper : {"lreddpm", "isodf_enn"}

    Returns
    -------
    list of Experiment
        Labelled as the book's cells, so the claims read them unchanged.
    """
    spec = reading(key, paper)
    if choice not in spec.choices:
        raise ValueError(f"reading {key!r} has no choice {choice!r}; choose one of {list(spec.choices)}")
    cells = paper_study(paper).reading_cells(profile, datasets, seed=seed, splits=splits, device=device)
    return spec.choices[choice](cells)


def verdicts_across_readings(
    profile,
    datasets=None,
    *,
    paper="lreddpm",
    readings=None,
    keys=None,
    seed=0,
    splits=None,
    device="auto",
    n_jobs=1,
    backend=None,
    cache=None,
):
    """Check the headline claims under every choice of every reading.

    Each choice changes one reading and keeps the book's other readings, so a
    verdict that moves names the reading it hangs on.

    Parameters
    ----------
    profile : Profile
    datasets : sequence of str, optional
        Default: the profile's datasets of ``paper``.
    paper : {"lreddpm", "isodf_enn"}
    readings : sequence of str, optional
        Keys of the paper's readings (:data:`imbdiff.lreddpm.READINGS`, :data:`imbdiff.isodf_enn.READINGS`);
        default all.
    keys : sequence of str, optional
        Claims to check; default the paper's headline claims
        (:data:`imbdiff.lreddpm._readings.HEADLINE_CLAIMS`, :data:`imbdiff.isodf_enn._readings.HEADLINE_CLAIMS`).
    seed, splits, device, n_jobs, backend, cache
        As :func:`reading_grid` and :func:`run`.

    Returns
    -------
    DataFrame
        One row per reading, choice and claim: ``reading, choice, default`` (whether
        it is the book's reading), ``key, claim, verdict, estimate, ci_low, ci_high``.
    """
    import pandas as pd

    from ..experiments import run
    from ._check import check

    study = paper_study(paper)
    every, headline = study.readings, study.headline
    keys = list(keys or headline)
    rows = []
    for spec in [reading(key, paper) for key in (readings or [r.key for r in every])]:
        for choice in spec.choices:
            cells = reading_grid(
                spec.key, choice, profile, datasets, paper=paper, seed=seed, splits=splits, device=device
            )
            results = run(cells, n_jobs=n_jobs, backend=backend, cache=cache, progress=False)
            checked = check(results.per_split(), paper=paper)
            checked = checked[checked["key"].isin(keys)]
            checked = checked.assign(reading=spec.key, choice=choice, default=choice == spec.default)
            rows.append(checked)
    columns = ["reading", "choice", "default", "key", "claim", "verdict", "estimate", "ci_low", "ci_high"]
    return pd.concat(rows, ignore_index=True)[columns]
