"""The claims' verdicts as chapter tables, reading grids, tallies and Markdown lists."""

from __future__ import annotations

import pandas as pd

from ._tables import with_caption

__all__ = [
    "FRONT_PAGE_CLAIMS",
    "VERDICT_COLOURS",
    "declared_tests",
    "findings",
    "headlines",
    "readings_matrix",
    "readings_robustness",
    "tally_bars",
    "tally_table",
    "verdict_table",
]

#: Background of each verdict in the verdict tables.
VERDICT_COLOURS = {
    "reproduced": "#d4edda",
    "partly": "#fff3cd",
    "not reproduced": "#f8d7da",
    "inconclusive": "#e2e3e5",
    "not run": "#f4f4f4",
}

_NARROW = [
    {"selector": "", "props": "table-layout: fixed; width: 100%; font-size: 0.9em;"},
    {"selector": "td, th", "props": "white-space: normal; overflow-wrap: anywhere; "
                                    "vertical-align: top; text-align: left;"},
]


_TEXTS = ("claim", "where", "chapter", "paper", "paper_verdict", "ours", "quote", "test",
          "null", "unit")


def _texts(verdicts):
    """``verdicts`` with its text columns as strings (a record read back has NaN for "")."""
    table = verdicts.copy()
    for column in _TEXTS:
        if column in table:
            table[column] = table[column].fillna("").astype(str)
    return table


def _interval(table):
    low, high = table["ci_low"], table["ci_high"]
    shown = "[" + low.map("{:.2f}".format) + ", " + high.map("{:.2f}".format) + "]"
    return shown.where(low.notna(), "n/a")


def _claim_cell(table, link_prefix):
    where = table["where"].fillna("")
    text = table["claim"] + " (" + where + ")"
    if link_prefix is None or "chapter" not in table:
        return text
    return ('<a href="' + link_prefix + table["chapter"] + '.html">' + table["claim"] + "</a> ("
            + where + ")")


def _paper_cell(table):
    if "paper_verdict" not in table:
        return table["paper"]
    return table["paper"] + ": " + table["paper_verdict"]


#: The caption of a chapter's claims table (:func:`verdict_table`).
CLAIMS_CAPTION = "Claims of this chapter: the paper's numbers and ours under the same test"


def verdict_table(verdicts: pd.DataFrame, *, columns=None, link_prefix=None, caption=CLAIMS_CAPTION,
                  profile=None):
    """The claims table of :func:`imbdiff.claims.check`, narrow enough for a page.

    Five columns by default: the claim as the book reads it (linked to the chapter
    holding the evidence with ``link_prefix``) with where the paper makes it; the
    paper's own numbers and whether they support its text under the same test; our
    estimate; its 95 % interval; the verdict, coloured by :data:`VERDICT_COLOURS`.
    The paper's sentences and the declared tests are in :func:`declared_tests`.

    Parameters
    ----------
    verdicts : DataFrame
        As :func:`imbdiff.claims.check` returns it.
    columns : list of str, optional
        Other columns of ``verdicts`` to show instead, in order (``interval`` is
        computed).
    link_prefix : str, optional
        Prefix of the chapters' pages relative to the page showing the table (for
        example ``"../"`` from a page of ``book/lreddpm/``).
    caption : str, default=:data:`CLAIMS_CAPTION`
        What the table shows; ``profile`` is named after it.
    profile : Profile or str, optional
        The profile whose runs gave ``verdicts``.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    table = _texts(verdicts)
    unknown = set(table["verdict"]) - set(VERDICT_COLOURS)
    if unknown:
        raise ValueError(f"unknown verdicts {sorted(unknown)}; known: {list(VERDICT_COLOURS)}")
    table["interval"] = _interval(table)
    if columns is None:
        shown = pd.DataFrame({
            "claim": _claim_cell(table, link_prefix), "paper": _paper_cell(table),
            "ours": table["ours"], "95 % interval": table["interval"],
            "verdict": table["verdict"]})
    else:
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise ValueError(f"verdicts lack the columns {missing}")
        shown = table[list(columns)]
    styler = shown.style.hide(axis="index").set_table_styles(_NARROW)
    if "verdict" in shown.columns:
        styler = styler.map(lambda v: f"background-color: {VERDICT_COLOURS[v]}",
                            subset=["verdict"])
    if columns is None:
        widths = {"claim": "40%", "paper": "20%", "ours": "14%", "95 % interval": "14%",
                  "verdict": "12%"}
        styler = styler.set_table_styles(
            {name: [{"selector": "", "props": f"width: {width};"}]
             for name, width in widths.items()}, overwrite=False)
    return with_caption(styler, caption, profile)


def declared_tests(verdicts: pd.DataFrame, *, caption="The declared test of each claim",
                   profile=None):
    """Each claim's declared test: the paper's sentence, the test, its null, its unit,
    the margin, the smallest difference it detects, and the Holm-corrected p.

    Parameters
    ----------
    verdicts : DataFrame
        As :func:`imbdiff.claims.check` returns it.
    caption : str
    profile : Profile or str, optional
        As :func:`verdict_table`.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    verdicts = _texts(verdicts)
    table = pd.DataFrame({
        "claim": verdicts["key"],
        "the paper's sentence": verdicts["quote"],
        "test": verdicts["test"],
        "null": verdicts["null"] + " (" + verdicts["unit"].where(verdicts["unit"] != "", "n/a")
        + ")",
        "detects": verdicts["mde"].map(
            lambda v: "cannot decide here" if pd.isna(v) else f">= {v:.2g}"),
        "p (Holm)": verdicts["p_holm"].map(lambda v: "n/a" if pd.isna(v) else f"{v:.3g}"),
    })
    return with_caption(table.style.hide(axis="index").set_table_styles(_NARROW), caption, profile)


def _verdict_cell(row) -> str:
    if row["verdict"] == "not run" or pd.isna(row["estimate"]):
        return row["verdict"]
    return f"{row['verdict']} ({row['estimate']:.2f} [{row['ci_low']:.2f}, {row['ci_high']:.2f}])"


def readings_matrix(table: pd.DataFrame, *, profile=None):
    """Claims x (reading, choice) grid of verdicts, coloured by verdict.

    Parameters
    ----------
    table : DataFrame
        :func:`imbdiff.claims.verdicts_across_readings`'s output.
    profile : Profile or str, optional
        The profile the readings ran on (named in the caption).

    Returns
    -------
    pandas Styler
        Rows: the claims; columns: (reading, choice), the book's choice first in
        each reading; cells: "verdict (estimate [low, high])".
    """
    cells = table.assign(cell=table.apply(_verdict_cell, axis=1))
    order = list(dict.fromkeys(zip(cells["reading"], cells["choice"])))
    grid = cells.pivot_table(index="claim", columns=["reading", "choice"], values="cell", aggfunc="first")
    grid = grid.reindex(columns=pd.MultiIndex.from_tuples(order), index=list(dict.fromkeys(cells["claim"])))

    def colour(value):
        verdict = str(value).split(" (")[0]
        return f"background-color: {VERDICT_COLOURS.get(verdict, '')}"

    styler = grid.style.map(colour).set_properties(**{"font-size": "0.85em"})
    return with_caption(styler, "Verdict of each headline claim under each choice (one reading "
                              "changed at a time)", profile)


def readings_robustness(table: pd.DataFrame) -> pd.DataFrame:
    """For each claim: its verdict under the book's readings and what moves it.

    Each choice is held against its own reading's book choice, so readings run on
    different datasets (LReDDPM's empty-region reading runs on every dataset) are
    compared like with like.

    Parameters
    ----------
    table : DataFrame
        :func:`imbdiff.claims.verdicts_across_readings`'s output, or several
        concatenated (:func:`imbdiff.claims.recorded_readings`).

    Returns
    -------
    DataFrame
        ``key, claim, book's verdict, robust`` (every choice gives its reading's
        book verdict) and ``moves under`` (the choices that change it, with the
        verdict they give). Empty when ``table`` is.
    """
    columns = ["key", "claim", "book's verdict", "robust", "moves under"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    table = table.assign(default=table["default"].astype(str).str.lower() == "true")
    book = table[table["default"]].drop_duplicates(["key", "reading"]).set_index(["key", "reading"])["verdict"]
    rows = []
    for key, group in table.groupby("key", sort=False):
        own = group.set_index(["key", "reading"]).index.map(book.get)
        moved = group[~group["default"] & (group["verdict"].to_numpy() != own.to_numpy())]
        verdicts = group.loc[group["default"], "verdict"]
        rows.append({
            "key": key,
            "claim": group["claim"].iloc[0] if "claim" in group else key,
            "book's verdict": verdicts.iloc[0] if len(verdicts) else "not run",
            "robust": moved.empty,
            "moves under": "; ".join(f"{r.reading} = {r.choice}: {r.verdict}" for r in moved.itertuples()),
        })
    return pd.DataFrame(rows, columns=columns)


def robustness_table(robustness: pd.DataFrame, *, profile: str, verdicts=None):
    """:func:`readings_robustness`'s table for a scorecard, captioned with its profile.

    Parameters
    ----------
    robustness : DataFrame
        :func:`readings_robustness`'s table.
    profile : str
        The profile the readings ran on (for the caption).
    verdicts : DataFrame, optional
        The scorecard (:func:`imbdiff.claims.scorecard`): every claim of it gets a
        row, the ones the readings do not re-check marked so, and its verdict is
        shown beside the readings chapter's.

    Returns
    -------
    pandas Styler or str
        A sentence naming the chapter to run when no readings were recorded.
    """
    if robustness.empty:
        return (f"No readings recorded on the {profile!r} profile in this build: run the "
                "paper's readings chapter first (imbdiff book run <paper>/<nn>_readings).")
    table = robustness.assign(robust=robustness["robust"].map({True: "yes", False: "no"}))
    table = table.rename(columns={"book's verdict": "verdict in the readings chapter"})
    if verdicts is not None:
        card = verdicts[["key", "claim", "verdict"]].rename(columns={"verdict": "scorecard verdict"})
        table = card.merge(table.drop(columns="claim"), on="key", how="left")
        table["robust"] = table["robust"].fillna("not re-checked")
        table = table.fillna("")
    styler = table.drop(columns="key").style.hide(axis="index").set_table_styles(_NARROW)
    return with_caption(styler, "The claims across the book's readings: the verdict under the "
                              "book's readings and the choices that move it", profile)


def tally_table(verdicts_by_paper: dict, *,
                caption="Verdicts per paper: claims checked on this build's runs", profile=None):
    """How many claims of each paper got each verdict.

    Parameters
    ----------
    verdicts_by_paper : dict
        Paper name -> :func:`imbdiff.claims.check`'s table.
    caption : str
    profile : Profile or str, optional
        As :func:`verdict_table`.

    Returns
    -------
    pandas Styler
        One row per paper, one column per verdict (in :data:`imbdiff.claims.VERDICTS`
        order) plus the total, coloured like the verdict tables.
    """
    from ..claims import VERDICTS, tally

    table = pd.DataFrame({paper: tally(verdicts) for paper, verdicts in verdicts_by_paper.items()}).T
    table = table.reindex(columns=list(VERDICTS), fill_value=0)
    table["claims"] = table.sum(axis=1)
    styles = {v: f"background-color: {VERDICT_COLOURS.get(v, '')}" for v in VERDICTS}
    styler = table.style.apply(lambda col: [styles.get(col.name, "")] * len(col), axis=0)
    return with_caption(styler, caption, profile)


def findings(verdicts_by_paper: dict, *, link_prefix=""):
    """The claims each paper's verdicts rest on, as a short Markdown list.

    Parameters
    ----------
    verdicts_by_paper : dict
        Paper name -> :func:`imbdiff.claims.check` (or :func:`~imbdiff.claims.recorded`)
        table.
    link_prefix : str
        Prefix of the chapter pages relative to the page showing the list.

    Returns
    -------
    IPython.display.Markdown
        Per paper and verdict (reproduced, not reproduced, inconclusive), the claims
        with a link to the chapter holding the evidence and our estimate.
    """
    from IPython.display import Markdown

    lines = []
    for paper, table in verdicts_by_paper.items():
        if table.empty:
            lines.append(f"* **{paper}**: no chapter has recorded a verdict yet in this build.")
            continue
        for verdict in ("reproduced", "not reproduced", "inconclusive"):
            rows = table[table["verdict"] == verdict]
            if rows.empty:
                continue
            items = "; ".join(
                f"[{row.claim}]({link_prefix}{row.chapter}.html) (ours: {row.ours})" for row in rows.itertuples()
            )
            lines.append(f"* **{paper}, {verdict}** ({len(rows)}): {items}")
    return Markdown("\n".join(lines))


#: The claims the front page leads with, per paper: each paper's main results (Tables
#: 3 and 5 of LReDDPM, Table 6 and Figs. 8-9 of ISODF-ENN).
FRONT_PAGE_CLAIMS = {
    "LReDDPM": ("auc-dt-best", "f1-best"),
    "ISODF-ENN": ("isodf-best-auc", "isodf-best-rank"),
}


def headlines(verdicts_by_paper: dict, *, keys=None, link_prefix=""):
    """The book's headline findings: a few named claims, their verdicts and evidence.

    Parameters
    ----------
    verdicts_by_paper : dict
        Paper name -> :func:`imbdiff.claims.recorded` (or :func:`~imbdiff.claims.check`)
        table.
    keys : dict, optional
        Paper name -> claim keys to report, in order; default :data:`FRONT_PAGE_CLAIMS`.
    link_prefix : str
        Prefix of the chapter pages relative to the page showing the list.

    Returns
    -------
    IPython.display.Markdown
        One numbered line per claim: the claim, the paper's value and ours, the
        verdict in bold, and a link to the chapter holding the evidence; a claim no
        chapter recorded in this build says so.
    """
    from IPython.display import Markdown

    keys = FRONT_PAGE_CLAIMS if keys is None else keys
    lines = []
    for paper, wanted in keys.items():
        table = verdicts_by_paper.get(paper, pd.DataFrame(columns=["key"]))
        for key in wanted:
            rows = table[table["key"] == key]
            if rows.empty:
                lines.append(f"1. **{paper}**: claim `{key}` has no verdict in this build.")
                continue
            row = rows.iloc[-1]
            lines.append(
                f"1. **{paper}**: {row['claim']}. Paper: {row['paper']}; ours: {row['ours']}: "
                f"**{row['verdict']}** ([evidence]({link_prefix}{row['chapter']}.html))."
            )
    return Markdown("\n".join(lines))


def tally_bars(verdicts: pd.DataFrame, *, ax=None):
    """Horizontal bars of :func:`imbdiff.claims.tally`, coloured by verdict.

    Parameters
    ----------
    verdicts : DataFrame
        :func:`imbdiff.claims.check` or :func:`imbdiff.claims.scorecard`'s table.
    ax : matplotlib Axes, optional
        Where to draw (default: a new 6 x 2.4 inch figure).

    Returns
    -------
    matplotlib Axes
    """
    import matplotlib.pyplot as plt

    from ..claims import tally

    counts = tally(verdicts)[::-1]
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 2.4))
    ax.barh(counts.index, counts.values, edgecolor="grey",
            color=[VERDICT_COLOURS[v] for v in counts.index])
    for y, value in enumerate(counts.values):
        ax.text(value + 0.1, y, str(value), va="center")
    ax.set_xlabel("claims")
    return ax
