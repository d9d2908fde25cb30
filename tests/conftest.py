"""Shared fixtures."""

import sys

import pytest


@pytest.fixture(autouse=True)
def _restore_torch_threads():
    """The samplers pin torch to one thread while they run; undo any leak after a test."""
    torch = sys.modules.get("torch")
    before = torch.get_num_threads() if torch else None
    yield
    if before is not None:
        torch.set_num_threads(before)
