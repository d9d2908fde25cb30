"""One module per chapter: a chapter takes its tables and figures from its own module of
its paper's package, and its paper's entry points; nothing else of the package.

From a chapter's name to the code behind it is then one step (``<paper>.CHAPTERS``, the
map on the API page), and a chapter module exports only what its chapter shows.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import jupytext
import pytest

NOTEBOOKS = Path(__file__).parents[1] / "notebooks"
PAPERS = ("lreddpm", "isodf_enn", "beyond")
CHAPTERS = [(paper, path) for paper in PAPERS for path in sorted((NOTEBOOKS / paper).glob("*.md"))]


def chapter_code(path: Path) -> str:
    cells = jupytext.read(path).cells
    return "\n".join(c.source for c in cells if c.cell_type == "code"
                     and not c.source.lstrip().startswith("%"))


def foreign_names(code: str, paper: str, own: str, entry: set[str]) -> list[str]:
    """What the code takes from the paper's package beyond its entry points and ``own``."""
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id == paper and node.attr != own and node.attr not in entry:
            found.append(f"{paper}.{node.attr}")
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(f"imbdiff.{paper}"):
            module = node.module.split(".")[2:]
            if module and module != [own]:
                found.append(node.module)
            if not module:
                found += [f"{paper}.{a.name}" for a in node.names if a.name not in entry]
    return found


def test_every_chapter_has_one_module_and_every_module_a_chapter():
    for paper in PAPERS:
        package = importlib.import_module(f"imbdiff.{paper}")
        stems = {p.stem for p in (NOTEBOOKS / paper).glob("*.md")}
        assert set(package.CHAPTERS) == stems, paper
        modules = [m.__name__ for m in package.CHAPTERS.values()]
        assert len(set(modules)) == len(modules), f"{paper}: two chapters share a module"
        assert all(m.rpartition(".")[2] in package.__all__ for m in modules)


@pytest.mark.parametrize("paper, path", CHAPTERS, ids=[f"{p}/{c.stem}" for p, c in CHAPTERS])
def test_a_chapter_takes_only_its_module_and_its_papers_entry_points(paper, path):
    package = importlib.import_module(f"imbdiff.{paper}")
    module = package.CHAPTERS[path.stem]
    entry = set(package.__all__) - {m.__name__.rpartition(".")[2] for m in package.CHAPTERS.values()}
    own = module.__name__.rpartition(".")[2]
    assert foreign_names(chapter_code(path), paper, own, entry) == []
    # and the module exports nothing its chapter does not show or name
    text = path.read_text(encoding="utf-8")
    unused = [n for n in module.__all__ if not re.search(rf"\b{own}\.{n}\b|\b{n}\b", text)]
    assert unused == [], f"{module.__name__} exports names {path.name} never uses"


def test_the_check_names_a_chapter_reaching_into_another_chapters_module():
    entry = {"lreddpm_grid", "CLAIMS"}
    code = ("from imbdiff.lreddpm import lreddpm_grid\n"
            "from imbdiff.lreddpm.tau import tau_table\n"
            "from imbdiff.lreddpm import score_table\n"
            "lreddpm.auc.score_table(x)\nlreddpm.tsne.tsne_layout(x)\nlreddpm._scores.f(x)\n"
            "lreddpm.CLAIMS\n")
    assert sorted(foreign_names(code, "lreddpm", "auc", entry)) == [
        "imbdiff.lreddpm.tau", "lreddpm._scores", "lreddpm.score_table", "lreddpm.tsne"]
