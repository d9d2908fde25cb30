"""CTGAN and TVAE (Xu et al. 2019) as imbalanced-learn over-samplers.

The LReDDPM paper compares with both through "the existing codebase" (the ``ctgan``
package). Here each oversampled class gets its own model, fitted on that class's rows
only and asked for the missing rows, as the diffusion samplers do: the comparison
then differs only in the generator. Nominal columns are passed to ``ctgan`` as its
``discrete_columns``.
"""

import numbers

import numpy as np
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval

from ..diffusion import resolve_device
from ._base import BaseTableSampler, _as_frame, _one_cpu_thread, _stack, fill_doc, set_params_from

__all__ = ["CTGANSampler", "TVAESampler"]


class _CTGANFamilySampler(BaseTableSampler):
    """Shared fit/sample loop of the ``ctgan`` package's models (private)."""

    epochs: int
    batch_size: int

    _parameter_constraints: dict = {
        **BaseTableSampler._parameter_constraints,
        "epochs": [Interval(numbers.Integral, 1, None, closed="left")],
        "batch_size": [Interval(numbers.Integral, 10, None, closed="left")],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        epochs=300,
        batch_size=500,
        categorical_features="auto",
        device="auto",
        random_state=None,
        verbose=False,
    ):  # pylint: disable=unused-argument,super-init-not-called
        set_params_from(self, locals())  # both models take the same parameters

    def _make_model(self, cuda):
        raise NotImplementedError

    def _fit_resample(self, X, y):
        self._set_counts(X, y)
        frame, nominal = _as_frame(X, self.categorical_features)
        device = resolve_device(self.device)
        rng = check_random_state(self.random_state)
        self.model_ = {}
        new_rows, new_labels = [], []
        with _one_cpu_thread(device):
            for klass, n_samples in self.sampling_strategy_.items():
                seed = int(rng.randint(np.iinfo(np.int32).max))  # drawn even for 0 rows
                if n_samples == 0:
                    continue
                # ctgan (through rdt) needs string column names: positions, mapped back.
                rows = frame[y == klass].reset_index(drop=True)
                rows.columns = [f"c{i}" for i in range(frame.shape[1])]
                discrete = [f"c{frame.columns.get_loc(col)}" for col in nominal]
                model = self._make_model(cuda=device.type == "cuda")
                model.set_random_state(seed)
                model.fit(rows, discrete_columns=discrete)
                self.model_[klass] = model
                new = model.sample(n_samples)[list(rows.columns)]
                new.columns = frame.columns
                new_rows.append(_restore_categories(new, frame, nominal))
                new_labels.append(np.full(n_samples, klass, dtype=y.dtype))
        return _stack(X, y, new_rows, new_labels)


def _restore_categories(new, frame, nominal):
    """Give generated nominal columns the input's categories (ctgan returns objects)."""
    for col in nominal:
        new[col] = new[col].astype(frame[col].dtype)
    return new


_DOCSTRING = """Over-sample with <WHAT> trained per class.

    Parameters
    ----------
    {sampling_strategy}

    epochs : int, default=300
        Training epochs (``ctgan``'s default).

    batch_size : int, default=500
        Rows per mini-batch (``ctgan``'s default; CTGAN needs a multiple of its
        ``pac`` = 10 and rounds down to one).

    categorical_features : "auto", array-like of str, int or bool, or None, default="auto"
        Nominal columns, passed as ``discrete_columns``. ``"auto"`` takes the
        ``category``, ``object``, ``string`` and ``bool`` columns of a DataFrame.

    device : str or torch.device, default="auto"
        ``"auto"`` uses CUDA when it is available, else the CPU.

    {random_state}

    {verbose}

    Attributes
    ----------
    {counts}

    model_ : dict
        Class label -> the fitted ``ctgan.<MODEL>``.

    See Also
    --------
    <OTHER>

    References
    ----------
    .. [1] L. Xu, M. Skoularidou, A. Cuesta-Infante and K. Veeramachaneni, "Modeling
       tabular data using conditional GAN", NeurIPS 32, 2019.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from imbdiff.over_sampling import <MODEL>Sampler
    >>> X, y = make_classification(n_samples=200, weights=[0.8], random_state=0)
    >>> X_res, y_res = <MODEL>Sampler(epochs=2, random_state=0).fit_resample(X, y)
    >>> sorted(Counter(y_res).items())
    [(np.int64(0), 160), (np.int64(1), 160)]
    """


def _docstring(model, what, other):
    return _DOCSTRING.replace("<MODEL>", model).replace("<WHAT>", what).replace("<OTHER>", other)


@fill_doc
class CTGANSampler(_CTGANFamilySampler):
    __doc__ = _docstring(
        "CTGAN", "a conditional tabular GAN (CTGAN)", "TVAESampler : the variational autoencoder of the same paper."
    )

    def _make_model(self, cuda):
        from ctgan import CTGAN

        batch_size = self.batch_size - self.batch_size % 10  # CTGAN's pac divides it
        return CTGAN(epochs=self.epochs, batch_size=batch_size, verbose=self.verbose, enable_gpu=cuda)


@fill_doc
class TVAESampler(_CTGANFamilySampler):
    __doc__ = _docstring(
        "TVAE", "a tabular variational autoencoder (TVAE)", "CTGANSampler : the conditional GAN of the same paper."
    )

    def _make_model(self, cuda):
        from ctgan import TVAE

        return TVAE(epochs=self.epochs, batch_size=self.batch_size, verbose=self.verbose, enable_gpu=cuda)
