"""The experiments a grid is made of and the results :func:`~imbdiff.experiments.run`
returns, with the tables the chapters read from them."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from ._cell import Experiment, Result
from ._splits import CVFold

__all__ = ["Experiment", "Result", "Results", "split_id", "wide", "with_params"]


def split_id(experiment) -> int:
    """Which split of a repeated protocol ``experiment`` belongs to.

    A hold-out split is identified by its seed, a cross-validation fold by its
    repetition (the folds of one repetition together make one split).
    """
    split = experiment.split
    return int(split.repeat if isinstance(split, CVFold) else split.seed)


class Results(list):
    """The results of :func:`run`, in the order of the experiments, with tables.

    Grids run every cell on several splits (:func:`split_id`). :meth:`per_split`
    gives one score per split; :meth:`paper_format` and :meth:`aggregate` give the
    mean over the splits and the standard deviation over them, which is what the
    book's "±" shows.
    """

    def scores(self) -> pd.DataFrame:
        """Long table ``dataset, method, split, classifier, metric, mean, std`` plus
        the paper-style metric name ``name`` (``AUC_DT``, ``F1_DT``, ...); one row
        per experiment (a fold of a cross-validation is one experiment)."""
        frames = []
        for result in self:
            if not result.ok:
                continue
            frame = result.scores.copy()
            frame.insert(0, "split", split_id(result.experiment))
            frame.insert(0, "method", result.experiment.name)
            frame.insert(0, "dataset", result.experiment.dataset)
            frames.append(frame)
        if not frames:
            columns = ["dataset", "method", "split", "classifier", "metric", "mean", "std", "name"]
            return pd.DataFrame(columns=columns)
        table = pd.concat(frames, ignore_index=True)
        table["name"] = table["metric"] + "_" + table["classifier"]
        return table

    def per_split(self, names=None) -> pd.DataFrame:
        """One score per method, dataset, metric and split.

        Parameters
        ----------
        names : sequence of str, optional
            Paper-style metric names to keep (``"AUC_DT"``, ...); default all.

        Returns
        -------
        DataFrame
            ``method, dataset, metric, split, mean, std``: for a hold-out split its
            score (``std`` over the decision-tree seeds); for a repetition of a
            cross-validation the mean over its folds (``std`` over the folds).
        """
        table = self.scores()
        if names is not None:
            table = table[table["name"].isin(list(names))]
        grouped = table.groupby(["method", "dataset", "name", "split"], sort=False)
        folds = grouped["mean"].agg(["mean", lambda v: float(np.std(v)), "size"])
        folds.columns = ["mean", "fold_std", "folds"]
        seeds = grouped["std"].first()
        folds["std"] = np.where(folds["folds"] > 1, folds["fold_std"], seeds)
        folds = folds.reset_index().rename(columns={"name": "metric"})
        return folds[["method", "dataset", "metric", "split", "mean", "std"]]

    def paper_format(self, names=None) -> pd.DataFrame:
        """Scores in :func:`imbdiff.paper.table`'s format, over the splits.

        Returns
        -------
        DataFrame
            ``method, dataset, metric, mean, std, splits`` with paper metric names
            (``AUC_DT``): ``mean`` over the splits of each split's score, ``std``
            their sample standard deviation (NaN with one split), ``splits`` how
            many splits have a result; optionally only ``names``.
        """
        return _over_splits(self.per_split(names), ["method", "dataset", "metric"])

    def aggregate(self) -> pd.DataFrame:
        """:meth:`paper_format` with the column names of the cross-validation chapters.

        Returns
        -------
        DataFrame
            ``dataset, method, name, mean, std, splits, folds``: the mean over the
            repetitions of each repetition's mean over its folds, the standard
            deviation over the repetitions (NaN with one), and the number of
            repetitions and of folds with a result.
        """
        table = self.paper_format().rename(columns={"metric": "name"})
        folds = self.scores().groupby(["dataset", "method", "name"], sort=False).size()
        table["folds"] = [folds.get((d, m, n), 0) for d, m, n in zip(table["dataset"], table["method"], table["name"])]
        return table[["dataset", "method", "name", "mean", "std", "splits", "folds"]]

    def distances(self, per_split=False) -> pd.DataFrame:
        """The distances (JS, WD, MMD) of the generated rows to the guiding region's.

        Returns
        -------
        DataFrame
            ``method, dataset, metric, mean`` averaged over the splits (plus ``std``
            over them and ``splits``), or with ``per_split=True`` one row per split
            with a ``split`` column.
        """
        rows = [
            {
                "method": r.experiment.name,
                "dataset": r.experiment.dataset,
                "metric": name,
                "split": split_id(r.experiment),
                "mean": value,
            }
            for r in self
            if r.ok
            for name, value in r.distances.items()
        ]
        table = pd.DataFrame(rows, columns=["method", "dataset", "metric", "split", "mean"])
        if per_split:
            return table
        return _over_splits(table, ["method", "dataset", "metric"])

    def errors(self, short=False, grouped=False) -> pd.DataFrame:
        """Which experiments produced no result, and why.

        Parameters
        ----------
        short : bool
            Keep only the first line of each message, cut to :data:`SHORT_ERROR`
            characters (an ellipsis marks a cut), so that a table of failures fits
            the page.
        grouped : bool
            One row per dataset, method and message, with the number of splits
            (or folds) that failed so in ``experiments``.

        Returns
        -------
        DataFrame
            ``dataset, method, split, error`` (or ``dataset, method, error,
            experiments`` when grouped); empty when every experiment ran.
        """
        rows = [
            {
                "dataset": r.experiment.dataset,
                "method": r.experiment.name,
                "split": split_id(r.experiment),
                "error": _shorten(r.error) if short else r.error,
            }
            for r in self
            if not r.ok
        ]
        table = pd.DataFrame(rows, columns=["dataset", "method", "split", "error"])
        if grouped:
            keys = ["dataset", "method", "error"]
            return table.groupby(keys, sort=False).size().rename("experiments").reset_index()
        return table

    def wide(self, metric, *, methods=None, datasets=None, value="mean") -> pd.DataFrame:
        """One metric over the splits as datasets down and methods across.

        Parameters
        ----------
        metric : str
            A paper-style score name (``"AUC_DT"``, ``"F1_LR"``, ...) or a distance
            (``"JS"``, ``"WD"``, ``"MMD"``).
        methods, datasets : sequence of str, optional
            Columns and rows in this order (missing ones show as NaN); default those
            with a result, in the order of the experiments.
        value : {"mean", "std", "splits"}
            The mean over the splits, their standard deviation, or how many splits
            have a result (see :meth:`paper_format`).

        Returns
        -------
        DataFrame
            Index ``dataset``, one column per method (:func:`wide`).
        """
        frame = self.distances() if metric in DISTANCE_NAMES else self.paper_format([metric])
        return wide(frame, metric, methods=methods, datasets=datasets, value=value)

    def per_fold(self, metric, *, methods=None) -> pd.DataFrame:
        """One metric per fold, for paired comparisons of cross-validated methods.

        Parameters
        ----------
        metric : str
            A paper-style score name (``"AUC_DT"``, ``"F1_DT"``, ...).
        methods : sequence of str, optional
            Columns in this order; default the methods with a result.

        Returns
        -------
        DataFrame
            Index ``(dataset, repeat, fold)``, one column per method: the score of
            that method on that fold (NaN where it failed). A hold-out split counts
            as fold 0 of the repetition named by its seed.
        """
        rows = []
        for result in self:
            if not result.ok:
                continue
            scores = result.scores
            hit = scores.loc[(scores["metric"] + "_" + scores["classifier"]) == metric, "mean"]
            split = result.experiment.split
            fold = split.fold if isinstance(split, CVFold) else 0
            rows.append((result.experiment.dataset, split_id(result.experiment), fold,
                         result.experiment.name, float(hit.iloc[0]) if len(hit) else np.nan))
        frame = pd.DataFrame(rows, columns=["dataset", "repeat", "fold", "method", "value"])
        table = frame.pivot_table(index=["dataset", "repeat", "fold"], columns="method",
                                  values="value", aggfunc="first", sort=False)
        if methods is not None:
            table = table.reindex(columns=list(methods))
        table.columns.name = "method"
        return table

    def summary(self) -> pd.DataFrame:
        """Per experiment: split, rows generated / removed, guiding rows, seconds, error."""
        return pd.DataFrame(
            [
                {
                    "dataset": r.experiment.dataset,
                    "method": r.experiment.name,
                    "split": split_id(r.experiment),
                    "train rows": r.n_train,
                    "guiding rows": r.guiding_rows,
                    "generated": r.n_generated,
                    "removed": r.n_removed,
                    "seconds": round(r.seconds, 1),
                    "error": r.error or "",
                }
                for r in self
            ]
        )

    def splits(self) -> list[int]:
        """The split identifiers present, in increasing order."""
        return sorted({split_id(r.experiment) for r in self})

    def get(self, dataset, name, split=None):
        """The result of the experiment on ``dataset`` shown as ``name``.

        ``split`` picks the split (:func:`split_id`); default the first one
        (chapters draw their figures from it). For a cross-validation the first
        fold of that repetition is returned.
        """
        wanted = self.splits()[0] if split is None and len(self) else split
        for result in self:
            experiment = result.experiment
            if experiment.dataset == dataset and experiment.name == name and split_id(experiment) == wanted:
                return result
        raise KeyError((dataset, name, split))


#: Length of an error message shortened by :meth:`Results.errors`.
SHORT_ERROR = 110

#: The distances :class:`Result` records between generated and guiding rows.
DISTANCE_NAMES = ("JS", "WD", "MMD")


def _shorten(message) -> str:
    """The first line of ``message``, cut to :data:`SHORT_ERROR` characters."""
    first = str(message).strip().split("\n")[0]
    return first if len(first) <= SHORT_ERROR else first[: SHORT_ERROR - 1] + "…"


def _over_splits(table, keys):
    """Mean and sample standard deviation of ``mean`` over the splits of ``keys``."""
    columns = [*keys, "mean", "std", "splits"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    grouped = table.groupby(keys, sort=False)["mean"]
    out = grouped.agg(mean="mean", std=lambda v: float(v.std(ddof=1)) if len(v) > 1 else np.nan, splits="size")
    return out.reset_index()[columns]


def with_params(experiment: Experiment, *, label=None, **params) -> Experiment:
    """A copy of ``experiment`` with some parameters replaced (a variant)."""
    merged = dict(experiment.params)
    merged.update(params)
    return replace(experiment, params=tuple(sorted(merged.items())), label=label or experiment.label)


def wide(frame: pd.DataFrame, metric: str, *, methods=None, datasets=None, value="mean"):
    """One metric of a long score table as datasets down and methods across.

    Parameters
    ----------
    frame : DataFrame
        Long format with columns ``method, dataset, metric`` and ``value`` (as
        :func:`imbdiff.paper.table` and :meth:`imbdiff.experiments.Results.paper_format`
        return it).
    metric : str
        The metric to show (``"AUC_DT"``, ``"JS"``, ...).
    methods, datasets : sequence of str, optional
        Columns and rows, in this order; a name without a value shows as NaN. By
        default the methods and datasets present, in order of appearance.
    value : str
        The column of ``frame`` to spread (``"mean"``, ``"std"``, ``"splits"``).

    Returns
    -------
    DataFrame
        Index ``dataset``, one column per method; a (dataset, method) pair given
        several times (one row per split, say) shows the mean of its values.

    Raises
    ------
    ValueError
        If ``frame`` lacks a needed column.
    """
    missing = [c for c in ("method", "dataset", "metric", value) if c not in frame.columns]
    if missing:
        raise ValueError(f"frame lacks the columns {missing}")
    part = frame[frame["metric"] == metric]
    table = part.pivot_table(index="dataset", columns="method", values=value, aggfunc="mean",
                             dropna=False)
    rows = list(datasets) if datasets is not None else list(dict.fromkeys(part["dataset"]))
    columns = list(methods) if methods is not None else list(dict.fromkeys(part["method"]))
    table = table.reindex(index=rows, columns=columns).astype(float)
    table.columns.name = "method"
    table.index.name = "dataset"
    return table
