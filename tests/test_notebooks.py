"""Every chapter runs with the smoke profile, the book builds with -W, and nbval agrees.

This is the slow end of the suite (about a minute per step on 2 cores): it executes the
real notebooks with the real package, as `make book` does, into a temporary copy of the
book so that the repository's own build products are never touched.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILT_BOOK, SMOKE_CHAPTERS, smoke_chapters

from imbdiff import book

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def test_every_notebook_source_has_a_parameters_cell_with_the_shared_names():
    import jupytext

    for source in book.find_sources(ROOT):
        notebook = jupytext.read(source)
        tagged = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
        assert len(tagged) == 1, source
        for name in ("profile", "datasets", "seed", "device"):
            assert f"{name} =" in tagged[0].source, (source, name)
        assert notebook.metadata["kernelspec"]["name"] == "python3", source


def test_every_notebook_is_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text()
    for source in book.find_sources(ROOT):
        entry = "book/" + str(source.relative_to(ROOT / "notebooks").with_suffix(""))
        assert f"file: {entry}\n" in toc or f"root: {entry}\n" in toc, entry


def test_smoke_profile_executes_every_notebook(smoke_book):
    staged, runs = smoke_book
    assert runs and all(run.status == "executed" for run in runs)
    for run in runs:
        assert run.output.is_file()


def test_book_builds_without_warnings(smoke_book, built_book):
    staged, _ = smoke_book
    html, result = built_book
    if smoke_chapters() or result is None:
        pytest.skip(f"{SMOKE_CHAPTERS} or {BUILT_BOOK} is set: no full smoke build here")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    for run in runs_of(staged):
        page = html / run.relative_to(staged).with_suffix(".html")
        assert page.is_file(), page
    regions = (html / "book" / "lreddpm" / "02_regions.html").read_text()
    assert "fig-region-shares" in regions and "<img" in regions
    assert "Napierala" in regions  # the bibliography resolved a citation


def runs_of(staged):
    return sorted((staged / "book").rglob("*.ipynb"))


def test_nbval_lax_reruns_the_executed_notebooks(smoke_book):
    staged, _ = smoke_book
    notebooks = list(map(str, runs_of(staged)))
    # two nbval processes, half the notebooks each: the two cores CI has
    halves = [notebooks[0::2], notebooks[1::2]]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "pytest", "--nbval-lax", "-q", "-p", "no:cacheprovider",
             *half],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=staged,
        )
        for half in halves if half
    ]
    for run in runs:
        output, _ = run.communicate()
        assert run.returncode == 0, output[-4000:]
        assert " passed" in output
