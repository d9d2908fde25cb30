"""Classifier scores of a (resampled) training set on the untouched test part."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.tree import DecisionTreeClassifier

from .. import metrics
from .._encoding import one_hot_encoder

__all__ = ["AUC_SOURCES", "CLASSIFIERS", "SCORES", "score_classifiers"]

#: Classifier names as the paper's metric suffixes: decision tree and logistic regression.
CLASSIFIERS = ("DT", "LR")

#: Score name -> function of (y_true, y_pred, minority-class scores), in percent as
#: the paper prints them. ``G-mean`` is sqrt(precision x recall), the formula the
#: paper writes; ``G-mean-TPR-TNR`` the usual sqrt(TPR x TNR), which is what the
#: paper's printed G-means are (see :func:`imbdiff.metrics.g_mean`): compare those.
SCORES = {
    "AUC": lambda y, pred, proba: metrics.auc(y, proba),
    "F1": lambda y, pred, proba: metrics.f1(y, pred),
    "G-mean": lambda y, pred, proba: metrics.g_mean(y, pred, kind="paper"),
    "G-mean-TPR-TNR": lambda y, pred, proba: metrics.g_mean(y, pred, kind="tpr_tnr"),
    "Recall": lambda y, pred, proba: metrics.recall(y, pred),
    "Precision": lambda y, pred, proba: metrics.precision(y, pred),
    "Accuracy": lambda y, pred, proba: metrics.accuracy(y, pred),
}

#: Where the AUC's ranking comes from: the minority-class probability, or the hard
#: 0/1 prediction (one threshold: AUC = (TPR + TNR) / 2).
AUC_SOURCES = ("proba", "predict")


def _classifier(name, seed, nominal, tree_params=None):
    if name == "DT":
        tree = DecisionTreeClassifier(random_state=seed, **(tree_params or {}))
        return make_pipeline(one_hot_encoder(nominal), tree)
    if name == "LR":
        return make_pipeline(one_hot_encoder(nominal, scale=True), LogisticRegression(max_iter=5000))
    raise ValueError(f"unknown classifier {name!r}; choose from {CLASSIFIERS}")


def score_classifiers(
    X_train,
    y_train,
    X_test,
    y_test,
    *,
    nominal=(),
    classifiers=CLASSIFIERS,
    repeats=10,
    tree_params=None,
    auc_from="proba",
):
    """Fit each classifier on the training rows and score it on the test rows.

    The decision tree is fitted ``repeats`` times with the seeds ``0 .. repeats-1``
    (the paper: "10 seeds", mean +- std); logistic regression is deterministic and
    fitted once (its std is 0, as the paper prints "± .000" for its deterministic
    samplers). Nominal columns are one-hot encoded; for logistic regression the
    numeric ones are standardised (on the training rows).

    Parameters
    ----------
    X_train, X_test : DataFrame
    y_train, y_test : ndarray (1 = minority)
    nominal : sequence of str
        Nominal column names.
    classifiers : sequence of {"DT", "LR"}
    repeats : int
        Decision-tree seeds.
    tree_params : dict, optional
        Further :class:`~sklearn.tree.DecisionTreeClassifier` parameters (for
        example ``{"criterion": "entropy"}``); default: scikit-learn's defaults.
        ``random_state`` is not allowed: the seeds are ``0 .. repeats-1``.
    auc_from : {"proba", "predict"}, default="proba"
        Rank the test rows for the AUC by the minority-class probability, or by
        the hard prediction (``(TPR + TNR) / 2``, the AUC of a single threshold).

    Returns
    -------
    DataFrame
        Columns ``classifier, metric, mean, std`` (percent; ``std`` the population
        standard deviation over the seeds, 0 for a single fit), one row per
        classifier and score of :data:`SCORES`.
    """
    _check_options(tree_params, auc_from)
    rows = []
    for name in classifiers:
        seeds = range(repeats) if name == "DT" else [0]
        per_seed = []
        for seed in seeds:
            model = _classifier(name, seed, nominal, tree_params).fit(X_train, y_train)
            proba = model.predict_proba(X_test)[:, list(model.classes_).index(1)]
            pred = model.predict(X_test)
            ranking = pred if auc_from == "predict" else proba
            per_seed.append({s: 100.0 * fn(y_test, pred, ranking) for s, fn in SCORES.items()})
        frame = pd.DataFrame(per_seed)
        for score in SCORES:
            rows.append(
                {"classifier": name, "metric": score, "mean": frame[score].mean(), "std": float(np.std(frame[score]))}
            )
    return pd.DataFrame(rows)


def _check_options(tree_params, auc_from):
    if auc_from not in AUC_SOURCES:
        raise ValueError(f"auc_from must be one of {AUC_SOURCES}; got {auc_from!r}")
    if tree_params is not None and not isinstance(tree_params, dict):
        raise ValueError(f"tree_params must be a dict or None; got {type(tree_params).__name__}")
    if tree_params and "random_state" in tree_params:
        raise ValueError("tree_params must not set random_state: the tree seeds are 0 .. repeats-1")
