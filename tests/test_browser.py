"""The smoke-built book as a reader's browser shows it, with no network.

Headless Chromium (Debian's package, driven by Playwright) opens every page of the book
built by the ``built_book`` fixture, served from a local HTTP server; every request that
leaves localhost is blocked and recorded. One visit per page measures what a reader
sees; the tests below each check one property over all pages and name the pages that
fail it. A screenshot of each page is kept (``IMBDIFF_SCREENSHOTS``, else beside the
build).

Chromium is required: without it the tests fail, telling how to install it (``.ci/run``
does). Set ``IMBDIFF_NO_BROWSER=1`` to skip them on a machine that cannot have it.
"""

import functools
import http.server
import os
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.slow

NO_BROWSER = "IMBDIFF_NO_BROWSER"
CHROMIUM = "IMBDIFF_CHROMIUM"
SCREENSHOTS = "IMBDIFF_SCREENSHOTS"
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
#: A small laptop's window (the issues' 1280 px): code lines of 88 characters and the
#: scorecards' tables must fit it.
VIEWPORT = {"width": 1280, "height": 800}
LEAKED_MYST = ("{code-cell}", "{cite", ":::", "{doc}", "{numref}", "```")
RAW_TEX = ("\\(", "\\)", "\\[", "\\]", "$$")

# Everything a reader sees on one page, measured in the page once MathJax is done.
MEASURE = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const article = document.querySelector("article.bd-article") || document.body;
  const prose = article.cloneNode(true);
  prose.querySelectorAll("pre, code, script, style, mjx-container, .cell_output")
    .forEach(node => node.remove());
  const text = (selector) => [...document.querySelectorAll(selector)]
    .map(node => node.textContent.trim());
  const longest = (pre) => pre.textContent.split("\\n")
    .reduce((a, b) => (b.length > a.length ? b : a), "");
  return {
    h1: (article.querySelector("h1") || {textContent: ""}).textContent.replace("#", "").trim(),
    prose: prose.textContent,
    images: [...document.images].map(img => ({
      src: img.getAttribute("src"), loaded: img.complete && img.naturalWidth > 0})),
    mathSpans: article.querySelectorAll("span.math, div.math").length,
    wideTables: [...article.querySelectorAll("table")]
      .filter(table => table.getBoundingClientRect().right
                       > article.getBoundingClientRect().right + 1).length,
    // A table wider than the article must scroll inside its own box, which keeps to the
    // article, with its first (key) column held in view.
    tables: [...article.querySelectorAll("table")].map(table => {
      const right = article.getBoundingClientRect().right + 1;
      let box = table.parentElement;
      while (box && box !== article
             && !["auto", "scroll"].includes(getComputedStyle(box).overflowX)) {
        box = box.parentElement;
      }
      const first = table.querySelector("tbody tr > :first-child");
      return {
        caption: (table.caption || {textContent: ""}).textContent.trim().slice(0, 80),
        fits: table.getBoundingClientRect().right <= right,
        boxed: !!box && box !== article && box.getBoundingClientRect().right <= right,
        keyHeld: !first || getComputedStyle(first).position === "sticky",
      };
    }),
    pageScrolls: document.documentElement.scrollWidth > window.innerWidth + 1,
    mathJax: article.querySelectorAll("mjx-container").length,
    sidebar: text("nav.bd-links a"),
    launch: [...document.querySelectorAll(".dropdown-launch-buttons a")]
      .map(a => [a.textContent.trim(), a.href]),
    downloads: [...document.querySelectorAll(".dropdown-download-buttons a")]
      .map(a => [a.textContent.trim(), a.href]),
    isNotebook: document.querySelectorAll(".cell").length > 0,
    scrolling: [...article.querySelectorAll("div.highlight pre")]
      .filter(pre => pre.scrollWidth > pre.clientWidth)
      .map(pre => longest(pre).slice(0, 120)),
    figures: [...article.querySelectorAll("figure")].map(figure => ({
      id: figure.id,
      caption: (figure.querySelector("figcaption") || {textContent: ""}).textContent.trim()})),
    links: [...document.querySelectorAll("a[href]")].map(a => a.href)
      .filter(href => href.startsWith(location.origin)),
  };
}"""


def _chromium():
    if os.environ.get(NO_BROWSER) == "1":
        pytest.skip(f"{NO_BROWSER}=1: the browser test is switched off")
    named = os.environ.get(CHROMIUM)
    path = named or next((p for p in CHROMIUM_PATHS if Path(p).is_file()), None)
    if not path or not Path(path).is_file():
        pytest.fail(
            f"no Chromium at {named or ' or '.join(CHROMIUM_PATHS)}: install it "
            f"(`apt-get install -y chromium`, as .ci/run does), name it in {CHROMIUM}, "
            f"or set {NO_BROWSER}=1 to skip the browser test"
        )
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def _serve(folder):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def _pages(html):
    return sorted(path.relative_to(html).as_posix() for path in (html / "book").rglob("*.html"))


@pytest.fixture(scope="module")
def rendered(request, tmp_path_factory):
    """Visit every page: ``(html_dir, {page: measurements}, blocked_urls)``."""
    executable = _chromium()  # fail before the long build when there is no browser
    from playwright.sync_api import sync_playwright

    html, _ = request.getfixturevalue("built_book")
    pages = _pages(html)
    assert pages, f"no pages under {html / 'book'}"
    shots = Path(os.environ.get(SCREENSHOTS) or html.parent / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    blocked, seen = [], {}

    def only_localhost(route):
        if urlsplit(route.request.url).hostname in {"127.0.0.1", "localhost"}:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with _serve(html) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-proxy-server"]
        )
        context = browser.new_context(viewport=VIEWPORT)
        context.route("**/*", only_localhost)
        page = context.new_page()
        for name in pages:
            page.goto(base + name, wait_until="load")
            seen[name] = page.evaluate(MEASURE)
            seen[name]["title"] = page.title()
            page.screenshot(path=shots / (name.replace("/", "__") + ".png"))
        browser.close()
    print(f"browser test: {len(pages)} pages, screenshots in {shots}")
    return html, seen, blocked


def _failing(seen, problem):
    found = {name: problem(page) for name, page in seen.items()}
    return {name: issue for name, issue in found.items() if issue}


def test_no_request_leaves_the_machine(rendered):
    _, _, blocked = rendered
    assert not blocked, sorted(set(blocked))[:20]


def test_every_page_has_its_heading_as_title(rendered):
    _, seen, _ = rendered
    assert not _failing(seen, lambda page: (
        not page["h1"] or not page["title"].startswith(page["h1"][:40])
    ) and (page["h1"], page["title"]))


def test_every_image_loads(rendered):
    _, seen, _ = rendered
    assert not _failing(seen, lambda page: [
        image["src"] for image in page["images"] if not image["loaded"]
    ])


def test_no_myst_syntax_leaks_into_the_prose(rendered):
    _, seen, _ = rendered
    assert not _failing(seen, lambda page: [
        marker for marker in LEAKED_MYST if marker in page["prose"]
    ])


def test_mathjax_typesets_every_formula_offline(rendered):
    _, seen, _ = rendered
    assert not _failing(seen, lambda page: [
        marker for marker in RAW_TEX if marker in page["prose"]
    ] + (["no mjx-container"] if page["mathSpans"] and not page["mathJax"] else []))
    assert sum(page["mathJax"] for page in seen.values()) > 0, "no page has any formula"


def test_sidebar_titles_are_plain_text(rendered):
    _, seen, _ = rendered
    titles = next(iter(seen.values()))["sidebar"]
    assert len(titles) >= 3
    assert [title for title in titles if re.search(r"[\\$]", title)] == []


def test_every_chapter_offers_launch_and_downloads(rendered):
    html, seen, _ = rendered

    def missing(page):
        if not page["isNotebook"]:
            return []
        launch = {text: href for text, href in page["launch"]}
        downloads = {text: href for text, href in page["downloads"]}
        gaps = [name for name in ("Binder", "Colab") if name not in launch]
        gaps += [suffix for suffix in (".ipynb", ".md") if suffix not in downloads]
        gaps += [href for suffix, href in downloads.items()
                 if suffix in {".ipynb", ".md"} and not _target(html, href).is_file()]
        return gaps

    notebooks = [name for name, page in seen.items() if page["isNotebook"]]
    assert notebooks
    assert not _failing(seen, missing)


def test_code_cells_do_not_scroll_sideways(rendered):
    _, seen, _ = rendered
    assert not _failing(seen, lambda page: page["scrolling"])


def test_every_table_fits_its_page_or_scrolls_in_its_own_box_with_its_key_column_held(rendered):
    _, seen, _ = rendered
    assert sum(len(page["tables"]) for page in seen.values()) > 50, "too few tables measured"
    assert not _failing(seen, lambda page: [
        table["caption"] or "(no caption)" for table in page["tables"]
        if not table["fits"] and not (table["boxed"] and table["keyHeld"])
    ])
    assert not _failing(seen, lambda page: page["pageScrolls"])


def test_scorecard_tables_fit_their_page(rendered):
    # The verdict and its interval must be visible at 1280 px without scrolling sideways.
    _, seen, _ = rendered
    cards = {name: page for name, page in seen.items() if "scorecard" in name}
    assert len(cards) == 2, sorted(cards)
    assert not _failing(cards, lambda page: page["wideTables"]), "tables wider than the page"


def test_every_figure_has_a_caption(rendered):
    _, seen, _ = rendered
    assert not _failing(seen, lambda page: [
        figure["id"] or "a figure" for figure in page["figures"] if not figure["caption"]
    ])


def _target(html, href):
    path = unquote(urlsplit(href).path).lstrip("/")
    target = html / path
    return target / "index.html" if target.is_dir() else target


@functools.lru_cache(maxsize=None)
def _ids(path):
    return set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))


def test_every_internal_link_resolves(rendered):
    html, seen, _ = rendered

    def broken(page):
        bad = []
        for href in sorted(set(page["links"])):
            target, fragment = _target(html, href), urlsplit(href).fragment
            if not target.is_file():
                bad.append(href)
            elif fragment and target.suffix == ".html" and unquote(fragment) not in _ids(target):
                bad.append(href)
        return bad

    assert not _failing(seen, broken)


def test_screenshots_are_kept(rendered):
    html, seen, _ = rendered
    shots = Path(os.environ.get(SCREENSHOTS) or html.parent / "screenshots")
    names = {path.name for path in shots.glob("*.png")}
    assert {name.replace("/", "__") + ".png" for name in seen} <= names
