"""The edition made and published: printed (printing.py), merged (merge.py), written to
<out>/<name>.pdf, copied into the site as downloads/<name>.pdf, and the front page's link (put there
empty by the Sphinx extension) given the file's size.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from ... import paths
from ..sphinx_ext import PDF_DOWNLOADS, PDF_PARAGRAPH, pdf_link_html
from .book import Book, read_book
from .errors import PdfError
from .merge import merge
from .printing import print_parts


def print_edition(site: Path, book: Book, log=print) -> tuple[bytes, dict]:
    """Print the chapters until their page numbers stand still, then the front matter; merge."""
    printed = print_parts(site, book, log=log)
    merged = merge(book, printed.front, printed.front_pages, printed.base)
    stats = {"passes": printed.passes, "pages": printed.front_pages + sum(c.pages for c in book.chapters),
             "front_pages": printed.front_pages, "external_requests": printed.external_requests}
    return merged, stats


def human_size(size: int) -> str:
    # In words: the front page is prose, and its glossary check asks every abbreviation to be defined.
    return f"{size / 1_000_000:.1f} megabytes" if size >= 1_000_000 else f"{max(1, round(size / 1000))} kilobytes"


def link_site(site: Path, book: Book, pdf: Path) -> Path:
    """Copy the PDF into the site and fill in the front page's link with its size."""
    target = site / PDF_DOWNLOADS / pdf.name
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(pdf, target)
    front = site / f"{book.chapters[0].docname}.html"
    text = front.read_text(encoding="utf-8")
    pattern = PDF_PARAGRAPH
    if len(pattern.findall(text)) != 1:
        raise PdfError(f"{front}: no place for the PDF link (the briefing Sphinx extension puts it there)")
    href = f"../{PDF_DOWNLOADS}/{pdf.name}"
    front.write_text(pattern.sub(lambda _m: pdf_link_html(href, human_size(target.stat().st_size)), text, count=1),
                     encoding="utf-8")
    return target


def build(site: Path, out: Path, root: Path | None = None, log=print) -> tuple[Path, dict]:
    if not (site / "index.html").is_file():
        raise PdfError(f"no site in {site}: run 'make book' first")
    started = time.monotonic()
    book = read_book(root or paths.project_root(paths.data_dir(start=site.parent.parent)))
    pdf_bytes, stats = print_edition(site, book, log=log)
    out.mkdir(parents=True, exist_ok=True)
    pdf = out / f"{book.name}.pdf"
    pdf.write_bytes(pdf_bytes)
    link_site(site, book, pdf)
    stats.update(bytes=len(pdf_bytes), seconds=round(time.monotonic() - started, 1),
                 chapters={c.docname: (c.first_page, c.pages) for c in book.chapters})
    return pdf, stats
