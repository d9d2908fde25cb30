"""Execute the book's notebooks: jupytext source -> papermill -> ``book/``.

The chapters live as jupytext MyST-markdown files under ``notebooks/``. papermill cannot
read those, so each one is converted in memory (:func:`jupytext.read`), executed with the
requested parameters, and written as an ``.ipynb`` at the same relative path under
``book/``, where jupyter-book renders it without executing anything again.

A notebook is skipped when its executed copy already carries the same *stamp*: a hash of
its source text, the parameters it was run with, the package's own code and its cells in
the results store, so that editing a chapter, changing a parameter, changing the
algorithms or refreshing the store reruns exactly the chapters concerned.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ._validation import write_atomically

__all__ = [
    "NotebookRun", "find_sources", "grid_name", "package_digest", "prepare_notebooks",
    "run_notebooks", "stamp", "stored_digest",
]

SOURCE_DIR = "notebooks"
#: The front page's source, relative to SOURCE_DIR (run after every chapter).
FRONT_PAGE = "intro.md"
OUTPUT_DIR = "book"
METADATA_KEY = "imbdiff"


@dataclass(frozen=True)
class NotebookRun:
    """What happened to one notebook: ``status`` is "executed" or "skipped"."""

    source: Path
    output: Path
    status: str
    seconds: float = 0.0


def find_sources(root: Path | str = ".", selected=None) -> list[Path]:
    """Return the notebook sources under ``root/notebooks``, in the order to run them.

    Sorted by path, except that the book's front page (``notebooks/intro.md``) comes
    last: it summarises the verdicts of every other chapter, so it runs once their
    cells are in the cache.

    Parameters
    ----------
    root : path-like
        The repository root.
    selected : iterable of str, optional
        Restrict to these notebooks, given as paths (``notebooks/lreddpm/02_regions.md``)
        or as names relative to ``notebooks/`` with or without suffix
        (``lreddpm/02_regions``).

    Raises
    ------
    FileNotFoundError
        If ``root`` has no ``notebooks`` folder or a selected notebook does not exist.
    """
    source_dir = Path(root) / SOURCE_DIR
    if not source_dir.is_dir():
        raise FileNotFoundError(f"no {SOURCE_DIR}/ folder under {Path(root).resolve()}")
    front = source_dir / FRONT_PAGE
    available = sorted(source_dir.rglob("*.md"), key=lambda path: (path == front, path))
    if not selected:
        return available
    chosen = []
    for name in selected:
        path = _resolve_source(Path(root), source_dir, name)
        if path not in available:
            listing = ", ".join(str(p.relative_to(source_dir)) for p in available)
            raise FileNotFoundError(f"no notebook {name!r}; available: {listing}")
        chosen.append(path)
    return chosen


def _resolve_source(root: Path, source_dir: Path, name: str) -> Path:
    # Accept a path from the shell as well as a short name like "lreddpm/02_regions".
    candidate = Path(name)
    for base in (Path.cwd(), root, source_dir):
        for path in (base / candidate, (base / candidate).with_suffix(".md")):
            if path.is_file() and path.resolve().is_relative_to(source_dir.resolve()):
                return source_dir / path.resolve().relative_to(source_dir.resolve())
    return source_dir / candidate.with_suffix(".md")


def code_digest(*, suffixes=(".py",), exclude=()) -> str:
    """sha256 of the package version and of its files, path by path.

    Parameters
    ----------
    suffixes : tuple of str, default=(".py",)
        File suffixes hashed.
    exclude : iterable of str
        Paths relative to the package folder left out: a file (``"stats.py"``) or,
        ending in ``/``, every file under a folder (``"claims/"``).

    Returns
    -------
    str
        Hex digest; it changes when a hashed file is edited, added, removed or moved.
    """
    import imbdiff

    package_dir = Path(imbdiff.__file__).parent
    files = tuple(item for item in exclude if not item.endswith("/"))
    folders = tuple(item for item in exclude if item.endswith("/"))
    digest = hashlib.sha256(imbdiff.__version__.encode())
    for path in sorted(package_dir.rglob("*")):
        relative = path.relative_to(package_dir).as_posix()
        if not path.is_file() or path.suffix not in suffixes or "__pycache__" in relative:
            continue
        if relative in files or relative.startswith(folders):
            continue
        digest.update(relative.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def package_digest() -> str:
    """Hash of the installed package's code and data (its effective version)."""
    return code_digest(suffixes=(".py", ".csv", ".json"))


def stamp(source: Path, parameters: dict, package: str | None = None, stored: str = "") -> str:
    """Hash of everything that determines an executed notebook: its source, its
    parameters, the package's code and its stored cells (:func:`stored_digest`)."""
    digest = hashlib.sha256(Path(source).read_bytes())
    digest.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    digest.update((package or package_digest()).encode())
    digest.update(stored.encode())
    return digest.hexdigest()


def stored_digest(root, source, profile) -> str:
    """Hash of a chapter's files in the results store (its grid and stored tables):
    a refreshed store executes the chapter again."""
    from .experiments._store import GRID_SUFFIX, PROFILE_FOLDERS, TABLES_DIR

    folder = Path(root) / OUTPUT_DIR / "results"
    if profile in PROFILE_FOLDERS:
        folder = folder / profile
    grid = grid_name(root, source)
    files = [folder / f"{grid}{GRID_SUFFIX}", *sorted((folder / TABLES_DIR / grid).glob("*"))]
    digest = hashlib.sha256()
    for path in files:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def run_notebooks(
    root: Path | str = ".",
    *,
    selected=None,
    profile: str = "default",
    parameters: dict | None = None,
    output_dir: Path | str | None = None,
    force: bool = False,
    kernel_name: str = "python3",
    log=print,
    jobs: int = 1,
) -> list[NotebookRun]:
    """Execute the selected notebooks (all by default) into ``output_dir``.

    Parameters
    ----------
    root : path-like
        The repository root (holding ``notebooks/``).
    selected : iterable of str, optional
        Notebooks to run; see :func:`find_sources`.
    profile : {"smoke", "default", "paper"}
        Passed to every notebook's ``profile`` parameter.
    parameters : dict, optional
        Further parameters for every notebook (papermill's ``-p``).
    output_dir : path-like, optional
        Where the executed ``.ipynb`` files go; ``root/book`` by default.
    force : bool
        Execute even when the stamp says the output is current. The front page
        (:data:`FRONT_PAGE`), which summarises the chapters' verdicts, runs again
        whenever a chapter ran.
    kernel_name : str
        The Jupyter kernel.
    log : callable
        Receives one progress line per notebook.
    jobs : int, default=1
        Chapters executed at once, each in a process of its own; the front page
        runs after them. More than one suits chapters whose cells are stored or
        cached: chapters that compute, or time, their work should run alone.

    Returns
    -------
    list of NotebookRun
        In the order of :func:`find_sources`.

    Raises
    ------
    RuntimeError
        If a notebook fails; the message names it and the failing cell's error. The
        previous executed copy, if any, is left untouched.
    """
    from imbdiff import profiles

    profiles.get(profile)  # fail early on an unknown profile name
    root = Path(root)
    output_dir = Path(output_dir) if output_dir is not None else root / OUTPUT_DIR
    all_parameters = {"profile": profile, **(parameters or {})}
    package = package_digest()
    front = root / SOURCE_DIR / FRONT_PAGE
    sources = find_sources(root, selected)
    runs = {}
    # The chapters first (``jobs`` at a time), then the front page, which summarises them.
    for batch in ([s for s in sources if s != front], [s for s in sources if s == front]):
        todo = []
        for source in batch:
            output = output_dir / source.relative_to(root / SOURCE_DIR).with_suffix(".ipynb")
            current = stamp(source, all_parameters, package, stored_digest(root, source, profile))
            summarises = source == front and any(r.status == "executed" for r in runs.values())
            if not force and not summarises and _stamp_of(output) == current:
                log(f"skip     {output.relative_to(output_dir)} (up to date)")
                runs[source] = NotebookRun(source, output, "skipped")
            else:
                todo.append((source, output, current))
        runs.update(_execute_all(todo, all_parameters, kernel_name, root, output_dir, jobs, log))
    if output_dir == root / OUTPUT_DIR:
        _stub_missing_chapters(root, output_dir, log)
    return [runs[source] for source in sources]


def _execute_all(todo, parameters, kernel_name, root, output_dir, jobs, log) -> dict:
    """Execute ``(source, output, stamp)`` triples, ``jobs`` at a time, in fresh
    processes when more than one (each kernel then gets its own chapter's grid)."""
    import concurrent.futures
    import multiprocessing

    def started(output):
        log(f"execute  {output.relative_to(output_dir)} with {parameters}")

    def finished(source, output, seconds):
        log(f"done     {output.relative_to(output_dir)} in {seconds:.1f} s")
        return source, NotebookRun(source, output, "executed", seconds)

    if jobs <= 1 or len(todo) <= 1:
        done = {}
        for source, output, current in todo:
            started(output)
            seconds = _execute(source, output, parameters, current, kernel_name, root)
            done.update([finished(source, output, seconds)])
        return done
    context = multiprocessing.get_context("spawn")  # no forked torch threads
    # Kernels side by side share the cores: torch's default of one thread per core in
    # each makes them wait on each other (a chapter that trains in view ran 5x slower).
    threads = str(max(1, (os.cpu_count() or 1) // jobs))
    with concurrent.futures.ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_limit_threads, initargs=(threads,)
    ) as pool:
        futures = {}
        for source, output, current in todo:
            started(output)
            futures[pool.submit(_execute, source, output, parameters, current, kernel_name, root)] = (
                source, output)
        done = {}
        try:
            for future in concurrent.futures.as_completed(futures):
                done.update([finished(*futures[future], future.result())])
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    return done


def _limit_threads(threads: str) -> None:
    """Give the kernels this worker starts ``threads`` threads each (torch, BLAS)."""
    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[variable] = threads


def _stub_missing_chapters(root: Path, output_dir: Path, log) -> None:
    """Give every chapter not executed in ``output_dir`` a page saying how to run it.

    ``jupyter-book build .`` needs a page for every entry of the table of contents:
    after ``imbdiff book run`` of one chapter the book then builds, the chapter in
    full and the others as one paragraph each. A stub carries no stamp, so the
    chapter's next run executes it.
    """
    import jupytext
    import nbformat

    for source in find_sources(root):
        relative = source.relative_to(root / SOURCE_DIR).with_suffix(".ipynb")
        output = output_dir / relative
        if output.is_file():
            continue
        notebook = jupytext.read(source)
        title = next(
            (line for cell in notebook.cells if cell.cell_type == "markdown"
             for line in cell.source.splitlines() if line.startswith("# ")),
            f"# {relative.stem}",
        )
        name = relative.with_suffix("").as_posix()
        text = (f"{title}\n\nThis chapter has not been run in this build. Run it with "
                f"`imbdiff book run {name}`, or every chapter with `make book`.")
        stub = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
        stub.metadata["kernelspec"] = notebook.metadata.get("kernelspec", {})
        stub.metadata[METADATA_KEY] = {"stub": True}
        write_atomically(output, nbformat.writes(stub))
        log(f"stub     {relative} (not run: a page that says how to run it)")


#: The repository the launch buttons and the Colab setup cell point at.
REPOSITORY = "https://github.com/imbdiff/imbdiff"
#: Tag of the setup cell :func:`prepare_notebooks` adds for Colab.
COLAB_TAG = "colab-setup"
#: First cell of a notebook opened on Colab: Colab ships torch, not imbdiff.
COLAB_SETUP = f"""\
# On Colab only: install imbdiff and its book extra (about a minute).
import sys

if "google.colab" in sys.modules:
    %pip install --quiet "imbdiff[book] @ git+{REPOSITORY}@main"
"""


def prepare_notebooks(
    root: Path | str = ".",
    *,
    selected=None,
    profile: str = "smoke",
    parameters: dict | None = None,
    output_dir: Path | str | None = None,
    kernel_name: str = "python3",
    colab: bool = False,
) -> list[Path]:
    """Write the selected notebooks as unexecuted ``.ipynb`` files, parameters set.

    Where a reader opens a chapter on its own (Binder's launch button, a download),
    the notebook should run as it stands: each source is converted and gets
    papermill's ``injected-parameters`` cell, as :func:`run_notebooks` would give
    it, without being executed.

    Parameters
    ----------
    root : path-like
        The repository root (holding ``notebooks/``).
    selected : iterable of str, optional
        Notebooks to write; see :func:`find_sources`.
    profile : {"smoke", "default", "paper"}
        The ``profile`` parameter; "smoke" runs a chapter in seconds.
    parameters : dict, optional
        Further parameters (papermill's ``-p``).
    output_dir : path-like, optional
        Where the ``.ipynb`` files go; ``root/book`` by default.
    kernel_name : str
        The Jupyter kernel named in the notebooks.
    colab : bool, default=False
        Open each notebook with :data:`COLAB_SETUP`, a cell that installs the package
        when the notebook runs on Colab (which has torch but not imbdiff) and does
        nothing elsewhere. The Pages workflow publishes these to the branch the
        launch buttons name.

    Returns
    -------
    list of pathlib.Path
        The notebooks written.
    """
    import jupytext
    import nbformat
    import papermill

    from imbdiff import profiles

    profiles.get(profile)  # fail early on an unknown profile name
    root = Path(root)
    output_dir = Path(output_dir) if output_dir is not None else root / OUTPUT_DIR
    written = []
    for source in find_sources(root, selected):
        output = output_dir / source.relative_to(root / SOURCE_DIR).with_suffix(".ipynb")
        notebook = jupytext.read(source)
        if colab:
            setup = nbformat.v4.new_code_cell(COLAB_SETUP, metadata={"tags": [COLAB_TAG]})
            notebook.cells.insert(0, setup)
        notebook = papermill.execute_notebook(
            notebook,
            None,
            parameters={"profile": profile, **(parameters or {})},
            prepare_only=True,
            kernel_name=kernel_name,
            progress_bar=False,
        )
        write_atomically(output, nbformat.writes(notebook))
        written.append(output)
    return written


def grid_name(root, source) -> str:
    """The results-store grid of a chapter: its name under ``notebooks/``."""
    source_dir = (Path(root) / SOURCE_DIR).resolve()
    return Path(source).resolve().relative_to(source_dir).with_suffix("").as_posix()


def _stamp_of(output: Path) -> str | None:
    if not output.is_file():
        return None
    try:
        metadata = json.loads(output.read_text())["metadata"]
        return metadata.get(METADATA_KEY, {}).get("stamp")
    except (ValueError, KeyError, TypeError):
        return None  # an unreadable copy is simply executed again


def _execute(source, output, parameters, current, kernel_name, root) -> float:
    import time

    import jupytext
    import nbformat
    import papermill

    from .experiments._store import GRID_VARIABLE

    notebook = jupytext.read(source)
    started = time.perf_counter()
    previous = os.environ.get(GRID_VARIABLE)
    # the kernel inherits this: a writable results store files the cells under the
    # chapter that asked for them
    os.environ[GRID_VARIABLE] = grid_name(root, source)
    try:
        executed = papermill.execute_notebook(
            notebook,
            None,
            parameters=parameters,
            kernel_name=kernel_name,
            progress_bar=False,
            cwd=str(root),
        )
    except papermill.PapermillExecutionError as error:
        raise RuntimeError(
            f"{source} failed in cell {error.exec_count}: {error.ename}: {error.evalue}"
        ) from error
    finally:
        if previous is None:
            os.environ.pop(GRID_VARIABLE, None)
        else:
            os.environ[GRID_VARIABLE] = previous
    seconds = time.perf_counter() - started
    executed.metadata[METADATA_KEY] = {
        "stamp": current,
        "parameters": parameters,
        "seconds": round(seconds, 1),
    }
    write_atomically(output, nbformat.writes(executed))
    return seconds
