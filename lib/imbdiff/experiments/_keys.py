"""Cache keys that follow the code a cell runs.

A cell's cached result is valid while the code that computed it is unchanged. That
code is found from the package's import graph, read from the source (imports inside
functions included), not from a hand-kept list:

* every cell runs :mod:`._cell` (one cell's computation) and what it imports: the protocol,
  the scoring, the metrics, the region typing and the dataset loading;
* a cell of one method also runs its builder in :mod:`._methods` and what the
  builder imports: the sampler's own module and the modules that one imports.

The builders import their samplers inside their functions, so the method registry's
function-level imports count for their method only. ``from package import Name`` is an
arrow to the module that defines ``Name`` (the packages re-export their names). The
digest hashes the package version and the contents of the modules, sorted, not their
paths, and without their import statements (:func:`code_hash`): moving a module keeps
every key, though its importers' import lines change.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect
from functools import lru_cache
from pathlib import Path

PACKAGE = "imbdiff"

__all__ = [
    "code_digest", "code_hash", "import_graph", "method_digest", "method_digests", "method_modules",
    "modules_digest",
]

#: The module every cell runs (its imports bring the protocol, scoring, metrics,
#: region typing and dataset loading).
_RUNNER = f"{PACKAGE}.experiments._cell"
#: Where results come from (the store, the runner, the stored summaries): they fetch
#: what a computation returns, they are not part of it.
_FETCHING = frozenset(f"{PACKAGE}.experiments.{name}" for name in ("_store", "_runner", "_summaries"))
#: The method registry: its function-level imports belong to one method each.
_REGISTRY = f"{PACKAGE}.experiments._methods"


def _package_dir() -> Path:
    return Path(__file__).resolve().parents[1]


def _modules(package_dir: Path) -> dict[str, Path]:
    """Dotted module name -> source file, for every module of the package."""
    found = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir).with_suffix("").parts)
        if "__pycache__" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join([PACKAGE, *parts])] = path
    return found


class _Imports(ast.NodeVisitor):
    """The import statements of a tree, optionally only those outside functions."""

    def __init__(self, inside_functions: bool):
        self.inside_functions = inside_functions
        self.nodes = []

    def visit_Import(self, node):  # noqa: N802 (ast's names)
        self.nodes.append(node)

    visit_ImportFrom = visit_Import  # noqa: N815

    def visit_FunctionDef(self, node):  # noqa: N802
        if self.inside_functions:
            self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815
    visit_Lambda = visit_FunctionDef  # noqa: N815

    def visit_If(self, node):  # noqa: N802
        # ``if TYPE_CHECKING:`` imports are for static checkers: never run
        test = node.test
        name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
        for child in node.orelse if name == "TYPE_CHECKING" else [*node.body, *node.orelse]:
            self.visit(child)


def _import_nodes(tree, inside_functions=True):
    visitor = _Imports(inside_functions)
    visitor.visit(tree)
    return visitor.nodes


def _targets(node, module: str, is_package: bool, modules) -> set[str]:
    """The package modules one import statement of ``module`` reaches."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in modules}
    if node.level == 0:
        source = node.module or ""
    else:
        base = module if is_package else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            base = base.rpartition(".")[0]
        source = ".".join(part for part in (base, node.module) if part)
    if source not in modules:
        return set()
    reached = set()
    for alias in node.names:
        submodule = f"{source}.{alias.name}"
        reached.add(submodule if submodule in modules else _defining_module(source, alias.name, modules))
    return reached


@lru_cache(maxsize=None)
def _defining_module(source: str, name: str, modules) -> str:
    """The module that defines ``name``, which ``source`` (re-)exports."""
    try:
        value = getattr(importlib.import_module(source), name)
    except (ImportError, AttributeError):
        return source
    defined = getattr(value, "__module__", None)
    return defined if defined in modules else source


def _module_imports(module, path, modules, inside_functions=True) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    return {
        target
        for node in _import_nodes(tree, inside_functions)
        for target in _targets(node, module, is_package, modules)
    }


def import_graph(package_dir=None) -> dict[str, set[str]]:
    """Module -> the package modules it imports, at any depth of its code.

    Parameters
    ----------
    package_dir : path-like, optional
        The package's folder (default: this installed package). Names re-exported
        by a package are resolved through the installed package.

    Returns
    -------
    dict of str to set of str
        Dotted module names; imports of other distributions are left out.
    """
    package_dir = Path(package_dir) if package_dir is not None else _package_dir()
    modules = _modules(package_dir)
    names = frozenset(modules)
    return {module: _module_imports(module, path, names) - {module} for module, path in modules.items()}


def code_hash(path) -> str:
    """sha256 of a module's source without its import statements.

    What a module imports is in the key through the import graph (the imported
    modules' own code), so the statements themselves are left out: moving a module
    rewrites its importers' relative imports but re-keys no cell.
    """
    source = Path(path).read_text(encoding="utf-8")
    return hashlib.sha256(_without_imports(source).encode()).hexdigest()


@lru_cache(maxsize=512)
def _without_imports(source: str) -> str:
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    spans = sorted(
        (starts[node.lineno - 1] + node.col_offset, starts[node.end_lineno - 1] + node.end_col_offset)
        for node in _import_nodes(ast.parse(source))
    )
    kept, position = [], 0
    for start, end in spans:
        kept.append(source[position:start])
        position = max(position, end)
    kept.append(source[position:])
    return "".join(kept)


def _reachable(starts, graph) -> set[str]:
    seen, stack = set(), list(starts)
    while stack:
        module = stack.pop()
        if module in seen or module not in graph:
            continue
        seen.add(module)
        stack.extend(graph[module])
    return seen


def _builder_imports(build, modules) -> set[str]:
    """The package modules a method's builder imports (inner builders included)."""
    reached, pending, seen = set(), [build], set()
    while pending:
        function = pending.pop()
        if id(function) in seen or not inspect.isfunction(function):
            continue
        seen.add(id(function))
        if function.__module__ != _REGISTRY:
            reached.add(function.__module__)  # a builder defined elsewhere: its module
            continue
        tree = ast.parse(inspect.cleandoc("\n" + inspect.getsource(function)))
        for node in _import_nodes(tree):
            reached |= _targets(node, _REGISTRY, False, modules)
        pending.extend(inspect.getclosurevars(function).nonlocals.values())
    return reached


def _registry_graph(package_dir):
    """The import graph, with the registry's function-level imports left to its builders."""
    stats = [(str(f), f.stat()) for f in sorted(Path(package_dir).rglob("*.py"))]
    return _registry_graph_of(Path(package_dir), tuple((f, s.st_mtime_ns, s.st_size) for f, s in stats))


@lru_cache(maxsize=8)
def _registry_graph_of(package_dir, stamp):  # pylint: disable=unused-argument
    # ``stamp`` (every file's path, time and size) keys the cache: an edit rebuilds it
    modules = _modules(package_dir)
    graph = import_graph(package_dir)
    graph[_REGISTRY] = _module_imports(_REGISTRY, modules[_REGISTRY], frozenset(modules), False)
    return modules, graph


def method_modules(method: str, package_dir=None) -> set[str]:
    """The package modules a cell of ``method`` runs.

    Parameters
    ----------
    method : str
        A name of :data:`imbdiff.experiments.METHODS`.
    package_dir : path-like, optional
        As :func:`import_graph`.
    """
    package_dir = Path(package_dir) if package_dir is not None else _package_dir()
    modules, graph = _registry_graph(package_dir)
    return _closure(method, modules, graph)


def _closure(method, modules, graph):
    from ._methods import _method

    starts = {_RUNNER} | _builder_imports(_method(method).build, frozenset(modules))
    return _reachable(starts, graph)


def method_digests(methods, package_dir=None) -> dict[str, str]:
    """sha256 of the package version and of the modules a cell of each method runs.

    Part of the cache key of every cell of a method: editing a module outside them
    (another sampler, the tables, the claims, the book) keeps the cell's result. A
    builder defined outside the package adds its own source.

    Parameters
    ----------
    methods : iterable of str
        Names of :data:`imbdiff.experiments.METHODS`.
    package_dir : path-like, optional
        As :func:`import_graph`.

    Returns
    -------
    dict of str to str
        Method -> hex digest.
    """
    import imbdiff

    from ._methods import _method

    package_dir = Path(package_dir) if package_dir is not None else _package_dir()
    modules, graph = _registry_graph(package_dir)
    contents = {m: code_hash(path) for m, path in modules.items()}
    digests = {}
    for method in dict.fromkeys(methods):
        digest = hashlib.sha256(imbdiff.__version__.encode())
        for content in sorted(contents[m] for m in _closure(method, modules, graph)):
            digest.update(content.encode())
        build = _method(method).build
        if not build.__module__.startswith(PACKAGE):
            digest.update(_source(build).encode())
        digests[method] = digest.hexdigest()
    return digests


def _source(function) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return function.__qualname__


def method_digest(method: str, package_dir=None) -> str:
    """:func:`method_digests` of one method."""
    return method_digests([method], package_dir)[method]


def code_digest(package_dir=None) -> str:
    """sha256 of every registered method's digest: the code any cell may run.

    The dask backend compares it between the client and its workers.
    """
    from ._methods import METHODS

    digest = hashlib.sha256()
    for method, value in sorted(method_digests(METHODS, package_dir).items()):
        digest.update(f"{method}={value}".encode())
    return digest.hexdigest()


def modules_digest(roots, package_dir=None) -> str:
    """sha256 of the package version and of the modules ``roots`` run (themselves and
    every package module they import, at any depth, imports inside functions
    included; the code that fetches results, the store, the runner and the stored
    summaries, left out): the code key of a stored computation that is not a cell,
    such as the cost chapter's measurements.

    Parameters
    ----------
    roots : iterable of str
        Dotted module names (``"imbdiff.beyond._cost"``).
    package_dir : path-like, optional
        As :func:`import_graph`.
    """
    import imbdiff

    package_dir = Path(package_dir) if package_dir is not None else _package_dir()
    modules = _modules(package_dir)
    graph = import_graph(package_dir)
    for module in _FETCHING:
        graph[module] = set()
    unknown = sorted(set(roots) - set(modules))
    if unknown:
        raise ValueError(f"not modules of the package: {unknown}")
    digest = hashlib.sha256(imbdiff.__version__.encode())
    for content in sorted(code_hash(modules[m]) for m in _reachable(roots, graph) - _FETCHING):
        digest.update(content.encode())
    return digest.hexdigest()
