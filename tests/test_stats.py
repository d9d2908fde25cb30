"""Tests of imbdiff.stats: hand-worked Friedman tests, Demšar's example and tables, bad input."""

import matplotlib

matplotlib.use("Agg")  # no display in tests

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from scipy import stats as ss  # noqa: E402

from imbdiff import stats  # noqa: E402

# A 4 x 3 table without ties, higher is better. Ranks per data set:
#   d1: A 1, B 2, C 3    d2: A 2, B 1, C 3    d3: A 1, B 3, C 2    d4: A 1, B 3, C 2
# Average ranks A 5/4, B 9/4, C 10/4 (they sum to k(k+1)/2 = 6).
# chi2_F = 12N/(k(k+1)) [sum R_j^2 - k(k+1)^2/4] = 4 [(1.5625 + 5.0625 + 6.25) - 12] = 3.5
# F_F = (N-1) chi2 / (N(k-1) - chi2) = 3 * 3.5 / (8 - 3.5) = 7/3
SMALL = pd.DataFrame(
    {"A": [0.90, 0.85, 0.75, 0.95], "B": [0.80, 0.88, 0.60, 0.90], "C": [0.70, 0.70, 0.65, 0.91]},
    index=["d1", "d2", "d3", "d4"],
)

# Demšar (2006), Table 6: ranks of four C4.5 variants on 14 data sets (rank 1 = best
# AUC). Used as scores with higher_is_better=False, so the ranks come back unchanged.
DEMSAR_RANKS = pd.DataFrame(
    [
        [4, 3, 2, 1],  # adult (sample)
        [1, 2, 3, 4],  # breast cancer
        [4, 1, 2, 3],  # breast cancer wisconsin
        [4, 1, 3, 2],  # cmc
        [4, 2, 3, 1],  # ionosphere
        [1, 2.5, 4, 2.5],  # iris
        [3, 2, 4, 1],  # liver disorders
        [2.5, 2.5, 4, 1],  # lung cancer
        [4, 3, 2, 1],  # lymphography
        [2.5, 2.5, 2.5, 2.5],  # mushroom
        [4, 2.5, 1, 2.5],  # primary tumor
        [3, 2, 4, 1],  # rheum
        [4, 1, 2, 3],  # voting
        [3, 1, 4, 2],  # wine
    ],
    columns=["C4.5", "C4.5+m", "C4.5+cf", "C4.5+m+cf"],
)


def test_friedman_small_table_by_hand():
    result = stats.friedman(SMALL)
    assert result.average_ranks.to_dict() == {"A": 1.25, "B": 2.25, "C": 2.5}
    assert result.statistic == pytest.approx(3.5)
    assert result.pvalue == pytest.approx(np.exp(-3.5 / 2))  # chi2 with 2 df
    assert result.iman_davenport == pytest.approx(7 / 3)
    assert result.iman_davenport_pvalue == pytest.approx(ss.f.sf(7 / 3, 2, 6))
    assert (result.n_datasets, result.n_methods) == (4, 3)
    # Without ties the textbook formula and scipy's tie-corrected statistic agree.
    assert stats.friedman(SMALL, tie_correction=False).statistic == pytest.approx(3.5)


def test_friedman_reproduces_demsar_example():
    result = stats.friedman(DEMSAR_RANKS, higher_is_better=False, tie_correction=False)
    assert result.average_ranks.round(3).tolist() == [3.143, 2.000, 2.893, 1.964]
    assert result.statistic == pytest.approx(9.28, abs=0.005)  # Demšar: chi2_F = 9.28
    assert result.iman_davenport == pytest.approx(3.69, abs=0.005)  # Demšar: F_F = 3.69
    # scipy divides by 1 - sum(t^3 - t)/(N k (k^2 - 1)); ties: three pairs and one
    # four-way tie, sum = 3 * 6 + 60 = 78, N k (k^2 - 1) = 14 * 4 * 15 = 840.
    corrected = stats.friedman(DEMSAR_RANKS, higher_is_better=False)
    assert corrected.statistic == pytest.approx(result.statistic / (1 - 78 / 840))


def test_demsar_critical_difference_and_nemenyi():
    # Demšar: CD = 1.25 at alpha = 0.05 and 1.12 at 0.10 (k = 4, N = 14); the gap
    # C4.5 - C4.5+m+cf = 3.143 - 1.964 = 1.179 is significant at 0.10 only.
    assert stats.critical_difference(4, 14) == pytest.approx(1.25, abs=0.005)
    assert stats.critical_difference(4, 14, alpha=0.10) == pytest.approx(1.12, abs=0.005)
    p = stats.nemenyi(DEMSAR_RANKS).loc["C4.5", "C4.5+m+cf"]
    assert 0.05 < p < 0.10


# Demšar (2006), Table 5(a): critical values q_alpha of the two-tailed Nemenyi test.
DEMSAR_Q = {
    0.05: [1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164],
    0.10: [1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.780, 2.855, 2.920],
}


@pytest.mark.parametrize("alpha", sorted(DEMSAR_Q))
def test_nemenyi_q_matches_demsar_table(alpha):
    ours = [stats.nemenyi_q(k, alpha) for k in range(2, 11)]
    np.testing.assert_allclose(ours, DEMSAR_Q[alpha], atol=1e-3)
    assert stats.nemenyi_q(8) == pytest.approx(3.031, abs=1e-3)


def test_ranks_with_ties_get_average_rank():
    scores = pd.DataFrame({"A": [0.9, 0.5], "B": [0.9, 0.7], "C": [0.7, 0.7]})
    # d1: A and B share ranks 1-2 (1.5 each), C is 3; d2: B and C share ranks 1-2, A is 3.
    assert stats.average_ranks(scores).to_dict() == {"A": 2.25, "B": 1.5, "C": 2.25}


def test_lower_is_better_reverses_ranks():
    up = stats.average_ranks(SMALL)
    down = stats.average_ranks(SMALL, higher_is_better=False)
    k = SMALL.shape[1]
    pd.testing.assert_series_equal(down, (k + 1) - up)
    # The test statistic does not depend on the direction.
    assert stats.friedman(SMALL, higher_is_better=False).statistic == pytest.approx(3.5)


def test_nemenyi_p_values_are_symmetric_with_unit_diagonal():
    p = stats.nemenyi(DEMSAR_RANKS)
    assert list(p.index) == list(p.columns) == list(DEMSAR_RANKS.columns)
    np.testing.assert_allclose(p.to_numpy(), p.to_numpy().T)
    np.testing.assert_allclose(np.diag(p.to_numpy()), 1.0)
    assert ((p.to_numpy() >= 0) & (p.to_numpy() <= 1)).all()


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**16), n=st.integers(2, 25), k=st.integers(2, 8))
def test_nemenyi_significance_agrees_with_critical_difference(seed, n, k):
    scores = pd.DataFrame(np.random.default_rng(seed).random((n, k)))
    ranks = stats.average_ranks(scores).to_numpy()
    gaps = np.abs(ranks[:, None] - ranks[None, :])
    cd = stats.critical_difference(k, n)
    clear = np.abs(gaps - cd) > 1e-6  # skip pairs on the boundary
    p = stats.nemenyi(scores).to_numpy()
    np.testing.assert_array_equal((p < 0.05)[clear], (gaps > cd)[clear])


def _holm_by_hand(p):
    order = np.argsort(p)
    m = len(p)
    adjusted = np.empty(m)
    running = 0.0
    for i, j in enumerate(order):
        running = max(running, min(1.0, (m - i) * p[j]))
        adjusted[j] = running
    return adjusted


def test_wilcoxon_holm_against_control_by_hand():
    rng = np.random.default_rng(0)
    base = rng.random(10)
    scores = pd.DataFrame(
        {
            "ours": base + 0.05,
            "close": base + 0.04 + rng.normal(0, 0.02, 10),
            "worse": base,
            "noisy": base + rng.normal(0, 0.05, 10),
        }
    )
    result = stats.wilcoxon_holm(scores, control="ours")
    assert list(result.index) == ["close", "worse", "noisy"]
    raw = [ss.wilcoxon(scores["ours"], scores[m]).pvalue for m in result.index]
    np.testing.assert_allclose(result["p_value"], raw)
    np.testing.assert_allclose(result["p_holm"], _holm_by_hand(np.array(raw)))
    # "ours" beats "worse" on all 10 data sets: exact two-sided p = 2 / 2^10.
    assert result.loc["worse", "p_value"] == pytest.approx(2 / 2**10)
    assert result.loc["worse", "median_difference"] == pytest.approx(0.05)


def test_wilcoxon_holm_pairwise():
    scores = DEMSAR_RANKS.rsub(5)  # any paired table
    p = stats.wilcoxon_holm(scores)
    methods = list(scores.columns)
    assert list(p.index) == list(p.columns) == methods
    np.testing.assert_allclose(p.to_numpy(), p.to_numpy().T)
    np.testing.assert_allclose(np.diag(p.to_numpy()), 1.0)
    pairs = [(a, b) for i, a in enumerate(methods) for b in methods[i + 1 :]]
    raw = np.array([ss.wilcoxon(scores[a], scores[b]).pvalue for a, b in pairs])
    np.testing.assert_allclose([p.loc[a, b] for a, b in pairs], _holm_by_hand(raw))


def test_critical_difference_diagram_returns_axes_with_every_method():
    result = stats.friedman(DEMSAR_RANKS, higher_is_better=False)
    fig, ax = plt.subplots()
    try:
        out = stats.critical_difference_diagram(
            result.average_ranks, stats.nemenyi(DEMSAR_RANKS), ax=ax
        )
        assert out is ax
        labels = " ".join(text.get_text() for text in ax.texts)
        assert all(method in labels for method in DEMSAR_RANKS.columns)
        # With a critical difference only, drawn on a new figure.
        cd_ax = stats.critical_difference_diagram(
            result.average_ranks, cd=stats.critical_difference(4, 14)
        )
        assert isinstance(cd_ax, matplotlib.axes.Axes)
        assert any("CD" in text.get_text() for text in cd_ax.texts)
        plt.close(cd_ax.figure)
    finally:
        plt.close(fig)


def test_critical_difference_diagram_bad_input():
    ranks = pd.Series({"A": 1.5, "B": 2.5, "C": 2.0})
    with pytest.raises(ValueError, match="give p_values or cd"):
        stats.critical_difference_diagram(ranks)
    wrong = pd.DataFrame(np.ones((2, 2)), index=["A", "B"], columns=["A", "B"])
    with pytest.raises(ValueError, match="indexed"):
        stats.critical_difference_diagram(ranks, wrong)


@pytest.mark.parametrize(
    "function", [stats.average_ranks, stats.friedman, stats.nemenyi, stats.wilcoxon_holm]
)
def test_bad_scores(function):
    with pytest.raises(ValueError, match="dataset 'd2', method 'B'"):
        function(SMALL.where(~((SMALL.index == "d2")[:, None] & (SMALL.columns == "B")), np.nan))
    with pytest.raises(ValueError, match="methods"):
        function(SMALL[["A"]])
    with pytest.raises(ValueError, match="datasets"):
        function(SMALL.iloc[:1])


def test_bad_arguments():
    with pytest.raises(ValueError, match="at least 3 methods"):
        stats.friedman(SMALL[["A", "B"]])
    with pytest.raises(ValueError, match="all methods tie on every dataset"):
        stats.friedman(pd.DataFrame(np.ones((3, 3))))
    with pytest.raises(ValueError, match="control 'D' is not a method"):
        stats.wilcoxon_holm(SMALL, control="D")
    with pytest.raises(ValueError, match="n_methods"):
        stats.nemenyi_q(1)
    with pytest.raises(ValueError, match="alpha"):
        stats.critical_difference(3, 10, alpha=1.5)
    with pytest.raises(ValueError, match="n_datasets"):
        stats.critical_difference(3, 0)


def test_perfect_agreement_gives_infinite_iman_davenport():
    scores = pd.DataFrame({"A": [3, 3, 3], "B": [2, 2, 2], "C": [1, 1, 1]})
    result = stats.friedman(scores)
    assert result.statistic == pytest.approx(3 * 2)  # N (k - 1)
    assert result.iman_davenport == np.inf
    assert result.iman_davenport_pvalue == 0.0
