"""Checks on the built HTML site that need no browser: external references, links, budgets.

Each check returns a list of problems (empty = fine), so tests can show all of them and can
prove each check fails on a page made to break it.
"""

from __future__ import annotations

import csv
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..site import figure_data, vendor
from ..site.plotly_mime import DATA_CLASS

PAGE_BUDGET = 150 * 1024  # bytes of HTML per page, shared assets excluded
SITE_BUDGET = 15 * 1024 * 1024
LOADING_ATTRIBUTES = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("audio", "src"),
                      ("video", "src"), ("embed", "src"), ("object", "data"), ("input", "src")}
LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "preconnect", "dns-prefetch"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[str] = []
        self.inline_style = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for (t, attr) in LOADING_ATTRIBUTES:
            if tag == t and attrs.get(attr):
                self.loads.append(attrs[attr])
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
            if attrs.get("data-plotly"):  # briefing-plotly.js loads this when a chart comes into view
                lazy = posixpath.join(posixpath.dirname(urlsplit(attrs["src"]).path), attrs["data-plotly"])
                self.scripts.append(lazy)
                self.loads.append(lazy)
        if tag == "link" and attrs.get("href"):
            rels = set((attrs.get("rel") or "").lower().split())
            if rels & LOADING_LINK_RELS:
                self.loads.append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("style"):
            self.inline_style.append(attrs["style"])


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme in {"http", "https"} or url.startswith("//"))


def external_loads(html: str) -> list[str]:
    """URLs on other hosts that the page would load by itself (not links a reader may click)."""
    page = parse(html)
    urls = [u for u in page.loads if is_external(u)]
    urls += re.findall(r"url\(\s*['\"]?(https?://[^'\")]+)", " ".join(page.inline_style))
    urls += re.findall(r"@import\s+['\"]?(https?://[^'\";]+)", html)
    return urls


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def broken_links(site: Path) -> list[str]:
    """Local links whose target file or #fragment does not exist."""
    cache: dict[Path, _Collector] = {}

    def parsed(path: Path) -> _Collector:
        if path not in cache:
            cache[path] = parse(path.read_text(encoding="utf-8"))
        return cache[path]

    problems = []
    for page in html_pages(site):
        for href in parsed(page).links + parsed(page).loads:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("//", "mailto:", "javascript:")):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            rel = page.relative_to(site)
            if not target.exists():
                problems.append(f"{rel}: link to missing file {href}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parsed(target).ids:
                problems.append(f"{rel}: link to missing anchor {href}")
    return problems


def plotly_script_problems(site: Path) -> list[str]:
    """plotly.js at most once per page, only on pages with figures, only from the site's _static."""
    problems = []
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        scripts = [s for s in parse(html).scripts if "plotly" in s.lower() and "briefing-plotly" not in s]
        has_figure = DATA_CLASS in html
        rel = page.relative_to(site)
        if len(scripts) > 1:
            problems.append(f"{rel}: plotly.js loaded {len(scripts)} times")
        if scripts and not has_figure:
            problems.append(f"{rel}: plotly.js loaded on a page without figures")
        if has_figure and not scripts:
            problems.append(f"{rel}: figures but no plotly.js")
        for src in scripts:
            if is_external(src) or f"_static/{vendor.BUNDLE}" not in src:
                problems.append(f"{rel}: plotly.js from {src}, not the site's _static")
        if "Plotly.newPlot(" in html or re.search(r"plotly\.js(?: \([^)]*\))? v\d", html):
            problems.append(f"{rel}: plotly.js or a plot call inlined in the page")
    return problems


def size_problems(site: Path) -> list[str]:
    problems = [f"{p.relative_to(site)}: {p.stat().st_size} bytes > {PAGE_BUDGET}"
                for p in html_pages(site) if p.stat().st_size > PAGE_BUDGET]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    if total > SITE_BUDGET:
        problems.append(f"site is {total} bytes > {SITE_BUDGET}")
    return problems


class _ProseText(HTMLParser):
    """A page's reading text: no code, scripts or styles; block elements kept apart."""

    SKIP = {"script", "style", "pre", "code"}
    BLOCKS = {"p", "li", "td", "th", "tr", "div", "br", "h1", "h2", "h3", "h4", "summary", "caption", "figcaption"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in self.SKIP
        if tag in self.BLOCKS:
            self.parts.append(" | ")

    def handle_endtag(self, tag):
        self.skipping -= tag in self.SKIP
        if tag in self.BLOCKS:
            self.parts.append(" | ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def repeated_words(html: str) -> list[str]:
    """'10% 10% baseline': a word or number written twice in a row, as glued text next to a
    label that already holds the value produces."""
    reader = _ProseText()
    reader.feed(html)
    text = re.sub(r"\s+", " ", "".join(reader.parts))
    return [text[max(0, m.start() - 40):m.end() + 20].strip(" |")
            for m in re.finditer(r"(?<![\w%])([\w%.’'-]+) \1(?![\w%])", text, flags=re.IGNORECASE)]


def navigation(html: str, page: str) -> tuple[list[str], str | None, str | None]:
    """A page's navigation, as file names next to it: (sidebar chapters in order, previous, next).
    The sidebar's link to the page itself ('#') is given as `page`."""
    # One list per part of the book (each under its caption), in order.
    lists = re.split(r'<ul class="(?:current )?nav bd-sidenav">', html)[1:]
    sidebar = [href for block in lists
               for href in re.findall(r'<li class="toctree-l1[^"]*"><a class="[^"]*" href="([^"]*)"', block.split("</ul>", 1)[0])]
    links = {rel: href for rel, href in re.findall(r'<link rel="(prev|next)" title="[^"]*" href="([^"]*)"', html)}
    return [page if href == "#" else href for href in sidebar], links.get("prev"), links.get("next")


def navigation_problems(site: Path, order: list[str]) -> list[str]:
    """Every page's sidebar lists the chapters in `order` (file names, the root page first, which the
    sidebar leaves out) and its previous/next links follow that order."""
    problems = []
    for i, page in enumerate(order):
        path = site / "book" / page
        if not path.is_file():
            problems.append(f"{page}: not built")
            continue
        sidebar, prev, nxt = navigation(path.read_text(encoding="utf-8"), page)
        expected = (order[1:], order[i - 1] if i else None, order[i + 1] if i + 1 < len(order) else None)
        for what, found, wanted in zip(("sidebar", "previous", "next"), (sidebar, prev, nxt), expected, strict=True):
            if found != wanted:
                problems.append(f"{page}: {what} is {found}, expected {wanted}")
    return problems


class _Paragraphs(HTMLParser):
    """What a reader reads on a page: the text of each paragraph, list item, table cell and
    caption, outside code, scripts and the navigation."""

    SKIP = {"script", "style", "pre", "code", "nav", "svg"}
    BLOCKS = {"p", "li", "td", "th", "caption"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.depth = 0
        self.current: list[str] = []
        self.paragraphs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in self.SKIP
        if tag in self.BLOCKS and not self.skipping:
            self.depth += 1

    def handle_endtag(self, tag):
        self.skipping -= tag in self.SKIP
        if tag in self.BLOCKS and self.depth:
            self.depth -= 1
            if not self.depth:
                self.paragraphs.append(re.sub(r"\s+", " ", "".join(self.current)).strip())
                self.current = []

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.current.append(data)


NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
MACHINE_TEXT = {
    "a number beside a number word": re.compile(rf"\b(?:{NUMBER_WORDS})\s+\d|\d\s+(?:{NUMBER_WORDS})\b", re.IGNORECASE),
    "an ISO date or quarter": re.compile(r"\b\d{4}-(?:0[1-9]|1[0-2])(?:-\d{2})?\b(?![-\d])|\b\d{4}-Q[1-4]\b"),
    # A reference to another row shown as a formula: '(event “US–Japan framework agreement announced”)'.
    "a reference to a row as a formula": re.compile(r"\b(?:event|discrepancy) “"),
}


def machine_text(html: str, data_ids: set[str] = frozenset()) -> list[str]:
    """Prose that reads machine-made: '1 carries', 'the others 4 were', '2025-Q1', a data id such
    as 'biden-administration' left in a sentence. Each finding names the kind and its context."""
    reader = _Paragraphs()
    reader.feed(html)
    found = []
    for text in reader.paragraphs:
        for kind, pattern in MACHINE_TEXT.items():
            found += [f"{kind}: …{text[max(0, m.start() - 40):m.end() + 20]}…" for m in pattern.finditer(text)]
        found += [f"a data id: …{text[max(0, m.start() - 40):m.end() + 20]}…"
                  for m in re.finditer(r"(?<![\w./-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w/-])", text) if m.group() in data_ids]
    return found


def figure_data_problems(site: Path) -> list[str]:
    """Each chart's 'Data (CSV)' link resolves to a file with exactly the points the chart draws;
    no chart links its chapter's Markdown (raw source is noise to a reader)."""
    problems = []
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        figures = dict(re.findall(rf'<script type="application/json" class="{DATA_CLASS}" data-target="([\w-]+)">(.*?)</script>',
                                  text, re.S))
        links = re.findall(r'<p class="briefing-figure-links"><a href="([^"]+\.csv)" download>Data \(CSV\)</a></p>', text)
        if len(links) != len(figures):
            problems.append(f"{page.name}: {len(figures)} chart(s) but {len(links)} data link(s)")
        if "Chapter source" in text or re.search(r'<a href="[^"]*\bchapters/[^"]+\.md"', text):
            problems.append(f"{page.name}: a chart links its chapter's Markdown source")
        for csv_href in links:
            target = (page.parent / csv_href).resolve()
            ident = Path(csv_href).stem
            if not target.is_file():
                problems.append(f"{page.name}: {csv_href} is missing")
            elif ident not in figures:
                problems.append(f"{page.name}: {csv_href} names no chart of the page")
            else:
                drawn = [[str(v) for v in row] for row in figure_data.figure_rows(json.loads(figures[ident]))]
                with target.open(encoding="utf-8", newline="") as handle:
                    written = [row for row in csv.reader(handle)][1:]
                if written != [["" if v == "None" else v for v in row] for row in drawn]:
                    problems.append(f"{page.name}: {csv_href} does not hold what the chart draws")
    return problems


def table_numbering_problems(page_html: str) -> list[str]:
    """Every briefing table has 'Table N.' in its caption, numbered 1, 2, … in page order, and an
    anchor of its own."""
    found = re.findall(r'<table class="briefing-table[^"]*"( id="([^"]+)")?><caption>(<span class="caption-number">Table (\d+)\. </span>)?',
                       page_html)
    problems = []
    for expected, (_, anchor, _, number) in enumerate(found, start=1):
        if number != str(expected):
            problems.append(f"table {expected} is numbered {number or 'not at all'}")
        if not anchor:
            problems.append(f"table {expected} has no anchor")
    anchors = [a for _, a, _, _ in found if a]
    if len(set(anchors)) != len(anchors):
        problems.append("two tables share an anchor")
    return problems


CODE_MARKERS = ("cell_input", "highlight-ipython3", "highlight-python")


def code_shown(page_html: str) -> list[str]:
    """Code a reader would see on the page: a code cell's input or highlighted Python."""
    return [marker for marker in CODE_MARKERS if marker in page_html]
