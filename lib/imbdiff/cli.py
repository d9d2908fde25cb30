"""Command line: ``imbdiff book run`` executes the book's notebooks.

Examples
--------
Execute every chapter with the default profile (unchanged ones are skipped)::

    imbdiff book run

Rerun one chapter on other datasets with a new split seed::

    imbdiff book run lreddpm/02_regions -p datasets yeast3,crg -p seed 7

Write every chapter unexecuted into book/, set to the smoke profile (what Binder does)::

    imbdiff book prepare --profile smoke

Compute the cells missing from the results store, or stale, and store them (resumable);
then say, per grid, what is stored, stale and missing::

    imbdiff results run --profile default
    imbdiff results status
"""

from __future__ import annotations

import argparse
import ast
import sys

__all__ = ["main", "parse_value"]


def parse_value(text: str):
    """Read a ``-p`` value as a Python literal when it is one, else as a string."""
    lowered = text.lower()
    if lowered in {"true", "false"}:
        return lowered == "true"
    if lowered in {"none", "null"}:
        return None
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="imbdiff", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    book = commands.add_parser("book", help="work with the book's notebooks")
    actions = book.add_subparsers(dest="action", required=True)

    run = actions.add_parser("run", help="execute notebooks into book/ with papermill")
    _notebook_arguments(run, "notebooks to run (default: all)", "default")
    run.add_argument("--output-dir", default=None, help="default: ROOT/book")
    run.add_argument("--force", action="store_true", help="execute even if up to date")
    run.add_argument("--jobs", type=int, default=1,
                     help="chapters executed at once (for chapters whose cells are stored)")

    prepare = actions.add_parser(
        "prepare", help="write notebooks unexecuted with their parameters set (for Binder)"
    )
    _notebook_arguments(prepare, "notebooks to write (default: all)", "smoke")
    prepare.add_argument("--output-dir", default=None, help="default: ROOT/book")
    prepare.add_argument(
        "--colab", action="store_true", help="open each notebook with Colab's install cell"
    )

    listing = actions.add_parser("list", help="list the notebook sources")
    listing.add_argument("--root", default=".")
    shape = actions.add_parser(
        "shape", help="per chapter: code and hidden shares, table plumbing, longest cell"
    )
    shape.add_argument("--root", default=".")

    results = commands.add_parser("results", help="the results store in book/results")
    steps = results.add_subparsers(dest="action", required=True)
    compute = steps.add_parser(
        "run", help="run the chapters, computing and storing missing or stale cells"
    )
    _notebook_arguments(compute, "chapters to run (default: all)", "default",
                        " (-p backend dask computes on a dask cluster)")
    state = steps.add_parser("status", help="per grid: cells stored, stale and missing")
    state.add_argument("--root", default=".", help="repository root (default: .)")
    return parser


def _notebook_arguments(parser, what, profile, note=""):
    """The arguments every command over notebooks takes."""
    from imbdiff import profiles

    parser.add_argument("notebooks", nargs="*", help=what)
    parser.add_argument("--profile", default=profile, choices=profiles.names())
    parser.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[],
        metavar=("NAME", "VALUE"), help=f"set a notebook parameter (repeatable){note}",
    )
    parser.add_argument("--root", default=".", help="repository root (default: .)")


def main(argv=None) -> int:
    from imbdiff import book

    args = _parser().parse_args(argv)
    if args.command == "results":
        return _results(args)
    if args.action == "list":
        for source in book.find_sources(args.root):
            print(source)
        return 0
    if args.action == "shape":
        return _shape(args.root)
    parameters = {name: parse_value(value) for name, value in args.parameter}
    if args.action == "prepare":
        return _prepare(args, parameters)
    try:
        book.run_notebooks(
            args.root,
            selected=args.notebooks,
            profile=args.profile,
            parameters=parameters,
            output_dir=args.output_dir,
            force=args.force,
            jobs=args.jobs,
        )
    except (RuntimeError, FileNotFoundError) as error:
        print(f"imbdiff: {error}", file=sys.stderr)
        return 1
    return 0


def _shape(root) -> int:
    from imbdiff.book_shape import chapter_shapes, shape_totals

    shapes = chapter_shapes(root)
    print(f"{'chapter':30s} {'code':>5s} {'hidden':>7s} {'plumbing':>9s} {'longest':>8s}")
    for s in shapes:
        hidden = s.hidden / s.code if s.code else 0.0
        print(f"{s.chapter:30s} {s.code_share:5.0%} {hidden:7.0%} {s.plumbing:9d} {s.longest:8d}")
    totals = shape_totals(shapes)
    print(f"all {totals['chapters']} chapters: code {totals['code_share']:.0%} of the characters, "
          f"hidden {totals['hidden_share']:.0%} of the code, {totals['plumbing']} .style or "
          f"set_caption calls, {totals['functions']} functions defined, "
          f"{totals['long_cells']} chapters with a cell over the limit")
    return 0


def _prepare(args, parameters) -> int:
    from imbdiff import book

    try:
        written = book.prepare_notebooks(
            args.root,
            selected=args.notebooks,
            profile=args.profile,
            parameters=parameters,
            output_dir=args.output_dir,
            colab=args.colab,
        )
    except FileNotFoundError as error:
        print(f"imbdiff: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote    {path}")
    return 0


def _results(args) -> int:
    import os
    from pathlib import Path

    from imbdiff import book
    from imbdiff.experiments import _store

    folder = Path(args.root) / book.OUTPUT_DIR / "results"
    if args.action == "run" and args.profile != "default":
        folder = folder / args.profile  # read with the default's, never pruned with it
    if args.action == "status":
        table = _store.status(_store.Store(folder.resolve()))
        if not len(table):
            print(f"no cells stored in {folder}; run `imbdiff results run`")
            return 0
        print(table.to_string(index=False))
        print(f"total: {table['stored'].sum()} stored, {table['stale'].sum()} stale, "
              f"{table['missing'].sum()} missing (about {table['estimated minutes'].sum():.0f} "
              "minutes to compute, from the stored cells' times)")
        sources = book.find_sources(args.root) if (Path(args.root) / book.SOURCE_DIR).is_dir() else []
        grids = {book.grid_name(args.root, source) for source in sources}
        tables = folder / _store.TABLES_DIR
        measured = {p.parent.relative_to(tables).as_posix() for p in tables.glob("**/*.json")}
        absent = sorted(grids - set(table["grid"]) - measured - {book.FRONT_PAGE.removesuffix(".md")})
        if absent:
            print("chapters with no stored cells (they run none, or `imbdiff results run` "
                  f"has not run them): {', '.join(absent)}")
        return 0
    # Every chapter runs again (their cells come from the store and the cache); the
    # cells they ask for that are missing or stale are computed and stored.
    os.environ[_store.MODE_VARIABLE] = "update"
    os.environ[_store.STORE_VARIABLE] = str(folder.resolve())
    os.environ[_store.STALE_VARIABLE] = "recompute"
    parameters = {name: parse_value(value) for name, value in args.parameter}
    # With the chapters' own cells, a grid keeps exactly what its chapter read.
    prune = set(parameters) <= _HOW_NOT_WHAT
    store = _store.Store(folder.resolve(), writable=True)
    try:
        for source in book.find_sources(args.root, args.notebooks):
            grid = book.grid_name(args.root, source)
            store.begin(grid)
            book.run_notebooks(args.root, selected=[str(source)], profile=args.profile,
                               parameters=parameters, force=True)
            if prune and store.prune(grid):
                print(f"pruned   {grid}: cells its chapter no longer reads")
    except (RuntimeError, FileNotFoundError) as error:
        print(f"imbdiff: {error}", file=sys.stderr)
        return 1
    return 0


#: Parameters that change how cells are computed, never which.
_HOW_NOT_WHAT = {"n_jobs", "backend", "scheduler", "device"}


if __name__ == "__main__":
    sys.exit(main())
