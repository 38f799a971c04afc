"""Validate the curated data against book/data/datapackage.json.

Every problem is collected (never just the first) and reported as

    book/data/events.csv:14: column 'date': expected <what>, found '<value>'

with the line number an editor sees in the file. Files are only read, never rewritten.
Run as ``python -m briefing.data [DATA_DIR]``; exits 1 when anything is wrong.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from . import dates, evidence, quotes, references

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
        problems.append(Problem(shown, 0, "", "file is missing, but datapackage.json lists it: restore the file"
                                " (git checkout -- <file>) or remove its entry from datapackage.json"))
        return None
    raw = path.read_bytes()
    if not raw.strip():
        problems.append(Problem(shown, 0, "", "file is empty: it needs a header row (the column names) and data rows;"
                                " restore it from git (git checkout -- <file>) or write them in"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(shown, 1, "", "file starts with a byte-order mark (BOM): save it as UTF-8 without BOM"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(Problem(shown, line, "", f"bytes that are not UTF-8 ({raw[err.start:err.start + 4]!r}): save the file as UTF-8"
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
        problems.append(Problem(shown, reader.line_num, "", f"not valid CSV ({err}): put a value that contains a comma,"
                                " a double quote or a line break inside double quotes, and write each double quote"
                                ' inside it twice ("")'))
        return None
    for line, record in records:
        if not any(cell.strip() for cell in record):
            problems.append(Problem(shown, line, "", "blank row: delete it"))
    records = [(line, record) for line, record in records if any(cell.strip() for cell in record)]
    if not records:
        problems.append(Problem(shown, 0, "", "the table has a header but no rows: add at least one row below the"
                                " header, or restore the file from git (git checkout -- <file>)"))
    widths = {len(record) for _, record in records}
    if _header_problem(header):
        # A column named twice: _check_header says so once, instead of a field count on every row.
        records = [(line, record) for line, record in records if len(record) == len(header)]
    elif len(records) > 1 and len(widths) == 1 and len(header) not in widths:
        # Every row disagrees with the header in the same way: the header is wrong; say it once.
        width = widths.pop()
        fix = "add the missing column name to" if width > len(header) else "remove the extra name from"
        problems.append(Problem(shown, 1, "", f"the header names {len(header)} columns but every row has {width} values:"
                                f" {fix} the header (datapackage.json lists the columns in order)"))
        records = []
    rows, lines = [], []
    for line, record in records:
        if len(record) > len(header):
            problems.append(Problem(shown, line, "", f"row has {len(record)} fields, the header has {len(header)}:"
                                    " put a value that contains a comma inside double quotes, or remove the extra comma"))
        elif len(record) < len(header):
            problems.append(Problem(shown, line, "", f"row has {len(record)} fields, the header has {len(header)}:"
                                    " add the missing values (an empty value still needs its comma)"))
        else:
            rows.append(dict(zip(header, record, strict=True)))
            lines.append(line)
    return Table(name, path, header, rows, lines)


def _header_problem(header: list[str]) -> bool:
    """A column named twice: reported once by _check_header, not as a field count on every row."""
    return len(set(header)) != len(header)


def _check_header(table: Table, fields: list[dict], problems: list[Problem]) -> bool:
    shown = _display(table.path)
    expected = [f["name"] for f in fields]
    ok = True
    for dup in sorted({h for h in table.header if table.header.count(h) > 1}):
        places = " and ".join(str(i + 1) for i, h in enumerate(table.header) if h == dup)
        problems.append(Problem(shown, 1, dup, f"column is named twice in the header (columns {places}):"
                                " delete the extra name from the header, and its values from the rows if there are any"))
        ok = False
    unknown = [c for c in table.header if c not in expected]
    for missing in [c for c in expected if c not in table.header]:
        typo = difflib.get_close_matches(missing, unknown, n=1)
        fix = f"rename '{typo[0]}' to '{missing}'" if typo else "add it to the header and a value for it to every row"
        problems.append(Problem(shown, 1, missing, f"required column is missing from the header: {fix}"))
        ok = False
    for extra in unknown:
        typo = difflib.get_close_matches(extra, [c for c in expected if c not in table.header], n=1)
        fix = f"did you mean '{typo[0]}'?" if typo else "remove it, or describe it in datapackage.json first"
        problems.append(Problem(shown, 1, extra, f"unknown column: {fix} (the columns are: {', '.join(expected)})"))
        ok = False
    return ok


# Patterns of the schema, in words (a message never shows a regular expression).
PATTERN_WORDS = {
    "^[a-z0-9][a-z0-9-]*$": "an id of lower-case letters, digits and hyphens, with no spaces (e.g. round-4-planned)",
    "^[0-9]{3}_[0-9a-f]{16}$": "a source id: three digits, '_' and 16 lower-case hex digits, the name of its file in"
                               " seeds/ without .txt (e.g. 005_0123456789abcdef)",
    "^([a-z0-9-]+(;[a-z0-9-]+)*)?$": "ids separated by ';' with no spaces (e.g. akazawa;bessent)",
    "^([0-9]{3}_[0-9a-f]{16}|[a-z0-9][a-z0-9.-]*)$": "for an archived article, the name of its file in seeds/ without .txt"
                                                    " (e.g. 005_0123456789abcdef); for any other source, an id of lower-case"
                                                    " letters, digits, dots and hyphens (e.g. eo-14257)",
    "^(cars|auto-parts|steel|aluminum|other-goods)(;(cars|auto-parts|steel|aluminum|other-goods))*$":
        "product categories separated by ';' (cars, auto-parts, steel, aluminum, other-goods; e.g. cars;auto-parts)",
    "^\\d+ FR \\d+(-\\d+)?$": "volume, FR, first page and last page (e.g. 90 FR 15041-15109)",
    "^https://\\S+$": "a web address starting with https:// (no spaces)",
}


def pattern_in_words(field: dict) -> str:
    pattern = field.get("constraints", {}).get("pattern", "")
    if pattern in PATTERN_WORDS:
        return PATTERN_WORDS[pattern]
    if dates.is_date_pattern(pattern):
        return dates.forms_in_words(dates.forms_accepted_by(pattern))
    return f"a value of the form described for '{field['name']}' in the data dictionary (book/appendix.md)"


def is_date_field(field: dict, names: set[str]) -> bool:
    """A date column: it has a precision companion column, or its schema pattern is one for dates."""
    return bool(_precision_field(field["name"], names)) or dates.is_date_pattern(field.get("constraints", {}).get("pattern"))


def _check_cell(value: str, field: dict) -> tuple[str, str] | None:
    """(what was expected, what to do) if the value breaks the field's type or constraints."""
    c = field.get("constraints", {})
    if value == "":
        return ("a value (this column is required)", "fill it in") if c.get("required") else None
    kind = field.get("type", "string")
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            return "a whole number such as 3", "write digits only: no decimals, units or words"
        number = int(value)
    elif kind == "number":
        try:
            number = float(value)
        except ValueError:
            return "a number such as 24 or 0.2", "write '.' for decimals, with no % sign and no thousands separator"
    elif kind == "boolean":
        if value not in BOOLEANS:
            return "true or false", "write true or false in lower case"
        return None
    else:
        number = None
        if value != value.strip():
            return "no spaces at the start or end", "delete them"
        if value.startswith(FORMULA_PREFIXES):
            return ("text that does not start with = + - @ (a spreadsheet would run it as a formula)",
                    "reword the start of the text")
    if "enum" in c and value not in c["enum"]:
        close = difflib.get_close_matches(value, c["enum"], n=1)
        return f"one of {', '.join(c['enum'])}", (f"did you mean '{close[0]}'?" if close else "write one of them exactly as shown")
    if "pattern" in c and not re.fullmatch(c["pattern"], value):
        return pattern_in_words(field), "rewrite the value in that form"
    if number is not None:
        if "minimum" in c and number < c["minimum"]:
            return f"a value of at least {c['minimum']}", "correct the value from the source"
        if "maximum" in c and number > c["maximum"]:
            return f"a value of at most {c['maximum']}", "correct the value from the source (a rate is in percent: 25, not 0.25 or 2500)" \
                if field["name"].endswith("percent") else "correct the value from the source"
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
        return [Problem(_display(package_path), 0, "", f"cannot read the schema ({err}): correct the JSON at the"
                        " place named, or restore the file from git (git checkout -- book/data/datapackage.json)")]

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
    known_ids = {word: {r[key] for r in tables[resource].rows}
                 for word, (resource, key) in references.TARGETS.items() if resource in tables}
    for name, table in tables.items():
        _check_keys(table, schemas[name], tables, problems)
        _check_quotes(table, schemas[name], seeds, problems)
        _check_references(table, schemas[name], known_ids, problems)
        groups = next((r.get("x-briefing-evidence", []) for r in package["resources"] if r["name"] == name), [])
        evidence.check_rows(table, groups, sources, _display(table.path), problems, Problem)
    if "sources" in tables:
        shown = _display(tables["sources"].path)
        evidence.check_sources(tables["sources"], seeds, shown, problems, Problem)
        for source_id in sorted(set(seeds) - set(sources)):
            problems.append(Problem(shown, 0, "source_id", f"seeds/{source_id}.txt has no row in sources.csv: add one with kind "
                                    "archived-article (CONTRIBUTING.md, 'Archive a new source')"))
    return sorted(set(problems))


def _check_rows(table: Table, schema: dict, problems: list[Problem]) -> None:
    shown = _display(table.path)
    fields = schema["fields"]
    names = {f["name"] for f in fields}
    for row, line in zip(table.rows, table.lines, strict=True):
        for field in fields:
            value = row[field["name"]]
            if value and is_date_field(field, names):
                error = _check_date(row, field, names)
                if error:
                    problems.append(Problem(shown, line, field["name"], error))
                continue
            broken = _check_cell(value, field)
            if broken:
                expected, fix = broken
                problems.append(Problem(shown, line, field["name"], f"expected {expected}, found {value!r}: {fix}"))
            unless = field.get("x-briefing-required-unless")
            if unless:
                error = _check_required_unless(value, row, unless)
                if error:
                    problems.append(Problem(shown, line, field["name"], error))


def _check_required_unless(value: str, row: dict[str, str], unless: dict) -> str | None:
    """A column required except where another column has one of some values, and then empty
    (x-briefing-required-unless: e.g. a rate for every measure but an undocumented period)."""
    other, values = unless["field"], unless["values"]
    excepted = row.get(other, "") in values
    if value == "" and not excepted:
        return (f"expected a value (this column is required unless {other} is {' or '.join(values)}): fill it in, "
                f"or set {other} to {' or '.join(values)} if no document gives it")
    if value != "" and excepted:
        return (f"expected no value where {other} is {row[other]!r}, found {value!r}: delete it, "
                f"or change {other} to how the document charges it")
    return None


def _check_date(row: dict[str, str], field: dict, names: set[str]) -> str | None:
    """A date value, checked and explained in words: its form, the calendar, then its precision."""
    value = row[field["name"]]
    forms = dates.forms_accepted_by(field.get("constraints", {}).get("pattern"))
    form = dates.form_of(value)
    if form not in forms:
        found = f"{dates.FORMS[form][0]} " if form else ""
        return (f"{found}{value!r} is not a date in a form this column takes: write {dates.forms_in_words(forms)}."
                + dates.hint(value))
    wrong = dates.not_a_real_date(value)
    if wrong:
        return f"expected a real calendar date, found {value!r}: {wrong}; correct the date from the source"
    precision_name = _precision_field(field["name"], names)
    if not precision_name:
        return dates.check(value, "range") if "/" in value else None
    precision = row[precision_name]
    if not precision:
        return (f"{field['name']} {value!r} has no precision: fill in '{precision_name}' with how precise the source"
                " is (day, week, part-of-month, month, range or before)")
    error = dates.check(value, precision)
    return f"{error}: change the date or the precision to what the source supports" if error else None


def _check_keys(table: Table, schema: dict, tables: dict[str, Table], problems: list[Problem]) -> None:
    shown = _display(table.path)
    pk = schema.get("primaryKey")
    pk = [pk] if isinstance(pk, str) else (pk or [])
    if pk:
        seen: dict[tuple, int] = {}
        for row, line in zip(table.rows, table.lines, strict=True):
            key = tuple(row[k] for k in pk)
            if key in seen:
                problems.append(Problem(shown, line, ",".join(pk), f"duplicate id {'/'.join(key)!r}: already used on line"
                                        f" {seen[key]}; give this row an id of its own"))
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
                    close = difflib.get_close_matches(value, sorted(known), n=1)
                    fix = f"did you mean {close[0]!r}?" if close else f"add a row for it to {resource}.csv first, or correct it"
                    problems.append(Problem(shown, line, column, f"unknown id {value!r}: expected an id from {resource}.csv"
                                            f" column '{ref}': {fix}"))


def _check_references(table: Table, schema: dict, known: dict[str, set[str]], problems: list[Problem]) -> None:
    """Every 'discrepancy <id>' or 'event <id>' in a row's own words names a row that exists, of
    the ids in ``known`` (quotes are the sources' words, so they are not read for references)."""
    shown = _display(table.path)
    columns = [f["name"] for f in schema["fields"] if f.get("type", "string") == "string" and "x-briefing-quote-in" not in f]
    for row, line in zip(table.rows, table.lines, strict=True):
        for column in columns:
            for word, row_id in references.REFERENCE.findall(row[column] or ""):
                if word in known and row_id not in known[word]:
                    resource, key = references.TARGETS[word]
                    close = difflib.get_close_matches(row_id, sorted(known[word]), n=1)
                    fix = (f"did you mean {close[0]!r}?" if close else
                           f"correct the id, add the row to {resource}.csv, or remove the reference")
                    problems.append(Problem(shown, line, column, f"'{word} {row_id}' refers to no row: expected an id"
                                            f" from {resource}.csv column '{key}': {fix}"))


def _load_seeds(seeds_dir: Path, problems: list[Problem]) -> dict[str, str]:
    if not seeds_dir.is_dir():
        problems.append(Problem(_display(seeds_dir), 0, "", "directory of archived sources is missing: restore seeds/"
                                " from git (git checkout -- seeds)"))
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
                    problems.append(Problem(shown, line, field["name"], quotes.explain(excerpt, source_id, seeds[source_id], seeds)))


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
