"""Where :func:`~imbdiff.experiments.run` sends its cells: a joblib backend or a dask cluster.

With ``backend="dask"`` the runner connects a :class:`distributed.Client` to the
scheduler named by ``scheduler=`` or ``$IMBDIFF_DASK_SCHEDULER`` and hands it to
joblib's dask backend. The workers compute the cells *and write them to the cache*
themselves, as the local workers do: a finished cell is on disk even if the client
dies, and the cells of one dataset and split share their trained DDPM through the
cache's ``ddpm`` folder. The cache must therefore be one folder that every worker
sees at the same path; :func:`check_workers` verifies it (and that the workers run
the client's code) before any cell is sent.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from joblib import parallel_config

from ..datasets._download import CACHE_DIR_VARIABLE, DATA_DIR_VARIABLE, OFFLINE_VARIABLE
from ._keys import code_digest

__all__ = [
    "SCHEDULER_VARIABLE",
    "check_workers",
    "data_environment",
    "joblib_backend",
    "use_environment",
]

#: Environment variable with the dask scheduler's address (``tcp://host:8786``),
#: read when ``run(..., backend="dask")`` gets no ``scheduler``.
SCHEDULER_VARIABLE = "IMBDIFF_DASK_SCHEDULER"

#: The dataset settings a worker takes from the client, so that a cell reads the
#: same data wherever it runs (a dask worker does not inherit the client's
#: environment; a reused loky worker keeps the one it started with).
_DATA_VARIABLES = (DATA_DIR_VARIABLE, CACHE_DIR_VARIABLE, OFFLINE_VARIABLE)


def data_environment() -> dict:
    """The client's dataset variables that are set (``IMBDIFF_DATA_DIR``, ...)."""
    return {name: os.environ[name] for name in _DATA_VARIABLES if name in os.environ}


def use_environment(environment: dict) -> None:
    """Give this process the client's dataset variables (in the client: no change).

    The values are not restored afterwards: another thread of the same process may
    be running a cell of the same run, and a worker serves one run at a time.
    """
    for name, value in environment.items():
        if os.environ.get(name) != value:
            os.environ[name] = value


@contextlib.contextmanager
def joblib_backend(backend, scheduler, location, digest=None):
    """The ``backend`` argument for :class:`joblib.Parallel`, set up for the run.

    ``digest`` is the client's :func:`~imbdiff.experiments._keys.code_digest` (computed
    here when not given, and only for dask).

    For ``"dask"`` this connects to the scheduler, checks the workers
    (:func:`check_workers`) and yields ``None`` inside a
    :func:`joblib.parallel_config` that selects the dask backend with that client;
    the client is closed afterwards. Any other value is yielded unchanged.

    Raises
    ------
    ValueError
        If ``backend="dask"`` has no scheduler address, if ``scheduler`` is given
        for another backend, or if the workers fail :func:`check_workers`.
    ImportError
        If ``backend="dask"`` and ``distributed`` is not installed.
    """
    if backend != "dask":
        if scheduler is not None:
            raise ValueError(
                f"scheduler= is only used with backend='dask'; got backend={backend!r}"
            )
        yield backend
        return
    address = scheduler or os.environ.get(SCHEDULER_VARIABLE)
    if not address:
        raise ValueError(
            "backend='dask' needs the scheduler's address: pass scheduler='tcp://host:8786' "
            f"or set the environment variable {SCHEDULER_VARIABLE}"
        )
    try:
        from distributed import Client
    except ImportError as exc:
        raise ImportError(
            "backend='dask' needs dask.distributed: pip install 'imbdiff[cluster]'"
        ) from exc
    with Client(address, set_as_default=False) as client:
        check_workers(client, location, digest or code_digest())
        with parallel_config(backend="dask", client=client):
            yield None


def check_workers(client, location, digest) -> None:
    """Check that every worker runs this code and reaches the cache folder.

    Parameters
    ----------
    client : distributed.Client
    location : str or None
        The cache folder as the client resolved it (``None``: no cache).
    digest : str
        The client's :func:`~imbdiff.experiments._keys.code_digest`.

    Raises
    ------
    ValueError
        Naming the workers whose package differs (their results would be cached
        under the client's code) or that cannot read a file the client has just
        written into ``location`` (their results would be lost, or kept where the
        client never looks).
    """
    digests = client.run(code_digest)
    stale = sorted(worker for worker, theirs in digests.items() if theirs != digest)
    if stale:
        raise ValueError(
            f"dask workers {stale} run other imbdiff code than this client: install the "
            "same version of the package on every worker"
        )
    if location is None:
        return
    token = secrets.token_hex(8)
    marker = Path(location) / f".reachable-{token}"
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(token)
    try:
        seen = client.run(_reads, str(marker), token)
    finally:
        marker.unlink()
    blind = sorted(worker for worker, ok in seen.items() if not ok)
    if blind:
        raise ValueError(
            f"dask workers {blind} cannot reach the experiment cache {location}: put it on "
            "storage that every worker mounts at the same path and name it with cache= or "
            "IMBDIFF_EXPERIMENT_CACHE"
        )


def _reads(path, token):
    try:
        return Path(path).read_text() == token
    except OSError:
        return False
