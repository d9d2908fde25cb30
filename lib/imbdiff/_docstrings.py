"""The shared parts of the samplers' docstrings, filled in by :data:`fill_doc`.

As imbalanced-learn's ``Substitution``: one text per shared parameter or fitted
attribute, so that every sampler documents them the same way.
"""

from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution
from imblearn.utils._docstring import _random_state_docstring

_diffusion_parameters_docstring = """k_neighbors : int, default=5
        Neighbours used to type the rows (:func:`imbdiff.regions.region_types`,
        HVDM distance; the LReDDPM paper fixes 5). Each oversampled class needs at
        least ``k_neighbors + 1`` rows when regions are used.

    timesteps : int, default=1000
        Number of diffusion steps ``T`` (the paper: 1000).

    beta_start : float, default=1e-4
        ``beta_1`` of the linear variance schedule.

    beta_end : float, default=0.02
        ``beta_T`` of the linear variance schedule.

    train_steps : int, default=2000
        Adam steps of the denoiser (each on one mini-batch).

    batch_size : int, default=256
        Mini-batch size, capped at the number of training rows.

    learning_rate : float, default=1e-3
        Adam's learning rate, decayed linearly to zero over the run.

    hidden_dims : tuple of int, default=(256, 256)
        Widths of the denoiser's hidden layers (:class:`~imbdiff.diffusion.MLPDenoiser`).

    clip_denoised : bool, default=True
        At every reverse step, clip the denoiser's estimate of ``x_0`` to the range
        of the training rows (per transformed column) and take the step from the
        clipped estimate, as Ho et al.'s and Dhariwal & Nichol's samplers do for
        images (``clip_denoised``, range [-1, 1]). It keeps a strongly guided row
        that was pushed far off the data from running away (see the Notes of
        :class:`LReDDPMSampler`); ``False`` is the bare update of Eq. 3.

    numeric_transform : {"quantile", "quantile-midrank", "standard"}, \
            default="quantile"
        How the numeric columns are mapped to the space the DDPM runs in
        (:class:`~imbdiff.diffusion.TabularTransformer`'s ``numeric``).
        ``"quantile"``: scikit-learn's ``QuantileTransformer`` to a normal, as in
        FinDiff and TabDDPM; every value tied at a column's minimum (maximum) goes
        to z = -5.2 (+5.2), whatever its share. ``"quantile-midrank"``: the normal
        quantile of each value's mid-rank, so ties sit next to the other values
        (:class:`~imbdiff.diffusion.MidRankNormalMap`). Both clip generated values
        to the training range; ``"standard"`` (z-scores) does not.

    categorical_features : "auto", array-like of str, int or bool, or None, \
            default="auto"
        Nominal columns, embedded FinDiff-style. ``"auto"`` takes the ``category``,
        ``object``, ``string`` and ``bool`` columns of a DataFrame (none of an array);
        otherwise column names, positions or a boolean mask; ``None`` for none.

    device : str or torch.device, default="auto"
        ``"auto"`` uses CUDA when it is available, else the CPU.

    memory : str, joblib.Memory or None, default=None
        Where to cache the trained DDPMs (as in scikit-learn's ``Pipeline``): a
        directory or a ``joblib.Memory``. A second sampler trained on the same rows
        with the same settings and seeds reuses the network and only samples again,
        which is how the book runs the guidance, tau and region variants of one
        experiment. ``None`` caches nothing.""".rstrip()

_verbose_docstring = """verbose : bool, default=False
        Show tqdm progress bars for training and sampling.""".rstrip()

_fitted_docstring = """sampling_strategy_ : dict
        Number of rows generated for each oversampled class.

    transformer_ : dict
        Class label -> the fitted :class:`~imbdiff.diffusion.TabularTransformer`
        (one object shared by every class when the DDPM is conditional).

    denoiser_ : dict
        Class label -> the trained :class:`~imbdiff.diffusion.MLPDenoiser` (shared,
        class-conditioned, when the DDPM is conditional).

    loss_history_ : dict
        Class label -> ndarray of the denoiser's training loss at every step.

    diffusion_ : GaussianDiffusion
        The noise schedule shared by every class.

    n_features_in_ : int
        Number of input features.

    feature_names_in_ : ndarray of shape (n_features_in_,)
        Names of the input features, defined only when ``X`` has string column
        names.""".rstrip()


_counts_docstring = """sampling_strategy_ : dict
        Number of rows generated for each oversampled class.

    n_features_in_ : int
        Number of input features.

    feature_names_in_ : ndarray of shape (n_features_in_,)
        Names of the input features, defined only when ``X`` has string column
        names.""".rstrip()

#: Fills the shared parts of a diffusion sampler's docstring (imbalanced-learn style).
fill_doc = Substitution(
    # imblearn's text without its header line (whose default is "auto").
    sampling_strategy=BaseOverSampler._sampling_strategy_docstring.split("\n", 1)[1].lstrip(),
    diffusion_parameters=_diffusion_parameters_docstring,
    random_state=_random_state_docstring,
    verbose=_verbose_docstring,
    fitted=_fitted_docstring,
    counts=_counts_docstring,
)
