"""Types of examples by their neighbourhood: safe, border, rare and outlier.

Every row is typed by the classes of its ``k`` nearest other rows under the
Heterogeneous Value Difference Metric (HVDM), following Napierala & Stefanowski
(2016) and Eq. 5 of the LReDDPM paper. The pieces:

* :mod:`._types`: Eq. 5, the type from the same-class fraction;
* :mod:`._hvdm`: the embedding in which Euclidean distance is HVDM
  (:func:`hvdm_embedding`);
* :mod:`._neighbours`: the exact, tie-sharing neighbour counts;
* :mod:`._table`: validation of the table and labels;
* :mod:`._regions`: the public functions.
"""

from ._hvdm import hvdm_embedding
from ._neighbours import TIE_RTOL
from ._regions import region_counts, region_types, region_types_of, same_class_fraction
from ._types import REGION_NAMES, nearest_present_region

__all__ = [
    "REGION_NAMES",
    "TIE_RTOL",
    "hvdm_embedding",
    "nearest_present_region",
    "region_counts",
    "region_types",
    "region_types_of",
    "same_class_fraction",
]
