"""Which tables a chapter reads, recorded while it executes during a build.

The Sphinx extension sets BRIEFING_READS_FILE for each chapter before it executes (the kernel
inherits the build's environment); ``load`` then adds each table's name to that file. After a
data edit, the extension re-executes only the chapters whose record names an edited table.
Outside a build (tests, a notebook) the variable is unset and nothing is written.
"""

from __future__ import annotations

import os
from pathlib import Path

VARIABLE = "BRIEFING_READS_FILE"


def record(table: str) -> None:
    target = os.environ.get(VARIABLE)
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(table + "\n")


def recorded(path: Path) -> set[str] | None:
    """The tables a record names, or None when there is no record (read as: it may read any)."""
    return set(path.read_text(encoding="utf-8").split()) if path.is_file() else None
