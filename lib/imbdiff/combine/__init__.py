"""Samplers that add minority rows and remove rows of the other classes.

As imbalanced-learn's ``combine`` module holds ``SMOTEENN`` and ``SMOTETomek``:

* :class:`ISODFENNSampler`: ISODF (DDPMs on ISODATA sub-clusters of the minority)
  then ENN on the majority (ISODF-ENN, J. Intell. Fuzzy Syst. 2024);
* :class:`TWGANGPSampler`: clustering under-sampling of the majority then WGAN-GP
  over-sampling (the TWGAN-GP baseline of ISODF-ENN);
* :class:`BaseMixedSampler`: their base class (an inner over-sampler, then a rule
  saying which rows stay).
"""

from ._base import BaseMixedSampler
from ._isodf_enn import ISODFENNSampler
from ._twgan_gp import TWGANGPSampler

__all__ = ["BaseMixedSampler", "ISODFENNSampler", "TWGANGPSampler"]
