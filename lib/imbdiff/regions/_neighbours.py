"""Exact k-nearest-neighbour counts under ties: the search behind region typing.

Why not a plain :class:`~sklearn.neighbors.NearestNeighbors`? A row's type is read
from the classes of its ``k`` nearest other rows, and on real tables the k-th
distance is often tied: duplicated rows, nominal columns with few values and
integer-valued columns make many rows exactly equidistant. ``NearestNeighbors``
breaks such ties arbitrarily (by index), so the type of a row would depend on the
order of the rows, and its brute-force distances come from the expansion
``|a|^2 + |b|^2 - 2ab``, whose rounding can make equal distances unequal and order
nearly equal ones wrongly. Here the rows tied at the k-th distance share the slots
left by the strictly closer rows (fractionally), so the answer is a property of the
data, not of its order. ``NearestNeighbors`` still does the heavy lifting: it
proposes candidates over the distinct rows (duplicates are counted, not searched
again), its order is trusted wherever the gaps around the k-th row exceed a proven
rounding bound, and only the remaining rows are re-ranked on exact distances.
"""

import numpy as np
import pandas as pd
from sklearn.neighbors import NearestNeighbors

__all__ = ["TIE_RTOL", "neighbour_same_class_counts", "query_same_class_counts"]

#: Relative tolerance on squared HVDM distances under which two distances tie.
#: It absorbs rounding (the standard deviations, sums over attributes taken in
#: another order) so that mathematically equal distances always tie, while
#: distances that differ in real data are never this close.
TIE_RTOL = 1e-10

# Work arrays of the re-ranking are kept to about this many float64 elements.
_CHUNK_ELEMENTS = 1 << 22


def neighbour_same_class_counts(embedding, class_codes, n_classes, k):
    """Same-class share of the k nearest other rows, ties shared fractionally.

    Returns integer arrays ``(numerator, denominator)`` with
    ``fraction = numerator / denominator``.

    Exact duplicates are searched once: the distinct rows ("points") carry
    their multiplicity and class counts. A row's own duplicates are its
    neighbours at distance 0: closer than the k-th row, or tied with it when
    the k-th distance is 0 too. If they fill the k slots, they are the whole
    neighbourhood (with any other point at distance 0, which rounding can
    produce).
    """
    points, point_of_row, weight, class_counts = _distinct_points(
        embedding, class_codes, n_classes
    )
    # Slots left once a row's own duplicates (at distance 0) are counted.
    need = k - (weight - 1)
    own_full = need <= 0
    # A point whose duplicates fill every slot still looks for its nearest
    # other point, to learn whether that one is at distance 0 too.
    hood = _search_points(points, weight, class_counts, np.maximum(need, 1), own_full, k)
    own_others = weight[point_of_row] - 1
    own_same = class_counts[point_of_row, class_codes] - 1
    own_tied = hood.kth_zero[point_of_row]
    n_closer = hood.closer_weight[point_of_row] + np.where(own_tied, 0, own_others)
    same_closer = hood.closer_counts[point_of_row, class_codes] + np.where(own_tied, 0, own_same)
    n_tied = hood.tied_weight[point_of_row] + np.where(own_tied, own_others, 0)
    same_tied = hood.tied_counts[point_of_row, class_codes] + np.where(own_tied, own_same, 0)
    # same = s_closer + (k - c) * s_tied / t, kept as the fraction num / (k t).
    numerator = same_closer * n_tied + (k - n_closer) * same_tied
    denominator = k * n_tied
    # Own duplicates fill every slot, alone at distance 0: shared equally.
    only_own = own_full[point_of_row] & ~own_tied
    numerator[only_own] = own_same[only_own]
    denominator[only_own] = own_others[only_own]
    return numerator, denominator


def query_same_class_counts(queries, query_codes, embedding, class_codes, n_classes, k):
    """Same-class share of the k nearest reference rows of each query row.

    As :func:`neighbour_same_class_counts`, but the queries are not reference
    rows: every reference row (duplicates included) is a candidate neighbour
    and no query has duplicates of its own to count. Returns integer arrays
    ``(numerator, denominator)``.
    """
    points, _, weight, class_counts = _distinct_points(embedding, class_codes, n_classes)
    n_queries = queries.shape[0]
    need = np.full(n_queries, k)
    hood = _search_points(
        points, weight, class_counts, need, np.zeros(n_queries, dtype=bool), k, queries
    )
    at = np.arange(n_queries)
    same_closer = hood.closer_counts[at, query_codes]
    same_tied = hood.tied_counts[at, query_codes]
    # same = s_closer + (k - c) * s_tied / t, kept as the fraction num / (k t).
    numerator = same_closer * hood.tied_weight + (k - hood.closer_weight) * same_tied
    return numerator, k * hood.tied_weight


def _distinct_points(embedding, class_codes, n_classes):
    """Distinct rows of the embedding, their multiplicities and class counts.

    Returns ``(points, point_of_row, weight, class_counts)``. Rows are grouped
    by a fingerprint (a fixed projection) and every grouping is verified, so
    distinct rows are never merged. Equal rows left apart (should rounding
    ever give them different fingerprints) stay correct, only slower: the
    search handles distinct points at distance 0.
    """
    fingerprint = embedding @ _fingerprint_weights(embedding.shape[1])
    point_of_row = _split_collisions(embedding, pd.factorize(fingerprint)[0])
    _, first_row = np.unique(point_of_row, return_index=True)
    n_points = first_row.size
    weight = np.bincount(point_of_row, minlength=n_points)
    class_counts = np.bincount(
        point_of_row * n_classes + class_codes, minlength=n_points * n_classes
    ).reshape(n_points, n_classes)
    all_distinct = n_points == embedding.shape[0] and (first_row == np.arange(n_points)).all()
    points = embedding if all_distinct else embedding[first_row]
    return points, point_of_row, weight, class_counts


def _fingerprint_weights(n_dims):
    """Fixed, generic projection weights (the same on every call)."""
    return np.random.default_rng(20260327).standard_normal(n_dims)


def _split_collisions(embedding, group):
    """Give every row that differs from the first row of its group a group of its own."""
    _, first_row = np.unique(group, return_index=True)
    shared = np.flatnonzero(np.bincount(group)[group] > 1)
    if shared.size == 0:
        return group
    differs = (embedding[shared] != embedding[first_row[group[shared]]]).any(axis=1)
    if not differs.any():
        return group
    group = group.copy()
    group[shared[differs]] = first_row.size + np.arange(np.count_nonzero(differs))
    return group


class _Neighbourhoods:
    """Per point, the other points strictly closer than the k-th row and those
    tied at the k-th distance (total multiplicity and class counts), and
    whether that distance is 0 (then the point's own duplicates tie too)."""

    def __init__(self, n_points, n_classes):
        self.closer_weight = np.zeros(n_points, dtype=np.int64)
        self.closer_counts = np.zeros((n_points, n_classes), dtype=np.int64)
        self.tied_weight = np.zeros(n_points, dtype=np.int64)
        self.tied_counts = np.zeros((n_points, n_classes), dtype=np.int64)
        self.kth_zero = np.zeros(n_points, dtype=bool)

    def store(self, points, settled, *found):
        """Record the neighbourhoods of ``points[settled]``."""
        closer_weight, closer_counts, tied_weight, tied_counts, kth_zero = found
        where = points[settled]
        self.closer_weight[where] = closer_weight[settled]
        self.closer_counts[where] = closer_counts[settled]
        self.tied_weight[where] = tied_weight[settled]
        self.tied_counts[where] = tied_counts[settled]
        self.kth_zero[where] = kth_zero[settled]


def _search_points(points, weight, class_counts, need, own_full, k, queries=None):
    """Neighbourhoods of the points: the other points' rows that fill ``need`` slots.

    ``own_full`` marks points whose own duplicates already fill the k slots;
    for them (``need = 1``) only "is the nearest other point at distance 0?"
    matters.

    With ``queries`` (rows of the same embedding that are not among the
    points), the neighbourhoods are those of the queries among all the points
    instead: nothing is excluded as "self", and ``need`` and ``own_full`` are
    per query.

    scikit-learn proposes ``k + 2`` candidates per point (the point itself may
    be among them; the one after the k-th row shows whether it is tied). Its
    distances are rounded (its brute-force search uses the
    ``|a|^2 + |b|^2 - 2ab`` expansion) and it orders ties arbitrarily, so its
    ranking is trusted only where the gaps around the k-th row exceed the
    rounding bound (:func:`_settle_by_gaps`). The other points are re-ranked on
    exact distances (:func:`_settle_exactly`) and settled once every point not
    fetched is provably beyond their k-th distance tie group; the rest are
    fetched again with twice as many candidates, up to all points.
    """
    n_points, n_classes = class_counts.shape
    is_self = queries is None
    queries = points if is_self else queries
    hood = _Neighbourhoods(queries.shape[0], n_classes)
    pending = np.arange(queries.shape[0])
    if is_self and n_points == 1:
        return hood
    # The point itself is among its own candidates; one more shows a tie.
    n_fetch = min(n_points, k + 2 if is_self else k + 1)
    index = NearestNeighbors(n_neighbors=n_fetch).fit(points)
    error_sq = _expansion_error_bound(points)
    if not is_self:
        error_sq = max(error_sq, _expansion_error_bound(queries))
    while pending.size:
        fetched_all = n_fetch == n_points
        still_pending = []
        for chunk in _chunks(pending, max(1, _CHUNK_ELEMENTS // (n_fetch * n_classes))):
            query = queries if chunk.size == queries.shape[0] else queries[chunk]
            approx_dist, candidates = index.kneighbors(query, n_neighbors=n_fetch)
            # Points never fetched are at least as far as the last one fetched.
            beyond_sq = np.full(chunk.size, np.inf) if fetched_all else approx_dist[:, -1] ** 2
            if is_self:
                others_sq, others = _drop_self(chunk, approx_dist**2, candidates)
            else:
                others_sq, others = approx_dist**2, candidates
            args = (weight[others], class_counts[others], need[chunk], own_full[chunk])
            settled, *found = _settle_by_gaps(others_sq, *args, beyond_sq, error_sq)
            hood.store(chunk, settled, *found)
            rest = np.flatnonzero(~settled)
            if rest.size:
                args = (weight[others[rest]], class_counts[others[rest]], need[chunk[rest]])
                exact_sq = _exact_sq_distances(points, queries[chunk[rest]], others[rest])
                settled_exactly, *found = _settle_exactly(
                    exact_sq, *args, beyond_sq[rest], error_sq
                )
                hood.store(chunk[rest], settled_exactly, *found)
                if fetched_all and not settled_exactly.all():
                    raise RuntimeError("region typing: a neighbourhood could not be settled.")
                still_pending.append(chunk[rest[~settled_exactly]])
        pending = np.concatenate(still_pending) if still_pending else np.empty(0, dtype=np.intp)
        n_fetch = min(n_points, 2 * n_fetch)
    return hood


def _drop_self(points, approx_sq, candidates):
    """Remove each point from its own candidate list (by index)."""
    is_self = candidates == points[:, None]
    # Among many points at nearly 0 distance the point itself may be missing:
    # drop the farthest candidate instead, keeping rows equally long.
    is_self[~is_self.any(axis=1), -1] = True
    shape = (points.size, candidates.shape[1] - 1)
    return approx_sq[~is_self].reshape(shape), candidates[~is_self].reshape(shape)


def _kth_row_column(weights, need):
    """Column of the candidate holding the ``need``-th row, and whether it exists."""
    cumulative = np.cumsum(weights, axis=1)
    reached = cumulative[:, -1] >= need
    return np.argmax(cumulative >= need[:, None], axis=1), cumulative, reached


def _settle_by_gaps(approx_sq, weights, counts, need, own_full, beyond_sq, error_sq):
    """Neighbourhoods read off scikit-learn's order where its gaps are safe.

    Exact squared distances are within ``error_sq`` of scikit-learn's. The
    order is safe when the candidate after the one holding the k-th row is
    provably farther (not tied), and either the candidate before it is
    provably closer and the k-th distance provably positive (the tie group is
    that one point) or that point's rows fill the slots exactly (then the
    tie group lies inside the k rows and ``same = s_closer + s_tied`` needs no
    split). For ``own_full`` points it suffices that the nearest other point is
    provably at a positive distance.
    """
    n_query = approx_sq.shape[0]
    kth, cumulative, reached = _kth_row_column(weights, need)
    padded_sq = np.hstack([approx_sq, beyond_sq[:, None]])
    at = np.arange(n_query)
    kth_sq = padded_sq[at, kth]
    next_apart = padded_sq[at, kth + 1] - error_sq > (kth_sq + error_sq) * (1 + TIE_RTOL)
    previous_sq = padded_sq[at, np.maximum(kth - 1, 0)]
    previous_closer = (kth == 0) | (previous_sq + error_sq < (kth_sq - error_sq) * (1 - TIE_RTOL))
    # At a k-th distance that may be 0 the own duplicates would tie as well.
    alone = previous_closer & (kth_sq > error_sq)
    filled = cumulative[at, kth] == need
    settled = reached & np.where(own_full, alone, next_apart & (alone | filled))

    prefix_counts = np.cumsum(counts, axis=1)
    kth_weight, kth_counts = weights[at, kth], counts[at, kth]
    # alone: closer = candidates before kth, tied = kth. Otherwise (filled):
    # closer = candidates up to kth and no slot left (tied weight 1, count 0).
    closer_weight = cumulative[at, kth] - np.where(alone, kth_weight, 0)
    closer_counts = prefix_counts[at, kth] - np.where(alone[:, None], kth_counts, 0)
    tied_weight = np.where(alone, kth_weight, 1)
    tied_counts = np.where(alone[:, None], kth_counts, 0)
    kth_zero = np.zeros(n_query, dtype=bool)  # never split at 0 here
    return settled, closer_weight, closer_counts, tied_weight, tied_counts, kth_zero


def _settle_exactly(exact_sq, weights, counts, need, beyond_sq, error_sq):
    """Neighbourhoods from exact distances to the fetched candidates.

    Settled where every point not fetched (approximately at least
    ``beyond_sq`` away) is provably beyond the k-th distance tie group.
    """
    n_query = exact_sq.shape[0]
    order = np.argsort(exact_sq, axis=1, kind="stable")
    kth, _, reached = _kth_row_column(np.take_along_axis(weights, order, axis=1), need)
    kth_sq = np.take_along_axis(exact_sq, order, axis=1)[np.arange(n_query), kth]
    closer = exact_sq < kth_sq[:, None] * (1 - TIE_RTOL)
    tied = ~closer & (exact_sq <= kth_sq[:, None] * (1 + TIE_RTOL))
    settled = reached & (beyond_sq - error_sq > kth_sq * (1 + TIE_RTOL))
    return (
        settled,
        (weights * closer).sum(axis=1),
        np.einsum("qm,qmc->qc", closer.astype(np.int64), counts),
        (weights * tied).sum(axis=1),
        np.einsum("qm,qmc->qc", tied.astype(np.int64), counts),
        kth_sq == 0,
    )


def _exact_sq_distances(points, rows, candidates):
    """Squared distances from each row (an embedded row) to its candidates (indices
    into ``points``), as sums of squares."""
    out = np.empty(candidates.shape)
    per_row = candidates.shape[1] * points.shape[1]
    for part in _chunks(np.arange(rows.shape[0]), max(1, _CHUNK_ELEMENTS // per_row)):
        diff = points[candidates[part]] - rows[part][:, None, :]
        out[part] = np.einsum("ijk,ijk->ij", diff, diff)
    return out


def _expansion_error_bound(embedding):
    """Bound on the rounding error of a squared distance found by the expansion.

    For ``|a|^2 + |b|^2 - 2ab`` in float64 the error is at most about
    ``d * eps * (|a| + |b|)^2`` (Higham's bound for inner products); twice that
    leaves room for the final square roots and squares.
    """
    n_dims = embedding.shape[1]
    max_norm_sq = np.max(np.einsum("ij,ij->i", embedding, embedding), initial=0.0)
    return 2 * (n_dims + 4) * np.finfo(np.float64).eps * 4 * max_norm_sq


def _chunks(indices, size):
    """Split ``indices`` into consecutive pieces of at most ``size``."""
    return [indices[start:start + size] for start in range(0, indices.size, size)]
