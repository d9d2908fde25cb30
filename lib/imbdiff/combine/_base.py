"""The base of the samplers that add rows and then remove rows of the other classes."""

import numpy as np
import pandas as pd
from imblearn.base import BaseSampler
from sklearn.utils.validation import _num_samples
from sklearn_compat.base import _fit_context

from ..base import _as_frame, _dense_frame, _no_params

__all__ = ["BaseMixedSampler"]


class BaseMixedSampler(BaseSampler):
    """Over-sample with an inner sampler, then remove rows of the other classes (private).

    The pattern of imbalanced-learn's ``SMOTEENN``: the inner over-sampler validates
    the input, keeps pandas dtypes and returns the input rows followed by the new
    ones, in the input's containers; :meth:`_keep` then says which of those rows stay.
    Subclasses define :meth:`_oversampler` and :meth:`_keep`.
    """

    _sampling_type = "over-sampling"
    categorical_features: object

    def _oversampler(self):
        raise NotImplementedError

    def _keep(self, frame, nominal, labels, n_input):
        """Boolean mask of the balanced rows to keep (``n_input`` = input rows first)."""
        raise NotImplementedError

    def _adopt(self, inner):
        """Take the inner sampler's counts and feature bookkeeping."""
        self.sampling_strategy_ = inner.sampling_strategy_
        self.n_features_in_ = inner.n_features_in_
        if hasattr(inner, "feature_names_in_"):
            self.feature_names_in_ = inner.feature_names_in_
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, **params):
        """Check the input and compute ``sampling_strategy_`` (nothing is trained).

        Parameters
        ----------
        X : {array-like, dataframe} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        **params : dict
            None are accepted.

        Returns
        -------
        self : object
        """
        _no_params(params)
        self._adopt(self._oversampler().fit(X, y))
        return self

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_resample(self, X, y, **params):
        """Over-sample, then remove rows; return what is kept.

        Parameters
        ----------
        X : {array-like, dataframe} of shape (n_samples, n_features)
            A DataFrame keeps its columns, dtypes and categories; an array its dtype.
        y : array-like of shape (n_samples,)
        **params : dict
            None are accepted.

        Returns
        -------
        X_resampled : {ndarray, dataframe} of shape (n_samples_new, n_features)
            The kept input rows, in input order, then the generated rows.
        y_resampled : {ndarray, series} of shape (n_samples_new,)
        """
        _no_params(params)
        return self._fit_resample(X, y)

    def _fit_resample(self, X, y):
        # X and y are as the caller gave them: the inner sampler validates them.
        inner = self._oversampler()
        X_bal, y_bal = inner.fit_resample(X, y)
        self._adopt(inner)
        frame, nominal = _as_frame(_dense_frame(X_bal) if isinstance(X_bal, pd.DataFrame) else X_bal, self.categorical_features)
        keep = self._keep(_canonical(frame), nominal, _label_vector(y_bal), _num_samples(X))
        self.removed_indices_ = np.flatnonzero(~keep)
        return _take(X_bal, keep), _take(y_bal, keep)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        tags.input_tags.allow_nan = False
        tags.input_tags.categorical = True
        return tags


def _canonical(frame):
    """The frame rebuilt column by column, so its memory layout is the same for any input.

    A frame made from an array and one made by ``pd.concat`` hold their values in
    differently ordered blocks; reductions over them (HVDM's standard deviations)
    then differ in the last bit, enough to change k-means++ or a tied neighbour.
    """
    return pd.DataFrame({col: frame[col].reset_index(drop=True) for col in frame.columns}, columns=frame.columns)


def _label_vector(y):
    """1-D labels of an imbalanced-learn ``y`` (1-D, a column, or one-vs-all columns)."""
    labels = np.asarray(y)
    if labels.ndim == 2:
        return labels.ravel() if labels.shape[1] == 1 else labels.argmax(axis=1)
    return labels


def _take(data, keep):
    """Rows ``keep`` of ``data``, in the same container (frames get a fresh index)."""
    if isinstance(data, (pd.DataFrame, pd.Series)):
        return data.iloc[keep].reset_index(drop=True)
    if isinstance(data, list):  # only for list input, which is Python rows anyway
        return [row for row, kept in zip(data, keep) if kept]
    return data[keep]
