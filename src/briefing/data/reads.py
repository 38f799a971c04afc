"""Which tables a chapter reads, recorded while it executes during a build.

The Sphinx extension sets BRIEFING_READS_FILE for each chapter before it executes (the kernel
inherits the build's environment); ``load`` then adds a line to that file for each read. After a
data edit, the extension re-executes only the chapters whose record names an edited table and,
for a part of a table (``load(name, rows=..., columns=...)``), only if that part changed: the line
holds the part (its rows, its columns) and a digest of its cells as the CSV file gives them, which
the build computes again from the edited file (``part_digest``). A chapter given only part of a
table cannot show the rest, so a change elsewhere in the table leaves its pages as they are.
Outside a build (tests, a notebook) the variable is unset and nothing is written. The build's own
process reads tables too (citation markers, notes) while the variable names a chapter's record; it
sets BRIEFING_READS_PARENT to its process id, so only the chapter's kernel writes the record (the
build's reads once replaced the record of a chapter that did not execute, hiding its tables).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

VARIABLE = "BRIEFING_READS_FILE"
PARENT = "BRIEFING_READS_PARENT"


@dataclass(frozen=True)
class Read:
    """One read: a whole table (``part`` None), or the rows and columns given (None: all) with their digest."""

    table: str
    part: dict | None = None  # {"rows": [...] | None, "columns": [...] | None, "digest": "..."}


def record(table: str, part: dict | None = None) -> None:
    target = os.environ.get(VARIABLE)
    if target and os.environ.get(PARENT) != str(os.getpid()):
        line = table if part is None else f"{table} {json.dumps(part, sort_keys=True)}"
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")


def entries(path: Path) -> list[Read] | None:
    """The reads a record lists, or None when there is no record (read as: it may read anything)."""
    if not path.is_file():
        return None
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        table, _, part = line.strip().partition(" ")
        if table:
            found.append(Read(table, json.loads(part) if part else None))
    return found


def recorded(path: Path) -> set[str] | None:
    """The tables a record names, or None when there is no record (read as: it may read any)."""
    found = entries(path)
    return None if found is None else {read.table for read in found}


def part_digest(raw) -> str:
    """The digest of a part of a table: its cells as the CSV file gives them (strings), with its
    column names, in the file's order (a pandas DataFrame of strings)."""
    cells = [list(raw.columns)] + raw.astype(str).values.tolist()
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()
