"""LReDDPM fit + resample against CTGAN's default fit, on every Table 1 dataset, in one run.

Run: ``python benchmarks/bench_lreddpm_vs_ctgan.py [--datasets crg page0 ...]
[--repeats N] [--early-stopping] [--steps-at-goal] [--quick]``.

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

``--early-stopping`` also times the opt-in ``LReDDPMSampler(early_stopping=True)`` (the
DDPM stops on a held-out denoising loss; its other settings as above) in the same run,
against the same CTGAN time, and reports the training steps it took.

``--steps-at-goal`` also times the default LReDDPM with a quarter of its training steps
and fits ``time = a + b * steps`` through the two runs (``a``: everything that does not
train the DDPM: region typing, transform, classifier, sampling; ``b``: one training
step), and prints the most training steps (in hundreds) whose fit + resample would meet
the goal against the same CTGAN time: how much training the goal leaves each dataset
(0 when ``a`` alone is above it).

Each time is the best of ``--repeats`` runs, in wall-clock seconds (the goal's
measure) and, separately, in process CPU seconds (``time.process_time``: less
sensitive to other processes on a shared machine; the CPU ratio is printed too).
The goal (issue 12) is LReDDPM at most a quarter of CTGAN's time on every dataset;
the script exits with status 1 when a measured wall ratio of the default LReDDPM is
above it (the early-stopping column has its own status but does not set the exit
status: it is an opt-in, not the default). ``--quick`` checks that the script works, with tiny
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
from imbdiff.experiments import Holdout
from imbdiff.experiments._methods import guiding_region, method_params
from imbdiff.over_sampling import LReDDPMSampler
from imbdiff.regions import region_types

GOAL_RATIO = 0.25
QUICK = {"timesteps": 10, "train_steps": 10, "ctgan_epochs": 1}


def best_time(function, repeats):
    """Smallest wall time and smallest process CPU time of ``repeats`` calls (seconds),
    and the last call's return value."""
    wall = cpu = float("inf")
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, result


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
    """Fit and resample; returns the training steps the DDPM took."""
    sampler = LReDDPMSampler(
        region=region, sampling_strategy="region", random_state=0, device="cpu", **settings
    )
    sampler.fit_resample(X, y)
    return sampler.n_train_steps_[1]


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
    ours, ours_cpu, _ = best_time(lambda: fit_lreddpm(X, y, region, settings), args.repeats)
    ctgan, ctgan_cpu, _ = best_time(lambda: fit_ctgan(X, y, args.ctgan_epochs), args.repeats)
    row = {
        "dataset": name,
        "split": seed,
        "rows": f"{len(y)} ({int((y == 1).sum())} min.)",
        "LReDDPM s": ours,
        "CTGAN s": ctgan,
        "ratio": ours / ctgan,
        "cpu ratio": ours_cpu / ctgan_cpu,
        "LReDDPM cpu": ours_cpu,
        "CTGAN cpu": ctgan_cpu,
    }
    if args.early_stopping:
        early = {**settings, "early_stopping": True}
        es, es_cpu, steps = best_time(lambda: fit_lreddpm(X, y, region, early), args.repeats)
        row.update({"ES s": es, "ES ratio": es / ctgan, "ES cpu ratio": es_cpu / ctgan_cpu,
                    "ES steps": steps})
    if args.steps_at_goal:
        row["steps at goal"] = steps_at_goal(X, y, region, settings, args, ours, ctgan)
    return row


def steps_at_goal(X, y, region, settings, args, full_time, ctgan_time):
    """The most training steps (a multiple of 100, at most ``train_steps``) whose time,
    on the line through the full run and a run of a quarter of its steps, meets the
    goal against ``ctgan_time``."""
    full = settings["train_steps"]
    short = {**settings, "train_steps": max(1, full // 4)}
    short_time, _, _ = best_time(lambda: fit_lreddpm(X, y, region, short), args.repeats)
    per_step = max(full_time - short_time, 1e-9) / (full - short["train_steps"])
    fixed = short_time - per_step * short["train_steps"]
    allowed = (GOAL_RATIO * ctgan_time - fixed) / per_step
    return int(np.clip(allowed // 100 * 100, 0, full))


def _status(ratio, args):
    return "-" if args.quick else ("PASS" if ratio <= GOAL_RATIO else "MISS")


def print_table(rows, skipped, args, settings):
    header = (
        f"{'dataset':<12}{'split':>6}{'train rows':>18}{'LReDDPM s':>11}{'CTGAN s':>10}"
        f"{'ratio':>8}{'cpu s':>13}{'cpu ratio':>10}{'goal':>7}  status"
    )
    if args.early_stopping:
        header += f"{'ES s':>8}{'ES ratio':>9}{'ES cpu r.':>10}{'ES steps':>9}  ES status"
    if args.steps_at_goal:
        header += f"{'steps at goal':>15}"
    print(header)
    print("-" * len(header))
    for r in rows:
        cpu = f"{r['LReDDPM cpu']:.1f}/{r['CTGAN cpu']:.1f}"
        line = (
            f"{r['dataset']:<12}{r['split']:>6}{r['rows']:>18}{r['LReDDPM s']:>11.1f}"
            f"{r['CTGAN s']:>10.1f}{r['ratio']:>8.3f}{cpu:>13}{r['cpu ratio']:>10.3f}"
            f"{'<=' + format(GOAL_RATIO, 'g'):>7}  {_status(r['ratio'], args):<6}"
        )
        if args.early_stopping:
            line += (
                f"{r['ES s']:>8.1f}{r['ES ratio']:>9.3f}{r['ES cpu ratio']:>10.3f}"
                f"{r['ES steps']:>9}  {_status(r['ES ratio'], args):<9}"
            )
        if args.steps_at_goal:
            line += f"{r['steps at goal']:>15}"
        print(line)
    for name, reason in skipped.items():
        print(f"{name:<12}skipped: {reason}")
    print(
        f"\nLReDDPM: timesteps={settings['timesteps']}, train_steps={settings['train_steps']}, "
        f"one torch thread (the sampler's own setting); CTGAN: epochs={args.ctgan_epochs}, "
        f"torch threads: {torch.get_num_threads()} (torch's default here, "
        f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}); best of {args.repeats}; "
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
    parser.add_argument(
        "--early-stopping",
        action="store_true",
        help="also time LReDDPMSampler(early_stopping=True) (opt-in) against the same CTGAN",
    )
    parser.add_argument(
        "--steps-at-goal",
        action="store_true",
        help="also estimate the most training steps that would meet the goal",
    )
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
