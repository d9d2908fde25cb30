"""The package's layers: core, engine, one package per paper, the cross-paper studies.

Imports run one way only (a paper's package may import the engine and the core, the
engine the core, the core nothing above it), and no module or package imports itself
back through others. The graph is read from the source, imports inside functions
included (:func:`imbdiff.experiments._keys.import_graph`).
"""

from __future__ import annotations

import pytest

from imbdiff.experiments._keys import import_graph

#: Top-level part of the package -> its layer (higher layers may import lower ones).
LAYERS = {
    0: {"imbdiff", "regions", "diffusion", "cluster", "over_sampling", "combine", "metrics",
        "stats", "datasets", "base", "_validation", "_nn", "_optim", "_sampler_helpers",
        "_docstrings", "_encoding"},
    1: {"experiments", "claims", "report", "profiles", "paper", "book", "book_html", "book_shape",
        "cli"},
    2: {"lreddpm", "isodf_enn"},
    3: {"beyond"},
}
NAMES = {0: "core", 1: "engine", 2: "paper", 3: "studies across papers"}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _layer(part: str) -> int:
    for layer, parts in LAYERS.items():
        if part in parts:
            return layer
    raise AssertionError(f"imbdiff.{part} is in no layer: add it to LAYERS in {__name__}")


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected part of ``graph`` that has one."""
    found, state, stack = [], {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                found.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def _package_graph(graph):
    packages = {}
    for module, targets in graph.items():
        packages.setdefault(_part(module), set()).update(
            _part(t) for t in targets if _part(t) != _part(module))
    return packages


@pytest.fixture(scope="module")
def graph():
    return import_graph()


def test_every_part_of_the_package_has_a_layer(graph):
    for module in graph:
        _layer(_part(module))


def test_imports_run_from_higher_layers_to_lower_ones_only(graph):
    upward = sorted(
        f"{module} ({NAMES[_layer(_part(module))]}) imports {target} ({NAMES[_layer(_part(target))]})"
        for module, targets in graph.items() for target in targets
        if _layer(_part(target)) > _layer(_part(module))
    )
    assert not upward, "\n".join(upward)


def test_one_papers_package_never_imports_the_others(graph):
    across = sorted(
        f"{module} imports {target}" for module, targets in graph.items() for target in targets
        if _layer(_part(module)) == _layer(_part(target)) == 2 and _part(module) != _part(target)
    )
    assert not across, "\n".join(across)


def test_no_module_imports_itself_back(graph):
    assert not _cycles(graph)


def test_no_package_imports_itself_back(graph):
    cycles = _cycles(_package_graph(graph))
    assert not cycles, cycles


def test_the_cycle_finder_finds_a_planted_cycle_and_passes_a_chain():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_layer_check_names_an_upward_arrow(graph):
    planted = {**graph, "imbdiff.regions._types": graph["imbdiff.regions._types"] | {"imbdiff.lreddpm"}}
    with pytest.raises(AssertionError, match=r"regions\._types \(core\) imports imbdiff\.lreddpm \(paper\)"):
        test_imports_run_from_higher_layers_to_lower_ones_only(planted)


def test_the_api_page_lists_every_public_name_of_every_package_it_shows():
    import importlib
    import re
    from pathlib import Path

    page = (Path(__file__).parents[1] / "book" / "api.md").read_text(encoding="utf-8")
    sections = re.split(r"^#{3,4} `([\w.]+)`$", page, flags=re.M)[1:]
    shown = dict(zip(sections[::2], sections[1::2]))
    assert {"imbdiff.experiments", "imbdiff.claims", "imbdiff.lreddpm", "imbdiff.isodf_enn",
            "imbdiff.beyond"} <= set(shown)
    for package, text in shown.items():
        listed = set(re.findall(r"^   (\w+)$", text, re.M)) | {
            name.rpartition(".")[2] for name in re.findall(r"`([\w.]+)`", text)}
        # a submodule is listed by its own section (a chapter's module)
        listed |= {section.rpartition(".")[2] for section in shown
                   if section.startswith(f"{package}.")}
        public = set(importlib.import_module(package).__all__) - {"__version__"}
        assert public <= listed, (f"{package}: missing from book/api.md: {sorted(public - listed)}; "
                                  "regenerate it with `python .ci/make_api_page.py`")
        chapters = getattr(importlib.import_module(package), "CHAPTERS", {})
        assert {m.__name__ for m in chapters.values()} <= set(shown), (
            f"{package}: a chapter's module has no section of its own on book/api.md")
        # every part of the package is in a layer, and the page shows only real packages
        _layer(_part(package))


def _dangling_references(texts: dict[str, str]) -> list[str]:
    """The ``imbdiff.…`` names in backquotes (Sphinx roles, prose) that import nothing."""
    import re
    from pkgutil import resolve_name

    dangling = []
    for where, text in texts.items():
        for match in re.finditer(r"`~?(imbdiff(?:\.\w+)+)`", text):
            try:
                resolve_name(match.group(1))
            except (ImportError, AttributeError):
                line = text.count("\n", 0, match.start()) + 1
                dangling.append(f"{where}:{line}: {match.group(1)}")
    return dangling


def test_every_name_the_docstrings_chapters_and_pages_point_to_exists():
    # a name that moved (a private home, a trimmed __all__) leaves its old path behind
    from pathlib import Path

    import imbdiff

    root, repo = Path(imbdiff.__file__).parent, Path(__file__).parents[1]
    paths = [*root.rglob("*.py"), *(repo / "notebooks").rglob("*.md"),
             *(repo / "book").glob("*.md"), repo / "README.md"]
    texts = {str(path): path.read_text(encoding="utf-8") for path in sorted(paths)}
    assert len([path for path in texts if path.endswith(".md")]) > 30
    assert _dangling_references(texts) == []


def test_the_reference_check_names_a_moved_name_and_passes_a_private_home():
    texts = {"a.py": "see :func:`imbdiff.experiments.summarise_rows`\n"
                     "and :func:`~imbdiff.experiments._summaries.summarise_rows`, "
                     "``imbdiff.lreddpm.auc`` and `imbdiff.no_such_module`"}
    assert _dangling_references(texts) == ["a.py:1: imbdiff.experiments.summarise_rows",
                                           "a.py:2: imbdiff.no_such_module"]
