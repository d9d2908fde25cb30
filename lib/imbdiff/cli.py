"""Command line: ``imbdiff book run`` executes the book's notebooks.

Examples
--------
Execute every chapter with the default profile (unchanged ones are skipped)::

    imbdiff book run

Rerun one chapter on other datasets with a new split seed::

    imbdiff book run lreddpm/02_regions -p datasets yeast3,crg -p seed 7

Write every chapter unexecuted into book/, set to the smoke profile (what Binder does)::

    imbdiff book prepare --profile smoke
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
    from imbdiff import profiles

    parser = argparse.ArgumentParser(prog="imbdiff", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    book = commands.add_parser("book", help="work with the book's notebooks")
    actions = book.add_subparsers(dest="action", required=True)

    run = actions.add_parser("run", help="execute notebooks into book/ with papermill")
    run.add_argument("notebooks", nargs="*", help="notebooks to run (default: all)")
    run.add_argument("--profile", default="default", choices=profiles.names())
    run.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[],
        metavar=("NAME", "VALUE"), help="set a notebook parameter (repeatable)",
    )
    run.add_argument("--root", default=".", help="repository root (default: .)")
    run.add_argument("--output-dir", default=None, help="default: ROOT/book")
    run.add_argument("--force", action="store_true", help="execute even if up to date")

    prepare = actions.add_parser(
        "prepare", help="write notebooks unexecuted with their parameters set (for Binder)"
    )
    prepare.add_argument("notebooks", nargs="*", help="notebooks to write (default: all)")
    prepare.add_argument("--profile", default="smoke", choices=profiles.names())
    prepare.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[],
        metavar=("NAME", "VALUE"), help="set a notebook parameter (repeatable)",
    )
    prepare.add_argument("--root", default=".", help="repository root (default: .)")
    prepare.add_argument("--output-dir", default=None, help="default: ROOT/book")
    prepare.add_argument(
        "--colab", action="store_true", help="open each notebook with Colab's install cell"
    )

    listing = actions.add_parser("list", help="list the notebook sources")
    listing.add_argument("--root", default=".")
    return parser


def main(argv=None) -> int:
    from imbdiff import book

    args = _parser().parse_args(argv)
    if args.action == "list":
        for source in book.find_sources(args.root):
            print(source)
        return 0
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
        )
    except (RuntimeError, FileNotFoundError) as error:
        print(f"imbdiff: {error}", file=sys.stderr)
        return 1
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


if __name__ == "__main__":
    sys.exit(main())
