"""The one one-hot encoder (imbdiff._encoding) and the one nominal rule
(imbdiff._validation.nominal_columns), against pandas as an independent reference."""

import numpy as np
import pandas as pd
import pytest

from imbdiff._encoding import NOMINAL_BLOCK, one_hot_codes, one_hot_encoder
from imbdiff._validation import nominal_columns


@pytest.fixture
def mixed():
    return pd.DataFrame({
        "a": [1.0, 2.0, 3.0, 4.0],
        "colour": pd.Categorical(["red", "blue", "red", "green"], categories=["red", "green", "blue", "pink"]),
        "n": [10, 20, 30, 40],
        "word": ["x", "y", "x", "x"],
        "flag": [True, False, True, True],
    })


def test_nominal_columns_reads_category_object_string_and_bool_columns(mixed):
    assert nominal_columns(mixed) == ["colour", "word", "flag"]
    assert nominal_columns(mixed.astype({"word": "string"})) == ["colour", "word", "flag"]
    assert nominal_columns(mixed, ["n"]) == ["n"]
    assert nominal_columns(mixed, None) == []
    with pytest.raises(ValueError, match="not columns"):
        nominal_columns(mixed, ["nope"])


def test_the_encoder_matches_pandas_get_dummies_in_either_order(mixed):
    nominal = nominal_columns(mixed)
    reference = pd.get_dummies(mixed[nominal].astype(object), dtype=float)  # sorted values
    numeric = mixed[["a", "n"]].to_numpy(dtype=float)
    after = one_hot_encoder(nominal, nominal_first=False).fit_transform(mixed).astype(float)
    np.testing.assert_array_equal(after, np.hstack([numeric, reference.to_numpy()]))
    before = one_hot_encoder(nominal).fit_transform(mixed).astype(float)
    np.testing.assert_array_equal(before, np.hstack([reference.to_numpy(), numeric]))


def test_the_encoder_standardises_the_other_columns_and_ignores_unseen_categories(mixed):
    nominal = nominal_columns(mixed)
    encoder = one_hot_encoder(nominal, scale=True).fit(mixed)
    out = encoder.transform(mixed)
    numeric = out[:, encoder.output_indices_["other"]]
    np.testing.assert_allclose(numeric.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(numeric.std(axis=0), 1.0)
    unseen = mixed.assign(colour=pd.Categorical(["pink"] * 4, categories=["red", "green", "blue", "pink"]))
    colour = encoder.transform(unseen)[:, encoder.output_indices_[NOMINAL_BLOCK]][:, :3]
    assert not colour.any()  # blue, green, red: none is set
    strict = one_hot_encoder(nominal, handle_unknown="error").fit(mixed)
    with pytest.raises(ValueError, match="unknown categor"):
        strict.transform(unseen)


def test_the_encoder_decodes_its_indicators_back(mixed):
    nominal = nominal_columns(mixed)
    encoder = one_hot_encoder(nominal, nominal_first=False, handle_unknown="error").fit(mixed)
    indicators = encoder.transform(mixed)[:, encoder.output_indices_[NOMINAL_BLOCK]]
    decoded = encoder.named_transformers_[NOMINAL_BLOCK].inverse_transform(indicators)
    np.testing.assert_array_equal(decoded, mixed[nominal].astype(object).to_numpy())


def test_one_hot_codes_gives_every_level_its_column():
    codes = np.array([[0, 2], [1, 0], [0, 1]])
    expected = np.hstack([np.eye(3)[codes[:, 0]], np.eye(4)[codes[:, 1]]])
    np.testing.assert_array_equal(one_hot_codes(codes, [3, 4]), expected)
    assert one_hot_codes(np.empty((5, 0), dtype=int), []).shape == (5, 0)
