"""Checking a paper's claims on its numbers and on ours: :func:`check`, :func:`evaluate`."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .. import paper as _paper
from ._papers import check_paper, paper_study
from ._rules import (
    ALPHA,
    SCORE_COLUMNS,
    Comparison,
    Exact,
    Outcome,
    Share,
    claim_p_values,
    combine,
    holm,
)

_COLUMNS = ("key", "where", "quote", "claim", "chapter", "kind", "test", "null", "unit",
            "alpha", "margin", "tally", "paper", "paper_verdict", "ours", "splits",
            "estimate", "ci_low", "ci_high", "boundary", "mde", "chance", "p_chance",
            "p_for", "p_against", "p_value", "p_holm", "verdict", "parts", "note")


def _validate(ours, paper):
    check_paper(paper)
    if not isinstance(ours, pd.DataFrame):
        raise ValueError(f"ours must be a pandas DataFrame; got {type(ours).__name__}")
    missing = [c for c in SCORE_COLUMNS if c not in ours.columns]
    if missing:
        raise ValueError(f"ours lacks the columns {missing}; it needs {list(SCORE_COLUMNS)}")
    if "split" in ours.columns:
        splits = ours["split"].dropna()
        if not np.all(np.equal(np.mod(splits.to_numpy(dtype=float), 1), 0)):
            raise ValueError("the split column must hold integers (or NaN for split-free rows)")


class _Tables:
    """The scores pooled (``split`` filled in) and, when a share asks, per split.

    Rows without a split (measures of the data such as IR) join every split.
    """

    def __init__(self, scores):
        self.scores = scores

    @functools.cached_property
    def splits(self):
        scores = self.scores
        if "split" not in scores.columns:
            return {0: scores}
        shared = scores[scores["split"].isna()]
        numbered = scores[scores["split"].notna()]
        labels = sorted(int(s) for s in numbered["split"].unique()) or [0]
        if shared.empty:
            return {s: table for s, table in numbered.groupby("split")} or {0: numbered}
        return {s: pd.concat([numbered[numbered["split"] == s], shared], ignore_index=True)
                for s in labels}

    @functools.cached_property
    def pooled(self):
        scores = self.scores
        if "split" in scores.columns and scores["split"].notna().all():
            return scores
        return pd.concat([t.assign(split=s) for s, t in self.splits.items()],
                         ignore_index=True)


def paper_scores(paper="lreddpm") -> pd.DataFrame:
    """Every published score of ``paper`` in one long table ``method, dataset, metric, mean``.

    LReDDPM: Tables 3-11 and 13-18. ISODF-ENN: only the IR and R_aug its text quotes
    (Tables 1-2; its score tables are lost), with method ``"data"``.
    """
    check_paper(paper)
    lreddpm = (3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18)
    numbers = lreddpm if paper == "lreddpm" else (1, 2)
    frames = [_paper.table(paper, n) for n in numbers]
    table = pd.concat(frames, ignore_index=True)[list(SCORE_COLUMNS)]
    return table.assign(method=table["method"].fillna("data"))


def _part_verdict(outcome, part, threshold, parts):
    """One part's verdict at the claim's threshold, Bonferroni over the claim's parts."""
    if isinstance(part, Exact):
        return "not run" if not outcome.ran else (
            "reproduced" if outcome.p_for == 0 else "not reproduced")
    if not outcome.tested:
        return "not run" if not (outcome.ran or outcome.undecided) else "inconclusive"
    if 2 * parts * outcome.p_for < threshold:
        return "reproduced"
    if 2 * parts * outcome.p_against < threshold:
        return "not reproduced"
    return "inconclusive"


def _verdicts(claim, outcomes, threshold, p_for, p_against):
    """The parts' verdicts and the claim's.

    The claim is reproduced when its intersection-union p passes the threshold
    (every part holds jointly, no correction over the parts), not reproduced when
    its union p does; otherwise its parts are judged one by one, Bonferroni over the
    parts, and :func:`combine` makes "partly" or "inconclusive".
    """
    parts = [_part_verdict(o, p, threshold, len(outcomes)) for p, o in outcomes]
    if not all(isinstance(p, Exact) for p, _ in outcomes):
        if 2 * p_for < threshold and p_for <= p_against:
            return ["reproduced"] * len(outcomes), "reproduced"
    return parts, combine(parts)


def _fmt(value, units="points"):
    if np.isnan(value):
        return "n/a"
    return f"{value:+.2f} {units}".strip() if units == "points" else f"{value:+.3g} {units}".strip()


def _ours_text(part, outcome):
    if not outcome.ran:
        return "n/a"
    if isinstance(part, Comparison):
        return _fmt(outcome.estimate, part.units)
    return f"share {outcome.estimate:.2f}"


def _paper_side(claim, published, datasets):
    """The paper's own numbers under the claim's test: (text, verdict)."""
    if published.empty:
        return "not printed", "not printed"
    texts, verdicts = [], []
    tables = _Tables(published)
    for part in claim.parts:
        if isinstance(part, Share):
            k, n = part.paper_count(published, datasets)
            if not n:
                texts.append(_stated_text(part))
                verdicts.append("not printed")
                continue
            if part.stated == "most":
                holds = k / n > 0.5
            elif isinstance(part.stated, tuple):  # no more misses than the text admits
                holds = n - k <= part.stated[1] - part.stated[0]
            else:
                holds = k / n >= part.target() - 1e-12
            texts.append(f"{k} of {n}")
            verdicts.append("holds (one run)" if holds else "fails (one run)")
        elif isinstance(part, Comparison):
            for outcome in part.outcomes(tables, datasets):
                if not outcome.ran:
                    verdicts.append("not printed")
                    continue
                texts.append(_fmt(outcome.estimate, part.units))
                if outcome.tested:
                    # The paper prints one run: its datasets are the replicates.
                    verdicts.append({"reproduced": "holds", "not reproduced": "fails"}.get(
                        _part_verdict(outcome, part, ALPHA, 1), "undecided"))
                else:
                    holds = outcome.estimate > outcome.boundary
                    verdicts.append("holds (one run)" if holds else "fails (one run)")
        else:
            verdicts.append("not printed")
    return _compact(texts), _paper_verdict(verdicts)


def _compact(texts):
    """The paper's values: all of them when few, else their range."""
    if not texts:
        return "not printed"
    if len(texts) <= 3:
        return " / ".join(texts)
    values = [float(t.split()[0]) for t in texts if t.split()[0][0] in "+-"]
    if len(values) < len(texts):
        return f"{texts[0]} ... ({len(texts)} parts)"
    return f"{min(values):+.2f} to {max(values):+.2f} over {len(texts)} parts"


def _stated_text(part):
    if isinstance(part.stated, tuple):
        return f"{part.stated[0]} of {part.stated[1]} (stated)"
    return "most (stated)" if part.stated == "most" else f"{part.target():.2f} (stated)"


def _paper_verdict(verdicts):
    if not verdicts or all(v == "not printed" for v in verdicts):
        return "not printed"
    printed = [v for v in verdicts if v != "not printed"]
    if any(v.startswith("fails") for v in printed):
        return next(v for v in printed if v.startswith("fails"))
    if all(v.startswith("holds") for v in printed):
        return printed[0] if len(set(printed)) == 1 else "holds"
    return "undecided"


def _evaluate_parts(claim, tables, datasets):
    outcomes = []
    for part in claim.parts:
        found = part.outcomes(tables, datasets) or [Outcome("", note="no datasets")]
        outcomes.extend((part, o) for o in found)
    return outcomes


def _shown(outcomes, verdict):
    """The part a row shows: the one that decides the verdict."""
    tested = [(p, o) for p, o in outcomes if o.tested] or outcomes
    if verdict == "not reproduced":
        return min(tested, key=lambda po: np.nan_to_num(po[1].p_against, nan=2.0))
    return max(tested, key=lambda po: np.nan_to_num(po[1].p_for, nan=2.0))


def _describe(claim, family):
    kinds = " + ".join(dict.fromkeys(part.describe() for part in claim.parts))
    if not claim.statistical:
        return kinds + ("; not a result: checked at alpha 0.05, outside the tally"
                        if not claim.tally else "")
    return f"{kinds}; Holm over the paper's {family} claims (alpha {ALPHA:g})"


def _null(claim):
    nulls = []
    for part in claim.parts:
        if isinstance(part, Comparison):
            nulls.append(part.null())
        elif isinstance(part, Share):
            nulls.append("share <= " + ("0.5" if part.stated == "most" else "boundary"))
        else:
            nulls.append("-")
    return "; ".join(dict.fromkeys(nulls))


def _margin(claim):
    margins = {p.margin for p in claim.parts if isinstance(p, Comparison) and p.margin}
    return max(margins) if margins else 0.0


def _row(claim, outcomes, published, datasets, threshold, p_values, p_holm, family):
    verdicts, verdict = _verdicts(claim, outcomes, threshold, *p_values)
    p_value = min(1.0, 2 * min(p_values))
    part, shown = _shown(outcomes, verdict)
    paper_text, paper_verdict = _paper_side(claim, published, datasets)
    level = threshold if claim.statistical else ALPHA
    units = sorted({o.unit for _, o in outcomes if o.unit})
    notes = [f"{o.label}: {_fmt(o.estimate, getattr(p, 'units', ''))} "
             f"[{_fmt(o.ci_low, getattr(p, 'units', ''))}, "
             f"{_fmt(o.ci_high, getattr(p, 'units', ''))}] -> {v}"
             + (f" ({o.note})" if o.note else "")
             for (p, o), v in zip(outcomes, verdicts)]
    if not any(o.ran or o.undecided for _, o in outcomes):
        notes = [f"no cells for this claim ({shown.note or 'chapter not run, or data missing'})"]
    return {
        "key": claim.key, "where": claim.where, "quote": claim.quote, "claim": claim.text,
        "chapter": claim.chapter, "kind": claim.kind, "test": _describe(claim, family),
        "null": _null(claim), "unit": ", ".join(units), "alpha": ALPHA,
        "margin": _margin(claim), "tally": claim.tally,
        "paper": paper_text, "paper_verdict": paper_verdict,
        "ours": _ours_text(part, shown), "splits": max((o.splits for _, o in outcomes), default=0),
        "estimate": shown.estimate, "ci_low": shown.ci_low, "ci_high": shown.ci_high,
        "boundary": shown.boundary, "mde": shown.mde(level),
        "chance": shown.chance, "p_chance": shown.p_chance,
        "p_for": p_values[0], "p_against": p_values[1],
        "p_value": p_value, "p_holm": p_holm, "verdict": verdict,
        "parts": f"{sum(v == 'reproduced' for v in verdicts)} of {len(verdicts)} hold",
        "note": "; ".join(notes),
    }


def evaluate(claims, ours, *, published=None, datasets=None, family=None) -> pd.DataFrame:
    """Test declared claims on a table of scores (the engine of :func:`check`).

    Parameters
    ----------
    claims : sequence of Claim
        The claims to test; those with ``tally`` and a statistical test form the
        family of Holm's correction.
    ours : DataFrame
        ``method, dataset, metric, mean`` and an optional integer ``split``.
    published : DataFrame, optional
        The paper's numbers in the same format (one run).
    datasets : list of str, optional
        The datasets to use (default: those in ``ours``, in order).
    family : int, optional
        The size of the family (default: the statistical claims given); claims of
        the family that are not given count as not rejected.

    Returns
    -------
    DataFrame
        See :func:`check`.
    """
    datasets = list(dict.fromkeys(ours["dataset"])) if datasets is None else list(datasets)
    published = ours.iloc[:0] if published is None else published
    tables = _Tables(ours[ours["dataset"].isin(datasets)])
    evaluated = {c.key: _evaluate_parts(c, tables, datasets) for c in claims}
    members = [c for c in claims if c.statistical]
    family = len(members) if family is None else family
    p_for_against = {c.key: claim_p_values([o for _, o in evaluated[c.key]]) for c in claims}
    two_sided = {c.key: min(1.0, 2 * min(p_for_against[c.key])) for c in members}
    adjusted, thresholds = holm(two_sided, ALPHA, family)
    rows = []
    for claim in claims:
        outcomes = evaluated[claim.key]
        threshold = thresholds.get(claim.key, ALPHA)
        rows.append(_row(claim, outcomes, published, datasets, threshold,
                         p_for_against[claim.key],
                         adjusted.get(claim.key, np.nan), family))
    return pd.DataFrame(rows, columns=list(_COLUMNS))


def family_size(paper) -> int:
    """How many of ``paper``'s claims enter its Holm family (tallied, with a test)."""
    return sum(c.statistical for c in paper_study(paper).claims)


def check(ours: pd.DataFrame, *, paper="lreddpm", chapters=None, unavailable=("parkin",)
          ) -> pd.DataFrame:
    """Test a paper's claims on ``ours`` and, with the same test, on its own numbers.

    Every claim is a declared hypothesis test (:mod:`imbdiff.claims`): its parts
    are superiority or non-inferiority comparisons with each rival, shares against
    the paper's count or one half, or exact checks of the data. The family of
    Holm's correction is every tallied claim of the paper: when ``chapters`` (or
    the scores) leave claims out, they count as not rejected, so a chapter's
    verdicts are never stronger than the scorecard's.

    Parameters
    ----------
    ours : DataFrame
        Long table ``method, dataset, metric, mean`` with an optional integer
        ``split`` (one row per split; absent: one split). Rows with a NaN split
        (measures of a dataset such as ``IR``) belong to every split. Figure 5's
        shares (LReDDPM) as metric ``share`` with a ``guiding`` column.
    paper : {"lreddpm", "isodf_enn"}, default="lreddpm"
    chapters : list of str, optional
        Only the claims these chapters test (for example ``["lreddpm/06_auc"]``).
    unavailable : tuple of str, default=("parkin",)
        Datasets we cannot run; the paper's numbers are taken without them too.
        Every interval is analytic: the table is deterministic.

    Returns
    -------
    DataFrame
        One row per claim: ``key, where, quote`` (the paper's sentence), ``claim``
        (our reading), ``chapter, kind, test, null, unit, alpha, margin, tally``;
        ``paper`` and ``paper_verdict`` (the same test on the paper's numbers:
        "holds", "fails", "undecided", with "(one run)" where the paper's one run
        cannot replicate the test, or "not printed"); ``ours, splits, estimate,
        ci_low, ci_high`` (95 % interval of the part that decides), ``boundary``,
        ``mde`` (the smallest distance from the boundary the test detects with 80 %
        power at the claim's level), ``chance, p_chance`` (share claims),
        ``p_value, p_holm, verdict, parts, note``.

    Raises
    ------
    ValueError
        If ``paper`` is unknown, ``ours`` lacks a column or its ``split`` is not
        integer.
    """
    _validate(ours, paper)
    claims = paper_study(paper).claims
    published = paper_scores(paper)
    published = published[~published["dataset"].isin(unavailable)]
    datasets = [d for d in dict.fromkeys(ours["dataset"]) if d not in unavailable]
    wanted = [c for c in claims if chapters is None or c.chapter in chapters]
    return evaluate(wanted, ours[ours["dataset"].isin(datasets)], published=published,
                    datasets=datasets, family=family_size(paper))


def rejoin(rows: pd.DataFrame, paper: str) -> pd.DataFrame:
    """The family's verdicts from verdicts checked chapter by chapter.

    Each chapter runs Holm's step-down with the claims of the other chapters counted
    as not rejected. Given the rows of every chapter (:func:`recorded`), this runs it
    once over all of them: a claim rejected in its chapter stays rejected (its
    threshold can only rise), and a claim whose p passes the family's threshold
    becomes reproduced or not reproduced. Other verdicts are kept.

    Parameters
    ----------
    rows : DataFrame
        :func:`check`'s rows for claims of ``paper`` (from several chapters).
    paper : {"lreddpm", "isodf_enn"}

    Returns
    -------
    DataFrame
        ``rows`` with ``p_holm`` and ``verdict`` of the whole family.
    """
    if rows.empty or "p_for" not in rows:
        return rows
    tallied = rows["tally"].astype(str).str.lower() == "true"
    statistical = tallied & ~rows["unit"].fillna("").eq("exact") & rows["p_value"].notna()
    members = rows[statistical]
    adjusted, thresholds = holm(dict(zip(members["key"], members["p_value"])), ALPHA,
                                family_size(paper))
    rows = rows.copy()
    for index, row in members.iterrows():
        threshold = thresholds[row["key"]]
        rows.at[index, "p_holm"] = adjusted[row["key"]]
        if 2 * row["p_for"] < threshold and row["p_for"] <= row["p_against"]:
            rows.at[index, "verdict"] = "reproduced"
        elif 2 * row["p_against"] < threshold:
            rows.at[index, "verdict"] = "not reproduced"
    return rows


__all__ = ["check", "evaluate", "family_size", "paper_scores", "rejoin"]
