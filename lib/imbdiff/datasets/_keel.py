"""A small reader of KEEL ``.dat`` files.

A KEEL file is an ARFF-like text: ``@relation``, one ``@attribute`` line per
column (``real``/``integer`` with an optional ``[min, max]`` range, or a list of
nominal values in braces), optional ``@inputs``/``@outputs`` lines, then
``@data`` and comma-separated rows. The class is the ``@outputs`` attribute, or
the last one when there is no ``@outputs`` line.

References
----------
.. [1] J. Alcalá-Fdez, A. Fernández, J. Luengo, J. Derrac, S. García,
   L. Sánchez and F. Herrera, "KEEL data-mining software tool: data set
   repository, integration of algorithms and experimental analysis
   framework", Journal of Multiple-Valued Logic and Soft Computing,
   17(2-3), pp. 255-287, 2011.
"""

import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

# KEEL (and ARFF) spellings of a missing value.
MISSING_MARKERS = ("?", "<null>", "")

_NUMERIC_TYPES = {"real", "integer", "numeric"}
_ATTRIBUTE = re.compile(r"""@attribute\s+('[^']*'|"[^"]*"|[^\s{]+)\s*(.*)$""", re.IGNORECASE)


@dataclass(frozen=True)
class Attribute:
    """One ``@attribute`` line: a name, and its nominal values (None if numeric)."""

    name: str
    categories: tuple = None

    @property
    def is_nominal(self):
        return self.categories is not None


@dataclass(frozen=True)
class KeelHeader:
    """The part of a KEEL file before ``@data``."""

    relation: str
    attributes: tuple
    target: int  # position of the class attribute in ``attributes``

    @property
    def target_attribute(self):
        return self.attributes[self.target]

    @property
    def features(self):
        return tuple(a for i, a in enumerate(self.attributes) if i != self.target)

    @property
    def is_binary(self):
        """True when the class attribute is nominal with exactly two values."""
        classes = self.target_attribute.categories
        return classes is not None and len(classes) == 2


def _unquote(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _parse_attribute(line, where):
    match = _ATTRIBUTE.match(line)
    if match is None:
        raise ValueError(f"{where}: cannot read the attribute line {line!r}.")
    name, spec = _unquote(match.group(1)), match.group(2).strip()
    if spec.startswith("{"):
        if not spec.endswith("}"):
            raise ValueError(f"{where}: unclosed '{{' in the attribute line {line!r}.")
        values = tuple(_unquote(value) for value in spec[1:-1].split(","))
        repeated = sorted({v for v in values if values.count(v) > 1})
        if "" in values or repeated:
            raise ValueError(
                f"{where}: attribute {name!r} has an empty or repeated nominal value "
                f"(repeated: {repeated[:3]!r})."
            )
        return Attribute(name, values)
    kind = re.match(r"[A-Za-z]+", spec)
    if kind is None or kind.group(0).lower() not in _NUMERIC_TYPES:
        raise ValueError(f"{where}: attribute {name!r} has unsupported type {spec!r}.")
    return Attribute(name, None)


def read_header(lines, where="KEEL file"):
    """Read the header of a KEEL file.

    Parameters
    ----------
    lines : iterable of str
        The file's lines. Iteration stops right after the ``@data`` line, so an
        open file or :class:`io.StringIO` is left at the first data row.
    where : str
        Name of the file or dataset, used in error messages.

    Returns
    -------
    header : KeelHeader
    """
    relation, attributes, outputs = "", [], None
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("%"):
            continue
        keyword = stripped.split(None, 1)[0].lower()
        if keyword == "@relation":
            relation = _unquote(stripped[len(keyword):])
        elif keyword == "@attribute":
            attributes.append(_parse_attribute(stripped, where))
        elif keyword in ("@inputs", "@input"):
            continue
        elif keyword in ("@outputs", "@output"):
            outputs = [_unquote(n) for n in stripped[len(keyword):].split(",")]
        elif keyword == "@data":
            return _make_header(relation, attributes, outputs, where)
        else:
            raise ValueError(f"{where}: unexpected line {stripped[:80]!r} before @data.")
    raise ValueError(f"{where}: no @data line.")


def _make_header(relation, attributes, outputs, where):
    if len(attributes) < 2:
        raise ValueError(f"{where}: needs at least one feature and a class attribute.")
    names = [a.name for a in attributes]
    if outputs is None:
        target = len(attributes) - 1
    elif len(outputs) == 1 and outputs[0] in names:
        target = names.index(outputs[0])
    else:
        raise ValueError(f"{where}: @outputs {outputs!r} must name one attribute.")
    return KeelHeader(relation, tuple(attributes), target)


def read_keel(text, where="KEEL file"):
    """Parse the text of a KEEL file into features and class labels.

    Parameters
    ----------
    text : str
        The whole file.
    where : str
        Name of the file or dataset, used in error messages.

    Returns
    -------
    X : pandas.DataFrame
        Nominal attributes as ``category`` with the declared values in the
        declared order; numeric ones as ``float64``. Column names are the
        attribute names, made unique.
    labels : pandas.Series of str
        The class value of every row, as written.
    header : KeelHeader

    Raises
    ------
    ValueError
        If the text is malformed, a value is missing, a numeric value does
        not parse, or a nominal value is not among the declared ones.
    """
    buffer = io.StringIO(text)
    header = read_header(buffer, where)
    X, labels = read_rows(buffer.read(), header, where)
    return X, labels, header


def read_rows(text, header, where="KEEL file"):
    """Parse the rows after ``@data`` as described by ``header``.

    Returns
    -------
    X : pandas.DataFrame
    labels : pandas.Series of str
    """
    raw = read_data(text, header.attributes, where)
    columns = [
        _to_category(raw[i], attribute, where) if attribute.is_nominal else raw[i]
        for i, attribute in enumerate(header.attributes)
    ]
    labels = columns.pop(header.target).astype(str).rename(None)
    X = pd.concat(columns, axis=1)
    X.columns = unique_names([a.name for a in header.features])
    return X, labels


# Spaces and tabs before a comma or a line end (KEEL writes "a, b , c ");
# those after a comma are skipped by read_csv's ``skipinitialspace``.
_TRAILING_SPACE = re.compile(r"[ \t]+(?=,|\r?\n|$)")


def read_data(text, attributes, where="KEEL file"):
    """Read the comma-separated rows after ``@data``.

    Returns a DataFrame with columns ``0 .. len(attributes) - 1``: numeric
    attributes as ``float64``, nominal ones as stripped strings.
    """
    text = _TRAILING_SPACE.sub("", text)
    numeric = {i: np.float64 for i, a in enumerate(attributes) if not a.is_nominal}
    try:
        raw = _read_rows(text, dtype={**dict.fromkeys(range(len(attributes)), str), **numeric})
    except pd.errors.ParserError as error:
        raise ValueError(f"{where}: cannot read the data rows ({str(error).strip()}).") from error
    except ValueError:
        # A numeric column failed to parse: read it as text to say which.
        raw = _read_rows(text, dtype=str)
        _raise_non_numeric(raw, attributes, numeric, where)
        raise
    if raw.empty:
        raise ValueError(f"{where}: no data rows.")
    if raw.shape[1] != len(attributes):
        raise ValueError(
            f"{where}: data rows have {raw.shape[1]} fields but the header declares "
            f"{len(attributes)} attributes."
        )
    check_no_missing(raw, [a.name for a in attributes], where)
    return raw


def _read_rows(text, dtype):
    try:
        # No ``names=``: with them pandas silently re-reads rows that have
        # extra fields; without them a row with extra fields is an error.
        return pd.read_csv(
            io.StringIO(text),
            header=None,
            dtype=dtype,
            na_values=list(MISSING_MARKERS),
            keep_default_na=False,
            skipinitialspace=True,
            skip_blank_lines=True,
        )
    except pd.errors.EmptyDataError:
        return pd.DataFrame()


def _raise_non_numeric(raw, attributes, numeric, where):
    for i in numeric:
        if i not in raw:
            continue
        parsed = pd.to_numeric(raw[i], errors="coerce")
        bad = parsed.isna() & raw[i].notna()
        if bad.any():
            examples = sorted(set(raw[i][bad]))[:5]
            raise ValueError(
                f"{where}: numeric attribute {attributes[i].name!r} has non-numeric "
                f"values {examples!r}."
            )


def check_no_missing(raw, names, where):
    """Raise a ValueError naming the columns that hold missing values."""
    counts = raw.isna().sum(axis=0)
    if counts.any():
        found = {names[i]: int(n) for i, n in counts.items() if n}
        raise ValueError(
            f"{where}: missing values ('?', '<null>', empty or absent fields) in "
            f"columns {found} (column: count). imbdiff does not impute; remove or "
            "impute them first."
        )


def _to_category(values, attribute, where):
    converted = pd.Series(
        pd.Categorical(values, categories=list(attribute.categories)),
        index=values.index,
        name=values.name,
    )
    unknown = converted.isna()
    if unknown.any():
        examples = sorted(set(values[unknown]))[:5]
        raise ValueError(
            f"{where}: nominal attribute {attribute.name!r} has values {examples!r} "
            f"not among its declared values {list(attribute.categories)!r}."
        )
    return converted


def unique_names(names):
    """Return the names as strings, suffixing repeats with ``.1``, ``.2``, ..."""
    seen, result = set(), []
    for name in map(str, names):
        candidate, k = name, 0
        while candidate in seen:
            k += 1
            candidate = f"{name}.{k}"
        seen.add(candidate)
        result.append(candidate)
    return result


def minority_label(labels, classes, where="KEEL file"):
    """Return the class value that is the minority class: the rarer one.

    KEEL names the classes of its imbalanced sets ``positive`` (the minority)
    and ``negative``, but in a few sets (``ecoli-0_vs_1``: 143 positive of
    220) ``positive`` is the larger class; ``y == 1`` must be the minority,
    so the counts decide. A tie goes to ``positive`` when there is one.

    Parameters
    ----------
    labels : pandas.Series of str
        Class value of every row.
    classes : sequence of two str
        The two declared class values.
    where : str
        Name used in error messages.
    """
    if len(classes) != 2:
        raise ValueError(f"{where}: the class has {len(classes)} values, not 2.")
    counts = labels.value_counts().reindex(list(classes), fill_value=0)
    if counts.iloc[0] != counts.iloc[1]:
        return counts.idxmin()
    lowered = [c.lower() for c in classes]
    if "positive" in lowered:
        return classes[lowered.index("positive")]
    raise ValueError(f"{where}: both classes have {counts.iloc[0]} rows; no minority class.")


def binarize(labels, classes, where="KEEL file"):
    """Code the minority class as 1 and the other class as 0.

    Returns
    -------
    y : ndarray of int64
    minority : str
        The class value coded as 1.
    """
    unexpected = sorted(set(labels) - set(classes))
    if unexpected:
        raise ValueError(f"{where}: class values {unexpected!r} not in {list(classes)!r}.")
    minority = minority_label(labels, classes, where)
    y = (labels.to_numpy() == minority).astype(np.int64)
    if y.all() or not y.any():
        raise ValueError(f"{where}: only one class is present.")
    return y, minority
