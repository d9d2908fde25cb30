"""LReDDPM's opt-in early stopping: where the held-out loss bottoms out, and the scores.

Run: ``python benchmarks/early_stopping_study.py [--datasets spectfheart turkish ...]
[--curve] [--lengths] [--scores] [--paired]``.

``--curve``: on the training part of the first hold-out split whose guiding region has
rows (as ``bench_lreddpm_vs_ctgan.py`` picks it), ``LReDDPMSampler(early_stopping=True,
n_iter_no_change=100)`` at the default profile's settings (T = 1000, 2000 steps), so
that the held-out denoising loss is recorded every 100 steps over the whole run
(the best check's weights are kept); prints the loss per check and the best step.

``--lengths``: on the same training part, runs of 500, 700, 1000 and 2000 training
steps (the learning rate decays to zero over each run), each with the same held-out rows
(early stopping's draw from the same seed, patience longer than the run so that none
stops): prints the held-out denoising loss at the end of each run, its best check and
the run's fit + resample time. Training rows only: it says how much held-out loss a
shorter run costs, which is what a speed goal that forces fewer steps gives up.

``--scores``: hold-out splits 0-2, sampler seed 0, the default LReDDPM and the same
with ``early_stopping=True`` (default patience); the decision tree (10 seeds) and
logistic regression trained on each resampled training part are scored on the test
part; prints the mean over splits of each score and the difference. Nothing is chosen
from these scores (the sampler's default is not changed by them).

``--paired``: the cells of the readings chapter's "length" reading (default profile,
every split, the book's seeds; read from the experiment cache when the chapter has run,
``IMBDIFF_EXPERIMENT_CACHE``): LReDDPM with early stopping minus LReDDPM with the fixed
length, per split and dataset, summarised per measure as the claims summarise a paired
difference: the mean over datasets, its t interval over the datasets' means (95 %) and
the two-sided p of that t test. The readings chapter ran these cells on
``--datasets yeast3 crg turkish spectfheart``.

The numbers in the Notes of ``LReDDPMSampler`` come from this script.
"""

import argparse
import os
import sys
import time

import numpy as np
import pandas as pd
from imbdiff import datasets, profiles
from imbdiff.claims._rules import mean_difference
from imbdiff.experiments import Holdout, run
from imbdiff.experiments._methods import guiding_region
from imbdiff.claims import reading
from imbdiff.claims._readings import reading_grid
from imbdiff.experiments._scoring import score_classifiers
from imbdiff.over_sampling import LReDDPMSampler

sys.path.insert(0, os.path.dirname(__file__))
from bench_lreddpm_vs_ctgan import nominal_columns, training_part  # noqa: E402


RUN_LENGTHS = (500, 700, 1000, 2000)


def usable_part(name, profile):
    """``(X, y, region, split)``: the first training part whose guiding region has rows."""
    region = guiding_region(name)
    X, y, split = training_part(datasets.load(name), region, profile.splits)
    return X, y, region, split


def recorded_run(X, y, region, profile, train_steps):
    """LReDDPM fitted on ``X, y``, the held-out loss recorded every 100 steps over the
    whole run (patience longer than any run)."""
    sampler = LReDDPMSampler(
        region=region, random_state=0, device="cpu", early_stopping=True,
        n_iter_no_change=100, timesteps=profile.timesteps, train_steps=train_steps,
    )
    sampler.fit_resample(X, y)
    return sampler


def curve(name, profile):
    X, y, region, split = usable_part(name, profile)
    sampler = recorded_run(X, y, region, profile, profile.train_steps)
    history = sampler.denoiser_[1].validation_history_
    print(
        f"{name} (split {split}, {int((y == 1).sum())} minority rows): best step "
        f"{sampler.best_train_step_[1]}; held-out loss every 100 steps: "
        f"{np.round(history, 3).tolist()}",
        flush=True,
    )


def lengths(name, profile):
    X, y, region, split = usable_part(name, profile)
    cells = []
    for steps in RUN_LENGTHS:
        start = time.perf_counter()
        sampler = recorded_run(X, y, region, profile, steps)
        seconds = time.perf_counter() - start
        history = sampler.denoiser_[1].validation_history_
        cells.append(
            f"{steps}: end {history[-1]:.3f}, best {history.min():.3f} at "
            f"{(history.argmin() + 1) * 100}, {seconds:.1f} s"
        )
    print(f"{name} (split {split}, {int((y == 1).sum())} minority rows) | "
          + " | ".join(cells), flush=True)


def scores(name, profile, n_splits=3):
    dataset = datasets.load(name)
    nominal = nominal_columns(dataset.X)
    region = guiding_region(name)
    rows = []
    for split in range(n_splits):
        train, test = Holdout(seed=split).indices(dataset.y)
        X, y = dataset.X.iloc[train].reset_index(drop=True), dataset.y[train]
        X_test, y_test = dataset.X.iloc[test].reset_index(drop=True), dataset.y[test]
        for early in (False, True):
            sampler = LReDDPMSampler(
                region=region, random_state=0, device="cpu", early_stopping=early,
                timesteps=profile.timesteps, train_steps=profile.train_steps,
            )
            X_res, y_res = sampler.fit_resample(X, y)
            table = score_classifiers(X_res, y_res, X_test, y_test, nominal=nominal)
            table = table.assign(dataset=name, split=split, early_stopping=early,
                                 steps=sampler.n_train_steps_[1])
            rows.append(table)
    return pd.concat(rows, ignore_index=True)


def paired(names, profile):
    settings = profiles.get(profile.name, datasets=",".join(names))
    per_split = []
    for choice in reading("length").choices:
        cells = [c for c in reading_grid("length", choice, settings) if c.method == "LReDDPM"]
        table = run(cells, n_jobs=2).per_split()
        per_split.append(table.assign(choice=choice))
    wide = pd.concat(per_split).pivot_table(
        index=["metric", "dataset", "split"], columns="choice", values="mean"
    )
    fixed, early = reading("length").choices
    differences = (wide[early] - wide[fixed]).rename("difference").reset_index()
    rows = []
    # The claims' own statistics: the datasets replicate (t over their mean differences).
    for metric, cells in differences.groupby("metric"):
        outcome = mean_difference(cells, 0.0, unit="dataset")
        rows.append({"metric": metric, "mean": outcome.estimate, "low": outcome.ci_low,
                     "high": outcome.ci_high, "p (two-sided t)": 2 * min(outcome.p_for, outcome.p_against),
                     "pairs": len(cells)})
    print(pd.DataFrame(rows).round(3).to_string(index=False))
    by_dataset = differences.groupby(["metric", "dataset"])["difference"].mean()
    print(by_dataset.unstack().round(2).to_string())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=["spectfheart", "turkish", "yeast3"])
    parser.add_argument("--curve", action="store_true")
    parser.add_argument("--lengths", action="store_true")
    parser.add_argument("--scores", action="store_true")
    parser.add_argument("--paired", action="store_true")
    args = parser.parse_args()
    profile = profiles.get("default")
    if args.curve:
        for name in args.datasets:
            curve(name, profile)
    if args.lengths:
        for name in args.datasets:
            lengths(name, profile)
    if args.scores:
        table = pd.concat([scores(name, profile) for name in args.datasets], ignore_index=True)
        means = table.pivot_table(
            index=["dataset", "classifier", "metric"], columns="early_stopping", values="mean"
        )
        means["difference"] = means[True] - means[False]
        print(means.round(1).to_string())
        print(table.groupby(["dataset", "early_stopping"])["steps"].mean().to_string())
    if args.paired:
        paired(args.datasets, profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
