"""Tests of ISODF-ENN (over_sampling._isodf, combine._isodf_enn): contract, behaviour, errors.

Models are tiny (a few diffusion and optimiser steps, narrow networks); behaviour
checks use fixed seeds and data separated widely enough that they hold for any
reasonable run.
"""

import numpy as np
import pandas as pd
import pytest
from imblearn.under_sampling import EditedNearestNeighbours
from sklearn.datasets import make_classification
from sklearn.utils._param_validation import InvalidParameterError

import imbdiff
from imbdiff.combine import ISODFENNSampler
from imbdiff.over_sampling import ISODFSampler
from imbdiff.over_sampling import _isodf
from imbdiff.combine._isodf_enn import enn_space
from imbdiff.over_sampling._isodf import absorb_small_clusters, proportional_counts
from imbdiff.regions import hvdm_embedding

from estimator_checks import check_suites

TINY = dict(timesteps=10, train_steps=10, hidden_dims=(8,), batch_size=16, random_state=0)
SMALL = dict(timesteps=40, train_steps=150, hidden_dims=(32,), batch_size=64, random_state=0)



# ----------------------------------------------------------------------------- checks
def check_instances():
    # Exactly two sub-clusters per class (ISODATA neither splits nor merges), so the
    # checks' 1000-row sets train few networks; the silhouette choice, splitting and
    # the sub-cluster shares are tested below.
    two = dict(n_clusters=2, max_std=np.inf, min_center_distance=0.0)
    return [ISODFENNSampler(**two, **TINY), ISODFSampler(**two, **TINY)]



test_imblearn_estimator_checks, test_sklearn_estimator_checks = check_suites(check_instances())


# ----------------------------------------------------------------------------- data
BLOB_CENTRES = np.array([[6.0, 0.0], [0.0, 6.0], [6.0, 6.0]])
BLOB_SIZES = (40, 25, 15)


def three_blobs(seed=0):
    """A majority cloud at the origin and three tight minority blobs far from it."""
    rng = np.random.default_rng(seed)
    majority = rng.normal(-3.0, 1.0, size=(200, 2))
    blobs = [rng.normal(c, 0.3, size=(n, 2)) for c, n in zip(BLOB_CENTRES, BLOB_SIZES)]
    X = np.vstack([majority, *blobs])
    y = np.r_[np.zeros(200, dtype=int), np.ones(sum(BLOB_SIZES), dtype=int)]
    blob = np.r_[np.full(200, -1), np.repeat(np.arange(3), BLOB_SIZES)]
    return X, y, blob


def overlapping(seed=0):
    """Majority and minority overlapping, so that ENN has rows to remove."""
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(0.0, 1.0, size=(150, 2)), rng.normal(1.0, 0.7, size=(40, 2))])
    y = np.r_[np.zeros(150, dtype=int), np.ones(40, dtype=int)]
    return X, y


@pytest.fixture(scope="module")
def balanced():
    """ISODF's output on ``overlapping()`` with TINY: what ISODF-ENN's ENN step edits."""
    X, y = overlapping()
    return ISODFSampler(**TINY).fit_resample(X, y)


# ----------------------------------------------------------------------------- counts
def test_proportional_counts_hand_worked():
    # 7 rows over sizes 5, 3, 2: quotas 3.5, 2.1, 1.4 -> floors 3, 2, 1 (6 rows); the
    # 7th goes to the largest remainder, .5 (the first group).
    assert proportional_counts([5, 3, 2], 7).tolist() == [4, 2, 1]
    # Exact quotas need no rounding.
    assert proportional_counts([4, 4, 2], 5).tolist() == [2, 2, 1]
    # Equal remainders: the larger group first, then the lower index.
    assert proportional_counts([2, 1, 1], 2).tolist() == [1, 1, 0]
    assert proportional_counts([1, 1, 1], 2).tolist() == [1, 1, 0]
    assert proportional_counts([3, 9], 0).tolist() == [0, 0]
    for sizes, total in [([7, 1, 1, 3], 100), ([1], 9), ([5, 5, 5, 5, 5, 5, 5], 3)]:
        counts = proportional_counts(sizes, total)
        assert counts.sum() == total
        quotas = total * np.asarray(sizes) / np.sum(sizes)
        assert np.all((counts == np.floor(quotas)) | (counts == np.ceil(quotas)))
    with pytest.raises(ValueError, match="positive sum"):
        proportional_counts([0, 0], 3)


def test_cluster_counts_are_proportional_and_sum_to_the_deficit():
    X, y, _ = three_blobs()
    sampler = ISODFSampler(**TINY)
    X_res, y_res = sampler.fit_resample(X, y)
    deficit = 200 - sum(BLOB_SIZES)
    sizes = np.bincount(sampler.labels_[1])
    assert sampler.sampling_strategy_ == {1: deficit}
    np.testing.assert_array_equal(sampler.cluster_counts_[1], proportional_counts(sizes, deficit))
    assert sampler.cluster_counts_[1].sum() == deficit
    np.testing.assert_array_equal(np.bincount(sampler.generated_labels_[1]), sampler.cluster_counts_[1])
    assert np.bincount(y_res).tolist() == [200, 200]  # balanced (ISODF has no ENN)
    np.testing.assert_array_equal(X_res[: len(y)], X)


def test_classes_balanced_before_enn_and_enn_removes_only_majority_rows(balanced):
    X, y = overlapping()
    sampler = ISODFENNSampler(**TINY)
    X_res, y_res = sampler.fit_resample(X, y)
    removed = sampler.removed_indices_
    assert len(removed) > 0 and np.all(y[removed] == 0)  # ENN edits the majority only
    kept = np.setdiff1d(np.arange(len(y)), removed)
    # Before ENN the minority was brought to the majority's 150 rows: all stay.
    assert np.count_nonzero(y_res == 1) == 150
    assert np.count_nonzero(y_res == 0) == 150 - len(removed)
    np.testing.assert_array_equal(X_res[: len(kept)], X[kept])  # kept rows, in input order
    # The generated rows are exactly ISODF's: ENN removed none of them.
    np.testing.assert_array_equal(X_res[len(kept):], balanced[0][len(y):])


@pytest.mark.parametrize("kind_sel", ["mode", "all"])
@pytest.mark.parametrize("metric", ["euclidean", "hvdm"])
def test_enn_step_removes_what_imblearn_enn_removes(kind_sel, metric, balanced):
    X, y = overlapping()
    sampler = ISODFENNSampler(enn_kind_sel=kind_sel, enn_metric=metric, **TINY)
    sampler.fit_resample(X, y)
    X_bal, y_bal = balanced  # the same balanced rows ISODF-ENN's ENN step saw
    space = X_bal if metric == "euclidean" else hvdm_embedding(X_bal, y_bal, categorical_features=None)
    enn = EditedNearestNeighbours(sampling_strategy=[0], n_neighbors=3, kind_sel=kind_sel)
    enn.fit_resample(space, y_bal)
    expected = np.setdiff1d(np.arange(len(y_bal)), enn.sample_indices_)
    np.testing.assert_array_equal(sampler.removed_indices_, expected)
    # imbalanced-learn's SMOTEENN default (ENN on every class) would also remove
    # minority rows here: the restriction to the majority matters.
    everywhere = EditedNearestNeighbours(sampling_strategy="all", kind_sel=kind_sel)
    everywhere.fit_resample(space, y_bal)
    assert np.any(y_bal[np.setdiff1d(np.arange(len(y_bal)), everywhere.sample_indices_)] == 1)


def test_silhouette_choice_is_the_k_ISODATA_runs_with(monkeypatch):
    X, y, _ = three_blobs()
    calls = []
    real = _isodf.select_n_clusters

    def spy(Z, candidates, **kwargs):
        calls.append(list(candidates))
        return real(Z, candidates, **kwargs)

    monkeypatch.setattr(_isodf, "select_n_clusters", spy)
    sampler = ISODFSampler(**TINY)
    sampler.fit_resample(X, y)
    assert calls == [list(range(2, 11))]
    scores = sampler.silhouette_scores_[1]
    best = scores["silhouette"].max()
    chosen = sampler.clusterer_[1].n_clusters
    assert np.isclose(scores.loc[chosen, "silhouette"], best)
    assert sampler.n_clusters_[1] == 3  # the three blobs
    calls.clear()
    fixed = ISODFSampler(n_clusters=2, **TINY)
    fixed.fit_resample(X, y)
    assert calls == [] and fixed.silhouette_scores_[1] is None and fixed.clusterer_[1].n_clusters == 2


def test_generated_rows_land_near_their_own_sub_cluster():
    X, y, blob = three_blobs()
    sampler = ISODFSampler(**SMALL)
    X_res, _ = sampler.fit_resample(X, y)
    labels = sampler.labels_[1]
    assert sampler.n_clusters_[1] == 3
    # Each sub-cluster is one blob (the map is read off the training rows).
    blob_of = {j: int(np.bincount(blob[y == 1][labels == j]).argmax()) for j in range(3)}
    assert sorted(blob_of.values()) == [0, 1, 2]
    np.testing.assert_array_equal(blob[y == 1], [blob_of[j] for j in labels])
    new = X_res[len(y):]
    nearest_blob = np.linalg.norm(new[:, None, :] - BLOB_CENTRES[None], axis=2).argmin(axis=1)
    expected_blob = np.array([blob_of[j] for j in sampler.generated_labels_[1]])
    np.testing.assert_array_equal(nearest_blob, expected_blob)
    # Shares follow the blob sizes 40 : 25 : 15 of the 120 missing rows.
    shares = np.bincount(nearest_blob, minlength=3)
    np.testing.assert_array_equal(shares, proportional_counts(BLOB_SIZES, 120))
    assert np.all(np.linalg.norm(new - BLOB_CENTRES[nearest_blob], axis=1) < 1.5)


def test_absorb_small_clusters_rule():
    Z = np.array([[0.0], [0.1], [0.2], [4.0], [9.0], [9.1]])
    labels = np.array([0, 0, 0, 1, 2, 2])
    # Cluster 1 (one row at 4.0) goes to the nearest other centre (0.1, not 9.05);
    # cluster 2 becomes 1.
    np.testing.assert_array_equal(absorb_small_clusters(Z, labels, 2), [0, 0, 0, 0, 1, 1])
    Z[3] = 5.0  # now nearer 9.05 than 0.1
    np.testing.assert_array_equal(absorb_small_clusters(Z, labels, 2), [0, 0, 0, 1, 1, 1])
    np.testing.assert_array_equal(absorb_small_clusters(Z, labels, 1), labels)
    np.testing.assert_array_equal(absorb_small_clusters(Z, labels, 4), np.zeros(6, dtype=int))


def test_same_seed_same_rows_other_seed_other_rows():
    X, y = overlapping()
    first = ISODFENNSampler(**TINY).fit_resample(X, y)[0]
    second = ISODFENNSampler(**TINY).fit_resample(X, y)[0]
    np.testing.assert_array_equal(first, second)
    other = ISODFENNSampler(**{**TINY, "random_state": 1}).fit_resample(X, y)[0]
    assert not np.array_equal(first[-50:], other[-50:])


def test_pandas_with_nominal_columns_round_trips():
    rng = np.random.default_rng(0)
    n = 160
    y = (np.arange(n) % 4 == 0).astype(int)
    X = pd.DataFrame(
        {
            "size": pd.Categorical(rng.choice(list("ARSX"), n), categories=list("ARSXKH")),
            "activity": rng.choice(["1", "2"], n).astype(object),
            "amount": rng.normal(10.0, 2.0, n) + 3.0 * y,
            "count": rng.integers(0, 9, n).astype(np.int64),
        }
    )
    for metric in ("hvdm", "euclidean"):
        X_res, y_res = ISODFENNSampler(enn_metric=metric, **TINY).fit_resample(X, pd.Series(y, name="t"))
        assert isinstance(X_res, pd.DataFrame) and isinstance(y_res, pd.Series) and y_res.name == "t"
        assert X_res.dtypes.to_dict() == X.dtypes.to_dict()
        assert list(X_res["size"].cat.categories) == list("ARSXKH")
        new = X_res[len(X_res) - 80:]
        assert set(new["activity"]) <= {"1", "2"} and set(new["size"]) <= set("ARSX")
        assert int((y_res == 1).sum()) == 120


def test_enn_space_euclidean_is_raw_numbers_and_one_hot():
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "c": pd.Categorical(["x", "y", "x"])})
    space = enn_space(frame, ["c"], np.array([0, 1, 0]), "euclidean")
    np.testing.assert_array_equal(space, [[1, 1, 0], [2, 0, 1], [3, 1, 0]])


def test_multiclass_each_oversampled_class_gets_its_clustering_and_enn_edits_the_largest():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(c * 2.0, 1.0, size=(n, 2)) for c, n in enumerate([120, 50, 30])])
    y = np.repeat([0, 1, 2], [120, 50, 30])
    sampler = ISODFENNSampler(**TINY)
    _, y_res = sampler.fit_resample(X, y)
    assert set(sampler.n_clusters_) == {1, 2}
    assert np.bincount(y_res)[1:].tolist() == [120, 120]
    assert np.all(y[sampler.removed_indices_] == 0)
    assert np.bincount(y_res)[0] == 120 - len(sampler.removed_indices_)


def test_fit_alone_counts_without_training():
    X, y = overlapping()
    sampler = ISODFENNSampler(**TINY).fit(X, y)
    assert sampler.sampling_strategy_ == {1: 110}
    assert not hasattr(sampler, "denoiser_") and not hasattr(sampler, "removed_indices_")


def test_exported_at_the_top_level():
    assert imbdiff.ISODFENNSampler is ISODFENNSampler
    assert "ISODFENNSampler" in imbdiff.__all__


def test_dropout_is_in_the_denoisers():
    X, y = overlapping()
    sampler = ISODFSampler(n_clusters=1, **TINY)
    sampler.fit_resample(X, y)
    (denoiser,) = sampler.denoiser_[1]
    assert denoiser.dropout == 0.5 and denoiser.hidden_dims == (8,)


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize("as_frame", [False, True])
def test_nan_is_rejected(as_frame):
    X, y = overlapping()
    X[3, 1] = np.nan
    if as_frame:
        X = pd.DataFrame(X, columns=["a", "b"])
    with pytest.raises(ValueError, match="NaN"):
        ISODFENNSampler(**TINY).fit_resample(X, y)


def test_one_class_is_rejected():
    X, _ = overlapping()
    with pytest.raises(ValueError, match="more than 1 class"):
        ISODFENNSampler(**TINY).fit_resample(X, np.zeros(len(X), dtype=int))


def test_too_few_minority_rows():
    X, y = overlapping()
    keep = np.r_[np.arange(150), 150, 151]
    with pytest.raises(ValueError, match=r"too few minority rows: got 2, need at least 3 to choose n_clusters by the silhouette"):
        ISODFENNSampler(**TINY).fit_resample(X[keep], y[keep])
    keep = np.r_[np.arange(150), 150, 151, 152, 153]
    with pytest.raises(ValueError, match=r"too few minority rows: got 4, need at least 5 for n_clusters=5 \(class 1\)"):
        ISODFENNSampler(n_clusters=5, **TINY).fit_resample(X[keep], y[keep])


@pytest.mark.parametrize(
    "params, name",
    [
        ({"n_clusters": "elbow"}, "n_clusters"),
        ({"n_clusters": 0}, "n_clusters"),
        ({"enn_kind_sel": "any"}, "enn_kind_sel"),
        ({"enn_metric": "cosine"}, "enn_metric"),
        ({"enn_neighbors": 0}, "enn_neighbors"),
        ({"dropout": 1.0}, "dropout"),
        ({"max_std": -1.0}, "max_std"),
        ({"sampling_strategy": "region"}, "sampling_strategy"),
    ],
)
def test_bad_parameters_are_named(params, name):
    X, y = overlapping()
    with pytest.raises(InvalidParameterError, match=f"'{name}' parameter of ISODFENNSampler"):
        ISODFENNSampler(**params, **TINY).fit_resample(X, y)


def test_memory_shares_the_sub_cluster_ddpms_between_isodf_and_isodf_enn(tmp_path):
    import glob

    from imbdiff.over_sampling import ISODFSampler

    X, y = make_classification(n_samples=120, n_features=4, weights=[0.75], random_state=1)
    settings = dict(n_clusters=2, timesteps=10, train_steps=5, hidden_dims=(8,), random_state=0)
    plain = ISODFSampler(**settings).fit_resample(X, y)
    sampler = ISODFSampler(memory=str(tmp_path), **settings)
    cached = sampler.fit_resample(X, y)
    np.testing.assert_array_equal(plain[0], cached[0])  # caching changes nothing
    stored = len(glob.glob(str(tmp_path / "joblib" / "**" / "output.pkl"), recursive=True))
    assert stored == np.count_nonzero(sampler.cluster_counts_[1]) > 1  # one network per sub-cluster
    X_enn, _ = ISODFENNSampler(memory=str(tmp_path), **settings).fit_resample(X, y)
    assert len(glob.glob(str(tmp_path / "joblib" / "**" / "output.pkl"), recursive=True)) == stored
    generated = cached[0][len(X):]
    assert all(any(np.allclose(row, other) for other in X_enn) for row in generated)
