"""The finished tables and figures of the ISODF-ENN chapters (imbdiff.isodf_enn).

Every input is built by hand, so that each expected value is worked out here: the
caption names the profile, the best value is marked, the rows and columns are the
right ones, and bad input gives a clear ValueError.
"""

import matplotlib

matplotlib.use("Agg")

from types import SimpleNamespace  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from imbdiff import isodf_enn  # noqa: E402
from imbdiff.metrics import overlap_ratio  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _bold(styler):
    """The (row, column) positions a styler marks in bold."""
    return {key for key, props in styler._compute().ctx.items()
            if ("font-weight", "bold") in props}


def _shown(styler):
    """The text of every body cell as the styler formats it, row by row."""
    styler._compute()
    translated = styler._translate(False, False)
    return [[cell["display_value"] for cell in row if cell["type"] == "td"]
            for row in translated["body"]]


# --- chapter 01: the datasets -------------------------------------------------------


def _overlap(r_pos, r_neg, ir):
    return SimpleNamespace(r_pos=r_pos, r_neg=r_neg, r_aug=(r_neg + ir * r_pos) / (1 + ir),
                           imbalance_ratio=ir)


def _dataset(n_minority, n_majority, n_features=2):
    X = pd.DataFrame(np.arange((n_minority + n_majority) * n_features, dtype=float)
                     .reshape(-1, n_features))
    return SimpleNamespace(X=X, y=np.r_[np.ones(n_minority, int), np.zeros(n_majority, int)])


def test_paper_quoted_holds_the_four_named_datasets_in_the_papers_order():
    quoted = isodf_enn.comparison.paper_quoted()
    assert list(quoted.index) == ["yeast1", "vehicle0", "flare-F", "segment0"]
    assert quoted.loc["yeast1"].to_dict() == {"IR": 2.46, "R_aug": 43.26}
    assert quoted.loc["flare-F", "IR"] == 23.79
    shown = isodf_enn.datasets.quoted_table()
    assert _shown(shown)[0] == ["2.46", "43.26"]
    assert "profile" not in shown.caption  # the paper's numbers: no profile computed them


def test_dataset_measures_gives_size_imbalance_and_overlap_in_percent():
    loaded = {"toy": _dataset(10, 30, n_features=3)}
    measures = isodf_enn.datasets.dataset_measures(loaded, {"toy": _overlap(0.5, 0.1, 3.0)})
    values = measures.set_index("metric")["mean"]
    assert list(values.index) == ["#rows", "#features", "IR", "R_pos", "R_neg", "R_aug"]
    assert values["#rows"] == 40 and values["#features"] == 3 and values["IR"] == 3.0
    assert values["R_pos"] == pytest.approx(50) and values["R_neg"] == pytest.approx(10)
    assert values["R_aug"] == pytest.approx(100 * (0.1 + 3 * 0.5) / 4)  # 40 %
    with pytest.raises(ValueError, match="no overlap ratio"):
        isodf_enn.datasets.dataset_measures(loaded, {})


def test_overlap_table_sets_ours_beside_the_quoted_value_and_names_the_profile():
    loaded = {"yeast1": _dataset(10, 30), "glass1": _dataset(10, 10)}
    overlap = {"yeast1": _overlap(0.5, 0.1, 3.0), "glass1": _overlap(0.2, 0.2, 1.0)}
    measures = isodf_enn.datasets.dataset_measures(loaded, overlap)
    styler = isodf_enn.datasets.overlap_table(measures, ["yeast1", "glass1", "pima"], profile="smoke")
    assert styler.caption.endswith("(smoke profile)")
    table = styler.data
    assert list(table.index) == ["yeast1", "glass1", "pima"]
    assert table.loc["yeast1", ("R_aug", "paper")] == 43.26
    assert table.loc["yeast1", ("R_aug", "diff")] == pytest.approx(40 - 43.26)
    assert np.isnan(table.loc["glass1", ("R_aug", "paper")])  # not quoted
    assert _shown(styler)[0][-3:] == ["43.26", "40.00", "-3.26"]
    assert _shown(styler)[2] == ["–"] * 9  # pima did not load


def test_overlap_granularity_measures_a_gap_in_rows():
    # 30 majority rows, IR 3: one majority row moves R_aug by 100 / (30 * 4) points.
    loaded = {"yeast1": _dataset(10, 30), "glass1": _dataset(10, 10)}
    overlap = {"yeast1": _overlap(0.5, 0.1, 3.0), "glass1": _overlap(0.2, 0.2, 1.0)}
    table = isodf_enn.datasets.overlap_granularity(loaded, overlap)
    assert list(table.index) == ["yeast1"]  # glass1 is not quoted
    row = table.loc["yeast1"]
    assert row["|ours - paper| (pp)"] == pytest.approx(3.26)
    assert row["one majority row (pp)"] == pytest.approx(round(100 / 120, 4))
    assert row["one minority row (pp)"] == pytest.approx(round(300 / 40, 4))
    assert row["gap / one majority row"] == pytest.approx(round(3.26 / 0.8333, 1))
    shown = _shown(isodf_enn.datasets.granularity_table(table, profile="default"))[0]
    assert shown[:3] == ["43.26", "40.0000", "3.2600"] and shown[-1] == "3.9"


def test_overlap_readings_table_computes_each_reading():
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(80, 2)) * [1, 100])
    y = np.r_[np.ones(20, int), np.zeros(60, int)]
    # glass1's R_aug is not quoted: it has no row.
    loaded = {"yeast1": SimpleNamespace(X=X, y=y), "glass1": SimpleNamespace(X=X, y=y)}
    readings = {"raw": {}, "scaled": {"scale": "standard"}}
    styler = isodf_enn.datasets.overlap_readings_table(loaded, readings, profile="paper")
    table = styler.data
    assert list(table.columns) == ["paper", "raw", "scaled"] and list(table.index) == ["yeast1"]
    assert table.loc["yeast1", "paper"] == 43.26
    assert table.loc["yeast1", "scaled"] == pytest.approx(
        100 * overlap_ratio(X, y, scale="standard").r_aug)
    assert styler.caption.endswith("(paper profile)")
    with pytest.raises(ValueError, match="readings is empty"):
        isodf_enn.datasets.overlap_readings_table(loaded, {})


def _blob_minority(seed=0):
    from sklearn.datasets import make_blobs

    Z, _ = make_blobs(n_samples=60, centers=3, cluster_std=0.3, random_state=seed)
    data = SimpleNamespace(X=pd.DataFrame(Z, columns=["a", "b"]), y=np.ones(60, int))
    return data, Z


def test_silhouette_stability_chooses_three_for_three_blobs_under_every_run():
    from imbdiff.cluster import select_n_clusters

    data, Z = _blob_minority()
    _, kmeans = select_n_clusters(Z, [2, 3, 4], clusterer="kmeans", random_state=0)
    stability = isodf_enn.datasets.silhouette_stability({"d": data}, {"d": Z}, {"d": kmeans},
                                               [2, 3, 4], [0, 1])
    assert list(stability.columns) == ["seed 0", "seed 1", "quantile encoding", "k-means",
                                       "same K (ISODATA, every seed and encoding)"]
    assert stability.loc["d", "k-means"] == 3
    same = stability.loc["d", ["seed 0", "seed 1", "quantile encoding"]].nunique() == 1
    assert stability.loc["d", "same K (ISODATA, every seed and encoding)"] == same
    assert isodf_enn.datasets.stability_table(stability, profile="smoke").caption.endswith(
        "(smoke profile)")
    with pytest.raises(ValueError, match="seeds is empty"):
        isodf_enn.datasets.silhouette_stability({"d": data}, {"d": Z}, {"d": kmeans}, [2, 3], [])


def _k_inputs():
    loaded = {"yeast1": _dataset(10, 30, n_features=4)}
    measures = isodf_enn.datasets.dataset_measures(loaded, {"yeast1": _overlap(0.5, 0.1, 3.0)})
    scores = {"yeast1": pd.DataFrame({"n_clusters_found": [2, 5]}, index=[2, 3])}
    stability = pd.DataFrame({"seed 0": [3], "seed 1": [2], "quantile encoding": [3],
                              "k-means": [4]}, index=["yeast1"])
    return measures, {"yeast1": 3}, scores, stability


def test_table1_shows_whole_numbers_and_the_ir_with_two_decimals():
    measures, choice, scores, _ = _k_inputs()
    styler = isodf_enn.datasets.table1(measures, choice, scores, ["yeast1"], profile="default")
    table = styler.data
    assert table.loc["yeast1", ("#sub-clusters", "ours")] == 5
    assert table.loc["yeast1", ("K (silhouette)", "ours")] == 3
    assert table.loc["yeast1", ("IR", "diff")] == pytest.approx(3.0 - 2.46)
    assert _shown(styler)[0] == ["–", "40", "–", "–", "4", "–", "2.46", "3.00", "0.54",
                                 "–", "3", "–", "–", "5", "–"]
    assert styler.caption.endswith("(default profile)")


def test_dataset_claim_measures_count_every_isodata_run_as_a_split():
    measures, choice, scores, stability = _k_inputs()
    checked = isodf_enn.datasets.dataset_claim_measures(measures, choice, scores, stability)
    assert set(checked["method"]) == {"data"}
    k = checked[checked["metric"] == "K (silhouette)"]
    assert k["split"].tolist() == [0, 1, 2] and k["mean"].tolist() == [3, 2, 3]  # no k-means
    assert checked.query("metric == '#sub-clusters'")["mean"].tolist() == [5]


def test_plot_silhouette_curves_names_the_profile_in_its_title():
    scores = pd.DataFrame({"silhouette": [0.4, 0.6], "n_clusters_found": [2, 3]}, index=[2, 3])
    fig = isodf_enn.datasets.plot_silhouette_curves({"d": scores}, {"d": scores}, {"d": 3}, ["d"],
                                           profile="smoke")
    assert fig._suptitle.get_text().endswith("(smoke profile)")
    assert [ax.get_title() for ax in fig.axes] == ["d"]


# --- chapter 02: ISODATA ------------------------------------------------------------


def _histories():
    return {
        ("a", "1 centre"): np.array([2, 3, 3]), ("a", "K centres"): np.array([3, 3]),
        ("a", "10 centres"): np.array([10, 8, 6]),
        ("b", "1 centre"): np.array([1, 2]), ("b", "K centres"): np.array([2, 2]),
    }


def test_final_clusters_reads_the_last_count_of_every_start():
    ends = isodf_enn.isodata.final_clusters(_histories(), {"a": 3, "b": 2}, ["b", "a"])
    assert list(ends.index) == ["b", "a"]
    assert list(ends.columns) == ["K", "1 centre", "K centres", "10 centres"]
    assert ends.loc["a"].tolist() == [3, 3, 3, 6]
    assert np.isnan(ends.loc["b", "10 centres"])  # b is too small for 10 centres
    styler = isodf_enn.isodata.final_clusters_table(ends, profile="smoke")
    assert _shown(styler)[0] == ["2", "2", "2", "–"]
    assert styler.caption.endswith("(smoke profile)")
    with pytest.raises(ValueError, match="no K"):
        isodf_enn.isodata.final_clusters(_histories(), {"a": 3}, ["a", "b"])


def test_plot_histories_draws_one_line_per_start_and_names_the_profile():
    fig = isodf_enn.isodata.plot_histories(_histories(), {"a": 3, "b": 2}, ["a", "b"],
                                   profile="default")
    assert [len(ax.get_lines()) for ax in fig.axes] == [4, 3]  # the starts and K dotted
    assert fig.axes[0].get_title() == "a (K = 3)"
    assert fig._suptitle.get_text().endswith("(default profile)")
    with pytest.raises(ValueError, match="nothing to draw"):
        isodf_enn.isodata.plot_histories(_histories(), {"a": 3}, [])


def test_clusters_per_k_table_fits_isodata_for_every_k_below_the_rows():
    from imbdiff import ISODATA

    Z = _blob_minority()[1]
    styler = isodf_enn.isodata.clusters_per_k_table({"d": Z, "tiny": Z[:3]}, [2, 3], profile="smoke")
    table = styler.data
    assert list(table.columns) == [2, 3] and list(table.index) == ["d", "tiny"]
    assert table.loc["d", 3] == ISODATA(n_clusters=3, random_state=0).fit(Z).n_clusters_
    assert np.isnan(table.loc["tiny", 3])  # K = 3 needs more than 3 rows
    assert _shown(styler)[1][1] == "–"


def _sweep():
    return pd.DataFrame({
        "dataset": ["a", "a", "b", "b"], "theta_S": [0.5, 1.0, 0.5, 1.0], "Mul": [2, 2, 2, 2],
        "clusters": [3, 1, 4, 2], "silhouette": [0.25, np.nan, 0.5, 0.125],
        "smallest": [5, 60, 2, 9],
    })


def test_split_merge_table_pivots_the_sweep_with_its_fixed_thresholds():
    styler = isodf_enn.isodata.split_merge_table(_sweep(), ["b", "a"], profile="smoke")
    assert list(styler.data.columns) == ["b", "a"]
    assert list(styler.data.index) == [("0.5", 2), ("1.0", 2)]  # theta_S as written
    assert _shown(styler) == [["4", "3"], ["2", "1"]]
    assert styler.caption == ("Clusters found for theta_S x Mul (I = 20, theta_N = 2, "
                              "L = 2) (smoke profile)")
    silhouette = isodf_enn.isodata.split_merge_table(_sweep(), ["a", "b"], values="silhouette")
    assert _shown(silhouette) == [["0.250", "0.500"], ["–", "0.125"]]
    with pytest.raises(ValueError, match="values must be"):
        isodf_enn.isodata.split_merge_table(_sweep(), ["a"], values="smallest")


def test_iterations_and_min_samples_tables_pivot_their_sweeps():
    sweep = _sweep().rename(columns={"theta_S": "I", "Mul": "setting"})
    assert _shown(isodf_enn.isodata.iterations_table(sweep, ["a", "b"])) == [["3", "4"], ["1", "2"]]
    minimum = _sweep().rename(columns={"theta_S": "theta_N"})
    styler = isodf_enn.isodata.min_samples_table(minimum, ["b", "a"], profile="paper")
    assert list(styler.data.columns) == [("clusters", "b"), ("clusters", "a"),
                                         ("smallest", "b"), ("smallest", "a")]
    assert _shown(styler)[0] == ["4", "3", "2", "5"]
    assert styler.caption.endswith("(paper profile)")


def test_versus_table_and_the_claim_measures_of_chapter_02():
    versus = pd.DataFrame({"K": [2], "clusters": [5], "silhouette ISODATA": [0.1644],
                           "silhouette k-means": [0.18125]},
                          index=pd.Index(["a"], name="dataset"))
    styler = isodf_enn.isodata.versus_table(versus, [0, 1], profile="smoke")
    assert _shown(styler)[0] == ["2", "5", "0.164", "0.181"]
    assert "over seeds [0, 1]" in styler.caption
    ends = isodf_enn.isodata.final_clusters(_histories(), {"a": 3, "b": 2}, ["a"])
    checked = isodf_enn.isodata.isodata_claim_measures(ends, versus)
    starts = checked[checked["metric"] == "clusters found"]
    assert starts["method"].tolist() == ["1 centre", "K centres", "10 centres"]
    assert starts["mean"].tolist() == [3, 3, 6]
    silhouettes = checked[checked["metric"] == "silhouette"].set_index("method")["mean"]
    assert silhouettes.to_dict() == {"ISODATA": 0.1644, "k-means": 0.18125}


def test_plot_partitions_names_the_profile_in_its_title():
    from sklearn.cluster import KMeans

    Z = _blob_minority()[1]
    models = {"k-means": {"d": KMeans(3, n_init=10, random_state=0).fit(Z)}}
    fig = isodf_enn.isodata.plot_partitions({"d": Z}, models, ["d"], profile="smoke")
    assert fig._suptitle.get_text().endswith("(smoke profile)")


# --- chapter 03: the diffusion model ------------------------------------------------


def test_snapshot_recorder_keeps_the_rows_at_the_chosen_times():
    import torch

    record = isodf_enn.diffusion.SnapshotRecorder({5, 2, 0})
    for step in range(6, 0, -1):  # sample calls (T + 1, x_T) first, then (t, x_{t-1})
        record(step, torch.full((1, 1), float(step - 1)))
    assert list(record.snapshots) == [5, 2, 0]  # as the reverse process reaches them
    assert record.snapshots[2].item() == 2.0


def test_snapshot_recorder_does_not_change_what_sample_draws():
    import torch

    from imbdiff.diffusion import GaussianDiffusion

    class Zero(torch.nn.Module):
        def forward(self, x, t):
            return torch.zeros_like(x)

    diffusion = GaussianDiffusion(timesteps=6)
    record = isodf_enn.diffusion.SnapshotRecorder({6, 3, 0})
    watched = diffusion.sample(Zero(), 4, 0, n_features=2, device="cpu", callback=record)
    plain = diffusion.sample(Zero(), 4, 0, n_features=2, device="cpu")
    assert torch.equal(watched, plain)
    assert list(record.snapshots) == [6, 3, 0]
    assert torch.equal(record.snapshots[0], plain)


def test_closed_form_recovers_a_hand_made_slope_and_residual():
    import torch

    x0 = torch.tensor([[0.0, 1.0], [2.0, 1.0], [4.0, 1.0]])  # the second column is constant
    noised = 0.5 * x0.double().repeat(2, 1)  # no noise at all: slope 0.5, residual 0
    closed = isodf_enn.diffusion.closed_form(x0, noised, 0.25, 7)
    assert list(closed.index) == ["slope of x_7 on x_0 (mean over columns)",
                                  "residual variance of x_7"]
    assert closed["step by step"].tolist() == pytest.approx([0.5, 0.0])
    assert closed["closed form"].tolist() == pytest.approx([0.5, 0.75])
    assert closed["difference"].tolist() == pytest.approx([0.0, -0.75])
    styler = isodf_enn.diffusion.closed_form_table(closed, profile="smoke")
    assert _shown(styler)[1] == ["0.0000", "0.7500", "-0.7500"]
    assert styler.caption.endswith("(smoke profile)")
    with pytest.raises(ValueError, match="not a multiple"):
        isodf_enn.diffusion.closed_form(x0, noised[:5], 0.25, 7)


def test_plot_forward_draws_a_panel_per_time_with_its_signal_share():
    import torch
    from sklearn.decomposition import PCA

    from imbdiff.diffusion import GaussianDiffusion

    diffusion = GaussianDiffusion(timesteps=10)
    x0 = torch.randn(20, 3, generator=torch.Generator().manual_seed(0))
    fig = isodf_enn.diffusion.plot_forward(diffusion, x0, PCA(2).fit(x0.numpy()), [0, 10],
                                 generator=torch.Generator().manual_seed(1), profile="paper")
    share = np.sqrt(diffusion.alpha_bars[-1].item())
    assert [ax.get_title() for ax in fig.axes] == ["t = 0: signal 1.00",
                                                   f"t = 10: signal {share:.2f}"]
    assert fig._suptitle.get_text().endswith("(paper profile)")
    with pytest.raises(ValueError, match="times is empty"):
        isodf_enn.diffusion.plot_forward(diffusion, x0, None, [], generator=None)


def test_plot_losses_draws_one_curve_per_rate_of_the_seed():
    curves = {(0.5, 0): [1.0, 0.5, 0.25], (0.0, 0): [1.0, 0.8, 0.6], (0.5, 1): [9.0] * 3}
    fig = isodf_enn.diffusion.plot_losses(curves, 0, window=1, profile="smoke")
    (ax,) = fig.axes
    assert [line.get_label() for line in ax.get_lines()] == ["dropout 0.5", "dropout 0.0"]
    assert ax.get_lines()[0].get_ydata().tolist() == [1.0, 0.5, 0.25]
    with pytest.raises(ValueError, match="seed 7"):
        isodf_enn.diffusion.plot_losses(curves, 7)


def test_few_valued_table_counts_values_within_a_thousandth_of_the_range():
    train = pd.DataFrame({"flag": [0.0, 1.0, 1.0], "wide": [0.1, 0.2, 0.3],
                          "name": ["a", "b", "c"]})
    minority = pd.concat([train, train])
    # flag: 0 and 1 within 0.001 of a training value, 0.5 not; wide has 3 values too.
    generated = pd.DataFrame({"flag": [0.0, 0.5, 1.0005, 1.0], "wide": [0.1] * 4,
                              "name": list("abcd")})
    styler = isodf_enn.diffusion.few_valued_table(generated, train, minority, max_values=2,
                                        profile="default")
    assert list(styler.data.index) == ["flag"]  # wide has 3 distinct values; name is text
    assert _shown(styler) == [["2", "75%"]]
    assert styler.caption.endswith("(default profile)")


def _comparison_frame():
    networks = pd.DataFrame({
        "rows": ["dropout 0.5", "dropout 0.5", "dropout 0.0", "dropout 0.0"],
        "dropout": [0.5, 0.5, 0.0, 0.0], "training seed": [0, 1, 0, 1],
    })
    for position, measure in enumerate(isodf_enn._diffusion.NETWORK_MEASURES):
        networks[measure] = [1.0 + position, 3.0 + position, 2.0, 2.5]
    yardsticks = pd.DataFrame({"rows": ["real training rows", "shuffled columns"]})
    for measure in isodf_enn._diffusion.NETWORK_MEASURES[2:]:
        yardsticks[measure] = [0.5, 0.75]
    return pd.concat([networks, yardsticks], ignore_index=True)


def test_dropout_summary_averages_the_seeds_of_each_rate():
    summary = isodf_enn.diffusion.dropout_summary(_comparison_frame())
    assert list(summary.index) == ["dropout 0.5", "dropout 0.0"]  # the paper's rate first
    assert list(summary.columns) == isodf_enn._diffusion.NETWORK_MEASURES
    assert summary.loc["dropout 0.5", "MMD to held-out"] == 4.0  # (3 + 5) / 2
    assert summary.loc["dropout 0.0", "loss on held-out rows"] == 2.25
    styler = isodf_enn.diffusion.dropout_summary_table(summary, [0, 1], profile="smoke")
    assert _shown(styler)[0][0] == "2.0000"
    assert styler.caption.startswith("Means over the training seeds [0, 1]")


def test_dropout_table_formats_each_column_and_hides_the_index():
    styler = isodf_enn.diffusion.dropout_table(_comparison_frame(), "yeast1", 144, profile="smoke")
    assert styler.caption == ("yeast1, sub-cluster of 144 rows: each network and the "
                              "yardsticks (smoke profile)")
    shown = _shown(styler)
    assert shown[0][:4] == ["dropout 0.5", "0.5", "0", "1.0000"]
    assert shown[4][:4] == ["real training rows", "–", "–", "–"]
    assert styler.hide_index_ == [True]


def test_diffusion_claim_measures_gather_the_four_claims_inputs():
    closed = pd.DataFrame({"step by step": [0.9, 0.19], "closed form": [0.91, 0.18]})
    alpha_bars = np.array([0.81, 0.64, 0.25])
    checked = isodf_enn.diffusion.diffusion_claim_measures(closed, alpha_bars, 2, _comparison_frame(),
                                                 "yeast1")
    assert set(checked["dataset"]) == {"yeast1"}
    forward = checked[checked["metric"].isin(["slope", "residual variance"])]
    assert forward["mean"].tolist() == [0.9, 0.19, 0.91, 0.18]
    noise = checked[checked["metric"] == "signal share"].set_index("method")["mean"]
    assert noise.to_dict() == pytest.approx({"t=T": 0.5, "t=90": 0.8})
    runs = checked[checked["method"].str.startswith("dropout")]
    assert len(runs) == 4 * 6 and set(runs["split"]) == {0, 1}
    assert len(checked[checked["method"] == "shuffled columns"]) == 6


def test_dropout_comparison_measures_networks_and_yardsticks_alike():
    import torch
    from sklearn.preprocessing import StandardScaler

    from imbdiff.diffusion import GaussianDiffusion, TabularTransformer
    from imbdiff.metrics import mmd

    class Zero(torch.nn.Module):
        n_features = 2

        def forward(self, x, t):
            return torch.zeros_like(x)

    rng = np.random.default_rng(0)
    train = pd.DataFrame(rng.normal(size=(30, 2)), columns=["a", "b"])
    held = pd.DataFrame(rng.normal(size=(10, 2)), columns=["a", "b"])
    encoder = TabularTransformer(numeric="standard", random_state=0).fit(train)
    scaler = StandardScaler().fit(encoder.transform(train, dtype=np.float64))
    space = [torch.as_tensor(scaler.transform(encoder.transform(f, dtype=np.float64))
                             .astype(np.float32)) for f in (train, held)]
    models = {(0.5, 0): Zero()}
    comparison = isodf_enn.diffusion.dropout_comparison(
        models, {(0.5, 0): Zero()}, GaussianDiffusion(timesteps=5), x0=space[0],
        x_held=space[1], train=train, held_out=held, encoder=encoder, scaler=scaler)
    assert comparison["rows"].tolist() == ["dropout 0.5", "real training rows",
                                           "real held-out rows", "shuffled columns"]
    row = comparison.set_index("rows")
    assert row.loc["real training rows", "MMD to held-out"] == pytest.approx(
        mmd(held, train, random_state=0))
    assert np.isnan(row.loc["real training rows", "distance to nearest training row"])
    assert np.isnan(row.loc["real held-out rows", "MMD to held-out"])
    assert row.loc["shuffled columns", "distance to nearest training row"] > 0
    with pytest.raises(ValueError, match="no sampler"):
        isodf_enn.diffusion.dropout_comparison(models, {}, None, x0=None, x_held=None, train=train,
                                     held_out=held, encoder=encoder, scaler=scaler)


# --- chapter 04: Mul and I ----------------------------------------------------------


class _Results:
    """Results.wide and Results.per_fold from hand-set frames."""

    def __init__(self, mean=None, folds=None):
        self.mean, self.folds = mean or {}, folds or {}

    def wide(self, metric, methods, value="mean"):
        return self.mean[metric][methods]

    def per_fold(self, metric):
        return self.folds[metric]


def test_sensitivity_datasets_follow_the_chapters_parameters():
    from imbdiff import profiles

    default = profiles.get("default")
    assert isodf_enn.sensitivity.sensitivity_datasets(default) == ["glass1", "ecoli3"]
    assert isodf_enn.sensitivity.sensitivity_datasets(default, datasets=["yeast1"]) == list(
        default.isodf_datasets)  # datasets named: every one of the run
    assert isodf_enn.sensitivity.sensitivity_datasets(default, chosen="pima,yeast4") == ["pima", "yeast4"]
    smoke = profiles.get("smoke")
    assert isodf_enn.sensitivity.sensitivity_datasets(smoke) == list(smoke.isodf_datasets)


def test_sensitivity_cells_read_the_default_iterations_from_table_6():
    from imbdiff import profiles

    settings = profiles.get("smoke", isodf_datasets=["glass1"])
    n_folds = settings.cv_folds * settings.splits
    cells, reused = isodf_enn.sensitivity.sensitivity_cells(settings, ["glass1"])
    assert len(cells) == n_folds * (8 + 1) and reused == {"I=20": n_folds}
    table6 = [c for c in isodf_enn.isodf_enn_grid("comparison", settings, ["glass1"])
              if c.method == "ISODF-ENN"]
    twenty = [c for c in cells if c.label == "I=20"]
    assert [c.params for c in twenty] == [c.params for c in table6]  # Table 6's own cells
    assert {c.label for c in cells} == set(isodf_enn.sensitivity.MUL_LABELS + isodf_enn.sensitivity.ITERATION_LABELS
                                           + [isodf_enn.sensitivity.DEFAULT_LABEL])


def _mean_scores():
    labels = isodf_enn.sensitivity.MUL_LABELS + [isodf_enn.sensitivity.DEFAULT_LABEL]
    table = pd.DataFrame([[70.0, 72.0, 72.0, 60.0, 99.0], [80.0, 79.0, 78.0, 77.0, 50.0]],
                         index=["a", "b"], columns=labels)
    return {"AUC_DT": table, "F1_DT": table - 10}


def test_sensitivity_table_bolds_the_best_value_and_never_the_default():
    styler = isodf_enn.sensitivity.sensitivity_table(_Results(_mean_scores()), 4, "AUC_DT",
                                         profile="smoke")
    assert _bold(styler) == {(0, 1), (0, 2), (1, 0)}  # a: Mul=20 and Mul=50 tie; not 99
    assert styler.caption == ("Table 4, ours: AUC (%) of ISODF-ENN with a decision tree "
                              "for each Mul (the paper's table) (smoke profile)")
    assert _shown(styler)[0][0] == "70.00"
    f_value = isodf_enn.sensitivity.sensitivity_table(_Results(_mean_scores()), 4, "F1_DT")
    assert "F-value (%)" in f_value.caption and "(not in the paper)" in f_value.caption
    with pytest.raises(ValueError, match="number must be"):
        isodf_enn.sensitivity.sensitivity_table(_Results(_mean_scores()), 6, "AUC_DT")
    with pytest.raises(ValueError, match="metric must be"):
        isodf_enn.sensitivity.sensitivity_table(_Results(_mean_scores()), 4, "G_DT")


def test_identical_settings_groups_the_settings_equal_in_every_fold():
    index = pd.MultiIndex.from_product([["a", "b"], [0, 1]], names=["dataset", "fold"])
    auc = pd.DataFrame({"Mul=5": [1, 2, 5, 5], "Mul=20": [1, 2, 5, 6], "Mul=50": [1, 2, 7, 8],
                        "I=5": [3, 3, 3, 3], "I=10": [3, 3, 3, 4]}, index=index, dtype=float)
    f1 = auc.copy()
    f1.loc["a", "Mul=20"] = [1.0, 9.0]  # a: Mul=20 differs from the others in F-value
    results = _Results(folds={"AUC_DT": auc, "F1_DT": f1})
    identical = isodf_enn._sensitivity.identical_settings(results, ["a", "b", "c"])
    # c has no folds: no row.
    assert identical.to_dict() == {"a": "Mul=5 = Mul=50; I=5 = I=10", "b": "none"}
    styler = isodf_enn.sensitivity.identical_settings_table(results, ["b"], profile="paper")
    assert _shown(styler) == [["none"]] and styler.caption.endswith("(paper profile)")


def test_noise_ranges_set_each_range_against_the_standard_error():
    std = {m: t * 0 + 2.0 for m, t in _mean_scores().items()}  # SE = 2 / sqrt(4) = 1

    class WithStd(_Results):
        def wide(self, metric, methods, value="mean"):
            return (std if value == "std" else self.mean)[metric][methods]

    noise = isodf_enn.sensitivity.noise_ranges(WithStd(_mean_scores()), {"AUC_DT": "AUC"},
                                   [(isodf_enn.sensitivity.MUL_LABELS, "Mul")], n_folds=4)
    row = noise.loc[("AUC", "Mul", "a")]
    assert row["range (pp)"] == 12.0 and row["mean standard error (pp)"] == 1.0
    assert row["range / SE"] == 12.0 and row["best"] == "Mul=20, Mul=50"
    styler = isodf_enn.sensitivity.noise_table(noise, profile="smoke")
    assert _shown(styler)[0] == ["12.00", "1.00", "Mul=20, Mul=50", "12.00"]


def test_settings_clusters_table_puts_the_settings_down():
    found = {"a": {"Mul=5": "2 (K=2, theta_C=2.5)", "I=5": "3 (K=3, theta_C=1)"}}
    styler = isodf_enn.sensitivity.settings_clusters_table(found, profile="smoke")
    assert list(styler.data.index) == ["Mul=5", "I=5"] and list(styler.data.columns) == ["a"]
    assert styler.caption.endswith("(smoke profile)")


def test_plot_sensitivity_names_the_profile_in_its_title():
    std = {m: t * 0 + 1.0 for m, t in _mean_scores().items()}

    class WithStd(_Results):
        def wide(self, metric, methods, value="mean"):
            return (std if value == "std" else self.mean)[metric][methods]

    fig = isodf_enn.sensitivity.plot_sensitivity(
        WithStd(_mean_scores()), {"AUC_DT": "AUC"},
        [(isodf_enn.sensitivity.MUL_LABELS, isodf_enn.sensitivity.MUL_VALUES, "Mul")], n_folds=4,
        default=isodf_enn.sensitivity.DEFAULT_LABEL, profile="default")
    assert fig._suptitle.get_text().endswith("(default profile)")


# --- chapter 05: Table 6 ------------------------------------------------------------


def _scores():
    return pd.DataFrame({"SMOTE": [70.0, 60.0], "ISODF-ENN": [72.0, 55.0],
                         "Original": [72.0, 50.0]}, index=["yeast1", "glass1"])


def test_scores_table_bolds_each_rows_best_original_included():
    styler = isodf_enn.comparison.scores_table(_scores(), "AUC_DT", n_folds=4, title="Table 6, ours",
                                    profile="smoke")
    assert _bold(styler) == {(0, 1), (0, 2), (1, 0)}  # a tie with Original is shared
    assert styler.caption == ("Table 6, ours: AUC (%) of a decision tree after each "
                              "method, mean over 4 folds; best per dataset in bold "
                              "(smoke profile)")
    assert _shown(styler)[1] == ["60.00", "55.00", "50.00"]
    with pytest.raises(ValueError, match="metric must be"):
        isodf_enn.comparison.scores_table(_scores(), "G_DT", n_folds=4)


def test_spread_table_puts_both_metrics_side_by_side():
    std = {"F1_DT": _scores() / 10, "AUC_DT": _scores() / 20}

    class Spread:
        def wide(self, metric, methods, value="mean"):
            assert value == "std"
            return std[metric][methods]

    styler = isodf_enn.comparison.spread_table(Spread(), ["ISODF-ENN", "SMOTE"], profile="default")
    assert list(styler.data.columns) == [("F-value", "ISODF-ENN"), ("F-value", "SMOTE"),
                                         ("AUC", "ISODF-ENN"), ("AUC", "SMOTE")]
    assert _shown(styler)[0] == ["7.20", "7.00", "3.60", "3.50"]
    assert styler.caption.endswith("(default profile)")


def test_gap_table_formats_the_scores_and_keeps_the_rank_whole():
    gaps = pd.DataFrame({"ISODF-ENN": [54.756], "best other": ["SMOTE+ENN"],
                         "its score": [55.71], "gap": [-0.954], "SE of gap": [1.875],
                         "rank of ISODF-ENN (of 9)": [2]}, index=["yeast1"])
    styler = isodf_enn.comparison.gap_table(gaps, "F1_DT", profile="smoke")
    assert _shown(styler) == [["54.76", "SMOTE+ENN", "55.71", "-0.95", "1.88", "2"]]
    assert styler.caption.startswith("F-value: ISODF-ENN against the best other method")


class _Summary:
    """Results.summary from hand-set rows."""

    def __init__(self, rows):
        self.rows = pd.DataFrame(rows, columns=["method", "dataset", "train rows",
                                                "generated", "removed", "seconds"])

    def summary(self):
        return self.rows


def test_resampling_counts_and_seconds_average_the_folds():
    results = _Summary([
        ["SMOTE", "a", 100, 40, 0, 0.25], ["SMOTE", "a", 100, 42, 0, 0.75],
        ["ENN", "a", 100, 0, 7, 1.0], ["ENN", "b", 50, 0, 3, 2.0],
    ])
    counts = isodf_enn._comparison.resampling_counts(results, ["SMOTE", "ENN"], ["a", "b"])
    assert counts.to_dict("index") == {
        "SMOTE": {"a": "+41 / -0", "b": "n/a"}, "ENN": {"a": "+0 / -7", "b": "+0 / -3"},
        "(training rows)": {"a": "100", "b": "50"},
    }
    table = isodf_enn.comparison.resampling_counts_table(results, ["ENN"], ["b", "c"], profile="smoke")
    assert _shown(table) == [["+0 / -3", "n/a"], ["50", "n/a"]]  # c has no cell at all
    seconds = isodf_enn.comparison.resampling_seconds_table(results, ["SMOTE", "ENN"], ["a", "b"])
    assert _shown(seconds) == [["0.5", "n/a"], ["1.0", "2.0"]]


def test_difficulty_reads_ir_and_overlap_and_where_isodf_enn_is_best():
    from imbdiff import datasets as imbdatasets
    from imbdiff.metrics import imbalance_ratio

    names = ["yeast1", "glass1"]
    frame = isodf_enn.comparison.difficulty({"F1_DT": _scores(), "AUC_DT": _scores()}, names)
    assert frame.loc["glass1", "IR"] == imbalance_ratio(imbdatasets.load("glass1").y)
    assert frame["best F-value"].tolist() == [True, False]  # yeast1: a tie with Original
    assert frame["gain AUC"].tolist() == [0.0, 5.0]
    assert frame["paper: not best"].tolist() == [True, False]
    assert frame.loc["yeast1", "paper: R_aug"] == 43.26
    assert np.isnan(frame.loc["glass1", "paper: IR"])
    # glass1 (IR 1.82, R_aug 28.5) is below the medians of the two, yeast1 (2.46, 43.3) not.
    assert frame["IR or R_aug below median"].tolist() == [False, True]
    assert isodf_enn.comparison.not_best(frame) == ["glass1"]
    assert isodf_enn.comparison.ir_gain_correlations(frame) == {}  # fewer than 3 datasets
    shown = _shown(isodf_enn.comparison.difficulty_table(frame, profile="smoke"))[1]
    assert shown[-3:-1] == ["–", "–"]
    checked = isodf_enn.comparison.comparison_claim_measures(
        SimpleNamespace(per_split=lambda: pd.DataFrame({"method": ["SMOTE"]})), frame)
    assert checked["method"].tolist() == ["SMOTE"] + ["data"] * 4
    assert checked["metric"].tolist()[1:] == ["IR", "IR", "R_aug", "R_aug"]


def test_ir_gain_correlations_from_three_datasets_on():
    frame = pd.DataFrame({"IR": [1.0, 2.0, 3.0], "gain F-value": [1.0, 2.0, 4.0],
                          "gain AUC": [3.0, 2.0, 1.0]})
    correlation = isodf_enn.comparison.ir_gain_correlations(frame)
    assert correlation["F-value"].statistic == pytest.approx(1.0)
    assert correlation["AUC"].statistic == pytest.approx(-1.0)


def test_plot_method_scores_names_the_profile_in_its_title():
    fig = isodf_enn.comparison.plot_method_scores({"F1_DT": _scores()}, {"F1_DT": "F-value"},
                                       ["SMOTE"], profile="smoke")
    assert fig._suptitle.get_text().endswith("(smoke profile)")


# --- chapter 06: ranks and the Friedman test ------------------------------------------


def _complete():
    # ISODF-ENN first on a and b, last on c; SMOTE and Original tie on a.
    return pd.DataFrame({"ISODF-ENN": [90.0, 80.0, 50.0], "SMOTE": [70.0, 75.0, 60.0],
                         "Original": [70.0, 60.0, 70.0]}, index=["a", "b", "c"])


def test_rank_table_ranks_each_row_and_averages_them():
    styler = isodf_enn.statistics.rank_table(_complete(), "F1_DT", profile="smoke")
    assert list(styler.data.index) == ["a", "b", "c", "average"]
    assert styler.data.loc["a"].tolist() == [1.0, 2.5, 2.5]  # ties share the average rank
    assert _shown(styler)[3] == ["1.7", "2.2", "2.2"]  # (1+1+3)/3, (2.5+2+2)/3, (2.5+3+1)/3
    assert styler.caption.startswith("Rank of each method on each dataset by F-value")


def test_average_ranks_need_two_datasets():
    average = isodf_enn.statistics.average_ranks({"F1_DT": _complete(), "AUC_DT": _complete().iloc[:1]})
    assert list(average) == ["F1_DT"]
    assert average["F1_DT"]["ISODF-ENN"] == pytest.approx(5 / 3)


def test_plot_average_ranks_draws_the_bars_or_says_why_not():
    average = isodf_enn.statistics.average_ranks({"F1_DT": _complete()})
    fig = isodf_enn.statistics.plot_average_ranks(average, "F1_DT", 3, profile="smoke")
    assert fig.axes[0].get_xlabel() == "average rank by F-value over 3 datasets (1 = best)"
    assert fig._suptitle.get_text() == "Fig. 8, ours: average rank by F-value (smoke profile)"
    note = isodf_enn.statistics.plot_average_ranks(average, "AUC_DT", 1)
    assert note.axes[0].texts[0].get_text() == "fewer than 2 complete datasets: no ranks"


def test_friedman_tests_and_table7_agree_with_the_stats_module():
    from imbdiff import stats

    tied = pd.DataFrame({"A": [1.0, 2.0], "B": [1.0, 2.0], "C": [1.0, 2.0]})
    tests = isodf_enn.statistics.friedman_tests({"F1_DT": _complete(), "AUC_DT": tied})
    assert list(tests) == ["F1_DT"]  # every method tied on every dataset: no test
    assert tests["F1_DT"].pvalue == stats.friedman(_complete()).pvalue
    styler = isodf_enn.statistics.table7(tests, ["F1_DT", "AUC_DT"], alpha=0.05, profile="smoke")
    assert list(styler.data.columns) == isodf_enn._statistics.TABLE7_ROWS
    row = _shown(styler)[0]
    assert row[:2] == ["3", "3"]
    assert row[-1] == f"{stats.critical_difference(3, 3, alpha=0.05):.4g}"
    assert "no test for AUC" in styler.caption and styler.caption.endswith("(smoke profile)")


def test_control_table_formats_the_numbers_and_keeps_the_verdicts():
    frame = pd.DataFrame({"rank gap": [1.23456], "CD": [8.4941], "Nemenyi p": [1.0],
                          "Wilcoxon p": [0.5], "Wilcoxon p (Holm)": [1.0],
                          "median difference (pp)": [0.5851],
                          "significant (Nemenyi)": [False],
                          "significant (Wilcoxon-Holm)": [False]}, index=["SMOTE"])
    styler = isodf_enn.statistics.control_table(frame, "AUC_DT", profile="default")
    assert _shown(styler) == [["1.235", "8.494", "1.000", "0.500", "1.000", "0.585",
                               False, False]]
    assert styler.caption == "AUC: ISODF-ENN against each rival (default profile)"


def test_power_table_one_row_per_metric_tested():
    pairwise = {"F1_DT": pd.DataFrame({"rank gap": [1.0, -0.5]}, index=["SMOTE", "Original"])}
    styler = isodf_enn.statistics.power_table(pairwise, {"F1_DT": _complete()}, 3, profile="smoke")
    assert list(styler.data.index) == ["F-value"]
    shown = _shown(styler)[0]
    assert shown[0] == "3" and shown[-2:] == ["0.250", "0.500"]  # 2/2^3, then x 2 rivals


def test_plot_cd_diagrams_one_panel_per_metric_tested():
    complete = {"F1_DT": _complete()}
    average = isodf_enn.statistics.average_ranks(complete)
    fig = isodf_enn.statistics.plot_cd_diagrams(average, complete, isodf_enn.statistics.friedman_tests(complete),
                                     profile="smoke")
    assert fig.axes[0].get_title().startswith("F-value (CD = ")
    assert fig._suptitle.get_text().endswith("(smoke profile)")
    empty = isodf_enn.statistics.plot_cd_diagrams(average, complete, {})
    assert empty.axes[0].texts[0].get_text() == "no Friedman test: nothing to draw"


# --- chapter 07: the ablation -------------------------------------------------------


def _ablation_scores():
    return pd.DataFrame({"Original": [60.0, 70.0], "ENN": [65.0, 70.0],
                         "ENN (mode)": [62.0, 69.0], "ISODF": [61.0, 74.0],
                         "ISODF-ENN": [66.0, 74.0]}, index=["a", "b"])


def test_ablation_cells_add_the_baseline_and_enn_with_wilsons_rule():
    from imbdiff import profiles

    settings = profiles.get("smoke", isodf_datasets=["glass1"])
    n_folds = settings.cv_folds * settings.splits
    cells = isodf_enn.ablation.ablation_cells(settings, ["glass1"])
    assert len(cells) == n_folds * len(isodf_enn.ablation.ABLATION_ROWS)
    assert {c.label for c in cells} == set(isodf_enn.ablation.ABLATION_ROWS)
    mode = [c for c in cells if c.label == "ENN (mode)"]
    assert all(c.method == "ENN" and dict(c.params)["kind_sel"] == "mode" for c in mode)


def test_scores_table_of_the_ablation_names_its_stages():
    styler = isodf_enn.comparison.scores_table(_ablation_scores(), "F1_DT", n_folds=4, rows="stage")
    assert _bold(styler) == {(0, 4), (1, 3), (1, 4)}  # b: ISODF and ISODF-ENN tie
    assert styler.caption == ("F-value (%) of a decision tree after each stage, mean over "
                              "4 folds; best per dataset in bold")


def test_stage_effects_count_gains_and_test_them_over_the_datasets():
    from scipy import stats as ss

    effects = isodf_enn.ablation.stage_effects({"AUC_DT": _ablation_scores()})
    row = effects.loc[("AUC", "ENN after ISODF (ISODF-ENN vs ISODF)")]
    assert (row["higher on"], row["of"], row["mean gain (pp)"]) == (1, 2, 2.5)  # +5, 0
    assert row["Wilcoxon p"] == ss.wilcoxon([5.0, 0.0]).pvalue
    enn = effects.loc[("AUC", "ENN alone (ENN vs Original)")]
    assert (enn["higher on"], enn["mean gain (pp)"]) == (1, 2.5)
    same = isodf_enn.ablation.stage_effects({"AUC_DT": _ablation_scores().assign(ISODF=lambda t:
                                                                         t["ISODF-ENN"])})
    assert np.isnan(same.loc[("AUC", "ENN after ISODF (ISODF-ENN vs ISODF)"), "Wilcoxon p"])
    shown = _shown(isodf_enn.ablation.effects_table(effects, profile="default"))[0]
    assert shown == ["1", "2", "2.500", f"{ss.wilcoxon([5.0, 0.0]).pvalue:.3f}"]


def test_plot_ablation_draws_a_bar_per_stage_and_dataset():
    std = _ablation_scores() * 0 + 2.0

    class Scores:
        def wide(self, metric, methods, value="mean"):
            return (std if value == "std" else _ablation_scores())[methods]

    fig = isodf_enn.ablation.plot_ablation(Scores(), "AUC_DT", n_folds=4, profile="paper")
    (ax,) = fig.axes
    assert len(ax.patches) == 2 * len(isodf_enn.ablation.ABLATION_ROWS)
    assert ax.get_ylabel() == "AUC (%)"
    assert fig._suptitle.get_text() == "Fig. 11, ours: AUC after each stage (paper profile)"
    with pytest.raises(ValueError, match="n_folds"):
        isodf_enn.ablation.plot_ablation(Scores(), "AUC_DT", n_folds=0)


# --- chapter 09: the scorecard --------------------------------------------------------


def test_scorecard_tally_counts_the_tallied_verdicts_and_names_the_profile():
    card = pd.DataFrame({"verdict": ["reproduced", "reproduced", "inconclusive", "partly"],
                         "tally": [True, True, True, False]})
    fig = isodf_enn.scorecard.scorecard_tally(card, profile="smoke")
    (ax,) = fig.axes
    widths = {tick.get_text(): bar.get_width()
              for tick, bar in zip(ax.get_yticklabels(), ax.patches)}
    assert widths["reproduced"] == 2 and widths["inconclusive"] == 1
    assert widths["partly"] == 0  # a design statement is not tallied
    assert fig._suptitle.get_text() == "Verdicts of ISODF-ENN's claims (smoke profile)"
