"""The experiment runner on a dask.distributed cluster: the local run's results, exactly."""

import glob
import os

import pandas as pd
import pytest

distributed = pytest.importorskip("distributed")
torch = pytest.importorskip("torch")

from imbdiff import profiles  # noqa: E402
from imbdiff.experiments import Experiment, run  # noqa: E402
from imbdiff.experiments._keys import code_digest
from imbdiff.experiments._cluster import SCHEDULER_VARIABLE, check_workers  # noqa: E402

SMOKE = profiles.get("smoke")
DATASETS = ("crg", "glass1")  # both bundled: no data folder needed on the workers
METHODS = ("Original", "SMOTE", "LReDDPM", "CTGAN")  # two torch methods
HAS_CUDA = torch.cuda.is_available()


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes, as on two machines."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


@pytest.fixture(autouse=True)
def _no_scheduler_variable(monkeypatch):
    monkeypatch.delenv(SCHEDULER_VARIABLE, raising=False)


def _grid(device="cpu"):
    return [
        Experiment.make(name, method, profile=SMOKE, **_device(method, device))
        for name in DATASETS
        for method in METHODS
    ]


def _device(method, device):
    return {} if method in ("Original", "SMOTE") else {"device": device}


def assert_same_results(first, second):
    """Every score, count, distance and generated row equal, bit for bit."""
    assert len(first) == len(second)
    for a, b in zip(first, second):
        assert a.experiment == b.experiment
        assert a.error == b.error
        pd.testing.assert_frame_equal(a.scores, b.scores, check_exact=True)
        counts = ("n_train", "n_generated", "n_removed", "guiding_rows")
        assert [getattr(a, c) for c in counts] == [getattr(b, c) for c in counts]
        assert a.distances == b.distances
        if a.generated is None:
            assert b.generated is None
        else:
            pd.testing.assert_frame_equal(a.generated, b.generated, check_exact=True)


def _ran_on_the_cluster(stream):
    return any("_run_group" in str(task["key"]) for task in stream.data)


@pytest.mark.parametrize(
    "device",
    ["cpu", pytest.param("cuda", marks=pytest.mark.skipif(not HAS_CUDA, reason="no GPU"))],
)
def test_a_grid_on_two_dask_workers_equals_the_local_run(cluster, tmp_path, device):
    grid = _grid(device)
    address = cluster.scheduler_address
    local = run(grid, cache=False, progress=False)
    assert all(r.ok for r in local), local.errors()
    assert all(r.n_generated > 0 for r in local if r.experiment.method != "Original")
    with distributed.Client(address) as client:
        with distributed.get_task_stream(client) as stream:
            remote = run(grid, backend="dask", scheduler=address, cache=tmp_path, progress=False)
    assert _ran_on_the_cluster(stream)
    assert_same_results(local, remote)
    # The workers wrote every cell to the shared cache: a rerun reads them back.
    cached = glob.glob(str(tmp_path / "joblib" / "**" / "output.pkl"), recursive=True)
    assert len(cached) == len(grid)
    again = run(grid, backend="dask", scheduler=address, cache=tmp_path, progress=False)
    assert_same_results(local, again)


def test_the_scheduler_address_can_come_from_the_environment(cluster, tmp_path, monkeypatch):
    monkeypatch.setenv(SCHEDULER_VARIABLE, cluster.scheduler_address)
    grid = [Experiment.make("glass1", "Original", repeats=1)]
    with distributed.Client(cluster.scheduler_address) as client:
        with distributed.get_task_stream(client) as stream:
            remote = run(grid, backend="dask", cache=tmp_path, progress=False)
    assert _ran_on_the_cluster(stream)
    assert_same_results(run(grid, cache=False, progress=False), remote)


def test_workers_read_the_data_with_the_clients_settings(cluster, tmp_path, monkeypatch):
    folder = str(tmp_path / "data")
    before = os.environ.get("IMBDIFF_DATA_DIR")
    monkeypatch.setenv("IMBDIFF_DATA_DIR", folder)  # set after the workers started
    # Lambdas travel by value and read the worker's own environment.
    setting = lambda: os.environ.get("IMBDIFF_DATA_DIR")  # noqa: E731
    with distributed.Client(cluster.scheduler_address) as client:
        try:
            assert folder not in client.run(setting).values()
            grid = [Experiment.make(name, "Original", repeats=1) for name in DATASETS]
            address = cluster.scheduler_address
            run(grid, backend="dask", scheduler=address, cache=False, progress=False)
            seen = client.run(setting)
        finally:
            client.run(
                lambda: os.environ.pop("IMBDIFF_DATA_DIR", None)
                if before is None
                else os.environ.__setitem__("IMBDIFF_DATA_DIR", before)
            )
    # Each of the two groups (datasets) ran on some worker, which now has the setting.
    assert folder in seen.values()


def test_dask_without_a_scheduler_address_is_refused(tmp_path):
    with pytest.raises(ValueError, match=SCHEDULER_VARIABLE):
        run([Experiment.make("glass1", "Original")], backend="dask", cache=tmp_path, progress=False)


def test_a_scheduler_for_another_backend_is_refused(tmp_path):
    with pytest.raises(ValueError, match="only used with backend='dask'"):
        run(
            [Experiment.make("glass1", "Original")],
            backend="loky",
            scheduler="tcp://127.0.0.1:8786",
            cache=tmp_path,
            progress=False,
        )


class _FakeClient:
    """Runs a function "on" two workers, here; ``blind`` workers see no files."""

    def __init__(self, digests, blind=()):
        self.digests = digests
        self.blind = set(blind)

    def run(self, function, *args):
        if function is code_digest:
            return dict(self.digests)
        return {w: (w not in self.blind) and function(*args) for w in self.digests}


def test_workers_that_cannot_reach_the_cache_are_named(tmp_path):
    digest = code_digest()
    client = _FakeClient({"tcp://a:1": digest, "tcp://b:1": digest}, blind=["tcp://b:1"])
    with pytest.raises(ValueError, match=r"\['tcp://b:1'\] cannot reach the experiment cache"):
        check_workers(client, str(tmp_path), digest)
    assert os.listdir(tmp_path) == []  # the probe file is removed
    check_workers(_FakeClient({"tcp://a:1": digest}), str(tmp_path), digest)


def test_workers_with_other_code_are_named(tmp_path):
    client = _FakeClient({"tcp://a:1": "mine", "tcp://b:1": "theirs"})
    with pytest.raises(ValueError, match=r"\['tcp://b:1'\] run other imbdiff code"):
        check_workers(client, str(tmp_path), "mine")
