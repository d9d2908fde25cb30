"""The methods an experiment can run, by the name the papers' tables give them.

Every method is a factory of an imbalanced-learn sampler (or ``None`` for the
``"Original"`` training set). The factory receives the number of minority rows the
sampler should end with, so that every oversampler of a comparison generates as
many rows as LReDDPM does (the LReDDPM paper, Section 4.2: "all methods generate
approximately the same sample size"), plus the guiding region, the seed, the
DDPM cache and the method's own parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

__all__ = [
    "BALANCED",
    "Method",
    "METHODS",
    "PAPER_REGION",
    "guiding_region",
    "method_params",
    "register_method",
]

#: The region LReDDPM is guided by per dataset (Section 4.1: region 2 for spectfheart
#: and crg, region 1 for the others).
PAPER_REGION = {"spectfheart": "border", "crg": "border"}


def guiding_region(dataset: str) -> str:
    """The LReDDPM paper's guiding region for ``dataset`` (``"safe"`` unless stated)."""
    return PAPER_REGION.get(dataset, "safe")


@dataclass(frozen=True)
class Method:
    """How to build one method's sampler.

    Attributes
    ----------
    build : callable
        ``build(target, region, seed, memory, **params)`` -> sampler or None.
        ``target`` is imbalanced-learn's ``sampling_strategy`` dict giving the
        minority count to reach.
    family : {"diffusion", "gan", "numeric", "none", "other"}
        Which profile settings apply (:func:`method_params`) and how the input is
        given: ``"numeric"`` samplers (the SMOTE family) see nominal columns one-hot
        encoded, and their nominal outputs are decoded by the largest entry.
    appends : bool
        Whether the sampler returns the input followed by the new rows (so the
        generated rows can be told apart); false for samplers that also remove rows.
    per_cluster : bool
        Whether a diffusion sampler trains one network per minority sub-cluster
        (ISODF, ISODF-ENN): it gets the profile's ``isodf_train_steps`` per network.
    """

    build: Callable
    family: str = "other"
    appends: bool = True
    per_cluster: bool = False


def _lreddpm(target, region, seed, memory, **params):
    from ..over_sampling import LReDDPMSampler

    return LReDDPMSampler(region=region, sampling_strategy="region", random_state=seed, memory=memory, **params)


def _findiff(target, region, seed, memory, **params):
    from ..over_sampling import DDPMSampler

    return DDPMSampler(sampling_strategy=target, random_state=seed, memory=memory, **params)


def _findiff_cond(target, region, seed, memory, **params):
    from ..over_sampling import DDPMSampler

    # FinDiff as its authors build it: one label-conditioned DDPM of the whole table.
    return DDPMSampler(
        sampling_strategy=target, train_on="all", random_state=seed, memory=memory, **params
    )


def _ddpm_region(target, region, seed, memory, **params):
    from ..over_sampling import DDPMSampler

    return DDPMSampler(
        sampling_strategy=target, train_on="region", region=region, random_state=seed, memory=memory, **params
    )


def _ctgan(target, region, seed, memory, **params):
    from ..over_sampling import CTGANSampler

    return CTGANSampler(sampling_strategy=target, random_state=seed, **params)


def _tvae(target, region, seed, memory, **params):
    from ..over_sampling import TVAESampler

    return TVAESampler(sampling_strategy=target, random_state=seed, **params)


def _ctgan_cond(target, region, seed, memory, **params):
    from ..over_sampling import CTGANSampler

    return CTGANSampler(sampling_strategy=target, train_on="all", random_state=seed, **params)


def _tvae_cond(target, region, seed, memory, **params):
    from ..over_sampling import TVAESampler

    return TVAESampler(sampling_strategy=target, train_on="all", random_state=seed, **params)


def _adasyn(target, region, seed, memory, **params):
    from imblearn.over_sampling import ADASYN

    # ADASYN spreads the rows by local difficulty and rounds per row: the total is
    # only close to the target (as the paper says of it).
    return ADASYN(sampling_strategy=target, random_state=seed, **params)


def _borderline_smote(target, region, seed, memory, **params):
    from imblearn.over_sampling import BorderlineSMOTE

    return BorderlineSMOTE(sampling_strategy=target, random_state=seed, **params)


def _original(target, region, seed, memory, **params):
    return None


# ---------------------------------------------------------------- one balanced target
#: imbalanced-learn's ``sampling_strategy`` that gives every class as many rows as the
#: majority (for two classes: minority count = majority count).
BALANCED = "auto"


def _lreddpm_balanced(target, region, seed, memory, **params):
    from ..over_sampling import LReDDPMSampler

    # Guided by ``region`` as in the paper, but generating until the classes balance
    # instead of as many rows as the region holds.
    return LReDDPMSampler(
        region=region, sampling_strategy=BALANCED, random_state=seed, memory=memory, **params
    )


def _balanced(build):
    """``build`` with the balanced target in place of the runner's (LReDDPM's count)."""

    def build_balanced(target, region, seed, memory, **params):
        return build(BALANCED, region, seed, memory, **params)

    build_balanced.__name__ = f"{build.__name__}_balanced"
    return build_balanced


# ---------------------------------------------------------------- ISODF-ENN and its rivals
def _isodf_enn(target, region, seed, memory, **params):
    from ..combine import ISODFENNSampler

    return ISODFENNSampler(random_state=seed, memory=memory, **params)


def _isodf(target, region, seed, memory, **params):
    from ..over_sampling import ISODFSampler

    return ISODFSampler(random_state=seed, memory=memory, **params)


def _enn(target, region, seed, memory, **params):
    from imblearn.under_sampling import EditedNearestNeighbours

    # The ablation's "ENN": the cleaning step alone, on the majority class.
    return EditedNearestNeighbours(sampling_strategy="majority", **{"n_neighbors": 3, **params})


def _smote(target, region, seed, memory, **params):
    from imblearn.over_sampling import SMOTE

    return SMOTE(random_state=seed, **params)


def _kmeans_smote(target, region, seed, memory, **params):
    from imblearn.over_sampling import KMeansSMOTE

    # Douzas, Bacao & Last (2018) as imbalanced-learn implements it; a balance
    # threshold of 0 lets every cluster with minority rows take part, where the
    # default rejects all clusters of small or overlapping sets and raises.
    return KMeansSMOTE(random_state=seed, **{"cluster_balance_threshold": 0.0, **params})


def _cluster_centroids(target, region, seed, memory, **params):
    from imblearn.under_sampling import ClusterCentroids

    return ClusterCentroids(random_state=seed, **params)


def _tomek(target, region, seed, memory, **params):
    from imblearn.under_sampling import TomekLinks

    return TomekLinks(**params)


def _smote_enn(target, region, seed, memory, **params):
    from imblearn.combine import SMOTEENN

    return SMOTEENN(random_state=seed, **params)


def _gan(target, region, seed, memory, **params):
    from ..over_sampling import GANSampler

    return GANSampler(random_state=seed, **params)


def _twgan_gp(target, region, seed, memory, **params):
    from ..combine import TWGANGPSampler

    return TWGANGPSampler(random_state=seed, **params)


#: Name -> :class:`Method`. The LReDDPM paper's methods; more are added with
#: :func:`register_method`.
METHODS: dict[str, Method] = {
    "Original": Method(_original, family="none"),
    "LReDDPM": Method(_lreddpm, family="diffusion"),
    "FinDiff": Method(_findiff, family="diffusion"),
    "DDPM-region": Method(_ddpm_region, family="diffusion"),
    "CTGAN": Method(_ctgan, family="gan"),
    "TVAE": Method(_tvae, family="gan"),
    # The same baselines fitted on the whole table, conditional on the class (the
    # LReDDPM paper trains FinDiff on "the original dataset"); the unsuffixed names
    # above learn the minority class alone.
    "FinDiff-cond": Method(_findiff_cond, family="diffusion"),
    "CTGAN-cond": Method(_ctgan_cond, family="gan"),
    "TVAE-cond": Method(_tvae_cond, family="gan"),
    "ADASYN": Method(_adasyn, family="numeric"),
    "BorderlineSMOTE": Method(_borderline_smote, family="numeric"),
    # ISODF-ENN (J. Intell. Fuzzy Syst. 2024), Table 6 and the ablation of Figs. 10-11
    "ISODF-ENN": Method(_isodf_enn, family="diffusion", appends=False, per_cluster=True),
    "ISODF": Method(_isodf, family="diffusion", per_cluster=True),
    "ENN": Method(_enn, family="numeric", appends=False),
    "SMOTE": Method(_smote, family="numeric"),
    "KNSMOTE": Method(_kmeans_smote, family="numeric"),
    "KmUnder": Method(_cluster_centroids, family="numeric", appends=False),
    "Tomek": Method(_tomek, family="numeric", appends=False),
    "SMOTE+ENN": Method(_smote_enn, family="numeric", appends=False),
    "GAN": Method(_gan, family="gan"),
    "TWGAN-GP": Method(_twgan_gp, family="gan", appends=False),
    # The side-by-side comparison (notebooks/beyond): every oversampler balances the
    # training split. SMOTE, SMOTE+ENN and ISODF-ENN do so already; the methods above
    # that take the runner's target (LReDDPM's count) get a balanced twin.
    "LReDDPM-balanced": Method(_lreddpm_balanced, family="diffusion"),
    "FinDiff-balanced": Method(_balanced(_findiff), family="diffusion"),
    "FinDiff-cond-balanced": Method(_balanced(_findiff_cond), family="diffusion"),
    "CTGAN-cond-balanced": Method(_balanced(_ctgan_cond), family="gan"),
    "TVAE-cond-balanced": Method(_balanced(_tvae_cond), family="gan"),
    "ADASYN-balanced": Method(_balanced(_adasyn), family="numeric"),
    "BorderlineSMOTE-balanced": Method(_balanced(_borderline_smote), family="numeric"),
}


def register_method(name: str, method: Method, *, replace: bool = False) -> None:
    """Make ``name`` runnable by :func:`imbdiff.experiments.run`.

    Raises
    ------
    ValueError
        If ``name`` exists and ``replace`` is false.
    """
    if name in METHODS and not replace:
        raise ValueError(f"method {name!r} is already registered; pass replace=True to replace it")
    METHODS[name] = method


def method_params(method: str, profile) -> dict:
    """The settings a :class:`~imbdiff.profiles.Profile` fixes for ``method``.

    Diffusion samplers get the profile's ``timesteps`` and ``train_steps`` (the
    per-cluster ones ``isodf_train_steps``); the GAN/VAE baselines its
    ``gan_epochs``; the others nothing.
    """
    spec = _method(method)
    if spec.family == "diffusion":
        steps = profile.isodf_train_steps if spec.per_cluster else profile.train_steps
        return {"timesteps": profile.timesteps, "train_steps": steps}
    if spec.family == "gan":
        return {"epochs": profile.gan_epochs}
    return {}


def _method(name: str) -> Method:
    try:
        return METHODS[name]
    except KeyError:
        raise ValueError(f"unknown method {name!r}; known methods: {sorted(METHODS)}") from None
