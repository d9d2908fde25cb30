"""TWGAN-GP: clustering under-sampling of the majority, then WGAN-GP over-sampling.

The GAN itself is :class:`~imbdiff.over_sampling.GANSampler` (``loss="wgan-gp"``);
this module adds the under-sampling of the classes above the meeting count.
"""

import numbers
import warnings
from functools import partial

import numpy as np
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval

from ..base import BaseTableSampler, set_params_from
from ..over_sampling import GANSampler
from ..over_sampling._gan import GAN_CONSTRAINTS, gan_fill_doc
from ..over_sampling._isodf import proportional_counts
from ..regions import hvdm_embedding
from ._base import BaseMixedSampler

__all__ = [
    "TWGANGPSampler",
    "cluster_undersample",
    "meeting_count",
    "meeting_targets",
    "neighbourhood_types",
    "representatives",
]


@gan_fill_doc
class TWGANGPSampler(BaseMixedSampler):
    """TWGAN-GP: clustering under-sampling of the majority plus WGAN-GP over-sampling.

    The "TWGAN-GP" baseline of the ISODF-ENN paper, its reference [20] (Ding & Cui
    2023 [3]_), which "undersamples the majority class data by clustering method, and
    then uses GAN to generate minority data to achieve a balanced dataset". The
    classes meet at ``t = n_min + meet_at * (n_max - n_min)`` rows (rounded half up):

    1. every class larger than ``t`` is under-sampled to ``t`` rows: its rows are
       typed by their ``k_neighbors`` nearest rows (HVDM) into Borderline-SMOTE's
       three types, *safe* (fewer than half the neighbours of another class),
       *danger* (half or more) and *noise* (all); each type keeps a share of ``t``
       proportional to its size (largest remainder), chosen by k-means with that
       many clusters over the type's rows, keeping the real row nearest each centre;
    2. every class smaller than ``t`` gets a WGAN-GP [2]_ trained on its rows
       (:class:`GANSampler` with ``loss="wgan-gp"``) and the rows it misses.

    Parameters
    ----------
    meet_at : float, default=0.5
        Where the classes meet, between the smallest class (0: under-sampling only)
        and the largest (1: WGAN-GP over-sampling only).

    k_neighbors : int, default=5
        Neighbours that type the majority rows (capped at ``n_samples - 1``).

    learning_rate : float, default=1e-4
        Adam's learning rate (Gulrajani et al.'s), betas (0.5, 0.9).

    n_critic : int, default=5
        Critic steps per generator step (Gulrajani et al.'s).

    {gan_parameters}

    {random_state}

    {verbose}

    Attributes
    ----------
    {gan_fitted}

    target_count_ : int
        ``t``, the size every class ends with.

    majority_types_ : dict
        Label of each under-sampled class -> ndarray of the type ("safe", "danger"
        or "noise") of each of its rows, in input order.

    removed_indices_ : ndarray of int
        Positions, in the input, of the rows the under-sampling removed.

    gan_ : GANSampler
        The fitted WGAN-GP over-sampler.

    {counts}

    See Also
    --------
    GANSampler : The GAN or WGAN-GP over-sampler alone.
    imblearn.under_sampling.ClusterCentroids : k-means under-sampling.

    Notes
    -----
    Reading taken. The ISODF-ENN paper gives only the sentence quoted above. Ding &
    Cui's abstract adds that the majority rows are first divided "into three types
    according to the K-nearest neighbor algorithm" and each type under-sampled "through
    the clustering method", and that the GAN is one "for tabular data". Their type
    rules, cluster counts and meeting point are not available here, so: the three
    types are Borderline-SMOTE's (safe / danger / noise, which the ISODF-ENN paper
    also describes); the kept rows are real rows nearest to k-means centres (the
    KmUnder rule the paper describes for [16]); the classes meet half-way
    (``meet_at=0.5``); the WGAN-GP works on the same tabular encoding as
    :class:`GANSampler`. With one type and ``meet_at=0`` step 1 is KmUnder.

    The output is the kept input rows, in input order, then the generated rows. The
    WGAN-GP sees only the rows of its class and the under-sampling only the input
    rows, so the two steps are independent. Like ``SMOTEENN`` this is an
    imbalanced-learn ``BaseSampler`` of type "over-sampling": it shrinks classes.

    References
    ----------
    {references}

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from imbdiff.combine import TWGANGPSampler
    >>> X, y = make_classification(n_samples=200, weights=[0.8], random_state=0)
    >>> X_res, y_res = TWGANGPSampler(epochs=2, random_state=0).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())  # 40 and 160 meet at 100
    [(0, 100), (1, 100)]
    """

    _parameter_constraints: dict = {
        "meet_at": [Interval(numbers.Real, 0, 1, closed="both")],
        "k_neighbors": [Interval(numbers.Integral, 1, None, closed="left")],
        "n_critic": [Interval(numbers.Integral, 1, None, closed="left")],
        **GAN_CONSTRAINTS,
        **{name: BaseTableSampler._parameter_constraints[name] for name in ("categorical_features", "device", "verbose")},
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        *,
        meet_at=0.5,
        k_neighbors=5,
        epochs=300,
        batch_size=64,
        learning_rate=1e-4,
        n_critic=5,
        hidden_dims=(128, 128),
        noise_dim=32,
        gp_weight=10.0,
        categorical_features="auto",
        device="auto",
        random_state=None,
        verbose=False,
    ):  # pylint: disable=unused-argument,super-init-not-called
        set_params_from(self, locals())

    def _oversampler(self):
        shared = ("epochs", "batch_size", "learning_rate", "n_critic", "hidden_dims", "noise_dim", "gp_weight")
        return GANSampler(
            # A callable: evaluated by the GAN sampler on the labels it has validated.
            sampling_strategy=partial(meeting_targets, meet_at=self.meet_at),
            loss="wgan-gp",
            categorical_features=self.categorical_features,
            device=self.device,
            random_state=self.random_state,
            verbose=self.verbose,
            **{name: getattr(self, name) for name in shared},
        )

    def _adopt(self, inner):
        super()._adopt(inner)
        self.gan_ = inner
        for name in ("transformer_", "generator_", "loss_history_"):
            if hasattr(inner, name):
                setattr(self, name, getattr(inner, name))

    def _keep(self, frame, nominal, labels, n_input):
        """Clustering under-sampling of the input rows of every class above ``t``."""
        original = labels[:n_input]
        classes, counts = np.unique(original, return_counts=True)
        self.target_count_ = target = meeting_count(counts, self.meet_at)
        self.majority_types_ = {}
        keep = np.ones(len(labels), dtype=bool)
        large = classes[counts > target]
        if large.size == 0:
            return keep
        space = hvdm_embedding(frame.iloc[:n_input], original, categorical_features=list(nominal) or None)
        types = neighbourhood_types(space, original, min(self.k_neighbors, n_input - 1))
        seed = int(check_random_state(self.random_state).randint(np.iinfo(np.int32).max))
        for klass in large:  # the classes above t (one in the binary case)
            rows = np.flatnonzero(original == klass)
            chosen = cluster_undersample(space[rows], types[rows], target, seed)
            keep[rows] = False
            keep[rows[chosen]] = True
            self.majority_types_[klass] = types[rows]
        return keep


def meeting_count(counts, meet_at):
    """``t = n_min + meet_at * (n_max - n_min)``, rounded half up."""
    low, high = int(np.min(counts)), int(np.max(counts))
    return low + int(np.floor(meet_at * (high - low) + 0.5))


def meeting_targets(y, meet_at):
    """imbalanced-learn ``sampling_strategy`` callable: the classes below ``t``, to ``t``."""
    classes, counts = np.unique(y, return_counts=True)
    target = meeting_count(counts, meet_at)
    return {klass: target for klass, count in zip(classes.tolist(), counts.tolist()) if count < target}


def neighbourhood_types(space, labels, k):
    """Borderline-SMOTE's types of every row by its ``k`` nearest other rows.

    ``"noise"``: all ``k`` neighbours have another label; ``"danger"``: at least
    half do; ``"safe"``: fewer than half.
    """
    neighbours = NearestNeighbors(n_neighbors=k + 1).fit(space).kneighbors(space, return_distance=False)[:, 1:]
    others = np.count_nonzero(labels[neighbours] != labels[:, None], axis=1)
    return np.where(others == k, "noise", np.where(2 * others >= k, "danger", "safe"))


def cluster_undersample(points, types, quota, seed):
    """Indices of ``quota`` rows: per type a proportional share, by k-means representatives."""
    names, codes = np.unique(types, return_inverse=True)
    shares = proportional_counts(np.bincount(codes, minlength=names.size), quota)
    chosen = [
        members[representatives(points[members], share, seed)]
        for members, share in ((np.flatnonzero(codes == c), s) for c, s in enumerate(shares.tolist()))
    ]
    return np.sort(np.concatenate(chosen))


def representatives(points, n, seed):
    """``n`` rows: the nearest to each of ``n`` k-means centres, topped up if clusters merge.

    k-means may end with fewer distinct non-empty clusters than asked (duplicated
    rows); the remaining places go to the rows nearest their own centre.
    """
    if n >= len(points):
        return np.arange(len(points))
    if n == 0:
        return np.empty(0, dtype=np.intp)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # handled by the top-up below
        kmeans = KMeans(n_clusters=n, n_init=1, random_state=seed).fit(points)
    labels = kmeans.labels_
    distance = np.linalg.norm(points - kmeans.cluster_centers_[labels], axis=1)
    order = np.lexsort((distance, labels))  # by cluster, nearest first
    first = order[np.r_[True, labels[order][1:] != labels[order][:-1]]]
    if len(first) < n:
        taken = np.zeros(len(points), dtype=bool)
        taken[first] = True
        rest = np.argsort(distance, kind="stable")
        first = np.concatenate([first, rest[~taken[rest]][: n - len(first)]])
    return first
