"""The part every diffusion sampler shares (private).

:class:`BaseDiffusionSampler` validates the input, types the rows by region when a
sampler asks for it, and for every class it oversamples runs one pipeline:

    table --TabularTransformer--> vectors --fit_denoiser--> DDPM
          --GaussianDiffusion.sample (+ the subclass's guidance)--> vectors
          --inverse_transform--> rows with the input's columns, dtypes and categories.

Subclasses say which rows train the DDPM (:meth:`_training_mask`), whether it is one
class-conditioned DDPM of the whole table instead (:meth:`_conditional_ddpm`), and what
the reverse process adds (:meth:`_sampling_options`: guidance, ``tau``, final shift).

Multi-class targets: every class that ``sampling_strategy`` oversamples gets its own
transformer and DDPM, fitted on that class's rows (or, conditional, all of them share
one transformer and one DDPM fitted on every row with its label); "minority" in the
docstrings means
"the class being oversampled" and "majority" means "every other class". In the usual
binary case (1 = minority) that is exactly the papers' setting.

The shared docstring parts live in :mod:`imbdiff._docstrings` and the table helpers
(frames in and out, parameter storing, the one-thread context) in
:mod:`imbdiff._sampler_helpers`; both are re-exported here. The DDPM training
functions stay here: ``memory`` caches them under this module's name.
"""

import numbers
from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd
import torch
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import check_sampling_strategy, check_target_type
from imblearn.utils._validation import ArraysTransformer
from sklearn.preprocessing import label_binarize
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_consistent_length, check_memory, column_or_1d
from sklearn_compat.base import _fit_context
from sklearn_compat.utils.validation import validate_data

from .diffusion import (
    ClippedDenoiser,
    FixedLabelDenoiser,
    GaussianDiffusion,
    MLPDenoiser,
    TabularTransformer,
    fit_denoiser,
    resolve_device,
)
from ._docstrings import fill_doc
from ._validation import nominal_columns
from ._sampler_helpers import (  # re-exported: the samplers import them from here
    _as_frame,
    _check_frame_values,
    _dense_frame,
    _empty_region_message,
    _is_auto,
    _label,
    _no_params,
    _one_cpu_thread,
    _stack,
    set_params_from,
)
from .regions import REGION_NAMES, region_types

__all__ = ["BaseTableSampler", "BaseDiffusionSampler", "fill_doc", "set_params_from"]

#: imbalanced-learn's named strategies plus "region" (as many rows as the region holds).
_STRATEGIES = {"auto", "minority", "not minority", "not majority", "all", "region"}

# Seeds drawn per oversampled class, in this order, so that every random source is
# seeded from ``random_state`` and changing one option never reshuffles the others
# (a guided and an unguided run share their sampling noise).
_SEED_NAMES = ("transformer", "init", "train", "classifier", "sample")


class BaseTableSampler(BaseOverSampler):
    """Base class of the samplers of tables: pandas in and out, nominal columns kept.

    imbalanced-learn's own base turns ``X`` into a numeric array before sampling; the
    generative samplers need the frame itself (dtypes, categories), so ``fit`` and
    ``fit_resample`` validate a DataFrame without converting it. Subclasses implement
    ``_fit_resample(X, y)`` and may override ``_set_counts`` (the number of rows per
    class, ``sampling_strategy_``).

    Warning: this class should not be used directly; use the derived classes.
    """

    sampling_strategy: object
    categorical_features: object
    device: object
    random_state: object
    verbose: bool

    _parameter_constraints: dict = {
        **BaseOverSampler._parameter_constraints,
        "categorical_features": [StrOptions({"auto"}), "array-like", None],
        "device": [str, torch.device],
        "verbose": ["boolean"],
    }

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, **params):
        """Check the input and compute ``sampling_strategy_``.

        As for every imbalanced-learn sampler, ``fit`` only validates and counts;
        the models are fitted by :meth:`fit_resample`, which is the method to use.

        Parameters
        ----------
        X : {array-like, dataframe} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        **params : dict
            As :meth:`fit_resample`.

        Returns
        -------
        self : object
        """
        self._check_fit_params(params)
        check_classification_targets(y)
        X, y, _ = self._check_X_y(X, y)
        self._set_counts(X, y, **params)
        return self

    def _check_fit_params(self, params):
        """Refuse the fit parameters this sampler does not take (default: all)."""
        _no_params(params)

    def _set_counts(self, X, y, **params):  # pylint: disable=unused-argument
        self.sampling_strategy_ = check_sampling_strategy(self.sampling_strategy, y, self._sampling_type)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_resample(self, X, y, **params):
        """Return the input rows followed by the generated ones.

        Parameters
        ----------
        X : {array-like, dataframe} of shape (n_samples, n_features)
            A DataFrame keeps its columns, dtypes and categories; an array its dtype.
        y : array-like of shape (n_samples,)
        **params : dict
            None are accepted, except ``region_types`` by the samplers that type
            rows by region (:class:`BaseDiffusionSampler`).

        Returns
        -------
        X_resampled : {ndarray, dataframe} of shape (n_samples_new, n_features)
        y_resampled : {ndarray, series} of shape (n_samples_new,)
        """
        # imblearn's version resolves sampling_strategy before _fit_resample, which
        # cannot know "region": the counts need the region typing done in _prepare.
        self._check_fit_params(params)
        check_classification_targets(y)
        arrays_transformer = ArraysTransformer(X, y)
        X, y, binarize_y = self._check_X_y(X, y)
        X_res, y_res = self._fit_resample(X, y, **params)
        if binarize_y:
            y_res = label_binarize(y_res, classes=np.unique(y))
        return arrays_transformer.transform(X_res, y_res)

    def _check_X_y(self, X, y):
        y, binarize_y = check_target_type(y, indicate_one_vs_all=True)
        if isinstance(X, pd.DataFrame):
            # Kept as a frame: the tabular transform needs its dtypes and categories.
            X = _dense_frame(X)
            validate_data(self, X=X, y=y, reset=True, skip_check_array=True)
            y = column_or_1d(y, warn=True)
            check_consistent_length(X, y)
            _check_frame_values(X, nominal_columns(X, self.categorical_features))
        else:
            explicit = not (self.categorical_features is None or _is_auto(self.categorical_features))
            # Nominal columns of an array may hold strings: keep the array's dtype then.
            X, y = validate_data(self, X=X, y=y, reset=True, dtype=None if explicit else "numeric")
        return X, y, binarize_y

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False  # a generative model on sparse rows would densify them anyway
        tags.input_tags.allow_nan = False
        tags.input_tags.categorical = True
        return tags


class BaseDiffusionSampler(BaseTableSampler):
    """Base class of the diffusion oversamplers: validation, regions, DDPM pipeline.

    Warning: this class should not be used directly; use the derived classes.
    """

    # The shared parameters, stored by each sampler's ``__init__`` (set_params_from);
    # declared here for readers and static checkers.
    region: object
    k_neighbors: int
    timesteps: int
    beta_start: float
    beta_end: float
    train_steps: int
    batch_size: int
    learning_rate: float
    hidden_dims: tuple
    clip_denoised: bool
    numeric_transform: str
    memory: object

    _parameter_constraints: dict = {
        **BaseTableSampler._parameter_constraints,
        "sampling_strategy": [
            Interval(numbers.Real, 0, 1, closed="right"),
            StrOptions(_STRATEGIES),
            Mapping,
            callable,
        ],
        "k_neighbors": [Interval(numbers.Integral, 1, None, closed="left")],
        "timesteps": [Interval(numbers.Integral, 1, None, closed="left")],
        "beta_start": [Interval(numbers.Real, 0, 1, closed="neither")],
        "beta_end": [Interval(numbers.Real, 0, 1, closed="neither")],
        "train_steps": [Interval(numbers.Integral, 1, None, closed="left")],
        "batch_size": [Interval(numbers.Integral, 1, None, closed="left")],
        "learning_rate": [Interval(numbers.Real, 0, None, closed="neither")],
        "hidden_dims": ["array-like"],
        "clip_denoised": ["boolean"],
        "numeric_transform": [StrOptions({"quantile", "quantile-midrank", "standard"})],
        "memory": [None, str, HasMethods(["cache"])],
    }

    # ------------------------------------------------------------------ hooks
    def _uses_regions(self):
        """Whether the rows are typed (sets ``region_types_``)."""
        return self.region is not None

    def _needs_region(self):
        """Whether the guiding region must hold rows of every oversampled class."""
        return self.sampling_strategy == "region"

    def _training_mask(self, y, klass):
        """Rows the DDPM of ``klass`` is trained on (default: the whole class)."""
        return y == klass

    def _conditional_ddpm(self):
        """Whether one class-conditioned DDPM learns every row with its label and
        generates each oversampled class from its label (FinDiff's way), instead of
        one DDPM per class on the rows of :meth:`_training_mask` (default: False)."""
        return False

    def _sampling_options(self, klass, Z, y, seed, device):  # pylint: disable=unused-argument
        """Keyword arguments of :meth:`GaussianDiffusion.sample` (default: none)."""
        return {}

    def _training_options(self):
        """Extra keyword arguments of :func:`train_denoiser` (default: none, so that
        the ``memory`` cache keys of the samplers that add none do not change)."""
        return {}

    def _check_fit_params(self, params):
        # region_types: rows typed by the caller, for example on a larger table than
        # the one fitted (the LReDDPM paper may have typed its whole dataset).
        unknown = {name: value for name, value in params.items() if name != "region_types"}
        _no_params(unknown)
        if params.get("region_types") is not None and not self._uses_regions():
            raise TypeError(f"{type(self).__name__} does not type rows by region; region_types is not used")

    def _set_counts(self, X, y, region_types=None):
        # With sampling_strategy="region" the counts need the region typing, so fit
        # does that too (and fails as fit_resample would on an empty region).
        if self.sampling_strategy == "region":
            self._prepare(X, y, region_types)
        else:
            super()._set_counts(X, y)

    # ------------------------------------------------------------------ fitting
    def _prepare(self, X, y, region_types=None):
        """Everything before the models: frame, strategy, regions. Returns the frame."""
        frame, nominal = _as_frame(X, self.categorical_features)
        resolve_device(self.device)  # a bad device fails here, before any work
        self.diffusion_ = GaussianDiffusion(self.timesteps, self.beta_start, self.beta_end)
        named = "auto" if self.sampling_strategy == "region" else self.sampling_strategy
        strategy = dict(check_sampling_strategy(named, y, self._sampling_type))
        needs_region = self._needs_region()
        if needs_region and self.region is None:
            raise ValueError("sampling_strategy='region' needs a region; pass region='safe' (or another)")
        if self._uses_regions():
            self._type_regions(frame, y, nominal, strategy, region_types)
            self.guiding_rows_ = {
                klass: int(np.count_nonzero(self.region_types_[y == klass] == self.region)) for klass in strategy
            }
        if needs_region:
            for klass, count in self.guiding_rows_.items():
                if count == 0 and (strategy[klass] > 0 or self.sampling_strategy == "region"):
                    raise ValueError(_empty_region_message(self.region, self.region_types_[y == klass], klass))
            if self.sampling_strategy == "region":
                strategy = dict(self.guiding_rows_)
        self.sampling_strategy_ = strategy
        return frame, nominal

    def _type_regions(self, frame, y, nominal, strategy, given=None):
        if given is not None:
            self.region_types_ = _given_region_types(given, y)
            return
        need = self.k_neighbors + 1
        for klass in strategy:
            got = int(np.count_nonzero(y == klass))
            if got < need:
                raise ValueError(
                    f"too few minority rows: got {got}, need at least {need} "
                    f"(k_neighbors + 1) to type them by region (class {_label(klass)!r})"
                )
        self.region_types_ = region_types(frame, y, k=self.k_neighbors, categorical_features=nominal)

    def _fit_resample(self, X, y, region_types=None):
        frame, nominal = self._prepare(X, y, region_types)
        device = resolve_device(self.device)
        rng = check_random_state(self.random_state)
        self.transformer_, self.denoiser_, self.loss_history_ = {}, {}, {}
        self._shared_ddpm = None  # the conditional DDPM, trained once per fit
        new_rows, new_labels = [], []
        try:
            with _one_cpu_thread(device):
                for klass, n_samples in self.sampling_strategy_.items():
                    # Seeds are drawn for every class, even one that gets no rows, so
                    # that a class's output does not depend on the counts asked of the others.
                    seeds = rng.randint(np.iinfo(np.int32).max, size=len(_SEED_NAMES)).tolist()
                    if n_samples == 0:
                        continue
                    seeds = dict(zip(_SEED_NAMES, seeds))
                    rows = self._generate(frame, nominal, y, klass, n_samples, seeds, device)
                    new_rows.append(rows)
                    new_labels.append(np.full(n_samples, klass, dtype=y.dtype))
        finally:
            del self._shared_ddpm
        return _stack(X, y, new_rows, new_labels)

    def _ddpm_for(self, frame, nominal, y, klass, seeds, device):
        """The trained DDPM that generates ``klass`` (the class's own, or the shared
        conditional one, trained with the seeds of the first class that asks for it:
        in the binary case the minority's, as its own DDPM would be)."""
        if not self._conditional_ddpm():
            train = self._training_mask(y, klass)
            return self._train_ddpm(frame, nominal, train, None, seeds, device)
        if self._shared_ddpm is None:
            every_row = np.ones(len(y), dtype=bool)
            self._shared_ddpm = self._train_ddpm(frame, nominal, every_row, y, seeds, device)
        return self._shared_ddpm

    def _train_ddpm(self, frame, nominal, train, y, seeds, device):
        """Fit a transform and a DDPM on the rows ``train`` (conditioned on ``y`` if given)."""
        train_ddpm = check_memory(self.memory).cache(train_class_ddpm, ignore=["progress"])
        labels = None if y is None else _label_codes(y)[train]
        transformer, denoiser, loss_history = train_ddpm(
            frame[train],
            nominal,
            labels=labels,  # hashed by memory like every argument: the cache keys on it
            schedule=(self.timesteps, self.beta_start, self.beta_end),
            hidden_dims=tuple(self.hidden_dims),
            train_steps=self.train_steps,
            batch_size=self.batch_size,
            learning_rate=self.learning_rate,
            numeric=self.numeric_transform,
            transformer_seed=seeds["transformer"],
            seeds=(seeds["init"], seeds["train"]),
            device=str(device),
            progress=self.verbose,
            **self._training_options(),
        )
        classes = None if y is None else np.unique(y)
        return _TrainedDDPM(transformer, denoiser, loss_history, train, classes)

    def _generate(self, frame, nominal, y, klass, n_samples, seeds, device):
        """Get the DDPM of one class (fit its transform and network), then draw
        ``n_samples`` rows of the class."""
        ddpm = self._ddpm_for(frame, nominal, y, klass, seeds, device)
        self.transformer_[klass], self.denoiser_[klass] = ddpm.transformer, ddpm.denoiser
        self.loss_history_[klass] = ddpm.loss_history
        Z = ddpm.transformer.transform(frame)  # every row: guidance classifiers need the rest
        options = self._sampling_options(klass, Z, y, seeds["classifier"], device)
        model = ddpm.denoiser
        if ddpm.classes is not None:
            model = FixedLabelDenoiser(model, int(np.searchsorted(ddpm.classes, klass)))
        if self.clip_denoised:
            low, high = Z[ddpm.rows].min(axis=0), Z[ddpm.rows].max(axis=0)
            model = ClippedDenoiser(model, self.diffusion_, low, high)
        Z_new = self.diffusion_.sample(
            model, n_samples, seeds["sample"], progress=self.verbose, device=device, **options
        )
        Z_new = Z_new.cpu().numpy()
        if not np.isfinite(Z_new).all():
            raise ValueError(
                "sampling diverged (non-finite values in the generated rows); "
                "lower tau or learning_rate, or train longer"
            )
        return ddpm.transformer.inverse_transform(Z_new)


class _TrainedDDPM(NamedTuple):
    """One trained DDPM and what sampling from it needs."""

    transformer: TabularTransformer
    denoiser: MLPDenoiser
    loss_history: np.ndarray
    rows: np.ndarray  # boolean mask of the training rows (their range clips the samples)
    classes: object  # sorted class labels of a conditional DDPM (label i = classes[i]); else None


def _label_codes(y):
    """Class labels as integers ``0 .. n_classes - 1`` in sorted order (``np.unique``)."""
    return np.unique(y, return_inverse=True)[1].ravel().astype(np.int64)


def train_denoiser(
    Z,
    *,
    hidden_dims,
    schedule,
    train_steps,
    batch_size,
    learning_rate,
    seeds,
    device,
    dropout=0.0,
    labels=None,
    early_stopping=None,
    progress=False,
):
    """Train an :class:`MLPDenoiser` on the vectors ``Z`` (one DDPM's network).

    A plain function of its arguments, so that ``memory`` (joblib) can cache it: the
    variants of one experiment (other guidance, tau or region; ISODF with and without
    ENN) train the same network on the same rows with the same seeds, and only the
    sampling is redone. With ``labels`` (integers ``0 .. K - 1``, every one present)
    the network is class-conditioned on them (FinDiff's label embedding).
    ``early_stopping``: ``None``, or a dict of :func:`fit_denoiser`'s early-stopping
    keywords (``validation_fraction``, ``n_iter_no_change``, ...) to stop on a
    held-out denoising loss.

    Returns
    -------
    denoiser : MLPDenoiser
    loss_history : ndarray
    """
    init_seed, train_seed = seeds
    n_classes = None if labels is None else int(np.max(labels)) + 1
    denoiser = MLPDenoiser(
        Z.shape[1], hidden_dims, dropout=dropout, generator=init_seed, n_classes=n_classes
    )
    loss_history = fit_denoiser(
        GaussianDiffusion(*schedule),
        denoiser,
        Z,
        labels,
        train_steps=train_steps,
        batch_size=batch_size,
        learning_rate=learning_rate,
        generator=train_seed,
        device=torch.device(device),
        progress=progress,
        **({} if early_stopping is None else {"early_stopping": True, **early_stopping}),
    )
    return denoiser, loss_history


def train_class_ddpm(
    rows, nominal, *, transformer_seed, numeric="quantile", labels=None, progress=False, **training
):
    """Fit the tabular transform on ``rows``, then :func:`train_denoiser` on them
    (class-conditioned on ``labels``, one per row, when given).

    ``numeric`` is the transform's scaling of the numeric columns.

    Returns
    -------
    transformer : TabularTransformer
    denoiser : MLPDenoiser
    loss_history : ndarray
    """
    transformer = TabularTransformer(
        categorical_features=nominal, numeric=numeric, random_state=transformer_seed
    )
    Z = transformer.fit_transform(rows)
    denoiser, loss_history = train_denoiser(Z, labels=labels, progress=progress, **training)
    return transformer, denoiser, loss_history


def _given_region_types(given, y):
    """The caller's ``region_types``, checked: one known region name per row."""
    types = np.asarray(given, dtype=object)
    if types.ndim != 1 or len(types) != len(y):
        raise ValueError(f"region_types must hold one region per row: got shape {types.shape} for {len(y)} rows")
    unknown = sorted(set(types.tolist()) - set(REGION_NAMES), key=str)
    if unknown:
        raise ValueError(f"unknown region types {unknown}; each must be one of {list(REGION_NAMES)}")
    return types.astype(str)
