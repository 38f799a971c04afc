"""The PDF edition (briefing.site.pdf), printed from the built site by Chromium, read back with poppler.

Skipped with a plain notice without Chromium or poppler-utils; BRIEFING_REQUIRE_BROWSER=1 (CI)
turns that into a failure. Each check is also shown failing on a PDF or a site made to break it.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

from briefing.checks import browser, pdfcheck
from briefing.site import pdf, sphinx_ext
from briefing.site.pdf import merge
from briefing.site.toc import toc_docnames
from conftest import ROOT, need

pytestmark = pytest.mark.browser
# Bytes. The edition grows with the story (0.77 MB for 36 pages, then 1.3 MB for 94 pages in November
# 2026, 2.8 MB for 176 pages in December 2026, when the five story chapters and their records, printed
# open, were added: each chapter embeds its own font subsets, about 40 KB); what must not happen is heavy
# pages (a chart printed as an image, an embedded font per page), which the per-page budget catches.
SIZE_BUDGET = 3_500_000
PAGE_BUDGET = 25_000


@pytest.fixture(scope="module")
def edition(built_site):
    need(browser.chromium_path() is not None, "Chromium (/usr/bin/chromium)")
    need(all(shutil.which(tool) for tool in pdfcheck.POPPLER), "poppler-utils (pdfinfo, pdftotext, pdftoppm)")
    started = time.monotonic()
    path, stats = pdf.build(built_site, ROOT / "_build" / "pdf", root=ROOT, log=lambda _line: None)
    stats["measured_seconds"] = time.monotonic() - started
    return path, stats, built_site


def chapter_titles(site: Path) -> dict[str, str]:
    titles = {}
    for docname in toc_docnames(ROOT):
        page = (site / f"{docname}.html").read_text(encoding="utf-8")
        article = page[page.index('<article class="bd-article"'):]
        titles[docname] = re.sub(r"<[^>]+>", "", re.search(r"<h1>(.*?)<a class=\"headerlink\"", article, re.S).group(1)).strip()
    return titles


def chart_texts(site: Path) -> dict[str, list[str]]:
    return {d: pdfcheck.chart_texts((site / f"{d}.html").read_text(encoding="utf-8")) for d in toc_docnames(ROOT)}


def test_the_pdf_exists_opens_and_is_named_from_the_book(edition):
    path, stats, _site = edition
    assert path == ROOT / "_build" / "pdf" / "us-japan-tariff-briefing.pdf"
    info = pdfcheck.info(path)
    assert int(info["Pages"]) == stats["pages"] > 10
    assert info["Title"].startswith("US–Japan tariff talks, 2025–2026")
    assert info["Page size"].endswith("(A4)")


def test_cover_says_what_when_and_which_version(edition):
    path, _stats, _site = edition
    cover = pdfcheck.flat(pdfcheck.page_texts(path)[0])
    version = re.search(r"^### Version (\S+)", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M).group(1)
    book = pdf.read_book(ROOT)
    assert book.title in cover and book.title == "US–Japan tariff talks, 2025–2026: the briefing"
    assert f"Version {version}" in cover and f"Data as of {book.as_of}" in cover
    # What it covers: the front page's lede, its opening paragraph.
    front = (ROOT / "_build" / "html" / "book" / "index.html").read_text(encoding="utf-8")
    lede = pdfcheck.flat(html.unescape(re.sub(r"<[^>]+>", "", front.split("</h1>", 1)[1].split("<p>", 1)[1].split("</p>", 1)[0])))
    assert lede[:60] in cover, lede


def misplaced_titles(pages: list[str], chapters: dict[str, tuple[int, int]], titles: dict[str, str]) -> list[str]:
    """Chapter titles not on the page where their chapter starts."""
    return [f"{title!r} is not on page {chapters[d][0]}" for d, title in titles.items()
            if chapters[d][0] > len(pages) or title not in pdfcheck.flat(pages[chapters[d][0] - 1])]


def test_every_chapter_is_in_the_text_where_the_contents_say(edition):
    path, stats, site = edition
    pages = pdfcheck.page_texts(path)
    titles = chapter_titles(site)
    contents = pdfcheck.flat(pages[1])
    assert misplaced_titles(pages, stats["chapters"], titles) == []
    for docname, title in titles.items():
        first, count = stats["chapters"][docname]
        assert count >= 1
        assert re.search(re.escape(title) + rf" ?\.* ?{first}\b", contents), f"contents: {title!r} not listed at page {first}"
    assert list(stats["chapters"]) == toc_docnames(ROOT), "chapters in _toc.yml order"


def test_every_charts_axis_text_is_in_the_pdf(edition):
    path, stats, site = edition
    pages = pdfcheck.page_texts(path)
    expected = chart_texts(site)
    assert sum(len(v) for v in expected.values()) > 10, expected
    for docname, texts in expected.items():
        first, count = stats["chapters"][docname]
        assert pdfcheck.missing_texts(pages[first - 1: first - 1 + count], texts) == [], docname


def test_no_page_is_blank_and_every_page_has_its_number(edition):
    path, stats, _site = edition
    book = pdf.read_book(ROOT)
    assert pdfcheck.blank_pages(path, furniture=(book.title,)) == []
    for number, text in enumerate(pdfcheck.page_texts(path), start=1):
        if number > 1:  # the cover has no running header or number
            assert f"Page {number}" in text and book.title in text, f"page {number}: no number or running header"


def test_links_jump_inside_the_pdf_or_leave_the_site_never_to_the_printing_server(edition):
    path, _stats, _site = edition
    assert pdfcheck.external_links(path) == []
    text = pdfcheck.flat(" ".join(pdfcheck.page_texts(path)))
    assert re.search(r"What a Japanese car paid on 1 May 2025 \(p\.\s?\d+\)", text), "cross-references show the page they point to"
    assert "(p. 00)" not in text and "(p. 00)" not in text
    # A glossary term jumps to its entry but prints no page, so a sentence reads without them.
    assert re.search(r"most-favoured-nation\s?,\s?or MFN", text) and not re.search(r"normal duty \(p\.\s?\d+\)", text)


def test_the_pdf_stays_within_its_size_budget(edition):
    path, _stats, _site = edition
    pages = len(pdfcheck.page_texts(path))
    assert path.stat().st_size <= SIZE_BUDGET
    assert path.stat().st_size / pages <= PAGE_BUDGET, f"{path.stat().st_size / pages:,.0f} bytes a page"


def test_the_front_page_links_the_pdf_with_its_current_size(edition):
    path, stats, site = edition
    front = (site / "book" / "index.html").read_text(encoding="utf-8")
    published = site / sphinx_ext.PDF_DOWNLOADS / path.name
    assert published.read_bytes() == path.read_bytes()
    link = sphinx_ext.pdf_link_html(f"../{sphinx_ext.PDF_DOWNLOADS}/{path.name}", pdf.human_size(published.stat().st_size))
    assert link in front
    assert stats["external_requests"] == []


def test_a_build_that_writes_pages_empties_the_link_and_removes_the_stale_pdf(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "downloads").mkdir()
    (tmp_path / "downloads" / "edition.pdf").write_bytes(b"%PDF-1.4 stale")
    filled = sphinx_ext.pdf_link_html("../downloads/edition.pdf", "1 KB")
    (tmp_path / "book" / "index.html").write_text(f"<h1>t</h1><p>intro</p>{filled}<p>more</p>", encoding="utf-8")
    app = SimpleNamespace(outdir=str(tmp_path), config=SimpleNamespace(briefing_pdf_name="edition", root_doc="book/index"))
    sphinx_ext._forget_stale_pdf(app)
    assert not (tmp_path / "downloads" / "edition.pdf").exists()
    assert (tmp_path / "book" / "index.html").read_text(encoding="utf-8") == (
        f"<h1>t</h1><p>intro</p>{sphinx_ext.PDF_PLACEHOLDER}<p>more</p>")
    assert sphinx_ext._with_pdf_placeholder("<h1>t</h1>\n<p>intro</p><p>b</p>", "x") == (
        f"<h1>t</h1>\n<p>intro</p>\n{sphinx_ext.PDF_PLACEHOLDER}<p>b</p>")


# --- each check fails on a PDF or a site made to break it ---------------------------------------

def test_pdf_checks_fail_on_a_broken_pdf(edition, tmp_path):
    path, stats, site = edition
    writer = PdfWriter()
    for page in PdfReader(path).pages[:3]:  # cover, contents, the front page: no chapter after it
        writer.add_page(page)
    blank = writer.add_blank_page()
    link = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
                             NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 50, 20)]),
                             NameObject("/A"): DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                                                 NameObject("/URI"): TextStringObject("http://127.0.0.1:8000/book/x.html")})})
    blank[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    broken = tmp_path / "broken.pdf"
    with broken.open("wb") as out:
        writer.write(out)
    texts = pdfcheck.page_texts(broken)
    assert len(misplaced_titles(texts, stats["chapters"], chapter_titles(site))) == len(stats["chapters"]) - 1
    assert pdfcheck.missing_texts(texts, chart_texts(site)["book/tariffs"])  # chart text missing
    assert pdfcheck.blank_pages(broken) == [4]
    assert pdfcheck.external_links(broken) == ["page 4: http://127.0.0.1:8000/book/x.html"]
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(subprocess.CalledProcessError):
        pdfcheck.info(truncated)
    assert broken.stat().st_size < path.stat().st_size  # the budget compares plain byte counts


def test_a_chart_that_does_not_draw_or_a_request_to_another_host_stops_the_edition(edition, tmp_path):
    _path, _stats, site = edition
    copy = shutil.copytree(site, tmp_path / "site")
    charted = copy / "book" / "timeline.html"
    broken, n = re.subn(r'(<script type="application/json" class="briefing-plotly-data"[^>]*>)\{',
                        r"\1{broken", charted.read_text(encoding="utf-8"), count=1)
    assert n == 1, "the page chosen to break has no chart any more: pick one that has"
    charted.write_text(broken, encoding="utf-8")
    actors = copy / "book" / "actors.html"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "</main>", '<img src="https://cdn.example.org/pixel.png" alt="x"></main>', 1), encoding="utf-8")
    book = pdf.read_book(ROOT)
    book.chapters = [pdf.Chapter("book/timeline")]
    with pytest.raises(pdf.PdfError, match=r"book/timeline.html: .*did not draw|book/timeline.html: SyntaxError"):
        pdf.print_edition(copy, book, log=lambda _line: None)
    book.chapters = [pdf.Chapter("book/actors")]
    with pytest.raises(pdf.PdfError, match="requests to other hosts: https://cdn.example.org/pixel.png"):
        pdf.print_edition(copy, book, log=lambda _line: None)


def test_the_merge_makes_each_link_again_jumping_inside_the_edition_or_leaves_it_out():
    base = "http://127.0.0.1:8123/"
    deal = pdf.Chapter("book/deal", first_page=3, pages=2, anchors={"overview": (1, 500.0)})
    book = pdf.Book(root=ROOT, title="t", name="t", version="1", released="5 December 2026", as_of="1 May 2025", chapters=[deal], sources=[])
    edition = merge.Edition(book, front_pages=2, base=base, page_tops=[842.0] * 4)

    def printed(rect=(10, 10, 60, 20), dest=None, uri=None, subtype="/Link"):
        annotation = DictionaryObject({NameObject("/Subtype"): NameObject(subtype), NameObject("/F"): NumberObject(4),
                                       NameObject("/Border"): ArrayObject([NumberObject(0)] * 3),
                                       NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect])})
        if dest:
            annotation[NameObject("/Dest")] = NameObject(dest)
        if uri:
            annotation[NameObject("/A")] = DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                                             NameObject("/URI"): TextStringObject(uri)})
        return annotation

    writer = PdfWriter()
    for _page in range(4):
        writer.add_blank_page(595, 842)

    def jump(link):
        """Where the link jumps once added to the edition: (page index, top, flags)."""
        destination = writer.add_annotation(0, link)["/Dest"]
        pages = [page.indirect_reference for page in writer.pages]
        return pages.index(destination[0]), float(destination[3]), link["/F"]

    assert jump(merge.relinked(printed(dest="/overview"), deal, edition)) == (3, 500.0, 4)
    assert jump(merge.relinked(printed(uri=base + "book/deal.html#overview"), None, edition)) == (3, 500.0, 4)
    assert jump(merge.relinked(printed(uri=base + "book/deal.html"), deal, edition)) == (2, 842.0, 4)
    assert jump(merge.relinked(printed(uri=base + "#briefing-sources"), deal, edition)) == (1, 842.0, 4)
    assert jump(merge.relinked(printed(dest="/chapter-0"), None, edition)) == (2, 842.0, 4)
    assert merge.relinked(printed(uri="https://www.meti.go.jp/"), deal, edition)["/A"]["/URI"] == "https://www.meti.go.jp/"
    assert merge.relinked(printed(rect=(0, 0, 1, 1), dest="/overview"), deal, edition) is None  # a hidden jump target
    assert merge.relinked(printed(dest="/elsewhere"), deal, edition) is None  # not printed in this chapter
    assert merge.relinked(printed(uri=base + "book/actors.html"), deal, edition) is None  # not in the edition
    assert merge.relinked(printed(uri=base + "data/events.csv"), deal, edition) is None  # a file on the printing server
    assert merge.relinked(printed(uri="http://127.0.0.1:9/book/deal.html"), deal, edition) is None
    with pytest.raises(pdf.PdfError, match="/Widget annotation"):
        merge.relinked(printed(subtype="/Widget"), deal, edition)
