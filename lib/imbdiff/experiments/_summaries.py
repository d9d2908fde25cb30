"""Small tables computed from the rows cells generated, kept per cell in the results store.

The distances' other readings, Figure 5's synthetic types and the scorecard read every
split's generated rows, but only through a few numbers per cell. Storing those numbers
instead of the rows keeps the store small (spambase's rows alone were 9.6 MB) and a
fresh clone reads them at once; a cell's part is recomputed only when the cell or the
summarising code changed, and a subset of datasets reads the parts it needs.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ._keys import method_digests, modules_digest
from ._results import split_id
from ._runner import run
from ._store import (
    GRID_VARIABLE, PROFILE_FOLDERS, REFRESH_COMMAND, SUMMARIES_DIR, SUMMARY_COLUMNS, Store,
    cell_id, on_stale, results_store, unavailable, write_compressed,
)

__all__ = ["summarise_rows"]


def summarise_rows(summarise, cells, *, store=None, grid=None, **run_options) -> pd.DataFrame:
    """``summarise(result)`` of every cell, each cell's part read from the results store
    when it holds one computed by the current code.

    Only the cells whose part is missing are run with their generated rows (from the
    store, the cache, or computed); their rows are never written to the store, their
    parts are (when the store is writable). A stored part whose cell or summarising
    code changed is stale and handled as a stale cell is (``$IMBDIFF_STALE``).

    Parameters
    ----------
    summarise : callable
        ``summarise(result) -> list of dict``: the rows of one :class:`Result` with its
        generated rows; an empty list for a cell with nothing to summarise. It must be
        a module-level function: its module's code (:func:`~._keys.modules_digest`)
        keys the stored parts, together with each cell's code digest.
    cells : sequence of Experiment
    store : Store or False, optional
        Default :func:`~._store.results_store`.
    grid : str, optional
        Decides the profile folder the parts go to (default ``$IMBDIFF_GRID``).
    **run_options
        Passed to :func:`~._runner.run` (``n_jobs``, ``backend``, ``cache``, ...).

    Returns
    -------
    DataFrame
        ``generator`` (the cell's label), ``dataset``, ``split`` and the columns of
        ``summarise``'s rows: every cell's rows, in the order of ``cells``.
    """
    cells = list(cells)
    store = results_store() if store is None else (store or None)
    if store is None:
        return _frame(cells, _computed(summarise, cells, False, run_options)[0])
    digests = method_digests(cell.method for cell in cells)
    code = modules_digest([summarise.__module__])
    path = _path(store, summarise, grid)
    stored = _read(str(path), path.stat().st_mtime_ns) if path.is_file() else {}
    parts, missing, stale = {}, [], []
    for cell in cells:
        name = cell_id(cell)
        row = stored.get(name)
        if row is not None and row["digest"] == digests[cell.method] and row["code"] == code:
            parts[name] = json.loads(row["part"])
            continue
        missing.append(cell)
        if row is not None:
            stale.append(f"{cell.method} on {cell.dataset}")
    if stale:
        _stale(path, stale, store)
    if missing:
        computed, absent = _computed(summarise, missing, Store(store.folder), run_options)
        parts.update(computed)
        kept = {cell: part for cell, part in computed.items() if cell not in absent}
        if store.writable and kept:  # a dataset that cannot be had here may come later
            _write(path, stored, kept, {cell_id(c): digests[c.method] for c in missing}, code)
    return _frame(cells, parts)


def _computed(summarise, cells, store, run_options) -> tuple[dict, set]:
    """Each cell's part, and the cells whose dataset cannot be had here."""
    # a read-only view: the rows are read where stored, never written
    results = run(cells, generated_rows=True, store=store, **{"progress": False, **run_options})
    parts = {cell_id(cell): _part(summarise, result) for cell, result in zip(cells, results)}
    absent = {cell_id(cell) for cell, result in zip(cells, results) if unavailable(result)}
    return parts, absent


def _part(summarise, result) -> list:
    # a summariser sees only successful results with their rows
    if not result.ok or result.generated is None:
        return []
    return [dict(row) for row in summarise(result)]


def _frame(cells, parts) -> pd.DataFrame:
    rows = [
        {"generator": cell.name, "dataset": cell.dataset, "split": split_id(cell), **row}
        for cell in cells for row in parts[cell_id(cell)]
    ]
    return pd.DataFrame(rows, columns=["generator", "dataset", "split"] if not rows else None)


def _path(store, summarise, grid) -> Path:
    grid = grid or os.environ.get(GRID_VARIABLE) or ""
    profile = grid.split("/")[0] if grid.split("/")[0] in PROFILE_FOLDERS else ""
    return store.folder / profile / SUMMARIES_DIR / f"{summarise.__name__}.csv.gz"


def _stale(path, cells, store) -> None:
    listed = f"{', '.join(sorted(cells)[:6])}{' ...' if len(cells) > 6 else ''}"
    on_stale(f"{len(cells)} stored parts of {path.name} were computed by other code than "
             f"this package's ({listed})", store)


@lru_cache(maxsize=8)
def _read(path, mtime) -> dict:  # pylint: disable=unused-argument
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise ValueError(f"the stored summaries {path} cannot be read ({exc}); restore the "
                         f"file from git or delete it and run {REFRESH_COMMAND}") from exc
    if list(frame.columns) != SUMMARY_COLUMNS:
        raise ValueError(f"the stored summaries {path} have the columns {list(frame.columns)}, "
                         f"not {SUMMARY_COLUMNS}; restore the file from git or delete it and run "
                         f"{REFRESH_COMMAND}")
    return {row["cell"]: row for row in frame.to_dict("records")}


def _write(path, stored, computed, digests, code) -> None:
    rows = dict(stored)
    for cell, part in computed.items():
        rows[cell] = {"cell": cell, "digest": digests[cell], "code": code,
                      "part": json.dumps(part, default=_plain)}
    write_compressed(path, pd.DataFrame(list(rows.values()), columns=SUMMARY_COLUMNS).sort_values("cell"))


def _plain(value):
    return value.item()  # numpy scalars: json takes Python numbers
