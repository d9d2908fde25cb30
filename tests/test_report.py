import numpy as np
import pandas as pd
import pytest

from imbdiff.report import finished, method_table, side_by_side


def test_side_by_side_aligns_paper_order_and_computes_differences():
    paper = pd.DataFrame({
        "dataset": ["b", "b", "a", "a"],
        "metric": ["AUC", "F1", "AUC", "F1"],
        "mean": [80.0, 50.0, 70.0, 40.0],
    })
    ours = pd.DataFrame({"dataset": ["a", "b"], "metric": ["AUC", "AUC"], "mean": [72.5, 79.0]})
    table = side_by_side(paper, ours)
    assert list(table.index) == ["b", "a"]  # the paper's order, not ours
    assert list(table.columns) == [(m, s) for m in ("AUC", "F1") for s in ("paper", "ours", "diff")]
    assert table.loc["a", ("AUC", "diff")] == 2.5
    assert table.loc["b", ("AUC", "diff")] == -1.0
    # a metric we did not compute shows as missing, never as zero
    assert np.isnan(table.loc["a", ("F1", "ours")]) and np.isnan(table.loc["a", ("F1", "diff")])


def test_side_by_side_keeps_unavailable_datasets_as_missing_rows():
    paper = pd.DataFrame({"dataset": ["x", "parkin"], "metric": ["m", "m"], "mean": [1.0, 2.0]})
    ours = pd.DataFrame({"dataset": ["x"], "metric": ["m"], "mean": [1.5]})
    table = side_by_side(paper, ours, metrics=["m"])
    assert table.loc["parkin", ("m", "paper")] == 2.0
    assert table.loc["parkin", ("m", "ours")] != table.loc["parkin", ("m", "ours")]  # NaN


def _long(rows):
    return pd.DataFrame(rows, columns=["method", "dataset", "metric", "mean"])


def test_method_table_puts_methods_down_and_datasets_across():
    paper = _long([("A", "d1", "AUC", 80.0), ("B", "d1", "AUC", 70.0), ("A", "d2", "AUC", 60.0), ("A", "d1", "F1", 1.0)])
    ours = _long([("B", "d1", "AUC", 75.0), ("C", "d2", "AUC", 50.0)])
    table = method_table(paper, ours, metric="AUC")
    assert list(table.index) == ["A", "B", "C"]  # paper's methods first, then ours
    assert table.loc["B", ("d1", "diff")] == 5.0
    assert np.isnan(table.loc["A", ("d1", "ours")]) and np.isnan(table.loc["C", ("d2", "paper")])


def best_per_column(table, lower_is_better=False):  # the paper's bold: best method per dataset
    return finished(table, "", best="column", lower_is_better=lower_is_better, digits=3,
                    exclude=("Original",))


def best_per_row(table, among=None):
    return finished(table, "", best="row", among=among, digits=2)


def test_best_per_column_bolds_the_best_method_but_not_the_baseline_or_diff():
    paper = _long([("A", "d", "AUC", 80.0), ("B", "d", "AUC", 70.0), ("Original", "d", "AUC", 90.0)])
    ours = _long([("A", "d", "AUC", 60.0), ("B", "d", "AUC", 65.0), ("Original", "d", "AUC", 99.0)])
    html = best_per_column(method_table(paper, ours, metric="AUC")).to_html()
    styles = best_per_column(method_table(paper, ours, metric="AUC"))._compute().ctx
    bold = {key for key, props in styles.items() if ("font-weight", "bold") in props}
    # columns: (d, paper)=0, (d, ours)=1, (d, diff)=2; rows A=0, B=1, Original=2
    assert bold == {(0, 0), (1, 1)}
    assert "80.000" in html
    lower = best_per_column(method_table(paper, ours, metric="AUC"), lower_is_better=True)._compute().ctx
    assert {k for k, p in lower.items() if ("font-weight", "bold") in p} == {(1, 0), (0, 1)}


def test_best_per_row_bolds_ties_and_only_the_competing_columns():
    table = pd.DataFrame(
        {"A": [70.0, 50.0, np.nan], "B": [70.0, 60.0, 40.0], "Original": [90.0, 10.0, 30.0]},
        index=["d1", "d2", "d3"],
    )
    styles = best_per_row(table, among=["A", "B"])._compute().ctx
    bold = {key for key, props in styles.items() if ("font-weight", "bold") in props}
    # rows d1=0, d2=1, d3=2; columns A=0, B=1, Original=2: Original is never marked, NaN never
    assert bold == {(0, 0), (0, 1), (1, 1), (2, 1)}
    everyone = best_per_row(table)._compute().ctx
    assert {k for k, p in everyone.items() if ("font-weight", "bold") in p} == {(0, 2), (1, 1), (2, 1)}
    assert "n/a" in best_per_row(table).to_html()


def test_verdict_table_colours_verdicts_links_chapters_and_stays_narrow():
    from imbdiff import claims
    from imbdiff.report import VERDICT_COLOURS, declared_tests, verdict_table

    verdicts = claims.check(claims._check.paper_scores(), chapters=["lreddpm/06_auc", "lreddpm/11_tau"])
    styler = verdict_table(verdicts, link_prefix="../")
    html = styler.to_html()
    assert '<a href="../lreddpm/06_auc.html">' in html
    for verdict in set(verdicts["verdict"]):
        assert VERDICT_COLOURS[verdict] in html
    assert list(styler.data.columns) == ["claim", "paper", "ours", "95 % interval", "verdict"]
    assert "table-layout: fixed" in html and "overflow-wrap: anywhere" in html
    assert "8 of 9: holds (one run)" in html  # the paper's count and whether it meets its text
    plain = verdict_table(verdicts, columns=["key", "interval", "verdict"]).data
    assert list(plain.columns) == ["key", "interval", "verdict"]
    tests = declared_tests(verdicts).data
    assert tests["the paper's sentence"].str.len().min() > 20
    assert tests["test"].str.contains("Holm over the paper's 17 claims").all()
    with pytest.raises(ValueError, match="unknown verdicts"):
        verdict_table(verdicts.assign(verdict="not testable"))


def test_findings_list_each_verdicts_claims_with_links_and_say_when_nothing_ran():
    from imbdiff.report import findings

    table = pd.DataFrame({
        "claim": ["best AUC", "beats Original", "best F1"],
        "chapter": ["lreddpm/06_auc", "lreddpm/06_auc", "lreddpm/07_f1_gmean"],
        "verdict": ["not reproduced", "reproduced", "not reproduced"],
        "ours": ["0 of 8", "+2.1 points", "1 of 8"],
    })
    text = findings({"LReDDPM": table, "ISODF-ENN": table.iloc[0:0]}, link_prefix="../").data
    assert "**LReDDPM, not reproduced** (2): [best AUC](../lreddpm/06_auc.html) (ours: 0 of 8); " in text
    assert "**LReDDPM, reproduced** (1): [beats Original](../lreddpm/06_auc.html)" in text
    assert "inconclusive" not in text
    assert "**ISODF-ENN**: no chapter has recorded a verdict yet" in text


def test_verdict_tables_read_back_records_with_empty_texts(tmp_path):
    from imbdiff import claims
    from imbdiff.report import declared_tests, verdict_table

    card = claims.scorecard("isodf_enn", profile="smoke", folder=tmp_path)  # nothing recorded
    assert (card["verdict"] == "not run").all()
    csv = tmp_path / "card.csv"
    card.to_csv(csv, index=False)
    back = pd.read_csv(csv)  # "" comes back as NaN
    assert "not run" in verdict_table(back, link_prefix="../").to_html()
    assert len(declared_tests(back).data) == len(card)


def test_tally_bars_draw_one_bar_per_verdict_with_its_count():
    import matplotlib

    matplotlib.use("Agg")
    from imbdiff.report import VERDICT_COLOURS, tally_bars

    table = pd.DataFrame({"verdict": ["reproduced", "inconclusive", "inconclusive"],
                          "tally": [True, True, False]})
    ax = tally_bars(table)
    widths = {label.get_text(): bar.get_width()
              for label, bar in zip(ax.get_yticklabels(), ax.patches)}
    assert widths["reproduced"] == 1 and widths["inconclusive"] == 1  # untallied left out
    assert widths["not run"] == 0
    colours = [matplotlib.colors.to_hex(bar.get_facecolor()) for bar in ax.patches]
    assert matplotlib.colors.to_hex(VERDICT_COLOURS["reproduced"]) in colours


def test_finished_names_the_profile_in_its_caption_and_formats_numbers():
    from imbdiff import profiles
    from imbdiff.report import finished, profile_note

    table = pd.DataFrame({"A": [1.23456, np.nan], "label": ["x", "y"]}, index=["d1", "d2"])
    styled = finished(table, "Scores of A", profile=profiles.get("smoke"), digits=2)
    html = styled.to_html()
    assert "Scores of A (smoke profile)" in html
    assert "1.23" in html and "1.2346" not in html and "n/a" in html and ">x<" in html
    assert finished(table, "Paper's numbers").caption == "Paper's numbers"  # no profile: no note
    both = finished(table.assign(B=[2.34567, 3.0]), "t", digits=2, formats={"A": "{:.3f}"}).to_html()
    assert "1.235" in both and "2.35" in both and "2.3457" not in both  # formats keep digits
    assert profile_note("default") == "default profile" and profile_note(None) == ""
    with pytest.raises(ValueError, match="best must be"):
        finished(table, "t", best="diagonal")


def test_finished_marks_the_best_per_row_or_column_as_the_tables_need():
    from imbdiff.report import finished

    table = pd.DataFrame({"A": [0.5, 0.2], "B": [0.3, 0.2], "Original": [0.1, 0.9]},
                         index=["d1", "d2"])

    def bold(styler):
        return {k for k, p in styler._compute().ctx.items() if ("font-weight", "bold") in p}

    # distances: the lowest is best; Original competes in no row
    assert bold(finished(table, "t", best="row", lower_is_better=True, exclude=("Original",))) \
        == {(0, 1), (1, 0), (1, 1)}
    # per column, among the methods' rows only
    assert bold(finished(table.T, "t", best="column", among=["A", "B"])) == {(0, 0), (0, 1), (1, 1)}


def test_the_claims_tables_name_their_profile_in_the_caption():
    from imbdiff import claims, paper
    from imbdiff.report import declared_tests, readings_matrix, tally_table, verdict_table

    ours = paper.table("lreddpm", 3).assign(split=0)
    verdicts = claims.check(ours, chapters=["lreddpm/06_auc"])
    assert verdict_table(verdicts, profile="default").caption.endswith("(default profile)")
    assert verdict_table(verdicts).caption.startswith("Claims of this chapter")
    assert declared_tests(verdicts, profile="smoke").caption.endswith("(smoke profile)")
    assert tally_table({"LReDDPM": verdicts}, profile="paper").caption.endswith("(paper profile)")
    grid = pd.DataFrame({"reading": ["clip"], "choice": ["clipped"], "default": [True],
                         "key": ["k"], "claim": ["c"], "verdict": ["reproduced"],
                         "estimate": [1.0], "ci_low": [0.5], "ci_high": [1.5]})
    assert readings_matrix(grid, profile="default").caption.endswith("(default profile)")


def test_titled_names_the_profile_after_a_figures_title():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from imbdiff.report import titled

    fig = plt.figure()
    assert titled(fig, "Rows", "smoke")._suptitle.get_text() == "Rows (smoke profile)"
    assert titled(fig, "Rows")._suptitle.get_text() == "Rows"  # no profile: no empty note
    assert titled(fig, "Rows", "default", fontsize=7)._suptitle.get_fontsize() == 7
    plt.close(fig)
