"""Validate the curated data against book/data/datapackage.json.

Every problem is collected (never just the first) and reported as

    book/data/events.csv:14: column 'date': expected <what>, found '<value>'

with the line number an editor sees in the file. Files are only read, never rewritten.
Run as ``python -m briefing.data [DATA_DIR]``; exits 1 when anything is wrong.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from . import dates, evidence

# Characters that make a spreadsheet treat a cell as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
QUOTE_SEPARATOR = " [...] "
BOOLEANS = {"true": True, "false": False}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 0 = the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        col = f" column '{self.column}':" if self.column else ""
        return f"{where}:{col} {self.message}"


class DataError(Exception):
    """Raised by loaders when the data does not validate; str() lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the curated data:\n{lines}")


@dataclass
class Table:
    """A parsed CSV file: rows as dicts of raw strings, with the line each row starts on."""

    name: str
    path: Path
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quote_excerpts(quote: str) -> list[str]:
    return [normalise_space(part) for part in quote.split(QUOTE_SEPARATOR) if part.strip()]


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_table(name: str, path: Path, problems: list[Problem]) -> Table | None:
    shown = _display(path)
    if not path.is_file():
        problems.append(Problem(shown, 0, "", "file is missing (listed in datapackage.json)"))
        return None
    raw = path.read_bytes()
    if not raw.strip():
        problems.append(Problem(shown, 0, "", "file is empty: expected a header row and data rows"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(shown, 1, "", "file starts with a byte-order mark (BOM): save it as UTF-8 without BOM"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(Problem(shown, line, "", f"bytes that are not UTF-8 ({raw[err.start:err.start + 4]!r}): save the file as UTF-8"))
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
        problems.append(Problem(shown, reader.line_num, "", f"not valid CSV: {err}"))
        return None
    rows, lines = [], []
    for line, record in records:
        if not any(cell.strip() for cell in record):
            problems.append(Problem(shown, line, "", "blank row: delete it"))
            continue
        if len(record) != len(header):
            problems.append(Problem(shown, line, "", f"row has {len(record)} fields, the header has {len(header)}"
                                    " (a comma inside a value must be inside double quotes)"))
            continue
        rows.append(dict(zip(header, record, strict=True)))
        lines.append(line)
    return Table(name, path, header, rows, lines)


def _check_header(table: Table, fields: list[dict], problems: list[Problem]) -> bool:
    shown = _display(table.path)
    expected = [f["name"] for f in fields]
    ok = True
    for dup in sorted({h for h in table.header if table.header.count(h) > 1}):
        problems.append(Problem(shown, 1, dup, "column appears more than once in the header"))
        ok = False
    for missing in [c for c in expected if c not in table.header]:
        problems.append(Problem(shown, 1, missing, "required column is missing from the header"))
        ok = False
    for extra in [c for c in table.header if c not in expected]:
        problems.append(Problem(shown, 1, extra, f"unknown column: expected only {', '.join(expected)}"
                                " (add new columns to datapackage.json first)"))
        ok = False
    return ok


def _check_cell(value: str, field: dict) -> str | None:
    """Return what was expected if the value breaks the field's type or constraints."""
    c = field.get("constraints", {})
    if value == "":
        return "a value (this column is required)" if c.get("required") else None
    kind = field.get("type", "string")
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            return "a whole number"
        number = int(value)
    elif kind == "number":
        try:
            number = float(value)
        except ValueError:
            return "a number (use '.' for decimals, no % sign)"
    elif kind == "boolean":
        if value not in BOOLEANS:
            return "true or false"
        return None
    else:
        number = None
        if value != value.strip():
            return "no spaces at the start or end"
        if value.startswith(FORMULA_PREFIXES):
            return "text that does not start with = + - @ (a spreadsheet would run it as a formula)"
    if "enum" in c and value not in c["enum"]:
        return f"one of {', '.join(c['enum'])}"
    if "pattern" in c and not re.fullmatch(c["pattern"], value):
        return f"text matching {c['pattern']}"
    if number is not None:
        if "minimum" in c and number < c["minimum"]:
            return f"a value of at least {c['minimum']}"
        if "maximum" in c and number > c["maximum"]:
            return f"a value of at most {c['maximum']}"
    return None


def _precision_field(field_name: str, names: set[str]) -> str | None:
    for candidate in (f"{field_name}_precision", "date_precision" if field_name == "date" else None):
        if candidate and candidate in names:
            return candidate
    return None


def validate(data_dir: Path | None = None, seeds_dir: Path | None = None) -> list[Problem]:
    """Check every table in the package; return all problems found (empty list = valid)."""
    data_dir = Path(data_dir) if data_dir else paths.data_dir()
    seeds_dir = Path(seeds_dir) if seeds_dir else paths.seeds_dir(data_dir)
    problems: list[Problem] = []
    package_path = data_dir / "datapackage.json"
    try:
        package = json.loads(package_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [Problem(_display(package_path), 0, "", f"cannot read the schema: {err}")]

    tables: dict[str, Table] = {}
    schemas: dict[str, dict] = {}
    for resource in package["resources"]:
        schema = resource["schema"]
        table = read_table(resource["name"], data_dir / resource["path"], problems)
        if table is None or not _check_header(table, schema["fields"], problems):
            continue
        tables[resource["name"]], schemas[resource["name"]] = table, schema
        _check_rows(table, schema, problems)

    seeds = _load_seeds(seeds_dir, problems)
    sources = evidence.source_kinds(tables.get("sources"))
    for name, table in tables.items():
        _check_keys(table, schemas[name], tables, problems)
        _check_quotes(table, schemas[name], seeds, problems)
        groups = next((r.get("x-briefing-evidence", []) for r in package["resources"] if r["name"] == name), [])
        evidence.check_rows(table, groups, sources, _display(table.path), problems, Problem)
    if "sources" in tables:
        shown = _display(tables["sources"].path)
        evidence.check_sources(tables["sources"], seeds, shown, problems, Problem)
        for source_id in sorted(set(seeds) - set(sources)):
            problems.append(Problem(shown, 0, "source_id", f"seeds/{source_id}.txt has no row in sources.csv: add one (kind archived-article)"))
    return sorted(set(problems))


def _check_rows(table: Table, schema: dict, problems: list[Problem]) -> None:
    shown = _display(table.path)
    fields = schema["fields"]
    names = {f["name"] for f in fields}
    for row, line in zip(table.rows, table.lines, strict=True):
        for field in fields:
            value = row[field["name"]]
            expected = _check_cell(value, field)
            if expected:
                problems.append(Problem(shown, line, field["name"], f"expected {expected}, found {value!r}"))
                continue
            precision_name = _precision_field(field["name"], names)
            if precision_name and value:
                precision = row[precision_name]
                if not precision:
                    problems.append(Problem(shown, line, precision_name, f"expected a precision for {field['name']} {value!r}"))
                    continue
                error = dates.check(value, precision)
                if error:
                    problems.append(Problem(shown, line, field["name"], error))


def _check_keys(table: Table, schema: dict, tables: dict[str, Table], problems: list[Problem]) -> None:
    shown = _display(table.path)
    pk = schema.get("primaryKey")
    pk = [pk] if isinstance(pk, str) else (pk or [])
    if pk:
        seen: dict[tuple, int] = {}
        for row, line in zip(table.rows, table.lines, strict=True):
            key = tuple(row[k] for k in pk)
            if key in seen:
                problems.append(Problem(shown, line, ",".join(pk), f"duplicate id {'/'.join(key)!r}: already used on line {seen[key]}"))
            else:
                seen[key] = line
    references = [(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"]) for fk in schema.get("foreignKeys", [])]
    for field in schema["fields"]:
        if "x-briefing-list-of" in field:
            resource, ref = field["x-briefing-list-of"].split(".")
            references.append((field["name"], resource, ref))
    for column, resource, ref in references:
        if resource not in tables:
            continue
        known = {r[ref] for r in tables[resource].rows}
        for row, line in zip(table.rows, table.lines, strict=True):
            for value in filter(None, row[column].split(";")):
                if value not in known:
                    problems.append(Problem(shown, line, column, f"unknown id {value!r}: expected an id from {resource}.csv column '{ref}'"))


def _load_seeds(seeds_dir: Path, problems: list[Problem]) -> dict[str, str]:
    if not seeds_dir.is_dir():
        problems.append(Problem(_display(seeds_dir), 0, "", "directory of archived sources is missing"))
        return {}
    return {p.stem: normalise_space(p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))}


def _check_quotes(table: Table, schema: dict, seeds: dict[str, str], problems: list[Problem]) -> None:
    shown = _display(table.path)
    for field in schema["fields"]:
        source_column = field.get("x-briefing-quote-in")
        if not source_column:
            continue
        for row, line in zip(table.rows, table.lines, strict=True):
            source_id, quote = row[source_column], row[field["name"]]
            if source_id not in seeds or not quote:
                continue  # quotes on other kinds of source, and missing seeds, are evidence problems (evidence.py)
            for excerpt in quote_excerpts(quote):
                if excerpt not in seeds[source_id]:
                    problems.append(Problem(shown, line, field["name"], f"quote not found in seeds/{source_id}.txt"
                                            f" (compared after collapsing white space only): {excerpt[:80]!r}"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data_dir = Path(argv[0]) if argv else paths.data_dir()
    problems = validate(data_dir)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"\n{len(problems)} problem(s) found in {_display(data_dir)}; no file was changed.", file=sys.stderr)
        return 1
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    print(f"{_display(data_dir)}: {len(package['resources'])} tables valid; every quote found in its archived article, "
          "every other citation has its locator.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
