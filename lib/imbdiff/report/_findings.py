"""Each chapter's closing "What we found": its finding in words, from computed values.

A chapter ends with a few sentences whose numbers are the ones it computed, with the
paper's value beside ours where it has one and the profile (and number of splits) they
came from. :func:`found_text` writes them; :func:`what_we_found` wraps them for a
notebook cell. Nothing is typed in by hand: the claims' verdicts come from
:func:`imbdiff.claims.check`, every other number from the chapter's own cells.
"""

from __future__ import annotations

from numbers import Integral, Real

import pandas as pd

__all__ = [
    "FOUND_VERDICTS",
    "format_value",
    "found_text",
    "interval_text",
    "what_we_found",
]

#: The verdicts in the order the sentences give them, each with its sentence label.
FOUND_VERDICTS = {
    "reproduced": "Reproduced",
    "partly": "Partly reproduced",
    "not reproduced": "Not reproduced",
    "inconclusive": "Inconclusive",
    "not run": "Not run",
}

_CLAIM_COLUMNS = (
    "claim", "where", "paper", "ours", "ci_low", "ci_high", "verdict", "note",
)


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_value(value, digits: int = 2) -> str:
    """A computed value as the sentences show it.

    Parameters
    ----------
    value : str, int, float or None
        Strings are shown as they are, integers in full, other numbers with
        ``digits`` decimals; ``None`` and NaN are "n/a".
    digits : int, default=2
        Decimals of a non-integer number.

    Returns
    -------
    str

    Examples
    --------
    >>> format_value(0.8333), format_value(7), format_value(float("nan"))
    ('0.83', '7', 'n/a')
    """
    if isinstance(value, str):
        return value
    if _missing(value):
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        return f"{float(value):.{digits}f}"
    return str(value)


def interval_text(low, high, digits: int = 2) -> str:
    """``"95 % interval [low, high]"``, or ``"no interval"`` when a bound is missing.

    Examples
    --------
    >>> interval_text(0.5, 0.75)
    '95 % interval [0.50, 0.75]'
    >>> interval_text(float("nan"), 1.0)
    'no interval'
    """
    if _missing(low) or _missing(high):
        return "no interval"
    return f"95 % interval [{float(low):.{digits}f}, {float(high):.{digits}f}]"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _and(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _provenance(profile, splits, datasets) -> str:
    name = getattr(profile, "name", profile)
    if not isinstance(name, str) or not name:
        raise ValueError(f"profile must be a profile or its name; got {profile!r}")
    if splits is None:
        splits = getattr(profile, "splits", None)
    parts = []
    if splits is not None:
        if isinstance(splits, bool) or not isinstance(splits, Integral) or splits < 0:
            raise ValueError(f"splits must be a non-negative integer; got {splits!r}")
        parts.append(_plural(int(splits), "split"))
    if datasets is not None:
        if isinstance(datasets, Integral) and not isinstance(datasets, bool):
            parts.append(_plural(int(datasets), "dataset"))
        else:
            names = [str(d) for d in datasets]
            if 0 < len(names) <= 3:
                parts.append(_and(names))
            else:
                parts.append(_plural(len(names), "dataset"))
    inside = f" ({', '.join(parts)})" if parts else ""
    return f"the `{name}` profile{inside}"


def _claim_item(row, digits) -> str:
    head = f"*{row['claim']}* ({row['where']})"
    if row["verdict"] == "not run":
        note = "" if _missing(row["note"]) else str(row["note"])
        return f"{head}: {note}" if note else head
    paper, ours = format_value(row["paper"], digits), format_value(row["ours"], digits)
    interval = interval_text(row["ci_low"], row["ci_high"], digits)
    return f"{head}: paper {paper}, ours {ours}, {interval}"


def _claim_sentences(verdicts: pd.DataFrame, where: str, digits: int) -> list[str]:
    missing = [c for c in _CLAIM_COLUMNS if c not in verdicts.columns]
    if missing:
        raise ValueError(
            f"verdicts lack the columns {missing}; pass claims.check's table"
        )
    unknown = set(verdicts["verdict"]) - set(FOUND_VERDICTS)
    if unknown:
        raise ValueError(
            f"unknown verdicts {sorted(unknown)}; known: {list(FOUND_VERDICTS)}"
        )
    if verdicts.empty:
        return [f"With {where}, this chapter tests no claim of the paper."]
    counts = verdicts["verdict"].value_counts()
    tally = _and(f"{counts[v]} {v}" for v in FOUND_VERDICTS if v in counts)
    claims = _plural(len(verdicts), "claim")
    sentences = [f"With {where}, this chapter tests {claims} of the paper: {tally}."]
    if "tally" in verdicts.columns:
        apart = int((verdicts["tally"].astype(str).str.lower() == "false").sum())
        if apart:
            verb = "is a design statement" if apart == 1 else "are design statements"
            sentences.append(
                f"{apart} of them {verb} or mathematics: checked, but not counted in "
                "the paper's tally."
            )
    for verdict, label in FOUND_VERDICTS.items():
        rows = verdicts[verdicts["verdict"] == verdict]
        if len(rows):
            items = "; ".join(_claim_item(row, digits) for _, row in rows.iterrows())
            sentences.append(f"**{label}**: {items}.")
    return sentences


def _measure_sentence(measure, digits) -> str:
    if isinstance(measure, str) or not 2 <= len(measure) <= 3:
        raise ValueError(
            f"each measure is (label, ours) or (label, paper, ours); got {measure!r}"
        )
    label, *values = measure
    ours = format_value(values[-1], digits)
    if len(values) == 1:
        return f"{label}: {ours}."
    return f"{label}: paper {format_value(values[0], digits)}, ours {ours}."


def found_text(verdicts=None, *, profile, splits=None, datasets=None, measures=(),
               digits: int = 2) -> str:
    """The sentences of a chapter's "What we found", as Markdown text.

    Parameters
    ----------
    verdicts : DataFrame, optional
        :func:`imbdiff.claims.check`'s table for the chapter (the columns ``claim,
        where, paper, ours, ci_low, ci_high, verdict, note`` are read). One sentence
        gives the number of claims per verdict, then one sentence per verdict lists
        its claims with the paper's value, ours and our 95 % interval; a claim that
        was not run gives the checker's note instead.
    profile : imbdiff.profiles.Profile or str
        The profile the numbers came from.
    splits : int, optional
        How many splits (or repetitions) the numbers rest on; default the profile's
        ``splits`` (none is named when ``profile`` is a bare name).
    datasets : int or sequence of str, optional
        The datasets run: their number, or up to three names spelled out.
    measures : sequence of tuple, optional
        Further computed values, one sentence each: ``(label, ours)`` gives
        "label: ours.", ``(label, paper, ours)`` gives "label: paper P, ours O.".
        Values go through :func:`format_value`.
    digits : int, default=2
        Decimals of the numbers that are not integers.

    Returns
    -------
    str
        The sentences, separated by spaces (one Markdown paragraph).

    Raises
    ------
    ValueError
        If ``verdicts`` lacks a column or holds an unknown verdict, a measure is not
        a pair or a triple, or ``profile`` or ``splits`` is not valid.

    Examples
    --------
    >>> found_text(profile="smoke", splits=2, measures=[("Rows that match", "3 of 4")])
    'These numbers come from the `smoke` profile (2 splits). Rows that match: 3 of 4.'
    """
    where = _provenance(profile, splits, datasets)
    if verdicts is None:
        sentences = [f"These numbers come from {where}."]
    else:
        sentences = _claim_sentences(verdicts, where, digits)
    sentences += [_measure_sentence(m, digits) for m in measures]
    return " ".join(sentences)


def what_we_found(verdicts=None, *, profile, splits=None, datasets=None, measures=(),
                  digits: int = 2):
    """A chapter's "What we found", ready to display in a notebook cell.

    The parameters are those of :func:`found_text`; put the call in a cell tagged
    ``remove-input`` under the chapter's ``## What we found`` heading.

    Returns
    -------
    IPython.display.Markdown

    Examples
    --------
    >>> what_we_found(verdicts, profile=settings)  # doctest: +SKIP
    """
    from IPython.display import Markdown

    return Markdown(
        found_text(verdicts, profile=profile, splits=splits, datasets=datasets,
                   measures=measures, digits=digits)
    )
