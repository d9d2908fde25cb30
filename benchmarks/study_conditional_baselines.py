"""Do the baselines' rows "encroach upon the majority class region"? (LReDDPM, Sect. 4.2)

Run: ``python benchmarks/study_conditional_baselines.py [--datasets yeast3]
[--methods FinDiff FinDiff-cond] [--seed 0]``.

The LReDDPM paper trains FinDiff on "the original dataset" and says that its rows
(and CTGAN's) "may deviate from the sample range of the minority class, encroaching
upon the majority class region". For each dataset (the runner's hold-out training
part, split seed 0) and method of :data:`imbdiff.experiments.METHODS` (every
parameter at the sampler's default unless ``--epochs`` is given for the GAN/VAE
family; ``sampling_strategy="auto"``, i.e. as many rows as balance the classes, for a
tighter estimate), the script prints, for the generated minority rows:

* *majority-like*: the share whose 5 nearest training rows under the training
  part's HVDM are mostly (3 or more) majority rows;
* their region types against the training rows
  (:func:`imbdiff.regions.region_types_of`);

and, as the reference, the same share among the real minority rows of the training
part (their 5 nearest other training rows). Nothing is timed.
"""

import argparse

import numpy as np
import pandas as pd
from sklearn.neighbors import NearestNeighbors

from imbdiff.experiments import METHODS, Experiment
from imbdiff.lreddpm import training_split
from imbdiff.regions import REGION_NAMES, hvdm_embedding, region_types_of, same_class_fraction

K = 5


def majority_votes(X_new, X, y):
    """Number of majority rows among each new row's K nearest rows of ``(X, y)`` (HVDM)."""
    reference = hvdm_embedding(X, y)
    queries = hvdm_embedding(X, y, X_new=X_new)
    _, neighbours = NearestNeighbors(n_neighbors=K).fit(reference).kneighbors(queries)
    return (y[neighbours] != 1).sum(axis=1)


def study(dataset, method, seed, epochs):
    X, y, _, _, _ = training_split(Experiment.make(dataset, "Original"))
    params = {} if epochs is None or METHODS[method].family != "gan" else {"epochs": epochs}
    sampler = METHODS[method].build("auto", "safe", seed, None, **params)
    X_res, _ = sampler.fit_resample(X, y)
    new = X_res.iloc[len(X):].reset_index(drop=True)
    votes = majority_votes(new, X, y)
    types = pd.Series(region_types_of(new, 1, X, y, k=K)).value_counts(normalize=True)
    row = {"dataset": dataset, "method": method, "n_new": len(new)}
    row["majority_like"] = np.mean(votes >= 3)
    row.update({name: float(types.get(name, 0.0)) for name in REGION_NAMES})
    return row


def reference(dataset):
    X, y, _, _, _ = training_split(Experiment.make(dataset, "Original"))
    same = same_class_fraction(X, y, k=K)[y == 1]
    return {"dataset": dataset, "method": "real minority rows", "n_new": int((y == 1).sum()),
            "majority_like": float(np.mean(same <= 0.4 + 1e-9))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", nargs="+", default=["yeast3"])
    parser.add_argument("--methods", nargs="+", default=["FinDiff", "FinDiff-cond"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, help="CTGAN/TVAE epochs (default: theirs)")
    args = parser.parse_args()
    rows = []
    for dataset in args.datasets:
        rows.append(reference(dataset))
        for method in args.methods:
            rows.append(study(dataset, method, args.seed, args.epochs))
            print(pd.DataFrame(rows[-1:]).round(3).to_string(index=False), flush=True)
    print(pd.DataFrame(rows).round(3).to_string(index=False))


if __name__ == "__main__":
    main()
