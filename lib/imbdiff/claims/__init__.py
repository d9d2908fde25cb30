"""The papers' claims, each a declared hypothesis test, checked on their numbers and on ours.

Every claim of LReDDPM (Sections 4-6) and of ISODF-ENN (Sections 3-4) that a table
of scores can decide is declared once as a :class:`Claim`: the paper's sentence
(quoted), our reading of it, the chapter that tests it, and its test, made of
parts (:mod:`._rules`):

* **superiority** ("X beats Y", "improves"; :func:`Superior`): the paired difference
  X - Y, one part per rival, null "difference <= 0", one-sided t test;
* **non-inferiority** ("not surpassed", "at least as good", "best";
  :func:`NotWorse`): the same difference against **each** rival separately (never
  the maximum of the rivals, which noise biases upwards), null "difference <=
  -margin" with a declared margin (:data:`MARGIN` = 1 point of a percent score);
* **on every dataset**: the comparison dataset by dataset (``per_dataset``), each a
  part; one dataset where the claim is shown false makes the claim fail;
* **share** ("best on k of n", "most", best average rank; :class:`Share`): the
  share of cases where it holds, pooled over the splits, against one half for
  "most" (more than half) or against the paper's count less one dataset; compared
  with the share chance alone gives among the methods too (``p_chance``);
* **exact** (:class:`Exact`): a deterministic statement about the data.

**Unit of replication.** A comparison replicates over datasets (a t interval and
test over the datasets' mean differences: the claim is about datasets like
these), or over splits when it names fewer than :data:`MIN_DATASETS` datasets (a
stratified t over each dataset's splits: the claim is about these datasets). A
share replicates over the cases of all splits, with the larger of the binomial and
the between-split standard error.

**Verdict.** Every test part has a one-sided p for the claim and one against it. A
claim holds when every part does (an intersection-union test: the largest p) and is
shown false when any part is (Bonferroni over its parts). The family is every
tallied claim of one paper: Holm's step-down at :data:`ALPHA` = 0.05 over the
claims' two-sided p-values (a chapter that tests only its own claims counts the
others as not rejected, so its verdicts are never stronger than the scorecard's).
*reproduced*: the family test supports the claim; *not reproduced*: it shows the
claim false; *partly*: some parts hold at the claim's level and none is shown false;
*inconclusive*: the data cannot decide; *not run*: the scores are missing.
:func:`combine` is the rule for parts. Design statements and mathematics are
checked but kept out of the tally (``tally=False``).

The same tests run on the paper's own numbers (one run: its datasets replicate a
pooled comparison; elsewhere the point estimate is compared with the boundary and
marked "one run"): ``paper_verdict`` says whether the paper's tables support its
text, a column of its own and never our target.

References
----------
.. [1] G. Yang, Z. Zeng and R. Duan, LReDDPM, Journal of Artificial Intelligence
   Research, 85:27, 2026.
.. [2] ISODF-ENN, Journal of Intelligent & Fuzzy Systems, 2024.
.. [3] S. Holm, "A simple sequentially rejective multiple test procedure",
   Scandinavian Journal of Statistics, 6, pp. 65-70, 1979.
.. [4] R. L. Berger and J. C. Hsu, "Bioequivalence trials, intersection-union tests
   and equivalence confidence sets", Statistical Science, 11, pp. 283-319, 1996.
.. [5] A. Agresti and B. A. Coull, "Approximate is better than 'exact' for interval
   estimation of binomial proportions", The American Statistician, 52, 1998.
.. [6] J. Demšar, "Statistical comparisons of classifiers over multiple data sets",
   Journal of Machine Learning Research, 7, pp. 1-30, 2006.
"""

from ._check import _COLUMNS, check
from ._papers import register_paper
from ._readings import Reading, reading, verdicts_across_readings
from ._record import record, record_readings, recorded, recorded_readings, scorecard, tally
from ._rules import (
    ALPHA,
    MARGIN,
    PAPERS,
    SCORE_COLUMNS,
    VERDICTS,
    All,
    Claim,
    Comparison,
    Exact,
    NotWorse,
    Share,
    Superior,
    share_verdict,
)

__all__ = [
    "Reading",
    "reading",
    "register_paper",
    "verdicts_across_readings",
    "ALPHA",
    "MARGIN",
    "VERDICTS",
    "All",
    "Claim",
    "Comparison",
    "Exact",
    "NotWorse",
    "Share",
    "Superior",
    "check",
    "record",
    "record_readings",
    "recorded",
    "recorded_readings",
    "scorecard",
    "share_verdict",
    "tally",
]
