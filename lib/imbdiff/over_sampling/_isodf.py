"""ISODF: ISODATA sub-clusters, one DDPM per sub-cluster (the over-sampling of ISODF-ENN).

The mixed sampler of the ISODF-ENN paper (J. Intell. Fuzzy Syst., 2024), in three steps
for every oversampled class:

1. **ISODATA** (:class:`imbdiff.cluster.ISODATA`, ``K`` by the silhouette,
   :func:`imbdiff.cluster.select_n_clusters`) splits the class's rows into sub-clusters;
2. a **DDPM** whose noise network is an MLP with dropout 0.5 (the paper's "BP network")
   is trained on each sub-cluster and generates rows for it, in proportion to its size,
   until the classes balance;
3. **ENN** (Wilson 1972) removes the majority rows whose neighbourhood, among the
   original and generated rows, disagrees with their label.

Steps 1 - 2 are :class:`ISODFSampler` (the paper's ablation "ISODF", a plain
over-sampler); :class:`imbdiff.combine.ISODFENNSampler` runs it and then step 3, as imbalanced-learn's
``SMOTEENN`` runs SMOTE and then ENN. Like ``SMOTEENN`` it is an imbalanced-learn
``BaseSampler`` of type "over-sampling", not a ``BaseOverSampler``: imbalanced-learn's
checks require a ``BaseOverSampler`` to leave every class at least as large as the
largest one was, which removing majority rows breaks.

Readings taken where the paper is not explicit
----------------------------------------------
* **Space.** ISODATA and the DDPMs need numbers; KEEL's flare-F is all nominal. Each
  oversampled class gets one :class:`~imbdiff.diffusion.TabularTransformer` fitted on
  its rows (numeric columns standardised, nominal ones embedded as in the other
  diffusion samplers); the clustering and every sub-cluster's DDPM work in that space
  and the generated vectors are decoded by it. Not the quantile-normal map of the
  other samplers: it spreads every column's values evenly and so erases the gaps
  between sub-clusters (two separated blobs become one continuous cloud). Each DDPM sees its sub-cluster's rows
  standardised (per column, by the sub-cluster's mean and standard deviation), the
  scale a DDPM's N(0, I) prior assumes, and with ``clip_denoised`` its ``x_0``
  estimate is kept in the sub-cluster's range.
* **Network.** "A BP neural network consisting of an input layer, a hidden layer and an
  output layer" with random deactivation 0.5: :class:`~imbdiff.diffusion.MLPDenoiser`
  with one hidden block (``hidden_dims=(256,)``) and ``dropout=0.5``.
* **Sampling ratio.** Sub-cluster ``j`` of size ``N_j`` gets ``n N_j / N`` of the ``n``
  missing rows, rounded by the largest-remainder (Hamilton) rule so that the counts sum
  to ``n`` exactly (:func:`proportional_counts`).
* **Tiny sub-clusters.** A sub-cluster with fewer than ``max(2, min_samples)`` rows
  (possible after ISODATA's last reassignment, or with ``min_samples=1``) gives its rows
  to the nearest remaining centre; if none remains, the class is one sub-cluster.
* **ENN.** Applied to the balanced data (original plus generated rows), to the majority
  rows only ("ENN preprocesses majority class data"): the classes that received no new
  rows. ``enn_kind_sel="mode"`` is Wilson's rule (a row goes when the majority vote of
  its ``k = 3`` neighbours misclassifies it: "eliminating misclassified majority class
  samples"); ``"all"`` (imbalanced-learn's default) removes a row as soon as one
  neighbour disagrees. Distances are HVDM by default (scale-free, defined for nominal
  columns); ``enn_metric="euclidean"`` uses the raw numeric values (nominal columns
  one-hot), which is what ``SMOTEENN`` does on a numeric array.
"""

import numbers

import numpy as np
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution
from scipy.spatial.distance import cdist
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_memory

from ..base import BaseDiffusionSampler, _label, fill_doc, set_params_from, train_denoiser
from ..cluster import ISODATA, select_n_clusters
from ..diffusion import ClippedDenoiser, TabularTransformer

__all__ = [
    "ISODFSampler",
    "ISODF_CONSTRAINTS",
    "absorb_small_clusters",
    "isodf_fill_doc",
    "proportional_counts",
]

#: ``K`` tried by ``n_clusters="silhouette"`` (those below the class size).
SILHOUETTE_CANDIDATES = tuple(range(2, 11))

_ISODATA_PARAMS = (
    "min_samples",
    "max_std",
    "min_center_distance",
    "merge_multiplier",
    "max_merge_pairs",
    "max_iter",
    "split_factor",
)
_DIFFUSION_PARAMS = (
    "timesteps",
    "beta_start",
    "beta_end",
    "train_steps",
    "batch_size",
    "learning_rate",
    "hidden_dims",
    "clip_denoised",
    "categorical_features",
    "device",
    "memory",
    "random_state",
    "verbose",
)

ISODF_CONSTRAINTS = {
    "sampling_strategy": BaseOverSampler._parameter_constraints["sampling_strategy"],
    "n_clusters": [Interval(numbers.Integral, 1, None, closed="left"), StrOptions({"silhouette"})],
    **{name: ISODATA._parameter_constraints[name] for name in _ISODATA_PARAMS},
    "dropout": [Interval(numbers.Real, 0, 1, closed="left")],
    **{name: BaseDiffusionSampler._parameter_constraints[name] for name in _DIFFUSION_PARAMS},
}

_isodf_parameters_docstring = """n_clusters : "silhouette" or int, default="silhouette"
        ``K`` of ISODATA for each oversampled class: ``"silhouette"`` takes the ``K``
        in 2..10 (below the class size) with the largest mean silhouette coefficient
        (:func:`imbdiff.cluster.select_n_clusters`, the paper's Fig. 7), or one
        sub-cluster when no ``K`` splits the rows. ISODATA may end with another
        number of sub-clusters (``n_clusters_``).

    min_samples : int, default=2
        ``theta_N`` of ISODATA (smallest sub-cluster it keeps); also the smallest
        sub-cluster a DDPM is trained on (at least 2, see Notes).

    max_std : float, default=0.5
        ``theta_S`` of ISODATA, in the standardised space (unit spread per column).

    min_center_distance : float or None, default=None
        ``theta_C`` of ISODATA; None means ``merge_multiplier * max_std``.

    merge_multiplier : float, default=2.0
        ``Mul`` of the paper's parameter study (``theta_C = Mul * theta_S``).

    max_merge_pairs : int, default=2
        ``L`` of ISODATA.

    max_iter : int, default=20
        ``I`` of ISODATA (the paper's best setting).

    split_factor : float, default=0.5
        ISODATA's split offset, a fraction of the widest standard deviation.

    dropout : float, default=0.5
        Dropout after the hidden block of the denoiser (the paper: 0.5).

    timesteps : int, default=1000
        Number of diffusion steps ``T``.

    beta_start : float, default=1e-4
        ``beta_1`` of the linear variance schedule.

    beta_end : float, default=0.02
        ``beta_T`` of the linear variance schedule.

    train_steps : int, default=2000
        Adam steps of every sub-cluster's denoiser (each sub-cluster gets them all).

    batch_size : int, default=256
        Mini-batch size, capped at the sub-cluster's size.

    learning_rate : float, default=1e-3
        Adam's learning rate, decayed linearly to zero over the run.

    hidden_dims : tuple of int, default=(256,)
        Widths of the denoiser's hidden blocks; one, as the paper's BP network.

    clip_denoised : bool, default=True
        At every reverse step, clip the denoiser's ``x_0`` estimate to the range of
        the sub-cluster's rows (see :class:`~imbdiff.over_sampling.DDPMSampler`), so
        the generated rows stay in their sub-cluster's box.

    categorical_features : "auto", array-like of str, int or bool, or None, \
            default="auto"
        Nominal columns. ``"auto"`` takes the ``category``, ``object``, ``string``
        and ``bool`` columns of a DataFrame (none of an array); otherwise column
        names, positions or a boolean mask; ``None`` for none.

    device : str or torch.device, default="auto"
        ``"auto"`` uses CUDA when it is available, else the CPU.

    memory : str, joblib.Memory or None, default=None
        Where to cache the sub-clusters' trained DDPMs (as scikit-learn's
        ``Pipeline``): ISODF and ISODF-ENN with the same settings and seed train
        the same networks, so the second only samples. ``None`` caches nothing.""".rstrip()

_isodf_fitted_docstring = """labels_ : dict
        Class label -> sub-cluster (``0 .. n_clusters_ - 1``) of each of its rows, in
        input order (after the tiny sub-cluster rule).

    n_clusters_ : dict
        Class label -> number of sub-clusters.

    cluster_counts_ : dict
        Class label -> ndarray of the number of rows generated per sub-cluster
        (largest-remainder shares of the deficit; they sum to it).

    generated_labels_ : dict
        Class label -> sub-cluster of every generated row, in output order.

    clusterer_ : dict
        Class label -> the fitted :class:`~imbdiff.cluster.ISODATA`.

    silhouette_scores_ : dict
        Class label -> the table of :func:`~imbdiff.cluster.select_n_clusters`
        (None when ``n_clusters`` is an int or no ``K`` split the rows).

    transformer_ : dict
        Class label -> the fitted :class:`~imbdiff.diffusion.TabularTransformer`.

    denoiser_ : dict
        Class label -> list of the sub-clusters'
        :class:`~imbdiff.diffusion.MLPDenoiser` (None for a sub-cluster given no
        rows: it is not trained).

    loss_history_ : dict
        Class label -> list of the sub-clusters' training losses.

    diffusion_ : GaussianDiffusion
        The noise schedule shared by every DDPM.""".rstrip()

_enn_parameters_docstring = """enn_neighbors : int, default=3
        ``k`` of ENN (Wilson's 3).

    enn_kind_sel : {"mode", "all"}, default="mode"
        ``"mode"``: a majority row goes when most of its ``k`` neighbours have
        another label (Wilson's rule, "misclassified majority class samples");
        ``"all"``: when any of them has (imbalanced-learn's default).

    enn_metric : {"hvdm", "euclidean"}, default="hvdm"
        Distance of ENN on the balanced rows: HVDM
        (:func:`imbdiff.regions.hvdm_embedding`, numeric columns over 4 standard
        deviations, nominal ones by VDM), or Euclidean on the raw numeric values
        with nominal columns one-hot encoded (``SMOTEENN``'s distance).""".rstrip()

_REFERENCES = """.. [1] ISODF-ENN: a mixed sampling method based on ISODATA denoising
       diffusion and edited nearest neighbours (title paraphrased from the
       abstract; the available text lacks its title block). Journal of
       Intelligent & Fuzzy Systems (2024).
    .. [2] Ball, G. H., Hall, D. J. (1965). ISODATA, a novel method of data
       analysis and pattern classification. Technical report, Stanford Research
       Institute, Menlo Park, CA.
    .. [3] Ho, J., Jain, A., Abbeel, P. (2020). Denoising diffusion probabilistic
       models. NeurIPS.
    .. [4] Wilson, D. L. (1972). Asymptotic properties of nearest neighbor rules
       using edited data. IEEE Transactions on Systems, Man, and Cybernetics 2(3),
       408-421.
    .. [5] Rousseeuw, P. J. (1987). Silhouettes: a graphical aid to the
       interpretation and validation of cluster analysis. Journal of Computational
       and Applied Mathematics 20, 53-65."""

#: fill_doc's entries plus this module's shared blocks (one ``str.format`` pass).
isodf_fill_doc = Substitution(
    **fill_doc.params,
    isodf_parameters=_isodf_parameters_docstring,
    isodf_fitted=_isodf_fitted_docstring,
    enn_parameters=_enn_parameters_docstring,
    references=_REFERENCES,
)


def proportional_counts(sizes, total):
    """Split ``total`` rows over groups in proportion to their sizes, summing exactly.

    Largest-remainder (Hamilton) apportionment: group ``j`` first gets
    ``floor(total * N_j / N)``; the rows still missing go one each to the groups with
    the largest remainders ``total * N_j mod N``, ties to the larger group, then to
    the lower index. Integer arithmetic, so equal shares tie exactly.

    Parameters
    ----------
    sizes : array-like of int of shape (n_groups,)
        Group sizes ``N_j`` (non-negative, not all zero).
    total : int
        Rows to share (non-negative).

    Returns
    -------
    counts : ndarray of int64 of shape (n_groups,)
        Sums to ``total``; each count is its quota rounded down or up.

    Examples
    --------
    >>> proportional_counts([5, 3, 2], 7).tolist()  # quotas 3.5, 2.1, 1.4
    [4, 2, 1]
    """
    sizes = np.asarray(sizes, dtype=np.int64)
    total = int(total)
    if sizes.ndim != 1 or sizes.size == 0 or (sizes < 0).any() or sizes.sum() == 0 or total < 0:
        raise ValueError(f"need non-negative group sizes with a positive sum and total >= 0; got {sizes}, {total}")
    counts, remainders = np.divmod(total * sizes, sizes.sum())
    missing = total - int(counts.sum())
    order = np.lexsort((np.arange(sizes.size), -sizes, -remainders))
    counts[order[:missing]] += 1
    return counts


@isodf_fill_doc
class ISODFSampler(BaseDiffusionSampler):
    """Oversample with one DDPM per ISODATA sub-cluster (ISODF, without ENN).

    For every oversampled class, ISODATA splits its rows into sub-clusters, a DDPM
    with an MLP noise network (dropout 0.5) is trained on each sub-cluster, and each
    generates its share of the missing rows, in proportion to its size. This is the
    "ISODF" of the ISODF-ENN paper's ablation (Figs. 10 - 11); :class:`ISODFENNSampler`
    adds the ENN cleaning.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        How many rows to generate per class (imbalanced-learn's values):

        {sampling_strategy}

    {isodf_parameters}

    {random_state}

    {verbose}

    Attributes
    ----------
    {isodf_fitted}

    {counts}

    See Also
    --------
    ISODFENNSampler : This sampler followed by ENN on the majority class.
    DDPMSampler : One DDPM for the whole class.

    Notes
    -----
    Readings of the paper (module docstring of ``imbdiff.combine._isodf_enn``):
    one transform per class, in which ISODATA clusters and the DDPMs run; each DDPM
    on its sub-cluster's standardised rows; largest-remainder shares; sub-clusters
    under ``max(2, min_samples)`` rows merged into the nearest other. A class needs
    at least 3 rows with ``n_clusters="silhouette"`` (a silhouette needs two
    clusters and a spare row) and at least ``max(2, n_clusters)`` otherwise.

    Every oversampled class gets its own clustering and DDPMs, so multi-class
    targets work. On the CPU, torch runs on one thread during ``fit_resample``.

    References
    ----------
    {references}

    Examples
    --------
    >>> from imbdiff import datasets
    >>> from imbdiff.over_sampling import ISODFSampler
    >>> ds = datasets.load("yeast1")
    >>> sampler = ISODFSampler(timesteps=20, train_steps=20, random_state=0)
    >>> X_res, y_res = sampler.fit_resample(ds.X, ds.y)
    >>> int(sampler.cluster_counts_[1].sum()) == int(sampler.sampling_strategy_[1])
    True
    """

    _parameter_constraints: dict = dict(ISODF_CONSTRAINTS)

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        n_clusters="silhouette",
        min_samples=2,
        max_std=0.5,
        min_center_distance=None,
        merge_multiplier=2.0,
        max_merge_pairs=2,
        max_iter=20,
        split_factor=0.5,
        dropout=0.5,
        timesteps=1000,
        beta_start=1e-4,
        beta_end=0.02,
        train_steps=2000,
        batch_size=256,
        learning_rate=1e-3,
        hidden_dims=(256,),
        clip_denoised=True,
        categorical_features="auto",
        device="auto",
        memory=None,
        random_state=None,
        verbose=False,
    ):  # pylint: disable=unused-argument,super-init-not-called
        set_params_from(self, locals())  # every argument, unchanged (scikit-learn's rule)

    # ------------------------------------------------------------------ hooks
    def _uses_regions(self):
        return False

    def _needs_region(self):
        return False

    def _prepare(self, X, y, region_types=None):
        frame, nominal = super()._prepare(X, y, region_types)
        if self.n_clusters == "silhouette":
            need, why = 3, "to choose n_clusters by the silhouette"
        else:
            need, why = max(2, self.n_clusters), f"for n_clusters={self.n_clusters}"
        for klass, n_new in self.sampling_strategy_.items():
            got = int(np.count_nonzero(y == klass))
            if n_new > 0 and got < need:
                raise ValueError(
                    f"too few minority rows: got {got}, need at least {need} {why} (class {_label(klass)!r})"
                )
        for name in ("labels_", "n_clusters_", "cluster_counts_", "generated_labels_", "clusterer_", "silhouette_scores_"):
            setattr(self, name, {})
        return frame, nominal

    # ------------------------------------------------------------------ fitting
    def _generate(self, frame, nominal, y, klass, n_samples, seeds, device):
        """Cluster the rows of ``klass``, train a DDPM per sub-cluster, draw its share."""
        rows = frame[y == klass]
        # Standardised, not quantile-normalised: the quantile map spreads every column
        # evenly and so erases the gaps between the sub-clusters ISODATA should find.
        transformer = TabularTransformer(
            categorical_features=nominal, numeric="standard", random_state=seeds["transformer"]
        )
        Z = transformer.fit(rows).transform(rows, dtype=np.float64)
        # The base draws a "classifier" seed per class; ISODF has no classifier, so
        # that seed drives the clustering (every other seed keeps its role).
        labels = self._cluster(Z, klass, seeds["classifier"])
        counts = proportional_counts(np.bincount(labels), n_samples)
        per_cluster = {
            name: np.random.RandomState(seeds[name]).randint(np.iinfo(np.int32).max, size=counts.size).tolist()
            for name in ("init", "train", "sample")
        }
        parts, denoisers, losses = [], [], []
        for j, n_new in enumerate(counts.tolist()):  # one DDPM per sub-cluster (a few)
            if n_new == 0:  # a zero share needs no model
                denoisers.append(None)
                losses.append(np.empty(0))
                continue
            seeds_j = {name: values[j] for name, values in per_cluster.items()}
            Z_new, denoiser, loss = self._cluster_ddpm(Z[labels == j], n_new, seeds_j, device)
            parts.append(Z_new)
            denoisers.append(denoiser)
            losses.append(loss)
        self.transformer_[klass], self.denoiser_[klass], self.loss_history_[klass] = transformer, denoisers, losses
        self.labels_[klass], self.n_clusters_[klass], self.cluster_counts_[klass] = labels, counts.size, counts
        self.generated_labels_[klass] = np.repeat(np.arange(counts.size), counts)
        return transformer.inverse_transform(np.vstack(parts))

    def _cluster(self, Z, klass, seed):
        """ISODATA sub-clusters of one class's rows (``K`` by silhouette if asked)."""
        knobs = {name: getattr(self, name) for name in _ISODATA_PARAMS}
        silhouette = self.n_clusters == "silhouette"
        clusterer = ISODATA(n_clusters=1 if silhouette else self.n_clusters, random_state=seed, **knobs)
        scores = None
        if silhouette:
            candidates = [k for k in SILHOUETTE_CANDIDATES if k < len(Z)]
            try:
                best, scores = select_n_clusters(Z, candidates, clusterer=clusterer, random_state=seed)
            except ValueError as exc:
                if "no candidate K" not in str(exc):
                    raise
                best = 1  # every K ended in one cluster (e.g. identical rows)
            clusterer.set_params(n_clusters=best)
        clusterer.fit(Z)
        self.clusterer_[klass], self.silhouette_scores_[klass] = clusterer, scores
        return absorb_small_clusters(Z, clusterer.labels_, max(2, self.min_samples))

    def _cluster_ddpm(self, Z, n_samples, seeds, device):
        """Train a DDPM on one sub-cluster's standardised rows and draw ``n_samples``."""
        center = Z.mean(axis=0)
        scale = Z.std(axis=0)
        scale[scale < 1e-8] = 1.0  # a constant column stays constant (clipping keeps it)
        W = ((Z - center) / scale).astype(np.float32)
        train = check_memory(self.memory).cache(train_denoiser, ignore=["progress"])
        denoiser, loss = train(
            W,
            hidden_dims=tuple(self.hidden_dims),
            dropout=self.dropout,
            schedule=(self.timesteps, self.beta_start, self.beta_end),
            train_steps=self.train_steps,
            batch_size=self.batch_size,
            learning_rate=self.learning_rate,
            seeds=(seeds["init"], seeds["train"]),
            device=str(device),
            progress=self.verbose,
        )
        model = ClippedDenoiser(denoiser, self.diffusion_, W.min(axis=0), W.max(axis=0)) if self.clip_denoised else denoiser
        W_new = self.diffusion_.sample(model, n_samples, seeds["sample"], progress=self.verbose, device=device)
        W_new = W_new.cpu().numpy().astype(np.float64)
        if not np.isfinite(W_new).all():
            raise ValueError("sampling diverged (non-finite values in the generated rows); lower learning_rate")
        return W_new * scale + center, denoiser, loss


def absorb_small_clusters(Z, labels, min_size):
    """Give the rows of sub-clusters under ``min_size`` rows to the nearest other centre.

    Centres are the means of the clusters that are large enough; when none is, every
    row is put in one cluster. Labels are renumbered ``0 .. m - 1`` keeping order.
    """
    sizes = np.bincount(labels)
    large = sizes >= min_size
    if large.all():
        return labels
    if not large.any():
        return np.zeros_like(labels)
    kept = np.flatnonzero(large)
    sums = np.zeros((sizes.size, Z.shape[1]))
    np.add.at(sums, labels, Z)
    centers = sums[kept] / sizes[kept, None]
    moved = ~large[labels]
    labels = labels.copy()
    labels[moved] = kept[cdist(Z[moved], centers).argmin(axis=1)]
    renumber = np.full(sizes.size, -1)
    renumber[kept] = np.arange(kept.size)
    return renumber[labels]
