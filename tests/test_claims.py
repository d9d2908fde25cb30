"""The claim checks: verdict rules on hand cases, the bootstraps, and the papers checked on themselves."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from imbdiff import claims, stats

ROOT = Path(__file__).resolve().parents[1]


def scores(rows, split=False):
    columns = ["method", "dataset", "metric", "mean"] + (["split"] if split else [])
    return pd.DataFrame(rows, columns=columns)


def cells(differences):
    """``{dataset: [difference per split]}`` as the long cells the bootstrap reads."""
    rows = [(d, s, v) for d, values in differences.items() for s, v in enumerate(values)]
    return pd.DataFrame(rows, columns=["dataset", "split", "difference"])


# -- verdict rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "low, high, target, verdict",
    [
        (0.8, 0.9, 0.875, "reproduced"),  # ci_low >= 0.725
        (0.5, 0.7, 0.875, "partly"),  # within [0.4375, 0.725)
        (0.1, 0.4, 0.875, "not reproduced"),  # ci_high < 0.4375
        (0.5, 0.9, 0.875, "inconclusive"),  # straddles target - 0.15
        (0.3, 0.6, 0.875, "inconclusive"),  # straddles target / 2
        (0.45, 0.45, 0.6, "reproduced"),  # a point: 0.6 - 0.15 exactly
        (np.nan, np.nan, 0.6, "not run"),
    ],
)
def test_interval_verdict_hand_cases(low, high, target, verdict):
    assert claims.interval_verdict(low, high, target) == verdict


@pytest.mark.parametrize(
    "count, total, target, verdict",
    # 0.6 target: reproduced from 0.45, partly from 0.3.
    [(5, 10, 0.6, "reproduced"), (4, 10, 0.6, "partly"), (3, 10, 0.6, "partly"),
     (2, 10, 0.6, "not reproduced"), (0, 0, 0.6, "not run"), (17, 20, 1.0, "reproduced"),
     (16, 20, 1.0, "partly"), (8, 9, 8 / 9, "reproduced")],
)
def test_share_verdict_is_the_one_split_case(count, total, target, verdict):
    assert claims.share_verdict(count, total, target) == verdict
    if total:
        share = count / total
        assert claims.interval_verdict(share, share, target) == verdict


@pytest.mark.parametrize(
    "low, high, p_holm, verdict",
    [(0.5, 2.0, 0.01, "reproduced"), (0.5, 2.0, 0.2, "partly"), (0.5, 2.0, np.nan, "partly"),
     (-2.0, -0.1, 0.01, "not reproduced"), (-1.0, 2.0, 0.01, "inconclusive"),
     (np.nan, np.nan, np.nan, "not run")],
)
def test_paired_verdict_hand_cases(low, high, p_holm, verdict):
    assert claims.paired_verdict(low, high, p_holm) == verdict


@pytest.mark.parametrize(
    "first, second, verdict",
    [("reproduced", "reproduced", "reproduced"), ("reproduced", "not reproduced", "partly"),
     ("partly", "inconclusive", "partly"), ("not reproduced", "not reproduced", "not reproduced"),
     ("inconclusive", "not reproduced", "inconclusive"), ("not run", "not run", "not run"),
     ("reproduced", "not run", "inconclusive")],
)
def test_two_part_claims_take_their_verdict_from_the_parts(first, second, verdict):
    assert claims._combined_verdict(first, second) == verdict


# -- bootstraps ----------------------------------------------------------------------------


def test_bootstrap_is_deterministic_and_covers_the_mean():
    table = cells({"a": [1.0, 2.0, 0.5], "b": [3.0, 2.5, 4.0], "c": [-1.0, 0.0, 0.5]})
    first = claims.hierarchical_bootstrap(table, n_boot=500, random_state=3)
    assert first == claims.hierarchical_bootstrap(table, n_boot=500, random_state=3)
    assert first != claims.hierarchical_bootstrap(table, n_boot=500, random_state=4)
    estimate, low, high = first
    assert estimate == pytest.approx(np.mean([3.5 / 3, 9.5 / 3, -0.5 / 3]))
    assert low < estimate < high
    assert -1.0 <= low and high <= 4.0  # a mean of resampled cells stays in their range


def test_equal_differences_give_a_point_interval():
    assert claims.hierarchical_bootstrap(cells({"a": [2, 2], "b": [2, 2]}), n_boot=50) == (2, 2, 2)
    assert all(np.isnan(claims.hierarchical_bootstrap(cells({}), n_boot=50)))


def test_one_dataset_with_a_huge_difference_cannot_make_a_tight_interval():
    # Four datasets with no effect, one with +100 on every one of its ten splits. Its
    # cells agree with each other, but they are one dataset: resampling datasets draws
    # none of it in a third of the replicates, so the interval reaches down to 0.
    table = cells({**{d: [0.1, -0.1] * 5 for d in "abcd"}, "e": [100.0] * 10})
    estimate, low, high = claims.hierarchical_bootstrap(table, n_boot=2000, random_state=0)
    assert estimate == pytest.approx(20.0)
    assert low <= 0.1 and high >= 60
    # Resampling the 50 cells as if independent would have claimed far more certainty.
    rng = np.random.default_rng(0)
    flat = table["difference"].to_numpy()
    naive = flat[rng.integers(0, len(flat), (2000, len(flat)))].mean(axis=1)
    assert np.percentile(naive, 2.5) > 5


def test_splits_are_resampled_within_each_dataset():
    # One dataset: only its splits vary, and the interval is theirs.
    estimate, low, high = claims.hierarchical_bootstrap(
        cells({"a": [0.0, 1.0, 2.0, 3.0]}), n_boot=2000, random_state=0
    )
    assert estimate == 1.5 and 0.0 <= low < 1.5 < high <= 3.0


def test_holm_on_hand_p_values():
    adjusted = stats.holm([0.01, 0.04, 0.03, np.nan])
    np.testing.assert_allclose(adjusted[:3], [0.03, 0.06, 0.06])
    assert np.isnan(adjusted[3])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        stats.holm([1.5])
    # Against statsmodels' implementation, ties included.
    from statsmodels.stats.multitest import multipletests

    p_values = [0.2, 0.01, 0.01, 0.049, 0.5, 0.003]
    np.testing.assert_allclose(stats.holm(p_values), multipletests(p_values, method="holm")[1])


def test_holm_runs_over_the_pairwise_claims_of_a_chapter():
    verdicts = claims.check(claims.paper_scores(), n_boot=200)
    for chapter, rows in verdicts[verdicts["kind"] == "pairwise"].groupby("chapter"):
        single = rows[~rows["note"].str.contains("; ")]  # one-part claims show their own p
        family = claims.check(claims.paper_scores(), chapters=[chapter], n_boot=200)
        pd.testing.assert_series_equal(
            family.set_index("key").loc[single["key"], "p_holm"],
            rows.set_index("key").loc[single["key"], "p_holm"],
        )
    auc = verdicts.set_index("key").loc[["auc-dt-vs-smote", "auc-dt-vs-original"]]
    np.testing.assert_allclose(auc["p_holm"], stats.holm(auc["p_value"]))
    assert (auc["p_holm"] >= auc["p_value"]).all()


# -- count claims over splits --------------------------------------------------------------


def comparison(best_on_per_split):
    """ISODF-ENN best (AUC) on the first ``k`` of four datasets, one split per entry."""
    rows = []
    for split, k in enumerate(best_on_per_split):
        for position, dataset in enumerate("abcd"):
            for rank, method in enumerate(claims.ISODF_METHODS):
                value = 80 - rank
                if method == "ISODF-ENN":
                    value = 90 if position < k else 50
                rows.append((method, dataset, "AUC_DT", value, split))
    return scores(rows, split=True)


def test_k_distribution_and_paper_met_on_a_hand_per_split_table():
    verdicts = claims.check(comparison([4, 3, 2]), paper="isodf_enn",
                            chapters=["isodf_enn/05_comparison"], n_boot=500).set_index("key")
    row = verdicts.loc["isodf-best-auc"]
    assert row["paper"] == "7 of 8 (stated)"
    assert row["k_distribution"] == "k: 2x1, 3x1, 4x1 (n = 4)"
    assert row["splits"] == 3 and row["ours"] == "3 of 4"
    assert row["paper_met"] == pytest.approx(1 / 3)  # only the split with 4 of 4 reaches 7/8
    assert row["estimate"] == pytest.approx(0.75)
    assert 0.5 <= row["ci_low"] < 0.75 < row["ci_high"] <= 1.0
    # The interval reaches both above target - 0.15 and below it: undecided.
    assert row["verdict"] == "inconclusive"
    assert verdicts.loc["isodf-best-f", "verdict"] == "not run"  # no F1 rows


def test_one_split_reduces_to_share_verdict():
    one = claims.check(comparison([2]), paper="isodf_enn", chapters=["isodf_enn/05_comparison"],
                       n_boot=50).set_index("key").loc["isodf-best-auc"]
    assert one["ci_low"] == one["ci_high"] == 0.5
    assert one["verdict"] == claims.share_verdict(2, 4, 7 / 8) == "partly"


def test_undecidable_claim_is_inconclusive_not_contradicted():
    table = comparison([4])
    table = pd.concat([table, table.assign(metric="F1_DT")], ignore_index=True)
    data = scores([("data", d, m, v) for d, ir in zip("abcd", (2, 4, 8, 16))
                   for m, v in (("IR", ir), ("R_aug", ir))])
    ours = pd.concat([table, data.assign(split=np.nan)], ignore_index=True)
    row = claims.check(ours, paper="isodf_enn", chapters=["isodf_enn/05_comparison"],
                       n_boot=50).set_index("key").loc["isodf-not-best-low"]
    assert row["verdict"] == "inconclusive" and "best on every dataset" in row["note"]


def test_best_among_counts_ties_as_wins_and_ignores_original():
    rows = []
    for dataset, values in {"a": (3, 2, 3), "b": (1, 2, 5), "c": (4, 1, 1)}.items():
        for method, value in zip(("LReDDPM", "ADASYN", "Original"), values):
            rows.append((method, dataset, "AUC_DT", value))
    test = claims._best_among("AUC_DT", methods=("LReDDPM", "ADASYN"))
    assert test(scores(rows), ["a", "b", "c"]) == (2, 3)
    assert test(scores(rows), ["a"]) == (1, 1)
    assert test(scores(rows[:0]), ["a"]) == (0, 0)


# -- pairwise differences ------------------------------------------------------------------


def test_paired_differences_take_the_best_rival_and_respect_direction():
    rows = [("T", "a", "AUC_DT", 5.0, 0), ("A", "a", "AUC_DT", 3.0, 0), ("B", "a", "AUC_DT", 6.0, 0),
            ("T", "a", "AUC_DT", 7.0, 1), ("A", "a", "AUC_DT", 3.0, 1), ("B", "a", "AUC_DT", 4.0, 1),
            ("T", "b", "WD", 1.0, 0), ("A", "b", "WD", 3.0, 0), ("B", "b", "WD", 2.0, 0)]
    table = scores(rows, split=True)
    higher = claims.Paired(("AUC_DT",), "T", ("A", "B")).differences(table, ["a", "b"])
    assert higher["difference"].tolist() == [-1.0, 3.0]  # against B, then against B
    lower = claims.Paired(("WD",), "T", ("A", "B"), lower=True).differences(table, ["a", "b"])
    assert lower["difference"].tolist() == [1.0]  # best rival 2.0 minus T's 1.0
    each = claims.Paired(("AUC_DT",), "T", ("A", "B"), "each").differences(table, ["a"])
    assert sorted(each["difference"]) == [-1.0, 2.0, 3.0, 4.0]  # T - A and T - B, both splits
    assert claims.Paired(("AUC_DT",), "T", ("C",)).differences(table, ["a"]).empty
    assert claims.Paired(("AUC_DT",), "T", ("A", "B")).count(table, ["a"]) == (1, 2)
    with pytest.raises(ValueError, match="versus"):
        claims.Paired(("AUC_DT",), "T", ("A",), "all")


def test_pairwise_claim_on_a_hand_table():
    # ISODF-ENN ahead of ENN and ISODF by 1-3 points on six datasets x two splits, both metrics.
    rng = np.random.default_rng(0)
    rows = []
    for dataset in "abcdef":
        for split in range(2):
            for metric in ("F1_DT", "AUC_DT"):
                gain = rng.uniform(1, 3)
                rows += [("ISODF-ENN", dataset, metric, 70 + gain, split),
                         ("ISODF", dataset, metric, 70.0, split), ("ENN", dataset, metric, 69.0, split),
                         ("Original", dataset, metric, 68.0, split)]
    verdicts = claims.check(scores(rows, split=True), paper="isodf_enn",
                            chapters=["isodf_enn/07_ablation"], n_boot=500).set_index("key")
    both = verdicts.loc["isodf-beats-both-stages"]
    assert both["kind"] == "pairwise" and both["paper"] == "8 of 8 (stated)"
    assert both["ci_low"] > 0 and both["splits"] == 2
    # Six datasets, all positive: the smallest two-sided Wilcoxon p is 2/64, then Holm over
    # the six parts of the chapter's three claims.
    assert both["p_value"] == pytest.approx(2 / 64)
    assert (verdicts["verdict"] == "partly").all()  # ahead everywhere, but p_holm >= 0.05


# -- the papers' claims --------------------------------------------------------------------


def chapters_in_toc():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return {c["file"].removeprefix("book/") for part in toc["parts"] for c in part["chapters"]}


@pytest.mark.parametrize("declared", [claims.LREDDPM_CLAIMS, claims.ISODF_ENN_CLAIMS])
def test_claim_keys_are_unique_and_chapters_exist(declared):
    keys = [c.key for c in declared]
    assert len(keys) == len(set(keys))
    assert {c.chapter for c in declared} <= chapters_in_toc()
    assert len({c.key for c in claims.CLAIMS}) == len(claims.CLAIMS)


def test_the_paper_reproduces_itself_on_its_count_claims():
    verdicts = claims.check(claims.paper_scores(), n_boot=200)
    # Count claims whose paper share comes from its tables ("k of n", not stated or asserted).
    decided = verdicts[(verdicts["kind"] == "count") & verdicts["paper"].str.fullmatch(r"\d+ of \d+")]
    assert len(decided) >= 6
    assert (decided["verdict"] == "reproduced").all()
    assert (decided["paper"] == decided["ours"]).all()
    assert (decided["paper_met"] == 1).all()


def test_documented_verdicts_on_the_papers_own_numbers():
    verdicts = claims.check(claims.paper_scores(), n_boot=2000).set_index("key")
    # Table 3 without parkin: LReDDPM has the best AUC of the six methods except on page0.
    assert verdicts.loc["auc-dt-best", "paper"] == "8 of 9"
    assert verdicts.loc["abalone17-rare", "paper"] == "1 of 1"
    # Table 6: the text says neither variant surpasses q(y|s); its numbers show q(y|s) at
    # least as good in only 10 of the 18 (dataset, metric) cases, and the mean difference's
    # interval straddles 0.
    assert verdicts.loc["guidance", "paper"].endswith("(10 of 18)")
    assert verdicts.loc["guidance", "verdict"] == "inconclusive"
    # Tables 3 and 8: tau = 60/sqrt(beta) has the best AUC on one dataset of nine, and is
    # behind the best other tau on average: the paper's own numbers contradict its text.
    assert verdicts.loc["tau-best", "paper"].endswith("(1 of 9)")
    assert verdicts.loc["tau-best", "verdict"] == "not reproduced"
    # Table 3: LReDDPM ahead of ADASYN and BorderlineSMOTE on all nine datasets.
    assert verdicts.loc["auc-dt-vs-smote", "verdict"] == "reproduced"
    assert verdicts.loc["synthetic-types", "verdict"] == "not run"  # Figure 5 not transcribed


def test_unavailable_datasets_and_chapter_filter():
    ours = claims.paper_scores()
    only = claims.check(ours, chapters=["lreddpm/06_auc"], n_boot=100)
    assert set(only["chapter"]) == {"lreddpm/06_auc"} and len(only) == 4
    with_parkin = claims.check(ours, chapters=["lreddpm/06_auc"], unavailable=(), n_boot=100)
    assert with_parkin.set_index("key").loc["auc-dt-best", "paper"] == "9 of 10"  # the paper's own


def test_check_is_deterministic_and_has_the_contract_columns():
    first = claims.check(claims.paper_scores(), n_boot=300, random_state=5)
    pd.testing.assert_frame_equal(first, claims.check(claims.paper_scores(), n_boot=300, random_state=5))
    assert list(first.columns) == list(claims._COLUMNS)
    assert set(first["verdict"]) <= set(claims.VERDICTS)


def test_nothing_run_is_not_run():
    empty = scores([])
    for paper in ("lreddpm", "isodf_enn"):
        verdicts = claims.check(empty, paper=paper, n_boot=10)
        assert (verdicts["verdict"] == "not run").all()
        assert len(verdicts) == len(claims.LREDDPM_CLAIMS if paper == "lreddpm" else claims.ISODF_ENN_CLAIMS)


@pytest.mark.parametrize(
    "kwargs, message",
    [({"paper": "smote"}, "paper must be"), ({"n_boot": 0}, "n_boot"),
     ({"random_state": -1}, "random_state"), ({"random_state": 1.5}, "random_state")],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        claims.check(claims.paper_scores(), **kwargs)


def test_bad_tables():
    with pytest.raises(ValueError, match="lacks the columns"):
        claims.check(pd.DataFrame({"method": ["a"], "dataset": ["b"]}))
    table = claims.paper_scores().assign(split=0.5)
    with pytest.raises(ValueError, match="split"):
        claims.check(table)


def test_tally_counts_every_verdict_in_order():
    table = pd.DataFrame({"verdict": ["reproduced", "partly", "reproduced", "not run", "inconclusive"]})
    assert claims.tally(table).to_dict() == {
        "reproduced": 2, "partly": 1, "not reproduced": 0, "inconclusive": 1, "not run": 1
    }
    assert list(claims.VERDICTS) == ["reproduced", "partly", "not reproduced", "inconclusive", "not run"]
    with pytest.raises(ValueError, match="unknown verdicts"):
        claims.tally(pd.DataFrame({"verdict": ["not testable"]}))


def isodf_chapter_tables():
    """Every long table the ISODF-ENN chapters hand to check(), in miniature (two splits)."""
    rng = np.random.default_rng(1)
    datasets = ["yeast1", "vehicle0", "flare-F", "segment0"]
    methods = [*claims.ISODF_METHODS, "ENN", "ISODF", "Mul=5", "Mul=20", "Mul=50", "Mul=100",
               "I=5", "I=10", "I=20", "I=30"]
    rows = [(m, d, metric, rng.uniform(60, 90), s) for d in datasets for s in (0, 1)
            for m in methods for metric in ("F1_DT", "AUC_DT")]
    for d, ir, overlap, size in zip(datasets, (2.46, 3.25, 23.79, 6.02), (43.26, 8.21, 95.96, 2.74),
                                    (1484, 846, 1066, 2308)):
        rows += [("data", d, "IR", ir, np.nan), ("data", d, "R_aug", overlap, np.nan),
                 ("data", d, "#rows", size, np.nan)]
        rows += [("data", d, "K (silhouette)", 2 + (d == "flare-F") * s, s) for s in (0, 1)]
        rows += [(m, d, "clusters found", 3, np.nan) for m in ("1 centre", "K centres", "10 centres")]
        rows += [(m, d, "silhouette", rng.uniform(0.2, 0.4), np.nan) for m in ("ISODATA", "k-means")]
    one = "yeast1"
    rows += [(m, one, metric, v, np.nan) for m, metric, v in (
        ("single steps", "slope", 0.95), ("closed form", "slope", 0.951),
        ("single steps", "residual variance", 0.1), ("closed form", "residual variance", 0.1),
        ("t=T", "signal share", 0.006), ("t=90", "signal share", 0.5))]
    measures = ("loss on held-out rows", "MMD to held-out", "correlation gap to training rows")
    rows += [(m, one, metric, rng.uniform(0, 1), s) for s in (0, 1)
             for m in ("dropout 0.5", "dropout 0.0") for metric in measures]
    rows += [("shuffled columns", one, metric, 0.9, np.nan) for metric in measures]
    return scores(rows, split=True)


def test_every_isodf_claim_reads_the_tables_its_chapter_builds():
    # The metric and method names the chapters write (see their claims cells) must be the
    # ones the claims read: with all of them present no claim may stay "not run".
    verdicts = claims.check(isodf_chapter_tables(), paper="isodf_enn", n_boot=50)
    assert len(verdicts) == len(claims.ISODF_ENN_CLAIMS)
    assert (verdicts["verdict"] != "not run").all(), verdicts.loc[verdicts["verdict"] == "not run", "key"]
    row = verdicts.set_index("key").loc["isodf-k-varies"]
    assert row["k_distribution"] == "k: 0x1, 1x1 (n = 1)"  # K differs between datasets in split 1 only


def test_too_few_datasets_is_inconclusive_with_a_reason():
    table = isodf_chapter_tables()
    two = table[table["dataset"].isin(["yeast1", "vehicle0"])]
    verdicts = claims.check(two, paper="isodf_enn", chapters=["isodf_enn/05_comparison"],
                            n_boot=20).set_index("key")
    row = verdicts.loc["isodf-lower-ir-smaller-gain"]
    assert row["verdict"] == "inconclusive" and "correlation needs 3" in row["note"]
    assert verdicts.loc["isodf-flare-close", "verdict"] == "not run"  # flare-F not in the table


def test_recorded_verdicts_are_read_back_per_paper_latest_first(tmp_path):
    from imbdiff import claims as c

    lreddpm_key = c.LREDDPM_CLAIMS[0].key
    isodf_key = c.ISODF_ENN_CLAIMS[0].key
    assert c.recorded(folder=tmp_path).empty
    first = pd.DataFrame({"key": [lreddpm_key], "verdict": ["partly"]})
    c.record(first, "lreddpm/14_scorecard", folder=tmp_path)
    c.record(pd.DataFrame({"key": [isodf_key], "verdict": ["inconclusive"]}), "isodf_enn/05_comparison",
             folder=tmp_path)
    c.record(first.assign(verdict="reproduced"), "lreddpm/14_scorecard", folder=tmp_path)  # a rerun
    table = c.recorded(folder=tmp_path)
    assert dict(zip(table["key"], table["verdict"])) == {lreddpm_key: "reproduced", isodf_key: "inconclusive"}
    assert list(c.recorded("isodf_enn", folder=tmp_path)["key"]) == [isodf_key]
    (tmp_path / "broken.csv").write_bytes(b"\xff\xfe\x00garbage\n\"")
    assert len(c.recorded(folder=tmp_path)) == 2  # a damaged record is skipped
    with pytest.raises(ValueError, match="claims.check"):
        c.record(pd.DataFrame({"x": [1]}), "lreddpm/06_auc", folder=tmp_path)
