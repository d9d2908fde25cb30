"""Classification scores of the minority class (label 1): AUC, precision, recall, F1, G-mean.

scikit-learn and imbalanced-learn compute every score; this module only checks that
the labels are 0/1 (so that ``pos_label=1`` means the minority class) and keeps the
LReDDPM paper's ``sqrt(precision * recall)`` G-mean, which no library has.
"""

from __future__ import annotations

import warnings

import numpy as np
from imblearn.metrics import geometric_mean_score
from sklearn import metrics as _skm

__all__ = ["accuracy", "auc", "f1", "f_value", "g_mean", "precision", "recall"]

_G_MEAN_KINDS = ("paper", "tpr_tnr")


def _check_labels(y, name):
    """Return ``y`` as a 1-D array after checking it holds only 0 and 1."""
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"{name} must be 1-D; got shape {y.shape}")
    if y.size == 0:
        raise ValueError(f"{name} is empty")
    # pos_label=1 only means "the minority class" if the labels are 0 and 1.
    bad = ~np.isin(y, (0, 1))
    if bad.any():
        raise ValueError(
            f"{name} must hold only 0 (majority) and 1 (minority) labels; "
            f"found {np.unique(y[bad])[:5].tolist()}"
        )
    return y.astype(int)


def _check_pair(y_true, y_pred):
    y_true = _check_labels(y_true, "y_true")
    y_pred = _check_labels(y_pred, "y_pred")
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred have different lengths: {y_true.size} and {y_pred.size}"
        )
    return y_true, y_pred


def auc(y_true, scores):
    """Area under the ROC curve of the minority class.

    Thin wrapper of :func:`sklearn.metrics.roc_auc_score`.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 1 = minority (positive), 0 = majority.
    scores : array-like of shape (n_samples,)
        Scores that grow with the belief in class 1 (``predict_proba[:, 1]`` or
        ``decision_function``). Hard 0/1 predictions are accepted but give the
        AUC of a single threshold, ``(TPR + TNR) / 2``.

    Returns
    -------
    float
        The probability that a random minority row scores higher than a random
        majority row (ties count one half).

    Raises
    ------
    ValueError
        If labels are not 0/1, scores are not finite, or ``y_true`` holds one
        class only (the AUC is then undefined).
    """
    y_true = _check_labels(y_true, "y_true")
    scores = np.asarray(scores, dtype=float)
    if scores.shape != y_true.shape:
        raise ValueError(
            f"y_true and scores have different shapes: {y_true.shape} and {scores.shape}"
        )
    if not np.isfinite(scores).all():
        raise ValueError("scores hold NaN or infinite values")
    if np.unique(y_true).size < 2:
        raise ValueError("y_true holds one class only: the AUC is undefined")
    return float(_skm.roc_auc_score(y_true, scores))


def precision(y_true, y_pred):
    """Precision of the minority class, ``TP / (TP + FP)``.

    Thin wrapper of :func:`sklearn.metrics.precision_score` with ``pos_label=1``.
    Returns 0 when nothing is predicted positive (``zero_division=0``).

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels, 1 = minority, 0 = majority.

    Returns
    -------
    float
    """
    y_true, y_pred = _check_pair(y_true, y_pred)
    return float(_skm.precision_score(y_true, y_pred, pos_label=1, zero_division=0.0))


def recall(y_true, y_pred):
    """Recall (TPR, sensitivity) of the minority class, ``TP / (TP + FN)``.

    Thin wrapper of :func:`sklearn.metrics.recall_score` with ``pos_label=1``.
    Returns 0 when ``y_true`` has no minority row (``zero_division=0``).

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels, 1 = minority, 0 = majority.

    Returns
    -------
    float
    """
    y_true, y_pred = _check_pair(y_true, y_pred)
    return float(_skm.recall_score(y_true, y_pred, pos_label=1, zero_division=0.0))


def f1(y_true, y_pred):
    """F1-score of the minority class, ``2 TP / (2 TP + FP + FN)``.

    The harmonic mean of :func:`precision` and :func:`recall` (LReDDPM's
    "F1-score"). Thin wrapper of :func:`sklearn.metrics.f1_score` with
    ``pos_label=1``; returns 0 when there is no positive row and no positive
    prediction, or when ``TP == 0`` (``zero_division=0``).

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels, 1 = minority, 0 = majority.

    Returns
    -------
    float

    See Also
    --------
    f_value : the same number under ISODF-ENN's name.
    """
    y_true, y_pred = _check_pair(y_true, y_pred)
    return float(_skm.f1_score(y_true, y_pred, pos_label=1, zero_division=0.0))


def f_value(y_true, y_pred):
    """ISODF-ENN's F-value: the F1-score of the minority class.

    ISODF-ENN defines the F-value as the harmonic mean of the precision and the
    recall of the positive (minority) class, that is F-beta with beta = 1. It is
    therefore exactly :func:`f1`; this alias exists so that notebooks can use
    each paper's own name.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels, 1 = minority, 0 = majority.

    Returns
    -------
    float
    """
    return f1(y_true, y_pred)


def accuracy(y_true, y_pred):
    """Share of correctly classified rows (both classes).

    Thin wrapper of :func:`sklearn.metrics.accuracy_score`.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels, 1 = minority, 0 = majority.

    Returns
    -------
    float
    """
    y_true, y_pred = _check_pair(y_true, y_pred)
    return float(_skm.accuracy_score(y_true, y_pred))


def g_mean(y_true, y_pred, kind="paper"):
    """Geometric mean of two rates, in the paper's or the usual form.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels, 1 = minority, 0 = majority.
    kind : {"paper", "tpr_tnr"}, default="paper"
        * ``"paper"``: ``sqrt(precision * recall)``, as the LReDDPM paper writes
          it (Section 4.1). This is the Fowlkes-Mallows index of the minority
          class; it ignores true negatives.
        * ``"tpr_tnr"``: ``sqrt(TPR * TNR)``, the usual G-mean of imbalanced
          learning (Kubat & Matwin 1997), equal to imbalanced-learn's
          ``geometric_mean_score`` for binary labels.

    Returns
    -------
    float
        0 when either rate is 0 or undefined (no positive prediction for the
        precision; no row of a class for TPR or TNR).

    Notes
    -----
    The two kinds can rank methods differently: ``"paper"`` rewards precision
    on the minority class, ``"tpr_tnr"`` rewards getting both classes right.
    Which one the LReDDPM paper's printed G-means are is shown in the book's
    chapter on F1 and G-mean (``notebooks/lreddpm/07_f1_gmean.md``): compare them
    with ``kind="tpr_tnr"``.
    """
    if kind not in _G_MEAN_KINDS:
        raise ValueError(f"kind must be one of {_G_MEAN_KINDS}; got {kind!r}")
    y_true, y_pred = _check_pair(y_true, y_pred)
    if kind == "tpr_tnr":
        with warnings.catch_warnings():  # a class without rows: its rate is 0, as documented
            warnings.simplefilter("ignore")
            return float(geometric_mean_score(y_true, y_pred, labels=[0, 1], average="binary"))
    tpr = _skm.recall_score(y_true, y_pred, pos_label=1, zero_division=0.0)
    precision_ = _skm.precision_score(y_true, y_pred, pos_label=1, zero_division=0.0)
    return float(np.sqrt(tpr * precision_))
