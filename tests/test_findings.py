"""The chapters' closing "What we found" sentences, on hand-made tables."""

import numpy as np
import pandas as pd
import pytest

from imbdiff import profiles, report

COLUMNS = [
    "key", "where", "claim", "chapter", "paper", "ours", "estimate", "ci_low",
    "ci_high", "verdict", "note",
]


def claim(key, verdict, *, paper="9 of 10", ours="7.5 of 9", low=0.61, high=0.88,
          note=""):
    return {
        "key": key, "where": "4.2, Table 3", "claim": f"Claim {key}",
        "chapter": "lreddpm/06_auc", "paper": paper, "ours": ours,
        "estimate": np.nan if np.isnan(low) else (low + high) / 2, "ci_low": low,
        "ci_high": high, "verdict": verdict, "note": note,
    }


def table(*rows):
    return pd.DataFrame(list(rows), columns=COLUMNS)


def test_one_reproduced_claim_gives_the_tally_and_its_sentence():
    text = report.found_text(table(claim("a", "reproduced")), profile="default",
                             splits=5, datasets=9)
    assert text == (
        "With the `default` profile (5 splits, 9 datasets), this chapter tests 1 claim"
        " of the paper: 1 reproduced. **Reproduced**: *Claim a* (4.2, Table 3): paper"
        " 9 of 10, ours 7.5 of 9, 95 % interval [0.61, 0.88]."
    )


def test_claims_are_grouped_by_verdict_in_a_fixed_order_with_not_run_and_nan():
    verdicts = table(
        claim("b", "inconclusive", paper="+0.50 points (8 of 9)", ours="-0.25 points",
              low=np.nan, high=np.nan),
        claim("c", "not run", ours="n/a", low=np.nan, high=np.nan,
              note="no cells for this claim"),
        claim("a", "reproduced", low=0.5, high=0.75),
        claim("d", "inconclusive", low=-1.234, high=2.5),
    )
    text = report.found_text(verdicts, profile=profiles.get("smoke"))
    assert text == (
        "With the `smoke` profile (2 splits), this chapter tests 4 claims of the"
        " paper: 1 reproduced, 2 inconclusive and 1 not run."
        " **Reproduced**: *Claim a* (4.2, Table 3): paper 9 of 10, ours 7.5 of 9,"
        " 95 % interval [0.50, 0.75]."
        " **Inconclusive**: *Claim b* (4.2, Table 3): paper +0.50 points (8 of 9),"
        " ours -0.25 points, no interval; *Claim d* (4.2, Table 3): paper 9 of 10,"
        " ours 7.5 of 9, 95 % interval [-1.23, 2.50]."
        " **Not run**: *Claim c* (4.2, Table 3): no cells for this claim."
    )


def test_a_not_run_claim_without_a_note_is_named_alone():
    verdicts = table(claim("c", "not run", low=np.nan, high=np.nan, note=np.nan))
    text = report.found_text(verdicts, profile="paper", splits=10)
    assert text.endswith("1 not run. **Not run**: *Claim c* (4.2, Table 3).")


def test_every_verdict_has_a_label_and_partly_reads_as_partly_reproduced():
    verdicts = table(*(claim(v, v) for v in report.FOUND_VERDICTS))
    text = report.found_text(verdicts, profile="default", splits=5)
    assert ("5 claims of the paper: 1 reproduced, 1 partly, 1 not reproduced,"
            " 1 inconclusive and 1 not run.") in text
    assert "**Partly reproduced**: *Claim partly*" in text
    assert "**Not reproduced**: *Claim not reproduced*" in text


def test_an_empty_claims_table_says_no_claim_is_tested():
    text = report.found_text(table(), profile="default", splits=1, datasets=["yeast3"])
    assert text == (
        "With the `default` profile (1 split, yeast3), this chapter tests no claim of"
        " the paper."
    )


def test_measures_give_one_sentence_each_with_the_paper_beside_ours():
    measures = [
        ("Table 1 rows that match the paper", "8 of 9"),
        ("Safe share on yeast3 (%)", 67.1234, 70.5),
        ("Median KS statistic", np.float64(0.04567)),
        ("Columns as close as real rows", np.int64(7)),
        ("Paper's quoted value", None, float("nan")),
    ]
    text = report.found_text(profile="smoke", splits=1, datasets=["yeast3", "crg"],
                             measures=measures, digits=3)
    assert text == (
        "These numbers come from the `smoke` profile (1 split, yeast3 and crg)."
        " Table 1 rows that match the paper: 8 of 9."
        " Safe share on yeast3 (%): paper 67.123, ours 70.500."
        " Median KS statistic: 0.046."
        " Columns as close as real rows: 7."
        " Paper's quoted value: paper n/a, ours n/a."
    )


def test_the_profile_name_alone_names_no_splits_and_many_datasets_are_counted():
    names = ["a", "b", "c", "d"]
    assert report.found_text(profile="default", datasets=names) == (
        "These numbers come from the `default` profile (4 datasets)."
    )
    assert report.found_text(profile="default") == (
        "These numbers come from the `default` profile."
    )


def test_what_we_found_is_markdown_holding_the_same_text():
    verdicts = table(claim("a", "reproduced"))
    shown = report.what_we_found(verdicts, profile="default", splits=5)
    assert type(shown).__name__ == "Markdown"
    assert shown.data == report.found_text(verdicts, profile="default", splits=5)


def test_format_value_and_interval_text():
    assert report.format_value(3) == "3"
    assert report.format_value(2.0) == "2.00"
    assert report.format_value(True) == "yes"
    assert report.format_value(pd.NA) == "n/a"
    assert report.format_value("+1.84 points") == "+1.84 points"
    assert report.interval_text(-0.005, 1.0) == "95 % interval [-0.01, 1.00]"
    assert report.interval_text(None, 1.0) == "no interval"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"verdicts": pd.DataFrame({"claim": ["x"]})}, "lack the columns"),
        ({"verdicts": table(claim("a", "maybe"))}, "unknown verdicts"),
        ({"measures": [("label only",)]}, "each measure"),
        ({"measures": ["a sentence"]}, "each measure"),
        ({"splits": -1}, "splits must be"),
        ({"splits": 2.5}, "splits must be"),
        ({"profile": None}, "profile must be"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(kwargs, message):
    arguments = {"profile": "default", **kwargs}
    with pytest.raises(ValueError, match=message):
        report.found_text(**arguments)


def test_design_statements_are_said_to_be_outside_the_tally():
    from imbdiff.report import found_text

    table = pd.DataFrame({
        "claim": ["a result", "a design"], "where": ["4.4", "3.1"], "paper": ["x", "y"],
        "ours": ["1", "2"], "ci_low": [0.1, 0.2], "ci_high": [0.3, 0.4],
        "verdict": ["reproduced", "inconclusive"], "note": ["", ""], "tally": [True, False],
    })
    text = found_text(table, profile="smoke")
    assert "1 of them is a design statement or mathematics: checked, but not counted" in text
    assert "not counted" not in found_text(table.iloc[:1], profile="smoke")
