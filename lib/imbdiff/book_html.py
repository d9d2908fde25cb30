"""Sphinx extension for the book's HTML: each chapter offers its jupytext source.

sphinx-book-theme's download menu offers a chapter's executed ``.ipynb`` (the page's
own source). Readers who edit or diff the chapter want the MyST-markdown file it was
executed from, ``notebooks/<part>/<chapter>.md``: this extension copies that file into
the built site beside the notebook (``_sources/book/<part>/<chapter>.md``) and adds a
``.md`` entry to the page's download menu.

Enable it in ``_config.yml``::

    sphinx:
      extra_extensions:
        - imbdiff.book_html
"""

from __future__ import annotations

import shutil
from pathlib import Path

from imbdiff.book import OUTPUT_DIR, SOURCE_DIR

__all__ = ["jupytext_source", "setup"]

#: The label of the added entry in the download menu (the browser test looks for it).
BUTTON_LABEL = "download-jupytext-button"


def jupytext_source(srcdir: Path | str, pagename: str) -> Path | None:
    """Return the ``notebooks/`` source a page was executed from, or None.

    Parameters
    ----------
    srcdir : path-like
        The book's root (the repository root).
    pagename : str
        Sphinx's name of the page, for example ``"book/lreddpm/02_regions"``.

    Returns
    -------
    pathlib.Path or None
        ``srcdir/notebooks/lreddpm/02_regions.md`` when that file exists.
    """
    prefix = OUTPUT_DIR + "/"
    if not pagename.startswith(prefix):
        return None
    source = Path(srcdir) / SOURCE_DIR / (pagename[len(prefix):] + ".md")
    return source if source.is_file() else None


def _offer_jupytext_source(app, pagename, templatename, context, doctree):
    source = jupytext_source(app.srcdir, pagename)
    if source is None or not context.get("page_source_suffix") == ".ipynb":
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    button = {
        "type": "link",
        "url": f"{context['pathto']('_sources', 1)}/{pagename}.md",
        "text": ".md",
        "icon": "fas fa-file-code",
        "tooltip": "Download the chapter's source (jupytext MyST markdown)",
        "label": BUTTON_LABEL,
    }
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            # after the .ipynb, before "print to PDF"
            group["buttons"].insert(len(group["buttons"]) - 1, button)


def setup(app):
    """Register the extension (Sphinx's entry point)."""
    # sphinx-book-theme fills the header buttons at priority 501: run after it.
    app.connect("html-page-context", _offer_jupytext_source, priority=510)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
