"""The PDF edition: the whole briefing as one document to print, attach and cite.

    python -m briefing.site.pdf [_build/html] [--out _build/pdf]

Printed by the site's headless Chromium (briefing.site.chromium: Debian's
Chromium, the site served by briefing.site.server on 127.0.0.1, every other host blocked and
recorded), from the built site, so the PDF shows exactly what the pages show:

1. Each chapter of _toc.yml is opened with print media at the printed width, every chart is drawn
   (a chart that does not draw stops the build), and printed with the site's print CSS plus
   @page rules for this edition: a running header (the book and the chapter) and the page number,
   numbered on from the chapter before.
2. Links: a cross-reference gets the page it points to, "(p. 12)", and becomes a jump inside the
   PDF; a source link [001] jumps to the list of sources in the front matter, which gives each
   source's file on the site; a link to another host keeps its address and prints it.
   Page numbers can move text, so the chapters are printed until the numbers stand still.
3. A cover (title, what the briefing covers, the "as of" month from the data, the version from
   CHANGELOG.md) and a table of contents with page numbers are printed by Chromium too, and
   everything is merged with pypdf, with bookmarks for the chapters.

The file is written to <out>/<name>.pdf (name: `briefing_pdf_name` in _config.yml) and copied
into the site as downloads/<name>.pdf; the front page's link (put there empty by the Sphinx
extension) then gets the file's size. Nothing is fetched from another host; any request to one,
any console error or any chart that fails to draw is an error (PdfError, exit status 1).
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import re
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from .. import paths
from .plotly_mime import CANVAS_CLASS
from .sphinx_ext import PDF_DOWNLOADS, PDF_PARAGRAPH, pdf_link_html
from .toc import toc_docnames

# A4 with 15 mm side margins: 180 mm of text = 680 CSS px, the width charts are drawn at.
PAGE_SIZE = "A4"
PRINT_WIDTH_PX = 680
MARGINS = "18mm 15mm 16mm 15mm"
MAX_PASSES = 4


class PdfError(RuntimeError):
    """The edition could not be made as it should be (the message says why)."""


@dataclasses.dataclass
class Chapter:
    docname: str  # e.g. book/tariffs
    title: str = ""
    pages: int = 0
    first_page: int = 0  # in the whole edition, 1-based
    anchors: dict[str, tuple[int, float]] = dataclasses.field(default_factory=dict)  # id -> (page in chapter, top)
    pdf: bytes = b""

    @property
    def path(self) -> str:
        return f"{self.docname}.html"


@dataclasses.dataclass
class Book:
    root: Path  # the project
    title: str
    name: str  # file name without .pdf
    version: str
    as_of: str
    chapters: list[Chapter]
    sources: list[dict]  # number, label, published, file


def changelog_version(changelog: Path) -> str:
    match = re.search(r"^### Version (\S+)", changelog.read_text(encoding="utf-8"), re.M)
    if not match:
        raise PdfError(f"{changelog}: no '### Version X' heading")
    return match.group(1)


def pdf_name(config: dict) -> str:
    name = ((config.get("sphinx") or {}).get("config") or {}).get("briefing_pdf_name")
    if not name or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise PdfError("_config.yml: sphinx.config.briefing_pdf_name must be a file name such as 'us-japan-tariff-briefing'")
    return name


def read_book(root: Path) -> Book:
    from .. import data

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    data_dir = paths.data_dir(start=root)
    frame = data.sources(data_dir)
    # The same "as of" as every page (briefing.data.record_end), as a day.
    end = data.record_end(frame)
    as_of = f"{end.day} {end:%B %Y}"
    seeds = paths.seeds_dir(data_dir)
    sources = [{"number": row["number"], "label": row["label"], "published": row["published_label"],
                "outlet": row["outlet"], "file": f"sources/{row['source_id']}.txt"}
               for _, row in frame.sort_values("source_id").iterrows() if (seeds / f"{row['source_id']}.txt").is_file()]
    return Book(root=root, title=config["title"], name=pdf_name(config), version=changelog_version(root / "CHANGELOG.md"),
                as_of=as_of, chapters=[Chapter(d) for d in toc_docnames(root)], sources=sources)


# --- in the page ------------------------------------------------------------------------------------

# Draws every chart now (briefing-plotly.js), then reports the ones without an SVG.
DRAW_ALL = f"""async () => {{
    const canvases = [...document.querySelectorAll('.{CANVAS_CLASS}')];
    if (canvases.length && typeof window.briefingDrawAllFigures !== 'function') return ['the drawing script is missing'];
    if (canvases.length) {{
        try {{ await window.briefingDrawAllFigures(); }} catch (error) {{ return [String(error)]; }}
    }}
    await document.fonts.ready;
    return canvases.map((c, i) => c.querySelector('svg.main-svg') && c.querySelector('.xtick, .ytick, .pielayer, .slice')
        ? null : `chart ${{i + 1}} (${{c.id}}) did not draw`).filter(Boolean);
}}"""

# Prepares the page for the edition: what the links point to (data attributes the print CSS shows),
# the hidden jump targets that make Chromium record where each cross-referenced id is printed.
PREPARE = """([base, targets, pages, sourceLink]) => {
    const here = new URL(location.href);
    // The record behind a story chapter is folded on the web; paper shows it.
    for (const fold of document.querySelectorAll('details.briefing-record')) fold.open = true;
    for (const a of document.querySelectorAll('.bd-article a[href]')) {
        const url = new URL(a.getAttribute('href'), here);
        if (a.classList.contains('headerlink')) continue;
        if (!url.href.startsWith(base)) {
            if (/^https?:$/.test(url.protocol)) a.dataset.pdfUrl = url.href;
            continue;
        }
        const path = url.pathname.slice(new URL(base).pathname.length);
        if (a.classList.contains('source-link')) {
            a.href = sourceLink;
        } else if (path.endsWith('.html')) {
            const key = path.replace(/\\.html$/, '') + '#' + decodeURIComponent(url.hash.slice(1));
            const page = pages[key] || pages[path.replace(/\\.html$/, '') + '#'];
            const sameSpot = path === here.pathname.slice(new URL(base).pathname.length) && !url.hash;
            if (!sameSpot) a.dataset.pdfPage = page ? String(page) : '00';
        } else {
            a.dataset.pdfFile = path;  // a download on the site: data/..., sources/...
        }
    }
    const box = document.createElement('div');
    box.className = 'briefing-pdf-targets';
    box.setAttribute('aria-hidden', 'true');
    for (const id of targets) {
        if (!document.getElementById(id)) continue;
        const a = document.createElement('a');
        a.href = '#' + id;
        a.textContent = '.';
        box.appendChild(a);
    }
    document.body.appendChild(box);
}"""


# In print media: anything in the article wider than the printed text (a table with cut columns, a chart).
TOO_WIDE = """() => {
    const article = document.querySelector('.bd-article');
    const right = article.getBoundingClientRect().right + 1;
    return [...article.querySelectorAll('table, .briefing-plotly-canvas svg.main-svg, pre, img')]
        .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > right)
        .map(el => `${el.tagName.toLowerCase()} ${el.id || el.className.baseVal || el.className || ''} is
            ${Math.round(el.getBoundingClientRect().width)}px wide, the page ${Math.round(article.getBoundingClientRect().width)}px`
            .replace(/\\s+/g, ' '));
}"""


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def edition_css(book: Book, chapter: Chapter, offset: int) -> str:
    """The @page rules for one chapter: running header, page number counting on from `offset`."""
    return f"""
@page {{ size: {PAGE_SIZE}; margin: {MARGINS};
  @top-left {{ content: {_css_string(book.title)}; font: 8pt sans-serif; color: #555; }}
  @top-right {{ content: {_css_string(chapter.title)}; font: 8pt sans-serif; color: #555; }}
  @bottom-left {{ content: {_css_string(f"Version {book.version} · data as of {book.as_of}")}; font: 8pt sans-serif; color: #555; }}
  @bottom-right {{ content: "Page " counter(page); font: 8pt sans-serif; color: #222; }}
}}
html {{ counter-reset: page {offset}; }}
/* The edition has its own table of contents: the theme's per-page contents block is left out. */
#jb-print-toc {{ display: none !important; }}
a[data-pdf-page]::after {{ content: " (p.\\00a0" attr(data-pdf-page) ")"; font-variant-numeric: tabular-nums; }}
.briefing-pdf-targets {{ position: absolute; left: 0; top: 0; width: 1px; height: 1px; overflow: hidden; }}
.briefing-pdf-targets a {{ display: inline-block; width: 1px; height: 1px; font-size: 1px; color: transparent; }}
"""


# --- the front matter ---------------------------------------------------------------------------------

def front_matter_html(book: Book, summary: str, first_content_page: int) -> str:
    e = html.escape
    rows = "".join(
        f'<li><a href="#chapter-{i}"><span class="t">{e(ch.title)}</span>'
        f'<span class="dots"></span><span class="n">{ch.first_page or "00"}</span></a></li>'
        for i, ch in enumerate(book.chapters))
    jump_ids = "".join(f'<span id="chapter-{i}"></span>' for i in range(len(book.chapters)))
    sources = "".join(
        f'<li><b>[{e(s["number"])}]</b> {e(s["label"].split("] ", 1)[-1])}. '
        f'{e(s["outlet"]) if s["outlet"] != "unknown" else "Outlet not given"}, {e(s["published"])}. '
        f'<span class="file">{e(s["file"])}</span></li>' for s in book.sources)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(book.title)}</title><style>
@page {{ size: {PAGE_SIZE}; margin: {MARGINS};
  @top-left {{ content: {_css_string(book.title)}; font: 8pt sans-serif; color: #555; }}
  @top-right {{ content: "Contents"; font: 8pt sans-serif; color: #555; }}
  @bottom-left {{ content: {_css_string(f"Version {book.version} · data as of {book.as_of}")}; font: 8pt sans-serif; color: #555; }}
  @bottom-right {{ content: "Page " counter(page); font: 8pt sans-serif; color: #222; }}
}}
@page cover {{ @top-left {{ content: none; }} @top-right {{ content: none; }} @bottom-left {{ content: none; }}
  @bottom-right {{ content: none; }} }}
body {{ font-family: "DejaVu Sans", sans-serif; color: #222; font-size: 10.5pt; line-height: 1.45; margin: 0; }}
.cover {{ page: cover; height: 250mm; display: flex; flex-direction: column; break-after: page; }}
.cover .kicker {{ font-size: 10pt; letter-spacing: 0.08em; text-transform: uppercase; color: #555; margin-top: 45mm; }}
.cover h1 {{ font-size: 26pt; line-height: 1.2; margin: 6mm 0 8mm; }}
.cover .summary {{ font-size: 12pt; max-width: 150mm; }}
.cover dl {{ margin-top: auto; display: grid; grid-template-columns: max-content 1fr; gap: 1.5mm 6mm; font-size: 10pt; }}
.cover dt {{ color: #555; }} .cover dd {{ margin: 0; }}
h2 {{ font-size: 15pt; margin: 0 0 5mm; }}
ol.toc {{ list-style: none; padding: 0; margin: 0 0 10mm; }}
ol.toc li {{ margin: 2.5mm 0; }}
ol.toc a {{ display: flex; color: inherit; text-decoration: none; font-size: 11.5pt; }}
ol.toc .dots {{ flex: 1; border-bottom: 1px dotted #888; margin: 0 2mm 1.2mm; }}
ol.toc .n {{ font-variant-numeric: tabular-nums; }}
.sources {{ font-size: 9.5pt; }} .sources ul {{ padding-left: 0; list-style: none; }} .sources li {{ margin: 1.5mm 0; }}
.sources .file {{ display: block; font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; color: #444; white-space: nowrap; }}
</style></head><body>
<section class="cover">
  <div class="kicker">PDF edition</div>
  <h1>{e(book.title)}</h1>
  <p class="summary">{e(summary)}</p>
  <dl><dt>Data as of</dt><dd>{e(book.as_of)}</dd><dt>Version</dt><dd>{e(book.version)}</dd>
  <dt>Contents</dt><dd>{len(book.chapters)} chapters, {first_content_page - 1 + sum(c.pages for c in book.chapters)} pages</dd></dl>
</section>
<section class="contents"><h2>Contents</h2><ol class="toc">{rows}</ol>
<div class="sources" id="sources"><h2>Sources</h2>
<p>Numbers in brackets, such as [{e(book.sources[0]["number"]) if book.sources else "000"}], refer to these archived articles.
Their full texts are published with the site, under the file names given here.</p><ul>{sources}</ul></div></section>
<div class="jump-targets" style="position:absolute;left:0;top:0;width:1px;height:1px;overflow:hidden">{jump_ids}</div>
</body></html>"""


# --- printing ---------------------------------------------------------------------------------------

def _print_chapter(recorder, book: Book, chapter: Chapter, base: str, targets: list[str],
                   pages: dict[str, int], offset: int) -> bytes:
    page = recorder.open(chapter.path, scroll=False)
    try:
        page.emulate_media(media="print")
        problems = page.evaluate(DRAW_ALL)
        if problems:
            raise PdfError(f"{chapter.path}: " + "; ".join(problems))
        if not chapter.title:
            chapter.title = page.evaluate("() => document.querySelector('.bd-article h1').firstChild.textContent.trim()")
        page.evaluate(PREPARE, [base, targets, pages, base + "#briefing-sources"])
        page.add_style_tag(content=edition_css(book, chapter, offset))
        too_wide = page.evaluate(TOO_WIDE)
        if too_wide:
            raise PdfError(f"{chapter.path}: wider than the page: " + "; ".join(too_wide))
        page.evaluate("() => document.fonts.ready.then(() => true)")
        return page.pdf(prefer_css_page_size=True, print_background=True, outline=True)
    finally:
        page.close()


def _anchors(pdf: bytes) -> dict[str, tuple[int, float]]:
    """Where Chromium printed each jump target: named destination -> (page index, top)."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    index = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    found = {}
    for name, dest in reader.named_destinations.items():
        page_ref = dest.get("/Page")
        idnum = page_ref.idnum if hasattr(page_ref, "idnum") else None
        if idnum in index:
            found[name.lstrip("/")] = (index[idnum], float(dest.get("/Top") or 0))
    return found


def _page_count(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def cross_reference_targets(site: Path, book: Book) -> list[str]:
    """Every id a chapter links to (in its own page or another), to learn the page each is printed on."""
    found = set()
    for chapter in book.chapters:
        text = (site / chapter.path).read_text(encoding="utf-8")
        article = text[text.find('<article class="bd-article"'):]
        found |= {unquote(m) for m in re.findall(r'<a class="reference internal" href="[^"#]*#([^"]+)"', article)}
    return sorted(found)


def _page_map(book: Book) -> dict[str, int]:
    pages = {}
    for chapter in book.chapters:
        pages[f"{chapter.docname}#"] = chapter.first_page
        for name, (index, _top) in chapter.anchors.items():
            pages[f"{chapter.docname}#{name}"] = chapter.first_page + index
    return pages


def print_edition(site: Path, book: Book, log=print) -> tuple[bytes, dict]:
    """Print the chapters until their page numbers stand still, then the front matter; merge."""
    from . import chromium as headless
    from .server import serve

    stats = {"passes": 0}
    targets = cross_reference_targets(site, book)
    with serve(site) as base, headless.chromium() as chromium:
        recorder = headless.PageRecorder(chromium, base, viewport={"width": PRINT_WIDTH_PX, "height": 960})
        try:
            summary = _summary(recorder)
            front_pages = None
            pages: dict[str, int] = {}
            for attempt in range(1, MAX_PASSES + 1):
                stats["passes"] = attempt
                before = _page_map(book) if attempt > 1 else None
                for chapter in book.chapters:
                    offset = chapter.first_page - 1 if chapter.first_page else 0
                    chapter.pdf = _print_chapter(recorder, book, chapter, base, targets, pages, offset)
                    chapter.pages = _page_count(chapter.pdf)
                    chapter.anchors = _anchors(chapter.pdf)
                front = _print_html(recorder, front_matter_html(book, summary, (front_pages or 2) + 1))
                front_pages = _page_count(front)
                number = front_pages + 1
                for chapter in book.chapters:
                    chapter.first_page, number = number, number + chapter.pages
                pages = _page_map(book)
                log(f"pass {attempt}: " + ", ".join(f"{c.docname} {c.pages}p" for c in book.chapters))
                if before == pages:
                    break
            else:
                raise PdfError(f"page numbers still moving after {MAX_PASSES} passes")
            front = _print_html(recorder, front_matter_html(book, summary, front_pages + 1))
            if _page_count(front) != front_pages:
                raise PdfError("the front matter changed length once the page numbers were filled in")
            if recorder.external_requests:
                raise PdfError("requests to other hosts: " + ", ".join(sorted(set(recorder.external_requests))))
            if recorder.console_errors:
                raise PdfError("console errors: " + "; ".join(recorder.console_errors))
        finally:
            recorder.close()
        merged = merge(book, front, front_pages, base)
    stats.update(pages=front_pages + sum(c.pages for c in book.chapters), front_pages=front_pages,
                 external_requests=list(recorder.external_requests))
    return merged, stats


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


# --- merging ----------------------------------------------------------------------------------------

def merge(book: Book, front: bytes, front_pages: int, base: str) -> bytes:
    """One PDF: the front matter, then the chapters; every link jumps inside it or leaves the site."""
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)), import_outline=False)
    for chapter in book.chapters:
        writer.append(PdfReader(io.BytesIO(chapter.pdf)), outline_item=chapter.title, import_outline=True)
    writer.add_metadata({"/Title": book.title, "/Subject": f"PDF edition, version {book.version}, data as of {book.as_of}",
                         "/Creator": "briefing.site.pdf (Chromium, pypdf)"})
    pages = _page_map(book)
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
                continue  # a hidden jump target of PREPARE
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


# --- the site's link ---------------------------------------------------------------------------------

def human_size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} KB"


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the built site as one PDF (the PDF edition).")
    parser.add_argument("site", type=Path, nargs="?", default=Path("_build/html"))
    parser.add_argument("--out", type=Path, default=Path("_build/pdf"))
    args = parser.parse_args(argv)
    try:
        pdf, stats = build(args.site, args.out)
    except PdfError as error:
        print(f"PDF edition: {error}", file=sys.stderr)
        return 1
    print(f"PDF edition: {pdf} ({human_size(stats['bytes'])}, {stats['pages']} pages, "
          f"{stats['passes']} pass(es), {stats['seconds']} s); copied into the site as {PDF_DOWNLOADS}/{pdf.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
