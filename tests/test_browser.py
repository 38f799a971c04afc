"""The built site in a real browser (Debian's Chromium through Playwright), external hosts blocked.

Skipped with a plain notice where there is no Chromium; .ci/run sets BRIEFING_REQUIRE_BROWSER=1,
which turns that skip into a failure. What each check looks at on a page, and how, is
briefing.checks.page_checks; the browser, the local server and the list of pages are
briefing.checks.browser. Here: the pages to visit, what must hold, and pages made to break each check.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.checks import browser, page_checks
from briefing.site import vendor
from conftest import ROOT, build, copy_project, need

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def chromium():
    need(browser.chromium_path() is not None, "Chromium (/usr/bin/chromium)")
    with browser.chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def site(built_site):
    with browser.serve(built_site) as base:
        yield base, built_site


# --- the real site ---------------------------------------------------------------------------------

def test_every_page_is_clean_offline_and_its_figures_render(chromium, site):
    base, root = site
    recorder = browser.PageRecorder(chromium, base)
    report = {}
    for path in browser.site_pages(root) + ["search.html", "index.html"]:
        page = recorder.open(path)
        problems = page_checks.figure_problems(page) + page_checks.table_problems(page)
        if page.locator(".briefing-plotly").count() and not page_checks.hover_shows_label(page):
            problems.append("hovering a point shows no label")
        if path.startswith("book/"):  # the chapters; the root index.html only redirects
            problems += page_checks.icon_problems(page) + page_checks.contents_problems(page) + page_checks.gridline_problems(page)
        if problems:
            report[path] = problems
        page.close()
    recorder.close()
    assert recorder.console_errors == []
    assert recorder.external_requests == []
    assert report == {}


def test_every_page_passes_axe(chromium, site):
    need(AXE.is_file(), "axe-core (npm ci)")
    base, root = site
    recorder = browser.PageRecorder(chromium, base)
    report = {}
    for path in browser.site_pages(root):
        page = recorder.open(path)
        problems = page_checks.axe_problems(page, AXE)
        if problems:
            report[path] = problems
        page.close()
    recorder.close()
    assert report == {}


def test_phone_width_no_sideways_scroll_and_no_cut_off_labels(chromium, site):
    base, root = site
    recorder = browser.PageRecorder(chromium, base, viewport=browser.PHONE)
    report = {}
    for path in browser.site_pages(root):
        page = recorder.open(path)
        report[path] = page_checks.overflow_problems(page) + page_checks.clipped_label_problems(page)
        page.close()
    recorder.close()
    assert {k: v for k, v in report.items() if v} == {}


def test_phone_tables_read_as_labelled_rows(chromium, site):
    """At 390 px a table of prose squeezed into columns is unreadable and one scrolled sideways
    hides its columns: each row is shown as a block of labelled values, and any table that still
    scrolls sideways says so (a shadow on its edge and a line above it)."""
    base, root = site
    recorder = browser.PageRecorder(chromium, base, viewport=browser.PHONE)
    report, tables = {}, 0
    for path in browser.site_pages(root):
        page = recorder.open(path, scroll=False)
        report[path] = page_checks.phone_table_problems(page)
        tables += page_checks.table_count(page)
        page.close()
    recorder.close()
    assert tables, "no table on any page: the check would pass on anything"
    assert {k: v for k, v in report.items() if v} == {}


@pytest.mark.parametrize("width", [browser.DESKTOP["width"], 768])
def test_tables_fit_a_desktop_or_tablet_page(chromium, site, width):
    """Above phone width tables keep their columns, and every column is in view: none hides its
    Source column behind a sideways scroll."""
    base, root = site
    recorder = browser.PageRecorder(chromium, base, viewport={"width": width, "height": 900})
    report = {}
    for path in browser.site_pages(root):
        page = recorder.open(path, scroll=False)
        report[path] = page_checks.wide_table_problems(page)
        page.close()
    recorder.close()
    assert {k: v for k, v in report.items() if v} == {}


PHONE_TABLE_BROKEN_PAGE = """<!doctype html><html lang="en"><head><title>tables</title></head><body><main>
<div class="briefing-table-wrap"><table class="briefing-table"><caption>Wide</caption>
<thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td style="white-space: nowrap">{long}</td><td>b</td></tr></tbody>
</table></div></main></body></html>"""


def test_phone_table_check_fails_on_columns_and_on_a_silent_scroll(chromium, tmp_path):
    """A page without the site's script and styles: its table keeps its columns, and its long
    line scrolls sideways with no cue. Both are reported."""
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "tables.html").write_text(PHONE_TABLE_BROKEN_PAGE.format(long="word " * 80), encoding="utf-8")
    with browser.serve(tmp_path) as base:
        recorder = browser.PageRecorder(chromium, base, viewport=browser.PHONE)
        page = recorder.open("book/tables.html", scroll=False)
        assert page_checks.phone_table_problems(page) == [
            "Wide: rows are not stacked", "Wide: 2 value(s) without their column's name", "Wide: scrolls sideways with no cue"]
        recorder.close()


def test_a_tap_shows_the_quote_behind_a_source_link(chromium, site):
    """Hovering shows a link's title; a touch screen cannot hover, so the first tap shows it."""
    base, _root = site
    recorder = browser.PageRecorder(chromium, base, viewport=browser.PHONE, touch=True)
    page = recorder.open("book/timeline.html", scroll=False)
    link = page.locator("a.source-link[title]:not(.cite)").first
    quote = link.get_attribute("title")
    link.scroll_into_view_if_needed()
    link.tap()
    shown = page.locator(".briefing-quote").first
    assert shown.is_visible() and quote in shown.inner_text()
    assert page.url.endswith("book/timeline.html"), "the first tap stays on the page"
    recorder.close()


def test_dark_theme_charts_follow(chromium, site):
    base, root = site
    recorder = browser.PageRecorder(chromium, base, color_scheme="dark")
    report = {}
    for path in browser.site_pages(root):
        page = recorder.open(path)
        if page.locator(".briefing-plotly, .briefing-table").count():
            report[path] = page_checks.dark_theme_problems(page) + page_checks.gridline_problems(page)
    recorder.close()
    assert report and {k: v for k, v in report.items() if v} == {}


def test_charts_and_plotly_js_wait_until_a_reader_scrolls_to_them(chromium, site):
    base, root = site
    recorder = browser.PageRecorder(chromium, base, viewport=browser.PHONE)
    report, far_pages = {}, 0
    for path in browser.figure_pages(root):
        page = recorder.open(path, scroll=False)
        page.wait_for_timeout(500)
        before = page_checks.lazy_state(page)
        problems = []
        if before["belowAndDrawn"]:
            problems.append(f"{before['belowAndDrawn']} chart(s) below the screen drawn before scrolling")
        if not before["anyInView"]:
            far_pages += 1
            if before["plotlyRan"]:
                problems.append("plotly.js ran with no chart in view")
        if not before["anyInView"]:
            page.emulate_media(media="print")
            printed = page_checks.printed_undrawn(page)
            if printed != ["description shown, box hidden"] * len(printed) or not printed:
                problems.append(f"printing before scrolling: {printed}")
            page.emulate_media(media="screen")
        browser.draw_figures(page)
        problems += page_checks.figure_problems(page)
        if problems:
            report[path] = problems
        page.close()
    recorder.close()
    assert report == {}
    assert far_pages, "no page has its charts below the first screen: the lazy loading is not exercised"
    assert recorder.console_errors == []


# What the reading-weight targets allow (bytes on the wire, gzip): the first visit to a page with
# charts, plotly.js included, and each further page once the shared files are cached.
FIRST_VISIT_BUDGET = 1_600_000
FURTHER_PAGE_BUDGET = 60_000


def test_reader_visits_stay_within_the_weight_budgets(chromium, built_site):
    visits = browser.reader_visits(chromium, built_site)
    assert visits["first visit straight to the heaviest figure page"][1] <= FIRST_VISIT_BUDGET, visits
    front, figure = visits["first visit: front page"][1], visits["then: the heaviest figure page"][1]
    assert front + figure <= FIRST_VISIT_BUDGET, visits
    assert visits["later, warm cache: another figure page"][1] <= FURTHER_PAGE_BUDGET, visits
    assert visits["later, warm cache: another figure page"][1] > 0, "the page itself must have been fetched"


SEARCH_TERMS = json.loads((Path(__file__).with_name("search_terms.json")).read_text(encoding="utf-8"))


def test_search_finds_each_chapter(chromium, site):
    base, root = site
    recorder = browser.PageRecorder(chromium, base)
    missing = []
    for chapter, term in SEARCH_TERMS.items():
        page = recorder.open(f"search.html?q={term}")
        page.wait_for_selector("#search-results p.search-summary", timeout=15000)
        links = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")
        if not any(chapter in (link or "") for link in links):
            missing.append(f"{term!r} does not find {chapter}: {links}")
        page.close()
    recorder.close()
    assert missing == []


# --- each check fails on a page made to break it ---------------------------------------------------

BROKEN_PAGE = """<!doctype html><html lang="en"><head><title>broken</title>
<script src="https://cdn.example.org/evil.js"></script>
<script src="/_static/plotly-basic.min.js"></script></head><body><main>
<div class="briefing-plotly" role="figure"><div class="briefing-plotly-canvas" id="f1"></div>
<script type="application/json" class="briefing-plotly-data" data-target="f1">{"data": [], "layout": </script></div>
<i class="fa-solid fa-bars"></i><img src="/_static/nothing.png"><table><tr><td>no header</td></tr></table>
<div style="width: 2000px">wide</div></main>
<script>undefinedFunction();</script></body></html>"""


def test_browser_checks_fail_on_a_broken_page(chromium, built_site, tmp_path):
    site_copy = tmp_path / "site"
    (site_copy / "_static").mkdir(parents=True)
    bundle = f"_static/{vendor.BUNDLE}"
    assert bundle in BROKEN_PAGE
    (site_copy / bundle).write_bytes((built_site / bundle).read_bytes())
    (site_copy / "book").mkdir()
    (site_copy / "book" / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    with browser.serve(site_copy) as base:
        recorder = browser.PageRecorder(chromium, base, viewport=browser.PHONE)
        page = recorder.open("book/broken.html")
        assert recorder.external_requests == ["https://cdn.example.org/evil.js"]
        assert recorder.console_errors, "the script error must be seen"
        problems = page_checks.figure_problems(page)
        assert "figure 1 did not render" in problems and "figure 1 has no text alternative" in problems
        assert page_checks.table_problems(page) == ["table 1 has no header cells"]
        assert page_checks.icon_problems(page) == ["fa-solid fa-bars: not drawn"]
        assert page_checks.overflow_problems(page)
        if AXE.is_file():
            assert any(p.startswith("image-alt") for p in page_checks.axe_problems(page, AXE))
        recorder.close()


CONTENTS_BROKEN_PAGE = """<!doctype html><html lang="en"><head><title>contents</title></head><body>
<main><article><section id="one"><h2>One</h2><p>text</p></section><section id="two"><h2>Two</h2></section>
<section id="three"><h2>Three</h2></section></article></main>
<nav id="pst-page-toc-nav" style="position: fixed; top: 0; right: 0; height: 40px; overflow: hidden"><ul>
<li class="toc-h2"><a href="#one">One</a></li><li class="toc-h2"><a href="#two" style="display: block; margin-top: 60px">Two</a></li>
</ul></nav></body></html>"""


def test_contents_check_fails_on_a_missing_or_hidden_entry(chromium, tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "contents.html").write_text(CONTENTS_BROKEN_PAGE, encoding="utf-8")
    with browser.serve(tmp_path) as base:
        recorder = browser.PageRecorder(chromium, base)
        page = recorder.open("book/contents.html", scroll=False)
        assert page_checks.contents_problems(page) == ["section #three is not in the contents", "contents entry #two cannot be seen"]
        recorder.close()


DARK_BROKEN_PAGE = """<!doctype html><html lang="en" data-theme="dark"><head><title>dark</title></head><body><main>
<div class="briefing-plotly-canvas"><svg class="main-svg" style="background: rgb(255, 255, 255)">
<text x="10" y="20" style="fill: rgb(20, 20, 20)">dark text</text>
<g class="gridlayer"><path d="M0,5h100" style="stroke: rgb(255, 255, 255)"></path></g></svg></div>
<table class="briefing-table"><tr><td style="color: rgb(34, 40, 50)">dark cell</td></tr></table></main></body></html>"""


def test_dark_theme_check_fails_on_dark_text_light_paper_and_dark_table_text(chromium, tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "dark.html").write_text(DARK_BROKEN_PAGE, encoding="utf-8")
    with browser.serve(tmp_path) as base:
        recorder = browser.PageRecorder(chromium, base, color_scheme="dark")
        page = recorder.open("book/dark.html", scroll=False)
        assert page_checks.gridline_problems(page) == ["figure 1: gridlines that glare"]
        assert page_checks.dark_theme_problems(page) == [
            "figure 1: dark text on the dark theme", "figure 1: light paper on the dark theme",
            "table cell 1: dark text on the dark theme"]
        page.evaluate("() => { document.documentElement.dataset.theme = 'light'; }")
        assert page_checks.dark_theme_problems(page)[0] == "page is not in the dark theme"
        recorder.close()


def test_hostile_data_stays_text_in_pages_and_hovers(chromium, tmp_path):
    """A summary with markup, built from a temporary copy: shown as text, no dialog opens."""
    project = copy_project(tmp_path)
    events = project / "book" / "data" / "events.csv"
    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    text = events.read_text(encoding="utf-8")
    # The timeline chart draws only the turning points (reference.timeline.MILESTONES), so one of them
    # carries the markup too, for its hover; the other two are in the page's tables.
    events.write_text(text.replace("Ishiba visits the White House", "Visit " + hostile, 1)
                      .replace("Muto meets Lutnick", "Muto " + hostile + " meets Lutnick", 1)
                      .replace(",Section 232 car duty in force,", ",Section 232 car duty in force " + hostile + ",", 1),
                      encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stdout[-3000:]
    with browser.serve(project / "_build" / "html") as base:
        recorder = browser.PageRecorder(chromium, base)
        for path in browser.site_pages(project / "_build" / "html"):
            page = recorder.open(path)  # every page, so a dialog anywhere would be recorded
            for point in page.locator(".briefing-plotly-canvas .scatterlayer .point").all()[:40]:
                point.hover(force=True)
            page.close()
        page = recorder.open("book/timeline.html")
        assert hostile in page.inner_text("main")
        labels = page_checks.hover_texts(page)
        assert any("<img src=x onerror=alert(1)>" in t for t in labels), labels[:5]
        assert recorder.dialogs == []
        recorder.close()
