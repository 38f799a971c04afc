"""Joining the parts into one PDF, with pypdf's public API: the front matter's and the chapters' pages
(PdfWriter.add_page, without their annotations), a bookmark for each chapter (add_outline_item), and
each link Chromium printed made again (pypdf.annotations.Link, PdfWriter.add_annotation):

- a link inside the site (a cross-reference, a source link [001], a line of the contents) jumps to
  the page of the edition where its target is printed, to the spot where Chromium recorded it;
- a link to another host keeps its address;
- a link to a page that is not in the edition, a link to the server that printed it, and the hidden
  jump targets that made Chromium record where ids are printed are left out.

Each chapter was printed alone, so their named destinations repeat one another's names (each chapter
has an 'overview'); none is carried over: every link gets an explicit page and position instead.
Chromium prints only links, to a named destination or to an address; any other annotation stops the
edition (PdfError) rather than being dropped or carried over unexamined.
"""

from __future__ import annotations

import dataclasses
import io
from urllib.parse import unquote, urlsplit

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.constants import AnnotationFlag
from pypdf.generic import ArrayObject, DictionaryObject, Fit

from .book import Book, Chapter
from .errors import PdfError

LOCAL = "http://127.0.0.1"  # the printing server, wherever it was served from
DROP = "drop"  # a link into the site to a page that is not in the edition
HIDDEN_TARGET_PT = 2  # the hidden jump targets (pdf-prepare.js) are 1 px wide and high


@dataclasses.dataclass
class Jump:
    page: int  # 0-based, in the edition
    top: float  # the spot on the page, in PDF points from the bottom


@dataclasses.dataclass
class Edition:
    """Where each target is printed in the merged edition."""
    book: Book
    front_pages: int
    base: str  # the address the site was served from
    page_tops: list[float]  # the top of each page of the edition

    def jump(self, page: int, top: float | None = None) -> Jump:
        """A jump to a spot on a page, or to the page's top."""
        return Jump(page, self.page_tops[page] if top is None else top)

    def chapter_start(self, chapter: Chapter) -> Jump:
        return self.jump(chapter.first_page - 1)

    def sources(self) -> Jump:
        return self.jump(1 if self.front_pages >= 2 else 0)  # the list of sources follows the contents

    def named(self, name: str, owner: Chapter | None) -> Jump | None:
        """A named destination of the part the link is in (a chapter, or the front matter when None)."""
        if owner is not None and name in owner.anchors:
            index, top = owner.anchors[name]
            return self.jump(owner.first_page - 1 + index, top)
        if owner is None and name.startswith("chapter-"):
            return self.address("#" + name)
        return None

    def address(self, uri: str) -> Jump | str | None:
        """A jump for an address inside the site; DROP for a page not in the edition; None for another host."""
        if uri.startswith("#chapter-"):
            return self.chapter_start(self.book.chapters[int(uri.split("-")[1])])
        if uri.endswith("#briefing-sources"):
            return self.sources()
        if not uri.startswith(self.base):
            return None
        parts = urlsplit(uri)
        doc = parts.path[len(urlsplit(self.base).path):].removesuffix(".html")
        fragment = unquote(parts.fragment)
        owner = next((c for c in self.book.chapters if c.docname == doc), None)
        if owner is None:
            return DROP
        if fragment and fragment in owner.anchors:
            index, top = owner.anchors[fragment]
            return self.jump(owner.first_page - 1 + index, top)
        return self.chapter_start(owner)


def merge(book: Book, front: bytes, front_pages: int, base: str) -> bytes:
    """One PDF: the front matter, then the chapters; every link jumps inside it or leaves the site."""
    writer = PdfWriter()
    parts: list[tuple[Chapter | None, PdfReader]] = [(None, PdfReader(io.BytesIO(front)))]
    parts += [(chapter, PdfReader(io.BytesIO(chapter.pdf))) for chapter in book.chapters]
    for _owner, reader in parts:
        for page in reader.pages:
            writer.add_page(page, excluded_keys=("/Annots",))
    for chapter in book.chapters:
        writer.add_outline_item(title=chapter.title, page_number=chapter.first_page - 1, fit=Fit.fit())
    edition = Edition(book, front_pages, base, page_tops=[float(page.mediabox.top) for page in writer.pages])
    number = 0
    for owner, reader in parts:
        for page in reader.pages:
            for annotation in page.annotations or []:
                link = relinked(annotation.get_object(), owner, edition)
                if link is not None:
                    writer.add_annotation(number, link)
            number += 1
    writer.add_metadata({"/Title": book.title, "/Subject": f"PDF edition, version {book.version}, data as of {book.as_of}",
                         "/Creator": "briefing.site.pdf (Chromium, pypdf)"})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def relinked(annotation: DictionaryObject, owner: Chapter | None, edition: Edition) -> Link | None:
    """The link to put in the edition for one that Chromium printed in a part; None to leave it out."""
    if annotation.get("/Subtype") != "/Link":
        raise PdfError(f"Chromium printed a {annotation.get('/Subtype')} annotation; the merge knows links only")
    rect = [float(v) for v in annotation.get("/Rect", [0, 0, 0, 0])]
    if abs(rect[2] - rect[0]) < HIDDEN_TARGET_PT and abs(rect[3] - rect[1]) < HIDDEN_TARGET_PT:
        return None  # a hidden jump target of pdf-prepare.js
    dest = annotation.get("/Dest")
    action = annotation.get("/A")
    action = action.get_object() if action is not None else None
    if dest is not None and not isinstance(dest, ArrayObject):
        target = edition.named(str(dest).lstrip("/"), owner)
    elif dest is None and isinstance(action, DictionaryObject) and action.get("/S") == "/URI":
        uri = str(action.get("/URI", ""))
        target = edition.address(uri) if uri else None
        if target is None and not uri.startswith((edition.base, LOCAL)):
            return _link(annotation, rect, uri)  # another host
    else:
        raise PdfError(f"a link Chromium is not known to print: {dict(annotation)}")
    return _link(annotation, rect, target) if isinstance(target, Jump) else None


def _link(annotation: DictionaryObject, rect: list[float], target: Jump | str) -> Link:
    """A link like Chromium's (its border and flags) to a spot in the edition or to an address."""
    border = list(annotation["/Border"]) if "/Border" in annotation else None
    if isinstance(target, Jump):
        link = Link(rect=rect, border=border, target_page_index=target.page, fit=Fit.xyz(left=0, top=target.top, zoom=0))
    else:
        link = Link(rect=rect, border=border, url=target)
    if "/F" in annotation:
        link.flags = AnnotationFlag(int(annotation["/F"]))
    return link
