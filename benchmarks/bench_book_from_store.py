"""Time ``make book`` from a fresh clone, its cells read from the results store, against
what computing those cells took.

Run: ``python benchmarks/bench_book_from_store.py [--chapters lreddpm/05_distances ...]
[--jobs 2] [--keep] [--verdicts-from CACHE]``.

The script clones the repository's committed state (``git clone``) into a temporary
folder, with an empty experiment cache, and times there, as ``make book`` runs them:

* ``imbdiff book run --profile default --jobs J`` (every chapter, or those named), with
  ``IMBDIFF_STALE=stop`` so that a stale stored cell fails the run instead of being
  computed;
* ``jupyter-book build . -W --keep-going``.

Setup is left out (the clone uses this interpreter's installed packages, with the
clone's own ``lib`` first on the path). It then prints both times, the wall hours the
stored cells of those chapters took when they were computed (from the store), and the
ratio. With ``--verdicts-from`` it compares every claim's verdict the chapters recorded
(``claims.record``, under ``verdicts/default/`` of an experiment cache) with those a
build that computed the cells recorded in ``CACHE``: the book from the store must reach
the same verdicts. The design target (DESIGN.md, "Performance") is ``make book`` from a fresh clone
within 10 minutes on 2 cores. A chapter whose cells the store lacks computes them, so
run it on chapters the store holds (``imbdiff results status`` lists them), and on a
quiet machine: the load average is printed.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from imbdiff.experiments._store import Store

ROOT = Path(__file__).resolve().parents[1]
GOAL_MINUTES = 10.0


def _timed(command, cwd, environment):
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds


def _stored_hours(clone, chapters):
    table = Store(clone / "book" / "results").table()
    if chapters:
        table = table[table["grid"].isin(chapters)]
    done = table[table["digest"] != ""].drop_duplicates("cell")
    return pd.to_numeric(done["wall_seconds"]).sum() / 3600, len(done), table["grid"].nunique()


def _verdicts(cache: Path) -> pd.DataFrame:
    files = sorted((cache / "verdicts" / "default").glob("*.csv"))
    if not files:
        return pd.DataFrame(columns=["recorded_by", "key", "verdict"])
    parts = [pd.read_csv(path, usecols=["recorded_by", "key", "verdict"]) for path in files]
    return pd.concat(parts, ignore_index=True).set_index(["recorded_by", "key"])["verdict"]


def _compare_verdicts(here: Path, computed: Path) -> None:
    """Print how many recorded verdicts match those of the build that computed the cells."""
    ours, theirs = _verdicts(here), _verdicts(computed)
    both = ours.index.intersection(theirs.index)
    differ = [f"{chapter} {key}: {theirs[(chapter, key)]} -> {ours[(chapter, key)]}"
              for chapter, key in both if ours[(chapter, key)] != theirs[(chapter, key)]]
    print(f"verdicts compared with {computed}: {len(both)} claims in both, "
          f"{len(both) - len(differ)} the same, {len(differ)} different; "
          f"{len(ours.index.difference(theirs.index))} only here, "
          f"{len(theirs.index.difference(ours.index))} only there")
    for line in differ:
        print(f"  differs: {line}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", nargs="*", default=[], help="default: every chapter")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the clone")
    parser.add_argument("--verdicts-from", type=Path, default=None,
                        help="an experiment cache whose build computed the cells")
    args = parser.parse_args(argv)

    print(f"load average before: {os.getloadavg()[0]:.2f} (time on a quiet machine)")
    folder = Path(tempfile.mkdtemp(prefix="imbdiff-book-"))
    clone = folder / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    environment = {
        **os.environ,
        "PYTHONPATH": str(clone / "lib"),
        "IMBDIFF_EXPERIMENT_CACHE": str(folder / "cache"),
        "IMBDIFF_STALE": "stop",
        "IMBDIFF_RESULTS": "read",
    }
    environment.pop("IMBDIFF_RESULTS_STORE", None)
    bin_dir = Path(sys.executable).parent
    chapters = [name.removesuffix(".md") for name in args.chapters]
    run = [str(bin_dir / "imbdiff"), "book", "run", "--profile", "default",
           "--jobs", str(args.jobs), *chapters]
    notebooks = _timed(run, clone, environment)
    html = _timed([str(bin_dir / "jupyter-book"), "build", ".", "-W", "--keep-going"], clone,
                  environment)
    hours, cells, grids = _stored_hours(clone, chapters)
    total = notebooks + html
    print(f"chapters: {', '.join(chapters) or 'all'} ({grids} grids, {cells} stored cells)")
    print(f"imbdiff book run --jobs {args.jobs}: {notebooks:.0f} s")
    print(f"jupyter-book build:            {html:.0f} s")
    print(f"make book from the store:      {total / 60:.1f} min (goal: {GOAL_MINUTES:.0f} min)")
    print(f"computing those cells took:    {hours:.2f} h of wall time when they were stored")
    if hours:
        print(f"ratio, from the store / computed: {total / 3600 / hours:.3f}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if args.verdicts_from:
        _compare_verdicts(folder / "cache", args.verdicts_from)
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return 0 if total <= GOAL_MINUTES * 60 else 1


if __name__ == "__main__":
    sys.exit(main())
