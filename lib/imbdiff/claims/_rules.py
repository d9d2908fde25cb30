"""Claim types and the tests that decide them (see :mod:`imbdiff.claims`).

A claim is made of **parts**; each part is one hypothesis test with a boundary ``b``
on the scale of its quantity:

* :class:`Comparison` (built by :func:`Superior` or :func:`NotWorse`): the paired
  difference target - rival (rival - target when lower is better) against **one**
  rival, averaged over the metrics it pools; ``b = 0`` for superiority, ``b = -margin``
  for non-inferiority. Unit of replication: the dataset (t over the datasets' mean
  differences), or the split when the part names fewer than :data:`MIN_DATASETS`
  datasets (a stratified t over the splits of each dataset: the inference is then
  about these datasets only).
* :class:`Share`: a count "k of n" on every split, pooled into a share ``K / N``; ``b``
  is one half for "most", else the stated share less a margin of one case.
* :class:`Exact`: a deterministic check of the data (a quoted IR): holds or not.

Every test part has two one-sided p-values: ``p_for`` (null: the quantity is at most
``b``, rejected when the claim holds) and ``p_against`` (null: at least ``b``,
rejected when the data show the claim false).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd
from scipy import stats as ss

VERDICTS = ("reproduced", "partly", "not reproduced", "inconclusive", "not run")

PAPERS = ("lreddpm", "isodf_enn")
SCORE_COLUMNS = ("method", "dataset", "metric", "mean")

#: Family-wise error rate of each paper's verdicts (Holm over its claims).
ALPHA = 0.05
#: Coverage of every interval shown.
LEVEL = 0.95
#: Non-inferiority margin of a classifier score, in points of the percent scale.
MARGIN = 1.0
#: Fewer datasets than this and a comparison replicates over splits, not datasets.
MIN_DATASETS = 5
#: Power at which the smallest detectable difference is stated.
POWER = 0.8


class Undecided(Exception):
    """Raised by a count test when its data are present but leave nothing to decide.

    For example "the datasets where ISODF-ENN is not best have a low IR" when it is
    best everywhere; the message becomes the part's note and the split is left out.
    """


@dataclass(frozen=True)
class Outcome:
    """What one part's test gives, on our scores or on the paper's."""

    label: str
    estimate: float = np.nan
    ci_low: float = np.nan
    ci_high: float = np.nan
    p_for: float = np.nan
    p_against: float = np.nan
    boundary: float = np.nan
    unit: str = ""
    datasets: int = 0
    splits: int = 0
    se: float = np.nan
    df: float = np.nan
    chance: float = np.nan
    p_chance: float = np.nan
    note: str = ""
    undecided: bool = False  # data present, but they leave nothing to decide

    @property
    def ran(self) -> bool:
        return not np.isnan(self.estimate)

    @property
    def tested(self) -> bool:
        return not (np.isnan(self.p_for) or np.isnan(self.p_against))

    def mde(self, level) -> float:
        """The smallest distance from the boundary a two-sided test at ``level``
        detects with :data:`POWER` (NaN when the part has no variance estimate)."""
        if np.isnan(self.se) or not self.df > 0:
            return np.nan
        return (_t_quantile(1 - level / 2, self.df) + _t_quantile(POWER, self.df)) * self.se


def _t_quantile(q, df):
    if not df > 0:
        return np.nan
    return float(ss.norm.ppf(q)) if np.isinf(df) else float(ss.t.ppf(q, df))


def _t_test(estimate, se, df, boundary):
    """Interval and both one-sided p-values of ``estimate`` against ``boundary``."""
    if not df > 0 or np.isnan(se):
        return np.nan, np.nan, np.nan, np.nan
    if se == 0:  # every replicate equal: the estimate is exact
        above, below = estimate > boundary, estimate < boundary
        return estimate, estimate, float(not above), float(not below)
    half = _t_quantile(1 - (1 - LEVEL) / 2, df) * se
    statistic = (estimate - boundary) / se
    law = ss.norm if np.isinf(df) else ss.t(df)
    return estimate - half, estimate + half, float(law.sf(statistic)), float(law.cdf(statistic))


def mean_difference(cells: pd.DataFrame, boundary=0.0, *, unit="dataset", pooled=None) -> Outcome:
    """The mean paired difference over datasets, its t interval and tests.

    Parameters
    ----------
    cells : DataFrame
        Columns ``dataset, split, difference`` (several rows of one dataset and
        split, e.g. pooled metrics, are averaged first).
    boundary : float
        ``b`` of the tests.
    unit : {"dataset", "split"}
        "dataset": the datasets are the replicates (t over the datasets' mean
        differences, ``D - 1`` degrees of freedom): the claim is about datasets like
        these. "split": the splits are (within each dataset a variance over its
        splits; Welch-Satterthwaite degrees of freedom): the claim is about these
        datasets only.
    pooled : (float, float), optional
        With ``unit="split"``: a variance over splits pooled over more datasets
        than ``cells`` holds, and its degrees of freedom. Each dataset's variance is
        then the larger of its own and the pooled one, with the pooled degrees of
        freedom (the tests of a claim "on every dataset": five splits alone give a
        t with 4 degrees of freedom, too few to decide a dataset).

    Returns
    -------
    Outcome
        The estimate weighs every dataset equally. NaN where there are no cells, or
        too few replicates for a variance (then ``note`` says so).
    """
    if len(cells) == 0:
        return Outcome("", boundary=boundary, unit=unit, note="no cells")
    per_split = cells.groupby(["dataset", "split"], sort=True)["difference"].mean()
    grouped = per_split.groupby(level="dataset")
    means, sizes = grouped.mean(), grouped.size()
    n_datasets, n_splits = len(means), int(sizes.max())
    estimate = float(means.mean())
    base = Outcome("", estimate=estimate, boundary=boundary, unit=unit,
                   datasets=n_datasets, splits=n_splits)
    if unit == "dataset":
        df = n_datasets - 1
        se = float(means.std(ddof=1) / np.sqrt(n_datasets)) if df > 0 else np.nan
        lacking = "one dataset: no variance between datasets" if df <= 0 else ""
    else:
        se, df, lacking = _stratified(grouped, sizes, n_datasets, cells, pooled)
    low, high, p_for, p_against = _t_test(estimate, se, df, boundary)
    return _replace(base, ci_low=low, ci_high=high, p_for=p_for, p_against=p_against,
                    se=se, df=float(df), note=lacking)


def _stratified(grouped, sizes, n_datasets, cells, pooled):
    """Standard error and Welch-Satterthwaite degrees of freedom of the mean over
    datasets of each dataset's mean over its splits.

    A dataset with one split borrows the variance pooled over the others (with the
    pooled degrees of freedom); with ``pooled`` given, every dataset takes at least it.
    """
    variances = grouped.var(ddof=1)  # NaN for a single split
    dofs = (sizes - 1).astype(float)
    lacking = ""
    if pooled is None and variances.isna().any():
        pooled = pooled_variance(cells)
        if np.isnan(pooled[0]):
            return np.nan, np.nan, "a dataset with one split: no variance over splits"
        single = variances.isna()
        variances, dofs = variances.fillna(pooled[0]), dofs.where(~single, pooled[1])
        lacking = f"{', '.join(single[single].index)}: one split, variance pooled over the others"
    elif pooled is not None and not np.isnan(pooled[0]):
        variances = variances.fillna(pooled[0]).clip(lower=pooled[0])
        dofs = pd.Series(pooled[1], index=variances.index)
    if variances.isna().any():
        return np.nan, np.nan, "a dataset with one split: no variance over splits"
    shares = variances / sizes / n_datasets**2
    se = float(np.sqrt(shares.sum()))
    if shares.sum() == 0:
        return 0.0, float(sizes.max() - 1), lacking
    df = float(shares.sum() ** 2 / (shares**2 / dofs).sum())
    return se, df, lacking


def pooled_variance(cells: pd.DataFrame):
    """The variance over splits of the paired difference, pooled over datasets.

    Returns
    -------
    (float, float)
        The pooled variance and its degrees of freedom ``sum(n_d - 1)``; NaN and 0
        when no dataset has two splits.
    """
    if len(cells) == 0:
        return np.nan, 0.0
    per_split = cells.groupby(["dataset", "split"], sort=True)["difference"].mean()
    grouped = per_split.groupby(level="dataset")
    dof = grouped.size() - 1
    if dof.sum() <= 0:
        return np.nan, 0.0
    return float((grouped.var(ddof=1).fillna(0) * dof).sum() / dof.sum()), float(dof.sum())


def _replace(outcome, **changes):
    from dataclasses import replace

    return replace(outcome, **changes)


def share_test(counts, boundary, *, chance=np.nan) -> Outcome:
    """A share pooled over splits, its interval, and tests against ``boundary``.

    Parameters
    ----------
    counts : list of (int, int)
        ``(k, n)`` of every split that decides.
    boundary : float
        ``b`` of the tests (a share).
    chance : float, optional
        The share chance alone would give (for example 1/6 for "best of six"):
        ``p_chance`` tests our share against it (one-sided, greater).

    Returns
    -------
    Outcome
        The estimate is ``K / N`` over all splits. Its standard error is the larger
        of the binomial one (Agresti-Coull, cases independent) and the one between
        splits (cases of a split may depend on each other, as the ranks of one
        Friedman table do); t quantiles with ``S - 1`` degrees of freedom when the
        second is larger.
    """
    counts = [(k, n) for k, n in counts if n]
    if not counts:
        return Outcome("", boundary=boundary, note="no cases")
    hits = sum(k for k, _ in counts)
    total = sum(n for _, n in counts)
    estimate = hits / total
    adjusted = (hits + 2) / (total + 4)
    se_binomial = np.sqrt(adjusted * (1 - adjusted) / total)
    shares = np.array([k / n for k, n in counts])
    se_between = shares.std(ddof=1) / np.sqrt(len(shares)) if len(shares) > 1 else 0.0
    df = len(shares) - 1 if se_between > se_binomial else np.inf
    se = max(se_binomial, se_between)
    low, high, p_for, p_against = _t_test(estimate, se, df, boundary)
    p_chance = np.nan
    if not np.isnan(chance):
        statistic = (estimate - chance) / se
        p_chance = float(ss.norm.sf(statistic) if np.isinf(df) else ss.t.sf(statistic, df))
    return Outcome("", estimate=estimate, ci_low=max(low, 0.0), ci_high=min(high, 1.0),
                   p_for=p_for, p_against=p_against, boundary=boundary, unit="split",
                   splits=len(counts), se=se, df=float(df), chance=chance,
                   p_chance=p_chance)


@dataclass(frozen=True)
class Comparison:
    """One comparison of ``target`` with every rival, each rival separately.

    Build it with :func:`Superior` or :func:`NotWorse`.

    Parameters
    ----------
    metrics : tuple of str
        Metrics pooled as cells of one split (their differences are averaged).
    target : str
        The method the claim favours.
    rivals : tuple of str
        Each one is a part of its own (never the maximum over them: the maximum of
        noisy rivals is biased upwards).
    margin : float, default=0
        0: superiority (``b = 0``); above 0: non-inferiority (``b = -margin``).
    lower : bool, default=False
        Lower is better (distances): the difference is rival - target.
    only, exclude : tuple of str, optional
        The datasets the claim is about, or those it leaves out.
    per_dataset : bool, default=False
        "On every dataset": one part per dataset, replicated over its splits.
    unit : {"dataset", "split"}, optional
        The unit of replication; default: datasets when the part has at least
        :data:`MIN_DATASETS`, else splits.
    units : str, default="points"
        The unit of the difference, for the human-readable columns.
    """

    metrics: tuple
    target: str
    rivals: tuple
    margin: float = 0.0
    lower: bool = False
    only: tuple | None = None
    exclude: tuple = ()
    per_dataset: bool = False
    unit: str | None = None
    units: str = "points"

    def __post_init__(self):
        if not self.metrics or not self.rivals:
            raise ValueError("a comparison needs at least one metric and one rival")
        if self.margin < 0:
            raise ValueError(f"margin must be >= 0; got {self.margin}")
        if self.unit not in (None, "dataset", "split"):
            raise ValueError(f"unit must be 'dataset', 'split' or None; got {self.unit!r}")

    @property
    def kind(self) -> str:
        return "superiority" if self.margin == 0 else "non-inferiority"

    @property
    def boundary(self) -> float:
        return -self.margin if self.margin else 0.0

    def wanted(self, datasets):
        return [d for d in datasets if (self.only is None or d in self.only)
                and d not in self.exclude]

    def differences(self, scores: pd.DataFrame, datasets, rival: str) -> pd.DataFrame:
        """Paired differences with one rival (positive: the target is ahead).

        Returns
        -------
        DataFrame
            Columns ``dataset, split, difference``, one row per (dataset, metric,
            split) where both methods have a score.
        """
        rows = _with_split(scores[scores["metric"].isin(self.metrics)
                                  & scores["dataset"].isin(self.wanted(datasets))])
        keys = ["dataset", "metric", "split"]
        sides = []
        for method in (self.target, rival):
            side = rows[rows["method"] == method].drop_duplicates(keys).set_index(keys)
            sides.append(side["mean"].astype(float))
        table = pd.concat(sides, axis=1, keys=["target", "rival"], join="inner").dropna()
        sign = -1.0 if self.lower else 1.0
        difference = sign * (table["target"] - table["rival"])
        return difference.rename("difference").reset_index()[["dataset", "split", "difference"]]

    def _label(self, rival, dataset=None):
        pair = f"{rival} - {self.target}" if self.lower else f"{self.target} - {rival}"
        where = f" on {dataset}" if dataset else ""
        return f"{pair} ({', '.join(self.metrics)}){where}"

    def outcomes(self, tables, datasets) -> list:
        """One :class:`Outcome` per rival (and per dataset when ``per_dataset``)."""
        scores = tables.pooled
        results = []
        for rival in self.rivals:
            cells = self.differences(scores, datasets, rival)
            if self.per_dataset:
                pooled = pooled_variance(cells)
                for dataset in self.wanted(datasets):
                    outcome = mean_difference(cells[cells["dataset"] == dataset],
                                              self.boundary, unit="split", pooled=pooled)
                    results.append(_replace(outcome, label=self._label(rival, dataset)))
                continue
            unit = self.unit or ("dataset" if cells["dataset"].nunique() >= MIN_DATASETS
                                 else "split")
            outcome = mean_difference(cells, self.boundary, unit=unit)
            results.append(_replace(outcome, label=self._label(rival)))
        return results

    def describe(self) -> str:
        rivals = " and ".join(self.rivals)
        scope = "on every dataset separately, " if self.per_dataset else ""
        if self.kind == "superiority":
            return f"superiority over each of {rivals}, {scope}one-sided t"
        return (f"non-inferiority to each of {rivals}, {scope}margin {self.margin:g} "
                f"{self.units}, one-sided t")

    def null(self) -> str:
        return f"difference <= {self.boundary:g} {self.units}".strip()


def Superior(metrics, target, rivals, **options) -> Comparison:
    """"``target`` beats each of ``rivals``": superiority, ``b = 0`` (see :class:`Comparison`)."""
    return Comparison(tuple(metrics), target, tuple(rivals), margin=0.0, **options)


def NotWorse(metrics, target, rivals, margin=MARGIN, **options) -> Comparison:
    """"No rival surpasses ``target``": non-inferiority to each, ``b = -margin``."""
    return Comparison(tuple(metrics), target, tuple(rivals), margin=float(margin), **options)


@dataclass(frozen=True)
class Share:
    """A count claim: ``count(scores, datasets) -> (k, n)`` on every split.

    Parameters
    ----------
    count : callable
        The cases of one split where the claim holds, ``n = 0`` when its scores are
        missing; it may raise :class:`Undecided`.
    stated : "most", float or (int, int)
        What the paper's text says: "most" (more than half: ``b = 0.5``), a count
        ``(k, n)`` such as ``(9, 10)`` (``b = (k - 1) / n``: a margin of one
        dataset), or a share (``b`` = the share less ``margin``).
    margin : float, optional
        The margin below a stated share; default one case of a split.
    chance : float, optional
        The share chance alone gives (1/6 for the best of six methods).
    label : str
        What a case is, for the notes.
    """

    count: Callable
    stated: object = "most"
    margin: float | None = None
    chance: float | None = None
    label: str = "cases"

    @property
    def kind(self) -> str:
        return "share"

    def target(self) -> float:
        if self.stated == "most":
            return 0.5
        if isinstance(self.stated, tuple):
            return self.stated[0] / self.stated[1]
        return float(self.stated)

    def boundary(self, cases) -> float:
        if self.stated == "most":
            return 0.5
        if isinstance(self.stated, tuple) and self.margin is None:
            return (self.stated[0] - 1) / self.stated[1]
        margin = self.margin if self.margin is not None else 1 / max(cases, 1)
        return self.target() - margin

    def outcomes(self, tables, datasets) -> list:
        counts, reasons = [], []
        for table in tables.splits.values():
            try:
                k, n = self.count(table, datasets) if datasets else (0, 0)
            except Undecided as reason:
                reasons.append(str(reason))
                continue
            if n:
                counts.append((k, n))
        cases = max((n for _, n in counts), default=0)
        chance = np.nan if self.chance is None else float(self.chance)
        outcome = share_test(counts, self.boundary(cases), chance=chance)
        note = outcome.note if not counts else ""
        if reasons:
            note = f"{len(reasons)} split(s) undecided: {reasons[0]}"
        return [_replace(outcome, label=self.label, note=note,
                         undecided=bool(reasons) and not counts)]

    def paper_count(self, published, datasets):
        try:
            return self.count(published, datasets) if datasets else (0, 0)
        except Undecided:
            return 0, 0

    def describe(self) -> str:
        if self.stated == "most":
            what = "share above one half ('most')"
        elif isinstance(self.stated, tuple):
            k, n = self.stated
            what = f"share above {k - 1} of {n} (the paper's {k} of {n} less one dataset)"
        else:
            what = f"share above {self.target():g} less one case"
        chance = f"; chance {self.chance:.2g}" if self.chance else ""
        return f"{what}, pooled over splits{chance}"


@dataclass(frozen=True)
class Exact:
    """A deterministic statement about the data: ``count -> (k, n)``, holds iff ``k = n``."""

    count: Callable
    label: str = "cases"

    @property
    def kind(self) -> str:
        return "exact"

    def outcomes(self, tables, datasets) -> list:
        k, n = self.count(tables.pooled, datasets) if datasets else (0, 0)
        if not n:
            return [Outcome(self.label, note="no cases")]
        share = k / n
        return [Outcome(self.label, estimate=share, ci_low=share, ci_high=share,
                        p_for=0.0 if k == n else 1.0, p_against=1.0 if k == n else 0.0,
                        boundary=1.0, unit="exact", splits=1)]

    def describe(self) -> str:
        return "exact check of the data (no sampling variation)"


@dataclass(frozen=True)
class All:
    """A claim in several parts: it holds when every part holds (an intersection-union test)."""

    parts: tuple = field(default_factory=tuple)

    def __init__(self, *parts):
        object.__setattr__(self, "parts", tuple(parts))

    @property
    def kind(self) -> str:
        kinds = dict.fromkeys(part.kind for part in self.parts)
        return " + ".join(kinds)


@dataclass(frozen=True)
class Claim:
    """One claim of a paper, as a declared test.

    Parameters
    ----------
    key : str
        Unique name, stable across versions (chapters and tests refer to it).
    where : str
        Section, table or figure of the paper.
    quote : str
        The paper's sentence, verbatim.
    text : str
        How the book reads it (the quantity and the reading), short.
    chapter : str
        The book chapter that tests it, as in ``_toc.yml`` without ``book/``.
    test : Comparison, Share, Exact or All
        The parts to test.
    tally : bool, default=True
        False for a design statement or a piece of mathematics: checked and shown,
        but not a result of the paper, so not counted among the verdicts.
    """

    key: str
    where: str
    quote: str
    text: str
    chapter: str
    test: object
    tally: bool = True

    @property
    def parts(self) -> tuple:
        return self.test.parts if isinstance(self.test, All) else (self.test,)

    @property
    def kind(self) -> str:
        return self.test.kind

    @property
    def statistical(self) -> bool:
        """Whether the claim has a test with sampling error (enters the family)."""
        return self.tally and not all(isinstance(p, Exact) for p in self.parts)


def three_way(ci_low, ci_high, boundary):
    """The verdict a 95 % interval gives against a boundary, before any correction.

    "reproduced" when the interval lies above ``boundary``, "not reproduced" when it
    lies below, "inconclusive" when it contains it, "not run" when it is NaN.
    """
    if np.isnan(ci_low) or np.isnan(ci_high):
        return "not run"
    if ci_low > boundary:
        return "reproduced"
    if ci_high < boundary:
        return "not reproduced"
    return "inconclusive"


def claim_p_values(outcomes):
    """``(p_for, p_against)`` of a claim from its parts' one-sided p-values.

    The claim holds when every part does: an intersection-union test, whose p is the
    largest of the parts' (no correction needed; a part without a test gives 1). It
    is shown false when any part is: a union, Bonferroni-corrected over the parts.
    """
    tested = [o for o in outcomes if o.tested]
    if not tested:
        return 1.0, 1.0
    p_for = 1.0 if len(tested) < len(outcomes) else max(o.p_for for o in tested)
    p_against = min(1.0, len(outcomes) * min(o.p_against for o in tested))
    return float(p_for), float(p_against)


def holm(p_values, alpha=ALPHA, family=None):
    """Holm's step-down over a family; members of the family not given count as p = 1.

    Parameters
    ----------
    p_values : dict
        Claim key -> two-sided p (``2 min(p_for, p_against)``).
    alpha : float
        The family-wise error rate.
    family : int, optional
        The family's size (default: ``len(p_values)``); at least that.

    Returns
    -------
    adjusted : dict
        Claim key -> Holm-adjusted p.
    thresholds : dict
        Claim key -> the level its own two-sided p was held to: ``alpha / (m - r)``
        at its step for a rejected claim, the level where the step-down stopped for
        the others (a part of a claim is judged at its claim's threshold).
    """
    m = len(p_values) if family is None else int(family)
    if m < len(p_values):
        raise ValueError(f"a family of {m} cannot hold {len(p_values)} p-values")
    order = sorted(p_values, key=lambda key: p_values[key])
    adjusted, thresholds, running, rank = {}, {}, 0.0, 0
    for rank, key in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[key]))
        adjusted[key] = running
    stop = next((r for r, key in enumerate(order) if p_values[key] >= alpha / (m - r)),
                len(order))
    for r, key in enumerate(order):
        thresholds[key] = alpha / (m - r) if r < stop else alpha / (m - stop)
    return adjusted, thresholds


def combine(part_verdicts):
    """A claim's verdict from its parts' verdicts (the table on the methods page).

    Every part reproduced: "reproduced". Any part not reproduced: "not reproduced".
    Some reproduced, the rest inconclusive: "partly". No part run: "not run".
    Otherwise "inconclusive".
    """
    verdicts = list(part_verdicts)
    if not verdicts or all(v == "not run" for v in verdicts):
        return "not run"
    if "not reproduced" in verdicts:
        return "not reproduced"
    if all(v == "reproduced" for v in verdicts):
        return "reproduced"
    if "reproduced" in verdicts:
        return "partly"
    return "inconclusive"


def _with_split(scores):
    """``scores`` with an integer ``split`` column (0 when absent)."""
    if "split" not in scores.columns:
        return scores.assign(split=0)
    return scores.assign(split=scores["split"].fillna(0))


def share_verdict(count, total, target=1.0):
    """The verdict of a statement that holds in ``count`` of ``total`` cases of one run.

    For the chapters' statements outside the papers' declared claims: the share is
    tested like a :class:`Share` (against one half when ``target`` is "most", else
    against ``target`` less one case), two-sided at :data:`ALPHA` with no family
    correction. "not run" when there are no cases.
    """
    if total == 0:
        return "not run"
    boundary = 0.5 if target == "most" else float(target) - 1 / total
    outcome = share_test([(count, total)], boundary)
    if 2 * outcome.p_for < ALPHA:
        return "reproduced"
    if 2 * outcome.p_against < ALPHA:
        return "not reproduced"
    return "inconclusive"
