"""The cost measurements: slopes on exact numbers, fresh-process timing and memory, tables."""

import functools
import math
import time
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from imbdiff.beyond import _cost as cost
from imbdiff.beyond import _cost_plots as plots
from imbdiff.beyond import _measure as measure
from imbdiff.beyond import measure_costs
from imbdiff.beyond._cost_data import cost_data
from imbdiff.beyond._cost_methods import method_settings
from imbdiff.beyond._cost_slopes import fit_slope
from imbdiff.beyond._measure import measure_call
from imbdiff.beyond.cost import cost_settings, scaling_slopes

SIZES = np.array([100, 300, 1000, 3000, 10000])


# ---------------------------------------------------------------------- slopes (no timing)
def linear_work(n):
    """A toy O(n) function: its 'time' is the number of steps it takes."""
    return sum(1 for _ in range(n))


def quadratic_work(n):
    """A toy O(n^2) function: every pair of items, with a fixed setup cost of 50."""
    return 50 + sum(1 for i in range(n) for _ in range(i))


def test_slope_of_exact_power_laws_is_the_exponent():
    for exponent in (0.5, 1.0, 2.0, 3.0):
        fitted = fit_slope(SIZES, 2e-7 * SIZES.astype(float) ** exponent)
        assert fitted.slope == pytest.approx(exponent, abs=1e-9)
        assert fitted.low == pytest.approx(exponent, abs=1e-6)
        assert fitted.high == pytest.approx(exponent, abs=1e-6)
        assert fitted.intercept == pytest.approx(math.log(2e-7), abs=1e-6)
        assert fitted.points == len(SIZES)


def test_slope_of_toy_functions_counts_their_work():
    sizes = [50, 100, 200, 400]
    assert fit_slope(sizes, [linear_work(n) for n in sizes]).slope == pytest.approx(1.0)
    # The fixed cost bends the curve at small n: near 2, not exactly 2.
    quadratic = fit_slope(sizes, [quadratic_work(n) for n in sizes]).slope
    assert 1.9 < quadratic < 2.05


def test_interval_matches_an_independent_regression():
    rng = np.random.default_rng(0)
    seconds = 1e-4 * SIZES**1.3 * np.exp(rng.normal(scale=0.2, size=len(SIZES)))
    fitted = fit_slope(SIZES, seconds, confidence=0.9)
    reference = stats.linregress(np.log(SIZES), np.log(seconds))
    half = stats.t.ppf(0.95, len(SIZES) - 2) * reference.stderr
    assert fitted.slope == pytest.approx(reference.slope)
    assert fitted.low == pytest.approx(reference.slope - half)
    assert fitted.high == pytest.approx(reference.slope + half)


def test_repeats_widen_nothing_when_they_agree_and_nan_points_are_left_out():
    sizes = np.repeat(SIZES, 3)
    seconds = 1e-5 * sizes.astype(float)
    seconds[4] = np.nan  # a measurement that was skipped
    fitted = fit_slope(sizes, seconds)
    assert fitted.points == len(sizes) - 1
    assert fitted.slope == pytest.approx(1.0)


def test_too_few_sizes_give_nan_rather_than_a_made_up_slope():
    assert math.isnan(fit_slope([100, 100], [1.0, 1.2]).slope)
    two = fit_slope([100, 1000], [1.0, 10.0])
    assert two.slope == pytest.approx(1.0) and math.isnan(two.low) and math.isnan(two.high)


@pytest.mark.parametrize("sizes, seconds", [([1, 2, 3], [1.0, 0.0, 2.0]), ([0, 2], [1.0, 2.0]),
                                            ([1, 2, 3], [1.0, 2.0])])
def test_slope_rejects_what_log_axes_cannot_take(sizes, seconds):
    with pytest.raises(ValueError):
        fit_slope(sizes, seconds)


def test_scaling_slopes_per_method_from_a_table_of_synthetic_timings():
    rows = [
        {"source": "generated", "series": "rows", "method": method, "n_rows": n,
         "n_features": 10, "repeat": 0, "seconds": seconds, "peak_mb": 1.0, "status": "ok"}
        for n in SIZES
        for method, seconds in (("quadratic", 1e-9 * n * n), ("linear", 1e-6 * n))
    ]
    rows.append({**rows[-1], "n_rows": 30000, "seconds": np.nan, "status": measure.SKIPPED})
    slopes = scaling_slopes(pd.DataFrame(rows))
    assert slopes.loc[("generated", "rows", "linear"), "slope"] == pytest.approx(1.0)
    assert slopes.loc[("generated", "rows", "quadratic"), "slope"] == pytest.approx(2.0)
    assert slopes.loc[("generated", "rows", "quadratic"), "largest"] == SIZES.max()
    text = plots.cost_table(slopes)
    assert text.loc["quadratic", ("generated", "rows")].startswith("2.00 [")
    assert list(text.index) == ["quadratic", "linear"]  # in the order measured


def test_plot_draws_each_measured_method_with_its_slope_in_the_legend():
    import matplotlib

    matplotlib.use("Agg")
    rows = [
        {"source": "generated", "series": "rows", "method": method, "n_rows": n,
         "n_features": 10, "repeat": 0, "seconds": seconds, "peak_mb": -1.0, "status": status}
        for n in SIZES[:3]
        for method, seconds, status in (("linear", 1e-6 * n, "ok"),
                                        ("never ran", np.nan, measure.SKIPPED))
    ]
    table = pd.DataFrame(rows)
    ax = plots.plot_scaling(table, source="generated", slopes=scaling_slopes(table))
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["linear (slope 1.00 [1.00, 1.00])"]
    memory = plots.plot_scaling(table, source="generated", value="peak_mb")
    assert (memory.get_lines()[0].get_ydata() == plots.MEMORY_FLOOR_MB).all()


def test_prediction_follows_the_last_local_slope_and_is_linear_from_one_size():
    assert cost._predicted_seconds([], 1000) == 0.0
    assert cost._predicted_seconds([(100, 1.0)], 200) == pytest.approx(2.0)
    # A fixed cost: 1.0 -> 1.1 s when the rows double, so 1.21 s at 400 rows.
    assert cost._predicted_seconds([(50, 3.0), (100, 1.0), (200, 1.1)], 400) == \
        pytest.approx(1.21)
    assert cost._predicted_seconds([(100, 1.0), (200, 8.0)], 400) == pytest.approx(64.0)
    assert cost._predicted_seconds([(100, 1.0), (200, 0.5)], 400) == pytest.approx(0.5)
    assert cost._predicted_seconds([(100, 1.0), (200, 1e3)], 400) == pytest.approx(8e3)


# ------------------------------------------------------------------- fresh processes
def test_a_child_that_allocates_200_mb_reports_it_above_the_baseline():
    allocate = functools.partial(np.ones, 200 * 2**20 // 8)  # touches every page
    measured = measure_call(allocate)
    assert measured.status == measure.OK
    assert 190 <= measured.peak_mb <= 260
    idle = measure_call(functools.partial(np.ones, 8))
    assert abs(idle.peak_mb) < 20


def test_time_is_the_call_alone_and_the_cap_stops_it():
    measured = measure_call(time.sleep, 0.3)
    assert 0.3 <= measured.seconds < 5
    started = time.perf_counter()
    stopped = measure_call(time.sleep, 60, time_cap=0.5)
    assert stopped.status == measure.STOPPED and math.isnan(stopped.seconds)
    assert time.perf_counter() - started < 30


def test_a_failing_call_is_recorded_not_raised():
    failed = measure_call(int, "not a number")
    assert failed.status.startswith("failed: ValueError") and math.isnan(failed.seconds)


def test_time_cap_must_be_positive():
    with pytest.raises(ValueError, match="time_cap"):
        measure_call(time.sleep, 0, time_cap=0)


# ---------------------------------------------------------------------------- tables
def test_generated_table_has_the_shape_and_the_imbalance_ratio_asked_for():
    X, y = cost_data("generated", 1000, 6, imbalance_ratio=9, random_state=3)
    assert X.shape == (1000, 6) and y.sum() == 100
    X_again, y_again = cost_data("generated", 1000, 6, imbalance_ratio=9, random_state=3)
    pd.testing.assert_frame_equal(X, X_again)
    assert not X.equals(cost_data("generated", 1000, 6, imbalance_ratio=9, random_state=4)[0])


def fake_dataset():
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(200, 3)), columns=["a", "b", "c"])
    X["colour"] = pd.Categorical(rng.choice(["red", "blue"], size=200))
    y = np.r_[np.ones(40, dtype=int), np.zeros(160, dtype=int)]
    return SimpleNamespace(name="fake", X=X, y=y)


def test_real_table_is_a_stratified_subsample_when_smaller():
    data = fake_dataset()
    X, y = cost_data(data, 100, random_state=0)
    assert X.shape == (100, 4) and y.sum() == 20
    merged = X.merge(data.X, how="left", indicator=True)
    assert (merged["_merge"] == "both").all()  # every row is a real row, untouched
    assert not X.duplicated().any()


def test_real_table_replicates_with_jitter_when_larger():
    data = fake_dataset()
    X, y = cost_data(data, 1000, random_state=0)
    assert X.shape == (1000, 4) and y.sum() == 200
    assert not X[["a", "b", "c"]].duplicated().any()  # the copies are jittered
    assert set(X["colour"]) <= {"red", "blue"}       # nominal cells are copied
    # The jitter is small: every row is within a fraction of a column's spread of a real row.
    spread = data.X[["a", "b", "c"]].std().to_numpy()
    distance = np.abs(X[["a", "b", "c"]].to_numpy()[:, None, :]
                      - data.X[["a", "b", "c"]].to_numpy()[None, :, :]) / spread
    assert distance.max(axis=2).min(axis=1).max() < 0.5


def test_real_table_columns_are_a_subset_or_jittered_copies():
    data = fake_dataset()
    narrow, _ = cost_data(data, 100, 2, random_state=0)
    assert narrow.shape[1] == 2 and set(narrow.columns) <= set(data.X.columns)
    wide, _ = cost_data(data, 100, 7, random_state=0)
    assert wide.shape[1] == 7 and list(wide.columns[:4]) == list(data.X.columns)


@pytest.mark.parametrize("call, match", [
    (lambda: cost_data("made up", 100), "generated"),
    (lambda: cost_data("generated", 10), "12 rows"),
    (lambda: cost_data("generated", 100, 1), "2 features"),
    (lambda: cost_data("generated", 100, imbalance_ratio=0.5), "imbalance_ratio"),
])
def test_cost_data_rejects_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# -------------------------------------------------------------------------- settings
@pytest.mark.parametrize("overrides, match", [
    ({"sizes": [300, 200, 1000]}, "increasing"),
    ({"sizes": [300, 300]}, "increasing"),
    ({"features": [0, 4]}, "positive"),
    ({"sizes": [1.5, 3.0]}, "integers"),
    ({"methods": ["SMOTE", "Magic"]}, "unknown method 'Magic'"),
    ({"speed": 3}, "unknown cost setting"),
])
def test_cost_settings_reject_bad_input(overrides, match):
    with pytest.raises(ValueError, match=match):
        cost_settings("smoke", **overrides)


def test_cost_settings_take_overrides_as_lists_or_a_comma_separated_string():
    settings = cost_settings("default", sizes=[100, 1000], methods="SMOTE, LReDDPM",
                             repeats=None)
    assert settings.sizes == (100, 1000) and settings.methods == ("SMOTE", "LReDDPM")
    assert settings.repeats == cost.COST_SETTINGS["default"].repeats
    assert cost_settings("smoke", features=8).features == (8,)


def test_cost_settings_reject_an_unknown_profile():
    with pytest.raises(ValueError, match="unknown profile"):
        cost_settings("huge")


def test_measure_costs_rejects_an_unknown_method_before_running_anything():
    settings = replace(cost_settings("smoke"), methods=("SMOTE", "Magic"))
    with pytest.raises(ValueError, match="unknown method 'Magic'"):
        measure_costs(["generated"], profile="smoke", settings=settings)


def test_method_settings_scale_every_iteration_count():
    lreddpm = method_settings("LReDDPM", "default", iteration_scale=0.1)
    assert lreddpm == {"timesteps": 100, "train_steps": 200, "classifier_steps": 50,
                       "device": "cpu"}
    assert method_settings("ISODF-ENN", "default", iteration_scale=0.1)["train_steps"] == 100
    assert method_settings("CTGAN", "default", iteration_scale=0.1) == {"epochs": 30,
                                                                        "device": "cpu"}
    assert method_settings("DDPM-unguided", "smoke", device="cuda")["device"] == "cuda"
    assert method_settings("SMOTE", "default", iteration_scale=0.1) == {}
    assert method_settings("region typing", "default") == {}


# --------------------------------------------------------------------- the whole run
def test_measure_costs_runs_every_series_and_respects_the_budget():
    settings = cost_settings("smoke", sizes=[60, 120], features=[2, 4], feature_rows=60,
                             methods=["kNN (scikit-learn)", "region typing", "SMOTE"],
                             time_cap=120, budget=600)  # no clock decides, even under load
    table = measure_costs(["generated", fake_dataset()], profile="smoke", settings=settings)
    assert len(table) == 2 * 2 * 3 * 2
    assert (table["status"] == measure.OK).all(), table
    assert set(table["source"]) == {"generated", "fake"}
    rows = table[(table["series"] == "rows") & (table["source"] == "fake")]
    assert sorted(set(rows["n_rows"])) == [60, 120] and set(rows["n_features"]) == {4}
    features = table[table["series"] == "features"]
    assert set(features["n_rows"]) == {60} and sorted(set(features["n_features"])) == [2, 4]

    broke = measure_costs(["generated"], profile="smoke", settings=replace(settings, budget=0))
    assert (broke["status"] == measure.SKIPPED).all()
    rows_only = measure_costs(["generated"], profile="smoke", settings=settings,
                              series=["rows"])
    assert set(rows_only["series"]) == {"rows"} and len(rows_only) == 3 * 2
    with pytest.raises(ValueError, match="series"):
        measure_costs(["generated"], profile="smoke", settings=settings, series=["cols"])


def test_deep_methods_run_in_the_fresh_processes():
    settings = cost_settings("smoke", sizes=[60, 120], features=[2], feature_rows=60,
                             methods=["DDPM-unguided", "LReDDPM"], time_cap=120, budget=600)
    table = measure_costs(["generated"], profile="smoke", settings=settings)
    assert (table["status"] == measure.OK).all(), table
    assert (table["seconds"] > 0).all()


def _series(monkeypatch, seconds_of, *, sizes, budget, time_cap, slept=True):
    """The rows series of ``_measure_series`` with synthetic timings.

    ``seconds_of`` (from :func:`_timings`) gives each of its methods' time per size;
    ``slept`` makes the clock really pass it, as the budget counts wall time.
    """
    methods = tuple(seconds_of.methods)

    def fake_measure(method, X, y, params, random_state, time_cap, baselines):
        seconds = seconds_of(method, len(y))
        if slept:
            time.sleep(seconds)
        return measure.Measurement(seconds, 1.0, measure.OK)

    monkeypatch.setattr(cost, "_measure_method", fake_measure)
    settings = replace(cost_settings("smoke"), sizes=sizes, methods=methods, time_cap=time_cap)
    return pd.DataFrame(cost._measure_series("generated", "rows", settings,
                                             {m: {} for m in methods}, budget, 9.0, 0,
                                             lambda line: None))


def _timings(**per_100_rows):
    """``seconds_of(method, n_rows)``: each method's seconds per 100 rows, or a fixed
    cost for a method given as ``("fixed", seconds)``."""
    def seconds_of(method, n_rows):
        rate = per_100_rows[method]
        return rate[1] if isinstance(rate, tuple) else rate * n_rows / 100

    seconds_of.methods = list(per_100_rows)
    return seconds_of


def test_the_time_cap_skips_a_size_predicted_over_it(monkeypatch):
    rows = _series(monkeypatch, _timings(m=0.2), sizes=(100, 200, 400), budget=100.0,
                   time_cap=0.5, slept=False)
    assert list(rows["status"]) == [measure.OK, measure.OK, measure.SKIPPED]  # 0.8 s > 0.5 s


def test_budget_shares_let_cheap_methods_reach_the_largest_size(monkeypatch):
    # "dear" takes 0.05 s per 100 rows (really slept), "cheap" nothing. Budget 0.6 s:
    # "cheap" runs every size, "dear" stops where its predicted time passes what is
    # left of the budget (0.35 s spent + 0.4 s at 800 rows).
    rows = _series(monkeypatch, _timings(cheap=1e-6, dear=0.05),
                   sizes=(100, 200, 400, 800, 1600), budget=0.6, time_cap=0.5)
    status = rows.set_index(["method", "n_rows"])["status"]
    assert (status["cheap"] == measure.OK).all()
    assert list(status["dear"]) == [measure.OK, measure.OK, measure.OK] + [measure.SKIPPED] * 2


def test_a_fixed_cost_is_not_skipped_by_a_linear_guess(monkeypatch):
    # 0.3 s whatever the size (really slept): linearly, 1000 rows would take 3 s, past
    # the 1.2 s share; the second size runs anyway, and the flat slope lets the third.
    rows = _series(monkeypatch, _timings(m=("fixed", 0.3)), sizes=(100, 1000, 10000),
                   budget=1.2, time_cap=10.0)
    assert list(rows["status"]) == [measure.OK] * 3


def test_a_second_round_gives_the_leftover_budget_to_a_method_that_ran_short(monkeypatch):
    # "a" takes 0.1 s per 100 rows (slept); "b" nothing. With 1 s, "a"'s first share
    # (0.5 s) ends before 400 rows (0.3 s spent + 0.4 s); "b" leaves its share unused,
    # and the second round (0.7 s left) runs "a" at 400 rows.
    rows = _series(monkeypatch, _timings(a=0.1, b=1e-6), sizes=(100, 200, 400), budget=1.0,
                   time_cap=10.0)
    assert (rows["status"] == measure.OK).all()
    assert list(rows["method"]) == ["a"] * 3 + ["b"] * 3
    assert list(rows["n_rows"]) == [100, 200, 400] * 2


def test_the_second_size_runs_even_when_a_linear_guess_passes_the_cap(monkeypatch):
    # 0.3 s at 100 rows, linearly 3 s at 1000 > the 1 s cap; a fixed cost keeps it at
    # 0.3 s, which only running it can show.
    rows = _series(monkeypatch, _timings(m=("fixed", 0.3)), sizes=(100, 1000, 10000),
                   budget=100.0, time_cap=1.0, slept=False)
    assert list(rows["status"]) == [measure.OK] * 3
