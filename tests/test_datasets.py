"""Tests of imbdiff.datasets: names, loading, the KEEL reader, downloads."""

import functools
import hashlib
import http.server
import io
import math
import os
import socket
import threading
import time
import warnings
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pooch
import pytest

from imbdiff import datasets
from imbdiff.datasets import _bundled, _download, _registry, _uci

# The pre-filled folder with rice, turkish and spambase (never committed):
# IMBDIFF_DATA_DIR if the environment sets it, else ../shared/data beside the
# repository, as .ci/run uses it. Tests that need a missing file skip.
ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("IMBDIFF_DATA_DIR") or ROOT.parent / "shared" / "data")
REMOTE = ("spambase", "rice", "turkish", "parkin")


def _has_shared_copy(name):
    return (SHARED_DATA / _uci.REMOTE_DATASETS[name].file_name).is_file()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    """No test reads the user's data folder or cache, or uses the network."""
    monkeypatch.delenv("IMBDIFF_DATA_DIR", raising=False)
    monkeypatch.setenv("IMBDIFF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("IMBDIFF_OFFLINE", "1")
    for proxy in ("http_proxy", "https_proxy", "all_proxy"):  # the local server is direct
        monkeypatch.delenv(proxy, raising=False)
        monkeypatch.delenv(proxy.upper(), raising=False)


@pytest.fixture
def shared_data(monkeypatch):
    """Point IMBDIFF_DATA_DIR at the pre-filled folder."""
    monkeypatch.setenv("IMBDIFF_DATA_DIR", str(SHARED_DATA))
    return SHARED_DATA


# ------------------------------------------------------------------ Table 1
# LReDDPM paper, Table 1: #Train, #Test, #Num, #Cat, IR (as printed), and our
# true row and minority counts. The paper's #Train + #Test is our row count
# for every dataset but spectfheart: the paper has 213 + 52 = 265 rows where
# KEEL's spectfheart.dat has 267 (212 + 55). We keep the 267 rows; the
# stratified 80/20 split then gives 213 / 54.
TABLE_1 = {
    #               train  test num cat  IR       rows  minority
    "segment0":    (1846, 462, 19, 0, "6.02", 2308, 329),
    "spambase":    (3677, 920, 57, 0, "1.54", 4597, 1812),
    "spectfheart": (213, 52, 44, 0, "3.85", 267, 55),
    "turkish":     (320, 80, 50, 0, "3", 400, 100),
    "yeast3":      (1187, 297, 8, 0, "8.1", 1484, 163),
    "page0":       (4377, 1095, 10, 0, "8.8", 5472, 559),
    "rice":        (3048, 762, 7, 0, "1.34", 3810, 1630),
    "crg":         (800, 200, 7, 13, "2.3", 1000, 300),
    "abalone17":   (1870, 468, 7, 1, "39.31", 2338, 58),
    "parkin":      (604, 152, 752, 1, "2.94", 756, 192),
}
OUR_SPLIT = {"spectfheart": (213, 54)}


def _load_table_1(name, monkeypatch):
    if name in REMOTE:
        if not _has_shared_copy(name):
            pytest.skip(f"no pre-filled copy of {name} in {SHARED_DATA}")
        monkeypatch.setenv("IMBDIFF_DATA_DIR", str(SHARED_DATA))
    return datasets.load(name)


def test_names_start_with_the_papers_then_keel():
    names = datasets.names()
    assert names[:10] == list(TABLE_1)
    assert names[10:13] == ["yeast1", "vehicle0", "flare-F"]
    assert len(names) == len(set(names))
    for keel_name in ("glass1", "ecoli1", "page-blocks0", "abalone-17_vs_7-8-9-10", "yeast3",
                      "new-thyroid1"):
        assert keel_name in names
    assert names[13:] == sorted(names[13:])
    # Multi-class KEEL sets are not binary; cleveland-0_vs_4 has missing values.
    for excluded in ("glass", "yeast", "page-blocks", "cleveland-0_vs_4", "german"):
        assert excluded not in names
    assert not any(name.endswith(".bak") for name in names)


@pytest.mark.parametrize("name", [n for n in TABLE_1 if n != "parkin"])
def test_table_1_datasets_match_the_paper(name, monkeypatch):
    train, test, n_numeric, n_categorical, ir, rows, minority = TABLE_1[name]
    ds = _load_table_1(name, monkeypatch)
    assert ds.name == name
    assert ds.X.shape == (rows, n_numeric + n_categorical)
    assert (ds.n_numeric, ds.n_categorical) == (n_numeric, n_categorical)
    assert int(ds.y.sum()) == minority
    assert ds.y.dtype.kind == "i" and set(np.unique(ds.y)) == {0, 1}
    if name not in OUR_SPLIT:
        assert rows == train + test
    # IR equal to the paper's up to the paper's rounding.
    decimals = len(ir.partition(".")[2])
    assert abs(ds.imbalance_ratio - float(ir)) <= 0.5 * 10.0**-decimals + 1e-9
    assert ds.source and ds.citation
    assert not ds.X.isna().any().any()


@pytest.mark.parametrize("name", [n for n in TABLE_1 if n != "parkin"])
def test_holdout_split_sizes_stratification_and_seeds(name, monkeypatch):
    ds = _load_table_1(name, monkeypatch)
    expected = OUR_SPLIT.get(name, TABLE_1[name][:2])
    X_train, X_test, y_train, y_test = datasets.holdout_split(ds, test_size=0.2, seed=0)
    assert (len(X_train), len(X_test)) == expected == (len(y_train), len(y_test))
    # Rows and classes stay paired.
    np.testing.assert_array_equal(ds.y[X_train.index.to_numpy()], y_train)
    # Stratified: each part's minority count is its share within one row.
    share = ds.y.mean()
    assert abs(y_train.sum() - share * len(y_train)) < 1
    assert abs(y_test.sum() - share * len(y_test)) < 1
    again = datasets.holdout_split(ds, test_size=0.2, seed=0)
    other = datasets.holdout_split(ds, test_size=0.2, seed=1)
    assert again[1].index.equals(X_test.index)
    assert not other[1].index.equals(X_test.index)


def test_holdout_split_follows_sklearn_rounding():
    ds = datasets.load("segment0")  # 2308 rows: 0.2 * 2308 = 461.6 -> 462
    _, X_test, _, _ = datasets.holdout_split(ds, test_size=0.2, seed=3)
    assert len(X_test) == math.ceil(0.2 * 2308)


# -------------------------------------------------------------- dtypes
def test_crg_has_13_nominal_columns_with_the_documented_codes():
    X = datasets.load("crg").X
    nominal = [c for c in X.columns if isinstance(X[c].dtype, pd.CategoricalDtype)]
    numeric = [c for c in X.columns if c not in nominal]
    assert len(nominal) == 13
    assert numeric == ["duration", "credit_amount", "installment_rate", "residence_since",
                       "age", "existing_credits", "num_dependents"]
    assert (X[numeric].dtypes == np.float64).all()
    assert list(X["checking_status"].cat.categories) == ["A11", "A12", "A13", "A14"]
    assert list(X["purpose"].cat.categories) == [
        "A40", "A41", "A42", "A43", "A44", "A45", "A46", "A47", "A48", "A49", "A410"]
    assert list(X["foreign_worker"].cat.categories) == ["A201", "A202"]
    # First row of german.data: A11 6 A34 A43 1169 ... class 1 (good).
    assert X.loc[0, "checking_status"] == "A11" and X.loc[0, "credit_amount"] == 1169.0
    assert datasets.load("crg").y[0] == 0


def test_abalone17_sex_is_nominal_and_positive_is_minority():
    ds = datasets.load("abalone17")
    assert ds.name == "abalone17"
    assert list(ds.X["Sex"].cat.categories) == ["M", "F", "I"]
    assert ds.X.columns[0] == "Sex" and ds.X.loc[0, "Sex"] == "M"
    assert (ds.X.drop(columns="Sex").dtypes == np.float64).all()


def test_flare_f_is_all_nominal():
    X = datasets.load("flare-F").X
    assert X.shape == (1066, 11)
    assert all(isinstance(t, pd.CategoricalDtype) for t in X.dtypes)
    assert list(X["LargestSpotSize"].cat.categories) == ["A", "R", "S", "X", "K", "H"]


def test_spectfheart_minority_is_the_rarer_class_zero():
    ds = datasets.load("spectfheart")
    raw = (_bundled.data_root() / "spectfheart" / "spectfheart.dat").read_text()
    last_values = [line.rsplit(",", 1)[-1].strip() for line in raw.split("@data", 1)[1].split()]
    assert last_values.count("0") == int(ds.y.sum()) == 55


def test_alias_and_keel_name_give_the_same_data():
    alias, keel = datasets.load("page0"), datasets.load("page-blocks0")
    assert (alias.name, keel.name) == ("page0", "page-blocks0")
    pd.testing.assert_frame_equal(alias.X, keel.X)
    np.testing.assert_array_equal(alias.y, keel.y)


def test_every_bundled_name_loads_as_a_clean_binary_dataset():
    start = time.perf_counter()
    for name in datasets.names():
        if name in REMOTE:
            continue
        ds = datasets.load(name)
        assert ds.name == name
        assert ds.y.dtype == np.int64 and len(ds.y) == len(ds.X)
        assert set(np.unique(ds.y)) == {0, 1}, name
        assert ds.imbalance_ratio >= 1, name
        assert not ds.X.isna().any().any(), name
        assert all(isinstance(t, pd.CategoricalDtype) or t == np.float64 for t in ds.X.dtypes)
        assert ds.X.columns.is_unique and all(isinstance(c, str) for c in ds.X.columns)
    assert time.perf_counter() - start < 20


def test_loaded_data_cannot_be_corrupted_by_the_caller():
    first = datasets.load("abalone17")
    expected_X, expected_y = first.X.copy(), first.y.copy()
    first.X.iloc[:, 1] = -1.0
    first.X.loc[0, "Sex"] = "I"
    first.y[:] = 1
    second = datasets.load("abalone17")
    pd.testing.assert_frame_equal(second.X, expected_X)
    np.testing.assert_array_equal(second.y, expected_y)
    with pytest.raises(AttributeError):
        second.name = "other"


def test_unknown_name_suggests_close_names():
    with pytest.raises(datasets.UnknownDataset, match="segmen0") as error:
        datasets.load("segmen0")
    assert isinstance(error.value, ValueError)
    assert "'segment0'" in str(error.value)
    with pytest.raises(ValueError, match="Unknown dataset 'zzzzqqq'") as error:
        datasets.load("zzzzqqq")
    assert "Did you mean" not in str(error.value)


# ------------------------------------------------------------- KEEL reader
TINY_KEEL = """@relation tiny
% a comment line
@attribute 'Shape name' {round, flat , long}
@attribute Size real [0.0, 2.5]
@attribute Count integer[1,3]
@attribute Class {positive, negative}
@inputs 'Shape name', Size, Count
@outputs Class
@data
  flat , 1.5, 2, negative  
long,0.25 ,3 ,positive

round, 2, 1,negative
"""


def test_keel_reader_on_a_hand_worked_file(tmp_path):
    path = tmp_path / "tiny.dat"
    path.write_text(TINY_KEEL)
    X, y, minority = _bundled.read_keel_dataset(path)
    assert list(X.columns) == ["Shape name", "Size", "Count"]
    assert list(X["Shape name"].cat.categories) == ["round", "flat", "long"]
    assert list(X["Shape name"]) == ["flat", "long", "round"]
    np.testing.assert_array_equal(X["Size"], [1.5, 0.25, 2.0])
    np.testing.assert_array_equal(X["Count"], [2.0, 3.0, 1.0])
    assert (X["Size"].dtype, X["Count"].dtype) == (np.float64, np.float64)
    assert minority == "positive"
    np.testing.assert_array_equal(y, [0, 1, 0])


@pytest.mark.parametrize("classes, column, minority, y", [
    ("{a, b}", "a a b", "b", [0, 0, 1]),
    # KEEL's "positive" is its minority, but the counts decide (ecoli-0_vs_1).
    ("{positive, negative}", "positive positive negative", "negative", [0, 0, 1]),
    ("{negative, positive}", "positive negative negative", "positive", [1, 0, 0]),
])
def test_keel_reader_codes_the_rarer_class_as_one(tmp_path, classes, column, minority, y):
    path = tmp_path / "ab.dat"
    rows = "".join(f"{i}, {label}\n" for i, label in enumerate(column.split()))
    path.write_text(f"@relation ab\n@attribute x real\n@attribute c {classes}\n@data\n{rows}")
    _, coded, found = _bundled.read_keel_dataset(path)
    assert found == minority
    np.testing.assert_array_equal(coded, y)


def test_ecoli_0_vs_1_codes_its_rarer_negative_class_as_minority():
    ds = datasets.load("ecoli-0_vs_1")  # 143 positive, 77 negative
    assert int(ds.y.sum()) == 77


@pytest.mark.parametrize("edit, message", [
    (("2, negative  ", "?, negative"), r"missing values .*'Count': 1"),
    (("2, negative  ", "<null>, negative"), r"missing values .*'Count': 1"),
    (("0.25 ", "abc"), r"'Size' has non-numeric values \['abc'\]"),
    (("long,0.25", "oval,0.25"), r"'Shape name' has values \['oval'\]"),
    (("round, 2, 1,negative", "round, 2, 1, 7, negative"), "cannot read the data rows"),
    (("@data", "@dada"), "unexpected line"),
    (("integer[1,3]", "date"), "unsupported type"),
])
def test_keel_reader_rejects_bad_files_with_a_clear_message(tmp_path, edit, message):
    path = tmp_path / "bad.dat"
    path.write_text(TINY_KEEL.replace(*edit))
    with pytest.raises(ValueError, match=message) as error:
        _bundled.read_keel_dataset(path)
    assert "bad.dat" in str(error.value)


def test_duplicate_attribute_names_are_made_unique(tmp_path):
    path = tmp_path / "dup.dat"
    path.write_text("@relation d\n@attribute x real\n@attribute x real\n"
                    "@attribute c {positive, negative}\n@data\n1,2,positive\n3,4,negative\n"
                    "5,6,negative\n")
    X, _, _ = _bundled.read_keel_dataset(path)
    assert list(X.columns) == ["x", "x.1"]


# --------------------------------------------------------------- downloads
def _zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _rice_arff(n_rows=3810, n_cammeo=1630):
    """A synthetic ARFF shaped like UCI's (upper-case names, like its file)."""
    rng = np.random.default_rng(0)
    names = ["AREA", "PERIMETER", "MAJORAXIS", "MINORAXIS", "ECCENTRICITY", "CONVEX_AREA",
             "EXTENT"]
    frame = pd.DataFrame(rng.uniform(1, 100, size=(n_rows, 7)).round(3), columns=names)
    frame["CLASS"] = np.where(np.arange(n_rows) < n_cammeo, "Cammeo", "Osmancik")
    header = "".join(f"@ATTRIBUTE {name} REAL\n" for name in names)
    return ("@RELATION rice\n" + header + "@ATTRIBUTE CLASS {Cammeo,Osmancik}\n@DATA\n"
            + frame.to_csv(header=False, index=False)), frame


@functools.lru_cache(maxsize=None)
def _parkin_csv(n_rows=756, n_healthy=192):
    """A synthetic pd_speech_features.csv: group line, then names."""
    rng = np.random.default_rng(1)
    features = pd.DataFrame(rng.integers(0, 100, size=(n_rows, 752)) / 10,
                            columns=[f"f{i}" for i in range(752)])
    frame = pd.concat([
        pd.DataFrame({"id": np.arange(n_rows) // 3, "gender": rng.integers(0, 2, n_rows)}),
        features,
        pd.DataFrame({"class": np.where(np.arange(n_rows) < n_healthy, 0, 1)}),
    ], axis=1)
    groups = ",".join(["", "Baseline Features"] + [""] * (frame.shape[1] - 2))
    return groups + "\n" + frame.to_csv(index=False)


@pytest.fixture
def serve():
    """Serve bytes over HTTP on 127.0.0.1; ``serve(path, body)`` returns the URL."""
    files = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()

    def add(path, body):
        files[path] = body
        return f"http://127.0.0.1:{server.server_port}{path}"

    yield add
    server.shutdown()
    server.server_close()
    thread.join()


def _fetch(spec, url, tmp_path, **kwargs):
    with warnings.catch_warnings():  # the real specs' archives are not pinned
        warnings.filterwarnings("ignore", "The archive .* has no pinned sha256")
        return _download.fetch(spec, url=url, data_folder=None,
                               cache_folder=tmp_path / "cache", timeout=5, offline=False,
                               **kwargs)


def _serving(content):
    """A pooch downloader that writes ``content`` instead of using the network."""
    def download(url, output_file, pooch_instance):
        Path(output_file).write_bytes(content)
    return download


def test_download_validates_caches_atomically_and_reuses_the_cache(serve, tmp_path, monkeypatch):
    arff, frame = _rice_arff()
    url = serve("/rice.zip", _zip({"Rice_Cammeo_Osmancik.arff": arff, "Rice.xlsx": b"x"}))
    X, y, location = _fetch(_uci.RICE, url, tmp_path)
    assert location == url
    assert list(X.columns) == _uci.RICE_COLUMNS
    np.testing.assert_allclose(X.to_numpy(), frame.iloc[:, :7].to_numpy())
    assert int(y.sum()) == 1630 and y[:1630].all()
    archive = _uci.RICE.archive_name
    assert archive == "rice-rice+cammeo+and+osmancik.zip"
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [archive]
    # The cached archive is used from now on, offline, through the public API.
    monkeypatch.setenv("IMBDIFF_CACHE_DIR", str(tmp_path / "cache"))
    ds = datasets.load("rice")
    assert archive in ds.source
    pd.testing.assert_frame_equal(ds.X, X)


def test_download_finds_a_file_in_a_nested_zip(serve, tmp_path):
    inner = _zip({"pd_speech_features.csv": _parkin_csv()})
    url = serve("/parkin.zip", _zip({"pd_speech_features.zip": inner}))
    X, y, _ = _fetch(_uci.PARKIN, url, tmp_path)
    assert X.shape == (756, 753) and "id" not in X and "class" not in X
    assert isinstance(X["gender"].dtype, pd.CategoricalDtype) and X.columns[0] == "gender"
    assert int(y.sum()) == 192 and y[:192].all()


@pytest.mark.parametrize("archive, reason", [
    (b"PK\x03\x04 this is not really a zip", "not a valid zip"),
    (_zip({"readme.txt": "no data here"}), "lacks the expected file"),
    (_zip({"rice.arff": _rice_arff(n_rows=3000)[0]}), "expected 3810 rows x 7 features, got 3000"),
    (_zip({"rice.arff": _rice_arff(n_cammeo=1000)[0]}), "expected 1630 minority"),
])
def test_a_bad_download_raises_and_leaves_no_file(serve, tmp_path, archive, reason):
    url = serve("/rice.zip", archive)
    with pytest.raises(datasets.DatasetUnavailable, match=reason) as error:
        _fetch(_uci.RICE, url, tmp_path)
    message = str(error.value)
    for part in (url, "IMBDIFF_DATA_DIR", "rice_cammeo_osmancik.csv", _uci.RICE.archive_name):
        assert part in message
    cache = tmp_path / "cache"
    assert not cache.exists() or not any(cache.iterdir())


def test_http_error_raises_dataset_unavailable(serve, tmp_path):
    present = serve("/present.zip", b"")
    missing = present.replace("/present.zip", "/missing.zip")
    with pytest.raises(datasets.DatasetUnavailable, match="HTTP error 404"):
        _fetch(_uci.TURKISH, missing, tmp_path)


def test_a_refused_connection_fails_fast(tmp_path):
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    start = time.perf_counter()
    with pytest.raises(datasets.DatasetUnavailable, match="network error"):
        _fetch(_uci.TURKISH, f"http://127.0.0.1:{port}/turkish.zip", tmp_path)
    assert time.perf_counter() - start < 5
    assert not any((tmp_path / "cache").iterdir())


def test_offline_mode_never_touches_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("pooch.retrieve called while IMBDIFF_OFFLINE=1")

    monkeypatch.setattr(pooch, "retrieve", no_network)
    with pytest.raises(datasets.DatasetUnavailable, match="IMBDIFF_OFFLINE"):
        datasets.load("turkish")


def test_missing_parkin_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv("IMBDIFF_DATA_DIR", str(tmp_path / "empty"))
    start = time.perf_counter()
    with pytest.raises(datasets.DatasetUnavailable) as error:
        datasets.load("parkin")
    assert time.perf_counter() - start < 5
    message = str(error.value)
    assert isinstance(error.value, RuntimeError)
    assert "IMBDIFF_DATA_DIR" in message and "pd_speech_features.csv" in message
    assert "archive.ics.uci.edu" in message


def test_parkin_loads_from_the_data_folder(tmp_path, monkeypatch):
    (tmp_path / "pd_speech_features.csv").write_text(_parkin_csv())
    monkeypatch.setenv("IMBDIFF_DATA_DIR", str(tmp_path))
    ds = datasets.load("parkin")
    assert (ds.n_numeric, ds.n_categorical, int(ds.y.sum())) == (752, 1, 192)
    assert datasets.holdout_split(ds)[1].shape[0] == 152


def test_a_file_in_the_data_folder_that_is_not_the_pinned_copy_is_an_error(tmp_path,
                                                                            monkeypatch):
    content = b"Area,Class\n1,Cammeo\n"
    (tmp_path / "rice_cammeo_osmancik.csv").write_bytes(content)
    monkeypatch.setenv("IMBDIFF_DATA_DIR", str(tmp_path))
    with pytest.raises(datasets.DatasetUnavailable, match="not the pinned copy") as error:
        datasets.load("rice")
    message = str(error.value)
    for part in (str(tmp_path / "rice_cammeo_osmancik.csv"), _uci.RICE.sha256,
                 hashlib.sha256(content).hexdigest()):
        assert part in message


@pytest.mark.parametrize("content, reason", [
    (b"Area,Class\n1,Cammeo\n", "expected 3810 rows x 7 features, got 1 x 1"),
    (b"Area,Class\n1,Basmati\n", "unexpected class values \\['Basmati'\\]"),
    (b"\x00\xff\xfe garbage", "not a valid copy"),
])
def test_an_unpinned_file_in_the_data_folder_is_checked_by_content(tmp_path, content, reason):
    (tmp_path / "rice_cammeo_osmancik.csv").write_bytes(content)
    unpinned = replace(_uci.RICE, sha256=None)
    with pytest.raises(datasets.DatasetUnavailable, match=reason) as error:
        _download.fetch(unpinned, data_folder=tmp_path, cache_folder=tmp_path, offline=True)
    assert str(tmp_path / "rice_cammeo_osmancik.csv") in str(error.value)


@pytest.mark.skipif(not _has_shared_copy("rice"), reason="no pre-filled rice copy")
def test_a_truncated_copy_of_real_data_is_rejected(tmp_path, monkeypatch):
    lines = (SHARED_DATA / "rice_cammeo_osmancik.csv").read_text().splitlines(keepends=True)
    (tmp_path / "rice_cammeo_osmancik.csv").write_text("".join(lines[:-5]))
    monkeypatch.setenv("IMBDIFF_DATA_DIR", str(tmp_path))
    with pytest.raises(datasets.DatasetUnavailable, match="not the pinned copy"):
        datasets.load("rice")
    unpinned = replace(_uci.RICE, sha256=None)
    with pytest.raises(datasets.DatasetUnavailable, match="got 3805 x 7"):
        _download.fetch(unpinned, data_folder=tmp_path, cache_folder=tmp_path, offline=True)


@pytest.mark.parametrize("name", ["spambase", "rice", "turkish"])
def test_the_reference_copies_match_their_pinned_hashes(shared_data, name):
    spec = _uci.REMOTE_DATASETS[name]
    if not _has_shared_copy(name):
        pytest.skip(f"no pre-filled {name} copy")
    content = (shared_data / spec.file_name).read_bytes()
    assert hashlib.sha256(content).hexdigest() == spec.sha256
    assert str(shared_data / spec.file_name) in datasets.load(name).source


def test_a_corrupt_or_changed_download_names_the_archive_and_both_hashes(tmp_path):
    good = _zip({"rice.arff": _rice_arff()[0]})
    changed = good + b"changed"
    pinned = replace(_uci.RICE, archive_sha256=hashlib.sha256(good).hexdigest())
    with pytest.raises(datasets.DatasetUnavailable, match="corrupt or has changed") as error:
        _fetch(pinned, None, tmp_path, downloader=_serving(changed))
    message = str(error.value)
    for part in (pinned.archive_name, pinned.archive_sha256,
                 hashlib.sha256(changed).hexdigest()):
        assert part in message
    assert not any((tmp_path / "cache").iterdir())
    # The pinned archive is accepted, kept, and reused offline.
    X, _, _ = _fetch(pinned, None, tmp_path, downloader=_serving(good))
    again = _download.fetch(pinned, cache_folder=tmp_path / "cache", offline=True)
    pd.testing.assert_frame_equal(again[0], X)


def test_a_cached_archive_that_changed_is_not_used(tmp_path):
    good = _zip({"rice.arff": _rice_arff()[0]})
    pinned = replace(_uci.RICE, archive_sha256=hashlib.sha256(good).hexdigest())
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / pinned.archive_name).write_bytes(good + b"x")
    with pytest.raises(datasets.DatasetUnavailable, match="IMBDIFF_OFFLINE") as error:
        _download.fetch(pinned, cache_folder=tmp_path / "cache", offline=True)
    assert pinned.archive_sha256 in str(error.value)
    X, _, location = _fetch(pinned, None, tmp_path, downloader=_serving(good))
    assert location == pinned.url and X.shape == (3810, 7)


def test_an_unpinned_download_warns_with_its_hash(tmp_path):
    archive = _zip({"rice.arff": _rice_arff()[0]})
    with pytest.warns(UserWarning, match=hashlib.sha256(archive).hexdigest()):
        _download.fetch(_uci.RICE, cache_folder=tmp_path / "cache", offline=False,
                        downloader=_serving(archive))


def test_a_damaged_cache_entry_is_downloaded_again(serve, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / _uci.RICE.archive_name).write_text("not a zip")
    archive = _zip({"rice.arff": _rice_arff()[0]})
    url = serve("/rice.zip", archive)
    X, _, location = _fetch(_uci.RICE, url, tmp_path)
    assert location == url and X.shape == (3810, 7)
    assert (cache / _uci.RICE.archive_name).read_bytes() == archive


@pytest.mark.skipif(not _has_shared_copy("spambase"), reason="no pre-filled spambase copy")
def test_spambase_headerless_and_keel_headed_files_read_the_same(shared_data):
    content = (shared_data / "spambase_keel.dat").read_bytes()
    header = "@relation spambase\n" + "".join(
        f"@attribute A{i} real\n" for i in range(57)) + "@attribute Class {0, 1}\n@data\n"
    X_plain, y_plain = _uci.read_spambase(content)
    X_keel, y_keel = _uci.read_spambase(header.encode() + content)
    pd.testing.assert_frame_equal(X_plain, X_keel)
    np.testing.assert_array_equal(y_plain, y_keel)
    assert list(X_plain.columns[:2]) == ["word_freq_make", "word_freq_address"]


def test_memo_is_keyed_by_the_data_folder(tmp_path, monkeypatch):
    _registry._load_remote.cache_clear()
    (tmp_path / "pd_speech_features.csv").write_text(_parkin_csv())
    monkeypatch.setenv("IMBDIFF_DATA_DIR", str(tmp_path))
    datasets.load("parkin")
    monkeypatch.setenv("IMBDIFF_DATA_DIR", str(tmp_path / "elsewhere"))
    with pytest.raises(datasets.DatasetUnavailable):
        datasets.load("parkin")


def test_an_unwritable_cache_warns_but_returns_the_data(serve, tmp_path):
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    url = serve("/rice.zip", _zip({"rice.arff": _rice_arff()[0]}))
    with pytest.warns(UserWarning, match="Could not cache 'rice'"):
        X, _, _ = _fetch(_uci.RICE, url, tmp_path)
    assert X.shape == (3810, 7)
