"""Clustering for ISODF-ENN: ISODATA and the silhouette choice of its ``K``.

* :class:`ISODATA`: k-means that discards, splits and merges clusters (Ball & Hall
  1965, in the step list of Tou & Gonzalez 1974), the clusterer of ISODF-ENN;
* :func:`select_n_clusters`: the ``K`` with the largest mean silhouette coefficient
  (Rousseeuw 1987), as in the paper's Fig. 7.
"""

from ._isodata import ISODATA
from ._silhouette import select_n_clusters
from ._summary import isodata_summary, labelling_stability

__all__ = ["ISODATA", "isodata_summary", "labelling_stability", "select_n_clusters"]
