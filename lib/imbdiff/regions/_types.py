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

__all__ = ["REGION_NAMES", "nearest_present_region", "types_from_counts"]

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


def nearest_present_region(types, region):
    """``region`` if some row is of that type, else the nearest type that is present.

    "Nearest" follows the order of Eq. 5 (safe, border, rare, outlier), looking
    outwards first: a class without safe rows is guided by its border rows.

    Parameters
    ----------
    types : array-like of str
        The types of one class's rows (:func:`region_types`).
    region : str
        One of :data:`REGION_NAMES`.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``types`` is empty or ``region`` is not a region name.
    """
    if region not in REGION_NAMES:
        raise ValueError(f"unknown region {region!r}; choose one of {list(REGION_NAMES)}")
    present = set(np.asarray(types).tolist())
    if not present:
        raise ValueError("no rows to choose a region from")
    start = REGION_NAMES.index(region)
    by_distance = sorted(range(len(REGION_NAMES)), key=lambda i: (abs(i - start), i < start))
    return next(REGION_NAMES[i] for i in by_distance if REGION_NAMES[i] in present)
