"""Chapter 07 of ISODF-ENN (Figs. 10-11): the ablation's scores per stage, drawn, and
the effect of each stage over the datasets.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..report import finished
from ..report import titled
from ._common import metric_label
from ._grids import isodf_enn_grid

#: The ablation's rows: the unresampled baseline, ENN alone (imbalanced-learn's rule
#: and Wilson's), ISODF alone and the two together.
ABLATION_ROWS = ["Original", "ENN", "ENN (mode)", "ISODF", "ISODF-ENN"]

#: Each row's colour in Figs. 10 and 11.
ABLATION_COLOURS = {
    "Original": "#999999",
    "ENN": "#7f9fbf",
    "ENN (mode)": "#b8cde0",
    "ISODF": "#e6a04b",
    "ISODF-ENN": "#c0392b",
}

#: The comparisons that isolate one stage: label -> (first, second).
ABLATION_COMPARISONS = {
    "ENN after ISODF (ISODF-ENN vs ISODF)": ("ISODF-ENN", "ISODF"),
    "ISODF before ENN (ISODF-ENN vs ENN)": ("ISODF-ENN", "ENN"),
    "ISODF alone (ISODF vs Original)": ("ISODF", "Original"),
    "ENN alone (ENN vs Original)": ("ENN", "Original"),
    "ENN (mode) alone (vs Original)": ("ENN (mode)", "Original"),
    "ISODF-ENN vs ENN (mode)": ("ISODF-ENN", "ENN (mode)"),
}


def ablation_cells(settings, names, *, seed=0, device="auto"):
    """The cells of Figs. 10-11 on the datasets ``names`` (a list of Experiment,
    labelled as :data:`ABLATION_ROWS`).

    Table 6's unresampled baseline (the same cells as chapter 05's), the ablation's
    ENN, ISODF and ISODF-ENN, and every ENN cell again with Wilson's majority rule
    (``kind_sel="mode"``, labelled ``"ENN (mode)"``); ``settings``, ``seed`` and
    ``device`` as :func:`isodf_enn_grid` takes them.
    """
    from ..experiments import with_params

    ablation = isodf_enn_grid("ablation", settings, names, seed=seed, device=device)
    baseline = [c for c in isodf_enn_grid("comparison", settings, names, seed=seed,
                                          device=device) if c.method == "Original"]
    enn_mode = [with_params(c, label="ENN (mode)", kind_sel="mode")
                for c in ablation if c.method == "ENN"]
    return baseline + ablation + enn_mode


def plot_ablation(results, metric, *, n_folds, profile=None):
    """Fig. 10 (F-value) or 11 (AUC), ours: one group of bars per dataset, one per stage.

    Parameters
    ----------
    results : imbdiff.experiments.Results
        The ablation's cells, labelled as :data:`ABLATION_ROWS`.
    metric : {"F1_DT", "AUC_DT"}
    n_folds : int
        Folds per mean: the error bars are the standard deviation over its square root.
    profile : Profile or str, optional
        Named in the title.

    Returns
    -------
    Figure
    """
    from ..report import grouped_bars

    if n_folds < 1:
        raise ValueError(f"n_folds must be at least 1, got {n_folds}")
    label = metric_label(metric)
    table = results.wide(metric, methods=ABLATION_ROWS)
    errors = results.wide(metric, methods=ABLATION_ROWS, value="std") / np.sqrt(n_folds)
    ax = grouped_bars(table, errors=errors, colours=ABLATION_COLOURS, ylabel=f"{label} (%)")
    ax.legend(fontsize=7, ncol=len(ABLATION_ROWS), loc="lower center",
              bbox_to_anchor=(0.5, 1.0))
    figure = "10" if metric == "F1_DT" else "11"
    return titled(ax.figure, f"Fig. {figure}, ours: {label} after each stage", profile)


def stage_effects(tables) -> pd.DataFrame:
    """The effect of each stage over the datasets (:data:`ABLATION_COMPARISONS`).

    Parameters
    ----------
    tables : dict of metric -> DataFrame
        Mean scores, datasets x :data:`ABLATION_ROWS`.

    Returns
    -------
    DataFrame indexed by (metric label, comparison)
        On how many datasets the first is ``higher on``, ``of`` how many with both
        scores, the ``mean gain (pp)`` and the two-sided Wilcoxon signed-rank p-value
        over the datasets (uncorrected; NaN for fewer than 2 datasets or no
        difference at all).
    """
    from scipy import stats as ss

    effects = []
    for metric, table in tables.items():
        for comparison, (first, second) in ABLATION_COMPARISONS.items():
            difference = (table[first] - table[second]).dropna()
            testable = len(difference) >= 2 and not np.allclose(difference, 0)
            effects.append({
                "metric": metric_label(metric),
                "comparison": comparison,
                "higher on": int((difference > 0).sum()),
                "of": len(difference),
                "mean gain (pp)": difference.mean(),
                "Wilcoxon p": ss.wilcoxon(difference).pvalue if testable else np.nan,
            })
    return pd.DataFrame(effects).set_index(["metric", "comparison"])


def effects_table(effects, *, profile=None):
    """:func:`stage_effects` as the chapter shows it."""
    return finished(effects, "Effect of each stage over the datasets", profile=profile,
                    formats={"mean gain (pp)": "{:.3f}", "Wilcoxon p": "{:.3f}"})
