"""Mixed tabular data <-> continuous vectors the diffusion runs on (FinDiff style)."""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd
from scipy.special import ndtri
from sklearn.preprocessing import QuantileTransformer, StandardScaler

from .._validation import resolve_nominal

__all__ = ["TabularTransformer", "category_embeddings"]

_NUMERIC = ("quantile", "quantile-midrank", "standard")

#: Most knots kept per column by the mid-rank map (all distinct values below it).
_MAX_KNOTS = 10_000


def category_embeddings(n_categories, dim, rng):
    """Fixed, well-separated embedding vectors for one nominal column.

    With ``n_categories <= dim + 1`` the vectors are the vertices of a regular simplex
    in a random orientation (all pairwise distances equal, the best possible spread).
    With more categories, random simplex projections are spread on a sphere by a few
    hundred deterministic repulsion steps (``dim = 1``: evenly spaced points in a random
    order). Rows are scaled so that their mean squared norm is ``dim``, i.e. unit
    second moment per coordinate, like the quantile/standard-scaled numeric columns
    and the diffusion noise.

    Parameters
    ----------
    n_categories : int
    dim : int
    rng : numpy.random.Generator

    Returns
    -------
    numpy.ndarray of shape (n_categories, dim), float64
    """
    k = int(n_categories)
    if k == 1:
        return np.zeros((1, dim))
    if dim == 1:
        emb = rng.permutation(np.linspace(-1.0, 1.0, k)).reshape(k, 1)
    else:
        basis = rng.standard_normal((k, k - 1))
        basis -= basis.mean(axis=0)
        q, _ = np.linalg.qr(basis)  # orthonormal basis of the plane orthogonal to 1
        m = min(dim, k - 1)
        rotation, _ = np.linalg.qr(rng.standard_normal((dim, dim)))
        emb = q[:, :m] @ rotation[:m]
        if k > dim + 1:
            emb = _spread_on_sphere(emb)
    return emb * np.sqrt(dim / np.mean(np.sum(emb**2, axis=1)))


def _spread_on_sphere(points, n_iter=300, step=0.05):
    p = points / np.linalg.norm(points, axis=1, keepdims=True)
    eye = np.eye(len(p), dtype=bool)
    for _ in range(n_iter):
        diff = p[:, None, :] - p[None, :, :]
        dist2 = np.where(eye, np.inf, np.sum(diff**2, axis=-1))
        force = np.sum(diff / dist2[..., None] ** 1.5, axis=1)
        p = p + step * force / np.max(np.linalg.norm(force, axis=1))
        p /= np.linalg.norm(p, axis=1, keepdims=True)
    return p


class MidRankNormalMap:
    """Map every numeric column to N(0, 1) by the normal quantile of its mid-ranks.

    A distinct training value ``v`` of a column of ``n`` rows maps to
    ``Phi^-1((F(v-) + F(v)) / 2)``, the normal quantile of the middle of the share of
    rows it holds (``F`` the empirical CDF). A tie group holding a share ``p`` at the
    column's minimum maps to ``Phi^-1(p / 2)``, a single minimum row to
    ``Phi^-1(1 / (2 n))`` and a constant column to 0. scikit-learn's
    ``QuantileTransformer`` instead sends every value equal to the minimum to quantile
    0 (clipped to z = -5.2) whatever its share, so a tie group of half the rows, or a
    single extreme row, sits 5 standard deviations away from the rest of the column.

    Values between two neighbouring training values are interpolated linearly in
    ``(x, z)``; values outside the training range map to the end scores. The inverse
    is piecewise linear, non-decreasing, and clips to the training range: it maps the
    band of scores a tie group's rows would take if they were distinct,
    ``[Phi^-1((r_first - 1/2) / n), Phi^-1((r_last - 1/2) / n)]`` for their ranks
    ``r``, to the tied value, and interpolates linearly between neighbouring bands
    (a value without ties has a band of one point, its mid-rank score). The band
    contains the group's mid-rank score, so every training value round-trips
    exactly; and a generated score near a tie group decodes to the tied value itself
    rather than to a value just above it that no training row has. All distinct
    values are knots up to ``max_knots``; above, ``max_knots`` of them are kept,
    evenly spaced in rank, the two ends included (deterministic; a tie group holding
    more than about ``1 / max_knots`` of the rows is always kept).

    Parameters
    ----------
    max_knots : int, default=10000
        At least 2.

    Attributes
    ----------
    knots_ : list of (ndarray, ndarray)
        Per column: the increasing distinct values ``x`` and their mid-rank scores.
    inverse_knots_ : list of (ndarray, ndarray)
        Per column: the increasing band ends ``z`` and their values ``x``.

    References
    ----------
    .. [1] Hazen, A. (1914). Storage to be provided in impounding reservoirs for
       municipal water supply. Transactions of the American Society of Civil
       Engineers 77, 1539-1640 (the plotting position ``(r - 1/2) / n``, which the
       mid-rank is for a value without ties).
    """

    def __init__(self, max_knots=_MAX_KNOTS):
        self.max_knots = max_knots

    def fit(self, values):
        """Learn the knots of every column of the 2-D float array ``values``."""
        knots = self.max_knots
        if isinstance(knots, bool) or not isinstance(knots, numbers.Integral) or knots < 2:
            raise ValueError(f"max_knots must be an integer >= 2; got {self.max_knots!r}")
        columns = np.asarray(values, dtype=np.float64).T
        knots = [_midrank_knots(column, self.max_knots) for column in columns]
        self.knots_ = [(x, z) for x, z, _, _ in knots]
        self.inverse_knots_ = [(z_band, x_band) for _, _, z_band, x_band in knots]
        return self

    def transform(self, values):
        """Normal scores of ``values`` (2-D, same columns as at fit)."""
        return self._map(values, inverse=False)

    def inverse_transform(self, scores):
        """Values of the normal ``scores``, within the training range of each column."""
        return self._map(scores, inverse=True)

    def _map(self, array, inverse):
        array = np.asarray(array, dtype=np.float64)
        if array.ndim != 2 or array.shape[1] != len(self.knots_):
            raise ValueError(
                f"expected an array of shape (n, {len(self.knots_)}); got {array.shape}"
            )
        out = np.empty_like(array)
        knots = self.inverse_knots_ if inverse else self.knots_
        for j, (source, target) in enumerate(knots):  # a loop over columns, not rows
            out[:, j] = np.interp(array[:, j], source, target)
        return out


def _midrank_knots(column, max_knots):
    """Knots of one column: its distinct values, their mid-rank normal scores, and
    the ends of every value's band of scores with the value repeated (the inverse)."""
    values, counts = np.unique(column, return_counts=True)
    upper = np.cumsum(counts)  # n F(v)
    n = float(upper[-1])
    mid = ndtri((2 * upper - counts) / (2 * n))  # (F(v-) + F(v)) / 2
    first, last = ndtri((upper - counts + 0.5) / n), ndtri((upper - 0.5) / n)
    if len(values) > max_knots:
        ranks = np.linspace(1, n, max_knots)[1:-1]
        keep = np.unique(np.r_[0, np.searchsorted(upper, ranks), len(values) - 1])
        values, mid, first, last = values[keep], mid[keep], first[keep], last[keep]
    band_z = np.column_stack([first, last]).ravel()
    band_x = np.repeat(values, 2)
    distinct = np.r_[True, np.diff(band_z) > 0]  # a value without ties: one point
    return values, mid, band_z[distinct], band_x[distinct]


class TabularTransformer:
    """Map a mixed numeric/nominal table to float32 vectors and back.

    * Numeric columns: ``numeric="quantile"`` (default) uses scikit-learn's
      ``QuantileTransformer(output_distribution="normal")``, as FinDiff and TabDDPM do:
      it makes skewed or heavy-tailed columns (common in the KEEL data) Gaussian-like,
      matching the diffusion's N(0, I) prior, and its inverse clips to the training
      range, so generated values never leave it. It sends every value equal to a
      column's minimum (maximum) to z = -5.2 (+5.2) whatever its share of the rows.
      ``numeric="quantile-midrank"`` (:class:`MidRankNormalMap`) maps each distinct
      value to the normal quantile of its mid-rank instead, so a tie group holding a
      share ``p`` at the minimum sits at ``Phi^-1(p / 2)``, next to the other values;
      its inverse also clips to the training range. ``numeric="standard"``
      (``StandardScaler``) is linear and can extrapolate. Integer columns are rounded
      back; every column keeps its dtype.
    * Nominal columns (pandas ``category``, ``object``, ``string`` or ``bool``, or those
      named in ``categorical_features``): each category becomes a fixed vector of
      length ``cat_embed_dim`` (:func:`category_embeddings`, seeded by ``random_state``)
      that is diffused jointly with the numeric columns, as in FinDiff. FinDiff learns its
      embeddings with the denoiser; here they are fixed and maximally spread, which keeps
      the transform independent of the network and makes decoding well posed. A
      generated vector decodes to the category whose embedding is nearest (Euclidean).

    Output columns follow the input order; a nominal column occupies
    ``cat_embed_dim`` consecutive columns (see ``output_slices_``).

    Parameters
    ----------
    categorical_features : "auto", list of column names or positions, or bool mask
        "auto" takes the category/object/string/bool columns of a DataFrame (none of a
        numpy array).
    numeric : {"quantile", "quantile-midrank", "standard"}, default="quantile"
        How numeric columns are scaled (see above).
    cat_embed_dim : int, default=3
    random_state : None or int, default=None
        Seeds the embeddings (and the quantile subsampling of very large tables).

    Attributes
    ----------
    columns_ : list
        Input columns (integer positions for numpy input).
    dtypes_ : dict
        Input dtype of every column.
    numeric_columns_, categorical_columns_ : list
    categories_ : dict
        Column -> pandas Index of its categories (a ``category`` dtype's declared
        categories, else the sorted observed values).
    embeddings_ : dict
        Column -> array (n_categories, cat_embed_dim).
    output_slices_ : dict
        Column -> slice of the output columns it occupies.
    n_features_out_ : int

    References
    ----------
    .. [1] Sattarov, T., Schreyer, M., Borth, D. (2023). FinDiff: Diffusion models for
       financial tabular data generation. ICAIF.
    .. [2] Kotelnikov, A. et al. (2023). TabDDPM: Modelling tabular data with diffusion
       models. ICML.
    """

    def __init__(self, *, categorical_features="auto", numeric="quantile", cat_embed_dim=3, random_state=None):
        self.categorical_features = categorical_features
        self.numeric = numeric
        self.cat_embed_dim = cat_embed_dim
        self.random_state = random_state

    # ------------------------------------------------------------------ fit
    def fit(self, X, y=None):
        """Learn the numeric scaling and the category embeddings of ``X``."""
        self._check_params()
        df = self._as_frame(X, fitting=True)
        if len(df) < 1:
            raise ValueError("X has no rows")
        self.columns_ = list(df.columns)
        self.dtypes_ = dict(df.dtypes)
        cats = self._categorical_mask(df)
        self.categorical_columns_ = [c for c, is_cat in zip(df.columns, cats) if is_cat]
        self.numeric_columns_ = [c for c, is_cat in zip(df.columns, cats) if not is_cat]
        self._fit_numeric(df)
        self._fit_categorical(df)
        self._layout()
        return self

    def _check_params(self):
        if self.numeric not in _NUMERIC:
            raise ValueError(f"numeric must be one of {_NUMERIC}; got {self.numeric!r}")
        d = self.cat_embed_dim
        if isinstance(d, bool) or not isinstance(d, numbers.Integral) or d < 1:
            raise ValueError(f"cat_embed_dim must be a positive integer; got {d!r}")

    def _as_frame(self, X, fitting=False):
        if isinstance(X, pd.DataFrame):
            if fitting:
                self.input_type_ = "dataframe"
            return X
        arr = np.asarray(X)
        if arr.ndim != 2:
            raise ValueError(f"X must be 2-D; got shape {arr.shape}")
        if fitting:
            self.input_type_ = "ndarray"
            self._array_dtype = arr.dtype
        return pd.DataFrame(arr)

    def _categorical_mask(self, df):
        return resolve_nominal(df, self.categorical_features).tolist()

    def _fit_numeric(self, df):
        self.scaler_ = None
        if not self.numeric_columns_:
            return
        values = self._numeric_values(df)
        if self.numeric == "quantile":
            self.scaler_ = QuantileTransformer(
                output_distribution="normal",
                n_quantiles=min(1000, len(df)),
                subsample=10_000,
                random_state=self.random_state,
            )
        elif self.numeric == "quantile-midrank":
            self.scaler_ = MidRankNormalMap()
        else:
            self.scaler_ = StandardScaler()
        self.scaler_.fit(values)

    def _numeric_values(self, df):
        num = df[self.numeric_columns_]
        bad = [c for c in num.columns if not _is_number(num[c].dtype)]
        if bad:
            raise ValueError(f"columns {bad} are neither numeric nor nominal (category/object/bool)")
        values = num.to_numpy(dtype=np.float64)
        for name, column in zip(num.columns, values.T):
            if np.isnan(column).any():
                raise ValueError(f"column {name!r} contains NaN; impute missing values first")
            if np.isinf(column).any():
                raise ValueError(f"column {name!r} contains infinite values")
        return values

    def _fit_categorical(self, df):
        rng = np.random.default_rng(self.random_state)
        self.categories_, self.embeddings_ = {}, {}
        for col in self.categorical_columns_:
            series = df[col]
            if series.isna().any():
                raise ValueError(f"categorical column {col!r} contains missing values")
            if isinstance(series.dtype, pd.CategoricalDtype):
                cats = series.cat.categories
            else:
                cats = pd.Index(sorted(pd.unique(series.to_numpy()), key=_sort_key))
            self.categories_[col] = cats
            self.embeddings_[col] = category_embeddings(len(cats), int(self.cat_embed_dim), rng)

    def _layout(self):
        self.output_slices_, start = {}, 0
        for col in self.columns_:
            width = int(self.cat_embed_dim) if col in self.embeddings_ else 1
            self.output_slices_[col] = slice(start, start + width)
            start += width
        self.n_features_out_ = start

    # ------------------------------------------------------------------ transform
    def transform(self, X, *, dtype=np.float32):
        """Encode ``X`` as an array of shape (n_samples, n_features_out_).

        Parameters
        ----------
        X : pandas.DataFrame or array-like
            Same columns as at fit.
        dtype : numpy dtype, default=numpy.float32
            float32 is what the network uses; its resolution (about 6e-8 relative in
            the transformed space) bounds the precision of a round trip. Pass
            ``numpy.float64`` for a round trip exact to about 1e-12.
        """
        self._check_fitted()
        df = self._as_frame(X)
        if list(df.columns) != self.columns_:
            raise ValueError(f"X must have the fitted columns {self.columns_}; got {list(df.columns)}")
        out = np.empty((len(df), self.n_features_out_), dtype=np.float64)
        if self.numeric_columns_:
            scaled = self.scaler_.transform(self._numeric_values(df))
            for j, col in enumerate(self.numeric_columns_):
                out[:, self.output_slices_[col]] = scaled[:, [j]]
        for col in self.categorical_columns_:
            out[:, self.output_slices_[col]] = self.embeddings_[col][self._codes(df[col], col)]
        return out.astype(dtype)

    def fit_transform(self, X, y=None, *, dtype=np.float32):
        """Fit, then transform ``X``."""
        return self.fit(X).transform(X, dtype=dtype)

    def _codes(self, series, col):
        cats = self.categories_[col]
        if series.isna().any():
            raise ValueError(f"categorical column {col!r} contains missing values")
        codes = cats.get_indexer(series.astype(object).to_numpy())
        if (codes < 0).any():
            unseen = sorted(set(series[codes < 0].astype(object)), key=_sort_key)
            raise ValueError(
                f"column {col!r} has categories unseen at fit: {unseen[:10]}; known: {list(cats)[:20]}"
            )
        return codes

    # ------------------------------------------------------------------ inverse
    def inverse_transform(self, Z):
        """Decode vectors back to the input's columns, order, dtypes and categories.

        Numeric columns are inverse-scaled (and rounded for integer dtypes); nominal
        columns take the category whose embedding is nearest in Euclidean distance.

        Returns
        -------
        pandas.DataFrame, or numpy.ndarray if the transformer was fitted on an array.
        """
        self._check_fitted()
        Z = np.asarray(Z, dtype=np.float64)
        if Z.ndim != 2 or Z.shape[1] != self.n_features_out_:
            raise ValueError(f"expected an array of shape (n, {self.n_features_out_}); got {Z.shape}")
        if not np.isfinite(Z).all():
            raise ValueError("the array to decode contains NaN or infinite values")
        data = {}
        if self.numeric_columns_:
            idx = [self.output_slices_[c].start for c in self.numeric_columns_]
            values = self.scaler_.inverse_transform(Z[:, idx])
            for j, col in enumerate(self.numeric_columns_):
                data[col] = _restore_numeric(values[:, j], self.dtypes_[col])
        for col in self.categorical_columns_:
            data[col] = self._decode(Z[:, self.output_slices_[col]], col)
        df = pd.DataFrame({col: data[col] for col in self.columns_}, columns=self.columns_)
        if self.input_type_ == "ndarray":
            return df.to_numpy().astype(self._array_dtype, copy=False)
        return df

    def _decode(self, block, col):
        emb = self.embeddings_[col]
        dist2 = np.sum((block[:, None, :] - emb[None, :, :]) ** 2, axis=-1)
        values = self.categories_[col].take(np.argmin(dist2, axis=1))
        dtype = self.dtypes_[col]
        if isinstance(dtype, pd.CategoricalDtype):
            return pd.Categorical(values, dtype=dtype)
        return pd.Series(np.asarray(values, dtype=object)).astype(dtype)

    def get_feature_names_out(self):
        """Names of the output columns: ``col`` for numerics, ``col_emb{i}`` for nominals."""
        self._check_fitted()
        names = []
        for col in self.columns_:
            if col in self.embeddings_:
                names += [f"{col}_emb{i}" for i in range(int(self.cat_embed_dim))]
            else:
                names.append(str(col))
        return np.asarray(names, dtype=object)

    def _check_fitted(self):
        if not hasattr(self, "n_features_out_"):
            raise ValueError("this TabularTransformer is not fitted yet; call fit first")


def _is_number(dtype):
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)


def _sort_key(value):
    return (type(value).__name__, value) if not isinstance(value, (int, float, np.number)) else ("", value)


def _restore_numeric(values, dtype):
    if pd.api.types.is_integer_dtype(dtype):
        info = np.iinfo(dtype.numpy_dtype if hasattr(dtype, "numpy_dtype") else dtype)
        values = np.clip(np.rint(values), info.min, info.max)
    return pd.array(values).astype(dtype) if pd.api.types.is_extension_array_dtype(dtype) else values.astype(dtype)
