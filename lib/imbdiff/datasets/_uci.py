"""The datasets that no package ships: Spambase, Rice, Turkish music, Parkinson's.

Each is described by a :class:`~._download.RemoteDataset`: its file name in
``IMBDIFF_DATA_DIR``, the archive to download, how to turn that archive into
the file, how to read the file, the exact shape and minority count that a
valid copy has, and the pinned sha256 of the reference copy of the file.

The pinned ``sha256`` values are those of the reference copies described in
``book/reproducing.md`` (KEEL's spambase.dat without its header lines; UCI's rice
data as a CSV with a header row; UCI's ``Acoustic Features.csv``), computed with
``sha256sum``. No reference copy of parkin was at hand, so it is not pinned.

References
----------
.. [1] M. Hopkins, E. Reeber, G. Forman and J. Suermondt, "Spambase", UCI
   Machine Learning Repository, 1999.
.. [2] I. Cinar and M. Koklu, "Classification of rice varieties using
   artificial intelligence methods", International Journal of Intelligent
   Systems and Applications in Engineering, 7(3), pp. 188-194, 2019.
.. [3] M. B. Er and I. B. Aydilek, "Music emotion recognition by using chroma
   spectrogram and deep visual features", International Journal of
   Computational Intelligence Systems, 12(2), pp. 1622-1634, 2019.
.. [4] C. O. Sakar, G. Serbes, A. Gunduz, H. C. Tunc, H. Nizam, B. E. Sakar,
   M. Tutuncu, T. Aydin, M. E. Isenkul and H. Apaydin, "A comparative
   analysis of speech signal processing algorithms for Parkinson's disease
   classification and the use of the tunable Q-factor wavelet transform",
   Applied Soft Computing, 74, pp. 255-263, 2019.
"""

import io

import numpy as np
import pandas as pd
from scipy.io import arff

from ._download import RemoteDataset, read_table, text_of, zip_member
from ._keel import Attribute, KeelHeader, read_keel, read_rows, unique_names

KEEL_CITATION = (
    "Alcalá-Fdez et al. (2011), KEEL data-mining software tool: data set repository, "
    "J. Mult.-Valued Logic Soft Comput. 17(2-3):255-287"
)


def _binary_labels(labels, minority, allowed, where):
    """1 where ``labels == minority``, after checking every label is allowed."""
    labels = labels.astype(str).str.strip()
    unexpected = sorted(set(labels) - set(allowed))
    if unexpected:
        raise ValueError(f"{where}: unexpected class values {unexpected[:5]!r}")
    return (labels.to_numpy() == minority).astype(np.int64)


def _pop_column(frame, name):
    """Remove and return the column called ``name`` (case-insensitive)."""
    matches = [c for c in frame.columns if str(c).strip().lower() == name.lower()]
    if len(matches) != 1:
        raise ValueError(f"expected one column {name!r}, found {len(matches)}")
    return frame.pop(matches[0])


def _numeric(frame):
    frame = frame.astype(np.float64)
    frame.columns = unique_names(str(c).strip() for c in frame.columns)
    return frame


# ----------------------------------------------------------------- Spambase
# UCI's spambase.names, in file order. KEEL's copy is the same table (4 rows
# fewer); the pre-filled copy has no header, so these names are used always,
# whichever way the file came, to keep the columns the same.
SPAMBASE_COLUMNS = [
    *(f"word_freq_{w}" for w in (
        "make", "address", "all", "3d", "our", "over", "remove", "internet", "order",
        "mail", "receive", "will", "people", "report", "addresses", "free", "business",
        "email", "you", "credit", "your", "font", "000", "money", "hp", "hpl", "george",
        "650", "lab", "labs", "telnet", "857", "data", "415", "85", "technology", "1999",
        "parts", "pm", "direct", "cs", "meeting", "original", "project", "re", "edu",
        "table", "conference")),
    *(f"char_freq_{c}" for c in ";([!$#"),
    "capital_run_length_average",
    "capital_run_length_longest",
    "capital_run_length_total",
]
_SPAMBASE_HEADER = KeelHeader(
    "spambase",
    tuple(Attribute(name) for name in SPAMBASE_COLUMNS) + (Attribute("class", ("0", "1")),),
    target=len(SPAMBASE_COLUMNS),
)


def read_spambase(content):
    """Read KEEL's spambase: a ``.dat`` file, with or without its header.

    The minority class is spam (class 1).
    """
    text = text_of(content)
    if text.lstrip().startswith("@"):
        X, labels, _ = read_keel(text, "spambase")
    else:
        X, labels = read_rows(text, _SPAMBASE_HEADER, "spambase")
    if X.shape[1] == len(SPAMBASE_COLUMNS):
        X.columns = SPAMBASE_COLUMNS
    # A header may declare the class numeric: read "1.0" as "1".
    labels = pd.to_numeric(labels).astype(np.int64).astype(str)
    return X, _binary_labels(labels, "1", {"0", "1"}, "spambase")


SPAMBASE = RemoteDataset(
    name="spambase",
    file_name="spambase_keel.dat",
    file_format="KEEL's spambase.dat (57 numeric columns and the class 0/1, comma-separated, "
    "with or without the KEEL header)",
    url="https://sci2s.ugr.es/keel/dataset/data/classification/spambase.zip",
    page="https://archive.ics.uci.edu/dataset/94/spambase (UCI id 94; KEEL's copy has "
    "4 rows fewer)",
    extract=lambda archive: zip_member(archive, lambda name: name == "spambase.dat"),
    read=read_spambase,
    n_samples=4597,
    n_features=57,
    n_minority=1812,
    sha256="4000f307ace66d6e24ab4a017cd5617887ef81a243155a677eafcc1c759d2f32",
    archive_sha256=None,  # not computed: no network where pinned
    citation="Hopkins, Reeber, Forman & Suermondt (1999), Spambase, UCI ML Repository; "
    "KEEL copy: " + KEEL_CITATION,
)


# --------------------------------------------------------------------- Rice
# UCI's variable names, in file order; the ARFF in UCI's zip has the same
# columns in this order, maybe spelled otherwise, so they are renamed by place.
RICE_COLUMNS = ["Area", "Perimeter", "Major_Axis_Length", "Minor_Axis_Length",
                "Eccentricity", "Convex_Area", "Extent"]


def read_rice(content):
    """Read the Rice CSV (7 numeric columns and ``Class``); Cammeo is the minority."""
    frame = read_table(content, skipinitialspace=True)
    labels = _pop_column(frame, "Class")
    return _numeric(frame), _binary_labels(labels, "Cammeo", {"Cammeo", "Osmancik"}, "rice")


def rice_csv_from_archive(archive):
    """Make ``rice_cammeo_osmancik.csv`` from UCI's zip (its ARFF file)."""
    try:
        member = zip_member(archive, lambda name: name.endswith(".arff"))
    except KeyError:
        return zip_member(archive, lambda name: name.endswith(".csv"))
    records, _ = arff.loadarff(io.StringIO(text_of(member)))
    frame = pd.DataFrame(records)
    if frame.shape[1] != len(RICE_COLUMNS) + 1:
        raise ValueError(f"rice ARFF: expected 8 attributes, got {frame.shape[1]}")
    labels = frame.iloc[:, -1].str.decode("utf-8")
    frame = frame.iloc[:, :-1].set_axis(RICE_COLUMNS, axis=1).assign(Class=labels)
    return frame.to_csv(index=False).encode("utf-8")


RICE = RemoteDataset(
    name="rice",
    file_name="rice_cammeo_osmancik.csv",
    file_format="a CSV with a header row: the 7 numeric columns and 'Class' "
    "(Cammeo/Osmancik), made from the zip's ARFF file",
    url="https://archive.ics.uci.edu/static/public/545/rice+cammeo+and+osmancik.zip",
    page="https://archive.ics.uci.edu/dataset/545/rice+cammeo+and+osmancik",
    extract=rice_csv_from_archive,
    read=read_rice,
    n_samples=3810,
    n_features=7,
    n_minority=1630,
    sha256="d1982df059e34621f2fe5ef5c3c957dafa4722e262b0a9b3ef6752a07f994db1",
    archive_sha256=None,  # not computed: no network where pinned
    citation="Cinar & Koklu (2019), Classification of rice varieties using artificial "
    "intelligence methods, IJISAE 7(3):188-194",
)


# ----------------------------------------------------------- Turkish music
TURKISH_CLASSES = {"relax", "happy", "sad", "angry"}


def read_turkish(content):
    """Read ``Acoustic Features.csv`` (``Class`` first); "happy" is the minority.

    As in the LReDDPM paper, the four emotions (100 songs each) become happy
    vs the rest.
    """
    frame = read_table(content, skipinitialspace=True)
    labels = _pop_column(frame, "Class")
    return _numeric(frame), _binary_labels(labels, "happy", TURKISH_CLASSES, "turkish")


TURKISH = RemoteDataset(
    name="turkish",
    file_name="turkish_music_emotion.csv",
    file_format="UCI's 'Acoustic Features.csv' (a header row, 'Class' first, then 50 "
    "numeric columns)",
    url="https://archive.ics.uci.edu/static/public/862/turkish+music+emotion.zip",
    page="https://archive.ics.uci.edu/dataset/862/turkish+music+emotion",
    extract=lambda archive: zip_member(archive, lambda name: name == "acoustic features.csv"),
    read=read_turkish,
    n_samples=400,
    n_features=50,
    n_minority=100,
    sha256="8df80318735ee45123f7dfd5201927a6404836332dc80d733d30a7250856030c",
    archive_sha256=None,  # not computed: no network where pinned
    citation="Er & Aydilek (2019), Music emotion recognition by using chroma spectrogram "
    "and deep visual features, IJCIS 12(2):1622-1634",
)


# ------------------------------------------------------------------ Parkin
def read_parkin(content):
    """Read ``pd_speech_features.csv``; healthy (class 0) is the minority.

    UCI's file starts with a line of feature-group names, then the column
    names; a file without the group line is read too. ``id`` (the subject:
    three recordings each) is dropped; ``gender`` is the one nominal column.
    """
    text = text_of(content)
    first_line = [field.strip().strip('"').lower() for field in text.split("\n", 1)[0].split(",")]
    frame = pd.read_csv(io.StringIO(text), header=0 if "class" in first_line else 1)
    labels = _pop_column(frame, "class")
    _pop_column(frame, "id")
    gender_at = [str(c).strip().lower() for c in frame.columns].index("gender")
    gender = frame.pop(frame.columns[gender_at])
    X = _numeric(frame)
    X.insert(gender_at, "gender", pd.Categorical(gender, categories=[0, 1]))
    return X, _binary_labels(labels, "0", {"0", "1"}, "parkin")


PARKIN = RemoteDataset(
    name="parkin",
    file_name="pd_speech_features.csv",
    file_format="UCI's pd_speech_features.csv (756 rows: id, gender, 752 features, class)",
    url="https://archive.ics.uci.edu/static/public/470/parkinson+s+disease+classification.zip",
    page="https://archive.ics.uci.edu/dataset/470/parkinson+s+disease+classification",
    extract=lambda archive: zip_member(archive, lambda name: name == "pd_speech_features.csv"),
    read=read_parkin,
    n_samples=756,
    n_features=753,
    n_minority=192,
    sha256=None,  # no reference copy was at hand to pin; checked by content
    archive_sha256=None,  # not computed: no network where pinned
    citation="Sakar et al. (2019), A comparative analysis of speech signal processing "
    "algorithms for Parkinson's disease classification and the use of the tunable "
    "Q-factor wavelet transform, Applied Soft Computing 74:255-263",
)

REMOTE_DATASETS = {spec.name: spec for spec in (SPAMBASE, RICE, TURKISH, PARKIN)}
