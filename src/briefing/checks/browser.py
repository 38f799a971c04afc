"""The checks' side of the browser: a built site served on 127.0.0.1 (briefing.site.server), its
pages listed, and what a reader downloads per visit measured. The browser itself (Chromium
through Playwright, other hosts blocked) is briefing.site.chromium, re-exported here.

Shared by the browser tests, `make screenshots` and the benchmarks. What the tests look at in an
open page is briefing.checks.page_checks.
"""

from __future__ import annotations

from pathlib import Path

from ..site.chromium import DESKTOP, PHONE, PageRecorder, chromium, chromium_path, draw_figures
from ..site.plotly_mime import DATA_CLASS
from ..site.server import TransferLog, serve  # the browser tools' server: gzip, cache headers

__all__ = ["DESKTOP", "PHONE", "PageRecorder", "chromium", "chromium_path", "draw_figures", "figure_pages",
           "reader_visits", "serve", "site_pages"]

def site_pages(site: Path) -> list[str]:
    """Relative paths of the site's content pages (chapters), in a stable order."""
    return sorted(str(p.relative_to(site)) for p in (site / "book").glob("*.html"))


def figure_pages(site: Path) -> list[str]:
    """Chapter pages with at least one chart, heaviest first."""
    markers = (DATA_CLASS, "plotly-graph-div")  # ours, or plotly's own inline renderer
    pages = [p for p in site_pages(site) if any(m in (site / p).read_text(encoding="utf-8") for m in markers)]
    return sorted(pages, key=lambda p: -(site / p).stat().st_size)


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
    # The journey starts on the front page, so the figure pages it goes on to are two others
    # (the front page, which has a chart, may itself be among the heaviest).
    heaviest, other = [p for p in figure_pages(site) if p != "book/index.html"][:2]
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
