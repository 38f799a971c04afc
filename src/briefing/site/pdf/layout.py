"""What the edition's pages look like: A4, the margins, the width the charts are drawn at, the
@page rules added to each chapter, and the front matter (cover, contents, the list of sources).

The style sheets and the front matter's page are files in assets/ (pdf-page.css, pdf-chapter.css,
pdf-front-matter.css, pdf-front-matter.html), string.Template with $-names, each read once.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path
from string import Template

from .book import Book, Chapter

# A4 with 15 mm side margins: 180 mm of text = 680 CSS px, the width charts are drawn at.
PAGE_SIZE = "A4"
PRINT_WIDTH_PX = 680
MARGINS = "18mm 15mm 16mm 15mm"
ASSETS = Path(__file__).parent / "assets"


@functools.cache
def template(name: str) -> Template:
    """An asset as a template; a file's last line end is not part of it (an entry is one line of a list)."""
    return Template((ASSETS / name).read_text(encoding="utf-8").removesuffix("\n"))


def css_string(text: str) -> str:
    """Text as a CSS string, for `content:`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_css(book: Book, running_title: str) -> str:
    """The @page rule: the running header (the book, `running_title`), the edition's line, the page number."""
    return template("pdf-page.css").substitute(
        page_size=PAGE_SIZE, margins=MARGINS, book_title=css_string(book.title), running_title=css_string(running_title),
        edition_line=css_string(f"Version {book.version} · data as of {book.as_of}"))


def edition_css(book: Book, chapter: Chapter, offset: int) -> str:
    """The @page rules for one chapter: running header, page number counting on from `offset`."""
    return f"{page_css(book, chapter.title)}\n{template('pdf-chapter.css').substitute(offset=offset)}\n"


def front_matter_html(book: Book, summary: str, first_content_page: int) -> str:
    """The cover, the contents (each chapter's first page; "00" until it is known) and the list of sources."""
    e = html.escape
    contents = "".join(template("pdf-contents-entry.html").substitute(index=i, title=e(ch.title), first_page=ch.first_page or "00")
                       for i, ch in enumerate(book.chapters))
    sources = "".join(template("pdf-source-entry.html").substitute(
        number=e(s["number"]), headline=e(s["label"].split("] ", 1)[-1]), published=e(s["published"]), file=e(s["file"]),
        outlet=e(s["outlet"]) if s["outlet"] != "unknown" else "Outlet not given") for s in book.sources)
    return template("pdf-front-matter.html").substitute(
        title=e(book.title), style=f"{page_css(book, 'Contents')}\n{template('pdf-front-matter.css').template}\n",
        summary=e(summary), as_of=e(book.as_of), version=e(book.version), released=e(book.released), chapter_count=len(book.chapters),
        page_count=first_content_page - 1 + sum(c.pages for c in book.chapters), contents=contents,
        first_source=e(book.sources[0]["number"]) if book.sources else "000", sources=sources,
        jump_targets="".join(f'<span id="chapter-{i}"></span>' for i in range(len(book.chapters))))
