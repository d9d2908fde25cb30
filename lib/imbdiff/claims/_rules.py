"""Claim types, the verdict rules and their intervals (see :mod:`imbdiff.claims`)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd
from scipy import stats as ss

VERDICTS = ("reproduced", "partly", "not reproduced", "inconclusive", "not run")

PAPERS = ("lreddpm", "isodf_enn")
SCORE_COLUMNS = ("method", "dataset", "metric", "mean")
_LEVEL = 0.95  # coverage of every interval


class Undecided(Exception):
    """Raised by a count test when its data are present but leave nothing to decide.

    For example "the datasets where ISODF-ENN is not best have a low IR" when it is
    best everywhere; the message becomes the claim's note and its verdict is
    "inconclusive" unless another split decides.
    """


@dataclass(frozen=True)
class Claim:
    """One claim: where it is, what it says, which chapter tests it, how.

    Parameters
    ----------
    key : str
        Unique name, stable across versions (chapters and tests refer to it).
    where : str
        Section, table or figure of the paper.
    text : str
        The claim, in the paper's words where they are short enough.
    chapter : str
        The book chapter that tests it, as in ``_toc.yml`` without ``book/``.
    test : callable, :class:`Paired` or :class:`Both`
        A callable ``test(scores, datasets) -> (k, n)`` makes a **count** claim:
        ``k`` of ``n`` cases hold on one split's scores, ``n = 0`` when the scores
        it needs are missing (it may raise :class:`Undecided`). A :class:`Paired`
        or :class:`Both` makes a **pairwise** claim.
    stated : float or (int, int), optional
        The share the paper's text states, used instead of its published numbers
        (ISODF-ENN, whose tables are lost; LReDDPM's Figure 5): a share or a
        ``(k, n)`` count such as ``(5, 8)``. None: the paper's numbers give it,
        and where they cannot, the text's plain assertion (1.0).
    """

    key: str
    where: str
    text: str
    chapter: str
    test: Callable
    stated: float | tuple | None = None

    @property
    def kind(self) -> str:
        """``"pairwise"`` for a :class:`Paired` or :class:`Both` test, else ``"count"``."""
        return "pairwise" if isinstance(self.test, (Paired, Both)) else "count"

    def target(self, paper_count=(0, 0)) -> float:
        """The share a count claim is judged against."""
        if isinstance(self.stated, tuple):
            return self.stated[0] / self.stated[1]
        if self.stated is not None:
            return float(self.stated)
        k, n = paper_count
        return k / n if n else 1.0


@dataclass(frozen=True)
class Paired:
    """A pairwise comparison: ``target`` against ``rivals`` on ``metrics``.

    Parameters
    ----------
    metrics : tuple of str
        The metrics compared; several are pooled as more cells of each dataset.
    target : str
        The method the claim favours.
    rivals : tuple of str
        The methods it is claimed to beat.
    versus : {"best", "each"}, default="best"
        "best": one cell per (dataset, metric, split) against the best rival there
        (a claim "beats A and B"; every rival must be present). "each": one cell per
        rival present (LReDDPM's Table 7, where each dataset has its own rival).
    lower : bool, default=False
        Lower is better (distances, losses): the difference is rival - target.
    only : tuple of str, optional
        The datasets the claim is about.
    strict : bool, default=True
        Whether a tie counts against the claim in the paper's "k of n" (a claim "at
        least as good" sets False).
    unit : str, default="points"
        The unit of the difference, in the human-readable columns.
    """

    metrics: tuple
    target: str
    rivals: tuple
    versus: str = "best"
    lower: bool = False
    only: tuple | None = None
    strict: bool = True
    unit: str = "points"

    def __post_init__(self):
        if self.versus not in ("best", "each"):
            raise ValueError(f"versus must be 'best' or 'each'; got {self.versus!r}")
        if not self.metrics or not self.rivals:
            raise ValueError("a pairwise comparison needs at least one metric and one rival")

    def differences(self, scores: pd.DataFrame, datasets) -> pd.DataFrame:
        """Paired differences (positive: the claim holds), one row per cell.

        Returns
        -------
        DataFrame
            Columns ``dataset, split, difference``.
        """
        wanted = [d for d in datasets if self.only is None or d in self.only]
        rows = scores[scores["metric"].isin(self.metrics) & scores["dataset"].isin(wanted)]
        wide = _with_split(rows).pivot_table(
            index=["dataset", "metric", "split"], columns="method", values="mean", aggfunc="first"
        )
        frames = []
        if self.target in wide.columns:
            groups = [self.rivals] if self.versus == "best" else [(r,) for r in self.rivals]
            for rivals in groups:
                if not set(rivals) <= set(wide.columns):
                    continue
                table = wide[[self.target, *rivals]].dropna()
                if self.lower:
                    difference = table[list(rivals)].min(axis=1) - table[self.target]
                else:
                    difference = table[self.target] - table[list(rivals)].max(axis=1)
                frames.append(difference.rename("difference").reset_index())
        if not frames:
            return pd.DataFrame({"dataset": [], "split": [], "difference": []})
        cells = pd.concat(frames, ignore_index=True)
        return cells[["dataset", "split", "difference"]]

    def count(self, scores, datasets):
        """``(k, n)``: the cells where the claim holds (ties per ``strict``)."""
        return _wins(self, self.differences(scores, datasets))


def _wins(part, cells):
    difference = cells["difference"]
    wins = difference > 0 if part.strict else difference >= 0
    return int(wins.sum()), len(difference)


@dataclass(frozen=True)
class Both:
    """A claim in two parts, each a :class:`Paired` (for example AUC and F1)."""

    first: Paired
    second: Paired

    @property
    def parts(self):
        return (self.first, self.second)


def interval_verdict(ci_low, ci_high, target):
    """Verdict of a count claim whose share has the interval ``[ci_low, ci_high]``.

    Parameters
    ----------
    ci_low, ci_high : float
        The interval of our share (equal when there is one split).
    target : float
        The paper's share (on its own numbers) or the share its text states.

    Returns
    -------
    str
        "reproduced" if ``ci_low >= target - 0.15``; "not reproduced" if
        ``ci_high < target / 2``; "partly" if ``target / 2 <= ci_low`` and
        ``ci_high < target - 0.15``; otherwise "inconclusive" (the interval
        straddles a threshold); "not run" when the interval is NaN.
    """
    if np.isnan(ci_low) or np.isnan(ci_high):
        return "not run"
    eps = 1e-12  # shares such as 8/9 - 0.15 must not fail by a rounding error
    if ci_low >= target - 0.15 - eps:
        return "reproduced"
    if ci_high < target / 2 - eps:
        return "not reproduced"
    if ci_low >= target / 2 - eps and ci_high < target - 0.15 - eps:
        return "partly"
    return "inconclusive"


def share_verdict(count, total, target=1.0):
    """The verdict for a claim that holds in ``count`` of ``total`` cases (one split).

    ``target`` is the share the paper shows (its own numbers) or states:
    "reproduced" within 0.15 of it, "partly" from half of it, else "not
    reproduced"; "not run" when there are no cases. The one-split case of
    :func:`interval_verdict`; chapters use it for statements :data:`CLAIMS` does
    not hold.
    """
    if total == 0:
        return "not run"
    share = count / total
    return interval_verdict(share, share, target)


def paired_verdict(ci_low, ci_high, p_holm, alpha=0.05):
    """Verdict of a pairwise claim from its interval and Holm-corrected p-value.

    "reproduced" if ``ci_low > 0`` and ``p_holm < alpha``; "partly" if
    ``ci_low > 0`` but ``p_holm >= alpha`` (or NaN: too few datasets for the
    test); "not reproduced" if ``ci_high < 0``; otherwise "inconclusive"; "not
    run" when there is no interval.
    """
    if np.isnan(ci_low) or np.isnan(ci_high):
        return "not run"
    if ci_low > 0:
        return "reproduced" if p_holm < alpha else "partly"
    if ci_high < 0:
        return "not reproduced"
    return "inconclusive"


def _combined_verdict(first, second):
    verdicts = {first, second}
    if verdicts == {"reproduced"}:
        return "reproduced"
    if verdicts == {"not reproduced"}:
        return "not reproduced"
    if verdicts == {"not run"}:
        return "not run"
    if "not run" not in verdicts and verdicts & {"reproduced", "partly"}:
        return "partly"  # one part holds (its interval is above zero)
    return "inconclusive"


def _percentile_interval(values):
    tail = 100 * (1 - _LEVEL) / 2
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)


def _bootstrap_mean(values, n_boot, rng):
    """Mean of ``values`` and its percentile interval (resampling the values)."""
    values = np.asarray(values, dtype=float)
    draws = values[rng.integers(0, len(values), size=(n_boot, len(values)))].mean(axis=1)
    return (float(values.mean()), *_percentile_interval(draws))


def hierarchical_bootstrap(cells, *, n_boot=2000, random_state=0):
    """Mean paired difference over datasets and its two-level bootstrap interval.

    The cells of one dataset (its splits, and its metrics or rivals when a claim
    pools them) are not independent: they share the dataset's rows, so a dataset
    with a large difference tends to show it in every split. Resampling cells would
    count such a dataset many times over and give too narrow an interval. The
    bootstrap therefore draws datasets with replacement, then, within each drawn
    dataset, its splits with replacement (the cells of one split are averaged
    first). The estimate weighs every dataset equally: the mean over datasets of
    each dataset's mean difference.

    Parameters
    ----------
    cells : DataFrame
        Columns ``dataset, split, difference``.
    n_boot : int, default=2000
        Bootstrap replicates.
    random_state : int or numpy.random.Generator, default=0
        Seed of the draws.

    Returns
    -------
    (float, float, float)
        The estimate and the 95% percentile interval; NaN for no cells.
    """
    rng = np.random.default_rng(random_state)
    if len(cells) == 0:
        return np.nan, np.nan, np.nan
    per_split = cells.groupby(["dataset", "split"], sort=True)["difference"].mean()
    by_dataset = [group.to_numpy() for _, group in per_split.groupby(level="dataset")]
    sizes = np.array([len(values) for values in by_dataset])
    packed = np.zeros((len(by_dataset), sizes.max()))
    for row, values in enumerate(by_dataset):
        packed[row, : len(values)] = values  # splits left-packed; the rest never drawn
    estimate = float(np.mean([values.mean() for values in by_dataset]))
    n_datasets, width = packed.shape
    drawn = rng.integers(0, n_datasets, size=(n_boot, n_datasets))
    drawn_sizes = sizes[drawn]
    uniform = rng.random((n_boot, n_datasets, width))
    positions = np.floor(uniform * drawn_sizes[..., None]).astype(int)
    used = np.arange(width) < drawn_sizes[..., None]  # draw as many splits as the dataset has
    values = packed[drawn[..., None], positions]
    dataset_means = (values * used).sum(axis=2) / drawn_sizes
    return (estimate, *_percentile_interval(dataset_means.mean(axis=1)))


def _wilcoxon(cells):
    """Two-sided Wilcoxon signed-rank p on the per-dataset mean differences."""
    per_dataset = cells.groupby("dataset")["difference"].mean().to_numpy()
    if len(per_dataset) < 2 or np.allclose(per_dataset, 0):
        return np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scipy warns on ties and tiny samples
        return float(ss.wilcoxon(per_dataset).pvalue)


def _with_split(scores):
    """``scores`` with an integer ``split`` column (0 when absent)."""
    if "split" not in scores.columns:
        return scores.assign(split=0)
    return scores

