"""The finished tables and figures of LReDDPM's chapters 03, 04, 12 and 13
(imbdiff.lreddpm), on hand-worked inputs: each caption names the profile, the best
value is marked, the rows and columns are the right ones, bad input is refused."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from imbdiff import lreddpm
from imbdiff.diffusion import GaussianDiffusion


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _caption(styler):
    return styler.caption


def _bold_cells(styler):
    """The (row, column) labels of the cells a Styler marks in bold."""
    styler._compute()
    marked = []
    for (i, j), props in styler.ctx.items():
        if ("font-weight", "bold") in props:
            marked.append((styler.data.index[i], styler.data.columns[j]))
    return marked


# --- Chapter 03: the DDPM ----------------------------------------------------------------


def test_ks_statistics_compare_each_sample_with_the_reference_per_column():
    reference = pd.DataFrame({"a": [0.0, 1, 2, 3], "b": [5.0, 5, 5, 5]})
    samples = {"same": reference.copy(),
               "shifted": reference + 10,  # no overlap in a: KS 1; b moved too
               "one far": pd.DataFrame({"a": [0.0, 1, 2, 10], "b": [5.0, 5, 5, 5]})}
    ks = lreddpm.ddpm.ks_statistics(samples, reference, ["a", "b"])
    assert list(ks.columns) == ["same", "shifted", "one far"]
    assert list(ks.index) == ["a", "b"] and ks.index.name == "column"
    assert ks["same"].tolist() == [0.0, 0.0]
    assert ks["shifted"].tolist() == [1.0, 1.0]
    # ECDFs differ by 1/4 between 3 and 10
    assert ks.loc["a", "one far"] == pytest.approx(0.25)
    with pytest.raises(ValueError, match=r"the shifted rows lack the columns \['c'\]"):
        lreddpm.ddpm.ks_statistics({"shifted": reference}, reference.assign(c=1.0), ["a", "c"])
    with pytest.raises(ValueError, match="no column"):
        lreddpm.ddpm.ks_statistics(samples, reference, [])


def test_ks_table_names_the_samples_formats_three_decimals_and_the_profile():
    ks = pd.DataFrame({"generated": [0.25, 0.1], "real test rows": [0.125, 0.0]},
                      index=pd.Index(["a", "b"], name="column"))
    styler = lreddpm.ddpm.ks_table(ks, profile="smoke")
    assert _caption(styler) == "Kolmogorov-Smirnov statistic per numeric column (smoke profile)"
    assert list(styler.data.columns) == ["KS generated vs train", "KS real test rows vs train"]
    html = styler.to_html()
    assert "0.250" in html and "0.125" in html and "0.000" in html
    assert _bold_cells(styler) == []  # no best: the real rows' level is the yardstick
    assert list(ks.columns) == ["generated", "real test rows"]  # the input is not renamed


def test_rank_correlation_gaps_are_the_rms_difference_of_the_correlation_matrices():
    reference = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [10.0, 20, 30, 40]})
    reversed_b = reference.assign(b=reference["b"].to_numpy()[::-1])  # rho -1 against 1
    gaps = lreddpm.ddpm.rank_correlation_gaps({"same": reference, "reversed": reversed_b},
                                         reference, ["a", "b"])
    # off-diagonal differences -2 and -2, diagonal 0: sqrt((4 + 4) / 4)
    assert gaps.to_dict() == pytest.approx({"same": 0.0, "reversed": np.sqrt(2)})
    assert gaps.name == "RMS gap to the training rows' rank correlations"
    with pytest.raises(ValueError, match="two columns"):
        lreddpm.ddpm.rank_correlation_gaps({"same": reference}, reference, ["a"])


def test_rank_gap_table_is_one_captioned_column_of_three_decimals():
    gaps = pd.Series({"generated": 0.1234, "real test rows": 0.2}, name="RMS gap")
    styler = lreddpm.ddpm.rank_gap_table(gaps, profile="default")
    assert _caption(styler).endswith("(default profile)")
    assert "rank correlations" in _caption(styler)
    assert list(styler.data.columns) == ["RMS gap"]
    assert list(styler.data.index) == ["generated", "real test rows"]
    html = styler.to_html()
    assert "0.123" in html and "0.200" in html and _bold_cells(styler) == []


def test_schedule_figure_draws_beta_and_signal_and_noise_that_square_to_one():
    diffusion = GaussianDiffusion(timesteps=10)
    fig = lreddpm.ddpm.schedule_figure(diffusion, profile="smoke")
    left, right = fig.axes
    assert left.lines[0].get_xdata().tolist() == list(range(1, 11))
    assert left.lines[0].get_ydata() == pytest.approx(diffusion.betas.numpy())
    signal, noise = (line.get_ydata() for line in right.lines)
    assert signal ** 2 + noise ** 2 == pytest.approx(np.ones(10))
    assert fig._suptitle.get_text() == "Linear schedule, T = 10 (smoke profile)"


def test_noising_panels_draw_the_two_chosen_columns_at_each_step():
    rows = {1: np.array([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]),
            20: np.array([[6.0, 7.0, 8.0], [9.0, 10.0, 11.0]])}
    fig = lreddpm.ddpm.noising_panels(rows, [2, 0], ["c", "a"], profile="smoke")
    assert [ax.get_title() for ax in fig.axes] == ["t = 1", "t = 20"]
    assert fig.axes[1].collections[0].get_offsets().tolist() == [[8.0, 6.0], [11.0, 9.0]]
    assert (fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()) == ("c", "a")
    assert "(smoke profile)" in fig._suptitle.get_text()
    with pytest.raises(ValueError, match="two columns"):
        lreddpm.ddpm.noising_panels(rows, [0, 1, 2], ["a", "b", "c"])
    with pytest.raises(ValueError, match="at least one time step"):
        lreddpm.ddpm.noising_panels({}, [0, 1], ["a", "b"])


def test_loss_curve_draws_each_step_and_the_moving_average():
    fig = lreddpm.ddpm.loss_curve([4.0, 2.0, 2.0, 0.5], window=2, profile="smoke")
    ax = fig.axes[0]
    per_step, smooth = ax.lines
    assert per_step.get_ydata().tolist() == [4.0, 2.0, 2.0, 0.5]
    assert smooth.get_ydata().tolist() == [4.0, 3.0, 2.0, 1.25]
    assert smooth.get_label() == "moving average (2 steps)" and ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="window of at least 1"):
        lreddpm.ddpm.loss_curve([1.0], window=0)


def test_marginal_histograms_draw_one_panel_per_column_four_a_line():
    real = pd.DataFrame({c: np.arange(10.0) for c in "abcde"})
    fig = lreddpm.ddpm.marginal_histograms(real, real + 1, list("abcde"), profile="smoke")
    shown = [ax for ax in fig.axes if ax.axison]
    assert len(fig.axes) == 8 and [ax.get_title() for ax in shown] == list("abcde")
    # 20 bins of the real rows, twice (real, generated); densities over equal bins
    assert len(shown[0].patches) == 40
    real_bars = shown[0].patches[:20]
    assert sum(p.get_height() * p.get_width() for p in real_bars) == pytest.approx(1.0)
    with pytest.raises(ValueError, match=r"the generated rows lack the columns \['e'\]"):
        lreddpm.ddpm.marginal_histograms(real, real.drop(columns="e"), list("abcde"))


# --- Chapter 04: the guided reverse process ----------------------------------------------


def test_tau_curves_draw_each_scale_and_its_step_against_reversed_time():
    steps, betas = np.array([1, 2, 3]), np.array([0.25, 0.5, 1.0])
    fig = lreddpm.guided_sampling.tau_curves(steps, betas, {"1": [1.0, 1.0, 1.0], "rising": [2.0, 4.0, 6.0]})
    left, right = fig.axes
    assert [line.get_ydata().tolist() for line in left.lines] == [[1, 1, 1], [2, 4, 6]]
    assert [line.get_ydata().tolist() for line in right.lines] == [[0.25, 0.5, 1.0],
                                                                   [0.5, 2.0, 6.0]]
    assert left.xaxis_inverted() and right.xaxis_inverted()  # t runs from T down to 1
    assert left.get_yscale() == right.get_yscale() == "log"
    assert fig._suptitle.get_text() == "Gradient scales over the reverse process, T = 3"
    with pytest.raises(ValueError, match="one value per time step"):
        lreddpm.guided_sampling.tau_curves(steps, betas, {"short": [1.0, 2.0]})


def test_hvdm_projection_keeps_the_hvdm_distances_of_two_numeric_columns():
    X = pd.DataFrame({"a": [0.0, 1.0, 2.0, 4.0], "b": [0.0, 3.0, 1.0, 2.0]})
    y = np.array([0, 0, 1, 1])
    generated = {"one": X.iloc[[2]] + 0.5, "two": X.iloc[[3, 3]] - 0.5}
    train, new = lreddpm.guided_sampling.hvdm_projection(X, y, generated, random_state=0)
    assert train.shape == (4, 2) and list(new) == ["one", "two"]
    assert [len(points) for points in new.values()] == [1, 2]
    # two columns on two components: a rotation of x / (4 sd), sd over all seven rows
    stacked = pd.concat([X, *generated.values()]).to_numpy()
    scaled = stacked / (4 * stacked.std(axis=0, ddof=1))
    projected = np.vstack([train, *new.values()])
    expected = np.linalg.norm(scaled[:, None] - scaled[None], axis=-1)
    assert np.linalg.norm(projected[:, None] - projected[None], axis=-1) == pytest.approx(
        expected)
    with pytest.raises(ValueError, match="at least one set"):
        lreddpm.guided_sampling.hvdm_projection(X, y, {})


def test_projection_panels_name_the_profile_only_when_given():
    train, y = np.zeros((2, 2)), np.array([0, 1])
    types, new = np.array(["safe", "safe"]), {"guided": np.ones((1, 2))}
    fig = lreddpm.guided_sampling.projection_panels(train, y, types, new, profile="smoke")
    assert fig._suptitle.get_text() == "Training rows and generated rows (smoke profile)"
    assert lreddpm.guided_sampling.projection_panels(train, y, types, new)._suptitle is None


def _one_column_split():
    # majority at 0..7.5, minority at 10..15.5: a row's five nearest training rows
    # are worked out by hand below
    values = [0, 1, 2, 3, 4, 5, 6, 7.5, 10, 11, 12.2, 13.3, 14.4, 15.5]
    return pd.DataFrame({"x": np.array(values, dtype=float)}), np.array([0] * 8 + [1] * 6)


def test_generated_type_shares_type_each_set_against_the_training_rows():
    X, y = _one_column_split()
    rows = lambda *v: pd.DataFrame({"x": np.array(v, dtype=float)})  # noqa: E731
    # 20: five minority (safe); 9.2: 10, 7.5, 11, 12.2, 6 (3:2, border);
    # 7.2: 7.5, 6, 5, 10, 4 (1:4, rare); -3: five majority (outlier)
    generated = {"mixed": rows(20, 9.2, 7.2, -3), "far": rows(20, 21)}
    real = np.array(["safe"] * 8 + ["safe", "safe", "safe", "border", "border", "rare"])
    shares = lreddpm.guided_sampling.generated_type_shares(generated, X, y, real)
    assert list(shares.index) == ["mixed", "far", "real minority rows"]
    assert list(shares.columns) == ["safe", "border", "rare", "outlier"]
    assert shares.loc["mixed"].tolist() == [25.0, 25.0, 25.0, 25.0]
    assert shares.loc["far"].tolist() == [100.0, 0.0, 0.0, 0.0]
    assert shares.loc["real minority rows"].tolist() == pytest.approx([50, 100 / 3, 100 / 6, 0])
    assert list(lreddpm.guided_sampling.generated_type_shares(generated, X, y).index) == ["mixed", "far"]
    with pytest.raises(ValueError, match="real_types has 3 rows, y_train 14"):
        lreddpm.guided_sampling.generated_type_shares(generated, X, y, real[:3])


def test_generated_type_table_names_the_guiding_region_and_the_profile():
    shares = pd.DataFrame([[100.0, 0, 0, 0], [35.62, 45.2, 11.0, 8.18]],
                          index=["guided (paper)", "unguided DDPM"],
                          columns=["safe", "border", "rare", "outlier"])
    styler = lreddpm.guided_sampling.generated_type_table(shares, "safe", profile="smoke")
    assert _caption(styler) == ("Region types of the rows generated with the safe region "
                                "guiding, in % (smoke profile)")
    html = styler.to_html()
    assert "35.6" in html and "8.2" in html and "100.0" in html and "35.62" not in html
    with pytest.raises(ValueError, match="unknown guiding region 'middle'"):
        lreddpm.guided_sampling.generated_type_table(shares, "middle")


# --- Chapter 12: a DDPM trained on the region alone --------------------------------------


def _long(rows):
    return pd.DataFrame(rows, columns=["method", "dataset", "metric", "mean"])


def _published():
    # the paper: DDPM-region - LReDDPM is +0.5 (AUC) and +0.25 (F1) on segment0, -2 and
    # -4 on crg; no LReDDPM G-mean (Figure 3 only)
    return _long([
        ("LReDDPM", "segment0", "AUC_DT", 89.5), ("DDPM-region", "segment0", "AUC_DT", 90.0),
        ("LReDDPM", "crg", "AUC_DT", 65.0), ("DDPM-region", "crg", "AUC_DT", 63.0),
        ("LReDDPM", "segment0", "F1_DT", 85.75), ("DDPM-region", "segment0", "F1_DT", 86.0),
        ("LReDDPM", "crg", "F1_DT", 52.0), ("DDPM-region", "crg", "F1_DT", 48.0),
        ("DDPM-region", "segment0", "G-mean-TPR-TNR_DT", 89.0),
        ("DDPM-region", "crg", "G-mean-TPR-TNR_DT", 60.0),
    ])


def _ours():
    # ours: DDPM-region above on segment0 everywhere; on crg below in AUC and F1 but
    # above in G-mean (where the paper prints "-")
    rows = []
    for metric, seg, crg in (("AUC_DT", (98.0, 99.0), (64.0, 63.0)),
                             ("F1_DT", (96.0, 97.0), (50.0, 49.0)),
                             ("G-mean-TPR-TNR_DT", (98.0, 99.0), (62.0, 62.5))):
        rows += [("LReDDPM", "segment0", metric, seg[0]), ("DDPM-region", "segment0", metric, seg[1]),
                 ("LReDDPM", "crg", metric, crg[0]), ("DDPM-region", "crg", metric, crg[1])]
    return _long(rows)


def _markers():
    return lreddpm.ddpm_region.ddpm_region_markers(_ours(), ["segment0", "crg"], published=_published())


def test_table11_gmean_check_counts_g_means_below_the_auc_and_the_median_gaps():
    printed = _long([("DDPM-region", "a", "AUC_DT", 80.0), ("DDPM-region", "a", "F1_DT", 50.0),
                     ("DDPM-region", "a", "G-mean_DT", 79.0),
                     ("DDPM-region", "b", "AUC_DT", 60.0), ("DDPM-region", "b", "F1_DT", 40.0),
                     ("DDPM-region", "b", "G-mean_DT", 61.0)])
    # |G - AUC| = 1 and 1; |G - F1| = 29 and 21; only a's G-mean is at most its AUC
    assert lreddpm.ddpm_region.table11_gmean_check(printed) == (
        "Table 11's printed G-mean is at most its AUC on 1 of 2 datasets; median distance "
        "to the AUC 1.00 points, to the F1 25.00: the form sqrt(TPR x TNR)")
    with pytest.raises(ValueError, match=r"lacks the metrics \['F1_DT'\]"):
        lreddpm.ddpm_region.table11_gmean_check(printed[printed["metric"] != "F1_DT"])


def test_table11_table_sets_our_ddpm_region_beside_the_printed_rows():
    printed = _long([("DDPM-region", d, m, v) for d, m, v in (
        ("segment0", "AUC_DT", 89.718), ("segment0", "G-mean_DT", 89.174),
        ("spambase", "AUC_DT", 90.482), ("crg", "AUC_DT", 62.970))])
    ours = _long([("DDPM-region", "crg", "AUC_DT", 63.0), ("LReDDPM", "crg", "AUC_DT", 70.0),
                  ("DDPM-region", "crg", "G-mean_DT", 49.5)])
    styler = lreddpm.ddpm_region.table11_table(ours, ["crg", "segment0"], profile="smoke",
                                   printed=printed)
    table = styler.data
    assert list(table.index) == ["segment0", "crg"]  # the paper's order, run's datasets
    assert table.loc["crg", ("AUC_DT", "ours")] == 63.0  # DDPM-region's, not LReDDPM's
    assert table.loc["crg", ("AUC_DT", "diff")] == pytest.approx(0.03)
    # the printed G-mean is compared with sqrt(TPR x TNR); G-mean_DT has no paper value
    assert table.loc["segment0", ("G-mean-TPR-TNR_DT", "paper")] == 89.174
    assert np.isnan(table.loc["crg", ("G-mean_DT", "paper")])
    assert _caption(styler).startswith("Table 11: decision-tree scores")
    assert _caption(styler).endswith("(smoke profile)")
    html = styler.to_html()
    assert "62.970" in html and "0.030" in html and "n/a" in html


def test_ddpm_region_markers_read_printed_recomputed_and_our_signs():
    markers = _markers()
    assert list(markers.index) == ["segment0", "crg"] and markers.index.name == "dataset"
    auc = markers["AUC_DT"]
    assert auc["paper: diff"].tolist() == [0.5, -2.0]
    assert auc["printed"].tolist() == ["+", "-"] == auc["recomputed"].tolist()
    assert auc["ours: diff"].tolist() == [1.0, -1.0] and auc["ours"].tolist() == ["+", "-"]
    gmean = markers["G-mean-TPR-TNR_DT"]
    assert gmean["recomputed"].tolist() == ["n/a", "n/a"]  # no printed LReDDPM G-mean
    assert gmean["ours"].tolist() == ["+", "+"]
    assert list(markers.columns.get_level_values(1)[:5]) == [
        "paper: diff", "printed", "recomputed", "ours: diff", "ours"]


def test_marker_agreement_and_statements_count_the_cases_that_agree():
    markers = _markers()
    # paper: AUC and F1 on both datasets all agree; ours: crg's G-mean "+" against "-"
    assert lreddpm.ddpm_region.marker_agreement(markers) == {"paper": (4, 4), "ours": (5, 6)}
    text = lreddpm.ddpm_region.marker_statements(markers)
    assert "in **4 of 4** cases" in text and "in **5 of 6** (dataset, score)" in text
    assert ("* G-mean-TPR-TNR_DT: our DDPM-region is above our LReDDPM on segment0, crg "
            "(the paper: segment0 and abalone17).") in text
    assert "* AUC_DT: our DDPM-region is above our LReDDPM on segment0 (the paper" in text


def test_ddpm_region_marker_table_signs_the_differences_and_names_the_profile():
    styler = lreddpm.ddpm_region.ddpm_region_marker_table(_markers(), profile="default")
    html = styler.to_html()
    assert "+0.500" in html and "-2.000" in html and "+1.000" in html
    assert _caption(styler).startswith("Table 11's markers")
    assert _caption(styler).endswith("not printed (default profile)")
    assert _bold_cells(styler) == []
    with pytest.raises(ValueError, match="no diff column"):
        lreddpm.ddpm_region.ddpm_region_marker_table(_markers().drop(columns="ours: diff", level=1)
                                         .drop(columns="paper: diff", level=1))


def test_guiding_region_sizes_add_our_gains_from_the_markers():
    from types import SimpleNamespace

    cells = {"crg": SimpleNamespace(ok=False, error="cell failed: too few rows",
                                    guiding_rows=3, n_generated=0, experiment=None)}

    def get(dataset, method):
        return cells[dataset]  # segment0 has no cell: left out

    table12 = pd.DataFrame({"dataset": ["crg"], "metric": ["border"], "mean": [63.8]})
    sizes = lreddpm.ddpm_region.guiding_region_sizes(SimpleNamespace(get=get), ["segment0", "crg"],
                                         paper_shares=table12, markers=_markers())
    assert list(sizes.index) == ["crg"]
    row = sizes.loc["crg"]
    assert (row["guiding region"], row["guiding rows"]) == ("border", 3)
    assert np.isnan(row["generated"]) and np.isnan(row["share of minority (%)"])
    assert row["paper's share, Table 12 (%)"] == 63.8
    assert row["AUC_DT: DDPM-region - LReDDPM"] == -1.0
    assert row["F1_DT: DDPM-region - LReDDPM"] == -1.0
    plain = lreddpm.ddpm_region.guiding_region_sizes(SimpleNamespace(get=get), ["crg"],
                                         paper_shares=table12)
    assert "AUC_DT: DDPM-region - LReDDPM" not in plain.columns


def test_region_size_table_keeps_counts_whole_and_the_rest_to_one_decimal():
    sizes = pd.DataFrame({"guiding region": ["safe"], "guiding rows": [255.0],
                          "generated": [np.nan], "share of minority (%)": [96.958],
                          "AUC_DT: DDPM-region - LReDDPM": [0.852]}, index=["segment0"])
    styler = lreddpm.ddpm_region.region_size_table(sizes, profile="smoke")
    html = styler.to_html()
    assert ">255<" in html and ">97.0<" in html and ">0.9<" in html and "n/a" in html
    assert _caption(styler) == ("Our guiding regions and the gain of training the DDPM on "
                                "them alone (smoke profile)")
    with pytest.raises(ValueError, match=r"lacks the columns \['generated'\]"):
        lreddpm.ddpm_region.region_size_table(sizes.drop(columns="generated"))


def _compact():
    columns = pd.MultiIndex.from_tuples(
        [("", "guiding rows"), ("DDPM-region", "spread"), ("LReDDPM", "spread")],
        names=["method", ""])
    return pd.DataFrame([[6.0, 0.5, 0.9], [40.0, 1.2, 1.0]], index=["abalone17", "crg"],
                        columns=columns)


def test_region_compactness_table_formats_two_decimals_or_says_none_qualified():
    styler = lreddpm.ddpm_region.region_compactness_table(_compact(), profile="smoke")
    html = styler.to_html()
    assert ">6<" in html and ">0.50<" in html and ">1.20<" in html
    assert _caption(styler).startswith("Spread of the generated rows")
    assert _caption(styler).endswith("(smoke profile)")
    assert lreddpm.ddpm_region.region_compactness_table(pd.DataFrame()) == (
        "no dataset with rows from every method compared")


def test_further_statements_count_each_statements_cases():
    from imbdiff.claims import share_verdict

    statements = lreddpm.ddpm_region.further_statements(_markers(), _compact())
    assert list(statements.columns) == ["statement", "paper", "ours", "verdict"]
    f1, gmean, named, block = (row for _, row in statements.iterrows())
    assert (f1["statement"], f1["paper"], f1["ours"]) == (
        "DDPM-region is below LReDDPM (F1_DT)", "1 of 2", "1 of 2")
    assert f1["verdict"] == share_verdict(1, 2, 0.5)  # the paper's share is the target
    assert (gmean["paper"], gmean["ours"]) == ("1 of 2", "0 of 2")
    # segment0 only (abalone17 not run): its three scores, all "+"
    assert named["statement"] == ("DDPM-region improves on segment0 and abalone17 (AUC, "
                                  "F1, G-mean)")
    assert (named["paper"], named["ours"]) == ("3 of 3", "3 of 3")
    assert (block["paper"], block["ours"]) == ("stated (no numbers)", "1 of 2")
    none = lreddpm.ddpm_region.further_statements(_markers(), pd.DataFrame(),
                                      exclude=("segment0", "crg"))
    assert none["ours"].tolist() == ["n/a"] * 4 and set(none["verdict"]) == {"not run"}


def test_further_statement_table_hides_the_index_and_names_the_profile():
    styler = lreddpm.ddpm_region.further_statement_table(
        lreddpm.ddpm_region.further_statements(_markers(), _compact()), profile="smoke")
    assert _caption(styler) == ("Section 6's further statements about Table 11, beyond "
                                "imbdiff.claims (smoke profile)")
    assert styler.hide_index_ == [True]


def test_ddpm_region_findings_set_our_range_beside_the_papers_and_the_smallest_region():
    verdicts = pd.DataFrame([{"verdict": "inconclusive", "paper": "+2.06 points",
                              "ours": "+1.04 points"}])
    statements = lreddpm.ddpm_region.further_statements(_markers(), pd.DataFrame())
    sizes = pd.DataFrame({"guiding rows": [255.0, 116.0],
                          "AUC_DT: DDPM-region - LReDDPM": [1.0, -1.0],
                          "F1_DT: DDPM-region - LReDDPM": [1.0, -0.5]},
                         index=["segment0", "crg"])
    lines = lreddpm.ddpm_region.ddpm_region_findings(verdicts, _markers(), statements, sizes).split("\n")
    assert lines[0] == (
        "* **Table 11's statement (AUC): inconclusive** (paper: +2.06 points; ours: +1.04 "
        "points). Our DDPM-region - LReDDPM AUC ranges from -1.00 to +1.00 points (mean "
        "+0.00); the paper's on the same datasets from -2.00 to +0.50 (mean -0.75).")
    assert len(lines) == 1 + 4 + 1
    assert lines[-1] == ("* The smallest guiding region in this run is crg's (116 rows); "
                         "DDPM-region - LReDDPM there: AUC -1.00, F1 -0.50 points.")
    assert lreddpm.ddpm_region.ddpm_region_findings(verdicts.iloc[0:0], _markers(), statements.iloc[0:0],
                                        sizes.iloc[0:0]) == "No cell to discuss in this run."


def test_gain_by_region_size_names_the_profile_when_given():
    sizes = pd.DataFrame({"guiding rows": [40.0], "AUC_DT: DDPM-region - LReDDPM": [1.5],
                          "F1_DT: DDPM-region - LReDDPM": [0.5]}, index=["yeast3"])
    fig = lreddpm.ddpm_region.gain_by_region_size(sizes, profile="smoke")
    assert fig._suptitle.get_text().endswith("(smoke profile)")


# --- Chapter 13: the region types of the synthetic rows ----------------------------------


def test_typed_row_table_averages_the_splits_and_marks_a_failed_generator():
    summary = pd.DataFrame({
        "dataset": ["crg", "crg", "crg", "crg", "segment0"],
        "method": ["LReDDPM", "LReDDPM", "SMOTE", "SMOTE", "LReDDPM"],
        "guiding rows": [120.0, 121.0, 120.0, 121.0, 255.0],
        "generated": [120.0, 121.0, 110.0, 112.0, 255.0],
    })
    styler = lreddpm.synthetic_types.typed_row_table(summary, ["segment0", "crg"], ["SMOTE", "LReDDPM"],
                                     profile="smoke")
    table = styler.data
    assert list(table.columns) == ["guiding region", "guiding rows", "SMOTE", "LReDDPM"]
    assert table["guiding region"].tolist() == ["safe", "border"]
    assert table.loc["crg"].tolist()[1:] == [120.5, 111.0, 120.5]
    html = styler.to_html()
    assert "failed" in html and ">120.5<" in html and ">255.0<" in html  # segment0's SMOTE
    assert _caption(styler).endswith("mean over the splits (smoke profile)")
    with pytest.raises(ValueError, match=r"lacks the columns \['generated'\]"):
        lreddpm.synthetic_types.typed_row_table(summary.drop(columns="generated"), ["crg"], ["SMOTE"])


def _lreddpm_shares():
    # two splits of crg (border-guided), one of segment0 (safe-guided); shares in [0, 1]
    rows = [("safe", "crg", 0.8), ("border", "crg", 0.2), ("safe", "crg", 0.6),
            ("border", "crg", 0.3), ("outlier", "crg", 0.1), ("safe", "segment0", 1.0)]
    return pd.DataFrame(rows, columns=["method", "dataset", "mean"])


def test_figure5_shares_average_the_splits_in_percent_and_read_the_kept_type():
    figure5 = lreddpm.synthetic_types.figure5_shares(_lreddpm_shares(), ["segment0", "crg"])
    assert list(figure5.columns) == ["guiding", "safe", "border", "rare", "outlier",
                                     "kept its type (%)"]
    assert figure5.loc["crg", "safe"] == pytest.approx(70.0)
    assert figure5.loc["crg", "outlier"] == pytest.approx(10.0)  # only split 2 has some
    assert figure5.loc["crg", "kept its type (%)"] == pytest.approx(25.0)  # border
    assert figure5.loc["segment0", "kept its type (%)"] == 100.0
    assert np.isnan(figure5.loc["segment0", "border"])
    styler = lreddpm.synthetic_types.figure5_table(figure5, profile="smoke")
    assert ">70.0<" in styler.to_html() and _caption(styler).endswith("(smoke profile)")


def _type_tables_13():
    index = ["guiding rows (real)", "all minority rows (real)", "SMOTE", "FinDiff", "LReDDPM"]
    crg = pd.DataFrame({"safe": [0.0, 0.2, 0.3, 0.5, 0.9], "border": [1.0, 0.5, 0.6, 0.4, 0.1],
                        "rare": 0.0, "outlier": 0.0}, index=index)
    segment0 = pd.DataFrame({"safe": [1.0, 0.97, 0.99, 0.3, 0.98],
                             "border": [0.0, 0.03, 0.01, 0.7, 0.02], "rare": 0.0,
                             "outlier": 0.0}, index=index)
    return {"crg": crg, "segment0": segment0}


def test_kept_type_shares_read_the_guiding_type_of_each_row_in_percent():
    kept = lreddpm.synthetic_types.kept_type_shares(_type_tables_13(), ["segment0", "crg"])
    assert list(kept.columns) == ["guiding", "all minority rows (real)", "SMOTE", "FinDiff",
                                  "LReDDPM"]
    assert kept.loc["crg"].tolist() == ["border", 50.0, 60.0, 40.0, 10.0]
    assert kept.loc["segment0", "LReDDPM"] == pytest.approx(98.0)


def test_kept_type_table_bolds_each_datasets_largest_generator_share():
    kept = lreddpm.synthetic_types.kept_type_shares(_type_tables_13(), ["segment0", "crg"])
    styler = lreddpm.synthetic_types.kept_type_table(kept, ["SMOTE", "FinDiff", "LReDDPM"], profile="smoke")
    # segment0: SMOTE 99 beats LReDDPM 98; crg: SMOTE 60; the real rows never compete
    assert sorted(_bold_cells(styler)) == [("crg", "SMOTE"), ("segment0", "SMOTE")]
    assert ">98.0<" in styler.to_html()
    assert _caption(styler).endswith("real minority rows (smoke profile)")
    with pytest.raises(ValueError, match="none of the generators"):
        lreddpm.synthetic_types.kept_type_table(kept, ["TVAE"])


def test_kept_type_summary_and_statements_count_where_lreddpm_keeps_the_type():
    kept = lreddpm.synthetic_types.kept_type_shares(_type_tables_13(), ["segment0", "crg"])
    summary = lreddpm.synthetic_types.kept_type_summary(kept, ["SMOTE", "FinDiff", "LReDDPM"])
    assert summary["present"] == ["segment0", "crg"]
    # segment0: 98 >= FinDiff's 30, not most (SMOTE 99), above the real 97;
    # crg: 10 below FinDiff's 40 and the real 50
    assert (summary["keeps_more"], summary["vs_findiff"], summary["most"],
            summary["above_minority"]) == (1, 2, 0, 1)
    assert summary["mean_kept"].to_dict() == pytest.approx(
        {"SMOTE": 79.5, "FinDiff": 35.0, "LReDDPM": 54.0})
    text = lreddpm.synthetic_types.kept_type_statements(summary)
    assert "FinDiff's on **1 of 2** datasets" in text and "on **0 of 2**" in text
    assert text.endswith("SMOTE 79.5 %, LReDDPM 54.0 %, FinDiff 35.0 %.")
    none = lreddpm.synthetic_types.kept_type_summary(kept.assign(LReDDPM=np.nan), ["LReDDPM"])
    assert lreddpm.synthetic_types.kept_type_statements(none) == "No LReDDPM rows to compare."
    with pytest.raises(ValueError, match="no LReDDPM column"):
        lreddpm.synthetic_types.kept_type_summary(kept.drop(columns="LReDDPM"), ["SMOTE"])


def test_mostly_safe_counts_the_safe_guided_datasets_over_half_safe():
    table12 = pd.DataFrame({"dataset": ["segment0", "yeast3", "rice", "crg"],
                            "metric": "safe", "mean": [96.6, 40.0, 80.2, 20.0]})
    # crg is border-guided: not counted; yeast3 is safe-guided but not mostly safe
    assert lreddpm.synthetic_types.mostly_safe(table12) == {"count": "2 of 3", "range": "80 to 97"}
    with pytest.raises(ValueError, match="mostly safe"):
        lreddpm.synthetic_types.mostly_safe(table12.assign(mean=10.0))


def _figure5():
    rows = {"segment0": [98.0, 1.0, 0.0, 1.0], "crg": [90.0, 6.0, 2.0, 2.0],
            "yeast3": [80.0, 15.0, 5.0, 0.0], "spectfheart": [0.0, 100.0, 0.0, 0.0]}
    table = pd.DataFrame.from_dict(rows, orient="index",
                                   columns=["safe", "border", "rare", "outlier"])
    table.insert(0, "guiding", ["safe", "border", "safe", "border"])
    return table


def test_finer_statements_test_each_statement_on_the_datasets_it_names():
    from imbdiff.claims import share_verdict

    statements = lreddpm.synthetic_types.finer_statements(_figure5(), ["segment0", "crg", "yeast3",
                                                       "spectfheart"], few_outliers=0.01)
    safe, few, no_outlier, largely = (row for _, row in statements.iterrows())
    # crg turned rows safe, spectfheart did not
    assert (safe["holds"], safe["evidence"]) == (
        "1 of 2", "spectfheart: safe 0.0%, border 100.0%; crg: safe 90.0%, border 6.0%")
    assert safe["verdict"] == share_verdict(1, 2)
    # segment0's 1 % is "very few" at 1 %, crg's 2 % is not
    assert (few["rule"], few["holds"]) == ("0 < outlier share <= 1%", "1 of 2")
    assert no_outlier["evidence"] == "yeast3: 0.0%; spectfheart: 0.0%"
    assert no_outlier["holds"] == "2 of 2"
    assert (largely["rule"], largely["holds"]) == ("safe + border >= 90%", "2 of 2")
    only = lreddpm.synthetic_types.finer_statements(_figure5(), ["segment0"])
    assert only.loc[2, "evidence"] == "datasets not in this run"
    assert only.loc[2, "verdict"] == "not run"


def test_finer_statement_table_aligns_the_text_left_and_names_the_profile():
    styler = lreddpm.synthetic_types.finer_statement_table(
        lreddpm.synthetic_types.finer_statements(_figure5(), ["crg"]), profile="smoke")
    assert _caption(styler).endswith("on LReDDPM's rows (smoke profile)")
    assert "text-align: left" in styler.to_html()
    assert styler.hide_index_ == [True]


def test_synthetic_type_findings_name_the_datasets_whose_modal_type_differs():
    verdicts = pd.DataFrame([{"verdict": "inconclusive"}])
    datasets = ["segment0", "crg"]
    statements = lreddpm.synthetic_types.finer_statements(_figure5(), datasets)
    lines = lreddpm.synthetic_types.synthetic_type_findings(verdicts, _figure5(), datasets,
                                            statements).split("\n")
    assert lines[0].startswith(
        "* **Figure 5's main statement: inconclusive.** The guiding type is the most "
        "common type of LReDDPM's rows on 1 of 2 datasets. It is not on crg: safe 90.0 %, "
        "guiding type border 6.0 %. ")
    assert len(lines) == 1 + 4
    assert lines[1].startswith("* **spectfheart, crg (border-guided): some rows become "
                               "safe: ")
    assert lreddpm.synthetic_types.synthetic_type_findings(verdicts, _figure5(), [], statements.iloc[0:0]) \
        == "Nothing to discuss: no LReDDPM rows in this run."


def test_type_bars_and_panels_name_the_profile_when_given():
    tables = {"crg": _type_tables_13()["crg"]}
    bars = lreddpm.synthetic_types.type_bars(tables, ["crg"], profile="smoke")
    assert bars._suptitle.get_text() == "Types of LReDDPM's rows (smoke profile)"
    panels = lreddpm.synthetic_types.type_panels(tables, ["crg"], profile="default")
    assert panels._suptitle.get_text() == "Types of every generator's rows (default profile)"
    assert lreddpm.synthetic_types.type_bars(tables, ["crg"])._suptitle is None
