"""Chapter 06 (AUC, Tables 3, 4 and 13): parkin's Table 13 and the paper's statements
on it, the claims' margins, and the probe of the Original rows' gap.

Tables 3 and 4 themselves are :func:`~imbdiff.lreddpm.auc.score_table` (module
``_scores``, shared with Table 5); the probe's readings are computed by
:func:`~imbdiff.lreddpm.auc.probe_protocol` (module ``_protocol``) and shown here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import finished, format_value
from ._scores import statement_checks

# --- Appendix C, Table 13: parkin ----------------------------------------------------------

#: Table 13's methods, in its order.
TABLE13_METHODS = ("ADASYN", "TVAE", "LReDDPM", "Original")

#: Table 13's columns: (column, source, metric without the classifier's suffix).
_TABLE13_COLUMNS = {
    ("G-mean", "paper (printed)"): ("paper", "G-mean"),
    ("G-mean", "ours, sqrt(precision x recall)"): ("ours", "G-mean"),
    ("G-mean", "ours, sqrt(TPR x TNR)"): ("ours", "G-mean-TPR-TNR"),
    ("Recall", "paper"): ("paper", "Recall"),
    ("Recall", "ours"): ("ours", "Recall"),
    ("Accuracy", "paper"): ("paper", "Accuracy"),
    ("Accuracy", "ours"): ("ours", "Accuracy"),
}

_CLASSIFIERS = {"DT": "Decision Tree", "LR": "Logistic Regression"}


def _has(ours: pd.DataFrame, dataset: str) -> bool:
    return bool((ours["dataset"] == dataset).any())


def table13(ours: pd.DataFrame) -> pd.DataFrame:
    """Table 13 (parkin) with ours beside it, the G-mean in both forms.

    Parameters
    ----------
    ours : DataFrame
        Long scores (``method, dataset, metric, mean``); without parkin's rows our
        columns are NaN.

    Returns
    -------
    DataFrame
        Indexed by ``(classifier, method)``: both classifiers, :data:`TABLE13_METHODS`;
        columns ``(metric, source)``: the paper's printed G-mean, ours as
        sqrt(precision x recall) and as sqrt(TPR x TNR), then recall and accuracy,
        paper and ours.
    """
    from .. import paper
    from ._common import lookup

    values = {"paper": lookup(paper.table("lreddpm", 13)),
              "ours": lookup(ours[ours["dataset"] == "parkin"])}
    rows = {}
    for classifier, name in _CLASSIFIERS.items():
        for method in TABLE13_METHODS:
            rows[(name, method)] = {
                column: values[source].get((method, "parkin", f"{metric}_{classifier}"),
                                           np.nan)
                for column, (source, metric) in _TABLE13_COLUMNS.items()
            }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.names = ["classifier", "method"]
    table.columns = pd.MultiIndex.from_tuples(table.columns)
    return table


def table13_table(ours: pd.DataFrame, *, profile=None):
    """:func:`table13` as the chapter shows it, its caption saying whether ours ran.

    Returns
    -------
    pandas.io.formats.style.Styler
        Three decimals, *n/a* where a value is missing.
    """
    status = ("computed on parkin" if _has(ours, "parkin")
              else "ours NOT AVAILABLE: parkin is not in this run or cannot be loaded here "
                   "(offline), not reproducible")
    return finished(table13(ours), f"Table 13 (parkin), % - {status}", profile=profile,
                    digits=3)


def _parkin_scores(frame: pd.DataFrame) -> pd.DataFrame:
    """parkin's scores, methods down, metrics across."""
    from ._grids import LREDDPM_METHODS

    return (frame[frame["dataset"] == "parkin"]
            .pivot_table(index="method", columns="metric", values="mean")
            .reindex(index=list(LREDDPM_METHODS)))


_PAIR = ("ADASYN", "LReDDPM")

#: Section 4.2's statements on Table 13: text -> test of one source's parkin scores
#: ``v`` (methods down, metrics across) and its G-mean column ``g``.
TABLE13_STATEMENTS = {
    "LR: ADASYN's AUC is above LReDDPM's": lambda v, g: (
        v.loc["ADASYN", "AUC_LR"] > v.loc["LReDDPM", "AUC_LR"]),
    "LR: yet ADASYN's G-mean and accuracy are below LReDDPM's": lambda v, g: (
        v.loc["ADASYN", g] < v.loc["LReDDPM", g]
        and v.loc["ADASYN", "Accuracy_LR"] < v.loc["LReDDPM", "Accuracy_LR"]),
    "LR: ADASYN and LReDDPM have the same recall": lambda v, g: np.isclose(
        v.loc["ADASYN", "Recall_LR"], v.loc["LReDDPM", "Recall_LR"]),
    "LR: ADASYN's and LReDDPM's G-mean and accuracy fall below Original's, "
    "their recall unchanged": lambda v, g: (
        all(v.loc[m, k] < v.loc["Original", k] for m in _PAIR for k in (g, "Accuracy_LR"))
        and all(np.isclose(v.loc[m, "Recall_LR"], v.loc["Original", "Recall_LR"])
                for m in _PAIR)),
    "LR: TVAE's accuracy rises above Original's, but its recall falls the most "
    "of the three oversamplers": lambda v, g: (
        v.loc["TVAE", "Accuracy_LR"] > v.loc["Original", "Accuracy_LR"]
        and v.loc["TVAE", "Recall_LR"] < min(v.loc[m, "Recall_LR"] for m in _PAIR)),
}


def table13_checks(ours: pd.DataFrame) -> pd.DataFrame:
    """:data:`TABLE13_STATEMENTS` on the paper's Tables 4 and 13 and on ours.

    The paper's G-mean is compared with our sqrt(TPR x TNR), the form its printed
    values take (chapter 07).

    Returns
    -------
    DataFrame
        :func:`~imbdiff.lreddpm._scores.statement_checks`; ours "not testable" without parkin.
    """
    from .. import paper

    published = pd.concat([paper.table("lreddpm", 4), paper.table("lreddpm", 13)],
                          ignore_index=True)
    sources = {"paper": (_parkin_scores(published), "G-mean_LR"),
               "ours": (_parkin_scores(ours), "G-mean-TPR-TNR_LR")}
    return statement_checks(TABLE13_STATEMENTS, sources,
                            header="statement (Section 4.2 on Table 13)",
                            ours_ok=_has(ours, "parkin"),
                            not_testable="not testable (parkin unavailable)")


# --- The claims: LReDDPM's margins, the abalone17 exception --------------------------------


def _rivals(generators):
    others = [m for m in generators if m != "LReDDPM"]
    return {"auc-dt-best": (3, others), "auc-dt-vs-smote": (3, ["ADASYN", "BorderlineSMOTE"]),
            "auc-dt-vs-original": (3, ["Original"]), "auc-lr-best": (4, others)}


def auc_claim_margins(verdicts: pd.DataFrame, tables: dict, generators) -> str:
    """Each AUC claim's verdict with LReDDPM's margin over its rivals, per dataset.

    Parameters
    ----------
    verdicts : DataFrame
        :func:`imbdiff.claims.check` of the chapter (``key, claim, where, verdict,
        paper, ours``).
    tables : dict of int to DataFrame
        3 and 4 -> :func:`~imbdiff.lreddpm.auc.score_comparison`.
    generators : list of str
        The six generators; a claim's rivals are the others (or ADASYN and
        BorderlineSMOTE, or Original).

    Returns
    -------
    str
        Markdown, one line per claim the verdicts hold; "no claim could be tested"
        without any.
    """
    rows = verdicts.set_index("key")
    lines = []
    for key, (number, rivals) in _rivals(generators).items():
        if key not in rows.index:
            continue
        row = rows.loc[key]
        values = {s: tables[number].xs(s, axis=1, level=1) for s in ("ours", "paper")}
        margin = {s: v.loc["LReDDPM"] - v.loc[rivals].max() for s, v in values.items()}
        ours = margin["ours"].dropna()
        if ours.empty:
            lines.append(f"* **{row['claim']}**: not run.")
            continue
        lines.append(
            f"* **{row['claim']}** ({row['where']}): {row['verdict']}, paper {row['paper']}, "
            f"ours {row['ours']}. LReDDPM minus the best of {', '.join(rivals)}, ours: "
            + ", ".join(f"{d} {v:+.2f}" for d, v in ours.items())
            + "; paper: " + ", ".join(f"{d} {margin['paper'][d]:+.2f}" for d in ours.index)
            + ".")
    return "\n".join(lines) or "no claim could be tested"


def abalone17_exception(results) -> str:
    """Table 4's abalone17 exception, checked: is ADASYN's logistic-regression AUC above
    LReDDPM's, and did ADASYN generate more rows ("likely due to the larger sample
    size generated by the ADASYN")?

    Both are means over the splits where the method ran (an abalone17 split may hold
    no safe minority row to guide LReDDPM).

    Returns
    -------
    str
        One sentence; it says so when either method has no result on abalone17.
    """
    pair = ["ADASYN", "LReDDPM"]
    summary = results.summary()
    rows = pd.Series(np.nan, index=pair)
    if len(summary):
        ran = summary[(summary["dataset"] == "abalone17") & (summary["error"] == "")]
        rows = ran.groupby("method")["generated"].mean().reindex(pair)
    if rows.isna().any():
        return ("abalone17 is not in this run (or every split of a method failed): the "
                "exception is not tested here")
    auc = results.wide("AUC_LR").loc["abalone17"]
    (a_auc, l_auc), (a_n, l_n) = auc[pair], rows[pair]
    return (f"abalone17, logistic regression: ADASYN AUC {a_auc:.3f} vs LReDDPM {l_auc:.3f} "
            f"({'above' if a_auc > l_auc else 'not above'}); rows generated: ADASYN "
            f"{a_n:.0f} vs LReDDPM {l_n:.0f} ({'more' if a_n > l_n else 'not more'}), "
            "means over the splits each ran")


def paper_auc_margins(generators) -> dict:
    """LReDDPM's margins over the best other generator in the paper's own Table 3.

    Parameters
    ----------
    generators : list of str
        The six generators.

    Returns
    -------
    dict of str to str
        ``paper_wins`` ("k of n" datasets where LReDDPM leads), ``paper_narrow_count``
        and ``paper_narrow_margins`` (its leads under half a point, smallest first).
    """
    from .. import paper
    from ..report import wide

    full = wide(paper.table("lreddpm", 3), "AUC_DT", methods=list(generators))
    margin = full["LReDDPM"] - full.drop(columns="LReDDPM").max(axis=1)
    narrow = margin[(margin > 0) & (margin < 0.5)].sort_values()
    return {
        "paper_wins": f"{int((margin > 0).sum())} of {len(margin)}",
        "paper_narrow_count": str(len(narrow)),
        "paper_narrow_margins": ", ".join(f"{v:.3f} on {d}" for d, v in narrow.items())
        or "none",
    }


# --- The Original gap: the probe of the protocol's readings --------------------------------


def _original_auc():
    from .. import paper

    table = paper.table("lreddpm", 3)
    return table[table["method"] == "Original"].set_index("dataset")["mean"]


def original_gap(results, datasets) -> str:
    """The Original decision-tree AUC: the paper's beside the range of ours over the splits.

    Returns
    -------
    str
        ``"d (paper P, ours L to H); ..."`` over ``datasets`` with a result, one
        decimal; "no result in this run" without any.
    """
    by_split = results.per_split(["AUC_DT"])
    by_split = by_split[by_split["method"] == "Original"]
    ranges = by_split.groupby("dataset")["mean"].agg(["min", "max"])
    printed = _original_auc()
    parts = [f"{d} (paper {printed[d]:.1f}, ours {low:.1f} to {high:.1f})"
             for d, (low, high) in ranges.reindex(list(datasets)).dropna().iterrows()
             if d in printed.index]
    return "; ".join(parts) or "no result in this run"


def probe_table(summary: pd.DataFrame, datasets, *, profile=None):
    """The Original tree's AUC under each reading beside the paper's, as text cells.

    Parameters
    ----------
    summary : DataFrame
        :func:`~imbdiff.lreddpm.auc.summarise_probe`.
    datasets : list of str
        The columns, in order.
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        The paper's value (Table 3) in the first row, then ``mean ± sd`` over the
        splits per reading, one decimal, ``✓`` where the paper's value matches.
    """
    text = (summary["mean"].map("{:.1f}".format) + " ± " + summary["sd"].map("{:.1f}".format)
            + summary["match"].map({True: " ✓", False: ""}))
    table = summary.assign(text=text).pivot(index="variant", columns="dataset", values="text")
    printed = summary.groupby("dataset")["paper"].first().map("{:.1f}".format)
    table = pd.concat([printed.to_frame("paper (Table 3)").T, table])
    return finished(table[list(datasets)],
                    "Original, decision-tree AUC (%): the paper's value, then ours under "
                    "each reading, mean ± sd over the splits; ✓: the paper's value is "
                    "within 2 sd", profile=profile)


def probe_verdict_table(verdicts: pd.DataFrame, *, profile=None):
    """:func:`~imbdiff.lreddpm.auc.probe_verdicts` as the chapter shows it, captioned."""
    return finished(verdicts, "Which readings match the gap datasets and keep the controls "
                              "matched", profile=profile, hide_index=True)


def seed_spread_table(summary: pd.DataFrame, datasets, *, profile=None):
    """The AUC's standard deviation over the tree seeds per reading, beside the paper's ±.

    Parameters
    ----------
    summary : DataFrame
        :func:`~imbdiff.lreddpm.auc.summarise_probe` (``seed_sd`` and ``paper_sd``).
    datasets : list of str
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        Readings down, then the row ``paper's ±``; two decimals.
    """
    spread = summary.pivot(index="variant", columns="dataset", values="seed_sd")
    spread.loc["paper's ±"] = summary.groupby("dataset")["paper_sd"].first()
    return finished(spread[list(datasets)], "Standard deviation of the AUC over the tree "
                                            "seeds (mean over the splits)",
                    profile=profile, digits=2)


#: The reading that scales the test rows with their own min-max (a protocol error).
LEAK_READING = "min-max (each part)"


def probe_findings(probe: pd.DataFrame, summary: pd.DataFrame,
                   verdicts: pd.DataFrame) -> dict:
    """The numbers the chapter's conclusion on the Original gap quotes.

    Parameters
    ----------
    probe : DataFrame
        :func:`~imbdiff.lreddpm.auc.probe_protocol`, with the "as built", "min-max
        (train)" and :data:`LEAK_READING` readings; segment0's numbers are n/a when it is
        not among its datasets.
    summary : DataFrame
        :func:`~imbdiff.lreddpm.auc.summarise_probe` of ``probe``.
    verdicts : DataFrame
        :func:`~imbdiff.lreddpm.auc.probe_verdicts` of ``summary``.

    Returns
    -------
    dict of str to str
        ``probe_scope``, ``explaining`` (the readings that explain the gap),
        ``paper_recall``, ``paper_accuracy`` (Table 14's Original tree on segment0),
        ``segment0_minority_test``, ``paper_misses`` and ``our_misses`` (the minority
        test rows the tree misses), ``minmax_shift`` (how far a min-max scaling
        fitted on the training rows moves our mean AUC), ``lowest_recall`` (segment0's
        lowest recall under a reading other than :data:`LEAK_READING`), ``leak_recall``,
        ``leak_auc`` and ``leak_f1`` (:data:`LEAK_READING`'s numbers, the last beside Table 5's
        Original row).
    """
    from .. import paper

    missing = {"variant", "dataset", "split", "F1", "Recall", "n_test_minority"} - set(probe)
    if missing:
        raise ValueError(f"probe lacks the columns {sorted(missing)}: pass probe_protocol's")
    explaining = verdicts.loc[verdicts["explains"], "variant"].tolist()
    table14 = paper.table("lreddpm", 14)
    table14 = table14[table14["method"] == "Original"].set_index("metric")["mean"]
    segment0 = probe[probe["dataset"] == "segment0"]
    minority_test = segment0["n_test_minority"].mean()
    as_built = segment0[segment0["variant"] == "as built"]
    our_misses = (as_built["n_test_minority"] * (1 - as_built["Recall"] / 100)).mean()
    paper_misses = minority_test * (1 - table14["Recall_DT"] / 100)
    means = summary.pivot(index="variant", columns="dataset", values="mean")
    shift = (means.loc["min-max (train)"] - means.loc["as built"]).abs().max()
    readings = probe.groupby(["variant", "dataset"])[["F1", "Recall"]].mean()
    # without segment0 in the probe its numbers are n/a
    recall = readings["Recall"].unstack("dataset").reindex(columns=["segment0"])["segment0"]
    leak = summary[summary["variant"] == LEAK_READING].set_index("dataset")
    table5 = paper.table("lreddpm", 5)
    table5 = table5[table5["method"] == "Original"].set_index("dataset")["mean"]
    return {
        "probe_scope": f"{probe['dataset'].nunique()} datasets, "
                       f"{probe['split'].nunique()} splits",
        "explaining": ", ".join(explaining) or "none",
        "paper_recall": f"{table14['Recall_DT']:.1f}",
        "paper_accuracy": f"{table14['Accuracy_DT']:.1f}",
        "segment0_minority_test": format_value(minority_test, 0),
        "paper_misses": format_value(paper_misses, 0),
        "our_misses": format_value(our_misses, 1),
        "minmax_shift": format_value(shift),
        "lowest_recall": format_value(recall.drop(index=LEAK_READING).min(), 1),
        "leak_recall": format_value(recall.loc[LEAK_READING], 1),
        "leak_auc": "; ".join(f"{d} {r['mean']:.1f} ± {r['sd']:.1f} (paper {r['paper']:.1f})"
                              for d, r in leak.iterrows()),
        "leak_f1": "; ".join(f"{d} {v:.1f} (paper {format_value(table5.get(d), 1)})"
                             for d, v in readings.loc[LEAK_READING, "F1"].items()),
    }
