"""Each cell against its column in datapackage.json: type, pattern, enumeration, range, and dates.

A date column (one with a precision companion such as ``date_precision``, or a pattern for
dates) is checked as a date: its form, the calendar, then that the value fits its precision
(briefing.data.dates). Messages say what was expected in words, never as a regular expression.
"""

from __future__ import annotations

import difflib
import re

from . import dates
from .problems import Problem
from .table import Table

# Characters that make a spreadsheet treat a cell as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOOLEANS = {"true": True, "false": False}

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
    "^9903\\.03\\.\\d{2}(-9903\\.03\\.\\d{2})?$": "a heading of the surcharge such as 9903.03.05, or a range of two such as"
                                                " 9903.03.03-9903.03.04",
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


def check_rows(table: Table, schema: dict, problems: list[Problem]) -> None:
    """Every cell of every row, against its column's schema."""
    fields = schema["fields"]
    names = {f["name"] for f in fields}
    for row, line in table.numbered():
        for field in fields:
            value = row[field["name"]]
            if value and is_date_field(field, names):
                error = _check_date(row, field, names)
                if error:
                    problems.append(Problem(table.shown, line, field["name"], error))
                continue
            broken = _check_cell(value, field)
            if broken:
                expected, fix = broken
                problems.append(Problem(table.shown, line, field["name"], f"expected {expected}, found {value!r}: {fix}"))
            unless = field.get("x-briefing-required-unless")
            if unless:
                error = _check_required_unless(value, row, unless)
                if error:
                    problems.append(Problem(table.shown, line, field["name"], error))


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
