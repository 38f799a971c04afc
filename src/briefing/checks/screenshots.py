"""`make screenshots`: a desktop and a phone screenshot of every page, light and dark."""

from __future__ import annotations

import sys
from pathlib import Path

from .browser import DESKTOP, PHONE, PageRecorder, chromium, serve, site_pages


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    site, out = Path(argv[0] if argv else "_build/html"), Path(argv[1] if len(argv) > 1 else "_build/screenshots")
    if not (site / "index.html").is_file():
        print(f"No site in {site}: run 'make book' first.", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, chromium() as browser:
        for name, viewport, scheme in (("desktop", DESKTOP, "light"), ("phone", PHONE, "light"), ("dark", DESKTOP, "dark")):
            recorder = PageRecorder(browser, base, viewport=viewport, color_scheme=scheme)
            for path in site_pages(site):
                page = recorder.open(path)
                # A full-page capture clips the right-hand contents (a sticky box that scrolls) to
                # a sliver; let it grow for the picture only, so the screenshot shows what a reader sees.
                page.add_style_tag(content=".bd-sidebar-secondary { overflow-y: visible !important; }")
                page.wait_for_timeout(300)
                target = out / f"{Path(path).stem}-{name}.png"
                page.screenshot(path=str(target), full_page=True)
                page.close()
                print(target)
            recorder.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
