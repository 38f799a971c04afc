"""Reading one CSV file of the package into a ``Table``: its bytes, its header, its rows.

The file is read as an editor sees it: each row keeps the line it starts on (header = line 1,
and a quoted value may span lines), so every later check can name the line. What stops a file
from being read at all (missing, empty, a byte-order mark, bytes that are not UTF-8, broken
quoting) is reported here, once, instead of as confusing problems on every row.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, shown


@dataclass
class Table:
    """A parsed CSV file: rows as dicts of raw strings, with the line each row starts on."""

    name: str
    path: Path
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]

    @property
    def shown(self) -> str:
        """The file's path as problems name it."""
        return shown(self.path)

    def numbered(self) -> Iterator[tuple[dict[str, str], int]]:
        """Each row with the line it starts on."""
        return zip(self.rows, self.lines, strict=True)


def read_table(name: str, path: Path, problems: list[Problem]) -> Table | None:
    """The table in ``path``, or None (with the reason in ``problems``) if it cannot be read."""
    where = shown(path)
    if not path.is_file():
        problems.append(Problem(where, 0, "", "file is missing, but datapackage.json lists it: restore the file"
                                " (git checkout -- <file>) or remove its entry from datapackage.json"))
        return None
    raw = path.read_bytes()
    if not raw.strip():
        problems.append(Problem(where, 0, "", "file is empty: it needs a header row (the column names) and data rows;"
                                " restore it from git (git checkout -- <file>) or write them in"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(where, 1, "", "file starts with a byte-order mark (BOM): save it as UTF-8 without BOM"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(Problem(where, line, "", f"bytes that are not UTF-8 ({raw[err.start:err.start + 4]!r}): save the file as UTF-8"
                                " (in a spreadsheet: 'CSV UTF-8'), then check the characters on this line"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        records = []
        start = reader.line_num + 1
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as err:
        problems.append(Problem(where, reader.line_num, "", f"not valid CSV ({err}): put a value that contains a comma,"
                                " a double quote or a line break inside double quotes, and write each double quote"
                                ' inside it twice ("")'))
        return None
    for line, record in records:
        if not any(cell.strip() for cell in record):
            problems.append(Problem(where, line, "", "blank row: delete it"))
    records = [(line, record) for line, record in records if any(cell.strip() for cell in record)]
    if not records:
        problems.append(Problem(where, 0, "", "the table has a header but no rows: add at least one row below the"
                                " header, or restore the file from git (git checkout -- <file>)"))
    widths = {len(record) for _, record in records}
    if _header_problem(header):
        # A column named twice: check_header says so once, instead of a field count on every row.
        records = [(line, record) for line, record in records if len(record) == len(header)]
    elif len(records) > 1 and len(widths) == 1 and len(header) not in widths:
        # Every row disagrees with the header in the same way: the header is wrong; say it once.
        width = widths.pop()
        fix = "add the missing column name to" if width > len(header) else "remove the extra name from"
        problems.append(Problem(where, 1, "", f"the header names {len(header)} columns but every row has {width} values:"
                                f" {fix} the header (datapackage.json lists the columns in order)"))
        records = []
    rows, lines = [], []
    for line, record in records:
        if len(record) > len(header):
            problems.append(Problem(where, line, "", f"row has {len(record)} fields, the header has {len(header)}:"
                                    " put a value that contains a comma inside double quotes, or remove the extra comma"))
        elif len(record) < len(header):
            problems.append(Problem(where, line, "", f"row has {len(record)} fields, the header has {len(header)}:"
                                    " add the missing values (an empty value still needs its comma)"))
        else:
            rows.append(dict(zip(header, record, strict=True)))
            lines.append(line)
    return Table(name, path, header, rows, lines)


def _header_problem(header: list[str]) -> bool:
    """A column named twice: reported once by check_header, not as a field count on every row."""
    return len(set(header)) != len(header)


def check_header(table: Table, fields: list[dict], problems: list[Problem]) -> bool:
    """The header against the schema's columns; False if the rows cannot be checked column by column."""
    expected = [f["name"] for f in fields]
    ok = True
    for dup in sorted({h for h in table.header if table.header.count(h) > 1}):
        places = " and ".join(str(i + 1) for i, h in enumerate(table.header) if h == dup)
        problems.append(Problem(table.shown, 1, dup, f"column is named twice in the header (columns {places}):"
                                " delete the extra name from the header, and its values from the rows if there are any"))
        ok = False
    unknown = [c for c in table.header if c not in expected]
    for missing in [c for c in expected if c not in table.header]:
        typo = difflib.get_close_matches(missing, unknown, n=1)
        fix = f"rename '{typo[0]}' to '{missing}'" if typo else "add it to the header and a value for it to every row"
        problems.append(Problem(table.shown, 1, missing, f"required column is missing from the header: {fix}"))
        ok = False
    for extra in unknown:
        typo = difflib.get_close_matches(extra, [c for c in expected if c not in table.header], n=1)
        fix = f"did you mean '{typo[0]}'?" if typo else "remove it, or describe it in datapackage.json first"
        problems.append(Problem(table.shown, 1, extra, f"unknown column: {fix} (the columns are: {', '.join(expected)})"))
        ok = False
    return ok
