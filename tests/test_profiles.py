import pytest

from imbdiff import profiles


def test_profiles_order_by_cost():
    smoke, default, full = (profiles.get(name) for name in ("smoke", "default", "paper"))
    assert profiles.names() == ["smoke", "default", "paper"]
    assert smoke.timesteps < default.timesteps == full.timesteps == 1000
    assert smoke.train_steps < default.train_steps <= full.train_steps
    assert smoke.isodf_train_steps < default.isodf_train_steps <= full.isodf_train_steps
    assert len(smoke.datasets) < len(default.datasets) == 10


def test_paper_profile_uses_table1_datasets_in_order():
    assert profiles.get("paper").datasets == (
        "segment0", "spambase", "spectfheart", "turkish", "yeast3",
        "page0", "rice", "crg", "abalone17", "parkin",
    )


@pytest.mark.parametrize("given", ["yeast3, crg", ["yeast3", "crg"], ("yeast3", "crg")])
def test_datasets_override_accepts_string_or_sequence(given):
    assert profiles.get("smoke", datasets=given).datasets == ("yeast3", "crg")


def test_none_override_keeps_profile_value():
    assert profiles.get("default", datasets=None, repeats=None) == profiles.get("default")


def test_override_replaces_one_field_only():
    changed = profiles.get("default", repeats=3)
    assert changed.repeats == 3
    assert changed.timesteps == profiles.get("default").timesteps


def test_unknown_profile_is_named():
    with pytest.raises(ValueError, match="unknown profile 'fast'"):
        profiles.get("fast")


def test_unknown_setting_is_named():
    with pytest.raises(ValueError, match="tau"):
        profiles.get("smoke", tau=60)
