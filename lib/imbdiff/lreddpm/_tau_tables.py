"""Chapter 11: the gradient scale tau (Section 5.3, Tables 8, 9 and 15).

The four settings of tau: the step each takes, how far they move the same generated
rows, Tables 8 and 9 beside ours with their "(+)" markers recomputed, Table 15's
trade of recall for accuracy, and the settings' average ranks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import paper
from ..report import finished, wide
from ..stats import average_ranks
from ._grids import TAU_VARIANTS
from ._variant_runs import _markdown, _marker_grid, paper_beside_ours

#: Tables 8 and 9's metrics -> their table number (LReDDPM's row: Tables 3 and 5).
TAU_METRICS = {"AUC_DT": 8, "F1_DT": 9}

#: The four settings as rows, LReDDPM's 60/sqrt(beta) last, and how the chapter
#: labels LReDDPM's.
TAU_ROWS = [*TAU_VARIANTS, "LReDDPM"]
TAU_LABELS = {"LReDDPM": "tau=60/sqrt(beta) = LReDDPM"}

#: Tables 8 and 9's printed markers, one per dataset in Table 1's order ("+": above
#: LReDDPM in Table 3 or 5). The paper's text, transcribed here: the score tables of
#: :func:`imbdiff.paper.table` hold no markers.
TAU_MARKERS = {
    ("tau=1", "AUC_DT"): "+--+++-+--",
    ("tau=60", "AUC_DT"): "---+++-+--",
    ("tau=1/sqrt(beta)", "AUC_DT"): "-+++++--+-",
    ("tau=1", "F1_DT"): "----++-+--",
    ("tau=60", "F1_DT"): "+--+++-++-",
    ("tau=1/sqrt(beta)", "F1_DT"): "-++-++--+-",
}


def _table1_order():
    """Table 8's datasets, in Table 1's order (the order of the printed markers)."""
    return list(dict.fromkeys(paper.table("lreddpm", 8)["dataset"]))


def _paper_scores():
    """The paper's Tables 3, 5, 8 and 9, every method."""
    return pd.concat([paper.table("lreddpm", n) for n in (3, 5, 8, 9)], ignore_index=True)


# --- The step of each setting ----------------------------------------------------------------


def tau_step_figure(steps: pd.DataFrame, betas):
    """The step tau_t beta_t of each setting (left) and that step in units of the
    noise sqrt(beta_t) of the same reverse step (right), from t = T to t = 1.

    Parameters
    ----------
    steps : DataFrame
        Steps ``t`` down (1 to T), one column per tau setting: ``tau_t * beta_t``.
    betas : array-like of float
        The schedule's beta_t, one per row of ``steps``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    betas = np.asarray(betas, dtype=float)
    if len(betas) != len(steps):
        raise ValueError(f"{len(betas)} betas for {len(steps)} steps")
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2))
    for spec in steps.columns:
        step = steps[spec].to_numpy(dtype=float)
        left.plot(steps.index, step, label=rf"$\tau$ = {spec}")
        right.plot(steps.index, step / np.sqrt(betas), label=rf"$\tau$ = {spec}")
    left.set(xlabel="t", ylabel=r"$\tau_t \beta_t$", yscale="log")
    right.set(xlabel="t", ylabel=r"$\tau_t \beta_t / \sqrt{\beta_t}$", yscale="log")
    for ax in (left, right):
        ax.invert_xaxis()
    left.legend(fontsize=7)
    fig.tight_layout()
    return fig


# --- How far the settings move the rows --------------------------------------------------------


def row_shift(base: pd.DataFrame, rows: pd.DataFrame, *, numeric, nominal, scale):
    """How far row i of ``rows`` is from row i of ``base``, averaged over rows.

    Parameters
    ----------
    base, rows : DataFrame
        Two generated sets of the same length and columns, row i against row i.
    numeric, nominal : list of str
        The numeric and the nominal columns.
    scale : array-like of float
        One scale per numeric column (the minority class's standard deviation); a
        NaN scale leaves its column out.

    Returns
    -------
    tuple of float
        ``(numeric, nominal)``: the mean of ``|row - base| / scale`` over the numeric
        cells, and the percentage of nominal cells that differ; NaN without such
        columns.
    """
    if len(base) != len(rows):
        raise ValueError(f"row_shift pairs rows: {len(base)} rows against {len(rows)}")
    difference = rows[numeric].to_numpy(float) - base[numeric].to_numpy(float)
    numeric_shift = np.abs(difference) / np.asarray(scale, dtype=float)
    differ = rows[nominal].astype(str).to_numpy() != base[nominal].astype(str).to_numpy()
    return (
        np.nanmean(numeric_shift) if numeric_shift.size else np.nan,
        100 * differ.mean() if differ.size else np.nan,
    )


def tau_row_shifts(main, variants, datasets, *, settings, random_state=0):
    """Section 5.3: how far each tau setting moves LReDDPM's rows, beside unrelated rows.

    Row i of a setting is compared with row i of LReDDPM (same seed: same DDPM,
    classifier and noise), by :func:`row_shift` with the minority class's standard
    deviation of the training split as scale (a constant column carries none). The
    ``"unrelated rows"`` column pairs LReDDPM's rows with a shuffle of themselves
    (``random_state``), for scale. A setting without rows or with another number of
    rows is left out; a dataset whose LReDDPM cell failed is left out.

    Returns
    -------
    DataFrame
        Datasets down; columns ``(setting, "numeric (sd)" | "nominal (%)")``.
    """
    from ._analysis import training_split

    rows = {}
    for dataset in datasets:
        reference = main.get(dataset, "LReDDPM")
        if not reference.ok or reference.generated is None:
            continue
        X_train, y_train, _, _, nominal = training_split(reference.experiment)
        numeric = [c for c in X_train.columns if c not in nominal]
        scale = X_train.loc[y_train == 1, numeric].astype(float).std().to_numpy()
        scale[scale == 0] = np.nan
        base = reference.generated
        others = {s: variants.get(dataset, s) for s in settings}
        others = {
            s: r.generated for s, r in others.items()
            if r.ok and r.generated is not None and len(r.generated) == len(base)
        }
        shuffled = base.sample(frac=1, random_state=random_state)
        others["unrelated rows"] = shuffled.reset_index(drop=True)
        row = {}
        for label, generated in others.items():
            shift = row_shift(base, generated, numeric=numeric, nominal=nominal, scale=scale)
            row[(label, "numeric (sd)")], row[(label, "nominal (%)")] = shift
        rows[dataset] = row
    table = pd.DataFrame(rows).T
    if len(table):
        table.columns = pd.MultiIndex.from_tuples(table.columns)
    return table


def tau_shift_table(shift: pd.DataFrame, *, profile):
    """:func:`tau_row_shifts`' table, three decimals.

    Returns
    -------
    pandas Styler, or IPython Markdown when no dataset has generated rows
    """
    if shift.empty:
        return _markdown("No dataset has generated rows to compare.")
    return finished(shift, "Mean |row of a setting - same row of LReDDPM|, and between "
                    "unrelated LReDDPM rows", profile=profile, digits=3)


def tau_shift_statement(shift: pd.DataFrame, settings) -> str:
    """How far the tau settings move a row, against two unrelated rows, in Markdown.

    Parameters
    ----------
    shift : DataFrame
        From :func:`tau_row_shifts`: columns ``(setting | "unrelated rows", "numeric
        (sd)")`` among others.
    settings : sequence of str
        The settings compared.

    Returns
    -------
    str
        "nudge" when every setting's largest move on every dataset is under half the
        distance between unrelated rows; a sentence saying so when ``shift`` is empty.
    """
    if shift.empty:
        return "No dataset has generated rows to compare."
    numeric = shift.xs("numeric (sd)", axis=1, level=1)
    moved, unrelated = numeric[list(settings)], numeric["unrelated rows"]
    nudged = (moved.max(axis=1) < 0.5 * unrelated).all()
    verdict = (
        "the settings only nudge the same rows, and any difference between their "
        "scores comes from these small moves (to which a decision tree's splits can "
        "be sensitive)."
        if nudged
        else "on some dataset the setting changes the rows nearly as much as "
        "drawing other rows would."
    )
    return (
        f"Changing tau moves a row by {moved.min(axis=None):.2f} to "
        f"{moved.max(axis=None):.2f} standard deviations per numeric column on "
        f"average, against {unrelated.min():.2f} to {unrelated.max():.2f} "
        f"between two unrelated rows: {verdict}"
    )


# --- Tables 8 and 9 and their markers -----------------------------------------------------------


def tau_scores(main, variants) -> pd.DataFrame:
    """Our scores of LReDDPM's cells and of the three other settings, long
    (``method, dataset, metric, mean, std, splits``), as the paper prints them."""
    return pd.concat([main.paper_format(), variants.paper_format()], ignore_index=True)


def tau_table(ours, metric, *, datasets, profile):
    """Table 8 (AUC) or 9 (F1) beside ours: the four settings down, LReDDPM's last,
    ``(dataset, paper | ours | diff)`` across, the best of each column in bold.

    Parameters
    ----------
    ours : DataFrame
        :func:`tau_scores`.
    metric : {"AUC_DT", "F1_DT"}
    datasets : sequence of str
    profile : Profile or str

    Returns
    -------
    pandas Styler
    """
    if metric not in TAU_METRICS:
        raise ValueError(f"Tables 8 and 9 show {list(TAU_METRICS)}; got {metric!r}")
    published = pd.concat(
        [paper.table("lreddpm", 8), paper.table("lreddpm", 9),
         *[paper.table("lreddpm", n).query("method == 'LReDDPM'") for n in (3, 5)]],
        ignore_index=True,
    )
    return paper_beside_ours(
        published[published["dataset"].isin(datasets)], ours, metric=metric,
        methods=TAU_ROWS, labels=TAU_LABELS, profile=profile,
        caption=f"Table {TAU_METRICS[metric]}, {metric} (decision tree, %): paper, ours and "
        "ours - paper",
    )


def above_markers(scores: pd.DataFrame, setting, metric, *, reference="LReDDPM"):
    """Per dataset, ``"+"`` where ``setting`` scores above ``reference`` on ``metric``,
    ``"-"`` where not; datasets missing either value are left out."""
    both = wide(scores, metric, methods=[setting, reference]).dropna()
    return (both[setting] > both[reference]).map({True: "+", False: "-"})


def tau_marker_agreement():
    """How many of Tables 8 and 9's printed markers the rule ("+": above LReDDPM)
    gives on the paper's own numbers.

    Returns
    -------
    tuple of int
        ``(agree, printed)``.
    """
    order, scores = _table1_order(), _paper_scores()
    agree = sum(
        above_markers(scores, setting, metric).get(dataset) == printed
        for (setting, metric), string in TAU_MARKERS.items()
        for dataset, printed in zip(order, string)
    )
    return agree, len(TAU_MARKERS) * len(order)


def tau_marker_table(printed, ours: pd.DataFrame, datasets, *, order):
    """Tables 8 and 9's printed markers beside the rule's markers on our numbers.

    Parameters
    ----------
    printed : dict
        ``(setting, metric) -> string`` of the printed markers, one character per
        dataset of ``order``.
    ours : DataFrame
        Our long score table.
    datasets : list of str
        The datasets shown (those run).
    order : list of str
        The datasets of the printed tables, in their order.

    Returns
    -------
    DataFrame
        One row per ``(setting, metric)``; columns ``(dataset, "paper" | "ours")``
        and ``("count of +", ...)``. A dataset the paper does not print reads
        ``""``, one of ours without a value ``"n/a"``.
    """
    ours_marks = {key: above_markers(ours, *key) for key in printed}
    return _marker_grid(printed, ours_marks, datasets, order=order)


def tau_markers(ours, *, datasets, profile):
    """:func:`tau_marker_table` of Tables 8 and 9 (:data:`TAU_MARKERS`) on ``datasets``.

    Returns
    -------
    pandas Styler
    """
    table = tau_marker_table(TAU_MARKERS, ours, datasets, order=_table1_order())
    return finished(table, "Tables 8 and 9's markers: printed vs recomputed on ours ('+': "
                    "above LReDDPM, tau = 60/sqrt(beta))", profile=profile)


def _above_on_both(ours, datasets):
    """source -> setting -> the datasets where the setting is above LReDDPM on AUC and
    F1, by the printed markers ("paper") and by ours."""
    table = tau_marker_table(TAU_MARKERS, ours, datasets, order=_table1_order())
    return {
        source: {
            setting: [d for d in datasets
                      if table.loc[(setting, "AUC_DT"), (d, source)] == "+"
                      and table.loc[(setting, "F1_DT"), (d, source)] == "+"]
            for setting in TAU_VARIANTS
        }
        for source in ("paper", "ours")
    }


def _printed_counts_sentence():
    """What the printed markers of all ten datasets say of the text's two counts."""
    order = _table1_order()
    both_1 = [d for d, auc, f1 in zip(order, TAU_MARKERS[("tau=1", "AUC_DT")],
                                      TAU_MARKERS[("tau=1", "F1_DT")]) if auc == f1 == "+"]
    plus_60 = {m: TAU_MARKERS[("tau=60", m)].count("+") for m in TAU_METRICS}
    holds = [m for m, k in plus_60.items() if k < len(order) - k]
    fails = [m for m, k in plus_60.items() if k >= len(order) - k]
    return (
        "Over all ten datasets of the printed tables: tau = 1 is above LReDDPM on both "
        f"metrics on {len(both_1)} ({', '.join(both_1)}), as the text says; tau = 60 is "
        f"above it on {plus_60['AUC_DT']} datasets by AUC and {plus_60['F1_DT']} by F1, "
        "so the text's 'the number of datasets experiencing a decline in performance "
        "exceeds those that show improvement' holds for " + " and ".join(holds)
        + (" but not for " + " and ".join(fails) if fails else "") + "."
    )


def tau_marker_statement(ours, *, datasets):
    """Per setting, the datasets where it is above LReDDPM on both AUC and F1 (the
    paper's markers and ours), then what all ten printed datasets say of the text's
    counts.

    Returns
    -------
    IPython Markdown
    """
    both = _above_on_both(ours, datasets)
    lines = [
        f"* **{s}**: above LReDDPM on both AUC and F1 on {len(both['paper'][s])} "
        f"dataset(s) in the paper ({', '.join(both['paper'][s]) or 'none'}), on "
        f"{len(both['ours'][s])} of ours ({', '.join(both['ours'][s]) or 'none'})."
        for s in TAU_VARIANTS
    ]
    return _markdown("\n".join(lines) + "\n\n" + _printed_counts_sentence())


def tau_above_measure(ours, *, datasets):
    """The counts of :func:`tau_marker_statement` as a measure of
    :func:`imbdiff.report.what_we_found`: ``(label, paper, ours)``."""
    both = _above_on_both(ours, datasets)
    return ("Datasets where a setting is above LReDDPM on both AUC and F1",
            *[", ".join(f"{s} {len(both[source][s])}" for s in TAU_VARIANTS)
              for source in ("paper", "ours")])


def page0_f1_range() -> str:
    """The range of every page0 F1 of Tables 3, 5, 8 and 9 but the highest (Table 9's
    87.093 at tau = 1/sqrt(beta)), as ``"a to b"``."""
    scores = _paper_scores()
    f1 = scores.query("dataset == 'page0' and metric == 'F1_DT'")["mean"]
    f1 = f1[f1 < f1.max()]
    return f"{f1.min():.0f} to {f1.max():.0f}"


# --- Table 15 and the ranks --------------------------------------------------------------------


def trade_table(paper_table, ours, datasets, *, setting="tau=60", reference="LReDDPM"):
    """Table 15: recall and accuracy of ``setting`` and ``reference``, and the trade.

    The trade is "yes" when the setting's accuracy rises and its recall falls
    against the reference, "no" otherwise, ``""`` when a change is missing.

    Returns
    -------
    DataFrame
        Indexed by ``(dataset, in Table 15)``; columns ``(source, metric, setting |
        reference | "change")`` and ``(source, "trade", "")``.
    """
    printed = set(paper_table["dataset"])
    rows = []
    for dataset in datasets:
        row = {"dataset": dataset, "in Table 15": dataset in printed}
        for source, frame in (("paper", paper_table), ("ours", ours)):
            for metric in ("Recall_DT", "Accuracy_DT"):
                table = wide(frame, metric)
                for method in (setting, reference):
                    present = dataset in table.index and method in table
                    row[(source, metric, method)] = (
                        table.loc[dataset, method] if present else np.nan
                    )
                row[(source, metric, "change")] = (
                    row[(source, metric, setting)] - row[(source, metric, reference)]
                )
            recall = row[(source, "Recall_DT", "change")]
            accuracy = row[(source, "Accuracy_DT", "change")]
            row[(source, "trade", "")] = (
                "" if np.isnan(recall) or np.isnan(accuracy)
                else "yes" if accuracy > 0 and recall < 0 else "no"
            )
        rows.append(row)
    table = pd.DataFrame(rows).set_index(["dataset", "in Table 15"])
    table.columns = pd.MultiIndex.from_tuples(table.columns)
    return table


def tau_trade(ours, *, datasets, profile):
    """:func:`trade_table` on Table 15's datasets, then the other ``datasets`` run.

    Returns
    -------
    pandas Styler
        Three decimals.
    """
    printed = paper.table("lreddpm", 15)
    table = trade_table(printed, ours, list(dict.fromkeys([*printed["dataset"], *datasets])))
    numbers = {c: "{:.3f}" for c in table.columns if c[1] != "trade"}
    return finished(table, "Table 15: recall and accuracy (decision tree, %) of tau = 60 and "
                    "LReDDPM; change = tau=60 - LReDDPM; trade: accuracy up and recall down",
                    profile=profile, formats=numbers)


def tau_ranks(ours, *, datasets, profile):
    """The average rank of the four settings (1 = best, ties share their mean rank)
    over ``datasets``, on the paper's Tables 3, 5, 8 and 9 and on ours.

    A metric and source with fewer than two complete datasets has no ranks (NaN).

    Returns
    -------
    pandas Styler
        The settings down, ``(metric, "paper" | "ours")`` across, the best in bold.
    """
    sources = {"paper": _paper_scores(), "ours": ours}
    ranks = {}
    for metric in TAU_METRICS:
        for source, scores in sources.items():
            table = wide(scores, metric, methods=TAU_ROWS, datasets=datasets).dropna()
            ranks[(metric, source)] = (average_ranks(table) if len(table) >= 2
                                       else pd.Series(np.nan, index=TAU_ROWS))
    ranks = pd.DataFrame(ranks).rename(index=TAU_LABELS)
    ranks.columns = pd.MultiIndex.from_tuples(ranks.columns, names=["metric", ""])
    return finished(ranks, f"Average rank of the four settings over the {len(datasets)} "
                    "dataset(s) run (bold: best)", profile=profile, best="column",
                    lower_is_better=True, digits=2, exclude=("Original",), tolerance=0.0)


def _table3_8():
    """Table 3's LReDDPM AUC beside Table 8's three settings, every dataset."""
    return wide(_paper_scores(), "AUC_DT", methods=TAU_ROWS)


def paper_tau_close() -> str:
    """On how many datasets the paper's four AUCs (Tables 3 and 8) lie within half a
    point of each other, as ``"k of n"``."""
    table = _table3_8()
    spread = table.max(axis=1) - table.min(axis=1)
    return f"{int((spread < 0.5).sum())} of {len(spread)}"


def tau_paper_statement():
    """On how many datasets tau = 60/sqrt(beta_t) has the best decision-tree AUC of the
    four settings by the paper's own Tables 3 and 8, and which setting wins where
    (parkin, which cannot be run here, left out).

    Returns
    -------
    IPython Markdown
    """
    table = _table3_8().drop(index="parkin")
    winners = table.idxmax(axis=1)
    best = int((table["LReDDPM"] >= table.max(axis=1)).sum())
    where = ", ".join(f"{TAU_LABELS.get(w, w)} on {', '.join(winners.index[winners == w])}"
                      for w in dict.fromkeys(winners))
    return _markdown(
        "By the paper's own Tables 3 and 8, tau = 60/sqrt(beta_t) has the best "
        f"decision-tree AUC of the four settings on **{best} of {len(table)}** datasets "
        f"(parkin, which we cannot run, left out): the best setting is {where}."
    )
