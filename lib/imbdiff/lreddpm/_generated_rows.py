"""How many rows each method generated (chapters 05, 06 and 08 read the "main" grid).

Every oversampler is asked for as many new minority rows as the guiding region holds
(LReDDPM's own count); ADASYN cannot be given an exact count. These tables show what
each method delivered beside what it was asked for.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import finished


def generated_counts(results, datasets, methods) -> pd.DataFrame:
    """New minority rows per dataset and method, the mean over the splits.

    Parameters
    ----------
    results : imbdiff.experiments.Results
        Read by :meth:`~imbdiff.experiments.Results.summary`.
    datasets, methods : list of str
        Rows and columns, in order; those without a result are left out.

    Returns
    -------
    DataFrame
        Datasets down, methods across; NaN where a split of the cell failed (a
        failed split has generated nothing, which is not a count of zero).
    """
    summary = results.summary()
    if summary.empty:
        return pd.DataFrame(index=pd.Index([], name="dataset"),
                            columns=pd.Index([], name="method"), dtype=float)
    counts = summary.pivot_table(index="dataset", columns="method", values="generated",
                                 aggfunc="mean")
    counts = counts.reindex(index=[d for d in datasets if d in counts.index],
                            columns=[m for m in methods if m in counts.columns]).astype(float)
    failed = summary.loc[summary["error"] != "", ["dataset", "method"]]
    for dataset, method in failed.itertuples(index=False):
        if dataset in counts.index and method in counts.columns:
            counts.loc[dataset, method] = np.nan
    return counts


def asked_rows_table(results, datasets, methods, *, profile=None):
    """What each method was asked for beside what it generated (chapter 06).

    Parameters
    ----------
    results : imbdiff.experiments.Results
    datasets, methods : list of str
        The generating methods (``"Original"`` generates nothing).
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        ``asked for (guiding rows)`` (the guiding region's rows, mean over the
        splits), then :func:`generated_counts`, then ``ADASYN - asked`` when ADASYN
        ran; one decimal, *n/a* where a split failed.
    """
    table = generated_counts(results, datasets, methods)
    guiding = results.summary().groupby("dataset")["guiding rows"].mean()
    table.insert(0, "asked for (guiding rows)", guiding.reindex(table.index))
    if "ADASYN" in table:
        table["ADASYN - asked"] = table["ADASYN"] - table["asked for (guiding rows)"]
    return finished(table, "New minority rows per method and dataset, mean over the splits "
                           "(n/a: a split failed)", profile=profile, digits=1)


def generated_rows_table(results, datasets, methods, *, profile=None):
    """The guiding region, its rows and the rows each method generated (chapters 05, 08).

    Parameters
    ----------
    results : imbdiff.experiments.Results
    datasets, methods : list of str
    profile : Profile or str, optional

    Returns
    -------
    pandas.io.formats.style.Styler
        ``region`` (:func:`imbdiff.experiments._methods.guiding_region`), ``guiding rows`` of
        the first split, then :func:`generated_counts` (the mean over the splits);
        whole numbers, *failed* where a split failed.
    """
    from ..experiments._methods import guiding_region

    table = generated_counts(results, datasets, methods)
    summary = results.summary()
    guiding = summary.drop_duplicates("dataset").set_index("dataset")["guiding rows"]
    table.insert(0, "guiding rows", guiding.reindex(table.index))
    table.insert(0, "region", [guiding_region(d) for d in table.index])
    return finished(table, "The guiding region's minority training rows (the first split's) "
                           "and the rows each method generated (the mean over the splits; "
                           "ADASYN approximately as many)", profile=profile, digits=0,
                    na_rep="failed")
