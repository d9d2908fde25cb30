"""Find, download, validate and cache datasets that no package ships.

A remote dataset is looked up, in order:

1. in the folder named by the ``IMBDIFF_DATA_DIR`` environment variable, under
   its expected file name (a file there that fails validation is an error:
   the user put it there, so we do not silently fetch another copy);
2. in the cache folder (``IMBDIFF_CACHE_DIR``, by default
   ``$XDG_CACHE_HOME/imbdiff/datasets``, i.e. ``~/.cache/imbdiff/datasets``),
   which holds copies downloaded and validated earlier;
3. at its public URL, unless ``IMBDIFF_OFFLINE`` is set. The download is
   parsed and validated (exact shape and class counts) in memory and only
   then written to the cache, atomically, so a failure leaves no file.

Both folders hold the same file names and formats, so a cached file can be
copied into a data folder and the other way round.
"""

import http.client
import io
import os
import tempfile
import urllib.error
import urllib.request
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from ._base import DatasetUnavailable

DATA_DIR_VARIABLE = "IMBDIFF_DATA_DIR"
CACHE_DIR_VARIABLE = "IMBDIFF_CACHE_DIR"
OFFLINE_VARIABLE = "IMBDIFF_OFFLINE"
DEFAULT_TIMEOUT = 30.0  # seconds without data before a download is abandoned
_NESTING_LIMIT = 2  # zips inside zips searched for the wanted member
# What a failed download, a damaged archive or an invalid content raises.
_DOWNLOAD_ERRORS = (OSError, http.client.HTTPException, ValueError, KeyError,
                    zipfile.BadZipFile, zlib.error, EOFError, RuntimeError,
                    NotImplementedError)


@dataclass(frozen=True)
class RemoteDataset:
    """How to get, read and check one dataset that no package ships.

    Parameters
    ----------
    name : str
        Dataset name.
    file_name : str
        File name in ``IMBDIFF_DATA_DIR`` and in the cache.
    file_format : str
        One-line description of that file, for error messages.
    url : str
        Public zip archive to download.
    page : str
        Human-readable page describing the dataset.
    extract : callable
        ``extract(archive_bytes) -> bytes``: the content of ``file_name``
        made from the downloaded archive.
    read : callable
        ``read(file_bytes) -> (X, y)``: parse the content of ``file_name``.
    n_samples, n_features, n_minority : int
        The exact shape and minority count a valid copy has.
    citation : str
        Short citation of the data's origin.
    """

    name: str
    file_name: str
    file_format: str
    url: str
    page: str
    extract: Callable
    read: Callable
    n_samples: int
    n_features: int
    n_minority: int
    citation: str = ""

    def how_to_get(self):
        """The sentence telling a user how to provide the file by hand."""
        return (
            f"To provide it by hand, download {self.url} (described at {self.page}), "
            f"save {self.file_format} as '{self.file_name}' in a folder, and set the "
            f"environment variable {DATA_DIR_VARIABLE} to that folder."
        )


def data_dir():
    """The folder named by ``IMBDIFF_DATA_DIR``, or None."""
    folder = os.environ.get(DATA_DIR_VARIABLE)
    return Path(folder).expanduser() if folder else None


def cache_dir():
    """The download cache folder."""
    folder = os.environ.get(CACHE_DIR_VARIABLE)
    if folder:
        return Path(folder).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "imbdiff" / "datasets"


def is_offline():
    """True when ``IMBDIFF_OFFLINE`` is set to a true value (1, true, yes, on)."""
    return os.environ.get(OFFLINE_VARIABLE, "").strip().lower() in {"1", "true", "yes", "on"}


def fetch(spec, *, url=None, data_folder=None, cache_folder=None,
          timeout=DEFAULT_TIMEOUT, offline=None):
    """Return a remote dataset's validated content, downloading it if needed.

    Parameters
    ----------
    spec : RemoteDataset
        The dataset.
    url : str, default=None
        Archive to download instead of ``spec.url`` (tests use a local server).
    data_folder, cache_folder : path-like, default=None
        Override ``IMBDIFF_DATA_DIR`` and the cache folder.
    timeout : float, default=30.0
        Seconds to wait for the server before giving up.
    offline : bool, default=None
        Never download; None reads ``IMBDIFF_OFFLINE``.

    Returns
    -------
    X : pandas.DataFrame
    y : ndarray of int64
    location : str
        The file or URL the data came from.

    Raises
    ------
    DatasetUnavailable
        If no valid copy is found and the download fails or is invalid, or if
        the file in ``IMBDIFF_DATA_DIR`` is invalid.
    """
    url = url or spec.url
    data_folder = Path(data_folder) if data_folder is not None else data_dir()
    cache_folder = Path(cache_folder) if cache_folder is not None else cache_dir()
    offline = is_offline() if offline is None else offline

    if data_folder is not None and (data_folder / spec.file_name).is_file():
        return _read_data_folder(spec, data_folder / spec.file_name)
    cached = cache_folder / spec.file_name
    found, stale = _read_cache(spec, cached)
    if found is not None:
        return found

    searched = (
        f"'{spec.file_name}' is neither in {DATA_DIR_VARIABLE} "
        f"({data_folder if data_folder is not None else 'not set'}) nor in the cache "
        f"{cache_folder}{stale}"
    )
    if offline:
        raise DatasetUnavailable(
            f"Dataset {spec.name!r} is not available: {searched}, and "
            f"{OFFLINE_VARIABLE} is set, so it was not downloaded from {url}. "
            f"{spec.how_to_get()}"
        )
    try:
        content = spec.extract(download(url, timeout))
        X, y = read_valid(spec, content)
    except _DOWNLOAD_ERRORS as error:
        raise DatasetUnavailable(
            f"Dataset {spec.name!r} is not available: {searched}, and downloading "
            f"{url} failed: {_describe(error)}. {spec.how_to_get()}"
        ) from error
    try:
        write_atomically(cached, content)
    except OSError as error:
        # The data are valid; only the next session will download them again.
        warnings.warn(f"Could not cache {spec.name!r} in {cached}: {error}", stacklevel=2)
    return X, y, url


def _read_data_folder(spec, path):
    # The user put this file here: an invalid one is an error, not a reason
    # to fetch another copy behind their back.
    try:
        return (*read_valid(spec, path.read_bytes()), str(path))
    except (ValueError, OSError) as error:
        raise DatasetUnavailable(
            f"Dataset {spec.name!r}: the file {path} (from {DATA_DIR_VARIABLE}) is "
            f"not a valid copy: {error}. Replace it with {spec.file_format}, or "
            f"unset {DATA_DIR_VARIABLE} to download it."
        ) from error


def _read_cache(spec, path):
    """Return ``((X, y, location), "")``, or ``(None, why_not)``."""
    if not path.is_file():
        return None, ""
    try:
        return (*read_valid(spec, path.read_bytes()), str(path)), ""
    except (ValueError, OSError) as error:
        # A damaged cache entry is replaced by a fresh download.
        return None, f" (the cached copy is invalid: {error})"


def download(url, timeout=DEFAULT_TIMEOUT):
    """Return the bytes at ``url``; urllib's errors propagate as OSError."""
    request = urllib.request.Request(url, headers={"User-Agent": "imbdiff"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def _describe(error):
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP error {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        return f"network error ({error.reason})"
    if isinstance(error, zipfile.BadZipFile):
        return f"the download is not a valid zip archive ({error})"
    if isinstance(error, KeyError):
        return f"the archive lacks the expected file ({error.args[0]})"
    return f"{type(error).__name__}: {error}"


def read_valid(spec, content):
    """Parse a file's content and check it against the spec.

    Raises
    ------
    ValueError
        If the content does not parse, or its shape, classes or values are
        not those of the dataset.
    """
    try:
        X, y = spec.read(content)
    except (KeyError, IndexError, TypeError) as error:
        # Columns or fields missing from a malformed file.
        raise ValueError(f"cannot parse the file ({type(error).__name__}: {error})") from error
    expected = (spec.n_samples, spec.n_features)
    if X.shape != expected:
        raise ValueError(f"expected {expected[0]} rows x {expected[1]} features, got "
                         f"{X.shape[0]} x {X.shape[1]}")
    n_minority = int(np.count_nonzero(y == 1))
    if n_minority != spec.n_minority or not np.isin(y, (0, 1)).all():
        raise ValueError(f"expected {spec.n_minority} minority and "
                         f"{spec.n_samples - spec.n_minority} majority rows, got "
                         f"{n_minority} and {len(y) - n_minority}")
    has_missing = X.isna().any()
    if has_missing.any():
        raise ValueError(f"missing values in columns {list(X.columns[has_missing])[:5]}")
    return X, y


def write_atomically(path, content):
    """Write bytes to ``path`` through a temporary file and a rename.

    Readers never see a partial file, and a failure leaves none behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def zip_member(archive, wanted, _depth=0):
    """Return the bytes of the first member whose base name satisfies ``wanted``.

    Zip archives inside the archive are searched too (UCI sometimes nests
    them).

    Parameters
    ----------
    archive : bytes
        A zip archive.
    wanted : callable
        ``wanted(lowercase_base_name) -> bool``.

    Raises
    ------
    zipfile.BadZipFile
        If ``archive`` is not a zip archive.
    KeyError
        If no member matches.
    """
    with zipfile.ZipFile(io.BytesIO(archive)) as outer:
        members = [m for m in outer.infolist() if not m.is_dir()]
        for member in members:
            if wanted(Path(member.filename).name.lower()):
                return outer.read(member)
        if _depth < _NESTING_LIMIT:
            for member in members:
                if member.filename.lower().endswith(".zip"):
                    try:
                        return zip_member(outer.read(member), wanted, _depth + 1)
                    except KeyError:
                        continue
    raise KeyError(f"no matching file among {[m.filename for m in members]}")


def text_of(content):
    """Decode file bytes (UTF-8, with or without a byte-order mark)."""
    return content.decode("utf-8-sig")


def read_table(content, **kwargs):
    """``pandas.read_csv`` on file bytes."""
    return pd.read_csv(io.StringIO(text_of(content)), **kwargs)
