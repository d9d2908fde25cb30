"""Time LReDDPM (fit + resample, T = 1000) against CTGAN's default fit, on the CPU.

Run: ``python benchmarks/bench_lreddpm.py [--datasets page0 yeast3] [--repeats N]
[--ctgan-epochs 300] [--ctgan-threads N]``.

For every dataset (the LReDDPM paper's stratified 80 % training part, seed 0) the
script times, in the same process and the same run:

* ``LReDDPMSampler(random_state=0).fit_resample(X, y)`` with every default (T = 1000,
  guiding region "safe", q(y | s) guidance, one new row per guiding row);
* ``ctgan.CTGAN(epochs=...).fit`` on the whole training table (features and the class
  column, declared discrete): DESIGN.md's "CTGAN's default fit on the same table",
  the reference of the goal;
* the same CTGAN fit on the minority rows only, which is how the paper's CTGAN
  baseline is trained (printed for comparison, not the goal's reference).

Each time is the best of ``--repeats`` runs. The goal (DESIGN.md, "Performance") is
LReDDPM at most a quarter of CTGAN's whole-table time. The load average is printed
too: other processes on the machine slow both sides, CTGAN more (it runs torch with
its default number of threads; the sampler uses one).

``--info-study [--seeds 0 1]`` instead compares the readings of ``info(s)``
(Algorithm 1's last step), and sampling with and without ``clip_denoised``, on the
same datasets: see :func:`info_study`. Its figures are in the Notes of
:class:`~imbdiff.over_sampling.LReDDPMSampler`.
"""

import argparse
import os
import time

import numpy as np
import pandas as pd
import torch

from imbdiff import datasets
from imbdiff.over_sampling import LReDDPMSampler

GOAL_RATIO = 0.25
INFOS = (None, "mean", "literal", "recenter")


def training_part(name):
    """The paper's protocol: stratified 80/20 split, seed 0; the 80 % part."""
    X_train, _, y_train, _ = datasets.holdout_split(datasets.load(name), test_size=0.2, seed=0)
    return X_train.reset_index(drop=True), np.asarray(y_train)


def best_time(function, repeats):
    """Smallest wall time of ``repeats`` calls, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def fit_lreddpm(X, y):
    LReDDPMSampler(random_state=0).fit_resample(X, y)


def fit_ctgan(table, discrete, epochs, threads):
    """CTGAN's default fit (only ``epochs`` may differ), with ``threads`` torch threads."""
    from ctgan import CTGAN

    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        CTGAN(epochs=epochs, enable_gpu=False).fit(table, discrete_columns=discrete)
    finally:
        torch.set_num_threads(before)


def nominal_columns(X):
    return [c for c in X.columns if isinstance(X[c].dtype, pd.CategoricalDtype)]


def time_dataset(name, args):
    X, y = training_part(name)
    whole = X.assign(label=y.astype(str))
    minority = X[y == 1].reset_index(drop=True)
    nominal = nominal_columns(X)
    ours = best_time(lambda: fit_lreddpm(X, y), args.repeats)
    ctgan_whole = best_time(
        lambda: fit_ctgan(whole, nominal + ["label"], args.ctgan_epochs, args.ctgan_threads), args.repeats
    )
    ctgan_minority = best_time(
        lambda: fit_ctgan(minority, nominal, args.ctgan_epochs, args.ctgan_threads), args.repeats
    )
    return {
        "dataset": name,
        "rows": f"{len(y)} ({int((y == 1).sum())} min.)",
        "LReDDPM s": ours,
        "CTGAN table s": ctgan_whole,
        "CTGAN min. s": ctgan_minority,
        "ratio table": ours / ctgan_whole,
        "ratio min.": ours / ctgan_minority,
    }


def print_timings(rows, args):
    header = (
        f"{'dataset':<10}{'rows':>18}{'LReDDPM s':>11}{'CTGAN table s':>15}{'CTGAN min. s':>14}"
        f"{'ratio table':>13}{'ratio min.':>12}{'goal':>7}  status"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        status = "PASS" if r["ratio table"] <= GOAL_RATIO else "MISS"
        print(
            f"{r['dataset']:<10}{r['rows']:>18}{r['LReDDPM s']:>11.1f}{r['CTGAN table s']:>15.1f}"
            f"{r['CTGAN min. s']:>14.1f}{r['ratio table']:>13.3f}{r['ratio min.']:>12.3f}"
            f"{'<=' + format(GOAL_RATIO, 'g'):>7}  {status}"
        )
    print(
        f"\nGoal: LReDDPM fit + resample (T=1000) at most {GOAL_RATIO:g} x CTGAN's whole-table fit "
        f"(epochs={args.ctgan_epochs}, torch threads={args.ctgan_threads}); best of {args.repeats}; "
        f"load average after the run: {os.getloadavg()[0]:.2f}"
    )


# ---------------------------------------------------------------------- info(s) study
def region_frame(X, y, types, region):
    return X[(y == 1) & (types == region)]


def info_metrics(X, y, types, new, region):
    """How well generated rows stay with the guiding region (numeric columns).

    * ``inside``: share of rows inside the per-column [min, max] of the region's rows;
    * ``centre``: mean over columns of |generated mean - region mean| / region sd
      (columns with sd > 0);
    * ``vote``: share of rows whose 5 nearest training rows (HVDM for numeric
      columns: x / (4 sd)) are mostly guiding-region rows.
    """
    from sklearn.neighbors import KNeighborsClassifier

    reg = region_frame(X, y, types, region).to_numpy(float)
    gen = new.to_numpy(float)
    inside = np.all((gen >= reg.min(0)) & (gen <= reg.max(0)), axis=1).mean()
    sd = reg.std(0)
    keep = sd > 0
    centre = np.mean(np.abs(gen.mean(0) - reg.mean(0))[keep] / sd[keep])
    scale = 4 * X.to_numpy(float).std(0)
    scale[scale == 0] = 1.0
    labels = np.where((y == 1) & (types == region), 1, 0)
    knn = KNeighborsClassifier(n_neighbors=5).fit(X.to_numpy(float) / scale, labels)
    vote = knn.predict(gen / scale).mean()
    return inside, centre, vote


def info_study(args):
    """Compare the readings of ``info(s)``, with and without guidance and clipping.

    For each dataset and seed, one sampler per (guidance, info, clip_denoised) with
    the same ``random_state``: the DDPM, the classifier and the sampling noise are then
    the same, so only the last step (and the clipping) differ.
    """
    configs = [(guidance, info, True) for guidance in ("region", None) for info in INFOS]
    configs += [("region", None, False), ("region", "mean", False)]
    print(f"{'dataset':<9}{'seed':>5}{'guidance':>10}{'info':>10}{'clip':>6}{'inside':>8}{'centre':>8}{'vote':>7}")
    for name in args.datasets:
        X, y = training_part(name)
        for seed in args.seeds:
            for guidance, info, clip in configs:
                sampler = LReDDPMSampler(
                    guidance=guidance,
                    info=info,
                    clip_denoised=clip,
                    random_state=seed,
                    train_steps=args.train_steps,
                )
                X_res, _ = sampler.fit_resample(X, y)
                new = X_res.iloc[len(y):]
                inside, centre, vote = info_metrics(X, y, sampler.region_types_, new, sampler.region)
                print(
                    f"{name:<9}{seed:>5}{str(guidance):>10}{str(info):>10}{str(clip):>6}"
                    f"{inside:>8.2f}{centre:>8.2f}{vote:>7.2f}",
                    flush=True,
                )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=["page0", "yeast3"])
    parser.add_argument("--repeats", type=int, default=1, help="runs per timing; the best is kept")
    parser.add_argument("--ctgan-epochs", type=int, default=300, help="CTGAN's default is 300")
    parser.add_argument(
        "--ctgan-threads", type=int, default=torch.get_num_threads(), help="torch threads for CTGAN"
    )
    parser.add_argument("--info-study", action="store_true", help="compare the info(s) readings instead")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1], help="seeds of --info-study")
    parser.add_argument("--train-steps", type=int, default=2000, help="denoiser steps of --info-study")
    args = parser.parse_args()
    if args.info_study:
        info_study(args)
        return
    rows = []
    for name in args.datasets:
        rows.append(time_dataset(name, args))
        print(f"timed {name}", flush=True)
    print()
    print_timings(rows, args)


if __name__ == "__main__":
    main()
