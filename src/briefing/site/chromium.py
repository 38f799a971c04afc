"""The site's headless browser: Debian's Chromium driven by Playwright, every request to another
host blocked and recorded, and charts drawn as a reader's scroll draws them.

Used by the site's own machinery (the PDF edition, the icon outlines) and by the checks
(briefing.checks.browser: the browser tests, `make screenshots`, the benchmarks).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from .plotly_mime import CANVAS_CLASS

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


def draw_figures(page) -> None:
    """Scroll past every chart, as a reader would, and give them time to draw. Whether each one
    did is for the figure checks to find (with the page named), so a timeout is not raised here."""
    with contextlib.suppress(Exception):  # also: a page that navigates on (the root index redirects)
        page.evaluate(SCROLL_PAST_FIGURES)
        page.wait_for_function(FIGURES_DRAWN, timeout=15000)
