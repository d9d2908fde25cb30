"""The notebook pipeline: jupytext source -> papermill -> executed .ipynb, with stamps."""

import json
import textwrap

import pandas as pd
import pytest

from imbdiff import book, cli

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
    """)

SOURCE = HEADER + textwrap.dedent("""\
    # Demo

    ```{code-cell} ipython3
    :tags: [parameters]

    profile = "default"
    factor = 2
    ```

    ```{code-cell} ipython3
    print(f"profile={profile} result={factor * 21}")
    ```
    """)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "notebooks" / "part").mkdir(parents=True)
    (tmp_path / "notebooks" / "part" / "demo.md").write_text(SOURCE)
    return tmp_path


def _printed(path):
    cells = json.loads(path.read_text())["cells"]
    return "".join(
        "".join(output.get("text", ""))
        for cell in cells if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
    )


def test_executes_with_parameters_then_skips_until_something_changes(project):
    logged = []
    runs = book.run_notebooks(project, profile="smoke", parameters={"factor": 3}, log=logged.append)
    output = project / "book" / "part" / "demo.ipynb"
    assert [run.status for run in runs] == ["executed"]
    assert runs[0].output == output
    assert "profile=smoke result=63" in _printed(output)

    again = book.run_notebooks(project, profile="smoke", parameters={"factor": 3}, log=logged.append)
    assert [run.status for run in again] == ["skipped"]

    changed = book.run_notebooks(project, profile="smoke", parameters={"factor": 1}, log=logged.append)
    assert [run.status for run in changed] == ["executed"]
    assert "result=21" in _printed(output)

    (project / "notebooks" / "part" / "demo.md").write_text(SOURCE.replace("21", "20"))
    edited = book.run_notebooks(project, profile="smoke", parameters={"factor": 1}, log=logged.append)
    assert [run.status for run in edited] == ["executed"]
    assert "result=20" in _printed(output)
    assert any(line.startswith("skip") for line in logged)


def test_force_reexecutes(project):
    book.run_notebooks(project, profile="smoke", log=lambda _: None)
    runs = book.run_notebooks(project, profile="smoke", force=True, log=lambda _: None)
    assert runs[0].status == "executed"


def test_failure_names_the_notebook_and_keeps_previous_output(project):
    book.run_notebooks(project, profile="smoke", log=lambda _: None)
    output = project / "book" / "part" / "demo.ipynb"
    before = output.read_text()
    (project / "notebooks" / "part" / "demo.md").write_text(
        SOURCE.replace('print(f"profile', 'raise ValueError("broken on purpose")\nprint(f"profile')
    )
    with pytest.raises(RuntimeError, match=r"demo\.md failed .*ValueError: broken on purpose"):
        book.run_notebooks(project, profile="smoke", log=lambda _: None)
    assert output.read_text() == before
    assert not list(output.parent.glob("*.tmp"))


def test_corrupt_output_is_executed_again(project):
    output = project / "book" / "part" / "demo.ipynb"
    output.parent.mkdir(parents=True)
    output.write_text("{not json")
    runs = book.run_notebooks(project, profile="smoke", log=lambda _: None)
    assert runs[0].status == "executed"
    assert "profile=smoke" in _printed(output)


def test_output_dir_and_selection(project, tmp_path):
    (project / "notebooks" / "part" / "other.md").write_text(SOURCE)
    elsewhere = tmp_path / "out"
    runs = book.run_notebooks(project, selected=["part/demo"], profile="smoke",
                              output_dir=elsewhere, log=lambda _: None)
    assert [run.output for run in runs] == [elsewhere / "part" / "demo.ipynb"]
    assert not (elsewhere / "part" / "other.ipynb").exists()


def test_find_sources_lists_and_rejects(project):
    assert [p.name for p in book.find_sources(project)] == ["demo.md"]
    with pytest.raises(FileNotFoundError, match="no notebook 'part/missing'.*part/demo.md"):
        book.find_sources(project, ["part/missing"])
    with pytest.raises(FileNotFoundError, match="no notebooks/ folder"):
        book.find_sources(project / "notebooks")


def test_the_front_page_runs_after_every_chapter(project):
    (project / "notebooks" / "intro.md").write_text(SOURCE)
    (project / "notebooks" / "zeta").mkdir()
    (project / "notebooks" / "zeta" / "last.md").write_text(SOURCE)
    order = [p.relative_to(project / "notebooks").as_posix() for p in book.find_sources(project)]
    assert order == ["part/demo.md", "zeta/last.md", "intro.md"]


def test_the_front_page_runs_again_whenever_a_chapter_ran(project):
    (project / "notebooks" / "intro.md").write_text(SOURCE)
    book.run_notebooks(project, profile="smoke", log=lambda line: None)
    again = book.run_notebooks(project, profile="smoke", log=lambda line: None)
    assert [run.status for run in again] == ["skipped", "skipped"]
    chapter = project / "notebooks" / "part" / "demo.md"
    chapter.write_text(SOURCE.replace("factor = 2", "factor = 3"))
    after_edit = book.run_notebooks(project, profile="smoke", log=lambda line: None)
    assert [run.status for run in after_edit] == ["executed", "executed"]


def test_unknown_profile_fails_before_running(project):
    with pytest.raises(ValueError, match="unknown profile"):
        book.run_notebooks(project, profile="huge")
    assert not (project / "book").exists()


def test_stamp_depends_on_source_parameters_and_package(project):
    source = project / "notebooks" / "part" / "demo.md"
    base = book.stamp(source, {"profile": "smoke"}, "pkg1")
    assert base == book.stamp(source, {"profile": "smoke"}, "pkg1")
    assert base != book.stamp(source, {"profile": "default"}, "pkg1")
    assert base != book.stamp(source, {"profile": "smoke"}, "pkg2")


@pytest.mark.parametrize(("text", "value"), [
    ("7", 7), ("0.5", 0.5), ("true", True), ("None", None),
    ("['a', 'b']", ["a", "b"]), ("yeast3,crg", "yeast3,crg"), ("60/sqrt(beta)", "60/sqrt(beta)"),
])
def test_cli_parses_parameter_values(text, value):
    assert cli.parse_value(text) == value


def test_cli_runs_and_reports_errors(project, capsys):
    assert cli.main(["book", "run", "--root", str(project), "--profile", "smoke",
                     "-p", "factor", "5", "part/demo"]) == 0
    assert "result=105" in _printed(project / "book" / "part" / "demo.ipynb")
    assert cli.main(["book", "run", "--root", str(project), "part/nothing"]) == 1
    assert "no notebook 'part/nothing'" in capsys.readouterr().err


def _readme_block(heading):
    """The bash block under ``heading`` in the README, one command per line."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = text.split(heading, 1)[1]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


@pytest.mark.slow
def test_the_readmes_one_chapter_recipe_works_from_a_fresh_clone(tmp_path):
    """Exactly the README's commands, in a copy of the repository's tracked files."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    listed = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True)
    clone = tmp_path / "clone"
    for name in listed.stdout.splitlines():
        if (root / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, clone / name)
    environment = {**os.environ, "IMBDIFF_EXPERIMENT_CACHE": str(tmp_path / "cache")}
    commands = _readme_block("## Rerun one chapter with new parameters")
    assert [c.split()[0] for c in commands] == [".venv/bin/imbdiff", ".venv/bin/jupyter-book"]
    for command in commands:
        # .venv/bin/ is where the README's `make` installs; here it is this interpreter's
        program, *arguments = command.split()
        program = str(Path(sys.executable).parent / Path(program).name)
        done = subprocess.run([program, *arguments], cwd=clone, env=environment,
                              capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
    page = (clone / "_build" / "html" / "book" / "lreddpm" / "02_regions.html").read_text()
    assert "fig-region-shares" in page  # the chapter itself, executed
    other = (clone / "_build" / "html" / "book" / "lreddpm" / "06_auc.html").read_text()
    assert "has not been run in this build" in other and ">lreddpm/06_auc</span>" in other


def test_a_chapter_run_alone_leaves_pages_for_the_others_which_their_run_replaces(project):
    (project / "notebooks" / "part" / "other.md").write_text(SOURCE.replace("# Demo", "# Other chapter"))
    book.run_notebooks(project, selected=["part/demo"], profile="smoke", log=lambda _: None)
    stub = json.loads((project / "book" / "part" / "other.ipynb").read_text())
    text = "".join(stub["cells"][0]["source"])
    assert text.startswith("# Other chapter") and "imbdiff book run part/other" in text
    runs = book.run_notebooks(project, selected=["part/other"], profile="smoke", log=lambda _: None)
    assert [run.status for run in runs] == ["executed"]  # a stub is never up to date
    assert "result=42" in _printed(project / "book" / "part" / "other.ipynb")


GRID_SOURCE = HEADER + textwrap.dedent("""\
    # A grid

    ```{code-cell} ipython3
    :tags: [parameters]

    profile = "default"
    seeds = [1, 2]
    ```

    ```{code-cell} ipython3
    from imbdiff import experiments as ex

    cells = [ex.Experiment.make("glass1", "Original", repeats=1, seed=s) for s in seeds]
    results = ex.run(cells, cache=False, progress=False)
    print("stored" if all(r.wall_seconds > 0 for r in results) else "computed?")
    ```
    """)


def test_results_run_stores_each_chapters_cells_under_its_name_and_prunes(project, monkeypatch, capsys):
    """``imbdiff results run`` writes the cells a chapter asks for to its grid, in a
    folder of the profile's own when it is not the default; a second full run drops
    the cells the chapter no longer reads; ``results status`` reports the grid."""
    (project / "notebooks" / "part" / "grid.md").write_text(GRID_SOURCE)
    monkeypatch.setenv("IMBDIFF_RESULTS", "read")  # the command sets update itself
    assert cli.main(["results", "run", "--root", str(project), "--profile", "smoke", "part/grid"]) == 0
    grid = project / "book" / "results" / "smoke" / "part" / "grid.csv.gz"
    assert len(pd.read_csv(grid)) == 2
    # the chapter now reads one cell: the full run drops the other
    (project / "notebooks" / "part" / "grid.md").write_text(GRID_SOURCE.replace("seeds = [1, 2]", "seeds = [2]"))
    assert cli.main(["results", "run", "--root", str(project), "--profile", "smoke", "part/grid"]) == 0
    assert len(pd.read_csv(grid)) == 1
    assert "pruned   part/grid" in capsys.readouterr().out
    assert cli.main(["results", "status", "--root", str(project)]) == 0
    assert "smoke/part/grid" in capsys.readouterr().out


def test_chapters_run_two_at_a_time_give_what_one_at_a_time_gives(project, tmp_path):
    (project / "notebooks" / "part" / "other.md").write_text(SOURCE.replace("factor = 2", "factor = 3"))
    (project / "notebooks" / "intro.md").write_text(SOURCE.replace("# Demo", "# Front"))
    together = book.run_notebooks(project, profile="smoke", output_dir=tmp_path / "two",
                                  log=lambda _: None, jobs=2)
    alone = book.run_notebooks(project, profile="smoke", output_dir=tmp_path / "one",
                               log=lambda _: None)
    assert [r.source.name for r in together] == ["demo.md", "other.md", "intro.md"]
    assert [r.status for r in together] == ["executed"] * 3
    for run in alone:
        relative = run.output.relative_to(tmp_path / "one")
        assert _printed(run.output) == _printed(tmp_path / "two" / relative)
    assert "result=63" in _printed(tmp_path / "two" / "part" / "other.ipynb")


def test_a_stale_stored_cell_stops_book_run_under_the_make_book_flag(project, monkeypatch, capsys):
    """``make book`` sets IMBDIFF_STALE=stop: a chapter whose stored cell was computed
    by other code fails, naming the chapter's grid and the command that refreshes it."""
    (project / "notebooks" / "part" / "grid.md").write_text(GRID_SOURCE)
    monkeypatch.setenv("IMBDIFF_RESULTS", "read")
    assert cli.main(["results", "run", "--root", str(project), "part/grid"]) == 0
    grid = project / "book" / "results" / "part" / "grid.csv.gz"
    table = pd.read_csv(grid, dtype=str, keep_default_na=False).assign(digest="0" * 64)
    table.to_csv(grid, index=False)
    monkeypatch.setenv("IMBDIFF_STALE", "stop")
    monkeypatch.setenv("IMBDIFF_RESULTS_STORE", str(project / "book" / "results"))
    capsys.readouterr()
    assert cli.main(["book", "run", "--root", str(project), "part/grid"]) == 1
    error = capsys.readouterr().err
    assert "StaleResults" in error and "part/grid: Original on glass1" in error
    assert "make results" in error


def test_kernels_run_side_by_side_share_the_cores(project, tmp_path, monkeypatch):
    """Two kernels at once each get half the cores for torch and BLAS (torch's default,
    one thread per core in each, made a chapter that trains in view 5x slower)."""
    import os

    monkeypatch.setenv("OMP_NUM_THREADS", "64")  # the parent's value is not what they get
    threads = SOURCE.replace('print(f"profile={profile} result={factor * 21}")',
                             'import os\nprint("threads", os.environ.get("OMP_NUM_THREADS"))')
    (project / "notebooks" / "part" / "other.md").write_text(threads)
    runs = book.run_notebooks(project, profile="smoke", output_dir=tmp_path / "two",
                              log=lambda _: None, jobs=2)
    expected = max(1, (os.cpu_count() or 1) // 2)
    assert f"threads {expected}" in _printed(tmp_path / "two" / "part" / "other.ipynb")
    assert [r.status for r in runs] == ["executed", "executed"]
