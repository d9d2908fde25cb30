"""The results store: the book's computed cells, committed with it in ``book/results``.

Computing the default profile takes hours on 2 cores, so every cell the chapters run is
kept beside the book: one compressed CSV file per *grid* (the chapter that asked for
the cells, ``book/results/lreddpm/06_auc.csv.gz``), one row per cell, sorted by the
cell's name so that a recomputation diffs line by line. A row holds the cell's key, the
digest of the code that computed it (:func:`~._keys.method_digest`), the package version
and the commit, the wall and CPU seconds it took, its counts, distances and scores. The
rows a hold-out cell generated are kept only for the chapters that plot them (the first
split's, for the t-SNE, the tau shifts and the compactness), in one compressed CSV per
dataset under ``generated/``; what chapters read from every split's rows is kept as
per-cell summaries under ``summaries/`` (:mod:`._summaries`), and other computed tables
under ``tables/`` (:func:`stored_frame`).

:func:`~._runner.run` looks a cell up here first, then in the local cache, then computes
it. A stored cell whose digest is not the code's is *stale*: the runner stops and names
it, or recomputes it, as ``$IMBDIFF_STALE`` says. ``make results`` runs the chapters with
``$IMBDIFF_RESULTS=update``: every cell a chapter asks for is written to its grid, first
as *pending* (no digest) and then with its result, so that an interrupted run shows what
is missing and resumes from the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .._validation import write_atomically
from ._cell import Result, no_scores
from ._splits import Holdout

__all__ = [
    "GRID_VARIABLE", "MODE_VARIABLE", "STALE_VARIABLE", "STORE_VARIABLE", "REFRESH_COMMAND",
    "StaleResults", "StaleResultsWarning", "Store", "cell_id", "on_stale", "results_store",
    "stale_policy",
    "store_summary", "stored_frame", "unavailable", "write_compressed",
]

#: Where the store is (default ``book/results`` under the working directory, which is
#: the repository root for ``make`` and for the chapters papermill runs).
STORE_VARIABLE = "IMBDIFF_RESULTS_STORE"
#: ``read`` (the default: use stored cells, write nothing), ``update`` (also write every
#: cell asked for: ``make results``) or ``off`` (ignore the store).
MODE_VARIABLE = "IMBDIFF_RESULTS"
#: What a stale stored cell does: ``recompute`` it (the default, with a warning naming
#: it) or ``stop`` with an error naming it (``make book``).
STALE_VARIABLE = "IMBDIFF_STALE"
#: The grid a run writes to in update mode (``imbdiff book run`` sets it per chapter).
GRID_VARIABLE = "IMBDIFF_GRID"
#: The command that refreshes stale or missing cells.
REFRESH_COMMAND = "make results"

MODES = ("read", "update", "off")
STALE_POLICIES = ("recompute", "stop")
GENERATED_DIR = "generated"
#: Folder of the per-cell summaries of generated rows (:func:`~._summaries.summarise_rows`).
SUMMARIES_DIR = "summaries"
#: A summary's row: the cell, its code digest, the summarising code's, and the part (JSON).
SUMMARY_COLUMNS = ["cell", "digest", "code", "part"]
#: Folder of the stored tables that are not cells (:func:`stored_frame`).
TABLES_DIR = "tables"
#: Profiles other than the default keep their cells in a folder of their own.
PROFILE_FOLDERS = ("smoke", "paper")
#: Which cells each grid asked for during a ``make results`` run (not committed).
LEDGER_DIR = ".asked"

#: One row per cell: identity and provenance first, then what it produced.
COLUMNS = [
    "cell", "dataset", "method", "split", "seed", "digest", "version", "commit",
    "wall_seconds", "cpu_seconds", "seconds", "n_train", "n_generated", "n_removed",
    "guiding_rows", "error", "distances", "scores", "key", "rows_kept",
]
#: Suffix of a grid's file: compressed (mtime 0, so the same rows give the same bytes);
#: ``git config diff.gzip.textconv "gzip -dc"`` shows its changes line by line.
GRID_SUFFIX = ".csv.gz"


class StaleResults(RuntimeError):
    """Stored cells whose code changed, under ``$IMBDIFF_STALE=stop``."""


class StaleResultsWarning(UserWarning):
    """Stored cells whose code changed are being recomputed (not written to the store)."""


def cell_id(experiment) -> str:
    """The stored name of a cell: a hash of its key (everything but its label)."""
    text = json.dumps(experiment.key(), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _choice(variable, allowed, default):
    value = os.environ.get(variable, "").strip().lower() or default
    if value not in allowed:
        raise ValueError(f"${variable}={value!r}; choose one of {list(allowed)}")
    return value


def stale_policy() -> str:
    """``$IMBDIFF_STALE``: ``"recompute"`` (default) or ``"stop"``."""
    return _choice(STALE_VARIABLE, STALE_POLICIES, "recompute")


def results_store(path=None):
    """The store ``run`` reads (and, in update mode, writes), or ``None`` when off.

    Parameters
    ----------
    path : path-like, optional
        Default ``$IMBDIFF_RESULTS_STORE``, else the repository's ``book/results``
        (found from the working directory upwards, then beside the package).
    """
    mode = _choice(MODE_VARIABLE, MODES, "read")
    if mode == "off":
        return None
    folder = Path(path or os.environ.get(STORE_VARIABLE) or _default_folder())
    return Store(folder.expanduser().resolve(), writable=mode == "update")


def _default_folder() -> Path:
    """``book/results`` of the repository: under the working directory or one of its
    parents (a chapter opened in ``notebooks/lreddpm/``), else beside this package's
    ``lib/`` (an editable install used from elsewhere)."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents, Path(__file__).resolve().parents[3]):
        if (folder / "book" / "results").is_dir():
            return folder / "book" / "results"
    return here / "book" / "results"


def _lookup(row):
    return Lookup(row, None if row is None else row["grid"])


@dataclass(frozen=True)
class Lookup:
    """Where a cell stands in the store: its row (or ``None``) and its grid."""

    row: dict | None
    grid: str | None

    def fresh(self, digest) -> bool:
        return self.row is not None and self.row["digest"] == digest

    def stale(self, digest) -> bool:
        return self.row is not None and bool(self.row["digest"]) and self.row["digest"] != digest


class Store:
    """The stored cells under ``folder``, one compressed CSV per grid.

    Parameters
    ----------
    folder : Path
    writable : bool
        Whether :meth:`record` may write (update mode).
    """

    def __init__(self, folder: Path, writable: bool = False):
        self.folder = Path(folder)
        self.writable = writable

    # -- reading -------------------------------------------------------------------
    def grid_files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.rglob(f"*{GRID_SUFFIX}")
                      if not {GENERATED_DIR, SUMMARIES_DIR, TABLES_DIR} & set(p.relative_to(self.folder).parts))

    def grid_name(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix().removesuffix(GRID_SUFFIX)

    def grid_path(self, grid: str) -> Path:
        return self.folder / f"{grid}{GRID_SUFFIX}"

    def table(self) -> pd.DataFrame:
        """Every stored row, with its ``grid``."""
        files = self.grid_files()
        stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
        return _read_tables(str(self.folder), stamp).copy()

    def lookup(self, experiments, digests) -> list[Lookup]:
        """For each experiment, its stored row: one computed by the current code
        (``digests``: method -> digest) first, then a stale one, then a pending one."""
        table = self.table()
        rows = {}
        if len(table):
            current = table["digest"] == table["method"].map(digests).fillna("?")
            rank = np.where(current, 0, np.where(table["digest"] == "", 2, 1))
            ordered = table.assign(rank=rank).sort_values(["rank", "grid"], kind="stable")
            for row in ordered.drop(columns="rank").to_dict("records"):
                rows.setdefault(row["cell"], row)
        return [_lookup(rows.get(cell_id(e))) for e in experiments]

    def keeps_rows(self, experiment, row) -> bool:
        """Whether the rows ``experiment`` generated are stored (none generated: yes)."""
        if not _generates(experiment, row):
            return True
        return row["rows_kept"] == "yes" and self._generated(experiment, row) is not None

    def result(self, experiment, row, generated_rows=False) -> Result:
        """The stored :class:`Result` of ``experiment`` (its row of :meth:`table`),
        with the rows it generated when ``generated_rows`` and they are stored."""
        scores = pd.DataFrame(json.loads(row["scores"]), columns=["classifier", "metric", "mean", "std"])
        if not len(scores):
            scores = no_scores()
        return Result(
            experiment,
            scores,
            generated=self._generated(experiment, row) if generated_rows else None,
            n_train=int(row["n_train"]),
            n_generated=int(row["n_generated"]),
            n_removed=int(row["n_removed"]),
            guiding_rows=int(row["guiding_rows"]),
            distances=json.loads(row["distances"]),
            seconds=float(row["seconds"]),
            error=row["error"] or None,
            wall_seconds=float(row["wall_seconds"]),
            cpu_seconds=float(row["cpu_seconds"]),
        )

    def _generated(self, experiment, row):
        if not _generates(experiment, row):
            return None
        path = self._generated_path(experiment.dataset, row.get("grid", ""))
        if not path.is_file():
            return None
        return _read_generated(str(path), path.stat().st_mtime_ns, experiment.dataset).get(row["cell"])

    def _generated_path(self, dataset, grid="") -> Path:
        # a profile's own folder (``paper/``) keeps its own generated rows
        profile = grid.split("/")[0] if grid.split("/")[0] in PROFILE_FOLDERS else ""
        return self.folder / profile / GENERATED_DIR / f"{dataset}.csv.gz"

    # -- writing -------------------------------------------------------------------
    def record(self, grid: str, experiments, results, digests, generated_rows=False) -> None:
        """Write ``grid``'s cells and note that ``grid`` asked for them.

        A computed cell is written with its result. A cell given without one (``None``)
        is copied from the grid that stores it with the current code (``digests``:
        method -> digest), provenance and all, or else written as pending. A grid
        thus holds every cell its chapter reads, whatever other grids hold. The rows
        a hold-out cell generated are kept too where ``generated_rows`` (one flag, or
        one per experiment) says so.
        """
        if not self.writable:
            raise RuntimeError(f"the results store is read-only; set ${MODE_VARIABLE}=update")
        path = self.grid_path(grid)
        rows = {row["cell"]: row for row in _read_grid(path)}
        lookups = self.lookup(experiments, digests) if None in results else [None] * len(results)
        if isinstance(generated_rows, bool):
            generated_rows = [generated_rows] * len(experiments)
        generated, asked = {}, []
        for experiment, result, lookup, rows_wanted in zip(experiments, results, lookups, generated_rows):
            cell = cell_id(experiment)
            if result is not None and unavailable(result):
                if not rows.get(cell, {}).get("digest", True):
                    del rows[cell]  # not a result, nor missing: the data may come later
                continue
            asked.append(cell)
            if result is not None:
                rows[cell] = _result_row(experiment, cell, result, digests[experiment.method])
                keep = rows_wanted and result.generated is not None and len(result.generated) > 0
                if keep and isinstance(experiment.split, Holdout):
                    generated.setdefault(experiment.dataset, {})[cell] = result.generated
                    rows[cell]["rows_kept"] = "yes"
            elif lookup.fresh(digests[experiment.method]):
                rows[cell] = {column: lookup.row[column] for column in COLUMNS}
                if not rows_wanted:
                    rows[cell]["rows_kept"] = ""
            else:
                rows.setdefault(cell, _pending_row(experiment, cell))
        self._write_grid(path, rows.values())
        for dataset, frames in generated.items():
            self._write_generated(dataset, frames, grid)
        ledger = self._ledger(grid)
        ledger.parent.mkdir(parents=True, exist_ok=True)
        with open(ledger, "a", encoding="utf-8") as handle:
            handle.writelines(f"{cell}\n" for cell in asked)

    def begin(self, grid: str) -> None:
        """Start a chapter's full run: forget which cells ``grid`` asked for."""
        self._ledger(grid).unlink(missing_ok=True)

    def prune(self, grid: str) -> int:
        """After a chapter's full run, drop the rows of ``grid`` it no longer asked
        for, and the generated rows no grid refers to; return the rows dropped."""
        ledger = self._ledger(grid)
        path = self.grid_path(grid)
        asked = set(ledger.read_text().split()) if ledger.is_file() else set()
        dropped = self._prune_tables(grid, asked)
        if not path.is_file():
            ledger.unlink(missing_ok=True)
            return dropped
        rows = _read_grid(path)
        kept = [row for row in rows if row["cell"] in asked]
        if kept:
            self._write_grid(path, kept)
        else:
            path.unlink()
        ledger.unlink(missing_ok=True)
        self._collect_generated()
        return dropped + len(rows) - len(kept)

    def note_table(self, grid, meta_path) -> None:
        """Note that ``grid`` read the stored table ``meta_path`` (kept by :meth:`prune`)."""
        grid = grid or os.environ.get(GRID_VARIABLE) or "other"
        ledger = self._ledger(grid)
        ledger.parent.mkdir(parents=True, exist_ok=True)
        with open(ledger, "a", encoding="utf-8") as handle:
            handle.write(f"{Path(meta_path).relative_to(self.folder).as_posix()}\n")

    def _prune_tables(self, grid, asked) -> int:
        folder = self.folder / TABLES_DIR / grid
        dropped = 0
        for meta_path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            if meta_path.relative_to(self.folder).as_posix() not in asked:
                meta_path.unlink()
                meta_path.with_suffix(".csv").unlink(missing_ok=True)
                dropped += 1
        return dropped

    def _ledger(self, grid: str) -> Path:
        return self.folder / LEDGER_DIR / f"{grid}.txt"

    def _write_grid(self, path, rows) -> None:
        frame = pd.DataFrame(list(rows), columns=COLUMNS).sort_values("cell")
        write_compressed(path, frame)

    def _collect_generated(self) -> None:
        """Drop the generated rows no grid keeps, and the summaries of cells no grid holds."""
        table = self.table()
        referenced = set(table.loc[table["rows_kept"] == "yes", "cell"])
        for path in sorted(self.folder.glob(f"**/{GENERATED_DIR}/*.csv.gz")):
            frame = _read_generated(str(path), path.stat().st_mtime_ns)
            if not frame["cell"].isin(referenced).all():
                self._write_generated_table(path, frame[frame["cell"].isin(referenced)])
        held = set(table["cell"])
        for path in sorted(self.folder.glob(f"**/{SUMMARIES_DIR}/*.csv.gz")):
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            if not frame["cell"].isin(held).all():
                write_compressed(path, frame[frame["cell"].isin(held)])

    def _write_generated(self, dataset, frames, grid) -> None:
        path = self._generated_path(dataset, grid)
        parts = []
        if path.is_file():
            old = _read_generated(str(path), path.stat().st_mtime_ns)
            parts.append(old[~old["cell"].isin(frames)])
        for cell, frame in frames.items():
            parts.append(frame.assign(cell=cell)[["cell", *frame.columns]])
        self._write_generated_table(path, pd.concat(parts, ignore_index=True))

    @staticmethod
    def _write_generated_table(path, table) -> None:
        write_compressed(path, table.sort_values("cell", kind="stable"))


def unavailable(result) -> bool:
    """Whether ``result`` failed only because its dataset cannot be had here (it is
    not stored: the data may come later)."""
    return (result.error or "").startswith("dataset unavailable")


def write_compressed(path, frame) -> None:
    """Write a CSV atomically, gzipped with mtime 0: the same rows give the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    frame.to_csv(temporary, index=False, lineterminator="\n",
                 compression={"method": "gzip", "mtime": 0})
    os.replace(temporary, path)


def _generates(experiment, row) -> bool:
    """Whether a stored cell generated rows that a chapter may read (hold-out only)."""
    return bool(int(row["n_generated"])) and isinstance(experiment.split, Holdout) and not row["error"]


def _pending_row(experiment, cell) -> dict:
    row = dict.fromkeys(COLUMNS, "")
    row.update(_identity(experiment, cell))
    return row


def _identity(experiment, cell) -> dict:
    from ._results import split_id

    return {
        "cell": cell,
        "dataset": experiment.dataset,
        "method": experiment.method,
        "split": split_id(experiment),
        "seed": experiment.seed,
        "key": json.dumps(experiment.key(), sort_keys=True, default=str),
    }


def _result_row(experiment, cell, result, digest) -> dict:
    scores = result.scores[["classifier", "metric", "mean", "std"]]
    return {
        **_identity(experiment, cell),
        "digest": digest,
        "version": _version(),
        "commit": _commit(),
        "wall_seconds": round(float(result.wall_seconds), 3),
        "cpu_seconds": round(float(result.cpu_seconds), 3),
        "seconds": float(result.seconds),
        "n_train": int(result.n_train),
        "n_generated": int(result.n_generated),
        "n_removed": int(result.n_removed),
        "guiding_rows": int(result.guiding_rows),
        "error": result.error or "",
        "distances": json.dumps({k: float(v) for k, v in sorted(result.distances.items())}),
        "scores": json.dumps([[c, m, float(a), float(s)] for c, m, a, s in scores.itertuples(index=False)]),
        "rows_kept": "",
    }


@lru_cache(maxsize=1)
def _commit() -> str:
    """The repository's commit, ``+`` when the package's code differs from it."""
    package = Path(__file__).resolve().parents[1]
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=package,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "."], cwd=package,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+" if dirty else "")


def _read_grid(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return _parse_grid(path).to_dict("records")


def _parse_grid(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise ValueError(f"the results store's grid {path} cannot be read ({exc}); "
                         f"restore it from git or delete it and run {REFRESH_COMMAND}") from exc
    missing = set(COLUMNS) - set(frame.columns)
    if missing:
        raise ValueError(f"the results store's grid {path} lacks the columns {sorted(missing)}; "
                         f"restore it from git or delete it and run {REFRESH_COMMAND}")
    return frame[COLUMNS]


@lru_cache(maxsize=4)
def _read_tables(folder, stamp):
    parts = []
    for path, _, _ in stamp:
        frame = _parse_grid(Path(path))
        parts.append(frame.assign(grid=Path(path).relative_to(folder).as_posix().removesuffix(GRID_SUFFIX)))
    if not parts:
        return pd.DataFrame(columns=[*COLUMNS, "grid"])
    return pd.concat(parts, ignore_index=True)


@lru_cache(maxsize=16)
def _read_generated(path, mtime, dataset=None):  # pylint: disable=unused-argument
    """The generated rows of one dataset's file: cell -> rows with the dataset's dtypes
    (a bare table with its ``cell`` column when ``dataset`` is None)."""
    if dataset is None:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    from .. import datasets

    dtypes = datasets.load(dataset).X.dtypes
    # nominal values are read as text and numbers with an exact parser, then given
    # the dataset's own dtypes
    textual = {c: str for c, t in dtypes.items() if not pd.api.types.is_numeric_dtype(t)
               or pd.api.types.is_bool_dtype(t)}
    frame = pd.read_csv(path, dtype={"cell": str, **textual}, float_precision="round_trip")
    restored = _with_dtypes(frame.drop(columns="cell"), dtypes, path)
    return {cell: rows.reset_index(drop=True) for cell, rows in restored.groupby(frame["cell"], sort=False)}


def _with_dtypes(frame, dtypes, path):
    out = {}
    for column, dtype in dtypes.items():
        values = frame[column]
        if isinstance(dtype, pd.CategoricalDtype):
            if dtype.categories.dtype != object:
                values = values.astype(dtype.categories.dtype)
            converted = values.astype(dtype)
        elif pd.api.types.is_bool_dtype(dtype):
            converted = values.map({"True": True, "False": False}).astype(dtype)
        else:
            converted = values.astype(dtype)
        if converted.isna().sum() > values.isna().sum():
            raise ValueError(f"the stored generated rows in {path} do not fit the dataset's "
                             f"column {column!r}; restore the file from git or run {REFRESH_COMMAND}")
        out[column] = converted
    return pd.DataFrame(out)


def on_stale(message, store) -> None:
    """A stale stored result that is not a cell (``message`` names it): stop with an
    error naming the fix, or warn that it is recomputed, as ``$IMBDIFF_STALE`` says."""
    if stale_policy() == "stop":
        raise StaleResults(f"{message}. Refresh the store with `{REFRESH_COMMAND}`, or set "
                           f"{STALE_VARIABLE}=recompute to compute it locally.")
    if not store.writable:
        warnings.warn(f"{message}; recomputed here (not stored)", StaleResultsWarning, stacklevel=3)


def warn_stale(lookups, experiments) -> None:
    """Warn that stale stored cells are being recomputed."""
    warnings.warn(_stale_message(lookups, experiments, "are recomputed (not stored)"),
                  StaleResultsWarning, stacklevel=3)


def stale_error(lookups, experiments) -> StaleResults:
    return StaleResults(_stale_message(lookups, experiments, "were not recomputed")
                        + f" Refresh the store with `{REFRESH_COMMAND}`, or set "
                          f"{STALE_VARIABLE}=recompute to compute them locally.")


def _stale_message(lookups, experiments, outcome) -> str:
    by_grid = {}
    for lookup, experiment in zip(lookups, experiments):
        by_grid.setdefault(lookup.grid, set()).add(f"{experiment.method} on {experiment.dataset}")
    parts = [f"{grid}: {', '.join(sorted(cells)[:6])}{' ...' if len(cells) > 6 else ''}"
             for grid, cells in sorted(by_grid.items())]
    return (f"{len(lookups)} stored cells were computed by other code than this package's "
            f"and {outcome}; by grid: " + "; ".join(parts) + ".")


def status(store: Store) -> pd.DataFrame:
    """Per grid: cells stored and current, stale and missing, and what the missing
    and stale ones would cost, estimated from the stored times.

    A cell is *stale* when its digest is not the code's, *missing* when it is pending
    (asked for by an interrupted ``make results``). The cost of one is the median
    wall time of the stored cells of its method on its dataset, else of its method.
    """
    from ._keys import method_digests
    from ._methods import METHODS

    table = store.table()
    columns = ["grid", "stored", "stale", "missing", "estimated minutes"]
    if not len(table):
        return pd.DataFrame(columns=columns)
    known = [m for m in table["method"].unique() if m in METHODS]
    digests = method_digests(known)
    current = table["digest"] == table["method"].map(digests).fillna("?")
    pending = table["digest"] == ""
    table = table.assign(
        current=current, stale=~current & ~pending, pending=pending,
        wall=pd.to_numeric(table["wall_seconds"], errors="coerce"),
    )
    done = table[~table["pending"]]
    by_pair = done.groupby(["method", "dataset"])["wall"].median()
    by_method = done.groupby("method")["wall"].median()
    overall = float(done["wall"].median()) if len(done) else np.nan
    todo = table[table["stale"] | table["pending"]]
    cost = [
        by_pair.get((m, d), by_method.get(m, overall))
        for m, d in zip(todo["method"], todo["dataset"])
    ]
    todo = todo.assign(cost=cost)
    rows = []
    for grid, cells in table.groupby("grid"):
        rows.append({
            "grid": grid,
            "stored": int(cells["current"].sum()),
            "stale": int(cells["stale"].sum()),
            "missing": int(cells["pending"].sum()),
            "estimated minutes": round(float(todo.loc[todo["grid"] == grid, "cost"].sum()) / 60, 1),
        })
    return pd.DataFrame(rows, columns=columns)


def stored_frame(name, key, roots, compute, *, store=None, grid=None) -> pd.DataFrame:
    """A computed table kept in the results store, such as the cost chapter's
    measurements: ``compute()`` runs only when no copy computed by the current code
    is stored.

    The table is ``tables/<grid>/<name>-<hash of key>.csv`` with a ``.json`` beside it
    holding the key, ``roots`` and the code digest (:func:`~._keys.modules_digest` of
    them), the version, the commit, and the wall and CPU seconds the computation took. A
    stale copy is handled as a stale cell is (``$IMBDIFF_STALE``).

    Parameters
    ----------
    name : str
    key : dict
        Plain data: everything that determines the table.
    roots : list of str
        The modules that compute it.
    compute : callable
        Returns the DataFrame.
    store : Store or False, optional
        Default :func:`results_store`.
    grid : str, optional
        Where a writable store files it (default ``$IMBDIFF_GRID``).
    """
    import time

    from ._keys import modules_digest

    store = results_store() if store is None else (store or None)
    if store is None:
        return compute()
    digest = modules_digest(roots)
    text = json.dumps(key, sort_keys=True, default=str)
    stem = f"{name}-{hashlib.sha256(text.encode()).hexdigest()[:20]}"
    found = sorted((store.folder / TABLES_DIR).glob(f"**/{stem}.json")) if store.folder.is_dir() else []
    for meta_path in found:
        meta = json.loads(meta_path.read_text())
        if meta["digest"] == digest:
            try:
                frame = pd.read_csv(meta_path.with_suffix(".csv"), float_precision="round_trip")
            except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
                raise ValueError(f"the stored table {meta_path.with_suffix('.csv')} cannot be "
                                 f"read ({exc}); restore it from git or delete it and its "
                                 f".json and run {REFRESH_COMMAND}") from exc
            if store.writable:
                store.note_table(grid, meta_path)
            return frame
    if found:
        where = meta_path.relative_to(store.folder).parent.as_posix()
        message = (f"the stored table {stem} ({where}) was computed by other code than "
                   f"this package's")
        on_stale(message, store)
    wall, cpu = time.perf_counter(), time.process_time()
    frame = compute()
    if store.writable:
        grid = grid or os.environ.get(GRID_VARIABLE) or "other"
        meta_path = store.folder / TABLES_DIR / grid / f"{stem}.json"
        meta = {
            "key": key, "roots": sorted(roots), "digest": digest, "version": _version(),
            "commit": _commit(),
            "wall_seconds": round(time.perf_counter() - wall, 3),
            "cpu_seconds": round(time.process_time() - cpu, 3),
            "cores": os.cpu_count(),
        }
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(meta_path.with_suffix(".csv"), frame.to_csv(index=False, lineterminator="\n"))
        write_atomically(meta_path, json.dumps(meta, indent=1, sort_keys=True, default=str) + "\n")
        store.note_table(grid, meta_path)
    return frame


def _version() -> str:
    import imbdiff

    return imbdiff.__version__


def store_summary(store=None) -> pd.DataFrame:
    """Where the book's numbers come from: per profile, the cells the results store
    holds and misses, the commits that computed them, and their cost.

    Parameters
    ----------
    store : Store, optional
        Default: ``book/results`` (paper-profile cells live in its ``paper/`` folder).

    Returns
    -------
    DataFrame
        One row per profile stored, and always one for the default: ``profile,
        grids, cells, missing, commits, wall hours, CPU hours`` (the hours the stored
        cells took when they were computed).
    """
    store = store if store is not None else Store(_default_folder())
    table = store.table()
    columns = ["profile", "grids", "cells", "missing", "commits", "wall hours", "CPU hours"]
    first = table["grid"].str.split("/").str[0]
    table = table.assign(profile=np.where(first.isin(PROFILE_FOLDERS), first, "default"))
    # the default profile always has its row, empty or not
    rows = [] if "default" in set(table["profile"]) else [
        {"profile": "default", "grids": 0, "cells": 0, "missing": 0, "commits": "none",
         "wall hours": 0.0, "CPU hours": 0.0}
    ]
    for profile, cells in table.groupby("profile"):
        done = cells[cells["digest"] != ""].drop_duplicates("cell")
        rows.append({
            "profile": profile,
            "grids": cells["grid"].nunique(),
            "cells": len(done),
            "missing": int((cells["digest"] == "").sum()),
            "commits": ", ".join(sorted(set(done["commit"]))),
            "wall hours": round(pd.to_numeric(done["wall_seconds"]).sum() / 3600, 2),
            "CPU hours": round(pd.to_numeric(done["cpu_seconds"]).sum() / 3600, 2),
        })
    return pd.DataFrame(rows, columns=columns)
