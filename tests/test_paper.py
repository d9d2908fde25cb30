"""The transcribed tables against the paper's text (where the text is beside the repo)."""

import re
from pathlib import Path

import numpy as np
import pytest

from imbdiff import paper

PAPER_TEXT = Path(__file__).resolve().parents[2] / "shared" / "papers" / "lreddpm-jair-2026.txt"
TABLE1_DATASETS = ["segment0", "spambase", "spectfheart", "turkish", "yeast3",
                   "page0", "rice", "crg", "abalone17", "parkin"]


def _rows_after(caption_start: str, n_rows: int) -> dict[str, list[float]]:
    """Read the tab-separated rows that follow a table caption in the paper's text."""
    if not PAPER_TEXT.is_file():
        pytest.skip("the paper's text is not beside the repository")
    lines = PAPER_TEXT.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(caption_start))
    rows = {}
    for line in lines[start + 1 :]:
        cells = line.split("\t")
        if len(cells) > 2 and re.fullmatch(r"[\d.]+", cells[1].strip()):
            rows[cells[0].strip()] = [float(cell) for cell in cells[1:]]
            if len(rows) == n_rows:
                break
    return rows


@pytest.mark.parametrize(("number", "caption", "metrics"), [
    (1, "Table 1. Datasets detail", ["#Train", "#Test", "#Num", "#Cat", "#Rimb"]),
    (12, "Table 12. Types of minority", ["safe", "border", "rare", "outlier"]),
])
def test_transcription_matches_every_cell_of_the_text(number, caption, metrics):
    printed = _rows_after(caption, len(TABLE1_DATASETS))
    assert list(printed) == TABLE1_DATASETS
    table = paper.table("lreddpm", number)
    assert list(dict.fromkeys(table["dataset"])) == TABLE1_DATASETS
    for dataset, values in printed.items():
        ours = table[table["dataset"] == dataset].set_index("metric")["mean"]
        np.testing.assert_allclose(ours[metrics].to_numpy(), values, err_msg=dataset)


def test_sample_cells_by_hand():
    table1 = paper.table("lreddpm", 1).set_index(["dataset", "metric"])["mean"]
    assert table1[("crg", "#Cat")] == 13
    assert table1[("abalone17", "#Rimb")] == 39.31
    table12 = paper.table("lreddpm", 12).set_index(["dataset", "metric"])["mean"]
    assert table12[("spectfheart", "border")] == 89.1304
    assert table12[("abalone17", "outlier")] == 41.6667


def test_shape_and_columns():
    table = paper.table("lreddpm", 12)
    assert list(table.columns) == ["method", "dataset", "metric", "mean", "std"]
    assert table["method"].isna().all() and table["std"].isna().all()
    # every row of Table 12 sums to 100 % up to the printed rounding
    sums = table.groupby("dataset")["mean"].sum()
    np.testing.assert_allclose(sums, 100, atol=1e-3)


def test_each_call_returns_a_fresh_copy():
    first = paper.table("lreddpm", 1)
    first.loc[0, "mean"] = -1
    assert paper.table("lreddpm", 1).loc[0, "mean"] == 1846


def test_errors_name_the_problem():
    with pytest.raises(ValueError, match="unknown paper 'smote'"):
        paper.table("smote", 1)
    with pytest.raises(ValueError, match=r"Table 99 .*available: \[1, 2, .*18\]"):
        paper.table("lreddpm", 99)


def test_isodf_enn_keeps_the_ratios_its_text_quotes():
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "shared" / "papers" / "isodf-enn-jifs-2024.txt")
    ir = paper.table("isodf_enn", 1).set_index("dataset")["mean"]
    overlap = paper.table("isodf_enn", 2).set_index("dataset")["mean"]
    assert paper.available("isodf_enn") == [1, 2]
    if text.is_file():  # the sentence of Section 4.4 that quotes them
        quoted = dict(
            (name, (float(a), float(b)))
            for name, a, b in re.findall(r"the IR of ([\w-]+) was (\d+\.\d+), R aug was (\d+\.\d+)", text.read_text())
        )
        assert quoted == {name: (ir[name], overlap[name]) for name in ir.index}
    assert overlap["flare-F"] == 95.96 and ir["segment0"] == 6.02
