"""Chapter 07 (F1-score and G-mean, Table 5, Figure 3, Table 14): which G-mean the paper
prints, segment0's Table 14 and the paper's statements on it, and the F1 claims.

Table 5 itself is :func:`~imbdiff.lreddpm.auc.score_table` (module ``_scores``, shared with
Tables 3 and 4), Figure 3 :func:`~imbdiff.lreddpm.f1_gmean.gmean_bars`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..report import finished, method_table, verdict_table
from ._grids import LREDDPM_METHODS
from ._scores import statement_checks

# --- Which G-mean the paper prints -------------------------------------------------------

#: Slack of the bounds below, for the printed values' rounding (on the 0-1 scale).
_ROUNDING = 5e-6


def gmean_evidence() -> pd.DataFrame:
    """The paper's decision-tree G-means (Tables 7, 10, 11) against its AUC and F1.

    A sqrt(precision x recall) G-mean lies between the F1 (their harmonic mean) and
    sqrt(F1) (as precision + recall <= 2); a fully grown tree's AUC is (TPR + TNR) / 2,
    so a sqrt(TPR x TNR) G-mean is at most the AUC.

    Returns
    -------
    DataFrame
        One row per method and dataset that prints all three: ``AUC``, ``F1``,
        ``G-mean (printed)``, ``|G - AUC|``, ``|G - F1|`` (points) and whether the
        G-mean is ``possible as sqrt(P x R)`` and ``possible as sqrt(TPR x TNR)``.
    """
    from .. import paper

    published = pd.concat([paper.table("lreddpm", n) for n in (7, 10, 11)],
                          ignore_index=True)
    trio = published.pivot_table(index=["method", "dataset"], columns="metric",
                                 values="mean")[["AUC_DT", "F1_DT", "G-mean_DT"]].dropna()
    auc, f1, g = trio["AUC_DT"] / 100, trio["F1_DT"] / 100, trio["G-mean_DT"] / 100
    return pd.DataFrame({
        "AUC": trio["AUC_DT"],
        "F1": trio["F1_DT"],
        "G-mean (printed)": trio["G-mean_DT"],
        "|G - AUC|": (trio["G-mean_DT"] - trio["AUC_DT"]).abs(),
        "|G - F1|": (trio["G-mean_DT"] - trio["F1_DT"]).abs(),
        "possible as sqrt(P x R)": (g >= f1 - _ROUNDING) & (g <= np.sqrt(f1) + _ROUNDING),
        "possible as sqrt(TPR x TNR)": g <= auc + _ROUNDING,
    })


def gmean_evidence_line(evidence: pd.DataFrame) -> str:
    """:func:`gmean_evidence` in one sentence: the median gaps and the impossible rows."""
    impossible = {form: int((~evidence[f"possible as {form}"]).sum())
                  for form in ("sqrt(P x R)", "sqrt(TPR x TNR)")}
    return (f"{len(evidence)} rows of Tables 7, 10, 11 print AUC, F1 and G-mean together; "
            f"median |G - AUC| = {evidence['|G - AUC|'].median():.2f}, median |G - F1| = "
            f"{evidence['|G - F1|'].median():.2f}; impossible for sqrt(P x R): "
            f"{impossible['sqrt(P x R)']}; impossible for sqrt(TPR x TNR): "
            f"{impossible['sqrt(TPR x TNR)']}")


def gmean_evidence_table(evidence: pd.DataFrame):
    """:func:`gmean_evidence` as the chapter shows it (the paper's numbers: no profile)."""
    numbers = {column: "{:.3f}" for column in evidence.columns[:5]}
    return finished(evidence, "The paper's own G-means (Tables 7, 10, 11) against its AUC "
                              "and F1 of the same runs", formats=numbers)


@dataclass(frozen=True)
class ParkinTestSet:
    """parkin's test set as the paper's Tables 1, 4 and 13 imply it.

    Attributes
    ----------
    rows : int
        Table 1's #Test.
    expected_minority : float
        ``rows / (1 + IR)`` with Table 1's imbalance ratio.
    minority : int
        The count near it that makes every deterministic logistic-regression recall
        of Table 13 a whole number of rows.
    recalls : tuple of float
        Those recalls (0-1).
    deterministic : frozenset of str
        The methods whose parkin logistic-regression AUC Table 4 prints with
        "± .000": one fit on one generated set, so whole counts.
    """

    rows: int
    expected_minority: float
    minority: int
    recalls: tuple
    deterministic: frozenset

    @property
    def majority(self) -> int:
        return self.rows - self.minority

    def describe(self) -> str:
        """The test set in one sentence, with each recall times the minority count."""
        return (f"parkin test set: {self.rows} rows, about {self.expected_minority:.1f} "
                f"minority by Table 1's ratio; {self.minority} makes the recall of every "
                f"deterministic logistic-regression row a whole number of rows: "
                + ", ".join(f"{r * self.minority:.3f}" for r in self.recalls))


def parkin_test_set(*, search=5) -> ParkinTestSet:
    """Recover parkin's test set from the paper's Tables 1, 4 and 13.

    Parameters
    ----------
    search : int, default=5
        Minority counts within this many rows of ``rows / (1 + IR)`` are tried.

    Returns
    -------
    ParkinTestSet
    """
    from .. import paper

    table1 = paper.table("lreddpm", 1)
    table1 = table1[table1["dataset"] == "parkin"].set_index("metric")["mean"]
    rows, ratio = int(table1["#Test"]), table1["#Rimb"]
    table4 = paper.table("lreddpm", 4)
    table4 = table4[table4["dataset"] == "parkin"]
    deterministic = frozenset(table4.loc[table4["std"] == 0, "method"])
    table13 = paper.table("lreddpm", 13)
    recalls = table13.loc[(table13["metric"] == "Recall_LR")
                          & table13["method"].isin(deterministic), "mean"] / 100
    expected = rows / (1 + ratio)
    minority = min(range(int(expected) - search, int(expected) + search + 1),
                   key=lambda n: np.abs(recalls * n - np.round(recalls * n)).max())
    return ParkinTestSet(rows, float(expected), minority,
                         tuple(float(r) for r in recalls), deterministic)


def rebuilt_gmeans(test_set: ParkinTestSet) -> pd.DataFrame:
    """Table 13's G-mean rebuilt from its recall and accuracy, in both forms (%).

    With ``P`` minority and ``N`` majority test rows: ``TP = recall x P``,
    ``TN = accuracy x (P + N) - TP``, so ``TNR = TN / N`` and ``precision =
    TP / (TP + N - TN)``.

    Returns
    -------
    DataFrame
        Indexed by ``(classifier, method)``: ``one deterministic fit``, ``G-mean
        printed``, ``sqrt(TPR x TNR)``, ``sqrt(P x R)`` and each form's ``error``
        (rebuilt minus printed).
    """
    from .. import paper

    table13 = paper.table("lreddpm", 13)
    rows = []
    grouped = table13.assign(classifier=table13["metric"].str[-2:]).groupby(
        ["method", "classifier"], sort=False)
    for (method, classifier), group in grouped:
        m = dict(zip(group["metric"].str[:-3], group["mean"] / 100))
        tp = m["Recall"] * test_set.minority
        tn = m["Accuracy"] * test_set.rows - tp
        tnr, precision = tn / test_set.majority, tp / (tp + test_set.majority - tn)
        rows.append({
            "classifier": classifier, "method": method,
            "one deterministic fit": classifier == "LR" and method in test_set.deterministic,
            "G-mean printed": 100 * m["G-mean"],
            "sqrt(TPR x TNR)": 100 * np.sqrt(m["Recall"] * tnr),
            "sqrt(P x R)": 100 * np.sqrt(m["Recall"] * precision),
        })
    rebuilt = pd.DataFrame(rows).set_index(["classifier", "method"])
    rebuilt["error, TPR x TNR"] = rebuilt["sqrt(TPR x TNR)"] - rebuilt["G-mean printed"]
    rebuilt["error, P x R"] = rebuilt["sqrt(P x R)"] - rebuilt["G-mean printed"]
    return rebuilt


def rebuilt_gmean_table(rebuilt: pd.DataFrame):
    """:func:`rebuilt_gmeans` as the chapter shows it (the paper's numbers: no profile)."""
    numbers = {c: "{:.3f}" for c in rebuilt.columns if c != "one deterministic fit"}
    return finished(rebuilt, "Table 13's G-mean rebuilt from its recall and accuracy in "
                             "both forms (%)", formats=numbers)


def gmean_closeness(ours: pd.DataFrame) -> str:
    """How closely each G-mean form of ours follows the F1 and the tree's AUC (medians)."""
    wide = ours[ours["metric"].isin(["AUC_DT", "F1_DT", "G-mean_DT", "G-mean-TPR-TNR_DT"])
                ].pivot_table(index=["dataset", "method"], columns="metric", values="mean")
    if wide.empty:
        return "no decision-tree scores of ours"

    def gap(a, b):
        return (wide[a] - wide[b]).abs().median()

    return (f"ours, {len(wide)} cells: median |sqrt(PR) - F1| = "
            f"{gap('G-mean_DT', 'F1_DT'):.2f}, median |sqrt(PR) - AUC| = "
            f"{gap('G-mean_DT', 'AUC_DT'):.2f}; median |sqrt(TPR TNR) - AUC| = "
            f"{gap('G-mean-TPR-TNR_DT', 'AUC_DT'):.2f}, median |sqrt(TPR TNR) - F1| = "
            f"{gap('G-mean-TPR-TNR_DT', 'F1_DT'):.2f}")


def gmean_rank_lines(results, generators) -> str:
    """Each G-mean form's average rank of the generators over the datasets (Markdown).

    Parameters
    ----------
    results : imbdiff.experiments.Results
    generators : list of str

    Returns
    -------
    str
        One line per form with a complete dataset, 1 = highest G-mean, ties sharing
        their mean rank; "no G-means to rank" without any.
    """
    lines = []
    for title, metric in (("sqrt(P x R)", "G-mean_DT"),
                          ("sqrt(TPR x TNR)", "G-mean-TPR-TNR_DT")):
        means = results.wide(metric, methods=list(generators)).dropna()
        if means.empty:
            continue
        ranks = means.rank(axis=1, ascending=False).mean().sort_values()
        lines.append(f"* **{title}**: average rank over {len(means)} datasets (1 = highest "
                     "G-mean): " + ", ".join(f"{m} {r:.2f}" for m, r in ranks.items()) + ".")
    return "\n".join(lines) or "no G-means to rank"


# --- Appendix C, Table 14: segment0 ------------------------------------------------------

#: Table 14's methods, in its order.
TABLE14_METHODS = ("BorderlineSMOTE", "CTGAN", "LReDDPM", "Original")


def table14(ours: pd.DataFrame) -> pd.DataFrame:
    """Table 14 (segment0, decision tree): recall and accuracy, paper | ours | diff.

    Returns
    -------
    DataFrame
        :data:`TABLE14_METHODS` down, ``(Recall | Accuracy, paper | ours | diff)``
        across; our columns NaN without segment0.
    """
    from .. import paper

    published = paper.table("lreddpm", 14)
    segment0 = ours[ours["dataset"] == "segment0"]
    parts = []
    for metric in ("Recall_DT", "Accuracy_DT"):
        part = method_table(published, segment0, metric=metric, methods=list(TABLE14_METHODS))
        part.columns = pd.MultiIndex.from_tuples(
            [(metric.replace("_DT", ""), c[1]) for c in part.columns])
        parts.append(part)
    return pd.concat(parts, axis=1)


def _segment0_ran(table: pd.DataFrame) -> bool:
    return bool(table.xs("ours", axis=1, level=1).notna().any(axis=None))


def table14_table(ours: pd.DataFrame, *, profile=None):
    """:func:`table14` as the chapter shows it: three decimals, the caption saying
    whether segment0 is in the run."""
    table = table14(ours)
    status = "" if _segment0_ran(table) else " - ours: segment0 is not in this run"
    return finished(table, "Table 14 (segment0, decision tree), % (paper | ours | diff = "
                           f"ours - paper){status}", profile=profile, digits=3)


_TRIO = ["BorderlineSMOTE", "CTGAN", "LReDDPM"]

#: Section 4.2's statements on segment0: text -> test of one source's segment0 scores
#: ``v`` (methods down, ``Recall_DT, Accuracy_DT, F1_DT`` across) and ``d``, how far
#: each falls below Original's (Original - method).
SEGMENT0_STATEMENTS = {
    "CTGAN: accuracy rises above Original's while recall falls": lambda v, d: (
        d.loc["CTGAN", "Accuracy_DT"] < 0 < d.loc["CTGAN", "Recall_DT"]),
    "LReDDPM: recall falls slightly, F1 rises": lambda v, d: (
        0 < d.loc["LReDDPM", "Recall_DT"] < 1 and d.loc["LReDDPM", "F1_DT"] < 0),
    "BorderlineSMOTE: the smallest recall drop of the three": lambda v, d: (
        0 <= d.loc["BorderlineSMOTE", "Recall_DT"] == d.loc[_TRIO, "Recall_DT"].min()),
    "BorderlineSMOTE: the largest accuracy drop of the three": lambda v, d: (
        d.loc["BorderlineSMOTE", "Accuracy_DT"] == d.loc[_TRIO, "Accuracy_DT"].max()),
    "BorderlineSMOTE: F1 not above Original's": lambda v, d: (
        d.loc["BorderlineSMOTE", "F1_DT"] >= 0),
}


def _segment0_scores(frame: pd.DataFrame) -> pd.DataFrame:
    """segment0's decision-tree recall, accuracy and F1, methods down."""
    return (frame[frame["dataset"] == "segment0"]
            .pivot_table(index="method", columns="metric", values="mean")
            .reindex(index=list(LREDDPM_METHODS),
                     columns=["Recall_DT", "Accuracy_DT", "F1_DT"]))


def _segment0_sources(ours):
    from .. import paper

    published = pd.concat([paper.table("lreddpm", 5), paper.table("lreddpm", 14)],
                          ignore_index=True)
    at = {"paper": _segment0_scores(published), "ours": _segment0_scores(ours)}
    return {source: (v, v.loc["Original"] - v) for source, v in at.items()}


def segment0_checks(ours: pd.DataFrame) -> pd.DataFrame:
    """:data:`SEGMENT0_STATEMENTS` on the paper's Tables 5 and 14 and on ours.

    Returns
    -------
    DataFrame
        :func:`~imbdiff.lreddpm._scores.statement_checks`; ours "not run" without segment0.
    """
    return statement_checks(SEGMENT0_STATEMENTS, _segment0_sources(ours),
                            header="statement (Section 4.2, segment0)",
                            ours_ok=_segment0_ran(table14(ours)), not_testable="not run")


def segment0_f1_gains(ours: pd.DataFrame, generators) -> str:
    """Each generator's segment0 F1 minus Original's, ours and the paper's (two lines)."""
    if not _segment0_ran(table14(ours)):
        return "segment0 is not in this run"
    sources = _segment0_sources(ours)
    lines = []
    for source, label in (("ours", "ours:  "), ("paper", "paper: ")):
        f1 = sources[source][0]["F1_DT"]
        lines.append(f"segment0, F1 minus Original's, {label}"
                     + ", ".join(f"{m} {f1[m] - f1['Original']:+.3f}" for m in generators))
    return "\n".join(lines)


def paper_segment0_f1() -> dict:
    """The paper's segment0 F1s (Table 5): how narrow their range is beside LReDDPM's rise.

    Returns
    -------
    dict of str to str
        ``segment0_f1_width``, ``segment0_f1_range``, ``segment0_rise`` (LReDDPM
        minus Original) and ``segment0_original_sd`` (Original's printed ±).
    """
    from .. import paper

    table5 = paper.table("lreddpm", 5)
    f1 = table5[table5["dataset"] == "segment0"].set_index("method")
    low, high = f1["mean"].min(), f1["mean"].max()
    return {
        "segment0_f1_width": f"{high - low:.2f}",
        "segment0_f1_range": f"{low:.3f} to {high:.3f}",
        "segment0_rise": f"{f1.loc['LReDDPM', 'mean'] - f1.loc['Original', 'mean']:.3f}",
        "segment0_original_sd": f"{f1.loc['Original', 'std']:.3f}",
    }


# --- The claims ------------------------------------------------------------------------

#: The claims table's columns in chapter 07 (the G-mean form each claim was read with).
F1_GMEAN_COLUMNS = ["where", "claim", "G-mean read as", "paper", "ours", "interval",
                    "splits", "verdict"]


def f1_gmean_verdicts(per_split: pd.DataFrame) -> pd.DataFrame:
    """Chapter 07's claims, the G-mean claim checked with both forms.

    :func:`imbdiff.claims.check` reads the G-mean claim with sqrt(TPR x TNR)
    (``G-mean-TPR-TNR_DT``), the form the paper's printed values take; the claim is
    checked once more with the paper's written sqrt(precision x recall)
    (``G-mean_DT`` put in its place).

    Parameters
    ----------
    per_split : DataFrame
        :meth:`imbdiff.experiments.Results.per_split`.

    Returns
    -------
    DataFrame
        :func:`imbdiff.claims.check`'s rows plus ``G-mean read as`` (empty for the
        other claims); the written form's row last.
    """
    from .. import claims

    chapter = ["lreddpm/07_f1_gmean"]
    verdicts = claims.check(per_split, chapters=chapter)
    verdicts.insert(2, "G-mean read as",
                    np.where(verdicts["key"] == "gmean", "sqrt(TPR x TNR)", ""))
    written = per_split[per_split["metric"] != "G-mean-TPR-TNR_DT"].replace(
        {"metric": {"G-mean_DT": "G-mean-TPR-TNR_DT"}})
    again = claims.check(written, chapters=chapter)
    again = again[again["key"] == "gmean"].assign(**{"G-mean read as": "sqrt(P x R)"})
    return pd.concat([verdicts, again], ignore_index=True)


def f1_gmean_verdict_table(verdicts: pd.DataFrame, *, profile=None):
    """:func:`f1_gmean_verdicts` as :func:`imbdiff.report.verdict_table` of
    :data:`F1_GMEAN_COLUMNS`."""
    return verdict_table(verdicts, columns=F1_GMEAN_COLUMNS, profile=profile)


def _f1_sides(table5: pd.DataFrame):
    ours = table5.xs("ours", axis=1, level=1).dropna(axis=1, how="all")
    return {"ours": ours, "paper": table5.xs("paper", axis=1, level=1)[ours.columns]}


def f1_claim_lines(table5: pd.DataFrame, verdicts: pd.DataFrame, generators) -> str:
    """LReDDPM's F1 margins (ours, the paper's), then every verdict, as Markdown lines.

    Parameters
    ----------
    table5 : DataFrame
        :func:`~imbdiff.lreddpm.auc.score_comparison` of Table 5.
    verdicts : DataFrame
        :func:`f1_gmean_verdicts`.
    generators : list of str

    Returns
    -------
    str
    """
    lines = []
    sides = _f1_sides(table5)
    if not sides["ours"].empty:
        for source, values in sides.items():
            others = values.loc[[m for m in generators if m != "LReDDPM"]].max()
            lead = values.loc["LReDDPM"] - others
            gain = values.loc["LReDDPM"] - values.loc["Original"]
            lines.append(f"* F1, {source}: LReDDPM minus the best other generator "
                         + ", ".join(f"{d} {v:+.2f}" for d, v in lead.items())
                         + "; minus Original "
                         + ", ".join(f"{d} {v:+.2f}" for d, v in gain.items()) + ".")
    for _, row in verdicts.iterrows():
        form = f" ({row['G-mean read as']})" if row["G-mean read as"] else ""
        lines.append(f"* {row['where']}, {row['claim']}{form}: **{row['verdict']}** "
                     f"(paper {row['paper']}, ours {row['ours']}).")
    return "\n".join(lines)


#: The datasets Section 4.2 names for LReDDPM's largest F1 improvement.
F1_NAMED_DATASETS = ("yeast3", "crg", "abalone17", "parkin")


def f1_gain_lines(table5: pd.DataFrame) -> str:
    """Section 4.2's "higher improvement rate" on the named datasets, tested (Markdown).

    The datasets are ranked by LReDDPM's relative F1 gain over Original (ours and
    the paper's, on the datasets of ours); the claim reads as
    :data:`F1_NAMED_DATASETS` coming first.

    Returns
    -------
    str
        One line per source; a note when the run lacks named or other datasets.
    """
    sides = _f1_sides(table5)
    wanted = [d for d in F1_NAMED_DATASETS if d in sides["ours"].columns]
    others = [d for d in sides["ours"].columns if d not in F1_NAMED_DATASETS]
    lines = []
    for source, values in sides.items():
        if values.empty:
            continue
        gain = 100 * (values.loc["LReDDPM"] / values.loc["Original"] - 1)
        gain = gain.sort_values(ascending=False)
        top = set(gain.index[:len(wanted)])
        tested = (f"; the named datasets here ({', '.join(wanted)}) fill "
                  f"{len(top & set(wanted))} of the top {len(wanted)} places, and "
                  f"{int((gain[wanted] > 0).sum())} of them gain at all.")
        lines.append(f"* {source}: LReDDPM's relative F1 gain over Original (%): "
                     + ", ".join(f"{d} {v:+.1f}" for d, v in gain.items())
                     + (tested if wanted and others else "."))
    if not (wanted and others):
        lines.append("* Not testable in this run: it needs both datasets the claim names "
                     "and datasets it does not.")
    return "\n".join(lines)


def paper_f1_leads(generators) -> str:
    """Where LReDDPM's lead in the paper's Table 5 is smaller than its printed ±."""
    from .. import paper

    table5 = paper.table("lreddpm", 5)
    table5 = table5[table5["metric"] == "F1_DT"]
    means = table5.pivot(index="dataset", columns="method", values="mean")[list(generators)]
    spread = table5.pivot(index="dataset", columns="method", values="std")["LReDDPM"]
    rivals = means.drop(columns="LReDDPM")
    lead = means["LReDDPM"] - rivals.max(axis=1)
    runner_up = rivals.idxmax(axis=1)
    within = lead[(lead > 0) & (lead < spread)]
    return "; ".join(f"on {d} LReDDPM leads {runner_up[d]} by {v:.3f} points with "
                     f"± {spread[d]:.3f}" for d, v in within.items()) \
        or "on none of its datasets"
