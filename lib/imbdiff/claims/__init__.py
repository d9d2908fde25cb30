"""The papers' claims, each checked the same way on their numbers and on ours, with uncertainty.

Every claim of LReDDPM (Sections 4-6) and of ISODF-ENN (Sections 3-4) that a table
of scores can decide is declared once here as a :class:`Claim`: where the paper makes
it, what it says, which chapter tests it, and how. :func:`check` applies the test to
a long table of our scores (``method, dataset, metric, mean`` and an optional
integer ``split``: one row per split, as ``Results.per_split()`` gives it) and,
where the paper prints its numbers, to those too, restricted to the datasets both
have. A claim is one of two kinds:

* **count** ("best on k of N datasets", "holds on most datasets", best average
  rank, one-dataset statements): the test gives ``k_s`` of ``n_s`` on every split
  ``s`` separately. Our share is the mean of ``k_s / n_s`` over the splits, with a
  95% percentile bootstrap interval over the splits; the target is the paper's own
  share on its published numbers (same rule, same datasets), or the share its text
  states where it prints none. The verdict (:func:`interval_verdict`):
  *reproduced* if ``ci_low >= target - 0.15``, *not reproduced* if
  ``ci_high < target / 2``, *partly* if ``target / 2 <= ci_low`` and
  ``ci_high < target - 0.15``, otherwise *inconclusive*. With one split the
  interval is the point and the rule is :func:`share_verdict`.
* **pairwise** ("LReDDPM beats ADASYN", "ISODF-ENN outperforms ENN and ISODF"):
  the paired difference target - rival (the best rival of the cell when there are
  several; rival - target for lower-is-better metrics; a claim stated as "X is
  not better than Y" takes Y as the target, which flips the sign) over every
  dataset x split cell. Its mean, a 95% hierarchical bootstrap interval (datasets
  resampled, then splits within each drawn dataset), a two-sided Wilcoxon
  signed-rank p on the per-dataset mean differences and its Holm correction over
  all pairwise claims of the chapter give the verdict (:func:`paired_verdict`):
  *reproduced* if ``ci_low > 0`` and ``p_holm < 0.05``, *partly* if
  ``ci_low > 0`` only, *not reproduced* if ``ci_high < 0``, otherwise
  *inconclusive*. A two-part claim (:class:`Both`) is reproduced when both parts
  are, not reproduced when both are, partly when at least one part has
  ``ci_low > 0``, otherwise inconclusive.

*not run*: the scores a claim needs are absent (a chapter not run, or data such as
parkin that cannot be had; the ``note`` says so). A claim whose data are present but
leave nothing to decide is *inconclusive*, never *not reproduced*.

Checking the paper's numbers with the same rule shows where its text claims more
than its own tables show (for example LReDDPM's Table 6).

References
----------
.. [1] G. Yang, Z. Zeng and R. Duan, LReDDPM, Journal of Artificial Intelligence
   Research, 85:27, 2026.
.. [2] ISODF-ENN, Journal of Intelligent & Fuzzy Systems, 2024.
.. [3] B. Efron and R. J. Tibshirani, An Introduction to the Bootstrap, Chapman &
   Hall, 1993 (percentile intervals).
.. [4] J. Demšar, "Statistical comparisons of classifiers over multiple data sets",
   Journal of Machine Learning Research, 7, pp. 1-30, 2006 (Wilcoxon over data
   sets, Holm).

Layout: :mod:`._rules` holds the claim types and the verdict rules with their
intervals, :mod:`._counts` the count tests both papers share, :mod:`._lreddpm` and
:mod:`._isodf_enn` the declared claims, :mod:`._check` :func:`check` and
:mod:`._record` what the chapters record.
"""

from ._check import CLAIMS, _COLUMNS, check, paper_scores
from ._counts import GENERATORS, ISODF_METHODS, _best_among
from ._isodf_enn import ISODF_ENN_CLAIMS
from ._lreddpm import LREDDPM_CLAIMS
from ._record import record, recorded, tally
from ._rules import (
    PAPERS,
    SCORE_COLUMNS,
    VERDICTS,
    Both,
    Claim,
    Paired,
    Undecided,
    _combined_verdict,
    hierarchical_bootstrap,
    interval_verdict,
    paired_verdict,
    share_verdict,
)

__all__ = [
    "CLAIMS",
    "GENERATORS",
    "ISODF_ENN_CLAIMS",
    "ISODF_METHODS",
    "LREDDPM_CLAIMS",
    "VERDICTS",
    "Both",
    "Claim",
    "Paired",
    "Undecided",
    "check",
    "hierarchical_bootstrap",
    "record",
    "recorded",
    "interval_verdict",
    "paired_verdict",
    "paper_scores",
    "share_verdict",
    "tally",
]
