"""The book's frame: titles, launch and download buttons, Binder, offline maths, publishing.

Fast checks of the configuration files; tests/test_browser.py checks the rendered pages.
"""

import json
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
import yaml

from imbdiff import book, book_html, cli

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"


def _title(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:]
    raise AssertionError(f"{path} has no '# ' title")


def _pages():
    return sorted((ROOT / "notebooks").rglob("*.md")) + sorted((ROOT / "book").glob("*.md"))


def test_chapter_titles_carry_no_latex():
    # The sidebar shows titles as plain text: "\(\tau\)" would appear raw.
    with_latex = {
        str(path.relative_to(ROOT)): _title(path)
        for path in _pages()
        if re.search(r"\$|\\[(\[a-zA-Z]", _title(path))
    }
    assert not with_latex


def test_the_title_check_would_catch_latex(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("---\nmeta: 1\n---\n# The gradient scale $\\tau$\n")
    assert re.search(r"\$|\\[(\[a-zA-Z]", _title(page))


def _config():
    return yaml.safe_load((ROOT / "_config.yml").read_text())


def test_config_has_binder_and_colab_launch_buttons_on_the_published_branch():
    config = _config()
    # the workflow pushes the chapters' .ipynb files to this branch (main holds none)
    assert config["repository"] == {"url": book.REPOSITORY, "branch": "notebooks"}
    publish = " ".join(step.get("run", "") for step in _workflow()["jobs"]["build"]["steps"])
    assert "book prepare --profile smoke --colab" in publish
    assert "push --force origin notebooks" in publish
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert config["launch_buttons"]["colab_url"] == "https://colab.research.google.com"


def test_config_bundles_mathjax_and_offers_the_jupytext_source():
    extensions = _config()["sphinx"]["extra_extensions"]
    assert "sphinx-mathjax-offline" in extensions
    assert "imbdiff.book_html" in extensions
    assert "mathjax_path" not in _config()["sphinx"].get("config", {})  # no CDN override


def test_jupytext_source_maps_a_chapter_page_to_its_notebook():
    assert book_html.jupytext_source(ROOT, "book/lreddpm/02_regions") == (
        ROOT / "notebooks" / "lreddpm" / "02_regions.md"
    )
    assert book_html.jupytext_source(ROOT, "book/intro") == ROOT / "notebooks" / "intro.md"
    assert book_html.jupytext_source(ROOT, "book/reproducing") is None  # a plain page
    assert book_html.jupytext_source(ROOT, "genindex") is None


def _extras():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]


def _names(requirements):
    return {re.split(r"[<>=\[; ]", requirement)[0].lower() for requirement in requirements}


def test_extras_list_what_the_book_and_the_tests_import():
    extras = _extras()
    assert {"sphinx-exercise", "sphinx-mathjax-offline"} <= _names(extras["book"])
    assert {"check-jsonschema", "playwright", "dask"} <= _names(extras["test"])
    # the dask test runs in CI, and a user of the cluster backend installs one extra
    for extra in ("test", "cluster"):
        assert any(r.startswith("dask[distributed]") for r in extras[extra])


def test_conda_environment_installs_the_package_with_both_extras():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    assert '-e ".[book,test]"' in pip or "-e .[book,test]" in pip
    assert any(line.startswith("torch==") for line in pip)


def test_binder_installs_the_package_after_the_clone_and_prepares_the_chapters():
    # repo2docker installs an environment file before copying the repository: the
    # package itself can only be installed in postBuild.
    binder = yaml.safe_load((ROOT / ".binder" / "environment.yml").read_text())
    assert "python=3.11" in binder["dependencies"]
    assert not any(isinstance(item, dict) for item in binder["dependencies"])
    post_build = (ROOT / ".binder" / "postBuild").read_text()
    assert 'pip install --quiet --no-cache-dir -e ".[book]"' in post_build
    assert "imbdiff book prepare --profile smoke" in post_build
    for script in ("postBuild", "start"):
        assert (ROOT / ".binder" / script).stat().st_mode & 0o111, script


HEADER = textwrap.dedent("""\
    ---
    jupytext:
      text_representation:
        extension: .md
        format_name: myst
        format_version: 0.13
    kernelspec:
      display_name: Python 3
      language: python
      name: python3
    ---
    # Demo

    ```{code-cell} ipython3
    :tags: [parameters]

    profile = "default"
    seed = 0
    ```

    ```{code-cell} ipython3
    print(profile)
    ```
    """)


def test_prepare_writes_unexecuted_notebooks_with_the_parameters_injected(tmp_path):
    (tmp_path / "notebooks" / "part").mkdir(parents=True)
    (tmp_path / "notebooks" / "part" / "demo.md").write_text(HEADER)
    assert cli.main(["book", "prepare", "--root", str(tmp_path), "-p", "seed", "3"]) == 0
    written = tmp_path / "book" / "part" / "demo.ipynb"
    cells = json.loads(written.read_text())["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert [cell["metadata"].get("tags", []) for cell in code] == [
        ["parameters"], ["injected-parameters"], [],
    ]
    injected = "".join(code[1]["source"])
    assert 'profile = "smoke"' in injected and "seed = 3" in injected
    assert all(not cell["outputs"] and cell["execution_count"] is None for cell in code)


def test_prepare_for_colab_opens_with_an_install_cell_that_only_colab_runs(tmp_path):
    (tmp_path / "notebooks" / "part").mkdir(parents=True)
    (tmp_path / "notebooks" / "part" / "demo.md").write_text(HEADER)
    assert cli.main(["book", "prepare", "--root", str(tmp_path), "--colab"]) == 0
    cells = json.loads((tmp_path / "book" / "part" / "demo.ipynb").read_text())["cells"]
    first = cells[0]
    assert first["metadata"]["tags"] == [book.COLAB_TAG]
    source = "".join(first["source"])
    assert 'if "google.colab" in sys.modules:' in source
    assert f"git+{book.REPOSITORY}@main" in source
    # the parameters cell stays where papermill injects after it
    tags = [cell["metadata"].get("tags", []) for cell in cells if cell["cell_type"] == "code"]
    assert tags[1:3] == [["parameters"], ["injected-parameters"]]
    # without --colab the notebook does not get the cell
    book.prepare_notebooks(tmp_path, output_dir=tmp_path / "plain")
    plain = json.loads((tmp_path / "plain" / "part" / "demo.ipynb").read_text())["cells"]
    assert all(book.COLAB_TAG not in cell["metadata"].get("tags", []) for cell in plain)


def test_prepare_rejects_an_unknown_profile(tmp_path):
    with pytest.raises(ValueError, match="unknown profile"):
        book.prepare_notebooks(tmp_path, profile="huge")


def _workflow():
    return yaml.safe_load(WORKFLOW.read_text())


def test_workflow_is_a_valid_github_workflow():
    checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert checker, "check-jsonschema is in the test extra"
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps: [{uses: 3}]\n")
    checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True, text=True,
    )
    assert result.returncode != 0


def _steps(job):
    return _workflow()["jobs"][job]["steps"]


def test_workflow_runs_on_push_to_main_with_pages_permissions():
    workflow = _workflow()
    trigger = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1: on = True
    assert trigger["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"


def test_workflow_tests_then_builds_with_the_readme_commands_and_the_cache():
    steps = _steps("build")
    runs = [step.get("run", "") for step in steps]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    order = {name: i for i, name in enumerate(runs) if name}
    assert order["make setup"] < order["make test"] < order["make book PROFILE=default"]
    readme = (ROOT / "README.md").read_text()
    assert "make book" in readme and "make test" in readme
    cache = steps[uses.index("actions/cache")]
    assert ".imbdiff-cache" in cache["with"]["path"]
    assert uses.index("actions/cache") < order["make book PROFILE=default"]
    assert _workflow()["env"]["IMBDIFF_EXPERIMENT_CACHE"].endswith("/.imbdiff-cache")
    assert uses.index("actions/configure-pages") > order["make book PROFILE=default"]
    upload = steps[uses.index("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == "_build/html"


def test_workflow_deploys_with_the_official_pages_action():
    deploy = _workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_readme_links_the_published_book_and_its_badge():
    readme = (ROOT / "README.md").read_text()
    assert "https://imbdiff.github.io/imbdiff/" in readme
    assert "actions/workflows/book.yml/badge.svg" in readme


def test_the_teaching_page_is_listed_under_about_this_book():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    about = next(part for part in toc["parts"] if part["caption"] == "About this book")
    assert {"file": "book/teaching"} in about["chapters"]


def test_the_teaching_page_names_only_real_parameters():
    # Every `name` in the table's parameter column is a parameter of that chapter.
    import jupytext

    page = (ROOT / "book" / "teaching.md").read_text()
    rows = [line for line in page.splitlines() if line.startswith("| {doc}")]
    assert rows
    for row in rows:
        chapters = re.findall(r"\{doc\}`([^`]+)`", row.split("|")[1])
        names = re.findall(r"`(\w+)`", row.split("|")[2])
        for chapter in chapters:
            notebook = jupytext.read(ROOT / "notebooks" / f"{chapter}.md")
            cell = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
            for name in names:
                assert re.search(rf"^{name} =", cell.source, re.M), (chapter, name)


def test_code_blocks_of_the_book_pages_fit_88_characters():
    # The browser test checks that 88 characters fit without scrolling; pages keep to it.
    for page in sorted((ROOT / "book").glob("*.md")):
        inside, long_lines = False, []
        for number, line in enumerate(page.read_text().splitlines(), 1):
            if line.startswith("```"):
                inside = not inside
            elif inside and len(line) > 88:
                long_lines.append(number)
        assert not long_lines, (page.name, long_lines)
