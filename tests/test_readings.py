"""The readings the book takes where the LReDDPM paper is silent, as swappable choices."""

from dataclasses import replace

import pandas as pd
import pytest

from imbdiff import experiments, lreddpm, profiles, report
from imbdiff.lreddpm import READINGS, lreddpm_grid
from imbdiff.claims import reading
from imbdiff.claims._readings import reading_grid


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


def _minority_types(cell, typing="train"):
    from imbdiff import datasets
    from imbdiff.experiments._splits import training_region_types

    data = datasets.load(cell.dataset)
    train, _ = cell.split.indices(data.y)
    types = training_region_types(data.X, data.y, train, typing=typing)
    return types[data.y[train] == 1]


def test_empty_region_choices_touch_only_the_splits_without_a_guiding_row():
    # abalone17 (default profile): no safe minority row on the training part of
    # splits 0, 1, 2 and 4, one on split 3 (checked by hand from the typing).
    default = profiles.get("default", datasets=["abalone17", "yeast3"])
    main = lreddpm_grid("main", default)
    empty = {c.split.seed for c in main if c.dataset == "abalone17" and "safe" not in _minority_types(c)}
    assert empty == {0, 1, 2, 4}
    nearest = reading_grid("empty_region", "guide by the nearest region present", default)
    moved = [(a, b) for a, b in zip(main, nearest) if a != b]
    assert {(a.dataset, a.split.seed) for a, _ in moved} == {("abalone17", s) for s in empty}
    assert {b.region for _, b in moved} == {"border"}  # the next region outwards
    whole = reading_grid("empty_region", "type the rows on the whole dataset there", default)
    typed = {(c.dataset, c.split.seed) for c in whole if c.typing == "whole"}
    assert typed == {("abalone17", s) for s in empty}
    left = reading_grid("empty_region", "leave such a dataset out", default)
    assert {c.dataset for c in left} == {"yeast3"}
    assert left == [c for c in main if c.dataset == "yeast3"]


def test_the_typing_reading_types_every_cell_on_the_whole_dataset(smoke):
    whole = reading_grid("typing", "whole dataset, test rows included", smoke, "crg")
    main = lreddpm_grid("main", smoke, "crg")
    assert all(c.typing == "whole" for c in whole)
    assert [replace(c, typing="train") for c in whole] == main
    assert all("typing" not in c.key() for c in main)  # the book's keys are unchanged
    assert whole[0].key()["typing"] == "whole"


def test_whole_typing_lets_the_test_rows_vote_on_the_training_rows_types():
    from imbdiff import datasets
    from imbdiff.experiments._splits import training_region_types
    from imbdiff.regions import region_types

    data = datasets.load("glass1")
    split = lreddpm_grid("main", profiles.get("smoke"), "glass1")[0].split
    train, _ = split.indices(data.y)
    whole = training_region_types(data.X, data.y, train, typing="whole")
    assert (whole == region_types(data.X, data.y)[train]).all()
    own = training_region_types(data.X, data.y, train)
    assert (own == region_types(data.X.iloc[train].reset_index(drop=True), data.y[train])).all()
    assert (own != whole).any()
    with pytest.raises(ValueError, match="unknown typing 'test'"):
        training_region_types(data.X, data.y, train, typing="test")


def test_isodf_enn_readings_start_with_the_books_cells(smoke):
    from imbdiff.isodf_enn import READINGS as ISODF_ENN_READINGS, isodf_enn_grid

    book = isodf_enn_grid("comparison", smoke, "glass1") + isodf_enn_grid("ablation", smoke, "glass1")
    for spec in ISODF_ENN_READINGS:
        cells = reading_grid(spec.key, spec.default, smoke, "glass1", paper="isodf_enn")
        assert cells == list(dict.fromkeys(book)), spec.key  # ISODF-ENN, run by both, once
        assert len(cells) < len(book)


def test_isodf_enn_readings_change_the_cells_they_name(smoke):
    def changed(key, choice):
        book = reading_grid(key, next(iter(reading(key, "isodf_enn").choices)), smoke, "glass1",
                            paper="isodf_enn")
        other = reading_grid(key, choice, smoke, "glass1", paper="isodf_enn")
        return [(a, b) for a, b in zip(book, other) if a != b]

    longer = changed("train_length", "twice as long")
    assert {a.method for a, _ in longer} == {"ISODF-ENN", "ISODF"}
    assert all(dict(b.params)["train_steps"] == 2 * dict(a.params)["train_steps"] for a, b in longer)
    enn = changed("enn_k", "7")
    assert {a.method for a, _ in enn} == {"ISODF-ENN", "ENN"}
    assert all(dict(b.params).get("enn_neighbors", dict(b.params).get("n_neighbors")) == 7 for _, b in enn)
    stand_in = changed("unnamed_datasets", "the nearest other KEEL sets")
    assert {b.dataset for _, b in stand_in} == {"ecoli-0_vs_1"}


def test_unnamed_stand_ins_are_the_nearest_other_keel_sets_in_size_and_imbalance():
    import numpy as np

    from imbdiff import datasets
    from imbdiff.datasets._bundled import keel_files
    from imbdiff.isodf_enn.readings import UNNAMED_STAND_INS

    taken = set(profiles.LREDDPM_DATASETS) | set(profiles.ISODF_ENN_DATASETS)
    taken |= set(profiles.BEYOND_NEW_DATASETS)

    def size_and_ir(name):
        y = np.asarray(datasets.load(name).y)
        return len(y), (y != 1).sum() / (y == 1).sum()

    known = {name: size_and_ir(name) for name in keel_files() if name not in taken}
    for unnamed, stand_in in UNNAMED_STAND_INS.items():
        rows, ir = size_and_ir(unnamed)
        nearest = min(known, key=lambda n: np.hypot(np.log(known[n][0] / rows), np.log(known[n][1] / ir)))
        assert stand_in == nearest, unnamed
    assert set(UNNAMED_STAND_INS) == set(profiles.ISODF_ENN_DATASETS) - {"yeast1", "vehicle0", "flare-F",
                                                                      "segment0"}


def test_unknown_paper_is_named(smoke):
    with pytest.raises(ValueError, match=r"paper must be one of .*got 'smote'"):
        reading_grid("enn_k", "5", smoke, paper="smote")


def test_robustness_holds_each_choice_against_its_own_readings_book_choice():
    # the empty-region reading runs on more datasets, where the book's verdict differs
    table = pd.DataFrame({
        "reading": ["clip", "clip", "empty_region", "empty_region"],
        "choice": ["clipped", "not clipped", "refuse", "nearest"],
        "default": [True, False, True, False],
        "key": "k", "claim": "c",
        "verdict": ["inconclusive", "inconclusive", "not reproduced", "not reproduced"],
    })
    row = report.readings_robustness(table).iloc[0]
    assert row["robust"] and row["book's verdict"] == "inconclusive" and row["moves under"] == ""
    table.loc[3, "verdict"] = "inconclusive"
    row = report.readings_robustness(table).iloc[0]
    assert not row["robust"] and row["moves under"] == "empty_region = nearest: inconclusive"
    assert report.readings_robustness(table.iloc[:0]).empty


def test_readings_records_round_trip_per_profile_and_stay_out_of_the_chapters_verdicts(tmp_path):
    from imbdiff import claims

    table = _table().assign(default=_table()["default"])
    claims.record_readings(table, "lreddpm", profile="default", folder=tmp_path)
    back = claims.recorded_readings("lreddpm", profile="default", folder=tmp_path)
    assert back[["reading", "choice", "verdict"]].equals(table[["reading", "choice", "verdict"]])
    assert claims.recorded_readings("lreddpm", profile="smoke", folder=tmp_path).empty
    assert claims.recorded_readings("isodf_enn", profile="default", folder=tmp_path).empty
    assert claims.recorded(profile="default", folder=tmp_path).empty  # not a chapter's verdicts
    (tmp_path / "default" / "readings" / "lreddpm.csv").write_bytes(b"\x00\xff\xfe")
    assert claims.recorded_readings("lreddpm", profile="default", folder=tmp_path).empty
    with pytest.raises(ValueError, match="verdicts_across_readings"):
        claims.record_readings(table.drop(columns="reading"), "lreddpm", folder=tmp_path)
    with pytest.raises(ValueError, match=r"paper must be one of .*got 'smote'"):
        claims.record_readings(table, "smote", folder=tmp_path)


def test_robustness_table_lists_every_scorecard_claim_and_marks_those_not_rechecked():
    robustness = report.readings_robustness(_table())
    card = pd.DataFrame({"key": ["k", "j", "other"], "claim": ["LReDDPM is best", "beats Original", "tau"],
                         "verdict": ["not reproduced", "reproduced", "inconclusive"]})
    table = report.robustness_table(robustness, profile="default", verdicts=card).data.set_index("claim")
    assert table.loc["LReDDPM is best", "robust"] == "no"
    assert table.loc["beats Original", "robust"] == "yes"
    assert table.loc["tau", "robust"] == "not re-checked" and table.loc["tau", "scorecard verdict"] == "inconclusive"
    assert table.loc["LReDDPM is best", "moves under"] == "info = nothing: inconclusive"
    empty = report.robustness_table(robustness.iloc[:0], profile="default", verdicts=card)
    assert isinstance(empty, str) and "readings chapter first" in empty


def test_empty_region_choices_leave_an_unavailable_datasets_cells_to_the_runner():
    default = profiles.get("default", datasets=["parkin", "yeast3"])
    main = lreddpm_grid("main", default)
    for choice in lreddpm._readings.EMPTY_REGION_CHOICES:
        assert reading_grid("empty_region", choice, default) == main, choice
