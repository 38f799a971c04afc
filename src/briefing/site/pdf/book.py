"""What the edition is made of: the book's title and file name (_config.yml), its version
(CHANGELOG.md), the "as of" day and the sources (the data), and the chapters of _toc.yml, each with
what printing learns about it (its title, its pages, where its cross-referenced ids are printed).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from ... import data, paths, release
from ..toc import toc_docnames
from .errors import PdfError


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
    released: str  # '5 December 2026', from CHANGELOG.md
    as_of: str
    chapters: list[Chapter]
    sources: list[dict]  # number, label, published, outlet, file


def changelog_version(changelog: Path) -> str:
    try:
        return release.version(changelog)
    except release.ChangelogError as error:
        raise PdfError(str(error)) from error


def pdf_name(config: dict) -> str:
    name = ((config.get("sphinx") or {}).get("config") or {}).get("briefing_pdf_name")
    if not name or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise PdfError("_config.yml: sphinx.config.briefing_pdf_name must be a file name such as 'us-japan-tariff-briefing'")
    return name


def read_book(root: Path) -> Book:
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
                released=release.released(root / "CHANGELOG.md"), as_of=as_of, chapters=[Chapter(d) for d in toc_docnames(root)], sources=sources)


def page_map(book: Book) -> dict[str, int]:
    """The page (1-based, in the whole edition) of each chapter ('book/deal#') and of each id printed in it."""
    pages = {}
    for chapter in book.chapters:
        pages[f"{chapter.docname}#"] = chapter.first_page
        for name, (index, _top) in chapter.anchors.items():
            pages[f"{chapter.docname}#{name}"] = chapter.first_page + index
    return pages
