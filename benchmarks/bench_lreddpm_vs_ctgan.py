"""LReDDPM fit + resample against CTGAN's default fit, on every Table 1 dataset, in one run.

Run: ``python benchmarks/bench_lreddpm_vs_ctgan.py [--datasets crg page0 ...]
[--repeats N] [--quick]``.

For every LReDDPM Table 1 dataset (:data:`imbdiff.profiles.LREDDPM_DATASETS`) that can
be loaded (the others are listed as skipped, with the reason), in the same process and
the same run:

* LReDDPM as the book's default profile runs it: ``LReDDPMSampler`` with the profile's
  ``timesteps`` and ``train_steps`` (T = 1000, 2000 steps), the paper's guiding region
  of the dataset, one new row per guiding row, ``fit_resample`` on the training part of
  the first of the profile's hold-out splits (80/20, seeds 0, 1, ...) whose guiding
  region has rows (abalone17 has no "safe" minority row in most splits);
* ``ctgan.CTGAN()`` with every default (300 epochs) fitted on the same training part:
  the features and the class column, nominal columns and the class declared discrete.

Both run on the CPU (DESIGN.md's goal is a CPU goal; ``enable_gpu=False`` for CTGAN).

Each time is the best of ``--repeats`` runs. The goal (issue 12) is LReDDPM at most a
quarter of CTGAN's time on every dataset; the script exits with status 1 when a
measured ratio is above it. ``--quick`` checks that the script works, with tiny
settings (10 diffusion steps, one CTGAN epoch) whose ratios mean nothing; it gives no
verdict. Time nothing while other heavy jobs run: the load average is printed.
"""

import argparse
import os
import sys
import time

import numpy as np
import pandas as pd
import torch

from imbdiff import datasets, profiles
from imbdiff.experiments import Holdout, guiding_region, method_params
from imbdiff.over_sampling import LReDDPMSampler
from imbdiff.regions import region_types

GOAL_RATIO = 0.25
QUICK = {"timesteps": 10, "train_steps": 10, "ctgan_epochs": 1}


def best_time(function, repeats):
    """Smallest wall time of ``repeats`` calls, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def nominal_columns(X):
    return [c for c in X.columns if isinstance(X[c].dtype, pd.CategoricalDtype)]


def training_part(dataset, region, n_splits):
    """The training part of the first split whose guiding region has minority rows.

    Returns ``(X, y, seed)``, or ``None`` when no split of the profile has any.
    """
    nominal = nominal_columns(dataset.X)
    for seed in range(n_splits):
        train, _ = Holdout(seed=seed).indices(dataset.y)
        X, y = dataset.X.iloc[train].reset_index(drop=True), dataset.y[train]
        types = region_types(X, y, categorical_features=nominal)
        if np.any((y == 1) & (types == region)):
            return X, y, seed
    return None


def fit_lreddpm(X, y, region, settings):
    sampler = LReDDPMSampler(
        region=region, sampling_strategy="region", random_state=0, device="cpu", **settings
    )
    sampler.fit_resample(X, y)


def fit_ctgan(X, y, epochs):
    """CTGAN's default fit on the whole training table (only ``epochs`` may differ)."""
    from ctgan import CTGAN

    table = X.assign(label=y.astype(str))
    discrete = nominal_columns(X) + ["label"]
    CTGAN(epochs=epochs, enable_gpu=False).fit(table, discrete_columns=discrete)


def time_dataset(name, args, settings, n_splits):
    """One row of the table, or the reason the dataset was skipped (a string)."""
    try:
        dataset = datasets.load(name)
    except datasets.DatasetUnavailable as exc:
        return f"not available: {str(exc).split('. ')[0]}"
    region = guiding_region(name)
    part = training_part(dataset, region, n_splits)
    if part is None:
        return f"no minority row of the guiding region {region!r} in any of {n_splits} splits"
    X, y, seed = part
    ours = best_time(lambda: fit_lreddpm(X, y, region, settings), args.repeats)
    ctgan = best_time(lambda: fit_ctgan(X, y, args.ctgan_epochs), args.repeats)
    return {
        "dataset": name,
        "split": seed,
        "rows": f"{len(y)} ({int((y == 1).sum())} min.)",
        "LReDDPM s": ours,
        "CTGAN s": ctgan,
        "ratio": ours / ctgan,
    }


def print_table(rows, skipped, args, settings):
    header = (
        f"{'dataset':<12}{'split':>6}{'train rows':>18}{'LReDDPM s':>11}{'CTGAN s':>10}"
        f"{'ratio':>8}{'goal':>7}  status"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        status = "-" if args.quick else ("PASS" if r["ratio"] <= GOAL_RATIO else "MISS")
        print(
            f"{r['dataset']:<12}{r['split']:>6}{r['rows']:>18}{r['LReDDPM s']:>11.1f}"
            f"{r['CTGAN s']:>10.1f}{r['ratio']:>8.3f}{'<=' + format(GOAL_RATIO, 'g'):>7}  {status}"
        )
    for name, reason in skipped.items():
        print(f"{name:<12}skipped: {reason}")
    print(
        f"\nLReDDPM: timesteps={settings['timesteps']}, train_steps={settings['train_steps']}, "
        f"one torch thread (the sampler's own setting); CTGAN: epochs={args.ctgan_epochs}, "
        f"torch threads: {torch.get_num_threads()} (its default); best of {args.repeats}; "
        f"load average after the run: {os.getloadavg()[0]:.2f}"
    )


def verdict(rows):
    """Exit status: 1 when a measured ratio is above the goal, 2 when none was measured."""
    if not rows:
        print("No dataset could be measured.")
        return 2
    missed = [r["dataset"] for r in rows if r["ratio"] > GOAL_RATIO]
    if missed:
        print(f"Goal missed (ratio > {GOAL_RATIO:g}) on: {', '.join(missed)}")
        return 1
    print(f"Goal met (ratio <= {GOAL_RATIO:g}) on every measured dataset.")
    return 0


def main():
    profile = profiles.get("default")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=list(profiles.LREDDPM_DATASETS))
    parser.add_argument("--repeats", type=int, default=1, help="runs per timing; the best is kept")
    parser.add_argument("--quick", action="store_true", help="tiny settings: check it works")
    args = parser.parse_args()
    unknown = sorted(set(args.datasets) - set(profiles.LREDDPM_DATASETS))
    if unknown:
        parser.error(f"not Table 1 datasets: {unknown}; choose from {profiles.LREDDPM_DATASETS}")
    settings = method_params("LReDDPM", profile)
    args.ctgan_epochs = 300  # ctgan.CTGAN's default
    if args.quick:
        settings = {"timesteps": QUICK["timesteps"], "train_steps": QUICK["train_steps"]}
        args.ctgan_epochs = QUICK["ctgan_epochs"]
    rows, skipped = [], {}
    for name in args.datasets:
        outcome = time_dataset(name, args, settings, profile.splits)
        if isinstance(outcome, str):
            skipped[name] = outcome
        else:
            rows.append(outcome)
        print(f"{'skipped' if isinstance(outcome, str) else 'timed'} {name}", flush=True)
    print()
    print_table(rows, skipped, args, settings)
    if args.quick:
        print("--quick: tiny settings, no verdict.")
        return 0
    return verdict(rows)


if __name__ == "__main__":
    sys.exit(main())
