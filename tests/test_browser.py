"""The built site in a real browser (Debian's Chromium through Playwright), external hosts blocked.

Skipped with a plain notice where there is no Chromium; .ci/run sets BRIEFING_REQUIRE_BROWSER=1,
which turns that skip into a failure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.checks import browser
from briefing.site import vendor
from conftest import ROOT, need

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


_need = need


@pytest.fixture(scope="module")
def chromium():
    _need(browser.chromium_path() is not None, "Chromium (/usr/bin/chromium)")
    with browser.chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def site(built_site):
    with browser.serve(built_site) as base:
        yield base, built_site


# --- checks, each returning problems (empty = fine) ------------------------------------------------

def figure_problems(page) -> list[str]:
    return page.evaluate("""() => {
      const out = [];
      document.querySelectorAll('.briefing-plotly').forEach((box, i) => {
        const canvas = box.querySelector('.briefing-plotly-canvas');
        const svg = canvas && canvas.querySelector('svg.main-svg');
        const traces = canvas ? canvas.querySelectorAll('.scatterlayer .trace, .barlayer .trace, .trace').length : 0;
        if (!svg) out.push(`figure ${i + 1} did not render`);
        else if (!traces) out.push(`figure ${i + 1} has no traces`);
        if (!(box.getAttribute('aria-label') || '').trim()) out.push(`figure ${i + 1} has no text alternative`);
      });
      return out;
    }""")


# A hover label: one per point, or the box of a unified hover (every line at that date).
HOVER_LABEL = ".hoverlayer .hovertext, .hoverlayer .legend"


def hover_shows_label(page) -> bool:
    """Move the mouse over the first figure's plot area until a hover label appears. Charts are
    drawn when they come into view, so the first one is scrolled to first."""
    page.locator(".briefing-plotly").first.scroll_into_view_if_needed()
    page.locator(".briefing-plotly-canvas .nsewdrag").first.wait_for(state="attached")
    point = page.locator(".briefing-plotly-canvas .scatterlayer .point, .briefing-plotly-canvas .bars .point").first
    if point.count():
        point.scroll_into_view_if_needed()
        box = point.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(200)
        if page.locator(HOVER_LABEL).count():
            return True
    area = page.locator(".briefing-plotly-canvas .nsewdrag").first
    area.scroll_into_view_if_needed()
    box = area.bounding_box()
    for fy in (0.5, 0.3, 0.7, 0.1, 0.9):
        for fx in (0.2, 0.4, 0.6, 0.8, 0.95):
            page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            page.wait_for_timeout(60)
            if page.locator(HOVER_LABEL).count():
                return True
    return False


def table_problems(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('main table')]
        .filter(t => !t.querySelector('th')).map((t, i) => `table ${i + 1} has no header cells`)""")


def axe_problems(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} node(s): "
            + "; ".join(n["target"][0] if n["target"] else "" for n in v["nodes"][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def overflow_problems(page) -> list[str]:
    return page.evaluate("""() => {
      const out = [], width = window.innerWidth;
      if (document.scrollingElement.scrollWidth > width + 1) out.push(`page scrolls sideways: ${document.scrollingElement.scrollWidth}px > ${width}px`);
      document.querySelectorAll('.briefing-plotly-canvas').forEach((c, i) => {
        const r = c.getBoundingClientRect();
        if (r.right > width + 1) out.push(`figure ${i + 1} is ${Math.round(r.width)}px wide, wider than the screen`);
      });
      return out;
    }""")


def icon_problems(page) -> list[str]:
    """Each visible theme icon is drawn (briefing-icons.css), and no icon script or font is fetched."""
    return page.evaluate("""async () => {
      await document.fonts.ready;
      const out = [];
      const icons = [...document.querySelectorAll('.fa-solid')].filter(i => i.getClientRects().length);
      if (!icons.length) out.push('no visible icons');
      icons.forEach(icon => {
        const drawn = getComputedStyle(icon, '::before');
        const mask = drawn.maskImage || drawn.webkitMaskImage;
        if (!mask || mask === 'none') out.push(`${icon.className.replace(/\\s+/g, ' ')}: not drawn`);
        else if (parseFloat(drawn.width) < 4) out.push(`${icon.className}: ${drawn.width} wide`);
      });
      const fetched = performance.getEntriesByType('resource').map(e => e.name).filter(n => /fontawesome|fa-solid/.test(n));
      if (fetched.length) out.push(`icon code fetched: ${fetched.join(', ')}`);
      return out;
    }""")


def clipped_label_problems(page) -> list[str]:
    """Axis labels that stick out of their chart (cut off by the page or the chart's edge)."""
    return page.evaluate("""() => {
      const out = [];
      document.querySelectorAll('.briefing-plotly-canvas').forEach((canvas, i) => {
        const svg = canvas.querySelector('svg.main-svg');
        if (!svg) return;
        const box = svg.getBoundingClientRect();
        canvas.querySelectorAll('.xtick text, .ytick text').forEach(label => {
          const r = label.getBoundingClientRect();
          if (r.width && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1))
            out.push(`figure ${i + 1}: label "${label.textContent.slice(0, 40)}" is cut off`);
        });
      });
      return out.slice(0, 5);
    }""")


def contents_problems(page) -> list[str]:
    """The right-hand contents lists every section of the page, and a reader can see each entry
    (after scrolling the contents box, if it is taller than the screen)."""
    return page.evaluate("""() => {
      const out = [], nav = document.querySelector('#pst-page-toc-nav');
      const sections = [...document.querySelectorAll('main article section > h2')].map(h => h.parentElement.id);
      if (!nav) return sections.length ? ['no contents beside the page'] : [];
      const links = new Map([...nav.querySelectorAll('li.toc-h2 > a')].map(a => [a.getAttribute('href').slice(1), a]));
      sections.forEach(id => { if (!links.has(id)) out.push(`section #${id} is not in the contents`); });
      links.forEach((a, id) => {
        a.scrollIntoView({block: 'nearest'});
        // A box a reader cannot scroll (overflow hidden) stays where it was.
        for (let box = a.parentElement; box; box = box.parentElement)
          if (['hidden', 'clip'].includes(getComputedStyle(box).overflowY)) box.scrollTop = 0;
        const r = a.getBoundingClientRect();
        const seen = r.width > 0 && r.height > 0 && document.elementFromPoint(r.left + Math.min(8, r.width / 2), r.top + r.height / 2);
        if (!seen || !(seen === a || a.contains(seen))) out.push(`contents entry #${id} cannot be seen`);
      });
      return out;
    }""")


def gridline_problems(page) -> list[str]:
    """Gridlines on every panel of every chart that show on the page's paper without glaring:
    each line's contrast with the paper (luminance difference times opacity)."""
    return page.evaluate("""() => {
      const out = [], dark = document.documentElement.dataset.theme === 'dark';
      const paper = dark ? 0.07 : 1;
      document.querySelectorAll('.briefing-plotly-canvas').forEach((c, i) => {
        const lines = [...c.querySelectorAll('.gridlayer path')].map(p => {
          const [r, g, b, a = 1] = getComputedStyle(p).stroke.match(/\\d+(\\.\\d+)?/g).map(Number);
          const lum = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
          return Math.abs(lum - paper) * a * Number(getComputedStyle(p).strokeOpacity);
        });
        if (lines.some(x => x < 0.05)) out.push(`figure ${i + 1}: gridlines that vanish`);
        if (lines.some(x => x > 0.3)) out.push(`figure ${i + 1}: gridlines that glare`);
      });
      return out;
    }""")


def dark_theme_problems(page) -> list[str]:
    return page.evaluate("""() => {
      const out = [];
      if (document.documentElement.dataset.theme !== 'dark') out.push('page is not in the dark theme');
      const lum = c => { const m = c.match(/\\d+(\\.\\d+)?/g).map(Number); return (0.2126*m[0] + 0.7152*m[1] + 0.0722*m[2]) / 255; };
      document.querySelectorAll('.briefing-plotly-canvas').forEach((c, i) => {
        const text = c.querySelector('svg.main-svg text');
        if (text && lum(getComputedStyle(text).fill) < 0.5) out.push(`figure ${i + 1}: dark text on the dark theme`);
        const paper = getComputedStyle(c.querySelector('svg.main-svg')).backgroundColor;
        if (paper && !paper.includes('0)') && paper !== 'transparent' && lum(paper) > 0.5) out.push(`figure ${i + 1}: light paper on the dark theme`);
      });
      document.querySelectorAll('.briefing-table td').forEach((cell, i) => {
        if (i < 3 && lum(getComputedStyle(cell).color) < 0.5) out.push(`table cell ${i + 1}: dark text on the dark theme`);
      });
      return out;
    }""")


# --- the real site ---------------------------------------------------------------------------------

def test_every_page_is_clean_offline_and_its_figures_render(chromium, site):
    base, root = site
    recorder = browser.PageRecorder(chromium, base)
    report = {}
    for path in browser.site_pages(root) + ["search.html", "index.html"]:
        page = recorder.open(path)
        problems = figure_problems(page) + table_problems(page)
        if page.locator(".briefing-plotly").count() and not hover_shows_label(page):
            problems.append("hovering a point shows no label")
        if path.startswith("book/"):  # the chapters; the root index.html only redirects
            problems += icon_problems(page) + contents_problems(page) + gridline_problems(page)
        if problems:
            report[path] = problems
        page.close()
    recorder.close()
    assert recorder.console_errors == []
    assert recorder.external_requests == []
    assert report == {}


def test_every_page_passes_axe(chromium, site):
    _need(AXE.is_file(), "axe-core (npm ci)")
    base, root = site
    recorder = browser.PageRecorder(chromium, base)
    report = {}
    for path in browser.site_pages(root):
        page = recorder.open(path)
        problems = axe_problems(page)
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
        report[path] = overflow_problems(page) + clipped_label_problems(page)
        page.close()
    recorder.close()
    assert {k: v for k, v in report.items() if v} == {}


# The tables wider than their box (they scroll sideways), and how to name one in a finding.
WIDER_THAN_BOX = """[...document.querySelectorAll('.briefing-table-wrap')]
    .filter(wrap => wrap.scrollWidth > wrap.clientWidth + 1)"""
TABLE_NAME = "((wrap.querySelector('caption') || {}).textContent || 'a table')"

SCROLL_CUES = f"""() => {WIDER_THAN_BOX}
    .filter(wrap => !wrap.classList.contains('scrolls') || !wrap.previousElementSibling
            || !wrap.previousElementSibling.classList.contains('briefing-scroll-hint')
            || !wrap.previousElementSibling.getClientRects().length)
    .map(wrap => `${{{TABLE_NAME}}}: scrolls sideways with no cue`)"""

# On a phone each row is a block and each value shows its column's name before it.
STACKED_ROWS = """() => [...document.querySelectorAll('table.briefing-table')].flatMap((table, i) => {
    const name = (table.querySelector('caption') || {}).textContent || `table ${i + 1}`;
    const out = [];
    const row = table.querySelector('tbody tr');
    if (row && getComputedStyle(row).display !== 'block') out.push(`${name}: rows are not stacked`);
    const unlabelled = [...table.querySelectorAll('tbody td')].filter(cell =>
      !cell.dataset.label || !getComputedStyle(cell, '::before').content.includes(cell.dataset.label));
    if (unlabelled.length) out.push(`${name}: ${unlabelled.length} value(s) without their column's name`);
    return out;
  })"""


def phone_table_problems(page) -> list[str]:
    return page.evaluate(STACKED_ROWS) + page.evaluate(SCROLL_CUES)


def test_phone_tables_read_as_labelled_rows(chromium, site):
    """At 390 px a table of prose squeezed into columns is unreadable and one scrolled sideways
    hides its columns: each row is shown as a block of labelled values, and any table that still
    scrolls sideways says so (a shadow on its edge and a line above it)."""
    base, root = site
    recorder = browser.PageRecorder(chromium, base, viewport=browser.PHONE)
    report, tables = {}, 0
    for path in browser.site_pages(root):
        page = recorder.open(path, scroll=False)
        report[path] = phone_table_problems(page)
        tables += page.evaluate("() => document.querySelectorAll('table.briefing-table').length")
        page.close()
    recorder.close()
    assert tables, "no table on any page: the check would pass on anything"
    assert {k: v for k, v in report.items() if v} == {}


WIDE_TABLES = f"""() => {WIDER_THAN_BOX}
    .map(wrap => `${{{TABLE_NAME}}}: ${{wrap.scrollWidth}} px in ${{wrap.clientWidth}} px`)"""


@pytest.mark.parametrize("width", [browser.DESKTOP["width"], 768])
def test_tables_fit_a_desktop_or_tablet_page(chromium, site, width):
    """Above phone width tables keep their columns, and every column is in view: none hides its
    Source column behind a sideways scroll."""
    base, root = site
    recorder = browser.PageRecorder(chromium, base, viewport={"width": width, "height": 900})
    report = {}
    for path in browser.site_pages(root):
        page = recorder.open(path, scroll=False)
        report[path] = page.evaluate(WIDE_TABLES)
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
        assert phone_table_problems(page) == ["Wide: rows are not stacked", "Wide: 2 value(s) without their column's name",
                                              "Wide: scrolls sideways with no cue"]
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
            report[path] = dark_theme_problems(page) + gridline_problems(page)
    recorder.close()
    assert report and {k: v for k, v in report.items() if v} == {}


LAZY_STATE = """() => ({
    plotlyRan: typeof window.Plotly !== 'undefined',
    belowAndDrawn: [...document.querySelectorAll('.briefing-plotly-canvas')]
        .filter(c => c.getBoundingClientRect().top > window.innerHeight && c.querySelector('svg.main-svg')).length,
    anyInView: [...document.querySelectorAll('.briefing-plotly-canvas')]
        .some(c => c.getBoundingClientRect().top < window.innerHeight),
})"""


PRINTED_UNDRAWN = """() => [...document.querySelectorAll('.briefing-plotly')]
    .filter(box => !box.querySelector('[data-drawn]'))
    .map(box => {
        const description = box.querySelector('.briefing-plotly-description').getBoundingClientRect();
        const canvas = getComputedStyle(box.querySelector('.briefing-plotly-canvas')).display;
        return description.width > 50 && canvas === 'none' ? 'description shown, box hidden'
            : `description ${Math.round(description.width)}px wide, box display ${canvas}`;
    })"""


def test_charts_and_plotly_js_wait_until_a_reader_scrolls_to_them(chromium, site):
    base, root = site
    recorder = browser.PageRecorder(chromium, base, viewport=browser.PHONE)
    report, far_pages = {}, 0
    for path in browser.figure_pages(root):
        page = recorder.open(path, scroll=False)
        page.wait_for_timeout(500)
        before = page.evaluate(LAZY_STATE)
        problems = []
        if before["belowAndDrawn"]:
            problems.append(f"{before['belowAndDrawn']} chart(s) below the screen drawn before scrolling")
        if not before["anyInView"]:
            far_pages += 1
            if before["plotlyRan"]:
                problems.append("plotly.js ran with no chart in view")
        if not before["anyInView"]:
            page.emulate_media(media="print")
            printed = page.evaluate(PRINTED_UNDRAWN)
            if printed != ["description shown, box hidden"] * len(printed) or not printed:
                problems.append(f"printing before scrolling: {printed}")
            page.emulate_media(media="screen")
        browser.draw_figures(page)
        problems += figure_problems(page)
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
        problems = figure_problems(page)
        assert "figure 1 did not render" in problems and "figure 1 has no text alternative" in problems
        assert table_problems(page) == ["table 1 has no header cells"]
        assert icon_problems(page) == ["fa-solid fa-bars: not drawn"]
        assert overflow_problems(page)
        if AXE.is_file():
            assert any(p.startswith("image-alt") for p in axe_problems(page))
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
        assert contents_problems(page) == ["section #three is not in the contents", "contents entry #two cannot be seen"]
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
        assert gridline_problems(page) == ["figure 1: gridlines that glare"]
        assert dark_theme_problems(page) == ["figure 1: dark text on the dark theme", "figure 1: light paper on the dark theme",
                                             "table cell 1: dark text on the dark theme"]
        page.evaluate("() => { document.documentElement.dataset.theme = 'light'; }")
        assert dark_theme_problems(page)[0] == "page is not in the dark theme"
        recorder.close()


def test_hostile_data_stays_text_in_pages_and_hovers(chromium, tmp_path):
    """A summary with markup, built from a temporary copy: shown as text, no dialog opens."""
    from conftest import build, copy_project

    project = copy_project(tmp_path)
    events = project / "book" / "data" / "events.csv"
    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("Ishiba visits the White House", "Visit " + hostile, 1)
                      .replace("Muto meets Lutnick", "Muto " + hostile + " meets Lutnick", 1), encoding="utf-8")
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
        hover_texts = []
        for point in page.locator(".briefing-plotly-canvas .scatterlayer .point").all():
            point.hover(force=True)
            page.wait_for_timeout(50)
            hover_texts += page.eval_on_selector_all(".hoverlayer .hovertext", "els => els.map(e => e.textContent)")
        assert any("<img src=x onerror=alert(1)>" in t for t in hover_texts), hover_texts[:5]
        assert recorder.dialogs == []
        recorder.close()
