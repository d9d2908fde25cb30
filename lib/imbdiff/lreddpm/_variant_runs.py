"""What the variant chapters share (09 guidance, 10 regions, 11 tau): the cells they
ran, the cells without a result, the claims as a list, and the paper's table of a
variant beside ours.

Each of these chapters changes one part of LReDDPM (the guidance, the guiding region,
the scale tau) and reads LReDDPM's own cells of Tables 3-5 from the shared cache.
"""

from __future__ import annotations

import pandas as pd

from ..experiments import Results
from ..report import finished, method_table

#: The caption of :func:`cells_table`.
CELLS_CAPTION = "The cells: guiding rows, rows generated, seconds"


def _markdown(text: str):
    from IPython.display import Markdown

    return Markdown(text)


def datasets_run(results, datasets) -> list:
    """The datasets of ``datasets`` (in their order) where a cell of ``results`` ran.

    Parameters
    ----------
    results : Results or list of Result
    datasets : sequence of str

    Returns
    -------
    list of str
    """
    ran = {r.experiment.dataset for r in results if r.ok}
    return [d for d in datasets if d in ran]


def run_note(profile, datasets) -> str:
    """One line on what a variant chapter ran: the profile's diffusion steps, its
    training steps and decision-tree seeds, and the datasets run.

    Parameters
    ----------
    profile : Profile
    datasets : sequence of str
        The datasets run (:func:`datasets_run`).

    Returns
    -------
    str
    """
    return (
        f"profile {profile.name!r}: T = {profile.timesteps}, {profile.train_steps} "
        f"training steps, {profile.repeats} decision-tree seeds; datasets run: "
        f"{', '.join(datasets) or 'none'}"
    )


def _summaries(results) -> pd.DataFrame:
    parts = [Results(r).summary() for r in results]
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def cells_table(*results, profile, datasets=None, methods=None, caption=CELLS_CAPTION):
    """The cells a chapter ran: per cell, its split, guiding rows, rows generated,
    seconds and error.

    Parameters
    ----------
    *results : Results
        The chapter's results (LReDDPM's cells of Tables 3-5, then the variants').
    profile : Profile or str
        The profile that ran them (named in the caption).
    datasets : sequence of str, optional
        Sort the cells by dataset in this order (the split order kept within one).
    methods : sequence of str, optional
        Keep only these methods, sorted in this order within a dataset.
    caption : str, default=:data:`CELLS_CAPTION`

    Returns
    -------
    pandas Styler, or IPython Markdown saying that no cell was run
    """
    summary = _summaries(results)
    if summary.empty:
        return _markdown("No cell was run.")
    keys = []
    if datasets is not None:
        keys.append(("dataset", list(datasets)))
    if methods is not None:
        methods = list(methods)
        summary = summary[summary["method"].isin(methods)]
        keys.append(("method", methods))
    if keys:
        order = {column: {v: i for i, v in enumerate(values)} for column, values in keys}
        summary = summary.sort_values([c for c, _ in keys], key=lambda c: c.map(order[c.name]),
                                      kind="stable")
    return finished(summary, caption, profile=profile, formats={"seconds": "{:.1f}"},
                    hide_index=True)


def failed_cells(*results, profile, by_error=False):
    """The cells without a result and why, or a line saying that every cell ran.

    Parameters
    ----------
    *results : Results
    profile : Profile or str
        Named in the caption.
    by_error : bool, default=False
        One row per error message with the datasets it struck (a scorecard's many
        cells), instead of one row per cell.

    Returns
    -------
    pandas Styler, or IPython Markdown when every cell ran
    """
    parts = [Results(r).errors(short=True) for r in results]
    failed = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if failed.empty:
        return _markdown("Every cell ran.")
    if by_error:
        datasets = failed.groupby("error")["dataset"].agg(lambda d: ", ".join(sorted(set(d))))
        return finished(datasets.to_frame("datasets"), "Cells without a result, by error",
                        profile=profile)
    return finished(failed, "Cells without a result", profile=profile, hide_index=True)


def verdict_list(verdicts: pd.DataFrame):
    """The chapter's claims as a Markdown list: the claim, where the paper makes it,
    the paper's number, ours and the verdict.

    Parameters
    ----------
    verdicts : DataFrame
        :func:`imbdiff.claims.check`'s table.

    Returns
    -------
    IPython Markdown
    """
    missing = {"claim", "where", "paper", "ours", "verdict"} - set(verdicts.columns)
    if missing:
        raise ValueError(f"the verdicts lack the columns {sorted(missing)}")
    return _markdown("\n".join(
        f"* **{row.claim}** ({row.where}): paper {row.paper}, ours {row.ours}, verdict "
        f"**{row.verdict}**."
        for row in verdicts.itertuples()
    ))


def paper_beside_ours(published, ours, *, metric, methods, labels=None, caption, profile):
    """A variant table of the paper (methods down) beside ours, the best of each
    column in bold, as the paper bolds its best row.

    Parameters
    ----------
    published, ours : DataFrame
        Long (``method, dataset, metric, mean``): the paper's tables and our scores.
    metric : str
    methods : sequence of str
        The rows, in order.
    labels : dict, optional
        Row -> the label shown.
    caption : str
    profile : Profile or str
        The profile of our scores.

    Returns
    -------
    pandas Styler
        :func:`imbdiff.report.method_table`'s layout, three decimals.
    """
    table = method_table(published, ours, metric=metric, methods=list(methods))
    return finished(table.rename(index=labels or {}), caption, profile=profile, best="column",
                    digits=3, exclude=("Original",), tolerance=0.0)


def _marker_grid(printed, ours, datasets, *, order):
    """Printed markers beside ours with the count of "+" of each row, in the layout of
    :func:`imbdiff.lreddpm._tau_tables.tau_marker_table`; ``ours`` maps each key of ``printed`` to a
    Series of our markers by dataset."""
    rows = {}
    for key, string in printed.items():
        if len(string) != len(order):
            raise ValueError(f"{len(string)} printed markers for {key}, {len(order)} datasets")
        paper_marks, our_marks = dict(zip(order, string)), ours[key]
        row = {}
        for dataset in datasets:
            row[(dataset, "paper")] = paper_marks.get(dataset, "")
            row[(dataset, "ours")] = our_marks.get(dataset, "n/a")
        for source in ("paper", "ours"):
            row[("count of +", source)] = sum(row[(d, source)] == "+" for d in datasets)
        rows[key] = row
    table = pd.DataFrame(rows).T
    table.columns = pd.MultiIndex.from_tuples(table.columns, names=["dataset", ""])
    return table
