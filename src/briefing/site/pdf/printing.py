"""The printing passes: the site served on 127.0.0.1 (briefing.site.server), each chapter opened in
the site's headless Chromium (briefing.site.chromium) with print media at the printed width, its
charts drawn, its links told what they point to, and printed; then the front matter.

Page numbers can move text (a cross-reference prints "(p. 12)"), so the chapters are printed again
until the page of every chapter and of every cross-referenced id stands still. The scripts run in the
page are files in assets/ (pdf-draw-all.js, pdf-prepare.js, pdf-too-wide.js), each read once.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
from pathlib import Path
from urllib.parse import unquote

from pypdf import PdfReader

from .. import chromium as headless
from ..plotly_mime import CANVAS_CLASS
from ..server import serve
from .book import Book, Chapter, page_map
from .errors import PdfError
from .layout import ASSETS, PRINT_WIDTH_PX, edition_css, front_matter_html

MAX_PASSES = 4


@dataclasses.dataclass
class Printed:
    """What the passes printed, for the merge: the chapters' PDFs and pages are on the book's chapters."""
    base: str  # the address the site was served from: a link to it is a link inside the edition
    front: bytes  # the cover and the contents
    front_pages: int
    passes: int
    external_requests: list[str]


@functools.cache
def script(name: str) -> str:
    """A function, as text, for Playwright's page.evaluate."""
    return (ASSETS / name).read_text(encoding="utf-8")


def cross_reference_targets(site: Path, book: Book) -> list[str]:
    """Every id a chapter links to (in its own page or another), to learn the page each is printed on."""
    found = set()
    for chapter in book.chapters:
        text = (site / chapter.path).read_text(encoding="utf-8")
        article = text[text.find('<article class="bd-article"'):]
        found |= {unquote(m) for m in re.findall(r'<a class="reference internal" href="[^"#]*#([^"]+)"', article)}
    return sorted(found)


def anchors(pdf: bytes) -> dict[str, tuple[int, float]]:
    """Where Chromium printed each jump target: named destination -> (page index, top)."""
    reader = PdfReader(io.BytesIO(pdf))
    index = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    found = {}
    for name, dest in reader.named_destinations.items():
        page_ref = dest.get("/Page")
        idnum = page_ref.idnum if hasattr(page_ref, "idnum") else None
        if idnum in index:
            found[name.lstrip("/")] = (index[idnum], float(dest.get("/Top") or 0))
    return found


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def print_parts(site: Path, book: Book, log=print) -> Printed:
    """Print the chapters until their page numbers stand still, then the front matter.

    Each chapter's title, PDF, pages, first page and anchors are set on book.chapters."""
    targets = cross_reference_targets(site, book)
    with serve(site) as base, headless.chromium() as chromium:
        recorder = headless.PageRecorder(chromium, base, viewport={"width": PRINT_WIDTH_PX, "height": 960})
        try:
            summary = _summary(recorder)
            front_pages = None
            pages: dict[str, int] = {}
            for attempt in range(1, MAX_PASSES + 1):
                before = page_map(book) if attempt > 1 else None
                for chapter in book.chapters:
                    offset = chapter.first_page - 1 if chapter.first_page else 0
                    chapter.pdf = _print_chapter(recorder, book, chapter, base, targets, pages, offset)
                    chapter.pages = page_count(chapter.pdf)
                    chapter.anchors = anchors(chapter.pdf)
                front = _print_html(recorder, front_matter_html(book, summary, (front_pages or 2) + 1))
                front_pages = page_count(front)
                number = front_pages + 1
                for chapter in book.chapters:
                    chapter.first_page, number = number, number + chapter.pages
                pages = page_map(book)
                log(f"pass {attempt}: " + ", ".join(f"{c.docname} {c.pages}p" for c in book.chapters))
                if before == pages:
                    break
            else:
                raise PdfError(f"page numbers still moving after {MAX_PASSES} passes")
            front = _print_html(recorder, front_matter_html(book, summary, front_pages + 1))
            if page_count(front) != front_pages:
                raise PdfError("the front matter changed length once the page numbers were filled in")
            if recorder.external_requests:
                raise PdfError("requests to other hosts: " + ", ".join(sorted(set(recorder.external_requests))))
            if recorder.console_errors:
                raise PdfError("console errors: " + "; ".join(recorder.console_errors))
        finally:
            recorder.close()
    return Printed(base=base, front=front, front_pages=front_pages, passes=attempt,
                   external_requests=list(recorder.external_requests))


def _print_chapter(recorder, book: Book, chapter: Chapter, base: str, targets: list[str],
                   pages: dict[str, int], offset: int) -> bytes:
    page = recorder.open(chapter.path, scroll=False)
    try:
        page.emulate_media(media="print")
        problems = page.evaluate(script("pdf-draw-all.js"), CANVAS_CLASS)
        if problems:
            raise PdfError(f"{chapter.path}: " + "; ".join(problems))
        if not chapter.title:
            chapter.title = page.evaluate("() => document.querySelector('.bd-article h1').firstChild.textContent.trim()")
        page.evaluate(script("pdf-prepare.js"), [base, targets, pages, base + "#briefing-sources"])
        page.add_style_tag(content=edition_css(book, chapter, offset))
        too_wide = page.evaluate(script("pdf-too-wide.js"), CANVAS_CLASS)
        if too_wide:
            raise PdfError(f"{chapter.path}: wider than the page: " + "; ".join(too_wide))
        page.evaluate("() => document.fonts.ready.then(() => true)")
        return page.pdf(prefer_css_page_size=True, print_background=True, outline=True)
    finally:
        page.close()


def _summary(recorder) -> str:
    """What the briefing covers: the front page's opening paragraph, as built."""
    page = recorder.open("book/index.html", scroll=False)
    try:
        text = page.evaluate("() => { const p = document.querySelector('.bd-article section > p'); return p ? p.innerText : ''; }")
    finally:
        page.close()
    if not text.strip():
        raise PdfError("book/index.html: no opening paragraph to describe the briefing on the cover")
    return " ".join(text.split())


def _print_html(recorder, markup: str) -> bytes:
    page = recorder.context.new_page()
    try:
        page.set_content(markup, wait_until="load")
        page.emulate_media(media="print")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        return page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
