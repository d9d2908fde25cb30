"""Time HVDM region typing against scikit-learn's Euclidean kNN on the same data.

Run: ``python benchmarks/bench_regions.py [--repeats N] [--seed S]``.

For each table the script times :func:`imbdiff.regions.region_types` (k = 5:
validation, HVDM embedding, neighbour search, exact tie handling, typing) and
``NearestNeighbors(n_neighbors=6).fit(M).kneighbors(M)`` on the table as a plain
numeric matrix ``M`` (nominal columns as their integer codes), each the best of
``--repeats`` interleaved runs in the same process, and prints both times and
their ratio.
The design target (DESIGN.md, "Performance") is a ratio of at most 2, and the
756 x 754 table (parkin's shape) well under a second.
"""

import argparse
import time

import numpy as np
import pandas as pd
from sklearn.neighbors import NearestNeighbors

from imbdiff.regions import region_types

RATIO_GOAL = 2.0
PARKIN_SHAPE_GOAL_SECONDS = 1.0


def numeric_table(rng, n_rows, n_cols):
    """Standard normal features."""
    return rng.normal(size=(n_rows, n_cols))


def mixed_table(rng, n_rows, n_cols, n_nominal):
    """Normal numeric columns and ``n_nominal`` category columns of 3 to 12 levels."""
    frame = pd.DataFrame(rng.normal(size=(n_rows, n_cols - n_nominal)))
    frame.columns = [f"x{j}" for j in frame.columns]
    for j in range(n_nominal):
        levels = np.array([f"v{level}" for level in range(3 + 3 * j)])
        frame[f"c{j}"] = pd.Categorical(rng.choice(levels, size=n_rows))
    return frame


def as_matrix(X):
    """The table as scikit-learn would take it: category columns as their codes."""
    if not isinstance(X, pd.DataFrame):
        return X
    def codes(column):
        return column.cat.codes if isinstance(column.dtype, pd.CategoricalDtype) else column

    return X.apply(codes).to_numpy(dtype=np.float64)


def best_times(functions, repeats):
    """Smallest wall time of ``repeats`` calls of each function, in seconds.

    The calls are interleaved, so a change of machine load during the run
    affects all functions alike and the ratio stays meaningful.
    """
    best = [float("inf")] * len(functions)
    for _ in range(repeats):
        for i, function in enumerate(functions):
            start = time.perf_counter()
            function()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def sklearn_knn(matrix):
    return NearestNeighbors(n_neighbors=6).fit(matrix).kneighbors(matrix)


def cases(rng):
    yield "numeric (parkin's shape)", numeric_table(rng, 756, 754)
    yield "numeric", numeric_table(rng, 20000, 40)
    yield "mixed, 5 nominal", mixed_table(rng, 20000, 40, 5)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per timing; the best is kept")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)

    header = (
        f"{'table':<26}{'shape':>12}{'ours (s)':>11}{'sklearn (s)':>13}"
        f"{'ratio':>8}{'goal':>7}  status"
    )
    print(header)
    print("-" * len(header))
    for name, X in cases(rng):
        y = (rng.random(X.shape[0]) < 0.25).astype(int)
        matrix = as_matrix(X)
        region_types(X, y)  # warm-up: imports, thread pools
        sklearn_knn(matrix)
        ours, theirs = best_times(
            [lambda: region_types(X, y), lambda: sklearn_knn(matrix)], args.repeats
        )
        ratio = ours / theirs
        status = "PASS" if ratio <= RATIO_GOAL else "MISS"
        shape = f"{X.shape[0]}x{X.shape[1]}"
        goal = f"<={RATIO_GOAL:g}"
        print(
            f"{name:<26}{shape:>12}{ours:>11.3f}{theirs:>13.3f}{ratio:>8.2f}{goal:>7}  {status}"
        )
        if X.shape == (756, 754):
            parkin_time = ours
    verdict = "PASS" if parkin_time < PARKIN_SHAPE_GOAL_SECONDS else "MISS"
    goal = f"well under {PARKIN_SHAPE_GOAL_SECONDS:g} s"
    print(f"\n756x754 in {parkin_time:.3f} s (goal: {goal}): {verdict}")


if __name__ == "__main__":
    main()
