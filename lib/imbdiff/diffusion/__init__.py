"""Diffusion core: process, network, guidance, training and the tabular transform.

The pieces are kept apart as in openai/guided-diffusion:

* :class:`GaussianDiffusion`: the noise schedule, forward process, simplified loss and
  ancestral sampler (knows nothing about the network);
* :class:`MLPDenoiser`: the noise-prediction network (knows nothing about the schedule),
  optionally class-conditioned (FinDiff); :class:`FixedLabelDenoiser` binds a class to it;
* guidance: functions ``guidance(x_t, t) -> grad log p(y | x_t, ...)`` passed to the
  sampler (:func:`classifier_guidance`, :func:`train_classifier`), scaled by
  :func:`tau_schedule`; :func:`guidance_push` measures their strength;
* :func:`fit_denoiser`: the seeded training loop;
* :class:`TabularTransformer`: mixed tables <-> vectors with FinDiff-style embeddings
  (:class:`MidRankNormalMap`: its tie-aware quantile map of numeric columns).

Time steps are integers ``t`` in ``1..T`` everywhere (``t = 0`` is the data).
"""

from ._guidance import (
    ClassifierMLP,
    classifier_guidance,
    guidance_push,
    push_ratio,
    train_classifier,
)
from ._network import FixedLabelDenoiser, MLPDenoiser, timestep_embedding
from ._process import ClippedDenoiser, GaussianDiffusion
from ._tabular import MidRankNormalMap, TabularTransformer, category_embeddings
from ._tau import TAU_SCHEDULES, tau_schedule
from ._train import fit_denoiser
from ._utils import as_generator, check_finite, resolve_device

__all__ = [
    "ClippedDenoiser",
    "GaussianDiffusion",
    "MLPDenoiser",
    "FixedLabelDenoiser",
    "timestep_embedding",
    "fit_denoiser",
    "tau_schedule",
    "TAU_SCHEDULES",
    "classifier_guidance",
    "guidance_push",
    "push_ratio",
    "train_classifier",
    "ClassifierMLP",
    "TabularTransformer",
    "MidRankNormalMap",
    "category_embeddings",
    "resolve_device",
    "as_generator",
    "check_finite",
]
