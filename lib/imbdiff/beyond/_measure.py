"""Time and peak memory of one call, each measured in a fresh process.

Every measurement runs in a fresh process, so that one method's caches, allocator
pools and threads cannot make another look cheaper or dearer. The processes are
forked from a multiprocessing *forkserver* that has already imported torch,
scikit-learn, imbalanced-learn, ctgan and this package, so that a new process starts
in a fraction of a second; in it, the method's sampler is built (and any module it
still needs imported) before the clock starts.

**Time** is the wall time of the timed call alone (``fit_resample``, or region
typing, or scikit-learn's kNN ``fit`` + ``kneighbors``), read with
:func:`time.perf_counter` inside the process, with one thread for torch and for the
BLAS/OpenMP pools (:mod:`threadpoolctl`).

**Peak memory** is the process's peak resident set (``ru_maxrss`` of
:func:`resource.getrusage`) minus that of a *baseline* process forked from the same
server that receives the same table, does the same setup (imports, building the
sampler, one tiny torch training step for the deep methods) and calls nothing. It
therefore counts what the timed call adds at its peak: the arrays and tensors it
allocates, torch's and numpy's allocator pools and libraries torch loads on first
use; it does not count the interpreter, the imported modules or the input table.
Values within a few MiB of zero are noise (the accounting is by pages, and allocators
keep freed memory). Where :mod:`resource` is missing (Windows) it is NaN.
"""

from __future__ import annotations

import math
import multiprocessing
import sys
import time
from dataclasses import dataclass

__all__ = ["Measurement", "OK", "SKIPPED", "STOPPED", "measure_call"]

#: Status of a measurement that ran to the end.
OK = "ok"
#: Status of a measurement not run: the method's share of the budget was spent
#: before it, or its predicted time (or a smaller size's) was over the time cap.
SKIPPED = "skipped: over budget"
#: Status of a measurement stopped when it reached the time cap.
STOPPED = "stopped: over time cap"

# The forkserver imports these once for every child; the cost methods' module holds
# the setup and timed call the children run.
_PRELOADED = (
    "numpy", "pandas", "torch", "sklearn.neighbors", "sklearn.cluster", "imblearn",
    "threadpoolctl", "ctgan", "imbdiff.beyond._cost_methods", "imbdiff.over_sampling",
)


@dataclass(frozen=True)
class Measurement:
    """One timed call: ``seconds`` and ``peak_mb`` are NaN unless ``status`` is "ok"."""

    seconds: float
    peak_mb: float
    status: str


def measure_call(function, *args, time_cap=None, setup=None) -> Measurement:
    """Time ``function(*args)`` in a fresh process and read its peak memory.

    Parameters
    ----------
    function : callable
        Picklable (defined at module level); its return value is discarded.
    *args
        Sent to the process; the baseline process receives them too.
    time_cap : float, optional
        Seconds after which the process is stopped (status :data:`STOPPED`).
    setup : callable, optional
        Called with ``args`` before the clock starts, in the measured process and
        in the baseline alike: imports and construction that are not to be timed.

    Returns
    -------
    Measurement
        ``peak_mb`` is the peak resident set above a baseline process that received
        the same ``args`` and called nothing, in MiB. A call that raises gives the
        status ``"failed: <error>"``.
    """
    if time_cap is not None and not time_cap > 0:
        raise ValueError(f"time_cap must be positive or None, got {time_cap!r}")
    baseline = _in_fresh_process(None, args, None, setup)
    return _measurement(_in_fresh_process(function, args, time_cap, setup), baseline)


def _context():
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Only the first call matters: the server keeps these modules for every child.
    context.set_forkserver_preload(list(_PRELOADED))
    return context


def _in_fresh_process(function, args, time_cap, setup=None):
    # (seconds, peak bytes) from a new process, or a status string. No function:
    # the baseline, which receives the arguments and calls nothing after the setup.
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, function, args, setup), daemon=True)
    process.start()
    sender.close()
    answered = False
    try:
        if not receiver.poll(time_cap):
            return STOPPED
        answered = True
        return receiver.recv()
    except EOFError:
        process.join()
        return f"failed: the process ended with exit code {process.exitcode}"
    finally:
        # A process that has answered exits by itself; one over its time cap is killed.
        process.join(timeout=10 if answered else 0)
        if process.is_alive():
            process.kill()
            process.join()
        receiver.close()


def _child(sender, function, args, setup):
    import warnings

    from threadpoolctl import threadpool_limits

    import torch

    torch.set_num_threads(1)
    # joblib cannot start workers in a daemon process and says so; one worker is meant.
    warnings.filterwarnings("ignore", message="Loky-backed parallel loops")
    with threadpool_limits(1):
        try:
            if setup is not None:
                setup(*args)
            started = time.perf_counter()
            if function is not None:
                function(*args)
            seconds = time.perf_counter() - started
        except Exception as error:  # reported to the parent, which records it
            message = str(error).splitlines()[0][:200] if str(error) else ""
            sender.send(f"failed: {type(error).__name__}: {message}")
            return
    sender.send((seconds, _peak_bytes()))


def _peak_bytes() -> float:
    try:
        import resource
    except ImportError:
        return math.nan
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return float(peak) if sys.platform == "darwin" else float(peak) * 1024


def _measurement(measured, baseline):
    if isinstance(measured, str):
        return Measurement(math.nan, math.nan, measured)
    if isinstance(baseline, str):
        return Measurement(measured[0], math.nan, OK)
    return Measurement(measured[0], (measured[1] - baseline[1]) / 2**20, OK)
