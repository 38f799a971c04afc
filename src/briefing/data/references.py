"""References from one row's text to another row: 'see discrepancy 14-or-24', 'event framework-announced'.

A note may point to a discrepancy or an event by its id, so that users of the data can follow it;
the site shows the row's own words instead (briefing.chapters.tables). The validator checks that
each reference names a row that exists, so a renamed or never-written row is caught, not shown as
a bare id.
"""

from __future__ import annotations

import difflib
import re

from .problems import Problem
from .table import Table

REFERENCE = re.compile(r"\b(discrepancy|event) ([a-z0-9]+(?:-[a-z0-9]+)+)\b")

# What each word refers to: the table and its key column.
TARGETS = {"discrepancy": ("discrepancies", "discrepancy_id"), "event": ("events", "event_id")}


def known_ids(tables: dict[str, Table]) -> dict[str, set[str]]:
    """The ids a reference may name, by its word ('discrepancy', 'event'), of the tables that were read."""
    return {word: {r[key] for r in tables[resource].rows} for word, (resource, key) in TARGETS.items() if resource in tables}


def check_references(table: Table, schema: dict, known: dict[str, set[str]], problems: list[Problem]) -> None:
    """Every 'discrepancy <id>' or 'event <id>' in a row's own words names a row that exists, of
    the ids in ``known`` (quotes are the sources' words, so they are not read for references)."""
    columns = [f["name"] for f in schema["fields"] if f.get("type", "string") == "string" and "x-briefing-quote-in" not in f]
    for row, line in table.numbered():
        for column in columns:
            for word, row_id in REFERENCE.findall(row[column] or ""):
                if word in known and row_id not in known[word]:
                    resource, key = TARGETS[word]
                    close = difflib.get_close_matches(row_id, sorted(known[word]), n=1)
                    fix = (f"did you mean {close[0]!r}?" if close else
                           f"correct the id, add the row to {resource}.csv, or remove the reference")
                    problems.append(Problem(table.shown, line, column, f"'{word} {row_id}' refers to no row: expected an id"
                                            f" from {resource}.csv column '{key}': {fix}"))
