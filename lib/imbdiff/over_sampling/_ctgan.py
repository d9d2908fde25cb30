"""CTGAN and TVAE (Xu et al. 2019) as imbalanced-learn over-samplers.

The LReDDPM paper compares with both through "the existing codebase" (the ``ctgan``
package). Two ways to use them, chosen by ``train_on``:

* ``"minority"``: each oversampled class gets its own model, fitted on that class's
  rows only and asked for the missing rows, as the minority-only diffusion samplers
  do: the comparison then differs only in the generator.
* ``"all"``: one model of the whole table, the class label an extra discrete column,
  as CTGAN and TVAE are used as conditional generators (and as SDV samples them):
  rows of a class are drawn, CTGAN with its conditional vector set to the class
  (``sample(n, condition_column, condition_value)``), TVAE unconditionally since
  ``ctgan``'s TVAE has no conditional sampling, and only the rows whose generated
  label is the class are kept (rejection, in batches, a bounded number of rounds).
  The label column never reaches the output.

Nominal columns are passed to ``ctgan`` as its ``discrete_columns``.

``ctgan`` transforms a table of 500 rows or more with ``joblib.Parallel(n_jobs=-1)``,
and rdt's mode-specific normalisation draws each row's mode from numpy's global
generator, seeded and restored around each column. Inside a joblib worker (the
experiment runner's, or a user's ``cross_validate(n_jobs=2)``) that inner pool is a
thread pool, the threads race on the global generator, and the same ``random_state``
gave different models (on abalone17, decision-tree AUC 66, 54 and 60 in three runs).
Both samplers therefore run ``ctgan`` under ``joblib.parallel_config(backend=
"sequential")``: the columns are transformed one after the other, so a seed gives one
result in any process.
"""

import numbers

import numpy as np
import pandas as pd
from joblib import parallel_config
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions

from ..diffusion import resolve_device
from ..base import (
    BaseTableSampler,
    _as_frame,
    _label,
    _label_codes,
    _one_cpu_thread,
    _stack,
    fill_doc,
    set_params_from,
)

__all__ = ["CTGANSampler", "TVAESampler"]

#: The label column of ``train_on="all"`` (the data columns are named c0, c1, ...).
_LABEL = "label"
#: Rejection sampling: at most this many rounds, each sized by the acceptance rate seen
#: so far, never assuming a rate below ``_MIN_RATE`` nor drawing more than
#: ``_MAX_ROUND_ROWS`` rows (a model of a few epochs may give the minority label to
#: one row in a thousand: TVAE, one epoch on glass1, 0.12 %).
_MAX_ROUNDS = 10
_MIN_RATE = 1e-3
_MAX_ROUND_ROWS = 200_000


class _CTGANFamilySampler(BaseTableSampler):
    """Shared fit/sample loop of the ``ctgan`` package's models (private)."""

    train_on: str
    epochs: int
    batch_size: int

    #: Whether the model samples rows of one class given its label (CTGAN's condvec).
    _conditional_sampling = False

    _parameter_constraints: dict = {
        **BaseTableSampler._parameter_constraints,
        "train_on": [StrOptions({"minority", "all"})],
        "epochs": [Interval(numbers.Integral, 1, None, closed="left")],
        "batch_size": [Interval(numbers.Integral, 10, None, closed="left")],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        train_on="minority",
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
        # ctgan (through rdt) needs string column names: positions, mapped back.
        table = frame.reset_index(drop=True)
        table.columns = [f"c{i}" for i in range(frame.shape[1])]
        discrete = [f"c{frame.columns.get_loc(col)}" for col in nominal]
        device = resolve_device(self.device)
        rng = check_random_state(self.random_state)
        self.model_ = {}
        new_rows, new_labels = [], []
        shared = None
        # Sequential: ctgan's own column pool would make the seed's result depend on
        # the process (see the module docstring).
        with _one_cpu_thread(device), parallel_config(backend="sequential"):
            for klass, n_samples in self.sampling_strategy_.items():
                seed = int(rng.randint(np.iinfo(np.int32).max))  # drawn even for 0 rows
                if n_samples == 0:
                    continue
                cuda = device.type == "cuda"
                if self.train_on == "minority":
                    rows = table[y == klass].reset_index(drop=True)
                    model = self._fit_model(rows, discrete, seed, cuda)
                    new = model.sample(n_samples)
                else:
                    if shared is None:  # one model for every class, seeded by the first
                        labelled = table.assign(**{_LABEL: _label_codes(y)})
                        shared = self._fit_model(labelled, discrete + [_LABEL], seed, cuda)
                    model = shared
                    new = self._sample_class(model, y, klass, n_samples, seed)
                self.model_[klass] = model
                new = new[list(table.columns)].reset_index(drop=True)  # the label stays out
                new.columns = frame.columns
                new_rows.append(_restore_categories(new, frame, nominal))
                new_labels.append(np.full(n_samples, klass, dtype=y.dtype))
        return _stack(X, y, new_rows, new_labels)

    def _fit_model(self, rows, discrete, seed, cuda):
        model = self._make_model(cuda=cuda)
        model.set_random_state(seed)
        model.fit(rows, discrete_columns=discrete)
        return model

    def _sample_class(self, model, y, klass, n_samples, seed):
        """``n_samples`` rows of ``klass`` from a model of the whole table, by rejection.

        Each round draws enough rows for the missing ones at the acceptance rate seen
        so far (at first 1 with CTGAN's conditional vector, the class's share of the
        table without it), and keeps those whose generated label is the class.
        """
        code = int(np.searchsorted(np.unique(y), klass))
        # Every class samples from its own seed, whatever the other classes drew.
        model.set_random_state(int(np.random.RandomState(seed).randint(np.iinfo(np.int32).max)))
        condition = {}
        rate = float(np.mean(y == klass))
        if self._conditional_sampling:
            condition = {"condition_column": _LABEL, "condition_value": code}
            rate = 1.0
        kept, accepted, drawn = [], 0, 0
        for _ in range(_MAX_ROUNDS):
            size = int(np.ceil(1.1 * (n_samples - accepted) / max(rate, _MIN_RATE)))
            size = min(size, _MAX_ROUND_ROWS)
            batch = model.sample(size, **condition)
            hits = batch[batch[_LABEL].to_numpy() == code]
            kept.append(hits)
            accepted, drawn = accepted + len(hits), drawn + size
            if accepted >= n_samples:
                return pd.concat(kept, ignore_index=True).iloc[:n_samples]
            rate = accepted / drawn if accepted else rate / 10
        raise ValueError(
            f"{type(model).__name__} trained on all rows generated only {accepted} rows of class "
            f"{_label(klass)!r} among {drawn} in {_MAX_ROUNDS} rounds ({n_samples} asked): it "
            "rarely produces that class; train longer (epochs) or use train_on='minority'"
        )


def _restore_categories(new, frame, nominal):
    """Give generated nominal columns the input's categories (ctgan returns objects)."""
    for col in nominal:
        new[col] = new[col].astype(frame[col].dtype)
    return new


_DOCSTRING = """Over-sample with <WHAT>, per class or conditional on the class.

    Parameters
    ----------
    {sampling_strategy}

    train_on : {{"minority", "all"}}, default="minority"
        ``"minority"``: one model per oversampled class, fitted on that class's rows.
        ``"all"``: one model of every row with the class label as an extra discrete
        column; a class's rows are <HOW> and only rows whose generated label is the
        class are kept, in rounds, until enough (a ``ValueError`` if the model
        produces too few in ten rounds). The label is not returned.

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
        Class label -> the fitted ``ctgan.<MODEL>`` (one object shared by every class
        with ``train_on="all"``).

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


def _docstring(model, what, other, how):
    text = _DOCSTRING.replace("<MODEL>", model).replace("<WHAT>", what).replace("<OTHER>", other)
    return text.replace("<HOW>", how)


@fill_doc
class CTGANSampler(_CTGANFamilySampler):
    __doc__ = _docstring(
        "CTGAN",
        "a conditional tabular GAN (CTGAN)",
        "TVAESampler : the variational autoencoder of the same paper.",
        "drawn with CTGAN's conditional vector set to the class",
    )

    _conditional_sampling = True

    def _make_model(self, cuda):
        from ctgan import CTGAN

        batch_size = self.batch_size - self.batch_size % 10  # CTGAN's pac divides it
        return CTGAN(epochs=self.epochs, batch_size=batch_size, verbose=self.verbose, enable_gpu=cuda)


@fill_doc
class TVAESampler(_CTGANFamilySampler):
    __doc__ = _docstring(
        "TVAE",
        "a tabular variational autoencoder (TVAE)",
        "CTGANSampler : the conditional GAN of the same paper.",
        "drawn unconditionally (``ctgan``'s TVAE has no conditional sampling; SDV\n"
        "        samples it by rejection too)",
    )

    def _make_model(self, cuda):
        from ctgan import TVAE

        return TVAE(epochs=self.epochs, batch_size=self.batch_size, verbose=self.verbose, enable_gpu=cuda)
