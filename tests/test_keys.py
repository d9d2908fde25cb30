"""Cache keys that follow the code a cell runs (imbdiff.experiments._keys)."""

import shutil
from pathlib import Path

import pytest

import imbdiff
from imbdiff.experiments import METHODS, Method, register_method
from imbdiff.experiments._keys import code_digest, method_digests, method_modules
from imbdiff.experiments._keys import import_graph

PACKAGE = Path(imbdiff.__file__).parent
PRESENTATION = ("imbdiff.claims", "imbdiff.lreddpm", "imbdiff.isodf_enn", "imbdiff.beyond",
                "imbdiff.report", "imbdiff.book", "imbdiff.paper", "imbdiff.cluster._summary")


@pytest.fixture
def package(tmp_path):
    """A copy of the package's sources to edit."""
    copy = tmp_path / "imbdiff"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _edit(path: Path):
    path.write_text(path.read_text() + "\n# edited\n")


def test_the_import_graph_reads_imports_inside_functions_and_resolves_reexports():
    graph = import_graph()
    # LReDDPM's builder imports `from ..over_sampling import LReDDPMSampler` inside
    # a function; the arrow goes to the module that defines the class.
    assert "imbdiff.over_sampling._lreddpm" in graph["imbdiff.experiments._methods"]
    assert "imbdiff.over_sampling" not in graph["imbdiff.experiments._methods"]
    assert "imbdiff.base" in graph["imbdiff.over_sampling._lreddpm"]
    # `if TYPE_CHECKING:` imports never run: the top-level package imports no sampler
    assert not any(m.startswith("imbdiff.over_sampling") for m in graph["imbdiff"])


def test_a_cell_runs_its_samplers_modules_and_the_protocol_not_the_presentation():
    lreddpm = method_modules("LReDDPM")
    assert {"imbdiff.over_sampling._lreddpm", "imbdiff.base", "imbdiff.regions._types",
            "imbdiff.experiments._cell", "imbdiff.experiments._scoring", "imbdiff.metrics._classification",
            "imbdiff.datasets._keel", "imbdiff.experiments._splits"} <= lreddpm
    assert "imbdiff.over_sampling._ctgan" not in lreddpm
    assert "imbdiff.over_sampling._lreddpm" not in method_modules("CTGAN")
    assert {"imbdiff.combine._isodf_enn", "imbdiff.cluster._isodata"} <= method_modules("ISODF-ENN")
    for method in METHODS:
        assert not [m for m in method_modules(method) if m.startswith(PRESENTATION)], method


def test_editing_one_samplers_module_rekeys_only_its_methods(package):
    before = method_digests(METHODS, package)
    _edit(package / "over_sampling" / "_ctgan.py")
    after = method_digests(METHODS, package)
    changed = {m for m in METHODS if before[m] != after[m]}
    assert changed == {"CTGAN", "TVAE", "CTGAN-cond", "TVAE-cond", "CTGAN-cond-balanced", "TVAE-cond-balanced"}


@pytest.mark.parametrize("module", ["claims/_rules.py", "lreddpm/_scores.py", "report/_verdicts.py",
                                    "isodf_enn/__init__.py", "book.py", "claims/_readings.py",
                                    "experiments/_runner.py", "experiments/_store.py",
                                    "experiments/_results.py"])
def test_editing_a_module_outside_the_cells_computation_rekeys_nothing(package, module):
    before = method_digests(METHODS, package)
    _edit(package / module)
    assert method_digests(METHODS, package) == before


@pytest.mark.parametrize("module", ["regions/_types.py", "experiments/_scoring.py", "datasets/_keel.py",
                                    "experiments/_cell.py", "metrics/_classification.py"])
def test_editing_the_protocol_rekeys_every_method(package, module):
    before = method_digests(METHODS, package)
    _edit(package / module)
    after = method_digests(METHODS, package)
    assert all(before[m] != after[m] for m in METHODS)


def test_keys_hash_contents_not_where_the_package_lies(package, tmp_path):
    moved = tmp_path / "elsewhere" / "imbdiff"
    shutil.copytree(package, moved)
    assert method_digests(METHODS, moved) == method_digests(METHODS, package) == method_digests(METHODS)
    assert code_digest(moved) == code_digest()


def test_the_package_version_is_part_of_every_key(monkeypatch):
    before = method_digests(["Original"])
    monkeypatch.setattr(imbdiff, "__version__", "999.0")
    assert method_digests(["Original"]) != before


def test_a_method_registered_from_outside_the_package_keys_on_its_own_source():
    def build(target, region, seed, memory, **params):
        return None

    register_method("test-outside", Method(build, family="none"))
    try:
        outside = method_digests(["test-outside", "Original"])
        assert outside["test-outside"] != outside["Original"]
    finally:
        del METHODS["test-outside"]


def test_moving_a_module_and_rewriting_its_importers_keeps_every_key(package):
    """The protocol's splits move into a subpackage: the module's own relative imports
    and every importer's import line change, its code does not."""
    before = method_digests(METHODS, package)
    source = package / "experiments" / "_splits.py"
    moved = package / "experiments" / "protocol" / "_splits.py"
    moved.parent.mkdir()
    (moved.parent / "__init__.py").write_text("")
    text = source.read_text().replace("from ..", "from ...").replace("from .", "from ..")
    moved.write_text(text.replace("from ....", "from ..."))
    source.unlink()
    for importer in (package / "experiments").glob("*.py"):
        text = importer.read_text()
        importer.write_text(text.replace("from ._splits import", "from .protocol._splits import"))
    assert "imbdiff.experiments.protocol._splits" in method_modules("LReDDPM", package)
    assert method_digests(METHODS, package) == before


def test_the_code_hash_leaves_out_import_statements_and_nothing_else(tmp_path):
    from imbdiff.experiments._keys import code_hash

    one, two, three = (tmp_path / name for name in ("one.py", "two.py", "three.py"))
    one.write_text("import a\nfrom .b import (c,\n    d)\nx = 1; import e\n")
    two.write_text("import z\nfrom ..y.b import c, d\nx = 1; import e as f\n")
    three.write_text("import a\nfrom .b import (c,\n    d)\nx = 2; import e\n")
    assert code_hash(one) == code_hash(two) != code_hash(three)


def test_a_stored_tables_key_follows_its_modules_not_the_store(package):
    from imbdiff.experiments._keys import modules_digest

    before = modules_digest(["imbdiff.lreddpm._protocol"], package)
    _edit(package / "experiments" / "_store.py")
    assert modules_digest(["imbdiff.lreddpm._protocol"], package) == before
    _edit(package / "experiments" / "_scoring.py")
    assert modules_digest(["imbdiff.lreddpm._protocol"], package) != before
