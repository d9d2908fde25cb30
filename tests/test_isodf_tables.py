"""The ISODF-ENN chapters' table and figure builders (imbdiff.isodf_enn).

Hand-built inputs, so every expected value is worked out here or computed independently.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.neighbors import NearestNeighbors  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from imbdiff import ISODATA  # noqa: E402
from imbdiff import isodf_enn
from imbdiff import isodf_enn as it  # noqa: E402
from imbdiff.cluster import isodata_summary  # noqa: E402
from imbdiff.diffusion import GaussianDiffusion, TabularTransformer  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _blobs(n=90, centers=3, seed=0):
    X, _ = make_blobs(n_samples=n, centers=centers, cluster_std=0.4, random_state=seed)
    return X


def _data(n_minority=60, seed=0):
    X = np.vstack([_blobs(n_minority, seed=seed), _blobs(100, seed=seed + 1)])
    y = np.r_[np.ones(n_minority, int), np.zeros(100, int)]
    return pd.DataFrame(X, columns=["a", "b"]), y


class _FakeResults:
    """Results.wide with hand-set means and standard deviations."""

    def __init__(self, mean, std):
        self.frames = {"mean": mean, "std": std}

    def wide(self, metric, methods, value="mean"):
        return self.frames[value][metric][methods]


# --- chapter 02 ---------------------------------------------------------------


def test_encode_minority_standardises_the_minority_and_picks_a_candidate():
    X, y = _data()
    Z, K = isodf_enn.isodata.encode_minority(X, y, range(2, 6), random_state=0)
    assert Z.shape == (60, 2) and Z.dtype == np.float64
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-6)  # float32 inside
    np.testing.assert_allclose(Z.std(axis=0), 1, atol=1e-6)
    assert K == 3  # three well-separated blobs
    Z2, K2 = isodf_enn.isodata.encode_minority(X, y, range(2, 6), random_state=0)
    np.testing.assert_array_equal(Z, Z2)
    assert K2 == K


def test_encode_minority_rejects_missing_minority_and_candidates():
    X, y = _data()
    with pytest.raises(ValueError, match="minority class"):
        isodf_enn.isodata.encode_minority(X, np.zeros_like(y), range(2, 6))
    with pytest.raises(ValueError, match="candidate"):
        isodf_enn.isodata.encode_minority(X, y, [100, 200])


def test_isodata_sweep_matches_direct_fits_in_order():
    encoded = {"one": _blobs(seed=0), "two": _blobs(seed=1)}
    K = {"one": 2, "two": 3}
    settings = [({"Mul": m}, {"merge_multiplier": m}) for m in (2, 50)]
    table = isodf_enn.isodata.isodata_sweep(encoded, K, settings, random_state=0)
    assert table[["dataset", "Mul"]].values.tolist() == [
        ["one", 2], ["one", 50], ["two", 2], ["two", 50]
    ]
    expected = isodata_summary(
        ISODATA(n_clusters=3, random_state=0, merge_multiplier=50).fit(encoded["two"]),
        encoded["two"],
    )
    for column, value in expected.items():
        assert table.iloc[3][column] == pytest.approx(value, nan_ok=True)
    with pytest.raises(ValueError, match="n_clusters"):
        isodf_enn.isodata.isodata_sweep(encoded, {"one": 2}, settings)


def test_isodata_versus_kmeans_on_identical_partitions():
    Z = _blobs(seed=2)
    fitted = {"d": ISODATA(n_clusters=3, random_state=0).fit(Z)}
    n = fitted["d"].n_clusters_
    kmeans = {"d": KMeans(n, n_init=10, random_state=0).fit(Z)}
    versus = isodf_enn.isodata.isodata_versus_kmeans({"d": Z}, {"d": 3}, fitted, kmeans, [0, 1])
    row = versus.loc["d"]
    assert row["K"] == 3 and row["clusters"] == n
    # Three blobs 0.4 wide: both methods recover them, whatever the seed.
    assert row["ARI ISODATA vs k-means"] == pytest.approx(1.0)
    assert row["seed stability k-means"] == pytest.approx(1.0)
    assert row["silhouette ISODATA - k-means"] == pytest.approx(
        row["silhouette ISODATA"] - row["silhouette k-means"]
    )
    with pytest.raises(ValueError, match="seeds"):
        isodf_enn.isodata.isodata_versus_kmeans({"d": Z}, {"d": 3}, fitted, kmeans, [])


def test_plot_partitions_draws_one_row_per_partition():
    Z = _blobs()
    models = {
        "ISODATA": {"d": ISODATA(n_clusters=3, random_state=0).fit(Z)},
        "k-means": {"d": KMeans(3, n_init=10, random_state=0).fit(Z)},
    }
    fig = isodf_enn.isodata.plot_partitions({"d": Z}, models, ["d"])
    assert len(fig.axes) == 2
    assert fig.axes[1].get_xlabel().startswith("PC 1   (ARI with ISODATA 1.00)")
    with pytest.raises(ValueError, match="nothing to draw"):
        isodf_enn.isodata.plot_partitions({"d": Z}, models, [])


# --- chapter 03 ---------------------------------------------------------------


def test_plot_reverse_process_has_a_panel_per_step_and_the_real_rows():
    rng = np.random.default_rng(0)
    x0, held = rng.normal(size=(30, 3)), rng.normal(size=(10, 3))
    pca = PCA(2).fit(x0)
    fig = isodf_enn.diffusion.plot_reverse_process({0: x0, 5: x0 * 2}, pca, x0, held)
    assert [ax.get_title() for ax in fig.axes] == [
        "generated, t = 5", "generated, t = 0", "real sub-cluster"
    ]
    with pytest.raises(ValueError, match="snapshots"):
        isodf_enn.diffusion.plot_reverse_process({}, pca, x0, held)


class _Zero(torch.nn.Module):
    def forward(self, x, t):
        return torch.zeros_like(x)


def test_denoising_losses_share_the_draws_between_sets():
    diffusion = GaussianDiffusion(timesteps=10)
    x = torch.randn(500, 4, generator=torch.Generator().manual_seed(0))
    # A network predicting 0 has loss mean(eps^2), whatever the rows: equal with
    # shared draws, and close to E[eps^2] = 1.
    losses = isodf_enn._diffusion.denoising_losses(diffusion, _Zero(), {"a": x, "b": x + 5.0}, n_draws=20)
    assert losses["a"] == losses["b"]
    assert losses["a"] == pytest.approx(1.0, abs=0.03)
    other = isodf_enn._diffusion.denoising_losses(diffusion, _Zero(), {"a": x}, n_draws=20,
                                generator_seed=1)
    assert other["a"] != losses["a"]
    with pytest.raises(ValueError, match="n_draws"):
        isodf_enn._diffusion.denoising_losses(diffusion, _Zero(), {"a": x}, n_draws=0)


def test_fidelity_measures_of_the_training_rows_themselves():
    rng = np.random.default_rng(0)
    train = pd.DataFrame(rng.normal(size=(40, 3)), columns=list("abc"))
    held = pd.DataFrame(rng.normal(size=(20, 3)), columns=list("abc"))
    encoder = TabularTransformer(numeric="standard", random_state=0).fit(train)
    scaler = StandardScaler().fit(encoder.transform(train, dtype=np.float64))
    space = scaler.transform(encoder.transform(train, dtype=np.float64))
    nearest = NearestNeighbors(n_neighbors=1).fit(space)
    kwargs = dict(train=train, held_out=held, encoder=encoder, scaler=scaler,
                  nearest_train=nearest, random_state=0)
    itself = isodf_enn._diffusion.fidelity_measures(train, **kwargs)
    assert itself["distance to nearest training row"] == pytest.approx(0, abs=1e-9)
    assert itself["correlation gap to training rows"] == pytest.approx(0, abs=1e-12)
    shifted = isodf_enn._diffusion.fidelity_measures(train + 3.0, **kwargs)
    assert shifted["correlation gap to training rows"] == pytest.approx(0, abs=1e-12)
    assert shifted["MMD to held-out"] > itself["MMD to held-out"]
    assert shifted["distance to nearest training row"] > 1


# --- chapter 04 ---------------------------------------------------------------


def test_settings_clusters_reports_each_setting():
    X, y = _data()
    found = isodf_enn.sensitivity.settings_clusters(X, y, {"Mul=2": {}, "Mul=100": {"merge_multiplier": 100.0}})
    assert list(found) == ["Mul=2", "Mul=100"]
    assert found["Mul=2"].startswith("3 (K=3, theta_C=1)")
    assert "theta_C=50)" in found["Mul=100"]  # 100 x theta_S = 0.5
    with pytest.raises(ValueError, match="minority class"):
        isodf_enn.sensitivity.settings_clusters(X, np.zeros_like(y), {"a": {}})


def _sensitivity_results():
    mean = pd.DataFrame({"m1": [70.0, 80.0], "m2": [72.0, 80.0], "d": [71.0, 79.0]},
                        index=["x", "y"])
    std = pd.DataFrame({"m1": [2.0, 4.0], "m2": [4.0, 4.0], "d": [1.0, 1.0]},
                       index=["x", "y"])
    return _FakeResults({"AUC": mean}, {"AUC": std})


def test_sensitivity_noise_hand_worked():
    rows = isodf_enn._sensitivity.sensitivity_noise(_sensitivity_results(), {"AUC": "AUC"},
                                [(["m1", "m2"], "Mul")], n_folds=4)
    assert rows[0] == {
        "metric": "AUC", "factor": "Mul", "dataset": "x", "range (pp)": 2.0,
        "mean standard error (pp)": 1.5, "best": "m2",  # (2/2 + 4/2) / 2
    }
    assert rows[1]["range (pp)"] == 0 and rows[1]["best"] == "m1, m2"
    with pytest.raises(ValueError, match="n_folds"):
        isodf_enn._sensitivity.sensitivity_noise(_sensitivity_results(), {"AUC": "AUC"}, [], n_folds=0)


def test_plot_sensitivity_draws_a_line_and_a_reference_per_dataset():
    fig = isodf_enn.sensitivity.plot_sensitivity(_sensitivity_results(), {"AUC": "AUC"},
                              [(["m1", "m2"], [2, 5], "Mul")], n_folds=4, default="d")
    (ax,) = fig.axes
    assert ax.get_xscale() == "log"
    reference = [line.get_ydata()[0] for line in ax.lines if line.get_linestyle() == "--"]
    assert reference == [71.0, 79.0]


# --- chapter 05 ---------------------------------------------------------------


def test_gap_to_best_other_hand_worked():
    table = pd.DataFrame({"ISO": [80.0, 60.0, np.nan], "A": [78.0, 70.0, 50.0],
                          "B": [70.0, 65.0, 55.0]}, index=["p", "q", "r"])
    folds = pd.DataFrame(
        {"ISO": [81.0, 79.0, 60.0, 60.0, 0, 0], "A": [78.0, 78.0, 70.0, 70.0, 0, 0],
         "B": [70.0] * 6},
        index=pd.MultiIndex.from_product([["p", "q", "r"], [0, 1]]),
    )
    gaps = isodf_enn.comparison.gap_to_best_other(table, folds, method="ISO")
    assert list(gaps.index) == ["p", "q"]  # r: ISO has no score
    assert gaps["best other"].tolist() == ["A", "A"]
    assert gaps["gap"].tolist() == [2.0, -10.0]
    # p: fold differences 3 and 1, std 1.414..., SE = 1.414 / sqrt(2) = 1.
    assert gaps.loc["p", "SE of gap"] == pytest.approx(1.0)
    assert gaps["rank of ISO (of 3)"].tolist() == [1, 3]
    with pytest.raises(ValueError, match="no column"):
        isodf_enn.comparison.gap_to_best_other(table, folds, method="nope")


def test_plot_method_scores_one_panel_per_metric():
    table = pd.DataFrame({"A": [1.0, 2.0], "ISODF-ENN": [3.0, 4.0],
                          "Original": [0.5, 0.5]}, index=["p", "q"])
    fig = isodf_enn.comparison.plot_method_scores({"F1": table, "AUC": table}, {"F1": "F", "AUC": "AUC"},
                                ["A"])
    assert len(fig.axes) == 2 and fig.axes[1].get_xlabel() == "AUC (%)"
    with pytest.raises(ValueError, match="rivals"):
        isodf_enn.comparison.plot_method_scores({"F1": table}, {"F1": "F"}, list("abcdefgh"))


# --- chapter 06 ---------------------------------------------------------------


def test_control_comparison_against_the_stats_module():
    from imbdiff import stats

    rng = np.random.default_rng(0)
    table = pd.DataFrame(rng.normal(size=(10, 4)), columns=["C", "r1", "r2", "r3"])
    table["C"] += 3  # the control wins everywhere
    ranks = stats.average_ranks(table)
    frame = isodf_enn.statistics.control_comparison(table, ranks, control="C", alpha=0.05)
    assert list(frame.index) == ["r1", "r2", "r3"]
    np.testing.assert_allclose(frame["rank gap"], ranks.drop("C") - 1.0)
    assert (frame["CD"] == stats.critical_difference(4, 10, alpha=0.05)).all()
    assert frame["significant (Wilcoxon-Holm)"].all()  # 10 wins of 10, p = 2/1024 x 3
    assert (frame["significant (Nemenyi)"] == (frame["rank gap"] > frame["CD"])).all()
    with pytest.raises(ValueError, match="no column"):
        isodf_enn.statistics.control_comparison(table, ranks, control="X")


def test_posthoc_power_hand_worked():
    power = isodf_enn._comparison.posthoc_power(9, 8, pd.Series([1.0, 5.0]), control="C")
    assert power["smallest possible Wilcoxon p"] == 2 / 256
    assert power["smallest possible Holm p (8 rivals)"] == 16 / 256
    assert power["largest rank gap of C"] == 5.0
    assert power["rivals beyond CD"] == int(5.0 > power["CD"]) + int(1.0 > power["CD"])
    assert isodf_enn._comparison.posthoc_power(9, 1, pd.Series([0.0]))[
        "smallest possible Holm p (8 rivals)"] == 1.0
    with pytest.raises(ValueError, match="at least 2 methods"):
        isodf_enn._comparison.posthoc_power(1, 8, pd.Series([0.0]))


# --- chapter 01 ---------------------------------------------------------------


def test_plot_silhouette_curves_turns_off_spare_panels():
    frame = pd.DataFrame({"silhouette": [0.5, 0.7], "n_clusters_found": [2, 3]},
                         index=[2, 3])
    names = ["a", "b", "c", "d", "e"]
    fig = isodf_enn.datasets.plot_silhouette_curves({n: frame for n in names},
                                    {n: frame for n in names}, dict.fromkeys(names, 3),
                                    names)
    assert len(fig.axes) == 8
    assert sum(ax.axison for ax in fig.axes) == 5
    with pytest.raises(ValueError, match="names"):
        isodf_enn.datasets.plot_silhouette_curves({}, {}, {}, [])
