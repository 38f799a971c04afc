"""Serve a built site on 127.0.0.1 (briefing.site.server) and drive Debian's Chromium with Playwright.

Shared by the browser tests, `make screenshots` and the benchmarks. Every request to a host
other than the local server is blocked and recorded.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from ..site.plotly_mime import CANVAS_CLASS, DATA_CLASS
from ..site.server import TransferLog, serve  # the browser tools' server: gzip, cache headers

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Other hosts fail at once instead of hanging until a timeout (the machine may be offline);
    # the checks still see and record every such request.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
FIGURES_DRAWN = f"""() => [...document.querySelectorAll('.{CANVAS_CLASS}')]
    .every(el => el.querySelector('svg.main-svg'))"""
# Charts are drawn when they come into view, so a reader's scroll is what draws them all.
SCROLL_PAST_FIGURES = f"""async () => {{
    for (const canvas of document.querySelectorAll('.{CANVAS_CLASS}')) {{
        canvas.scrollIntoView({{block: 'center'}});
        await new Promise(resolve => setTimeout(resolve, 50));
    }}
    window.scrollTo(0, 0);
}}"""
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def chromium_path() -> str | None:
    explicit = os.environ.get("BRIEFING_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@contextlib.contextmanager
def chromium():
    """A headless Chromium browser (Playwright), or RuntimeError if there is none."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if not path:
        raise RuntimeError("Chromium not found: install Debian's 'chromium' package (see .ci/run)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class PageRecorder:
    """Opens pages with external requests blocked; records console errors and blocked URLs."""

    def __init__(self, browser, base_url: str, viewport=DESKTOP, color_scheme="light", touch: bool = False):
        self.base_url = base_url
        # touch: a phone's screen, where nothing hovers (is_mobile makes '(hover: none)' match).
        self.context = browser.new_context(viewport=viewport, color_scheme=color_scheme, has_touch=touch, is_mobile=touch)
        self.console_errors: list[str] = []
        self.external_requests: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort()

    def open(self, path: str, scroll: bool = True):
        page = self.context.new_page()
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(f"{path}: {msg.text}"))
        page.on("pageerror", lambda err: self.console_errors.append(f"{path}: {err}"))
        page.on("dialog", lambda dialog: (self.dialogs.append(f"{path}: {dialog.message}"), dialog.dismiss()))
        page.goto(self.base_url + path, wait_until="load")
        if scroll:
            draw_figures(page)
        return page

    def close(self):
        self.context.close()


def site_pages(site: Path) -> list[str]:
    """Relative paths of the site's content pages (chapters), in a stable order."""
    return sorted(str(p.relative_to(site)) for p in (site / "book").glob("*.html"))


def figure_pages(site: Path) -> list[str]:
    """Chapter pages with at least one chart, heaviest first."""
    markers = (DATA_CLASS, "plotly-graph-div")  # ours, or plotly's own inline renderer
    pages = [p for p in site_pages(site) if any(m in (site / p).read_text(encoding="utf-8") for m in markers)]
    return sorted(pages, key=lambda p: -(site / p).stat().st_size)


def draw_figures(page) -> None:
    """Scroll past every chart, as a reader would, and give them time to draw. Whether each one
    did is for the figure checks to find (with the page named), so a timeout is not raised here."""
    with contextlib.suppress(Exception):  # also: a page that navigates on (the root index redirects)
        page.evaluate(SCROLL_PAST_FIGURES)
        page.wait_for_function(FIGURES_DRAWN, timeout=15000)


def _settle(page, log: TransferLog) -> None:
    """Until the figures are drawn, the fonts are in and the server has sent nothing for 1 s
    (after the page's own load: prefetches and late requests count too)."""
    draw_figures(page)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    seen, quiet_since = -1, 0
    for _ in range(60):  # at most 30 s
        count = log.count()
        quiet_since = quiet_since + 1 if count == seen else 0
        if quiet_since >= 2:
            return
        seen = count
        page.wait_for_timeout(500)
    raise TimeoutError(f"{page.url}: requests still arriving after 30 s")


def reader_visits(browser, site: Path) -> dict[str, tuple[int, int]]:
    """What a reader downloads, as (file bytes, bytes on the wire with gzip), per visit.

    No request routing here: Playwright turns the HTTP cache off when routing is on, and the
    cache is what the later visits measure. (Other hosts are blocked by the checks elsewhere.)
    """
    heaviest, other = figure_pages(site)[:2]
    log = TransferLog()
    # Visits in one browser context share its cache; a new context starts with an empty one.
    journeys = ((("first visit: front page", "book/index.html"),
                 ("then: the heaviest figure page", heaviest),
                 ("later, warm cache: another figure page", other)),
                (("first visit straight to the heaviest figure page", heaviest),))
    visits = {}
    with serve(site, log) as base:
        for journey in journeys:
            context = browser.new_context()
            page = context.new_page()
            for label, path in journey:
                log.clear()
                page.goto(base + path, wait_until="load")
                _settle(page, log)
                visits[label] = (log.raw(), log.sent())
            context.close()
    return visits
