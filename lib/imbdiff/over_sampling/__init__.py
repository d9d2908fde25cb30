"""Diffusion oversamplers with imbalanced-learn's ``fit_resample`` interface.

* :class:`LReDDPMSampler`: the DDPM guided towards one region of the minority class
  (Yang, Zeng & Duan, JAIR 2026);
* :class:`DDPMSampler`: the unguided DDPM (the FinDiff baseline) and the DDPM trained
  on one region only (the paper's Table 11).
"""

from ._ddpm import DDPMSampler
from ._lreddpm import LReDDPMSampler

__all__ = ["DDPMSampler", "LReDDPMSampler"]
