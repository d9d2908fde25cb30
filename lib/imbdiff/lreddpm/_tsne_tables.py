"""Chapter 08 (t-SNE, Figures 4 and 6) as the chapter shows it: the picture's options,
which datasets go to which figure, and the measurements and statements as captioned
tables.

The measurements, the layouts and the statements' rules are computed in module
``_tsne``; the figures are :func:`imbdiff.report.tsne_figure`.
"""

from __future__ import annotations

import pandas as pd

from ..report import finished
from ._tsne import REAL_MINORITY

#: The picture's subsample and iterations: (the smoke profile's, every other's).
_PICTURE = {"majority": (150, 800), "minority": (100, 400), "generated": (40, 120),
            "max_iter": (300, 500)}


def tsne_options(profile, *, majority=None, minority=None, generated=None, max_iter=None,
                 perplexity=30.0, random_state=0) -> dict:
    """The options of :func:`~imbdiff.lreddpm.tsne.tsne_layout` for a profile's pictures.

    Parameters
    ----------
    profile : Profile
        The smoke profile draws fewer rows and iterates less (for speed only).
    majority, minority, generated, max_iter : int, optional
        At most this many majority, minority and rows per method in the picture,
        and t-SNE's iterations; None: the profile's (smoke 150, 100, 40, 300; else
        800, 400, 120, 500).
    perplexity : float, default=30.0
    random_state : int, default=0
        Seeds t-SNE and its subsample.

    Returns
    -------
    dict
        Keyword arguments of :func:`~imbdiff.lreddpm.tsne.tsne_layouts`.
    """
    chosen = {"majority": majority, "minority": minority, "generated": generated,
              "max_iter": max_iter}
    smoke = getattr(profile, "name", profile) == "smoke"
    options = {key: value or _PICTURE[key][0 if smoke else 1]
               for key, value in chosen.items()}
    bad = {key: value for key, value in options.items() if int(value) != value or value < 1}
    if bad:
        raise ValueError(f"the picture's sizes must be positive integers; got {bad}")
    return {**options, "perplexity": perplexity, "random_state": random_state}


def figure_datasets(datasets, figure4) -> tuple:
    """Which of ``datasets`` go to Figure 4 and which to Figure 6.

    Parameters
    ----------
    datasets : list of str
        The run's datasets, in order.
    figure4 : list of str or str
        Figure 4's datasets (a comma-separated string as papermill passes it).

    Returns
    -------
    tuple of list
        ``(figure4, figure6)``: the run's datasets in Figure 4, and the others.
    """
    if isinstance(figure4, str):
        figure4 = [d.strip() for d in figure4.split(",") if d.strip()]
    return ([d for d in datasets if d in figure4], [d for d in datasets if d not in figure4])


def _measure_columns(measures):
    columns = [c for c in measures.columns if c not in ("dataset", "method", "rows")]
    formats = {c: "{:.1f}" for c in columns if c.endswith("(%)")}
    formats |= {c: "{:.2f}" for c in columns if c.endswith("(rel.)")}
    return columns, formats


def tsne_measures_table(measures: pd.DataFrame, *, profile=None):
    """:func:`~imbdiff.lreddpm.tsne.tsne_measures` per dataset and method, as the chapter shows it.

    Returns
    -------
    pandas.io.formats.style.Styler
        Shares with one decimal, relative distances with two, rows whole; "–" where
        a measure does not apply.
    """
    _, formats = _measure_columns(measures)
    return finished(measures.set_index(["dataset", "method"]),
                    "Where each method's rows fall, per dataset (HVDM of the training "
                    "split, all rows)", profile=profile,
                    formats=formats | {"rows": "{:.0f}"}, na_rep="–")


def tsne_averages(measures: pd.DataFrame, methods) -> pd.DataFrame:
    """Each measure averaged over the datasets, per method, the real minority rows last.

    Parameters
    ----------
    measures : DataFrame
        :func:`~imbdiff.lreddpm.tsne.tsne_measures`' second value.
    methods : list of str
        The generators, in order.

    Returns
    -------
    DataFrame
        Methods down, the measures across.
    """
    columns, _ = _measure_columns(measures)
    generated = measures[measures["method"].isin(list(methods))]
    averages = generated.groupby("method")[columns].mean().reindex(list(methods))
    averages.loc[REAL_MINORITY] = measures.loc[measures["method"] == REAL_MINORITY,
                                               columns].mean()
    return averages


def tsne_averages_table(measures: pd.DataFrame, methods, *, profile=None):
    """:func:`tsne_averages` as the chapter shows it, its caption counting the datasets."""
    _, formats = _measure_columns(measures)
    n = measures.loc[measures["method"].isin(list(methods)), "dataset"].nunique()
    return finished(tsne_averages(measures, methods),
                    f"Averages over the {n} dataset(s) measured", profile=profile,
                    formats=formats, na_rep="–")


def tsne_statements_table(statements: pd.DataFrame, *, profile=None):
    """:func:`~imbdiff.lreddpm.tsne.tsne_statements` as the chapter shows it: left-aligned."""
    styler = finished(statements, "Section 4.2's reading of Figures 4 and 6, measured (not "
                                  "in imbdiff.claims)", profile=profile,
                      formats={"stated": "{:.1f}"}, hide_index=True)
    return styler.set_properties(**{"text-align": "left"})


def tsne_statement_lines(statements: pd.DataFrame) -> str:
    """Each statement's verdict and count, as Markdown lines."""
    missing = {"statement", "verdict", "ours"} - set(statements.columns)
    if missing:
        raise ValueError(f"statements lack the columns {sorted(missing)}")
    return "\n".join(f"* {r.statement}: **{r.verdict}** ({r.ours} datasets)."
                     for r in statements.itertuples())
