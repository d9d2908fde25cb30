"""Compare the numeric transforms of the diffusion samplers on training parts.

Run: ``python benchmarks/transform_study.py [--datasets yeast3 page0 ecoli1]
[--splits 0 1] [--timesteps 1000] [--train-steps 2000] [--out study.csv]``.

For every dataset and split seed, the LReDDPM paper's stratified 80 % training part
(:func:`imbdiff.datasets.holdout_split`, ``test_size=0.2``) is resampled by
``LReDDPMSampler(numeric_transform=m, random_state=split)`` and by
``DDPMSampler(numeric_transform=m, random_state=split)``, every other parameter at
its default, for each transform ``m``; the test part is never read. The two samplers
draw the same seeds and train the same DDPM, which ``memory`` caches.

Columns printed (generated minority rows against reference rows; LReDDPM's
reference is the guiding region's rows, DDPM's the minority training rows):

* ``at_min`` / ``ref_at_min``: share of rows at the minimum of the column named by
  ``--tie-column`` (yeast3's ``Nuc``: half the minority rows are tied at 0.22);
* ``spread``: share of the numeric columns (reference sd > 0) where the generated
  rows' sd is at least a quarter of the reference rows' sd;
* ``ks``: median over the numeric columns of the two-sample Kolmogorov-Smirnov
  distance between generated and reference rows (``ks_max``: the largest, in column
  ``ks_worst``).
"""

import argparse
import os
import tempfile

import numpy as np
import pandas as pd
import torch
from scipy.stats import ks_2samp

from imbdiff import datasets
from imbdiff.over_sampling import DDPMSampler, LReDDPMSampler

TRANSFORMS = ("quantile", "quantile-midrank")
SPREAD_SHARE = 0.25
TIE_COLUMNS = {"yeast3": "Nuc"}


def training_part(name, split):
    """The paper's protocol: stratified 80/20 split; the 80 % part only."""
    X_train, _, y_train, _ = datasets.holdout_split(datasets.load(name), test_size=0.2, seed=split)
    return X_train.reset_index(drop=True), np.asarray(y_train)


def numeric_columns(frame):
    return [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]


def fidelity(new, reference, tie_column=None):
    """Spread share, KS distances and (for ``tie_column``) the share at its minimum."""
    numeric = numeric_columns(reference)
    ref_sd = reference[numeric].std(ddof=1)
    varying = ref_sd.index[ref_sd > 0]
    ratio = new[varying].std(ddof=1) / ref_sd[varying]
    ks = [ks_2samp(new[c], reference[c]).statistic for c in numeric]
    row = {
        "spread": float((ratio >= SPREAD_SHARE).mean()),
        "ks": float(np.median(ks)),
        "ks_max": float(max(ks)),
        "ks_worst": numeric[int(np.argmax(ks))],
    }
    if tie_column is not None:
        low = reference[tie_column].min()
        row["at_min"] = float((new[tie_column] == low).mean())
        row["ref_at_min"] = float((reference[tie_column] == low).mean())
    return row


def run(name, split, transform, args, memory):
    X, y = training_part(name, split)
    tie = TIE_COLUMNS.get(name)
    common = {
        "numeric_transform": transform,
        "timesteps": args.timesteps,
        "train_steps": args.train_steps,
        "random_state": split,
        "memory": memory,
    }
    rows = []
    guided = LReDDPMSampler(**common)
    X_res, _ = guided.fit_resample(X, y)
    region = X[(y == 1) & (guided.region_types_ == guided.region)]
    new = X_res.iloc[len(X) :]
    rows.append({"sampler": "LReDDPM", **fidelity(new, region, tie)})
    plain = DDPMSampler(**common)
    X_res, _ = plain.fit_resample(X, y)
    new = X_res.iloc[len(X) :]
    rows.append({"sampler": "DDPM", **fidelity(new, X[y == 1], tie)})
    return [{"dataset": name, "split": split, "transform": transform, **r} for r in rows]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", nargs="+", default=["yeast3", "page0", "ecoli1"])
    parser.add_argument("--splits", nargs="+", type=int, default=[0, 1])
    parser.add_argument("--timesteps", type=int, default=1000)
    parser.add_argument("--train-steps", type=int, default=2000)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    torch.set_num_threads(1)
    results = []
    with tempfile.TemporaryDirectory() as cache:
        for name in args.datasets:
            for split in args.splits:
                for transform in TRANSFORMS:
                    results += run(name, split, transform, args, os.path.join(cache, "ddpm"))
                    table = pd.DataFrame(results)
                    if args.out:
                        table.to_csv(args.out, index=False)
                    latest = table.tail(2).round(3).to_string(index=False, header=len(results) == 2)
                    print(latest, flush=True)
    print(pd.DataFrame(results).round(3).to_string(index=False))


if __name__ == "__main__":
    main()
