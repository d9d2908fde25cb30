"""Shared fixtures: torch threads, and the smoke-built book (built once per session)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
#: Build only these chapters (e.g. "lreddpm/02_regions,isodf_enn/01_datasets") and the
#: front page: a quick local run. The build then cannot be held to -W, since the
#: pages link chapters that are left out; CI always builds every chapter.
SMOKE_CHAPTERS = "IMBDIFF_SMOKE_CHAPTERS"
#: An already rendered book (a folder holding ``book/``, e.g. ``_build/html`` after
#: ``make book``) for the browser test to open instead of building one.
BUILT_BOOK = "IMBDIFF_BUILT_BOOK"


# The suite reads the committed results store and never writes it, whatever the
# shell says; a test of the store's update mode sets its own store folder.
os.environ["IMBDIFF_RESULTS"] = "read"
os.environ["IMBDIFF_STALE"] = "recompute"
os.environ.pop("IMBDIFF_RESULTS_STORE", None)


@pytest.fixture(autouse=True)
def _restore_torch_threads():
    """The samplers pin torch to one thread while they run; undo any leak after a test."""
    torch = sys.modules.get("torch")
    before = torch.get_num_threads() if torch else None
    yield
    if before is not None:
        torch.set_num_threads(before)


def smoke_chapters():
    """The chapters named by IMBDIFF_SMOKE_CHAPTERS, or None for every chapter."""
    names = os.environ.get(SMOKE_CHAPTERS, "").replace(",", " ").split()
    return names or None


def _keep_only(toc_path, chapters):
    # A table of contents listing only the executed chapters and the plain pages.
    from imbdiff import book

    kept = {f"{book.OUTPUT_DIR}/{name.removesuffix('.md')}" for name in chapters}
    toc = yaml.safe_load(toc_path.read_text())
    for part in toc["parts"]:
        part["chapters"] = [
            entry for entry in part["chapters"]
            if entry["file"] in kept or (ROOT / f"{entry['file']}.md").is_file()
        ]
    toc["parts"] = [part for part in toc["parts"] if part["chapters"]]
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False))


@pytest.fixture(scope="session")
def smoke_book(tmp_path_factory):
    """Every chapter executed with the smoke profile into a temporary copy of the book.

    The repository's own build products are never touched. Returns ``(staged, runs)``.
    """
    from imbdiff import book

    # The chapters' experiment cache goes to a temporary folder (kernels inherit the
    # environment), shared by the smoke run and nbval's re-run.
    os.environ["IMBDIFF_EXPERIMENT_CACHE"] = str(tmp_path_factory.mktemp("experiments"))
    staged = tmp_path_factory.mktemp("book")
    for name in ("_config.yml", "_toc.yml", "references.bib"):
        shutil.copy(ROOT / name, staged / name)
    shutil.copytree(ROOT / "book", staged / "book", ignore=shutil.ignore_patterns("*.ipynb", "results"))
    # The chapters' sources, offered for download beside each page (imbdiff.book_html).
    shutil.copytree(ROOT / "notebooks", staged / "notebooks")
    selected = smoke_chapters()
    if selected:
        selected = [*selected, book.FRONT_PAGE]
        _keep_only(staged / "_toc.yml", selected)
    # Two chapters at a time, on the two cores CI has (the smoke profile's cost
    # chapter times nothing published).
    runs = book.run_notebooks(
        ROOT, selected=selected, profile="smoke", output_dir=staged / "book", log=print, jobs=2
    )
    return staged, runs


@pytest.fixture(scope="session")
def built_book(request):
    """The smoke book rendered once by jupyter-book: ``(html_dir, completed_process)``.

    With IMBDIFF_BUILT_BOOK set, that folder instead, and no process (None).
    """
    if os.environ.get(BUILT_BOOK):
        return Path(os.environ[BUILT_BOOK]), None
    staged, _ = request.getfixturevalue("smoke_book")
    strict = ["-W"] if smoke_chapters() is None else []
    result = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(staged),
         *strict, "--keep-going"],
        capture_output=True, text=True,
    )
    return staged / "_build" / "html", result
