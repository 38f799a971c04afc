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

The package, a module a job:

- book.py: what the edition is made of (Book, Chapter, read_book, changelog_version, pdf_name);
- layout.py: what its pages look like (A4, the @page rules, the front matter);
- printing.py: the Chromium printing passes (the chapters until their page numbers stand still,
  where each cross-referenced id is printed, the front matter);
- merge.py: the parts joined with pypdf (bookmarks, links made jumps inside the edition);
- edition.py: print, merge, write, link from the site (build, print_edition, link_site);
- __main__.py: the command line; assets/: the scripts run in the page, the style sheets, the
  front matter's page.
"""

from .book import Book, Chapter, changelog_version, page_map, pdf_name, read_book
from .edition import build, human_size, link_site, print_edition
from .errors import PdfError
from .layout import MARGINS, PAGE_SIZE, PRINT_WIDTH_PX, edition_css, front_matter_html
from .printing import MAX_PASSES, cross_reference_targets, print_parts

# merge() stays in its module (briefing.site.pdf.merge.merge): lifted up here, it would hide that module.
__all__ = ["MARGINS", "MAX_PASSES", "PAGE_SIZE", "PRINT_WIDTH_PX", "Book", "Chapter", "PdfError", "build",
           "changelog_version", "cross_reference_targets", "edition_css", "front_matter_html", "human_size", "link_site",
           "page_map", "pdf_name", "print_edition", "print_parts", "read_book"]
