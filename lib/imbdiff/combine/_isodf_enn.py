"""ISODF-ENN: ISODF (ISODATA sub-clusters, one DDPM each) then ENN on the majority.

The over-sampling part and the paper's readings are in
:mod:`imbdiff.over_sampling._isodf` (:class:`~imbdiff.over_sampling.ISODFSampler`);
this module adds step 3, ENN, as imbalanced-learn's ``SMOTEENN`` adds it to SMOTE.
"""

import numbers

import numpy as np
from imblearn.under_sampling import EditedNearestNeighbours
from sklearn.utils._param_validation import Interval, StrOptions

from .._encoding import one_hot_encoder
from ..base import set_params_from
from ..over_sampling import ISODFSampler
from ..over_sampling._isodf import ISODF_CONSTRAINTS, isodf_fill_doc
from ..regions import hvdm_embedding
from ._base import BaseMixedSampler

__all__ = ["ISODFENNSampler", "enn_space"]


@isodf_fill_doc
class ISODFENNSampler(BaseMixedSampler):
    """ISODF-ENN: DDPMs on ISODATA sub-clusters of the minority, then ENN on the majority.

    The mixed sampling method of the ISODF-ENN paper [1]_. For every oversampled
    class, ISODATA [2]_ (``K`` by the silhouette [5]_) splits its rows into
    sub-clusters; a DDPM [3]_ whose noise network is an MLP with dropout 0.5 is
    trained on each and generates new rows in proportion to the sub-cluster's size,
    until the classes balance (:class:`ISODFSampler`). Then ENN [4]_ removes the
    majority rows whose ``enn_neighbors`` nearest rows, original or generated, mostly
    carry another label, "to remove the overlap with the minority class".

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        How many rows to generate per class (imbalanced-learn's values):

        {sampling_strategy}

    {isodf_parameters}

    {enn_parameters}

    {random_state}

    {verbose}

    Attributes
    ----------
    {isodf_fitted}

    isodf_ : ISODFSampler
        The fitted over-sampler (every attribute above is also its own).

    enn_ : imblearn.under_sampling.EditedNearestNeighbours or None
        The fitted ENN (None when no class was left to clean).

    removed_indices_ : ndarray of int
        Positions, in the input, of the rows ENN removed (all of majority classes).

    {counts}

    See Also
    --------
    ISODFSampler : The over-sampling part alone (the paper's "ISODF").
    imblearn.combine.SMOTEENN : SMOTE then ENN.

    Notes
    -----
    The output is the input rows ENN kept, in input order, then the generated rows,
    in the containers of the input (a DataFrame keeps its dtypes and categories).
    The classes are balanced after over-sampling; ENN then shrinks the majority, so
    the minority ends the larger, as with ``SMOTEENN``.

    "Majority" is every class that ``sampling_strategy`` gives no new rows (in the
    binary case with ``"auto"``: the majority class); only those rows are edited.
    The neighbourhoods are those of imbalanced-learn's
    :class:`~imblearn.under_sampling.EditedNearestNeighbours`, which does the
    editing, on the balanced rows embedded by ``enn_metric``.

    Readings of the paper, with the reasons, are in the module docstring of
    ``imbdiff.combine._isodf_enn``: one transform per class, ISODATA and the
    DDPMs in its space, one hidden layer, largest-remainder shares, tiny
    sub-clusters merged into the nearest, ENN by Wilson's rule on the majority only.

    This is an imbalanced-learn ``BaseSampler`` of type "over-sampling", like
    ``SMOTEENN``, not a ``BaseOverSampler``: it shrinks a class.

    References
    ----------
    {references}

    Examples
    --------
    >>> from imbdiff import datasets
    >>> from imbdiff.combine import ISODFENNSampler
    >>> ds = datasets.load("yeast1")
    >>> sampler = ISODFENNSampler(timesteps=20, train_steps=20, random_state=0)
    >>> X_res, y_res = sampler.fit_resample(ds.X, ds.y)
    >>> n_majority = int((ds.y == 0).sum())
    >>> int((y_res == 1).sum()) == n_majority   # balanced before ENN
    True
    >>> int((y_res == 0).sum()) == n_majority - len(sampler.removed_indices_)
    True
    """

    _parameter_constraints: dict = {
        **ISODF_CONSTRAINTS,
        "enn_neighbors": [Interval(numbers.Integral, 1, None, closed="left")],
        "enn_kind_sel": [StrOptions({"mode", "all"})],
        "enn_metric": [StrOptions({"hvdm", "euclidean"})],
    }

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
        enn_neighbors=3,
        enn_kind_sel="mode",
        enn_metric="hvdm",
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
        set_params_from(self, locals())

    def _oversampler(self):
        return ISODFSampler(**{name: getattr(self, name) for name in ISODFSampler._get_param_names()})

    def _adopt(self, inner):
        super()._adopt(inner)
        self.isodf_ = inner
        for name in _isodf_fitted_names():
            if hasattr(inner, name):
                setattr(self, name, getattr(inner, name))

    def _keep(self, frame, nominal, labels, n_input):
        """ENN on the rows of the classes that got no new rows."""
        keep = np.ones(len(labels), dtype=bool)
        targets = [c for c in np.unique(labels) if self.sampling_strategy_.get(c, 0) == 0]
        self.enn_ = None
        if not targets:  # every class was oversampled: no majority to clean
            return keep
        if len(labels) <= self.enn_neighbors:
            raise ValueError(
                f"ENN needs more rows than enn_neighbors={self.enn_neighbors}; got {len(labels)} after over-sampling"
            )
        enn = EditedNearestNeighbours(sampling_strategy=targets, n_neighbors=self.enn_neighbors, kind_sel=self.enn_kind_sel)
        enn.fit_resample(enn_space(frame, nominal, labels, self.enn_metric), labels)
        keep[:] = False
        keep[enn.sample_indices_] = True
        self.enn_ = enn
        return keep


def _isodf_fitted_names():
    return (
        "labels_",
        "n_clusters_",
        "cluster_counts_",
        "generated_labels_",
        "clusterer_",
        "silhouette_scores_",
        "transformer_",
        "denoiser_",
        "loss_history_",
        "diffusion_",
    )


def enn_space(frame, nominal, labels, metric="hvdm"):
    """The rows as numbers for ENN's neighbour search.

    ``"hvdm"``: :func:`imbdiff.regions.hvdm_embedding` (Euclidean distances there are
    HVDM, with ``labels`` for the nominal columns' class frequencies). ``"euclidean"``:
    numeric columns as they are, nominal columns one-hot encoded.
    """
    if metric == "hvdm":
        return hvdm_embedding(frame, labels, categorical_features=list(nominal) or None)
    if not nominal:
        return frame.to_numpy(dtype=np.float64)
    return one_hot_encoder(nominal, nominal_first=False).fit_transform(frame).astype(np.float64)


