"""What the browser checks look at on a page, and how: each `*_problems(page)` runs in a page that
briefing.checks.browser opened (PageRecorder) and returns what a reader would find wrong, as
plain sentences (empty = fine). The few that are not findings read the page's state for a test
to judge (`hover_shows_label`, `lazy_state`, `printed_undrawn`, `hover_texts`, `table_count`).

Used by tests/test_browser.py, on the built site and on pages written to break each check.
"""

from __future__ import annotations

from pathlib import Path


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




def axe_problems(page, script: Path) -> list[str]:
    """axe-core's serious and critical findings; `script` is axe.min.js (npm ci puts it in
    node_modules/axe-core)."""
    page.add_script_tag(path=str(script))
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


def table_count(page) -> int:
    return page.evaluate("() => document.querySelectorAll('table.briefing-table').length")


# Above phone width: the tables wider than their box, each with its width and its box's.
WIDE_TABLES = f"""() => {WIDER_THAN_BOX}
    .map(wrap => `${{{TABLE_NAME}}}: ${{wrap.scrollWidth}} px in ${{wrap.clientWidth}} px`)"""


def wide_table_problems(page) -> list[str]:
    return page.evaluate(WIDE_TABLES)


# Whether charts wait for a reader's scroll: plotly.js run at all, charts below the screen
# already drawn, any chart in view.
LAZY_STATE = """() => ({
    plotlyRan: typeof window.Plotly !== 'undefined',
    belowAndDrawn: [...document.querySelectorAll('.briefing-plotly-canvas')]
        .filter(c => c.getBoundingClientRect().top > window.innerHeight && c.querySelector('svg.main-svg')).length,
    anyInView: [...document.querySelectorAll('.briefing-plotly-canvas')]
        .some(c => c.getBoundingClientRect().top < window.innerHeight),
})"""


def lazy_state(page) -> dict:
    return page.evaluate(LAZY_STATE)


# In print, before scrolling: each undrawn chart shows its description and hides its empty box.
PRINTED_UNDRAWN = """() => [...document.querySelectorAll('.briefing-plotly')]
    .filter(box => !box.querySelector('[data-drawn]'))
    .map(box => {
        const description = box.querySelector('.briefing-plotly-description').getBoundingClientRect();
        const canvas = getComputedStyle(box.querySelector('.briefing-plotly-canvas')).display;
        return description.width > 50 && canvas === 'none' ? 'description shown, box hidden'
            : `description ${Math.round(description.width)}px wide, box display ${canvas}`;
    })"""


def printed_undrawn(page) -> list[str]:
    return page.evaluate(PRINTED_UNDRAWN)


def hover_texts(page) -> list[str]:
    """The hover labels' text over every point of the page's scatter charts, one point after another."""
    texts = []
    for point in page.locator(".briefing-plotly-canvas .scatterlayer .point").all():
        point.hover(force=True)
        page.wait_for_timeout(50)
        texts += page.eval_on_selector_all(".hoverlayer .hovertext", "els => els.map(e => e.textContent)")
    return texts
