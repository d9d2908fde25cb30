"""Evaluation metrics of the LReDDPM and ISODF-ENN papers.

Three families, each in one obvious place:

* **Classification** (the minority class is the positive class, label 1):
  :func:`auc`, :func:`f1`, :func:`f_value`, :func:`precision`, :func:`recall`,
  :func:`accuracy` are thin wrappers of scikit-learn, and :func:`g_mean` computes
  both G-means: LReDDPM's ``sqrt(precision * recall)`` (``kind="paper"``) and the
  usual ``sqrt(TPR * TNR)`` (``kind="tpr_tnr"``).
* **Distribution distances** between generated rows and real rows (LReDDPM
  Section 4.2, Tables 2 and 16-18): :func:`js_distance`, :func:`wasserstein`,
  :func:`mmd`.
* **Data difficulty** (ISODF-ENN Tables 1-2): :func:`imbalance_ratio` and
  :func:`overlap_ratio` (``R_pos``, ``R_neg``, ``R_aug``).

Labels follow the package's convention: ``y == 1`` is the minority (positive)
class, ``y == 0`` the majority (negative) class. Classification scores and
overlap ratios are plain ``float`` values on the 0-1 scale (the papers print
percentages: multiply by 100).

References
----------
.. [1] G. Yang, Z. Zeng and R. Duan, "LReDDPM: region-guided denoising
   diffusion for imbalanced tabular data", Journal of Artificial Intelligence
   Research, 85:27, 2026.
.. [2] "ISODF-ENN: a mixed sampling method based on ISODATA, denoising diffusion
   and edited nearest neighbours", Journal of Intelligent & Fuzzy Systems, 2024.
.. [3] J. Lin, "Divergence measures based on the Shannon entropy", IEEE
   Transactions on Information Theory, 37(1), pp. 145-151, 1991.
.. [4] A. Gretton, K. M. Borgwardt, M. J. Rasch, B. Schölkopf and A. Smola,
   "A kernel two-sample test", Journal of Machine Learning Research, 13,
   pp. 723-773, 2012.
.. [5] Z. Qian, B.-C. Cebere and M. van der Schaar, "Synthcity: facilitating
   innovative use cases of synthetic data in different data modalities",
   arXiv:2301.07573, 2023.
.. [6] S. Oh, "A new dataset evaluation method based on category overlap",
   Computers in Biology and Medicine, 41(2), pp. 115-122, 2011.
.. [7] L. Borsos, C. Lemnaru and R. Potolea, "Dealing with overlap and
   imbalance: a new metric and approach", Pattern Analysis and Applications,
   21, pp. 381-395, 2018.
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral, Real

import numpy as np
import pandas as pd
from scipy.spatial.distance import cdist, jensenshannon, pdist
from scipy.stats import wasserstein_distance
from sklearn import metrics as _skm
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import check_random_state

from ._validation import is_nominal_dtype, resolve_nominal

__all__ = [
    "accuracy",
    "auc",
    "f1",
    "f_value",
    "g_mean",
    "precision",
    "recall",
    "js_distance",
    "wasserstein",
    "mmd",
    "OverlapRatio",
    "overlap_ratio",
    "imbalance_ratio",
]

_G_MEAN_KINDS = ("paper", "tpr_tnr")
_SCALES = ("minmax", "standard", None)
_KERNELS = ("rbf", "linear")
# Rows used for the median heuristic: pdist on 2000 rows is 2e6 distances (16 MB).
_MEDIAN_MAX_ROWS = 2000
# Rows of the first argument per kernel block: bounds memory at 2048 x n floats.
_KERNEL_CHUNK = 2048


# --------------------------------------------------------------------------------------
# Classification
# --------------------------------------------------------------------------------------
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

    The LReDDPM paper *writes* ``"paper"`` but its printed values *are*
    ``"tpr_tnr"`` (the book's chapter on F1 and G-mean shows the evidence):
    Table 13's deterministic logistic-regression G-means are rebuilt from its
    printed recall and accuracy by ``sqrt(TPR * TNR)`` to within 0.0004 points and
    miss by about 12 points with ``sqrt(precision * recall)``; 5 of the 19
    G-means of Tables 7, 10 and 11 lie outside ``[F1, sqrt(F1)]``, where
    ``sqrt(precision * recall)`` must lie; and all 19 sit just below their AUC, as
    ``sqrt(TPR * TNR)`` of a decision tree does. Compare the paper's G-means with
    ``kind="tpr_tnr"``.
    """
    if kind not in _G_MEAN_KINDS:
        raise ValueError(f"kind must be one of {_G_MEAN_KINDS}; got {kind!r}")
    y_true, y_pred = _check_pair(y_true, y_pred)
    tpr = _skm.recall_score(y_true, y_pred, pos_label=1, zero_division=0.0)
    if kind == "paper":
        other = _skm.precision_score(y_true, y_pred, pos_label=1, zero_division=0.0)
    else:
        other = _skm.recall_score(y_true, y_pred, pos_label=0, zero_division=0.0)  # TNR
    return float(np.sqrt(tpr * other))


# --------------------------------------------------------------------------------------
# Distribution distances: input preparation
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Encoded:
    """Real and generated rows, aligned and encoded for the distances."""

    num_real: np.ndarray  # (n_real, p) scaled numeric columns
    num_gen: np.ndarray  # (n_gen, p)
    cat_real: np.ndarray  # (n_real, q) integer codes of nominal columns
    cat_gen: np.ndarray  # (n_gen, q)
    n_levels: np.ndarray  # (q,) categories per nominal column (real and generated)


def _as_frame(data, name):
    if isinstance(data, pd.DataFrame):
        frame = data
    elif isinstance(data, pd.Series):
        frame = data.to_frame()
    else:
        array = np.asarray(data)
        if array.ndim == 1:  # one column
            array = array[:, None]
        if array.ndim != 2:
            raise ValueError(f"{name} must be 2-D (rows x columns); got {array.ndim} dimensions")
        frame = pd.DataFrame(array)
    if frame.shape[0] == 0:
        raise ValueError(f"{name} is empty: it has no rows")
    if frame.shape[1] == 0:
        raise ValueError(f"{name} has no columns")
    return frame


def _align(real, generated, real_in, generated_in):
    """Give ``generated`` the columns of ``real``, in ``real``'s order."""
    if isinstance(real_in, pd.DataFrame) and isinstance(generated_in, pd.DataFrame):
        missing = [c for c in real.columns if c not in generated.columns]
        extra = [c for c in generated.columns if c not in real.columns]
        if missing or extra:
            raise ValueError(
                "real and generated have different columns: "
                f"missing from generated {missing}, not in real {extra}"
            )
        return generated[real.columns]
    if real.shape[1] != generated.shape[1]:
        raise ValueError(
            f"real has {real.shape[1]} columns but generated has {generated.shape[1]}"
        )
    return generated.set_axis(real.columns, axis=1)


def _nominal_columns(frame, categorical_features):
    return frame.columns[resolve_nominal(frame, categorical_features, what="real")].tolist()


def _numeric_values(frame, columns, name):
    try:
        values = frame[columns].to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"{name} has non-numeric values in a numeric column (pass nominal columns "
            "as pandas category or list them in categorical_features)"
        ) from error
    bad = ~np.isfinite(values)
    if bad.any():
        column = columns[int(np.flatnonzero(bad.any(axis=0))[0])]
        raise ValueError(
            f"{name} holds NaN or infinite values ({int(bad.sum())} cells; first in column "
            f"{column!r})"
        )
    return values


def _nominal_codes(real, generated, columns):
    """Integer codes over the union of the categories of real and generated."""
    n_real = len(real)
    codes = np.empty((n_real + len(generated), len(columns)), dtype=np.int64)
    n_levels = np.empty(len(columns), dtype=np.int64)
    for j, column in enumerate(columns):
        # A generator that returns codes for a category column would silently give
        # disjoint categories: refuse rather than report a distance of 1.
        if is_nominal_dtype(real[column].dtype) and not is_nominal_dtype(generated[column].dtype):
            raise ValueError(
                f"nominal column {column!r} is {generated[column].dtype} in generated but "
                f"{real[column].dtype} in real: decode it to the real categories first"
            )
        both = pd.concat(
            [real[column].astype(object), generated[column].astype(object)], ignore_index=True
        )
        if both.isna().any():
            where = "real" if both.iloc[:n_real].isna().any() else "generated"
            raise ValueError(f"{where} holds missing values in nominal column {column!r}")
        codes[:, j], uniques = pd.factorize(both)
        n_levels[j] = len(uniques)
    return codes[:n_real], codes[n_real:], n_levels


def _scale_stats(values, scale):
    if scale == "minmax":
        center, width = values.min(axis=0), np.ptp(values, axis=0)
    elif scale == "standard":
        center, width = values.mean(axis=0), values.std(axis=0)
    else:
        center, width = np.zeros(values.shape[1]), np.ones(values.shape[1])
    # A constant real column is only shifted: dividing by 0 would make it infinite.
    return center, np.where(width > 0, width, 1.0)


def _prepare(real, generated, categorical_features, scale):
    if scale not in _SCALES:
        raise ValueError(f"scale must be one of {_SCALES}; got {scale!r}")
    real_frame = _as_frame(real, "real")
    generated_frame = _align(real_frame, _as_frame(generated, "generated"), real, generated)
    nominal = _nominal_columns(real_frame, categorical_features)
    numeric = [c for c in real_frame.columns if c not in nominal]
    num_real = _numeric_values(real_frame, numeric, "real")
    num_gen = _numeric_values(generated_frame, numeric, "generated")
    center, width = _scale_stats(num_real, scale)  # the REAL rows' statistics, for both
    cat_real, cat_gen, n_levels = _nominal_codes(real_frame, generated_frame, nominal)
    return _Encoded(
        (num_real - center) / width, (num_gen - center) / width, cat_real, cat_gen, n_levels
    )


def _check_positive_int(value, name):
    if not isinstance(value, Integral) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be a positive integer; got {value!r}")


def _subset_pairs(n_real, n_gen, n_subsets, random_state):
    """Row indices of equal-size (real, generated) pairs to average over.

    Equal sizes give one pair (all rows). Otherwise ``n_subsets`` random subsets,
    without replacement, of the larger set, each of the smaller set's size.
    """
    _check_positive_int(n_subsets, "n_subsets")
    every_real, every_gen = np.arange(n_real), np.arange(n_gen)
    if n_real == n_gen:
        return [(every_real, every_gen)]
    rng = check_random_state(random_state)
    size = min(n_real, n_gen)
    pairs = []
    for _ in range(n_subsets):
        picked = np.sort(rng.choice(max(n_real, n_gen), size=size, replace=False))
        pairs.append((picked, every_gen) if n_real > n_gen else (every_real, picked))
    return pairs


# --------------------------------------------------------------------------------------
# Distribution distances
# --------------------------------------------------------------------------------------
def _bin_codes(enc, bins):
    """Histogram bin of every numeric cell, as integer codes like the nominal ones.

    ``bins`` equal-width bins per column spanning the pooled (real and generated)
    range of the column, so that both histograms share their edges and no value
    falls outside.
    """
    pooled = np.vstack([enc.num_real, enc.num_gen])
    low, high = pooled.min(axis=0, initial=np.inf), pooled.max(axis=0, initial=-np.inf)
    width = np.where(high > low, high - low, 1.0)

    def codes(values):
        # np.histogram's rule: right-open bins except the last, which holds the maximum.
        return np.clip(((values - low) / width * bins).astype(np.int64), 0, bins - 1)

    return codes(enc.num_real), codes(enc.num_gen)


def _frequencies(codes, n_levels):
    """Counts of every code per column, as (n_columns, max(n_levels)), zero-padded."""
    n_columns, width = codes.shape[1], int(n_levels.max(initial=1))
    flat = codes + width * np.arange(n_columns)  # one bincount for all columns
    return np.bincount(flat.ravel(), minlength=n_columns * width).reshape(n_columns, width)


def _all_codes(enc, bins):
    bins_real, bins_gen = _bin_codes(enc, bins)
    levels = np.concatenate([np.full(bins_real.shape[1], bins), enc.n_levels])
    return np.hstack([bins_real, enc.cat_real]), np.hstack([bins_gen, enc.cat_gen]), levels


def js_distance(
    real,
    generated,
    *,
    bins=10,
    categorical_features="auto",
    random_state=None,
    n_subsets=10,
):
    """Jensen-Shannon distance (base 2) between real and generated rows.

    The per-column distance between the two marginal histograms, averaged over
    the columns (LReDDPM Table 16).

    Parameters
    ----------
    real : DataFrame or array-like of shape (n_real, n_features)
        The real rows (LReDDPM: the guiding region's rows).
    generated : DataFrame or array-like of shape (n_generated, n_features)
        The generated rows. Same columns as ``real`` (DataFrames are matched by
        column name, arrays by position).
    bins : int, default=10
        Equal-width bins per numeric column.
    categorical_features : "auto", list of column labels, or None, default="auto"
        Nominal columns. ``"auto"`` takes ``real``'s category, object, string
        and bool columns.
    random_state : int, RandomState instance or None, default=None
        Seeds the subsets drawn when the sizes differ.
    n_subsets : int, default=10
        Number of equal-size subsets averaged over when the sizes differ.

    Returns
    -------
    float
        In [0, 1]: 0 for identical marginal histograms, 1 for disjoint supports
        in every column.

    Notes
    -----
    * Numeric columns: ``bins`` equal-width bins spanning the pooled range
      (minimum to maximum over the real and the generated rows of the column),
      so both histograms share their edges. The bin edges come from the full
      sets, before any subsetting, so every subset is binned alike. The JS
      distance of equal-width histograms does not change under an affine
      rescaling of the column: no scaling is applied.
    * Nominal columns: the frequencies of the categories (the union of the
      real and the generated categories).
    * Per column: :func:`scipy.spatial.distance.jensenshannon` with ``base=2``,
      the square root of the JS divergence (Lin 1991), then the mean over all
      columns, numeric and nominal alike.
    * Unequal sizes: ``n_subsets`` random subsets of the larger set, each of the
      smaller set's size and drawn without replacement, are compared with the
      whole smaller set; the mean is returned (LReDDPM Section 4.2: "we randomly
      select an equal number of samples from the guiding region multiple times
      ... the average of these distances"). Equal sizes use all rows once.
    * LReDDPM cites synthcity (Qian et al. 2023) for its distances; synthcity's
      JS uses natural logarithms and at most 10 bins spanning the real range
      only (generated values outside it share one extra bin). Base 2 here
      makes the distance lie in [0, 1]; the paper's Table 16 values are not
      expected to match ours digit for digit.

    References
    ----------
    .. [1] J. Lin, "Divergence measures based on the Shannon entropy", IEEE
       Transactions on Information Theory, 37(1), pp. 145-151, 1991.
    .. [2] G. Yang, Z. Zeng and R. Duan, LReDDPM, JAIR 85:27, 2026, Section 4.2.

    Examples
    --------
    >>> from imbdiff.metrics import js_distance
    >>> js_distance([[0.0], [0.0]], [[1.0], [1.0]])
    1.0
    """
    _check_positive_int(bins, "bins")
    enc = _prepare(real, generated, categorical_features, scale=None)
    codes_real, codes_gen, levels = _all_codes(enc, bins)
    values = []
    pairs = _subset_pairs(len(codes_real), len(codes_gen), n_subsets, random_state)
    for rows_real, rows_gen in pairs:
        p = _frequencies(codes_real[rows_real], levels)
        q = _frequencies(codes_gen[rows_gen], levels)
        per_column = jensenshannon(p, q, axis=1, base=2)
        # sqrt of a -1e-17 rounding residue is NaN: the true value is 0.
        values.append(np.nan_to_num(per_column, nan=0.0).mean())
    return float(np.mean(values))


def wasserstein(
    real,
    generated,
    *,
    scale="minmax",
    categorical_features="auto",
    random_state=None,
    n_subsets=10,
):
    """Mean per-column 1-Wasserstein distance between real and generated rows.

    LReDDPM Table 17.

    Parameters
    ----------
    real : DataFrame or array-like of shape (n_real, n_features)
        The real rows (LReDDPM: the guiding region's rows).
    generated : DataFrame or array-like of shape (n_generated, n_features)
        The generated rows, with the columns of ``real``.
    scale : {"minmax", "standard", None}, default="minmax"
        Rescaling of the numeric columns, with the REAL rows' statistics applied
        to both sets: ``"minmax"`` maps the real range of every column to
        [0, 1]; ``"standard"`` subtracts the real mean and divides by the real
        standard deviation (ddof=0); ``None`` keeps raw units. A constant real
        column is only shifted (its width is taken as 1).
    categorical_features : "auto", list of column labels, or None, default="auto"
        Nominal columns, as in :func:`js_distance`.
    random_state : int, RandomState instance or None, default=None
        Seeds the subsets drawn when the sizes differ.
    n_subsets : int, default=10
        Number of equal-size subsets averaged over when the sizes differ.

    Returns
    -------
    float
        The mean over columns. With ``"minmax"`` a numeric column contributes
        the distance in units of its real range.

    Notes
    -----
    * Numeric columns: :func:`scipy.stats.wasserstein_distance` between the
      scaled real and generated values of the column.
    * Nominal columns: the 1-Wasserstein distance under the 0-1 metric between
      categories, which is the total variation distance
      ``0.5 * sum(|p - q|)`` of the category frequencies; it lies in [0, 1]
      like a min-max scaled numeric column.
    * Unequal sizes are handled as in :func:`js_distance` (mean over
      ``n_subsets`` equal-size subsets of the larger set; scaling statistics
      from all real rows).
    * Synthcity, which LReDDPM cites, computes a joint (multivariate) Sinkhorn
      distance instead; the paper's Table 17 values (0.005-0.6) fit min-max
      scaled data, but their exact recipe is not stated.

    References
    ----------
    .. [1] G. Yang, Z. Zeng and R. Duan, LReDDPM, JAIR 85:27, 2026, Section 4.2.

    Examples
    --------
    >>> from imbdiff.metrics import wasserstein
    >>> wasserstein([[0.0], [10.0]], [[10.0], [10.0]])
    0.5
    """
    enc = _prepare(real, generated, categorical_features, scale)
    values = []
    pairs = _subset_pairs(len(enc.num_real), len(enc.num_gen), n_subsets, random_state)
    for rows_real, rows_gen in pairs:
        numeric = [
            wasserstein_distance(enc.num_real[rows_real, j], enc.num_gen[rows_gen, j])
            for j in range(enc.num_real.shape[1])
        ]
        p = _frequencies(enc.cat_real[rows_real], enc.n_levels) / len(rows_real)
        q = _frequencies(enc.cat_gen[rows_gen], enc.n_levels) / len(rows_gen)
        nominal = 0.5 * np.abs(p - q).sum(axis=1)
        values.append(np.mean(np.concatenate([numeric, nominal])))
    return float(np.mean(values))


def _features(enc):
    """Scaled numeric columns next to one-hot nominal columns divided by sqrt(2).

    Two different categories are then at distance 1, like the two ends of a
    min-max scaled numeric column.
    """
    def one_hot(codes):
        blocks = [np.eye(n)[codes[:, j]] for j, n in enumerate(enc.n_levels)]
        return np.hstack(blocks) / np.sqrt(2.0) if blocks else np.empty((len(codes), 0))

    return (
        np.hstack([enc.num_real, one_hot(enc.cat_real)]),
        np.hstack([enc.num_gen, one_hot(enc.cat_gen)]),
    )


def _median_bandwidth(pooled, rng):
    if len(pooled) > _MEDIAN_MAX_ROWS:
        pooled = pooled[rng.choice(len(pooled), size=_MEDIAN_MAX_ROWS, replace=False)]
    distances = pdist(pooled)
    distances = distances[distances > 0]  # duplicates would drag the median to 0
    return float(np.median(distances)) if distances.size else 1.0


def _mean_kernel(a, b, gamma):
    # cdist subtracts coordinates directly; the |x|^2 + |y|^2 - 2<x, y> expansion
    # (sklearn's rbf_kernel) loses digits when rows lie far from the origin.
    total = 0.0
    for start in range(0, len(a), _KERNEL_CHUNK):
        squared = cdist(a[start : start + _KERNEL_CHUNK], b, "sqeuclidean")
        total += np.exp(-gamma * squared).sum()
    return total / (len(a) * len(b))


def _mmd2(a, b, kernel, bandwidth, rng):
    if kernel == "linear":
        # k(x, y) = <x, y>: the biased estimate is the squared distance of the means.
        delta = a.mean(axis=0) - b.mean(axis=0)
        return float(delta @ delta)
    sigma = _median_bandwidth(np.vstack([a, b]), rng) if bandwidth == "median" else bandwidth
    gamma = 1.0 / (2.0 * sigma**2)
    value = _mean_kernel(a, a, gamma) + _mean_kernel(b, b, gamma) - 2.0 * _mean_kernel(a, b, gamma)
    return max(value, 0.0)  # the V-statistic is >= 0; clip rounding residue


def mmd(
    real,
    generated,
    *,
    kernel="rbf",
    bandwidth="median",
    scale="minmax",
    categorical_features="auto",
    random_state=None,
    n_subsets=10,
):
    """Squared maximum mean discrepancy (biased estimate) between two row sets.

    LReDDPM Table 18.

    Parameters
    ----------
    real : DataFrame or array-like of shape (n_real, n_features)
        The real rows (LReDDPM: the guiding region's rows).
    generated : DataFrame or array-like of shape (n_generated, n_features)
        The generated rows, with the columns of ``real``.
    kernel : {"rbf", "linear"}, default="rbf"
        ``"rbf"``: ``k(x, y) = exp(-||x - y||^2 / (2 sigma^2))``.
        ``"linear"``: ``k(x, y) = <x, y>``, for which MMD^2 is the squared
        distance between the two mean rows.
    bandwidth : "median" or float, default="median"
        ``sigma`` of the RBF kernel. ``"median"``: the median heuristic
        (Gretton et al. 2012), the median of the non-zero Euclidean distances
        between all pairs of pooled rows (real and generated, after scaling) of
        each compared pair of sets; above 2000 pooled rows, of 2000 rows drawn
        with ``random_state``. Ignored by the linear kernel.
    scale : {"minmax", "standard", None}, default="minmax"
        Rescaling of the numeric columns with the REAL rows' statistics, as in
        :func:`wasserstein`.
    categorical_features : "auto", list of column labels, or None, default="auto"
        Nominal columns, as in :func:`js_distance`.
    random_state : int, RandomState instance or None, default=None
        Seeds the subsets drawn when the sizes differ (and the bandwidth rows).
    n_subsets : int, default=10
        Number of equal-size subsets averaged over when the sizes differ.

    Returns
    -------
    float
        MMD^2 >= 0; 0 for identical sets. With the RBF kernel it is at most 2.

    Notes
    -----
    * Estimator: the biased V-statistic of Gretton et al. (2012, Eq. 5),
      ``mean k(x, x') + mean k(y, y') - 2 mean k(x, y)`` over all pairs
      (diagonals included). It is never negative and is 0 for identical sets,
      unlike the unbiased U-statistic. The SQUARED discrepancy is returned, as
      synthcity (cited by LReDDPM) does.
    * Rows are compared jointly, not column by column. Numeric columns are
      scaled with the real rows' statistics; nominal columns are one-hot encoded
      over the union of categories and divided by sqrt(2), so two different
      categories are at distance 1.
    * Unequal sizes are handled as in :func:`js_distance`.
    * LReDDPM's Table 18 holds values above 2 (up to 1339.67 for parkin),
      impossible for an RBF kernel. They fit synthcity's other option, the
      linear kernel (MMD^2 = squared distance of the mean rows), on a scale the
      paper does not state: ``kernel="linear"`` with ``scale=None``,
      ``"standard"`` or ``"minmax"`` shows those readings.

    References
    ----------
    .. [1] A. Gretton, K. M. Borgwardt, M. J. Rasch, B. Schölkopf and A. Smola,
       "A kernel two-sample test", Journal of Machine Learning Research, 13,
       pp. 723-773, 2012.
    .. [2] G. Yang, Z. Zeng and R. Duan, LReDDPM, JAIR 85:27, 2026, Section 4.2.

    Examples
    --------
    >>> from imbdiff.metrics import mmd
    >>> mmd([[0.0, 0.0], [2.0, 0.0]], [[1.0, 1.0], [1.0, 3.0]], kernel="linear", scale=None)
    4.0
    """
    if kernel not in _KERNELS:
        raise ValueError(f"kernel must be one of {_KERNELS}; got {kernel!r}")
    if not (isinstance(bandwidth, str) and bandwidth == "median"):
        if not isinstance(bandwidth, Real) or isinstance(bandwidth, bool) or not bandwidth > 0:
            raise ValueError(f"bandwidth must be 'median' or a positive number; got {bandwidth!r}")
    enc = _prepare(real, generated, categorical_features, scale)
    a, b = _features(enc)
    rng = check_random_state(random_state)
    pairs = _subset_pairs(len(a), len(b), n_subsets, rng)
    values = [_mmd2(a[rows_a], b[rows_b], kernel, bandwidth, rng) for rows_a, rows_b in pairs]
    return float(np.mean(values))


# --------------------------------------------------------------------------------------
# Data difficulty: imbalance and overlap
# --------------------------------------------------------------------------------------
def imbalance_ratio(y):
    """Imbalance ratio: rows of the largest class over rows of the smallest.

    For binary data ``IR = n_majority / n_minority`` (ISODF-ENN Eq. 24; LReDDPM
    Table 1's "#Rimb").

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Class labels (any values).

    Returns
    -------
    float
        At least 1.

    Raises
    ------
    ValueError
        If ``y`` is empty or holds one class only.
    """
    y = np.asarray(y)
    if y.size == 0:
        raise ValueError("y is empty")
    counts = np.unique(y, return_counts=True)[1]
    if counts.size < 2:
        raise ValueError("y holds one class only: the imbalance ratio is undefined")
    return float(counts.max() / counts.min())


@dataclass(frozen=True)
class OverlapRatio:
    """Overlap ratios of a binary data set (ISODF-ENN Table 2), on the 0-1 scale.

    Attributes
    ----------
    r_pos : float
        ``R(C1)``: share of minority rows with more than ``theta`` of their
        ``k`` nearest neighbours in the majority class.
    r_neg : float
        ``R(C0)``: the same share for the majority rows.
    r_aug : float
        The augmented R value ``(R(C0) + IR * R(C1)) / (1 + IR)``.
    imbalance_ratio : float
        ``IR = |C0| / |C1|``.
    k, theta : int
        The neighbourhood size and threshold used.
    """

    r_pos: float
    r_neg: float
    r_aug: float
    imbalance_ratio: float
    k: int
    theta: int

    def as_percent(self):
        """``{"R_pos": ..., "R_neg": ..., "R_aug": ...}`` in percent, as the paper prints."""
        return {"R_pos": 100 * self.r_pos, "R_neg": 100 * self.r_neg, "R_aug": 100 * self.r_aug}


def _overlap_matrix(X, scale):
    frame = _as_frame(X, "X")
    nominal = set(_nominal_columns(frame, "auto"))
    is_nominal = np.array([c in nominal for c in frame.columns], dtype=bool)
    values = np.empty(frame.shape, dtype=float)
    values[:, ~is_nominal] = _numeric_values(frame, list(frame.columns[~is_nominal]), "X")
    for j in np.flatnonzero(is_nominal):
        column = frame.iloc[:, j]
        if column.isna().any():
            raise ValueError(f"X holds missing values in nominal column {frame.columns[j]!r}")
        values[:, j] = pd.Categorical(column).codes  # the column's category order
    center, width = _scale_stats(values, scale)
    return (values - center) / width


def overlap_ratio(X, y, *, k=7, theta=3, scale=None):
    """Class overlap of a binary data set: ISODF-ENN's ``R_pos``, ``R_neg``, ``R_aug``.

    Parameters
    ----------
    X : DataFrame or array-like of shape (n_samples, n_features)
        The rows. Nominal columns (category, object, string, bool) are replaced
        by their integer codes (in the column's category order; sorted values
        for object columns), as KEEL's label-encoded files are read.
    y : array-like of shape (n_samples,)
        Binary labels. The minority class is the rarer one (the larger label
        on a tie): with the package's convention, label 1.
    k : int, default=7
        Neighbours of every row (the row itself excluded).
    theta : int, default=3
        A row is in the overlap region when MORE than ``theta`` of its ``k``
        neighbours belong to the other class.
    scale : {None, "minmax", "standard"}, default=None
        Optional rescaling of the columns before the Euclidean kNN search.
        ``None`` (raw values) reproduces the paper's numbers.

    Returns
    -------
    OverlapRatio
        ``r_pos``, ``r_neg``, ``r_aug`` on the 0-1 scale (``as_percent()`` for
        the paper's scale), with the imbalance ratio, ``k`` and ``theta``.

    Notes
    -----
    The text of ISODF-ENN (Eqs. 25-26, Table 2, reference [25]) lost its
    formulas; it names the "augmented R value" of Borsos et al. (2018), which
    extends the R value of Oh (2011). With ``C0`` the majority rows, ``C1`` the
    minority rows, ``kNN(x)`` the ``k`` nearest other rows of ``x`` (Euclidean)
    and ``[.]`` the indicator::

        R(Ci) = 1/|Ci| * sum_{x in Ci} [ |kNN(x) & C(1-i)| > theta ]
        R_aug = (R(C0) + IR * R(C1)) / (1 + IR),   IR = |C0| / |C1|

    so ``R_neg = R(C0)``, ``R_pos = R(C1)``; ``R_aug`` weights the minority
    class by the imbalance ratio (it equals the mean over all rows with the two
    classes' weights swapped). ``k = 7, theta = 3`` are Oh's and Borsos et al.'s
    values. This reading reproduces every ``R_aug`` the ISODF-ENN text quotes,
    from raw (unscaled) KEEL files: yeast1 43.25 (paper 43.26), vehicle0 8.21
    (8.21), flare-F 95.97 (95.96), segment0 2.74 (2.74). The simpler reading
    "share of minority rows with any majority neighbour" (``theta = 0``) gives
    82.1 for yeast1.

    Neighbours come from :class:`sklearn.neighbors.NearestNeighbors` queried
    without the rows themselves, so a duplicate of a row counts as its
    neighbour but the row does not; ties at the k-th distance are broken by
    scikit-learn's order.

    References
    ----------
    .. [1] ISODF-ENN, Journal of Intelligent & Fuzzy Systems, 2024, Eqs. 25-26
       and Table 2.
    .. [2] L. Borsos, C. Lemnaru and R. Potolea, "Dealing with overlap and
       imbalance: a new metric and approach", Pattern Analysis and
       Applications, 21, pp. 381-395, 2018.
    .. [3] S. Oh, "A new dataset evaluation method based on category overlap",
       Computers in Biology and Medicine, 41(2), pp. 115-122, 2011.

    Examples
    --------
    >>> from imbdiff.metrics import overlap_ratio
    >>> X = [[0.0], [1.0], [2.1], [3.3], [4.6], [6.0], [7.5], [9.1], [10.8], [12.6]]
    >>> y = [0, 0, 0, 1, 0, 1, 1, 1, 0, 0]
    >>> overlap_ratio(X, y, k=3, theta=1).r_aug
    0.35
    """
    _check_positive_int(k, "k")
    if not isinstance(theta, Integral) or isinstance(theta, bool) or not 0 <= theta < k:
        raise ValueError(f"theta must be an integer in [0, k); got {theta!r} with k={k}")
    if scale not in _SCALES:
        raise ValueError(f"scale must be one of {_SCALES}; got {scale!r}")
    values = _overlap_matrix(X, scale)
    y = np.asarray(y)
    if y.ndim != 1 or len(y) != len(values):
        raise ValueError(
            f"y must be 1-D with one label per row of X ({len(values)}); got shape {y.shape}"
        )
    labels, counts = np.unique(y, return_counts=True)
    if labels.size != 2:
        raise ValueError(f"y must hold exactly two classes; found {labels.size}")
    if len(y) <= k:
        raise ValueError(f"k={k} needs more than {k} rows; X has {len(y)}")
    minority = labels[1] if counts[0] == counts[1] else labels[np.argmin(counts)]
    neighbours = NearestNeighbors(n_neighbors=k).fit(values).kneighbors(return_distance=False)
    overlapped = (y[neighbours] != y[:, None]).sum(axis=1) > theta
    is_pos = y == minority
    r_pos, r_neg = overlapped[is_pos].mean(), overlapped[~is_pos].mean()
    ir = (~is_pos).sum() / is_pos.sum()
    r_aug = (r_neg + ir * r_pos) / (1.0 + ir)
    return OverlapRatio(float(r_pos), float(r_neg), float(r_aug), float(ir), int(k), int(theta))
