"""The book's reading order, as ``_toc.yml`` gives it (parts, chapters and sections alike).

One reader of the table of contents for the build's chapter rules, the PDF edition, the tests and
the front page's reading guide.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml


def toc_docnames(root: Path) -> list[str]:
    """The documents of root/_toc.yml in reading order, the root page first ('book/index', ...)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]
    stack = list(toc.get("chapters", [])) + [c for p in toc.get("parts", []) for c in p.get("chapters", [])]
    while stack:
        entry = stack.pop(0)
        if "file" in entry:
            names.append(entry["file"])
        stack[:0] = entry.get("sections", [])  # a chapter's sections follow it
    return [re.sub(r"\.(md|ipynb)$", "", name) for name in names]


def toc_files(root: Path) -> list[Path]:
    """The chapters' Markdown files in reading order."""
    return [(root / name).with_suffix(".md") for name in toc_docnames(root)]
