"""Checking a paper's claims on its numbers and on ours: :func:`check`."""

from __future__ import annotations

import zlib
from numbers import Integral

import numpy as np
import pandas as pd

from .. import paper as _paper
from .. import stats as _stats
from ._isodf_enn import ISODF_ENN_CLAIMS
from ._lreddpm import LREDDPM_CLAIMS
from ._rules import (
    PAPERS,
    SCORE_COLUMNS,
    Both,
    Undecided,
    _bootstrap_mean,
    _combined_verdict,
    _wilcoxon,
    _wins,
    hierarchical_bootstrap,
    interval_verdict,
    paired_verdict,
)

#: Every claim of both papers (LReDDPM's first); :func:`check` takes one paper's.
CLAIMS = LREDDPM_CLAIMS + ISODF_ENN_CLAIMS


def _validate(ours, n_boot, random_state, paper):
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}; got {paper!r}")
    if not isinstance(ours, pd.DataFrame):
        raise ValueError(f"ours must be a pandas DataFrame; got {type(ours).__name__}")
    missing = [c for c in SCORE_COLUMNS if c not in ours.columns]
    if missing:
        raise ValueError(f"ours lacks the columns {missing}; it needs {list(SCORE_COLUMNS)}")
    if "split" in ours.columns:
        splits = ours["split"].dropna()
        if not np.all(np.equal(np.mod(splits.to_numpy(dtype=float), 1), 0)):
            raise ValueError("the split column must hold integers (or NaN for split-free rows)")
    if isinstance(n_boot, bool) or not isinstance(n_boot, Integral) or n_boot < 1:
        raise ValueError(f"n_boot must be a positive integer; got {n_boot!r}")
    if isinstance(random_state, bool) or not isinstance(random_state, Integral) or random_state < 0:
        raise ValueError(f"random_state must be a non-negative integer; got {random_state!r}")


def _splits(ours):
    """One table per split; rows without a split (measures of the data such as IR) join all."""
    if "split" not in ours.columns:
        return {0: ours}
    shared = ours[ours["split"].isna()]
    numbered = ours[ours["split"].notna()]
    labels = sorted(int(s) for s in numbered["split"].unique()) or [0]
    return {
        s: pd.concat([numbered[numbered["split"] == s], shared], ignore_index=True) for s in labels
    }


def _rng(random_state, key, part=0):
    # Seeded by the claim's key: a claim's interval does not depend on which others run.
    return np.random.default_rng([random_state, zlib.crc32(key.encode()), part])


def _fraction(count):
    k, n = count
    return f"{k} of {n}" if n else "n/a"


def _k_distribution(counts):
    if not counts:
        return ""
    totals = {n for _, n in counts}
    labels = [k for k, _ in counts] if len(totals) == 1 else [f"{k}/{n}" for k, n in counts]
    times = pd.Series(labels).value_counts().sort_index()
    body = ", ".join(f"{k}x{n}" for k, n in times.items())
    return f"k: {body} (n = {totals.pop()})" if len(totals) == 1 else f"k/n: {body}"


def _paper_text(claim, paper_count):
    if isinstance(claim.stated, tuple):
        return f"{claim.stated[0]} of {claim.stated[1]} (stated)"
    if claim.stated is not None:
        return f"{claim.stated:.2f} (stated)"
    return _fraction(paper_count) if paper_count[1] else "1.00 (asserted)"


def _no_cells_note(unavailable):
    gone = f"; unavailable: {', '.join(unavailable)}" if unavailable else ""
    return f"no cells for this claim (chapter not run, or its datasets missing{gone})"


def _paper_count(claim, published, datasets):
    """The claim's "k of n" on the paper's own numbers; (0, 0) where it prints none."""
    if claim.stated is not None or not datasets:
        return 0, 0
    try:
        return claim.test(published, datasets)
    except Undecided:
        return 0, 0


def _split_counts(claim, tables, datasets):
    """``(k, n)`` of every split that decides, and the reasons of those that cannot."""
    counts, reasons = [], []
    for table in tables.values():
        try:
            k, n = claim.test(table, datasets) if datasets else (0, 0)
        except Undecided as reason:
            reasons.append(str(reason))
            continue
        if n:
            counts.append((k, n))
    return counts, reasons


def _count_row(claim, tables, published, datasets, n_boot, random_state, unavailable):
    paper_count = _paper_count(claim, published, datasets)
    target = claim.target(paper_count)
    counts, reasons = _split_counts(claim, tables, datasets)
    row = {"paper": _paper_text(claim, paper_count), "splits": len(counts),
           "k_distribution": _k_distribution(counts), "p_value": np.nan, "p_holm": np.nan}
    if not counts:
        return {**row, "ours": "n/a", "paper_met": np.nan, "estimate": np.nan, "ci_low": np.nan,
                "ci_high": np.nan, "verdict": "inconclusive" if reasons else "not run",
                "note": reasons[0] if reasons else _no_cells_note(unavailable)}
    shares = np.array([k / n for k, n in counts])
    estimate, low, high = _bootstrap_mean(shares, n_boot, _rng(random_state, claim.key))
    totals = {n for _, n in counts}
    mean_k = np.mean([k for k, _ in counts])
    ours = f"{mean_k:.3g} of {totals.pop()}" if len(totals) == 1 else f"mean share {estimate:.2f}"
    source = "the paper's share on its numbers" if paper_count[1] else (
        "the share the paper states" if claim.stated is not None else "the text asserts it")
    note = (f"target {target:.2f} ({source}); share {estimate:.2f} [{low:.2f}, {high:.2f}] "
            f"over {len(counts)} split(s)")
    if reasons:
        note += f"; {len(reasons)} split(s) undecided: {reasons[0]}"
    return {**row, "ours": ours, "paper_met": float(np.mean(shares >= target - 1e-12)),
            "estimate": estimate, "ci_low": low, "ci_high": high,
            "verdict": interval_verdict(low, high, target), "note": note}


def _pairwise_parts(claim, ours, published, datasets, n_boot, random_state):
    parts = claim.test.parts if isinstance(claim.test, Both) else (claim.test,)
    results = []
    for number, part in enumerate(parts):
        cells = part.differences(ours, datasets)
        paper_cells = part.differences(published, datasets) if claim.stated is None else cells[:0]
        estimate, low, high = hierarchical_bootstrap(
            cells, n_boot=n_boot, random_state=_rng(random_state, claim.key, number)
        )
        paper_mean = (paper_cells.groupby("dataset")["difference"].mean().mean()
                      if len(paper_cells) else np.nan)
        results.append({
            "part": part, "cells": cells, "estimate": estimate, "ci_low": low, "ci_high": high,
            "p_value": _wilcoxon(cells) if len(cells) else np.nan,
            "paper_mean": paper_mean, "paper_count": _wins(part, paper_cells),
        })
    return results


def _describe_part(part):
    rival = f"best of {' / '.join(part.rivals)}" if len(part.rivals) > 1 else part.rivals[0]
    if part.versus == "each":
        rival = " or ".join(part.rivals)
    difference = f"{rival} - {part.target}" if part.lower else f"{part.target} - {rival}"
    return f"{difference} ({', '.join(part.metrics)})"


def _formatter(unit):
    scale = (lambda v: f"{v:+.2f}") if unit == "points" else (lambda v: f"{v:+.3g}")

    def amount(values):
        shown = " / ".join("n/a" if np.isnan(v) else scale(v) for v in values)
        return shown + (f" {unit}" if unit else "")

    return scale, amount


def _paper_pairwise(claim, parts, amount):
    if claim.stated is not None:
        return _paper_text(claim, (0, 0))
    means = [p["paper_mean"] for p in parts]
    if all(np.isnan(means)):
        return "not printed"
    return f"{amount(means)} ({'; '.join(_fraction(p['paper_count']) for p in parts)})"


def _part_note(part, verdict, scale, unavailable):
    cells, name = part["cells"], _describe_part(part["part"])
    if not len(cells):
        return f"{name}: {_no_cells_note(unavailable)}"
    return (f"{name}: {scale(part['estimate'])} [{scale(part['ci_low'])}, "
            f"{scale(part['ci_high'])}] over {cells['dataset'].nunique()} datasets x "
            f"{cells['split'].nunique()} split(s), Wilcoxon p {part['p_value']:.3g}, "
            f"Holm {part['p_holm']:.3g}: {verdict}")


def _pairwise_row(claim, parts, unavailable):
    scale, amount = _formatter(parts[0]["part"].unit)
    verdicts = [paired_verdict(p["ci_low"], p["ci_high"], p["p_holm"]) for p in parts]
    verdict = verdicts[0] if len(parts) == 1 else _combined_verdict(*verdicts)
    # The row shows the weaker part (lower interval bound): a claim is as strong as it.
    shown = min(parts, key=lambda p: np.nan_to_num(p["ci_low"], nan=-np.inf))
    splits = max(p["cells"]["split"].nunique() for p in parts)
    return {
        "paper": _paper_pairwise(claim, parts, amount),
        "ours": amount([p["estimate"] for p in parts]) if splits else "n/a",
        "splits": int(splits), "k_distribution": "", "paper_met": np.nan,
        "estimate": shown["estimate"], "ci_low": shown["ci_low"], "ci_high": shown["ci_high"],
        "p_value": shown["p_value"], "p_holm": shown["p_holm"], "verdict": verdict,
        "note": "; ".join(_part_note(p, v, scale, unavailable) for p, v in zip(parts, verdicts)),
    }


def _holm_within_chapters(pending):
    """Set ``p_holm`` on every part: Holm over all pairwise parts of one chapter."""
    by_chapter = {}
    for claim, parts in pending:
        by_chapter.setdefault(claim.chapter, []).extend(parts)
    for parts in by_chapter.values():
        adjusted = _stats.holm([p["p_value"] for p in parts])
        for part, value in zip(parts, adjusted):
            part["p_holm"] = value


def paper_scores(paper="lreddpm") -> pd.DataFrame:
    """Every published score of ``paper`` in one long table ``method, dataset, metric, mean``.

    LReDDPM: Tables 3-11 and 13-18. ISODF-ENN: only the IR and R_aug its text quotes
    (Tables 1-2; its score tables are lost), with method ``"data"``.
    """
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}; got {paper!r}")
    lreddpm = (3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18)
    numbers = lreddpm if paper == "lreddpm" else (1, 2)
    frames = [_paper.table(paper, n) for n in numbers]
    table = pd.concat(frames, ignore_index=True)[list(SCORE_COLUMNS)]
    return table.assign(method=table["method"].fillna("data"))


def check(ours: pd.DataFrame, *, paper="lreddpm", chapters=None, unavailable=("parkin",),
          n_boot=2000, random_state=0) -> pd.DataFrame:
    """Check a paper's claims on its numbers and on ``ours``, with intervals over splits.

    Parameters
    ----------
    ours : DataFrame
        Long table ``method, dataset, metric, mean`` with an optional integer
        ``split`` (one row per split; absent: one split). Several grids may be
        concatenated; rows with a NaN split (measures of a dataset such as ``IR`` or
        ``R_aug``) belong to every split. Figure 5's shares (LReDDPM) as metric
        ``share`` with a ``guiding`` column.
    paper : {"lreddpm", "isodf_enn"}, default="lreddpm"
        Whose claims: :data:`LREDDPM_CLAIMS` or :data:`ISODF_ENN_CLAIMS`.
    chapters : list of str, optional
        Only the claims these chapters test (for example ``["lreddpm/06_auc"]``).
        Holm's correction always runs over all pairwise claims of a chapter.
    unavailable : tuple of str, default=("parkin",)
        Datasets we cannot run; the paper's numbers are taken without them too.
    n_boot : int, default=2000
        Bootstrap replicates of every interval.
    random_state : int, default=0
        Seed of the bootstraps; each claim draws from a stream of its own (seeded by
        its key), so its interval does not depend on which other claims run.

    Returns
    -------
    DataFrame
        One row per claim with columns ``key, where, claim, chapter, kind, paper,
        ours, splits, k_distribution, paper_met, estimate, ci_low, ci_high,
        p_value, p_holm, verdict, note``. ``paper`` and ``ours`` are "k of n"
        (count claims; ours the mean k over the splits) or a mean difference in
        points (pairwise claims; the paper's with its "k of n" cells).
        ``estimate`` is our mean share (count) or mean difference (pairwise, the
        weaker part of a two-part claim), ``[ci_low, ci_high]`` its 95% interval,
        ``paper_met`` the share of splits meeting the paper's share.

    Raises
    ------
    ValueError
        If ``paper`` is unknown, ``ours`` lacks a column, its ``split`` is not
        integer, or ``n_boot`` / ``random_state`` are not valid integers.
    """
    _validate(ours, n_boot, random_state, paper)
    claims = LREDDPM_CLAIMS if paper == "lreddpm" else ISODF_ENN_CLAIMS
    published = paper_scores(paper)
    datasets = [d for d in dict.fromkeys(ours["dataset"]) if d not in unavailable]
    ours = ours[ours["dataset"].isin(datasets)]
    tables = _splits(ours)
    pooled = pd.concat([table.assign(split=s) for s, table in tables.items()], ignore_index=True)
    wanted = [c for c in claims if chapters is None or c.chapter in chapters]
    in_family = {c.chapter for c in wanted}
    pending = [
        (c, _pairwise_parts(c, pooled, published, datasets, n_boot, random_state))
        for c in claims if c.kind == "pairwise" and c.chapter in in_family
    ]
    _holm_within_chapters(pending)
    pairwise = {c.key: parts for c, parts in pending}
    rows = []
    for claim in wanted:
        if claim.kind == "count":
            row = _count_row(claim, tables, published, datasets, n_boot, random_state, unavailable)
        else:
            row = _pairwise_row(claim, pairwise[claim.key], unavailable)
        rows.append({"key": claim.key, "where": claim.where, "claim": claim.text,
                     "chapter": claim.chapter, "kind": claim.kind, **row})
    return pd.DataFrame(rows, columns=list(_COLUMNS))


_COLUMNS = ("key", "where", "claim", "chapter", "kind", "paper", "ours", "splits",
            "k_distribution", "paper_met", "estimate", "ci_low", "ci_high", "p_value", "p_holm",
            "verdict", "note")

