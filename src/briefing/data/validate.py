"""Validate the curated data against book/data/datapackage.json.

Every problem is collected (never just the first) and reported as

    book/data/events.csv:14: column 'date': expected <what>, found '<value>'

with the line number an editor sees in the file. Files are only read, never rewritten.
Run as ``python -m briefing.data [DATA_DIR]``; exits 1 when anything is wrong.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

from .. import paths
from . import dates, evidence, quotes, references
from .problems import Problem, shown
from .table import Table, check_header, read_table

# Characters that make a spreadsheet treat a cell as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
QUOTE_SEPARATOR = " [...] "
BOOLEANS = {"true": True, "false": False}


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quote_excerpts(quote: str) -> list[str]:
    return [normalise_space(part) for part in quote.split(QUOTE_SEPARATOR) if part.strip()]


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
        return [Problem(shown(package_path), 0, "", f"cannot read the schema ({err}): correct the JSON at the"
                        " place named, or restore the file from git (git checkout -- book/data/datapackage.json)")]

    tables: dict[str, Table] = {}
    schemas: dict[str, dict] = {}
    for resource in package["resources"]:
        schema = resource["schema"]
        table = read_table(resource["name"], data_dir / resource["path"], problems)
        if table is None or not check_header(table, schema["fields"], problems):
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
        evidence.check_rows(table, groups, sources, problems)
    if "sources" in tables:
        evidence.check_sources(tables["sources"], seeds, problems)
    return sorted(set(problems))


def _check_rows(table: Table, schema: dict, problems: list[Problem]) -> None:
    shown = table.shown
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
    shown = table.shown
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
    shown = table.shown
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
        problems.append(Problem(shown(seeds_dir), 0, "", "directory of archived sources is missing: restore seeds/"
                                " from git (git checkout -- seeds)"))
        return {}
    return {p.stem: normalise_space(p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))}


def _check_quotes(table: Table, schema: dict, seeds: dict[str, str], problems: list[Problem]) -> None:
    shown = table.shown
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
        print(f"\n{len(problems)} problem(s) found in {shown(data_dir)}; no file was changed.", file=sys.stderr)
        return 1
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    print(f"{shown(data_dir)}: {len(package['resources'])} tables valid; every quote found in its archived article, "
          "every other citation has its locator.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
