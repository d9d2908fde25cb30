"""The LReDDPM paper's claims, each checked the same way on its numbers and on ours.

Every claim of Sections 4-6 that a table or figure can decide is a function of a
long score table (``method, dataset, metric, mean``, as
:func:`imbdiff.paper.table` and :meth:`imbdiff.experiments.Results.paper_format`
give them). :func:`check` applies each one twice, to the paper's published numbers
and to ours, restricted to the datasets both have, and gives a verdict:

* **reproduced**: our share of datasets meeting the claim is within 0.15 of the
  paper's own share (one dataset of nine or ten); where no table gives the paper's
  share (Figure 5), of the share its text states ("most": 0.6);
* **partly**: our share is at least half the paper's (or one of two parts holds);
* **not reproduced**: less than that;
* **not run** / **not testable**: the cells are missing (a chapter not run, or data
  such as parkin that cannot be had).

Checking the paper's numbers with the same rule shows where the text claims more
than its own tables show (for example Table 6).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd

from . import paper as _paper

__all__ = ["CLAIMS", "Claim", "check", "paper_scores", "share_verdict", "tally"]

#: Methods of Tables 3-5 that "best method" claims compare (the paper leaves
#: "Original", the unresampled training set, out of its bold).
GENERATORS = ("ADASYN", "BorderlineSMOTE", "FinDiff", "TVAE", "CTGAN", "LReDDPM")

VERDICTS = ("reproduced", "partly", "not reproduced", "not run", "not testable")


@dataclass(frozen=True)
class Claim:
    """One claim: where it is, what it says, which chapter tests it, how.

    ``test(scores, datasets)`` returns ``(count, total)``: the number of
    datasets (or cases) among ``total`` where the claim holds; ``total`` 0 when
    the scores needed are missing.
    """

    key: str
    where: str
    text: str
    chapter: str
    test: Callable
    stated: float = 1.0  # the share the text states, used where no table gives the paper's


def _wide(scores, metric, datasets):
    table = scores[scores["metric"] == metric].pivot_table(
        index="dataset", columns="method", values="mean", aggfunc="first"
    )
    return table.reindex(index=[d for d in datasets if d in table.index])


def _needs(table, methods):
    return table.dropna(subset=[m for m in methods if m in table.columns]) if set(methods) <= set(table.columns) else table.iloc[0:0]


def _best_among(metric, methods=GENERATORS, target="LReDDPM", lower=False, only=None):
    def test(scores, datasets):
        datasets = [d for d in datasets if only is None or d in only]
        table = _needs(_wide(scores, metric, datasets), methods)
        if table.empty:
            return 0, 0
        others = table[[m for m in methods if m != target]]
        best = others.min(axis=1) if lower else others.max(axis=1)
        wins = table[target] <= best if lower else table[target] >= best
        return int(wins.sum()), len(table)

    return test


def _beats(metric, target, rivals, strict=True):
    def test(scores, datasets):
        table = _needs(_wide(scores, metric, datasets), (target, *rivals))
        if table.empty:
            return 0, 0
        rival = table[list(rivals)].max(axis=1)
        wins = table[target] > rival if strict else table[target] >= rival
        return int(wins.sum()), len(table)

    return test


def _all_metrics(metrics, target, rivals):
    """Cases (dataset, metric) where ``target`` is at least every rival."""

    def test(scores, datasets):
        count = total = 0
        for metric in metrics:
            got, n = _beats(metric, target, rivals, strict=False)(scores, datasets)
            count, total = count + got, total + n
        return count, total

    return test


def _pairs(metric, target, rivals, datasets_only=None):
    def test(scores, datasets):
        wanted = [d for d in datasets if datasets_only is None or d in datasets_only]
        count = total = 0
        for rival in rivals:
            table = _wide(scores, metric, wanted)
            if rival not in table or target not in table:
                continue
            table = table[[target, rival]].dropna()
            count += int((table[target] >= table[rival]).sum())
            total += len(table)
        return count, total

    return test


def _mean_rank_best(metric, methods=GENERATORS, target="LReDDPM", lower=False):
    """Whether ``target`` has the best average rank over the datasets (1 of 1)."""

    def test(scores, datasets):
        table = _needs(_wide(scores, metric, datasets), methods)
        if table.empty:
            return 0, 0
        ranks = table[list(methods)].rank(axis=1, ascending=lower).mean()
        return int(ranks[target] == ranks.min()), 1

    return test


def _both(first, second):
    def test(scores, datasets):
        a, n = first(scores, datasets)
        b, m = second(scores, datasets)
        return (a + b, n + m) if n and m else (0, 0)

    return test


def _tau60_trades_recall_for_accuracy(scores, datasets):
    wanted = [d for d in ("segment0", "page0", "abalone17") if d in datasets]
    acc = _wide(scores, "Accuracy_DT", wanted)
    rec = _wide(scores, "Recall_DT", wanted)
    if not {"tau=60", "LReDDPM"} <= set(acc.columns) or not {"tau=60", "LReDDPM"} <= set(rec.columns):
        return 0, 0
    holds = (acc["tau=60"] > acc["LReDDPM"]) & (rec["tau=60"] < rec["LReDDPM"])
    return int(holds.sum()), len(holds)


def _segment0_f1_gainers(scores, datasets):
    if "segment0" not in datasets:
        return 0, 0
    table = _wide(scores, "F1_DT", ["segment0"])
    if table.empty or not set(GENERATORS) | {"Original"} <= set(table.columns):
        return 0, 0
    row = table.loc["segment0"]
    gainers = {m for m in GENERATORS if row[m] > row["Original"]}
    # The claim: CTGAN and LReDDPM gain F1, every other generator loses it.
    return int(gainers == {"CTGAN", "LReDDPM"}), 1


def _synthetic_rows_keep_their_type(scores, datasets):
    table = scores[(scores["metric"] == "share") & scores["dataset"].isin(datasets)]
    if table.empty:
        return 0, 0
    holds = 0
    for _, group in table.groupby("dataset"):
        modal = group.loc[group["mean"].idxmax(), "method"]
        holds += int(modal == group["guiding"].iloc[0])
    return holds, table["dataset"].nunique()


CLAIMS = (
    Claim(
        "distances", "4.2, Table 2",
        "LReDDPM's rows are the closest to the guiding region's rows: best average rank in JS and WD",
        "lreddpm/05_distances",
        _both(_mean_rank_best("JS", lower=True), _mean_rank_best("WD", lower=True)),
    ),
    Claim(
        "auc-dt-best", "4.2, Table 3",
        "Best decision-tree AUC of the six methods on 9 of the 10 datasets (all but page0)",
        "lreddpm/06_auc", _best_among("AUC_DT"),
    ),
    Claim(
        "auc-dt-vs-smote", "4.2, Table 3",
        "LReDDPM beats ADASYN and BorderlineSMOTE (decision-tree AUC), page0 included",
        "lreddpm/06_auc", _beats("AUC_DT", "LReDDPM", ("ADASYN", "BorderlineSMOTE")),
    ),
    Claim(
        "auc-dt-vs-original", "4.2, Table 3",
        "Expanding the training set with LReDDPM's rows improves the decision tree's AUC on most datasets",
        "lreddpm/06_auc", _beats("AUC_DT", "LReDDPM", ("Original",)),
    ),
    Claim(
        "auc-lr-best", "4.2, Table 4",
        "LReDDPM gives the highest logistic-regression AUC on most datasets",
        "lreddpm/06_auc", _best_among("AUC_LR"),
    ),
    Claim(
        "f1-best", "4.2, Table 5",
        "LReDDPM's decision-tree F1 is the best of the six methods on every dataset",
        "lreddpm/07_f1_gmean", _best_among("F1_DT"),
    ),
    Claim(
        "f1-vs-original", "4.2, Table 5",
        "LReDDPM improves the decision tree's F1 over the original training set on every dataset",
        "lreddpm/07_f1_gmean", _beats("F1_DT", "LReDDPM", ("Original",)),
    ),
    Claim(
        "segment0-f1", "4.2, Tables 5 and 14",
        "On segment0 only CTGAN and LReDDPM raise the F1 over the original training set",
        "lreddpm/07_f1_gmean", _segment0_f1_gainers,
    ),
    Claim(
        "gmean", "4.2, Figure 3",
        "LReDDPM's G-mean 'remains favorable': best average rank of the six methods "
        "(G-mean as the paper's values are: sqrt(TPR x TNR))",
        "lreddpm/07_f1_gmean", _mean_rank_best("G-mean-TPR-TNR_DT"),
    ),
    Claim(
        "guidance", "5.1, Table 6",
        "Neither q(y|s,x_t) nor q(y|x_t) surpasses q(y|s) (AUC and F1, decision tree)",
        "lreddpm/09_guidance", _all_metrics(("AUC_DT", "F1_DT"), "LReDDPM", ("q(y|s,x_t)", "q(y|x_t)")),
    ),
    Claim(
        "other-region", "5.2, Table 7",
        "Guiding yeast3 and rice by border rows and crg by safe rows is not better than the paper's regions",
        "lreddpm/10_regions",
        _both(
            _pairs("AUC_DT", "LReDDPM", ("border", "safe"), ("yeast3", "rice", "crg")),
            _pairs("F1_DT", "LReDDPM", ("border", "safe"), ("yeast3", "rice", "crg")),
        ),
    ),
    Claim(
        "abalone17-rare", "6, Table 10",
        "On abalone17, rare-row guidance gives the best AUC of regions 2-4",
        "lreddpm/10_regions", _best_among("AUC_DT", ("border", "rare", "outlier"), target="rare", only=("abalone17",)),
    ),
    Claim(
        "tau-best", "5.3, Tables 8 and 9",
        "tau = 60/sqrt(beta_t) is the best setting: decision-tree AUC at least that of tau = 1, 60 and 1/sqrt(beta_t)",
        "lreddpm/11_tau", _beats("AUC_DT", "LReDDPM", ("tau=1", "tau=60", "tau=1/sqrt(beta)"), strict=False),
    ),
    Claim(
        "tau-vs-1", "5.3, Tables 8 and 9",
        "tau = 60 and tau = 1/sqrt(beta_t) classify better than tau = 1 (AUC and F1)",
        "lreddpm/11_tau",
        _both(
            _all_metrics(("AUC_DT", "F1_DT"), "tau=60", ("tau=1",)),
            _all_metrics(("AUC_DT", "F1_DT"), "tau=1/sqrt(beta)", ("tau=1",)),
        ),
    ),
    Claim(
        "tau60-recall", "5.3, Table 15",
        "With tau = 60 accuracy rises and recall falls against LReDDPM (segment0, page0, abalone17)",
        "lreddpm/11_tau", _tau60_trades_recall_for_accuracy,
    ),
    Claim(
        "ddpm-region", "6, Table 11",
        "A DDPM trained on the regional rows alone is worse than LReDDPM except on segment0 and abalone17",
        "lreddpm/12_ddpm_region", _beats("AUC_DT", "LReDDPM", ("DDPM-region",)),
    ),
    Claim(
        "synthetic-types", "6, Figure 5",
        "Most datasets' synthetic rows keep the type of the region that guided them",
        "lreddpm/13_synthetic_types", _synthetic_rows_keep_their_type, stated=0.6,
    ),
)


def paper_scores() -> pd.DataFrame:
    """Every published LReDDPM score (Tables 2-11, 13-18) in one long table."""
    frames = [_paper.table("lreddpm", n) for n in (3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18)]
    return pd.concat(frames, ignore_index=True)[["method", "dataset", "metric", "mean"]]


def share_verdict(count, total, target=1.0):
    """The verdict for a claim that holds in ``count`` of ``total`` cases.

    ``target`` is the share the paper shows (its own numbers) or states:
    "reproduced" within 0.15 of it, "partly" from half of it, else "not
    reproduced"; "not run" when there are no cases. Chapters use it for the
    statements :data:`CLAIMS` does not hold.
    """
    if total == 0:
        return "not run"
    share = count / total
    if share >= target - 0.15:
        return "reproduced"
    if share >= target / 2:
        return "partly"
    return "not reproduced"


def _verdict(ours, paper, stated):
    (pk, pn) = paper
    return share_verdict(*ours, pk / pn if pn else stated)


def check(ours: pd.DataFrame, *, chapters=None, unavailable=("parkin",)) -> pd.DataFrame:
    """Check the claims on the paper's numbers and on ``ours``.

    Parameters
    ----------
    ours : DataFrame
        Long table ``method, dataset, metric, mean`` (several grids concatenated;
        Figure 5's shares as metric ``share`` with a ``guiding`` column).
    chapters : list of str, optional
        Only the claims these chapters test (for example ``["lreddpm/06_auc"]``).
    unavailable : tuple of str
        Datasets we cannot run; the paper's count is taken without them too.

    Returns
    -------
    DataFrame
        One row per claim: ``where, claim, paper, ours, verdict, chapter``, with
        ``paper`` and ``ours`` as "k of n".
    """
    published = paper_scores()
    rows = []
    for claim in CLAIMS:
        if chapters is not None and claim.chapter not in chapters:
            continue
        datasets = [d for d in dict.fromkeys(ours["dataset"]) if d not in unavailable] if len(ours) else []
        ours_count = claim.test(ours, datasets) if datasets else (0, 0)
        paper_count = claim.test(published, datasets) if datasets else (0, 0)
        rows.append(
            {
                "where": claim.where,
                "claim": claim.text,
                "paper": _fraction(paper_count),
                "ours": _fraction(ours_count),
                "verdict": _verdict(ours_count, paper_count, claim.stated),
                "chapter": claim.chapter,
                "key": claim.key,
            }
        )
    return pd.DataFrame(rows)


def _fraction(count):
    k, n = count
    return f"{k} of {n}" if n else "n/a"


def tally(verdicts: pd.DataFrame) -> pd.Series:
    """Number of claims per verdict, in the order of :data:`VERDICTS`."""
    return verdicts["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)
