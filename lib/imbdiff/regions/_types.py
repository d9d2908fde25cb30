"""Eq. 5 of LReDDPM: a row's type from the share of its own class among its neighbours.

With ``same`` rows of the row's own class among its ``k`` nearest other rows (HVDM),
the same-class fraction ``f = same / k`` gives

* ``"safe"``: ``f >= 4/5`` (5:0 or 4:1 for ``k = 5``);
* ``"border"``: ``2/5 <= f < 4/5`` (3:2 or 2:3);
* ``"rare"``: ``0 < f < 2/5`` (1:4);
* ``"outlier"``: ``f == 0`` (0:5).

Ties at the k-th distance make ``f`` a fraction ``numerator / denominator`` that need
not be a multiple of ``1 / k``; the bands are compared in exact integer arithmetic.
"""

import numpy as np

__all__ = ["REGION_NAMES", "types_from_counts"]

#: The four types, in the order of Eq. 5 (regions 1 to 4 of the LReDDPM paper).
REGION_NAMES = ("safe", "border", "rare", "outlier")

# Lower edges of the same-class fraction for "safe" (4/5) and "border" (2/5),
# as (numerator, denominator) so the comparison is exact integer arithmetic.
_SAFE_FRACTION = (4, 5)
_BORDER_FRACTION = (2, 5)


def types_from_counts(numerator, denominator):
    """Map the same-class fraction ``numerator / denominator`` to the four types."""

    def at_least(fraction):
        top, bottom = fraction
        return bottom * numerator >= top * denominator

    codes = np.full(numerator.shape, 3)  # outlier: no same-class neighbour
    codes[numerator > 0] = 2  # rare
    codes[at_least(_BORDER_FRACTION)] = 1
    codes[at_least(_SAFE_FRACTION)] = 0
    return np.asarray(REGION_NAMES)[codes]
