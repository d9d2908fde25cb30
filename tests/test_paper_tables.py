"""Tables 2-11 and 13-18 of LReDDPM (JAIR 2026) against the paper's text, cell by cell.

Each table is re-read from the paper's text with a small parser for its layout (written
apart from whatever produced the CSVs), every cell is compared with
``paper.table("lreddpm", n)`` and the row order is checked to be the printed reading
order. Hand-checked literals guard against a bug shared by parser and transcription.
"""

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from imbdiff import paper

PAPER_TEXT = Path(__file__).resolve().parents[2] / "shared" / "papers" / "lreddpm-jair-2026.txt"
DATASETS = ["segment0", "spambase", "spectfheart", "turkish", "yeast3",
            "page0", "rice", "crg", "abalone17", "parkin"]
NEW_TABLES = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18]
KEY = ["method", "dataset", "metric"]

# the paper's labels -> the names stored in the CSVs (documented in imbdiff.paper)
METHODS = {"ADASYN": "ADASYN", "BorderlineSMOTE": "BorderlineSMOTE", "FinDiff": "FinDiff",
           "TVAE": "TVAE", "CTGAN": "CTGAN", "LReDDPM(ours)": "LReDDPM", "Original": "Original"}
TAUS = {r"$\tau = 1$": "tau=1", r"$\tau = 60$": "tau=60",
        r"$\tau = 1/\sqrt{\beta_t}$": "tau=1/sqrt(beta)"}
GRADIENTS = {r"$\hat{q}(y s, x_t)$": "q(y|s,x_t)", r"$\hat{q}(y x_t)$": "q(y|x_t)"}
REGIONS = {"LReDDPM-r2": "border", "LReDDPM-r3": "rare", "LReDDPM-r4": "outlier"}
DT_METRICS = {"AUC": "AUC_DT", "F1-score": "F1_DT", "G-mean": "G-mean_DT"}

EXPECTED_ROWS = {2: 18, 3: 70, 4: 70, 5: 70, 6: 40, 7: 9, 8: 30, 9: 30, 10: 18, 11: 30,
                 13: 24, 14: 8, 15: 12, 16: 60, 17: 60, 18: 60}


# ---------------------------------------------------------------------------- the text
def _text_rows(number: int) -> list[list[str]]:
    """The tab-split lines of Table ``number``: from its caption to the next blank line."""
    if not PAPER_TEXT.is_file():
        pytest.skip("the paper's text is not beside the repository")
    lines = PAPER_TEXT.read_text(encoding="utf-8").splitlines()
    captions = [i for i, line in enumerate(lines) if line.startswith(f"Table {number}. ")]
    assert len(captions) == 1, f"Table {number}: {len(captions)} captions"
    rows: list[list[str]] = []
    for line in lines[captions[0] + 1 :]:
        if not line.strip():
            if rows:
                break
            continue
        rows.append(line.split("\t"))
    return rows


def _number(cell: str) -> tuple[float, float]:
    """``'89.540 ± .393(+)'`` -> (89.54, 0.393); ``'3.8'`` -> (3.8, nan)."""
    cell = re.sub(r"\(\s*[+-]\s*\)\s*$", "", cell.strip())
    mean, sign, std = cell.partition("±")
    return float(mean), (float(std) if sign else math.nan)


def _methods_by_datasets(number, metric, labels):
    """Methods (or tau values) as rows, the ten datasets as columns."""
    header, *body = _text_rows(number)
    columns = [{"spectheart": "spectfheart"}.get(c.strip(), c.strip()) for c in header[1:]]
    assert columns == DATASETS
    return [(labels[row[0].strip()], dataset, metric, *_number(text))
            for row in body for dataset, text in zip(columns, row[1:], strict=True)]


def _table2():
    header, *body = _text_rows(2)
    assert [c.strip() for c in header] == ["", "JS", "WD", "MMD"]
    return [(METHODS[row[0]], "average rank", f"rank_{metric}", *_number(text))
            for row in body for metric, text in zip(header[1:], row[1:], strict=True)]


def _table6():
    header, *body = _text_rows(6)
    assert header[:2] == ["", ""] and header[2:] == DATASETS
    records, variant = [], None
    for row in body:
        variant = GRADIENTS[row[0]] if row[0] else variant
        records += [(variant, dataset, DT_METRICS[row[1]], *_number(text))
                    for dataset, text in zip(DATASETS, row[2:], strict=True)]
    return records


def _table7():
    header, *body = _text_rows(7)
    assert header == ["", "yeast3", "rice", "crg"]
    # the guidance region is named in Section 5.2, not in the table
    region = {"yeast3": "border", "rice": "border", "crg": "safe"}
    return [(region[dataset], dataset, DT_METRICS[row[0]], *_number(text))
            for row in body for dataset, text in zip(header[1:], row[1:], strict=True)]


def _table10():
    header, *body = _text_rows(10)
    assert header == ["", "", "AUC", "F1-score", "G-mean"]
    records, dataset = [], None
    for row in body:
        dataset = row[0] or dataset
        records += [(REGIONS[row[1]], dataset, DT_METRICS[metric], *_number(text))
                    for metric, text in zip(header[2:], row[2:], strict=True)]
    return records


def _table11():
    header, *body = _text_rows(11)
    assert header[0] == "" and header[1:] == DATASETS
    return [("DDPM-region", dataset, DT_METRICS[row[0]], *_number(text))
            for row in body for dataset, text in zip(DATASETS, row[1:], strict=True)]


def _table13():
    header, *body = _text_rows(13)
    assert header == ["", "", "G-mean", "Recall", "Accuracy"]
    classifier = {"Decision Tree": "DT", "Logistic Regression": "LR"}
    records, suffix = [], None
    for row in body:
        suffix = classifier[row[0]] if row[0] else suffix
        records += [(METHODS[row[1]], "parkin", f"{metric}_{suffix}", *_number(text))
                    for metric, text in zip(header[2:], row[2:], strict=True)]
    return records


def _table14():
    header, *body = _text_rows(14)
    assert header == ["", "Recall", "Accuracy"]
    return [(METHODS[row[0]], "segment0", f"{metric}_DT", *_number(text))
            for row in body for metric, text in zip(header[1:], row[1:], strict=True)]


def _table15():
    header, *body = _text_rows(15)
    assert header == ["", "", "Recall", "Accuracy"]
    labels = {"LReDDPM-r_var": "tau=60", "LReDDPM(ours)": "LReDDPM"}
    records, dataset = [], None
    for row in body:
        dataset = row[0] or dataset
        records += [(labels[row[1]], dataset, f"{metric}_DT", *_number(text))
                    for metric, text in zip(header[2:], row[2:], strict=True)]
    return records


PARSERS = {
    2: _table2,
    3: lambda: _methods_by_datasets(3, "AUC_DT", METHODS),
    4: lambda: _methods_by_datasets(4, "AUC_LR", METHODS),
    5: lambda: _methods_by_datasets(5, "F1_DT", METHODS),
    6: _table6,
    7: _table7,
    8: lambda: _methods_by_datasets(8, "AUC_DT", TAUS),
    9: lambda: _methods_by_datasets(9, "F1_DT", TAUS),
    10: _table10,
    11: _table11,
    13: _table13,
    14: _table14,
    15: _table15,
    16: lambda: _methods_by_datasets(16, "JS", METHODS),
    17: lambda: _methods_by_datasets(17, "WD", METHODS),
    18: lambda: _methods_by_datasets(18, "MMD", METHODS),
}


# ------------------------------------------------------------------- every cell vs text
@pytest.mark.parametrize("number", NEW_TABLES)
def test_every_cell_matches_the_text(number):
    printed = PARSERS[number]()
    assert len(printed) == EXPECTED_ROWS[number]
    ours = paper.table("lreddpm", number)
    assert len(ours) == len(printed)
    # same keys, in the printed reading order
    assert [tuple(key) for key in ours[KEY].itertuples(index=False)] == [r[:3] for r in printed]
    np.testing.assert_allclose(ours["mean"].to_numpy(float), [r[3] for r in printed],
                               rtol=0, atol=1e-12, err_msg=f"Table {number} mean")
    np.testing.assert_allclose(ours["std"].to_numpy(float), [r[4] for r in printed],
                               rtol=0, atol=1e-12, equal_nan=True,
                               err_msg=f"Table {number} std")


# ---------------------------------------------------------------- checked by eye
HAND_CHECKED = [  # (table, method, dataset, metric, mean, std or None)
    (2, "TVAE", "average rank", "rank_MMD", 1.7, None),
    (2, "LReDDPM", "average rank", "rank_WD", 3.05, None),
    (3, "TVAE", "segment0", "AUC_DT", 89.242, 0.6),
    (3, "Original", "abalone17", "AUC_DT", 61.759, 0.78),
    (3, "BorderlineSMOTE", "spectfheart", "AUC_DT", 52.333, 1.018),
    (4, "CTGAN", "yeast3", "AUC_LR", 96.561, 0.127),
    (4, "ADASYN", "abalone17", "AUC_LR", 91.943, 0.0),
    (5, "ADASYN", "abalone17", "F1_DT", 3.788, 0.225),
    (5, "LReDDPM", "parkin", "F1_DT", 43.708, 0.595),
    (6, "q(y|s,x_t)", "crg", "AUC_DT", 66.193, 0.282),
    (6, "q(y|x_t)", "parkin", "F1_DT", 20.230, 0.510),
    (7, "safe", "crg", "G-mean_DT", 58.615, 0.283),
    (7, "border", "rice", "F1_DT", 86.580, 0.049),
    (8, "tau=1/sqrt(beta)", "spectfheart", "AUC_DT", 68.881, 1.300),
    (8, "tau=60", "crg", "AUC_DT", 68.937, 0.297),
    (9, "tau=1/sqrt(beta)", "page0", "F1_DT", 87.093, 0.214),
    (9, "tau=1", "abalone17", "F1_DT", 31.542, 1.617),
    (10, "rare", "abalone17", "AUC_DT", 67.424, 0.883),
    (10, "outlier", "spambase", "G-mean_DT", 91.983, 0.060),
    (11, "DDPM-region", "abalone17", "G-mean_DT", 58.887, 0.991),
    (11, "DDPM-region", "segment0", "F1_DT", 86.033, 0.300),
    (13, "Original", "parkin", "Recall_DT", 29.386, None),
    (13, "LReDDPM", "parkin", "G-mean_LR", 81.082, None),
    (14, "CTGAN", "segment0", "Accuracy_DT", 96.222, None),
    (14, "BorderlineSMOTE", "segment0", "Recall_DT", 80.369, None),
    (15, "tau=60", "abalone17", "Accuracy_DT", 97.011, None),
    (15, "LReDDPM", "page0", "Recall_DT", 78.209, None),
    (16, "FinDiff", "page0", "JS", 0.00570, None),
    (16, "LReDDPM", "abalone17", "JS", 0.07290, None),
    (17, "FinDiff", "abalone17", "WD", 0.58700, None),
    (17, "LReDDPM", "yeast3", "WD", 0.00507, None),
    (18, "ADASYN", "parkin", "MMD", 1339.67, None),
    (18, "CTGAN", "spambase", "MMD", 34.9747, None),
]


def test_hand_checked_cells():
    assert {entry[0] for entry in HAND_CHECKED} == set(NEW_TABLES)
    for number, method, dataset, metric, mean, std in HAND_CHECKED:
        row = paper.table("lreddpm", number).set_index(KEY).loc[(method, dataset, metric)]
        assert row["mean"] == pytest.approx(mean, abs=1e-12), (number, method, dataset, metric)
        if std is None:
            assert pd.isna(row["std"]), (number, method, dataset, metric)
        else:
            assert row["std"] == pytest.approx(std, abs=1e-12), (number, method, dataset, metric)


# ------------------------------------------------------------------------ structure
ALLOWED_METHODS = {
    2: set(METHODS.values()) - {"Original"},
    3: set(METHODS.values()), 4: set(METHODS.values()), 5: set(METHODS.values()),
    6: {"q(y|s,x_t)", "q(y|x_t)"},
    7: {"safe", "border"},
    8: set(TAUS.values()), 9: set(TAUS.values()),
    10: {"border", "rare", "outlier"},
    11: {"DDPM-region"},
    13: {"ADASYN", "TVAE", "LReDDPM", "Original"},
    14: {"BorderlineSMOTE", "CTGAN", "LReDDPM", "Original"},
    15: {"tau=60", "LReDDPM"},
    16: set(METHODS.values()) - {"Original"},
    17: set(METHODS.values()) - {"Original"},
    18: set(METHODS.values()) - {"Original"},
}
ALLOWED_METRICS = {
    2: {"rank_JS", "rank_WD", "rank_MMD"}, 3: {"AUC_DT"}, 4: {"AUC_LR"}, 5: {"F1_DT"},
    6: {"AUC_DT", "F1_DT"}, 7: {"AUC_DT", "F1_DT", "G-mean_DT"}, 8: {"AUC_DT"},
    9: {"F1_DT"}, 10: {"AUC_DT", "F1_DT", "G-mean_DT"}, 11: {"AUC_DT", "F1_DT", "G-mean_DT"},
    13: {f"{m}_{c}" for m in ("G-mean", "Recall", "Accuracy") for c in ("DT", "LR")},
    14: {"Recall_DT", "Accuracy_DT"}, 15: {"Recall_DT", "Accuracy_DT"},
    16: {"JS"}, 17: {"WD"}, 18: {"MMD"},
}
WITH_STD = {3, 4, 5, 6, 7, 8, 9, 10, 11}


def test_all_eighteen_tables_are_available():
    assert paper.available("lreddpm") == list(range(1, 19))


@pytest.mark.parametrize("number", NEW_TABLES)
def test_structure(number):
    table = paper.table("lreddpm", number)
    assert list(table.columns) == ["method", "dataset", "metric", "mean", "std"]
    assert len(table) == EXPECTED_ROWS[number]
    assert not table.duplicated(KEY).any()
    allowed_datasets = {"average rank"} if number == 2 else set(DATASETS)
    assert set(table["dataset"]) <= allowed_datasets
    # datasets appear in Table 1's order
    order = [d for d in dict.fromkeys(table["dataset"]) if d in DATASETS]
    assert order == [d for d in DATASETS if d in order]
    assert table["method"].notna().all()
    assert set(table["method"]) == ALLOWED_METHODS[number]
    assert set(table["metric"]) == ALLOWED_METRICS[number]
    assert table["mean"].notna().all()
    if number in WITH_STD:
        assert table["std"].notna().all() and (table["std"] >= 0).all()
    else:
        assert table["std"].isna().all()


# ------------------------------------------------ cross-checks among the paper's numbers
def test_table2_is_the_average_rank_of_tables_16_to_18():
    """Table 2 equals the per-dataset ranks of Tables 16-18 averaged (ties share ranks)."""
    ranks = paper.table("lreddpm", 2).set_index(["method", "metric"])["mean"]
    for number, metric in [(16, "JS"), (17, "WD"), (18, "MMD")]:
        wide = paper.table("lreddpm", number).pivot(index="method", columns="dataset",
                                                    values="mean")
        mean_rank = wide.rank(method="average").mean(axis=1)
        for method, value in mean_rank.items():
            assert value == pytest.approx(ranks[(method, f"rank_{metric}")], abs=1e-9)


def _signs(number):
    return [sign for row in _text_rows(number) for sign in re.findall(r"\(([+-])\)", "".join(row))]


def test_plus_minus_markers_agree_with_the_transcribed_values():
    """The dropped "(+)"/"(-)" markers, recomputed from the CSVs, match the text.

    Table 6: "+" = above the best of all methods in Table 3 (AUC) / Table 5 (F1),
    Section 5.1. Tables 7, 8, 9, 11: "+" = above LReDDPM in Table 3 / Table 5 (G-mean
    rows of Tables 7 and 11 compare with Figure 3 and are not checked).
    """
    reference = {"AUC_DT": paper.table("lreddpm", 3), "F1_DT": paper.table("lreddpm", 5)}
    best = {m: t.groupby("dataset")["mean"].max() for m, t in reference.items()}
    ours = {m: t[t["method"] == "LReDDPM"].set_index("dataset")["mean"]
            for m, t in reference.items()}
    checked = 0
    for number in (6, 7, 8, 9, 11):
        table = paper.table("lreddpm", number)
        signs = _signs(number)
        assert len(signs) == len(table)
        for row, sign in zip(table.itertuples(index=False), signs):
            if row.metric not in reference:
                continue
            bar = (best if number == 6 else ours)[row.metric][row.dataset]
            assert (row.mean > bar) == (sign == "+"), (number, row)
            checked += 1
    assert checked == 40 + 6 + 30 + 30 + 20


def test_differences_quoted_in_the_text():
    """Sections 4.2 and 5.3 quote differences that follow from Tables 14 and 15."""
    t14 = paper.table("lreddpm", 14).set_index(["method", "metric"])["mean"]
    assert t14[("Original", "Recall_DT")] - t14[("BorderlineSMOTE", "Recall_DT")] == \
        pytest.approx(0.031, abs=1e-9)
    assert t14[("Original", "Accuracy_DT")] - t14[("BorderlineSMOTE", "Accuracy_DT")] == \
        pytest.approx(0.052, abs=1e-9)
    t15 = paper.table("lreddpm", 15).set_index(["method", "dataset", "metric"])["mean"]
    for dataset, recall_drop, accuracy_gain in [("segment0", 0.185, 0.022),
                                                ("page0", 0.712, 0.158),
                                                ("abalone17", 0.266, 0.054)]:
        assert t15[("LReDDPM", dataset, "Recall_DT")] - t15[("tau=60", dataset, "Recall_DT")] \
            == pytest.approx(recall_drop, abs=1e-9)
        assert t15[("tau=60", dataset, "Accuracy_DT")] \
            - t15[("LReDDPM", dataset, "Accuracy_DT")] == pytest.approx(accuracy_gain, abs=1e-9)
