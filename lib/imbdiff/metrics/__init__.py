"""Evaluation metrics of the LReDDPM and ISODF-ENN papers.

Three families, each in one obvious place:

* **Classification** (the minority class is the positive class, label 1):
  :func:`auc`, :func:`f1`, :func:`f_value`, :func:`precision`, :func:`recall`,
  :func:`accuracy` call scikit-learn, and :func:`g_mean` computes
  both G-means: LReDDPM's ``sqrt(precision * recall)`` (``kind="paper"``) and the
  usual ``sqrt(TPR * TNR)`` (``kind="tpr_tnr"``).
* **Distribution distances** between generated rows and real rows (LReDDPM
  Section 4.2, Tables 2 and 16-18): :func:`js_distance`, :func:`wasserstein`,
  :func:`mmd`.
* **Data difficulty** (ISODF-ENN Tables 1-2): :func:`imbalance_ratio` and
  :func:`overlap_ratio` (``R_pos``, ``R_neg``, ``R_aug``).

Labels follow the package's convention: ``y == 1`` is the minority (positive)
class, ``y == 0`` the majority (negative) class. Classification scores and
overlap ratios are plain ``float`` values on the 0-1 scale (the papers print
percentages: multiply by 100).

References
----------
.. [1] G. Yang, Z. Zeng and R. Duan, "LReDDPM: region-guided denoising
   diffusion for imbalanced tabular data", Journal of Artificial Intelligence
   Research, 85:27, 2026.
.. [2] "ISODF-ENN: a mixed sampling method based on ISODATA, denoising diffusion
   and edited nearest neighbours", Journal of Intelligent & Fuzzy Systems, 2024.
.. [3] J. Lin, "Divergence measures based on the Shannon entropy", IEEE
   Transactions on Information Theory, 37(1), pp. 145-151, 1991.
.. [4] A. Gretton, K. M. Borgwardt, M. J. Rasch, B. Schölkopf and A. Smola,
   "A kernel two-sample test", Journal of Machine Learning Research, 13,
   pp. 723-773, 2012.
.. [5] Z. Qian, B.-C. Cebere and M. van der Schaar, "Synthcity: facilitating
   innovative use cases of synthetic data in different data modalities",
   arXiv:2301.07573, 2023.
.. [6] S. Oh, "A new dataset evaluation method based on category overlap",
   Computers in Biology and Medicine, 41(2), pp. 115-122, 2011.
.. [7] L. Borsos, C. Lemnaru and R. Potolea, "Dealing with overlap and
   imbalance: a new metric and approach", Pattern Analysis and Applications,
   21, pp. 381-395, 2018.
"""

from ._classification import accuracy, auc, f1, f_value, g_mean, precision, recall
from ._difficulty import OverlapRatio, imbalance_ratio, overlap_ratio
from ._distances import js_distance, mmd, wasserstein

__all__ = [
    "accuracy",
    "auc",
    "f1",
    "f_value",
    "g_mean",
    "precision",
    "recall",
    "js_distance",
    "wasserstein",
    "mmd",
    "OverlapRatio",
    "overlap_ratio",
    "imbalance_ratio",
]
