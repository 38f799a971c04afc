"""Joining the parts into one PDF with pypdf: the front matter, then the chapters, a bookmark for
each chapter; every link jumps inside the edition or leaves the site (a link to the server that
printed it, or to a page not in the edition, is left out).
"""

from __future__ import annotations

import io
from urllib.parse import unquote, urlsplit

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject

from .book import Book, Chapter, page_map


def merge(book: Book, front: bytes, front_pages: int, base: str) -> bytes:
    """One PDF: the front matter, then the chapters; every link jumps inside it or leaves the site."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)), import_outline=False)
    for chapter in book.chapters:
        writer.append(PdfReader(io.BytesIO(chapter.pdf)), outline_item=chapter.title, import_outline=True)
    writer.add_metadata({"/Title": book.title, "/Subject": f"PDF edition, version {book.version}, data as of {book.as_of}",
                         "/Creator": "briefing.site.pdf (Chromium, pypdf)"})
    pages = page_map(book)
    sources_page = 1 if front_pages >= 2 else 0  # the source list is on the contents page (0-based index)
    sources_top = None

    def goto(index: int, top: float | None = None):
        target = writer.pages[index]
        y = top if top is not None else float(target.mediabox.top)
        return ArrayObject([target.indirect_reference, NameObject("/XYZ"), NumberObject(0), FloatObject(y), NumberObject(0)])

    def target_of(uri: str, chapter: Chapter | None):
        if uri.startswith("#chapter-"):
            return goto(book.chapters[int(uri.split("-")[1])].first_page - 1)
        if uri.endswith("#briefing-sources") or uri == "#briefing-sources":
            return goto(sources_page, sources_top)
        if not uri.startswith(base):
            return None
        parts = urlsplit(uri)
        doc = parts.path[len(urlsplit(base).path):].removesuffix(".html")
        frag = unquote(parts.fragment)
        owner = next((c for c in book.chapters if c.docname == doc), None)
        if owner is None:
            return "drop"
        if frag and frag in owner.anchors:
            index, top = owner.anchors[frag]
            return goto(owner.first_page - 1 + index, top)
        return goto(pages[f"{doc}#"] - 1)

    owner_of_page = []
    owner_of_page += [None] * front_pages
    for chapter in book.chapters:
        owner_of_page += [chapter] * chapter.pages
    for index, page in enumerate(writer.pages):
        annots = page.get("/Annots")
        if not annots:
            continue
        chapter = owner_of_page[index]
        kept = ArrayObject()
        for ref in annots:
            annot = ref.get_object()
            rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
            if annot.get("/Subtype") != "/Link":
                kept.append(ref)
                continue
            if abs(rect[2] - rect[0]) < 2 and abs(rect[3] - rect[1]) < 2:
                continue  # a hidden jump target of pdf-prepare.js
            dest = annot.get("/Dest")
            action = annot.get("/A")
            if dest is not None and not isinstance(dest, (list, ArrayObject)):
                name = str(dest).lstrip("/")
                if chapter is not None and name in chapter.anchors:
                    i, top = chapter.anchors[name]
                    new = goto(chapter.first_page - 1 + i, top)
                elif chapter is None and name.startswith("chapter-"):
                    new = target_of("#" + name, None)
                else:
                    new = None
                if new is None:
                    continue
                annot[NameObject("/Dest")] = new
                kept.append(ref)
                continue
            uri = str(action.get("/URI", "")) if isinstance(action, DictionaryObject) else ""
            new = target_of(uri, chapter) if uri else None
            if new == "drop":
                continue
            if new is not None:
                del annot["/A"]
                annot[NameObject("/Dest")] = new
            elif uri.startswith(base) or uri.startswith("http://127.0.0.1"):
                continue  # never a link to the local server that printed it
            kept.append(ref)
        page[NameObject("/Annots")] = kept
    # Named destinations of the chapters repeat one another's names (each chapter has an 'overview'):
    # every link above now has an explicit destination, so the names are dropped.
    names = writer._root_object.get("/Names")
    if names is not None and "/Dests" in names.get_object():
        del names.get_object()["/Dests"]
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
