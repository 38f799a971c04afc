"""Dates typed into the prose agree with the data: each day written in words ('22 July 2025',
'22 July') must be a date of a row its paragraph cites with ``{src}``.

A story sentence dates what its cited row dates; if the row holds another day, or the paragraph
cites no row that holds it, the date was typed from memory or has drifted from the data. Used by
`make check` (briefing.site.book_references) and by the build, at the chapter's line.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from . import evidence
from .chapter_rules import CODE_CELL, Finding

MONTHS = list(calendar.month_name)[1:]
DAY_IN_WORDS = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r")(?: (\d{4}))?\b")
ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")
MARKER = re.compile(r"\{src\}`([a-z_]+)/([^`]+)`")
SOURCE_COLUMNS = ("source_id", "also_source_id", "source_a", "source_b", "starts_source_id", "ends_source_id",
                  "instrument_id")


def _days_in(value) -> set[tuple[int, int, int | None]]:
    """The days a cell names: ISO days (and the ends of ISO ranges) and days written in words."""
    if isinstance(value, (pd.Timestamp, dt.date)) and not pd.isna(value):
        return {(value.day, value.month, value.year)}
    if not isinstance(value, str):
        return set()
    found = {(int(d), int(m), int(y)) for y, m, d in ISO_DAY.findall(value)}
    found |= {(int(d), MONTHS.index(m) + 1, int(y) if y else None) for d, m, y in DAY_IN_WORDS.findall(value)}
    return found


def row_days(table: str, row_id: str) -> set[tuple[int, int, int | None]]:
    """Every day a row names, and the days of the documents it cites (signed, published)."""
    row = evidence._rows(table)[row_id]
    days = set().union(*(_days_in(v) for v in row.values()))
    sources = evidence._rows("sources")
    for column in SOURCE_COLUMNS:
        for source_id in str(row.get(column) or "").split(";"):
            if source_id in sources and table != "sources":
                days |= set().union(*(_days_in(sources[source_id].get(c)) for c in ("signed", "published")))
    return days


def _agrees(typed: tuple[int, int, int | None], days) -> bool:
    day, month, year = typed
    return any(d == day and m == month and (year is None or y is None or y == year) for d, m, y in days)


def date_findings(chapter: Path) -> list[Finding]:
    text = chapter.read_text(encoding="utf-8")
    prose = CODE_CELL.sub(lambda m: "\n" * m.group().count("\n"), text)
    found, line = [], 1
    for paragraph in re.split(r"(\n\s*\n)", prose):
        if paragraph.strip() and not paragraph.lstrip().startswith(("#", "(", "```")):
            cited = [(t, r) for t, r in MARKER.findall(paragraph) if evidence.unknown_row(f"{t}/{r}") is None]
            days = set().union(*(row_days(t, r) for t, r in cited)) if cited else set()
            for match in DAY_IN_WORDS.finditer(paragraph):
                d, m, y = match.groups()
                if not _agrees((int(d), MONTHS.index(m) + 1, int(y) if y else None), days):
                    where = line + paragraph.count("\n", 0, match.start())
                    rows = ", ".join(f"{t}/{r}" for t, r in cited) or "none"
                    found.append(Finding(where, f"typed date '{match.group()}' is no date of the rows this paragraph cites"
                                                f" ({rows}): cite the row that dates it with {{src}}, or glue the date from the data"))
        line += paragraph.count("\n")
    return found
