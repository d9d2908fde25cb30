"""Tests of imbdiff._validation: the nominal-column rule, atomic writes, the code digest."""

import numpy as np
import pandas as pd
import pytest

import imbdiff
from imbdiff import _validation, metrics
from imbdiff._validation import resolve_nominal, write_atomically
from imbdiff.book import code_digest
from imbdiff.diffusion import TabularTransformer
from imbdiff.regions import hvdm_embedding, region_types


def _mixed():
    return pd.DataFrame({
        "x": [0.5, 1.0, 2.0, 3.5],
        "n": [1, 2, 3, 4],
        "flag": [True, False, True, True],
        "colour": pd.Categorical(["r", "g", "r", "b"]),
        "word": ["a", "b", "a", "c"],
    })


# ----------------------------------------------------------------------------- resolve_nominal
def test_auto_reads_category_object_string_and_bool_as_nominal():
    frame = _mixed().assign(text=pd.array(["p", "q", "p", "q"], dtype="string"))
    mask = resolve_nominal(frame, "auto")
    assert frame.columns[mask].tolist() == ["flag", "colour", "word", "text"]


@pytest.mark.parametrize(
    "spec, expected",
    [
        (None, []),
        (["colour", "x"], ["x", "colour"]),
        ([0, 3], ["x", "colour"]),
        ([True, False, False, True, False], ["x", "colour"]),
        ([], []),
    ],
)
def test_explicit_selections(spec, expected):
    frame = _mixed()
    assert frame.columns[resolve_nominal(frame, spec)].tolist() == expected


def test_integer_labels_are_read_as_labels_before_positions():
    frame = pd.DataFrame({10: [1.0, 2.0], 20: ["a", "b"]})
    assert resolve_nominal(frame, [20]).tolist() == [False, True]
    assert resolve_nominal(frame, [1]).tolist() == [False, True]  # no label 1: a position


@pytest.mark.parametrize(
    "spec, message",
    [
        (["nope"], r"names \['nope'\] are not columns of X"),
        ([7], r"indices \[7\] are out of range for X with 5 columns"),
        ([-1], r"indices \[-1\] are out of range"),
        ([True, False], "boolean mask must have length 5"),
        (["x", 7], "only column names"),
        ("all", "must be 'auto', None"),
    ],
)
def test_bad_selections_name_the_problem(spec, message):
    with pytest.raises(ValueError, match=message):
        resolve_nominal(_mixed(), spec)


def test_every_caller_reads_auto_the_same_way():
    frame = _mixed()
    y = np.array([0, 1, 0, 1])
    expected = frame.columns[resolve_nominal(frame, "auto")].tolist()
    transformer = TabularTransformer(random_state=0).fit(frame)
    assert transformer.categorical_columns_ == expected
    # HVDM: one column per numeric attribute and per class for each nominal one.
    n_numeric = frame.shape[1] - len(expected)
    assert hvdm_embedding(frame, y).shape[1] == n_numeric + 2 * len(expected)
    # The distances: a bool column is compared by its categories, not as 0/1.
    real, generated = frame[["flag"]], frame[["flag"]].assign(flag=True)
    assert metrics.wasserstein(real, generated) == pytest.approx(0.25)


def _bool_frame():
    rng = np.random.default_rng(3)
    n = 60
    y = np.r_[np.ones(20, dtype=int), np.zeros(n - 20, dtype=int)]
    flag = np.where(y == 1, rng.random(n) < 0.6, rng.random(n) < 0.4)
    X = pd.DataFrame({
        "a": rng.normal(y * 0.8, 1.0),
        "b": rng.normal(0.0, 1.0, n),
        "flag": flag,
    })
    return X, y


def test_bool_column_region_types_agree_with_the_sampler():
    """Regression (issue 11): ``region_types(X, y)`` and ``LReDDPMSampler().region_types_``
    used to disagree on a frame with a bool column (numeric in one, nominal in the other)."""
    from imbdiff.over_sampling import LReDDPMSampler

    X, y = _bool_frame()
    as_numbers = region_types(X.astype({"flag": float}), y)
    as_nominal = region_types(X, y, categorical_features=["flag"])
    assert (as_numbers != as_nominal).any()  # the two readings differ on this frame
    sampler = LReDDPMSampler(
        region="border", timesteps=5, train_steps=2, hidden_dims=(8,), batch_size=16,
        random_state=0,
    )
    sampler.fit_resample(X, y)
    np.testing.assert_array_equal(region_types(X, y), sampler.region_types_)
    np.testing.assert_array_equal(sampler.region_types_, as_nominal)


# ----------------------------------------------------------------------------- atomic writes
def test_write_atomically_writes_text_and_bytes_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "file.txt"
    write_atomically(target, "héllo")
    assert target.read_text(encoding="utf-8") == "héllo"
    write_atomically(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.txt"]


def test_a_failed_write_keeps_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "file.txt"
    target.write_text("old")

    def broken_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(_validation.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


# ----------------------------------------------------------------------------- code digest
@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    """A package tree standing in for imbdiff's own, for the digests to hash."""
    root = tmp_path / "pkg"
    for relative in ("__init__.py", "report.py", "report/_tables.py", "regions/_types.py",
                     "claims/_verdicts.py", "data/table.csv"):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {relative}\n")
    monkeypatch.setattr(imbdiff, "__file__", str(root / "__init__.py"))
    return root


def test_digest_follows_hashed_files_and_skips_excluded_ones(fake_package):
    exclude = ("report.py", "claims/")
    before = code_digest(exclude=exclude)
    (fake_package / "report.py").write_text("# presentation only\n")
    (fake_package / "claims" / "_verdicts.py").write_text("# presentation only\n")
    (fake_package / "data" / "table.csv").write_text("a,b\n")  # not a .py file
    assert code_digest(exclude=exclude) == before
    (fake_package / "regions" / "_types.py").write_text("# computing code\n")
    assert code_digest(exclude=exclude) != before


def test_digest_changes_when_a_module_moves(fake_package):
    before = code_digest()
    (fake_package / "regions" / "_types.py").rename(fake_package / "regions" / "_eq5.py")
    assert code_digest() != before


def test_book_stamp_also_follows_package_data(fake_package):
    from imbdiff.book import package_digest

    before = package_digest()
    (fake_package / "data" / "table.csv").write_text("a,b\n")
    assert package_digest() != before
