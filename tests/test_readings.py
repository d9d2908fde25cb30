"""The readings the book takes where the LReDDPM paper is silent, as swappable choices."""

import pandas as pd
import pytest

from imbdiff import profiles, report
from imbdiff.experiments import READINGS, lreddpm_grid, reading, reading_grid


@pytest.fixture
def smoke():
    return profiles.get("smoke")


def test_every_reading_starts_with_the_books_choice_which_changes_nothing(smoke):
    main = lreddpm_grid("main", smoke, "yeast3")
    for spec in READINGS:
        assert reading_grid(spec.key, spec.default, smoke, "yeast3") == main, spec.key
        assert len(spec.choices) >= 2


@pytest.mark.parametrize(
    "key, choice, params",
    [
        ("info", "nothing", {"info": None}),
        ("clip", "not clipped", {"clip_denoised": False}),
        ("ddpm_data", "all rows, label-conditioned", {"ddpm_data": "all"}),
        ("length", "early stopping on held-out rows", {"early_stopping": True}),
    ],
)
def test_an_lreddpm_reading_changes_lreddpms_cells_only(smoke, key, choice, params):
    main = lreddpm_grid("main", smoke, "crg")
    changed = reading_grid(key, choice, smoke, "crg")
    for before, after in zip(main, changed):
        if before.method == "LReDDPM":
            assert dict(after.params) == {**dict(before.params), **params}
            assert after.name == "LReDDPM"
        else:
            assert after == before  # shared with the main grid: read from the cache


def test_the_baselines_reading_swaps_the_generators_under_the_same_labels(smoke):
    main = lreddpm_grid("main", smoke, "crg")
    swapped = reading_grid("baselines", "minority rows only", smoke, "crg")
    moved = {(a.method, b.method) for a, b in zip(main, swapped) if a.method != b.method}
    assert moved == {("FinDiff-cond", "FinDiff"), ("CTGAN-cond", "CTGAN"), ("TVAE-cond", "TVAE")}
    assert [c.name for c in main] == [c.name for c in swapped]


def test_the_plain_split_reading_unstratifies_every_cell(smoke):
    plain = reading_grid("split", "plain", smoke, "crg")
    assert all(cell.split.stratify is False for cell in plain)
    assert {cell.split.seed for cell in plain} == {0, 1}


def test_unknown_reading_or_choice_is_named(smoke):
    with pytest.raises(ValueError, match="unknown reading 'tau'"):
        reading("tau")
    with pytest.raises(ValueError, match="has no choice 'sometimes'"):
        reading_grid("clip", "sometimes", smoke)


def _table():
    rows = []
    for reading_key, choice, default, verdict in [
        ("clip", "clipped", True, "not reproduced"),
        ("clip", "not clipped", False, "not reproduced"),
        ("info", "offset", True, "not reproduced"),
        ("info", "nothing", False, "inconclusive"),
    ]:
        rows.append({"reading": reading_key, "choice": choice, "default": default, "key": "k",
                     "claim": "LReDDPM is best", "verdict": verdict, "estimate": 0.25,
                     "ci_low": 0.1, "ci_high": 0.4})
    rows.append({"reading": "clip", "choice": "clipped", "default": True, "key": "j",
                 "claim": "beats Original", "verdict": "reproduced", "estimate": 2.0,
                 "ci_low": 1.0, "ci_high": 3.0})
    rows.append({"reading": "clip", "choice": "not clipped", "default": False, "key": "j",
                 "claim": "beats Original", "verdict": "reproduced", "estimate": 1.5,
                 "ci_low": 0.5, "ci_high": 2.5})
    return pd.DataFrame(rows)


def test_robustness_names_the_reading_a_verdict_hangs_on():
    table = report.readings_robustness(_table()).set_index("claim")
    assert table.loc["LReDDPM is best", "book's verdict"] == "not reproduced"
    assert not table.loc["LReDDPM is best", "robust"]
    assert table.loc["LReDDPM is best", "moves under"] == "info = nothing: inconclusive"
    assert table.loc["beats Original", "robust"] and table.loc["beats Original", "moves under"] == ""


def test_readings_matrix_puts_each_choice_in_a_column_with_its_interval():
    grid = report.readings_matrix(_table()).data
    assert list(grid.columns) == [("clip", "clipped"), ("clip", "not clipped"), ("info", "offset"),
                                  ("info", "nothing")]
    assert grid.loc["beats Original", ("clip", "clipped")] == "reproduced (2.00 [1.00, 3.00])"
    assert pd.isna(grid.loc["beats Original", ("info", "offset")])


def test_tally_table_counts_verdicts_per_paper():
    verdicts = {"A": pd.DataFrame({"verdict": ["reproduced", "inconclusive", "reproduced"]}),
                "B": pd.DataFrame({"verdict": ["not run"]})}
    table = report.tally_table(verdicts).data
    assert table.loc["A", "reproduced"] == 2 and table.loc["A", "inconclusive"] == 1
    assert table.loc["A", "claims"] == 3 and table.loc["B", "not run"] == 1
    assert table.loc["B", "reproduced"] == 0
