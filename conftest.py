"""Collect every chapter listed in _toc.yml as an nbmake test.

nbmake collects only .ipynb files, and the chapters are MyST Markdown. Each chapter is
converted by jupytext into _build/nbmake/ and run by nbmake's own NotebookItem, so a failing
cell fails a test named after the chapter and shows the cell and its traceback. The chapter
code finds book/data by searching upwards from its working directory, so it runs unchanged.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest
from nbmake.pytest_items import NotebookItem

from briefing.site.toc import toc_files

ROOT = Path(__file__).parent
CONVERTED = ROOT / "_build" / "nbmake"


def toc_chapters() -> list[Path]:
    return toc_files(ROOT)


class ChapterFile(pytest.File):
    def collect(self):
        target = CONVERTED / self.path.relative_to(ROOT).with_suffix(".ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(jupytext.read(self.path), target)
        yield NotebookItem.from_parent(self, filename=str(target))


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".md" and file_path in toc_chapters() and "code-cell" in file_path.read_text(encoding="utf-8"):
        return ChapterFile.from_parent(parent, path=file_path)
    return None
