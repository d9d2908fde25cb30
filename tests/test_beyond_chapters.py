"""The side-by-side and cost chapters' finished tables and figures, on hand-worked input.

Each function returns what a chapter shows in one call: the caption names what the
table shows and the profile, the best value is bold where there is one, the numbers
keep the decimals the chapter has always printed, and bad input is a clear ValueError.
"""

import re
from dataclasses import replace

import matplotlib
import numpy as np
import pandas as pd
import pytest

from imbdiff import beyond, datasets, profiles
from imbdiff.beyond import _cost_tables, _side_by_side_tables
from imbdiff.experiments import CVFold, Experiment, Result, Results

matplotlib.use("Agg")

SMOKE = profiles.get("smoke")


def _cells(styler):
    """The text of every data cell of a rendered table, row by row."""
    return [re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", styler.to_html(), flags=re.S)]


def _bold(styler):
    return {key for key, props in styler._compute().ctx.items()
            if ("font-weight", "bold") in props}


# ---------------------------------------------------------------- side by side
def _result(dataset, label, fold, *, generated=0, removed=0, seconds=0.0, error=None):
    experiment = Experiment(dataset, "SMOTE", split=CVFold(2, 0, fold), label=label)
    scores = pd.DataFrame({"classifier": ["DT"], "metric": ["AUC"], "mean": [70.0],
                           "std": [0.0]})
    return Result(experiment, scores.iloc[:0] if error else scores, n_generated=generated,
                  n_removed=removed, seconds=seconds, error=error)


def _ordered(n_datasets, methods=("A", "B", "C")):
    """Every dataset ranks the methods in column order (A best), by 1, 2, ... points."""
    index = [f"d{i}" for i in range(n_datasets)]
    return pd.DataFrame([[60.0 - i - 2 * j for j in range(len(methods))]
                         for i in range(n_datasets)], index=index, columns=list(methods))


def test_protocol_text_counts_repetitions_and_folds_of_the_profile():
    assert beyond.side_by_side.protocol_text(SMOKE) == "1 repetition of 2-fold cross-validation"
    three = profiles.get("smoke", beyond_splits=3)
    assert beyond.side_by_side.protocol_text(three) == "3 repetitions of 2-fold cross-validation"
    paper = profiles.get("paper")
    assert beyond.side_by_side.protocol_text("paper") == (
        f"{paper.beyond_splits} repetitions of {paper.cv_folds}-fold cross-validation")


def test_describe_grid_counts_datasets_methods_and_cells():
    cells = beyond.beyond_grid(SMOKE, ["glass1", "haberman"], methods=["SMOTE", "ADASYN"])
    text = beyond.side_by_side.describe_grid(cells, SMOKE)
    # 2 datasets x 2 methods x 2 folds x 1 repetition = 8 cells.
    assert text.startswith("profile 'smoke': 2 datasets x 2 methods x 2 folds x "
                           "1 repetition(s) = 8 cells;")
    assert f"T = {SMOKE.timesteps}," in text and f"{SMOKE.gan_epochs} GAN epochs" in text
    with pytest.raises(ValueError, match="no cell"):
        beyond.side_by_side.describe_grid([], SMOKE)


def test_dataset_overview_marks_this_runs_datasets_and_keeps_the_decimals(monkeypatch):
    def table(names):
        frame = pd.DataFrame({"rows": 100.0, "features": 4.0, "nominal": 0.0,
                              "minority": 10.0, "IR": 9.0, "kind": "small, low IR",
                              "used by": "LReDDPM", "region": "safe"},
                             index=pd.Index(names, name="dataset"))
        frame.loc[names[0], ["rows", "IR"]] = [np.nan, np.nan]  # an unavailable one
        return frame

    monkeypatch.setattr(_side_by_side_tables, "dataset_table", table)
    styled = beyond.side_by_side.dataset_overview(SMOKE, names=["glass1", "ecoli1"])
    shown = styled.data
    assert list(shown.columns[:1]) == ["this run"]
    # Every dataset of the study, then this run's that the study does not hold.
    assert list(shown.index) == [*beyond.BEYOND_DATASETS, "ecoli1"]
    assert list(shown.index[shown["this run"]]) == ["glass1", "ecoli1"]
    assert styled.caption.endswith("LReDDPM's guiding region (smoke profile)")
    cells = _cells(styled)
    assert "100" in cells and "100.0" not in cells  # counts without decimals
    assert "9.00" in cells and "n/a" in cells  # the IR with two; missing as n/a
    with pytest.raises(ValueError, match="nosuchdata"):
        beyond.side_by_side.dataset_overview(SMOKE, names=["nosuchdata"])


def test_failures_table_counts_failed_folds_per_dataset_method_and_error():
    results = Results([
        _result("a", "SMOTE", 0), _result("a", "CTGAN", 0, error="ValueError: no minority\nx"),
        _result("a", "CTGAN", 1, error="ValueError: no minority\ny"),
        _result("b", "CTGAN", 0, error="RuntimeError: other"),
    ])
    styled = beyond.side_by_side.failures_table(results, SMOKE)
    table = styled.data
    assert table.loc[("a", "CTGAN", "ValueError: no minority"), "folds"] == 2
    assert table.loc[("b", "CTGAN", "RuntimeError: other"), "folds"] == 1
    assert len(table) == 2
    assert styled.caption == ("Cells without a result: folds failed per dataset, method and "
                              "error (smoke profile)")
    none = beyond.side_by_side.failures_table(Results([_result("a", "SMOTE", 0)]), "default")
    assert none.data.empty
    assert none.caption == "Every cell ran: no fold without a result (default profile)"


def test_counts_table_averages_the_folds_in_the_methods_order():
    results = Results([
        _result("a", "SMOTE", 0, generated=10), _result("a", "SMOTE", 1, generated=13),
        _result("a", "SMOTE+ENN", 0, generated=8, removed=3),
        _result("a", "SMOTE+ENN", 1, generated=9, removed=4),
    ])
    styled = beyond.side_by_side.counts_table(results, SMOKE, methods=["SMOTE+ENN", "SMOTE"])
    table = styled.data
    assert list(table.columns) == [("SMOTE+ENN", "generated"), ("SMOTE+ENN", "removed"),
                                   ("SMOTE", "generated"), ("SMOTE", "removed")]
    assert table.loc["a"].tolist() == [8.5, 3.5, 11.5, 0.0]
    assert _cells(styled) == ["8.5", "3.5", "11.5", "0.0"]
    assert styled.caption.endswith("mean per training fold (smoke profile)")
    with pytest.raises(ValueError, match="unknown side-by-side method"):
        beyond.side_by_side.counts_table(results, SMOKE, methods=["SMOTE", "NoSuchSampler"])


def test_seconds_table_gives_mean_largest_and_total_per_method():
    results = Results([
        _result("a", "SMOTE", 0, seconds=1.0), _result("a", "SMOTE", 1, seconds=2.0),
        _result("b", "SMOTE", 0, seconds=6.0), _result("a", "ADASYN", 0, seconds=0.5),
    ])
    styled = beyond.side_by_side.seconds_table(results, SMOKE, methods=["ADASYN", "SMOTE", "TVAE"])
    table = styled.data
    assert list(table.index) == ["ADASYN", "SMOTE", "TVAE"]
    assert table.loc["SMOTE"].tolist() == [3.0, 6.0, 9.0]
    assert table.loc["TVAE"].isna().all()  # not run: shown, never dropped
    assert _cells(styled)[:6] == ["0.5", "0.5", "0.5", "3.0", "6.0", "9.0"]
    assert styled.caption.endswith("total of this run (smoke profile)")


def test_scores_table_bolds_each_datasets_best_with_two_decimals():
    table = pd.DataFrame({"A": [70.0, 60.0], "B": [80.123, 60.0], "C": [75.0, 50.0]},
                         index=["d0", "d1"])
    styled = beyond.side_by_side.scores_table(table, "G-mean-TPR-TNR_LR", "default")
    assert _bold(styled) == {(0, 1), (1, 0), (1, 1)}  # ties are all bold
    assert _cells(styled)[:3] == ["70.00", "80.12", "75.00"]
    assert styled.caption == "G-mean_LR (%), mean over the folds (default profile)"


def test_rank_block_text_names_what_the_rank_tests_leave_out():
    table = _ordered(5, methods=("A", "B", "C", "D"))
    table.loc["d1", "D"] = np.nan  # without d1: 16 scores; without D: 15. d1 goes
    assert beyond.side_by_side.rank_block_text(table) == (
        "in the rank tests: 4 datasets x 4 methods; left out: datasets ['d1'], methods []")
    table.loc["d2", "D"] = np.nan  # without d1 and d2: 12; without D: 15. D goes
    assert beyond.side_by_side.rank_block_text(table) == (
        "in the rank tests: 5 datasets x 3 methods; left out: datasets [], methods ['D']")


def test_statistics_table_formats_to_three_significant_digits():
    tests = {"AUC_DT": beyond.side_by_side.rank_tests(_ordered(5))}
    styled = beyond.side_by_side.statistics_table(tests, SMOKE, alpha=0.05)
    assert styled.caption == ("Rank tests per classifier and metric at alpha = 0.05 "
                              "(smoke profile)")
    row = _cells(styled)
    # N = 5, k = 3; ranks 1, 2, 3 everywhere: chi2_F = 12 N / (k (k + 1)) (sum R^2 - ...)
    # = 10, p = exp(-5) = 0.00674; CD = 2.344 sqrt(12 / 30) = 1.48; best rank 1.
    assert row[:2] == ["5", "3"]
    assert row[2] == "10" and row[3] == "0.00674"
    assert row[6] == "1.48" and row[7] == "A" and row[8] == "1"
    empty = beyond.side_by_side.statistics_table({}, SMOKE)
    assert empty.data.empty and empty.caption.startswith("No rank tests")
    with pytest.raises(ValueError, match="alpha"):
        beyond.side_by_side.statistics_table(tests, SMOKE, alpha=1.5)


def test_wilcoxon_table_names_the_best_and_keeps_three_decimals():
    test = beyond.side_by_side.rank_tests(_ordered(5))
    styled = beyond.side_by_side.wilcoxon_table(test, "F1_DT", SMOKE)
    assert styled.caption == "F1_DT: A against each (smoke profile)"
    assert list(styled.data.index) == ["B", "C"]
    # Exact Wilcoxon, N = 5, every difference positive: p = 2 / 32; Holm over two: 0.125.
    assert "0.062" in _cells(styled) and "0.125" in _cells(styled)


def test_recommendation_table_keeps_two_decimals_and_na_for_a_lone_dataset():
    table = _ordered(3)
    advice = beyond.side_by_side.recommendations({"AUC_DT": table}, {"d0": "rare", "d1": "common",
                                                         "d2": "common"})
    styled = beyond.side_by_side.recommendation_table(advice, "paper")
    assert styled.caption.endswith("and the six measures (paper profile)")
    cells = _cells(styled)
    assert "1.00" in cells and "n/a" in cells  # A ranks first; "rare" has one dataset
    with pytest.raises(ValueError, match="lacks"):
        beyond.side_by_side.recommendation_table(advice.drop(columns="CD"), "paper")


def test_critical_difference_figure_draws_one_panel_per_measure_and_names_the_profile():
    tests = {"AUC_DT": beyond.side_by_side.rank_tests(_ordered(5)),
             "G-mean-TPR-TNR_LR": beyond.side_by_side.rank_tests(_ordered(6))}
    figure = beyond.side_by_side.critical_difference_figure(tests, SMOKE)
    assert len(figure.axes) == 2
    assert tuple(figure.get_size_inches()) == pytest.approx((8, 4.8))
    assert figure._suptitle.get_text() == "Critical differences (smoke profile)"
    assert figure.axes[1].get_title().startswith("G-mean_LR (N = 6, CD = ")
    note = beyond.side_by_side.critical_difference_figure({}, SMOKE)
    assert "nothing to draw" in note.axes[0].texts[0].get_text()
    with pytest.raises(ValueError, match="alpha"):
        beyond.side_by_side.critical_difference_figure(tests, SMOKE, alpha=0)


# ---------------------------------------------------------------- cost
def _measurements():
    """Two methods on the rows series of one source: SMOTE at 100, 200, 400 rows (the
    last skipped), LReDDPM at 100 and 200; and the features series."""
    rows = []
    for method, sizes, seconds, peaks in (
        ("SMOTE", (100, 200), (0.5, 1.0), (2.0, 3.04)),
        ("LReDDPM", (100, 200), (20.0, 25.0), (40.0, 55.54)),
        ("kNN (scikit-learn)", (100, 200), (0.25, 0.5), (1.0, 1.0)),
        ("region typing", (100, 200), (0.5, 1.5), (1.0, 1.0)),
    ):
        for size, second, peak in zip(sizes, seconds, peaks):
            rows.append(("generated", "rows", method, size, 8, second, peak, "ok"))
    rows.append(("generated", "rows", "SMOTE", 400, 8, np.nan, np.nan, "skipped: over budget"))
    rows.append(("generated", "rows", "LReDDPM", 400, 8, np.nan, np.nan,
                 "failed: ValueError: empty region"))
    for method, second in (("SMOTE", 0.4), ("kNN (scikit-learn)", 0.2), ("region typing", 0.3)):
        rows.append(("generated", "features", method, 200, 16, second, 1.0, "ok"))
    return pd.DataFrame(rows, columns=list(_cost_tables.MEASUREMENT_COLUMNS))


def test_first_dataset_skips_the_unavailable_and_says_why(monkeypatch):
    real_load = datasets.load

    def load(name):
        if name == "parkin":
            raise datasets.DatasetUnavailable("parkin is not available offline\nmore")
        return real_load(name)

    monkeypatch.setattr(datasets, "load", load)
    data, unavailable = beyond.cost.first_dataset(["parkin", "glass1"])
    assert data.name == "glass1"
    assert unavailable == {"parkin": "parkin is not available offline"}
    with pytest.raises(ValueError, match="none of the datasets"):
        beyond.cost.first_dataset(["parkin"])
    with pytest.raises(ValueError, match="at least one"):
        beyond.cost.first_dataset([])


def test_settings_table_prints_tuples_as_lists_and_numbers_as_python_does():
    styled = beyond.cost.settings_table(beyond.cost.cost_settings("smoke"), "smoke")
    cells = _cells(styled)
    assert cells[:3] == ["100, 200, 400, 800", "2, 4, 8, 16", "200"]
    assert "10.0" in cells and "60.0" in cells  # the time cap and budget as before
    assert styled.caption == "What this run measures (smoke profile)"


def test_outcome_table_and_failure_text_count_and_name_every_outcome():
    table = _measurements()
    styled = beyond.cost.outcome_table(table, "default")
    counts = styled.data
    assert counts.loc[("generated", "rows")].to_dict() == {"failed": 1, "ok": 8, "skipped": 1}
    assert counts.loc[("generated", "features")].to_dict() == {"failed": 0, "ok": 3,
                                                               "skipped": 0}
    assert styled.caption.endswith("(default profile)")
    assert beyond.cost.failure_text(table) == (
        "LReDDPM failed at 400 x 8 (generated): ValueError: empty region")
    assert beyond.cost.failure_text(table[table["status"] == "ok"]) == "no measurement failed"
    with pytest.raises(ValueError, match="lacks the columns \\['status'\\]"):
        beyond.cost.outcome_table(table.drop(columns="status"), "default")


def test_slopes_table_shows_slope_and_interval_per_source_and_series():
    styled = beyond.cost.slopes_table(beyond.cost.scaling_slopes(_measurements()), "smoke")
    # SMOTE: 0.5 s at 100 rows, 1.0 s at 200: slope 1 (two sizes: no interval).
    assert styled.data.loc["SMOTE", ("generated", "rows")] == "1.00"
    assert styled.data.loc["SMOTE", ("generated", "features")] == "n/a"
    assert styled.caption == ("Slope of log time against log rows or log columns "
                              "[95% interval] (smoke profile)")


def test_reach_table_gives_the_largest_sizes_and_the_memory_there():
    styled = beyond.cost.reach_table(_measurements(), "smoke")
    reach = styled.data
    assert reach.loc[("generated", "SMOTE")].tolist() == [200, 16, 3.0]
    assert reach.loc[("generated", "LReDDPM"), "peak MiB at largest rows"] == 55.5
    assert np.isnan(reach.loc[("generated", "LReDDPM"), "largest columns"])
    cells = _cells(styled)
    assert "55.5" in cells and "-" in cells and "200" in cells and "200.0" not in cells
    assert styled.caption.endswith("and its memory there (smoke profile)")


def test_typing_table_divides_region_typing_by_knn_at_each_size():
    styled = beyond.cost.typing_table(_measurements(), "smoke")
    times = styled.data
    assert times["ratio"].tolist() == pytest.approx([1.5, 2.0, 3.0])  # features; rows
    # As pandas prints a column rounded to 3: kNN's 0.2, 0.25, 0.5 need two decimals,
    # region typing's 0.3, 0.5, 1.5 and the ratios 1.5, 2, 3 one.
    assert _cells(styled)[:3] == ["0.20", "0.3", "1.5"]
    assert styled.caption.endswith("and their ratio (smoke profile)")
    alone = _measurements().query("method != 'kNN (scikit-learn)'")
    empty = beyond.cost.typing_table(alone, "smoke")
    assert empty.data.empty and "not both measured" in empty.caption


def test_growth_table_compares_the_growth_of_time_and_of_rows():
    styled = beyond.cost.growth_table(_measurements(), "smoke")
    growth = styled.data
    assert growth.loc[("generated", "LReDDPM")].tolist() == [2.0, 1.25, 20.0]
    assert growth.loc[("generated", "region typing"), "time grew x"] == 3.0
    cells = _cells(styled)
    assert cells[:3] == ["2.0", "1.25", "20.00"]  # each column to the decimals it needs
    assert styled.caption.endswith("largest rows measured (smoke profile)")


def test_fixed_cost_factor_is_cheapest_deep_over_dearest_smote_family():
    table = _measurements()
    smote = table.query("method == 'SMOTE' and series == 'rows' and status == 'ok'")
    extra = smote.assign(method="ADASYN", seconds=[0.8, 1.0])  # dearer than SMOTE at 100
    factor, smallest = beyond.cost.fixed_cost_factor(pd.concat([table, extra]))
    assert (factor, smallest) == (pytest.approx(20.0 / 0.8), 100)
    only_cheap = table[table["method"] != "LReDDPM"]
    assert beyond.cost.fixed_cost_factor(only_cheap) == (None, 100)
    with pytest.raises(ValueError, match="lacks"):
        beyond.cost.fixed_cost_factor(table.drop(columns="seconds"))


def test_full_length_runs_times_one_method_shortened_and_at_full_length(monkeypatch):
    asked = []

    def measure(sources, *, profile, random_state, device, settings, series):
        asked.append((sources, settings, series))
        return pd.DataFrame({"method": ["DDPM-unguided"], "n_rows": [settings.sizes[0]],
                             "seconds": [30.0 * settings.iteration_scale], "peak_mb": [12.5],
                             "status": ["ok"], "repeat": [0]})

    monkeypatch.setattr(_cost_tables, "measure_costs", measure)
    settings = beyond.cost.cost_settings("default")
    runs = beyond.cost.full_length_runs(settings, profile="default")
    assert [s.iteration_scale for _, s, _ in asked] == [settings.iteration_scale, 1.0]
    assert all(s.sizes == settings.sizes[:1] and s.methods == ("DDPM-unguided",)
               and (s.time_cap, s.budget) == (120.0, 240.0) for _, s, _ in asked)
    assert runs["seconds"].tolist() == [3.0, 30.0]
    assert list(runs.columns) == ["n_rows", "seconds", "peak_mb", "status"]
    styled = beyond.cost.full_length_table(runs, "default")
    assert _cells(styled)[:3] == ["300", "3.0", "12.5"]
    assert "0.1" in re.findall(r"<th[^>]*>(.*?)</th>", styled.to_html())
    assert styled.caption.startswith("DDPM-unguided on the smallest generated table")
    assert beyond.cost.full_length_runs(replace(settings, iteration_scale=1.0),
                                   profile="default") is None


def test_scaling_figure_draws_a_panel_per_source_and_names_the_profile():
    table = _measurements()
    table = pd.concat([table, table.assign(source="spambase")])
    figure = beyond.cost.scaling_figure(table, series="rows", profile="smoke")
    assert len(figure.axes) == 2
    assert tuple(figure.get_size_inches()) == pytest.approx((13, 6.5))
    assert figure._suptitle.get_text() == "Time against the number of rows (smoke profile)"
    assert [ax.get_title() for ax in figure.axes] == ["generated, rows series",
                                                     "spambase, rows series"]
    memory = beyond.cost.scaling_figure(table, value="peak_mb")
    assert memory._suptitle.get_text() == (  # no profile given: no note
        "Peak memory above the baseline against the number of rows")
    with pytest.raises(ValueError, match="series must be"):
        beyond.cost.scaling_figure(table, series="columns")
    with pytest.raises(ValueError, match="no measurement"):
        beyond.cost.scaling_figure(table.iloc[:0])


def test_fewest_decimals_follows_how_pandas_prints_a_rounded_column():
    assert _cost_tables._fewest_decimals([8.0, 8.0], 2) == 1
    assert _cost_tables._fewest_decimals([1.5, 2.25], 2) == 2
    assert _cost_tables._fewest_decimals([0.0321, np.nan], 3) == 3
    assert _cost_tables._fewest_decimals([np.nan], 3) == 1
