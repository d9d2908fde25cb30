"""Oversamplers with imbalanced-learn's ``fit_resample`` interface.

* :class:`LReDDPMSampler`: the DDPM guided towards one region of the minority class
  (Yang, Zeng & Duan, JAIR 2026);
* :class:`DDPMSampler`: the unguided DDPM (the FinDiff baseline) and the DDPM trained
  on one region only (the paper's Table 11);
* :class:`CTGANSampler`, :class:`TVAESampler`: the ``ctgan`` package's models fitted
  per class (the GAN and VAE baselines of LReDDPM);
* :class:`ISODFENNSampler`: DDPMs on ISODATA sub-clusters of the minority, then ENN on
  the majority (ISODF-ENN, J. Intell. Fuzzy Syst. 2024); :class:`ISODFSampler` is its
  over-sampling part alone (the paper's ablation "ISODF");
* :class:`GANSampler`, :class:`TWGANGPSampler`: the GAN and TWGAN-GP baselines of
  ISODF-ENN (small torch MLPs).

:class:`ISODFENNSampler` and :class:`TWGANGPSampler` also remove rows: they live in
:mod:`imbdiff.combine` (as ``SMOTEENN`` in imbalanced-learn's ``combine``), which builds
on this package.
"""

from ._ctgan import CTGANSampler, TVAESampler
from ._ddpm import DDPMSampler
from ._gan import GANSampler
from ._isodf import ISODFSampler
from ._lreddpm import LReDDPMSampler

__all__ = [
    "CTGANSampler",
    "TVAESampler",
    "DDPMSampler",
    "LReDDPMSampler",
    "ISODFSampler",
    "GANSampler",
]
