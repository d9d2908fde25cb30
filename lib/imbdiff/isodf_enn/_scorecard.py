"""Chapter 09 of ISODF-ENN (the scorecard): the tally of the recorded verdicts, drawn."""

from __future__ import annotations

from ..report import titled


def scorecard_tally(card, *, profile=None):
    """The verdicts of ISODF-ENN's tallied claims as bars, titled with the profile.

    Parameters
    ----------
    card : DataFrame
        :func:`imbdiff.claims.scorecard`'s table (design statements, not tallied,
        are left out of the bars by :func:`imbdiff.report.tally_bars`).
    profile : Profile or str, optional
        The profile whose verdicts are drawn.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ..report import tally_bars

    return titled(tally_bars(card).figure, "Verdicts of ISODF-ENN's claims", profile)
