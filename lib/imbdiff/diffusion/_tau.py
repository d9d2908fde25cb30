"""Gradient-scale schedules tau(t, beta_t) for guided sampling (LReDDPM Sect. 4.1, 5.3)."""

from __future__ import annotations

import math
import numbers

from ._utils import sqrt

__all__ = ["tau_schedule", "TAU_SCHEDULES"]


def _one(t, beta_t):
    return 1.0


def _sixty(t, beta_t):
    return 60.0


def _inv_sqrt_beta(t, beta_t):
    return 1.0 / sqrt(beta_t)


def _sixty_inv_sqrt_beta(t, beta_t):
    return 60.0 / sqrt(beta_t)


#: The named schedules of the LReDDPM paper; "60/sqrt(beta)" is its default.
TAU_SCHEDULES = {
    "1": _one,
    "60": _sixty,
    "1/sqrt(beta)": _inv_sqrt_beta,
    "60/sqrt(beta)": _sixty_inv_sqrt_beta,
}


def tau_schedule(spec):
    """Return the gradient scale ``tau`` as a function of ``(t, beta_t)``.

    Algorithm 1 of LReDDPM shifts the reverse-step mean by ``tau * Sigma_t * grad``.
    The paper compares a static scale (1 or 60) with dynamic ones proportional to
    ``1 / sqrt(beta_t)`` and uses ``60 / sqrt(beta_t)`` throughout (Sect. 4.1).

    Parameters
    ----------
    spec : float, str or callable
        A finite number (constant scale); one of ``"1"``, ``"60"``, ``"1/sqrt(beta)"``,
        ``"60/sqrt(beta)"``; or a callable ``f(t, beta_t)`` returning a number (or a
        tensor broadcastable to one value per row).

    Returns
    -------
    callable
        ``f(t, beta_t)``. The sampler calls it once per reverse step with ``t`` the
        integer step in ``1..T`` and ``beta_t`` a Python float.

    Raises
    ------
    ValueError
        For any other string (the message lists the valid ones), a non-finite number,
        a bool, or an object that is neither number, string nor callable.

    Examples
    --------
    >>> tau_schedule("60/sqrt(beta)")(1, 1e-4)
    6000.0
    """
    if isinstance(spec, str):
        try:
            return TAU_SCHEDULES[spec.replace(" ", "")]
        except KeyError:
            valid = ", ".join(repr(k) for k in TAU_SCHEDULES)
            raise ValueError(
                f"unknown tau schedule {spec!r}; valid strings are {valid}, "
                "or pass a number or a callable of (t, beta_t)"
            ) from None
    if isinstance(spec, bool):
        raise ValueError("tau must be a number, a schedule name or a callable; got a bool")
    if isinstance(spec, numbers.Real):
        value = float(spec)
        if not math.isfinite(value):
            raise ValueError(f"tau must be finite; got {spec}")

        def constant(t, beta_t, _value=value):
            return _value

        constant.__name__ = f"tau_constant_{value:g}"
        return constant
    if callable(spec):
        return spec
    valid = ", ".join(repr(k) for k in TAU_SCHEDULES)
    raise ValueError(
        f"tau must be a number, one of {valid}, or a callable of (t, beta_t); "
        f"got {type(spec).__name__}"
    )
