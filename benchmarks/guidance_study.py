"""Compare the readings of LReDDPM's region classifier (``classifier=``) on training parts.

Run: ``python benchmarks/guidance_study.py [--datasets yeast3 page0 ecoli1]
[--seeds 0 1] [--timesteps 1000] [--train-steps 2000] [--out study.csv]``.

For every dataset, the LReDDPM paper's stratified 80 % training part (split seed 0)
is resampled by ``LReDDPMSampler(classifier=c, random_state=seed)`` with every other
parameter at its default (region "safe", guidance "region", tau "60/sqrt(beta)") for
each reading ``c``; the test part is never read. The DDPM is cached (``memory``), so
the readings of one seed share one denoiser and differ only in the classifier.

Columns printed, for the generated rows against the guiding region's rows:

* ``spread``: share of the numeric columns (region sd > 0) where the generated rows'
  sd is at least a quarter of the region rows' sd;
* ``distinct``: median over columns of the number of distinct generated values, and
  ``constant``: number of columns where every generated row has the same value;
* ``typed``: share of generated rows typed in the guiding region
  (:func:`imbdiff.regions.region_types_of` against the training part);
* ``grad_T``: mean norm of the classifier's gradient at ``x_T`` (first reverse step),
  ``push_T`` and ``push_med``: the ratio of the guidance shift to the step's noise sd
  at ``t = T`` and its median over the steps (``guidance_push_``).
"""

import argparse
import os
import tempfile

import numpy as np
import pandas as pd
import torch

from imbdiff import datasets
from imbdiff.over_sampling import LReDDPMSampler
from imbdiff.regions import region_types_of

READINGS = ("clean", "calibrated", "noise_aware")
SPREAD_SHARE = 0.25


def training_part(name):
    """The paper's protocol: stratified 80/20 split, seed 0; the 80 % part."""
    X_train, _, y_train, _ = datasets.holdout_split(datasets.load(name), test_size=0.2, seed=0)
    return X_train.reset_index(drop=True), np.asarray(y_train)


def spread_share(new, region):
    """Share of numeric columns (region sd > 0) with generated sd >= 1/4 region sd."""
    numeric = [c for c in region.columns if pd.api.types.is_numeric_dtype(region[c])]
    region_sd = region[numeric].std(ddof=1)
    varying = region_sd.index[region_sd > 0]
    ratio = new[varying].std(ddof=1) / region_sd[varying]
    return float((ratio >= SPREAD_SHARE).mean())


def reading_metrics(X, y, sampler, new):
    region = X[(y == 1) & (sampler.region_types_ == sampler.region)]
    distinct = new.nunique()
    push = sampler.guidance_push_[1]
    types = region_types_of(new, 1, X, y)
    return {
        "spread": spread_share(new, region),
        "distinct": float(distinct.median()),
        "region_distinct": float(region.nunique().median()),
        "constant": int((distinct == 1).sum()),
        "typed": float(np.mean(types == sampler.region)),
        "grad_T": float(push["grad_norm"].iloc[0]),
        "push_T": float(push["push"].iloc[0]),
        "push_med": float(push["push"].median()),
        "n_new": len(new),
    }


def study(args):
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        for name in args.datasets:
            X, y = training_part(name)
            for seed in args.seeds:
                for reading in args.readings:
                    sampler = LReDDPMSampler(
                        classifier=reading,
                        timesteps=args.timesteps,
                        train_steps=args.train_steps,
                        memory=cache,
                        random_state=seed,
                        device="cpu",
                    )
                    new = sampler.fit_resample(X, y)[0].iloc[len(y):]
                    row = {"dataset": name, "seed": seed, "classifier": reading}
                    rows.append({**row, **reading_metrics(X, y, sampler, new)})
                    latest = pd.DataFrame(rows[-1:]).round(3)
                    print(latest.to_string(index=False, header=len(rows) == 1), flush=True)
    return pd.DataFrame(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=["yeast3", "page0", "ecoli1"])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--readings", nargs="+", default=list(READINGS))
    parser.add_argument("--timesteps", type=int, default=1000)
    parser.add_argument("--train-steps", type=int, default=2000)
    parser.add_argument("--out", default=None, help="also write the table as CSV")
    args = parser.parse_args()
    torch.set_num_threads(1)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    table = study(args)
    print(table.round(3).to_string(index=False))
    if args.out:
        table.to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
