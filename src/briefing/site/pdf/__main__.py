"""python -m briefing.site.pdf [_build/html] [--out _build/pdf]: print the built site as the PDF edition."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..sphinx_ext import PDF_DOWNLOADS
from .edition import build, human_size
from .errors import PdfError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.site.pdf",
                                     description="Print the built site as one PDF (the PDF edition).")
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
