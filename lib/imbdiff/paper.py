"""The papers' published numbers, transcribed once into package data.

Each table is a CSV in ``imbdiff/data/paper/`` named ``<paper>_table<NN>.csv``, in long
format with the columns ``method, dataset, metric, mean, std``: values as printed (percent
scale where the paper prints percentages), ``std`` empty where none is printed and
``method`` empty for tables that describe the data rather than a method (Tables 1 and 12).
Method and dataset names are the paper's own (``LReDDPM``, ``BorderlineSMOTE``, ...;
``segment0``, ``page0``, ``crg``, ``abalone17``, ...).

LReDDPM (``paper="lreddpm"``): Tables 1-18
------------------------------------------
Conventions for all LReDDPM tables:

* Rows follow the printed table in reading order (row by row, left to right), so datasets
  appear in Table 1's order. Dataset names are Table 1's: ``segment0, spambase,
  spectfheart, turkish, yeast3, page0, rice, crg, abalone17, parkin`` (Table 3's header
  misprints "spectheart"; stored as ``spectfheart``).
* Methods: the paper's "LReDDPM(ours)" is ``LReDDPM`` (region 1 guidance, region 2 for
  spectfheart and crg, tau = 60/sqrt(beta_t), gradient of q(y|s)); "Original" (no
  oversampling) is ``Original``; ``ADASYN``, ``BorderlineSMOTE``, ``FinDiff``, ``TVAE``,
  ``CTGAN`` as printed. Variant names are listed per table below.
* Metrics: the suffix names the classifier, ``_DT`` decision tree, ``_LR`` logistic
  regression: ``AUC_DT``, ``AUC_LR``, ``F1_DT`` (printed "F1-score"), ``G-mean_DT``,
  ``G-mean_LR``, ``Recall_DT``, ``Recall_LR``, ``Accuracy_DT``, ``Accuracy_LR``; the
  distances ``JS``, ``WD``, ``MMD``; their average ranks ``rank_JS``, ``rank_WD``,
  ``rank_MMD``. Classification scores are in percent as printed; distances and ranks as
  printed.
* ``std`` is the printed "± s" (the paper drops the leading zero: "± .393" is 0.393;
  "± .000", printed for the deterministic methods of Table 4, is stored as 0); empty where
  the table prints none.
* The "(+)"/"(-)" after cells of Tables 6-9 and 11 are not stored; they follow from the
  stored values: in Table 6 "+" means above the best method of Table 3 (AUC) or Table 5
  (F1) for that dataset, in Tables 7, 8, 9 and 11 above ``LReDDPM`` in Table 3 / 5 (the
  G-mean rows of Tables 7 and 11 compare with Figure 3, which is not transcribed). The
  bold of the best values is not in the paper's text and is not stored.
* Nothing was left out: every cell of Tables 2-18 is a readable number.

Table 1 (50 rows) -- datasets: ``#Train, #Test, #Num, #Cat, #Rimb``; no method.
Table 2 (18 rows) -- average rank over the ten datasets of the distance between generated
  and real region samples; dataset ``average rank``; metrics ``rank_JS, rank_WD,
  rank_MMD``; methods ADASYN, BorderlineSMOTE, FinDiff, TVAE, CTGAN, LReDDPM. It equals
  the per-dataset ranks of Tables 16-18 averaged, ties sharing their mean rank.
Table 3 (70 rows) -- ``AUC_DT``, mean ± std; the six methods and ``Original``.
Table 4 (70 rows) -- ``AUC_LR``, mean ± std; same methods.
Table 5 (70 rows) -- ``F1_DT``, mean ± std; same methods.
Table 6 (40 rows) -- other gradient guidance (Section 5.1): ``q(y|s,x_t)`` (printed
  "$\\hat{q}(y s, x_t)$", the bar lost in the text) and ``q(y|x_t)``; LReDDPM's own
  q(y|s) is Tables 3 and 5. Metrics ``AUC_DT``, ``F1_DT`` (classifier as Tables 3 and 5).
Table 7 (9 rows) -- other guidance region (Section 5.2) for yeast3, rice, crg; metrics
  ``AUC_DT``, ``F1_DT``, ``G-mean_DT``. The table names no region; per the text yeast3 and
  rice are guided by region 2, stored as method ``border``, and crg by region 1, stored
  as ``safe`` (region numbers as in Table 12: 1 safe, 2 border, 3 rare, 4 outlier).
Table 8 (30 rows) -- ``AUC_DT`` for ``tau=1``, ``tau=60``, ``tau=1/sqrt(beta)``
  (printed "$\\tau = 1/\\sqrt{\\beta_t}$"); LReDDPM itself uses tau = 60/sqrt(beta_t) and
  is Table 3's ``LReDDPM`` row. Section 5.3 says "consistent with Tables 3 and 4", but
  the values are on Table 3's (decision tree) scale and the markers compare with Table 3.
Table 9 (30 rows) -- ``F1_DT``, same tau rows. page0 at ``tau=1/sqrt(beta)`` is printed
  as 87.093, far above every other page0 F1 (39-67); kept as printed (its "(+)" agrees).
Table 10 (18 rows) -- spambase and abalone17 guided by region 2, 3, 4 (printed
  "LReDDPM-r2/-r3/-r4"), stored as methods ``border``, ``rare``, ``outlier``; metrics
  ``AUC_DT``, ``F1_DT``, ``G-mean_DT`` (parameters as Tables 3 and 5).
Table 11 (30 rows) -- unguided DDPM trained on the regional samples only, method
  ``DDPM-region``; metrics ``AUC_DT``, ``F1_DT``, ``G-mean_DT``.
Table 12 (40 rows) -- share of the minority training rows per region type, metrics
  ``safe, border, rare, outlier`` (regions 1-4); no method.
Table 13 (24 rows) -- parkin; methods ADASYN, TVAE, LReDDPM, Original; metrics
  ``G-mean_DT, Recall_DT, Accuracy_DT`` (printed block "Decision Tree") and
  ``G-mean_LR, Recall_LR, Accuracy_LR`` ("Logistic Regression"); no std.
Table 14 (8 rows) -- segment0; methods BorderlineSMOTE, CTGAN, LReDDPM, Original;
  ``Recall_DT``, ``Accuracy_DT``; no std. The table names no classifier: decision tree
  from Section 4.2 (it explains Table 5's decision-tree F1) and because the values fit
  that F1, not the 99.9 logistic-regression AUC.
Table 15 (12 rows) -- segment0, page0, abalone17; methods ``tau=60`` (printed
  "LReDDPM-r_var", tau = 60 per Appendix E) and ``LReDDPM``; ``Recall_DT``,
  ``Accuracy_DT`` (decision tree as Tables 8 and 9); no std.
Table 16 (60 rows) -- ``JS`` between synthetic and real region samples; the six methods.
Table 17 (60 rows) -- ``WD``, same layout.
Table 18 (60 rows) -- ``MMD``, same layout (parkin printed with fewer decimals, e.g.
  1339.67).

ISODF-ENN (``paper="isodf_enn"``): what survives of Tables 1-2
-------------------------------------------------------------
The text we have lost every table's numbers. Section 4.4 quotes the imbalance ratio
and the overlap ratio of the four datasets where ISODF-ENN was not best; they are
stored as the only rows of its Table 1 (metric ``IR``) and Table 2 (metric ``R_aug``,
in percent): yeast1 2.46 / 43.26, vehicle0 3.25 / 8.21, flare-F 23.79 / 95.96,
segment0 6.02 / 2.74. No method.
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

__all__ = ["PAPERS", "available", "table"]

PAPERS = ("lreddpm", "isodf_enn")
COLUMNS = ["method", "dataset", "metric", "mean", "std"]


def _folder():
    return resources.files("imbdiff") / "data" / "paper"


def available(paper: str) -> list[int]:
    """Return the numbers of the tables transcribed for ``paper``."""
    _check_paper(paper)
    prefix = f"{paper}_table"
    return sorted(
        int(entry.name[len(prefix) : -len(".csv")])
        for entry in _folder().iterdir()
        if entry.name.startswith(prefix) and entry.name.endswith(".csv")
    )


def table(paper: str, number: int) -> pd.DataFrame:
    """Return Table ``number`` of ``paper`` as printed.

    Parameters
    ----------
    paper : {"lreddpm", "isodf_enn"}
        LReDDPM (Yang, Zeng & Duan, JAIR 2026) or ISODF-ENN (JIFS 2024).
    number : int
        The table's number in the paper.

    Returns
    -------
    pandas.DataFrame
        Columns ``method, dataset, metric, mean, std``; a fresh copy on every call.

    Raises
    ------
    ValueError
        If the paper is unknown or the table has not been transcribed; the message lists
        the tables that have.
    """
    _check_paper(paper)
    path = _folder() / f"{paper}_table{int(number):02d}.csv"
    if not path.is_file():
        raise ValueError(
            f"Table {number} of {paper!r} is not transcribed; available: {available(paper)}"
        )
    with path.open() as stream:
        frame = pd.read_csv(stream, dtype={"method": "string", "dataset": "string"})
    return frame[COLUMNS]


def _check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; choose one of {list(PAPERS)}")
