"""Which tables a chapter reads, recorded while it executes during a build.

The Sphinx extension sets BRIEFING_READS_FILE for each chapter before it executes (the kernel
inherits the build's environment); ``load`` then adds each table's name to that file. After a
data edit, the extension re-executes only the chapters whose record names an edited table.
Outside a build (tests, a notebook) the variable is unset and nothing is written. The build's own
process reads tables too (citation markers, notes) while the variable names a chapter's record; it
sets BRIEFING_READS_PARENT to its process id, so only the chapter's kernel writes the record (the
build's reads once replaced the record of a chapter that did not execute, hiding its tables).
"""

from __future__ import annotations

import os
from pathlib import Path

VARIABLE = "BRIEFING_READS_FILE"
PARENT = "BRIEFING_READS_PARENT"


def record(table: str) -> None:
    target = os.environ.get(VARIABLE)
    if target and os.environ.get(PARENT) != str(os.getpid()):
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(table + "\n")


def recorded(path: Path) -> set[str] | None:
    """The tables a record names, or None when there is no record (read as: it may read any)."""
    return set(path.read_text(encoding="utf-8").split()) if path.is_file() else None
