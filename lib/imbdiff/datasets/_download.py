"""Find, download, check and cache the datasets that no package ships.

A remote dataset is looked up, in order:

1. in the folder named by the ``IMBDIFF_DATA_DIR`` environment variable, under
   its file name. The file must be the reference copy: its sha256 must be the one
   pinned in :class:`RemoteDataset` (``sha256``), and its content is then parsed and
   checked (exact shape and class counts). A file there that fails either check is
   an error: the user put it there, so we do not silently fetch another copy.
2. in the download cache (``IMBDIFF_CACHE_DIR``, by default
   ``$XDG_CACHE_HOME/imbdiff/datasets``, i.e. ``~/.cache/imbdiff/datasets``), which
   holds the archives downloaded earlier, as :mod:`pooch` left them;
3. at its public URL, through :func:`pooch.retrieve`, unless ``IMBDIFF_OFFLINE`` is
   set. Pooch writes the archive atomically and checks it against the pinned
   ``archive_sha256``; a corrupt or changed download is deleted and reported with
   both hashes. The wanted file is then taken out of the archive and its content
   checked as above.

Why two hashes: the data folder holds plain files (the copies described in
``book/reproducing.md``), while the URL serves a zip archive that holds those data
in another form (KEEL's spambase with its header, UCI's rice as ARFF), so each has
its own pin. An archive hash left at None could not be computed where the pin was
written (no network); such a download is checked by content only and a warning
gives its sha256 so that it can be pinned.
"""

import hashlib
import io
import os
import tempfile
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import requests

from ._base import DatasetUnavailable

DATA_DIR_VARIABLE = "IMBDIFF_DATA_DIR"
CACHE_DIR_VARIABLE = "IMBDIFF_CACHE_DIR"
OFFLINE_VARIABLE = "IMBDIFF_OFFLINE"
DEFAULT_TIMEOUT = 30.0  # seconds without data before a download is abandoned
_NESTING_LIMIT = 2  # zips inside zips searched for the wanted member
# What a failed download, a damaged archive or an invalid content raises
# (requests' errors are OSErrors; pooch reports a hash mismatch as a ValueError).
_DOWNLOAD_ERRORS = (OSError, ValueError, KeyError, zipfile.BadZipFile, zlib.error, EOFError,
                    RuntimeError, NotImplementedError)


@dataclass(frozen=True)
class RemoteDataset:
    """How to get, read and check one dataset that no package ships.

    Parameters
    ----------
    name : str
        Dataset name.
    file_name : str
        File name in ``IMBDIFF_DATA_DIR``.
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
    sha256 : str or None
        sha256 of the reference copy of ``file_name`` (hex digest); None where no
        copy was at hand to pin, and then a file is checked by content only.
    archive_sha256 : str or None
        sha256 of the archive at ``url``; None where it could not be computed.
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
    sha256: Optional[str] = None
    archive_sha256: Optional[str] = None

    @property
    def archive_name(self):
        """The archive's file name in the download cache."""
        return f"{self.name}-{Path(urlsplit(self.url).path).name}"

    def how_to_get(self):
        """The sentence telling a user how to provide the data by hand."""
        pinned = f" whose sha256 is {self.sha256}" if self.sha256 else ""
        return (
            f"To work offline, put the reference copy of '{self.file_name}' "
            f"({self.file_format}){pinned} in a folder and set the environment variable "
            f"{DATA_DIR_VARIABLE} to that folder, or copy a download cache that holds "
            f"'{self.archive_name}' (from {self.url}, described at {self.page}) and set "
            f"{CACHE_DIR_VARIABLE} to it."
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


def sha256_of(content):
    """The sha256 hex digest of bytes."""
    return hashlib.sha256(content).hexdigest()


def fetch(spec, *, url=None, data_folder=None, cache_folder=None,
          timeout=DEFAULT_TIMEOUT, offline=None, downloader=None):
    """Return a remote dataset's checked content, downloading it if needed.

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
    downloader : callable, default=None
        A pooch downloader, ``downloader(url, output_file, pooch)``; by default
        :class:`pooch.HTTPDownloader` with ``timeout``.

    Returns
    -------
    X : pandas.DataFrame
    y : ndarray of int64
    location : str
        The file or URL the data came from.

    Raises
    ------
    DatasetUnavailable
        If the file in ``IMBDIFF_DATA_DIR`` is not the pinned copy or is invalid,
        or if no valid copy is found and the download fails, differs from the
        pinned hash or holds invalid data.
    """
    url = url or spec.url
    data_folder = Path(data_folder) if data_folder is not None else data_dir()
    cache_folder = Path(cache_folder) if cache_folder is not None else cache_dir()
    offline = is_offline() if offline is None else offline

    if data_folder is not None and (data_folder / spec.file_name).is_file():
        return _read_data_folder(spec, data_folder / spec.file_name)
    cached = cache_folder / spec.archive_name
    found, stale = _read_cache(spec, cached)
    if found is not None:
        return found

    searched = (
        f"'{spec.file_name}' is not in {DATA_DIR_VARIABLE} "
        f"({data_folder if data_folder is not None else 'not set'}) and "
        f"'{spec.archive_name}' is not in the cache {cache_folder}{stale}"
    )
    if offline:
        raise DatasetUnavailable(
            f"Dataset {spec.name!r} is not available: {searched}, and "
            f"{OFFLINE_VARIABLE} is set, so it was not downloaded from {url}. "
            f"{spec.how_to_get()}"
        )
    try:
        X, y = read_valid(spec, spec.extract(_download(spec, url, cache_folder, timeout,
                                                       downloader)))
    except _DOWNLOAD_ERRORS as error:
        if cached.is_file():  # an archive holding invalid data is not kept
            cached.unlink()
        raise DatasetUnavailable(
            f"Dataset {spec.name!r} is not available: {searched}, and downloading "
            f"{url} failed: {_describe(error)}. {spec.how_to_get()}"
        ) from error
    return X, y, url


def _read_data_folder(spec, path):
    # The user put this file here: a changed or invalid one is an error, not a
    # reason to fetch another copy behind their back.
    try:
        content = path.read_bytes()
    except OSError as error:
        raise DatasetUnavailable(f"Dataset {spec.name!r}: cannot read {path}: {error}") from error
    found = sha256_of(content)
    if spec.sha256 is not None and found != spec.sha256:
        raise DatasetUnavailable(
            f"Dataset {spec.name!r}: the file {path} (from {DATA_DIR_VARIABLE}) is not the "
            f"pinned copy: its sha256 is {found}, expected {spec.sha256}. It is corrupt or "
            f"another version; replace it with the reference copy ({spec.file_format}), "
            f"or unset {DATA_DIR_VARIABLE} to download the data."
        )
    try:
        return (*read_valid(spec, content), str(path))
    except ValueError as error:
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
        content = path.read_bytes()
        found = sha256_of(content)
        if spec.archive_sha256 is not None and found != spec.archive_sha256:
            raise ValueError(f"its sha256 is {found}, expected {spec.archive_sha256}")
        return (*read_valid(spec, spec.extract(content)), str(path)), ""
    except (*_DOWNLOAD_ERRORS,) as error:
        # A damaged or changed cache entry is replaced by a fresh download.
        return None, f" (the cached archive {path} is invalid: {_describe(error)})"


def _download(spec, url, cache_folder, timeout, downloader):
    """The archive's bytes, downloaded by pooch (kept in the cache if it can be)."""
    # Imported here: pooch imports tqdm.auto, which warns in a notebook without
    # ipywidgets; only a download needs it.
    import pooch

    downloader = downloader or pooch.HTTPDownloader(
        progressbar=False, timeout=timeout, headers={"User-Agent": "imbdiff"})
    known_hash = f"sha256:{spec.archive_sha256}" if spec.archive_sha256 else None
    try:
        cache_folder.mkdir(parents=True, exist_ok=True)
        (cache_folder / spec.archive_name).unlink(missing_ok=True)  # never reuse a bad one
    except OSError as error:
        # The data will be valid; only the next session downloads them again.
        warnings.warn(f"Could not cache {spec.name!r} in {cache_folder}: {error}",
                      stacklevel=4)
        with tempfile.TemporaryDirectory(prefix="imbdiff-") as folder:
            return _retrieve(url, known_hash, spec.archive_name, folder, downloader)
    return _retrieve(url, known_hash, spec.archive_name, cache_folder, downloader)


def _retrieve(url, known_hash, file_name, folder, downloader):
    import pooch

    path = pooch.retrieve(url, known_hash=known_hash, fname=file_name, path=folder,
                          downloader=downloader, progressbar=False)
    content = Path(path).read_bytes()
    if known_hash is None:
        warnings.warn(
            f"The archive {url} has no pinned sha256, so it was checked by content only; "
            f"its sha256 is {sha256_of(content)}.", stacklevel=5)
    return content


def _describe(error):
    if isinstance(error, requests.HTTPError) and error.response is not None:
        return f"HTTP error {error.response.status_code} {error.response.reason}"
    if isinstance(error, (requests.ConnectionError, requests.Timeout)):
        return f"network error ({error})"
    if isinstance(error, zipfile.BadZipFile):
        return f"the download is not a valid zip archive ({error})"
    if isinstance(error, KeyError):
        return f"the archive lacks the expected file ({error.args[0]})"
    if isinstance(error, ValueError) and "hash" in str(error).lower():
        return f"the archive is corrupt or has changed: {error}"
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
